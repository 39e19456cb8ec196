//! Browser APIs beyond what Leptos wraps: the address bar and history, the
//! clipboard, focus, and the start-up handshake with `assets/boot.js`.

use std::cell::Cell;
use std::rc::Rc;

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};

use super::describe;
use crate::i18n::Lang;
use crate::userdata::intake::{TooLarge, check_size};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, SvgElement};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The query string of the address bar, with its `?` (or empty).
pub(crate) fn current_query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The whole address.
pub(crate) fn current_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The browser would not write the address bar (a browser limits how often
/// a page may, and a sandboxed frame may not at all).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the address bar could not be updated: {0}")]
pub(crate) struct HistoryError(String);

/// The address with `query` in place of the current query string: the
/// path only, or with `origin` the whole link.
fn url_with(query: &str, origin: bool) -> Option<String> {
    let location = window()?.location();
    let path = location.pathname().ok()?;
    let hash = location.hash().ok().unwrap_or_default();
    let origin = if origin {
        location.origin().ok()?
    } else {
        String::new()
    };
    Some(format!("{origin}{path}{query}{hash}"))
}

/// The whole link to this page with `query`, for sharing.
pub(crate) fn link_with(query: &str) -> String {
    url_with(query, true).unwrap_or_else(current_url)
}

/// Writes `query` into the address bar: a new history entry with `push`,
/// else the current entry rewritten.
fn write_query(query: &str, push: bool) -> Result<(), HistoryError> {
    let history = window()
        .ok_or_else(|| HistoryError("no window".to_owned()))?
        .history()
        .map_err(|e| HistoryError(describe(&e)))?;
    let url = url_with(query, false).ok_or_else(|| HistoryError("no address".to_owned()))?;
    let written = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
    written.map_err(|e| HistoryError(describe(&e)))
}

/// Adds a history entry for `query` (Back returns to the current one).
pub(crate) fn push_query(query: &str) -> Result<(), HistoryError> {
    write_query(query, true)
}

/// Rewrites the current history entry to `query`, adding none.
pub(crate) fn replace_query(query: &str) -> Result<(), HistoryError> {
    write_query(query, false)
}

/// Copies `text` to the clipboard. `false` when the browser refuses (no
/// permission, insecure context, no clipboard API).
pub(crate) async fn copy_text(text: &str) -> bool {
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

/// The browser's languages in the reader's order (`navigator.languages`,
/// else `navigator.language`); empty when neither is readable.
pub(crate) fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Sets `<html lang>` and the page's title.
pub(crate) fn set_document_language(lang: &str, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang);
    }
    document.set_title(title);
}

/// The element that has focus (HTML, or SVG such as a route on the map).
pub(crate) fn active_element() -> Option<Element> {
    window()?.document()?.active_element()
}

/// Moves focus to `element` if it is still in the document.
pub(crate) fn focus_element(element: &Element) {
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
pub(crate) fn reveal(id: &str, focus: bool) {
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

/// Bytes the browser holds (a file's, or a link's answer), outside wasm
/// memory: handed to the import worker as they are (`ImportWorker::send`
/// transfers them, no copy), or copied into wasm memory when the page
/// checks them itself (`to_vec`).
pub(crate) struct Bytes(pub(super) js_sys::Uint8Array);

impl Bytes {
    /// A copy in wasm memory.
    pub(crate) fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

/// The bytes of a file the user picked or dropped.
pub(crate) async fn read_file(file: &web_sys::File) -> Result<Bytes, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| describe(&e))?;
    Ok(Bytes(js_sys::Uint8Array::new(&buffer)))
}

/// The text at `url`, requested now (not when first awaited), so that it
/// loads while other work is awaited.
pub(crate) fn fetch_text_now(url: &str) -> impl Future<Output = Result<String, String>> + use<> {
    let started = window().map(|w| w.fetch_with_str(url));
    async move {
        match started {
            Some(p) => response_text(p).await,
            None => Err("no window".to_owned()),
        }
    }
}

/// The texts at `urls`, fetched in parallel, each with its own result.
pub(crate) async fn fetch_texts(urls: &[String]) -> Vec<Result<String, String>> {
    // Every request starts now; then each answer is awaited in turn.
    let started: Vec<Option<js_sys::Promise>> = urls
        .iter()
        .map(|url| window().map(|w| w.fetch_with_str(url)))
        .collect();
    // Every body is asked for as soon as its answer is in, before any is
    // awaited: the bodies are then read side by side, not one after the
    // other (on a slow phone, a task or two each on the way to the map).
    let mut reading = Vec::with_capacity(urls.len());
    for promise in started {
        reading.push(match promise {
            Some(p) => text_of(p).await,
            None => Err("no window".to_owned()),
        });
    }
    let mut out = Vec::with_capacity(urls.len());
    for text in reading {
        out.push(match text {
            Ok(text) => read_text(text).await,
            Err(message) => Err(message),
        });
    }
    out
}

/// Why `fetch_bytes` brought nothing. The messages are for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum FetchError {
    #[error("the page has no window to fetch from")]
    NoWindow,
    #[error("this browser cannot stop a download (no AbortController)")]
    NoAbort,
    #[error("the request failed ({0})")]
    Network(String),
    #[error("the answer is not an HTTP response")]
    NotResponse,
    #[error("the server answered {status} {text}")]
    Status { status: u16, text: String },
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    #[error("no complete answer came within {0} seconds")]
    TimedOut(u32),
    #[error("reading the answer failed ({0})")]
    Read(String),
    /// A newer import stopped this one (`ImportAbort::abort`).
    #[error("a newer import took its place")]
    Superseded,
}

