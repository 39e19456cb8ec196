//! China–Central Asia Cooperation Atlas: the projects of the Xinhua Institute
//! report *Championing the China–Central Asia Spirit* on an interactive map.
//!
//! Plain-Rust modules (`geo_bounds`, `basemap`, `model`, `report`) know nothing of the browser
//! and are tested natively. `map` is the only module that touches Leaflet or
//! `JsValue`; `ui` holds the Leptos components that glue the two together.

pub mod basemap;
pub mod declutter;
pub mod details;
pub mod export;
pub mod figures;
pub mod filter;
pub mod geo_bounds;
pub mod geodesy;
pub mod import;
pub mod intake;
pub mod model;
pub mod overlay;
pub mod permalink;
pub mod raster;
pub mod report;
pub mod search;
pub mod story;
pub mod symbols;
pub mod ui;
pub mod web;
