//! The Leaflet map: `AtlasMap` owns it and everything drawn on it.
//!
//! `AtlasMap::mount` builds the map inside a container element with its base
//! (`base`: panes, the embedded basemap, labels, optional tiles, the
//! attribution); `show_sites` draws the report's sites (`sites`), after
//! which filtering only hides and shows sites (`set_visible`) and selection
//! only toggles a class and a halo (`select`); an import is drawn on
//! canvases of its own (`imported`). The rest of the app sees plain Rust
//! types (`View`, `MapError`) and callbacks (`MapHandlers`).
//!
//! Lifecycle, as in Leaflet's own layers: everything created in `mount` is
//! released by `AtlasMap::remove`, which the owning component calls from
//! `on_cleanup`.

use std::{cell::Cell, rc::Rc, sync::Arc};

use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{HtmlElement, ResizeObserver};

use super::base::{
    BASEMAP_PANE, HALO_PANE, IMPORT_PANE, LABEL_PANE, LayerSwitch, add_attribution, add_basemap,
    add_country_labels, add_layer_switch, add_pane, rename_attribution,
};
use super::context::ContextLayer;
use super::describe;
use super::events::{LateLayer, MapError, MapHandlers};
use super::import_worker::Painter;
use super::imported::ImportedLayer;
use super::js::{
    js_object, leaflet_global, remove_map, to_lat_lng, to_lat_lng_bounds, zoom_inside,
};
use super::sites::{Framing, SiteLayers};
use crate::geo::bounds::{FRAME_MAX_ZOOM, FRAME_POINT_ZOOM, INITIAL_BOUNDS, LatLon, MAX_BOUNDS};
use crate::geo::context::Context;
use crate::i18n::Lang;
use crate::i18n::text::{T, zoom_titles};
use crate::model::{Country, Site};
use crate::userdata::overlay::Overlay;
use crate::view::filter::Layer;
use crate::view::permalink::View;
use crate::view::timeline::Stage;

/// Lowest and highest zoom levels the atlas allows. At 3 the whole region
/// fits a laptop screen; beyond 10 the 1:50m basemap is too coarse.
const MIN_ZOOM: f64 = 3.0;
const MAX_ZOOM: f64 = 10.0;

/// A live Leaflet map and the JS objects that must outlive `mount`.
pub(crate) struct AtlasMap {
    map: leaflet::Map,
    handlers: Rc<MapHandlers>,
    /// The report's sites.
    sites: SiteLayers,
    /// The user's imported features, on canvases of their own.
    imported: Option<ImportedLayer>,
    /// Lakes, rivers and place names, once their file has loaded (the
    /// app's; a trait object: see `LateLayer`).
    context: Option<Box<dyn LateLayer>>,
    container: HtmlElement,
    /// The focus countries' names on the map, to rename with the language.
    country_labels: Vec<(Country, web_sys::Element)>,
    layer_switch: LayerSwitch,
    /// The language the map's own words (credits, the layer switch) are in.
    lang: Cell<Lang>,
    resize_observer: Option<ResizeObserver>,
    /// Closures handed to Leaflet; dropping them would leave Leaflet calling
    /// freed functions, so they live exactly as long as the map.
    _callbacks: Vec<JsValue>,
}

impl AtlasMap {
    /// Creates the map in `container`, at `view` or, without one, framed on
    /// Central Asia and Xinjiang, on the packed `basemap`
    /// (`geo::basemap::BASEMAP_PACKED`, or the first map's `BASEMAP_FIRST`).
    pub(crate) fn mount(
        container: &HtmlElement,
        handlers: MapHandlers,
        view: Option<View>,
        basemap: &[u8],
        lang: Lang,
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
        // Before the first view: set once the map is loaded, a higher least
        // zoom starts an animated zoom, which would undo the framing of a
        // linked site that follows.
        keep_inside_basemap(&map);
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
        add_attribution(&map, lang);
        add_pane(&map, BASEMAP_PANE);
        add_pane(&map, LABEL_PANE);
        add_pane(&map, HALO_PANE);
        add_pane(&map, IMPORT_PANE);
        super::mark("atlas:map-created");
        add_basemap(&map, basemap)?;
        super::mark("atlas:basemap-added");
        let country_labels = add_country_labels(&map, lang);
        let (layer_switch, switch_callbacks) = add_layer_switch(&map, &handlers, lang);
        callbacks.push(switch_callbacks);
        name_controls(container, lang);
        callbacks.push(publish_view(&map, container, &handlers));

        let sites = SiteLayers::new(&map);

        let resize_observer = observe_size(&map, container, &mut callbacks);
        Ok(Self {
            map,
            handlers,
            sites,
            imported: None,
            context: None,
            container: container.clone(),
            country_labels,
            layer_switch,
            lang: Cell::new(lang),
            resize_observer,
            _callbacks: callbacks,
        })
    }

