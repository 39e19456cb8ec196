//! The atlas's data checked against its rules (see assets/data/README.md):
//! every file loads into the model, ids are unique, quotes are verbatim in
//! the right section, facts are sourced, routes are real lines, and every
//! site the report names is present.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use std::collections::HashSet;

use cca_atlas::geo::geodesy::cross_track_km;
use cca_atlas::model::{
    Category, Country, DATA_FILES, NAMES_TEXT, Precision, Sector, Site, SiteGeometry, load_catalog,
    parse_file,
};
use cca_atlas::report::{REPORT_TEXT, Report};

fn sites() -> Vec<Site> {
    load_catalog().unwrap_or_else(|e| panic!("the data does not load: {e}"))
}

/// The report's own spellings of the sites the issue lists; each must be a
/// site's `name` or one of its `alt_names`, and occurs verbatim in the report.
const REPORT_NAMES: [&str; 21] = [
    "\"Angren-Pap\" railway tunnel",
    "China-Kyrgyzstan-Uzbekistan Railway",
    "China-Kyrgyzstan-Uzbekistan Highway",
    "China-Tajikistan-Uzbekistan Highway",
    "Aktobe oilfield development project",
    "Dushanbe No. 2 thermal power plant",
    "Bishkek thermal power plant",
    "Amu Darya natural gas project",
    "Bashi",
    "Zankerdi",
    "Navoi 100 MW photovoltaic power station",
    "Zhanatas wind farm",
    "Turgusun hydropower station",
    "Almaty photovoltaic power station",
    "Aktau gas turbine project",
    "Sheli photovoltaic project",
    "China-Kyrgyzstan Fruit Tree Breeding Technology Demonstration Park",
    "China-Central Asia Public Security and Internal Affairs Ministers' Meeting",
    "China-Central Asian Supreme Court Presidents' Meeting",
    "SCO Anti-Drug Center",
    "second China-Central Asia summit",
];

/// Sites the issue asks for that the report implies but does not name.
const IMPLIED_NAMES: [&str; 2] = ["Angren-Pap railway", "first China-Central Asia summit"];

fn normalise(name: &str) -> String {
    name.to_lowercase()
        .replace(['–', '—'], "-")
        .replace('’', "'")
}

#[test]
fn every_file_loads_and_ids_are_unique() {
    let mut ids = HashSet::new();
    for file in DATA_FILES {
        let sites = parse_file(file.name, file.text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!sites.is_empty(), "{} has no sites", file.name);
        for site in sites {
            assert!(ids.insert(site.id.clone()), "duplicate id {}", site.id);
            let expected = file.name.trim_end_matches(".geojson");
            assert_eq!(
                site.sector.as_str(),
                expected,
                "{} is in the wrong file",
                site.id
            );
        }
    }
    assert_eq!(sites().len(), ids.len());
}

#[test]
fn every_required_name_is_present() {
    let sites = sites();
    let names: HashSet<String> = sites
        .iter()
        .flat_map(|s| std::iter::once(&s.name).chain(&s.alt_names))
        .map(|n| normalise(n))
        .collect();
    let missing: Vec<&str> = REPORT_NAMES
        .iter()
        .chain(&IMPLIED_NAMES)
        .copied()
        .filter(|n| !names.contains(&normalise(n)))
        .collect();
    assert!(missing.is_empty(), "missing from the data: {missing:?}");
    for name in REPORT_NAMES {
        assert!(
            REPORT_TEXT.contains(name),
            "`{name}` is not the report's spelling"
        );
    }
}

#[test]
fn both_summits_are_there() {
    let sites = sites();
    let summits = sites
        .iter()
        .filter(|s| s.category == Category::Summit)
        .count();
    assert_eq!(
        summits, 2,
        "the first and second China–Central Asia summits"
    );
}

/// The report: "There are now flights connecting China's Xi'an with 7
/// cities of the 5 Central Asian countries." One air route per city: seven
/// routes, seven different destinations, together in all five countries.
#[test]
fn the_air_routes_are_the_reports_seven_cities_in_five_countries() {
    assert!(REPORT_TEXT.contains("Xi'an with 7 cities of the 5 Central Asian countries"));
    let sites = sites();
    let air: Vec<&Site> = sites
        .iter()
        .filter(|s| s.category == Category::AirRoute)
        .collect();
    assert_eq!(air.len(), 7, "one air route per city");
    let mut cities: Vec<(i64, i64)> = air
        .iter()
        .map(|s| {
            let end = s.geometry.positions().last().expect("a route has vertices");
            (
                (end.lat * 10.0).round() as i64,
                (end.lon * 10.0).round() as i64,
            )
        })
        .collect();
    cities.sort_unstable();
    cities.dedup();
    assert_eq!(cities.len(), 7, "seven different destinations");
    let countries: HashSet<Country> = air
        .iter()
        .flat_map(|s| s.countries.iter().copied())
        .filter(|c| *c != Country::China)
        .collect();
    assert_eq!(countries.len(), 5, "the five Central Asian countries");
    for site in &air {
        assert_eq!(
            site.countries.len(),
            2,
            "{}: China and one destination country",
            site.id
        );
    }
}

