//! Why a user's GeoJSON, or one feature of it, cannot be used, as a value:
//! `import` finds a `Problem`, the import worker sends it as three numbers
//! and a text (`Problem::to_parts`), and the panel words it in the
//! reader's language when it shows it (`Problem::text`), so switching
//! language rewords the reasons already listed. GeoJSON's own keywords
//! ("Feature", "coordinates", "MultiPolygon") stay as written in every
//! language: they are what the user must look for in the file. Plain Rust.

use std::fmt;

use crate::i18n::Lang;
use crate::i18n::format::ru_plural;

/// What a JSON value is, for a message: "the top level is an array".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Json {
    const ALL: [Json; 6] = [
        Json::Null,
        Json::Bool,
        Json::Number,
        Json::String,
        Json::Array,
        Json::Object,
    ];

    pub(crate) fn of(value: &serde_json::Value) -> Json {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(_) => Json::Bool,
            Value::Number(_) => Json::Number,
            Value::String(_) => Json::String,
            Value::Array(_) => Json::Array,
            Value::Object(_) => Json::Object,
        }
    }

    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Json::Null, _) => "null",
            (Json::Bool, Lang::En) => "a boolean",
            (Json::Bool, Lang::Zh) => "布尔值",
            (Json::Bool, Lang::Ru) => "логическое значение",
            (Json::Number, Lang::En) => "a number",
            (Json::Number, Lang::Zh) => "数字",
            (Json::Number, Lang::Ru) => "число",
            (Json::String, Lang::En) => "a string",
            (Json::String, Lang::Zh) => "字符串",
            (Json::String, Lang::Ru) => "строка",
            (Json::Array, Lang::En) => "an array",
            (Json::Array, Lang::Zh) => "数组",
            (Json::Array, Lang::Ru) => "массив",
            (Json::Object, Lang::En) => "an object",
            (Json::Object, Lang::Zh) => "对象",
            (Json::Object, Lang::Ru) => "объект",
        }
    }
}

/// A GeoJSON geometry (or part of one) a message names by its keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Geom {
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    PolygonRing,
}

impl Geom {
    const ALL: [Geom; 7] = [
        Geom::Point,
        Geom::MultiPoint,
        Geom::LineString,
        Geom::MultiLineString,
        Geom::Polygon,
        Geom::MultiPolygon,
        Geom::PolygonRing,
    ];

    /// The geometry type named `name` (not a ring: no type is).
    pub(crate) fn named(name: &str) -> Option<Geom> {
        Geom::ALL[..6]
            .iter()
            .copied()
            .find(|g| g.text(Lang::En) == name)
    }

    fn text(self, lang: Lang) -> &'static str {
        match self {
            Geom::Point => "Point",
            Geom::MultiPoint => "MultiPoint",
            Geom::LineString => "LineString",
            Geom::MultiLineString => "MultiLineString",
            Geom::Polygon => "Polygon",
            Geom::MultiPolygon => "MultiPolygon",
            Geom::PolygonRing => match lang {
                Lang::En => "Polygon ring",
                Lang::Zh => "Polygon 环",
                Lang::Ru => "кольца Polygon",
            },
        }
    }
}

/// Why a file is not GeoJSON, or why one feature was skipped.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // The whole file.
    TopNotObject(Json),
    TopNoType,
    NoFeaturesArray,
    /// A `type` no GeoJSON object has (at most 40 characters of it).
    UnknownType(String),
    NoFeatures,
    // One feature.
    FeatureNotObject(Json),
    NotFeature,
    NoGeometry,
    PropertiesNotObject(Json),
    GeometryNotObject(Json),
    GeometryNoType,
    CollectionsTooDeep,
    CollectionNoGeometries,
    CollectionEmpty,
    UnknownGeometry(String),
    NoCoordinates(Geom),
    NoPositions(Geom),
    NotArray(Geom, Json),
    PositionNotArray(Json),
    CoordinateNotFinite,
    CoordinateNotNumber(Json),
    /// A coordinate written as text (at most 40 characters of it).
    CoordinateIsText(String),
    TooFewNumbers(usize),
    /// The longitude as read, written out.
    LonOutside(String),
    LatOutside(String),
    LineTooShort(usize),
    NoRings,
    RingTooShort(usize),
    RingNotClosed,
}

fn ru_positions(n: usize) -> &'static str {
    ru_plural(n as u64, "позиция", "позиции", "позиций")
}

