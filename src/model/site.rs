//! `Site`: one project or place named in the report, and its conversion from
//! a GeoJSON feature. Property names and meanings are documented beside the
//! data, in `assets/data/README.md`.

use geojson::{Feature, GeometryValue, JsonObject, JsonValue, Position};

use super::DataError;
use super::{Category, Country, Precision, ReportPlace, SiteError, Status, enums::Sector};
use crate::geo::bounds::{LatLon, MAX_BOUNDS};
use crate::i18n::Lang;

/// Years outside this range are typos, not data.
const YEARS: std::ops::RangeInclusive<u16> = 1990..=2040;

/// A site's shape: a point, or a route drawn through the places it passes.
#[derive(Debug, Clone, PartialEq)]
pub enum SiteGeometry {
    Point(LatLon),
    Line(Vec<LatLon>),
}

impl SiteGeometry {
    /// Every position of the geometry.
    pub fn positions(&self) -> &[LatLon] {
        match self {
            SiteGeometry::Point(p) => std::slice::from_ref(p),
            SiteGeometry::Line(points) => points,
        }
    }
}

/// A sourced capacity, e.g. 100 MW.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    pub value: f64,
    pub unit: String,
}

/// Where a fact comes from, and which fields it supports.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub supports: Vec<String>,
}

/// A site's name in the interface's other languages, where a source gives
/// one (the data's `names`: a source's `supports` lists `names.zh` or
/// `names.ru`). English is the site's `name`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Names {
    /// Simplified Chinese.
    pub zh: Option<String>,
    pub ru: Option<String>,
}

impl Names {
    /// The name in `lang`, when the data has one (never for English).
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => None,
            Lang::Zh => self.zh.as_deref(),
            Lang::Ru => self.ru.as_deref(),
        }
    }

    /// Each name the data has, with its field (`names.zh`), for checks
    /// that every one is sourced.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [("names.zh", &self.zh), ("names.ru", &self.ru)]
            .into_iter()
            .filter_map(|(field, name)| Some((field, name.as_deref()?)))
    }
}

/// One site of the atlas, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub alt_names: Vec<String>,
    /// The name in Chinese and Russian, where sourced.
    pub names: Names,
    pub sector: Sector,
    pub category: Category,
    pub countries: Vec<Country>,
    pub status: Status,
    pub start_year: Option<u16>,
    pub completion_year: Option<u16>,
    pub capacity: Option<Capacity>,
    pub operator: Option<String>,
    pub partners: Vec<String>,
    /// The operator's and partners' names in Chinese and Russian, where a
    /// standard one is sourced (the names file's `companies`), by English.
    pub company_names: Vec<(String, Names)>,
    pub precision: Precision,
    pub precision_km: Option<f64>,
    pub report_quote: String,
    /// Phrases of the report that refer to this site when neither its name
    /// nor an alternative name occurs there ("Xi'an with 7 cities" for each
    /// air link). Each occurs verbatim in the site's report section.
    pub report_mentions: Vec<String>,
    /// Where `report_quote` stands: the sector's section unless the data
    /// says `"report_section": "intro"` (the summits, named only there).
    pub report_place: ReportPlace,
    /// Fields whose values the report itself states.
    pub from_report: Vec<String>,
    pub sources: Vec<Source>,
    pub description: String,
    pub geometry: SiteGeometry,
}

impl Site {
    /// The site's name in `lang`: the data's `names`, else the English
    /// `name`.
    pub fn name_in(&self, lang: Lang) -> &str {
        self.names.get(lang).unwrap_or(&self.name)
    }

    /// A company of this site (its operator or a partner, as the data
    /// spells it in English) named in `lang`, where the data has a name;
    /// else as given.
    pub fn company_in<'a>(&'a self, english: &'a str, lang: Lang) -> &'a str {
        self.company_names
            .iter()
            .find(|(name, _)| name == english)
            .and_then(|(_, names)| names.get(lang))
            .unwrap_or(english)
    }

