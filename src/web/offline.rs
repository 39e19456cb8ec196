//! The service worker that makes the atlas work offline after one visit
//! (`tools/sw.js`, written into `dist/sw.js` at build time): registered
//! once the map is drawn, so it never delays the first visit; when a newer
//! build's worker is installed and waiting, the app is told, and
//! `take_update` lets it take over and reloads the page once it has, so a
//! page never runs a mix of two builds.

use std::rc::Rc;

use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

use super::describe;

/// Why the atlas cannot be kept for offline use, or updated.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("offline use is not available: {0}")]
pub(crate) struct OfflineError(String);

impl From<&str> for OfflineError {
    fn from(text: &str) -> Self {
        OfflineError(text.to_owned())
    }
}

/// The worker's address, beside `index.html`.
const WORKER_URL: &str = "sw.js";

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent where the page is not a secure context (plain http, not
    // localhost) or the browser has none.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|has| *has)?;
    Some(navigator.service_worker())
}

/// Registers the worker; calls `on_update_ready` whenever a newer build's
/// worker waits to take over this page (also when one already waited from
/// an earlier visit). Returns why it could not, if it could not.
pub(crate) async fn register_offline(on_update_ready: Rc<dyn Fn()>) -> Result<(), OfflineError> {
    let container = container().ok_or("this browser has no service workers here")?;
    // Checked, not assumed: a browser that blocks service workers may
    // answer with nothing.
    let registration: web_sys::ServiceWorkerRegistration =
        JsFuture::from(container.register(WORKER_URL))
            .await
            .map_err(|e| OfflineError(describe(&e)))?
            .dyn_into()
            .map_err(|_| OfflineError::from("the browser gave no registration"))?;
    // Only an update: the first worker of a page has nothing to replace.
    let has_controller = container.controller().is_some();
    if has_controller && registration.waiting().is_some() {
        on_update_ready();
    }
    let on_found = {
        let registration = registration.clone();
        let container = container.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let worker = installing.clone();
            let container = container.clone();
            let ready = Rc::clone(&on_update_ready);
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == web_sys::ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    ready();
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        })
    };
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    // It listens for as long as the page lives.
    on_found.forget();
    Ok(())
}

/// Lets the waiting worker take over, and reloads the page once it has
/// (the new build's files, all of them).
pub(crate) async fn take_update() -> Result<(), OfflineError> {
    let container = container().ok_or("this browser has no service workers here")?;
    let registration: web_sys::ServiceWorkerRegistration =
        JsFuture::from(container.ready().map_err(|e| OfflineError(describe(&e)))?)
            .await
            .map_err(|e| OfflineError(describe(&e)))?
            .dyn_into()
            .map_err(|_| OfflineError::from("the browser gave no registration"))?;
    let waiting = registration
        .waiting()
        .ok_or("no newer version is waiting")?;
    let on_change = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    waiting
        .post_message(&JsValue::from_str("skip-waiting"))
        .map_err(|e| OfflineError(describe(&e)))
}
