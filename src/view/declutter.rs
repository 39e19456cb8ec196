//! Keeping markers apart on screen. Where markers would overlap at the
//! current zoom, a few (Bash and Navoi at the opening view, two
//! institutions in one city) are laid out on a small circle around their
//! centre, so every one stays visible and clickable; more than a few (the
//! Fergana valley on a phone) merge into one count badge at their centre,
//! which opens on a click or a zoom. Plain Rust on screen pixels; the map
//! module draws the result.

/// Sizes of the layout, in screen pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    /// Markers closer than this overlap; spread markers are this far apart.
    pub(crate) gap: f64,
    /// A badge's diameter, with the same margin as `gap` has over a marker.
    pub(crate) badge: f64,
    /// The most markers laid out on one circle; a larger group is a badge.
    /// `usize::MAX` spreads every group (where zooming cannot split one).
    pub(crate) max_spread: usize,
}

/// How the markers are drawn at one zoom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// Per marker, in input order: its offset from its true place when it
    /// is drawn as a marker (`(0, 0)` unless spread), `None` when it is
    /// counted in a badge.
    pub(crate) offsets: Vec<Option<(f64, f64)>>,
    /// The badges, ordered by their first member.
    pub(crate) badges: Vec<Badge>,
}

/// Markers merged into one count badge.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Badge {
    /// Input indices, ascending.
    pub(crate) members: Vec<usize>,
    /// Where the badge is drawn: the mean of its members' true places, so
    /// it never stands further from them than they stand from each other.
    pub(crate) at: (f64, f64),
}

/// A group being formed: its members and the mean of their true places.
struct Item {
    members: Vec<usize>,
    at: (f64, f64),
}

/// Lays out markers at `points` (screen pixels) so that nothing drawn
/// overlaps: each marker, circle of spread markers and badge covers a disc
/// (`reach`), and while two discs overlap, the two groups whose centres are
/// closest merge into one, centred on the mean of all their members' true
/// places — a circle while it has at most `sizes.max_spread` members, a
/// badge beyond. Merging nearest first keeps groups local: a chain of
/// markers across a small screen becomes several badges, not one ring.
/// Deterministic: spread members go round their circle in input order,
/// starting at the top.
pub(crate) fn layout(points: &[(f64, f64)], sizes: Sizes) -> Layout {
    // Slot `i` holds the group whose first member is `i`, if any. (No
    // sorting: a generic sort costs the first map's bundle kilobytes.)
    let mut items: Vec<Option<Item>> = points
        .iter()
        .enumerate()
        .map(|(i, &at)| {
            Some(Item {
                members: vec![i],
                at,
            })
        })
        .collect();
    loop {
        let mut closest: Option<(f64, usize, usize)> = None;
        for (i, a) in items.iter().enumerate() {
            let Some(a) = a else { continue };
            for (j, b) in items.iter().enumerate().skip(i + 1) {
                let Some(b) = b else { continue };
                let d = distance(a.at, b.at);
                // Slightly under the reach: circles laid out exactly `gap`
                // apart do not count as overlapping.
                let overlap = d < (reach(a, sizes) + reach(b, sizes)) * (1.0 - 1e-9);
                if overlap && closest.is_none_or(|(best, _, _)| d < best) {
                    closest = Some((d, i, j));
                }
            }
        }
        let Some((_, i, j)) = closest else {
            break;
        };
        // `i < j`: the group keeps slot `i`, its first member.
        let (Some(merged), Some(item)) = (items[j].take(), items[i].as_mut()) else {
            break;
        };
        item.members = merge_sorted(&item.members, &merged.members);
        item.at = mean(points, &item.members);
    }
    let mut offsets = vec![None; points.len()];
    let mut badges = Vec::new();
    for item in items.into_iter().flatten() {
        let count = item.members.len();
        if count > sizes.max_spread {
            badges.push(Badge {
                members: item.members,
                at: item.at,
            });
            continue;
        }
        let radius = circle_radius(count, sizes.gap);
        for (k, &i) in item.members.iter().enumerate() {
            let angle =
                std::f64::consts::TAU * k as f64 / count as f64 - std::f64::consts::FRAC_PI_2;
            let (x, y) = if count == 1 {
                points[i]
            } else {
                (
                    item.at.0 + radius * angle.cos(),
                    item.at.1 + radius * angle.sin(),
                )
            };
            offsets[i] = Some((x - points[i].0, y - points[i].1));
        }
    }
    Layout { offsets, badges }
}

/// Two ascending lists as one.
fn merge_sorted(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i] < b[j]) {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out
}

