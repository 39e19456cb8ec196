//! The state a link carries: filters, the selected site and the map view,
//! as a URL query string.
//!
//! ```text
//! ?off=connectivity.air_route,energy.oil_gas&country=KZ,UZ&status=operational
//!  &years=2015-2024&site=bash-wind&map=6.25/42.1234/69.5678
//! ```
//!
//! Decoding is forgiving by design: a link pasted into a chat, cut short or
//! edited by hand must still open. Each parameter is read on its own, and in
//! a list each item on its own; whatever does not parse falls back to the
//! default for that part, and everything valid is kept. `decode` never
//! panics, on any input. Parameters we do not know are left alone (`extra`),
//! so that another part of the app can own them.

use std::collections::BTreeSet;

use crate::i18n::Lang;
use crate::model::{Category, Country, Sector, Site, Status};
use crate::view::filter::{Filter, Layer, YearRange, sorted_set};

/// The longest site id a link may carry (ids are short slugs).
const MAX_ID_LEN: usize = 80;

/// A map view at link precision: centre to 1e-4 degree (about 10 m) and
/// zoom to 1/100. Stored as integers so that a decoded view equals the one
/// encoded, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    lat_e4: i32,
    lon_e4: i32,
    zoom_e2: u16,
}

impl View {
    /// Rounds to link precision; `None` when a value is not a finite number
    /// or out of range (latitude ±90, longitude ±180, zoom 0–24).
    pub fn new(lat: f64, lon: f64, zoom: f64) -> Option<View> {
        let ok = lat.is_finite()
            && lon.is_finite()
            && zoom.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon)
            && (0.0..=24.0).contains(&zoom);
        ok.then(|| View {
            // In range, so the rounded values fit: |lat·1e4| ≤ 1.8e6.
            lat_e4: (lat * 1e4).round() as i32,
            lon_e4: (lon * 1e4).round() as i32,
            zoom_e2: (zoom * 100.0).round() as u16,
        })
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e4) / 1e4
    }

    pub fn lon(self) -> f64 {
        f64::from(self.lon_e4) / 1e4
    }

    pub fn zoom(self) -> f64 {
        f64::from(self.zoom_e2) / 100.0
    }

    fn encode(self) -> String {
        format!(
            "{}/{}/{}",
            fixed(i64::from(self.zoom_e2), 2),
            fixed(i64::from(self.lat_e4), 4),
            fixed(i64::from(self.lon_e4), 4)
        )
    }

    /// Reads "zoom/lat/lon", each a plain decimal (`-`, digits, a point),
    /// straight into link precision: no float parsing (core's would cost
    /// the first map's bundle ~2 KB gzipped), the same ranges as `new`.
    fn decode(text: &str) -> Option<View> {
        let mut parts = text.split('/');
        let zoom_e2 = parse_fixed(parts.next()?, 2)?;
        let lat_e4 = parse_fixed(parts.next()?, 4)?;
        let lon_e4 = parse_fixed(parts.next()?, 4)?;
        if parts.next().is_some() {
            return None;
        }
        let ok = (-900_000..=900_000).contains(&lat_e4)
            && (-1_800_000..=1_800_000).contains(&lon_e4)
            && (0..=2400).contains(&zoom_e2);
        ok.then_some(View {
            lat_e4: lat_e4 as i32,
            lon_e4: lon_e4 as i32,
            zoom_e2: zoom_e2 as u16,
        })
    }
}

/// Reads a plain decimal ("-42.12345", "6", ".5") as `value × 10^places`,
/// rounded half away from zero at the first dropped digit; `None` for
/// anything else or more than nine digits before the point.
fn parse_fixed(text: &str, places: u32) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() > 9
        || whole.len() + fraction.len() == 0
        || !all_digits(whole)
        || !all_digits(fraction)
    {
        return None;
    }
    let mut value: i64 = 0;
    for b in whole.bytes() {
        value = value * 10 + i64::from(b - b'0');
    }
    let mut kept = fraction.bytes();
    for _ in 0..places {
        let digit = kept.next().map_or(0, |b| i64::from(b - b'0'));
        value = value * 10 + digit;
    }
    if kept.next().is_some_and(|b| b >= b'5') {
        value += 1;
    }
    Some(if negative { -value } else { value })
}

