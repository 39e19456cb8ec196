//! Turns Natural Earth country polygons (TopoJSON, from the npm package
//! `world-atlas`) into the small GeoJSON basemap that the app embeds.
//!
//! The conversion runs at build time (from `build/main.rs`) rather than in the
//! browser: the 1:50m world file is 756 KB, the clipped region is a fraction
//! of that, and a user on a slow link should download only the fraction.
//! It is plain Rust so `cargo test` can check it natively
//! (`tests/basemap_convert.rs` includes this file).
//!
//! Steps: decode the quantized, delta-encoded arcs; stitch each country's
//! rings from its arcs; keep countries whose extent meets the clip box; clip
//! them to the box; round coordinates; write a `FeatureCollection`.

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect, Simplify};
use serde::Deserialize;
use serde_json::{Value, json};

/// Everything that can go wrong while reading a TopoJSON topology.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    #[error("the topology is not valid JSON for TopoJSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the topology has no object named `{0}`")]
    MissingObject(String),
    #[error("geometry `{geometry}` refers to arc {index}, but the topology has only {count} arcs")]
    ArcOutOfRange {
        geometry: String,
        index: i64,
        count: usize,
    },
    #[error("geometry `{geometry}` has a ring with {points} points; a ring needs at least 4")]
    ShortRing { geometry: String, points: usize },
}

/// The raw TopoJSON document, only the parts the conversion reads.
#[derive(Debug, Deserialize)]
struct Topology {
    transform: Option<Transform>,
    arcs: Vec<Vec<[f64; 2]>>,
    objects: serde_json::Map<String, Value>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Debug, Deserialize)]
struct GeometryCollection {
    geometries: Vec<TopoGeometry>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type")]
enum TopoGeometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
        id: Option<String>,
        #[serde(default)]
        properties: serde_json::Map<String, Value>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        id: Option<String>,
        #[serde(default)]
        properties: serde_json::Map<String, Value>,
    },
    #[serde(other)]
    Other,
}

/// One country after decoding: its Natural Earth name, ISO 3166-1 numeric
/// code (as `world-atlas` gives it) and its polygons in lon/lat degrees.
#[derive(Debug, Clone)]
pub struct Country {
    pub name: String,
    pub iso_numeric: Option<String>,
    pub shape: MultiPolygon<f64>,
}

/// The clip box and rounding of the embedded basemap.
#[derive(Debug, Clone, Copy)]
pub struct ClipSpec {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
    /// Decimal places kept; 3 places are ~100 m, under a pixel at zoom 8.
    pub decimals: i32,
}

/// Decodes every country of the object `object` in a TopoJSON document.
#[allow(dead_code)] // the build simplifies; tests/basemap.rs decodes exactly
pub fn decode_countries(topojson: &str, object: &str) -> Result<Vec<Country>, BasemapError> {
    decode_simplified(topojson, object, 0.0)
}

/// As `decode_countries`, with each arc simplified (Ramer–Douglas–Peucker,
/// `epsilon` degrees) before the rings are stitched: a border shared by two
/// countries is one arc, so both sides stay identical and no gap or overlap
/// opens between neighbours.
pub fn decode_simplified(
    topojson: &str,
    object: &str,
    epsilon: f64,
) -> Result<Vec<Country>, BasemapError> {
    let topology: Topology = serde_json::from_str(topojson)?;
    let mut arcs = decode_arcs(&topology.arcs, topology.transform);
    if epsilon > 0.0 {
        for arc in &mut arcs {
            let line = LineString(std::mem::take(arc)).simplify(epsilon);
            *arc = line.0;
        }
    }
    let raw = topology
        .objects
        .get(object)
        .ok_or_else(|| BasemapError::MissingObject(object.to_owned()))?;
    let collection: GeometryCollection = serde_json::from_value(raw.clone())?;

    let mut countries = Vec::new();
    for geometry in collection.geometries {
        let (polygons, id, properties) = match geometry {
            TopoGeometry::Polygon {
                arcs,
                id,
                properties,
            } => (vec![arcs], id, properties),
            TopoGeometry::MultiPolygon {
                arcs,
                id,
                properties,
            } => (arcs, id, properties),
            TopoGeometry::Other => continue,
        };
        let name = properties
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("unnamed")
            .to_owned();
        let mut shape = Vec::with_capacity(polygons.len());
        for rings in &polygons {
            let mut lines = Vec::with_capacity(rings.len());
            for ring in rings {
                match stitch_ring(&arcs, ring, &name) {
                    Ok(line) => lines.push(Some(line)),
                    // An islet that simplification shrank to a sliver.
                    Err(BasemapError::ShortRing { .. }) if epsilon > 0.0 => lines.push(None),
                    Err(e) => return Err(e),
                }
            }
            let mut lines = lines.into_iter();
            if let Some(Some(exterior)) = lines.next() {
                shape.push(Polygon::new(exterior, lines.flatten().collect()));
            }
        }
        countries.push(Country {
            name,
            iso_numeric: id,
            shape: MultiPolygon(shape),
        });
    }
    Ok(countries)
}

