//! The legend's filter: predicate semantics (AND across facets, OR within
//! one) and facet counts, on hand-made sites where every answer can be
//! worked out by eye, and on the shipped data.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use std::collections::BTreeSet;

use cca_atlas::geo::bounds::LatLon;
use cca_atlas::model::{
    Category, Country, Precision, Sector, Site, SiteGeometry, Status, load_catalog,
};
use cca_atlas::model::{Names, ReportPlace};
use cca_atlas::view::filter::{Filter, Layer, YearRange, counts, layers, statuses, year_span};

fn site(
    id: &str,
    category: Category,
    sector: Sector,
    countries: &[Country],
    status: Status,
    years: (Option<u16>, Option<u16>),
) -> Site {
    Site {
        id: id.to_owned(),
        name: id.to_owned(),
        alt_names: vec![],
        names: Names::default(),
        sector,
        category,
        countries: countries.to_vec(),
        status,
        start_year: years.0,
        completion_year: years.1,
        capacity: None,
        operator: None,
        partners: vec![],
        company_names: Vec::new(),
        precision: Precision::Exact,
        precision_km: None,
        report_quote: String::new(),
        report_mentions: vec![],
        report_place: ReportPlace::Achievement(sector),
        from_report: vec![],
        sources: vec![],
        description: String::new(),
        geometry: SiteGeometry::Point(LatLon::new(43.0, 70.0)),
    }
}

use Country::{China as CN, Kazakhstan as KZ, Uzbekistan as UZ};

/// Five sites: two wind farms, a solar plant, a railway, an oil field.
fn sample() -> Vec<Site> {
    vec![
        site(
            "wind-kz",
            Category::Wind,
            Sector::Green,
            &[KZ],
            Status::Operational,
            (Some(2019), Some(2021)),
        ),
        site(
            "wind-uz",
            Category::Wind,
            Sector::Green,
            &[UZ],
            Status::UnderConstruction,
            (None, Some(2025)),
        ),
        site(
            "solar-kz",
            Category::Solar,
            Sector::Green,
            &[KZ],
            Status::Planned,
            (None, None),
        ),
        site(
            "rail",
            Category::Railway,
            Sector::Connectivity,
            &[CN, KZ, UZ],
            Status::Launched,
            (Some(2024), None),
        ),
        site(
            "oil",
            Category::OilGas,
            Sector::Energy,
            &[KZ],
            Status::Operational,
            (Some(1997), None),
        ),
    ]
}

fn visible_ids(filter: &Filter, sites: &[Site]) -> Vec<String> {
    sites
        .iter()
        .filter(|s| filter.admits(s))
        .map(|s| s.id.clone())
        .collect()
}

const WIND: Layer = Layer {
    sector: Sector::Green,
    category: Category::Wind,
};
const RAIL: Layer = Layer {
    sector: Sector::Connectivity,
    category: Category::Railway,
};

#[test]
fn default_filter_shows_everything() {
    let sites = sample();
    let filter = Filter::default();
    assert!(filter.is_default());
    assert_eq!(visible_ids(&filter, &sites).len(), 5);
    assert_eq!(counts(&filter, &sites).visible, 5);
}

#[test]
fn hiding_a_layer_removes_exactly_its_sites() {
    let sites = sample();
    let mut filter = Filter::default();
    filter.set_layer(WIND, false);
    assert!(!filter.is_default(), "a hidden layer is a change");
    assert_eq!(visible_ids(&filter, &sites), ["solar-kz", "rail", "oil"]);
    filter.set_layer(WIND, true);
    assert!(filter.is_default());
}

#[test]
fn any_facet_set_makes_the_filter_not_the_default() {
    let countries = Filter {
        countries: BTreeSet::from([KZ]),
        ..Filter::default()
    };
    let statuses = Filter {
        statuses: BTreeSet::from([Status::Planned]),
        ..Filter::default()
    };
    let years = Filter {
        years: YearRange::new(2000, 2040),
        ..Filter::default()
    };
    for filter in [countries, statuses, years] {
        assert!(!filter.is_default(), "{filter:?}");
    }
}

#[test]
fn a_sector_switch_covers_all_its_layers_only() {
    let sites = sample();
    let all = layers(&sites);
    let mut filter = Filter::default();
    filter.set_sector(&all, Sector::Green, false);
    assert_eq!(visible_ids(&filter, &sites), ["rail", "oil"]);
    assert_eq!(filter.hidden.len(), 2, "wind and solar");
}

#[test]
fn or_within_a_facet_and_across_facets() {
    let sites = sample();
    let mut filter = Filter {
        countries: BTreeSet::from([UZ]),
        ..Filter::default()
    };
    assert_eq!(visible_ids(&filter, &sites), ["wind-uz", "rail"]);
    filter.countries.insert(CN);
    assert_eq!(
        visible_ids(&filter, &sites),
        ["wind-uz", "rail"],
        "OR within: CN adds only the railway, already in"
    );
    filter.statuses = BTreeSet::from([Status::Launched, Status::Operational]);
    assert_eq!(visible_ids(&filter, &sites), ["rail"], "AND across facets");
}

#[test]
fn year_range_overlaps_spans_and_drops_undated_sites() {
    let sites = sample();
    let mut filter = Filter {
        years: YearRange::new(2020, 2020),
        ..Filter::default()
    };
    // wind-kz spans 2019–2021; nothing else touches 2020; solar-kz is undated.
    assert_eq!(visible_ids(&filter, &sites), ["wind-kz"]);
    filter.years = YearRange::new(2024, 2030);
    assert_eq!(visible_ids(&filter, &sites), ["wind-uz", "rail"]);
    assert_eq!(
        YearRange::new(2030, 2024),
        None,
        "reversed ranges are not ranges"
    );
}

