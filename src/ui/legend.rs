//! The map key, which is also the filter: sectors and categories with
//! live counts, then the country, status and year facets.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::import_tools::ImportTools;
use super::state::{Atlas, Tab};
use super::symbol::LayerSymbol;
use crate::i18n::text::T;
use crate::model::{Country, Sector};
use crate::view::filter::{Counts, Filter, Layer, YearRange, statuses, year_span};
use crate::view::symbols::sector_colour;

/// The map key, which is also the filter: a checkbox per sector and per
/// category with live counts, then country, status and year facets.
#[component]
pub(crate) fn Legend(atlas: Atlas) -> impl IntoView {
    // The key follows the filter and the counts only while its view is
    // shown; hidden behind another tab, it is brought up to date when shown
    // again, so a filter change set elsewhere costs it nothing.
    let shown = Memo::new(move |_| atlas.tab.get() == Tab::Filters);
    let state = KeyState {
        filter: follow_while(shown, move || atlas.filter.get()),
        counts: follow_while(shown, move || atlas.counts.get()),
    };
    let sectors: Vec<Sector> = {
        let mut s: Vec<Sector> = atlas.layers.iter().map(|l| l.sector).collect();
        s.dedup();
        s
    };
    let filter = atlas.filter;
    let lang = atlas.lang;
    let t = move |key: T| move || key.text(lang.get());
    view! {
        <div class="legend">
            <div class="legend-actions">
                <button type="button" on:click=move |_| filter.update(|f| f.hidden.clear())>{t(T::ShowAll)}</button>
                <button type="button" on:click=move |_| filter.update(|f| f.hidden.extend(atlas.layers.iter().copied()))>{t(T::HideAll)}</button>
                <button type="button" class="legend-reset" on:click=move |_| atlas.reset_filters()
                    disabled=move || state.filter.with(|f| f.is_default())>{t(T::ResetFilters)}</button>
            </div>
            <EmptyNotice atlas=atlas />
            {sectors.into_iter().map(|sector| view! { <SectorGroup atlas=atlas sector=sector state=state /> }).collect_view()}
            <CountryFacet atlas=atlas state=state />
            <StatusFacet atlas=atlas state=state />
            <YearFacet atlas=atlas state=state />
            <ImportTools atlas=atlas />
        </div>
    }
}

/// What the key shows: the filter and counts as of when it was last shown.
#[derive(Clone, Copy)]
struct KeyState {
    filter: Memo<Filter>,
    counts: Memo<Counts>,
}

/// `value`, followed while `shown`; while not, the value it had.
fn follow_while<T>(shown: Memo<bool>, value: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |before: Option<&T>| {
        let shown = shown.get();
        match before {
            Some(before) if !shown => before.clone(),
            _ => value(),
        }
    })
}

/// Says so when nothing matches, with a way out.
#[component]
pub(crate) fn EmptyNotice(atlas: Atlas) -> impl IntoView {
    let (counts, lang) = (atlas.counts, atlas.lang);
    view! {
        <Show when=move || counts.with(|c| c.visible == 0) && !atlas.sites.is_empty()>
            <div class="empty-notice">
                <p>{move || T::NoSiteMatches.text(lang.get())}</p>
                <button type="button" on:click=move |_| atlas.reset_filters()>{move || T::ResetFilters.text(lang.get())}</button>
            </div>
        </Show>
    }
}

fn slug(layer: Layer) -> String {
    format!("{}-{}", layer.sector.as_str(), layer.category.css())
}

