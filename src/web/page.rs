//! Browser APIs beyond what Leptos wraps: the address bar and history, the
//! clipboard, focus, and the start-up handshake with `assets/boot.js`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, SvgElement};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The query string of the address bar, with its `?` (or empty).
pub fn current_query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The whole address, for sharing.
pub fn current_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The address with `query` in place of the current query string.
fn url_with(query: &str) -> Option<String> {
    let location = window()?.location();
    let path = location.pathname().ok()?;
    let hash = location.hash().ok().unwrap_or_default();
    Some(format!("{path}{query}{hash}"))
}

/// Adds a history entry for `query` (Back returns to the current one).
pub fn push_query(query: &str) {
    if let (Some(url), Some(history)) = (url_with(query), window().and_then(|w| w.history().ok())) {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Rewrites the current history entry to `query`, adding none.
pub fn replace_query(query: &str) {
    if let (Some(url), Some(history)) = (url_with(query), window().and_then(|w| w.history().ok())) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Copies `text` to the clipboard. `false` when the browser refuses (no
/// permission, insecure context, no clipboard API).
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = window().map(|w| w.navigator().clipboard()) else {
        return false;
    };
    // Older browsers lack `navigator.clipboard`; the binding then holds
    // `undefined`.
    if JsValue::from(clipboard.clone()).is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// The element that has focus (HTML, or SVG such as a route on the map).
pub fn active_element() -> Option<Element> {
    window()?.document()?.active_element()
}

/// Moves focus to `element` if it is still in the document.
pub fn focus_element(element: &Element) {
    if !element.is_connected() {
        return;
    }
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<SvgElement>() {
        let _ = svg.focus();
    }
}

/// Scrolls the element with `id` into the middle of its scroll container
/// and, with `focus`, gives it focus (without a second scroll).
pub fn reveal(id: &str, focus: bool) {
    let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if focus && let Some(html) = element.dyn_ref::<HtmlElement>() {
        let focus_options = web_sys::FocusOptions::new();
        focus_options.set_prevent_scroll(true);
        let _ = html.focus_with_options(&focus_options);
    }
}

/// Tells the start-up script (and the browser tests) that the app is up,
/// and removes the static loading message.
pub fn mark_ready() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-atlas-ready", "");
    }
    if let Some(boot) = document.get_element_by_id("boot-status") {
        boot.remove();
    }
}
