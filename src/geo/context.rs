//! The map's context: lakes, rivers, towns and mountain ranges, read from
//! `assets/context/context.json` (made by `tools/context/make.mjs` from
//! Natural Earth and GeoNames; see `tools/context/README.md`). The app
//! fetches it after its map is drawn, so it never weighs on the first map.
//!
//! The file stores coordinates as integers in `1/scale` degrees, each line
//! or ring delta-coded: `[lon0, lat0, dlon1, dlat1, …]`. `parse` checks and
//! decodes it; `water_geojson` gives the lakes and rivers to draw and
//! `labels` the names to place, most important first
//! (`view::labels::place` keeps those that fit).

use serde_json::{Value, json};

use super::bounds::LatLon;

/// Why the context file cannot be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ContextError {
    #[error("it is not the JSON the atlas expects: {0}")]
    Json(String),
    #[error("its scale must be a positive number, not {0}")]
    Scale(i64),
    #[error("{what} has an odd number of coordinates ({count})")]
    OddCoordinates { what: String, count: usize },
    #[error("{what} has {count} points; it needs at least {least}")]
    TooShort {
        what: String,
        count: usize,
        least: usize,
    },
    #[error("{what} lies outside the world ({lat}, {lon})")]
    OutOfRange { what: String, lat: f64, lon: f64 },
}

/// A lake: its outline and, for the named ones, where its name goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Lake {
    pub name: Option<String>,
    pub label: Option<LatLon>,
    pub rings: Vec<Vec<LatLon>>,
}

/// A piece of a river (Natural Earth cuts rivers at confluences and lakes).
#[derive(Debug, Clone, PartialEq)]
pub struct River {
    pub name: Option<String>,
    pub line: Vec<LatLon>,
}

/// A mountain range or basin, named from `min_zoom` on.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub name: String,
    pub at: LatLon,
    pub min_zoom: f64,
}

/// A town or city (GeoNames): capitals are the report's countries' own.
#[derive(Debug, Clone, PartialEq)]
pub struct Town {
    pub name: String,
    pub population: u64,
    pub capital: bool,
    pub at: LatLon,
}

/// Everything the context file holds, decoded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Context {
    pub lakes: Vec<Lake>,
    pub rivers: Vec<River>,
    pub ranges: Vec<Range>,
    pub towns: Vec<Town>,
    /// Country borders at 1:10m, drawn when zoomed in (`FINE_BORDER_ZOOM`),
    /// where the basemap's 1:50m outline shows straight segments.
    pub borders: Vec<Vec<LatLon>>,
}

/// From this zoom the context's borders replace the basemap's outline.
pub const FINE_BORDER_ZOOM: f64 = 7.0;

/// What a label names; the stylesheet draws each kind its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Capital,
    City,
    Town,
    Lake,
    River,
    Range,
}

impl LabelKind {
    /// The CSS class of the label's element.
    pub fn class(self) -> &'static str {
        match self {
            Self::Capital => "atlas-place atlas-place-capital",
            Self::City => "atlas-place atlas-place-city",
            Self::Town => "atlas-place atlas-place-town",
            Self::Lake => "atlas-water-label atlas-lake-label",
            Self::River => "atlas-water-label atlas-river-label",
            Self::Range => "atlas-range-label",
        }
    }

    /// Places are drawn as a dot with the name beside it; the others are
    /// centred on their point.
    pub fn has_dot(self) -> bool {
        matches!(self, Self::Capital | Self::City | Self::Town)
    }
}

/// A name to place on the map, shown from `min_zoom` on.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub at: LatLon,
    pub kind: LabelKind,
    pub min_zoom: f64,
}

/// The zoom from which a town of `population` is named: the report's
/// capitals at the opening view, larger cities next, small towns at the
/// zoom a framed site is shown at (7–8).
pub fn town_min_zoom(population: u64, capital: bool) -> f64 {
    match population {
        _ if capital => 3.0,
        1_000_000.. => 5.0,
        300_000.. => 6.0,
        100_000.. => 6.5,
        40_000.. => 7.0,
        15_000.. => 7.5,
        _ => 8.0,
    }
}

