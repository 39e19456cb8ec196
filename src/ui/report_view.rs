//! The report view: title, key figures and trade chart, then every section
//! with sentence-level links to the sites it names.

use leptos::prelude::*;

use super::state::{Atlas, Tab};
use crate::i18n::Lang;
use crate::i18n::format::date_with_weekday;
use crate::i18n::text::{T, cited_sentences, map_only, show_on_map};
use crate::report::figures::{
    CHART_HEIGHT, Figure, TradeChange, format_quantity_in, trade_bars, trade_note,
};
use crate::report::story::{
    RELEASE_DATE, RELEASE_DATE_SOURCE, SectionKind, Segment, Sentence, StorySection,
};
use crate::web;

/// The report in the panel: title and date line, key figures with the
/// trade chart, then the introduction, the six achievements and the two
/// challenges, each collapsible. Every sentence citing the selected site is
/// marked; names of sites are buttons that open them; each achievement
/// heading can filter the map to its sector.
#[component]
pub(crate) fn ReportView(atlas: Atlas) -> impl IntoView {
    let Some(story) = atlas.story else {
        return view! {
            <p class="report-missing" role="alert">
                {move || T::ReportUnreadable.text(atlas.lang.get())}
                " (" {atlas.report_error.map(ToString::to_string)} ")"
            </p>
        }
        .into_any();
    };
    // Scroll to (and perhaps focus) a sentence once the report is showing.
    Effect::new(move |_| {
        let Some(reveal) = atlas.reveal.get() else {
            return;
        };
        if atlas.tab.get() != Tab::Report {
            return;
        }
        // Only if still wanted then: an Escape pressed within the frame
        // must not have focus jump back into the report.
        request_animation_frame(move || {
            let current = atlas
                .reveal
                .try_with_untracked(|r| r.as_ref() == Some(&reveal))
                .unwrap_or(false);
            if current {
                web::reveal(&reveal.sentence, reveal.focus);
            }
        });
    });
    let title = story
        .title
        .clone()
        .unwrap_or_else(|| "The report".to_owned());
    let publisher = story.publisher.clone().unwrap_or_default();
    let lang = atlas.lang;
    let (year, month, day) = RELEASE_DATE;
    // The report is shown as published, in English (`lang="en"` on its
    // words); the interface around it follows the reader's language.
    view! {
        <article class="report" aria-labelledby="report-title">
            <header class="report-header">
                <h2 id="report-title" class="report-title" lang="en"><cite>{title}</cite></h2>
                <p class="report-dateline">
                    <span lang="en">{publisher}</span>{move || T::Released.text(lang.get())}
                    <a href=RELEASE_DATE_SOURCE.1 rel="noopener noreferrer" target="_blank" title=RELEASE_DATE_SOURCE.0>
                        {move || date_with_weekday(lang.get(), year, month, day)}
                    </a>
                    {move || T::AsSummarised.text(lang.get())}
                </p>
                <Show when=move || lang.get() != Lang::En>
                    <p class="report-language-note">{move || T::ReportInEnglish.text(lang.get())}</p>
                </Show>
            </header>
            <SelectionBar atlas=atlas />
            <KeyFigures atlas=atlas />
            <div lang="en">
                <ReportSection atlas=atlas section=&story.intro />
                <h2 class="report-part">"I Achievements"</h2>
                {story.achievements.iter().map(|section| view! { <ReportSection atlas=atlas section=section /> }).collect_view()}
                <h2 class="report-part">"II Challenges"</h2>
                {story.challenges.iter().map(|section| view! { <ReportSection atlas=atlas section=section /> }).collect_view()}
            </div>
        </article>
    }
    .into_any()
}

