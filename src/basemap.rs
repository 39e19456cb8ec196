//! The embedded basemap: Natural Earth 1:50m country outlines clipped to the
//! atlas's region at build time (`build/basemap.rs`), and the positions of
//! the country-name labels.
//!
//! The GeoJSON is compiled into the wasm so the map draws with no network
//! and no second request; it is ~96 KB gzipped.

use crate::geo_bounds::LatLon;

/// GeoJSON `FeatureCollection` of country polygons; each feature carries
/// `name` (Natural Earth's English short name) and `iso_n3`
/// (ISO 3166-1 numeric, as a string).
pub const BASEMAP_GEOJSON: &str = include_str!(concat!(env!("OUT_DIR"), "/basemap.geojson"));

/// A country the atlas is about: labelled on the map and drawn warmer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FocusCountry {
    /// English name shown on the label.
    pub name: &'static str,
    /// ISO 3166-1 alpha-2, used in CSS classes and (later) in data.
    pub iso_a2: &'static str,
    /// ISO 3166-1 numeric, the key `world-atlas` uses.
    pub iso_n3: &'static str,
    /// Where the label sits: chosen by eye inside the country, away from
    /// borders, rather than a centroid. China's label sits in the Tarim
    /// basin so that it shows in the first view, which ends at 96°E.
    pub label_at: LatLon,
}

/// The five Central Asian countries and China.
pub const FOCUS_COUNTRIES: [FocusCountry; 6] = [
    FocusCountry {
        name: "Kazakhstan",
        iso_a2: "KZ",
        iso_n3: "398",
        label_at: LatLon::new(48.3, 67.0),
    },
    FocusCountry {
        name: "Kyrgyzstan",
        iso_a2: "KG",
        iso_n3: "417",
        label_at: LatLon::new(41.6, 74.6),
    },
    FocusCountry {
        name: "Tajikistan",
        iso_a2: "TJ",
        iso_n3: "762",
        label_at: LatLon::new(38.7, 71.2),
    },
    FocusCountry {
        name: "Turkmenistan",
        iso_a2: "TM",
        iso_n3: "795",
        label_at: LatLon::new(39.0, 59.2),
    },
    FocusCountry {
        name: "Uzbekistan",
        iso_a2: "UZ",
        iso_n3: "860",
        label_at: LatLon::new(42.0, 63.5),
    },
    FocusCountry {
        name: "China",
        iso_a2: "CN",
        iso_n3: "156",
        label_at: LatLon::new(39.3, 84.5),
    },
];

/// The focus country with ISO numeric code `iso_n3`, if it is one.
pub fn focus_country(iso_n3: &str) -> Option<&'static FocusCountry> {
    FOCUS_COUNTRIES.iter().find(|c| c.iso_n3 == iso_n3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_lookup_finds_kazakhstan_and_rejects_others() {
        assert_eq!(focus_country("398").map(|c| c.iso_a2), Some("KZ"));
        assert_eq!(focus_country("643"), None);
    }
}
