//! Which sites are visible: the legend's layer checkboxes and the country,
//! status and year facets, and the live counts the legend shows.
//!
//! Semantics, as on faceted search pages: AND across facets, OR within one.
//! An empty country or status set means "any"; `years: None` means any year.
//! A facet's counts follow every *other* facet, so a count says how many
//! sites that choice would show given the rest of the filter.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Category, Country, Sector, Site, Status};

/// One legend entry: a category within a sector. The legend draws one map
/// layer per `Layer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Layer {
    pub sector: Sector,
    pub category: Category,
}

impl Layer {
    pub fn of(site: &Site) -> Layer {
        Layer {
            sector: site.sector,
            category: site.category,
        }
    }
}

/// An inclusive range of years, `from <= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    from: u16,
    to: u16,
}

impl YearRange {
    /// `None` when `from > to`.
    pub fn new(from: u16, to: u16) -> Option<YearRange> {
        (from <= to).then_some(YearRange { from, to })
    }

    pub fn from(self) -> u16 {
        self.from
    }

    pub fn to(self) -> u16 {
        self.to
    }

    /// Whether a site's years overlap the range. A site spans its start to
    /// its completion year (either alone when only one is known); a site
    /// with no known year never matches a narrowed range.
    pub fn admits(self, site: &Site) -> bool {
        let (first, last) = match (site.start_year, site.completion_year) {
            (Some(a), Some(b)) => (a.min(b), a.max(b)),
            (Some(y), None) | (None, Some(y)) => (y, y),
            (None, None) => return false,
        };
        first <= self.to && last >= self.from
    }
}

/// The whole filter state. `Default` shows everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Legend entries switched off.
    pub hidden: BTreeSet<Layer>,
    /// Sites in any of these countries; empty = any country.
    pub countries: BTreeSet<Country>,
    /// Sites with any of these statuses; empty = any status.
    pub statuses: BTreeSet<Status>,
    /// Sites whose years overlap this range; `None` = any year, undated too.
    pub years: Option<YearRange>,
}

/// Which facets one site passes.
struct Passes {
    layer: bool,
    country: bool,
    status: bool,
    year: bool,
}

impl Filter {
    pub fn is_default(&self) -> bool {
        *self == Filter::default()
    }

    fn passes(&self, site: &Site) -> Passes {
        Passes {
            layer: !self.hidden.contains(&Layer::of(site)),
            country: self.countries.is_empty()
                || site.countries.iter().any(|c| self.countries.contains(c)),
            status: self.statuses.is_empty() || self.statuses.contains(&site.status),
            year: self.years.is_none_or(|range| range.admits(site)),
        }
    }

    /// Whether `site` is shown.
    pub fn admits(&self, site: &Site) -> bool {
        let p = self.passes(site);
        p.layer && p.country && p.status && p.year
    }

    /// One flag per site, in order.
    pub(crate) fn visibility(&self, sites: &[Site]) -> Vec<bool> {
        sites.iter().map(|s| self.admits(s)).collect()
    }

    /// Shows or hides every layer of `sector`.
    pub fn set_sector(&mut self, layers: &[Layer], sector: Sector, shown: bool) {
        for layer in layers.iter().filter(|l| l.sector == sector) {
            self.set_layer(*layer, shown);
        }
    }

    pub fn set_layer(&mut self, layer: Layer, shown: bool) {
        if shown {
            self.hidden.remove(&layer);
        } else {
            self.hidden.insert(layer);
        }
    }

    /// Shows exactly the layers of `sector` (the other facets stay).
    pub fn only_sector(&mut self, layers: &[Layer], sector: Sector) {
        self.hidden = layers
            .iter()
            .filter(|l| l.sector != sector)
            .copied()
            .collect();
    }

