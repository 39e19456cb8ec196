//! Checking a GeoJSON file a user brings. Every such file is untrusted: this
//! module reads it with `serde_json`, walks it by hand, and either rejects
//! the whole file with one specific reason (invalid JSON with line and
//! column, not GeoJSON, too large, nested too deep, nothing usable) or keeps
//! every valid feature and lists each skipped one with its reason. It never
//! panics, on any input (property-tested). Plain Rust, no browser.

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value, value::RawValue};
use thiserror::Error;

use crate::geo::bounds::LatLon;
use crate::i18n::Lang;
use crate::i18n::format::integer;
use crate::userdata::problem::{Geom, Json, Problem};

/// Files larger than this are refused before reading: 64 MiB.
pub(crate) const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Deepest JSON nesting accepted. A FeatureCollection of MultiPolygons
/// needs 8 levels; GeometryCollections may add a few.
pub(crate) const MAX_DEPTH: usize = 24;
/// At most this many skipped features are listed one by one.
pub(crate) const MAX_LISTED_SKIPS: usize = 50;

/// Why a whole file was refused. The messages are for the user.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    #[error("the file is {size} bytes; the limit is {limit} bytes (64 MiB)")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is not valid JSON: {message} (line {line}, column {column})")]
    InvalidJson {
        message: String,
        line: usize,
        column: usize,
    },
    #[error("the JSON is nested more than {0} levels deep, deeper than any GeoJSON needs")]
    TooDeep(usize),
    #[error("this is JSON but not GeoJSON: {0}")]
    NotGeoJson(Problem),
    #[error("no feature in the file could be used ({skipped} skipped); first problem: {first}")]
    NothingUsable { skipped: usize, first: Problem },
}

impl ImportError {
    /// The reason in `lang`, as a clause (its `Display` is the English).
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (ImportError::TooLarge { size, limit }, Lang::Zh) => format!(
                "文件大小为 {} 字节，上限为 {} 字节（64 MiB）",
                integer(lang, *size as i64),
                integer(lang, *limit as i64)
            ),
            (ImportError::TooLarge { size, limit }, Lang::Ru) => format!(
                "размер файла — {} байт; предел — {} байт (64 МиБ)",
                integer(lang, *size as i64),
                integer(lang, *limit as i64)
            ),
            // The parser's own words stay English: they quote JSON.
            (
                ImportError::InvalidJson {
                    message,
                    line,
                    column,
                },
                Lang::Zh,
            ) => format!("文件不是有效的 JSON：{message}（第 {line} 行，第 {column} 列）"),
            (
                ImportError::InvalidJson {
                    message,
                    line,
                    column,
                },
                Lang::Ru,
            ) => format!("файл — не корректный JSON: {message} (строка {line}, столбец {column})"),
            (ImportError::TooDeep(n), Lang::Zh) => {
                format!("JSON 的嵌套超过 {n} 层，比任何 GeoJSON 所需的都深")
            }
            (ImportError::TooDeep(n), Lang::Ru) => {
                format!("JSON вложен глубже {n} уровней — глубже, чем нужно любому GeoJSON")
            }
            (ImportError::NotGeoJson(p), Lang::Zh) => {
                format!("这是 JSON，但不是 GeoJSON：{}", p.text(lang))
            }
            (ImportError::NotGeoJson(p), Lang::Ru) => {
                format!("это JSON, но не GeoJSON: {}", p.text(lang))
            }
            (ImportError::NothingUsable { skipped, first }, Lang::Zh) => format!(
                "文件中没有可用的要素（跳过 {skipped} 个）；第一个问题：{}",
                first.text(lang)
            ),
            (ImportError::NothingUsable { skipped, first }, Lang::Ru) => format!(
                "ни один объект файла не подошёл (пропущено: {skipped}); первая проблема: {}",
                first.text(lang)
            ),
        }
    }
}

/// A geometry, with positions as `LatLon`.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Point(LatLon),
    Line(Vec<LatLon>),
    /// Rings: the outer one first, then holes; each closed.
    Polygon(Vec<Vec<LatLon>>),
}

/// One imported feature: its shapes (a multi-geometry or collection gives
/// several) and its properties as text, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFeature {
    pub shapes: Vec<Shape>,
    pub properties: Vec<(String, String)>,
    /// The feature's `id`, if it has one, as text.
    pub id: Option<String>,
}

/// A feature that was left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Position in the file's `features` (0-based).
    pub index: usize,
    pub reason: Problem,
}

/// The usable part of a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    pub features: Vec<ImportedFeature>,
    /// The first `MAX_LISTED_SKIPS` skipped features.
    pub skipped: Vec<Skipped>,
    /// How many were skipped in all.
    pub skipped_count: usize,
}

/// Checks and reads `text` as GeoJSON, all at once.
pub fn import_geojson(text: &str) -> Result<Import, ImportError> {
    let mut importer = Importer::start(text.as_bytes())?;
    while !importer.step(usize::MAX) {}
    importer.finish()
}

/// Features checked per slice: progress is shown (and, on the page, the
/// browser gets to paint) between slices.
pub(crate) const CHECK_SLICE: usize = 5000;

/// Reading a file in steps, so that a large one can be checked a slice at
/// a time with the page staying responsive and progress shown between.
pub(crate) struct Importer<'a> {
    items: Items<'a>,
    /// The file is one bare geometry, not features.
    bare_geometry: bool,
    next: usize,
    import: Import,
    /// A problem found while stepping that rejects the whole file.
    fatal: Option<ImportError>,
}

/// The features still to check: for a FeatureCollection, slices of the
/// file's own bytes, each parsed when its turn comes (the file is never
/// held as one tree of JSON values); otherwise parsed values.
enum Items<'a> {
    Raw {
        file: &'a [u8],
        features: Vec<&'a RawValue>,
    },
    Parsed(Vec<Value>),
}

