//! The report's sites on the map: a pictogram marker or a cased route line
//! per site (looks from `view::symbols`), one layer group per legend entry,
//! each site's keyboard access and accessible name, the approximate-location
//! halos, and the declutter of crowded markers: a few spread with leader
//! lines, more merged into a count badge.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Element, HtmlElement};

use super::base::HALO_PANE;
use super::events::MapHandlers;
use super::js::{element_of, js_object, to_lat_lng};
use super::markers::{
    BADGE_PX, Halo, MarkerDrawings, badge_marker, bind_tooltip, point_marker, route_lines,
    site_halo,
};
use crate::geo::bounds::{GeoBounds, LatLon};
use crate::i18n::Lang;
use crate::i18n::text::badge_label;
use crate::model::{Sector, Site, SiteGeometry};
use crate::view::declutter::{Sizes, layout, opening_zoom};
use crate::view::filter::Layer;
use crate::view::symbols::{pixels_per_km, sector_colour};
use crate::view::timeline::Stage;

/// The class of a hidden site's elements (`assets/atlas.css`).
const HIDDEN_CLASS: &str = "atlas-hidden";

/// Markers closer than this on screen are spread apart (`declutter`) so
/// that each stays visible and clickable.
const DECLUTTER_GAP_PX: f64 = 27.0;

/// The most overlapping markers spread on a circle; more become a badge.
/// On a phone four (a circle of ~19 px radius): a ring of more reads as a
/// tangle of leader lines there. On a wider map six (~27 px), which reads
/// well and saves a click.
const MAX_SPREAD_NARROW: usize = 4;
const MAX_SPREAD_WIDE: usize = 6;

/// Maps narrower than this in px count as a phone's.
const NARROW_MAP_PX: f64 = 600.0;

/// The class of a marker counted in a badge (`assets/atlas.css`).
const CLUSTERED_CLASS: &str = "atlas-clustered";

/// Pixels kept free around a badge's members when it opens.
const OPEN_PADDING_PX: f64 = 40.0;

/// Where the map goes to show a site.
#[derive(Debug, Clone, Copy)]
pub(super) enum Framing {
    /// A marker at this place.
    Point(LatLon),
    /// A route within these bounds.
    Route(GeoBounds),
}

/// One drawn site.
struct SiteLayer {
    framing: Framing,
    /// The interactive layer: a marker, or a route's casing.
    main: leaflet::Layer,
    /// A route's white inner line (railway ties, road centre), not interactive.
    inner: Option<leaflet::Layer>,
    /// The approximate-location halo, shown on hover, focus and selection.
    halo: Option<Halo>,
    /// Index into `AtlasMap::groups`.
    group: usize,
    sector: Sector,
    /// The site's name and category, in the interface's language: its
    /// accessible name, with its stage when it has one (`accessible_name`).
    label: RefCell<String>,
    /// The tooltip's text, renamed with the language.
    tooltip: Option<Element>,
    visible: Cell<bool>,
    /// Its stage as of the timeline's year: a class on the map
    /// (`view::timeline::Stage::class`) and words in its accessible name.
    stage: Cell<Stage>,
    /// Whether it is counted in a badge rather than drawn.
    clustered: Cell<bool>,
    /// A marker's declutter offset in px as its element and leader show it
    /// now; `None` while hidden or not yet placed.
    spread: Cell<Option<(f64, f64)>>,
    /// The dot at a spread marker's true place, made the first time it is
    /// spread and kept.
    dot: RefCell<Option<Dot>>,
}
/// State shared with the event handlers of the drawn sites.
#[derive(Default)]
struct Shared {
    sites: Vec<SiteLayer>,
    selected: Cell<Option<usize>>,
    hovered: Cell<Option<usize>>,
    /// Every marker's place in px at one zoom (`Map::project`, rounded as
    /// Leaflet rounds layer points): positions only change with the zoom.
    projected: RefCell<Option<Projected>>,
    /// The count badges drawn now.
    badges: RefCell<Vec<DrawnBadge>>,
    /// The site to give keyboard focus after a badge opened by keyboard.
    focus_after: Cell<Option<usize>>,
    /// The interface's language, for the badges' names.
    lang: Cell<Lang>,
}

