//! The import worker: a Web Worker that checks the user's GeoJSON off the
//! page's thread, so the page never freezes on a large file. Both halves of
//! its protocol live here:
//!
//! - the page's side, `ImportWorker`: starts the worker (its address is in
//!   `index.html`, written by `tools/postbuild.mjs`), waits until it says
//!   it is ready, hands it the bytes (transferred, not copied) — or, for a
//!   `?data=` link to the atlas's own server, has it fetch them itself, so
//!   that reading the answer does not wait for the page's thread — and
//!   turns its messages into `WorkerEvent`s; terminated when dropped, when
//!   a newer import aborts this one (`ImportAbort`) or when its fetch runs
//!   past the time limit (a timer on the page);
//! - the worker's side, `serve_imports` (`src/bin/import_worker.rs`): runs
//!   `userdata::loaded::prepare` on the bytes, posting progress, and posts
//!   the outcome packed by `userdata::wire` as three typed arrays whose
//!   buffers are transferred;
//! - then the worker stays, as the import's `Painter`: it keeps the
//!   features' overlay and rasterises a group for a view when the map asks
//!   (`userdata::raster::Request`), posting the canvas's pixels
//!   (transferred), so that drawing a large import does not hold up the
//!   page either.
//!
//! Messages are plain objects with a `kind`:
//!
//! | from | `kind` | fields |
//! |---|---|---|
//! | worker | `"ready"` | — (its listener is installed) |
//! | worker's start-up script | `"failed"` | `message` (the wasm did not load) |
//! | page | `"check"` | `bytes` (a `Uint8Array`, its buffer transferred) |
//! | page | `"fetch"` | `url` (same origin), `maxBytes` |
//! | worker | `"fetching"` | `bytes` (read so far) |
//! | worker | `"fetched"` | — (checking starts) |
//! | worker | `"fetch-failed"` | `error` and its details (`FetchError`) |
//! | worker | `"progress"` | `done`, `total` (features checked) |
//! | worker | `"done"` | `bytes`, `words`, `floats` (`wire::Packed`) |
//! | page | `"draw"` | `ticket`, `request` (`Float64Array`: `Request::to_numbers`) |
//! | worker | `"drawn"` | `ticket`, `width`, `height`, `pixels` (`Uint8ClampedArray`, RGBA) |

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

use super::describe;
use super::page::{Bytes, FetchError, ImportAbort, epoch_now, mark_at, read_capped};
use crate::i18n::Lang;
use crate::userdata::intake::TooLarge;
use crate::userdata::loaded::prepare;
use crate::userdata::overlay::Overlay;
use crate::userdata::raster::{Raster, Request};
use crate::userdata::wire::{Packed, encode};

/// The `<meta>` of `index.html` whose `content` is the worker's address.
const META_NAME: &str = "atlas-import-worker";

/// Why the worker could not do its work. The messages are for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum WorkerError {
    #[error("the page does not say where the import worker is")]
    NoAddress,
    #[error("the browser would not start it ({0})")]
    Refused(String),
    #[error("it did not load ({0})")]
    NotLoaded(String),
    #[error("it stopped with an error ({0})")]
    Crashed(String),
    #[error("its message could not be read ({0})")]
    Message(String),
}

impl WorkerError {
    /// The reason in `lang`; what the browser said stays as it said it.
    pub(crate) fn text(&self, lang: Lang) -> String {
        use WorkerError as W;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (W::NoAddress, Lang::Zh) => "页面没有说明导入工作线程在哪里".to_owned(),
            (W::NoAddress, Lang::Ru) => "страница не указывает, где обработчик импорта".to_owned(),
            (W::Refused(x), Lang::Zh) => format!("浏览器不肯启动它（{x}）"),
            (W::Refused(x), Lang::Ru) => format!("браузер не запустил его ({x})"),
            (W::NotLoaded(x), Lang::Zh) => format!("它没有加载（{x}）"),
            (W::NotLoaded(x), Lang::Ru) => format!("он не загрузился ({x})"),
            (W::Crashed(x), Lang::Zh) => format!("它因错误而停止（{x}）"),
            (W::Crashed(x), Lang::Ru) => format!("он остановился с ошибкой ({x})"),
            (W::Message(x), Lang::Zh) => format!("无法读取它的消息（{x}）"),
            (W::Message(x), Lang::Ru) => format!("его сообщение не удалось прочитать ({x})"),
        }
    }
}

