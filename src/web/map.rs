//! The Leaflet map.
//!
//! `AtlasMap::mount` builds the map inside a container element: the embedded
//! basemap in its own pane under everything, country labels, the optional
//! OpenStreetMap tile layer in a layer switch, and the attribution.
//! `show_sites` draws the sites once, one Leaflet layer group per legend
//! entry; afterwards filtering only adds and removes layers
//! (`set_visible`) and selection only toggles a class and a halo
//! (`select`). The rest of the app sees plain Rust types (`View`,
//! `MapError`) and callbacks (`MapHandlers`).
//!
//! Lifecycle, as in Leaflet's own layers: everything created in `mount` is
//! released by `AtlasMap::remove`, which the owning component calls from
//! `on_cleanup`.

use std::{cell::Cell, rc::Rc, sync::Arc};

use js_sys::{Function, Object, Reflect};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue, closure::Closure, prelude::wasm_bindgen};
use web_sys::{Document, Element, HtmlElement, ResizeObserver};

use super::describe;
use super::imported::ImportedLayer;
use crate::basemap::{FOCUS_COUNTRIES, basemap_geojson, focus_country};
use crate::declutter::declutter;
use crate::filter::Layer;
use crate::geo_bounds::{GeoBounds, INITIAL_BOUNDS, LatLon, MAX_BOUNDS};
use crate::import::ImportedFeature;
use crate::model::{Precision, Site, SiteGeometry};
use crate::overlay::Overlay;
use crate::permalink::View;
use crate::symbols::{
    APPROXIMATE_DASH, Glyph, LineStyle, Paint, glyph, line_style, pixels_per_km, sector_colour,
};

/// What can stop the map from being built. Each message tells the user what
/// happened in words they can act on.
#[derive(Debug, Error)]
pub enum MapError {
    #[error("the map library (Leaflet) did not load, so the map cannot be drawn")]
    LeafletMissing,
    #[error("the map could not be created: {0}")]
    Create(String),
    #[error("the built-in basemap could not be read: {0}")]
    Basemap(String),
}

/// What the map tells the rest of the app.
pub struct MapHandlers {
    /// The OpenStreetMap tile layer failed to load a tile.
    pub on_tile_error: Box<dyn Fn()>,
    /// The user clicked a site, or pressed Enter or Space on it: its index
    /// in the slice given to `show_sites`.
    pub on_select: Box<dyn Fn(usize)>,
    /// The view settled after a pan or zoom.
    pub on_view: Box<dyn Fn(View)>,
    /// The user clicked an imported feature: its index in the import.
    pub on_select_imported: Box<dyn Fn(usize)>,
}

/// Lowest and highest zoom levels the atlas allows. At 3 the whole region
/// fits a laptop screen; beyond 10 the 1:50m basemap is too coarse.
const MIN_ZOOM: f64 = 3.0;
const MAX_ZOOM: f64 = 10.0;

/// Pane z-indices: the basemap lies under Leaflet's tile pane (200) so that
/// OpenStreetMap tiles, when switched on and reachable, cover it, and show it
/// through wherever they fail. Labels sit above tiles, below data (400).
const BASEMAP_PANE: (&str, &str) = ("atlas-basemap", "150");
const LABEL_PANE: (&str, &str) = ("atlas-labels", "350");
/// Halos showing an approximate site's radius: under routes and markers.
const HALO_PANE: (&str, &str) = ("atlas-halos", "390");
/// The user's imported features: under the halos and the report's sites.
const IMPORT_PANE: (&str, &str) = ("atlas-import", "380");

/// A framed point is shown at least at this zoom; a framed route is
/// fitted, but not closer than `FRAME_MAX_ZOOM`.
const FRAME_POINT_ZOOM: f64 = 7.0;
pub(super) const FRAME_MAX_ZOOM: f64 = 8.0;

/// Marker size in px; markers closer than this on screen are spread apart
/// (`declutter`) so that each stays visible and clickable.
const MARKER_PX: f64 = 26.0;
const DECLUTTER_GAP_PX: f64 = 27.0;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
// Credit links open in a new tab, so following one never unloads the atlas
// (a reload costs a slow connection the whole bundle again).
macro_rules! new_tab {
    () => {
        r#"target="_blank" rel="noopener noreferrer""#
    };
}
const OSM_ATTRIBUTION: &str = concat!(
    r#"&copy; <a href="https://www.openstreetmap.org/copyright" "#,
    new_tab!(),
    ">OpenStreetMap</a> contributors"
);
const BASEMAP_ATTRIBUTION: &str = concat!(
    r#"Basemap: <a href="https://www.naturalearthdata.com/" "#,
    new_tab!(),
    ">Natural Earth</a> 1:50m via world-atlas"
);

#[wasm_bindgen]
extern "C" {
    /// `L.geoJSON(data, options)`: leaflet-rs 0.5 declares it but does not
    /// export it. A factory, so the result is cast, never `dyn_into`.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    fn geo_json_layer(data: &JsValue, options: &JsValue) -> leaflet::GeoJson;

    /// `L.divIcon(options)`: leaflet-rs 0.5's `DivIcon::new` constructs an
    /// `L.Icon` instead, which throws without an image URL.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &JsValue) -> leaflet::Icon;
}

