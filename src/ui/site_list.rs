use leptos::prelude::*;

use super::legend::EmptyNotice;
use super::state::Atlas;
use super::symbol::LayerSymbol;
use crate::filter::{Layer, counts};

/// The visible sites as a list of buttons, in legend order then by name;
/// follows the filters, marks the selected site, opens details on click.
#[component]
pub fn SiteList(atlas: Atlas) -> impl IntoView {
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
    let counts = Memo::new(move |_| atlas.filter.with(|f| counts(f, atlas.sites)));
    view! {
        <EmptyNotice atlas=atlas counts=counts />
        <ul class="site-list" aria-label="Visible sites">
            <For each=move || visible.get() key=|i| *i let(index)>
                <SiteItem atlas=atlas index=index />
            </For>
        </ul>
    }
}

#[component]
fn SiteItem(atlas: Atlas, index: usize) -> impl IntoView {
    let Some(site) = atlas.sites.get(index) else {
        return ().into_any();
    };
    let countries = site
        .countries
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ");
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
                    <span class="site-item-name">{site.name.clone()}</span>
                    <span class="site-item-meta">{format!("{} · {}", site.category.label(), countries)}</span>
                </span>
            </button>
        </li>
    }
    .into_any()
}
