//! How a site looks on the map, built from `view::symbols`: the pictogram
//! marker (an SVG built node by node, never parsed from text), the cased
//! route lines, the approximate-location halo, the classes every site
//! carries and its tooltip (a text node).

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

use super::base::HALO_PANE;
use super::js::{self, div_icon, js_object, to_lat_lng};
use crate::geo::bounds::LatLon;
use crate::model::{Category, Precision, Sector, Site, SiteGeometry};
use crate::view::symbols::{
    APPROXIMATE_DASH, Glyph, LineStyle, Paint, glyph, line_style, sector_colour,
};

/// Marker size in px.
pub(super) const MARKER_PX: f64 = 26.0;

/// The halo of an approximate site, drawn on hover, focus and selection.
pub(super) struct Halo {
    pub(super) layer: leaflet::Layer,
    /// For a route: its radius and mean latitude, to size the stroke in px.
    pub(super) route: Option<(f64, f64)>,
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

/// A round marker with the category's pictogram: filled in the sector
/// colour for an exactly placed site, hollow (white, coloured ring) for an
/// approximate one, hollow with a dashed ring for a symbolic one.
pub(super) fn point_marker(
    drawings: &mut MarkerDrawings,
    site: &Site,
    at: LatLon,
) -> leaflet::Layer {
    round_marker(
        &to_lat_lng(at),
        &site_classes(site, "point"),
        MARKER_PX,
        drawings.draw(site),
    )
}

/// What a point marker's drawing depends on.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Look {
    sector: Sector,
    category: Category,
    precision: Precision,
}

/// The marker drawings made so far, one per look. A site whose look was
/// drawn before gets a deep copy of that drawing: one DOM call instead of
/// the ~25 (elements, attributes) that building it takes, for the map's
/// dozens of markers on the way to the first map.
pub(super) struct MarkerDrawings {
    document: Document,
    made: Vec<(Look, Element)>,
}

impl MarkerDrawings {
    pub(super) fn new(document: &Document) -> Self {
        Self {
            document: document.clone(),
            made: Vec::new(),
        }
    }

    /// `site`'s marker drawing, its own element (a marker's icon holds it).
    fn draw(&mut self, site: &Site) -> Option<JsValue> {
        let look = Look {
            sector: site.sector,
            category: site.category,
            precision: site.precision,
        };
        if let Some((_, made)) = self.made.iter().find(|(l, _)| *l == look) {
            return made.clone_node_with_deep(true).ok().map(JsValue::from);
        }
        let svg = marker_svg(&self.document, look)?;
        // The first of a look is kept as the pattern and drawn as a copy,
        // like every later one.
        let copy = svg.clone_node_with_deep(true).ok().map(JsValue::from);
        self.made.push((look, svg));
        copy
    }
}

/// A round marker `size` px across, centred on `at`, whose element has the
/// classes `class` and holds `svg`. Keyboard access is the caller's (tab
/// stop, name, Enter and Space, for markers, badges and routes alike;
/// Leaflet's covers markers and Enter only).
fn round_marker(
    at: &leaflet::LatLng,
    class: &str,
    size: f64,
    svg: Option<JsValue>,
) -> leaflet::Layer {
    let half = size / 2.0;
    let icon_options = js_object(&[
        ("className", JsValue::from_str(class)),
        (
            "iconSize",
            js_sys::Array::of2(&size.into(), &size.into()).into(),
        ),
        (
            "iconAnchor",
            js_sys::Array::of2(&half.into(), &half.into()).into(),
        ),
    ]);
    if let Some(svg) = svg {
        let _ = Reflect::set(&icon_options, &JsValue::from_str("html"), &svg);
    }
    let options = leaflet::MarkerOptions::new();
    options.set_icon(div_icon(&icon_options));
    options.set_keyboard(false);
    options.set_rise_on_hover(true);
    leaflet::Marker::new_with_options(at, &options).into()
}

/// The marker's SVG, built node by node from our own symbol definitions.
fn marker_svg(document: &Document, look: Look) -> Option<Element> {
    let colour = sector_colour(look.sector);
    let filled = look.precision == Precision::Exact;
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
    if look.precision == Precision::Symbolic {
        let _ = ring.set_attribute("stroke-dasharray", "3.2 2.2");
    }
    let _ = svg.append_child(&ring);
    if let Some(glyph) = glyph(look.category) {
        let ink = if filled { "#ffffff" } else { colour };
        let g = draw_glyph(document, glyph, ink)?;
        let _ = g.set_attribute("transform", "translate(5.3 5.3) scale(.64)");
        let _ = svg.append_child(&g);
    }
    Some(svg)
}

/// A count badge's size in px.
pub(super) const BADGE_PX: f64 = 34.0;

/// A count badge: the number of sites it holds inside a ring split into
/// arcs in the sectors' colours, one arc per `(colour, count)` in order.
/// Keyboard access and its name are the caller's.
pub(super) fn badge_marker(
    document: &Document,
    at: &leaflet::LatLng,
    arcs: &[(&str, usize)],
) -> leaflet::Layer {
    round_marker(at, "atlas-cluster", BADGE_PX, badge_svg(document, arcs))
}

fn badge_svg(document: &Document, arcs: &[(&str, usize)]) -> Option<JsValue> {
    let total: usize = arcs.iter().map(|(_, n)| n).sum();
    let svg = svg_element(
        document,
        "svg",
        &[("viewBox", "0 0 34 34"), ("aria-hidden", "true")],
    )?;
    let disc = svg_element(
        document,
        "circle",
        &[("cx", "17"), ("cy", "17"), ("r", "16"), ("fill", "#ffffff")],
    )?;
    let _ = svg.append_child(&disc);
    // The ring's length counts sites (`pathLength`): each arc is its
    // sector's count long, in whole numbers.
    let total_text = total.to_string();
    let mut start = 0;
    for (colour, count) in arcs {
        let arc = svg_element(
            document,
            "circle",
            &[
                ("cx", "17"),
                ("cy", "17"),
                ("r", "13"),
                ("fill", "none"),
                ("stroke", colour),
                ("stroke-width", "5"),
                ("pathLength", &total_text),
                ("stroke-dasharray", &format!("{count} {total}")),
                ("stroke-dashoffset", &format!("-{start}")),
                ("transform", "rotate(-90 17 17)"),
            ],
        )?;
        let _ = svg.append_child(&arc);
        start += count;
    }
    let text = svg_element(
        document,
        "text",
        &[
            ("x", "17"),
            ("y", "17"),
            ("text-anchor", "middle"),
            ("dominant-baseline", "central"),
        ],
    )?;
    text.set_text_content(Some(&total_text));
    let _ = svg.append_child(&text);
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
    js::svg_element(document, tag, attributes).ok()
}

/// A route: the interactive casing in the sector colour and, for railways
/// and highways, a white inner line. An approximate route's casing is
/// dashed.
pub(super) fn route_lines(
    site: &Site,
    points: &[LatLon],
) -> (leaflet::Layer, Option<leaflet::Layer>) {
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
pub(super) fn site_halo(site: &Site) -> Option<Halo> {
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

/// A tooltip with the site's name on hover, built as a text node.
pub(super) fn bind_tooltip(
    document: &Document,
    layer: &leaflet::Layer,
    site: &Site,
    name: &str,
) -> Option<Element> {
    let element = document.create_element("span").ok()?;
    element.set_text_content(Some(name));
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
    js::bind_tooltip(layer, &element, &options);
    Some(element)
}
