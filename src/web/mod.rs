//! The only code that talks to JavaScript: Leaflet (`map`), the few
//! browser APIs the app needs beyond what Leptos wraps — the address bar and
//! history, the clipboard, focus (`page`) — the import worker, both its
//! sides (`import_worker`), and the service worker that keeps the atlas
//! offline (`offline`). Everything else sees plain Rust types and
//! callbacks.

mod base;
mod context;
mod events;
mod import_worker;
mod imported;
mod js;
mod map;
mod markers;
mod offline;
mod page;
mod picture;
mod sites;

use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript error as a message for the user.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown JavaScript error".to_owned())
}

pub(crate) use events::{MapError, MapHandlers};
pub use import_worker::serve_imports;
pub(crate) use import_worker::{
    ImportWorker, Painter, WorkerError, WorkerEvent, release_early_worker,
};
pub(crate) use map::AtlasMap;
pub(crate) use offline::{register_offline, take_update};
pub(crate) use page::{
    APP_READY_EVENT, FIRST_MAP_EVENT, FIRST_PAGE_ID, announce, element_by_id, fetch_data_files,
    hand_over_data_files, painted, remove_by_id, set_text_of, when_announced,
};
pub(crate) use page::{
    Bytes, FetchError, FetchLimits, HistoryError, ImportAbort, active_element, browser_languages,
    copy_text, current_query, current_url, download, download_bytes, fetch_bytes, fetch_text_now,
    fetch_texts, focus_element, focus_id, link_with, mark_drawn, mark_ready, next_tick, push_query,
    read_file, reduced_motion, remove_boot_message, replace_query, resolve_url, reveal,
    set_document_language,
};
pub use page::{mark, show_crash};
pub(crate) use picture::{Caption, PictureError, map_picture};