/// The zoom that opens a badge whose members span `span` px (width,
/// height) at `zoom`: the closest at which they fit a view of `view` px
/// with `padding` px on every side, at least one level in, at most
/// `max_zoom`. (Each level in doubles every distance on screen.)
pub(crate) fn opening_zoom(
    span: (f64, f64),
    view: (f64, f64),
    padding: f64,
    zoom: f64,
    max_zoom: f64,
) -> f64 {
    // Doublings counted, not a logarithm: `log2` would bring a libm
    // routine into the first map's bundle.
    let room = ((view.0 - 2.0 * padding) / span.0.max(1.0))
        .min((view.1 - 2.0 * padding) / span.1.max(1.0));
    let mut target = zoom + 1.0;
    let mut scale = 4.0;
    while scale <= room && target < max_zoom {
        target += 1.0;
        scale *= 2.0;
    }
    target.min(max_zoom)
}

/// The radius of the disc an item covers.
fn reach(item: &Item, sizes: Sizes) -> f64 {
    match item.members.len() {
        0 | 1 => sizes.gap / 2.0,
        n if n > sizes.max_spread => sizes.badge / 2.0,
        n => circle_radius(n, sizes.gap) + sizes.gap / 2.0,
    }
}

/// The radius of the circle on which `count` markers stand `gap` apart.
fn circle_radius(count: usize, gap: f64) -> f64 {
    if count < 2 {
        0.0
    } else {
        gap / (2.0 * (std::f64::consts::PI / count as f64).sin())
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn mean(points: &[(f64, f64)], members: &[usize]) -> (f64, f64) {
    let count = members.len().max(1) as f64;
    members.iter().fold((0.0, 0.0), |(x, y), &i| {
        (x + points[i].0 / count, y + points[i].1 / count)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZES: Sizes = Sizes {
        gap: 27.0,
        badge: 35.0,
        max_spread: 4,
    };

    /// Where each marker is drawn (`None` inside a badge).
    fn drawn(points: &[(f64, f64)], layout: &Layout) -> Vec<Option<(f64, f64)>> {
        points
            .iter()
            .zip(&layout.offsets)
            .map(|(p, o)| o.map(|o| (p.0 + o.0, p.1 + o.1)))
            .collect()
    }

    /// Every drawn thing as a disc: markers, then badges.
    fn discs(points: &[(f64, f64)], layout: &Layout, sizes: Sizes) -> Vec<((f64, f64), f64)> {
        drawn(points, layout)
            .into_iter()
            .flatten()
            .map(|p| (p, sizes.gap / 2.0))
            .chain(layout.badges.iter().map(|b| (b.at, sizes.badge / 2.0)))
            .collect()
    }

    fn assert_no_overlap(points: &[(f64, f64)], layout: &Layout, sizes: Sizes) {
        let discs = discs(points, layout, sizes);
        for (i, (a, ra)) in discs.iter().enumerate() {
            for (b, rb) in &discs[i + 1..] {
                assert!(
                    distance(*a, *b) >= ra + rb - 1e-6,
                    "{a:?} and {b:?} overlap in {layout:?}"
                );
            }
        }
    }

    /// Each marker is drawn or in exactly one badge.
    fn assert_each_once(points: &[(f64, f64)], layout: &Layout) {
        for i in 0..points.len() {
            let in_badges = layout
                .badges
                .iter()
                .filter(|b| b.members.contains(&i))
                .count();
            let shown = usize::from(layout.offsets[i].is_some());
            assert_eq!(in_badges + shown, 1, "marker {i} in {layout:?}");
        }
    }

    /// Points from a fixed linear congruential sequence inside `side` px.
    fn scattered(count: usize, side: f64, seed: u64) -> Vec<(f64, f64)> {
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64 * side
        };
        (0..count).map(|_| (next(), next())).collect()
    }

    #[test]
    fn far_apart_markers_stay_where_they_are() {
        let points = [(0.0, 0.0), (100.0, 0.0), (0.0, 100.0)];
        let layout = layout(&points, SIZES);
        assert_eq!(layout.offsets, vec![Some((0.0, 0.0)); 3]);
        assert!(layout.badges.is_empty());
    }

    #[test]
    fn two_markers_at_one_point_end_up_a_gap_apart() {
        let points = [(50.0, 50.0), (50.0, 50.0)];
        let layout = layout(&points, SIZES);
        let after: Vec<_> = drawn(&points, &layout).into_iter().flatten().collect();
        assert_eq!(after.len(), 2);
        assert!((distance(after[0], after[1]) - 27.0).abs() < 1e-9);
        // One above the shared point, one below.
        assert!((after[0].1 - 36.5).abs() < 1e-9 && (after[1].1 - 63.5).abs() < 1e-9);
    }

    #[test]
    fn a_few_near_markers_are_spread_evenly_and_a_far_one_left_alone() {
        let points = [
            (0.0, 0.0),
            (10.0, 0.0),
            (20.0, 0.0),
            (30.0, 2.0),
            (200.0, 0.0),
        ];
        let layout = layout(&points, SIZES);
        assert!(layout.badges.is_empty());
        let after: Vec<_> = drawn(&points, &layout).into_iter().flatten().collect();
        for (i, a) in after[..4].iter().enumerate() {
            for b in &after[i + 1..4] {
                assert!(distance(*a, *b) >= 27.0 - 1e-9, "{after:?}");
            }
        }
        assert_eq!(layout.offsets[4], Some((0.0, 0.0)), "the far one is alone");
        assert_eq!(super::layout(&points, SIZES), layout, "deterministic");
    }

    #[test]
    fn more_than_a_few_become_a_badge_at_their_mean() {
        let points = [(0.0, 0.0), (4.0, 0.0), (8.0, 0.0), (0.0, 4.0), (8.0, 8.0)];
        let layout = layout(&points, SIZES);
        assert_eq!(layout.offsets, vec![None; 5]);
        assert_eq!(layout.badges.len(), 1);
        assert_eq!(layout.badges[0].members, vec![0, 1, 2, 3, 4]);
        assert!(distance(layout.badges[0].at, (4.0, 2.4)) < 1e-9);
    }

    #[test]
    fn a_crowd_along_a_small_screen_is_several_badges_not_one_ring() {
        // Thirty markers 9 px apart on a 270 px line: the old declutter made
        // them one ring whose leaders crossed the screen.
        let points: Vec<_> = (0..30).map(|i| (f64::from(i) * 9.0, 100.0)).collect();
        let layout = layout(&points, SIZES);
        assert!(layout.badges.len() >= 3, "{layout:?}");
        assert_no_overlap(&points, &layout, SIZES);
        assert_each_once(&points, &layout);
        for badge in &layout.badges {
            let xs = badge.members.iter().map(|&i| points[i].0);
            let (low, high) = xs.fold((f64::MAX, f64::MIN), |(l, h), x| (l.min(x), h.max(x)));
            assert!(high - low < 100.0, "a badge gathers neighbours: {badge:?}");
            assert!((low..=high).contains(&badge.at.0));
        }
    }

    #[test]
    fn nothing_drawn_overlaps_and_every_marker_is_drawn_once() {
        for seed in 1..40 {
            let points = scattered(35, 300.0, seed);
            let layout = layout(&points, SIZES);
            assert_no_overlap(&points, &layout, SIZES);
            assert_each_once(&points, &layout);
        }
    }

    #[test]
    fn where_zooming_cannot_split_them_every_marker_is_spread() {
        let sizes = Sizes {
            max_spread: usize::MAX,
            ..SIZES
        };
        let points = [(5.0, 5.0); 7];
        let layout = layout(&points, sizes);
        assert!(layout.badges.is_empty());
        assert_no_overlap(&points, &layout, sizes);
        for seed in 1..10 {
            let points = scattered(35, 200.0, seed);
            let layout = super::layout(&points, sizes);
            assert!(layout.badges.is_empty());
            assert_no_overlap(&points, &layout, sizes);
        }
    }

    #[test]
    fn a_badge_opens_where_its_members_fit_at_least_one_level_in() {
        // 30 px of members in a 300 px view with 20 px padding: 260 / 30 is
        // 8.7, three doublings.
        assert_eq!(
            opening_zoom((30.0, 10.0), (300.0, 600.0), 20.0, 4.0, 10.0),
            7.0
        );
        // The height decides when it is the tighter fit.
        assert_eq!(
            opening_zoom((10.0, 100.0), (300.0, 240.0), 20.0, 4.0, 10.0),
            5.0
        );
        // Members that already fill the view: one level in all the same.
        assert_eq!(
            opening_zoom((280.0, 10.0), (300.0, 300.0), 20.0, 4.0, 10.0),
            5.0
        );
        // Markers at one place: as far in as the map goes.
        assert_eq!(
            opening_zoom((0.0, 0.0), (300.0, 300.0), 20.0, 4.0, 10.0),
            10.0
        );
    }

    #[test]
    fn nothing_in_nothing_out() {
        let empty = layout(&[], SIZES);
        assert!(empty.offsets.is_empty() && empty.badges.is_empty());
        assert_eq!(layout(&[(1.0, 1.0)], SIZES).offsets, vec![Some((0.0, 0.0))]);
    }
}
