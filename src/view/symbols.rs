//! The map's symbology, as data: a colour per sector, a pictogram per
//! point category, a line style per route category. The legend (Leptos SVG)
//! and the markers (built in `web::map`) draw from these same definitions,
//! so the key always matches the map.
//!
//! Colours are the Okabe–Ito palette, darkened where white pictograms need
//! 3:1 contrast; category is carried by the pictogram or line pattern, so it
//! reads without colour.

use crate::model::{Category, Sector};

/// A sector's colour (CSS hex).
pub(crate) fn sector_colour(sector: Sector) -> &'static str {
    match sector {
        Sector::Trade => "#4d4d4d",
        Sector::Connectivity => "#0072b2",
        Sector::Energy => "#c44e00",
        Sector::Green => "#007f5c",
        Sector::Development => "#9a6200",
        Sector::Security => "#a34a82",
    }
}

/// How one path of a pictogram is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paint {
    Fill,
    Stroke,
}

/// A pictogram in a 24 × 24 box: SVG path data and how each is painted.
pub(crate) type Glyph = &'static [(&'static str, Paint)];

/// How a route is drawn: a casing in the sector colour and an optional
/// white inner line (`None` = no inner line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineStyle {
    pub casing_width: f64,
    /// SVG dash array of the casing; `None` = solid.
    pub casing_dash: Option<&'static str>,
    pub inner_width: f64,
    pub inner_dash: Option<&'static str>,
    pub has_inner: bool,
}

/// The dash of a route whose course is only approximately known; it
/// replaces the casing's own dash.
pub(crate) const APPROXIMATE_DASH: &str = "12 5";

/// How a category is symbolised: a pictogram in a round marker, or a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Symbol {
    Marker(Glyph),
    Line(LineStyle),
}

/// The symbol of a category.
pub(crate) fn symbol(category: Category) -> Symbol {
    use Paint::{Fill, Stroke};
    match category {
        // Railway: the classic cased line with white ties.
        Category::Railway => Symbol::Line(LineStyle {
            casing_width: 5.0,
            casing_dash: None,
            inner_width: 2.0,
            inner_dash: Some("5 5"),
            has_inner: true,
        }),
        // Highway: a road with a white centre line.
        Category::Highway => Symbol::Line(LineStyle {
            casing_width: 6.0,
            casing_dash: None,
            inner_width: 1.5,
            inner_dash: None,
            has_inner: true,
        }),
        // Air route: a thin dotted arc.
        Category::AirRoute => Symbol::Line(LineStyle {
            casing_width: 2.5,
            casing_dash: Some("1 6"),
            inner_width: 0.0,
            inner_dash: None,
            has_inner: false,
        }),
        Category::Tunnel => {
            Symbol::Marker(&[("M5 19v-7a7 7 0 0 1 14 0v7h-3v-7a4 4 0 0 0-8 0v7z", Fill)])
        }
        Category::OilGas => Symbol::Marker(&[(
            "M12 3.5c1 3 5.5 5.2 5.5 9.8a5.5 5.5 0 0 1-11 0c0-2.2 1-3.6 2.3-4.6 0 2 .9 3.3 2.1 3.5-1-3.2.1-6.3 1.1-8.7z",
            Fill,
        )]),
        Category::ThermalPower => {
            Symbol::Marker(&[("M4.5 19.5v-8l4.5 2.4v-2.4l4.5 2.4V5h3.5v14.5z", Fill)])
        }
        Category::GasPower => Symbol::Marker(&[("M13.5 3 6 13.5h5L10 21l7.5-10.5h-5z", Fill)]),
        Category::Wind => Symbol::Marker(&[
            ("M12 12V4.5M12 12l6.5 3.75M12 12l-6.5 3.75", Stroke),
            ("M12 12v8", Stroke),
        ]),
        Category::Solar => Symbol::Marker(&[
            ("M12 8.2a3.8 3.8 0 1 1 0 7.6 3.8 3.8 0 0 1 0-7.6z", Fill),
            (
                "M12 3v2.2M12 18.8V21M3 12h2.2M18.8 12H21M5.6 5.6l1.6 1.6M16.8 16.8l1.6 1.6M5.6 18.4l1.6-1.6M16.8 7.2l1.6-1.6",
                Stroke,
            ),
        ]),
        Category::Hydro => Symbol::Marker(&[(
            "M12 3.5S6.5 10 6.5 14a5.5 5.5 0 0 0 11 0C17.5 10 12 3.5 12 3.5z",
            Fill,
        )]),
        Category::Agriculture => Symbol::Marker(&[
            ("M12 20.5V11", Stroke),
            ("M12 11.5c0-4.2 2.8-6.8 7-6.8 0 4.2-2.8 6.8-7 6.8z", Fill),
            ("M12 14c0-3.2-2.2-5.4-6-5.4 0 3.2 2.2 5.4 6 5.4z", Fill),
        ]),
        Category::Security => Symbol::Marker(&[(
            "M12 3.5l6.5 2.7v5.3c0 4.3-2.9 7.3-6.5 8.8-3.6-1.5-6.5-4.5-6.5-8.8V6.2z",
            Fill,
        )]),
        Category::Meeting => Symbol::Marker(&[(
            "M4.5 9 12 4.5 19.5 9zM6 10h2.4v6.5H6zM10.8 10h2.4v6.5h-2.4zM15.6 10H18v6.5h-2.4zM4.5 17.5h15V20h-15z",
            Fill,
        )]),
        Category::Summit => Symbol::Marker(&[(
            "M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.8z",
            Fill,
        )]),
    }
}

