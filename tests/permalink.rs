//! Permalinks: decoding never panics and keeps what is valid; encoding then
//! decoding gives back the same state (property tests).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use std::collections::BTreeSet;

use cca_atlas::i18n::Lang;
use cca_atlas::model::load_catalog;
use cca_atlas::model::{Category, Country, Sector, Status};
use cca_atlas::view::filter::layers;
use cca_atlas::view::filter::{Filter, Layer, YearRange};
use cca_atlas::view::permalink::{UrlState, View, decode, encode, restore};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use proptest::prelude::*;

#[test]
fn the_default_state_is_the_bare_url() {
    assert_eq!(encode(&UrlState::default()), "");
    assert_eq!(decode(""), UrlState::default());
    assert_eq!(decode("?"), UrlState::default());
}

#[test]
fn a_full_link_decodes_field_by_field() {
    let state = decode(
        "?off=green.wind,energy.oil_gas&country=KZ%2CUZ&status=planned\
         &years=2015-2024&site=bash-wind&map=6.25/42.1234/69.5",
    );
    let f = &state.filter;
    assert_eq!(
        f.hidden,
        BTreeSet::from([
            Layer {
                sector: Sector::Green,
                category: Category::Wind
            },
            Layer {
                sector: Sector::Energy,
                category: Category::OilGas
            },
        ])
    );
    assert_eq!(
        f.countries,
        BTreeSet::from([Country::Kazakhstan, Country::Uzbekistan])
    );
    assert_eq!(f.statuses, BTreeSet::from([Status::Planned]));
    assert_eq!(f.years, YearRange::new(2015, 2024));
    assert_eq!(state.site.as_deref(), Some("bash-wind"));
    let view = state.view.expect("view");
    assert_eq!((view.zoom(), view.lat(), view.lon()), (6.25, 42.1234, 69.5));
}

#[test]
fn the_language_is_kept_only_when_one_of_ours() {
    assert_eq!(decode("?lang=zh").lang, Some(Lang::Zh));
    assert_eq!(decode("?lang=ru-RU").lang, Some(Lang::Ru));
    assert_eq!(decode("?lang=xx").lang, None);
    assert_eq!(decode("?lang=%3Cb%3E").lang, None);
    let state = UrlState {
        site: Some("bash-wind".into()),
        lang: Some(Lang::Ru),
        ..UrlState::default()
    };
    assert_eq!(encode(&state), "?site=bash-wind&lang=ru");
}

#[test]
fn broken_parts_fall_back_and_valid_parts_stay() {
    let state = decode(
        "?off=green.wind,nonsense,green.,.wind,green.fishing\
         &country=KZ,XX,,kz&status=??&years=2024-2015&site=<script>&map=6/91/70&data=a%20b",
    );
    assert_eq!(state.filter.hidden.len(), 1, "only green.wind is a layer");
    assert_eq!(
        state.filter.countries,
        BTreeSet::from([Country::Kazakhstan])
    );
    assert!(state.filter.statuses.is_empty());
    assert_eq!(state.filter.years, None, "reversed range");
    assert_eq!(state.site, None, "not a slug");
    assert_eq!(state.view, None, "latitude 91");
    assert_eq!(
        state.extra,
        [("data".to_owned(), "a b".to_owned())],
        "not ours: kept, decoded"
    );
    // And the valid remainder re-encodes cleanly, unknown parameters last.
    assert_eq!(encode(&state), "?off=green.wind&country=KZ&data=a+b");
}

#[test]
fn restoring_for_the_data_drops_unknown_sites_and_layers() {
    let sites = load_catalog().expect("data loads");
    let all = layers(&sites);
    let state = restore(
        "?site=no-such-site&off=green.wind,trade.summit",
        &sites,
        &all,
    );
    assert_eq!(state.site, None);
    assert_eq!(
        state.filter.hidden,
        BTreeSet::from([Layer {
            sector: Sector::Green,
            category: Category::Wind
        }]),
        "trade has no summits in the legend"
    );
    let state = restore("?site=bash-wind", &sites, &all);
    assert_eq!(state.site.as_deref(), Some("bash-wind"));
}

