//! The map's context on the map: lakes and rivers drawn on the basemap,
//! and the names of towns, lakes, rivers and ranges placed after every move
//! so that none overlaps another, a site or a country label
//! (`view::labels::place`). Added once the context file has loaded
//! (`geo::context`), after the map is drawn.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};

use super::base::{BASEMAP_PANE, text_label};
use super::describe;
use super::events::{LateLayer, MapError};
use super::js::{attribution_of, element_of, geo_json_layer, js_object, to_lat_lng};
use crate::geo::context::{Context, FINE_BORDER_ZOOM, Label, LabelKind};
use crate::i18n::Lang;
use crate::view::labels::{Candidate, ScreenBox, place};

/// Credits for what the context draws (Natural Earth is credited with the
/// basemap already). GeoNames' licence asks for attribution.
fn attribution(lang: Lang) -> String {
    let link = r#"<a href="https://www.geonames.org/" target="_blank" rel="noopener noreferrer">GeoNames</a>"#;
    match lang {
        Lang::En => format!("Places: {link} (CC BY)"),
        Lang::Zh => format!("地名：{link}（CC BY）"),
        Lang::Ru => format!("Населённые пункты: {link} (CC BY)"),
    }
}

/// A town's dot's box on screen, in px: the dot and its halo.
const DOT_BOX: f64 = 7.0;

/// The map container's class while the context's borders are drawn
/// (`assets/atlas.css`).
const FINE_BORDERS_CLASS: &str = "atlas-fine-borders";

/// Pixels kept free around every label.
const GAP: f64 = 3.0;

/// What the obstacles are: the report's sites drawn as markers (not the
/// routes, which labels may cross), the count badges, the country names
/// and the map's controls (zoom, layers, attribution), which would hide a
/// name.
const OBSTACLES: &str = ".leaflet-marker-icon.atlas-site:not(.atlas-hidden):not(.atlas-clustered), \
     .atlas-cluster, .atlas-country-label span, .leaflet-control";

struct Placed {
    label: Label,
    /// Text size in px, measured once, when first needed.
    size: Option<(f64, f64)>,
    marker: Option<leaflet::Marker>,
    shown: bool,
    /// A place's name's offset from its point now, in px.
    offset: Option<(f64, f64)>,
}

struct State {
    /// False once the layer is removed: a placement put off until after a
    /// paint must not touch a map that is gone.
    alive: bool,
    map: leaflet::Map,
    container: HtmlElement,
    labels: Vec<Placed>,
    measure: Measure,
}

/// Text measurement: a canvas context and each kind's font and height.
struct Measure {
    canvas: Option<CanvasRenderingContext2d>,
    fonts: Vec<(LabelKind, String, f64)>,
}

impl Measure {
    fn new() -> Self {
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            .and_then(|c| c.get_context("2d").ok().flatten())
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        Self {
            canvas,
            fonts: Vec::new(),
        }
    }
}

/// The lakes, rivers and names on one map; `remove` takes them off.
pub(super) struct ContextLayer {
    water: leaflet::GeoJson,
    state: Rc<RefCell<State>>,
    /// A placement is asked for after the next paint (`relabel_soon`).
    pending: Rc<Cell<bool>>,
    on_move: JsValue,
    /// The language its credit is in.
    lang: Cell<Lang>,
    _style: JsValue,
}

impl ContextLayer {
    pub(super) fn add(
        map: &leaflet::Map,
        container: &HtmlElement,
        context: &Context,
        lang: Lang,
    ) -> Result<Self, MapError> {
        let data = js_sys::JSON::parse(&context.water_geojson())
            .map_err(|e| MapError::Context(describe(&e)))?;
        let style = Closure::<dyn Fn(JsValue) -> JsValue>::new(|feature: JsValue| {
            let kind = Reflect::get(&feature, &JsValue::from_str("properties"))
                .and_then(|p| Reflect::get(&p, &JsValue::from_str("kind")))
                .ok()
                .and_then(|v| v.as_string());
            let class_name = match kind.as_deref() {
                Some("lake") => "atlas-lake",
                Some("border") => "atlas-border",
                _ => "atlas-river",
            };
            js_object(&[("className", JsValue::from_str(class_name))]).into()
        })
        .into_js_value();
        let options = js_object(&[
            ("pane", JsValue::from_str(BASEMAP_PANE.0)),
            ("interactive", JsValue::FALSE),
            ("style", style.clone()),
        ]);
        let water = geo_json_layer(&data, &options);
        map.add_layer(&water);

        let state = Rc::new(RefCell::new(State {
            alive: true,
            map: map.clone(),
            container: container.clone(),
            labels: context
                .labels()
                .into_iter()
                .map(|label| Placed {
                    label,
                    size: None,
                    marker: None,
                    shown: false,
                    offset: None,
                })
                .collect(),
            measure: Measure::new(),
        }));
        let on_move = {
            let state = Rc::clone(&state);
            Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| relabel(&state)).into_js_value()
        };
        map.on("moveend", &on_move);
        if let Some(control) = attribution_of(map) {
            control.add_attribution(&attribution(lang));
        }
        relabel(&state);
        Ok(Self {
            water,
            state,
            pending: Rc::new(Cell::new(false)),
            on_move,
            lang: Cell::new(lang),
            _style: style,
        })
    }
}