/// The glyph of a point category, `None` for route categories.
pub(crate) fn glyph(category: Category) -> Option<Glyph> {
    match symbol(category) {
        Symbol::Marker(glyph) => Some(glyph),
        Symbol::Line(_) => None,
    }
}

/// The line style of a route category, `None` for point categories.
pub(crate) fn line_style(category: Category) -> Option<LineStyle> {
    match symbol(category) {
        Symbol::Line(style) => Some(style),
        Symbol::Marker(_) => None,
    }
}

/// Web Mercator pixels per km at `lat` and `zoom` (256-px tiles): how wide a
/// radius of `km` is drawn on screen.
pub(crate) fn pixels_per_km(lat: f64, zoom: f64) -> f64 {
    const EQUATOR_KM: f64 = 40_075.016_686;
    let cos = lat.to_radians().cos().max(1e-6);
    256.0 * zoom.exp2() / (EQUATOR_KM * cos)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The legend draws a category's symbol; the map draws a point site
    /// with `glyph` and a line site with `line_style`, falling back to a
    /// plain line or a bare ring when the category has none. So the key
    /// matches the map only if every site's shape fits its category's
    /// symbol.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_shipped_site_is_drawn_with_the_symbol_its_legend_entry_shows() {
        use crate::model::SiteGeometry;
        let sites = crate::model::load_catalog().expect("the data loads");
        for site in &sites {
            match (&site.geometry, symbol(site.category)) {
                (SiteGeometry::Point(_), Symbol::Marker(_)) => {
                    assert!(glyph(site.category).is_some(), "{}", site.id);
                }
                (SiteGeometry::Line(_), Symbol::Line(_)) => {
                    assert!(line_style(site.category).is_some(), "{}", site.id);
                }
                (geometry, symbol) => panic!(
                    "{}: a {} shaped {geometry:?} does not fit its legend symbol {symbol:?}",
                    site.id,
                    site.category.as_str(),
                ),
            }
        }
    }

    #[test]
    fn railway_and_highway_lines_differ() {
        let rail = line_style(Category::Railway);
        let road = line_style(Category::Highway);
        assert!(
            rail.is_some() && road.is_some() && rail != road,
            "railway and highway differ"
        );
    }

    #[test]
    fn point_glyphs_are_distinct() {
        let glyphs: Vec<_> = Category::ALL.iter().filter_map(|c| glyph(*c)).collect();
        for (i, a) in glyphs.iter().enumerate() {
            for b in &glyphs[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn sector_colours_are_distinct() {
        let mut colours: Vec<_> = Sector::ALL.iter().map(|s| sector_colour(*s)).collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), Sector::ALL.len());
    }

    #[test]
    fn pixels_per_km_doubles_per_zoom_and_grows_poleward() {
        let z5 = pixels_per_km(0.0, 5.0);
        // 256·32 px span 40,075 km at the equator.
        assert!((z5 - 8192.0 / 40_075.016_686).abs() < 1e-9);
        assert!((pixels_per_km(0.0, 6.0) / z5 - 2.0).abs() < 1e-12);
        assert!(
            (pixels_per_km(60.0, 5.0) / z5 - 2.0).abs() < 1e-9,
            "cos 60° = ½"
        );
    }
}
