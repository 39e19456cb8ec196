//! The atlas's domain model: sites named in the report, validated from
//! GeoJSON. Plain Rust: nothing here knows Leptos, Leaflet or the DOM.
//!
//! Raw GeoJSON becomes a `Site` in one explicit step (`Site::try_from`),
//! which checks every field and names the feature and field at fault.

mod catalog;
mod enums;
mod error;
mod site;

pub use catalog::DataFile;
pub(crate) use catalog::load_files;
pub use catalog::{DATA_FILE_NAMES, parse_file};
#[cfg(not(target_arch = "wasm32"))]
pub use catalog::{DATA_FILES, NAMES_TEXT, load_catalog};
pub use enums::{Category, Country, Precision, ReportPlace, Sector, Status};
pub use error::{DataError, SiteError};
pub use site::{Capacity, Names, Source};
pub use site::{NAMES_FILE, Site, SiteGeometry, apply_names};