/// A count badge on the map.
struct DrawnBadge {
    /// Indices into `Shared::sites`, ascending.
    members: Vec<usize>,
    /// Its place in px at the zoom it was drawn for.
    at: (f64, f64),
    layer: leaflet::Layer,
}

/// Where badges are drawn, and the two handlers every badge's element
/// shares (they find their badge by its `data-badge` index).
#[derive(Clone)]
struct Badges {
    group: leaflet::LayerGroup,
    on_click: JsValue,
    on_key: JsValue,
    /// Hover and focus: dots at the members' true places; and their end.
    on_enter: JsValue,
    on_leave: JsValue,
}

/// The leaders of spread markers: one path holding every leader line (so
/// a new spread is one redraw, not one per marker), and a dot per marker.
#[derive(Clone)]
struct Leaders {
    group: leaflet::LayerGroup,
    lines: leaflet::Polyline,
}

/// The dot marking a spread marker's true place: put on the map the first
/// time it is needed, then hidden and shown with the class `atlas-hidden`
/// (as sites are; Leaflet would make its element anew on each add).
struct Dot {
    layer: leaflet::Layer,
    /// Whether it is on the map (its element exists).
    added: bool,
    /// Whether it is shown.
    shown: bool,
}

impl Dot {
    fn show(&mut self, leaders: &Leaders, on: bool) {
        if self.shown == on {
            return;
        }
        self.shown = on;
        if on && !self.added {
            leaders.group.add_layer(&self.layer);
            self.added = true;
        } else if let Some(element) = element_of(&self.layer) {
            let _ = element.class_list().toggle_with_force(HIDDEN_CLASS, !on);
        }
    }
}

/// Markers' places in px at `zoom`, one per site (`None` for routes).
struct Projected {
    zoom: f64,
    points: Vec<Option<(f64, f64)>>,
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
                let options = leaflet::PathOptions::new();
                options.set_weight(route_halo_px(km, lat, map.get_zoom()));
                halo.layer
                    .unchecked_ref::<leaflet::Path>()
                    .set_style(&options);
            }
            halos.add_layer(&halo.layer);
        } else {
            halos.remove_layer(&halo.layer);
        }
    }
}

/// A route's halo is a stroke as wide as the uncertainty on both sides.
fn route_halo_px(km: f64, lat: f64, zoom: f64) -> f64 {
    (2.0 * km * pixels_per_km(lat, zoom)).max(6.0)
}

fn framing(geometry: &SiteGeometry) -> Framing {
    match geometry {
        SiteGeometry::Point(at) => Framing::Point(*at),
        SiteGeometry::Line(points) => Framing::Route(points.iter().fold(
            GeoBounds::new(
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ),
            |b, p| b.union(&GeoBounds::new(p.lat, p.lon, p.lat, p.lon)),
        )),
    }
}

/// The drawn sites and the Leaflet objects they need.
pub(super) struct SiteLayers {
    /// One group per legend entry, in legend order.
    groups: Vec<(Layer, leaflet::LayerGroup)>,
    halos: leaflet::LayerGroup,
    /// Leader lines from spread markers to their true places.
    leaders: Leaders,
    badges: Badges,
    shared: Rc<Shared>,
    /// Closures handed to Leaflet; they live as long as the map.
    callbacks: Vec<JsValue>,
}

impl SiteLayers {
    /// Empty, with the halo and leader groups already on `map`.
    pub(super) fn new(map: &leaflet::Map) -> Self {
        let halos = leaflet::LayerGroup::new();
        map.add_layer(&halos);
        let leaders = Leaders {
            group: leaflet::LayerGroup::new(),
            lines: leader_lines(),
        };
        map.add_layer(&leaders.group);
        leaders.group.add_layer(&leaders.lines);
        let badges = Badges {
            group: leaflet::LayerGroup::new(),
            on_click: JsValue::UNDEFINED,
            on_key: JsValue::UNDEFINED,
            on_enter: JsValue::UNDEFINED,
            on_leave: JsValue::UNDEFINED,
        };
        map.add_layer(&badges.group);
        Self {
            groups: Vec::new(),
            halos,
            leaders,
            badges,
            shared: Rc::new(Shared::default()),
            callbacks: Vec::new(),
        }
    }

