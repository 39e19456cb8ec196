//! The details view: one selected site (or imported feature) in full, with
//! focus management on open and close.

use leptos::{html::H2, prelude::*};

use super::state::Atlas;
use super::symbol::LayerSymbol;
use crate::i18n::Lang;
use crate::i18n::text::T;
use crate::model::ReportPlace;
use crate::model::{Site, SiteGeometry};
use crate::view::details::{facts, is_web_link, supported_field};
use crate::view::filter::Layer;

/// The selected site in full: name and other names, facts, the report's
/// words, sources. Takes focus when a user opens it; Escape or the close
/// button gives focus back.
#[component]
pub(crate) fn Details(atlas: Atlas) -> impl IntoView {
    let heading = NodeRef::<H2>::new();
    Effect::new(move |_| {
        let wanted = atlas.focus_details.get();
        let selected = atlas.selected.get().or(atlas.selected_import.get());
        if wanted && selected.is_some() {
            atlas.focus_details.set(false);
            // After the frame in which the panel shows the new details.
            request_animation_frame(move || {
                if let Some(h) = heading.get_untracked() {
                    let _ = h.focus();
                }
            });
        }
    });
    view! {
        {move || {
            // Built anew when the language changes, like on a new selection.
            let lang = atlas.lang.get();
            if let Some(index) = atlas.selected_import.get() {
                return view! { <ImportedDetails atlas=atlas index=index heading=heading lang=lang /> }.into_any();
            }
            match atlas.selected.get().and_then(|i| atlas.sites.get(i).map(|s| (i, s))) {
            None => view! { <p class="details-empty">{T::SelectASite.text(lang)}</p> }.into_any(),
            Some((index, site)) => view! { <SiteDetails atlas=atlas index=index site=site heading=heading lang=lang /> }.into_any(),
        }}}
    }
}

