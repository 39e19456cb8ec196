//! Leptos components, one per file. They hold view state and hand map work
//! to `crate::web`; the logic they show (filtering, counts, search, links,
//! wording) lives in plain-Rust modules and is tested natively.

mod app;
mod details;
mod embed;
mod import_tools;
mod legend;
mod map_view;
mod report_view;
mod search_box;
mod side_panel;
mod site_list;
mod state;
mod symbol;
mod timeline;

pub use app::App;
