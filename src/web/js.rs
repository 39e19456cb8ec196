//! Small bridges to JavaScript shared by the map's modules: typed bindings
//! for the Leaflet factories and methods leaflet-rs 0.5 lacks or binds
//! wrongly, option bags, and the one conversion of our coordinates to
//! Leaflet's. Every Leaflet call goes through a typed binding (leaflet-rs's
//! where it has one): no call looks a method up by name at run time.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue, prelude::wasm_bindgen};

use crate::geo::bounds::{GeoBounds, LatLon};

/// The SVG namespace, for the elements the map makes itself.
const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// An SVG element with `attributes` set, for the drawings the map makes
/// itself (the basemap, markers, badges).
pub(super) fn svg_element(
    document: &web_sys::Document,
    tag: &str,
    attributes: &[(&str, &str)],
) -> Result<web_sys::Element, JsValue> {
    let element = document.create_element_ns(Some(SVG_NS), tag)?;
    for (name, value) in attributes {
        element.set_attribute(name, value)?;
    }
    Ok(element)
}

#[wasm_bindgen]
extern "C" {
    /// `L.geoJSON(data, options)`: leaflet-rs 0.5 declares it but does not
    /// export it. A factory, so the result is cast, never `dyn_into`.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub(super) fn geo_json_layer(data: &JsValue, options: &JsValue) -> leaflet::GeoJson;

    /// `L.svgOverlay(element, bounds, options)`: an `<svg>` stretched over
    /// a box of the map; leaflet-rs 0.5 does not bind it.
    #[wasm_bindgen(js_namespace = L, js_name = svgOverlay)]
    pub(super) fn svg_overlay(
        element: &web_sys::Element,
        bounds: &leaflet::LatLngBounds,
        options: &JsValue,
    ) -> leaflet::Layer;

    /// `L.divIcon(options)`: leaflet-rs 0.5's `DivIcon::new` constructs an
    /// `L.Icon` instead, which throws without an image URL.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub(super) fn div_icon(options: &JsValue) -> leaflet::Icon;

    /// `L.control.layers(base, overlays, options)`: leaflet-rs 0.5 binds
    /// only the constructor with base layers.
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = layers)]
    pub(super) fn layers_control(
        base: &JsValue,
        overlays: &JsValue,
        options: &JsValue,
    ) -> LayersControl;

    /// `L.Control.Layers`, for the methods leaflet-rs 0.5 does not bind
    /// (renaming an overlay is removing it and adding it again).
    #[wasm_bindgen(extends = leaflet::Control)]
    pub(super) type LayersControl;

    #[wasm_bindgen(method, js_name = addOverlay)]
    pub(super) fn add_overlay(this: &LayersControl, layer: &leaflet::Layer, name: &str);

    #[wasm_bindgen(method, js_name = removeLayer)]
    pub(super) fn remove_layer(this: &LayersControl, layer: &leaflet::Layer);

    /// A Leaflet layer, for the methods leaflet-rs 0.5 does not bind.
    type LayerMethods;

    /// `layer.getElement()` of a marker or a path: its DOM element, or
    /// nothing while the layer is not on the map.
    #[wasm_bindgen(method, js_name = getElement)]
    fn get_element(this: &LayerMethods) -> Option<web_sys::Element>;

    /// `layer.bindTooltip(content, options)`: leaflet-rs 0.5 binds it as
    /// `bindTooltipWithContent`, a method Leaflet does not have.
    #[wasm_bindgen(method, js_name = bindTooltip)]
    fn bind_tooltip(this: &LayerMethods, content: &JsValue, options: &JsValue);

    /// A Leaflet map, for the methods leaflet-rs 0.5 does not bind.
    type MapMethods;

    #[wasm_bindgen(method, js_name = getPixelOrigin)]
    fn get_pixel_origin(this: &MapMethods) -> leaflet::Point;

    /// `map._animatingZoom` (Leaflet 1.9, private): cleared before a map
    /// is removed, so that a zoom animation's end, which Leaflet runs from
    /// a timer it does not cancel in `remove`, returns at once instead of
    /// moving panes that are gone ("reading '_leaflet_pos'").
    #[wasm_bindgen(method, setter, js_name = _animatingZoom)]
    fn set_animating_zoom(this: &MapMethods, animating: bool);

    /// `map.getBoundsZoom(bounds, inside)`: with `inside`, the lowest zoom
    /// at which the view fits inside `bounds`.
    #[wasm_bindgen(method, js_name = getBoundsZoom)]
    fn get_bounds_zoom(this: &MapMethods, bounds: &leaflet::LatLngBounds, inside: bool) -> f64;

    #[wasm_bindgen(method, js_name = containerPointToLayerPoint)]
    fn container_point_to_layer_point(this: &MapMethods, point: &leaflet::Point) -> leaflet::Point;

    /// `map.attributionControl` (absent when the map was made without one).
    #[wasm_bindgen(method, getter, js_name = attributionControl)]
    fn attribution_control(this: &MapMethods) -> Option<Attribution>;

    /// `L.Control.Attribution`, which leaflet-rs 0.5 does not bind.
    #[wasm_bindgen(extends = leaflet::Control)]
    pub(super) type Attribution;

    #[wasm_bindgen(method, js_name = addAttribution)]
    pub(super) fn add_attribution(this: &Attribution, text: &str);

    #[wasm_bindgen(method, js_name = removeAttribution)]
    pub(super) fn remove_attribution(this: &Attribution, text: &str);

    #[wasm_bindgen(method, js_name = setPrefix)]
    pub(super) fn set_prefix(this: &Attribution, prefix: &str);

    /// The control's options; `prefix` is Leaflet's own credit.
    #[wasm_bindgen(method, getter)]
    pub(super) fn options(this: &Attribution) -> AttributionOptions;

    pub(super) type AttributionOptions;

    #[wasm_bindgen(method, getter)]
    pub(super) fn prefix(this: &AttributionOptions) -> Option<String>;
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

