use leptos::{html::Div, prelude::*};

use super::legend::EmptyNotice;
use super::state::Atlas;
use crate::filter::counts;
use crate::web::{self, AtlasMap, MapHandlers};

const TILE_NOTICE: &str = "OpenStreetMap tiles could not be loaded (you may be offline). \
                           The built-in basemap is still shown.";

/// The map area. Creates the Leaflet map once its element exists, draws
/// the sites, keeps the map in step with filters and selection, and
/// releases the map on cleanup; shows map and data errors, tile notices and
/// an empty-result notice above it.
#[component]
pub fn MapView(atlas: Atlas, data_error: Option<String>) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let error = RwSignal::new(None::<String>);
    let tile_notice = RwSignal::new(false);
    let map = StoredValue::new_local(None::<AtlasMap>);

    Effect::new(move |_| {
        let Some(element) = container.get() else {
            return;
        };
        if map.with_value(Option::is_some) {
            return;
        }
        let handlers = MapHandlers {
            on_tile_error: Box::new(move || tile_notice.set(true)),
            on_select: Box::new(move |index| atlas.select_on_map(index)),
            on_view: Box::new(move |view| atlas.view.set(Some(view))),
        };
        match AtlasMap::mount(&element, handlers, atlas.view.get_untracked()) {
            Ok(mut mounted) => {
                mounted.show_sites(atlas.sites, atlas.layers);
                map.set_value(Some(mounted));
                web::mark_ready();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    });
    // Filters: show and hide, never redraw.
    Effect::new(move |_| {
        let visible = atlas.filter.with(|f| f.visibility(atlas.sites));
        map.with_value(|m| {
            if let Some(m) = m {
                m.set_visible(&visible);
            }
        });
    });
    // Selection: highlight, and frame unless a link set the view.
    Effect::new(move |_| {
        let selected = atlas.selected.get();
        let frame = atlas.frame_next.get_value();
        atlas.frame_next.set_value(true);
        // After the next frame: framing in the same task that created the
        // map leaves Leaflet's SVG clipped to the old view.
        request_animation_frame(move || {
            map.with_value(|m| {
                if let Some(m) = m {
                    m.select(selected, frame && selected.is_some());
                }
            });
        });
    });
    // A view restored by Back/Forward moves the map.
    Effect::new(move |_| {
        if let Some(view) = atlas.view_request.get() {
            map.with_value(|m| {
                if let Some(m) = m {
                    m.set_view(view);
                }
            });
        }
    });
    on_cleanup(move || {
        map.with_value(|m| {
            if let Some(m) = m {
                m.remove();
            }
        })
    });
    let counts = Memo::new(move |_| atlas.filter.with(|f| counts(f, atlas.sites)));

    view! {
        <main class="map-area">
            <div class="map" id="atlas-map" node_ref=container role="region" aria-label="Map of China and Central Asia"></div>
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
            <div class="map-empty">
                <EmptyNotice atlas=atlas counts=counts />
            </div>
        </main>
    }
}
