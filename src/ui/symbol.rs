//! Legend swatches drawn from the same symbol data as the map.

use leptos::prelude::*;

use crate::model::Precision;
use crate::view::filter::Layer;
use crate::view::symbols::{APPROXIMATE_DASH, Paint, Symbol, sector_colour, symbol};

/// A legend swatch: the same pictogram or line style the map draws for
/// `layer`, as inline SVG. Decorative: the text beside it names it.
#[component]
pub(crate) fn LayerSymbol(
    layer: Layer,
    #[prop(optional)] precision: Option<Precision>,
) -> impl IntoView {
    let colour = sector_colour(layer.sector);
    match symbol(layer.category) {
        Symbol::Marker(glyph) => {
            let filled = precision.is_none_or(|p| p == Precision::Exact);
            let (fill, ring, ink) = if filled {
                (colour, "#ffffff", "#ffffff")
            } else {
                ("#ffffff", colour, colour)
            };
            let dash = (precision == Some(Precision::Symbolic)).then_some("3.2 2.2");
            let paths = glyph
                .iter()
                .map(|(d, paint)| match paint {
                    Paint::Fill => view! { <path d=*d fill=ink /> }.into_any(),
                    Paint::Stroke => view! {
                        <path d=*d fill="none" stroke=ink stroke-width="2.6" stroke-linecap="round" />
                    }
                    .into_any(),
                })
                .collect_view();
            view! {
                <svg class="layer-symbol" viewBox="0 0 26 26" aria-hidden="true">
                    <circle cx="13" cy="13" r="11.5" fill=fill stroke=ring
                        stroke-width=if filled { "1.5" } else { "2.5" } stroke-dasharray=dash />
                    <g transform="translate(5.3 5.3) scale(.64)">{paths}</g>
                </svg>
            }
            .into_any()
        }
        Symbol::Line(style) => {
            let dash = if precision == Some(Precision::Approximate) {
                Some(APPROXIMATE_DASH)
            } else {
                style.casing_dash
            };
            let inner = style.has_inner.then(|| {
                view! {
                    <path d="M2 13H30" stroke="#ffffff" stroke-width=style.inner_width
                        stroke-dasharray=style.inner_dash />
                }
            });
            view! {
                <svg class="layer-symbol layer-symbol-line" viewBox="0 0 32 26" aria-hidden="true">
                    <path d="M2 13H30" stroke=colour stroke-width=style.casing_width
                        stroke-linecap="round" stroke-dasharray=dash fill="none" />
                    {inner}
                </svg>
            }
            .into_any()
        }
    }
}