#[component]
fn SectorGroup(atlas: Atlas, sector: Sector, state: KeyState) -> impl IntoView {
    let (filter, shown_filter, counts) = (atlas.filter, state.filter, state.counts);
    let layers: Vec<Layer> = atlas
        .layers
        .iter()
        .copied()
        .filter(|l| l.sector == sector)
        .collect();
    // How many of the sector's entries are on: a memo, so that the box
    // follows its own sector, not every filter change.
    let shown = {
        let layers = layers.clone();
        let shown = Memo::new(move |_| {
            shown_filter.with(|f| layers.iter().filter(|l| !f.hidden.contains(l)).count())
        });
        move || shown.get()
    };
    let total = layers.len();
    let all_on = move || shown() == total;
    let some_on = move || {
        let n = shown();
        n > 0 && n < total
    };
    let id = format!("sector-{}", sector.as_str());
    let count_id = format!("{id}-count");
    view! {
        <fieldset class="legend-sector">
            <legend>
                <label class="legend-row legend-sector-row">
                    <input
                        type="checkbox"
                        id=id
                        aria-label=move || sector.label_in(atlas.lang.get())
                        aria-describedby=count_id.clone()
                        prop:checked=all_on
                        prop:indeterminate=some_on
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            filter.update(|f| f.set_sector(atlas.layers, sector, on));
                        }
                    />
                    <svg class="sector-swatch" viewBox="0 0 12 12" aria-hidden="true">
                        <rect width="12" height="12" rx="3" fill=sector_colour(sector) />
                    </svg>
                    <span class="legend-label">{move || sector.label_in(atlas.lang.get())}</span>
                    <span class="legend-count" id=count_id>{move || counts.with(|c| c.sector(sector))}</span>
                </label>
            </legend>
            <ul class="legend-layers">
                {layers.into_iter().map(|layer| {
                    option_row(
                        format!("layer-{}", slug(layer)),
                        move || layer.category.label_in(atlas.lang.get()),
                        view! { <LayerSymbol layer=layer /> },
                        move || shown_filter.with(|f| !f.hidden.contains(&layer)),
                        move |on| filter.update(|f| f.set_layer(layer, on)),
                        move || counts.with(|c| c.layer(layer)),
                    )
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

/// One tickable entry: a checkbox named after it (its count described by
/// the number beside it), an optional symbol, the label, the live count.
fn option_row(
    id: String,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    symbol: impl IntoView + 'static,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    toggle: impl Fn(bool) + 'static,
    count: impl Fn() -> usize + Send + Sync + 'static,
) -> impl IntoView {
    let count_id = format!("{id}-count");
    view! {
        <li>
            <label class="legend-row">
                <input type="checkbox" id=id aria-label=label aria-describedby=count_id.clone()
                    prop:checked=checked
                    on:change=move |ev| toggle(event_target_checked(&ev)) />
                {symbol}
                <span class="legend-label">{label}</span>
                <span class="legend-count" id=count_id>{count}</span>
            </label>
        </li>
    }
}

/// Adds `value` to `set` or takes it out.
fn toggle_in<T: Ord>(set: &mut BTreeSet<T>, value: T, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}

#[component]
fn CountryFacet(atlas: Atlas, state: KeyState) -> impl IntoView {
    let (filter, shown_filter, counts) = (atlas.filter, state.filter, state.counts);
    view! {
        <fieldset class="facet">
            <legend>{move || T::Country.text(atlas.lang.get())}<span class="facet-hint">{move || T::NoneTickedAny.text(atlas.lang.get())}</span></legend>
            <ul class="facet-options">
                {Country::ALL.iter().copied().map(|country| option_row(
                    format!("country-{}", country.as_str().to_ascii_lowercase()),
                    move || country.name_in(atlas.lang.get()),
                    (),
                    move || shown_filter.with(|f| f.countries.contains(&country)),
                    move |on| filter.update(|f| toggle_in(&mut f.countries, country, on)),
                    move || counts.with(|c| c.country(country)),
                )).collect_view()}
            </ul>
        </fieldset>
    }
}

#[component]
fn StatusFacet(atlas: Atlas, state: KeyState) -> impl IntoView {
    let (filter, shown_filter, counts) = (atlas.filter, state.filter, state.counts);
    view! {
        <fieldset class="facet">
            <legend>{move || T::Status.text(atlas.lang.get())}<span class="facet-hint">{move || T::NoneTickedAny.text(atlas.lang.get())}</span></legend>
            <ul class="facet-options">
                {statuses(atlas.sites).into_iter().map(|status| option_row(
                    format!("status-{}", status.as_str().replace('_', "-")),
                    move || status.label_in(atlas.lang.get()),
                    (),
                    move || shown_filter.with(|f| f.statuses.contains(&status)),
                    move |on| filter.update(|f| toggle_in(&mut f.statuses, status, on)),
                    move || counts.with(|c| c.status(status)),
                )).collect_view()}
            </ul>
        </fieldset>
    }
}

/// Two year pickers. At the data's full span the facet is off (undated
/// sites shown); narrowing it hides sites with no known year.
#[component]
fn YearFacet(atlas: Atlas, state: KeyState) -> impl IntoView {
    let Some(span) = year_span(atlas.sites) else {
        return ().into_any();
    };
    let filter = atlas.filter;
    let years: Vec<u16> = (span.from()..=span.to()).collect();
    // Its own memo: the many options below follow the range, not every
    // filter change.
    let narrowed = Memo::new(move |_| state.filter.with(|f| f.years));
    let current = move || narrowed.get().unwrap_or(span);
    let set = move |from: u16, to: u16| {
        let (from, to) = (from.min(to), from.max(to));
        filter.update(|f| {
            f.years = YearRange::new(from, to).filter(|r| *r != span);
        });
    };
    let options = move |selected: Box<dyn Fn() -> u16 + Send + Sync>| {
        let selected = std::sync::Arc::new(selected);
        years
            .iter()
            .map(|y| {
                let y = *y;
                let selected = std::sync::Arc::clone(&selected);
                view! { <option value=y.to_string() selected=move || selected() == y>{y}</option> }
            })
            .collect_view()
    };
    let from_options = options(Box::new(move || current().from()));
    let to_options = options(Box::new(move || current().to()));
    view! {
        <fieldset class="facet facet-years">
            <legend>{move || T::Years.text(atlas.lang.get())}</legend>
            <label>{move || T::YearsFrom.text(atlas.lang.get())}
                <select id="years-from" prop:value=move || current().from().to_string()
                    on:change=move |ev| {
                        if let Ok(from) = event_target_value(&ev).parse() { set(from, current().to()); }
                    }>{from_options}</select>
            </label>
            <label>{move || T::YearsTo.text(atlas.lang.get())}
                <select id="years-to" prop:value=move || current().to().to_string()
                    on:change=move |ev| {
                        if let Ok(to) = event_target_value(&ev).parse() { set(current().from(), to); }
                    }>{to_options}</select>
            </label>
            <p class="facet-hint">
                {move || if narrowed.get().is_some() {
                    T::YearsNarrowed.text(atlas.lang.get())
                } else {
                    T::YearsAll.text(atlas.lang.get())
                }}
            </p>
        </fieldset>
    }
    .into_any()
}
