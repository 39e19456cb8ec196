//! Import and export: exporting the sites and importing the file gives the
//! same features; the CSV holds the same rows; and the importer never
//! panics, whatever it is given (property tests, a bounded fuzz run).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use cca_atlas::model::{Site, SiteGeometry, load_catalog};
use cca_atlas::userdata::export::{CSV_COLUMNS, to_csv, to_geojson};
use cca_atlas::userdata::import::{Shape, import_geojson};
use proptest::prelude::*;

fn sites() -> Vec<Site> {
    load_catalog().expect("data loads")
}

fn prop<'a>(props: &'a [(String, String)], key: &str) -> &'a str {
    props
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

#[test]
fn geojson_export_imports_back_as_the_same_features() {
    let sites = sites();
    let refs: Vec<&Site> = sites.iter().collect();
    let text = to_geojson(&refs).expect("the sites serialise");
    let import = import_geojson(&text).expect("our own export is valid GeoJSON");
    assert_eq!(import.skipped_count, 0);
    assert_eq!(import.features.len(), sites.len());
    for (site, feature) in sites.iter().zip(&import.features) {
        assert_eq!(feature.id.as_deref(), Some(site.id.as_str()));
        assert_eq!(prop(&feature.properties, "name"), site.name);
        assert_eq!(
            prop(&feature.properties, "category"),
            site.category.as_str()
        );
        assert_eq!(prop(&feature.properties, "report_quote"), site.report_quote);
        let expected = match &site.geometry {
            SiteGeometry::Point(p) => vec![Shape::Point(*p)],
            SiteGeometry::Line(points) => vec![Shape::Line(points.clone())],
        };
        assert_eq!(feature.shapes, expected, "{}", site.id);
    }
}

#[test]
fn a_filtered_export_holds_only_those_sites() {
    let sites = sites();
    let wind: Vec<&Site> = sites
        .iter()
        .filter(|s| s.category.as_str() == "wind")
        .collect();
    let import = import_geojson(&to_geojson(&wind).expect("the sites serialise")).expect("valid");
    assert_eq!(import.features.len(), wind.len());
    assert!(wind.len() >= 2);
}

#[test]
fn csv_export_has_one_row_per_site_with_its_fields() {
    let sites = sites();
    let refs: Vec<&Site> = sites.iter().collect();
    let text = to_csv(&refs).expect("csv writes");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("rows parse");
    assert_eq!(rows.len(), sites.len());
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).expect("column");
    for (site, row) in sites.iter().zip(&rows) {
        assert_eq!(&row[col("id")], site.id);
        assert_eq!(
            &row[col("name")],
            site.name,
            "names with commas and quotes survive"
        );
        assert_eq!(
            &row[col("operator")],
            site.operator.as_deref().unwrap_or("")
        );
        // The geometry column is GeoJSON: import it as a bare geometry.
        let geometry = import_geojson(&row[col("geometry")]).expect("geometry cell is GeoJSON");
        match &site.geometry {
            SiteGeometry::Point(p) => {
                assert_eq!(geometry.features[0].shapes, vec![Shape::Point(*p)]);
                assert_eq!(row[col("latitude")].parse::<f64>().ok(), Some(p.lat));
                assert_eq!(row[col("longitude")].parse::<f64>().ok(), Some(p.lon));
            }
            SiteGeometry::Line(points) => {
                assert_eq!(
                    geometry.features[0].shapes,
                    vec![Shape::Line(points.clone())]
                );
            }
        }
    }
}

