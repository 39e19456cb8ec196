//! The Sites view: the visible sites (and imported features) as a list.

use leptos::prelude::*;

use super::legend::EmptyNotice;
use super::state::Atlas;
use super::symbol::LayerSymbol;
use crate::i18n::text::{T, imported_listed};
use crate::view::filter::Layer;

/// The visible sites as a list of buttons, in legend order then by name;
/// follows the filters, marks the selected site, opens details on click.
#[component]
pub(crate) fn SiteList(atlas: Atlas) -> impl IntoView {
    let visible = Memo::new(move |_| {
        atlas.filter.with(|f| {
            let mut indices: Vec<usize> = (0..atlas.sites.len())
                .filter(|&i| f.admits(&atlas.sites[i]))
                .collect();
            indices.sort_by(|&a, &b| {
                let (a, b) = (&atlas.sites[a], &atlas.sites[b]);
                (Layer::of(a), &a.name).cmp(&(Layer::of(b), &b.name))
            });
            indices
        })
    });
    view! {
        <EmptyNotice atlas=atlas />
        <ul class="site-list" aria-label=move || T::VisibleSites.text(atlas.lang.get())>
            <For each=move || visible.get() key=|i| *i let(index)>
                <SiteItem atlas=atlas index=index />
            </For>
        </ul>
        <ImportedList atlas=atlas />
    }
}

/// How many imported features the list names one by one.
const IMPORTED_LISTED: usize = 200;

/// The user's imported features, so that each one's details can be
/// reached without the map (by keyboard, or when points overlap).
#[component]
fn ImportedList(atlas: Atlas) -> impl IntoView {
    move || {
        let data = atlas.imported.get()?;
        if !atlas.imported_visible.get() {
            return None;
        }
        // Only the groups shown on the map.
        let shown = atlas.imported_groups.get();
        let visible = |i: &usize| {
            data.overlay
                .group_of(*i)
                .and_then(|g| shown.get(g).copied())
                .unwrap_or(true)
        };
        let total = (0..data.features.len()).filter(visible).count();
        let items = (0..data.features.len())
            .filter(visible)
            .take(IMPORTED_LISTED)
            .map(|i| {
                let label = data.features.label(i);
                view! {
                    <li>
                        <button type="button" class="site-item imported-item" data-import-index=i.to_string()
                            aria-current=move || (atlas.selected_import.get() == Some(i)).then_some("true")
                            on:click=move |_| atlas.select_imported(i)>
                            <span class="import-swatch" aria-hidden="true"></span>
                            <span class="site-item-text"><span class="site-item-name">{label}</span></span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <h3 class="imported-list-title">{move || format!("{}{}", T::YourData.text(atlas.lang.get()), data.name)}</h3>
            <ul class="site-list" aria-label=move || T::YourDataTitle.text(atlas.lang.get())>{items}</ul>
            {(total > IMPORTED_LISTED).then(|| view! {
                <p class="facet-hint">{move || imported_listed(atlas.lang.get(), IMPORTED_LISTED, total)}</p>
            })}
        })
    }
}

#[component]
fn SiteItem(atlas: Atlas, index: usize) -> impl IntoView {
    let Some(site) = atlas.sites.get(index) else {
        return ().into_any();
    };
    let lang = atlas.lang;
    let current = move || atlas.selected.get() == Some(index);
    view! {
        <li>
            <button
                type="button"
                class="site-item"
                class:site-item-selected=current
                data-site-id=site.id.clone()
                aria-current=move || current().then_some("true")
                on:click=move |_| atlas.select(index)
            >
                <LayerSymbol layer=Layer::of(site) precision=site.precision />
                <span class="site-item-text">
                    <span class="site-item-name">{move || site.name_in(lang.get()).to_owned()}</span>
                    <span class="site-item-meta">{move || {
                        let lang = lang.get();
                        format!("{} · {}", site.category.label_in(lang), site.country_names_in(lang))
                    }}</span>
                </span>
            </button>
        </li>
    }
    .into_any()
}