/// One drawn site.
struct SiteLayer {
    /// A marker (as opposed to a route).
    point: bool,
    /// The interactive layer: a marker, or a route's casing.
    main: leaflet::Layer,
    /// A route's white inner line (railway ties, road centre), not interactive.
    inner: Option<leaflet::Layer>,
    /// The approximate-location halo, shown on hover, focus and selection.
    halo: Option<Halo>,
    /// Index into `AtlasMap::groups`.
    group: usize,
    visible: Cell<bool>,
}

struct Halo {
    layer: leaflet::Layer,
    /// For a route: its radius and mean latitude, to size the stroke in px.
    route: Option<(f64, f64)>,
}

/// State shared with the event handlers of the drawn sites.
struct Shared {
    sites: Vec<SiteLayer>,
    selected: Cell<Option<usize>>,
    hovered: Cell<Option<usize>>,
}

impl Shared {
    fn halo_wanted(&self, index: usize) -> bool {
        self.selected.get() == Some(index) || self.hovered.get() == Some(index)
    }

    /// Shows or hides the halo of `index` to match hover and selection.
    fn update_halo(&self, map: &leaflet::Map, halos: &leaflet::LayerGroup, index: usize) {
        let Some(site) = self.sites.get(index) else {
            return;
        };
        let Some(halo) = &site.halo else {
            return;
        };
        if self.halo_wanted(index) && site.visible.get() {
            if let Some((km, lat)) = halo.route {
                set_style(
                    &halo.layer,
                    &[("weight", route_halo_px(km, lat, map.get_zoom()))],
                );
            }
            halos.add_layer(&halo.layer);
        } else {
            halos.remove_layer(&halo.layer);
        }
    }
}

/// A route's halo is a stroke as wide as the uncertainty on both sides.
fn route_halo_px(km: f64, lat: f64, zoom: f64) -> JsValue {
    JsValue::from_f64((2.0 * km * pixels_per_km(lat, zoom)).max(6.0))
}

/// A live Leaflet map and the JS objects that must outlive `mount`.
pub struct AtlasMap {
    map: leaflet::Map,
    handlers: Rc<MapHandlers>,
    /// One group per legend entry, in legend order.
    groups: Vec<(Layer, leaflet::LayerGroup)>,
    halos: leaflet::LayerGroup,
    /// Leader lines from spread markers to their true places.
    leaders: leaflet::LayerGroup,
    shared: Rc<Shared>,
    /// The user's imported features, on canvases of their own.
    imported: Option<ImportedLayer>,
    resize_observer: Option<ResizeObserver>,
    /// Closures handed to Leaflet; dropping them would leave Leaflet calling
    /// freed functions, so they live exactly as long as the map.
    callbacks: Vec<JsValue>,
}

impl AtlasMap {
    /// Creates the map in `container`, at `view` or, without one, framed on
    /// Central Asia and Xinjiang.
    pub fn mount(
        container: &HtmlElement,
        handlers: MapHandlers,
        view: Option<View>,
    ) -> Result<Self, MapError> {
        if leaflet_global().is_undefined() {
            return Err(MapError::LeafletMissing);
        }

        let options = leaflet::MapOptions::new();
        options.set_min_zoom(MIN_ZOOM);
        options.set_max_zoom(MAX_ZOOM);
        options.set_zoom_snap(0.25);
        options.set_max_bounds(to_lat_lng_bounds(&MAX_BOUNDS));
        options.set_max_bounds_viscosity(0.8);
        let map = leaflet::Map::new_with_element(container, &options)
            .map_err(|e| MapError::Create(describe(&e)))?;
        match view {
            Some(v) => {
                map.set_view(&to_lat_lng(LatLon::new(v.lat(), v.lon())), v.zoom());
            }
            None => {
                map.fit_bounds(&to_lat_lng_bounds(&INITIAL_BOUNDS));
            }
        }

        let handlers = Rc::new(handlers);
        let mut callbacks = Vec::new();
        add_attribution(&map);
        add_pane(&map, BASEMAP_PANE);
        add_pane(&map, LABEL_PANE);
        add_pane(&map, HALO_PANE);
        add_pane(&map, IMPORT_PANE);
        super::mark("atlas:map-created");
        callbacks.push(add_basemap(&map)?);
        super::mark("atlas:basemap-added");
        add_country_labels(&map);
        callbacks.push(add_layer_switch(&map, &handlers));
        callbacks.push(publish_view(&map, container, &handlers));

        let halos = leaflet::LayerGroup::new();
        map.add_layer(&halos);
        let leaders = leaflet::LayerGroup::new();
        map.add_layer(&leaders);

        let resize_observer = observe_size(&map, container, &mut callbacks);
        Ok(Self {
            map,
            handlers,
            groups: Vec::new(),
            halos,
            leaders,
            imported: None,
            shared: Rc::new(Shared {
                sites: Vec::new(),
                selected: Cell::new(None),
                hovered: Cell::new(None),
            }),
            resize_observer,
            callbacks,
        })
    }