/// An imported feature: its label and every property, keys and values as
/// text; only `http(s)` values become links.
#[component]
fn ImportedDetails(atlas: Atlas, index: usize, heading: NodeRef<H2>, lang: Lang) -> impl IntoView {
    let Some(data) = atlas.imported.get_untracked() else {
        return ().into_any();
    };
    if index >= data.features.len() {
        return ().into_any();
    }
    let label = data.features.label(index);
    let rows: Vec<(String, String)> = data
        .features
        .properties(index)
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    view! {
        <article class="details details-imported" aria-labelledby="details-title">
            <div class="details-bar">
                <span class="details-source">{format!("{}{}", T::FromYourData.text(lang), data.name)}</span>
                <button type="button" class="details-close" on:click=move |_| atlas.close_details()
                    aria-label=T::CloseDetails.text(lang)>{T::Close.text(lang)}</button>
            </div>
            <h2 id="details-title" class="details-title" tabindex="-1" node_ref=heading>{label}</h2>
            {if rows.is_empty() {
                view! { <p class="details-empty">{T::NoProperties.text(lang)}</p> }.into_any()
            } else {
                view! {
                    <dl class="details-facts">
                        {rows.into_iter().map(|(key, value)| {
                            let shown = if is_web_link(&value) {
                                view! { <a href=value.clone() rel="noopener noreferrer nofollow" target="_blank">{value.clone()}</a> }.into_any()
                            } else {
                                view! { <span>{value}</span> }.into_any()
                            };
                            view! { <div class="details-fact"><dt>{key}</dt><dd>{shown}</dd></div> }
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </article>
    }
    .into_any()
}

#[component]
fn SiteDetails(
    atlas: Atlas,
    index: usize,
    site: &'static Site,
    heading: NodeRef<H2>,
    lang: Lang,
) -> impl IntoView {
    let hidden = move || !atlas.filter.with(|f| f.admits(site));
    let here: Vec<usize> = match site.geometry {
        SiteGeometry::Point(at) => atlas
            .sites
            .iter()
            .enumerate()
            .filter(|(i, s)| *i != index && s.geometry == SiteGeometry::Point(at))
            .map(|(i, _)| i)
            .collect(),
        SiteGeometry::Line(_) => Vec::new(),
    };
    let citing: Vec<&'static crate::report::story::Sentence> = atlas
        .story
        .map(|story| story.citing(index))
        .unwrap_or_default();
    let mut cited_with: Vec<usize> = citing
        .iter()
        .flat_map(|s| s.cites.iter().copied())
        .filter(|i| *i != index)
        .collect();
    cited_with.sort_unstable();
    cited_with.dedup();
    // The report's own section title, in English like its quote.
    // Other names: the English one when the heading shows another
    // language's, then the data's alternative names.
    let also: Vec<String> = (lang != Lang::En)
        .then(|| site.name.clone())
        .into_iter()
        .chain(site.alt_names.iter().cloned())
        .collect();
    let section = match site.report_place {
        ReportPlace::Intro => T::ReportIntroduction.text(lang).to_owned(),
        ReportPlace::Achievement(sector) => {
            format!("{}“{}”", T::TheReportSection.text(lang), sector.label())
        }
    };
    view! {
        <article class="details" aria-labelledby="details-title">
            <div class="details-bar">
                <LayerSymbol layer=Layer::of(site) precision=site.precision />
                <button type="button" class="details-close" on:click=move |_| atlas.close_details()
                    aria-label=T::CloseDetails.text(lang)>{T::Close.text(lang)}</button>
            </div>
            <h2 id="details-title" class="details-title" tabindex="-1" node_ref=heading>{site.name_in(lang).to_owned()}</h2>
            {(!also.is_empty()).then(|| view! {
                <p class="details-alt"><span class="details-alt-label">{T::AlsoCalled.text(lang)}</span>{also.join("; ")}</p>
            })}
            <Show when=hidden>
                <div class="details-hidden-note">
                    <p>{T::HiddenByFilters.text(lang)}</p>
                    <button type="button" on:click=move |_| atlas.reset_filters()>{T::ResetFilters.text(lang)}</button>
                </div>
            </Show>
            <dl class="details-facts">
                {facts(site, lang).into_iter().map(|f| view! {
                    <div class="details-fact">
                        <dt>{f.label}</dt>
                        <dd>{f.value}</dd>
                    </div>
                }).collect_view()}
            </dl>
            // The report's words stay English (issue 14), marked so.
            <figure class="details-quote" lang="en">
                <blockquote>{site.report_quote.clone()}</blockquote>
                <figcaption>"— " {section}</figcaption>
            </figure>
            {(!citing.is_empty()).then(|| view! {
                <div class="details-report">
                    <h3>{T::InTheReport.text(lang)}</h3>
                    {citing.iter().map(|sentence| {
                        let id = sentence.id.clone();
                        view! {
                            <p class="details-sentence"><span lang="en">{sentence.text.clone()}</span>" "
                                <button type="button" class="link-button" data-sentence=sentence.id.clone()
                                    on:click=move |_| atlas.show_in_report(id.clone())>{T::ShowInReport.text(lang)}</button>
                            </p>
                        }
                    }).collect_view()}
                    {(!cited_with.is_empty()).then(|| view! {
                        <p class="details-cited-with">{T::CitedWith.text(lang)}
                            {cited_with.iter().filter_map(|i| atlas.sites.get(*i).map(|s| (*i, s))).map(|(i, s)| view! {
                                <button type="button" class="link-button" on:click=move |_| atlas.select(i)>{s.name_in(lang).to_owned()}</button>
                                " "
                            }).collect_view()}
                        </p>
                    })}
                </div>
            })}
            // Descriptions are ours, written in English only.
            <p class="details-description" lang="en">{site.description.clone()}</p>
            {(!here.is_empty()).then(|| view! {
                <div class="details-here">
                    <h3>{T::AlsoAtThisPoint.text(lang)}</h3>
                    <ul>
                        {here.into_iter().filter_map(|i| atlas.sites.get(i).map(|s| (i, s))).map(|(i, s)| view! {
                            <li><button type="button" class="link-button" on:click=move |_| atlas.select(i)>{s.name_in(lang).to_owned()}</button></li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <h3 class="details-sources-title">{T::Sources.text(lang)}</h3>
            <ul class="details-sources">
                {site.sources.iter().map(|source| {
                    let supports = if source.supports.is_empty() {
                        String::new()
                    } else {
                        let fields: Vec<String> = source.supports.iter().map(|f| supported_field(f, lang)).collect();
                        format!("{}{}", T::SourceFor.text(lang), fields.join(if lang == Lang::Zh { "、" } else { ", " }))
                    };
                    let title = source.title.clone();
                    let link = if is_web_link(&source.url) {
                        view! { <a href=source.url.clone() rel="noopener noreferrer" target="_blank">{title}</a> }.into_any()
                    } else {
                        view! { <span>{title}</span> }.into_any()
                    };
                    view! { <li><span lang="en">{link}</span><span class="details-supports">{supports}</span></li> }
                }).collect_view()}
            </ul>
        </article>
    }
}