impl FetchError {
    /// The reason in `lang`; what the browser said stays as it said it.
    pub(crate) fn text(&self, lang: Lang) -> String {
        use FetchError as F;
        match (self, lang) {
            (F::TooLarge(t), _) => t.text(lang),
            (_, Lang::En) => self.to_string(),
            (F::NoWindow, Lang::Zh) => "页面没有可用于下载的窗口".to_owned(),
            (F::NoWindow, Lang::Ru) => {
                "у страницы нет окна, из которого можно загружать".to_owned()
            }
            (F::NoAbort, Lang::Zh) => "此浏览器无法中止下载（没有 AbortController）".to_owned(),
            (F::NoAbort, Lang::Ru) => {
                "этот браузер не умеет прерывать загрузку (нет AbortController)".to_owned()
            }
            (F::Network(x), Lang::Zh) => format!("请求失败（{x}）"),
            (F::Network(x), Lang::Ru) => format!("запрос не удался ({x})"),
            (F::NotResponse, Lang::Zh) => "得到的回应不是 HTTP 响应".to_owned(),
            (F::NotResponse, Lang::Ru) => "ответ — не HTTP-ответ".to_owned(),
            (F::Status { status, text }, Lang::Zh) => format!("服务器返回 {status} {text}"),
            (F::Status { status, text }, Lang::Ru) => format!("сервер ответил {status} {text}"),
            (F::TimedOut(n), Lang::Zh) => format!("{n} 秒内没有收到完整的回应"),
            (F::TimedOut(n), Lang::Ru) => format!("полный ответ не пришёл за {n} секунд"),
            (F::Read(x), Lang::Zh) => format!("读取回应失败（{x}）"),
            (F::Read(x), Lang::Ru) => format!("не удалось прочитать ответ ({x})"),
            (F::Superseded, Lang::Zh) => "已被更新的导入取代".to_owned(),
            (F::Superseded, Lang::Ru) => "его сменил более новый импорт".to_owned(),
        }
    }
}

/// Stops a running import: its `fetch_bytes` (network request included)
/// and its `ImportWorker` (terminated).
#[derive(Clone)]
pub(crate) struct ImportAbort(web_sys::AbortController);

impl ImportAbort {
    pub(crate) fn new() -> Result<ImportAbort, FetchError> {
        web_sys::AbortController::new()
            .map(ImportAbort)
            .map_err(|_| FetchError::NoAbort)
    }

    /// Stops the import; a fetch ends with `FetchError::Superseded`, a
    /// worker with `WorkerEvent::Stopped`. Does nothing once it has ended.
    pub(crate) fn abort(&self) {
        self.0.abort();
    }

    pub(super) fn signal(&self) -> web_sys::AbortSignal {
        self.0.signal()
    }
}

/// What `fetch_bytes` may take.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FetchLimits {
    /// Bytes of the answer's body.
    pub max_bytes: usize,
    /// Waiting and reading together.
    pub seconds: u32,
    /// Refuse redirects to another origin (`mode: "same-origin"`): a link
    /// to the atlas's own server never makes the browser call another.
    pub same_origin: bool,
}