    /// Draws `sites` once, all visible, one layer group per entry of
    /// `layers` (the legend). Points become round markers with their
    /// category's pictogram, routes cased lines in their category's style;
    /// approximate sites are hollow or dashed. Every site is a focusable
    /// element named after the site that Enter and Space activate, with the
    /// classes `atlas-site`, `atlas-site-point` or `atlas-site-line`,
    /// `atlas-site-id-…`, `atlas-sector-…`, `atlas-category-…` and
    /// `atlas-precision-…`.
    pub(super) fn show(
        &mut self,
        map: &leaflet::Map,
        handlers: &Rc<MapHandlers>,
        sites: &[Site],
        layers: &[Layer],
        lang: Lang,
    ) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        self.groups = layers
            .iter()
            .map(|layer| {
                let group = leaflet::LayerGroup::new();
                map.add_layer(&group);
                (*layer, group)
            })
            .collect();
        let mut drawn = Vec::with_capacity(sites.len());
        let mut drawings = MarkerDrawings::new(&document);
        for site in sites {
            let group = self
                .groups
                .iter()
                .position(|(layer, _)| *layer == Layer::of(site))
                .unwrap_or(0);
            let label = site_label(site, lang);
            let (main, inner) = match &site.geometry {
                SiteGeometry::Point(at) => (point_marker(&mut drawings, site, *at), None),
                SiteGeometry::Line(points) => route_lines(site, points),
            };
            let tooltip = bind_tooltip(&document, &main, site, site.name_in(lang));
            drawn.push(SiteLayer {
                framing: framing(&site.geometry),
                main,
                inner,
                halo: site_halo(site),
                group,
                sector: site.sector,
                label: RefCell::new(label),
                tooltip,
                visible: Cell::new(true),
                stage: Cell::new(Stage::Done),
                clustered: Cell::new(false),
                spread: Cell::new(None),
                dot: RefCell::new(None),
            });
        }
        self.shared = Rc::new(Shared {
            sites: drawn,
            lang: Cell::new(lang),
            ..Shared::default()
        });
        for index in 0..self.shared.sites.len() {
            self.wire(map, handlers, index);
        }
        self.wire_badges(map);
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
            let (shared, map, halos, leaders, badges) = (
                Rc::clone(&self.shared),
                map.clone(),
                self.halos.clone(),
                self.leaders.clone(),
                self.badges.clone(),
            );
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
                for index in [shared.selected.get(), shared.hovered.get()]
                    .into_iter()
                    .flatten()
                {
                    shared.update_halo(&map, &halos, index);
                }
                declutter_markers(&map, &shared, &leaders, &badges, true);
            })
            .into_js_value()
        };
        map.on("zoomend", &on_zoom);
        map.on("viewreset", &on_zoom);
        self.callbacks.push(on_zoom);
        declutter_markers(map, &self.shared, &self.leaders, &self.badges, true);
    }

    /// The handlers every badge shares: a click, Enter or Space opens the
    /// badge (zooms in until its members fit); opened by keyboard, focus
    /// then goes to its first member, or to the badge that holds it.
    /// Hover and focus show a dot at each member's true place, so a badge
    /// never hides how far its members lie apart.
    fn wire_badges(&mut self, map: &leaflet::Map) {
        let open = {
            let (shared, map) = (Rc::clone(&self.shared), map.clone());
            move |event: &web_sys::Event, keyboard: bool| {
                if let Some(index) = badge_index(event) {
                    open_badge(&map, &shared, index, keyboard);
                }
            }
        };
        let mark = |on: bool| {
            let (shared, leaders) = (Rc::clone(&self.shared), self.leaders.clone());
            Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let index = badge_index(event.unchecked_ref());
                let Ok(badges) = shared.badges.try_borrow() else {
                    return;
                };
                if let Some(badge) = index.and_then(|i| badges.get(i)) {
                    show_member_dots(&shared, &leaders, &badge.members, on);
                }
            })
            .into_js_value()
        };
        let (on_enter, on_leave) = (mark(true), mark(false));
        let on_click = {
            let open = open.clone();
            Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let event: web_sys::Event = event.unchecked_into();
                event.stop_propagation();
                open(&event, false);
            })
            .into_js_value()
        };
        let on_key =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
                if matches!(event.key().as_str(), "Enter" | " " | "Spacebar") {
                    event.prevent_default();
                    event.stop_propagation();
                    open(&event, true);
                }
            })
            .into_js_value();
        self.badges.on_click = on_click.clone();
        self.badges.on_key = on_key.clone();
        self.badges.on_enter = on_enter.clone();
        self.badges.on_leave = on_leave.clone();
        self.callbacks
            .extend([on_click, on_key, on_enter, on_leave]);
    }

    /// Connects a drawn site to the user: click, Enter and Space select it;
    /// hover and focus show its halo; each time Leaflet (re)creates its
    /// element, the element gets its name, role and tab stop.
    fn wire(&mut self, map: &leaflet::Map, handlers: &Rc<MapHandlers>, index: usize) {
        let Some(site) = self.shared.sites.get(index) else {
            return;
        };
        let select = {
            let handlers = Rc::clone(handlers);
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| (handlers.on_select)(index))
                .into_js_value()
        };
        let on_key = {
            let handlers = Rc::clone(handlers);
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
            let (shared, map, halos) = (Rc::clone(&self.shared), map.clone(), self.halos.clone());
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
            let shared = Rc::clone(&self.shared);
            let (on_key, enter, leave) = (on_key.clone(), enter.clone(), leave.clone());
            let layer = site.main.clone();
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
                let Some(element) = element_of(&layer) else {
                    return;
                };
                let _ = element.set_attribute("tabindex", "0");
                let _ = element.set_attribute("role", "button");
                if let Some(site) = shared.sites.get(index) {
                    let _ = element
                        .set_attribute("aria-label", &site.accessible_name(shared.lang.get()));
                }
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
        let on_tooltip_close = {
            let layer = site.main.clone();
            Closure::<dyn Fn(JsValue)>::new(move |_event: JsValue| {
                if let Some(element) = element_of(&layer) {
                    let _ = element.remove_attribute("aria-describedby");
                }
            })
            .into_js_value()
        };
        site.main.on("add", &on_add);
        site.main.on("tooltipclose", &on_tooltip_close);
        site.main.on("click", &select);
        site.main.on("mouseover", &enter);
        site.main.on("mouseout", &leave);
        self.callbacks
            .extend([select, on_key, enter, leave, on_add, on_tooltip_close]);
    }

    /// Renames every site and badge in `lang` (`sites` as given to `show`):
    /// accessible names and tooltips.
    pub(super) fn set_language(&self, sites: &[Site], lang: Lang) {
        self.shared.lang.set(lang);
        for (layer, site) in self.shared.sites.iter().zip(sites) {
            layer.label.replace(site_label(site, lang));
            if let Some(element) = element_of(&layer.main) {
                let _ = element.set_attribute("aria-label", &layer.accessible_name(lang));
            }
            if let Some(tooltip) = &layer.tooltip {
                tooltip.set_text_content(Some(site.name_in(lang)));
            }
        }
        for badge in self.shared.badges.borrow().iter() {
            if let Some(element) = element_of(&badge.layer) {
                name_badge(&self.shared, &badge.members, &element);
            }
        }
    }

    /// Shows exactly the sites whose flag is set (one flag per site, in
    /// the order given to `show_sites`). Sites stay on the map: a hidden
    /// site's elements get the class `atlas-hidden` (`visibility: hidden`:
    /// not drawn, not hit, not a tab stop, not in the accessibility tree).
    /// Removing and re-adding the layers cost more than all the rest of a
    /// filter change: Leaflet makes every element anew on each add, and
    /// the routes are projected again.
    pub(super) fn set_visible(&self, map: &leaflet::Map, visible: &[bool]) {
        let mut markers_changed = false;
        for (index, (site, &show)) in self.shared.sites.iter().zip(visible).enumerate() {
            if site.visible.replace(show) == show {
                continue;
            }
            for layer in std::iter::once(&site.main).chain(&site.inner) {
                if let Some(element) = element_of(layer) {
                    let _ = element.class_list().toggle_with_force(HIDDEN_CLASS, !show);
                }
            }
            if !show {
                site.main.close_tooltip();
            }
            if let Framing::Point(_) = site.framing {
                markers_changed = true;
            }
            // A halo is on the map only while wanted.
            if self.shared.halo_wanted(index) {
                self.shared.update_halo(map, &self.halos, index);
            }
        }
        if markers_changed {
            declutter_markers(map, &self.shared, &self.leaders, &self.badges, false);
        }
    }

    /// Marks each site with its stage (one per site, in the order given
    /// to `show`): a class on its marker or line, and the stage's words in
    /// its accessible name, so that what the map shows by a corner mark is
    /// said too.
    pub(super) fn set_stages(&self, stages: &[Stage]) {
        let lang = self.shared.lang.get();
        for (site, &stage) in self.shared.sites.iter().zip(stages) {
            let before = site.stage.replace(stage);
            if before == stage {
                continue;
            }
            for layer in std::iter::once(&site.main).chain(&site.inner) {
                if let Some(element) = element_of(layer) {
                    if let Some(old) = before.class() {
                        let _ = element.class_list().remove_1(old);
                    }
                    if let Some(new) = stage.class() {
                        let _ = element.class_list().add_1(new);
                    }
                }
            }
            if let Some(element) = element_of(&site.main) {
                let _ = element.set_attribute("aria-label", &site.accessible_name(lang));
            }
        }
    }

    /// Highlights the site at `index` (or none), showing its halo; returns
    /// where the map goes to show it.
    pub(super) fn select(&self, map: &leaflet::Map, index: Option<usize>) -> Option<Framing> {
        let previous = self.shared.selected.replace(index);
        if let Some(previous) = previous
            && let Some(site) = self.shared.sites.get(previous)
        {
            mark_selected(&site.main, false);
            self.shared.update_halo(map, &self.halos, previous);
        }
        for badge in self.shared.badges.borrow().iter() {
            if let Some(element) = element_of(&badge.layer) {
                let holds = index.is_some_and(|i| badge.members.contains(&i));
                let _ = element
                    .class_list()
                    .toggle_with_force("atlas-selected", holds);
            }
        }
        let site = self.shared.sites.get(index?)?;
        mark_selected(&site.main, true);
        // Bringing a line to the front re-inserts its SVG path, which takes
        // keyboard focus off it: give focus back to whatever held it.
        let focused = super::active_element();
        if let Framing::Route(_) = site.framing {
            site.main.unchecked_ref::<leaflet::Path>().bring_to_front();
            if let Some(inner) = &site.inner {
                inner.unchecked_ref::<leaflet::Path>().bring_to_front();
            }
        }
        if let Some(element) = focused
            && super::active_element().as_ref() != Some(&element)
        {
            super::focus_element(&element);
        }
        self.shared.update_halo(map, &self.halos, index?);
        Some(site.framing)
    }
}

