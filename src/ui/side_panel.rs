//! The side panel's frame: header, search, copy link, the four tabs with
//! arrow keys, the skip link and the sector chip; the views load lazily.

use leptos::{html::Input, prelude::*, task::spawn_local};

use super::details::Details;
use super::import_tools::LinkQuestion;
use super::legend::Legend;
use super::report_view::ReportView;
use super::search_box::SearchBox;
use super::site_list::SiteList;
use super::state::{Atlas, Tab};
use crate::view::permalink::encode;
use crate::web;

/// The side panel: title, search, and four views — the report, the map key
/// with its filters, the list of visible sites, a site's details. Collapsible; under
/// 700 px wide the stylesheet turns it into a bottom sheet.
#[component]
pub(crate) fn SidePanel(atlas: Atlas) -> impl IntoView {
    let open = atlas.panel_open;
    let toggle_label = move || {
        if open.get() {
            "Hide panel"
        } else {
            "Show panel"
        }
    };
    let visible_count = move || atlas.counts.with(|c| c.visible);
    let tab = atlas.tab;
    // Tabs follow the ARIA pattern: one tab stop, arrow keys, Home, End.
    let on_tab_key = move |event: leptos::ev::KeyboardEvent| {
        let order: Vec<Tab> = TABS
            .iter()
            .map(|(t, _)| *t)
            .filter(|t| {
                *t != Tab::Details
                    || atlas.selected.get_untracked().is_some()
                    || atlas.selected_import.get_untracked().is_some()
            })
            .collect();
        let at = order
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match event.key().as_str() {
            "ArrowRight" => order.get((at + 1) % order.len()),
            "ArrowLeft" => order.get((at + order.len() - 1) % order.len()),
            "Home" => order.first(),
            "End" => order.last(),
            _ => None,
        };
        if let Some(next) = next.copied() {
            event.prevent_default();
            tab.set(next);
            if let Some(id) = TABS.iter().find(|(t, _)| *t == next).map(|(_, id)| *id) {
                web::focus_id(&format!("tab-{id}"));
            }
        }
    };
    let tab_button = move |which: Tab,
                           id: &'static str,
                           label: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <button
                type="button"
                role="tab"
                id=format!("tab-{id}")
                class="panel-tab"
                aria-controls=format!("tabpanel-{id}")
                aria-selected=move || (tab.get() == which).to_string()
                tabindex=move || if tab.get() == which { "0" } else { "-1" }
                disabled=move || which == Tab::Details && atlas.selected.get().is_none() && atlas.selected_import.get().is_none()
                on:click=move |_| tab.set(which)
            >
                {label}
            </button>
        }
    };
    // A view is built the first time it is shown, then kept (with its
    // scroll position) while hidden.
    let seen = move |which: Tab| {
        let seen = Memo::new(move |before: Option<&bool>| {
            before.copied().unwrap_or(false) || tab.get() == which
        });
        move || seen.get()
    };
    view! {
        <a class="skip-link" href="#atlas-map">"Skip to the map"</a>
        <aside class="panel" aria-label="Atlas panel">
            <header class="panel-header">
                <h1 class="panel-title">"China–Central Asia Cooperation Atlas"</h1>
                <CopyLink atlas=atlas />
                <button
                    class="panel-toggle"
                    type="button"
                    aria-controls="panel-body"
                    aria-expanded=move || open.get().to_string()
                    title=toggle_label
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="panel-toggle-icon" aria-hidden="true"></span>
                    <span class="visually-hidden">{toggle_label}</span>
                </button>
            </header>
            <div id="panel-body" class="panel-body" hidden=move || !open.get()>
                <LinkQuestion atlas=atlas />
                <SearchBox atlas=atlas />
                <div class="panel-tabs" role="tablist" aria-label="Panel views" on:keydown=on_tab_key>
                    {tab_button(Tab::Report, "report", Box::new(|| "Report".to_owned()))}
                    {tab_button(Tab::Filters, "filters", Box::new(|| "Key & filters".to_owned()))}
                    {tab_button(Tab::List, "list", Box::new(move || format!("Sites ({})", visible_count())))}
                    {tab_button(Tab::Details, "details", Box::new(|| "Details".to_owned()))}
                </div>
                <div class="panel-summary">
                    <span role="status">{move || format!("Showing {} of {} sites", visible_count(), atlas.sites.len())}</span>
                    <SectorChip atlas=atlas />
                </div>
                <section id="tabpanel-report" role="tabpanel" aria-labelledby="tab-report" class="panel-view"
                    hidden=move || tab.get() != Tab::Report>
                    <Show when=move || atlas.map_ready.get()>
                        <ReportView atlas=atlas />
                    </Show>
                </section>
                <section id="tabpanel-filters" role="tabpanel" aria-labelledby="tab-filters" class="panel-view"
                    hidden=move || tab.get() != Tab::Filters>
                    // After the map, like the report, but always: the import
                    // status of a `?data=` link lives here.
                    <Show when={
                        let seen = seen(Tab::Filters);
                        move || seen() || atlas.map_ready.get()
                    }>
                        <Legend atlas=atlas />
                        <About />
                    </Show>
                </section>
                <section id="tabpanel-list" role="tabpanel" aria-labelledby="tab-list" class="panel-view"
                    hidden=move || tab.get() != Tab::List>
                    <Show when=seen(Tab::List)>
                        <SiteList atlas=atlas />
                    </Show>
                </section>
                <section id="tabpanel-details" role="tabpanel" aria-labelledby="tab-details" class="panel-view"
                    hidden=move || tab.get() != Tab::Details>
                    <Show when=seen(Tab::Details)>
                        <Details atlas=atlas />
                    </Show>
                </section>
            </div>
        </aside>
    }
}

