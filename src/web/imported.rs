//! The user's imported features on canvases of our own, one per group
//! (`overlay::Overlay`). Leaflet holds no object per feature: after each
//! pan or zoom the visible groups are redrawn from the flat, projected
//! coordinates, rasterised in Rust (`raster`) and put on the canvas in one
//! call — by the import's worker (`import_worker::Painter`), which keeps
//! its own copy of the overlay, so the page only puts the pixels; or, when
//! there is no worker, by the page itself. Hiding a group hides its canvas
//! (no redraw); a click is hit-tested in Rust, on the page. Only the
//! selected feature becomes a Leaflet layer, built when it is selected.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
    sync::Arc,
};

use wasm_bindgen::{Clamped, JsCast, JsValue, closure::Closure};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, ImageData};

use super::describe;
use super::events::MapError;
use super::import_worker::{Drawn, Painter, WorkerError};
use super::js::{container_to_layer_point, js_object, pixel_origin, to_lat_lng};
use super::page::mark_drawn;
use crate::geo::bounds::LatLon;
use crate::userdata::import::Shape;
use crate::userdata::overlay::{Overlay, Viewport};
use crate::userdata::raster::{Raster, Request, Rgb, Style};

/// Ink of imported features: dark grey and yellow, apart from every
/// sector colour.
const INK: Rgb = [0x33, 0x33, 0x33];
const FILL: Rgb = [0xf0, 0xc8, 0x08];
const FILL_CSS: &str = "#f0c808";
const DOT_RADIUS: f64 = 4.0;
/// Vertices closer than this (px) to the last one drawn are skipped.
const MIN_STEP_PX: f64 = 1.0;
/// The canvases reach this share of the map's size beyond each edge, so a
/// pan shows drawn features until the redraw at its end.
const PADDING: f64 = 0.15;
/// A click this close (px) to a feature selects it.
const HIT_TOLERANCE_PX: f64 = 6.0;
/// On the map's container while the pointer is over an imported feature.
const HOVER_CLASS: &str = "atlas-import-hover";

struct Canvases {
    overlay: Arc<Overlay>,
    canvases: Vec<HtmlCanvasElement>,
    /// The whole layer shown by the user (its pane is hidden otherwise).
    visible: Cell<bool>,
    /// Per group: shown by the user.
    shown: RefCell<Vec<bool>>,
    /// Per group: the viewport its canvas shows.
    drawn: RefCell<Vec<Option<Viewport>>>,
    /// The current viewport and the canvases' top-left layer point.
    view: Cell<Option<(Viewport, (f64, f64))>>,
    /// The import's worker, which draws; `None`: the page draws.
    painter: RefCell<Option<Painter>>,
    /// Per group: the drawing asked of the worker, one at a time.
    asked: RefCell<Vec<Option<Asked>>>,
    tickets: Cell<u32>,
    /// Masks and pixels when the page draws, reused from one draw to the
    /// next.
    raster: RefCell<Raster>,
    /// The first complete drawing has been marked (`atlas:import-drawn`)
    /// and told (`on_drawn`).
    marked: Cell<bool>,
    on_drawn: Rc<dyn Fn()>,
    /// Told when a group cannot be drawn, so the user learns of it rather
    /// than seeing an empty layer.
    on_error: Rc<dyn Fn(MapError)>,
}

/// A drawing asked of the worker: its ticket, the viewport and the
/// canvases' top-left layer point it is for.
type Asked = (u32, Viewport, (f64, f64));

