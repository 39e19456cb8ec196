//! The embed view (`?embed=1`, `view::share`): the map alone for an
//! `<iframe>`, with a strip naming the atlas and linking to the full one
//! (in a new tab), a compact key that switches sectors, and a small card
//! for the site clicked. Also the full atlas's Embed button, which gives
//! the `<iframe>` snippet for the current view.

use leptos::{html::Textarea, prelude::*, task::spawn_local};

use super::state::Atlas;
use crate::i18n::text::{T, app_title, as_of_year, picture_failed};
use crate::model::Sector;
use crate::view::filter::year_span;
use crate::view::picture::KeyRow;
use crate::view::share::{embed_query, full_query, iframe_snippet};
use crate::view::symbols::sector_colour;
use crate::web;

/// The strip above the embedded map: the title, the link out, the key.
#[component]
pub(crate) fn EmbedBar(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    let full = move || web::link_with(&full_query(&atlas.link_state()));
    view! {
        <header class="embed-bar">
            <p class="embed-title">{move || app_title(lang.get())}</p>
            <a class="embed-open" href=full target="_blank" rel="noopener noreferrer">
                {move || T::OpenFullAtlas.text(lang.get())}<span aria-hidden="true">" ↗"</span>
            </a>
            <div class="embed-key" role="group" aria-label=move || T::EmbedKey.text(lang.get())>
                {Sector::ALL.iter().copied().filter(|s| atlas.layers.iter().any(|l| l.sector == *s)).map(|sector| {
                    let shown = Memo::new(move |_| atlas.filter.with(|f| {
                        atlas.layers.iter().filter(|l| l.sector == sector).any(|l| !f.hidden.contains(l))
                    }));
                    view! {
                        <button type="button" class="embed-sector" id=format!("embed-sector-{}", sector.as_str())
                            aria-pressed=move || if shown.get() { "true" } else { "false" }
                            on:click=move |_| {
                                let on = !shown.get_untracked();
                                atlas.filter.update(|f| f.set_sector(atlas.layers, sector, on));
                            }>
                            <span class="embed-swatch" aria-hidden="true" style:background=sector_colour(sector)></span>
                            {move || sector.label_in(lang.get())}
                            " "<span class="embed-count">{move || atlas.counts.with(|c| c.sector(sector))}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
        </header>
    }
}

/// The site clicked on the embedded map: its name, kind and countries,
/// and a link to its details in the full atlas.
#[component]
pub(crate) fn EmbedCard(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    move || {
        let site = atlas.selected.get().and_then(|i| atlas.sites.get(i))?;
        let lang = lang.get();
        let link = web::link_with(&full_query(&atlas.link_state()));
        Some(view! {
            <div class="embed-card" role="region" aria-label=site.name_in(lang).to_owned()>
                <p class="embed-card-name">{site.name_in(lang).to_owned()}</p>
                <p class="embed-card-kind">{format!("{} · {}", site.category.label_in(lang), site.country_names_in(lang))}</p>
                <a href=link target="_blank" rel="noopener noreferrer">{T::DetailsInFullAtlas.text(lang)}<span aria-hidden="true">" ↗"</span></a>
                <button type="button" class="embed-card-close" on:click=move |_| atlas.close_details()
                    aria-label=T::Close.text(lang)>"×"</button>
            </div>
        })
    }
}

/// The full atlas's Embed button: shows the `<iframe>` snippet for the
/// current view, selected, with a button to copy it.
#[component]
pub(crate) fn EmbedButton(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    let open = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let field = NodeRef::<Textarea>::new();
    let snippet = move || {
        let url = web::link_with(&embed_query(&atlas.link_state()));
        iframe_snippet(&url, app_title(lang.get()))
    };
    Effect::new(move |_| {
        if open.get()
            && let Some(area) = field.get()
        {
            area.select();
        }
    });
    let copy = move |_| {
        let text = snippet();
        spawn_local(async move {
            copied.set(web::copy_text(&text).await);
        });
    };
    view! {
        <div class="embed-share">
            <button type="button" id="embed-button" class="embed-button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="embed-snippet-box"
                on:click=move |_| { copied.set(false); open.update(|o| *o = !*o); }>
                {move || T::Embed.text(lang.get())}
            </button>
            <div id="embed-snippet-box" class="embed-snippet-box" hidden=move || !open.get()>
                <label for="embed-snippet">{move || T::EmbedSnippet.text(lang.get())}</label>
                <textarea id="embed-snippet" readonly rows="4" node_ref=field prop:value=snippet></textarea>
                <button type="button" on:click=copy>{move || T::CopySnippet.text(lang.get())}</button>
                <span role="status">{move || copied.get().then(|| T::SnippetCopied.text(lang.get()))}</span>
            </div>
        </div>
    }
}

/// "Download map image": the map as shown, with a title, a key of what is
/// shown, the credits and the link, as a PNG (`web::map_picture`).
#[component]
pub(crate) fn PictureButton(atlas: Atlas) -> impl IntoView {
    let lang = atlas.lang;
    let status = RwSignal::new(None::<Result<(), web::PictureError>>);
    let busy = RwSignal::new(false);
    let draw = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = picture(atlas).await;
            busy.set(false);
            status.set(Some(result));
        });
    };
    view! {
        <div class="picture-share">
            <button type="button" id="picture-button" class="embed-button" on:click=draw
                aria-busy=move || if busy.get() { "true" } else { "false" }>
                {move || T::MapImage.text(lang.get())}
            </button>
            <span class="picture-status" role="status">{move || {
                let lang = lang.get();
                if busy.get() {
                    return Some(T::DrawingImage.text(lang).to_owned());
                }
                status.get().map(|s| match s {
                    Ok(()) => T::ImageSaved.text(lang).to_owned(),
                    Err(e) => picture_failed(lang, &e.text(lang)),
                })
            }}</span>
        </div>
    }
}

async fn picture(atlas: Atlas) -> Result<(), web::PictureError> {
    let lang = atlas.lang.get_untracked();
    let container = web::element_by_id("atlas-map")
        .ok_or_else(|| web::PictureError::Draw("no map".to_owned()))?;
    let key: Vec<KeyRow> = atlas.counts.with_untracked(|c| {
        Sector::ALL
            .iter()
            .filter(|s| c.sector(**s) > 0)
            .map(|s| KeyRow {
                colour: sector_colour(*s),
                label: s.label_in(lang).to_owned(),
                count: c.sector(*s),
            })
            .collect()
    });
    let span = year_span(atlas.sites);
    let subtitle = match (atlas.filter.with_untracked(|f| f.years), span) {
        (Some(range), Some(span)) => as_of_year(lang, range.to(), range.to() >= span.to()),
        _ => String::new(),
    };
    let credits = format!(
        "{} {} {} {}",
        T::CreditReport.text(lang),
        T::CreditOutlines.text(lang),
        T::CreditPlaces.text(lang),
        T::CreditMap.text(lang)
    );
    let link = web::link_with(&crate::view::permalink::encode(
        &atlas.link_state_untracked(),
    ));
    let caption = web::Caption {
        title: app_title(lang),
        subtitle: &subtitle,
        key: &key,
        credits: &credits,
        link: &link,
    };
    let bytes = web::map_picture(&container, &caption).await?;
    web::download_bytes("cca-atlas-map.png", "image/png", &bytes).map_err(web::PictureError::Draw)
}
