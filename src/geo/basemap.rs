//! The embedded basemap: Natural Earth 1:50m country outlines clipped to the
//! atlas's region at build time (`build/basemap.rs`), and the positions of
//! the country-name labels.
//!
//! The outlines are compiled into the wasm so the map draws with no network
//! and no second request, packed as delta-coded varints (`decode`): ~52 KB
//! instead of ~286 KB of GeoJSON (~96 KB gzipped).

use thiserror::Error;

use crate::geo::bounds::{GeoBounds, LatLon, project};

/// The packed outlines (format: `build/basemap.rs`, `to_packed`).
pub const BASEMAP_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/basemap.bin"));

/// The same outlines, lighter (~1 km instead of ~450 m, coordinates to
/// 0.01°), for the first map (src/first/), which the app replaces
/// within seconds. Each bundle links only the one it uses.
pub const BASEMAP_FIRST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/basemap-first.bin"));

/// Why the packed basemap could not be read (a build or format mismatch).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BasemapError {
    #[error("it is not a packed basemap of version 1")]
    Header,
    #[error("it ends in the middle of a record")]
    Truncated,
    #[error("a name is not UTF-8")]
    Text,
    #[error("it holds no outline")]
    Empty,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader after the header of packed `bytes`, and the factor that
    /// turns their whole numbers into degrees.
    fn packed(bytes: &'a [u8]) -> Result<(Self, f64), BasemapError> {
        if bytes.get(..5) != Some(b"CCAB\x01".as_slice()) {
            return Err(BasemapError::Header);
        }
        let mut r = Reader { bytes, at: 5 };
        let decimals = r.byte()?;
        if decimals > 9 {
            return Err(BasemapError::Header);
        }
        Ok((r, 10f64.powi(i32::from(decimals))))
    }

    fn byte(&mut self) -> Result<u8, BasemapError> {
        let b = *self.bytes.get(self.at).ok_or(BasemapError::Truncated)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, BasemapError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(BasemapError::Truncated)
    }

    fn count(&mut self) -> Result<usize, BasemapError> {
        let n = usize::try_from(self.varint()?).map_err(|_| BasemapError::Truncated)?;
        // A count can never exceed the bytes left: each item takes one.
        if n > self.bytes.len().saturating_sub(self.at) {
            return Err(BasemapError::Truncated);
        }
        Ok(n)
    }

    fn zigzag(&mut self) -> Result<i64, BasemapError> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn text(&mut self) -> Result<&str, BasemapError> {
        let n = self.count()?;
        let bytes = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(BasemapError::Truncated)?;
        self.at += n;
        std::str::from_utf8(bytes).map_err(|_| BasemapError::Text)
    }
}

/// One country of the basemap as decoded: its polygons, each a list of
/// rings (the outer ring, then its holes), each a list of positions.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryShape {
    /// Natural Earth's English short name.
    pub name: String,
    /// ISO 3166-1 numeric, as a string, when the country has one.
    pub iso_n3: Option<String>,
    pub polygons: Vec<Vec<Vec<LatLon>>>,
}

/// Reads every country out of the packed `bytes` (format: `build/basemap.rs`,
/// `to_packed`).
pub fn decode(bytes: &[u8]) -> Result<Vec<CountryShape>, BasemapError> {
    let (mut r, scale) = Reader::packed(bytes)?;
    let mut countries = Vec::new();
    for _ in 0..r.count()? {
        let name = r.text()?.to_owned();
        let iso_n3 = Some(r.text()?).filter(|s| !s.is_empty()).map(str::to_owned);
        let mut polygons = Vec::new();
        for _ in 0..r.count()? {
            let mut rings = Vec::new();
            for _ in 0..r.count()? {
                let (mut x, mut y) = (0i64, 0i64);
                let n = r.count()?;
                let mut ring = Vec::with_capacity(n);
                for _ in 0..n {
                    x += r.zigzag()?;
                    y += r.zigzag()?;
                    ring.push(LatLon::new(y as f64 / scale, x as f64 / scale));
                }
                rings.push(ring);
            }
            polygons.push(rings);
        }
        countries.push(CountryShape {
            name,
            iso_n3,
            polygons,
        });
    }
    Ok(countries)
}

/// The outlines' units: Web Mercator pixels at the map's deepest zoom
/// (10), so that rounding a vertex to a whole unit moves it by at most half
/// a screen pixel at any zoom.
pub const SVG_UNITS_PER_WORLD: f64 = 256.0 * 1024.0;

/// One country's outline as SVG path data.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryPath {
    pub name: String,
    pub iso_n3: Option<String>,
    /// Every ring, each `M x y l dx dy … z`, in whole units: the first
    /// vertex absolute, the others relative to the one before (a vertex
    /// that rounds onto the one before is left out).
    pub path: String,
}

/// The basemap as one SVG drawing, to be stretched over `bounds`: in Web
/// Mercator a box of degrees maps to a box of pixels linearly, so the
/// browser scales the drawing at every zoom and no vertex is projected
/// again. (Leaflet's GeoJSON layer converts, projects, clips and writes
/// every vertex anew at each zoom: on a slow phone, about a fifth of the
/// first map's time.)
#[derive(Debug, Clone, PartialEq)]
pub struct SvgBasemap {
    /// The smallest box holding every vertex: the drawing's corners.
    pub bounds: GeoBounds,
    /// The drawing's `viewBox`: min x, min y, width, height, in units.
    pub view_box: [f64; 4],
    pub countries: Vec<CountryPath>,
}