#[test]
fn every_quote_is_verbatim_in_its_own_section() {
    let report = Report::parse(REPORT_TEXT).expect("report parses");
    for site in sites() {
        assert!(
            report.quotes(site.report_place, &site.report_quote),
            "{}: quote not found in {:?}: {}",
            site.id,
            site.report_place,
            site.report_quote
        );
    }
}

#[test]
fn every_report_mention_is_verbatim_in_its_own_section() {
    let report = Report::parse(REPORT_TEXT).expect("report parses");
    let sites = sites();
    let mut mentioned = 0;
    for site in &sites {
        for phrase in &site.report_mentions {
            assert!(
                report.quotes(site.report_place, phrase),
                "{}: mention `{phrase}` is not in its section",
                site.id
            );
            mentioned += 1;
        }
    }
    assert!(mentioned >= 10, "the air links and the parks have mentions");
}

#[test]
fn every_fact_beyond_the_report_has_a_source() {
    for site in sites() {
        assert!(
            site.unsourced_facts().is_empty(),
            "{}: unsourced {:?}",
            site.id,
            site.unsourced_facts()
        );
        for source in &site.sources {
            assert!(
                !source.supports.is_empty(),
                "{}: source `{}` supports nothing",
                site.id,
                source.title
            );
        }
    }
}

/// Whether `text` has a CJK ideograph (the unified block and extension A).
fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}'))
}

/// Whether `text` has a Cyrillic letter.
fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04ff}'))
}

#[test]
fn every_name_in_another_language_is_sourced_and_in_its_script() {
    let sites = sites();
    let mut counts = (0, 0);
    for site in &sites {
        for (field, name) in site.names.fields() {
            let sourced = site
                .sources
                .iter()
                .any(|s| s.supports.iter().any(|f| f == field));
            assert!(sourced, "{}: no source supports {field} `{name}`", site.id);
            assert_ne!(name, site.name, "{}: {field} is the English name", site.id);
        }
        if let Some(zh) = &site.names.zh {
            assert!(has_cjk(zh), "{}: names.zh `{zh}` has no Chinese", site.id);
            counts.0 += 1;
        }
        if let Some(ru) = &site.names.ru {
            assert!(
                has_cyrillic(ru),
                "{}: names.ru `{ru}` has no Cyrillic",
                site.id
            );
            counts.1 += 1;
        }
    }
    // Most sites have both; a regression that drops the property would
    // otherwise pass unnoticed.
    assert!(
        counts.0 * 10 >= sites.len() * 9 && counts.1 * 10 >= sites.len() * 8,
        "names: {counts:?} of {}",
        sites.len()
    );
}

#[test]
fn an_assembled_name_says_so_in_every_source_for_it() {
    // A name put together from sourced parts (two city names, a joint name
    // split in two) cites every part, and each title says "(name assembled
    // from …)"; the air links' names are all assembled.
    for site in sites() {
        for (field, _) in site.names.fields() {
            let sources: Vec<&str> = site
                .sources
                .iter()
                .filter(|s| s.supports.iter().any(|f| f == field))
                .map(|s| s.title.as_str())
                .collect();
            let assembled = sources
                .iter()
                .filter(|t| t.contains("(name assembled from "))
                .count();
            if site.category == Category::AirRoute {
                assert!(
                    assembled >= 1,
                    "{}: {field} is built from two city names",
                    site.id
                );
            }
            assert!(
                assembled == 0 || assembled == sources.len(),
                "{}: {field} is assembled in one source's title and not another's",
                site.id
            );
        }
    }
}

#[test]
fn approximate_sites_are_placed_within_300_km() {
    // `Site::try_from` already rejects a position outside the region, an
    // approximate site without a radius and a site without a country; what
    // it does not know is how rough a place may be for this atlas.
    let sites = sites();
    let approximate: Vec<&Site> = sites
        .iter()
        .filter(|s| s.precision == Precision::Approximate)
        .collect();
    assert!(!approximate.is_empty(), "the data has approximate sites");
    for site in approximate {
        assert!(
            site.precision_km.is_some_and(|km| km <= 300.0),
            "{}: {:?} km",
            site.id,
            site.precision_km
        );
    }
}