impl Items<'_> {
    fn len(&self) -> usize {
        match self {
            Items::Raw { features, .. } => features.len(),
            Items::Parsed(values) => values.len(),
        }
    }
}

/// A FeatureCollection's `features`, as slices of `bytes`, when the file is
/// one; `None` for anything else (the full check then says what it is).
/// One pass over the bytes: the other top-level members are checked for
/// syntax and skipped; a repeated member counts as its last (as a map
/// reads it).
fn raw_features(bytes: &[u8]) -> Option<Vec<&RawValue>> {
    struct Top;
    impl<'de> Visitor<'de> for Top {
        type Value = Option<Vec<&'de RawValue>>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (mut collection, mut features) = (false, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "type" => {
                        collection =
                            map.next_value::<&RawValue>()?.get() == "\"FeatureCollection\"";
                    }
                    "features" => features = Some(map.next_value::<Vec<&RawValue>>()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(features.filter(|_| collection))
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let features = de.deserialize_map(Top).ok()?;
    de.end().ok()?;
    features
}

/// Line and column (1-based) of byte `offset` in `bytes`.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
    (line, column)
}

impl<'a> Importer<'a> {
    /// Parses the JSON and checks the top level; the features are checked
    /// by `step`.
    pub(crate) fn start(bytes: &'a [u8]) -> Result<Importer<'a>, ImportError> {
        // Editors on Windows often start UTF-8 files with a byte-order mark.
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        if bytes.len() > MAX_BYTES {
            return Err(ImportError::TooLarge {
                size: bytes.len(),
                limit: MAX_BYTES,
            });
        }
        // The common case, a valid FeatureCollection: checked for syntax in
        // one pass over the bytes, each feature kept as a slice of them.
        if let Some(features) = raw_features(bytes) {
            return Ok(Importer {
                items: Items::Raw {
                    file: bytes,
                    features,
                },
                bare_geometry: false,
                next: 0,
                import: Import::default(),
                fatal: None,
            });
        }
        // Anything else: parsed whole, straight from the bytes, so that a
        // broken file gets its exact reason.
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            if e.to_string().contains("recursion limit") {
                ImportError::TooDeep(MAX_DEPTH)
            } else {
                ImportError::InvalidJson {
                    message: json_message(&e),
                    line: e.line(),
                    column: e.column(),
                }
            }
        })?;
        if depth(&value, 0) > MAX_DEPTH {
            return Err(ImportError::TooDeep(MAX_DEPTH));
        }
        let kind_name = {
            let object = value
                .as_object()
                .ok_or_else(|| ImportError::NotGeoJson(Problem::TopNotObject(Json::of(&value))))?;
            object
                .get("type")
                .and_then(Value::as_str)
                .ok_or(ImportError::NotGeoJson(Problem::TopNoType))?
                .to_owned()
        };
        let (items, bare_geometry) = match kind_name.as_str() {
            "FeatureCollection" => {
                let mut value = value;
                let features = value
                    .as_object_mut()
                    .and_then(|o| o.remove("features"))
                    .and_then(|f| match f {
                        Value::Array(items) => Some(items),
                        _ => None,
                    })
                    .ok_or(ImportError::NotGeoJson(Problem::NoFeaturesArray))?;
                (features, false)
            }
            "Feature" => (vec![value], false),
            geometry if GEOMETRY_TYPES.contains(&geometry) => (vec![value], true),
            other => {
                return Err(ImportError::NotGeoJson(Problem::UnknownType(shorten(
                    other,
                ))));
            }
        };
        Ok(Importer {
            items: Items::Parsed(items),
            bare_geometry,
            next: 0,
            import: Import::default(),
            fatal: None,
        })
    }

    /// How many features the file has.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// How many have been checked.
    pub(crate) fn done(&self) -> usize {
        self.next
    }

    /// Checks up to `count` more features; `true` when all are checked.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(self.items.len());
        for index in self.next..end {
            if self.fatal.is_some() {
                break;
            }
            let item = match &mut self.items {
                Items::Parsed(values) => std::mem::take(&mut values[index]),
                Items::Raw { file, features } => {
                    let raw = features[index];
                    // The usual feature, valid: read straight into its
                    // shapes, with no tree of JSON values in between.
                    if let Some(feature) = fast::feature(raw.get()) {
                        self.import.features.push(feature);
                        continue;
                    }
                    match serde_json::from_str::<Value>(raw.get()) {
                        // Features sit two levels down in the collection.
                        Ok(value) if depth(&value, 2) > MAX_DEPTH => {
                            self.fatal = Some(ImportError::TooDeep(MAX_DEPTH));
                            break;
                        }
                        Ok(value) => value,
                        Err(e) => {
                            // Valid syntax, but a value serde_json cannot
                            // hold (a number out of range): placed in the file.
                            let offset = (raw.get().as_ptr() as usize)
                                .saturating_sub(file.as_ptr() as usize);
                            let (line, column) = line_and_column(file, offset);
                            self.fatal = Some(ImportError::InvalidJson {
                                message: json_message(&e),
                                line: line + e.line() - 1,
                                column: if e.line() == 1 {
                                    column + e.column() - 1
                                } else {
                                    e.column()
                                },
                            });
                            break;
                        }
                    }
                }
            };
            let read = if self.bare_geometry {
                read_geometry(&item, 0).map(|shapes| ImportedFeature {
                    shapes,
                    properties: Vec::new(),
                    id: None,
                })
            } else {
                read_feature(&item)
            };
            match read {
                Ok(feature) => self.import.features.push(feature),
                Err(reason) => skip(&mut self.import, index, reason),
            }
        }
        self.next = end;
        self.next >= self.items.len() || self.fatal.is_some()
    }

    /// The result: the usable features, or why there are none.
    pub fn finish(self) -> Result<Import, ImportError> {
        if let Some(fatal) = self.fatal {
            return Err(fatal);
        }
        let import = self.import;
        if import.features.is_empty() {
            return Err(ImportError::NothingUsable {
                skipped: import.skipped_count,
                first: import
                    .skipped
                    .first()
                    .map(|s| s.reason.clone())
                    .unwrap_or(Problem::NoFeatures),
            });
        }
        Ok(import)
    }
}