/// The bytes at `url` (same origin, or a server that allows CORS), kept
/// by the browser (not in wasm memory), with no UTF-16 string in between.
/// Reads the body as a stream and stops (cancelling it) once it passes
/// `limits.max_bytes`, or at once when the server announces a larger
/// `Content-Length`; gives up after `limits.seconds`, aborting the
/// request. `progress` hears the byte count after each chunk.
pub(crate) async fn fetch_bytes(
    url: &str,
    limits: FetchLimits,
    abort: &ImportAbort,
    progress: &dyn Fn(usize),
) -> Result<Bytes, FetchError> {
    let window = window().ok_or(FetchError::NoWindow)?;
    let controller = &abort.0;
    let timed_out = Rc::new(Cell::new(false));
    let on_time_out = {
        let timed_out = Rc::clone(&timed_out);
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let millis = i32::try_from(u64::from(limits.seconds) * 1000).unwrap_or(i32::MAX);
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_time_out.as_ref().unchecked_ref(),
            millis,
        )
        .ok();
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    if limits.same_origin {
        init.set_mode(web_sys::RequestMode::SameOrigin);
    }
    let fetch = window.fetch_with_str_and_init(url, &init);
    let result = read_capped(fetch, limits.max_bytes, progress).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(on_time_out);
    result.map_err(|e| match e {
        FetchError::TooLarge(_) => e,
        _ if timed_out.get() => FetchError::TimedOut(limits.seconds),
        _ if controller.signal().aborted() => FetchError::Superseded,
        _ => e,
    })
}

/// The answer to `fetch` (a started request): at most `max_bytes`, refused
/// at once past an announced `Content-Length`, read as a stream and
/// cancelled past the limit; `progress` hears the byte count after each
/// chunk. On the page (`fetch_bytes`) and in the import worker alike.
pub(super) async fn read_capped(
    fetch: js_sys::Promise,
    max_bytes: usize,
    progress: &dyn Fn(usize),
) -> Result<Bytes, FetchError> {
    let response = response_of(fetch).await?;
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<u64>().ok());
    let Some(body) = response.body() else {
        return Ok(Bytes(js_sys::Uint8Array::new_with_length(0)));
    };
    if let Some(size) = announced
        && let Err(e) = check_size(size)
    {
        // Cancelling the body ends the request.
        let _ = body.cancel();
        return Err(e.into());
    }
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| FetchError::Read("no stream reader".to_owned()))?;
    // Chunks are gathered in one buffer of the browser's, grown by
    // doubling: sized by `Content-Length` when there is one.
    let cap = u32::try_from(max_bytes).unwrap_or(u32::MAX);
    let capacity = announced
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0)
        .min(cap);
    let mut buffer = js_sys::Uint8Array::new_with_length(capacity.max(64 * 1024));
    let mut filled: u32 = 0;
    loop {
        let chunk: web_sys::ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(|e| FetchError::Read(describe(&e)))?
            .unchecked_into();
        if chunk.get_done().unwrap_or(false) {
            return Ok(Bytes(buffer.subarray(0, filled)));
        }
        let Some(part) = chunk.get_value().dyn_ref::<js_sys::Uint8Array>().cloned() else {
            let _ = reader.cancel();
            return Err(FetchError::Read("a part of it is not bytes".to_owned()));
        };
        let end = filled as usize + part.length() as usize;
        if end > max_bytes {
            let _ = reader.cancel();
            return Err(TooLarge::PastLimit.into());
        }
        let end = end as u32;
        if end > buffer.length() {
            let grown = js_sys::Uint8Array::new_with_length(
                end.max(buffer.length().saturating_mul(2)).min(cap),
            );
            grown.set(&buffer.subarray(0, filled), 0);
            buffer = grown;
        }
        buffer.set(&part, filled);
        filled = end;
        progress(end as usize);
    }
}

/// `raw` (a `?data=` value: absolute, or relative to the page) as an
/// absolute address, written by the browser's URL parser; `None` if it is
/// not an address.
pub(crate) fn resolve_url(raw: &str) -> Option<String> {
    web_sys::Url::new_with_base(raw, &current_url())
        .ok()
        .map(|url| url.href())
}

async fn response_of(fetch: js_sys::Promise) -> Result<web_sys::Response, FetchError> {
    let response: web_sys::Response = JsFuture::from(fetch)
        .await
        .map_err(|e| FetchError::Network(describe(&e)))?
        .dyn_into()
        .map_err(|_| FetchError::NotResponse)?;
    if !response.ok() {
        return Err(FetchError::Status {
            status: response.status(),
            text: response.status_text(),
        });
    }
    Ok(response)
}

async fn response_text(fetch: js_sys::Promise) -> Result<String, String> {
    read_text(text_of(fetch).await?).await
}

/// The answer to `fetch`, checked, with the reading of its body as text
/// started.
async fn text_of(fetch: js_sys::Promise) -> Result<js_sys::Promise, String> {
    let response = response_of(fetch).await.map_err(|e| e.to_string())?;
    response.text().map_err(|e| describe(&e))
}