/// What the page hears from the worker.
#[derive(Debug)]
pub(crate) enum WorkerEvent {
    /// It has started and waits for the bytes.
    Ready,
    /// Its fetch has read this many bytes.
    Fetching(usize),
    /// Its fetch is complete: it checks the bytes now.
    Fetched,
    /// Its fetch failed (or ran past the time limit).
    FetchFailed(FetchError),
    /// `done` of `total` features checked.
    Progress { done: usize, total: usize },
    /// The outcome, packed.
    Done(Packed),
    /// It failed: before `Ready`, it never started (the page can do the
    /// work itself); after, it broke while working.
    Failed(WorkerError),
    /// A newer import aborted this one; the worker is terminated.
    Stopped,
}

/// Events not yet taken, and the promise `next` waits on when there are
/// none.
#[derive(Default)]
struct Inbox {
    events: RefCell<VecDeque<WorkerEvent>>,
    wake: RefCell<Option<js_sys::Function>>,
    ready: Cell<bool>,
    /// The time limit of its fetch, while it runs.
    timer: Cell<Option<i32>>,
}

impl Inbox {
    fn clear_timer(&self) {
        if let (Some(timer), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }

    fn push(&self, event: WorkerEvent) {
        self.events.borrow_mut().push_back(event);
        if let Some(wake) = self.wake.borrow_mut().take() {
            let _ = wake.call0(&JsValue::UNDEFINED);
        }
    }
}

/// A started import worker (the page's side). Terminated when dropped,
/// unless it became the import's `Painter`.
pub(crate) struct ImportWorker {
    worker: web_sys::Worker,
    /// Handed over to a `Painter`: not terminated on drop.
    kept: bool,
    inbox: Rc<Inbox>,
    signal: web_sys::AbortSignal,
    on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    on_error: Closure<dyn Fn(web_sys::Event)>,
    on_abort: Closure<dyn Fn(web_sys::Event)>,
    on_time_out: Option<Closure<dyn Fn()>>,
}

impl ImportWorker {
    /// Starts the worker: it loads while the bytes are still on their way.
    /// `abort` stops it (a newer import).
    pub(crate) fn start(abort: &ImportAbort) -> Result<ImportWorker, WorkerError> {
        let (worker, held) = match take_early() {
            Some(early) => early,
            None => (new_worker()?, Vec::new()),
        };
        let inbox = Rc::new(Inbox::default());
        let on_message = {
            let inbox = Rc::clone(&inbox);
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                receive(&inbox, &event.data());
            })
        };
        for data in &held {
            receive(&inbox, data);
        }
        let on_error = {
            let inbox = Rc::clone(&inbox);
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                // A script that did not load is a plain `Event`; an
                // exception inside the worker an `ErrorEvent`.
                let message = event
                    .dyn_ref::<web_sys::ErrorEvent>()
                    .map(|e| e.message())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "the worker's script could not be loaded".to_owned());
                inbox.push(WorkerEvent::Failed(if inbox.ready.get() {
                    WorkerError::Crashed(message)
                } else {
                    WorkerError::NotLoaded(message)
                }));
            })
        };
        let on_abort = {
            let inbox = Rc::clone(&inbox);
            let worker = worker.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| {
                worker.terminate();
                inbox.clear_timer();
                inbox.push(WorkerEvent::Stopped);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let signal = abort.signal();
        let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        if signal.aborted() {
            worker.terminate();
            inbox.push(WorkerEvent::Stopped);
        }
        Ok(ImportWorker {
            worker,
            kept: false,
            inbox,
            signal,
            on_message,
            on_error,
            on_abort,
            on_time_out: None,
        })
    }

    /// Has the worker fetch `url` (on the atlas's own server: it fetches
    /// with `mode: "same-origin"`, so it can reach no other) with at most
    /// `max_bytes`, then check what it read. Asked at once: the worker's
    /// start-up script holds the message until it runs. A timer on the
    /// page stops it (terminating the worker, which ends the request) if
    /// the answer is not read within `seconds`.
    pub(crate) fn fetch(
        &mut self,
        url: &str,
        max_bytes: usize,
        seconds: u32,
    ) -> Result<(), WorkerError> {
        let message = js_sys::Object::new();
        set(&message, "kind", &JsValue::from_str("fetch"));
        set(&message, "url", &JsValue::from_str(url));
        set(&message, "maxBytes", &JsValue::from_f64(max_bytes as f64));
        self.worker
            .post_message(&message)
            .map_err(|e| WorkerError::Message(describe(&e)))?;
        let on_time_out = {
            let inbox = Rc::clone(&self.inbox);
            let worker = self.worker.clone();
            Closure::<dyn Fn()>::new(move || {
                if inbox.timer.take().is_some() {
                    worker.terminate();
                    inbox.push(WorkerEvent::FetchFailed(FetchError::TimedOut(seconds)));
                }
            })
        };
        let millis = i32::try_from(u64::from(seconds) * 1000).unwrap_or(i32::MAX);
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time_out.as_ref().unchecked_ref(),
                millis,
            )
            .ok()
        });
        self.inbox.timer.set(timer);
        self.on_time_out = Some(on_time_out);
        Ok(())
    }

    /// The next event, waiting for it if need be.
    pub(crate) async fn next(&self) -> WorkerEvent {
        loop {
            if let Some(event) = self.inbox.events.borrow_mut().pop_front() {
                return event;
            }
            let inbox = Rc::clone(&self.inbox);
            let wait = js_sys::Promise::new(&mut |resolve, _reject| {
                *inbox.wake.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(wait).await;
        }
    }

    /// Hands `bytes` to the worker, transferring their buffer: the page no
    /// longer holds them.
    pub(crate) fn send(&self, bytes: Bytes) -> Result<(), WorkerError> {
        let message = js_sys::Object::new();
        set(&message, "kind", &JsValue::from_str("check"));
        set(&message, "bytes", &bytes.0);
        let transfer = js_sys::Array::of1(&bytes.0.buffer());
        self.worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(|e| WorkerError::Message(describe(&e)))
    }

    /// After its outcome: the worker, which keeps the features, draws them
    /// for the map from now on. A newer import no longer stops it (the
    /// map shows this one until that one has loaded).
    pub(crate) fn into_painter(mut self) -> Painter {
        self.kept = true;
        Painter {
            worker: self.worker.clone(),
            listeners: None,
        }
    }
}

/// The property of `window` where the start-up script (`Trunk.toml`)
/// leaves the worker it started for a `?data=` link, with the messages it
/// held for the app: `{ worker, held }`.
const EARLY: &str = "atlasImportWorker";

/// The worker the start-up script started, if it did and no import has
/// taken it yet, with what it said meanwhile.
fn take_early() -> Option<(web_sys::Worker, Vec<JsValue>)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(EARLY);
    let early = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(JsValue::is_object)?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let worker = get(&early, "worker").dyn_into::<web_sys::Worker>().ok()?;
    let held = get(&early, "held").dyn_into::<js_sys::Array>().ok()?;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    Some((worker, held.to_vec()))
}

