//! The report as the panel shows it, on the real text: its structure,
//! sentences, which sentences cite which sites, the words that become site
//! buttons, and every key figure with its value, unit and sentence.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use cca_atlas::model::ReportPlace;
use cca_atlas::model::{Sector, Site, load_catalog};
use cca_atlas::report::figures::{Bound, Figure, Unit, figures, format_quantity, trade_change};
use cca_atlas::report::story::{RELEASE_DATE, SectionKind, Segment, Story, weekday};
use cca_atlas::report::{REPORT_TEXT, Report};

fn setup() -> (Vec<Site>, Story) {
    let sites = load_catalog().expect("data loads");
    let report = Report::parse(REPORT_TEXT).expect("report parses");
    let story = Story::build(&report, &sites);
    (sites, story)
}

#[test]
fn structure_is_intro_six_achievements_two_challenges() {
    let (_, story) = setup();
    let sectors: Vec<SectionKind> = story.achievements.iter().map(|s| s.kind).collect();
    assert_eq!(
        sectors,
        Sector::ALL
            .iter()
            .map(|s| SectionKind::Achievement(*s))
            .collect::<Vec<_>>()
    );
    assert_eq!(story.challenges.len(), 2);
    assert!(
        story
            .challenges
            .iter()
            .all(|c| c.kind == SectionKind::Challenge)
    );
    assert_eq!(story.intro.paragraphs.len(), 4);
    assert_eq!(
        story.title.as_deref(),
        Some(
            "Championing the China-Central Asia Spirit: Achievements, Opportunities and Prospects for Regional Cooperation"
        )
    );
    assert_eq!(story.publisher.as_deref(), Some("Xinhua Institute"));
    assert_eq!(story.released_on.as_deref(), Some("Sunday"));
    let all: String = story.sentences().map(|s| s.text.as_str()).collect();
    assert!(
        !all.contains("Philippines"),
        "the reader comment is not part of the report"
    );
    assert!(!all.contains("I hope"));
}

#[test]
fn sentences_rebuild_their_paragraphs_and_have_unique_ids() {
    let (_, story) = setup();
    let report = Report::parse(REPORT_TEXT).expect("report parses");
    let trade = report.achievement(Sector::Trade).expect("trade");
    let rebuilt: Vec<String> = story.achievements[0]
        .paragraphs
        .iter()
        .map(|p| {
            p.iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(rebuilt, trade.paragraphs);
    // "U.S. dollars" does not end a sentence; the Trade section's first
    // paragraph has exactly two sentences.
    assert_eq!(story.achievements[0].paragraphs[0].len(), 2);
    let mut ids: Vec<&str> = story.sentences().map(|s| s.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for sentence in story.sentences() {
        let joined: String = sentence
            .segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.as_str(),
                Segment::Mention { text, .. } => text.as_str(),
            })
            .collect();
        assert_eq!(joined, sentence.text, "segments cover the sentence exactly");
    }
}

#[test]
fn every_site_is_cited_by_a_sentence_of_its_own_section() {
    let (sites, story) = setup();
    for (i, site) in sites.iter().enumerate() {
        let citing = story.citing(i);
        assert!(!citing.is_empty(), "{} is cited nowhere", site.id);
        for sentence in citing {
            let section = story
                .section_of(&sentence.id)
                .expect("sentence has a section");
            let expected = match site.report_place {
                ReportPlace::Intro => SectionKind::Intro,
                ReportPlace::Achievement(s) => SectionKind::Achievement(s),
            };
            assert_eq!(
                section.kind, expected,
                "{} cited outside its section",
                site.id
            );
        }
    }
}

#[test]
fn names_in_the_text_become_mentions_of_their_sites() {
    let (sites, story) = setup();
    let id = |i: &usize| sites[*i].id.as_str();
    let mentions: Vec<(String, Vec<&str>)> = story
        .sentences()
        .flat_map(|s| s.segments.iter())
        .filter_map(|seg| match seg {
            Segment::Mention { text, sites } => {
                Some((text.clone(), sites.iter().map(id).collect()))
            }
            Segment::Text(_) => None,
        })
        .collect();
    let find = |phrase: &str| {
        mentions
            .iter()
            .find(|(t, _)| t == phrase)
            .map(|(_, ids)| ids.clone())
            .unwrap_or_else(|| panic!("no mention `{phrase}`"))
    };
    assert_eq!(find("Bashi"), ["bash-wind"]);
    assert_eq!(find("Zankerdi"), ["dzhankeldy-wind"]);
    assert_eq!(
        find("Sheli photovoltaic project"),
        ["shieli-solar"],
        "longest phrase wins"
    );
    assert_eq!(
        find("China-Kyrgyzstan-Uzbekistan Railway Project"),
        ["china-kyrgyzstan-uzbekistan-railway"]
    );
    assert_eq!(
        find("Xi'an with 7 cities").len(),
        7,
        "one phrase, seven air links"
    );
    assert_eq!(
        find("second China-Central Asia summit"),
        ["second-china-central-asia-summit"]
    );
    // Every site with a name, alternative name or mention phrase in its
    // section has at least one mention.
    let mentioned: std::collections::HashSet<&str> = mentions
        .iter()
        .flat_map(|(_, ids)| ids.iter().copied())
        .collect();
    let report = Report::parse(REPORT_TEXT).expect("report parses");
    for site in &sites {
        let named = std::iter::once(&site.name)
            .chain(&site.alt_names)
            .chain(&site.report_mentions)
            .any(|p| report.quotes(site.report_place, p));
        assert_eq!(mentioned.contains(site.id.as_str()), named, "{}", site.id);
    }
    assert!(
        mentioned.len() >= 30,
        "most sites are named in the text ({})",
        mentioned.len()
    );
}

fn figure<'a>(all: &'a [Figure], text: &str) -> &'a Figure {
    all.iter()
        .find(|f| f.value.text == text)
        .unwrap_or_else(|| {
            panic!(
                "no figure `{text}`: {:#?}",
                all.iter().map(|f| &f.value.text).collect::<Vec<_>>()
            )
        })
}

