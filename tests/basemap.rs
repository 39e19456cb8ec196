//! Native tests of the basemap: the TopoJSON conversion used at build time
//! (`build/basemap.rs`, included here) and the embedded result.

#![allow(
    clippy::expect_used,
    reason = "test helpers: a panic with a message is the failure report"
)]

#[path = "../build/basemap.rs"]
#[allow(dead_code)]
mod convert;

use std::io::Write;

use cca_atlas::geo::basemap::{
    BASEMAP_FIRST, BASEMAP_PACKED, BasemapError, CountryShape, FOCUS_COUNTRIES,
    SVG_UNITS_PER_WORLD, decode, to_svg,
};
use cca_atlas::geo::bounds::{
    CENTRAL_ASIA, GeoBounds, INITIAL_BOUNDS, LatLon, MAX_BOUNDS, project,
};
use geo::{BoundingRect, Contains, LineString, MultiPolygon, Point, Polygon};

/// A two-square topology sharing one edge, quantized with a transform, one
/// square using the shared arc backwards (`-1` means arc 0 reversed).
const TWO_SQUARES: &str = r#"{
  "type": "Topology",
  "transform": { "scale": [0.5, 0.5], "translate": [60, 40] },
  "arcs": [
    [[2, 0], [0, 2]],
    [[2, 2], [-2, 0], [0, -2], [2, 0]],
    [[2, 0], [2, 0], [0, 2], [-2, 0]]
  ],
  "objects": { "countries": { "type": "GeometryCollection", "geometries": [
    { "type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": { "name": "West" } },
    { "type": "MultiPolygon", "arcs": [[[2, -1]]], "id": "002", "properties": { "name": "East" } }
  ] } }
}"#;

fn to_multi_polygon(shape: &CountryShape) -> MultiPolygon<f64> {
    let ring =
        |r: &Vec<LatLon>| LineString::from(r.iter().map(|p| (p.lon, p.lat)).collect::<Vec<_>>());
    MultiPolygon(
        shape
            .polygons
            .iter()
            .map(|rings| Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect()))
            .collect(),
    )
}

fn parsed_basemap() -> Vec<(String, Option<String>, MultiPolygon<f64>)> {
    decode(BASEMAP_PACKED)
        .expect("the embedded basemap decodes")
        .iter()
        .map(|c| (c.name.clone(), c.iso_n3.clone(), to_multi_polygon(c)))
        .collect()
}

/// The rings of an SVG path written by `to_svg`, as absolute whole units:
/// `M x y`, then `l` and relative pairs, then `z`, per ring.
fn rings_of_path(path: &str) -> Vec<Vec<(i64, i64)>> {
    let mut rings = Vec::new();
    for part in path.split_terminator('z') {
        let part = part.strip_prefix('M').expect("each ring starts with M");
        let (start, rest) = part.split_once('l').unwrap_or((part, ""));
        let numbers = |text: &str| -> Vec<i64> {
            text.split_whitespace()
                .map(|n| n.parse().expect("a whole number"))
                .collect()
        };
        let start = numbers(start);
        assert_eq!(start.len(), 2, "M takes one pair: {part}");
        let mut at = (start[0], start[1]);
        let mut ring = vec![at];
        let deltas = numbers(rest);
        assert_eq!(deltas.len() % 2, 0, "l takes pairs");
        for d in deltas.chunks(2) {
            at = (at.0 + d[0], at.1 + d[1]);
            ring.push(at);
        }
        rings.push(ring);
    }
    rings
}

fn extent(shape: &MultiPolygon<f64>) -> GeoBounds {
    let r = shape.bounding_rect().expect("non-empty");
    GeoBounds::new(r.min().y, r.min().x, r.max().y, r.max().x)
}

