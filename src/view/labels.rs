//! Placing names on the map so that none overlaps another, a site or a
//! country label. Plain Rust on screen boxes; the map module measures the
//! text, supplies the obstacles and shows the labels kept.

/// A box on screen, in pixels: `left < right`, `top < bottom`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenBox {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl ScreenBox {
    /// The box of `width` × `height` whose centre is (`x`, `y`).
    pub fn centred(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            left: x - width / 2.0,
            top: y - height / 2.0,
            right: x + width / 2.0,
            bottom: y + height / 2.0,
        }
    }

    /// True when the two boxes, each grown by `gap` on every side, share
    /// any area. Touching edges do not overlap.
    pub fn overlaps(&self, other: &Self, gap: f64) -> bool {
        self.left - gap < other.right + gap
            && other.left - gap < self.right + gap
            && self.top - gap < other.bottom + gap
            && other.top - gap < self.bottom + gap
    }

    /// True when the box lies wholly inside `width` × `height` from (0, 0).
    pub fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= width && self.bottom <= height
    }
}

/// Keeps, in the order given (most important first), each candidate box
/// that overlaps no obstacle and no box already kept, with `gap` pixels
/// between them; returns the indices of the kept boxes. A candidate of
/// `None` (not shown at this zoom, or off screen) is skipped.
pub fn place(candidates: &[Option<ScreenBox>], obstacles: &[ScreenBox], gap: f64) -> Vec<usize> {
    let mut kept: Vec<(usize, ScreenBox)> = Vec::new();
    for (index, candidate) in candidates.iter().enumerate() {
        let Some(candidate) = candidate else {
            continue;
        };
        let free = obstacles.iter().all(|o| !candidate.overlaps(o, gap))
            && kept.iter().all(|(_, k)| !candidate.overlaps(k, gap));
        if free {
            kept.push((index, *candidate));
        }
    }
    kept.into_iter().map(|(index, _)| index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(left: f64, top: f64, right: f64, bottom: f64) -> ScreenBox {
        ScreenBox { left, top, right, bottom }
    }

    #[test]
    fn overlap_needs_shared_area_plus_the_gap() {
        let a = boxed(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&boxed(9.0, 9.0, 20.0, 20.0), 0.0));
        assert!(!a.overlaps(&boxed(10.0, 0.0, 20.0, 10.0), 0.0), "touching edges");
        assert!(a.overlaps(&boxed(11.0, 0.0, 20.0, 10.0), 1.0), "within the gap");
        assert!(!a.overlaps(&boxed(12.0, 0.0, 20.0, 10.0), 1.0));
        assert!(!a.overlaps(&boxed(0.0, 12.0, 10.0, 20.0), 1.0));
        assert_eq!(ScreenBox::centred(5.0, 5.0, 10.0, 4.0), boxed(0.0, 3.0, 10.0, 7.0));
    }

    #[test]
    fn first_come_first_kept_and_obstacles_win() {
        let candidates = [
            Some(boxed(0.0, 0.0, 50.0, 12.0)),    // kept
            Some(boxed(40.0, 5.0, 90.0, 17.0)),   // overlaps the first
            None,                                 // not shown
            Some(boxed(100.0, 0.0, 150.0, 12.0)), // on a site
            Some(boxed(0.0, 30.0, 50.0, 42.0)),   // kept
        ];
        let sites = [boxed(120.0, 2.0, 130.0, 10.0)];
        assert_eq!(place(&candidates, &sites, 2.0), vec![0, 4]);
        assert_eq!(place(&candidates, &[], 2.0), vec![0, 3, 4]);
    }

    #[test]
    fn kept_boxes_never_overlap() {
        // A dense grid of overlapping candidates.
        let candidates: Vec<Option<ScreenBox>> = (0..400)
            .map(|i| {
                let (x, y) = (f64::from(i % 20) * 13.0, f64::from(i / 20) * 7.0);
                Some(ScreenBox::centred(x, y, 40.0 + f64::from(i % 7), 12.0))
            })
            .collect();
        let kept = place(&candidates, &[], 1.0);
        assert!(kept.len() > 10);
        for (i, &a) in kept.iter().enumerate() {
            for &b in &kept[i + 1..] {
                let (a, b) = (candidates[a].unwrap(), candidates[b].unwrap());
                assert!(!a.overlaps(&b, 1.0), "{a:?} and {b:?}");
            }
        }
    }
}
