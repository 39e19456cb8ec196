//! The timeline: the sites as of a year. It is the year facet seen from
//! its end: "as of Y" is the range from the data's first year to Y
//! (`view::filter::YearRange`), which admits exactly the sites started by
//! Y (a site with no start year counts from its completion); at the
//! data's last year the facet is off and every site shows, undated ones
//! too. So the slider and the two year pickers are one model, the
//! filter's `years`, and the link's `years=` keeps both. Each shown site
//! has a stage as of that year (`stage`): finished, being built, or
//! planned, which the map draws. Plain Rust.

use crate::model::{Site, Status};
use crate::view::filter::YearRange;

/// Where a site stands as of the timeline's year (or today, without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// In operation, held, or done as far as the data says.
    Done,
    /// Started, not finished.
    Building,
    /// Announced, not started.
    Planned,
}

impl Stage {
    /// The map's class for a site in this stage (none when done).
    pub fn class(self) -> Option<&'static str> {
        match self {
            Stage::Done => None,
            Stage::Building => Some("atlas-stage-building"),
            Stage::Planned => Some("atlas-stage-planned"),
        }
    }

    /// The status this stage is told by, in words and in accessible names
    /// (none when done: a finished site needs no note).
    pub fn status(self) -> Option<Status> {
        match self {
            Stage::Done => None,
            Stage::Building => Some(Status::UnderConstruction),
            Stage::Planned => Some(Status::Planned),
        }
    }
}

/// The site's stage as of `year` (`None`: as the data has it now). A
/// planned site is planned whatever the year; one whose completion year
/// is after `year` is being built then; otherwise its status decides.
pub fn stage(site: &Site, year: Option<u16>) -> Stage {
    if site.status == Status::Planned {
        return Stage::Planned;
    }
    if let (Some(year), Some(done)) = (year, site.completion_year) {
        return if done <= year {
            Stage::Done
        } else {
            Stage::Building
        };
    }
    match site.status {
        Status::UnderConstruction | Status::Launched => Stage::Building,
        _ => Stage::Done,
    }
}

/// The timeline's year for the filter's `years` within the data's `span`:
/// the range's end, or the span's last year when the facet is off.
pub fn as_of(years: Option<YearRange>, span: YearRange) -> u16 {
    years.map_or(span.to(), YearRange::to)
}

/// The filter's `years` for "as of `year`", keeping the range's start
/// (`from`, the span's first year unless the reader chose another):
/// `None`, the facet off, when that is the whole span.
pub fn at(year: u16, from: u16, span: YearRange) -> Option<YearRange> {
    let year = year.clamp(span.from(), span.to());
    YearRange::new(from.min(year), year).filter(|r| *r != span)
}

/// The year Play shows after `year`; `None` once at the span's end.
pub fn next(year: u16, span: YearRange) -> Option<u16> {
    (year < span.to()).then(|| year.saturating_add(1))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::load_catalog;
    use crate::view::filter::{Filter, year_span};

    fn span() -> YearRange {
        YearRange::new(1997, 2025).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn as_of_a_year_shows_the_sites_started_by_then() {
        let Ok(sites) = load_catalog() else {
            panic!("the data loads");
        };
        assert!(!sites.is_empty());
        let span = year_span(&sites).unwrap_or_else(span);
        let shown = |year: u16| {
            let filter = Filter {
                years: at(year, span.from(), span),
                ..Filter::default()
            };
            sites
                .iter()
                .filter(|s| filter.admits(s))
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
        };
        // Each year shows those started by then, and no fewer than before.
        let mut before = Vec::new();
        for year in span.from()..span.to() {
            let now = shown(year);
            for site in &sites {
                let first = site.start_year.or(site.completion_year);
                assert_eq!(
                    now.contains(&site.id.as_str()),
                    first.is_some_and(|f| f <= year),
                    "{} as of {year}",
                    site.id
                );
            }
            assert!(before.iter().all(|id| now.contains(id)), "as of {year}");
            before = now;
        }
        // The last year is the whole atlas, undated sites too.
        assert_eq!(at(span.to(), span.from(), span), None);
        assert_eq!(shown(span.to()).len(), sites.len());
        assert!(shown(2010).contains(&"aktobe-oil-gas"));
        assert!(!shown(2010).contains(&"turgusun-hpp"));
    }

    #[test]
    fn stages_follow_the_year() {
        let Ok(sites) = load_catalog() else {
            panic!("the data loads");
        };
        assert!(!sites.is_empty());
        let site = |id: &str| {
            sites
                .iter()
                .find(|s| s.id == id)
                .unwrap_or_else(|| panic!("{id} in the data"))
        };
        // Turgusun-1: 2017 to 2021.
        let turgusun = site("turgusun-hpp");
        assert_eq!(stage(turgusun, Some(2019)), Stage::Building);
        assert_eq!(stage(turgusun, Some(2021)), Stage::Done);
        assert_eq!(stage(turgusun, None), Stage::Done);
        // Started, no completion year, under construction.
        assert_eq!(stage(site("shieli-solar"), Some(2025)), Stage::Building);
        assert_eq!(stage(site("shieli-solar"), None), Stage::Building);
        assert_eq!(
            stage(site("sco-anti-drug-center-dushanbe"), None),
            Stage::Planned
        );
        assert_eq!(stage(site("aktobe-oil-gas"), Some(2000)), Stage::Done);
        assert_eq!(Stage::Done.class(), None);
        assert_eq!(Stage::Planned.class(), Some("atlas-stage-planned"));
        assert_eq!(Stage::Planned.status(), Some(Status::Planned));
        assert_eq!(Stage::Building.status(), Some(Status::UnderConstruction));
        assert_eq!(Stage::Done.status(), None);
    }

    #[test]
    fn the_slider_and_the_range_are_one_model() {
        let span = span();
        assert_eq!(as_of(None, span), 2025);
        let range = at(2010, 1997, span);
        assert_eq!(range, YearRange::new(1997, 2010));
        assert_eq!(as_of(range, span), 2010);
        // A start the reader chose stays; a year before it moves it.
        assert_eq!(at(2019, 2012, span), YearRange::new(2012, 2019));
        assert_eq!(at(2008, 2012, span), YearRange::new(2008, 2008));
        // Out of the span: held to it.
        assert_eq!(at(1900, 1997, span), YearRange::new(1997, 1997));
        assert_eq!(at(2100, 1997, span), None);
        assert_eq!(next(2024, span), Some(2025));
        assert_eq!(next(2025, span), None);
    }
}