/// The imported layer on the map.
pub(super) struct ImportedLayer {
    pane: Element,
    state: Rc<Canvases>,
    /// Map listeners, removed with the layer.
    listeners: Vec<(&'static str, JsValue)>,
    selected: RefCell<Option<leaflet::Layer>>,
}

impl ImportedLayer {
    /// Creates one canvas per group in `pane` and draws them, in `painter`
    /// (the import's worker) if there is one, else on the page.
    pub(super) fn new(
        map: &leaflet::Map,
        pane: Element,
        overlay: Arc<Overlay>,
        painter: Option<Painter>,
        on_select: Rc<dyn Fn(usize)>,
        on_drawn: Rc<dyn Fn()>,
        on_error: Rc<dyn Fn(MapError)>,
    ) -> Result<ImportedLayer, MapError> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| MapError::Canvas("the page has no document".to_owned()))?;
        let canvases = overlay
            .groups()
            .iter()
            .map(|_| {
                let canvas = document
                    .create_element("canvas")
                    .map_err(|e| MapError::Canvas(describe(&e)))?
                    .dyn_into::<HtmlCanvasElement>()
                    .map_err(|_| MapError::Canvas("a canvas is not a canvas".to_owned()))?;
                // Hidden during Leaflet's zoom animation, redrawn after it.
                canvas.set_class_name("atlas-import-canvas leaflet-zoom-hide");
                pane.append_child(&canvas)
                    .map_err(|e| MapError::Canvas(describe(&e)))?;
                Ok(canvas)
            })
            .collect::<Result<Vec<HtmlCanvasElement>, MapError>>();
        let canvases = match canvases {
            Ok(canvases) => canvases,
            Err(e) => {
                // Leave no half-made layer behind.
                while let Some(child) = pane.first_child() {
                    let _ = pane.remove_child(&child);
                }
                return Err(e);
            }
        };
        let groups = overlay.groups().len();
        let state = Rc::new(Canvases {
            overlay,
            canvases,
            visible: Cell::new(true),
            shown: RefCell::new(vec![true; groups]),
            drawn: RefCell::new(vec![None; groups]),
            view: Cell::new(None),
            painter: RefCell::new(None),
            asked: RefCell::new(vec![None; groups]),
            tickets: Cell::new(0),
            raster: RefCell::new(Raster::default()),
            marked: Cell::new(false),
            on_drawn,
            on_error,
        });
        if let Some(mut painter) = painter {
            let drawn = Rc::downgrade(&state);
            let failed = Rc::downgrade(&state);
            painter.listen(
                move |pixels| {
                    if let Some(state) = drawn.upgrade() {
                        state.put(pixels);
                    }
                },
                move |e| {
                    if let Some(state) = failed.upgrade() {
                        state.fail(&e.to_string());
                    }
                },
            );
            *state.painter.borrow_mut() = Some(painter);
        }
        let redraw = {
            let state = Rc::clone(&state);
            let map = map.clone();
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| state.redraw(&map))
                .into_js_value()
        };
        let click = {
            let state = Rc::clone(&state);
            Closure::<dyn Fn(leaflet::MouseEvent)>::new(move |event: leaflet::MouseEvent| {
                if let Some(index) = state.hit(&event) {
                    on_select(index);
                }
            })
            .into_js_value()
        };
        // The pointer cursor over a feature, as over any clickable layer.
        let container = map.get_container();
        let hover = {
            let state = Rc::clone(&state);
            let container = container.clone();
            Closure::<dyn Fn(leaflet::MouseEvent)>::new(move |event: leaflet::MouseEvent| {
                let over = state.hit(&event).is_some();
                let _ = container.class_list().toggle_with_force(HOVER_CLASS, over);
            })
            .into_js_value()
        };
        let leave = Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
            let _ = container.class_list().remove_1(HOVER_CLASS);
        })
        .into_js_value();
        let listeners = vec![
            ("moveend", redraw.clone()),
            ("resize", redraw),
            ("click", click),
            ("mousemove", hover),
            ("mouseout", leave),
        ];
        for (name, listener) in &listeners {
            map.on(name, listener);
        }
        state.redraw(map);
        Ok(ImportedLayer {
            pane,
            state,
            listeners,
            selected: RefCell::new(None),
        })
    }

    /// Shows the groups whose entry in `shown` is true; hides the others.
    pub(super) fn set_shown(&self, shown: &[bool]) {
        let changed = {
            let mut current = self.state.shown.borrow_mut();
            let changed = current.as_slice() != shown;
            for (k, value) in current.iter_mut().enumerate() {
                *value = shown.get(k).copied().unwrap_or(true);
            }
            changed
        };
        if changed {
            self.state.apply();
        }
    }

    /// Shows or hides the whole layer.
    pub(super) fn set_visible(&self, visible: bool) {
        self.state.visible.set(visible);
        let _ = self.pane.dyn_ref::<web_sys::HtmlElement>().map(|p| {
            p.style()
                .set_property("display", if visible { "" } else { "none" })
        });
    }

    /// Highlights feature `selected` (or nothing) with a Leaflet layer of
    /// its own, drawn from the overlay's positions, and, with `frame`, moves
    /// the map to it.
    pub(super) fn select(&self, map: &leaflet::Map, selected: Option<usize>, frame: bool) {
        if let Some(old) = self.selected.borrow_mut().take() {
            map.remove_layer(&old);
        }
        let Some(index) = selected else {
            return;
        };
        let shapes = self.state.overlay.shapes(index);
        if shapes.is_empty() {
            return;
        }
        let group = leaflet::FeatureGroup::new();
        let options = js_object(&[
            ("color", JsValue::from_str("#000000")),
            ("weight", JsValue::from_f64(4.0)),
            ("fillColor", JsValue::from_str(FILL_CSS)),
            ("fillOpacity", JsValue::from_f64(0.5)),
            ("radius", JsValue::from_f64(DOT_RADIUS + 2.0)),
            ("interactive", JsValue::FALSE),
        ]);
        for shape in &shapes {
            let layer: leaflet::Layer = match shape {
                Shape::Point(p) => {
                    leaflet::CircleMarker::new_with_options(&to_lat_lng(*p), &options)
                        .unchecked_into()
                }
                Shape::Line(points) => {
                    leaflet::Polyline::new_with_options(&lat_lngs(points), options.unchecked_ref())
                        .into()
                }
                Shape::Polygon(rings) => {
                    let rings: js_sys::Array =
                        rings.iter().map(|r| JsValue::from(lat_lngs(r))).collect();
                    leaflet::Polygon::new_with_options(&rings, options.unchecked_ref()).into()
                }
            };
            group.add_layer(&layer);
        }
        map.add_layer(&group);
        if frame && let Some((south_west, north_east)) = self.state.overlay.bounds(index) {
            let bounds =
                leaflet::LatLngBounds::new(&to_lat_lng(south_west), &to_lat_lng(north_east));
            let options = js_object(&[
                ("padding", js_sys::Array::of2(&40.into(), &40.into()).into()),
                (
                    "maxZoom",
                    JsValue::from_f64(crate::geo::bounds::FRAME_MAX_ZOOM),
                ),
            ]);
            map.fit_bounds_with_options(&bounds, &options);
        }
        *self.selected.borrow_mut() = Some(group.unchecked_into());
    }

    /// Removes the canvases, the highlight and the listeners, and
    /// terminates the worker that drew them.
    pub(super) fn remove(&self, map: &leaflet::Map) {
        drop(self.state.painter.borrow_mut().take());
        for (name, listener) in &self.listeners {
            map.off(name, listener);
        }
        let _ = map.get_container().class_list().remove_1(HOVER_CLASS);
        if let Some(old) = self.selected.borrow_mut().take() {
            map.remove_layer(&old);
        }
        for canvas in &self.state.canvases {
            canvas.remove();
        }
    }
}

