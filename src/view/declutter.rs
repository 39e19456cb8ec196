//! Keeping markers apart on screen. Where markers would overlap at the
//! current zoom (Bash and Navoi at the opening view, two institutions in
//! one city), each group of overlapping markers is laid out on a small
//! circle around its centre, so every marker stays visible and clickable.
//! Plain Rust on screen pixels; the map module applies the offsets.

/// For markers at `points` (screen pixels), the offset to draw each at so
/// that no two groups' members are closer than `gap`: markers closer than
/// `gap` to any other (transitively) form a group, and a group of `n` is
/// placed on the circle around its centroid whose chord between neighbours
/// is `gap`. Lone markers get `(0, 0)`. Deterministic: members go round the
/// circle in input order, starting at the top.
///
/// A spread group can land on a neighbour; the layout is then redone on the
/// new positions (at most `ROUNDS` times), which merges them into one group.
pub(crate) fn declutter(points: &[(f64, f64)], gap: f64) -> Vec<(f64, f64)> {
    let mut placed = points.to_vec();
    for _ in 0..ROUNDS {
        let step = spread(&placed, gap);
        if step
            .iter()
            .all(|&(dx, dy)| dx.abs() < 1e-9 && dy.abs() < 1e-9)
        {
            break;
        }
        for (p, (dx, dy)) in placed.iter_mut().zip(step) {
            p.0 += dx;
            p.1 += dy;
        }
    }
    points
        .iter()
        .zip(&placed)
        .map(|(a, b)| (b.0 - a.0, b.1 - a.1))
        .collect()
}

/// How many times the layout may be redone.
const ROUNDS: usize = 6;

/// One round: each group on a circle around its centroid.
fn spread(points: &[(f64, f64)], gap: f64) -> Vec<(f64, f64)> {
    // Slightly over `gap`: a group already laid out (neighbours exactly
    // `gap` apart) stays one group, and is laid out the same way again.
    let near = gap * (1.0 + 1e-9);
    let n = points.len();
    let mut group: Vec<usize> = (0..n).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (points[i], points[j]);
            if (a.0 - b.0).hypot(a.1 - b.1) < near {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                if ri != rj {
                    group[rj.max(ri)] = ri.min(rj);
                }
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let r = root(&mut group, i);
        members[r].push(i);
    }
    let mut offsets = vec![(0.0, 0.0); n];
    for list in members.iter().filter(|m| m.len() > 1) {
        let count = list.len() as f64;
        let (cx, cy) = list.iter().fold((0.0, 0.0), |(x, y), &i| {
            (x + points[i].0 / count, y + points[i].1 / count)
        });
        let radius = gap / (2.0 * (std::f64::consts::PI / count).sin());
        for (k, &i) in list.iter().enumerate() {
            let angle = std::f64::consts::TAU * k as f64 / count - std::f64::consts::FRAC_PI_2;
            let target = (cx + radius * angle.cos(), cy + radius * angle.sin());
            offsets[i] = (target.0 - points[i].0, target.1 - points[i].1);
        }
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(points: &[(f64, f64)], offsets: &[(f64, f64)]) -> Vec<(f64, f64)> {
        points
            .iter()
            .zip(offsets)
            .map(|(p, o)| (p.0 + o.0, p.1 + o.1))
            .collect()
    }

    fn min_distance(points: &[(f64, f64)]) -> f64 {
        let mut best = f64::INFINITY;
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                best = best.min((a.0 - b.0).hypot(a.1 - b.1));
            }
        }
        best
    }

    #[test]
    fn far_apart_markers_stay_where_they_are() {
        let points = [(0.0, 0.0), (100.0, 0.0), (0.0, 100.0)];
        assert_eq!(declutter(&points, 24.0), vec![(0.0, 0.0); 3]);
    }

    #[test]
    fn two_markers_at_one_point_end_up_a_gap_apart() {
        let points = [(50.0, 50.0), (50.0, 50.0)];
        let offsets = declutter(&points, 24.0);
        let after = placed(&points, &offsets);
        assert!((min_distance(&after) - 24.0).abs() < 1e-9);
        // Symmetric about the shared point.
        assert!((offsets[0].1 + offsets[1].1).abs() < 1e-9);
    }

    #[test]
    fn a_chain_of_near_markers_is_one_group_spread_evenly() {
        let points = [
            (0.0, 0.0),
            (10.0, 0.0),
            (20.0, 0.0),
            (30.0, 2.0),
            (200.0, 0.0),
        ];
        let offsets = declutter(&points, 24.0);
        let after = placed(&points, &offsets);
        assert!(min_distance(&after[..4]) >= 24.0 - 1e-9, "{after:?}");
        assert_eq!(offsets[4], (0.0, 0.0), "the far one is alone");
        assert_eq!(declutter(&points, 24.0), offsets, "deterministic");
    }

    #[test]
    fn a_spread_group_that_lands_on_a_neighbour_is_laid_out_again() {
        // Three at one point spread to a circle of radius ~15.6 px, onto the
        // marker 14 px above them.
        let points = [(0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, -30.0)];
        let after = placed(&points, &declutter(&points, 27.0));
        assert!(min_distance(&after) >= 27.0 - 1e-6, "{after:?}");
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(declutter(&[], 24.0).is_empty());
        assert_eq!(declutter(&[(1.0, 1.0)], 24.0), vec![(0.0, 0.0)]);
    }
}