/// The panel's views, in tab order, with their element-id stems.
const TABS: [(Tab, &str); 4] = [
    (Tab::Report, "report"),
    (Tab::Filters, "filters"),
    (Tab::List, "list"),
    (Tab::Details, "details"),
];

/// A removable chip while the map shows one sector only.
#[component]
fn SectorChip(atlas: Atlas) -> impl IntoView {
    let filter = atlas.filter;
    move || {
        let sector = atlas.only_sector.get()?;
        Some(view! {
            <span class="chip">
                {format!("Only {}", sector.label())}
                <button type="button" class="chip-remove" aria-label=format!("Remove filter: only {}", sector.label())
                    on:click=move |_| filter.update(|f| f.hidden.clear())>"×"</button>
            </span>
        })
    }
}

/// Copies the link to the current state to the clipboard (built from the
/// state, so it is right even when the address bar could not be written);
/// where the browser refuses, shows the link selected for the user to copy.
#[component]
fn CopyLink(atlas: Atlas) -> impl IntoView {
    let message = RwSignal::new(None::<&'static str>);
    let fallback = RwSignal::new(None::<String>);
    let field = NodeRef::<Input>::new();
    let copy = move |_| {
        spawn_local(async move {
            let url = web::link_with(&encode(&atlas.link_state_untracked()));
            if web::copy_text(&url).await {
                fallback.set(None);
                message.set(Some("Link copied"));
            } else {
                message.set(Some("Copy this link:"));
                fallback.set(Some(url));
            }
        });
    };
    Effect::new(move |_| {
        if fallback.get().is_some()
            && let Some(input) = field.get()
        {
            input.select();
        }
    });
    view! {
        <div class="copy-link">
            <button type="button" class="copy-link-button" on:click=copy title="Copy a link to this view">
                "Copy link"
            </button>
            <div class="copy-link-status" role="status">
                {move || atlas.link_error.with(|e| e.as_ref().map(|e| format!("Note: {e}. Copy link still gives the right link. ")))}
                {move || message.get()}
                {move || fallback.get().map(|url| view! {
                    <input class="copy-link-field" readonly node_ref=field value=url aria-label="Link to this view" />
                    <button type="button" on:click=move |_| { fallback.set(None); message.set(None); }>"Close"</button>
                })}
            </div>
        </div>
    }
}

/// What the atlas is, and credits.
#[component]
fn About() -> impl IntoView {
    view! {
        <div class="about">
            <p class="panel-lede">
                "The projects and places named in the Xinhua Institute report "
                <cite>"Championing the China–Central Asia Spirit"</cite>
                " (2025), across Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, "
                "Uzbekistan and China. Filled markers and solid lines are placed exactly; "
                "hollow markers and dashed lines are approximate (hover or select one to "
                "see how far off it may be); dashed rings stand for a place, not a site."
            </p>
            <p class="panel-note">
                "The map works offline: its basemap is built in. Street-level "
                "OpenStreetMap tiles can be switched on from the layers button when "
                "you are online."
            </p>
            <footer class="panel-credits">
                <h2>"Credits"</h2>
                <ul>
                    <li>"Report: Xinhua Institute, as summarised in an English newsletter."</li>
                    <li>"Country outlines: Natural Earth 1:50m (public domain), via the world-atlas package."</li>
                    <li>"Map library: Leaflet. Optional tiles: © OpenStreetMap contributors."</li>
                </ul>
            </footer>
        </div>
    }
}
