//! The search box: an ARIA combobox over `view::search`.

use leptos::{ev::KeyboardEvent, prelude::*};

use super::state::Atlas;
use crate::i18n::text::{T, in_country};
use crate::view::search::{Hit, MatchKind};

/// How many results the list shows.
const RESULTS: usize = 8;

/// Search as an ARIA combobox: type, move through results with the arrow
/// keys, Enter opens the active (or first) result, Escape clears.
#[component]
pub(crate) fn SearchBox(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(None::<usize>);
    let hits = Memo::new(move |_| query.with(|q| atlas.search.search(q, RESULTS)));
    let open = move || !query.with(String::is_empty);
    let choose = move |hit: &Hit| {
        query.set(String::new());
        active.set(None);
        atlas.select(hit.index);
    };
    let on_key = move |event: KeyboardEvent| {
        let n = hits.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if n > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                event.prevent_default();
                let pick = hits.with(|h| h.get(active.get().unwrap_or(0)).cloned());
                if let Some(hit) = pick {
                    choose(&hit);
                }
            }
            "Escape" if open() => {
                // Handled here: the page-wide Escape (close details) waits.
                event.prevent_default();
                query.set(String::new());
                active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <div class="search">
            <label for="search-input" class="visually-hidden">{move || T::SearchSites.text(lang.get())}</label>
            <input
                id="search-input"
                class="search-input"
                type="search"
                placeholder=move || T::SearchPlaceholder.text(lang.get())
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="search-results"
                aria-expanded=move || open().to_string()
                aria-activedescendant=move || active.get().map(|i| format!("search-result-{i}"))
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    active.set(None);
                }
                on:keydown=on_key
            />
            <ul id="search-results" class="search-results" role="listbox" aria-label=move || T::SearchResults.text(lang.get()) hidden=move || !open()>
                {move || {
                    let list = hits.get();
                    let lang = lang.get();
                    if list.is_empty() {
                        return view! { <li class="search-none" role="option" aria-disabled="true">{T::NoSiteMatchesSearch.text(lang)}</li> }.into_any();
                    }
                    list.into_iter().enumerate().map(|(i, hit)| {
                        let site = atlas.sites.get(hit.index);
                        let name = site.map(|s| s.name_in(lang).to_owned()).unwrap_or_default();
                        let note = match hit.kind {
                            MatchKind::NameExact | MatchKind::NamePrefix | MatchKind::NameWord => None,
                            MatchKind::Country => Some(in_country(lang, &hit.matched)),
                            MatchKind::Kind => Some(hit.matched.clone()),
                            _ if hit.matched == name => None,
                            _ => Some(format!("“{}”", hit.matched)),
                        };
                        let chosen = hit.clone();
                        view! {
                            <li
                                id=format!("search-result-{i}")
                                class="search-result"
                                role="option"
                                aria-selected=move || (active.get() == Some(i)).to_string()
                                on:mousedown=move |ev| ev.prevent_default()
                                on:click=move |_| choose(&chosen)
                            >
                                <span class="search-result-name">{name}</span>
                                {note.map(|n| view! { <span class="search-result-note">{n}</span> })}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </div>
    }
}