    /// Draws `sites` once, all visible, one layer group per entry of
    /// `layers` (the legend). Points become round markers with their
    /// category's pictogram, routes cased lines in their category's style;
    /// approximate sites are hollow or dashed. Every site is a focusable
    /// element named after the site that Enter and Space activate, with the
    /// classes `atlas-site`, `atlas-site-point` or `atlas-site-line`,
    /// `atlas-site-id-…`, `atlas-sector-…`, `atlas-category-…` and
    /// `atlas-precision-…`.
    pub fn show_sites(&mut self, sites: &[Site], layers: &[Layer]) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        self.groups = layers
            .iter()
            .map(|layer| {
                let group = leaflet::LayerGroup::new();
                self.map.add_layer(&group);
                (*layer, group)
            })
            .collect();
        let mut drawn = Vec::with_capacity(sites.len());
        for site in sites {
            let group = self
                .groups
                .iter()
                .position(|(layer, _)| *layer == Layer::of(site))
                .unwrap_or(0);
            let (main, inner) = match &site.geometry {
                SiteGeometry::Point(at) => (point_marker(&document, site, *at), None),
                SiteGeometry::Line(points) => route_lines(site, points),
            };
            bind_tooltip(&document, &main, site);
            drawn.push(SiteLayer {
                point: matches!(site.geometry, SiteGeometry::Point(_)),
                main,
                inner,
                halo: site_halo(site),
                group,
                visible: Cell::new(true),
            });
        }
        self.shared = Rc::new(Shared {
            sites: drawn,
            selected: Cell::new(None),
            hovered: Cell::new(None),
        });
        for (index, site) in sites.iter().enumerate() {
            self.wire_site(index, &format!("{} ({})", site.name, site.category.label()));
        }
        for site in &self.shared.sites {
            let Some((_, group)) = self.groups.get(site.group) else {
                continue;
            };
            group.add_layer(&site.main);
            if let Some(inner) = &site.inner {
                group.add_layer(inner);
            }
        }
        let on_zoom = {
            let (shared, map, halos, leaders) = (
                Rc::clone(&self.shared),
                self.map.clone(),
                self.halos.clone(),
                self.leaders.clone(),
            );
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
                for index in [shared.selected.get(), shared.hovered.get()]
                    .into_iter()
                    .flatten()
                {
                    shared.update_halo(&map, &halos, index);
                }
                declutter_markers(&map, &shared, &leaders);
            })
            .into_js_value()
        };
        self.map.on("zoomend", &on_zoom);
        self.map.on("viewreset", &on_zoom);
        self.callbacks.push(on_zoom);
        declutter_markers(&self.map, &self.shared, &self.leaders);
    }

    /// Connects a drawn site to the user: click, Enter and Space select it;
    /// hover and focus show its halo; each time Leaflet (re)creates its
    /// element, the element gets its name, role and tab stop.
    fn wire_site(&mut self, index: usize, label: &str) {
        let Some(site) = self.shared.sites.get(index) else {
            return;
        };
        let select = {
            let handlers = Rc::clone(&self.handlers);
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| (handlers.on_select)(index))
                .into_js_value()
        };
        let on_key = {
            let handlers = Rc::clone(&self.handlers);
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
                if matches!(event.key().as_str(), "Enter" | " " | "Spacebar") {
                    event.prevent_default();
                    event.stop_propagation();
                    (handlers.on_select)(index);
                }
            })
            .into_js_value()
        };
        let hover = |on: bool| {
            let (shared, map, halos) = (
                Rc::clone(&self.shared),
                self.map.clone(),
                self.halos.clone(),
            );
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
                let previous = shared.hovered.replace(if on { Some(index) } else { None });
                if let Some(previous) = previous {
                    shared.update_halo(&map, &halos, previous);
                }
                shared.update_halo(&map, &halos, index);
            })
            .into_js_value()
        };
        let (enter, leave) = (hover(true), hover(false));
        let on_add = {
            let (shared, label) = (Rc::clone(&self.shared), label.to_owned());
            let (on_key, enter, leave) = (on_key.clone(), enter.clone(), leave.clone());
            Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let Some(element) = event_layer_element(&event) else {
                    return;
                };
                let _ = element.set_attribute("tabindex", "0");
                let _ = element.set_attribute("role", "button");
                let _ = element.set_attribute("aria-label", &label);
                let selected = shared.selected.get() == Some(index);
                let _ = element
                    .class_list()
                    .toggle_with_force("atlas-selected", selected);
                let _ =
                    element.set_attribute("aria-pressed", if selected { "true" } else { "false" });
                for (kind, handler) in [("keydown", &on_key), ("focus", &enter), ("blur", &leave)] {
                    let _ = element.add_event_listener_with_callback(kind, handler.unchecked_ref());
                }
            })
            .into_js_value()
        };
        // Leaflet points the element's `aria-describedby` at the tooltip when
        // it opens, and leaves it there when the tooltip closes and leaves
        // the page: a reference to nothing. The name is in the label anyway.
        let on_tooltip_close = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            if let Some(element) = event_layer_element(&event) {
                let _ = element.remove_attribute("aria-describedby");
            }
        })
        .into_js_value();
        site.main.on("add", &on_add);
        site.main.on("click", &select);
        site.main.on("mouseover", &enter);
        site.main.on("mouseout", &leave);
        site.main.on("tooltipclose", &on_tooltip_close);
        self.callbacks
            .extend([select, on_key, enter, leave, on_add, on_tooltip_close]);
    }

    /// Shows exactly the sites whose flag is set (one flag per site, in
    /// the order given to `show_sites`). Layers are added and removed, never
    /// rebuilt.
    pub fn set_visible(&self, visible: &[bool]) {
        for (index, (site, &show)) in self.shared.sites.iter().zip(visible).enumerate() {
            if site.visible.replace(show) == show {
                continue;
            }
            let Some((_, group)) = self.groups.get(site.group) else {
                continue;
            };
            if show {
                group.add_layer(&site.main);
                if let Some(inner) = &site.inner {
                    group.add_layer(inner);
                }
            } else {
                group.remove_layer(&site.main);
                if let Some(inner) = &site.inner {
                    group.remove_layer(inner);
                }
            }
            self.shared.update_halo(&self.map, &self.halos, index);
        }
        declutter_markers(&self.map, &self.shared, &self.leaders);
    }

    /// Highlights the site at `index` (or none), showing its halo; with
    /// `frame`, moves the map so the site fills the view.
    pub fn select(&self, index: Option<usize>, frame: bool) {
        let previous = self.shared.selected.replace(index);
        if let Some(previous) = previous
            && let Some(site) = self.shared.sites.get(previous)
        {
            mark_selected(&site.main, false);
            self.shared.update_halo(&self.map, &self.halos, previous);
        }
        let Some(index) = index else {
            return;
        };
        let Some(site) = self.shared.sites.get(index) else {
            return;
        };
        mark_selected(&site.main, true);
        // Bringing a line to the front re-inserts its SVG path, which takes
        // keyboard focus off it: give focus back to whatever held it.
        let focused = super::page::active_element();
        call_method(site.main.as_ref(), "bringToFront", &[]);
        if let Some(inner) = &site.inner {
            call_method(inner.as_ref(), "bringToFront", &[]);
        }
        if let Some(element) = focused
            && super::page::active_element().as_ref() != Some(&element)
        {
            super::page::focus_element(&element);
        }
        self.shared.update_halo(&self.map, &self.halos, index);
        if frame {
            self.frame(&site.main);
        }
    }

    fn frame(&self, layer: &leaflet::Layer) {
        if let Some(bounds) = call_method(layer.as_ref(), "getBounds", &[]) {
            let options = js_object(&[
                ("padding", js_sys::Array::of2(&40.into(), &40.into()).into()),
                ("maxZoom", JsValue::from_f64(FRAME_MAX_ZOOM)),
            ]);
            self.map
                .fit_bounds_with_options(bounds.unchecked_ref(), &options);
        } else if let Some(at) = call_method(layer.as_ref(), "getLatLng", &[]) {
            let zoom = self.map.get_zoom().max(FRAME_POINT_ZOOM);
            self.map.set_view(at.unchecked_ref(), zoom);
        }
    }

    /// Moves the map to `view` without animation.
    pub fn set_view(&self, view: View) {
        self.map.set_view_with_options(
            &to_lat_lng(LatLon::new(view.lat(), view.lon())),
            view.zoom(),
            &js_object(&[("animate", JsValue::FALSE)]),
        );
    }

    /// Draws an import (replacing any previous one): one canvas per group
    /// of `overlay`, all shown.
    pub fn show_imported(&mut self, overlay: Arc<Overlay>) {
        self.remove_imported();
        let pane = self.map.get_pane_by_name(IMPORT_PANE.0);
        let handlers = Rc::clone(&self.handlers);
        let on_select: Rc<dyn Fn(usize)> =
            Rc::new(move |index| (handlers.on_select_imported)(index));
        self.imported = Some(ImportedLayer::new(
            &self.map,
            pane.into(),
            overlay,
            on_select,
        ));
    }

    /// Shows the imported groups whose entry in `shown` is true.
    pub fn set_imported_groups(&self, shown: &[bool]) {
        if let Some(imported) = &self.imported {
            imported.set_shown(shown);
        }
    }

    /// Shows or hides the imported layer.
    pub fn set_imported_visible(&self, visible: bool) {
        if let Some(imported) = &self.imported {
            imported.set_visible(visible);
        }
    }

    /// Removes the imported layer.
    pub fn remove_imported(&mut self) {
        if let Some(old) = self.imported.take() {
            old.remove(&self.map);
        }
    }

    /// Highlights imported feature `selected` (or none) and, with `frame`,
    /// moves the map to it.
    pub fn select_imported(&self, selected: Option<(usize, &ImportedFeature)>, frame: bool) {
        if let Some(imported) = &self.imported {
            imported.select(&self.map, selected, frame);
        }
    }

    /// Tears the map down: Leaflet removes its DOM and listeners.
    pub fn remove(&self) {
        if let Some(observer) = &self.resize_observer {
            observer.disconnect();
        }
        self.map.remove();
    }
}

