//! The map area: creates and releases the Leaflet map (`web::AtlasMap`) and
//! keeps it in step with filter, selection, view and import; shows map
//! errors and the tile and empty-view notices.

use std::sync::Arc;

use leptos::{html::Div, prelude::*};

use super::legend::EmptyNotice;
use super::state::{Atlas, ImportStatus};
use super::timeline::Timeline;
use crate::geo::basemap::BASEMAP_PACKED;
use crate::i18n::Lang;
use crate::i18n::text::{T, map_part_missing};
use crate::model::DataError;
use crate::view::timeline::stage;
use crate::web::{self, AtlasMap, MapError, MapHandlers};

/// The context file (`assets/context/`, copied by Trunk).
const CONTEXT_URL: &str = "context/context.json";

/// The map area. Creates the Leaflet map once its element exists, draws
/// the sites, keeps the map in step with filters and selection, and
/// releases the map on cleanup; shows map and data errors, tile notices and
/// an empty-result notice above it.
#[component]
pub(crate) fn MapView(atlas: Atlas, problems: Vec<DataError>) -> impl IntoView {
    let lang = atlas.lang;
    let container = NodeRef::<Div>::new();
    let error = RwSignal::new(None::<MapError>);
    // Something that could not be drawn after the map was built (the
    // user's data on its canvases): said once, dismissible.
    let draw_error = RwSignal::new(None::<MapError>);
    let tile_notice = RwSignal::new(false);
    let map = StoredValue::new_local(None::<AtlasMap>);

    Effect::new(move |_| {
        let Some(element) = container.get() else {
            return;
        };
        if map.with_value(Option::is_some) {
            return;
        }
        web::mark("atlas:page-built");
        let handlers = MapHandlers {
            on_tile_error: Box::new(move || tile_notice.set(true)),
            on_select: Box::new(move |index| atlas.select_on_map(index)),
            on_view: Box::new(move |view| atlas.view.set(Some(view))),
            on_select_imported: Box::new(move |index| atlas.select_imported(index)),
            on_imported_drawn: Box::new(move || loaded(atlas)),
            on_error: Box::new(move |e| {
                if draw_error.with_untracked(Option::is_none) {
                    draw_error.set(Some(e));
                }
                // Loaded all the same; the notice says what is missing.
                loaded(atlas);
            }),
        };
        match AtlasMap::mount(
            &element,
            handlers,
            atlas.view.get_untracked(),
            BASEMAP_PACKED,
            lang.get_untracked(),
        ) {
            Ok(mut mounted) => {
                web::mark("atlas:map-mounted");
                mounted.show_sites(atlas.sites, atlas.layers, lang.get_untracked());
                map.set_value(Some(mounted));
                web::remove_boot_message();
                web::mark_drawn("sites");
            }
            Err(e) => error.set(Some(e)),
        }
        // Once the map has painted: the report, then "ready" for the boot
        // script and the tests.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    atlas.map_ready.set(true);
                    request_animation_frame(web::mark_ready);
                },
                std::time::Duration::ZERO,
            );
        });
    });
    // Offline use: the service worker, registered once the map has
    // painted and no import is running: installing, it downloads the
    // whole build (~1.7 MB), which on a slow link would share it with a
    // ?data= link's file. A newer build waiting for it is offered as a
    // reload.
    Effect::new(move |registered: Option<bool>| {
        let importing = atlas
            .import_status
            .with(|s| matches!(s, ImportStatus::Working(_)));
        if registered == Some(true) || !atlas.map_ready.get() || importing {
            return registered.unwrap_or(false);
        }
        leptos::task::spawn_local(async move {
            let ready: std::rc::Rc<dyn Fn()> =
                std::rc::Rc::new(move || atlas.update_ready.set(true));
            // Not being able to is no error for the reader: the atlas
            // works online all the same (plain http, a private window).
            // The mark lets a profile or a test see it.
            let registered = web::register_offline(ready).await;
            web::mark(if registered.is_ok() {
                "atlas:offline-registered"
            } else {
                "atlas:offline-unavailable"
            });
        });
        true
    });
    // The context (lakes, rivers, place names): fetched once the map has
    // painted, so it never delays it; a failure is said and the map stays.
    Effect::new(move |loaded: Option<bool>| {
        if loaded == Some(true) || !atlas.map_ready.get() {
            return loaded.unwrap_or(false);
        }
        leptos::task::spawn_local(async move {
            let answer = web::fetch_texts(&[CONTEXT_URL.to_owned()]).await.pop();
            let shown = match answer {
                Some(Ok(text)) => crate::geo::context::parse(&text)
                    .map_err(|e| MapError::Context(format!("{CONTEXT_URL}: {e}")))
                    .and_then(|context| {
                        map.try_update_value(|m| m.as_mut().map(|m| m.show_context(&context)))
                            .flatten()
                            .unwrap_or(Ok(()))
                    }),
                Some(Err(e)) => Err(MapError::Context(format!("{CONTEXT_URL}: {e}"))),
                None => Ok(()),
            };
            if let Err(e) = shown
                && draw_error.with_untracked(Option::is_none)
            {
                draw_error.set(Some(e));
            }
        });
        true
    });
    // The language: the map's names follow it (drawn in the language of
    // the start, renamed on a change).
    Effect::new(move |before: Option<Lang>| {
        let lang = lang.get();
        if before.is_some_and(|b| b != lang) {
            map.with_value(|m| {
                if let Some(m) = m {
                    m.set_language(atlas.sites, lang);
                }
            });
        }
        lang
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
    // Stages as of the timeline's year: being built, planned. A memo of
    // the year alone, so a sector toggle does not recompute them.
    let stage_year = Memo::new(move |_| atlas.filter.with(|f| f.years.map(|r| r.to())));
    Effect::new(move |_| {
        let year = stage_year.get();
        let stages: Vec<_> = atlas.sites.iter().map(|s| stage(s, year)).collect();
        map.with_value(|m| {
            if let Some(m) = m {
                m.set_stages(&stages);
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
    // The user's data: on canvases of its own, drawn by its worker (or at
    // once, without one); the message says "Loaded" once it is drawn.
    Effect::new(move |_| {
        let data = atlas.imported.get();
        let shown = map.try_update_value(|m| {
            let Some(m) = m else {
                return false;
            };
            match &data {
                Some(data) => {
                    draw_error.set(None);
                    let painter = atlas.take_import_painter();
                    match m.show_imported(Arc::clone(&data.overlay), painter) {
                        Ok(()) => true,
                        Err(e) => {
                            draw_error.set(Some(e));
                            false
                        }
                    }
                }
                None => {
                    m.remove_imported();
                    false
                }
            }
        });
        if data.is_some() && shown != Some(true) {
            loaded(atlas);
        }
    });
    // Groups of the import: hidden and shown, never redrawn.
    Effect::new(move |_| {
        atlas.imported_groups.with(|shown| {
            map.with_value(|m| {
                if let Some(m) = m {
                    m.set_imported_groups(shown);
                }
            });
        });
    });
    Effect::new(move |_| {
        let visible = atlas.imported_visible.get();
        map.with_value(|m| {
            if let Some(m) = m {
                m.set_imported_visible(visible);
            }
        });
    });
    Effect::new(move |_| {
        let selected = atlas.selected_import.get();
        request_animation_frame(move || {
            let selected = atlas.imported.with_untracked(|data| {
                selected.filter(|&i| data.as_ref().is_some_and(|d| i < d.features.len()))
            });
            map.with_value(|m| {
                if let Some(m) = m {
                    m.select_imported(selected, selected.is_some());
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

    view! {
        <main class="map-area">
            <div class="map" id="atlas-map" node_ref=container role="region" aria-label=move || T::MapLabel.text(lang.get())></div>
            <Show when=move || error.get().is_some()>
                <div class="map-error" role="alert">
                    <strong>{move || T::MapFailed.text(lang.get())}</strong>
                    {move || error.with(|e| e.as_ref().map(|e| e.text(lang.get())))}
                </div>
            </Show>
            <Show when=move || draw_error.with(Option::is_some)>
                <div class="map-notice" role="alert">
                    <span>{move || draw_error.with(|e| e.as_ref().map(|e| map_part_missing(lang.get(), &e.text(lang.get()))))}</span>
                    <button type="button" on:click=move |_| draw_error.set(None)>{move || T::Dismiss.text(lang.get())}</button>
                </div>
            </Show>
            {(!problems.is_empty()).then(|| view! {
                <DataProblems problems=problems lang=lang />
            })}
            <Show when=move || atlas.update_ready.get()>
                <div class="map-notice update-notice" role="status">
                    <span>{move || T::UpdateReady.text(lang.get())}</span>
                    <button type="button" id="update-reload" on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            if web::take_update().await.is_err() {
                                atlas.update_ready.set(false);
                            }
                        });
                    }>{move || T::Reload.text(lang.get())}</button>
                </div>
            </Show>
            <Show when=move || tile_notice.get()>
                <div class="map-notice" role="status">
                    <span>{move || T::TilesFailed.text(lang.get())}</span>
                    <button type="button" on:click=move |_| tile_notice.set(false)>{move || T::Dismiss.text(lang.get())}</button>
                </div>
            </Show>
            <div class="map-empty">
                <EmptyNotice atlas=atlas />
            </div>
            <Timeline atlas=atlas />
        </main>
    }
}

/// Names each data file that could not be loaded; the rest of the atlas
/// works. Dismissible.
#[component]
fn DataProblems(problems: Vec<DataError>, lang: Memo<Lang>) -> impl IntoView {
    let shown = RwSignal::new(true);
    view! {
        <Show when=move || shown.get()>
            <div class="data-error" role="alert">
                <strong>{move || T::DataFailed.text(lang.get())}</strong>
                <ul>
                    {problems.iter().map(|p| {
                        let p = p.clone();
                        view! { <li>{move || p.text(lang.get())}</li> }
                    }).collect_view()}
                </ul>
                <button type="button" on:click=move |_| shown.set(false)>{move || T::Dismiss.text(lang.get())}</button>
            </div>
        </Show>
    }
}

/// The import being drawn is on the map (or could not be drawn, which the
/// map's notice says): its message becomes "Loaded …", unless a newer
/// import has taken the message over.
fn loaded(atlas: Atlas) {
    let Some(data) = atlas.imported.get_untracked() else {
        return;
    };
    let drawing = ImportStatus::Working(super::import_tools::drawing(&data));
    atlas.import_status.update(|s| {
        if *s == drawing {
            *s = ImportStatus::Done(super::import_tools::summary(&data));
        }
    });
}
