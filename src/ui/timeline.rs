//! The timeline on the map: a year slider with Play/Pause showing the
//! sites as of that year (`view::timeline`). It moves the filter's
//! `years`, the same model as the year facet's pickers, so the link keeps
//! it; the map marks sites being built or planned then.

use std::time::Duration;

use leptos::prelude::*;

use super::state::Atlas;
use crate::i18n::text::{T, as_of_year};
use crate::model::Status;
use crate::view::filter::year_span;
use crate::view::timeline::{as_of, at, next};
use crate::web;

/// One year per this long while playing; slower when the reader asked for
/// less motion (nothing on the map is animated then either: the CSS).
const STEP: Duration = Duration::from_millis(900);
const STEP_REDUCED: Duration = Duration::from_millis(1800);

#[component]
pub(crate) fn Timeline(atlas: Atlas) -> impl IntoView {
    let Some(span) = year_span(atlas.sites) else {
        return ().into_any();
    };
    let lang = atlas.lang;
    let year = Memo::new(move |_| atlas.filter.with(|f| as_of(f.years, span)));
    let playing = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    let set_year = move |y: u16| {
        atlas.filter.update(|f| {
            let from = f.years.map_or(span.from(), |r| r.from());
            f.years = at(y, from, span);
        });
    };
    let stop = move || {
        playing.set(false);
        timer.update_value(|t| {
            if let Some(t) = t.take() {
                t.clear();
            }
        });
    };
    let step = move || match next(year.get_untracked(), span) {
        Some(y) => set_year(y),
        None => stop(),
    };
    let play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        // From the start again when at the end.
        if year.get_untracked() >= span.to() {
            let from = atlas
                .filter
                .with_untracked(|f| f.years.map_or(span.from(), |r| r.from()));
            set_year(from);
        }
        let every = if web::reduced_motion() {
            STEP_REDUCED
        } else {
            STEP
        };
        if let Ok(handle) = set_interval_with_handle(step, every) {
            timer.set_value(Some(handle));
            playing.set(true);
        }
    };
    on_cleanup(stop);
    let label = move || as_of_year(lang.get(), year.get(), year.get() >= span.to());
    view! {
        <div class="timeline" role="group" aria-label=move || T::Timeline.text(lang.get())>
            <button type="button" id="timeline-play" class="timeline-play"
                aria-pressed=move || if playing.get() { "true" } else { "false" }
                on:click=play>
                <span class="timeline-icon" aria-hidden="true">{move || if playing.get() { "❚❚" } else { "▶" }}</span>
                <span class="visually-hidden">{move || if playing.get() { T::Pause.text(lang.get()) } else { T::Play.text(lang.get()) }}</span>
            </button>
            <input type="range" id="timeline-year" class="timeline-slider"
                min=span.from().to_string() max=span.to().to_string() step="1"
                prop:value=move || year.get().to_string()
                aria-label=move || T::Timeline.text(lang.get())
                aria-valuetext=label
                on:input=move |ev| {
                    stop();
                    if let Ok(y) = event_target_value(&ev).parse() {
                        set_year(y);
                    }
                } />
            <output for="timeline-year" class="timeline-year">{label}</output>
            <span class="timeline-key" aria-hidden="true">
                <span class="timeline-key-building">{move || Status::UnderConstruction.label_in(lang.get())}</span>
                <span class="timeline-key-planned">{move || Status::Planned.label_in(lang.get())}</span>
            </span>
        </div>
    }
    .into_any()
}