/// While a site is selected in the report view: what it is, in brief, a
/// way to its full details, and a way to clear it.
#[component]
fn SelectionBar(atlas: Atlas) -> impl IntoView {
    move || {
        let index = atlas.selected.get()?;
        let lang = atlas.lang.get();
        let site = atlas.sites.get(index)?;
        let cited = atlas.story.map_or(0, |s| s.citing(index).len());
        let countries = site.country_names_in(lang);
        Some(view! {
            <section class="selection-bar" aria-labelledby="selection-title">
                <div class="selection-bar-text">
                    <h3 id="selection-title" class="selection-title">{site.name_in(lang).to_owned()}</h3>
                    <p class="selection-meta">
                        {format!("{} · {} · {}", site.category.label_in(lang), countries, site.status.label_in(lang))}
                    </p>
                    <p class="selection-meta">{crate::view::details::location(site, lang)}</p>
                    <p class="selection-note" role="status">{cited_sentences(lang, cited)}</p>
                </div>
                <div class="selection-actions">
                    <button type="button" on:click=move |_| atlas.select(index)>{T::FullDetails.text(lang)}</button>
                    <button type="button" aria-label=T::ClearSelection.text(lang) on:click=move |_| atlas.close_details()>"×"</button>
                </div>
            </section>
        })
    }
}

