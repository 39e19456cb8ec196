//! The imported layer's plain-Rust half: projection, grouping by sector,
//! what is drawn for a view, hit testing, and the rasteriser.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cca_atlas::geo::bounds::LatLon;
use cca_atlas::userdata::import::import_geojson;
use cca_atlas::userdata::overlay::{Overlay, Stroke, UNGROUPED, Viewport, project, unproject};
use cca_atlas::userdata::raster::{Raster, Style};

fn overlay(json: &str) -> Overlay {
    let import = import_geojson(json).expect("valid test GeoJSON");
    Overlay::new(&import.features)
}

fn point(lon: f64, lat: f64, sector: Option<&str>) -> String {
    let properties = sector.map_or(String::new(), |s| format!("\"sector\":\"{s}\""));
    format!(
        "{{\"type\":\"Feature\",\"properties\":{{{properties}}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}}}}"
    )
}

fn collection(features: &[String]) -> String {
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[{}]}}",
        features.join(",")
    )
}

/// A view of the whole world at zoom 2 (1024 px square), origin top-left.
fn world() -> Viewport {
    Viewport {
        scale: 1024.0,
        origin: (0.0, 0.0),
        width: 1024.0,
        height: 1024.0,
    }
}

#[test]
fn projection_is_leaflets_web_mercator() {
    assert_eq!(project(LatLon::new(0.0, 0.0)), (0.5, 0.5));
    let (x, _) = project(LatLon::new(0.0, 180.0));
    assert!((x - 1.0).abs() < 1e-12);
    // Leaflet clamps at ±85.0511°: the square's top edge.
    let (_, y) = project(LatLon::new(89.0, 0.0));
    assert!(y.abs() < 1e-9, "{y}");
    for (lat, lon) in [(42.87, 74.59), (-33.9, 151.2), (0.0, -179.9), (60.0, 30.0)] {
        let (x, y) = project(LatLon::new(lat, lon));
        let back = unproject(x, y);
        assert!(
            (back.lat - lat).abs() < 1e-9 && (back.lon - lon).abs() < 1e-9,
            "{back:?}"
        );
    }
}

#[test]
fn features_are_grouped_by_sector_with_one_group_for_the_rest() {
    let o = overlay(&collection(&[
        point(70.0, 40.0, Some("green")),
        point(71.0, 41.0, Some("energy")),
        point(72.0, 42.0, Some("green")),
        point(73.0, 43.0, None),
    ]));
    let groups: Vec<(&str, usize)> = o
        .groups()
        .iter()
        .map(|g| (g.name.as_str(), g.count))
        .collect();
    assert_eq!(groups, [("energy", 1), ("green", 2), (UNGROUPED, 1)]);
    assert_eq!(o.group_of(0), Some(1));
    assert_eq!(o.group_of(1), Some(0));
    assert_eq!(o.group_of(3), Some(2));
}

#[test]
fn one_value_or_too_many_values_is_not_a_grouping() {
    let one = overlay(&collection(&[
        point(70.0, 40.0, Some("green")),
        point(71.0, 40.0, None),
    ]));
    assert_eq!(one.groups().len(), 1);
    assert_eq!(one.groups()[0].count, 2);
    let many: Vec<String> = (0..30)
        .map(|i| point(70.0, 40.0, Some(&format!("s{i}"))))
        .collect();
    assert_eq!(overlay(&collection(&many)).groups().len(), 1);
}

#[test]
fn only_what_reaches_into_the_view_is_drawn_and_lines_are_thinned() {
    // A line of 101 vertices 0.001° apart: at zoom 2 they are ~0.003 px apart.
    let coords: Vec<String> = (0..=100)
        .map(|i| format!("[{},40]", 70.0 + f64::from(i) * 0.001))
        .collect();
    let line = format!(
        "{{\"type\":\"Feature\",\"properties\":{{}},\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[{}]}}}}",
        coords.join(",")
    );
    let o = overlay(&collection(&[
        point(70.0, 40.0, None),
        line,
        point(-100.0, 40.0, None),
    ]));
    // The eastern hemisphere only.
    let east = Viewport {
        origin: (512.0, 0.0),
        width: 512.0,
        ..world()
    };
    let strokes = o.strokes(0, &east, 1.0);
    let dots = strokes
        .iter()
        .filter(|s| matches!(s, Stroke::Dot(..)))
        .count();
    assert_eq!(dots, 1, "the American point is outside the view");
    let Some(Stroke::Line(points)) = strokes.iter().find(|s| matches!(s, Stroke::Line(_))) else {
        panic!("the line is drawn");
    };
    assert_eq!(points.len(), 2, "first and last vertex only: {points:?}");
    let (x, _) = points[1];
    let (end_x, _) = project(LatLon::new(40.0, 70.1));
    assert!(
        (x - (end_x * 1024.0 - 512.0)).abs() < 1e-3,
        "the last vertex stays where it is"
    );
    // Without thinning every vertex is kept.
    let all = o.strokes(0, &east, 0.0);
    assert!(
        all.iter()
            .any(|s| matches!(s, Stroke::Line(p) if p.len() == 101))
    );
}

