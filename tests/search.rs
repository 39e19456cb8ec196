//! Search ranking on the shipped data: the report's spellings, alternative
//! names, names in Chinese and Russian, organisations, countries and
//! categories.

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
    // Companies by their Chinese and Russian names too (names.json).
    let zh = ids(&sites, &index, "中国石油天然气");
    assert!(zh.contains(&"aktobe-oil-gas".to_owned()), "{zh:?}");
    assert!(zh.contains(&"amu-darya-gas".to_owned()), "{zh:?}");
    let ru = ids(&sites, &index, "нефтегазовая корпорация");
    assert!(ru.contains(&"aktobe-oil-gas".to_owned()), "{ru:?}");

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

#[test]
fn names_in_chinese_and_russian_are_names() {
    let (sites, index) = setup();
    // Chinese: the railway's name starts with the query; so does the
    // highway's (中吉乌公路). Both rank as names.
    let hits = index.search("中吉乌", 10);
    let found: Vec<&str> = hits.iter().map(|h| sites[h.index].id.as_str()).collect();
    assert!(
        found.contains(&"china-kyrgyzstan-uzbekistan-railway"),
        "{found:?}"
    );
    let railway = hits
        .iter()
        .find(|h| sites[h.index].id == "china-kyrgyzstan-uzbekistan-railway")
        .expect("found");
    assert_eq!(railway.kind, MatchKind::NamePrefix);
    assert_eq!(railway.matched, "中吉乌铁路", "the Chinese name is shown");
    // A Chinese substring and a query without the name's dash.
    assert_eq!(
        ids(&sites, &index, "阿拉木图航线")
            .first()
            .map(String::as_str),
        Some("air-xian-almaty")
    );
    assert_eq!(
        ids(&sites, &index, "西安阿拉木图")
            .first()
            .map(String::as_str),
        Some("air-xian-almaty")
    );

    // Russian, in any case.
    let dushanbe = sites
        .iter()
        .find(|s| s.id == "dushanbe-2-tpp")
        .expect("the plant");
    assert!(
        dushanbe
            .names
            .ru
            .as_deref()
            .is_some_and(|n| n.contains("Душанбе"))
    );
    for query in ["Душанбе", "душанбе", "ДУШАНБЕ"] {
        let hits = index.search(query, 20);
        let plant = hits
            .iter()
            .find(|h| sites[h.index].id == "dushanbe-2-tpp")
            .unwrap_or_else(|| panic!("{query} finds the plant"));
        assert_eq!(plant.kind, MatchKind::NameWord, "{query}");
        assert!(
            hits.iter().all(|h| h.kind <= MatchKind::Substring),
            "{query}: every hit is a name"
        );
    }
    // The start of a Russian name ranks it first.
    let bash_ru = sites
        .iter()
        .find(|s| s.id == "bash-wind")
        .and_then(|s| s.names.ru.clone())
        .expect("a Russian name");
    assert_eq!(bash_ru, "Башская ветряная электростанция");
    assert_eq!(
        ids(&sites, &index, "башская").first().map(String::as_str),
        Some("bash-wind")
    );
}

#[test]
fn countries_and_categories_are_searchable_in_every_language() {
    let (sites, index) = setup();
    for (query, country) in [("Кыргызстан", "Kyrgyzstan"), ("吉尔吉斯斯坦", "Kyrgyzstan")]
    {
        let found = ids(&sites, &index, query);
        let expected = sites
            .iter()
            .filter(|s| s.countries.iter().any(|c| c.name() == country))
            .count();
        assert_eq!(found.len(), expected, "{query}");
    }
    let wind = sites
        .iter()
        .filter(|s| s.category.label() == "Wind farm")
        .count();
    assert_eq!(ids(&sites, &index, "风电场").len(), wind);
    // ё and е are one letter to search: "Зелёная энергетика" either way.
    assert_eq!(
        ids(&sites, &index, "зелёная").len(),
        ids(&sites, &index, "зеленая").len()
    );
    assert!(!ids(&sites, &index, "зеленая").is_empty());
}