#[component]
fn KeyFigures(atlas: Atlas) -> impl IntoView {
    if atlas.figures.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="key-figures" aria-labelledby="key-figures-title">
            <h3 id="key-figures-title" class="report-subtitle">{move || T::KeyFigures.text(atlas.lang.get())}</h3>
            {atlas.trade.map(|trade| view! { <TradeChart trade=trade lang=atlas.lang /> })}
            <ul class="figure-cards">
                {atlas.figures.iter().map(|figure| view! { <FigureCard atlas=atlas figure=figure /> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn FigureCard(atlas: Atlas, figure: &'static Figure) -> impl IntoView {
    let lang = atlas.lang;
    let value = move || {
        let lang = lang.get();
        let value = format_quantity_in(&figure.value, lang);
        let value = match &figure.from {
            Some(from) => format!("{} → {value}", format_quantity_in(from, lang)),
            None => value,
        };
        if figure.per_year {
            format!("{value}{}", T::AYear.text(lang))
        } else {
            value
        }
    };
    let sector = move || {
        figure
            .sector
            .map(|s| s.label_in(lang.get()))
            .unwrap_or_default()
    };
    let sentence = figure.sentence.clone();
    view! {
        <li>
            <button type="button" class="figure-card" data-sentence=figure.sentence.clone()
                on:click=move |_| atlas.show_in_report(sentence.clone())>
                <span class="figure-value">{value}</span>
                <span class="figure-sector">{sector}</span>
                <span class="figure-clause" lang="en">"“"{figure.clause.clone()}"”"</span>
            </button>
        </li>
    }
}

/// Trade in the report's year and the year before, as two bars drawn from
/// zero; the previous year is derived from the report's own increase.
#[component]
fn TradeChart(trade: TradeChange, lang: Memo<Lang>) -> impl IntoView {
    move || {
        let lang = lang.get();
        let bars = trade_bars(&trade, lang);
        let note = trade_note(lang, &trade);
        let label = format!(
            "{}: {} ({}), {} ({})",
            T::TradeTitle.text(lang),
            bars[0].value_label,
            bars[0].label,
            bars[1].value_label,
            bars[1].label
        );
        view! {
            <figure class="trade-chart">
                <svg viewBox=format!("0 -12 100 {}", CHART_HEIGHT + 24.0) role="img" aria-label=label>
                    {bars.iter().map(|bar| view! {
                        <g class="trade-bar">
                            <rect x=bar.x y=bar.y width=bar.width height=bar.height rx="1.5" />
                            <text class="trade-bar-value" x=bar.x + bar.width / 2.0 y=bar.y - 2.5 text-anchor="middle">{bar.value_label.clone()}</text>
                            <text class="trade-bar-year" x=bar.x + bar.width / 2.0 y=CHART_HEIGHT + 8.0 text-anchor="middle">{bar.label.clone()}</text>
                        </g>
                    }).collect_view()}
                    <line x1="4" x2="96" y1=CHART_HEIGHT y2=CHART_HEIGHT class="trade-axis" />
                </svg>
                <figcaption>{format!("{}. {note}", T::TradeTitle.text(lang))}</figcaption>
            </figure>
        }
    }
}

#[component]
fn ReportSection(atlas: Atlas, section: &'static StorySection) -> impl IntoView {
    let open = RwSignal::new(true);
    let body_id = format!("report-{}-body", section.id);
    let heading = match (section.kind, section.number) {
        (SectionKind::Intro, _) => section.heading.clone(),
        (_, Some(n)) => format!("{n}. {}", section.heading),
        (_, None) => section.heading.clone(),
    };
    let sector = match section.kind {
        SectionKind::Achievement(sector) if atlas.layers.iter().any(|l| l.sector == sector) => {
            Some(sector)
        }
        _ => None,
    };
    let filter = atlas.filter;
    view! {
        <section class="report-section" id=format!("report-{}", section.id)>
            <div class="report-section-head">
                <h3 class="report-section-title">
                    <button type="button" class="report-section-toggle" aria-expanded=move || open.get().to_string()
                        aria-controls=body_id.clone() on:click=move |_| open.update(|o| *o = !*o)>
                        <span class="toggle-mark" aria-hidden="true"></span>
                        {heading}
                    </button>
                </h3>
                {sector.map(|sector| view! {
                    <button type="button" class="section-filter"
                        aria-pressed=move || (atlas.only_sector.get() == Some(sector)).to_string()
                        on:click=move |_| filter.update(|f| f.only_sector(atlas.layers, sector))
                        lang=move || atlas.lang.get().html_lang()
                        title=move || map_only(atlas.lang.get(), sector.label_in(atlas.lang.get())).1>
                        {move || map_only(atlas.lang.get(), sector.label_in(atlas.lang.get())).0}
                    </button>
                })}
            </div>
            <div class="report-section-body" id=body_id hidden=move || !open.get()>
                {section.paragraphs.iter().map(|paragraph| view! {
                    <p>{paragraph.iter().map(|sentence| view! { <SentenceView atlas=atlas sentence=sentence /> " " }).collect_view()}</p>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn SentenceView(atlas: Atlas, sentence: &'static Sentence) -> impl IntoView {
    let cited = move || {
        atlas
            .selected
            .get()
            .is_some_and(|i| sentence.cites.contains(&i))
    };
    let targeted = move || {
        atlas
            .reveal
            .with(|r| r.as_ref().is_some_and(|r| r.sentence == sentence.id))
    };
    view! {
        <span
            class="sentence"
            id=sentence.id.clone()
            tabindex="-1"
            class:sentence-cited=cited
            class:sentence-target=targeted
            aria-current=move || cited().then_some("true")
        >
            {sentence.segments.iter().map(|segment| match segment {
                Segment::Text(text) => text.clone().into_any(),
                Segment::Mention { text, sites } => {
                    let first = sites.first().copied();
                    let lang = atlas.lang.get_untracked();
                    let names: Vec<String> = sites.iter().filter_map(|i| atlas.sites.get(*i).map(|s| s.name_in(lang).to_owned())).collect();
                    let ids = sites.iter().filter_map(|i| atlas.sites.get(*i).map(|s| s.id.clone())).collect::<Vec<_>>().join(" ");
                    let title = show_on_map(lang, &names);
                    // A link to the site's own state: Enter and click open it
                    // here; a middle click or "copy link" gives its permalink.
                    let href = first
                        .and_then(|i| atlas.sites.get(i))
                        .map(|s| format!("?site={}", s.id))
                        .unwrap_or_default();
                    view! {
                        <a class="mention" href=href title=title data-sites=ids
                            on:click=move |ev| {
                                if ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
                                    ev.prevent_default();
                                    if let Some(i) = first { atlas.select(i); }
                                }
                            }>
                            {text.clone()}
                        </a>
                    }.into_any()
                }
            }).collect_view()}
        </span>
    }
}
