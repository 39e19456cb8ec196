//! "Download map image": the map as the reader sees it — basemap,
//! context, sites — drawn by `html-to-image` (npm, loaded on first use, its
//! integrity checked), under a band with the title and over a footer with
//! the key of what is shown, the credits and the link to this view, at
//! twice the screen's pixels, as a PNG carrying the title, link and
//! credits as text too (`view::picture::with_text`). No network: every
//! part is on the page already, so it works offline and under the strict
//! policy (`img-src data:`).

use js_sys::{Object, Promise, Reflect};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue, closure::Closure, prelude::wasm_bindgen};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use super::describe;
use crate::i18n::Lang;
use crate::view::picture::{KeyRow, with_text};

/// The `<meta>` of `index.html` whose `content` is html-to-image's address
/// and `data-integrity` its hash (written by `tools/postbuild.mjs`).
const META_NAME: &str = "atlas-picture-script";
/// Pixels per CSS pixel in the picture.
const SCALE: f64 = 2.0;
const BAND: f64 = 44.0;
const PAD: f64 = 12.0;
const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif";

#[wasm_bindgen]
extern "C" {
    /// `htmlToImage.toCanvas(node, options)`, from html-to-image's UMD build.
    #[wasm_bindgen(js_namespace = htmlToImage, js_name = toCanvas)]
    fn to_canvas(node: &HtmlElement, options: &JsValue) -> Promise;
}

/// Why there is no picture. The messages are for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum PictureError {
    #[error("the drawing library could not be loaded ({0})")]
    Library(String),
    #[error("the map could not be drawn ({0})")]
    Draw(String),
}

impl PictureError {
    /// The reason in `lang`; what the browser said stays as it said it.
    pub(crate) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (PictureError::Library(x), Lang::Zh) => format!("无法加载绘图库（{x}）"),
            (PictureError::Library(x), Lang::Ru) => {
                format!("не удалось загрузить библиотеку рисования ({x})")
            }
            (PictureError::Draw(x), Lang::Zh) => format!("无法绘制地图（{x}）"),
            (PictureError::Draw(x), Lang::Ru) => format!("не удалось нарисовать карту ({x})"),
        }
    }
}

/// What the picture says besides the map.
pub(crate) struct Caption<'a> {
    pub title: &'a str,
    /// Under the title: what the view shows ("As of 2019", a sector).
    pub subtitle: &'a str,
    pub key: &'a [KeyRow],
    pub credits: &'a str,
    pub link: &'a str,
}

fn document() -> Result<web_sys::Document, PictureError> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| PictureError::Library("no document".to_owned()))
}

/// Loads html-to-image once (its `<script>` with its integrity).
async fn load_library() -> Result<(), PictureError> {
    let window = web_sys::window().ok_or_else(|| PictureError::Library("no window".to_owned()))?;
    if Reflect::has(&window, &JsValue::from_str("htmlToImage")).unwrap_or(false) {
        return Ok(());
    }
    let document = document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{META_NAME}\"]"))
        .ok()
        .flatten()
        .ok_or_else(|| PictureError::Library("the page does not say where it is".to_owned()))?;
    let src = meta.get_attribute("content").unwrap_or_default();
    let integrity = meta.get_attribute("data-integrity").unwrap_or_default();
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|e| PictureError::Library(describe(&e)))?
        .unchecked_into();
    script.set_src(&src);
    script.set_integrity(&integrity);
    let loaded = Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        let on_error = Closure::once_into_js(move |_: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("it did not load"));
        });
        script.set_onerror(Some(on_error.unchecked_ref()));
    });
    document
        .head()
        .ok_or_else(|| PictureError::Library("no head".to_owned()))?
        .append_child(&script)
        .map_err(|e| PictureError::Library(describe(&e)))?;
    JsFuture::from(loaded)
        .await
        .map(|_| ())
        .map_err(|e| PictureError::Library(describe(&e)))
}

fn context_of(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, PictureError> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| PictureError::Draw("no 2D canvas".to_owned()))
}

