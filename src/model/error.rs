//! The model's typed errors: a feature that is not a valid site
//! (`SiteError`, naming feature and field) and a data file that cannot be
//! read (`DataError`).

use thiserror::Error;

/// A feature that does not make a valid `Site`. The message names the
/// feature (its `id`, or its position when it has none) and the field.
#[derive(Debug, Clone, Error, PartialEq)]
#[error("feature `{feature}`, field `{field}`: {problem}")]
pub struct SiteError {
    pub feature: String,
    pub field: &'static str,
    pub problem: String,
}

/// A data file that cannot be loaded.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum DataError {
    #[error("{file}: not valid GeoJSON: {message}")]
    NotGeoJson { file: String, message: String },
    #[error("{file}: {source}")]
    Site {
        file: String,
        #[source]
        source: SiteError,
    },
    #[error("{file} could not be fetched: {message}")]
    Missing { file: String, message: String },
    #[error("{file}: the id `{id}` is used twice")]
    DuplicateId { file: String, id: String },
    #[error("{file}: not a names file: {message}")]
    NotNames { file: String, message: String },
}