/// Terminates the worker the start-up script started, if no import has
/// taken it (its link was refused, or not to be loaded).
pub(crate) fn release_early_worker() {
    if let Some((worker, _)) = take_early() {
        worker.terminate();
    }
}

/// A new worker from the address in `index.html`.
fn new_worker() -> Result<web_sys::Worker, WorkerError> {
    let address = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{META_NAME}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|a| !a.is_empty())
        .ok_or(WorkerError::NoAddress)?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(&address, &options)
        .map_err(|e| WorkerError::Refused(describe(&e)))
}

/// A message from the worker, into the inbox.
fn receive(inbox: &Inbox, data: &JsValue) {
    let event = read_message(data, inbox.ready.get());
    match event {
        WorkerEvent::Ready => inbox.ready.set(true),
        WorkerEvent::Fetched | WorkerEvent::FetchFailed(_) => inbox.clear_timer(),
        _ => {}
    }
    inbox.push(event);
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        if !self.kept {
            self.worker.terminate();
        }
        self.inbox.clear_timer();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.on_abort.as_ref().unchecked_ref());
        // The closures go with `self`; the JS side holds no reference now.
        let _ = (&self.on_message, &self.on_error, &self.on_time_out);
    }
}

/// The import's worker after its outcome, drawing for the map (the
/// page's side). Terminated when dropped.
pub(crate) struct Painter {
    worker: web_sys::Worker,
    /// Its message and error listeners, kept while they are set.
    listeners: Option<[Listener; 2]>,
}

type Listener = Closure<dyn Fn(web_sys::Event)>;