/// Toggles the selected look on a site's element, if it is on the map.
fn mark_selected(layer: &leaflet::Layer, selected: bool) {
    if let Some(element) =
        call_method(layer.as_ref(), "getElement", &[]).and_then(|e| e.dyn_into::<Element>().ok())
    {
        let _ = element
            .class_list()
            .toggle_with_force("atlas-selected", selected);
        let _ = element.set_attribute("aria-pressed", if selected { "true" } else { "false" });
    }
}

fn set_style(layer: &leaflet::Layer, pairs: &[(&str, JsValue)]) {
    call_method(layer.as_ref(), "setStyle", &[js_object(pairs).into()]);
}

/// The classes every drawn site carries (ids are slugs, safe in a class).
fn site_classes(site: &Site, shape: &str) -> String {
    format!(
        "atlas-site atlas-site-{shape} atlas-site-id-{} atlas-sector-{} atlas-category-{} atlas-precision-{}",
        site.id,
        site.sector.as_str(),
        site.category.css(),
        site.precision.as_str()
    )
}

/// Spreads the visible markers that overlap at the current zoom (see
/// `crate::declutter`) by shifting each marker's element, so that every one
/// stays visible and clickable, and draws a thin leader line from each
/// moved marker to its true place (marked with a dot), so that no marker
/// misleads about where it is. Runs after every zoom and filter change.
fn declutter_markers(map: &leaflet::Map, shared: &Shared, leaders: &leaflet::LayerGroup) {
    leaders.clear_layers();
    let markers: Vec<&SiteLayer> = shared
        .sites
        .iter()
        .filter(|s| s.point && s.visible.get())
        .collect();
    let points: Vec<(f64, f64)> = markers
        .iter()
        .map(|m| {
            call_method(m.main.as_ref(), "getLatLng", &[])
                .and_then(|at| call_method(map.as_ref(), "latLngToLayerPoint", &[at]))
                .map(|p| {
                    let coord = |k: &str| {
                        Reflect::get(&p, &JsValue::from_str(k))
                            .ok()
                            .and_then(|v| v.as_f64())
                            .unwrap_or(0.0)
                    };
                    (coord("x"), coord("y"))
                })
                .unwrap_or((0.0, 0.0))
        })
        .collect();
    let half = MARKER_PX / 2.0;
    let offsets = declutter(&points, DECLUTTER_GAP_PX);
    for ((x, y), (dx, dy)) in points.iter().zip(&offsets) {
        if dx.hypot(*dy) < 1.0 {
            continue;
        }
        let at = |px: f64, py: f64| {
            let point = js_sys::Array::of2(&px.into(), &py.into());
            call_method(map.as_ref(), "layerPointToLatLng", &[point.into()])
        };
        let (Some(from), Some(to)) = (at(*x, *y), at(x + dx, y + dy)) else {
            continue;
        };
        let line_options = js_object(&[
            ("pane", JsValue::from_str(HALO_PANE.0)),
            ("interactive", JsValue::FALSE),
            ("className", JsValue::from_str("atlas-leader")),
            ("color", JsValue::from_str("#3d3d3d")),
            ("weight", JsValue::from_f64(1.2)),
            ("opacity", JsValue::from_f64(0.8)),
        ]);
        let line = leaflet::Polyline::new_with_options(
            &js_sys::Array::of2(&from, &to),
            line_options.unchecked_ref(),
        );
        leaders.add_layer(&line);
        let dot_options = js_object(&[
            ("pane", JsValue::from_str(HALO_PANE.0)),
            ("interactive", JsValue::FALSE),
            ("className", JsValue::from_str("atlas-leader-dot")),
            ("radius", JsValue::from_f64(2.5)),
            ("color", JsValue::from_str("#3d3d3d")),
            ("weight", JsValue::from_f64(1.0)),
            ("fillColor", JsValue::from_str("#3d3d3d")),
            ("fillOpacity", JsValue::from_f64(1.0)),
        ]);
        let dot = leaflet::CircleMarker::new_with_options(from.unchecked_ref(), &dot_options);
        leaders.add_layer(&dot);
    }
    for (marker, (dx, dy)) in markers.iter().zip(offsets) {
        if let Some(element) = call_method(marker.main.as_ref(), "getElement", &[])
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let style = element.style();
            let _ = style.set_property("margin-left", &format!("{}px", dx - half));
            let _ = style.set_property("margin-top", &format!("{}px", dy - half));
        }
    }
}