#[test]
fn every_key_figure_is_extracted_with_value_unit_and_sentence() {
    let (_, story) = setup();
    let all = figures(&story);
    let check = |text: &str, value: f64, unit: Unit, sector: Sector| {
        let f = figure(&all, text);
        assert!(
            (f.value.value - value).abs() < 1e-6 * value.abs().max(1.0),
            "{text}: {}",
            f.value.value
        );
        assert_eq!(f.value.unit, unit, "{text}");
        assert_eq!(f.sector, Some(sector), "{text}");
        let sentence = story
            .sentences()
            .find(|s| s.id == f.sentence)
            .expect("sentence exists");
        assert!(sentence.text.contains(text), "{text} is in its sentence");
        f
    };
    let t = check(
        "94.8 billion U.S. dollars",
        94.8e9,
        Unit::UsDollars,
        Sector::Trade,
    );
    assert!(!t.value.change);
    assert!(
        check(
            "5.4 billion U.S. dollars",
            5.4e9,
            Unit::UsDollars,
            Sector::Trade
        )
        .value
        .change
    );
    assert!(
        check("7.2%", 7.2, Unit::Percent, Sector::Trade)
            .value
            .change
    );
    check(
        "460 million U.S. dollars",
        460e6,
        Unit::UsDollars,
        Sector::Trade,
    );
    assert_eq!(
        check("US$17 billion", 17e9, Unit::UsDollars, Sector::Trade)
            .value
            .bound,
        Some(Bound::MoreThan)
    );
    assert_eq!(
        check("US$60 billion", 60e9, Unit::UsDollars, Sector::Trade)
            .value
            .bound,
        Some(Bound::MoreThan)
    );
    check("7 cities", 7.0, Unit::Cities, Sector::Connectivity);
    assert_eq!(
        check(
            "20,000 local people",
            20_000.0,
            Unit::People,
            Sector::Energy
        )
        .value
        .bound,
        Some(Bound::MoreThan)
    );
    let bishkek = check(
        "1.74 billion kWh",
        1.74e9,
        Unit::KilowattHours,
        Sector::Energy,
    );
    let from = bishkek.from.as_ref().expect("a from … to figure");
    assert_eq!((from.value, from.text.as_str()), (262e6, "262 million kWh"));
    assert!(bishkek.per_year);
    assert!(
        check(
            "10 billion cubic meters",
            10e9,
            Unit::CubicMetres,
            Sector::Energy
        )
        .per_year
    );
    let wind = check(
        "3 billion kilowatt-hours",
        3e9,
        Unit::KilowattHours,
        Sector::Green,
    );
    assert_eq!(wind.value.bound, Some(Bound::About));
    assert!(wind.per_year);
    let co2 = check("1.6 million tons", 1.6e6, Unit::Tonnes, Sector::Green);
    assert!(co2.clause.contains("carbon dioxide"));
    assert_eq!(format_quantity(&co2.value), "1.6 Mt");
    // These and no others, in reading order: no year ("In 2024"), count
    // ("the 5 Central Asian countries") or name ("No. 2") slipped in, and
    // "262 million kWh" is the start of the pair, not a figure of its own.
    let texts: Vec<&str> = all.iter().map(|f| f.value.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "94.8 billion U.S. dollars",
            "5.4 billion U.S. dollars",
            "7.2%",
            "460 million U.S. dollars",
            "US$17 billion",
            "US$60 billion",
            "7 cities",
            "20,000 local people",
            "1.74 billion kWh",
            "100%",
            "10 billion cubic meters",
            "3 billion kilowatt-hours",
            "1.6 million tons",
        ]
    );
}

#[test]
fn trade_chart_comes_from_the_reports_own_two_numbers() {
    let (_, story) = setup();
    let all = figures(&story);
    let change = trade_change(&story, &all).expect("trade totals");
    assert_eq!(change.year, 2024);
    assert!((change.total - 94.8e9).abs() < 1.0);
    assert!((change.previous - 89.4e9).abs() < 1.0, "2023 = 94.8 − 5.4");
    assert_eq!(change.stated_growth, Some(7.2));
    // The report's own numbers imply 6.0 %, not the 7.2 % it states.
    assert!(
        (change.implied_growth() - 6.04).abs() < 0.01,
        "{}",
        change.implied_growth()
    );
}

#[test]
fn the_release_date_from_sources_falls_on_the_day_the_report_names() {
    let (_, story) = setup();
    let (y, m, d) = RELEASE_DATE;
    assert_eq!(Some(weekday(y, m, d)), story.released_on.as_deref());
}