/// A group's pixels, drawn by the worker for the request with `ticket`.
pub(crate) struct Drawn {
    pub ticket: u32,
    pub width: u32,
    pub height: u32,
    /// RGBA, straight alpha, `width` × `height`.
    pub pixels: js_sys::Uint8ClampedArray,
}

impl Painter {
    /// Calls `on_drawn` with each drawing, and `on_error` if the worker
    /// fails (it then draws no more).
    pub(crate) fn listen(
        &mut self,
        on_drawn: impl Fn(Drawn) + 'static,
        on_error: impl Fn(WorkerError) + 'static,
    ) {
        let on_error = Rc::new(on_error);
        let message = {
            let on_error = Rc::clone(&on_error);
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                let Some(data) = event.dyn_ref::<web_sys::MessageEvent>().map(|e| e.data()) else {
                    return;
                };
                match read_drawn(&data) {
                    Some(drawn) => on_drawn(drawn),
                    None => on_error(WorkerError::Message(
                        "a drawing is not pixels of its size".to_owned(),
                    )),
                }
            })
        };
        let error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let message = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_default();
            on_error(WorkerError::Crashed(message));
        });
        self.worker
            .set_onmessage(Some(message.as_ref().unchecked_ref()));
        self.worker
            .set_onerror(Some(error.as_ref().unchecked_ref()));
        self.worker
            .set_onmessageerror(Some(error.as_ref().unchecked_ref()));
        self.listeners = Some([message, error]);
    }

    /// Asks for `request` to be drawn; the answer carries `ticket`.
    pub(crate) fn request(&self, ticket: u32, request: &Request) -> Result<(), WorkerError> {
        let message = js_sys::Object::new();
        set(&message, "kind", &JsValue::from_str("draw"));
        set(&message, "ticket", &JsValue::from_f64(f64::from(ticket)));
        let numbers = js_sys::Float64Array::from(request.to_numbers().as_slice());
        set(&message, "request", &numbers);
        self.worker
            .post_message(&message)
            .map_err(|e| WorkerError::Message(describe(&e)))
    }
}

impl Drop for Painter {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
    }
}