    /// Draws `sites` once, all visible, one layer group per entry of
    /// `layers` (the legend); see `sites` for how each looks and behaves.
    pub(crate) fn show_sites(&mut self, sites: &[Site], layers: &[Layer], lang: Lang) {
        self.sites
            .show(&self.map, &self.handlers, sites, layers, lang);
    }

    /// Renames what the map names in `lang`: the countries, the sites
    /// (`sites` as given to `show_sites`: accessible names, tooltips) and
    /// the count badges.
    pub(crate) fn set_language(&self, sites: &[Site], lang: Lang) {
        name_controls(&self.container, lang);
        for (country, text) in &self.country_labels {
            text.set_text_content(Some(country.name_in(lang)));
        }
        self.sites.set_language(sites, lang);
        let from = self.lang.replace(lang);
        if from != lang {
            rename_attribution(&self.map, from, lang);
            self.layer_switch.set_language(&self.map, from, lang);
            if let Some(context) = &self.context {
                context.set_language(from, lang);
            }
        }
    }

    /// Marks each site with its stage (`view::timeline`): a class, and
    /// words in its accessible name; in the order given to `show_sites`.
    pub(crate) fn set_stages(&self, stages: &[Stage]) {
        self.sites.set_stages(stages);
    }

    /// Shows exactly the sites whose flag is set (one flag per site, in
    /// the order given to `show_sites`).
    pub(crate) fn set_visible(&self, visible: &[bool]) {
        self.sites.set_visible(&self.map, visible);
        // A hidden site frees room for a name; a shown one may need it.
        if let Some(context) = &self.context {
            context.sites_changed();
        }
    }

    /// Draws the lakes and rivers and places the names of `context`
    /// (replacing any drawn before).
    pub(crate) fn show_context(&mut self, context: &Context) -> Result<(), MapError> {
        if let Some(old) = self.context.take() {
            old.remove();
        }
        self.context = Some(Box::new(ContextLayer::add(
            &self.map,
            &self.container,
            context,
            self.lang.get(),
        )?));
        Ok(())
    }

    /// Highlights the site at `index` (or none), showing its halo; with
    /// `frame`, moves the map so the site fills the view.
    pub(crate) fn select(&self, index: Option<usize>, frame: bool) {
        if let Some(framing) = self.sites.select(&self.map, index)
            && frame
        {
            self.frame(framing);
        }
    }

    fn frame(&self, framing: Framing) {
        match framing {
            Framing::Route(bounds) => {
                let options = js_object(&[
                    ("padding", js_sys::Array::of2(&40.into(), &40.into()).into()),
                    ("maxZoom", JsValue::from_f64(FRAME_MAX_ZOOM)),
                ]);
                self.map
                    .fit_bounds_with_options(&to_lat_lng_bounds(&bounds), &options);
            }
            Framing::Point(at) => {
                let zoom = self.map.get_zoom().max(FRAME_POINT_ZOOM);
                self.map.set_view(&to_lat_lng(at), zoom);
            }
        }
    }

    /// Moves the map to `view` without animation.
    pub(crate) fn set_view(&self, view: View) {
        self.map.set_view_with_options(
            &to_lat_lng(LatLon::new(view.lat(), view.lon())),
            view.zoom(),
            &js_object(&[("animate", JsValue::FALSE)]),
        );
    }

