use std::rc::Rc;

use leptos::{html::Div, prelude::*};

use crate::map::AtlasMap;
use crate::model::Site;

const TILE_NOTICE: &str = "OpenStreetMap tiles could not be loaded (you may be offline). \
                           The built-in basemap is still shown.";

/// The map area. Creates the Leaflet map once its element exists, draws
/// `sites`, and releases the map on cleanup; shows map and data errors and
/// tile notices above it.
#[component]
pub fn MapView(sites: Rc<[Site]>, data_error: Option<String>) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let error = RwSignal::new(None::<String>);
    let tile_notice = RwSignal::new(false);
    let atlas = StoredValue::new_local(None::<AtlasMap>);

    Effect::new(move |_| {
        let Some(element) = container.get() else {
            return;
        };
        if atlas.with_value(Option::is_some) {
            return;
        }
        let on_tile_error = Box::new(move || tile_notice.set(true));
        match AtlasMap::mount(&element, on_tile_error) {
            Ok(map) => {
                map.show_sites(&sites);
                atlas.set_value(Some(map));
                mark_ready();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    });
    on_cleanup(move || {
        atlas.with_value(|map| {
            if let Some(map) = map {
                map.remove();
            }
        })
    });

    view! {
        <main class="map-area">
            <div class="map" node_ref=container role="region" aria-label="Map of China and Central Asia"></div>
            <Show when=move || error.get().is_some()>
                <div class="map-error" role="alert">
                    <strong>"The map could not be shown: "</strong>
                    {move || error.get().unwrap_or_default()}
                </div>
            </Show>
            {data_error.map(|message| view! {
                <div class="data-error" role="alert">
                    <strong>"Some of the atlas's data could not be read: "</strong>
                    <span>{message}</span>
                </div>
            })}
            <Show when=move || tile_notice.get()>
                <div class="map-notice" role="status">
                    <span>{TILE_NOTICE}</span>
                    <button type="button" on:click=move |_| tile_notice.set(false)>"Dismiss"</button>
                </div>
            </Show>
        </main>
    }
}

/// Tells the start-up script (and the browser tests) that the app is up,
/// and removes the static loading message.
fn mark_ready() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-atlas-ready", "");
    }
    if let Some(boot) = document.get_element_by_id("boot-status") {
        boot.remove();
    }
}