#[test]
fn counts_follow_the_other_facets_not_their_own() {
    let sites = sample();
    let mut filter = Filter {
        countries: BTreeSet::from([KZ]),
        ..Filter::default()
    };
    filter.set_layer(WIND, false);
    let c = counts(&filter, &sites);
    // Visible: solar-kz, rail, oil (wind hidden; wind-uz is not in KZ).
    assert_eq!(c.visible, 3);
    // A hidden layer still shows what it would add under the other facets.
    assert_eq!(c.layer(WIND), 1, "wind-kz only: wind-uz is outside KZ");
    assert_eq!(c.layer(RAIL), 1);
    assert_eq!(c.sector(Sector::Green), 2, "wind-kz and solar-kz");
    assert_eq!(c.sector(Sector::Energy), 1, "oil");
    assert_eq!(c.sector(Sector::Security), 0, "no such sites");
    // Country counts ignore the country facet but honour the hidden layer.
    assert_eq!(c.country(KZ), 3);
    assert_eq!(c.country(UZ), 1, "rail; wind-uz is hidden by its layer");
    assert_eq!(c.country(CN), 1);
    assert_eq!(c.status(Status::Operational), 1, "oil; wind-kz is hidden");
    assert_eq!(c.status(Status::UnderConstruction), 0);
}

#[test]
fn counts_agree_with_the_predicate_for_every_single_choice() {
    // For each single-value facet choice, the count shown beside it must be
    // what choosing it alone would show.
    let sites = load_catalog().expect("data loads");
    let base = Filter::default();
    let c = counts(&base, &sites);
    for country in Country::ALL {
        let mut f = base.clone();
        f.countries = BTreeSet::from([*country]);
        assert_eq!(
            c.country(*country),
            visible_ids(&f, &sites).len(),
            "{country:?}"
        );
    }
    for status in Status::ALL {
        let mut f = base.clone();
        f.statuses = BTreeSet::from([*status]);
        assert_eq!(
            c.status(*status),
            visible_ids(&f, &sites).len(),
            "{status:?}"
        );
    }
    let all = layers(&sites);
    for layer in &all {
        let mut f = base.clone();
        for other in &all {
            f.set_layer(*other, other == layer);
        }
        assert_eq!(c.layer(*layer), visible_ids(&f, &sites).len(), "{layer:?}");
    }
    assert_eq!(all.iter().map(|l| c.layer(*l)).sum::<usize>(), sites.len());
}

#[test]
fn shipped_data_has_the_legend_the_issue_asks_for() {
    let sites = load_catalog().expect("data loads");
    // The legend, top to bottom: sectors in the report's order, categories
    // in the vocabulary's, one entry per pair that has sites.
    let legend: Vec<(&str, &str)> = layers(&sites)
        .iter()
        .map(|l| (l.sector.as_str(), l.category.as_str()))
        .collect();
    assert_eq!(
        legend,
        [
            ("connectivity", "railway"),
            ("connectivity", "highway"),
            ("connectivity", "tunnel"),
            ("connectivity", "air_route"),
            ("energy", "oil_gas"),
            ("energy", "thermal_power"),
            ("green", "gas_power"),
            ("green", "wind"),
            ("green", "solar"),
            ("green", "hydro"),
            ("development", "agriculture"),
            ("security", "security"),
            ("security", "meeting"),
            ("security", "summit"),
        ]
    );
    let span = year_span(&sites).expect("some site has a year");
    assert_eq!((span.from(), span.to()), (1997, 2025));
    assert!(statuses(&sites).contains(&Status::Planned));
}

#[test]
fn retain_layers_drops_unknown_entries() {
    let sites = sample();
    let mut filter = Filter::default();
    filter.hidden.insert(Layer {
        sector: Sector::Security,
        category: Category::Summit,
    });
    filter.hidden.insert(WIND);
    filter.retain_layers(&layers(&sites));
    assert_eq!(filter.hidden, BTreeSet::from([WIND]));
}

#[test]
fn only_one_sector_is_a_chip_until_anything_else_changes() {
    let sites = sample();
    let all = layers(&sites);
    let mut filter = Filter::default();
    assert_eq!(
        filter.only_sector_shown(&all),
        None,
        "everything shown is no chip"
    );
    filter.only_sector(&all, Sector::Green);
    assert_eq!(filter.only_sector_shown(&all), Some(Sector::Green));
    assert_eq!(
        visible_ids(&filter, &sites),
        ["wind-kz", "wind-uz", "solar-kz"]
    );
    filter.set_layer(WIND, false);
    assert_eq!(
        filter.only_sector_shown(&all),
        None,
        "part of a sector is no chip"
    );
    filter.set_layer(WIND, true);
    filter.set_layer(RAIL, true);
    assert_eq!(
        filter.only_sector_shown(&all),
        None,
        "two sectors are no chip"
    );
    let green: Vec<Layer> = all
        .iter()
        .filter(|l| l.sector == Sector::Green)
        .copied()
        .collect();
    assert_eq!(
        Filter::default().only_sector_shown(&green),
        None,
        "a legend of one sector has no chip: nothing else was hidden"
    );
    filter.countries.insert(KZ);
    filter.only_sector(&all, Sector::Energy);
    assert_eq!(filter.only_sector_shown(&all), Some(Sector::Energy));
    assert_eq!(visible_ids(&filter, &sites), ["oil"], "other facets stay");
}