#[test]
fn the_browser_corpus_gets_the_outcomes_it_expects() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e/corpus");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json parses");
    let cases = expected.as_object().expect("an object of cases");
    assert!(cases.len() >= 20, "at least 20 hostile and broken files");
    for (file, case) in cases {
        let text = std::fs::read_to_string(dir.join(file)).expect("corpus file");
        let outcome = case["outcome"].as_str().expect("outcome");
        match (outcome, import_geojson(&text)) {
            ("rejected", Err(e)) => {
                let pattern = case["message"].as_str().expect("message");
                let words: Vec<&str> = pattern.split(".*").collect();
                let message = e.to_string();
                let mut at = 0;
                for word in words {
                    let found = message[at..].find(word);
                    assert!(found.is_some(), "{file}: `{message}` lacks `{word}`");
                    at += found.unwrap_or(0) + word.len();
                }
            }
            ("loaded" | "partial", Ok(import)) => {
                assert_eq!(
                    Some(import.features.len() as u64),
                    case["loaded"].as_u64(),
                    "{file}"
                );
                assert_eq!(
                    Some(import.skipped_count as u64),
                    case["skipped"].as_u64(),
                    "{file}"
                );
            }
            (outcome, got) => panic!("{file}: expected {outcome}, got {got:?}"),
        }
    }
}

/// JSON-ish text: brackets, GeoJSON words, numbers, junk.
fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("\"type\"".to_owned()),
        Just("\"Feature\"".to_owned()),
        Just("\"FeatureCollection\"".to_owned()),
        Just("\"features\"".to_owned()),
        Just("\"geometry\"".to_owned()),
        Just("\"geometries\"".to_owned()),
        Just("\"coordinates\"".to_owned()),
        Just("\"Polygon\"".to_owned()),
        Just("\"GeometryCollection\"".to_owned()),
        Just("\"Point\"".to_owned()),
        Just("null".to_owned()),
        any::<f64>().prop_map(|f| f.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        "[a-z]{0,4}".prop_map(|s| format!("\"{s}\"")),
    ];
    prop::collection::vec(token, 0..200).prop_map(|t| t.join(""))
}

/// Structurally valid GeoJSON with random geometry content.
fn geojson_like() -> impl Strategy<Value = String> {
    let number = prop_oneof![-400.0..400.0f64, Just(f64::MAX), Just(-0.0)];
    let position = prop::collection::vec(number, 0..4);
    let ring = prop::collection::vec(position, 0..6);
    let kind = prop_oneof![
        Just("Point"),
        Just("LineString"),
        Just("Polygon"),
        Just("MultiPolygon"),
        Just("Circle")
    ];
    (kind, prop::collection::vec(ring, 0..3)).prop_map(|(kind, rings)| {
        let coordinates = match kind {
            "Point" => serde_json::json!(rings.first().and_then(|r| r.first()).cloned().unwrap_or_default()),
            "LineString" => serde_json::json!(rings.first().cloned().unwrap_or_default()),
            "MultiPolygon" => serde_json::json!([rings]),
            _ => serde_json::json!(rings),
        };
        serde_json::json!({
            "type": "FeatureCollection",
            "features": [{ "type": "Feature", "properties": {}, "geometry": { "type": kind, "coordinates": coordinates } }]
        })
        .to_string()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn import_never_panics_on_any_string(text in ".*") {
        let _ = import_geojson(&text);
    }

    #[test]
    fn import_never_panics_on_jsonish_text(text in jsonish()) {
        let _ = import_geojson(&text);
    }

    #[test]
    fn valid_structure_is_accepted_or_rejected_with_a_reason(text in geojson_like()) {
        match import_geojson(&text) {
            Ok(import) => {
                for feature in &import.features {
                    for shape in &feature.shapes {
                        let ok = |p: &cca_atlas::geo::bounds::LatLon| p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0;
                        let all_ok = match shape {
                            Shape::Point(p) => ok(p),
                            Shape::Line(ps) => ps.len() >= 2 && ps.iter().all(ok),
                            Shape::Polygon(rings) => rings.iter().all(|r| r.len() >= 4 && r.first() == r.last() && r.iter().all(ok)),
                        };
                        prop_assert!(all_ok, "accepted an invalid shape: {:?}", shape);
                    }
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
