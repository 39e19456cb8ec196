//! Search ranking on the shipped data: the report's spellings, alternative
//! names, organisations, countries and categories.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use cca_atlas::model::{Site, load_catalog};
use cca_atlas::view::search::{MatchKind, SearchIndex};

fn setup() -> (Vec<Site>, SearchIndex) {
    let sites = load_catalog().expect("data loads");
    let index = SearchIndex::new(&sites);
    (sites, index)
}

fn ids(sites: &[Site], index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(query, 50)
        .into_iter()
        .map(|h| sites[h.index].id.clone())
        .collect()
}

#[test]
fn report_spellings_find_their_sites_first() {
    let (sites, index) = setup();
    assert_eq!(
        ids(&sites, &index, "Bashi").first().map(String::as_str),
        Some("bash-wind")
    );
    assert_eq!(
        ids(&sites, &index, "zankerdi").first().map(String::as_str),
        Some("dzhankeldy-wind")
    );
    assert_eq!(
        ids(&sites, &index, "Sheli").first().map(String::as_str),
        Some("shieli-solar")
    );
    let hit = &index.search("Zankerdi", 1)[0];
    assert_eq!(hit.kind, MatchKind::AltExact);
    assert_eq!(
        hit.matched, "Zankerdi",
        "the matched spelling is reported for display"
    );
}

#[test]
fn names_rank_above_alternative_names_and_substrings() {
    let (sites, index) = setup();
    let hits = index.search("dushanbe", 10);
    let first = &sites[hits[0].index];
    assert!(
        first.name.to_lowercase().starts_with("dushanbe"),
        "{}",
        first.name
    );
    assert!(
        hits.windows(2).all(|w| w[0].kind <= w[1].kind),
        "sorted by match quality"
    );
    // Accents, apostrophes and dashes do not matter.
    let xian = ids(&sites, &index, "xian almaty");
    assert_eq!(xian.first().map(String::as_str), Some("air-xian-almaty"));
}

#[test]
fn organisations_countries_and_categories_are_searchable() {
    let (sites, index) = setup();
    let cnpc = ids(&sites, &index, "CNPC");
    assert!(cnpc.contains(&"aktobe-oil-gas".to_owned()));
    assert!(cnpc.contains(&"amu-darya-gas".to_owned()));
    let acwa = index.search("acwa", 10);
    assert_eq!(acwa.len(), 2);
    assert!(acwa.iter().all(|h| h.kind == MatchKind::Organisation));

    let tm = ids(&sites, &index, "turkmenistan");
    let expected = sites
        .iter()
        .filter(|s| s.countries.iter().any(|c| c.name() == "Turkmenistan"))
        .count();
    assert_eq!(tm.len(), expected);

    let wind = ids(&sites, &index, "wind farm");
    let expected = sites
        .iter()
        .filter(|s| s.category.label() == "Wind farm")
        .count();
    assert_eq!(wind.len(), expected);
}

#[test]
fn empty_and_unmatched_queries_find_nothing() {
    let (_, index) = setup();
    assert!(index.search("", 10).is_empty());
    assert!(index.search(" -- ", 10).is_empty());
    assert!(index.search("philippines", 10).is_empty());
    assert_eq!(index.search("a", 3).len(), 3, "the limit holds");
}