/// Formats `value / 10^places` with trailing zeros trimmed ("6.25", "42",
/// "-0.5"), exactly, with no float rounding.
fn fixed(value: i64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let sign = if value < 0 { "-" } else { "" };
    let (whole, frac) = (value.abs() / scale, value.abs() % scale);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:0width$}", width = places as usize);
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Everything a link restores.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlState {
    pub filter: Filter,
    /// The selected site's id (a slug; whether it exists is the app's call).
    pub site: Option<String>,
    /// The map view; `None` = the atlas's opening view.
    pub view: Option<View>,
    /// The interface's language when the reader chose it (the switch or
    /// the link); `None` = the browser's choice, which a shared link does
    /// not impose on whoever opens it.
    pub lang: Option<Lang>,
    /// Parameters this module does not own, kept in order, decoded (they
    /// are encoded again when the link is written).
    pub extra: Vec<(String, String)>,
}

/// Reads a query string (with or without the leading `?`). Never fails:
/// what cannot be read is left at its default. Keys and values are decoded
/// as the URL standard's `application/x-www-form-urlencoded` parser does
/// (`form_urlencoded`): `+` is a space, `%` takes exactly two hex digits
/// and is otherwise kept as typed, bytes that are not UTF-8 become U+FFFD.
pub fn decode(query: &str) -> UrlState {
    let mut state = UrlState::default();
    let query = query.strip_prefix('?').unwrap_or(query);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "off" => state.filter.hidden = list(&value, parse_layer),
            "country" => state.filter.countries = list(&value, Country::parse),
            "status" => state.filter.statuses = list(&value, Status::parse),
            "years" => state.filter.years = parse_years(&value),
            "site" => state.site = is_slug(&value).then(|| value.into_owned()),
            "map" => state.view = View::decode(&value),
            "lang" => state.lang = Lang::parse(&value),
            _ => state.extra.push((key.into_owned(), value.into_owned())),
        }
    }
    state
}

/// Decodes `query` for this data: also drops hidden layers the legend does
/// not have and a site id no site has.
pub fn restore(query: &str, sites: &[Site], layers: &[Layer]) -> UrlState {
    let mut state = decode(query);
    state.filter.retain_layers(layers);
    if let Some(id) = &state.site
        && !sites.iter().any(|s| &s.id == id)
    {
        state.site = None;
    }
    state
}

/// Writes the state as a query string: `""` for the default state,
/// otherwise `?` and the parameters in a fixed order. Lists are sorted, so
/// equal states give equal links.
pub fn encode(state: &UrlState) -> String {
    let mut params: Vec<(String, String)> = Vec::new();
    let filter = &state.filter;
    if !filter.hidden.is_empty() {
        let items = filter
            .hidden
            .iter()
            .map(|l| format!("{}.{}", l.sector.as_str(), l.category.as_str()));
        params.push(("off".into(), join(items)));
    }
    if !filter.countries.is_empty() {
        let items = filter.countries.iter().map(|c| c.as_str().to_owned());
        params.push(("country".into(), join(items)));
    }
    if !filter.statuses.is_empty() {
        let items = filter.statuses.iter().map(|s| s.as_str().to_owned());
        params.push(("status".into(), join(items)));
    }
    if let Some(range) = filter.years {
        params.push(("years".into(), format!("{}-{}", range.from(), range.to())));
    }
    if let Some(site) = &state.site {
        params.push(("site".into(), site.clone()));
    }
    if let Some(view) = state.view {
        params.push(("map".into(), view.encode()));
    }
    if let Some(lang) = state.lang {
        params.push(("lang".into(), lang.code().to_owned()));
    }
    // Our own values are slugs, codes, digits, '.', ',', '-' and '/', which
    // need no escaping (and a comma stays readable in a shared link).
    // Anything else, such as a `data=` URL, is encoded.
    params.extend(
        state
            .extra
            .iter()
            .map(|(k, v)| (encode_component(k), encode_component(v))),
    );
    if params.is_empty() {
        return String::new();
    }
    let body: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("?{}", body.join("&"))
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(",")
}