/// A round marker with the category's pictogram: filled in the sector
/// colour for an exactly placed site, hollow (white, coloured ring) for an
/// approximate one, hollow with a dashed ring for a symbolic one.
fn point_marker(document: &Document, site: &Site, at: LatLon) -> leaflet::Layer {
    let half = MARKER_PX / 2.0;
    let icon_options = js_object(&[
        ("className", JsValue::from_str(&site_classes(site, "point"))),
        (
            "iconSize",
            js_sys::Array::of2(&MARKER_PX.into(), &MARKER_PX.into()).into(),
        ),
        (
            "iconAnchor",
            js_sys::Array::of2(&half.into(), &half.into()).into(),
        ),
    ]);
    if let Some(svg) = marker_svg(document, site) {
        let _ = Reflect::set(&icon_options, &JsValue::from_str("html"), &svg);
    }
    let options = leaflet::MarkerOptions::new();
    options.set_icon(div_icon(&icon_options));
    // Keyboard access is ours (tab stop, name, Enter and Space), for
    // markers and routes alike; Leaflet's covers markers and Enter only.
    options.set_keyboard(false);
    options.set_rise_on_hover(true);
    leaflet::Marker::new_with_options(&to_lat_lng(at), &options).into()
}

/// The marker's SVG, built node by node from our own symbol definitions.
fn marker_svg(document: &Document, site: &Site) -> Option<JsValue> {
    let colour = sector_colour(site.sector);
    let filled = site.precision == Precision::Exact;
    let svg = svg_element(
        document,
        "svg",
        &[("viewBox", "0 0 26 26"), ("aria-hidden", "true")],
    )?;
    let ring = svg_element(
        document,
        "circle",
        &[
            ("class", "atlas-marker-ring"),
            ("cx", "13"),
            ("cy", "13"),
            ("r", "11.5"),
            ("fill", if filled { colour } else { "#ffffff" }),
            ("stroke", if filled { "#ffffff" } else { colour }),
            ("stroke-width", if filled { "1.5" } else { "2.5" }),
        ],
    )?;
    if site.precision == Precision::Symbolic {
        let _ = ring.set_attribute("stroke-dasharray", "3.2 2.2");
    }
    let _ = svg.append_child(&ring);
    if let Some(glyph) = glyph(site.category) {
        let ink = if filled { "#ffffff" } else { colour };
        let g = draw_glyph(document, glyph, ink)?;
        let _ = g.set_attribute("transform", "translate(5.3 5.3) scale(.64)");
        let _ = svg.append_child(&g);
    }
    Some(svg.into())
}