/// A `"drawn"` message, if it holds pixels of its stated size.
fn read_drawn(data: &JsValue) -> Option<Drawn> {
    if get(data, "kind").as_string().as_deref() != Some("drawn") {
        return None;
    }
    let pixels = get(data, "pixels")
        .dyn_into::<js_sys::Uint8ClampedArray>()
        .ok()?;
    let width = u32::try_from(number(data, "width")).ok()?;
    let height = u32::try_from(number(data, "height")).ok()?;
    let ticket = u32::try_from(number(data, "ticket")).ok()?;
    (u64::from(pixels.length()) == u64::from(width) * u64::from(height) * 4).then_some(Drawn {
        ticket,
        width,
        height,
        pixels,
    })
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn number(object: &JsValue, key: &str) -> usize {
    get(object, key).as_f64().map_or(0, |n| n as usize)
}

/// A message from the worker as an event.
fn read_message(data: &JsValue, ready: bool) -> WorkerEvent {
    let kind = get(data, "kind").as_string().unwrap_or_default();
    match kind.as_str() {
        "ready" => WorkerEvent::Ready,
        "fetching" => WorkerEvent::Fetching(number(data, "bytes")),
        "fetched" => {
            mark_worker_time(data, "at", "atlas:import-fetched");
            WorkerEvent::Fetched
        }
        "fetch-failed" => WorkerEvent::FetchFailed(read_fetch_error(data)),
        "progress" => WorkerEvent::Progress {
            done: number(data, "done"),
            total: number(data, "total"),
        },
        "done" => {
            mark_worker_time(data, "checked", "atlas:import-checked");
            mark_worker_time(data, "at", "atlas:import-packed");
            match read_packed(data) {
                Some(packed) => WorkerEvent::Done(packed),
                None => WorkerEvent::Failed(WorkerError::Message(
                    "its result is not three typed arrays".to_owned(),
                )),
            }
        }
        "failed" if !ready => WorkerEvent::Failed(WorkerError::NotLoaded(
            get(data, "message").as_string().unwrap_or_default(),
        )),
        other => WorkerEvent::Failed(WorkerError::Message(format!(
            "an unknown message {other:?}"
        ))),
    }
}

/// Marks `name` at the worker's time in `data[key]`, if there is one.
fn mark_worker_time(data: &JsValue, key: &str, name: &str) {
    if let Some(at) = get(data, key).as_f64() {
        mark_at(name, at);
    }
}

/// Puts the time now (`epoch_now`) in `message[key]`.
fn stamp(message: &js_sys::Object, key: &str) {
    if let Some(now) = epoch_now() {
        set(message, key, &JsValue::from_f64(now));
    }
}

/// A fetch's failure as a message's fields.
fn write_fetch_error(message: &js_sys::Object, error: &FetchError) {
    let text = |key: &str, value: &str| set(message, key, &JsValue::from_str(value));
    match error {
        FetchError::NoWindow => text("error", "no-window"),
        FetchError::NoAbort => text("error", "no-abort"),
        FetchError::Network(why) => {
            text("error", "network");
            text("message", why);
        }
        FetchError::NotResponse => text("error", "not-response"),
        FetchError::Status { status, text: why } => {
            text("error", "status");
            set(message, "status", &JsValue::from_f64(f64::from(*status)));
            text("message", why);
        }
        FetchError::TooLarge(TooLarge::Sized(size)) => {
            text("error", "too-large");
            set(message, "size", &JsValue::from_f64(*size as f64));
        }
        FetchError::TooLarge(TooLarge::PastLimit) => text("error", "past-limit"),
        FetchError::TimedOut(seconds) => {
            text("error", "timed-out");
            set(message, "seconds", &JsValue::from_f64(f64::from(*seconds)));
        }
        FetchError::Read(why) => {
            text("error", "read");
            text("message", why);
        }
        FetchError::Superseded => text("error", "superseded"),
    }
}

/// A fetch's failure from a message's fields.
fn read_fetch_error(data: &JsValue) -> FetchError {
    let message = get(data, "message").as_string().unwrap_or_default();
    match get(data, "error").as_string().as_deref() {
        Some("no-window") => FetchError::NoWindow,
        Some("no-abort") => FetchError::NoAbort,
        Some("not-response") => FetchError::NotResponse,
        Some("status") => FetchError::Status {
            status: u16::try_from(number(data, "status")).unwrap_or(0),
            text: message,
        },
        Some("too-large") => FetchError::TooLarge(TooLarge::Sized(
            get(data, "size").as_f64().map_or(0, |n| n as u64),
        )),
        Some("past-limit") => FetchError::TooLarge(TooLarge::PastLimit),
        Some("timed-out") => {
            FetchError::TimedOut(u32::try_from(number(data, "seconds")).unwrap_or(0))
        }
        Some("read") => FetchError::Read(message),
        Some("superseded") => FetchError::Superseded,
        _ => FetchError::Network(message),
    }
}

/// The three typed arrays of a `"done"` message, copied into wasm memory.
fn read_packed(data: &JsValue) -> Option<Packed> {
    let bytes = get(data, "bytes").dyn_into::<js_sys::Uint8Array>().ok()?;
    let words = get(data, "words").dyn_into::<js_sys::Uint32Array>().ok()?;
    let floats = get(data, "floats")
        .dyn_into::<js_sys::Float32Array>()
        .ok()?;
    Some(Packed {
        bytes: bytes.to_vec(),
        words: words.to_vec(),
        floats: floats.to_vec(),
    })
}

/// What the worker keeps between messages: the last import's overlay, to
/// draw from, and the masks it draws into.
#[derive(Default)]
struct Served {
    overlay: Option<Overlay>,
    raster: Raster,
}

/// The worker's side: answers a `"check"` message with progress and the
/// packed outcome, and each `"draw"` message after it with pixels. Called
/// once, by the worker's `main`.
pub fn serve_imports() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let state = Rc::new(RefCell::new(Served::default()));
    let handler = {
        let scope = scope.clone();
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let Ok(mut served) = state.try_borrow_mut() else {
                return;
            };
            match get(&data, "kind").as_string().as_deref() {
                Some("check") => {
                    if let Ok(input) = get(&data, "bytes").dyn_into::<js_sys::Uint8Array>() {
                        check(&scope, &mut served, input.to_vec());
                    }
                }
                Some("fetch") => {
                    drop(served);
                    fetch(&scope, Rc::clone(&state), &data);
                }
                Some("draw") => draw(&scope, &mut served, &data),
                _ => {}
            }
        })
    };
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // It answers for as long as the worker lives.
    handler.forget();
    let ready = js_sys::Object::new();
    set(&ready, "kind", &JsValue::from_str("ready"));
    let _ = scope.post_message(&ready);
}

