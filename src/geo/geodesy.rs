//! Geodesy. For drawing: great-circle distance and the points along a great
//! circle, used for air routes — plain Rust on a sphere of the mean Earth
//! radius, where at map scale the ellipsoid makes no visible difference.
//! For the lengths the interface states: `route_length_km`, on the WGS 84
//! ellipsoid with the `geo` crate (Karney's geodesics).

use geo::{Geodesic, Length, LineString, coord};

use crate::geo::bounds::LatLon;

/// The length of a route through `points` in km, along the WGS 84
/// geodesics between consecutive points.
pub(crate) fn route_length_km(points: &[LatLon]) -> f64 {
    let line: LineString<f64> = points
        .iter()
        .map(|p| coord! { x: p.lon, y: p.lat })
        .collect();
    Geodesic.length(&line) / 1000.0
}

/// Mean Earth radius (IUGG), km.
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0088;

fn to_vector(p: LatLon) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
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
fn distance_km(a: LatLon, b: LatLon) -> f64 {
    central_angle(to_vector(a), to_vector(b)) * EARTH_RADIUS_KM
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
    fn cross_track_measures_distance_off_the_route() {
        let off = LatLon::new(40.0, 90.0);
        let d = cross_track_km(off, XIAN, ALMATY);
        assert!(d > 50.0, "{d}");
        // On the meridian through 0°E: zero; 1° of longitude off it at
        // 10°N: asin(sin 1° · cos 10°) of arc.
        let (a, b) = (LatLon::new(0.0, 0.0), LatLon::new(20.0, 0.0));
        assert!(cross_track_km(LatLon::new(10.0, 0.0), a, b) < 1e-9);
        let want = (1f64.to_radians().sin() * 10f64.to_radians().cos()).asin() * EARTH_RADIUS_KM;
        let got = cross_track_km(LatLon::new(10.0, 1.0), a, b);
        assert!(
            (got - want).abs() < 1e-9 && (got - 109.5).abs() < 0.1,
            "{got}"
        );
        // A route of one point: the distance to that point.
        let d = cross_track_km(XIAN, ALMATY, ALMATY);
        assert!((d - distance_km(XIAN, ALMATY)).abs() < 1e-9);
    }
}
