//! The map's base: panes, the embedded Natural Earth basemap, country
//! labels, the optional OpenStreetMap tiles in a layer switch, and the
//! attribution. Everything under the report's sites.

use std::{cell::Cell, rc::Rc};

use js_sys::Reflect;
use wasm_bindgen::{JsValue, closure::Closure};

use super::describe;
use super::events::{MapError, MapHandlers};
use super::js::{
    LayersControl, attribution_of, div_icon, js_object, layers_control, svg_element, svg_overlay,
    to_lat_lng, to_lat_lng_bounds,
};
use crate::geo::basemap::{FOCUS_COUNTRIES, focus_country, to_svg};
use crate::geo::bounds::LatLon;
use crate::i18n::Lang;
use crate::model::Country;
use web_sys::Element;

/// Pane z-indices: the basemap lies under Leaflet's tile pane (200) so that
/// OpenStreetMap tiles, when switched on and reachable, cover it, and show it
/// through wherever they fail. Labels sit above tiles, below data (400).
pub(super) const BASEMAP_PANE: (&str, &str) = ("atlas-basemap", "150");
pub(super) const LABEL_PANE: (&str, &str) = ("atlas-labels", "350");
/// Halos showing an approximate site's radius: under routes and markers.
pub(super) const HALO_PANE: (&str, &str) = ("atlas-halos", "390");
/// The user's imported features: under the halos and the report's sites.
pub(super) const IMPORT_PANE: (&str, &str) = ("atlas-import", "380");

const OSM_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
// Credit links open in a new tab, so following one never unloads the atlas
// (a reload costs a slow connection the whole bundle again).
macro_rules! new_tab {
    () => {
        r#"target="_blank" rel="noopener noreferrer""#
    };
}
/// The tiles' credit in `lang`.
fn osm_attribution(lang: Lang) -> String {
    let link = concat!(
        r#"<a href="https://www.openstreetmap.org/copyright" "#,
        new_tab!(),
        ">OpenStreetMap</a>"
    );
    match lang {
        Lang::En => format!("&copy; {link} contributors"),
        Lang::Zh => format!("&copy; {link} 贡献者"),
        Lang::Ru => format!("&copy; участники {link}"),
    }
}

/// The basemap's credit in `lang` (our own text: no data in it).
fn basemap_attribution(lang: Lang) -> String {
    let link = concat!(
        r#"<a href="https://www.naturalearthdata.com/" "#,
        new_tab!(),
        ">Natural Earth</a>"
    );
    match lang {
        Lang::En => format!(
            "Basemap: {link} 1:50m via world-atlas; lakes and close-up borders 1:10m, rivers 1:50m"
        ),
        Lang::Zh => {
            format!("底图：{link} 1:50m（经 world-atlas）；湖泊与近景边界 1:10m，河流 1:50m")
        }
        Lang::Ru => format!(
            "Основа карты: {link} 1:50m (через world-atlas); озёра и подробные границы 1:10m, реки 1:50m"
        ),
    }
}

/// The tiles' name in the layer switch.
fn tiles_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "OpenStreetMap tiles (needs internet)",
        Lang::Zh => "OpenStreetMap 瓦片（需联网）",
        Lang::Ru => "Тайлы OpenStreetMap (нужен интернет)",
    }
}

pub(super) fn add_pane(map: &leaflet::Map, (name, z_index): (&str, &str)) {
    let pane = map.create_pane_by_name(name);
    let _ = pane.style().set_property("z-index", z_index);
}

/// Words the basemap's credit in `to` instead of `from`.
pub(super) fn rename_attribution(map: &leaflet::Map, from: Lang, to: Lang) {
    if let Some(control) = attribution_of(map) {
        control.remove_attribution(&basemap_attribution(from));
        control.add_attribution(&basemap_attribution(to));
    }
}

pub(super) fn add_attribution(map: &leaflet::Map, lang: Lang) {
    let Some(control) = attribution_of(map) else {
        return;
    };
    control.add_attribution(&basemap_attribution(lang));
    // Leaflet's own credit ("Leaflet", with its flag) keeps its markup;
    // only its link is told to open in a new tab like ours.
    if let Some(prefix) = control.options().prefix().filter(|p| p.contains("<a ")) {
        control.set_prefix(&prefix.replacen("<a ", concat!("<a ", new_tab!(), " "), 1));
    }
}