#[test]
fn routes_are_lines_and_points_are_not() {
    for site in sites() {
        let is_route = matches!(
            site.category,
            Category::Railway | Category::Highway | Category::AirRoute
        );
        // `Site::try_from` checks a line's vertices, not which categories
        // may be lines; the legend draws a tunnel as a marker.
        match &site.geometry {
            SiteGeometry::Line(_) => assert!(is_route, "{} is a line", site.id),
            SiteGeometry::Point(_) => assert!(!is_route, "{} is a route drawn as a point", site.id),
        }
    }
}

#[test]
fn the_names_file_names_only_sites_that_exist() {
    let root: serde_json::Value =
        serde_json::from_str(NAMES_TEXT).unwrap_or_else(|e| panic!("names.json: {e}"));
    let ids: HashSet<String> = sites().into_iter().map(|s| s.id).collect();
    let entries = root["sites"].as_object().expect("a sites object");
    assert!(!entries.is_empty());
    for id in entries.keys() {
        assert!(
            ids.contains(id),
            "names.json names `{id}`, which no site has"
        );
    }
}

#[test]
fn every_company_name_is_sourced_in_its_own_entry_and_belongs_to_a_site() {
    let root: serde_json::Value =
        serde_json::from_str(NAMES_TEXT).unwrap_or_else(|e| panic!("names.json: {e}"));
    let Some(companies) = root.get("companies").and_then(|c| c.as_object()) else {
        return;
    };
    let sites = sites();
    for (english, entry) in companies {
        assert!(
            sites
                .iter()
                .any(|s| s.operator.as_deref() == Some(english.as_str())
                    || s.partners.iter().any(|p| p == english)),
            "names.json names the company `{english}`, which no site has"
        );
        for (lang, field) in [("zh", "companies.zh"), ("ru", "companies.ru")] {
            let Some(name) = entry["names"].get(lang).and_then(|n| n.as_str()) else {
                continue;
            };
            let sourced = entry["sources"].as_array().into_iter().flatten().any(|s| {
                s["supports"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|f| f == field)
            });
            assert!(
                sourced,
                "{english}: `{name}` has no source supporting {field}"
            );
            match lang {
                "zh" => assert!(has_cjk(name), "{english}: `{name}` has no Chinese"),
                _ => assert!(
                    name.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
                    "{english}: `{name}` has no Cyrillic"
                ),
            }
        }
    }
}

#[test]
fn every_road_and_railway_names_a_source_for_its_course() {
    // The README draws a road or railway through the towns and passes it
    // crosses; the sources for those places are the ones marked `route`.
    // Air routes need none: their course is the great circle.
    let sites = sites();
    let ground_routes = sites
        .iter()
        .filter(|s| matches!(s.category, Category::Railway | Category::Highway));
    for site in ground_routes {
        let has_route_source = site
            .sources
            .iter()
            .any(|source| source.supports.iter().any(|f| f == "route"));
        assert!(has_route_source, "{}: no source supports `route`", site.id);
    }
}

#[test]
fn air_routes_start_in_xian_and_follow_the_great_circle() {
    for site in sites()
        .into_iter()
        .filter(|s| s.category == Category::AirRoute)
    {
        let SiteGeometry::Line(points) = &site.geometry else {
            panic!("{} is not a line", site.id);
        };
        let (first, last) = (points[0], points[points.len() - 1]);
        assert!(
            (first.lat - 34.44).abs() < 0.2 && (first.lon - 108.75).abs() < 0.2,
            "{} starts at {first:?}",
            site.id
        );
        for p in points {
            let off = cross_track_km(*p, first, last);
            assert!(
                off < 1.0,
                "{}: vertex {p:?} is {off:.1} km off the great circle",
                site.id
            );
        }
    }
}

#[test]
fn sectors_of_sites_are_the_report_sections_with_sites() {
    let sectors: HashSet<Sector> = sites().iter().map(|s| s.sector).collect();
    assert!(
        !sectors.contains(&Sector::Trade),
        "trade totals are not points"
    );
    assert_eq!(sectors.len(), 5);
}

#[test]
fn index_html_preloads_exactly_the_data_files_the_app_fetches() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html is readable");
    let preloaded: Vec<&str> = html
        .lines()
        .filter(|l| l.contains("rel=\"preload\""))
        .filter_map(|l| l.split("href=\"data/").nth(1)?.split('"').next())
        .collect();
    assert_eq!(preloaded, cca_atlas::model::DATA_FILE_NAMES);
}
