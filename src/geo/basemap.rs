//! The embedded basemap: Natural Earth 1:50m country outlines clipped to the
//! atlas's region at build time (`build/basemap.rs`), and the positions of
//! the country-name labels.
//!
//! The outlines are compiled into the wasm so the map draws with no network
//! and no second request, packed as delta-coded varints (`unpack`): ~52 KB
//! instead of ~286 KB of GeoJSON (~96 KB gzipped).

use std::fmt::Write as _;

use thiserror::Error;

use crate::geo::bounds::LatLon;

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
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
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

/// Writes `value` × 10^-`decimals` exactly, without trailing zeros.
///
/// By hand, digit by digit: `core::fmt` and a `format!` per coordinate were
/// most of the unpacking time (~10,000 coordinates at start-up, twice).
fn push_fixed(out: &mut String, value: i64, decimals: u32) {
    let mut digits = [0u8; 20];
    let mut n = value.unsigned_abs();
    let mut len = 0;
    while n > 0 || len <= decimals as usize {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
    }
    // `digits` holds the number backwards: first the fraction's digits.
    let fraction = &digits[..decimals as usize];
    let kept = fraction
        .iter()
        .position(|&d| d != b'0')
        .unwrap_or(fraction.len());
    if value < 0 {
        out.push('-');
    }
    for &d in digits[decimals as usize..len].iter().rev() {
        out.push(char::from(d));
    }
    if kept < fraction.len() {
        out.push('.');
        for &d in fraction[kept..].iter().rev() {
            out.push(char::from(d));
        }
    }
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Unpacks `bytes` into a GeoJSON `FeatureCollection` of country
/// MultiPolygons; each feature carries `name` (Natural Earth's English
/// short name) and `iso_n3` (ISO 3166-1 numeric, as a string, or null).
pub fn unpack(bytes: &[u8]) -> Result<String, BasemapError> {
    let mut r = Reader { bytes, at: 0 };
    if bytes.get(..5) != Some(b"CCAB\x01".as_slice()) {
        return Err(BasemapError::Header);
    }
    r.at = 5;
    let decimals = u32::from(r.byte()?);
    if decimals > 9 {
        return Err(BasemapError::Header);
    }
    let mut out = String::with_capacity(bytes.len() * 6);
    out.push_str("{\"type\":\"FeatureCollection\",\"features\":[");
    for k in 0..r.count()? {
        if k > 0 {
            out.push(',');
        }
        out.push_str("{\"type\":\"Feature\",\"properties\":{\"name\":");
        let name = r.text()?;
        push_json_string(&mut out, name);
        out.push_str(",\"iso_n3\":");
        match r.text()? {
            "" => out.push_str("null"),
            iso => push_json_string(&mut out, iso),
        }
        out.push_str("},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for p in 0..r.count()? {
            out.push_str(if p > 0 { ",[" } else { "[" });
            for ring in 0..r.count()? {
                out.push_str(if ring > 0 { ",[" } else { "[" });
                let (mut x, mut y) = (0i64, 0i64);
                for i in 0..r.count()? {
                    x += r.zigzag()?;
                    y += r.zigzag()?;
                    out.push_str(if i > 0 { ",[" } else { "[" });
                    push_fixed(&mut out, x, decimals);
                    out.push(',');
                    push_fixed(&mut out, y, decimals);
                    out.push(']');
                }
                out.push(']');
            }
            out.push(']');
        }
        out.push_str("]}}");
    }
    out.push_str("]}");
    Ok(out)
}

/// The embedded basemap as GeoJSON text (see `unpack`).
pub fn basemap_geojson() -> Result<String, BasemapError> {
    unpack(BASEMAP_PACKED)
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

    /// The definition `push_fixed` must keep: exact decimal text, no
    /// trailing zeros, no decimal point for whole numbers.
    fn fixed_by_formatting(value: i64, decimals: u32) -> String {
        let scale = 10u64.pow(decimals);
        let magnitude = value.unsigned_abs();
        let sign = if value < 0 { "-" } else { "" };
        let fraction = magnitude % scale;
        if fraction == 0 {
            return format!("{sign}{}", magnitude / scale);
        }
        let digits = format!("{fraction:0width$}", width = decimals as usize);
        format!(
            "{sign}{}.{}",
            magnitude / scale,
            digits.trim_end_matches('0')
        )
    }

    #[test]
    fn fixed_point_text_matches_formatting() {
        let values = [
            0,
            1,
            -1,
            5,
            -7,
            10,
            100,
            1_000,
            -1_000,
            12_345,
            -12_345,
            120_500,
            7_660_100,
            -179_999,
            i64::from(i32::MAX),
            i64::MIN + 1,
        ];
        for decimals in 0..=9 {
            for &value in &values {
                let mut out = String::new();
                push_fixed(&mut out, value, decimals);
                assert_eq!(
                    out,
                    fixed_by_formatting(value, decimals),
                    "{value} at {decimals}"
                );
            }
        }
    }

    #[test]
    fn focus_lookup_finds_kazakhstan_and_rejects_others() {
        assert_eq!(focus_country("398").map(|c| c.iso_a2), Some("KZ"));
        assert_eq!(focus_country("643"), None);
    }
}