/// The body that `text` reads.
async fn read_text(text: js_sys::Promise) -> Result<String, String> {
    JsFuture::from(text)
        .await
        .map_err(|e| describe(&e))?
        .as_string()
        .ok_or_else(|| "the answer is not text".to_owned())
}

/// Lets the browser paint and handle input before the next slice of work.
pub(crate) async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits for the next animation frame (just before the browser paints).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Leaves User Timing marks for profiles and the benchmarks (bench/):
/// `atlas:<what>-added` now, when the layers are on the map, and
/// `atlas:<what>-drawn` after the next painted frame.
pub(crate) fn mark_drawn(what: &'static str) {
    mark(&format!("atlas:{what}-added"));
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        next_tick().await;
        mark(&format!("atlas:{what}-drawn"));
    });
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.mark(name, { startTime })` (web-sys binds it as
    /// unstable only).
    #[wasm_bindgen(js_namespace = performance, js_name = mark, catch)]
    fn mark_with_options(name: &str, options: &js_sys::Object) -> Result<JsValue, JsValue>;
}

/// Milliseconds since 1970 at high resolution (`timeOrigin + now()`), in
/// the page or a worker: a time both can place on their own timelines.
pub(super) fn epoch_now() -> Option<f64> {
    let global = js_sys::global();
    let performance = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => window.performance(),
        None => global
            .dyn_ref::<web_sys::WorkerGlobalScope>()
            .and_then(web_sys::WorkerGlobalScope::performance),
    }?;
    Some(performance.time_origin() + performance.now())
}

/// Leaves a User Timing mark `name` at `epoch` (`epoch_now`, perhaps a
/// worker's), so that what a worker did shows on the page's timeline at
/// the time it happened, not when the page got to hear of it.
pub(crate) fn mark_at(name: &str, epoch: f64) {
    let Some(performance) = window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let start = epoch - performance.time_origin();
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("startTime"),
        &JsValue::from_f64(start.max(0.0)),
    );
    let _ = mark_with_options(name, &options);
}

/// Leaves a User Timing mark `name`, seen in profiles (bench/profile.mjs).
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Offers `text` as a file download named `name`.
pub(crate) fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_part(name, mime, &JsValue::from_str(text))
}

/// Offers `bytes` as a file named `name` of type `mime`.
pub(crate) fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_part(name, mime, &js_sys::Uint8Array::from(bytes))
}

fn download_part(name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| describe(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "not an anchor".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoked once the browser has taken the download.
    wasm_bindgen_futures::spawn_local(async move {
        next_tick().await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// Moves focus to the element with `id`, now, without scrolling.
pub(crate) fn focus_id(id: &str) {
    let element = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(html) = element.as_ref().and_then(|e| e.dyn_ref::<HtmlElement>()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = html.focus_with_options(&options);
    }
}

/// Puts a "something went wrong" notice with `details` at the top of the
/// page, as text. Used by the panic hook, so it must not panic itself.
pub fn show_crash(details: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("crash");
    let _ = panel.set_attribute("role", "alert");
    let add = |tag: &str, class: &str, text: &str| {
        if let Ok(element) = document.create_element(tag) {
            element.set_class_name(class);
            element.set_text_content(Some(text));
            let _ = panel.append_child(&element);
            Some(element)
        } else {
            None
        }
    };
    add(
        "strong",
        "crash-title",
        "Something went wrong, and the atlas stopped.",
    );
    add(
        "p",
        "crash-help",
        "Reloading the page usually helps; the link keeps your view. If it happens again, please report these details:",
    );
    add("pre", "crash-details", details);
    if let Some(link) = add("a", "crash-reload", "Reload the atlas") {
        let _ = link.set_attribute("href", &current_url());
    }
    let _ = body.prepend_with_node_1(&panel);
}

/// Tells the start-up script (and the browser tests) that the app is up,
/// and removes the static loading message.
pub(crate) fn mark_ready() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-atlas-ready", "");
    }
    remove_boot_message();
    // The first map's frame, drawn over the app until now; removed here
    // rather than by the first map, which may not have started at all.
    remove_by_id(FIRST_PAGE_ID);
    announce(APP_READY_EVENT);
}

/// Whether the reader asked for less motion
/// (`prefers-reduced-motion: reduce`).
pub(crate) fn reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Removes the static "Loading…" message (once the map shows).
pub(crate) fn remove_boot_message() {
    if let Some(boot) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-status"))
    {
        boot.remove();
    }
}

/// The first map's static frame in `index.html` (see src/first/).
pub(crate) const FIRST_PAGE_ID: &str = "first-page";

/// The window event the first map sends when it is drawn (or could not
/// be): the start-up script in `Trunk.toml` then loads the full app.
pub(crate) const FIRST_MAP_EVENT: &str = "atlas-first-map";

/// The window event the full app sends once its own map is drawn: the
/// first map then removes itself.
pub(crate) const APP_READY_EVENT: &str = "atlas-app-ready";

/// The element with `id`, if it is an HTML element.
pub(crate) fn element_by_id(id: &str) -> Option<HtmlElement> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Sets the text (never HTML) of the element with `id`, if it exists.
pub(crate) fn set_text_of(id: &str, text: &str) {
    if let Some(element) = element_by_id(id) {
        element.set_text_content(Some(text));
    }
}

/// Removes the element with `id`, if it exists.
pub(crate) fn remove_by_id(id: &str) {
    if let Some(element) = element_by_id(id) {
        element.remove();
    }
}

/// Sends the window event `name` (no data).
pub(crate) fn announce(name: &str) {
    if let (Some(w), Ok(event)) = (window(), web_sys::Event::new(name)) {
        let _ = w.dispatch_event(&event);
    }
}

/// Calls `then` the first time the window event `name` is sent.
pub(crate) fn when_announced(name: &str, then: impl FnOnce() + 'static) {
    let Some(w) = window() else {
        return;
    };
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    let callback = Closure::once_into_js(move |_event: JsValue| then());
    let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
        name,
        callback.unchecked_ref(),
        &once,
    );
}

/// Resolves after the next painted frame (`requestAnimationFrame`, then a
/// task), like the `-drawn` marks.
pub(crate) async fn painted() {
    next_frame().await;
    next_tick().await;
}

/// Where the data files' texts are handed on (a property of the global
/// object): by the start-up script (Trunk.toml) to the first map, as a
/// promise, read while the first map's bundle compiles; by the first map to
/// the app, which would otherwise ask for them again (a revalidation that
/// cost ~250 ms on the mobile profile).
const DATA_HANDOVER: &str = "__atlasDataFiles";

/// Fetches the atlas's data files from `data/` (in parallel, each on its
/// own), each with its name: what both the first map and the app read.
/// Files handed over (`{ name: text }`, or a promise of it) are taken, not
/// fetched, and the hand-over is emptied; the others are fetched.
pub(crate) async fn fetch_data_files() -> Vec<(String, Result<String, String>)> {
    let global = js_sys::global();
    let key = JsValue::from_str(DATA_HANDOVER);
    let handed = js_sys::Reflect::get(&global, &key).ok();
    let _ = js_sys::Reflect::delete_property(&global, &key);
    let handed = match handed.map(JsCast::dyn_into::<js_sys::Promise>) {
        Some(Ok(promise)) => JsFuture::from(promise).await.ok(),
        Some(Err(value)) => Some(value),
        None => None,
    }
    .filter(JsValue::is_object);
    let taken: Vec<Option<String>> = crate::model::DATA_FILE_NAMES
        .iter()
        .map(|name| {
            handed
                .as_ref()
                .and_then(|h| js_sys::Reflect::get(h, &JsValue::from_str(name)).ok())
                .and_then(|text| text.as_string())
        })
        .collect();
    let missing: Vec<String> = crate::model::DATA_FILE_NAMES
        .iter()
        .zip(&taken)
        .filter(|(_, text)| text.is_none())
        .map(|(name, _)| format!("data/{name}"))
        .collect();
    let mut fetched = fetch_texts(&missing).await.into_iter();
    crate::model::DATA_FILE_NAMES
        .iter()
        .zip(taken)
        .map(|(name, text)| {
            let text = match text {
                Some(text) => Ok(text),
                None => fetched
                    .next()
                    .unwrap_or_else(|| Err("not fetched".to_owned())),
            };
            ((*name).to_owned(), text)
        })
        .collect()
}

/// Leaves the files that were read for the app's `fetch_data_files`; a
/// file that failed is not handed over, so the app asks for it and names
/// what went wrong.
pub(crate) fn hand_over_data_files(files: &[(String, Result<String, String>)]) {
    let handover = js_sys::Object::new();
    for (name, text) in files {
        if let Ok(text) = text {
            let _ = js_sys::Reflect::set(
                &handover,
                &JsValue::from_str(name),
                &JsValue::from_str(text),
            );
        }
    }
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(DATA_HANDOVER),
        &handover,
    );
}
