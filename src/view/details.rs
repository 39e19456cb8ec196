//! What the details panel says about a site, as plain text rows: the
//! wording lives here, tested natively, and the component only lays it out.
//! Unknown stays unknown: a fact nobody states is "not known", never guessed.

use crate::geo::geodesy::route_length_km;
use crate::model::{Category, Precision, Site, SiteGeometry, Status};
use crate::report::figures::{grouped, number};

/// One row of the details: a label and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

fn fact(label: &'static str, value: impl Into<String>) -> Fact {
    Fact {
        label,
        value: value.into(),
    }
}

/// The rows of a site's details, in display order.
pub fn facts(site: &Site) -> Vec<Fact> {
    let mut rows = vec![
        fact("Sector", site.sector.label()),
        fact("Category", site.category.label()),
        fact("Countries", site.country_names()),
        fact("Status", site.status.label()),
        fact("Years", years(site)),
    ];
    if let Some(capacity) = &site.capacity {
        rows.push(fact(
            "Capacity",
            format!("{} {}", number(capacity.value), capacity.unit),
        ));
    }
    rows.push(fact(
        "Operator",
        site.operator.as_deref().unwrap_or("Not known"),
    ));
    if !site.partners.is_empty() {
        rows.push(fact("Partners", site.partners.join(", ")));
    }
    if let Some(length) = length(site) {
        rows.push(fact("Length", length));
    }
    rows.push(fact("Location", location(site)));
    rows
}

/// Start and completion years in words.
pub fn years(site: &Site) -> String {
    let event = site.status == Status::Event;
    match (site.start_year, site.completion_year) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) if event => format!("Held in {a}"),
        (Some(a), None) => format!("Started {a}; completion not known"),
        (None, Some(b)) => format!("Completed {b}; start not known"),
        (None, None) => "Not known".to_owned(),
    }
}

/// The length of a route, measured geodesically along the drawn line, with
/// how far the drawing can be trusted. `None` for points.
pub(crate) fn length(site: &Site) -> Option<String> {
    let SiteGeometry::Line(points) = &site.geometry else {
        return None;
    };
    let km = route_length_km(points);
    Some(match (site.category, site.precision, site.precision_km) {
        (Category::AirRoute, ..) => format!("{} km (great circle)", grouped(km.round())),
        (_, Precision::Exact, _) => format!("{} km along the route", grouped(km.round())),
        (_, _, radius) => {
            let rounded = (km / 10.0).round() * 10.0;
            let within =
                radius.map_or(String::new(), |r| format!(" within about {} km", number(r)));
            format!(
                "About {} km along the drawn route, which is schematic{within}",
                grouped(rounded)
            )
        }
    })
}

/// How well the map locates the site, in words.
pub(crate) fn location(site: &Site) -> String {
    match (site.precision, site.precision_km) {
        (Precision::Exact, _) => "Exact: the site itself".to_owned(),
        (Precision::Approximate, Some(km)) => {
            format!("Approximate, within about {} km", number(km))
        }
        (Precision::Approximate, None) => "Approximate".to_owned(),
        (Precision::Symbolic, _) => "Symbolic: stands for a place, not a site".to_owned(),
    }
}

/// Whether a URL may become a link: only `http` and `https`.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(grouped(1234567.0), "1,234,567");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(-1000.0), "-1,000");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(2.5), "2.5");
    }

    #[test]
    fn only_web_links_are_links() {
        assert!(is_web_link("https://example.org"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("data:text/html,hi"));
        assert!(!is_web_link("//example.org"));
    }
}