#[test]
fn decodes_quantized_delta_arcs_and_reversed_arcs() {
    let countries = convert::decode_countries(TWO_SQUARES, "countries").expect("decodes");
    assert_eq!(countries.len(), 2);
    let west = &countries[0];
    assert_eq!(west.name, "West");
    assert_eq!(west.iso_numeric.as_deref(), Some("001"));
    let ring: Vec<(f64, f64)> = west.shape.0[0]
        .exterior()
        .0
        .iter()
        .map(|c| (c.x, c.y))
        .collect();
    // Arc 0 runs (61,40)→(61,41); arc 1 continues (61,41)→(60,41)→(60,40)→(61,40).
    assert_eq!(
        ring,
        vec![
            (61.0, 40.0),
            (61.0, 41.0),
            (60.0, 41.0),
            (60.0, 40.0),
            (61.0, 40.0)
        ]
    );
    let east: Vec<(f64, f64)> = countries[1].shape.0[0]
        .exterior()
        .0
        .iter()
        .map(|c| (c.x, c.y))
        .collect();
    // Arc 2 then arc 0 backwards, closing the ring on the shared edge.
    assert_eq!(east.first(), east.last());
    assert!(east.contains(&(62.0, 41.0)));
    assert!(east.contains(&(61.0, 41.0)));
}

#[test]
fn reports_missing_objects_and_bad_arc_indices() {
    let missing = convert::decode_countries(TWO_SQUARES, "land").expect_err("no such object");
    assert!(missing.to_string().contains("`land`"), "{missing}");
    let bad = TWO_SQUARES.replace("[[0, 1]]", "[[0, 7]]");
    let error = convert::decode_countries(&bad, "countries").expect_err("arc 7 does not exist");
    assert!(
        error.to_string().contains("West") && error.to_string().contains("arc 7"),
        "{error}"
    );
    let not_json = convert::decode_countries("{", "countries").expect_err("not JSON");
    assert!(matches!(not_json, convert::BasemapError::Json(_)));
}

#[test]
fn clipping_cuts_to_the_box_and_drops_countries_outside_it() {
    let countries = convert::decode_countries(TWO_SQUARES, "countries").expect("decodes");
    let spec = convert::ClipSpec {
        west: 60.5,
        south: 39.0,
        east: 61.5,
        north: 42.0,
        decimals: 3,
    };
    let clipped = convert::clip_countries(countries.clone(), spec);
    assert_eq!(clipped.len(), 2);
    for country in &clipped {
        let r = country.shape.bounding_rect().expect("area");
        assert!(
            r.min().x >= 60.5 && r.max().x <= 61.5,
            "{}: {r:?}",
            country.name
        );
    }
    let far = convert::ClipSpec {
        west: 100.0,
        south: 0.0,
        east: 110.0,
        north: 10.0,
        decimals: 3,
    };
    assert!(convert::clip_countries(countries, far).is_empty());
}

#[test]
fn geojson_output_round_trips_through_the_geojson_crate() {
    let countries = convert::decode_countries(TWO_SQUARES, "countries").expect("decodes");
    let text = convert::to_geojson(&countries);
    let collection: geojson::FeatureCollection = text.parse().expect("valid GeoJSON");
    assert_eq!(collection.features.len(), 2);
    assert_eq!(
        collection.features[1]
            .property("name")
            .and_then(|v| v.as_str()),
        Some("East")
    );
}

#[test]
fn embedded_basemap_holds_the_six_focus_countries_inside_the_clip_box() {
    let countries = parsed_basemap();
    for focus in FOCUS_COUNTRIES {
        let found = countries
            .iter()
            .find(|(_, iso, _)| iso.as_deref() == Some(focus.iso_n3))
            .unwrap_or_else(|| panic!("{} missing from the basemap", focus.name));
        assert!(!found.2.0.is_empty(), "{} has polygons", focus.name);
    }
    for (name, _, shape) in &countries {
        assert!(
            MAX_BOUNDS.contains_bounds(&extent(shape)),
            "{name} leaks out of the clip box"
        );
    }
}