/// Toggles the selected look on a site's element, if it is on the map.
fn mark_selected(layer: &leaflet::Layer, selected: bool) {
    if let Some(element) = element_of(layer) {
        let _ = element
            .class_list()
            .toggle_with_force("atlas-selected", selected);
        let _ = element.set_attribute("aria-pressed", if selected { "true" } else { "false" });
    }
}

/// Lays out the visible markers at the current zoom (see
/// `crate::view::declutter`) so that nothing drawn overlaps: a few markers
/// that would overlap are spread by shifting their elements, each with a
/// thin leader line to its true place (marked with a dot), so that no
/// marker misleads about where it is; more are hidden behind a count badge
/// at their mean place. At the map's last zoom, where a badge could not
/// open, every group is spread. Runs after every zoom (`rebuild`: every
/// marker is placed anew) and filter change; only the markers whose place
/// changed are touched, so a filter that moves no marker costs no DOM
/// work, the leader lines are redrawn as one path only when one of them
/// changed, and the badges are made anew only when they changed.
fn declutter_markers(
    map: &leaflet::Map,
    shared: &Shared,
    leaders: &Leaders,
    badges: &Badges,
    rebuild: bool,
) {
    let mut changed = rebuild;
    if rebuild {
        for site in &shared.sites {
            site.spread.set(None);
        }
    }
    let zoom = map.get_zoom();
    let mut projected = shared.projected.borrow_mut();
    if projected.as_ref().is_none_or(|p| p.zoom != zoom) {
        // Each marker's true place, from the data (never read back from
        // the map, so no marker can be placed where it is not).
        let points = shared
            .sites
            .iter()
            .map(|site| match site.framing {
                Framing::Point(at) => {
                    let p = map.project_with_zoom(&to_lat_lng(at), zoom);
                    Some((p.x().round(), p.y().round()))
                }
                Framing::Route(_) => None,
            })
            .collect();
        *projected = Some(Projected { zoom, points });
    }
    let Some(projected) = projected.as_ref() else {
        return;
    };
    let mut markers: Vec<(usize, &SiteLayer, LatLon, (f64, f64))> = Vec::new();
    for (index, (site, point)) in shared.sites.iter().zip(&projected.points).enumerate() {
        let (Framing::Point(at), Some(point)) = (site.framing, point) else {
            continue;
        };
        if site.visible.get() {
            markers.push((index, site, at, *point));
        } else {
            if let Some(dot) = site.dot.borrow_mut().as_mut() {
                dot.show(leaders, false);
            }
            // A hidden marker that was spread takes its leader along.
            changed |= site.spread.take().is_some_and(moved);
        }
    }
    let points: Vec<(f64, f64)> = markers.iter().map(|(_, _, _, p)| *p).collect();
    let sizes = Sizes {
        gap: DECLUTTER_GAP_PX,
        badge: BADGE_PX + 1.0,
        max_spread: if zoom >= map.get_max_zoom() {
            usize::MAX
        } else if map.get_size().x() < NARROW_MAP_PX {
            MAX_SPREAD_NARROW
        } else {
            MAX_SPREAD_WIDE
        },
    };
    let placed = layout(&points, sizes);
    // A marker in a badge stays where it is, hidden, with no leader.
    let offsets: Vec<(f64, f64)> = placed
        .offsets
        .iter()
        .map(|o| o.unwrap_or((0.0, 0.0)))
        .collect();
    for ((_, site, at, _), (&offset, place)) in
        markers.iter().zip(offsets.iter().zip(&placed.offsets))
    {
        let clustered = place.is_none();
        if site.clustered.replace(clustered) != clustered {
            if let Some(element) = element_of(&site.main) {
                let _ = element
                    .class_list()
                    .toggle_with_force(CLUSTERED_CLASS, clustered);
            }
            if clustered {
                site.main.close_tooltip();
            }
        }
        let before = site.spread.replace(Some(offset));
        if before == Some(offset) {
            continue;
        }
        changed |= before.is_some_and(moved) || moved(offset);
        let (dx, dy) = offset;
        if let Some(element) = element_of(&site.main).and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            // CSS `translate`, on top of Leaflet's own transform: moving a
            // marker is then a change of its composited layer's transform,
            // with no layout (margins cost a relayout of every moved one).
            let _ = element
                .style()
                .set_property("translate", &format!("{dx}px {dy}px"));
        }
        let mut dot = site.dot.borrow_mut();
        if moved(offset) {
            dot.get_or_insert_with(|| new_dot(&to_lat_lng(*at)))
                .show(leaders, true);
        } else if let Some(dot) = dot.as_mut() {
            dot.show(leaders, false);
        }
    }
    if changed {
        // Every leader, in one path.
        let lines: js_sys::Array = markers
            .iter()
            .zip(&offsets)
            .filter(|(_, offset)| moved(**offset))
            .map(|((_, _, at, (x, y)), (dx, dy))| {
                let to = map.unproject_with_zoom(&leaflet::Point::new(x + dx, y + dy), zoom);
                JsValue::from(js_sys::Array::of2(&to_lat_lng(*at), &to))
            })
            .collect();
        leaders.lines.set_lat_lngs(&lines);
    }
    let wanted: Vec<(Vec<usize>, (f64, f64))> = placed
        .badges
        .into_iter()
        .map(|badge| {
            let members = badge.members.iter().map(|&i| markers[i].0).collect();
            (members, badge.at)
        })
        .collect();
    draw_badges(map, shared, leaders, badges, wanted, zoom);
    if let Some(index) = shared.focus_after.take() {
        focus_site_or_badge(shared, index);
    }
}

