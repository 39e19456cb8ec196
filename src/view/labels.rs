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

/// A name to place: the boxes it may take, best first, and the box of
/// its point's mark (a town's dot), if it has one: a placed name's mark
/// is kept clear of later names, and a name whose mark an earlier name
/// covers is not placed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    pub boxes: Vec<ScreenBox>,
    pub mark: Option<ScreenBox>,
}

/// Keeps, in the order given (most important first), each candidate that
/// can be placed at one of its boxes (tried in order: the places a label
/// may take around its point) without overlapping an obstacle, a box
/// already kept or a kept name's mark, with `gap` pixels between them.
/// Returns, per candidate, the index of the box it takes, or `None`. A
/// candidate with no boxes (not shown at this zoom, or off screen) is
/// skipped.
pub fn place(candidates: &[Candidate], obstacles: &[ScreenBox], gap: f64) -> Vec<Option<usize>> {
    let mut kept: Vec<ScreenBox> = Vec::new();
    candidates
        .iter()
        .map(|candidate| {
            if let Some(mark) = &candidate.mark
                && kept.iter().any(|k| mark.overlaps(k, gap))
            {
                return None;
            }
            let choice = candidate.boxes.iter().position(|b| {
                obstacles.iter().all(|o| !b.overlaps(o, gap))
                    && kept.iter().all(|k| !b.overlaps(k, gap))
            })?;
            kept.push(candidate.boxes[choice]);
            kept.extend(candidate.mark);
            Some(choice)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(left: f64, top: f64, right: f64, bottom: f64) -> ScreenBox {
        ScreenBox {
            left,
            top,
            right,
            bottom,
        }
    }

    #[test]
    fn overlap_needs_shared_area_plus_the_gap() {
        let a = boxed(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&boxed(9.0, 9.0, 20.0, 20.0), 0.0));
        assert!(
            !a.overlaps(&boxed(10.0, 0.0, 20.0, 10.0), 0.0),
            "touching edges"
        );
        assert!(
            a.overlaps(&boxed(11.0, 0.0, 20.0, 10.0), 1.0),
            "within the gap"
        );
        assert!(!a.overlaps(&boxed(12.0, 0.0, 20.0, 10.0), 1.0));
        assert!(!a.overlaps(&boxed(0.0, 12.0, 10.0, 20.0), 1.0));
        assert_eq!(
            ScreenBox::centred(5.0, 5.0, 10.0, 4.0),
            boxed(0.0, 3.0, 10.0, 7.0)
        );
    }

    #[test]
    fn first_come_first_kept_and_obstacles_win() {
        let candidates = [
            vec![boxed(0.0, 0.0, 50.0, 12.0)],    // kept
            vec![boxed(40.0, 5.0, 90.0, 17.0)],   // overlaps the first
            vec![],                               // not shown
            vec![boxed(100.0, 0.0, 150.0, 12.0)], // on a site
            vec![boxed(0.0, 30.0, 50.0, 42.0)],   // kept
        ]
        .map(|boxes| Candidate { boxes, mark: None });
        let sites = [boxed(120.0, 2.0, 130.0, 10.0)];
        assert_eq!(
            place(&candidates, &sites, 2.0),
            [Some(0), None, None, None, Some(0)]
        );
        assert_eq!(
            place(&candidates, &[], 2.0),
            [Some(0), None, None, Some(0), Some(0)]
        );
    }

    #[test]
    fn a_label_moves_to_its_next_place_when_the_first_is_taken() {
        // Right of its point is taken by a site; left is free.
        let candidates = [Candidate {
            boxes: vec![boxed(10.0, 0.0, 60.0, 12.0), boxed(-60.0, 0.0, -10.0, 12.0)],
            mark: None,
        }];
        let site = [boxed(20.0, 0.0, 30.0, 10.0)];
        assert_eq!(place(&candidates, &site, 1.0), [Some(1)]);
        assert_eq!(place(&candidates, &[], 1.0), [Some(0)]);
        // Every place taken: not shown.
        let everywhere = [boxed(-100.0, -100.0, 100.0, 100.0)];
        assert_eq!(place(&candidates, &everywhere, 1.0), [None]);
    }

    #[test]
    fn kept_boxes_never_overlap() {
        // A dense grid of overlapping candidates, each with two places and a dot.
        let candidates: Vec<Candidate> = (0..400)
            .map(|i| {
                let (x, y) = (f64::from(i % 20) * 13.0, f64::from(i / 20) * 7.0);
                let width = 40.0 + f64::from(i % 7);
                Candidate {
                    boxes: vec![
                        ScreenBox::centred(x + 6.0 + width / 2.0, y, width, 12.0),
                        ScreenBox::centred(x, y + 14.0, width, 12.0),
                    ],
                    mark: Some(ScreenBox::centred(x, y, 4.0, 4.0)),
                }
            })
            .collect();
        let chosen = place(&candidates, &[], 1.0);
        let kept: Vec<ScreenBox> = chosen
            .iter()
            .zip(&candidates)
            .flat_map(|(choice, c)| {
                choice
                    .map(|i| [Some(c.boxes[i]), c.mark])
                    .into_iter()
                    .flatten()
                    .flatten()
            })
            .collect();
        assert!(kept.len() > 10);
        for (i, a) in kept.iter().enumerate() {
            for b in &kept[i + 1..] {
                assert!(!a.overlaps(b, 1.0), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn a_placed_towns_dot_stays_clear_and_a_covered_dot_goes_unnamed() {
        let dot = |x: f64| Some(ScreenBox::centred(x, 6.0, 5.0, 5.0));
        // A's name, right of its dot, runs over B's dot: B goes unnamed.
        // C is clear. D's first place would cover A's dot: it takes its
        // second.
        let candidates = [
            Candidate {
                boxes: vec![boxed(6.0, 0.0, 60.0, 12.0)],
                mark: dot(0.0),
            },
            Candidate {
                boxes: vec![boxed(36.0, 0.0, 80.0, 12.0)],
                mark: dot(30.0),
            },
            Candidate {
                boxes: vec![boxed(106.0, 0.0, 150.0, 12.0)],
                mark: dot(100.0),
            },
            Candidate {
                boxes: vec![boxed(-40.0, 2.0, 2.0, 10.0), boxed(-40.0, 30.0, -2.0, 40.0)],
                mark: dot(-45.0),
            },
        ];
        assert_eq!(
            place(&candidates, &[], 1.0),
            [Some(0), None, Some(0), Some(1)]
        );
    }
}
