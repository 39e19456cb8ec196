//! The root component: fetches the data, builds the shared state from the
//! address bar, lays out panel and map, and keeps the link in step (state →
//! address after each frame, Back/Forward → state, Escape).

use leptos::{ev, prelude::*};

use super::embed::{EmbedBar, EmbedCard};
use super::import_tools::{EarlyLink, on_drop, open_data_link, start_early};
use super::{map_view::MapView, side_panel::SidePanel, state::Atlas};
use crate::i18n::text::{T, app_title};
use crate::model::{DataError, NAMES_FILE, Site, apply_names, load_files};
use crate::view::permalink::{decode, encode};
use crate::view::share::is_embed;
use crate::web;

/// Fetches the data files (in parallel, each on its own), then shows the
/// atlas. A missing or broken file is named in a banner; the rest loads.
#[component]
pub fn App() -> impl IntoView {
    let loaded = RwSignal::new(None::<(Vec<Site>, Vec<DataError>)>);
    // A `?data=` link to the atlas's own server is fetched and checked (in
    // the import worker) from now, while the data files load and the page
    // and its map are built.
    let early = StoredValue::new_local(
        decode(&web::current_query())
            .extra
            .iter()
            .find(|(k, v)| k == "data" && !v.is_empty())
            .and_then(|(_, raw)| start_early(raw)),
    );
    leptos::task::spawn_local(async move {
        // The sites' Chinese and Russian names: their own file, requested
        // beside the data files (which the first map has usually handed
        // over); a failure leaves the English names and is said.
        let names = web::fetch_text_now(&format!("data/{NAMES_FILE}"));
        let files = web::fetch_data_files().await;
        web::mark("atlas:data-fetched");
        let (mut sites, mut problems) = load_files(&files);
        match names.await {
            Ok(text) => {
                if let Err(e) = apply_names(&mut sites, &text) {
                    problems.push(e);
                }
            }
            Err(message) => problems.push(DataError::Missing {
                file: NAMES_FILE.to_owned(),
                message,
            }),
        }
        web::mark("atlas:data-read");
        loaded.set(Some((sites, problems)));
    });
    move || {
        loaded.get().map(
            |(sites, problems)| view! { <AtlasPage sites=sites problems=problems early=early /> },
        )
    }
}

/// The whole page: the side panel beside (or, on narrow screens, below) the
/// map, with the state restored from the link.
#[component]
fn AtlasPage(
    sites: Vec<Site>,
    problems: Vec<DataError>,
    early: StoredValue<Option<EarlyLink>, LocalStorage>,
) -> impl IntoView {
    let atlas = Atlas::new(sites, &web::current_query());
    // `<html lang>` (fonts, screen readers' voices) and the title follow
    // the interface's language.
    Effect::new(move |_| {
        let lang = atlas.lang.get();
        web::set_document_language(lang.html_lang(), app_title(lang));
    });
    // A `?data=` link brings its data along (from another server only
    // once the user agrees).
    if let Some(url) = atlas
        .extra
        .get_untracked()
        .iter()
        .find(|(k, _)| k == "data")
        .map(|(_, v)| v.clone())
        .filter(|u| !u.is_empty())
    {
        open_data_link(atlas, url, early.try_update_value(Option::take).flatten());
    }
    // `?debug=panic` crashes the app on purpose, so the browser suite can
    // check that a panic is shown to the user rather than a frozen page.
    if atlas
        .extra
        .get_untracked()
        .iter()
        .any(|(k, v)| k == "debug" && v == "panic")
    {
        request_animation_frame(|| panic!("a deliberate panic, asked for by ?debug=panic"));
    }
    let dragging = RwSignal::new(false);

    // The link follows the state: a new history entry when the selection
    // changes (so Back steps through selections), the same entry rewritten
    // for filters and map moves. Written just after the next frame: a
    // history call costs ~10 ms in Chromium, so the map and panel paint
    // first, and changes within one frame make one write.
    let pending = StoredValue::new(None::<(String, Option<String>)>);
    Effect::new(move |_| {
        let state = atlas.link_state();
        let idle = pending.with_value(Option::is_none);
        pending.set_value(Some((encode(&state), state.site)));
        if idle {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        if let Some((query, site)) =
                            pending.try_update_value(Option::take).flatten()
                        {
                            let written = write_link(&query, site.as_deref());
                            atlas.link_error.set(written.err());
                        }
                    },
                    std::time::Duration::ZERO,
                );
            });
        }
    });
    let popstate = window_event_listener(ev::popstate, move |_| {
        atlas.apply_link(&web::current_query());
    });
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" && !event.default_prevented() {
            atlas.close_details();
        }
    });
    on_cleanup(move || {
        popstate.remove();
        escape.remove();
    });

    if is_embed(&atlas.link_state_untracked()) {
        return view! {
            <div class="atlas atlas-embed">
                <EmbedBar atlas=atlas />
                <MapView atlas=atlas problems=problems />
                <EmbedCard atlas=atlas />
            </div>
        }
        .into_any();
    }
    view! {
        <div class="atlas" class:panel-collapsed=move || !atlas.panel_open.get()
            class:dragging=move || dragging.get()
            on:dragover=move |ev: ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop(atlas, dragging)>
            <SidePanel atlas=atlas />
            <MapView atlas=atlas problems=problems />
            <div class="drop-hint" aria-hidden="true">{move || T::DropToAdd.text(atlas.lang.get())}</div>
        </div>
    }
    .into_any()
}

/// Puts `query` in the address bar: a new history entry when the selected
/// site differs from the one in the address, else the same entry rewritten.
fn write_link(query: &str, site: Option<&str>) -> Result<(), web::HistoryError> {
    let current = web::current_query();
    if query == current {
        return Ok(());
    }
    if crate::view::permalink::decode(&current).site.as_deref() != site {
        web::push_query(query)
    } else {
        web::replace_query(query)
    }
}