/// Replaces the drawn badges with `wanted` (members, place in px at
/// `zoom`), unless they are the same.
fn draw_badges(
    map: &leaflet::Map,
    shared: &Shared,
    leaders: &Leaders,
    badges: &Badges,
    wanted: Vec<(Vec<usize>, (f64, f64))>,
    zoom: f64,
) {
    let same = {
        let drawn = shared.badges.borrow();
        drawn.len() == wanted.len()
            && drawn
                .iter()
                .zip(&wanted)
                .all(|(d, (members, at))| d.members == *members && d.at == *at)
    };
    if same {
        return;
    }
    // Taken out first: removing a focused badge sends `blur` at once, to a
    // handler that reads the badges.
    for badge in shared.badges.take() {
        // A badge removed under the pointer gets no `mouseleave`.
        show_member_dots(shared, leaders, &badge.members, false);
        badges.group.remove_layer(&badge.layer);
    }
    let mut drawn = Vec::with_capacity(wanted.len());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selected = shared.selected.get();
    for (k, (members, at)) in wanted.into_iter().enumerate() {
        let mut arcs: Vec<(&str, usize)> = Vec::new();
        for sector in Sector::ALL {
            let count = members
                .iter()
                .filter(|&&i| shared.sites.get(i).is_some_and(|s| s.sector == *sector))
                .count();
            if count > 0 {
                arcs.push((sector_colour(*sector), count));
            }
        }
        let place = map.unproject_with_zoom(&leaflet::Point::new(at.0, at.1), zoom);
        let layer = badge_marker(&document, &place, &arcs);
        badges.group.add_layer(&layer);
        if let Some(element) = element_of(&layer) {
            name_badge(shared, &members, &element);
            let _ = element.set_attribute("tabindex", "0");
            let _ = element.set_attribute("role", "button");
            let _ = element.set_attribute("data-badge", &k.to_string());
            if selected.is_some_and(|i| members.contains(&i)) {
                let _ = element.class_list().add_1("atlas-selected");
            }
            for (kind, handler) in [
                ("click", &badges.on_click),
                ("keydown", &badges.on_key),
                ("mouseenter", &badges.on_enter),
                ("focus", &badges.on_enter),
                ("mouseleave", &badges.on_leave),
                ("blur", &badges.on_leave),
            ] {
                let _ = element.add_event_listener_with_callback(kind, handler.unchecked_ref());
            }
        }
        drawn.push(DrawnBadge { members, at, layer });
    }
    *shared.badges.borrow_mut() = drawn;
}