fn list<T: Ord>(value: &str, parse: impl Fn(&str) -> Option<T>) -> BTreeSet<T> {
    sorted_set(value.split(',').filter_map(|item| parse(item.trim())))
}

fn parse_layer(text: &str) -> Option<Layer> {
    let (sector, category) = text.split_once('.')?;
    Some(Layer {
        sector: Sector::parse(sector)?,
        category: Category::parse(category)?,
    })
}

fn parse_years(text: &str) -> Option<YearRange> {
    let (from, to) = text.split_once('-')?;
    YearRange::new(from.trim().parse().ok()?, to.trim().parse().ok()?)
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ID_LEN
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Encodes a query key or value (`form_urlencoded`): letters, digits and
/// `*-._` stay, a space becomes `+`, every other byte `%XX`.
pub(crate) fn encode_component(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_reading_rounds_like_the_float_way() {
        assert_eq!(parse_fixed("42.1234", 4), Some(421_234));
        assert_eq!(parse_fixed("-0.5", 4), Some(-5000));
        assert_eq!(parse_fixed("6", 2), Some(600));
        assert_eq!(parse_fixed(".25", 2), Some(25));
        assert_eq!(parse_fixed("7.", 2), Some(700));
        assert_eq!(parse_fixed("+1.5", 2), Some(150));
        assert_eq!(
            parse_fixed("42.12345", 4),
            Some(421_235),
            "half away from zero"
        );
        assert_eq!(parse_fixed("-42.12345", 4), Some(-421_235));
        assert_eq!(parse_fixed("42.12344999", 4), Some(421_234));
        for bad in [
            "",
            "-",
            ".",
            "1e3",
            "inf",
            "NaN",
            "1.2.3",
            "--1",
            "1 ",
            "1234567890",
        ] {
            assert_eq!(parse_fixed(bad, 4), None, "{bad:?}");
        }
        // Against parse-then-round for every value with up to four places
        // in a sample of the range.
        for n in (-1_800_000_i64..=1_800_000).step_by(7919) {
            let text = fixed(n, 4);
            let float = (text.parse::<f64>().unwrap_or(f64::NAN) * 1e4).round() as i64;
            assert_eq!(parse_fixed(&text, 4), Some(float), "{text}");
        }
    }

    #[test]
    fn fixed_point_formatting_is_exact() {
        assert_eq!(fixed(625, 2), "6.25");
        assert_eq!(fixed(600, 2), "6");
        assert_eq!(fixed(-5000, 4), "-0.5");
        assert_eq!(fixed(-1, 4), "-0.0001");
        assert_eq!(fixed(0, 4), "0");
    }

    #[test]
    fn percent_decoding_tolerates_garbage() {
        let extra = |q: &str| decode(q).extra;
        let one = |k: &str, v: &str| vec![(k.to_owned(), v.to_owned())];
        assert_eq!(decode("country=KZ%2CUZ").filter.countries.len(), 2);
        assert_eq!(extra("a=%"), one("a", "%"));
        assert_eq!(extra("a=%zz%4"), one("a", "%zz%4"));
        assert_eq!(extra("a=%FF"), one("a", "\u{FFFD}"));
        assert_eq!(extra("a=a+b"), one("a", "a b"));
        // A sign is not a hex digit: `%+A` is kept, not read as 0x0A.
        assert_eq!(extra("a=%+A"), one("a", "% A"));
        assert_eq!(extra("a=%-1"), one("a", "%-1"));
    }
}