impl LateLayer for ContextLayer {
    /// Places the names again once the next frame has painted (sites were
    /// hidden or shown): reading where the markers are forces a layout,
    /// which must not delay the frame that shows the filter's change.
    fn sites_changed(&self) {
        if self.pending.replace(true) {
            return;
        }
        let state = Rc::clone(&self.state);
        let pending = Rc::clone(&self.pending);
        wasm_bindgen_futures::spawn_local(async move {
            super::page::painted().await;
            pending.set(false);
            relabel(&state);
        });
    }

    fn set_language(&self, from: Lang, to: Lang) {
        self.lang.set(to);
        if let Ok(state) = self.state.try_borrow()
            && let Some(control) = attribution_of(&state.map)
        {
            control.remove_attribution(&attribution(from));
            control.add_attribution(&attribution(to));
        }
    }

    fn remove(&self) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return;
        };
        state.alive = false;
        state.map.off("moveend", &self.on_move);
        state.map.remove_layer(&self.water);
        let _ = state.container.class_list().remove_1(FINE_BORDERS_CLASS);
        if let Some(control) = attribution_of(&state.map) {
            control.remove_attribution(&attribution(self.lang.get()));
        }
        for placed in &state.labels {
            if let (Some(marker), true) = (&placed.marker, placed.shown) {
                state.map.remove_layer(marker);
            }
        }
    }
}

fn relabel(state: &Rc<RefCell<State>>) {
    let Ok(mut state) = state.try_borrow_mut() else {
        return;
    };
    if !state.alive {
        return;
    }
    let State {
        alive: _,
        map,
        container,
        labels,
        measure,
    } = &mut *state;
    let zoom = map.get_zoom();
    // Zoomed in, the 1:10m borders stand in for the basemap's outline.
    let _ = container
        .class_list()
        .toggle_with_force(FINE_BORDERS_CLASS, zoom >= FINE_BORDER_ZOOM);
    let size = map.get_size();
    let (width, height) = (size.x(), size.y());
    let origin = container.get_bounding_client_rect();
    let obstacles: Vec<ScreenBox> = container
        .query_selector_all(OBSTACLES)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
                .map(|element| {
                    let r = element.get_bounding_client_rect();
                    ScreenBox {
                        left: r.left() - origin.left(),
                        top: r.top() - origin.top(),
                        right: r.right() - origin.left(),
                        bottom: r.bottom() - origin.top(),
                    }
                })
                .filter(|b| b.right > b.left && b.bottom > b.top)
                .collect()
        })
        .unwrap_or_default();
    // Per label, the places it may take that lie on screen, best first,
    // and the point they are around.
    let mut points = Vec::with_capacity(labels.len());
    let candidates: Vec<Candidate> = labels
        .iter_mut()
        .map(|placed| {
            points.push((0.0, 0.0));
            if placed.label.min_zoom > zoom {
                return Candidate::default();
            }
            let point = map.lat_lng_to_container_point(&to_lat_lng(placed.label.at));
            let (x, y) = (point.x(), point.y());
            // Off screen by far: not measured, not placed.
            if x < -200.0 || y < -50.0 || x > width + 200.0 || y > height + 50.0 {
                return Candidate::default();
            }
            if let Some(last) = points.last_mut() {
                *last = (x, y);
            }
            let (w, h) = *placed
                .size
                .get_or_insert_with(|| text_size(measure, container, &placed.label));
            let dot = placed.label.kind.has_dot();
            let boxes: Vec<ScreenBox> = if dot {
                places_around(x, y, w, h).collect()
            } else {
                vec![ScreenBox::centred(x, y, w, h)]
            };
            Candidate {
                boxes: boxes
                    .into_iter()
                    .filter(|b| b.inside(width, height))
                    .collect(),
                // The dot (5 px and its 1 px halo, atlas.css).
                mark: dot.then(|| ScreenBox::centred(x, y, DOT_BOX, DOT_BOX)),
            }
        })
        .collect();
    let chosen = place(&candidates, &obstacles, GAP);
    for (((placed, choice), candidate), (x, y)) in
        labels.iter_mut().zip(chosen).zip(&candidates).zip(points)
    {
        match choice.and_then(|c| candidate.boxes.get(c)) {
            Some(taken) => {
                let marker = placed
                    .marker
                    .get_or_insert_with(|| label_marker(&placed.label));
                if !placed.shown {
                    map.add_layer(marker);
                    placed.shown = true;
                }
                // A place's name moved to the side it took (the span's
                // top-left from the point; CSSOM, which the policy allows).
                let offset = (taken.left - x, taken.top - y);
                if placed.label.kind.has_dot() && placed.offset != Some(offset) {
                    if let Some(span) = element_of(marker)
                        .and_then(|e| e.first_element_child())
                        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                    {
                        let _ = span.style().set_property(
                            "transform",
                            &format!("translate({:.1}px, {:.1}px)", offset.0, offset.1),
                        );
                    }
                    placed.offset = Some(offset);
                }
            }
            None => {
                if let (Some(marker), true) = (&placed.marker, placed.shown) {
                    map.remove_layer(marker);
                    placed.shown = false;
                }
            }
        }
    }
}