/// The zoom from which a lake is named: the big ones (Balkhash, the Aral
/// Sea, Issyk-Kul) early, the others once there is room.
fn lake_min_zoom(rings: &[Vec<LatLon>]) -> f64 {
    let extent = rings.first().map_or(0.0, |ring| {
        let (mut w, mut e, mut s, mut n) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in ring {
            w = w.min(p.lon);
            e = e.max(p.lon);
            s = s.min(p.lat);
            n = n.max(p.lat);
        }
        (e - w) + (n - s)
    });
    if extent >= 1.5 { 5.0 } else { 7.0 }
}

/// Reads the context file. (Through `serde_json::Value`, which the app
/// links anyway, rather than derived deserializers: less code in the wasm.)
pub fn parse(text: &str) -> Result<Context, ContextError> {
    let root: Value = serde_json::from_str(text).map_err(|e| ContextError::Json(e.to_string()))?;
    let scale = root
        .get("scale")
        .and_then(Value::as_i64)
        .ok_or_else(|| shape("scale"))?;
    if scale <= 0 {
        return Err(ContextError::Scale(scale));
    }
    let scale = scale as f64;
    let mut context = Context::default();
    for (i, lake) in list(&root, "lakes")?.iter().enumerate() {
        let name = optional_text(lake, "name");
        let what = |part: &str| {
            format!(
                "lake {} ({}){part}",
                i + 1,
                name.as_deref().unwrap_or("unnamed")
            )
        };
        let mut rings = Vec::new();
        for ring in lake
            .get("rings")
            .and_then(Value::as_array)
            .ok_or_else(|| shape("a lake's rings"))?
        {
            rings.push(decode(
                &integers(ring, &what("'s outline"))?,
                scale,
                &what("'s outline"),
                4,
            )?);
        }
        let label = match lake.get("label") {
            Some(at) => Some(one_point(
                &integers(at, &what("'s label"))?,
                scale,
                &what("'s label"),
            )?),
            None => None,
        };
        context.lakes.push(Lake { name, label, rings });
    }
    for (i, river) in list(&root, "rivers")?.iter().enumerate() {
        let name = optional_text(river, "name");
        let what = format!("river {} ({})", i + 1, name.as_deref().unwrap_or("unnamed"));
        let line = decode(
            &integers(river.get("line").unwrap_or(&Value::Null), &what)?,
            scale,
            &what,
            2,
        )?;
        context.rivers.push(River { name, line });
    }
    for range in list(&root, "ranges")? {
        let name = optional_text(range, "name").ok_or_else(|| shape("a range's name"))?;
        let what = format!("range {name}");
        let at = one_point(
            &integers(range.get("at").unwrap_or(&Value::Null), &what)?,
            scale,
            &what,
        )?;
        let min_zoom = range
            .get("min_zoom")
            .and_then(Value::as_f64)
            .ok_or_else(|| shape("a range's min_zoom"))?;
        context.ranges.push(Range { name, at, min_zoom });
    }
    for town in list(&root, "towns")? {
        let name = optional_text(town, "name").ok_or_else(|| shape("a town's name"))?;
        let what = format!("town {name}");
        let at = one_point(
            &integers(town.get("at").unwrap_or(&Value::Null), &what)?,
            scale,
            &what,
        )?;
        let population = town
            .get("population")
            .and_then(Value::as_u64)
            .ok_or_else(|| shape("a town's population"))?;
        let capital = town
            .get("capital")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        context.towns.push(Town {
            name,
            population,
            capital,
            at,
        });
    }
    // Optional: a file without borders keeps the basemap's.
    let borders = match root.get("borders") {
        Some(_) => list(&root, "borders")?.as_slice(),
        None => &[],
    };
    for (i, line) in borders.iter().enumerate() {
        let what = format!("border {}", i + 1);
        context
            .borders
            .push(decode(&integers(line, &what)?, scale, &what, 2)?);
    }
    Ok(context)
}