#[test]
fn a_click_finds_the_nearest_point_then_lines_then_polygons_and_skips_hidden_groups() {
    let polygon = "{\"type\":\"Feature\",\"properties\":{\"sector\":\"b\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[60,30],[80,30],[80,50],[60,50],[60,30]],[[65,35],[75,35],[75,45],[65,45],[65,35]]]}}";
    let line = "{\"type\":\"Feature\",\"properties\":{\"sector\":\"b\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[20,0]]}}";
    let o = overlay(&collection(&[
        point(100.0, 20.0, Some("a")),
        polygon.to_owned(),
        line.to_owned(),
    ]));
    let view = world();
    let px = |lon: f64, lat: f64| {
        let (x, y) = project(LatLon::new(lat, lon));
        (x * 1024.0, y * 1024.0)
    };
    let both = [true, true];
    let (x, y) = px(100.0, 20.0);
    assert_eq!(
        o.hit(&view, (x + 3.0, y), 6.0, &both),
        Some(0),
        "near the point"
    );
    assert_eq!(
        o.hit(&view, (x + 9.0, y), 6.0, &both),
        None,
        "too far from it"
    );
    assert_eq!(
        o.hit(&view, (x, y), 6.0, &[false, true]),
        None,
        "its group is hidden"
    );
    assert_eq!(
        o.hit(&view, px(10.0, 0.0), 6.0, &both),
        Some(2),
        "on the line"
    );
    assert_eq!(
        o.hit(&view, px(62.0, 40.0), 6.0, &both),
        Some(1),
        "inside the polygon"
    );
    assert_eq!(
        o.hit(&view, px(70.0, 40.0), 6.0, &both),
        None,
        "inside its hole"
    );
    let (south_west, north_east) = o.bounds(1).expect("the polygon has bounds");
    assert!((south_west.lat - 30.0).abs() < 1e-4 && (north_east.lon - 80.0).abs() < 1e-4);
}

fn style() -> Style {
    Style {
        ink: [0x33, 0x33, 0x33],
        fill: [0xf0, 0xc8, 0x08],
        area_opacity: 0.35,
        line_width: 2.0,
        outline_width: 1.5,
        dot_radius: 4.0,
        dot_core: 2.5,
    }
}

fn pixel(pixels: &[u8], width: usize, x: usize, y: usize) -> [u8; 4] {
    let i = (y * width + x) * 4;
    [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]]
}

#[test]
fn the_rasteriser_draws_dots_lines_and_holed_polygons() {
    let mut raster = Raster::default();
    raster.reset(40, 40);
    let strokes = [
        Stroke::Area(vec![
            vec![(20.0, 20.0), (39.0, 20.0), (39.0, 39.0), (20.0, 39.0)],
            vec![(25.0, 25.0), (34.0, 25.0), (34.0, 34.0), (25.0, 34.0)],
        ]),
        Stroke::Line(vec![(0.0, 5.5), (20.0, 5.5)]),
        Stroke::Dot(10.0, 15.0),
    ];
    let look = style();
    raster.draw(&strokes, 1.0, &look);
    let pixels = raster.pixels(&look).to_vec();
    assert_eq!(pixels.len(), 40 * 40 * 4);
    // The dot: yellow, opaque centre; dark rim; nothing beyond it.
    assert_eq!(pixel(&pixels, 40, 9, 14), [0xf0, 0xc8, 0x08, 255]);
    let rim = pixel(&pixels, 40, 10, 11);
    assert!(
        rim[..3] == [0x33, 0x33, 0x33] && rim[3] > 240,
        "rim: {rim:?}"
    );
    assert_eq!(pixel(&pixels, 40, 10, 9)[3], 0, "outside the dot");
    // The line: opaque ink on its axis, nothing 3 px away.
    assert_eq!(pixel(&pixels, 40, 10, 5), [0x33, 0x33, 0x33, 255]);
    assert_eq!(pixel(&pixels, 40, 10, 8)[3], 0);
    // The polygon: translucent fill inside, none in the hole.
    let inside = pixel(&pixels, 40, 22, 30);
    assert_eq!(inside, [0xf0, 0xc8, 0x08, (0.35f32 * 255.0).round() as u8]);
    assert_eq!(pixel(&pixels, 40, 30, 30)[3], 0, "the hole is empty");
    // Drawing at twice the scale puts the dot twice as far.
    raster.reset(40, 40);
    raster.draw(&[Stroke::Dot(10.0, 15.0)], 2.0, &look);
    let pixels = raster.pixels(&look).to_vec();
    assert_eq!(pixel(&pixels, 40, 20, 30)[3], 255);
    assert_eq!(pixel(&pixels, 40, 10, 15)[3], 0);
}