fn lat_lngs(points: &[LatLon]) -> js_sys::Array {
    points
        .iter()
        .map(|p| JsValue::from(to_lat_lng(*p)))
        .collect()
}

impl Canvases {
    /// Reads the map's view, moves the canvases over it and redraws the
    /// shown groups; hidden ones are redrawn when shown again.
    fn redraw(&self, map: &leaflet::Map) {
        let size = map.get_size();
        let (width, height) = (size.x(), size.y());
        let pad = (width * PADDING, height * PADDING);
        let top_left = leaflet::Point::new(-pad.0, -pad.1);
        let top_left = container_to_layer_point(map, &top_left);
        let top_left = (top_left.x(), top_left.y());
        let origin = pixel_origin(map);
        let origin = (origin.x(), origin.y());
        let view = Viewport {
            scale: 256.0 * 2f64.powf(map.get_zoom()),
            origin: (origin.0 + top_left.0, origin.1 + top_left.1),
            width: width + 2.0 * pad.0,
            height: height + 2.0 * pad.1,
        };
        self.view.set(Some((view, top_left)));
        self.apply();
    }

    /// Shows and hides canvases to match `shown`, drawing any shown one
    /// that is not drawn for the current view: at once on the page, or
    /// asked of the worker, in which case a canvas keeps its old drawing
    /// meanwhile if that is at the current zoom (after a pan it is still in
    /// place) and is hidden if not.
    fn apply(&self) {
        let Some((view, top_left)) = self.view.get() else {
            return;
        };
        let in_worker = self.painter.borrow().is_some();
        let mut broken = None;
        {
            let shown = self.shown.borrow();
            let mut drawn = self.drawn.borrow_mut();
            for (group, canvas) in self.canvases.iter().enumerate() {
                let show = shown.get(group).copied().unwrap_or(true);
                let style = canvas.style();
                let _ = style.set_property("display", if show { "" } else { "none" });
                let on_canvas = drawn.get(group).copied().flatten();
                if !show || on_canvas == Some(view) {
                    continue;
                }
                if in_worker {
                    let in_place = on_canvas.is_some_and(|v| v.scale == view.scale);
                    let _ = style.set_property("visibility", if in_place { "" } else { "hidden" });
                    if let Err(e) = self.ask(group, view, top_left) {
                        broken.get_or_insert(e);
                    }
                    continue;
                }
                let request = self.request(group, view);
                let drew = self
                    .raster
                    .try_borrow_mut()
                    .map_err(|_| MapError::Canvas("the layer was drawn twice at once".to_owned()));
                let put = drew.and_then(|mut raster| {
                    let (width, height) = request.size();
                    let pixels = raster.render(&self.overlay, &request);
                    let image = ImageData::new_with_u8_clamped_array_and_sh(
                        Clamped(pixels),
                        width as u32,
                        height as u32,
                    )
                    .map_err(|e| MapError::Canvas(describe(&e)))?;
                    show_pixels(canvas, &view, top_left, &image)
                });
                match put {
                    Ok(()) => {
                        if let Some(slot) = drawn.get_mut(group) {
                            *slot = Some(view);
                        }
                    }
                    Err(e) => (self.on_error)(e),
                }
            }
        }
        if let Some(e) = broken {
            self.fail(&e.to_string());
            return;
        }
        self.mark_when_drawn();
    }

