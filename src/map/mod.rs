//! The only module that talks to Leaflet and `JsValue`.
//!
//! `AtlasMap::mount` builds the map inside a container element: the embedded
//! basemap in its own pane under everything, country labels, the optional
//! OpenStreetMap tile layer in a layer switch, and the attribution. The rest
//! of the app sees plain Rust types (`GeoBounds`, `MapError`) and callbacks.
//!
//! Lifecycle, as in Leaflet's own layers: everything created in `mount` is
//! released by `AtlasMap::remove`, which the owning component calls from
//! `on_cleanup`.

use std::{cell::Cell, rc::Rc};

use js_sys::{Function, Object, Reflect};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue, closure::Closure, prelude::wasm_bindgen};
use web_sys::{HtmlElement, ResizeObserver};

use crate::basemap::{BASEMAP_GEOJSON, FOCUS_COUNTRIES, focus_country};
use crate::geo_bounds::{GeoBounds, INITIAL_BOUNDS, LatLon, MAX_BOUNDS};
use crate::model::{Precision, Site, SiteGeometry, colocated};

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

/// Called when the OpenStreetMap tile layer fails to load a tile.
pub type TileErrorHandler = Box<dyn Fn()>;

/// Lowest and highest zoom levels the atlas allows. At 3 the whole region
/// fits a laptop screen; beyond 10 the 1:50m basemap is too coarse.
const MIN_ZOOM: f64 = 3.0;
const MAX_ZOOM: f64 = 10.0;

/// Pane z-indices: the basemap lies under Leaflet's tile pane (200) so that
/// OpenStreetMap tiles, when switched on and reachable, cover it, and show it
/// through wherever they fail. Labels sit above tiles, below data (400).
const BASEMAP_PANE: (&str, &str) = ("atlas-basemap", "150");
const LABEL_PANE: (&str, &str) = ("atlas-labels", "350");

const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION: &str =
    "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";
const BASEMAP_ATTRIBUTION: &str = "Basemap: <a href=\"https://www.naturalearthdata.com/\">Natural Earth</a> 1:50m via world-atlas";

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

/// A live Leaflet map and the JS objects that must outlive `mount`.
pub struct AtlasMap {
    map: leaflet::Map,
    /// The drawn sites, replaced as a whole by `show_sites`.
    sites: leaflet::LayerGroup,
    resize_observer: Option<ResizeObserver>,
    /// Closures handed to Leaflet; dropping them would leave Leaflet calling
    /// freed functions, so they live exactly as long as the map.
    _callbacks: Vec<JsValue>,
}