/// Draws the packed basemap as one SVG stretched over its box
/// (`geo::basemap::to_svg`): each country a path with the class
/// `atlas-country` and, for the six focus countries, `atlas-focus
/// atlas-country-xx`. The strokes keep their width in screen pixels at
/// every zoom (`vector-effect`), as Leaflet's own paths do.
pub(super) fn add_basemap(map: &leaflet::Map, packed: &[u8]) -> Result<(), MapError> {
    let drawing = to_svg(packed).map_err(|e| MapError::Basemap(e.to_string()))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| MapError::Basemap("there is no document".to_owned()))?;
    let fail = |e: JsValue| MapError::Basemap(describe(&e));
    let view_box = drawing.view_box_text();
    let svg = svg_element(
        &document,
        "svg",
        &[
            ("viewBox", view_box.as_str()),
            ("preserveAspectRatio", "none"),
            ("aria-hidden", "true"),
            ("class", "atlas-basemap-drawing"),
            // Inherited by every outline: set once here, not on each.
            ("fill-rule", "evenodd"),
            ("stroke-linejoin", "round"),
            ("stroke-linecap", "round"),
        ],
    )
    .map_err(fail)?;
    for country in &drawing.countries {
        let class_name = match country.iso_n3.as_deref().and_then(focus_country) {
            Some(focus) => format!(
                "atlas-country atlas-focus atlas-country-{}",
                focus.iso_a2.to_ascii_lowercase()
            ),
            None => "atlas-country".to_owned(),
        };
        let path = svg_element(
            &document,
            "path",
            &[
                ("d", country.path.as_str()),
                ("class", class_name.as_str()),
                // Not inherited, so on each outline.
                ("vector-effect", "non-scaling-stroke"),
            ],
        )
        .map_err(fail)?;
        svg.append_child(&path).map_err(fail)?;
    }
    let options = js_object(&[
        ("pane", JsValue::from_str(BASEMAP_PANE.0)),
        ("interactive", JsValue::FALSE),
    ]);
    let layer = svg_overlay(&svg, &to_lat_lng_bounds(&drawing.bounds), &options);
    map.add_layer(&layer);
    Ok(())
}

/// Places a text label for each focus country, named in `lang`; returns
/// each label's text element with its country, to rename them.
pub(super) fn add_country_labels(map: &leaflet::Map, lang: Lang) -> Vec<(Country, Element)> {
    let mut labels = Vec::new();
    for focus in FOCUS_COUNTRIES {
        let country = Country::parse(focus.iso_a2);
        let name = country.map_or(focus.name, |c| c.name_in(lang));
        let (marker, text) = text_label(name, "atlas-country-label", focus.label_at, false);
        map.add_layer(&marker);
        if let (Some(country), Some(text)) = (country, text) {
            labels.push((country, text));
        }
    }
    labels
}

/// A name on the map: a non-interactive marker in the label pane whose
/// text is a `span` set with `textContent`, never parsed as HTML; with
/// `aria_hidden`, kept out of the accessibility tree. Shared by the
/// country names and the context's (`context.rs`).
pub(super) fn text_label(
    text: &str,
    class: &str,
    at: LatLon,
    aria_hidden: bool,
) -> (leaflet::Marker, Option<Element>) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("span").ok());
    if let Some(element) = &element {
        element.set_text_content(Some(text));
        if aria_hidden {
            let _ = element.set_attribute("aria-hidden", "true");
        }
    }
    let icon_options = js_object(&[
        ("className", JsValue::from_str(class)),
        (
            "html",
            element.as_ref().map_or(JsValue::NULL, |e| e.clone().into()),
        ),
        ("iconSize", JsValue::NULL),
    ]);
    let marker_options = leaflet::MarkerOptions::new();
    marker_options.set_icon(div_icon(&icon_options));
    marker_options.set_interactive(false);
    marker_options.set_keyboard(false);
    marker_options.set_pane(LABEL_PANE.0.to_owned());
    (
        leaflet::Marker::new_with_options(&to_lat_lng(at), &marker_options),
        element,
    )
}

/// Adds the layer switch with OpenStreetMap tiles as an overlay that is off
/// by default. A failed tile calls `on_tile_error`; Leaflet leaves failed
/// tiles empty, so the embedded basemap stays visible beneath.
pub(super) fn add_layer_switch(
    map: &leaflet::Map,
    handlers: &Rc<MapHandlers>,
    lang: Lang,
) -> (LayerSwitch, JsValue) {
    let tile_options = leaflet::TileLayerOptions::new();
    tile_options.set_attribution(osm_attribution(lang));
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

    let overlays = js_object(&[(tiles_name(lang), tiles.clone().into())]);
    let control_options = js_object(&[("position", JsValue::from_str("topright"))]);
    let control = layers_control(&JsValue::NULL, &overlays, &control_options);
    map.add_control(&control);
    (
        LayerSwitch { control, tiles },
        js_sys::Array::of2(&on_error, &on_add).into(),
    )
}

/// The layer switch and its tiles, kept to rename them.
pub(super) struct LayerSwitch {
    control: LayersControl,
    tiles: leaflet::TileLayer,
}

impl LayerSwitch {
    /// Names the tiles and words their credit in `to` instead of `from`.
    pub(super) fn set_language(&self, map: &leaflet::Map, from: Lang, to: Lang) {
        self.control.remove_layer(&self.tiles);
        self.control.add_overlay(&self.tiles, tiles_name(to));
        if let Ok(options) = Reflect::get(&self.tiles, &JsValue::from_str("options")) {
            let _ = Reflect::set(
                &options,
                &JsValue::from_str("attribution"),
                &JsValue::from_str(&osm_attribution(to)),
            );
        }
        // Shown, the tiles' credit is in the attribution already.
        if map.has_layer(&self.tiles)
            && let Some(control) = attribution_of(map)
        {
            control.remove_attribution(&osm_attribution(from));
            control.add_attribution(&osm_attribution(to));
        }
    }
}