    /// What group `group` needs drawn for `view`, in the layer's look.
    fn request(&self, group: usize, view: Viewport) -> Request {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        Request {
            group,
            view,
            ratio,
            min_step: MIN_STEP_PX,
            style: Style {
                ink: INK,
                fill: FILL,
                area_opacity: 0.35,
                line_width: 2.0 * ratio,
                outline_width: 1.5 * ratio,
                dot_radius: DOT_RADIUS * ratio,
                dot_core: (DOT_RADIUS - 1.5) * ratio,
            },
        }
    }

    /// Asks the worker to draw `group` for `view`, unless it is drawing
    /// that group already (its answer then asks again if the view has moved
    /// on since).
    fn ask(&self, group: usize, view: Viewport, top_left: (f64, f64)) -> Result<(), WorkerError> {
        let Ok(mut asked) = self.asked.try_borrow_mut() else {
            return Ok(());
        };
        let Some(slot) = asked.get_mut(group) else {
            return Ok(());
        };
        if slot.is_some() {
            return Ok(());
        }
        let ticket = self.tickets.get().wrapping_add(1);
        self.tickets.set(ticket);
        let request = self.request(group, view);
        if let Some(painter) = self.painter.borrow().as_ref() {
            painter.request(ticket, &request)?;
            *slot = Some((ticket, view, top_left));
        }
        Ok(())
    }

