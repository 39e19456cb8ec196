//! The side panel's frame: header, search, copy link, the four tabs with
//! arrow keys, the skip link and the sector chip; the views load lazily.

use leptos::{html::Input, prelude::*, task::spawn_local};

use super::details::Details;
use super::embed::{EmbedButton, PictureButton};
use super::import_tools::LinkQuestion;
use super::legend::Legend;
use super::report_view::ReportView;
use super::search_box::SearchBox;
use super::site_list::SiteList;
use super::state::{Atlas, Tab};
use crate::i18n::Lang;
use crate::i18n::text::{T, about_lede, app_title, link_note, only_sector, showing, sites_tab};
use crate::view::permalink::encode;
use crate::web;

/// The side panel: title, search, and four views — the report, the map key
/// with its filters, the list of visible sites, a site's details. Collapsible; under
/// 700 px wide the stylesheet turns it into a bottom sheet.
#[component]
pub(crate) fn SidePanel(atlas: Atlas) -> impl IntoView {
    let open = atlas.panel_open;
    let lang = atlas.lang;
    let t = move |key: T| move || key.text(lang.get());
    let toggle_label = move || {
        if open.get() {
            T::HidePanel.text(lang.get())
        } else {
            T::ShowPanel.text(lang.get())
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
        <a class="skip-link" href="#atlas-map">{t(T::SkipToMap)}</a>
        <aside class="panel" aria-label=t(T::PanelLabel)>
            <header class="panel-header">
                <h1 class="panel-title">{move || app_title(lang.get())}</h1>
                <div class="panel-tools">
                    <LanguageSwitch atlas=atlas />
                    <div class="share-tools">
                        <CopyLink atlas=atlas />
                        <EmbedButton atlas=atlas />
                        <PictureButton atlas=atlas />
                    </div>
                </div>
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
                <div class="panel-tabs" role="tablist" aria-label=t(T::PanelViews) on:keydown=on_tab_key>
                    {tab_button(Tab::Report, "report", Box::new(move || T::TabReport.text(lang.get()).to_owned()))}
                    {tab_button(Tab::Filters, "filters", Box::new(move || T::TabFilters.text(lang.get()).to_owned()))}
                    {tab_button(Tab::List, "list", Box::new(move || sites_tab(lang.get(), visible_count())))}
                    {tab_button(Tab::Details, "details", Box::new(move || T::TabDetails.text(lang.get()).to_owned()))}
                </div>
                <div class="panel-summary">
                    <span role="status">{move || showing(lang.get(), visible_count(), atlas.sites.len())}</span>
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
                        <About lang=lang />
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
    let (filter, lang) = (atlas.filter, atlas.lang);
    move || {
        let sector = atlas.only_sector.get()?;
        let lang = lang.get();
        let only = only_sector(lang, sector.label_in(lang));
        Some(view! {
            <span class="chip">
                {only.clone()}
                <button type="button" class="chip-remove" aria-label=format!("{}: {only}", T::RemoveFilter.text(lang))
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
    let message = RwSignal::new(None::<T>);
    let lang = atlas.lang;
    let fallback = RwSignal::new(None::<String>);
    let field = NodeRef::<Input>::new();
    let copy = move |_| {
        spawn_local(async move {
            let url = web::link_with(&encode(&atlas.link_state_untracked()));
            if web::copy_text(&url).await {
                fallback.set(None);
                message.set(Some(T::LinkCopied));
            } else {
                message.set(Some(T::CopyThisLink));
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
            <button type="button" class="copy-link-button" on:click=copy title=move || T::CopyLinkTitle.text(lang.get())>
                {move || T::CopyLink.text(lang.get())}
            </button>
            <div class="copy-link-status" role="status">
                {move || atlas.link_error.with(|e| e.as_ref().map(|e| link_note(lang.get(), &e.to_string())))}
                {move || message.get().map(|m| m.text(lang.get()))}
                {move || fallback.get().map(|url| view! {
                    <input class="copy-link-field" readonly node_ref=field value=url aria-label=move || T::LinkToView.text(lang.get()) />
                    <button type="button" on:click=move |_| { fallback.set(None); message.set(None); }>{move || T::Close.text(lang.get())}</button>
                })}
            </div>
        </div>
    }
}

/// What the atlas is, and credits.
#[component]
fn About(lang: Memo<Lang>) -> impl IntoView {
    let t = move |key: T| move || key.text(lang.get());
    view! {
        <div class="about">
            <p class="panel-lede">{move || {
                let (before, title, english, after) = about_lede(lang.get());
                view! {
                    {before}
                    <cite lang=english.then_some("en")>{title}</cite>
                    {after}
                }
            }}</p>
            <p class="panel-note">{t(T::AboutOffline)}</p>
            <footer class="panel-credits">
                <h2>{t(T::Credits)}</h2>
                <ul>
                    <li>{t(T::CreditReport)}</li>
                    <li>{t(T::CreditOutlines)}</li>
                    <li>{t(T::CreditMap)}</li>
                </ul>
            </footer>
        </div>
    }
}

/// The interface's language: a button per language, each in its own name
/// (and language); choosing one puts it in the link.
#[component]
fn LanguageSwitch(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    view! {
        <div class="lang-switch" role="group" aria-label=move || T::Language.text(lang.get())>
            {Lang::ALL.map(|l| view! {
                <button type="button" class="lang-button" lang=l.html_lang() data-lang=l.code()
                    aria-pressed=move || (lang.get() == l).to_string()
                    on:click=move |_| atlas.lang_choice.set(Some(l))>
                    {l.native_name()}
                </button>
            }).collect_view()}
        </div>
    }
}
