//! Small bridges to JavaScript shared by the map's modules: Leaflet
//! factories leaflet-rs 0.5 lacks or binds wrongly, option bags, calls to
//! unbound Leaflet methods, and the one conversion of our coordinates to
//! Leaflet's.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue, prelude::wasm_bindgen};

use crate::geo::bounds::{GeoBounds, LatLon};

#[wasm_bindgen]
extern "C" {
    /// `L.geoJSON(data, options)`: leaflet-rs 0.5 declares it but does not
    /// export it. A factory, so the result is cast, never `dyn_into`.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub(super) fn geo_json_layer(data: &JsValue, options: &JsValue) -> leaflet::GeoJson;

    /// `L.divIcon(options)`: leaflet-rs 0.5's `DivIcon::new` constructs an
    /// `L.Icon` instead, which throws without an image URL.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub(super) fn div_icon(options: &JsValue) -> leaflet::Icon;
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