/// Fetches a `"fetch"` message's address, posting progress, then checks
/// what it read.
fn fetch(scope: &web_sys::DedicatedWorkerGlobalScope, state: Rc<RefCell<Served>>, data: &JsValue) {
    let url = get(data, "url").as_string().unwrap_or_default();
    let max_bytes = number(data, "maxBytes");
    let scope = scope.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let init = web_sys::RequestInit::new();
        // Only ever the atlas's own server, redirects included.
        init.set_mode(web_sys::RequestMode::SameOrigin);
        let request = scope.fetch_with_str_and_init(&url, &init);
        // A message per tenth of a megabyte and per tenth of a second at
        // most: each is a task on the page's thread, which is building the
        // map meanwhile (a fast local answer of 60 MB would be 600).
        let shown = Cell::new(0usize);
        let told = Cell::new(f64::MIN);
        let progress = |bytes: usize| {
            let now = epoch_now().unwrap_or(0.0);
            if bytes / 100_000 != shown.get() / 100_000 && now - told.get() >= 100.0 {
                shown.set(bytes);
                told.set(now);
                let message = js_sys::Object::new();
                set(&message, "kind", &JsValue::from_str("fetching"));
                set(&message, "bytes", &JsValue::from_f64(bytes as f64));
                let _ = scope.post_message(&message);
            }
        };
        let read = read_capped(request, max_bytes, &progress).await;
        let message = js_sys::Object::new();
        match read {
            Ok(bytes) => {
                set(&message, "kind", &JsValue::from_str("fetched"));
                stamp(&message, "at");
                let _ = scope.post_message(&message);
                let bytes = bytes.to_vec();
                if let Ok(mut served) = state.try_borrow_mut() {
                    check(&scope, &mut served, bytes);
                }
            }
            Err(error) => {
                set(&message, "kind", &JsValue::from_str("fetch-failed"));
                write_fetch_error(&message, &error);
                let _ = scope.post_message(&message);
            }
        }
    });
}

fn check(scope: &web_sys::DedicatedWorkerGlobalScope, served: &mut Served, bytes: Vec<u8>) {
    let outcome = prepare(&bytes, &mut |done, total| {
        let progress = js_sys::Object::new();
        set(&progress, "kind", &JsValue::from_str("progress"));
        set(&progress, "done", &JsValue::from_f64(done as f64));
        set(&progress, "total", &JsValue::from_f64(total as f64));
        let _ = scope.post_message(&progress);
    });
    drop(bytes);
    let done = js_sys::Object::new();
    stamp(&done, "checked");
    served.overlay = outcome.as_ref().ok().map(|loaded| loaded.overlay.clone());
    let packed = encode(outcome);
    let bytes = js_sys::Uint8Array::from(packed.bytes.as_slice());
    let words = js_sys::Uint32Array::from(packed.words.as_slice());
    let floats = js_sys::Float32Array::from(packed.floats.as_slice());
    drop(packed);
    set(&done, "kind", &JsValue::from_str("done"));
    stamp(&done, "at");
    set(&done, "bytes", &bytes);
    set(&done, "words", &words);
    set(&done, "floats", &floats);
    let transfer = js_sys::Array::of3(&bytes.buffer(), &words.buffer(), &floats.buffer());
    let _ = scope.post_message_with_transfer(&done, &transfer);
}

fn draw(scope: &web_sys::DedicatedWorkerGlobalScope, served: &mut Served, data: &JsValue) {
    let ticket = get(data, "ticket");
    let request = get(data, "request")
        .dyn_into::<js_sys::Float64Array>()
        .ok()
        .and_then(|numbers| Request::from_numbers(&numbers.to_vec()));
    let (Some(request), Some(overlay)) = (request, served.overlay.as_ref()) else {
        return;
    };
    let (width, height) = request.size();
    let pixels = served.raster.render(overlay, &request);
    let array = js_sys::Uint8ClampedArray::new_with_length(pixels.len() as u32);
    array.copy_from(pixels);
    let drawn = js_sys::Object::new();
    set(&drawn, "kind", &JsValue::from_str("drawn"));
    set(&drawn, "ticket", &ticket);
    set(&drawn, "width", &JsValue::from_f64(width as f64));
    set(&drawn, "height", &JsValue::from_f64(height as f64));
    set(&drawn, "pixels", &array);
    let _ = scope.post_message_with_transfer(&drawn, &js_sys::Array::of1(&array.buffer()));
}