impl SiteLayer {
    /// Its accessible name: "Bash wind farm (Wind farm)", and with a stage
    /// "Shieli solar plant (Solar plant): Under construction".
    fn accessible_name(&self, lang: Lang) -> String {
        let label = self.label.borrow();
        match self.stage.get().status() {
            Some(status) => format!("{label}: {}", status.label_in(lang)),
            None => label.clone(),
        }
    }
}

/// A site's name and category: "Bash wind farm (Wind farm)".
fn site_label(site: &Site, lang: Lang) -> String {
    format!("{} ({})", site.name_in(lang), site.category.label_in(lang))
}

/// Names a badge after its members, in the interface's language (its
/// accessible name and its hover text).
fn name_badge(shared: &Shared, members: &[usize], element: &Element) {
    let labels: Vec<String> = members
        .iter()
        .filter_map(|&i| shared.sites.get(i).map(|s| s.label.borrow().clone()))
        .collect();
    let name = badge_label(shared.lang.get(), &labels);
    let _ = element.set_attribute("aria-label", &name);
    let _ = element.set_attribute("title", &name);
}

/// The index of the badge an event's listener sits on (`data-badge`).
fn badge_index(event: &web_sys::Event) -> Option<usize> {
    event
        .current_target()?
        .dyn_into::<Element>()
        .ok()?
        .get_attribute("data-badge")?
        .parse()
        .ok()
}