/// A pictogram as an SVG group painted in `ink`.
fn draw_glyph(document: &Document, glyph: Glyph, ink: &str) -> Option<Element> {
    let g = svg_element(document, "g", &[])?;
    for (d, paint) in glyph {
        let path = match paint {
            Paint::Fill => svg_element(document, "path", &[("d", d), ("fill", ink)])?,
            Paint::Stroke => svg_element(
                document,
                "path",
                &[
                    ("d", d),
                    ("fill", "none"),
                    ("stroke", ink),
                    ("stroke-width", "2.6"),
                    ("stroke-linecap", "round"),
                ],
            )?,
        };
        let _ = g.append_child(&path);
    }
    Some(g)
}

fn svg_element(document: &Document, tag: &str, attributes: &[(&str, &str)]) -> Option<Element> {
    let element = document.create_element_ns(Some(SVG_NS), tag).ok()?;
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    Some(element)
}

/// A route: the interactive casing in the sector colour and, for railways
/// and highways, a white inner line. An approximate route's casing is
/// dashed.
fn route_lines(site: &Site, points: &[LatLon]) -> (leaflet::Layer, Option<leaflet::Layer>) {
    let style = line_style(site.category).unwrap_or(LineStyle {
        casing_width: 3.0,
        casing_dash: None,
        inner_width: 0.0,
        inner_dash: None,
        has_inner: false,
    });
    let latlngs: js_sys::Array = points
        .iter()
        .map(|p| JsValue::from(to_lat_lng(*p)))
        .collect();
    let colour = sector_colour(site.sector);
    let dash = if site.precision == Precision::Approximate {
        Some(APPROXIMATE_DASH)
    } else {
        style.casing_dash
    };
    let casing = leaflet::PolylineOptions::new();
    casing.set_class_name(site_classes(site, "line"));
    casing.set_color(colour.to_owned());
    casing.set_weight(style.casing_width);
    casing.set_opacity(0.95);
    casing.set_line_cap("round".to_owned());
    if let Some(dash) = dash {
        casing.set_dash_array(dash.to_owned());
    }
    let main = leaflet::Polyline::new_with_options(&latlngs, &casing).into();
    let inner = style.has_inner.then(|| {
        let options = leaflet::PolylineOptions::new();
        options.set_class_name("atlas-site-inner".to_owned());
        options.set_color("#ffffff".to_owned());
        options.set_weight(style.inner_width);
        options.set_opacity(1.0);
        options.set_interactive(false);
        if let Some(dash) = style.inner_dash {
            options.set_dash_array(dash.to_owned());
        }
        leaflet::Polyline::new_with_options(&latlngs, &options).into()
    });
    (main, inner)
}

/// The halo of an approximate site: a circle of its radius around a point,
/// a band of its radius along a route. `None` when there is no radius.
fn site_halo(site: &Site) -> Option<Halo> {
    let km = site
        .precision_km
        .filter(|_| site.precision == Precision::Approximate)?;
    let colour = sector_colour(site.sector);
    match &site.geometry {
        SiteGeometry::Point(at) => {
            let options = js_object(&[
                ("radius", JsValue::from_f64(km * 1000.0)),
                ("pane", JsValue::from_str(HALO_PANE.0)),
                ("interactive", JsValue::FALSE),
                ("className", JsValue::from_str("atlas-halo")),
                ("color", JsValue::from_str(colour)),
                ("weight", JsValue::from_f64(1.0)),
                ("fillOpacity", JsValue::from_f64(0.15)),
            ]);
            let circle =
                leaflet::Circle::new_with_options(&to_lat_lng(*at), options.unchecked_ref());
            Some(Halo {
                layer: circle.into(),
                route: None,
            })
        }
        SiteGeometry::Line(points) => {
            let latlngs: js_sys::Array = points
                .iter()
                .map(|p| JsValue::from(to_lat_lng(*p)))
                .collect();
            let mean_lat = points.iter().map(|p| p.lat).sum::<f64>() / points.len().max(1) as f64;
            let options = js_object(&[
                ("pane", JsValue::from_str(HALO_PANE.0)),
                ("interactive", JsValue::FALSE),
                ("className", JsValue::from_str("atlas-halo")),
                ("color", JsValue::from_str(colour)),
                ("opacity", JsValue::from_f64(0.16)),
                ("lineCap", JsValue::from_str("round")),
                ("lineJoin", JsValue::from_str("round")),
                ("weight", JsValue::from_f64(6.0)),
            ]);
            let line = leaflet::Polyline::new_with_options(&latlngs, options.unchecked_ref());
            Some(Halo {
                layer: line.into(),
                route: Some((km, mean_lat)),
            })
        }
    }
}

