//! Geographic value types and the atlas's framing: where the map opens.
//!
//! Plain data, no browser: the Leaflet module converts these to `LatLng`
//! and `LatLngBounds` in exactly one place.

/// A position in WGS 84 degrees. Latitude first, as people say it; GeoJSON's
/// `[lon, lat]` order is converted when data is read, never here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }
}

/// Leaflet's limit for Web Mercator (EPSG:3857).
const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// A position in the Web Mercator square: x east and y south, both 0…1
/// (Leaflet's pixel coordinates at zoom z are these times 256·2^z).
pub fn project(p: LatLon) -> (f64, f64) {
    let lat = p.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = 0.5 - (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln() / std::f64::consts::TAU;
    (x, y)
}

/// The inverse of `project`.
pub fn unproject(x: f64, y: f64) -> LatLon {
    let lon = x * 360.0 - 180.0;
    let lat = 2.0 * ((0.5 - y) * std::f64::consts::TAU).exp().atan() - std::f64::consts::FRAC_PI_2;
    LatLon::new(lat.to_degrees(), lon)
}

/// A latitude/longitude box that does not cross the antimeridian (the
/// atlas's region never does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoBounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl GeoBounds {
    pub const fn new(south: f64, west: f64, north: f64, east: f64) -> Self {
        Self {
            south,
            west,
            north,
            east,
        }
    }

    /// Whether `point` lies inside or on the edge of the box.
    pub fn contains(&self, point: LatLon) -> bool {
        (self.south..=self.north).contains(&point.lat)
            && (self.west..=self.east).contains(&point.lon)
    }

    /// Whether `other` lies wholly inside this box.
    pub fn contains_bounds(&self, other: &GeoBounds) -> bool {
        self.contains(LatLon::new(other.south, other.west))
            && self.contains(LatLon::new(other.north, other.east))
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &GeoBounds) -> GeoBounds {
        GeoBounds::new(
            self.south.min(other.south),
            self.west.min(other.west),
            self.north.max(other.north),
            self.east.max(other.east),
        )
    }
}

/// Xinjiang Uyghur Autonomous Region, 34°22′–49°10′ N, 73°40′–96°23′ E
/// (extent as given by Wikipedia's article on the region).
pub(crate) const XINJIANG: GeoBounds = GeoBounds::new(34.37, 73.67, 49.17, 96.38);

/// The five Central Asian countries together, rounded outwards from their
/// Natural Earth 1:50m outlines (checked against the embedded basemap by
/// `tests/basemap.rs`): Kazakhstan's Caspian shore and northern border,
/// Turkmenistan's southern border, Kyrgyzstan's and Tajikistan's eastern ends.
pub const CENTRAL_ASIA: GeoBounds = GeoBounds::new(35.1, 46.4, 55.5, 87.4);

/// What the map frames when it opens: Central Asia with Xinjiang.
pub const INITIAL_BOUNDS: GeoBounds = GeoBounds::new(
    CENTRAL_ASIA.south.min(XINJIANG.south),
    CENTRAL_ASIA.west.min(XINJIANG.west),
    CENTRAL_ASIA.north.max(XINJIANG.north),
    CENTRAL_ASIA.east.max(XINJIANG.east),
);

/// How far the user may pan: the basemap's clip box (see `build/main.rs`).
pub const MAX_BOUNDS: GeoBounds = GeoBounds::new(15.0, 30.0, 60.0, 130.0);

/// A framed point is shown at least at this zoom; a framed route is
/// fitted, but not closer than `FRAME_MAX_ZOOM`.
pub(crate) const FRAME_POINT_ZOOM: f64 = 7.0;
pub(crate) const FRAME_MAX_ZOOM: f64 = 8.0;

#[cfg(test)]
mod tests {
    use super::*;

    /// Xi'an, where the report's air links start; one zoom-out from the
    /// initial view must bring it into sight.
    const XIAN: LatLon = LatLon::new(34.26, 108.94);

    #[test]
    fn initial_view_holds_central_asia_and_xinjiang() {
        assert!(INITIAL_BOUNDS.contains_bounds(&CENTRAL_ASIA));
        assert!(INITIAL_BOUNDS.contains_bounds(&XINJIANG));
        // Xinjiang is what makes the view reach past Central Asia's east end.
        assert!(!CENTRAL_ASIA.contains_bounds(&XINJIANG));
    }

    #[test]
    fn union_takes_the_outer_edge_on_each_side() {
        let a = GeoBounds::new(10.0, 20.0, 30.0, 40.0);
        let b = GeoBounds::new(5.0, 25.0, 35.0, 38.0);
        assert_eq!(a.union(&b), GeoBounds::new(5.0, 20.0, 35.0, 40.0));
        assert_eq!(b.union(&a), a.union(&b));
        let inner = GeoBounds::new(12.0, 22.0, 28.0, 38.0);
        assert_eq!(a.union(&inner), a, "a box inside adds nothing");
    }

    #[test]
    fn contains_bounds_needs_the_whole_box_inside() {
        let a = GeoBounds::new(10.0, 20.0, 30.0, 40.0);
        assert!(a.contains_bounds(&a), "edges count as inside");
        assert!(a.contains_bounds(&GeoBounds::new(12.0, 22.0, 28.0, 38.0)));
        // Overlapping on one side only: the south-west corner is inside,
        // the north-east one is not, and the other way round.
        assert!(!a.contains_bounds(&GeoBounds::new(15.0, 25.0, 35.0, 38.0)));
        assert!(!a.contains_bounds(&GeoBounds::new(15.0, 25.0, 28.0, 45.0)));
        assert!(!a.contains_bounds(&GeoBounds::new(5.0, 25.0, 28.0, 38.0)));
        assert!(!a.contains_bounds(&GeoBounds::new(15.0, 15.0, 28.0, 38.0)));
    }

    #[test]
    fn initial_view_leaves_out_xian_so_zooming_out_matters() {
        assert!(!INITIAL_BOUNDS.contains(XIAN));
    }

    #[test]
    fn panning_limit_holds_the_initial_view_and_xian() {
        assert!(MAX_BOUNDS.contains_bounds(&INITIAL_BOUNDS));
        assert!(MAX_BOUNDS.contains(XIAN));
    }

    #[test]
    fn contains_is_inclusive_and_rejects_outside_points() {
        let b = GeoBounds::new(10.0, 20.0, 30.0, 40.0);
        assert!(b.contains(LatLon::new(10.0, 40.0)));
        assert!(!b.contains(LatLon::new(9.99, 30.0)));
        assert!(!b.contains(LatLon::new(20.0, 40.01)));
    }
}