/// Undoes TopoJSON quantization: positions are deltas from the previous
/// position of the same arc, in integer units scaled by `transform`.
fn decode_arcs(arcs: &[Vec<[f64; 2]>], transform: Option<Transform>) -> Vec<Vec<Coord<f64>>> {
    arcs.iter()
        .map(|arc| match transform {
            None => arc.iter().map(|&[x, y]| Coord { x, y }).collect(),
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|&[dx, dy]| {
                        x += dx;
                        y += dy;
                        Coord {
                            x: x * t.scale[0] + t.translate[0],
                            y: y * t.scale[1] + t.translate[1],
                        }
                    })
                    .collect()
            }
        })
        .collect()
}

/// Joins the arcs of one ring. A negative index `!i` (that is `-i - 1`) means
/// arc `i` walked backwards; consecutive arcs share their joining point.
fn stitch_ring(
    arcs: &[Vec<Coord<f64>>],
    ring: &[i64],
    geometry: &str,
) -> Result<LineString<f64>, BasemapError> {
    let mut points: Vec<Coord<f64>> = Vec::new();
    for &index in ring {
        let (arc_index, reversed) = if index < 0 {
            (!index, true)
        } else {
            (index, false)
        };
        let arc = usize::try_from(arc_index)
            .ok()
            .and_then(|i| arcs.get(i))
            .ok_or_else(|| BasemapError::ArcOutOfRange {
                geometry: geometry.to_owned(),
                index,
                count: arcs.len(),
            })?;
        let skip = usize::from(!points.is_empty());
        if reversed {
            points.extend(arc.iter().rev().skip(skip));
        } else {
            points.extend(arc.iter().skip(skip));
        }
    }
    if points.len() < 4 {
        return Err(BasemapError::ShortRing {
            geometry: geometry.to_owned(),
            points: points.len(),
        });
    }
    Ok(LineString(points))
}

/// Keeps the countries that meet the clip box and cuts them to it.
/// Countries left with no area are dropped.
pub fn clip_countries(countries: Vec<Country>, spec: ClipSpec) -> Vec<Country> {
    let window = Rect::new(
        Coord {
            x: spec.west,
            y: spec.south,
        },
        Coord {
            x: spec.east,
            y: spec.north,
        },
    );
    let window_polygon = window.to_polygon();
    countries
        .into_iter()
        .filter_map(|country| {
            let extent = country.shape.bounding_rect()?;
            let meets = extent.min().x < window.max().x
                && extent.max().x > window.min().x
                && extent.min().y < window.max().y
                && extent.max().y > window.min().y;
            if !meets {
                return None;
            }
            let shape = country.shape.intersection(&window_polygon);
            let shape = round_shape(&shape, spec.decimals);
            (!shape.0.is_empty()).then_some(Country { shape, ..country })
        })
        .collect()
}