    /// The sector whose layers are exactly the ones shown, if the legend is
    /// in that state (what `only_sector` leaves): shown as a chip.
    pub fn only_sector_shown(&self, layers: &[Layer]) -> Option<Sector> {
        let shown: Vec<&Layer> = layers.iter().filter(|l| !self.hidden.contains(l)).collect();
        let sector = shown.first()?.sector;
        let only = shown.iter().all(|l| l.sector == sector);
        let whole = layers.iter().filter(|l| l.sector == sector).count() == shown.len();
        let others_exist = layers.iter().any(|l| l.sector != sector);
        (only && whole && others_exist).then_some(sector)
    }

    /// Keeps only what refers to layers that exist, so that a filter read
    /// from a link cannot hide a layer the legend does not show.
    pub fn retain_layers(&mut self, layers: &[Layer]) {
        self.hidden.retain(|l| layers.contains(l));
    }
}

/// Live counts for the legend and facets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Sites shown with every facet applied.
    pub visible: usize,
    /// Per layer: its sites passing country, status and years.
    pub layers: BTreeMap<Layer, usize>,
    /// Per country: sites in it passing layers, status and years.
    pub countries: BTreeMap<Country, usize>,
    /// Per status: sites with it passing layers, countries and years.
    pub statuses: BTreeMap<Status, usize>,
}

impl Counts {
    /// The count of one layer, 0 when absent.
    pub fn layer(&self, layer: Layer) -> usize {
        self.layers.get(&layer).copied().unwrap_or(0)
    }

    /// A sector's count: the sum over its layers.
    pub fn sector(&self, sector: Sector) -> usize {
        self.layers
            .iter()
            .filter(|(l, _)| l.sector == sector)
            .map(|(_, n)| n)
            .sum()
    }

    pub fn country(&self, country: Country) -> usize {
        self.countries.get(&country).copied().unwrap_or(0)
    }

    pub fn status(&self, status: Status) -> usize {
        self.statuses.get(&status).copied().unwrap_or(0)
    }
}

/// Counts every facet value in one pass over the sites.
pub fn counts(filter: &Filter, sites: &[Site]) -> Counts {
    let mut counts = Counts::default();
    for site in sites {
        let p = filter.passes(site);
        if p.layer && p.country && p.status && p.year {
            counts.visible += 1;
        }
        if p.country && p.status && p.year {
            *counts.layers.entry(Layer::of(site)).or_default() += 1;
        }
        if p.layer && p.status && p.year {
            for country in &site.countries {
                *counts.countries.entry(*country).or_default() += 1;
            }
        }
        if p.layer && p.country && p.year {
            *counts.statuses.entry(site.status).or_default() += 1;
        }
    }
    counts
}

/// The legend's entries: every layer that has sites, in sector order, then
/// category order.
pub fn layers(sites: &[Site]) -> Vec<Layer> {
    sorted_set(sites.iter().map(Layer::of))
        .into_iter()
        .collect()
}

/// The statuses that occur in the data, in vocabulary order.
pub fn statuses(sites: &[Site]) -> Vec<Status> {
    sorted_set(sites.iter().map(|s| s.status))
        .into_iter()
        .collect()
}

/// A set built by inserting one by one. (`collect` into a `BTreeSet`
/// sorts first, and each type's sort costs the first map's bundle ~1 KB
/// gzipped; the sets here are small.)
pub(crate) fn sorted_set<T: Ord>(items: impl Iterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// The earliest and latest year any site has, if any has one.
pub fn year_span(sites: &[Site]) -> Option<YearRange> {
    let years = sites
        .iter()
        .flat_map(|s| [s.start_year, s.completion_year])
        .flatten();
    let (min, max) = years.fold((u16::MAX, u16::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    YearRange::new(min, max)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn visibility_is_one_flag_per_site_in_data_order() {
        let sites = crate::model::load_catalog().expect("the data loads");
        let mut filter = Filter::default();
        assert_eq!(filter.visibility(&sites), vec![true; sites.len()]);
        filter.set_layer(
            Layer {
                sector: Sector::Green,
                category: Category::Wind,
            },
            false,
        );
        let expected: Vec<bool> = sites.iter().map(|s| s.category != Category::Wind).collect();
        assert!(expected.contains(&false), "the data has wind farms");
        assert_eq!(filter.visibility(&sites), expected);
    }
}