/// Shows or hides the dots at the true places of the badge members
/// `members` that are counted in a badge (a spread marker's dot is its
/// leader's).
fn show_member_dots(shared: &Shared, leaders: &Leaders, members: &[usize], on: bool) {
    for site in members.iter().filter_map(|&i| shared.sites.get(i)) {
        let Framing::Point(at) = site.framing else {
            continue;
        };
        if !site.clustered.get() {
            continue;
        }
        let mut dot = site.dot.borrow_mut();
        if on {
            dot.get_or_insert_with(|| new_dot(&to_lat_lng(at)))
                .show(leaders, true);
        } else if let Some(dot) = dot.as_mut() {
            dot.show(leaders, false);
        }
    }
}

/// Zooms in on the members of badge `index` until they fit the view; by
/// keyboard, focus then goes to its first member (or the badge holding it).
fn open_badge(map: &leaflet::Map, shared: &Shared, index: usize, keyboard: bool) {
    let badges = shared.badges.borrow();
    let Some(badge) = badges.get(index) else {
        return;
    };
    let projection = shared.projected.borrow();
    let Some(projected) = projection.as_ref() else {
        return;
    };
    let (mut low, mut high) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    for point in badge
        .members
        .iter()
        .filter_map(|&i| projected.points.get(i).copied().flatten())
    {
        low = (low.0.min(point.0), low.1.min(point.1));
        high = (high.0.max(point.0), high.1.max(point.1));
    }
    if low.0 > high.0 {
        return;
    }
    let size = map.get_size();
    let zoom = opening_zoom(
        (high.0 - low.0, high.1 - low.1),
        (size.x(), size.y()),
        OPEN_PADDING_PX,
        projected.zoom,
        map.get_max_zoom(),
    );
    let centre = leaflet::Point::new((low.0 + high.0) / 2.0, (low.1 + high.1) / 2.0);
    let centre = map.unproject_with_zoom(&centre, projected.zoom);
    if keyboard {
        shared.focus_after.set(badge.members.first().copied());
    }
    // Setting the view may lay the markers out at once, which borrows both.
    drop(badges);
    drop(projection);
    map.set_view(&centre, zoom);
}