/// Rounds every coordinate and drops the points that rounding made equal to
/// their predecessor, then drops rings that collapsed.
fn round_shape(shape: &MultiPolygon<f64>, decimals: i32) -> MultiPolygon<f64> {
    let factor = 10f64.powi(decimals);
    let round_ring = |ring: &LineString<f64>| -> Option<LineString<f64>> {
        let mut points: Vec<Coord<f64>> = Vec::with_capacity(ring.0.len());
        for c in &ring.0 {
            let rounded = Coord {
                x: (c.x * factor).round() / factor,
                y: (c.y * factor).round() / factor,
            };
            if points.last() != Some(&rounded) {
                points.push(rounded);
            }
        }
        (points.len() >= 4).then_some(LineString(points))
    };
    MultiPolygon(
        shape
            .0
            .iter()
            .filter_map(|polygon| {
                let exterior = round_ring(polygon.exterior())?;
                let holes = polygon.interiors().iter().filter_map(round_ring).collect();
                Some(Polygon::new(exterior, holes))
            })
            .collect(),
    )
}

/// Writes countries as a compact GeoJSON `FeatureCollection` whose features
/// carry `name` and `iso_n3` properties: what `to_packed` must unpack to
/// (tests/basemap.rs checks it); the build itself embeds the packed form.
#[allow(dead_code)]
pub fn to_geojson(countries: &[Country]) -> String {
    let features: Vec<Value> = countries
        .iter()
        .map(|country| {
            let polygons: Vec<Value> = country
                .shape
                .0
                .iter()
                .map(|polygon| {
                    let mut rings = vec![ring_json(polygon.exterior())];
                    rings.extend(polygon.interiors().iter().map(ring_json));
                    Value::Array(rings)
                })
                .collect();
            json!({
                "type": "Feature",
                "properties": { "name": country.name, "iso_n3": country.iso_numeric },
                "geometry": { "type": "MultiPolygon", "coordinates": polygons },
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

#[allow(dead_code)]
fn ring_json(ring: &LineString<f64>) -> Value {
    Value::Array(ring.0.iter().map(|c| json!([c.x, c.y])).collect())
}

/// Packs countries for embedding: coordinates as integers in units of
/// 10^-`decimals` degrees, each ring's first position absolute and the rest
/// as differences from the one before, all as zigzag LEB128 varints. About
/// three bytes a position instead of GeoJSON's sixteen; `basemap::unpack`
/// in the app reads it back. Layout:
///
/// ```text
/// "CCAB" version(1) decimals(1) countries(varint)
///   per country: name(len varint, UTF-8) iso_n3(len varint, UTF-8; 0 = none)
///                polygons(varint)
///     per polygon: rings(varint)
///       per ring: positions(varint) then lon, lat (zigzag varints)
/// ```
pub fn to_packed(countries: &[Country], decimals: i32) -> Vec<u8> {
    let factor = 10f64.powi(decimals);
    let mut out = b"CCAB".to_vec();
    out.push(1);
    out.push(decimals as u8);
    put_varint(&mut out, countries.len() as u64);
    for country in countries {
        put_text(&mut out, &country.name);
        put_text(&mut out, country.iso_numeric.as_deref().unwrap_or(""));
        put_varint(&mut out, country.shape.0.len() as u64);
        for polygon in &country.shape.0 {
            let rings: Vec<&LineString<f64>> = std::iter::once(polygon.exterior())
                .chain(polygon.interiors())
                .collect();
            put_varint(&mut out, rings.len() as u64);
            for ring in rings {
                put_varint(&mut out, ring.0.len() as u64);
                let mut last = (0i64, 0i64);
                for c in &ring.0 {
                    let here = ((c.x * factor).round() as i64, (c.y * factor).round() as i64);
                    put_zigzag(&mut out, here.0 - last.0);
                    put_zigzag(&mut out, here.1 - last.1);
                    last = here;
                }
            }
        }
    }
    out
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_zigzag(out: &mut Vec<u8>, value: i64) {
    put_varint(out, ((value << 1) ^ (value >> 63)) as u64);
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}