/// Words of `text` in lines no wider than `width` at the context's font.
fn wrap(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        let fits = ctx
            .measure_text(&candidate)
            .map(|m| m.width() <= width)
            .unwrap_or(true);
        if fits || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The paint properties an SVG shape takes from the stylesheet, and
/// whether it shows.
const PAINT: [&str; 9] = [
    "display",
    "visibility",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "opacity",
];

/// Sets each SVG shape's computed paint as its inline style (through the
/// CSSOM, which the page's policy allows, unlike a `style` attribute);
/// returns each shape with the inline values it had, to put back.
fn inline_svg_paint(
    container: &HtmlElement,
) -> Vec<(web_sys::CssStyleDeclaration, Vec<(&'static str, String)>)> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let Ok(shapes) =
        container.query_selector_all("svg path, svg circle, svg rect, svg polyline, svg line")
    else {
        return Vec::new();
    };
    let mut saved = Vec::with_capacity(shapes.length() as usize);
    for i in 0..shapes.length() {
        let Some(element) = shapes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok())
        else {
            continue;
        };
        let Ok(Some(computed)) = window.get_computed_style(&element) else {
            continue;
        };
        let style = element.style();
        let mut before = Vec::with_capacity(PAINT.len());
        for property in PAINT {
            before.push((
                property,
                style.get_property_value(property).unwrap_or_default(),
            ));
            if let Ok(value) = computed.get_property_value(property) {
                let _ = style.set_property(property, &value);
            }
        }
        saved.push((style, before));
    }
    saved
}

/// Draws the map in `container` with `caption` into a PNG's bytes.
pub(crate) async fn map_picture(
    container: &HtmlElement,
    caption: &Caption<'_>,
) -> Result<Vec<u8>, PictureError> {
    load_library().await?;
    // The map without its controls (zoom, layers, credits: the footer has
    // the credits).
    let filter = Closure::<dyn Fn(JsValue) -> bool>::new(|node: JsValue| {
        node.dyn_ref::<web_sys::Element>()
            .is_none_or(|e| !e.class_list().contains("leaflet-control-container"))
    });
    let options = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&options, &JsValue::from_str(k), v);
    };
    set("pixelRatio", &JsValue::from_f64(SCALE));
    set("skipFonts", &JsValue::TRUE);
    set("filter", filter.as_ref());
    // The vector shapes take their colours from the stylesheet (classes,
    // custom properties), which the copy drawn loses: each gets its
    // computed paint inline for the drawing, and its own style back after.
    // Nothing mid-fade either (`.atlas-picturing`, assets/atlas.css).
    let _ = container.class_list().add_1("atlas-picturing");
    let restore = inline_svg_paint(container);
    let drawn = JsFuture::from(to_canvas(container, &options)).await;
    let _ = container.class_list().remove_1("atlas-picturing");
    for (style, before) in restore {
        for (property, value) in before {
            let _ = if value.is_empty() {
                style.remove_property(property).map(|_| ())
            } else {
                style.set_property(property, &value)
            };
        }
    }
    let map: HtmlCanvasElement = drawn
        .map_err(|e| PictureError::Draw(describe(&e)))?
        .dyn_into()
        .map_err(|_| PictureError::Draw("no canvas came back".to_owned()))?;
    drop(filter);
    let (width, height) = (
        f64::from(container.client_width()),
        f64::from(container.client_height()),
    );

    // The footer's height: measured on a scratch canvas at the same fonts.
    let canvas: HtmlCanvasElement = document()?
        .create_element("canvas")
        .map_err(|e| PictureError::Draw(describe(&e)))?
        .unchecked_into();
    let ctx = context_of(&canvas)?;
    ctx.set_font(&format!("11px {FONT}"));
    let credits = wrap(&ctx, caption.credits, width - 2.0 * PAD);
    let link = wrap(&ctx, caption.link, width - 2.0 * PAD);
    // The key flows in rows: swatch, label, count.
    ctx.set_font(&format!("13px {FONT}"));
    let mut rows: Vec<Vec<(&KeyRow, f64)>> = vec![Vec::new()];
    let mut x = PAD;
    for row in caption.key {
        let text = format!("{} ({})", row.label, row.count);
        let w = 16.0 + ctx.measure_text(&text).map(|m| m.width()).unwrap_or(100.0) + 14.0;
        if x + w > width - PAD && !rows.last().is_none_or(Vec::is_empty) {
            rows.push(Vec::new());
            x = PAD;
        }
        if let Some(last) = rows.last_mut() {
            last.push((row, x));
        }
        x += w;
    }
    let footer =
        PAD + 20.0 * rows.len() as f64 + 6.0 + 15.0 * (credits.len() + link.len()) as f64 + PAD;
    let total = BAND + height + footer;
    canvas.set_width((width * SCALE) as u32);
    canvas.set_height((total * SCALE) as u32);
    let ctx = context_of(&canvas)?;
    let _ = ctx.scale(SCALE, SCALE);
    ctx.set_fill_style_str("#fbfaf7");
    ctx.fill_rect(0.0, 0.0, width, total);
    // The band: title and subtitle.
    ctx.set_fill_style_str("#24303a");
    ctx.set_text_baseline("middle");
    ctx.set_font(&format!("bold 17px {FONT}"));
    let _ = ctx.fill_text(caption.title, PAD, BAND / 2.0);
    if !caption.subtitle.is_empty() {
        let title_w = ctx
            .measure_text(caption.title)
            .map(|m| m.width())
            .unwrap_or(0.0);
        ctx.set_font(&format!("14px {FONT}"));
        ctx.set_fill_style_str("#52606b");
        let _ = ctx.fill_text(
            &format!("· {}", caption.subtitle),
            PAD + title_w + 8.0,
            BAND / 2.0,
        );
    }
    // The map, at its own pixels.
    let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&map, 0.0, BAND, width, height);
    ctx.set_stroke_style_str("#0003");
    ctx.stroke_rect(0.0, BAND, width, height);
    // The key.
    let mut y = BAND + height + PAD + 10.0;
    ctx.set_font(&format!("13px {FONT}"));
    for row in &rows {
        for (entry, x) in row {
            ctx.set_fill_style_str(entry.colour);
            ctx.fill_rect(*x, y - 5.0, 10.0, 10.0);
            ctx.set_fill_style_str("#24303a");
            let _ = ctx.fill_text(&format!("{} ({})", entry.label, entry.count), x + 16.0, y);
        }
        y += 20.0;
    }
    // Credits and the link.
    y += 6.0 - 10.0 + 7.0;
    ctx.set_font(&format!("11px {FONT}"));
    ctx.set_fill_style_str("#52606b");
    for line in credits.iter().chain(&link) {
        let _ = ctx.fill_text(line, PAD, y);
        y += 15.0;
    }
    // The PNG's bytes, with its text.
    let blob = Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob(&resolve);
    });
    let blob: web_sys::Blob = JsFuture::from(blob)
        .await
        .map_err(|e| PictureError::Draw(describe(&e)))?
        .dyn_into()
        .map_err(|_| PictureError::Draw("the browser made no PNG".to_owned()))?;
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| PictureError::Draw(describe(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    with_text(
        &bytes,
        &[
            ("Title", caption.title),
            ("Source", caption.link),
            ("Copyright", caption.credits),
        ],
    )
    .ok_or_else(|| PictureError::Draw("the browser's PNG could not be read".to_owned()))
}
