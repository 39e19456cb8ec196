//! Import and export: exporting the sites and importing the file gives the
//! same features; the CSV holds the same rows; and the importer never
//! panics, whatever it is given (property tests, a bounded fuzz run).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

use cca_atlas::geo::bounds::LatLon;
use cca_atlas::model::{Site, SiteGeometry, load_catalog};
use cca_atlas::userdata::export::{CSV_COLUMNS, to_csv, to_geojson};
use cca_atlas::userdata::import::{ImportError, Shape, import_geojson};
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

/// A random geometry as a Feature's content: its type and up to two lists
/// of positions (one polygon's rings, a line or a MultiPoint's points).
#[derive(Debug, Clone)]
struct RandomGeometry {
    kind: &'static str,
    rings: Vec<Vec<Vec<f64>>>,
}

impl RandomGeometry {
    fn coordinates(&self) -> serde_json::Value {
        let first_ring = || self.rings.first().cloned().unwrap_or_default();
        match self.kind {
            "Point" => serde_json::json!(first_ring().first().cloned().unwrap_or_default()),
            "MultiPoint" | "LineString" => serde_json::json!(first_ring()),
            "MultiPolygon" => serde_json::json!([self.rings]),
            _ => serde_json::json!(self.rings),
        }
    }

    fn file(&self) -> String {
        serde_json::json!({
            "type": "FeatureCollection",
            "features": [{ "type": "Feature", "properties": {}, "geometry": { "type": self.kind, "coordinates": self.coordinates() } }]
        })
        .to_string()
    }

    /// What RFC 7946 makes of it, written from the RFC rather than from
    /// the importer: `None` when the geometry is invalid.
    fn expected(&self) -> Option<Vec<Shape>> {
        // §3.1.1: two or more numbers, longitude and latitude first.
        let position = |p: &Vec<f64>| match p.as_slice() {
            [lon, lat, ..] if lon.abs() <= 180.0 && lat.abs() <= 90.0 => {
                Some(LatLon::new(*lat, *lon))
            }
            _ => None,
        };
        let positions = |ps: &Vec<Vec<f64>>| ps.iter().map(position).collect::<Option<Vec<_>>>();
        // §3.1.4: a LineString has two or more positions.
        let line = |ps: &Vec<Vec<f64>>| positions(ps).filter(|l| l.len() >= 2);
        // §3.1.6: a linear ring is closed, with four or more positions.
        let ring =
            |ps: &Vec<Vec<f64>>| positions(ps).filter(|r| r.len() >= 4 && r.first() == r.last());
        let polygon = || {
            let rings = self.rings.iter().map(ring).collect::<Option<Vec<_>>>()?;
            (!rings.is_empty()).then_some(Shape::Polygon(rings))
        };
        let first_ring = self.rings.first().cloned().unwrap_or_default();
        let shapes = match self.kind {
            "Point" => vec![Shape::Point(position(
                &first_ring.first().cloned().unwrap_or_default(),
            )?)],
            "MultiPoint" => positions(&first_ring)?
                .into_iter()
                .map(Shape::Point)
                .collect(),
            "LineString" => vec![Shape::Line(line(&first_ring)?)],
            "MultiLineString" => self
                .rings
                .iter()
                .map(|l| line(l).map(Shape::Line))
                .collect::<Option<_>>()?,
            "Polygon" | "MultiPolygon" => vec![polygon()?],
            _ => return None,
        };
        // A geometry with nothing to draw is of no use to the atlas.
        (!shapes.is_empty()).then_some(shapes)
    }
}

/// Geometries of every type, with positions of 0 to 5 numbers (mostly 2 to
/// 5, mostly in range) and lists of positions that are mostly closed, so
/// that valid polygons occur as well as each way of being invalid.
fn random_geometry() -> impl Strategy<Value = RandomGeometry> {
    // Thousandths, which JSON text carries exactly (serde_json's default
    // parser may be an ulp off on long decimals, and the model compares
    // positions exactly); anything out of range only needs to stay out.
    let thousandths = |max: i32| (-max..=max).prop_map(|n| f64::from(n) / 1000.0);
    let any_number = prop_oneof![
        4 => thousandths(400_000),
        1 => Just(f64::MAX),
        1 => Just(-0.0),
    ];
    let in_range = (
        thousandths(180_000),
        thousandths(90_000),
        prop::collection::vec(any_number.clone(), 0..4),
    )
        .prop_map(|(lon, lat, rest)| [vec![lon, lat], rest].concat());
    let position = prop_oneof![
        12 => in_range,
        1 => prop::collection::vec(any_number.clone(), 0..2),
        2 => prop::collection::vec(any_number, 2..5),
    ];
    let ring = (
        prop::collection::vec(position, 0..6),
        prop::bool::weighted(0.75),
    )
        .prop_map(|(mut ring, close)| {
            if close && let Some(first) = ring.first().cloned() {
                ring.push(first);
            }
            ring
        });
    let kind = prop_oneof![
        Just("Point"),
        Just("MultiPoint"),
        Just("LineString"),
        Just("MultiLineString"),
        Just("Polygon"),
        Just("MultiPolygon"),
        Just("Circle")
    ];
    (kind, prop::collection::vec(ring, 0..3))
        .prop_map(|(kind, rings)| RandomGeometry { kind, rings })
}

/// The property below proves something only if the generator reaches each
/// branch of the importer: valid and invalid polygons, and valid
/// geometries whose positions carry more than two numbers.
#[test]
fn the_geometry_generator_reaches_valid_polygons_and_longer_positions() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = random_geometry();
    let (mut valid_polygons, mut invalid_polygons, mut valid_lines) = (0, 0, 0);
    let mut accepted_with = [0; 6];
    for _ in 0..2000 {
        let g = strategy.new_tree(&mut runner).expect("a value").current();
        let valid = g.expected().is_some();
        match (g.kind, valid) {
            ("Polygon" | "MultiPolygon", true) => valid_polygons += 1,
            ("Polygon" | "MultiPolygon", false) => invalid_polygons += 1,
            ("LineString" | "MultiLineString", true) => valid_lines += 1,
            _ => {}
        }
        if valid {
            for p in g.rings.iter().flatten() {
                accepted_with[p.len()] += 1;
            }
        }
    }
    assert!(valid_polygons >= 20, "{valid_polygons} valid polygons");
    assert!(
        invalid_polygons >= 20,
        "{invalid_polygons} invalid polygons"
    );
    assert!(valid_lines >= 20, "{valid_lines} valid lines");
    for (n, count) in accepted_with.iter().enumerate().skip(2) {
        assert!(
            *count >= 20,
            "{count} positions of {n} numbers in valid geometries"
        );
    }
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
    fn a_geometry_is_accepted_exactly_when_rfc_7946_allows_it(geometry in random_geometry()) {
        let got = import_geojson(&geometry.file());
        match (geometry.expected(), got) {
            (Some(shapes), Ok(import)) => {
                prop_assert_eq!(import.features.len(), 1);
                prop_assert_eq!(&import.features[0].shapes, &shapes);
            }
            (None, Err(ImportError::NothingUsable { skipped, .. })) => prop_assert_eq!(skipped, 1),
            (expected, got) => prop_assert!(false, "expected {:?}, got {:?}", expected, got),
        }
    }
}
