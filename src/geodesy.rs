//! Geodesy. For drawing: great-circle distance and the points along a great
//! circle, used for air routes — plain Rust on a sphere of the mean Earth
//! radius, where at map scale the ellipsoid makes no visible difference.
//! For the lengths the interface states: `route_length_km`, on the WGS 84
//! ellipsoid with the `geo` crate (Karney's geodesics).

use geo::{Geodesic, Length, LineString, coord};

use crate::geo_bounds::LatLon;

/// The length of a route through `points` in km, along the WGS 84
/// geodesics between consecutive points.
pub fn route_length_km(points: &[LatLon]) -> f64 {
    let line: LineString<f64> = points
        .iter()
        .map(|p| coord! { x: p.lon, y: p.lat })
        .collect();
    Geodesic.length(&line) / 1000.0
}

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

fn to_vector(p: LatLon) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn to_lat_lon(v: [f64; 3]) -> LatLon {
    let [x, y, z] = v;
    LatLon::new(z.atan2(x.hypot(y)).to_degrees(), y.atan2(x).to_degrees())
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

/// Central angle between two points, radians (stable for tiny and large
/// angles: atan2 of the cross and dot products).
fn central_angle(a: [f64; 3], b: [f64; 3]) -> f64 {
    let c = cross(a, b);
    (c[0].hypot(c[1]).hypot(c[2])).atan2(dot(a, b))
}

/// Great-circle distance in km.
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    central_angle(to_vector(a), to_vector(b)) * EARTH_RADIUS_KM
}

/// `segments + 1` points evenly spaced along the great circle from `a` to
/// `b`, both ends included. Antipodal ends have no unique great circle; the
/// atlas never has them, and the result then is just the two ends.
pub fn great_circle(a: LatLon, b: LatLon, segments: usize) -> Vec<LatLon> {
    let (va, vb) = (to_vector(a), to_vector(b));
    let omega = central_angle(va, vb);
    let sin_omega = omega.sin();
    if segments == 0 || sin_omega.abs() < 1e-12 {
        return vec![a, b];
    }
    (0..=segments)
        .map(|i| {
            let t = i as f64 / segments as f64;
            let (wa, wb) = (
                ((1.0 - t) * omega).sin() / sin_omega,
                (t * omega).sin() / sin_omega,
            );
            to_lat_lon([
                wa * va[0] + wb * vb[0],
                wa * va[1] + wb * vb[1],
                wa * va[2] + wb * vb[2],
            ])
        })
        .collect()
}

/// Distance in km from `p` to the great circle through `a` and `b`.
pub fn cross_track_km(p: LatLon, a: LatLon, b: LatLon) -> f64 {
    let normal = cross(to_vector(a), to_vector(b));
    let length = normal[0].hypot(normal[1]).hypot(normal[2]);
    if length < 1e-12 {
        return distance_km(p, a);
    }
    let sin_angle = dot(to_vector(p), normal) / length;
    sin_angle.clamp(-1.0, 1.0).asin().abs() * EARTH_RADIUS_KM
}

#[cfg(test)]
mod tests {
    use super::*;

    const XIAN: LatLon = LatLon::new(34.2658, 108.9541);
    const ALMATY: LatLon = LatLon::new(43.2380, 76.8829);

    #[test]
    fn distance_matches_known_values() {
        // One degree of latitude is ~111.2 km on this sphere.
        let d = distance_km(LatLon::new(0.0, 0.0), LatLon::new(1.0, 0.0));
        assert!((d - 111.195).abs() < 0.01, "{d}");
        // Xi'an–Almaty is about 2,900 km (checked against a great-circle calculator).
        let d = distance_km(XIAN, ALMATY);
        assert!((2850.0..2950.0).contains(&d), "{d}");
        assert_eq!(distance_km(ALMATY, ALMATY), 0.0);
    }

    #[test]
    fn route_length_is_geodesic_on_wgs84() {
        // One degree of longitude on the equator is 2πa/360 with the WGS 84
        // semi-major axis a = 6,378,137 m: 111.3195 km.
        let equator = [
            LatLon::new(0.0, 0.0),
            LatLon::new(0.0, 1.0),
            LatLon::new(0.0, 2.0),
        ];
        let d = route_length_km(&equator);
        assert!((d - 2.0 * 111.319_49).abs() < 0.001, "{d}");
        // One degree of latitude from the equator is 110.574 km on WGS 84
        // (the meridian arc; the sphere above gives 111.195).
        let meridian = [LatLon::new(0.0, 0.0), LatLon::new(1.0, 0.0)];
        let d = route_length_km(&meridian);
        assert!((d - 110.574).abs() < 0.001, "{d}");
        assert_eq!(route_length_km(&[ALMATY]), 0.0);
        assert_eq!(route_length_km(&[]), 0.0);
    }

    #[test]
    fn great_circle_keeps_ends_spacing_and_course() {
        let points = great_circle(XIAN, ALMATY, 8);
        assert_eq!(points.len(), 9);
        assert!(distance_km(points[0], XIAN) < 1e-6);
        assert!(distance_km(points[8], ALMATY) < 1e-6);
        let step = distance_km(XIAN, ALMATY) / 8.0;
        for pair in points.windows(2) {
            assert!((distance_km(pair[0], pair[1]) - step).abs() < 0.01);
        }
        for p in &points {
            assert!(cross_track_km(*p, XIAN, ALMATY) < 1e-6);
        }
        // A great circle between mid-latitude points bulges poleward of the
        // straight line on the chart.
        let mid = points[4];
        assert!(mid.lat > (XIAN.lat + ALMATY.lat) / 2.0);
    }

    #[test]
    fn cross_track_measures_distance_off_the_route() {
        let off = LatLon::new(40.0, 90.0);
        let d = cross_track_km(off, XIAN, ALMATY);
        assert!(d > 50.0, "{d}");
        let degenerate = great_circle(ALMATY, ALMATY, 4);
        assert_eq!(degenerate.len(), 2);
    }
}
