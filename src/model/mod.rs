//! The atlas's domain model: sites named in the report, validated from
//! GeoJSON. Plain Rust: nothing here knows Leptos, Leaflet or the DOM.
//!
//! Raw GeoJSON becomes a `Site` in one explicit step (`Site::try_from`),
//! which checks every field and names the feature and field at fault.

mod catalog;
mod enums;
mod error;
mod site;

pub use catalog::{DATA_FILE_NAMES, DataFile, load_files, parse_file};
#[cfg(not(target_arch = "wasm32"))]
pub use catalog::{DATA_FILES, load_catalog};
pub use enums::{Category, Country, Precision, Sector, Status};
pub use error::{DataError, SiteError};
pub use site::{Capacity, FACT_FIELDS, Site, SiteGeometry, Source, colocated};