impl Problem {
    /// The reason in `lang`, as a clause without a capital or a stop.
    pub fn text(&self, lang: Lang) -> String {
        use Problem as P;
        let (en, zh, ru): (String, String, String) = match self {
            P::TopNotObject(k) => (
                format!("the top level is {}, not an object", k.text(lang)),
                format!("顶层是{}，而不是对象", k.text(lang)),
                format!("верхний уровень — {}, а не JSON-объект", k.text(lang)),
            ),
            P::TopNoType => (
                "the top-level object has no \"type\"".into(),
                "顶层对象没有 \"type\"".into(),
                "у объекта верхнего уровня нет \"type\"".into(),
            ),
            P::NoFeaturesArray => (
                "a FeatureCollection needs a \"features\" array".into(),
                "FeatureCollection 需要一个 \"features\" 数组".into(),
                "в FeatureCollection должен быть массив \"features\"".into(),
            ),
            P::UnknownType(t) => (
                format!("\"type\" is \"{t}\", which is not a GeoJSON type"),
                format!("\"type\" 为 \"{t}\"，不是 GeoJSON 类型"),
                format!("\"type\" равен \"{t}\", а такого типа в GeoJSON нет"),
            ),
            P::NoFeatures => (
                "the file has no features".into(),
                "文件中没有要素".into(),
                "в файле нет ни одного объекта".into(),
            ),
            P::FeatureNotObject(k) => (
                format!("a feature must be an object, not {}", k.text(lang)),
                format!("要素必须是对象，而不是{}", k.text(lang)),
                format!(
                    "объект задан как {}, а должен быть JSON-объектом",
                    k.text(lang)
                ),
            ),
            P::NotFeature => (
                "its \"type\" is not \"Feature\"".into(),
                "其 \"type\" 不是 \"Feature\"".into(),
                "его \"type\" — не \"Feature\"".into(),
            ),
            P::NoGeometry => (
                "it has no geometry".into(),
                "没有几何图形".into(),
                "у него нет геометрии".into(),
            ),
            P::PropertiesNotObject(k) => (
                format!("its \"properties\" is {}, not an object", k.text(lang)),
                format!("其 \"properties\" 是{}，而不是对象", k.text(lang)),
                format!("его \"properties\" — {}, а не JSON-объект", k.text(lang)),
            ),
            P::GeometryNotObject(k) => (
                format!("its geometry is {}, not an object", k.text(lang)),
                format!("其几何图形是{}，而不是对象", k.text(lang)),
                format!("его геометрия — {}, а не JSON-объект", k.text(lang)),
            ),
            P::GeometryNoType => (
                "its geometry has no \"type\"".into(),
                "其几何图形没有 \"type\"".into(),
                "у его геометрии нет \"type\"".into(),
            ),
            P::CollectionsTooDeep => (
                "its GeometryCollections are nested too deep".into(),
                "其 GeometryCollection 嵌套过深".into(),
                "его GeometryCollection вложены слишком глубоко".into(),
            ),
            P::CollectionNoGeometries => (
                "its GeometryCollection has no \"geometries\" array".into(),
                "其 GeometryCollection 没有 \"geometries\" 数组".into(),
                "в его GeometryCollection нет массива \"geometries\"".into(),
            ),
            P::CollectionEmpty => (
                "its GeometryCollection is empty".into(),
                "其 GeometryCollection 为空".into(),
                "его GeometryCollection пуст".into(),
            ),
            P::UnknownGeometry(t) => (
                format!("its geometry type \"{t}\" is not a GeoJSON geometry type"),
                format!("其几何类型 \"{t}\" 不是 GeoJSON 几何类型"),
                format!("тип его геометрии \"{t}\" — не тип геометрии GeoJSON"),
            ),
            P::NoCoordinates(g) => (
                format!("its {} has no \"coordinates\"", g.text(lang)),
                format!("其 {} 没有 \"coordinates\"", g.text(lang)),
                format!("у его {} нет \"coordinates\"", g.text(lang)),
            ),
            P::NoPositions(g) => (
                format!("its {} has no positions", g.text(lang)),
                format!("其 {} 没有任何位置", g.text(lang)),
                format!("в его {} нет ни одной позиции", g.text(lang)),
            ),
            P::NotArray(g, k) => (
                format!(
                    "the coordinates of its {} are {}, not an array",
                    g.text(lang),
                    k.text(lang)
                ),
                format!("其 {} 的坐标是{}，而不是数组", g.text(lang), k.text(lang)),
                format!(
                    "координаты его {} — {}, а не массив",
                    g.text(lang),
                    k.text(lang)
                ),
            ),
            P::PositionNotArray(k) => (
                format!("a position is {}, not an array of numbers", k.text(lang)),
                format!("某个位置是{}，而不是数字数组", k.text(lang)),
                format!("позиция — {}, а не массив чисел", k.text(lang)),
            ),
            P::CoordinateNotFinite => (
                "a coordinate is not a finite number".into(),
                "某个坐标不是有限数".into(),
                "координата — не конечное число".into(),
            ),
            P::CoordinateNotNumber(k) => (
                format!("a coordinate is {}, not a number", k.text(lang)),
                format!("某个坐标是{}，而不是数字", k.text(lang)),
                format!("координата — {}, а не число", k.text(lang)),
            ),
            P::CoordinateIsText(t) => (
                format!("a coordinate is the text \"{t}\", not a number"),
                format!("某个坐标是文本 \"{t}\"，而不是数字"),
                format!("координата — текст \"{t}\", а не число"),
            ),
            P::TooFewNumbers(n) => (
                format!(
                    "a position has {n} number{}; it needs at least 2 (longitude, latitude)",
                    if *n == 1 { "" } else { "s" }
                ),
                format!("某个位置只有 {n} 个数字；至少需要 2 个（经度、纬度）"),
                format!(
                    "в позиции {n} {}; нужно не меньше 2 (долгота, широта)",
                    ru_plural(*n as u64, "число", "числа", "чисел")
                ),
            ),
            P::LonOutside(v) => (
                format!("longitude {v} is outside −180…180"),
                format!("经度 {v} 超出 −180…180"),
                format!("долгота {v} вне диапазона −180…180"),
            ),
            P::LatOutside(v) => (
                format!("latitude {v} is outside −90…90"),
                format!("纬度 {v} 超出 −90…90"),
                format!("широта {v} вне диапазона −90…90"),
            ),
            P::LineTooShort(n) => (
                format!("a line has {n} position(s); it needs at least 2"),
                format!("某条线只有 {n} 个位置；至少需要 2 个"),
                format!("в линии {n} {}; нужно не меньше 2", ru_positions(*n)),
            ),
            P::NoRings => (
                "a polygon has no rings".into(),
                "某个多边形没有环".into(),
                "у многоугольника нет колец".into(),
            ),
            P::RingTooShort(n) => (
                format!("a polygon ring has {n} positions; it needs at least 4"),
                format!("某个多边形环只有 {n} 个位置；至少需要 4 个"),
                format!(
                    "в кольце многоугольника {n} {}; нужно не меньше 4",
                    ru_positions(*n)
                ),
            ),
            P::RingNotClosed => (
                "a polygon ring is not closed (its last position differs from its first)".into(),
                "某个多边形环未闭合（最后一个位置与第一个不同）".into(),
                "кольцо многоугольника не замкнуто (последняя позиция не совпадает с первой)"
                    .into(),
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
            Lang::Ru => ru,
        }
    }

    /// The problem as a tag, a number and a text, for the import worker's
    /// message (`from_parts` reads it back).
    pub(crate) fn to_parts(&self) -> (u32, u32, &str) {
        use Problem as P;
        let kind = |k: &Json| Json::ALL.iter().position(|j| j == k).unwrap_or(0) as u32;
        let geom = |g: &Geom| Geom::ALL.iter().position(|x| x == g).unwrap_or(0) as u32;
        let n = |n: &usize| u32::try_from(*n).unwrap_or(u32::MAX);
        match self {
            P::TopNotObject(k) => (0, kind(k), ""),
            P::TopNoType => (1, 0, ""),
            P::NoFeaturesArray => (2, 0, ""),
            P::UnknownType(t) => (3, 0, t),
            P::NoFeatures => (4, 0, ""),
            P::FeatureNotObject(k) => (5, kind(k), ""),
            P::NotFeature => (6, 0, ""),
            P::NoGeometry => (7, 0, ""),
            P::PropertiesNotObject(k) => (8, kind(k), ""),
            P::GeometryNotObject(k) => (9, kind(k), ""),
            P::GeometryNoType => (10, 0, ""),
            P::CollectionsTooDeep => (11, 0, ""),
            P::CollectionNoGeometries => (12, 0, ""),
            P::CollectionEmpty => (13, 0, ""),
            P::UnknownGeometry(t) => (14, 0, t),
            P::NoCoordinates(g) => (15, geom(g), ""),
            P::NoPositions(g) => (16, geom(g), ""),
            P::NotArray(g, k) => (17, geom(g) * 8 + kind(k), ""),
            P::PositionNotArray(k) => (18, kind(k), ""),
            P::CoordinateNotFinite => (19, 0, ""),
            P::CoordinateNotNumber(k) => (20, kind(k), ""),
            P::CoordinateIsText(t) => (21, 0, t),
            P::TooFewNumbers(c) => (22, n(c), ""),
            P::LonOutside(v) => (23, 0, v),
            P::LatOutside(v) => (24, 0, v),
            P::LineTooShort(c) => (25, n(c), ""),
            P::NoRings => (26, 0, ""),
            P::RingTooShort(c) => (27, n(c), ""),
            P::RingNotClosed => (28, 0, ""),
        }
    }

    /// The problem `to_parts` gave; `None` for parts it never gives.
    pub(crate) fn from_parts(tag: u32, number: u32, text: String) -> Option<Problem> {
        use Problem as P;
        let kind = |i: u32| Json::ALL.get(i as usize).copied();
        let geom = |i: u32| Geom::ALL.get(i as usize).copied();
        let n = number as usize;
        Some(match tag {
            0 => P::TopNotObject(kind(number)?),
            1 => P::TopNoType,
            2 => P::NoFeaturesArray,
            3 => P::UnknownType(text),
            4 => P::NoFeatures,
            5 => P::FeatureNotObject(kind(number)?),
            6 => P::NotFeature,
            7 => P::NoGeometry,
            8 => P::PropertiesNotObject(kind(number)?),
            9 => P::GeometryNotObject(kind(number)?),
            10 => P::GeometryNoType,
            11 => P::CollectionsTooDeep,
            12 => P::CollectionNoGeometries,
            13 => P::CollectionEmpty,
            14 => P::UnknownGeometry(text),
            15 => P::NoCoordinates(geom(number)?),
            16 => P::NoPositions(geom(number)?),
            17 => P::NotArray(geom(number / 8)?, kind(number % 8)?),
            18 => P::PositionNotArray(kind(number)?),
            19 => P::CoordinateNotFinite,
            20 => P::CoordinateNotNumber(kind(number)?),
            21 => P::CoordinateIsText(text),
            22 => P::TooFewNumbers(n),
            23 => P::LonOutside(text),
            24 => P::LatOutside(text),
            25 => P::LineTooShort(n),
            26 => P::NoRings,
            27 => P::RingTooShort(n),
            28 => P::RingNotClosed,
            _ => return None,
        })
    }
}

/// In English, as the logs and tests read it.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every problem, every kind and geometry among them.
    fn every() -> Vec<Problem> {
        use Problem as P;
        let mut all = vec![
            P::TopNoType,
            P::NoFeaturesArray,
            P::UnknownType("Topology".into()),
            P::NoFeatures,
            P::NotFeature,
            P::NoGeometry,
            P::GeometryNoType,
            P::CollectionsTooDeep,
            P::CollectionNoGeometries,
            P::CollectionEmpty,
            P::UnknownGeometry("Curve".into()),
            P::CoordinateNotFinite,
            P::CoordinateIsText("high".into()),
            P::TooFewNumbers(1),
            P::TooFewNumbers(0),
            P::LonOutside("181".into()),
            P::LatOutside("-95".into()),
            P::LineTooShort(1),
            P::NoRings,
            P::RingTooShort(3),
            P::RingNotClosed,
        ];
        for k in Json::ALL {
            all.extend([
                P::TopNotObject(k),
                P::FeatureNotObject(k),
                P::PropertiesNotObject(k),
                P::GeometryNotObject(k),
                P::PositionNotArray(k),
                P::CoordinateNotNumber(k),
            ]);
            for g in Geom::ALL {
                all.push(P::NotArray(g, k));
            }
        }
        for g in Geom::ALL {
            all.extend([P::NoCoordinates(g), P::NoPositions(g)]);
        }
        all
    }