/// Gives keyboard focus to site `index`'s marker, or to the badge that
/// holds it.
fn focus_site_or_badge(shared: &Shared, index: usize) {
    let Some(site) = shared.sites.get(index) else {
        return;
    };
    let element = if site.clustered.get() {
        shared
            .badges
            .borrow()
            .iter()
            .find(|b| b.members.contains(&index))
            .and_then(|b| element_of(&b.layer))
    } else {
        element_of(&site.main)
    };
    if let Some(element) = element {
        super::focus_element(&element);
    }
}

/// Whether a declutter offset moves a marker enough for a leader.
fn moved((dx, dy): (f64, f64)) -> bool {
    dx.hypot(dy) >= 1.0
}

/// The one path of every leader line, empty until markers are spread.
fn leader_lines() -> leaflet::Polyline {
    let line_options = js_object(&[
        ("pane", JsValue::from_str(HALO_PANE.0)),
        ("interactive", JsValue::FALSE),
        ("className", JsValue::from_str("atlas-leader")),
        ("color", JsValue::from_str("#3d3d3d")),
        ("weight", JsValue::from_f64(1.2)),
        ("opacity", JsValue::from_f64(0.8)),
    ]);
    leaflet::Polyline::new_with_options(&js_sys::Array::new(), line_options.unchecked_ref())
}

/// The dot at a spread marker's true place `at`, not yet on the map.
fn new_dot(at: &leaflet::LatLng) -> Dot {
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
    Dot {
        layer: leaflet::CircleMarker::new_with_options(at, &dot_options).unchecked_into(),
        added: false,
        shown: false,
    }
}