/// Where a place's name may sit, tried in order: beside its dot (right
/// first, as maps do, then left, above, below), then the same farther
/// out, clear of a site's marker standing on the place (13 px from its
/// centre to its edge) and then of the markers spread around it.
const DISTANCES: [f64; 3] = [6.0, 20.0, 34.0];

/// The boxes a name `w` × `h` may take around a point at (`x`, `y`).
fn places_around(x: f64, y: f64, w: f64, h: f64) -> impl Iterator<Item = ScreenBox> {
    DISTANCES.into_iter().flat_map(move |d| {
        [
            (d + w / 2.0, 0.0),
            (-d - w / 2.0, 0.0),
            (0.0, -d - h / 2.0),
            (0.0, d + h / 2.0),
        ]
        .map(|(dx, dy)| ScreenBox::centred(x + dx, y + dy, w, h))
    })
}

/// A label as a non-interactive marker whose text is set with
/// `textContent`, never parsed as HTML. Hidden from assistive technology:
/// the sites are the map's content, and a list of nearby towns in screen
/// order would only be noise.
fn label_marker(label: &Label) -> leaflet::Marker {
    text_label(&label.text, label.kind.class(), label.at, true).0
}

/// The label's text size in px, in the font the stylesheet gives its kind.
fn text_size(measure: &mut Measure, container: &HtmlElement, label: &Label) -> (f64, f64) {
    let fallback = (label.text.chars().count() as f64 * 8.0, 16.0);
    let Some(context) = measure.canvas.as_ref() else {
        return fallback;
    };
    let font = match measure
        .fonts
        .iter()
        .find(|(kind, _, _)| *kind == label.kind)
    {
        Some(found) => found,
        None => {
            let Some((font, height)) = probe_font(container, label.kind) else {
                return fallback;
            };
            measure.fonts.push((label.kind, font, height));
            let Some(last) = measure.fonts.last() else {
                return fallback;
            };
            last
        }
    };
    context.set_font(&font.1);
    let width = context
        .measure_text(&label.text)
        .map(|m| m.width())
        .unwrap_or(fallback.0);
    (width.ceil() + 2.0, font.2)
}

/// The font (CSS shorthand) and line height of a label of `kind`: read from
/// a probe element with its classes inside the map, where the stylesheet's
/// rules apply, once per kind.
fn probe_font(container: &HtmlElement, kind: LabelKind) -> Option<(String, f64)> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let probe = document.create_element("div").ok()?;
    probe.set_class_name(&format!("{} atlas-label-probe", kind.class()));
    let span = document.create_element("span").ok()?;
    span.set_text_content(Some("Xg"));
    probe.append_child(&span).ok()?;
    container.append_child(&probe).ok()?;
    let font = window
        .get_computed_style(&span)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("font").ok());
    let height = span.get_bounding_client_rect().height().ceil();
    probe.remove();
    font.filter(|f| !f.is_empty()).map(|f| (f, height.max(1.0)))
}
