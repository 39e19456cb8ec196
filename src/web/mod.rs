//! The only code that talks to JavaScript: Leaflet (`map`) and the few
//! browser APIs the app needs beyond what Leptos wraps — the address bar and
//! history, the clipboard, focus (`page`). Everything else sees plain Rust
//! types and callbacks.

mod map;
mod page;

pub use map::{AtlasMap, MapError, MapHandlers};
pub use page::{
    active_element, copy_text, current_query, current_url, download, fetch_text, fetch_texts,
    focus_element, focus_id, mark_ready, next_tick, push_query, read_file, replace_query, reveal,
    show_crash,
};