/// The element of the layer a Leaflet event was fired on, if it has one.
fn event_layer_element(event: &JsValue) -> Option<Element> {
    Reflect::get(event, &JsValue::from_str("target"))
        .ok()
        .and_then(|layer| call_method(&layer, "getElement", &[]))
        .and_then(|e| e.dyn_into::<Element>().ok())
}

/// A tooltip with the site's name on hover, built as a text node.
fn bind_tooltip(document: &Document, layer: &leaflet::Layer, site: &Site) {
    let Ok(element) = document.create_element("span") else {
        return;
    };
    element.set_text_content(Some(&site.name));
    let (offset, sticky) = match site.geometry {
        SiteGeometry::Point(_) => (-MARKER_PX / 2.0, false),
        SiteGeometry::Line(_) => (-6.0, true),
    };
    let options = js_object(&[
        ("direction", JsValue::from_str("top")),
        (
            "offset",
            js_sys::Array::of2(&0.into(), &offset.into()).into(),
        ),
        ("sticky", JsValue::from_bool(sticky)),
        ("className", JsValue::from_str("atlas-tooltip")),
    ]);
    call_method(
        layer.as_ref(),
        "bindTooltip",
        &[element.into(), options.into()],
    );
}

/// Builds a plain JS object from key/value pairs (Leaflet's option bags).
pub(super) fn js_object(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The one place where our latitude/longitude types become Leaflet's.
pub(super) fn to_lat_lng(point: LatLon) -> leaflet::LatLng {
    leaflet::LatLng::new(point.lat, point.lon)
}

fn to_lat_lng_bounds(bounds: &GeoBounds) -> leaflet::LatLngBounds {
    leaflet::LatLngBounds::new(
        &to_lat_lng(LatLon::new(bounds.south, bounds.west)),
        &to_lat_lng(LatLon::new(bounds.north, bounds.east)),
    )
}

/// The global `L` (undefined when Leaflet did not load).
fn leaflet_global() -> JsValue {
    Reflect::get(&js_sys::global(), &JsValue::from_str("L")).unwrap_or(JsValue::UNDEFINED)
}

fn add_pane(map: &leaflet::Map, (name, z_index): (&str, &str)) {
    let pane = map.create_pane_by_name(name);
    let _ = pane.style().set_property("z-index", z_index);
}

fn add_attribution(map: &leaflet::Map) {
    let control = Reflect::get(map.as_ref(), &JsValue::from_str("attributionControl"))
        .ok()
        .and_then(|c| c.dyn_into::<Object>().ok());
    if let Some(control) = control {
        call_method(
            &control,
            "addAttribution",
            &[JsValue::from_str(BASEMAP_ATTRIBUTION)],
        );
        // Leaflet's own credit ("Leaflet", with its flag) keeps its markup;
        // only its link is told to open in a new tab like ours.
        let prefix = Reflect::get(&control, &JsValue::from_str("options"))
            .and_then(|options| Reflect::get(&options, &JsValue::from_str("prefix")))
            .ok()
            .and_then(|prefix| prefix.as_string());
        if let Some(prefix) = prefix.filter(|p| p.contains("<a ")) {
            let prefix = prefix.replacen("<a ", concat!("<a ", new_tab!(), " "), 1);
            call_method(&control, "setPrefix", &[JsValue::from_str(&prefix)]);
        }
    }
}

/// Calls `target[name](...args)`, ignoring a missing method: used only for
/// Leaflet methods that leaflet-rs 0.5 does not bind.
pub(super) fn call_method(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let function = Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    function.apply(target, &args).ok()
}

/// Draws the embedded country polygons. Each path gets the classes
/// `atlas-country` and, for the six focus countries, `atlas-country-xx`
/// (ISO alpha-2, lower case), which the stylesheet and the tests rely on.
fn add_basemap(map: &leaflet::Map) -> Result<JsValue, MapError> {
    let text = basemap_geojson().map_err(|e| MapError::Basemap(e.to_string()))?;
    let data = js_sys::JSON::parse(&text).map_err(|e| MapError::Basemap(describe(&e)))?;
    let style = Closure::<dyn Fn(JsValue) -> JsValue>::new(|feature: JsValue| {
        let iso_n3 = Reflect::get(&feature, &JsValue::from_str("properties"))
            .and_then(|p| Reflect::get(&p, &JsValue::from_str("iso_n3")))
            .ok()
            .and_then(|v| v.as_string());
        let class_name = match iso_n3.as_deref().and_then(focus_country) {
            Some(country) => format!(
                "atlas-country atlas-focus atlas-country-{}",
                country.iso_a2.to_ascii_lowercase()
            ),
            None => "atlas-country".to_owned(),
        };
        js_object(&[("className", JsValue::from_str(&class_name))]).into()
    })
    .into_js_value();
    let options = js_object(&[
        ("pane", JsValue::from_str(BASEMAP_PANE.0)),
        ("interactive", JsValue::FALSE),
        ("style", style.clone()),
    ]);
    let layer = geo_json_layer(&data, &options);
    map.add_layer(&layer);
    Ok(style)
}

/// Places a text label for each focus country. The label is a DOM element
/// whose text is set with `textContent`, never parsed as HTML.
fn add_country_labels(map: &leaflet::Map) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for country in FOCUS_COUNTRIES {
        let Ok(element) = document.create_element("span") else {
            continue;
        };
        element.set_text_content(Some(country.name));
        let icon_options = js_object(&[
            ("className", JsValue::from_str("atlas-country-label")),
            ("html", element.into()),
            ("iconSize", JsValue::NULL),
        ]);
        let marker_options = leaflet::MarkerOptions::new();
        marker_options.set_icon(div_icon(&icon_options));
        marker_options.set_interactive(false);
        marker_options.set_keyboard(false);
        marker_options.set_pane(LABEL_PANE.0.to_owned());
        let marker =
            leaflet::Marker::new_with_options(&to_lat_lng(country.label_at), &marker_options);
        map.add_layer(&marker);
    }
}