const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

fn skip(import: &mut Import, index: usize, reason: Problem) {
    import.skipped_count += 1;
    if import.skipped.len() < MAX_LISTED_SKIPS {
        import.skipped.push(Skipped { index, reason });
    }
}

/// serde_json's message without its own " at line … column …" suffix.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.find(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

/// Nesting depth of a JSON value (a scalar is 0).
fn depth(value: &Value, at: usize) -> usize {
    if at > MAX_DEPTH {
        return at;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .map(|v| depth(v, at + 1))
            .max()
            .unwrap_or(at + 1),
        Value::Object(map) => map
            .values()
            .map(|v| depth(v, at + 1))
            .max()
            .unwrap_or(at + 1),
        _ => at,
    }
}

/// At most 40 characters of user text for a message.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn read_feature(value: &Value) -> Result<ImportedFeature, Problem> {
    let object = value
        .as_object()
        .ok_or_else(|| Problem::FeatureNotObject(Json::of(value)))?;
    if object.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err(Problem::NotFeature);
    }
    let geometry = object
        .get("geometry")
        .filter(|g| !g.is_null())
        .ok_or(Problem::NoGeometry)?;
    let shapes = read_geometry(geometry, 0)?;
    let properties = match object.get("properties") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => properties(map),
        Some(other) => {
            return Err(Problem::PropertiesNotObject(Json::of(other)));
        }
    };
    let id = match object.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(ImportedFeature {
        shapes,
        properties,
        id,
    })
}

/// Properties as text: strings as they are, everything else as JSON.
fn properties(map: &Map<String, Value>) -> Vec<(String, String)> {
    map.iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect()
}

fn read_geometry(value: &Value, nesting: usize) -> Result<Vec<Shape>, Problem> {
    let object = value
        .as_object()
        .ok_or_else(|| Problem::GeometryNotObject(Json::of(value)))?;
    let kind_name = object
        .get("type")
        .and_then(Value::as_str)
        .ok_or(Problem::GeometryNoType)?;
    if kind_name == "GeometryCollection" {
        if nesting >= 4 {
            return Err(Problem::CollectionsTooDeep);
        }
        let members = object
            .get("geometries")
            .and_then(Value::as_array)
            .ok_or(Problem::CollectionNoGeometries)?;
        let mut shapes = Vec::new();
        for member in members {
            shapes.extend(read_geometry(member, nesting + 1)?);
        }
        if shapes.is_empty() {
            return Err(Problem::CollectionEmpty);
        }
        return Ok(shapes);
    }
    let Some(geom) = Geom::named(kind_name) else {
        return Err(Problem::UnknownGeometry(shorten(kind_name)));
    };
    let coordinates = object
        .get("coordinates")
        .ok_or(Problem::NoCoordinates(geom))?;
    let shapes = match geom {
        Geom::Point => vec![Shape::Point(position(coordinates)?)],
        Geom::MultiPoint => list(coordinates, geom)?
            .iter()
            .map(|p| position(p).map(Shape::Point))
            .collect::<Result<_, _>>()?,
        Geom::LineString => vec![Shape::Line(line(coordinates)?)],
        Geom::MultiLineString => list(coordinates, geom)?
            .iter()
            .map(|l| line(l).map(Shape::Line))
            .collect::<Result<_, _>>()?,
        Geom::Polygon => vec![Shape::Polygon(polygon(coordinates)?)],
        Geom::MultiPolygon | Geom::PolygonRing => list(coordinates, geom)?
            .iter()
            .map(|p| polygon(p).map(Shape::Polygon))
            .collect::<Result<_, _>>()?,
    };
    if shapes.is_empty() {
        return Err(Problem::NoPositions(geom));
    }
    Ok(shapes)
}

fn list(value: &Value, what: Geom) -> Result<&Vec<Value>, Problem> {
    value
        .as_array()
        .ok_or_else(|| Problem::NotArray(what, Json::of(value)))
}

/// `[lon, lat, …]`: RFC 7946 §3.1.1 makes a position an array of two or
/// more numbers, longitude and latitude first; an altitude may follow, and
/// parsers may ignore anything after it. The atlas draws in two dimensions,
/// so it reads the first two numbers and ignores the rest, which must still
/// be numbers.
fn position(value: &Value) -> Result<LatLon, Problem> {
    let items = value
        .as_array()
        .ok_or_else(|| Problem::PositionNotArray(Json::of(value)))?;
    let number = |v: &Value| -> Result<f64, Problem> {
        match v {
            Value::Number(n) => n
                .as_f64()
                .filter(|f| f.is_finite())
                .ok_or(Problem::CoordinateNotFinite),
            Value::String(s) => Err(Problem::CoordinateIsText(shorten(s))),
            other => Err(Problem::CoordinateNotNumber(Json::of(other))),
        }
    };
    let [lon, lat, rest @ ..] = items.as_slice() else {
        return Err(Problem::TooFewNumbers(items.len()));
    };
    let lon = number(lon)?;
    let lat = number(lat)?;
    if !(-180.0..=180.0).contains(&lon) {
        return Err(Problem::LonOutside(lon.to_string()));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(Problem::LatOutside(lat.to_string()));
    }
    for extra in rest {
        number(extra)?;
    }
    Ok(LatLon::new(lat, lon))
}

fn line(value: &Value) -> Result<Vec<LatLon>, Problem> {
    let points = list(value, Geom::LineString)?
        .iter()
        .map(position)
        .collect::<Result<Vec<_>, _>>()?;
    if points.len() < 2 {
        return Err(Problem::LineTooShort(points.len()));
    }
    Ok(points)
}