#[test]
fn every_label_sits_inside_its_own_country() {
    let countries = parsed_basemap();
    for focus in FOCUS_COUNTRIES {
        let (_, _, shape) = countries
            .iter()
            .find(|(_, iso, _)| iso.as_deref() == Some(focus.iso_n3))
            .expect("focus country present");
        let at = Point::new(focus.label_at.lon, focus.label_at.lat);
        assert!(
            shape.contains(&at),
            "label of {} at {:?} is outside it",
            focus.name,
            focus.label_at
        );
    }
}

#[test]
fn central_asia_bounds_hold_the_five_countries_and_the_first_view_holds_those() {
    let countries = parsed_basemap();
    let five = ["398", "417", "762", "795", "860"];
    let mut union: Option<GeoBounds> = None;
    for (name, iso, shape) in &countries {
        if iso.as_deref().is_some_and(|i| five.contains(&i)) {
            let e = extent(shape);
            assert!(
                CENTRAL_ASIA.contains_bounds(&e),
                "{name} {e:?} not inside {CENTRAL_ASIA:?}"
            );
            union = Some(union.map_or(e, |u| u.union(&e)));
        }
    }
    let union = union.expect("five countries found");
    // The constant is tight: no more than half a degree of slack on any side.
    assert!(union.south - CENTRAL_ASIA.south < 0.5 && CENTRAL_ASIA.north - union.north < 0.5);
    assert!(union.west - CENTRAL_ASIA.west < 0.5 && CENTRAL_ASIA.east - union.east < 0.5);
    assert!(INITIAL_BOUNDS.contains_bounds(&union));
}

#[test]
fn packing_keeps_every_position_name_and_code() {
    let countries = convert::decode_countries(TWO_SQUARES, "countries").expect("decodes");
    let mut countries = convert::clip_countries(
        countries,
        convert::ClipSpec {
            west: 0.0,
            south: 0.0,
            east: 180.0,
            north: 80.0,
            decimals: 3,
        },
    );
    // Negative and fractional positions, and a country with no code.
    countries[0].shape.0[0].exterior_mut(|ring| {
        ring.0[1].x = -12.345;
        ring.0[1].y = -0.007;
    });
    countries[1].iso_numeric = None;
    let decoded = decode(&convert::to_packed(&countries, 3)).expect("decodes");
    assert_eq!(decoded.len(), countries.len());
    for (back, country) in decoded.iter().zip(&countries) {
        assert_eq!(back.name, country.name);
        assert_eq!(back.iso_n3, country.iso_numeric);
        let shape = to_multi_polygon(back);
        assert_eq!(shape.0.len(), country.shape.0.len());
        for (a, b) in shape.0.iter().zip(&country.shape.0) {
            let (a, b) = (&a.exterior().0, &b.exterior().0);
            assert_eq!(a.len(), b.len());
            for (p, q) in a.iter().zip(b) {
                assert!(
                    (p.x - q.x).abs() < 1e-9 && (p.y - q.y).abs() < 1e-9,
                    "{p:?} vs {q:?}"
                );
            }
        }
    }
    assert_eq!(decoded[0].polygons[0][0][1], LatLon::new(-0.007, -12.345));
}

#[test]
fn a_damaged_pack_is_an_error_not_a_panic() {
    assert_eq!(decode(b"GeoJSON"), Err(BasemapError::Header));
    assert_eq!(to_svg(b"GeoJSON"), Err(BasemapError::Header));
    for cut in [6, 7, 20, BASEMAP_PACKED.len() / 2, BASEMAP_PACKED.len() - 1] {
        assert_eq!(
            decode(&BASEMAP_PACKED[..cut]),
            Err(BasemapError::Truncated),
            "cut at {cut}"
        );
        assert_eq!(to_svg(&BASEMAP_PACKED[..cut]), Err(BasemapError::Truncated));
    }
    // Well formed, but nothing to draw.
    assert_eq!(
        to_svg(&convert::to_packed(&[], 3)),
        Err(BasemapError::Empty)
    );
}

