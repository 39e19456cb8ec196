//! Leptos components, one per file. They hold view state and hand map work
//! to `crate::map`; no logic worth testing lives here.

mod app;
mod map_view;
mod side_panel;

pub use app::App;