pub(super) fn to_lat_lng_bounds(bounds: &GeoBounds) -> leaflet::LatLngBounds {
    leaflet::LatLngBounds::new(
        &to_lat_lng(LatLon::new(bounds.south, bounds.west)),
        &to_lat_lng(LatLon::new(bounds.north, bounds.east)),
    )
}

/// The global `L` (undefined when Leaflet did not load).
pub(super) fn leaflet_global() -> JsValue {
    Reflect::get(&js_sys::global(), &JsValue::from_str("L")).unwrap_or(JsValue::UNDEFINED)
}

/// The marker's or path's DOM element, while it is on the map.
pub(super) fn element_of(layer: &leaflet::Layer) -> Option<web_sys::Element> {
    layer.unchecked_ref::<LayerMethods>().get_element()
}

/// Binds a tooltip with `content` (a DOM node) to `layer`.
pub(super) fn bind_tooltip(layer: &leaflet::Layer, content: &JsValue, options: &JsValue) {
    layer
        .unchecked_ref::<LayerMethods>()
        .bind_tooltip(content, options);
}

/// The map's pixel origin (the layer point of the top-left at this zoom).
pub(super) fn pixel_origin(map: &leaflet::Map) -> leaflet::Point {
    map.unchecked_ref::<MapMethods>().get_pixel_origin()
}

/// Removes `map`, first ending any zoom animation (see `set_animating_zoom`).
pub(super) fn remove_map(map: &leaflet::Map) {
    map.unchecked_ref::<MapMethods>().set_animating_zoom(false);
    map.remove();
}

/// The lowest zoom at which the whole view lies inside `bounds`.
pub(super) fn zoom_inside(map: &leaflet::Map, bounds: &GeoBounds) -> f64 {
    map.unchecked_ref::<MapMethods>()
        .get_bounds_zoom(&to_lat_lng_bounds(bounds), true)
}

/// A point of the map's container as a layer point.
pub(super) fn container_to_layer_point(
    map: &leaflet::Map,
    point: &leaflet::Point,
) -> leaflet::Point {
    map.unchecked_ref::<MapMethods>()
        .container_point_to_layer_point(point)
}

/// The map's attribution control, if it has one.
pub(super) fn attribution_of(map: &leaflet::Map) -> Option<Attribution> {
    map.unchecked_ref::<MapMethods>().attribution_control()
}