#[test]
fn views_round_to_link_precision_and_reject_nonsense() {
    let v = View::new(42.123_456, 69.000_04, 6.333).expect("in range");
    assert_eq!((v.lat(), v.lon(), v.zoom()), (42.1235, 69.0, 6.33));
    assert!(View::new(f64::NAN, 0.0, 3.0).is_none());
    assert!(View::new(0.0, 181.0, 3.0).is_none());
    assert!(View::new(0.0, 0.0, 30.0).is_none());
    assert_eq!(decode("?map=6/40/70/1").view, None, "too many parts");
    assert_eq!(decode("?map=inf/40/70").view, None);
}

fn layer() -> impl Strategy<Value = Layer> {
    (0..Sector::ALL.len(), 0..Category::ALL.len()).prop_map(|(s, c)| Layer {
        sector: Sector::ALL[s],
        category: Category::ALL[c],
    })
}

fn url_state() -> impl Strategy<Value = UrlState> {
    (
        prop::collection::btree_set(layer(), 0..6),
        prop::collection::btree_set(0..Country::ALL.len(), 0..6),
        prop::collection::btree_set(0..Status::ALL.len(), 0..6),
        prop::option::of((1990u16..2040, 0u16..20)),
        prop::option::of("[a-z0-9][a-z0-9-]{0,40}"),
        prop::option::of((-90.0..=90.0f64, -180.0..=180.0f64, 0.0..=24.0f64)),
        prop::collection::vec(("[a-z]{1,6}x", ".{0,12}"), 0..3),
        prop::option::of(0..Lang::ALL.len()),
    )
        .prop_map(
            |(hidden, countries, statuses, years, site, view, extra, lang)| UrlState {
                filter: Filter {
                    hidden,
                    countries: countries.into_iter().map(|i| Country::ALL[i]).collect(),
                    statuses: statuses.into_iter().map(|i| Status::ALL[i]).collect(),
                    years: years.and_then(|(from, len)| YearRange::new(from, from + len)),
                },
                site,
                view: view.and_then(|(lat, lon, zoom)| View::new(lat, lon, zoom)),
                lang: lang.map(|i| Lang::ALL[i]),
                // Keys end in "x", so they are never one of ours.
                extra,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decode_never_panics_on_any_string(query in ".*") {
        let _ = decode(&query);
    }

    #[test]
    fn decode_never_panics_on_url_like_strings(
        query in "[?&=,./%0-9a-zA-Z_+-]{0,80}"
    ) {
        let state = decode(&query);
        // Whatever came in, what comes out re-encodes to a stable link.
        prop_assert_eq!(decode(&encode(&state)), state);
    }

    #[test]
    fn encode_then_decode_is_identity(state in url_state()) {
        prop_assert_eq!(decode(&encode(&state)), state);
    }

    /// Any value, escaped by `percent-encoding` (every byte but letters and
    /// digits), decodes back to itself.
    #[test]
    fn decode_reads_what_percent_encoding_writes(value in any::<String>()) {
        let escaped = utf8_percent_encode(&value, NON_ALPHANUMERIC).to_string();
        let state = decode(&format!("?keyx={escaped}"));
        prop_assert_eq!(state.extra, vec![("keyx".to_owned(), value)]);
    }

    /// Any raw value (escapes valid or not, `+`, any Unicode) decodes as
    /// `percent-encoding`'s decoder reads it after `+` → space.
    #[test]
    fn decode_agrees_with_percent_decoding(raw in "([^&=#]|%[0-9a-fA-F+-]{0,2}){0,24}") {
        let want = percent_decode_str(&raw.replace('+', " ")).decode_utf8_lossy().into_owned();
        let state = decode(&format!("keyx={raw}"));
        prop_assert_eq!(state.extra, vec![("keyx".to_owned(), want)]);
    }

    /// What `encode` writes, the `form_urlencoded` parser reads as the same
    /// pairs: the link is a standard query string.
    #[test]
    fn encoded_links_parse_as_standard_queries(state in url_state()) {
        let link = encode(&state);
        let pairs: Vec<(String, String)> = form_urlencoded::parse(link.trim_start_matches('?').as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let extras: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k.ends_with('x')).collect();
        prop_assert_eq!(extras, state.extra);
    }
}