#[test]
fn embedded_basemap_is_small_but_detailed() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(BASEMAP_PACKED).expect("gzip");
    let gz = encoder.finish().expect("gzip").len();
    assert!(gz <= 60 * 1024, "basemap is {gz} bytes gzipped");
    // And it is not trivially small: the borders need real detail.
    let positions: usize = decode(BASEMAP_PACKED)
        .expect("decodes")
        .iter()
        .flat_map(|c| c.polygons.iter().flatten())
        .map(Vec::len)
        .sum();
    assert!(positions > 10_000, "only {positions} positions");
}

/// The first map's lighter basemap (src/first/) reads, keeps all six
/// countries the atlas is about, and is the lighter one.
#[test]
fn first_map_basemap_is_lighter_and_complete() {
    let countries = decode(BASEMAP_FIRST).expect("the first map's basemap decodes");
    for focus in FOCUS_COUNTRIES {
        assert!(
            countries
                .iter()
                .any(|c| c.iso_n3.as_deref() == Some(focus.iso_n3)),
            "{} is missing",
            focus.name
        );
    }
    let gz = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).expect("gzip");
        encoder.finish().expect("gzip").len()
    };
    let (first, full) = (gz(BASEMAP_FIRST), gz(BASEMAP_PACKED));
    assert!(
        first * 10 <= full * 6,
        "first {first} vs full {full} bytes gzipped"
    );
}

/// Both basemaps as SVG: each country's path retraces its decoded rings
/// (every vertex projected to Web Mercator and rounded to a whole unit,
/// one that rounds onto the one before left out), the drawing's box holds
/// every vertex, and the `viewBox` is that box projected, so that the
/// drawing stretched over the box puts every vertex where Leaflet would.
#[test]
fn svg_outlines_retrace_every_vertex_inside_their_box() {
    for (which, packed) in [("full", BASEMAP_PACKED), ("first", BASEMAP_FIRST)] {
        let shapes = decode(packed).expect("decodes");
        let svg = to_svg(packed).expect("draws");
        assert_eq!(svg.countries.len(), shapes.len(), "{which}");
        let unit = |p: LatLon| {
            let (x, y) = project(p);
            (
                (x * SVG_UNITS_PER_WORLD).round() as i64,
                (y * SVG_UNITS_PER_WORLD).round() as i64,
            )
        };
        let mut vertices = 0;
        for (shape, drawn) in shapes.iter().zip(&svg.countries) {
            assert_eq!((&drawn.name, &drawn.iso_n3), (&shape.name, &shape.iso_n3));
            let rings = rings_of_path(&drawn.path);
            let decoded: Vec<&Vec<LatLon>> = shape.polygons.iter().flatten().collect();
            assert_eq!(
                rings.len(),
                decoded.len(),
                "{which} {}: one path ring per ring",
                shape.name
            );
            for (ring, original) in rings.iter().zip(decoded) {
                let mut expected: Vec<(i64, i64)> = original.iter().map(|&p| unit(p)).collect();
                expected.dedup();
                assert_eq!(ring, &expected, "{which} {}", shape.name);
                for &p in original {
                    vertices += 1;
                    let b = svg.bounds;
                    assert!(
                        p.lat >= b.south && p.lat <= b.north && p.lon >= b.west && p.lon <= b.east,
                        "{which} {}: {p:?} outside {b:?}",
                        shape.name
                    );
                }
            }
        }
        assert!(vertices > 1_000, "{which}: {vertices} vertices");
        assert!(
            MAX_BOUNDS.contains_bounds(&svg.bounds),
            "{which} {:?}",
            svg.bounds
        );
        let [x, y, w, h] = svg.view_box;
        let (west, north) = project(LatLon::new(svg.bounds.north, svg.bounds.west));
        let (east, south) = project(LatLon::new(svg.bounds.south, svg.bounds.east));
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(close(x, west * SVG_UNITS_PER_WORLD) && close(y, north * SVG_UNITS_PER_WORLD));
        assert!(
            close(x + w, east * SVG_UNITS_PER_WORLD) && close(y + h, south * SVG_UNITS_PER_WORLD)
        );
        assert!(w > 0.0 && h > 0.0);
        assert_eq!(svg.view_box_text().split(' ').count(), 4);
    }
}