impl AtlasMap {
    /// Creates the map in `container`, framed on Central Asia and Xinjiang.
    pub fn mount(
        container: &HtmlElement,
        on_tile_error: TileErrorHandler,
    ) -> Result<Self, MapError> {
        let leaflet_global = Reflect::get(&js_sys::global(), &JsValue::from_str("L"))
            .map_err(|e| MapError::Create(describe(&e)))?;
        if leaflet_global.is_undefined() {
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
        map.fit_bounds(&to_lat_lng_bounds(&INITIAL_BOUNDS));

        let mut callbacks = Vec::new();
        add_attribution(&map);
        add_pane(&map, BASEMAP_PANE);
        add_pane(&map, LABEL_PANE);
        callbacks.push(add_basemap(&map)?);
        add_country_labels(&map);
        callbacks.push(add_layer_switch(&map, on_tile_error));
        callbacks.push(publish_view(&map, container));

        let sites = leaflet::LayerGroup::new();
        map.add_layer(&sites);

        let resize_observer = observe_size(&map, container, &mut callbacks);
        Ok(Self {
            map,
            sites,
            resize_observer,
            _callbacks: callbacks,
        })
    }

    /// Draws `sites`, replacing what was drawn before. Points become circle
    /// markers, routes polylines; each gets the classes `atlas-site`,
    /// `atlas-site-point` or `atlas-site-line`, `atlas-site-id-…` (ids are
    /// slugs, safe in a class), `atlas-sector-…` and `atlas-category-…`, and
    /// a popup naming it and any site at the same point.
    pub fn show_sites(&self, sites: &[Site]) {
        self.sites.clear_layers();
        // Routes first, so that point markers are drawn on top of them and
        // stay clickable where an air route ends on a city.
        let mut drawing: Vec<(&Site, Vec<&Site>)> = sites.iter().zip(colocated(sites)).collect();
        drawing.sort_by_key(|(site, _)| matches!(site.geometry, SiteGeometry::Point(_)));
        for (site, here) in drawing {
            let shape = match site.geometry {
                SiteGeometry::Point(_) => "point",
                SiteGeometry::Line(_) => "line",
            };
            let class_name = format!(
                "atlas-site atlas-site-{shape} atlas-site-id-{} atlas-sector-{} atlas-category-{}",
                site.id,
                site.sector.as_str(),
                site.category.as_str().replace('_', "-")
            );
            let layer: leaflet::Layer = match &site.geometry {
                SiteGeometry::Point(at) => {
                    let options = js_object(&[
                        ("className", JsValue::from_str(&class_name)),
                        ("radius", JsValue::from_f64(7.0)),
                    ]);
                    leaflet::CircleMarker::new_with_options(&to_lat_lng(*at), &options)
                        .unchecked_into()
                }
                SiteGeometry::Line(points) => {
                    let latlngs: js_sys::Array = points
                        .iter()
                        .map(|p| JsValue::from(to_lat_lng(*p)))
                        .collect();
                    let options = leaflet::PolylineOptions::new();
                    options.set_class_name(class_name);
                    leaflet::Polyline::new_with_options(&latlngs, &options).into()
                }
            };
            if let Some(popup) = site_popup(&here) {
                layer.bind_popup_with_options(
                    &popup,
                    &js_object(&[("maxWidth", JsValue::from_f64(320.0))]),
                );
            }
            self.sites.add_layer(&layer);
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

/// A popup body for the sites at one place (usually one), built from DOM
/// nodes with `textContent` so that no text from the data is ever parsed as
/// HTML.
fn site_popup(sites: &[&Site]) -> Option<JsValue> {
    let document = web_sys::window()?.document()?;
    let root = document.create_element("div").ok()?;
    root.set_class_name("atlas-popup");
    for site in sites {
        let section = document.create_element("section").ok()?;
        section.set_class_name("atlas-popup-site");
        let add = |tag: &str, class: &str, text: &str| {
            if let Ok(element) = document.create_element(tag) {
                element.set_class_name(class);
                element.set_text_content(Some(text));
                let _ = section.append_child(&element);
            }
        };
        add("h3", "atlas-popup-title", &site.name);
        add(
            "p",
            "atlas-popup-meta",
            &format!(
                "{} · {}",
                site.sector.label(),
                site.category.as_str().replace('_', " ")
            ),
        );
        add("p", "atlas-popup-precision", &location_note(site));
        add("blockquote", "atlas-popup-quote", &site.report_quote);
        let _ = root.append_child(&section);
    }
    Some(root.into())
}

/// How well the marker locates the site, in words.
fn location_note(site: &Site) -> String {
    match (site.precision, site.precision_km) {
        (Precision::Exact, _) => "Location: the site itself".to_owned(),
        (Precision::Approximate, Some(km)) => {
            format!("Location: approximate, within about {km} km")
        }
        (Precision::Approximate, None) => "Location: approximate".to_owned(),
        (Precision::Symbolic, _) => {
            "Location: symbolic (stands for the place, not a site)".to_owned()
        }
    }
}

/// Builds a plain JS object from key/value pairs (Leaflet's option bags).
fn js_object(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The one place where our latitude/longitude types become Leaflet's.
fn to_lat_lng(point: LatLon) -> leaflet::LatLng {
    leaflet::LatLng::new(point.lat, point.lon)
}

fn to_lat_lng_bounds(bounds: &GeoBounds) -> leaflet::LatLngBounds {
    leaflet::LatLngBounds::new(
        &to_lat_lng(LatLon::new(bounds.south, bounds.west)),
        &to_lat_lng(LatLon::new(bounds.north, bounds.east)),
    )
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown JavaScript error".to_owned())
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
    }
}

/// Calls `target[name](...args)`, ignoring a missing method: used only for
/// Leaflet methods that leaflet-rs 0.5 does not bind.
fn call_method(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
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
    let data = js_sys::JSON::parse(BASEMAP_GEOJSON).map_err(|e| MapError::Basemap(describe(&e)))?;
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
fn add_layer_switch(map: &leaflet::Map, on_tile_error: TileErrorHandler) -> JsValue {
    let tile_options = leaflet::TileLayerOptions::new();
    tile_options.set_attribution(OSM_ATTRIBUTION.to_owned());
    tile_options.set_max_zoom(19.0);
    let tiles = leaflet::TileLayer::new_options(OSM_URL, &tile_options);
    // Report the first failure each time the layer is switched on, not one
    // per tile: a dismissed notice stays dismissed while the user pans.
    let reported = Rc::new(Cell::new(false));
    let on_error = {
        let reported = Rc::clone(&reported);
        Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
            if !reported.replace(true) {
                on_tile_error();
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
    if let Ok(control_ns) = Reflect::get(&js_sys::global(), &JsValue::from_str("L"))
        .and_then(|l| Reflect::get(&l, &JsValue::from_str("control")))
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
/// ("south,west,north,east,zoom"), which the browser tests read, and marks
/// low zooms with the class `atlas-zoomed-out`.
fn publish_view(map: &leaflet::Map, container: &HtmlElement) -> JsValue {
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
    let handler = Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| write()).into_js_value();
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