    /// A drawing from the worker: put on its canvas if it is at the current
    /// zoom (an older one at another zoom is dropped), then whatever the
    /// view needs now is asked for.
    fn put(&self, pixels: Drawn) {
        let answered = {
            let Ok(mut asked) = self.asked.try_borrow_mut() else {
                return;
            };
            asked
                .iter_mut()
                .enumerate()
                .find(|(_, a)| a.is_some_and(|(ticket, _, _)| ticket == pixels.ticket))
                .and_then(|(group, slot)| {
                    slot.take()
                        .map(|(_, view, top_left)| (group, view, top_left))
                })
        };
        let Some((group, view, top_left)) = answered else {
            return;
        };
        let current = self.view.get().map(|(v, _)| v);
        if current.is_some_and(|v| v.scale == view.scale)
            && let Some(canvas) = self.canvases.get(group)
        {
            let image = ImageData::new_with_js_u8_clamped_array_and_sh(
                &pixels.pixels,
                pixels.width,
                pixels.height,
            )
            .map_err(|e| MapError::Canvas(describe(&e)));
            let put = image.and_then(|image| show_pixels(canvas, &view, top_left, &image));
            if put.is_ok() {
                let _ = canvas.style().set_property("visibility", "");
            }
            // Failed or not, this view is done with: a canvas the browser
            // will not give is asked for again only for another view.
            if let Some(slot) = self.drawn.borrow_mut().get_mut(group) {
                *slot = Some(view);
            }
            if let Err(e) = put {
                (self.on_error)(e);
            }
        }
        self.apply();
    }

    /// The worker cannot draw: said once (the map's error notice), and the
    /// page draws from now on.
    fn fail(&self, why: &str) {
        let Some(painter) = self.painter.borrow_mut().take() else {
            return;
        };
        drop(painter);
        self.asked.borrow_mut().fill(None);
        (self.on_error)(MapError::Canvas(format!(
            "the import's worker stopped drawing ({why}); the page draws it instead, more slowly"
        )));
        self.apply();
    }

    /// Tells `on_drawn` and leaves `atlas:import-drawn` (for the benchmarks
    /// and profiles) once, when every shown group is first drawn for the
    /// current view.
    fn mark_when_drawn(&self) {
        if self.marked.get() {
            return;
        }
        let Some((view, _)) = self.view.get() else {
            return;
        };
        let shown = self.shown.borrow();
        let drawn = self.drawn.borrow();
        let done = drawn
            .iter()
            .enumerate()
            .all(|(g, d)| !shown.get(g).copied().unwrap_or(true) || *d == Some(view));
        drop((shown, drawn));
        if done {
            self.marked.set(true);
            mark_drawn("import");
            (self.on_drawn)();
        }
    }

    /// The feature under a map click, unless the click was on a site or
    /// the layer is hidden.
    fn hit(&self, event: &leaflet::MouseEvent) -> Option<usize> {
        if !self.visible.get() {
            return None;
        }
        let on_site = event
            .original_event()
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest(".atlas-site").ok().flatten())
            .is_some();
        if on_site {
            return None;
        }
        let (view, top_left) = self.view.get()?;
        let point = event.layer_point();
        let at = (point.x() - top_left.0, point.y() - top_left.1);
        self.overlay
            .hit(&view, at, HIT_TOLERANCE_PX, &self.shown.borrow())
    }
}

/// Sizes and places `canvas` for `view` at layer point `top_left` and puts
/// `image` on it, in one call.
fn show_pixels(
    canvas: &HtmlCanvasElement,
    view: &Viewport,
    top_left: (f64, f64),
    image: &ImageData,
) -> Result<(), MapError> {
    let (width, height) = (image.width(), image.height());
    canvas.set_width(width);
    canvas.set_height(height);
    let style = canvas.style();
    let _ = style.set_property("width", &format!("{}px", view.width));
    let _ = style.set_property("height", &format!("{}px", view.height));
    let _ = style.set_property(
        "transform",
        &format!("translate3d({}px, {}px, 0)", top_left.0, top_left.1),
    );
    let ctx = canvas
        .get_context("2d")
        .map_err(|e| MapError::Canvas(describe(&e)))?
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| {
            MapError::Canvas(format!(
                "the browser gave no 2D canvas of {width} × {height} pixels"
            ))
        })?;
    ctx.put_image_data(image, 0.0, 0.0)
        .map_err(|e| MapError::Canvas(describe(&e)))
}