    /// Draws an import (replacing any previous one): one canvas per group
    /// of `overlay`, all shown, drawn by `painter` (the import's worker) or,
    /// without one, on the page.
    pub(crate) fn show_imported(
        &mut self,
        overlay: Arc<Overlay>,
        painter: Option<Painter>,
    ) -> Result<(), MapError> {
        self.remove_imported();
        let pane = self.map.get_pane_by_name(IMPORT_PANE.0);
        let handlers = Rc::clone(&self.handlers);
        let on_select: Rc<dyn Fn(usize)> =
            Rc::new(move |index| (handlers.on_select_imported)(index));
        let handlers = Rc::clone(&self.handlers);
        let on_error: Rc<dyn Fn(MapError)> = Rc::new(move |error| (handlers.on_error)(error));
        let handlers = Rc::clone(&self.handlers);
        let on_drawn: Rc<dyn Fn()> = Rc::new(move || (handlers.on_imported_drawn)());
        self.imported = Some(ImportedLayer::new(
            &self.map,
            pane.into(),
            overlay,
            painter,
            on_select,
            on_drawn,
            on_error,
        )?);
        Ok(())
    }

    /// Shows the imported groups whose entry in `shown` is true.
    pub(crate) fn set_imported_groups(&self, shown: &[bool]) {
        if let Some(imported) = &self.imported {
            imported.set_shown(shown);
        }
    }

    /// Shows or hides the imported layer.
    pub(crate) fn set_imported_visible(&self, visible: bool) {
        if let Some(imported) = &self.imported {
            imported.set_visible(visible);
        }
    }

    /// Removes the imported layer.
    pub(crate) fn remove_imported(&mut self) {
        if let Some(old) = self.imported.take() {
            old.remove(&self.map);
        }
    }

    /// Highlights imported feature `selected` (or none) and, with `frame`,
    /// moves the map to it.
    pub(crate) fn select_imported(&self, selected: Option<usize>, frame: bool) {
        if let Some(imported) = &self.imported {
            imported.select(&self.map, selected, frame);
        }
    }

    /// Tears the map down: Leaflet removes its DOM and listeners.
    pub(crate) fn remove(&self) {
        if let Some(observer) = &self.resize_observer {
            observer.disconnect();
        }
        if let Some(context) = &self.context {
            context.remove();
        }
        remove_map(&self.map);
    }
}

/// Below this zoom, country labels are drawn smaller.
const LABEL_FULL_SIZE_ZOOM: f64 = 4.0;

/// Names Leaflet's zoom buttons in `lang` (their title and accessible name).
fn name_controls(container: &HtmlElement, lang: Lang) {
    let (zoom_in, zoom_out) = zoom_titles(lang);
    for (selector, name) in [
        (".leaflet-control-zoom-in", zoom_in),
        (".leaflet-control-zoom-out", zoom_out),
        (".leaflet-control-layers-toggle", T::Layers.text(lang)),
    ] {
        if let Ok(Some(button)) = container.query_selector(selector) {
            let _ = button.set_attribute("title", name);
            let _ = button.set_attribute("aria-label", name);
        }
    }
}

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

/// Never zoomed out so far that the view reaches past `MAX_BOUNDS`, the
/// box the basemap is clipped to: on a wide screen its edge would show as
/// a rectangle floating in the sea. The least zoom follows the map's size.
fn keep_inside_basemap(map: &leaflet::Map) {
    let inside = zoom_inside(map, &MAX_BOUNDS);
    if !inside.is_finite() {
        return;
    }
    let least = MIN_ZOOM.max(inside);
    // Zoomed in first, without animation: Leaflet's own catch-up in
    // `setMinZoom` animates, and a map released mid-animation (the first
    // map, when the app takes over) throws from its transition's end.
    if map.get_zoom() < least {
        map.set_zoom_with_options(least, &js_object(&[("animate", JsValue::FALSE)]).into());
    }
    map.set_min_zoom(least);
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
        keep_inside_basemap(&map);
    })
    .into_js_value();
    let observer = ResizeObserver::new(callback.unchecked_ref()).ok()?;
    observer.observe(container);
    callbacks.push(callback);
    Some(observer)
}
