//! China–Central Asia Cooperation Atlas: the projects of the Xinhua Institute
//! report *Championing the China–Central Asia Spirit* on an interactive map.
//!
//! The folders are dependency levels; each uses only those above it:
//! `geo` (coordinates, geodesy, basemap) → `model` (sites from GeoJSON) →
//! `report` (text, story, figures) → `view` (filter, links, search, details,
//! symbols) and `userdata` (import, drawing, export), all plain Rust and
//! tested natively → `web` (the only code that touches Leaflet, the DOM or
//! `JsValue`) → `ui` (the Leptos components).

pub mod first;
pub mod geo;
pub mod i18n;
pub mod model;
pub mod report;
pub mod ui;
pub mod userdata;
pub mod view;
pub mod web;