fn shape(what: &str) -> ContextError {
    ContextError::Json(format!("{what} is missing or of the wrong type"))
}

fn list<'a>(root: &'a Value, key: &str) -> Result<&'a Vec<Value>, ContextError> {
    root.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| shape(key))
}

fn optional_text(object: &Value, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn integers(value: &Value, what: &str) -> Result<Vec<i64>, ContextError> {
    value
        .as_array()
        .and_then(|items| items.iter().map(Value::as_i64).collect::<Option<Vec<_>>>())
        .ok_or_else(|| shape(&format!("{what}'s coordinates")))
}

fn one_point(coords: &[i64], scale: f64, what: &str) -> Result<LatLon, ContextError> {
    decode(coords, scale, what, 1)?
        .first()
        .copied()
        .ok_or_else(|| ContextError::TooShort {
            what: what.to_owned(),
            count: 0,
            least: 1,
        })
}

/// Undoes the delta coding of `[lon0, lat0, dlon1, dlat1, …]`.
fn decode(
    coords: &[i64],
    scale: f64,
    what: &str,
    least: usize,
) -> Result<Vec<LatLon>, ContextError> {
    if !coords.len().is_multiple_of(2) {
        return Err(ContextError::OddCoordinates {
            what: what.to_owned(),
            count: coords.len(),
        });
    }
    if coords.len() / 2 < least {
        return Err(ContextError::TooShort {
            what: what.to_owned(),
            count: coords.len() / 2,
            least,
        });
    }
    let (mut lon, mut lat) = (0_i64, 0_i64);
    let mut out = Vec::with_capacity(coords.len() / 2);
    for pair in coords.chunks_exact(2) {
        lon = lon.saturating_add(pair[0]);
        lat = lat.saturating_add(pair[1]);
        let point = LatLon::new(lat as f64 / scale, lon as f64 / scale);
        if !(-90.0..=90.0).contains(&point.lat) || !(-180.0..=180.0).contains(&point.lon) {
            return Err(ContextError::OutOfRange {
                what: what.to_owned(),
                lat: point.lat,
                lon: point.lon,
            });
        }
        out.push(point);
    }
    Ok(out)
}

fn position(p: &LatLon) -> Value {
    json!([p.lon, p.lat])
}

impl Context {
    /// The lakes (polygons, `kind: "lake"`), rivers (lines,
    /// `kind: "river"`) and borders (lines, `kind: "border"`) as one
    /// GeoJSON `FeatureCollection`, for the map.
    pub fn water_geojson(&self) -> String {
        let lakes = self.lakes.iter().map(|lake| {
            let rings: Vec<Value> = lake
                .rings
                .iter()
                .map(|ring| {
                    let mut points: Vec<Value> = ring.iter().map(position).collect();
                    // GeoJSON rings end where they start.
                    if ring.first() != ring.last()
                        && let Some(first) = ring.first()
                    {
                        points.push(position(first));
                    }
                    Value::Array(points)
                })
                .collect();
            json!({
                "type": "Feature",
                "properties": { "kind": "lake" },
                "geometry": { "type": "Polygon", "coordinates": rings },
            })
        });
        let rivers = self.rivers.iter().map(|river| {
            json!({
                "type": "Feature",
                "properties": { "kind": "river" },
                "geometry": {
                    "type": "LineString",
                    "coordinates": river.line.iter().map(position).collect::<Vec<_>>(),
                },
            })
        });
        let borders = self.borders.iter().map(|line| {
            json!({
                "type": "Feature",
                "properties": { "kind": "border" },
                "geometry": {
                    "type": "LineString",
                    "coordinates": line.iter().map(position).collect::<Vec<_>>(),
                },
            })
        });
        let features: Vec<Value> = lakes.chain(rivers).chain(borders).collect();
        json!({ "type": "FeatureCollection", "features": features }).to_string()
    }

    /// Every name to place, most important first: the report's capitals,
    /// the ranges, the big lakes, cities by population, rivers, the
    /// other lakes, then towns. Each river is named once, at the middle of
    /// its longest named piece.
    pub fn labels(&self) -> Vec<Label> {
        let mut labels = Vec::new();
        for town in &self.towns {
            labels.push(Label {
                text: town.name.clone(),
                at: town.at,
                kind: match (town.capital, town.population) {
                    (true, _) => LabelKind::Capital,
                    (false, 300_000..) => LabelKind::City,
                    _ => LabelKind::Town,
                },
                min_zoom: town_min_zoom(town.population, town.capital),
            });
        }
        for range in &self.ranges {
            labels.push(Label {
                text: range.name.clone(),
                at: range.at,
                kind: LabelKind::Range,
                min_zoom: range.min_zoom,
            });
        }
        for lake in &self.lakes {
            if let (Some(name), Some(at)) = (&lake.name, lake.label) {
                labels.push(Label {
                    text: name.clone(),
                    at,
                    kind: LabelKind::Lake,
                    min_zoom: lake_min_zoom(&lake.rings),
                });
            }
        }
        let mut named: Vec<(&str, &[LatLon])> = Vec::new();
        for river in &self.rivers {
            let Some(name) = river.name.as_deref() else {
                continue;
            };
            match named.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) if entry.1.len() < river.line.len() => entry.1 = &river.line,
                Some(_) => {}
                None => named.push((name, &river.line)),
            }
        }
        for (name, line) in named {
            if let Some(at) = line.get(line.len() / 2) {
                labels.push(Label {
                    text: name.to_owned(),
                    at: *at,
                    kind: LabelKind::River,
                    min_zoom: 6.0,
                });
            }
        }
        labels.sort_by(|a, b| rank(a).total_cmp(&rank(b)));
        labels
    }
}