    #[test]
    fn every_problem_survives_the_trip_through_parts() {
        for problem in every() {
            let (tag, number, text) = problem.to_parts();
            assert_eq!(
                Problem::from_parts(tag, number, text.to_owned()),
                Some(problem.clone())
            );
        }
        assert_eq!(Problem::from_parts(29, 0, String::new()), None);
        assert_eq!(Problem::from_parts(0, 6, String::new()), None);
        assert_eq!(Problem::from_parts(17, 7 * 8, String::new()), None);
    }

    #[test]
    fn every_problem_is_worded_in_each_language_in_its_script() {
        for problem in every() {
            let en = problem.text(Lang::En);
            let zh = problem.text(Lang::Zh);
            let ru = problem.text(Lang::Ru);
            assert_eq!(en, problem.to_string());
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(
                ru.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
                "{ru}"
            );
            assert!(
                !en.chars()
                    .any(|c| c > '\u{2fff}' || ('\u{0400}'..='\u{04ff}').contains(&c)),
                "{en}"
            );
        }
    }

    #[test]
    fn numbers_agree_with_their_nouns() {
        assert_eq!(
            Problem::TooFewNumbers(1).text(Lang::En),
            "a position has 1 number; it needs at least 2 (longitude, latitude)"
        );
        assert_eq!(
            Problem::TooFewNumbers(1).text(Lang::Ru),
            "в позиции 1 число; нужно не меньше 2 (долгота, широта)"
        );
        assert_eq!(
            Problem::RingTooShort(3).text(Lang::Ru),
            "в кольце многоугольника 3 позиции; нужно не меньше 4"
        );
        assert_eq!(
            Problem::NotArray(Geom::PolygonRing, Json::Null).text(Lang::Zh),
            "其 Polygon 环 的坐标是null，而不是数组"
        );
    }
}
