//! The atlas's data files, embedded at compile time so the app needs no
//! network, and their loading into validated `Site`s.

use std::collections::HashSet;

use geojson::GeoJson;

use super::{DataError, Site};

/// One GeoJSON file of sites.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// Embeds `assets/data/<stem>.geojson` under the name `<stem>.geojson`, so
/// the name shown in errors can never drift from the file read.
macro_rules! data_file {
    ($stem:literal) => {
        DataFile {
            name: concat!($stem, ".geojson"),
            text: include_str!(concat!("../../assets/data/", $stem, ".geojson")),
        }
    };
}

/// Every data file, one per report sector that has sites. Trade has none:
/// its totals belong to the side panel, not to points.
pub const DATA_FILES: [DataFile; 5] = [
    data_file!("connectivity"),
    data_file!("energy"),
    data_file!("green"),
    data_file!("development"),
    data_file!("security"),
];

/// Parses one file's text into sites, failing on the first bad feature.
pub fn parse_file(name: &str, text: &str) -> Result<Vec<Site>, DataError> {
    let geojson: GeoJson = text
        .parse()
        .map_err(|e: geojson::Error| DataError::NotGeoJson {
            file: name.to_owned(),
            message: e.to_string(),
        })?;
    let GeoJson::FeatureCollection(collection) = geojson else {
        return Err(DataError::NotGeoJson {
            file: name.to_owned(),
            message: "expected a FeatureCollection".to_owned(),
        });
    };
    collection
        .features
        .iter()
        .map(|feature| {
            Site::try_from(feature).map_err(|source| DataError::Site {
                file: name.to_owned(),
                source,
            })
        })
        .collect()
}

/// Loads every embedded data file; ids must be unique across all of them.
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
    Ok(sites)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