fn polygon(value: &Value) -> Result<Vec<Vec<LatLon>>, Problem> {
    let rings = list(value, Geom::Polygon)?;
    if rings.is_empty() {
        return Err(Problem::NoRings);
    }
    rings
        .iter()
        .map(|ring| {
            let points = list(ring, Geom::PolygonRing)?
                .iter()
                .map(position)
                .collect::<Result<Vec<_>, _>>()?;
            if points.len() < 4 {
                return Err(Problem::RingTooShort(points.len()));
            }
            if points.first() != points.last() {
                return Err(Problem::RingNotClosed);
            }
            Ok(points)
        })
        .collect()
}

/// The fast way through a feature of the usual shape: `{"type":
/// "Feature", "id", "properties", "geometry": {"type", "coordinates"}}`,
/// with the geometry's `type` before its `coordinates` and nothing else,
/// read in one pass straight into positions, with no `Value` per number.
/// It only ever accepts: a feature it would have to skip, anything
/// unusual (another key, a GeometryCollection, an escape in a key, a
/// repeated key) or anything it cannot judge, and it gives up, and the
/// feature takes the full way (`read_feature`), which names what is wrong.
/// So what it accepts, it reads exactly as the full way would (tested
/// against it below).
mod fast {
    use std::fmt;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Value};

    use super::{ImportedFeature, MAX_DEPTH, Shape, depth, properties};
    use crate::geo::bounds::LatLon;

    /// The feature in `text`, if it is of the usual shape and valid.
    pub(super) fn feature(text: &str) -> Option<ImportedFeature> {
        let mut de = serde_json::Deserializer::from_str(text);
        let feature = FeatureSeed.deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(feature)
    }

    /// Giving up: the message is never shown.
    fn bail<E: de::Error>() -> E {
        E::custom("")
    }

    struct FeatureSeed;

    impl<'de> DeserializeSeed<'de> for FeatureSeed {
        type Value = ImportedFeature;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ImportedFeature, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for FeatureSeed {
        type Value = ImportedFeature;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a feature")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ImportedFeature, A::Error> {
            let (mut kind, mut id, mut props, mut shapes) = (false, None, None, None);
            while let Some(key) = map.next_key::<&str>()? {
                match key {
                    "type" if !kind => {
                        if map.next_value::<&str>()? != "Feature" {
                            return Err(bail());
                        }
                        kind = true;
                    }
                    "id" if id.is_none() => id = Some(map.next_value_seed(IdSeed)?),
                    "properties" if props.is_none() => {
                        let read: Option<Map<String, Value>> = map.next_value()?;
                        // Values sit four levels down (collection,
                        // features, feature, properties): one too deep
                        // rejects the whole file, which the full way says.
                        let read = read.unwrap_or_default();
                        if read.values().any(|v| depth(v, 4) > MAX_DEPTH) {
                            return Err(bail());
                        }
                        props = Some(properties(&read));
                    }
                    "geometry" if shapes.is_none() => {
                        shapes = Some(map.next_value_seed(GeometrySeed)?);
                    }
                    _ => return Err(bail()),
                }
            }
            match (kind, shapes) {
                (true, Some(shapes)) => Ok(ImportedFeature {
                    shapes,
                    properties: props.unwrap_or_default(),
                    id: id.flatten(),
                }),
                _ => Err(bail()),
            }
        }
    }

    /// An id as the full way reads it: a string, a number as text, else
    /// none; an array or object gives up (its depth counts).
    struct IdSeed;

    impl<'de> DeserializeSeed<'de> for IdSeed {
        type Value = Option<String>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for IdSeed {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an id")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<String>, E> {
            Ok(Some(serde_json::Number::from(v).to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<String>, E> {
            Ok(Some(serde_json::Number::from(v).to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<String>, E> {
            serde_json::Number::from_f64(v)
                .map(|n| Some(n.to_string()))
                .ok_or_else(bail)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<String>, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
    }

    #[derive(Clone, Copy)]
    enum Kind {
        Point,
        MultiPoint,
        LineString,
        MultiLineString,
        Polygon,
        MultiPolygon,
    }

    struct GeometrySeed;

    impl<'de> DeserializeSeed<'de> for GeometrySeed {
        type Value = Vec<Shape>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Shape>, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for GeometrySeed {
        type Value = Vec<Shape>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a geometry")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Shape>, A::Error> {
            let (mut kind, mut shapes) = (None, None);
            while let Some(key) = map.next_key::<&str>()? {
                match key {
                    "type" if kind.is_none() => {
                        kind = Some(match map.next_value::<&str>()? {
                            "Point" => Kind::Point,
                            "MultiPoint" => Kind::MultiPoint,
                            "LineString" => Kind::LineString,
                            "MultiLineString" => Kind::MultiLineString,
                            "Polygon" => Kind::Polygon,
                            "MultiPolygon" => Kind::MultiPolygon,
                            _ => return Err(bail()),
                        });
                    }
                    "coordinates" if shapes.is_none() => {
                        let Some(kind) = kind else {
                            return Err(bail());
                        };
                        shapes = Some(map.next_value_seed(CoordinatesSeed(kind))?);
                    }
                    _ => return Err(bail()),
                }
            }
            shapes.ok_or_else(bail)
        }
    }

    struct CoordinatesSeed(Kind);

    impl<'de> DeserializeSeed<'de> for CoordinatesSeed {
        type Value = Vec<Shape>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Shape>, D::Error> {
            let shapes = match self.0 {
                Kind::Point => vec![Shape::Point(d.deserialize_seq(PositionSeed)?)],
                Kind::MultiPoint => d
                    .deserialize_seq(ListSeed(PositionSeed))?
                    .into_iter()
                    .map(Shape::Point)
                    .collect(),
                Kind::LineString => vec![Shape::Line(LineSeed.deserialize(d)?)],
                Kind::MultiLineString => d
                    .deserialize_seq(ListSeed(LineSeed))?
                    .into_iter()
                    .map(Shape::Line)
                    .collect(),
                Kind::Polygon => vec![Shape::Polygon(PolygonSeed.deserialize(d)?)],
                Kind::MultiPolygon => d
                    .deserialize_seq(ListSeed(PolygonSeed))?
                    .into_iter()
                    .map(Shape::Polygon)
                    .collect(),
            };
            if shapes.is_empty() {
                return Err(bail());
            }
            Ok(shapes)
        }
    }

    /// `[lon, lat, …]`: numbers, the first two in range.
    #[derive(Clone, Copy)]
    struct PositionSeed;

    impl<'de> DeserializeSeed<'de> for PositionSeed {
        type Value = LatLon;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<LatLon, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for PositionSeed {
        type Value = LatLon;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a position")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LatLon, A::Error> {
            let lon: f64 = seq.next_element()?.ok_or_else(bail)?;
            let lat: f64 = seq.next_element()?.ok_or_else(bail)?;
            while seq.next_element::<f64>()?.is_some() {}
            let in_range = lon.is_finite()
                && lat.is_finite()
                && (-180.0..=180.0).contains(&lon)
                && (-90.0..=90.0).contains(&lat);
            if !in_range {
                return Err(bail());
            }
            Ok(LatLon::new(lat, lon))
        }
    }

    /// A list of what `S` reads.
    #[derive(Clone, Copy)]
    struct ListSeed<S>(S);

    impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ListSeed<S> {
        type Value = Vec<S::Value>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<S::Value>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element_seed(self.0)? {
                out.push(item);
            }
            Ok(out)
        }
    }

    /// At least two positions.
    #[derive(Clone, Copy)]
    struct LineSeed;

    impl<'de> DeserializeSeed<'de> for LineSeed {
        type Value = Vec<LatLon>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<LatLon>, D::Error> {
            let points = d.deserialize_seq(ListSeed(PositionSeed))?;
            if points.len() < 2 {
                return Err(bail());
            }
            Ok(points)
        }
    }

    /// At least one ring, each closed with at least four positions.
    #[derive(Clone, Copy)]
    struct PolygonSeed;

    impl<'de> DeserializeSeed<'de> for PolygonSeed {
        type Value = Vec<Vec<LatLon>>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Vec<LatLon>>, D::Error> {
            let rings = d.deserialize_seq(ListSeed(RingSeed))?;
            if rings.is_empty() {
                return Err(bail());
            }
            Ok(rings)
        }
    }

    #[derive(Clone, Copy)]
    struct RingSeed;

    impl<'de> DeserializeSeed<'de> for RingSeed {
        type Value = Vec<LatLon>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<LatLon>, D::Error> {
            let points = d.deserialize_seq(ListSeed(PositionSeed))?;
            if points.len() < 4 || points.first() != points.last() {
                return Err(bail());
            }
            Ok(points)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// What the full way makes of `text`: the feature, or why not.
        fn full(text: &str) -> Result<ImportedFeature, String> {
            let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            if depth(&value, 2) > MAX_DEPTH {
                return Err("too deep".to_owned());
            }
            super::super::read_feature(&value).map_err(|p| p.to_string())
        }

        #[test]
        fn what_the_fast_way_accepts_it_reads_as_the_full_way_does() {
            let deep = format!("{}1{}", "[".repeat(21), "]".repeat(21));
            let texts = [
                r#"{"type":"Feature","id":"a-1","properties":{"name":"A","n":3,"x":null,"o":{"b":[1,2.5e3]},"a":"second"},"geometry":{"type":"Point","coordinates":[69.2,41.3,800]}}"#.to_owned(),
                r#"{"geometry":{"type":"LineString","coordinates":[[69,41],[70,42.5]]},"properties":null,"type":"Feature","id":7}"#.to_owned(),
                r#"{"type":"Feature","id":1.5e2,"properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[60,40],[61,40],[61,41],[60,40]],[[60.2,40.1],[60.5,40.1],[60.5,40.3],[60.2,40.1]]]]}}"#.to_owned(),
                r#"{"type":"Feature","id":true,"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{"z":1,"a":2,"z":3},"geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8],[9,10]]]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{"na\u006de":"\u00e9\n"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-180,-90]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-0,1e-400]}}"#.to_owned(),
                // Kept for the full way: invalid, or not the usual shape.
                r#"{"type":"Feature","properties":{},"geometry":{"coordinates":[1,2],"type":"Point"}}"#.to_owned(),
                r#"{"type":"Feature","bbox":[1,2,3,4],"properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2],"bbox":[1,2,1,2]}}"#.to_owned(),
                r#"{"type":"Feature","type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}"#.to_owned(),
                r#"{"t\u0079pe":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,95]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,"2"]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2,"high"]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2]]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":null}"#.to_owned(),
                r#"{"type":"Feature","properties":[],"geometry":{"type":"Point","coordinates":[1,2]}}"#.to_owned(),
                r#"{"type":"Feat","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}"#.to_owned(),
                r#"{"type":"Feature","id":[1],"geometry":{"type":"Point","coordinates":[1,2]}}"#.to_owned(),
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e999,2]}}"#.to_owned(),
                format!(r#"{{"type":"Feature","properties":{{"deep":{deep}}},"geometry":{{"type":"Point","coordinates":[1,2]}}}}"#),
                r#"[1,2]"#.to_owned(),
            ];
            let mut accepted = 0;
            for text in &texts {
                if let Some(fast) = feature(text) {
                    accepted += 1;
                    assert_eq!(full(text), Ok(fast), "{text}");
                }
            }
            let first: Vec<bool> = texts.iter().take(8).map(|t| feature(t).is_some()).collect();
            assert_eq!(
                accepted, 8,
                "the first eight are of the usual shape: {first:?}"
            );
        }

        #[cfg(not(target_arch = "wasm32"))]
        mod generated {
            use proptest::prelude::*;

            use super::{feature, full};

            /// A position: mostly valid, sometimes out of range, short,
            /// longer or not numbers.
            fn position() -> impl Strategy<Value = String> {
                prop_oneof![
                    60 => (-180.0..=180.0f64, -90.0..=90.0f64).prop_map(|(x, y)| format!("[{x},{y}]")),
                    1 => Just("[69,41,800]".to_owned()),
                    1 => Just("[200,41]".to_owned()),
                    1 => Just("[69]".to_owned()),
                    1 => Just("[69,\"41\"]".to_owned()),
                    1 => Just("[69,41,null]".to_owned()),
                ]
            }

            fn list(
                item: impl Strategy<Value = String>,
                min: usize,
            ) -> impl Strategy<Value = String> {
                prop::collection::vec(item, min..min + 4).prop_map(|v| format!("[{}]", v.join(",")))
            }

            /// A ring: closed (its first position again) or not.
            fn ring() -> impl Strategy<Value = String> {
                (
                    prop::collection::vec(position(), 2..5),
                    prop::bool::weighted(0.8),
                )
                    .prop_map(|(mut v, closed)| {
                        if closed && let Some(first) = v.first().cloned() {
                            v.push(first);
                        }
                        format!("[{}]", v.join(","))
                    })
            }

            fn geometry() -> impl Strategy<Value = String> {
                let typed = prop_oneof![
                    position().prop_map(|c| ("Point", c)),
                    list(position(), 0).prop_map(|c| ("MultiPoint", c)),
                    list(position(), 1).prop_map(|c| ("LineString", c)),
                    list(list(position(), 1), 0).prop_map(|c| ("MultiLineString", c)),
                    list(ring(), 0).prop_map(|c| ("Polygon", c)),
                    list(list(ring(), 0), 0).prop_map(|c| ("MultiPolygon", c)),
                    position().prop_map(|c| ("Circle", c)),
                    list(position(), 1).prop_map(|c| ("Point", c)),
                ];
                (typed, 0..10u8).prop_map(|((kind, c), how)| {
                    let (t, c) = (
                        format!("\"type\":\"{kind}\""),
                        format!("\"coordinates\":{c}"),
                    );
                    match how {
                        0 => format!("{{{c},{t}}}"),
                        1 => format!("{{{t},{c},\"bbox\":[0,0,1,1]}}"),
                        _ => format!("{{{t},{c}}}"),
                    }
                })
            }

            fn feature_text() -> impl Strategy<Value = String> {
                let kind =
                    prop_oneof![9 => Just("\"type\":\"Feature\""), 1 => Just("\"type\":\"Feat\"")];
                let id = prop_oneof![
                    Just(""),
                    Just("\"id\":\"x\""),
                    Just("\"id\":12"),
                    Just("\"id\":1.5e1"),
                    Just("\"id\":-0.0"),
                    Just("\"id\":null"),
                    Just("\"id\":[1]")
                ];
                let properties = prop_oneof![
                    Just(""),
                    Just("\"properties\":null"),
                    Just("\"properties\":{}"),
                    Just(
                        "\"properties\":{\"name\":\"n\",\"v\":2.50,\"o\":{\"a\":[]},\"name\":\"m\",\"e\":\"\\u00e9\"}"
                    ),
                    Just("\"properties\":[]")
                ];
                let geometry = prop_oneof![9 => geometry().prop_map(|g| format!("\"geometry\":{g}")), 1 => Just("\"geometry\":null".to_owned())];
                (
                    kind,
                    id,
                    properties,
                    geometry,
                    any::<u64>(),
                    prop::bool::weighted(0.1),
                )
                    .prop_map(|(k, i, p, g, order, extra)| {
                        let mut members: Vec<String> =
                            [k.to_owned(), i.to_owned(), p.to_owned(), g]
                                .into_iter()
                                .filter(|m| !m.is_empty())
                                .collect();
                        if extra {
                            members.push("\"title\":\"t\"".to_owned());
                        }
                        // A shuffle from the seed.
                        let mut seed = order;
                        for i in (1..members.len()).rev() {
                            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                            members.swap(i, (seed >> 33) as usize % (i + 1));
                        }
                        format!("{{{}}}", members.join(","))
                    })
            }

            proptest! {
                #![proptest_config(ProptestConfig::with_cases(2000))]
                /// Whatever the fast way accepts, the full way reads the same.
                #[test]
                fn the_fast_way_never_disagrees(text in feature_text()) {
                    if let Some(fast) = feature(&text) {
                        prop_assert_eq!(full(&text), Ok(fast), "{}", text);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_is_read_feature_by_feature_with_whole_file_errors_placed() {
        let good = feature(r#"{"type":"Point","coordinates":[70,40]}"#);
        // A number out of range in the third feature, on line 4.
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[\n{good},\n{good},\n  {}]}}",
            feature(r#"{"type":"Point","coordinates":[1e999,40]}"#)
        );
        match import_geojson(&text) {
            Err(ImportError::InvalidJson { line, column, .. }) => {
                assert_eq!(line, 4);
                let at = text
                    .lines()
                    .nth(3)
                    .and_then(|l| l.find("1e999"))
                    .unwrap_or(0);
                assert!(
                    column > at,
                    "column {column} is at or after the number ({at})"
                );
            }
            other => panic!("expected invalid JSON, got {other:?}"),
        }
        // One feature nested too deep rejects the file, as a whole-file
        // parse would.
        let deep = format!("{}1{}", "[".repeat(30), "]".repeat(30));
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{good},{{\"type\":\"Feature\",\"properties\":{{\"x\":{deep}}},\"geometry\":null}}]}}"
        );
        assert_eq!(
            import_geojson(&text).err(),
            Some(ImportError::TooDeep(MAX_DEPTH))
        );
        // Steps report progress and stop at the end.
        let text =
            format!("{{\"type\":\"FeatureCollection\",\"features\":[{good},{good},{good}]}}");
        let mut importer = Importer::start(text.as_bytes()).expect("valid");
        assert_eq!(importer.total(), 3);
        assert!(!importer.step(2));
        assert_eq!(importer.done(), 2);
        assert!(importer.step(2));
        assert_eq!(importer.finish().map(|i| i.features.len()), Ok(3));
    }

    /// Where a whole-file parse puts the error in `text`.
    fn whole_file_error_at(text: &str) -> (usize, usize) {
        let e = serde_json::from_str::<Value>(text).expect_err("a number out of range");
        (e.line(), e.column())
    }

    #[test]
    fn an_error_inside_a_feature_is_placed_as_a_whole_file_parse_would_place_it() {
        let good = feature(r#"{"type":"Point","coordinates":[70,40]}"#);
        let bad = feature(r#"{"type":"Point","coordinates":[1e999,40]}"#);
        // On the feature's first line, after other text on the file's line;
        // on a later line of a feature that spans lines; at the file's start.
        let bad_on_two_lines = bad.replace("\"coordinates\":", "\"coordinates\":\n   ");
        let texts = [
            format!("{{\"type\":\"FeatureCollection\",\"features\":[{good}, {bad}]}}"),
            format!(
                "{{\"type\":\"FeatureCollection\",\n\"features\":[{good},\n  {bad_on_two_lines}]}}"
            ),
            format!("{{\"type\":\"FeatureCollection\",\"features\":[{bad}]}}"),
        ];
        for text in &texts {
            match import_geojson(text) {
                Err(ImportError::InvalidJson { line, column, .. }) => {
                    assert_eq!((line, column), whole_file_error_at(text), "{text}");
                }
                other => panic!("expected invalid JSON, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_feature_collection_is_kept_as_slices_of_the_file() {
        // The design (module doc): a large file is not held as one tree of
        // JSON values while its features are checked.
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{}]}}",
            feature(r#"{"type":"Point","coordinates":[70,40]}"#)
        );
        let importer = Importer::start(text.as_bytes()).expect("valid");
        assert!(matches!(importer.items, Items::Raw { .. }));
        // The same type spelled with an escape is the same JSON string: it
        // takes the slower path, and its features load just the same.
        let escaped = text.replace("FeatureCollection", "Feature\\u0043ollection");
        assert_eq!(
            import_geojson(&escaped).map(|i| i.features.len()),
            Ok(1),
            "{escaped}"
        );
    }

    /// A lone feature whose property `x` holds `levels` nested arrays
    /// around `innermost`, itself in a FeatureCollection when
    /// `in_collection`.
    fn nested(levels: usize, innermost: &str, in_collection: bool) -> String {
        let deep = format!("{}{innermost}{}", "[".repeat(levels), "]".repeat(levels));
        let one = format!(
            r#"{{"type":"Feature","properties":{{"x":{deep}}},"geometry":{{"type":"Point","coordinates":[1,2]}}}}"#
        );
        if in_collection {
            format!(r#"{{"type":"FeatureCollection","features":[{one}]}}"#)
        } else {
            one
        }
    }

    #[test]
    fn files_nested_exactly_max_depth_deep_load_and_one_more_level_does_not() {
        // A lone feature's `x` sits 2 levels down (feature, properties); in
        // a collection 4 (collection, features, feature, properties). An
        // empty array or object at the bottom is a level of its own.
        for (in_collection, above) in [(false, 2), (true, 4)] {
            for (innermost, own) in [("1", 0), ("[]", 1), ("{}", 1)] {
                let fits = nested(MAX_DEPTH - above - own, innermost, in_collection);
                assert!(import_geojson(&fits).is_ok(), "{fits}");
                let deeper = nested(MAX_DEPTH - above - own + 1, innermost, in_collection);
                assert_eq!(
                    import_geojson(&deeper).err(),
                    Some(ImportError::TooDeep(MAX_DEPTH)),
                    "{deeper}"
                );
            }
        }
    }

    #[test]
    fn geometry_collections_nest_four_deep_and_no_deeper() {
        let wrap = |levels: usize| {
            let mut g = r#"{"type":"Point","coordinates":[1,2]}"#.to_owned();
            for _ in 0..levels {
                g = format!(r#"{{"type":"GeometryCollection","geometries":[{g}]}}"#);
            }
            g
        };
        assert!(import_geojson(&wrap(4)).is_ok());
        assert!(reason(&feature(&wrap(5))).contains("nested too deep"));
    }

    #[test]
    fn at_most_fifty_skipped_features_are_listed_and_all_are_counted() {
        let bad = feature(r#"{"type":"Point","coordinates":[0,99]}"#);
        let good = feature(r#"{"type":"Point","coordinates":[0,9]}"#);
        let features = [vec![good; 1], vec![bad; MAX_LISTED_SKIPS + 10]].concat();
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        );
        let import = import_geojson(&text).expect("one good feature");
        assert_eq!(import.skipped_count, MAX_LISTED_SKIPS + 10);
        assert_eq!(import.skipped.len(), MAX_LISTED_SKIPS);
        assert_eq!(
            import.skipped.last().map(|s| s.index),
            Some(MAX_LISTED_SKIPS)
        );
    }

    #[test]
    fn user_text_in_messages_is_cut_after_forty_characters() {
        let of = |n: usize| reason(&format!(r#"{{"type":"{}"}}"#, "x".repeat(n)));
        assert!(
            of(40).contains(&format!("\"{}\",", "x".repeat(40))),
            "{}",
            of(40)
        );
        assert!(
            of(41).contains(&format!("\"{}…\",", "x".repeat(40))),
            "{}",
            of(41)
        );
    }

    #[test]
    fn a_file_of_exactly_the_size_limit_is_read() {
        let at_limit = " ".repeat(MAX_BYTES);
        assert!(
            matches!(
                import_geojson(&at_limit),
                Err(ImportError::InvalidJson { .. })
            ),
            "read (and found empty), not refused for its size"
        );
    }

    fn reason(text: &str) -> String {
        match import_geojson(text) {
            Err(ImportError::NothingUsable { first, .. }) => first.to_string(),
            Err(other) => other.to_string(),
            Ok(ok) => format!("accepted {} features", ok.features.len()),
        }
    }

    fn feature(geometry: &str) -> String {
        format!(r#"{{"type":"Feature","properties":{{}},"geometry":{geometry}}}"#)
    }

    #[test]
    fn whole_file_rejections_are_specific() {
        assert_eq!(
            import_geojson("{\"type\": \n  \"Feature\",,}"),
            Err(ImportError::InvalidJson {
                message: "key must be a string".to_owned(),
                line: 2,
                column: 13
            })
        );
        assert!(reason("[1,2]").contains("top level is an array"));
        assert!(reason("{\"a\":1}").contains("no \"type\""));
        assert!(reason("{\"type\":\"Topology\"}").contains("not a GeoJSON type"));
        assert!(reason("{\"type\":\"FeatureCollection\"}").contains("\"features\" array"));
        assert!(reason("{\"type\":\"FeatureCollection\",\"features\":[]}").contains("no features"));
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(import_geojson(&deep), Err(ImportError::TooDeep(MAX_DEPTH)));
        let very_deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            import_geojson(&very_deep),
            Err(ImportError::TooDeep(MAX_DEPTH))
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_before_parsing() {
        let big = " ".repeat(MAX_BYTES + 1);
        assert_eq!(
            import_geojson(&big),
            Err(ImportError::TooLarge {
                size: MAX_BYTES + 1,
                limit: MAX_BYTES
            })
        );
        assert!(
            import_geojson(&big)
                .map_err(|e| e.to_string())
                .err()
                .is_some_and(|m| m.contains("the limit is 67108864 bytes (64 MiB)"))
        );
        let bom = "\u{feff}{\"type\":\"Point\",\"coordinates\":[1,2]}";
        assert!(import_geojson(bom).is_ok(), "a byte-order mark is allowed");
    }

    #[test]
    fn geometry_problems_name_what_is_wrong() {
        let one = |g: &str| reason(&feature(g));
        assert!(
            one(r#"{"type":"Circle","coordinates":[1,2]}"#)
                .contains("\"Circle\" is not a GeoJSON geometry type")
        );
        assert!(
            one(r#"{"type":"Point","coordinates":["69","41"]}"#)
                .contains("the text \"69\", not a number")
        );
        assert!(
            one(r#"{"type":"Point","coordinates":[200,41]}"#).contains("longitude 200 is outside")
        );
        assert!(
            one(r#"{"type":"Point","coordinates":[69,-91]}"#).contains("latitude -91 is outside")
        );
        assert!(
            one(r#"{"type":"Point","coordinates":[69]}"#)
                .contains("has 1 number; it needs at least 2 (longitude, latitude)")
        );
        assert!(one(r#"{"type":"Point","coordinates":[]}"#).contains("has 0 numbers;"));
        assert!(
            one(r#"{"type":"Point","coordinates":[69,41,"high"]}"#)
                .contains("the text \"high\", not a number"),
            "numbers after latitude are ignored but must be numbers"
        );
        assert!(
            one(r#"{"type":"LineString","coordinates":[[69,41]]}"#).contains("needs at least 2")
        );
        assert!(
            one(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#)
                .contains("not closed")
        );
        assert!(
            one(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#)
                .contains("needs at least 4")
        );
        assert!(
            one(r#"{"type":"Point","coordinates":[1e400,2]}"#).contains("not valid JSON")
                || one(r#"{"type":"Point","coordinates":[1e400,2]}"#).contains("finite")
        );
        assert!(reason(r#"{"type":"Point","coordinates":NaN}"#).contains("not valid JSON"));
    }

    #[test]
    fn lone_features_geometries_and_collections_are_valid() {
        let point = import_geojson(r#"{"type":"Point","coordinates":[69.2,41.3]}"#)
            .expect("a bare geometry");
        assert_eq!(
            point.features[0].shapes,
            vec![Shape::Point(LatLon::new(41.3, 69.2))]
        );
        let lone = import_geojson(&feature(
            r#"{"type":"LineString","coordinates":[[69,41],[70,42]]}"#,
        ))
        .expect("a lone feature");
        assert_eq!(lone.features.len(), 1);
        let collection = import_geojson(
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"MultiPoint","coordinates":[[3,4],[5,6]]}]}"#,
        )
        .expect("a geometry collection");
        assert_eq!(collection.features[0].shapes.len(), 3);
    }

    #[test]
    fn partly_valid_files_keep_the_good_and_list_the_bad() {
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},42,{}]}}"#,
            feature(r#"{"type":"Point","coordinates":[69,41]}"#),
            feature(r#"{"type":"Point","coordinates":[69,99]}"#),
            r#"{"type":"Feature","geometry":null,"properties":{"name":"x"}}"#
        );
        let import = import_geojson(&text).expect("one good feature");
        assert_eq!(import.features.len(), 1);
        assert_eq!(import.skipped_count, 3);
        let indices: Vec<usize> = import.skipped.iter().map(|s| s.index).collect();
        assert_eq!(indices, [1, 2, 3]);
        assert!(
            import.skipped[1]
                .reason
                .to_string()
                .contains("must be an object")
        );
        assert!(import.skipped[2].reason.to_string().contains("no geometry"));
    }

    #[test]
    fn properties_are_text_and_labels_fall_back() {
        let import = import_geojson(
            r#"{"type":"Feature","id":7,"properties":{"<b>key</b>":"<img src=x onerror=alert(1)>","n":3,"o":{"a":[1]},"name":" "},"geometry":{"type":"Point","coordinates":[1,2]}}"#,
        )
        .expect("valid");
        let f = &import.features[0];
        assert!(f.properties.contains(&(
            "<b>key</b>".to_owned(),
            "<img src=x onerror=alert(1)>".to_owned()
        )));
        assert!(f.properties.contains(&("n".to_owned(), "3".to_owned())));
        assert!(
            f.properties
                .contains(&("o".to_owned(), "{\"a\":[1]}".to_owned()))
        );
    }
}