/// Adds the layer switch with OpenStreetMap tiles as an overlay that is off
/// by default. A failed tile calls `on_tile_error`; Leaflet leaves failed
/// tiles empty, so the embedded basemap stays visible beneath.
fn add_layer_switch(map: &leaflet::Map, handlers: &Rc<MapHandlers>) -> JsValue {
    let tile_options = leaflet::TileLayerOptions::new();
    tile_options.set_attribution(OSM_ATTRIBUTION.to_owned());
    tile_options.set_max_zoom(19.0);
    let tiles = leaflet::TileLayer::new_options(OSM_URL, &tile_options);
    // Report the first failure each time the layer is switched on, not one
    // per tile: a dismissed notice stays dismissed while the user pans.
    let reported = Rc::new(Cell::new(false));
    let on_error = {
        let reported = Rc::clone(&reported);
        let handlers = Rc::clone(handlers);
        Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
            if !reported.replace(true) {
                (handlers.on_tile_error)();
            }
        })
        .into_js_value()
    };
    let on_add =
        Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| reported.set(false)).into_js_value();
    tiles.on("tileerror", &on_error);
    tiles.on("add", &on_add);

    let overlays = js_object(&[("OpenStreetMap tiles (needs internet)", tiles.into())]);
    let control_options = js_object(&[("position", JsValue::from_str("topright"))]);
    if let Ok(control_ns) = Reflect::get(&leaflet_global(), &JsValue::from_str("control"))
        && let Some(control) = call_method(
            &control_ns,
            "layers",
            &[JsValue::NULL, overlays.into(), control_options.into()],
        )
    {
        map.add_control(control.unchecked_ref());
    }
    js_sys::Array::of2(&on_error, &on_add).into()
}

/// Below this zoom, country labels are drawn smaller.
const LABEL_FULL_SIZE_ZOOM: f64 = 4.0;

/// Mirrors the current view onto the container as `data-view`
/// ("south,west,north,east,zoom"), which the browser tests read, marks
/// low zooms with the class `atlas-zoomed-out`, and reports the view to
/// `on_view` after every move.
fn publish_view(
    map: &leaflet::Map,
    container: &HtmlElement,
    handlers: &Rc<MapHandlers>,
) -> JsValue {
    let write = {
        let map = map.clone();
        let container = container.clone();
        move || {
            let b = map.get_bounds();
            let (sw, ne) = (b.get_south_west(), b.get_north_east());
            let value = format!(
                "{:.4},{:.4},{:.4},{:.4},{}",
                sw.lat(),
                sw.lng(),
                ne.lat(),
                ne.lng(),
                map.get_zoom()
            );
            let _ = container.set_attribute("data-view", &value);
            // Smaller labels when zoomed out far, where they would overlap.
            let _ = container
                .class_list()
                .toggle_with_force("atlas-zoomed-out", map.get_zoom() < LABEL_FULL_SIZE_ZOOM);
        }
    };
    write();
    let handlers = Rc::clone(handlers);
    let view_of = map.clone();
    let report = move || {
        let centre = view_of.get_center();
        if let Some(view) = View::new(centre.lat(), centre.lng(), view_of.get_zoom()) {
            (handlers.on_view)(view);
        }
    };
    let handler = Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
        write();
        report();
    })
    .into_js_value();
    map.on("moveend", &handler);
    handler
}

/// Tells Leaflet when its container changes size (panel collapsed, bottom
/// sheet opened, window resized) so it never draws into a stale box.
fn observe_size(
    map: &leaflet::Map,
    container: &HtmlElement,
    callbacks: &mut Vec<JsValue>,
) -> Option<ResizeObserver> {
    let map = map.clone();
    let callback = Closure::<dyn Fn(JsValue)>::new(move |_entries: JsValue| {
        map.invalidate_size(false);
    })
    .into_js_value();
    let observer = ResizeObserver::new(callback.unchecked_ref()).ok()?;
    observer.observe(container);
    callbacks.push(callback);
    Some(observer)
}