impl SvgBasemap {
    /// The `viewBox` attribute's text.
    pub fn view_box_text(&self) -> String {
        let [x, y, w, h] = self.view_box;
        format!("{x} {y} {w} {h}")
    }
}

/// Draws the packed basemap as SVG paths (see `SvgBasemap`).
///
/// Straight from the bytes to the path text, with no list of positions in
/// between, and with Web Mercator's costly part (a tangent and a logarithm
/// of the latitude) worked out once per latitude on the packing's grid:
/// the same numbers `project` gives, for a fraction of the work, on the
/// way to the first map.
pub fn to_svg(bytes: &[u8]) -> Result<SvgBasemap, BasemapError> {
    let (mut r, scale) = Reader::packed(bytes)?;
    let mut mercator = MercatorRows::default();
    // The box, in the packing's whole numbers: (west, south, east, north).
    let mut extent: Option<(i64, i64, i64, i64)> = None;
    let mut countries = Vec::new();
    for _ in 0..r.count()? {
        let name = r.text()?.to_owned();
        let iso_n3 = Some(r.text()?).filter(|s| !s.is_empty()).map(str::to_owned);
        let mut path = String::new();
        for _ in 0..r.count()? {
            for _ in 0..r.count()? {
                let (mut lon, mut lat) = (0i64, 0i64);
                let mut last: Option<(i64, i64)> = None;
                let mut relative = false;
                for _ in 0..r.count()? {
                    lon += r.zigzag()?;
                    lat += r.zigzag()?;
                    let e = extent.get_or_insert((lon, lat, lon, lat));
                    *e = (e.0.min(lon), e.1.min(lat), e.2.max(lon), e.3.max(lat));
                    let (x, _) = project(LatLon::new(0.0, lon as f64 / scale));
                    let at = (
                        (x * SVG_UNITS_PER_WORLD).round() as i64,
                        mercator.unit(lat, scale),
                    );
                    match last {
                        None => {
                            path.push('M');
                            push_int(&mut path, at.0);
                            path.push(' ');
                            push_int(&mut path, at.1);
                        }
                        Some(before) if before == at => continue,
                        Some(before) => {
                            path.push(if relative { ' ' } else { 'l' });
                            relative = true;
                            push_int(&mut path, at.0 - before.0);
                            path.push(' ');
                            push_int(&mut path, at.1 - before.1);
                        }
                    }
                    last = Some(at);
                }
                if last.is_some() {
                    path.push('z');
                }
            }
        }
        countries.push(CountryPath { name, iso_n3, path });
    }
    let (west, south, east, north) = extent.ok_or(BasemapError::Empty)?;
    let degrees = |v: i64| v as f64 / scale;
    let bounds = GeoBounds::new(degrees(south), degrees(west), degrees(north), degrees(east));
    let (west, north) = project(LatLon::new(bounds.north, bounds.west));
    let (east, south) = project(LatLon::new(bounds.south, bounds.east));
    Ok(SvgBasemap {
        bounds,
        view_box: [
            west * SVG_UNITS_PER_WORLD,
            north * SVG_UNITS_PER_WORLD,
            (east - west) * SVG_UNITS_PER_WORLD,
            (south - north) * SVG_UNITS_PER_WORLD,
        ],
        countries,
    })
}

/// The Web Mercator y, in whole units, of each latitude met so far, by
/// its whole number in the packing: a row of the grid is worked out once.
#[derive(Default)]
struct MercatorRows {
    /// The latitude number of `units[0]`.
    first: i64,
    /// `None` for a latitude not met yet.
    units: Vec<Option<i64>>,
}

impl MercatorRows {
    /// Rows added at once when a latitude falls outside those held, so
    /// that widening is rare.
    const MARGIN: i64 = 256;

    fn unit(&mut self, lat: i64, scale: f64) -> i64 {
        if self.units.is_empty() {
            self.first = lat - Self::MARGIN;
        }
        if lat < self.first {
            let more = (self.first - lat + Self::MARGIN) as usize;
            self.units.splice(0..0, std::iter::repeat_n(None, more));
            self.first -= more as i64;
        }
        let index = (lat - self.first) as usize;
        if index >= self.units.len() {
            self.units.resize(index + 1 + Self::MARGIN as usize, None);
        }
        *self.units[index].get_or_insert_with(|| {
            let (_, y) = project(LatLon::new(lat as f64 / scale, 0.0));
            (y * SVG_UNITS_PER_WORLD).round() as i64
        })
    }
}

/// Writes a whole number: its digits laid out in a buffer, then appended
/// in one piece (`core::fmt` per coordinate was most of the unpacking time
/// when the basemap was GeoJSON text, and a call per character most of
/// what remained).
fn push_int(out: &mut String, value: i64) {
    let mut digits = [0u8; 20];
    let mut n = value.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        out.push('-');
    }
    if let Ok(text) = std::str::from_utf8(&digits[start..]) {
        out.push_str(text);
    }
}

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
pub(crate) fn focus_country(iso_n3: &str) -> Option<&'static FocusCountry> {
    FOCUS_COUNTRIES.iter().find(|c| c.iso_n3 == iso_n3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_written_as_formatting_writes_them() {
        for value in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            99,
            100,
            262_144,
            -57_305,
            i64::MAX,
            i64::MIN,
        ] {
            let mut out = String::new();
            push_int(&mut out, value);
            assert_eq!(out, value.to_string());
        }
    }

    #[test]
    fn focus_lookup_finds_kazakhstan_and_rejects_others() {
        assert_eq!(focus_country("398").map(|c| c.iso_a2), Some("KZ"));
        assert_eq!(focus_country("643"), None);
    }
}