/// Sort key: lower first. Capitals, then by the zoom a label appears at
/// (what shows zoomed out matters most); towns by population within it.
fn rank(label: &Label) -> f64 {
    let kind = match label.kind {
        LabelKind::Capital => 0.0,
        LabelKind::Range => 0.1,
        LabelKind::Lake => 0.2,
        LabelKind::City => 0.3,
        LabelKind::River => 0.4,
        LabelKind::Town => 0.5,
    };
    label.min_zoom + kind
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
        "scale": 1000,
        "lakes": [{"name": "Issyk-Kul", "label": [77330, 42430],
                   "rings": [[76200, 42150, 2130, 0, 0, 600, -2130, 0]]}],
        "rivers": [{"name": "Naryn", "line": [74000, 41000, 500, 200, 500, 200]},
                   {"line": [70000, 40000, 100, 100]}],
        "ranges": [{"name": "Tian Shan", "at": [76000, 41900], "min_zoom": 4}],
        "towns": [{"name": "Bishkek", "population": 900000, "capital": true, "at": [74590, 42870]},
                  {"name": "Naryn", "population": 35000, "at": [75990, 41430]}],
        "borders": [[73000, 39500, 250, 100, 250, -100]]
    }"#;

    #[test]
    fn parse_decodes_delta_coded_thousandths() {
        let context = parse(SAMPLE).unwrap();
        let ring = &context.lakes[0].rings[0];
        assert_eq!(ring[0], LatLon::new(42.15, 76.2));
        assert_eq!(ring[2], LatLon::new(42.75, 78.33));
        assert_eq!(context.lakes[0].label, Some(LatLon::new(42.43, 77.33)));
        assert_eq!(context.rivers[0].line[2], LatLon::new(41.4, 75.0));
        assert_eq!(context.towns[1].at, LatLon::new(41.43, 75.99));
        assert!(context.towns[0].capital && !context.towns[1].capital);
        assert_eq!(
            context.borders,
            vec![vec![
                LatLon::new(39.5, 73.0),
                LatLon::new(39.6, 73.25),
                LatLon::new(39.5, 73.5)
            ]]
        );
    }

    #[test]
    fn borders_are_optional_but_checked() {
        let without = SAMPLE.replace(
            ",\n        \"borders\": [[73000, 39500, 250, 100, 250, -100]]",
            "",
        );
        assert!(!without.contains("borders"));
        assert_eq!(parse(&without).map(|c| c.borders.len()), Ok(0));
        let odd = SAMPLE.replace("[73000, 39500, 250, 100, 250, -100]", "[73000, 39500, 250]");
        assert!(
            matches!(parse(&odd), Err(ContextError::OddCoordinates { what, .. }) if what == "border 1")
        );
        let wrong = SAMPLE.replace("[[73000, 39500, 250, 100, 250, -100]]", "\"none\"");
        assert!(matches!(parse(&wrong), Err(ContextError::Json(_))));
    }

    #[test]
    fn parse_names_what_is_wrong() {
        let odd = SAMPLE.replace("[74000, 41000, 500, 200, 500, 200]", "[74000, 41000, 500]");
        assert!(
            matches!(parse(&odd), Err(ContextError::OddCoordinates { what, count: 3 }) if what.contains("Naryn"))
        );
        let short = SAMPLE.replace("[70000, 40000, 100, 100]", "[70000, 40000]");
        assert!(matches!(
            parse(&short),
            Err(ContextError::TooShort {
                count: 1,
                least: 2,
                ..
            })
        ));
        let far = SAMPLE.replace("[74590, 42870]", "[74590, 92870]");
        assert!(
            matches!(parse(&far), Err(ContextError::OutOfRange { what, .. }) if what.contains("Bishkek"))
        );
        assert_eq!(
            parse(&SAMPLE.replace("1000,", "0,")),
            Err(ContextError::Scale(0))
        );
        assert!(matches!(parse("<html>"), Err(ContextError::Json(_))));
    }

    #[test]
    fn water_is_closed_polygons_and_lines() {
        let geojson: Value = serde_json::from_str(&parse(SAMPLE).unwrap().water_geojson()).unwrap();
        let features = geojson["features"].as_array().unwrap();
        assert_eq!(features.len(), 4);
        let ring = features[0]["geometry"]["coordinates"][0]
            .as_array()
            .unwrap();
        assert_eq!(ring.len(), 5);
        assert_eq!(ring.first(), ring.last());
        assert_eq!(features[0]["properties"]["kind"], "lake");
        assert_eq!(features[1]["geometry"]["type"], "LineString");
        assert_eq!(features[3]["properties"]["kind"], "border");
        assert_eq!(
            features[3]["geometry"]["coordinates"][1],
            json!([73.25, 39.6])
        );
    }

    #[test]
    fn labels_put_capitals_first_and_towns_last() {
        let labels = parse(SAMPLE).unwrap().labels();
        let order: Vec<(&str, LabelKind)> =
            labels.iter().map(|l| (l.text.as_str(), l.kind)).collect();
        assert_eq!(
            order,
            [
                ("Bishkek", LabelKind::Capital),
                ("Tian Shan", LabelKind::Range),
                ("Issyk-Kul", LabelKind::Lake),
                ("Naryn", LabelKind::River),
                ("Naryn", LabelKind::Town),
            ]
        );
        // The river is named at the middle of its piece.
        assert_eq!(labels[3].at, LatLon::new(41.2, 74.5));
    }

    #[test]
    fn towns_appear_by_size() {
        assert_eq!(town_min_zoom(10_000, true), 3.0);
        assert_eq!(town_min_zoom(2_000_000, false), 5.0);
        assert_eq!(town_min_zoom(1_000_000, false), 5.0);
        assert_eq!(town_min_zoom(999_999, false), 6.0);
        assert_eq!(town_min_zoom(100_000, false), 6.5);
        assert_eq!(town_min_zoom(40_000, false), 7.0);
        assert_eq!(town_min_zoom(15_000, false), 7.5);
        assert_eq!(town_min_zoom(14_999, false), 8.0);
    }
}