    /// The countries' names in `lang`, as the language lists them
    /// ("China, Kazakhstan", "中国、哈萨克斯坦").
    pub fn country_names_in(&self, lang: Lang) -> String {
        let separator = if lang == Lang::Zh { "、" } else { ", " };
        self.countries
            .iter()
            .map(|c| c.name_in(lang))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Fact fields that have a value but neither the report nor any source
    /// backs (a name in another language among them: `names.zh`), plus
    /// `coordinates` when no source locates the site.
    pub fn unsourced_facts(&self) -> Vec<&'static str> {
        let present = [
            ("status", self.status != Status::Unknown),
            ("start_year", self.start_year.is_some()),
            ("completion_year", self.completion_year.is_some()),
            ("capacity", self.capacity.is_some()),
            ("operator", self.operator.is_some()),
            ("partners", !self.partners.is_empty()),
            ("names.zh", self.names.zh.is_some()),
            ("names.ru", self.names.ru.is_some()),
            (
                "companies.zh",
                self.company_names.iter().any(|(_, n)| n.zh.is_some()),
            ),
            (
                "companies.ru",
                self.company_names.iter().any(|(_, n)| n.ru.is_some()),
            ),
        ];
        let backed = |field: &str| {
            self.from_report.iter().any(|f| f == field)
                || self
                    .sources
                    .iter()
                    .any(|s| s.supports.iter().any(|f| f == field))
        };
        let mut missing: Vec<&'static str> = present
            .into_iter()
            .filter(|(field, has)| *has && !backed(field))
            .map(|(field, _)| field)
            .collect();
        if !self
            .sources
            .iter()
            .any(|s| s.supports.iter().any(|f| f == "coordinates"))
        {
            missing.push("coordinates");
        }
        missing
    }
}

impl TryFrom<&Feature> for Site {
    type Error = SiteError;

