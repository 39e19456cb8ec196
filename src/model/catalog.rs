//! The atlas's data files, embedded at compile time so the app needs no
//! network, and their loading into validated `Site`s.

use std::collections::HashSet;

use geojson::{Feature, Geometry, JsonObject};
use serde::Deserialize;

use super::{DataError, Site};

/// One GeoJSON file of sites.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// Embeds `assets/data/<stem>.geojson` under the name `<stem>.geojson`, so
/// the name shown in errors can never drift from the file read.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! data_file {
    ($stem:literal) => {
        DataFile {
            name: concat!($stem, ".geojson"),
            text: include_str!(concat!("../../assets/data/", $stem, ".geojson")),
        }
    };
}

/// The data files the app fetches from `data/` next to `index.html`, one per
/// report sector that has sites. Trade has none: its totals belong to the
/// side panel, not to points.
pub const DATA_FILE_NAMES: [&str; 5] = [
    "connectivity.geojson",
    "energy.geojson",
    "green.geojson",
    "development.geojson",
    "security.geojson",
];

/// The same files embedded, for native tests and tools (the web app fetches
/// them instead, so one broken file cannot stop the others).
#[cfg(not(target_arch = "wasm32"))]
pub const DATA_FILES: [DataFile; 5] = [
    data_file!("connectivity"),
    data_file!("energy"),
    data_file!("green"),
    data_file!("development"),
    data_file!("security"),
];

/// Parses one file's text into sites, failing on the first bad feature.
pub fn parse_file(name: &str, text: &str) -> Result<Vec<Site>, DataError> {
    let not_geojson = |message: String| DataError::NotGeoJson {
        file: name.to_owned(),
        message,
    };
    let collection: Collection =
        serde_json::from_str(text).map_err(|e| not_geojson(e.to_string()))?;
    if collection.kind != "FeatureCollection" {
        return Err(not_geojson("expected a FeatureCollection".to_owned()));
    }
    collection
        .features
        .into_iter()
        .enumerate()
        .map(|(index, raw)| {
            if raw.kind != "Feature" {
                return Err(not_geojson(format!(
                    "feature {} is a `{}`, not a Feature",
                    index + 1,
                    raw.kind
                )));
            }
            let feature = Feature {
                bbox: None,
                geometry: raw.geometry,
                id: None,
                properties: raw.properties,
                foreign_members: None,
            };
            Site::try_from(&feature).map_err(|source| DataError::Site {
                file: name.to_owned(),
                source,
            })
        })
        .collect()
}

/// A data file as read: a GeoJSON FeatureCollection, taken in one pass
/// over the text. (Read as `geojson::GeoJson`, serde holds the whole
/// document, then each feature, in a buffer of its own before building
/// them, which was most of the reading on the way to the first map.)
/// Members the atlas does not read are skipped.
#[derive(Deserialize)]
struct Collection {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    features: Vec<RawFeature>,
}

/// One feature as read: what `Site::try_from` looks at.
#[derive(Deserialize)]
struct RawFeature {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    properties: Option<JsonObject>,
    #[serde(default)]
    geometry: Option<Geometry>,
}

/// Loads the files that were fetched, each on its own: a file that is
/// missing (its fetch failed) or broken is reported by name, and the sites
/// of every other file still load. A site whose id an earlier file already
/// used is left out and reported.
///
/// The texts are only read: the first map hands the same ones to the app.
pub(crate) fn load_files(
    files: &[(String, Result<String, String>)],
) -> (Vec<Site>, Vec<DataError>) {
    let mut sites: Vec<Site> = Vec::new();
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for (name, fetched) in files {
        let text = match fetched {
            Ok(text) => text,
            Err(message) => {
                problems.push(DataError::Missing {
                    file: name.clone(),
                    message: message.clone(),
                });
                continue;
            }
        };
        match parse_file(name, text) {
            Ok(parsed) => {
                for site in parsed {
                    if ids.insert(site.id.clone()) {
                        sites.push(site);
                    } else {
                        problems.push(DataError::DuplicateId {
                            file: name.clone(),
                            id: site.id,
                        });
                    }
                }
            }
            Err(e) => problems.push(e),
        }
    }
    (sites, problems)
}

/// The names file (`super::site::NAMES_FILE`) embedded, for native tests.
#[cfg(not(target_arch = "wasm32"))]
pub const NAMES_TEXT: &str = include_str!("../../assets/data/names.json");

/// Loads every embedded data file, with the names file's names; ids must be
/// unique across all of them.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_catalog() -> Result<Vec<Site>, DataError> {
    let mut sites = Vec::new();
    let mut ids = HashSet::new();
    for file in DATA_FILES {
        for site in parse_file(file.name, file.text)? {
            if !ids.insert(site.id.clone()) {
                return Err(DataError::DuplicateId {
                    file: file.name.to_owned(),
                    id: site.id,
                });
            }
            sites.push(site);
        }
    }
    super::site::apply_names(&mut sites, NAMES_TEXT)?;
    Ok(sites)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_fetched_names_are_the_embedded_files() {
        let embedded: Vec<&str> = DATA_FILES.iter().map(|f| f.name).collect();
        assert_eq!(embedded, DATA_FILE_NAMES);
    }

    #[test]
    fn one_missing_or_broken_file_leaves_the_others_loaded() {
        let mut files: Vec<(String, Result<String, String>)> = DATA_FILES
            .iter()
            .map(|f| (f.name.to_owned(), Ok(f.text.to_owned())))
            .collect();
        let all = load_files(&files).0.len();
        let green = parse_file(DATA_FILES[2].name, DATA_FILES[2].text)
            .expect("green loads")
            .len();
        files[2].1 = Err("the server answered 404 Not Found".to_owned());
        files[4].1 = Ok("{ \"type\": \"FeatureCollection\", ".to_owned());
        let security = parse_file(DATA_FILES[4].name, DATA_FILES[4].text)
            .expect("security loads")
            .len();
        let (sites, problems) = load_files(&files);
        assert_eq!(sites.len(), all - green - security);
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].to_string(),
            "green.geojson could not be fetched: the server answered 404 Not Found"
        );
        assert!(
            problems[1]
                .to_string()
                .starts_with("security.geojson: not valid GeoJSON")
        );
        // A repeated file gives duplicate ids, reported, not loaded twice.
        let twice = vec![
            ("a.geojson".to_owned(), Ok(DATA_FILES[0].text.to_owned())),
            ("b.geojson".to_owned(), Ok(DATA_FILES[0].text.to_owned())),
        ];
        let (sites, problems) = load_files(&twice);
        assert_eq!(sites.len(), problems.len());
        assert!(problems[0].to_string().starts_with("b.geojson: the id"));
    }

    #[test]
    fn malformed_files_are_reported_with_their_name() {
        let err = parse_file("x.geojson", "{ not json").expect_err("bad JSON");
        assert!(
            err.to_string().starts_with("x.geojson: not valid GeoJSON"),
            "{err}"
        );
        let err = parse_file("p.geojson", r#"{"type":"Point","coordinates":[1,2]}"#)
            .expect_err("not a collection");
        assert!(err.to_string().contains("FeatureCollection"));
        let err = parse_file(
            "f.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":null}]}"#,
        )
        .expect_err("incomplete feature");
        assert!(
            err.to_string()
                .starts_with("f.geojson: feature `a`, field `sector`"),
            "{err}"
        );
        let err = parse_file(
            "g.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]}]}"#,
        )
        .expect_err("a geometry where a feature belongs");
        assert_eq!(
            err.to_string(),
            "g.geojson: not valid GeoJSON: feature 1 is a `Point`, not a Feature"
        );
    }
}