    fn try_from(feature: &Feature) -> Result<Self, Self::Error> {
        let empty = JsonObject::new();
        let props = Props {
            map: feature.properties.as_ref().unwrap_or(&empty),
            feature: feature
                .properties
                .as_ref()
                .and_then(|p| p.get("id"))
                .and_then(JsonValue::as_str)
                .unwrap_or("(feature without id)")
                .to_owned(),
        };

        let id = props.string("id")?;
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(props.error("id", format!("`{id}` is not a slug (a-z, 0-9, -)")));
        }
        let sector = props.vocabulary("sector", Sector::parse, Sector::allowed)?;
        let report_place = match props.optional_string("report_section")?.as_deref() {
            None => ReportPlace::Achievement(sector),
            Some("intro") => ReportPlace::Intro,
            Some(other) => {
                return Err(props.error("report_section", format!("`{other}` is not `intro`")));
            }
        };
        let countries = props
            .strings("countries")?
            .iter()
            .map(|c| {
                Country::parse(c).ok_or_else(|| {
                    props.error(
                        "countries",
                        format!("`{c}` is not one of {}", Country::allowed()),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if countries.is_empty() {
            return Err(props.error("countries", "at least one country is required".into()));
        }
        let precision = props.vocabulary("precision", Precision::parse, Precision::allowed)?;
        let precision_km = props.optional_number("precision_km")?;
        if precision == Precision::Approximate && precision_km.is_none() {
            return Err(props.error(
                "precision_km",
                "approximate sites need a radius in km".into(),
            ));
        }
        let start_year = props.year("start_year")?;
        let completion_year = props.year("completion_year")?;
        if let (Some(start), Some(end)) = (start_year, completion_year)
            && end < start
        {
            return Err(props.error(
                "completion_year",
                format!("{end} is before start_year {start}"),
            ));
        }

        Ok(Site {
            name: props.string("name")?,
            alt_names: props.strings("alt_names")?,
            // From the names file (`apply_names`), not the sector files.
            names: Names::default(),
            category: props.vocabulary("category", Category::parse, Category::allowed)?,
            status: props.vocabulary("status", Status::parse, Status::allowed)?,
            capacity: props.capacity()?,
            operator: props.optional_string("operator")?,
            partners: props.strings("partners")?,
            company_names: Vec::new(),
            report_quote: props.string("report_quote")?,
            report_mentions: props.strings("report_mentions")?,
            from_report: props.strings("from_report")?,
            sources: props.sources()?,
            description: props.string("description")?,
            geometry: geometry(feature, &props)?,
            id,
            sector,
            countries,
            start_year,
            completion_year,
            precision,
            precision_km,
            report_place,
        })
    }
}

/// Reads a GeoJSON geometry into a `SiteGeometry`, swapping `[lon, lat]`
/// into `LatLon` and checking every position lies in the atlas's region.
fn geometry(feature: &Feature, props: &Props) -> Result<SiteGeometry, SiteError> {
    let value = feature
        .geometry
        .as_ref()
        .map(|g| &g.value)
        .ok_or_else(|| props.error("geometry", "missing".into()))?;
    let position = |p: &Position| -> Result<LatLon, SiteError> {
        match p.as_slice() {
            [lon, lat, ..] if lon.is_finite() && lat.is_finite() => {
                let at = LatLon::new(*lat, *lon);
                if MAX_BOUNDS.contains(at) {
                    Ok(at)
                } else {
                    Err(props.error(
                        "geometry",
                        format!("[{lon}, {lat}] lies outside the atlas's region"),
                    ))
                }
            }
            _ => Err(props.error(
                "geometry",
                format!(
                    "a position needs two finite numbers, got {:?}",
                    p.as_slice()
                ),
            )),
        }
    };
    match value {
        GeometryValue::Point { coordinates } => Ok(SiteGeometry::Point(position(coordinates)?)),
        GeometryValue::LineString {
            coordinates: points,
        } => {
            if points.len() < 3 {
                return Err(props.error(
                    "geometry",
                    format!("a route needs at least 3 vertices, got {}", points.len()),
                ));
            }
            Ok(SiteGeometry::Line(
                points.iter().map(position).collect::<Result<_, _>>()?,
            ))
        }
        other => Err(props.error(
            "geometry",
            format!("expected Point or LineString, got {}", other.type_name()),
        )),
    }
}

/// The file of the sites' Chinese and Russian names, next to the sector
/// files: `{"sites": {"<id>": {"names": {"zh": …, "ru": …}, "sources":
/// [ … ]}}}`. Kept out of the sector files so the first load does not
/// carry them; the app reads it after the first map is drawn.
pub const NAMES_FILE: &str = "names.json";

/// Gives the sites their Chinese and Russian names, and those names'
/// sources, from the names file's `text`. An entry for an id no site has is
/// skipped (its sector file may have failed to load; the data tests check
/// every id); a malformed file or entry changes nothing and is an error.
pub fn apply_names(sites: &mut [Site], text: &str) -> Result<(), DataError> {
    let root: JsonValue = serde_json::from_str(text).map_err(|e| not_names(e.to_string()))?;
    let Some(entries) = root.get("sites") else {
        return Err(not_names("expected {\"sites\": {…}}".to_owned()));
    };
    // Every entry is read before any is applied: a bad one changes nothing.
    let site_names = read_entries(entries, "sites")?;
    let company_names = match root.get("companies") {
        Some(entries) => read_entries(entries, "companies")?,
        None => Vec::new(),
    };
    for (id, names, sources) in site_names {
        if let Some(site) = sites.iter_mut().find(|s| s.id == id) {
            site.names = names;
            site.sources.extend(sources);
        }
    }
    // Companies: each entry named by its English name, given to every site
    // that has it as operator or partner, with its sources.
    for (english, names, sources) in company_names {
        for site in sites.iter_mut() {
            let has = site.operator.as_deref() == Some(english.as_str())
                || site.partners.contains(&english);
            if has && !site.company_names.iter().any(|(n, _)| *n == english) {
                site.company_names.push((english.clone(), names.clone()));
                site.sources.extend(sources.iter().cloned());
            }
        }
    }
    Ok(())
}

fn not_names(message: String) -> DataError {
    DataError::NotNames {
        file: NAMES_FILE.to_owned(),
        message,
    }
}

/// The names file's `{key: {name: {"names": …, "sources": […]}}}` entries,
/// each read as a site's names and sources are.
fn read_entries(
    entries: &JsonValue,
    key: &str,
) -> Result<Vec<(String, Names, Vec<Source>)>, DataError> {
    let entries = entries
        .as_object()
        .ok_or_else(|| not_names(format!("expected \"{key}\": {{…}}")))?;
    let wrap = |source| DataError::Site {
        file: NAMES_FILE.to_owned(),
        source,
    };
    entries
        .iter()
        .map(|(name, entry)| {
            let map = entry
                .as_object()
                .ok_or_else(|| not_names(format!("`{name}`: expected an object")))?;
            let props = Props {
                map,
                feature: name.clone(),
            };
            Ok((
                name.clone(),
                props.names().map_err(wrap)?,
                props.sources().map_err(wrap)?,
            ))
        })
        .collect()
}

/// A feature's properties with typed getters whose errors name the field.
struct Props<'a> {
    map: &'a JsonObject,
    feature: String,
}

impl Props<'_> {
    fn error(&self, field: &'static str, problem: String) -> SiteError {
        SiteError {
            feature: self.feature.clone(),
            field,
            problem,
        }
    }

    fn optional_string(&self, field: &'static str) -> Result<Option<String>, SiteError> {
        match self.map.get(field) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
            Some(JsonValue::String(_)) => {
                Err(self.error(field, "is empty; leave it out instead".into()))
            }
            Some(other) => Err(self.error(field, format!("expected text, got {other}"))),
        }
    }

    fn string(&self, field: &'static str) -> Result<String, SiteError> {
        self.optional_string(field)?
            .ok_or_else(|| self.error(field, "is required".into()))
    }

    fn strings(&self, field: &'static str) -> Result<Vec<String>, SiteError> {
        match self.map.get(field) {
            None | Some(JsonValue::Null) => Ok(Vec::new()),
            Some(JsonValue::Array(items)) => items
                .iter()
                .map(|item| match item {
                    JsonValue::String(s) if !s.trim().is_empty() => Ok(s.clone()),
                    other => {
                        Err(self.error(field, format!("expected a list of texts, found {other}")))
                    }
                })
                .collect(),
            Some(other) => Err(self.error(field, format!("expected a list of texts, got {other}"))),
        }
    }

    fn optional_number(&self, field: &'static str) -> Result<Option<f64>, SiteError> {
        match self.map.get(field) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::Number(n)) => match n.as_f64() {
                Some(v) if v.is_finite() && v > 0.0 => Ok(Some(v)),
                _ => Err(self.error(field, format!("expected a positive number, got {n}"))),
            },
            Some(other) => Err(self.error(field, format!("expected a number, got {other}"))),
        }
    }

    fn year(&self, field: &'static str) -> Result<Option<u16>, SiteError> {
        match self.map.get(field) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::Number(n)) => n
                .as_u64()
                .and_then(|y| u16::try_from(y).ok())
                .filter(|y| YEARS.contains(y))
                .map(Some)
                .ok_or_else(|| {
                    self.error(field, format!("{n} is not a year between 1990 and 2040"))
                }),
            Some(other) => Err(self.error(field, format!("expected a year, got {other}"))),
        }
    }

    fn vocabulary<T>(
        &self,
        field: &'static str,
        parse: fn(&str) -> Option<T>,
        allowed: fn() -> String,
    ) -> Result<T, SiteError> {
        let text = self.string(field)?;
        parse(&text)
            .ok_or_else(|| self.error(field, format!("`{text}` is not one of {}", allowed())))
    }

    fn capacity(&self) -> Result<Option<Capacity>, SiteError> {
        let Some(value) = self.map.get("capacity").filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        let object = value.as_object().ok_or_else(|| {
            self.error("capacity", format!("expected {{value, unit}}, got {value}"))
        })?;
        let amount = object
            .get("value")
            .and_then(JsonValue::as_f64)
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(|| self.error("capacity", "`value` must be a positive number".into()))?;
        let unit = object
            .get("unit")
            .and_then(JsonValue::as_str)
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| self.error("capacity", "`unit` is required".into()))?;
        Ok(Some(Capacity {
            value: amount,
            unit: unit.to_owned(),
        }))
    }

    /// The optional `names` object: `zh` and `ru`, each a non-empty text;
    /// any other key is an error (English is `name`, not `names.en`).
    fn names(&self) -> Result<Names, SiteError> {
        let Some(value) = self.map.get("names").filter(|v| !v.is_null()) else {
            return Ok(Names::default());
        };
        let object = value.as_object().ok_or_else(|| {
            self.error(
                "names",
                format!("expected {{\"zh\": …, \"ru\": …}}, got {value}"),
            )
        })?;
        let mut names = Names::default();
        for (key, text) in object {
            let slot = match key.as_str() {
                "zh" => &mut names.zh,
                "ru" => &mut names.ru,
                other => {
                    return Err(self.error(
                        "names",
                        format!("`{other}` is not zh or ru (the English name is `name`)"),
                    ));
                }
            };
            *slot = match text {
                JsonValue::Null => None,
                JsonValue::String(s) if !s.trim().is_empty() => Some(s.clone()),
                JsonValue::String(_) => {
                    return Err(
                        self.error("names", format!("`{key}` is empty; leave it out instead"))
                    );
                }
                other => {
                    return Err(self.error("names", format!("`{key}`: expected text, got {other}")));
                }
            };
        }
        Ok(names)
    }

    fn sources(&self) -> Result<Vec<Source>, SiteError> {
        let Some(value) = self.map.get("sources").filter(|v| !v.is_null()) else {
            return Ok(Vec::new());
        };
        let items = value
            .as_array()
            .ok_or_else(|| self.error("sources", "expected a list".into()))?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let text = |key: &str| {
                    item.get(key)
                        .and_then(JsonValue::as_str)
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            self.error("sources", format!("source {} has no `{key}`", i + 1))
                        })
                };
                let url = text("url")?;
                if !url.starts_with("https://") && !url.starts_with("http://") {
                    return Err(self.error(
                        "sources",
                        format!("source {} has a URL that is not http(s): {url}", i + 1),
                    ));
                }
                let supports = item
                    .get("supports")
                    .and_then(JsonValue::as_array)
                    .map(|fields| {
                        fields
                            .iter()
                            .filter_map(JsonValue::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Source {
                    title: text("title")?,
                    url,
                    supports,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn feature(properties: JsonValue, geometry: JsonValue) -> Feature {
        let value = json!({ "type": "Feature", "properties": properties, "geometry": geometry });
        value.to_string().parse().expect("test feature is GeoJSON")
    }

    fn minimal() -> JsonValue {
        json!({
            "id": "test-site", "name": "Test", "sector": "green", "category": "wind",
            "countries": ["KZ"], "status": "operational", "precision": "exact",
            "report_quote": "the Zhanatas wind farm in Kazakhstan",
            "from_report": ["status"],
            "sources": [{ "title": "A page", "url": "https://example.org/a", "supports": ["coordinates"] }],
            "description": "A test."
        })
    }

    fn point() -> JsonValue {
        json!({ "type": "Point", "coordinates": [69.4, 43.6] })
    }

    fn with(key: &str, value: JsonValue) -> JsonValue {
        let mut p = minimal();
        p[key] = value;
        p
    }

    #[test]
    fn a_minimal_feature_becomes_a_site_with_lat_lon_swapped() {
        let site = Site::try_from(&feature(minimal(), point())).expect("valid");
        assert_eq!(site.geometry, SiteGeometry::Point(LatLon::new(43.6, 69.4)));
        assert_eq!(site.report_place, ReportPlace::Achievement(Sector::Green));
        assert!(site.unsourced_facts().is_empty());
    }

    #[test]
    fn errors_name_the_feature_and_the_field() {
        let err = Site::try_from(&feature(with("sector", json!("fishing")), point()))
            .expect_err("bad sector");
        assert_eq!(err.feature, "test-site");
        assert_eq!(err.field, "sector");
        assert!(
            err.to_string().contains("`fishing` is not one of trade"),
            "{err}"
        );

        let err =
            Site::try_from(&feature(with("countries", json!(["RU"])), point())).expect_err("RU");
        assert_eq!(err.field, "countries");
        let err =
            Site::try_from(&feature(with("start_year", json!(1066)), point())).expect_err("year");
        assert_eq!(err.field, "start_year");
        let err =
            Site::try_from(&feature(with("id", json!("Not A Slug")), point())).expect_err("slug");
        assert_eq!(err.field, "id");
        let err = Site::try_from(&feature(with("precision", json!("approximate")), point()))
            .expect_err("radius");
        assert_eq!(err.field, "precision_km");
        let mut no_name = minimal();
        no_name.as_object_mut().map(|o| o.remove("name"));
        let err = Site::try_from(&feature(no_name, point())).expect_err("name");
        assert_eq!((err.field, err.problem.as_str()), ("name", "is required"));
    }

    #[test]
    fn geometry_is_checked() {
        let outside = json!({ "type": "Point", "coordinates": [-0.1, 51.5] });
        let err = Site::try_from(&feature(minimal(), outside)).expect_err("London");
        assert_eq!(err.field, "geometry");
        let short = json!({ "type": "LineString", "coordinates": [[69.0, 41.0], [70.0, 41.0]] });
        let err = Site::try_from(&feature(minimal(), short)).expect_err("two vertices");
        assert!(err.problem.contains("at least 3"));
        let line = json!({ "type": "LineString", "coordinates": [[69.0, 41.0], [70.0, 41.0], [71.0, 41.5]] });
        let site = Site::try_from(&feature(minimal(), line)).expect("three vertices");
        assert_eq!(site.geometry.positions().len(), 3);
    }

    #[test]
    fn unsourced_facts_are_reported() {
        let mut p = with("capacity", json!({ "value": 100, "unit": "MW" }));
        p["operator"] = json!("Somebody");
        p["sources"] = json!([{ "title": "t", "url": "https://e.org", "supports": ["capacity"] }]);
        let site = Site::try_from(&feature(p, point())).expect("valid");
        assert_eq!(site.unsourced_facts(), vec!["operator", "coordinates"]);
    }

    #[test]
    fn companies_are_named_from_the_names_file_on_every_site_that_has_them() {
        let mut operated = with("operator", json!("Big Co"));
        operated["partners"] = json!(["Small Co", "Other Co"]);
        let mut partner = with("id", json!("second"));
        partner["partners"] = json!(["Big Co"]);
        let mut sites = vec![
            Site::try_from(&feature(operated, point())).expect("valid"),
            Site::try_from(&feature(partner, point())).expect("valid"),
            Site::try_from(&feature(with("id", json!("third")), point())).expect("valid"),
        ];
        let file = json!({ "sites": {}, "companies": {
            "Big Co": { "names": { "zh": "大公司", "ru": "Большая компания" }, "sources": [
                { "title": "t", "url": "https://e.cn/", "supports": ["companies.zh", "companies.ru"] }
            ] },
            "Small Co": { "names": { "zh": "小公司" }, "sources": [] }
        } });
        apply_names(&mut sites, &file.to_string()).expect("applies");
        let [first, second, third] = &sites[..] else {
            panic!("three sites");
        };
        assert_eq!(first.company_in("Big Co", Lang::Zh), "大公司");
        assert_eq!(first.company_in("Big Co", Lang::En), "Big Co");
        assert_eq!(
            first.company_in("Small Co", Lang::Ru),
            "Small Co",
            "no Russian name"
        );
        assert_eq!(
            first.company_in("Other Co", Lang::Zh),
            "Other Co",
            "not in the file"
        );
        assert_eq!(second.company_in("Big Co", Lang::Ru), "Большая компания");
        assert!(second.sources.iter().any(|s| s.url == "https://e.cn/"));
        assert!(third.company_names.is_empty());
        assert!(!third.sources.iter().any(|s| s.url == "https://e.cn/"));
        // The fixture's operator and partners have no source; the names do
        // (each entry's own, checked per entry in tests/data.rs).
        assert_eq!(first.unsourced_facts(), vec!["operator", "partners"]);
        let bad = json!({ "sites": {}, "companies": [] }).to_string();
        assert!(apply_names(&mut sites, &bad).is_err());
        // A bad entry anywhere changes nothing, the sites' names included.
        let before = sites.clone();
        let bad = json!({ "sites": { "third": { "names": { "zh": "第三" } } },
            "companies": { "Big Co": { "names": { "fr": "x" } } } });
        assert!(apply_names(&mut sites, &bad.to_string()).is_err());
        assert_eq!(sites, before);
    }

    #[test]
    fn names_come_from_the_names_file_and_fall_back_to_english() {
        let mut sites = vec![Site::try_from(&feature(minimal(), point())).expect("valid")];
        assert_eq!(sites[0].names, Names::default());
        assert_eq!(sites[0].name_in(Lang::Zh), "Test");
        let file = json!({ "sites": {
            "test-site": { "names": { "zh": "测试" }, "sources": [
                { "title": "A Chinese source", "url": "https://example.cn/", "supports": ["names.zh"] }
            ] },
            "elsewhere": { "names": { "ru": "Где-то" }, "sources": [] }
        } });
        apply_names(&mut sites, &file.to_string()).expect("applies");
        let site = &sites[0];
        assert_eq!(site.name_in(Lang::En), "Test");
        assert_eq!(site.name_in(Lang::Zh), "测试");
        assert_eq!(site.name_in(Lang::Ru), "Test", "no Russian name: English");
        assert_eq!(
            site.names.fields().collect::<Vec<_>>(),
            [("names.zh", "测试")]
        );
        assert!(
            site.unsourced_facts().is_empty(),
            "the name's source came along"
        );
        // A broken entry changes nothing and says where.
        let before = sites.clone();
        let bad = json!({ "sites": { "test-site": { "names": { "kk": "Тест" } } } });
        assert!(matches!(
            apply_names(&mut sites, &bad.to_string()),
            Err(DataError::Site { source, .. }) if source.field == "names"
        ));
        assert_eq!(sites, before);
        assert!(matches!(
            apply_names(&mut sites, "[]"),
            Err(DataError::NotNames { .. })
        ));
    }

    #[test]
    fn a_name_in_another_language_needs_a_source() {
        let mut sites = vec![Site::try_from(&feature(minimal(), point())).expect("valid")];
        let file =
            json!({ "sites": { "test-site": { "names": { "ru": "Тест" }, "sources": [] } } });
        apply_names(&mut sites, &file.to_string()).expect("applies");
        assert_eq!(sites[0].unsourced_facts(), vec!["names.ru"]);
    }

    #[test]
    fn names_errors_name_the_site_and_the_key() {
        for (names, says) in [
            (json!({ "en": "Test" }), "`en` is not zh or ru"),
            (
                json!({ "zh": "测试", "kk": "Тест" }),
                "`kk` is not zh or ru",
            ),
            (json!({ "ru": " " }), "`ru` is empty"),
            (json!({ "zh": 1 }), "`zh`: expected text"),
            (json!(["测试"]), "expected {\"zh\""),
        ] {
            let mut sites = vec![Site::try_from(&feature(minimal(), point())).expect("valid")];
            let file = json!({ "sites": { "test-site": { "names": names } } });
            let Err(DataError::Site { source: err, .. }) =
                apply_names(&mut sites, &file.to_string())
            else {
                panic!("{says}: not refused");
            };
            assert_eq!((err.feature.as_str(), err.field), ("test-site", "names"));
            assert!(err.problem.contains(says), "{err}");
        }
    }

    #[test]
    fn sources_need_http_urls_and_titles() {
        let bad = with(
            "sources",
            json!([{ "title": "t", "url": "javascript:alert(1)" }]),
        );
        let err = Site::try_from(&feature(bad, point())).expect_err("bad url");
        assert_eq!(err.field, "sources");
        let untitled = with("sources", json!([{ "url": "https://e.org" }]));
        assert!(Site::try_from(&feature(untitled, point())).is_err());
    }
}
