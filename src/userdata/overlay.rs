//! The user's imported features, prepared for drawing on a canvas of our
//! own: projected once to Web Mercator, stored flat (no object per feature
//! on the JS side), grouped by their `sector` property so that a group can
//! be hidden without redrawing anything, and hit-tested here for clicks.
//! Plain Rust: the canvas calls live in `web::map`.

use thiserror::Error;

pub use crate::geo::bounds::{project, unproject};

use crate::geo::bounds::LatLon;
use crate::userdata::import::{ImportedFeature, Shape};

/// The property features are grouped by.
pub(crate) const GROUP_KEY: &str = "sector";
/// More distinct values than this and the property is not a grouping.
pub(crate) const MAX_GROUPS: usize = 24;
/// The group of features without the property.
pub const UNGROUPED: &str = "(none)";

/// What a part of a feature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Point,
    Line,
    /// A polygon's outer ring; its holes follow as `Hole`s.
    Ring,
    Hole,
}

/// One point, line or ring: a run of `Overlay::coords`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub kind: PartKind,
    pub feature: u32,
    pub start: u32,
    pub len: u32,
    /// Bounding box in Mercator units: min x, min y, max x, max y.
    pub bbox: [f32; 4],
}

/// A set of features hidden or shown together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The `sector` value, or `UNGROUPED`.
    pub name: String,
    /// How many features it holds.
    pub count: usize,
}

/// Where the canvas is: pixel = mercator × `scale` − `origin`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub scale: f64,
    pub origin: (f64, f64),
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    pub(crate) fn to_pixel(self, (x, y): (f32, f32)) -> (f64, f64) {
        (
            f64::from(x) * self.scale - self.origin.0,
            f64::from(y) * self.scale - self.origin.1,
        )
    }

    /// The viewport in Mercator units, grown by `margin` pixels.
    fn bbox(&self, margin: f64) -> [f32; 4] {
        [
            ((self.origin.0 - margin) / self.scale) as f32,
            ((self.origin.1 - margin) / self.scale) as f32,
            ((self.origin.0 + self.width + margin) / self.scale) as f32,
            ((self.origin.1 + self.height + margin) / self.scale) as f32,
        ]
    }
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// A drawing instruction for one group, in canvas pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Stroke {
    /// A circle marker at this pixel.
    Dot(f64, f64),
    /// An open polyline.
    Line(Vec<(f64, f64)>),
    /// A polygon: its rings (outer, then holes), each closed when drawn.
    Area(Vec<Vec<(f64, f64)>>),
}

/// An `Overlay` as flat lists: what `Overlay::from_raw` needs to rebuild
/// it (the per-group and per-feature indexes are derived).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawOverlay {
    /// x, y of every position, in Mercator units.
    pub coords: Vec<f32>,
    /// In feature order.
    pub parts: Vec<Part>,
    /// Per feature: its group.
    pub feature_group: Vec<u16>,
    pub groups: Vec<Group>,
}

/// Lists that do not make an overlay (`Overlay::from_raw`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the drawing data's {0} do not fit together")]
pub struct Inconsistent(&'static str);

/// The imported features, flat and projected, with one index per group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay {
    /// x, y of every position, in Mercator units: two numbers each.
    coords: Vec<f32>,
    parts: Vec<Part>,
    /// Per group: indices into `parts`, in file order.
    group_parts: Vec<Vec<u32>>,
    /// Per feature: its group and the range of its parts.
    feature_group: Vec<u16>,
    feature_parts: Vec<(u32, u32)>,
    groups: Vec<Group>,
}

impl Overlay {
    /// Projects and indexes `features`. They are grouped by their `sector`
    /// property when it has between 2 and `MAX_GROUPS` distinct values
    /// (features without it form one more group); otherwise all form one.
    pub fn new(features: &[ImportedFeature]) -> Overlay {
        let values: Vec<Option<&str>> = features
            .iter()
            .map(|f| {
                f.properties
                    .iter()
                    .find(|(k, _)| k == GROUP_KEY)
                    .map(|(_, v)| v.as_str())
            })
            .collect();
        let mut names: Vec<&str> = values.iter().flatten().copied().collect();
        names.sort_unstable();
        names.dedup();
        let grouped = names.len() >= 2 && names.len() <= MAX_GROUPS;
        let mut groups: Vec<Group> = if grouped {
            names
                .iter()
                .map(|n| Group {
                    name: (*n).to_owned(),
                    count: 0,
                })
                .collect()
        } else {
            Vec::new()
        };
        // One more group: features without the property, or all of them.
        let ungrouped = if !grouped || values.iter().any(Option::is_none) {
            groups.push(Group {
                name: if grouped {
                    UNGROUPED.to_owned()
                } else {
                    "all".to_owned()
                },
                count: 0,
            });
            groups.len() - 1
        } else {
            usize::MAX
        };

        let mut overlay = Overlay {
            group_parts: vec![Vec::new(); groups.len()],
            ..Overlay::default()
        };
        for (index, (feature, value)) in features.iter().zip(&values).enumerate() {
            let group = match value {
                Some(v) if grouped => names.binary_search(v).unwrap_or(ungrouped),
                _ => ungrouped,
            };
            if let Some(g) = groups.get_mut(group) {
                g.count += 1;
            }
            let first_part = overlay.parts.len() as u32;
            for shape in &feature.shapes {
                match shape {
                    Shape::Point(p) => overlay.push_part(PartKind::Point, index, group, &[*p]),
                    Shape::Line(points) => overlay.push_part(PartKind::Line, index, group, points),
                    Shape::Polygon(rings) => {
                        for (k, ring) in rings.iter().enumerate() {
                            let kind = if k == 0 {
                                PartKind::Ring
                            } else {
                                PartKind::Hole
                            };
                            overlay.push_part(kind, index, group, ring);
                        }
                    }
                }
            }
            overlay.feature_group.push(group as u16);
            overlay
                .feature_parts
                .push((first_part, overlay.parts.len() as u32));
        }
        overlay.groups = groups;
        overlay
    }

    fn push_part(&mut self, kind: PartKind, feature: usize, group: usize, points: &[LatLon]) {
        let start = (self.coords.len() / 2) as u32;
        let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for p in points {
            let (x, y) = project(*p);
            let (x, y) = (x as f32, y as f32);
            bbox = [
                bbox[0].min(x),
                bbox[1].min(y),
                bbox[2].max(x),
                bbox[3].max(y),
            ];
            self.coords.extend([x, y]);
        }
        let part = self.parts.len() as u32;
        self.parts.push(Part {
            kind,
            feature: feature as u32,
            start,
            len: points.len() as u32,
            bbox,
        });
        if let Some(list) = self.group_parts.get_mut(group) {
            list.push(part);
        }
    }

    /// The overlay as flat lists (to send it whole, `wire`).
    pub fn into_raw(self) -> RawOverlay {
        RawOverlay {
            coords: self.coords,
            parts: self.parts,
            feature_group: self.feature_group,
            groups: self.groups,
        }
    }

    /// Puts an overlay back together from `into_raw`'s lists, rebuilding
    /// the indexes; refuses lists that do not fit together, so a damaged
    /// message never makes an overlay that reads out of bounds.
    pub fn from_raw(raw: RawOverlay) -> Result<Overlay, Inconsistent> {
        let RawOverlay {
            coords,
            parts,
            feature_group,
            groups,
        } = raw;
        if coords.len() % 2 != 0 {
            return Err(Inconsistent("coordinates"));
        }
        if feature_group
            .iter()
            .any(|&g| usize::from(g) >= groups.len())
        {
            return Err(Inconsistent("groups"));
        }
        let positions = coords.len() / 2;
        let mut group_parts = vec![Vec::new(); groups.len()];
        let mut feature_parts = vec![(0u32, 0u32); feature_group.len()];
        let mut last_feature = 0usize;
        for (index, part) in parts.iter().enumerate() {
            let feature = part.feature as usize;
            let end = part.start as usize + part.len as usize;
            if end > positions || feature < last_feature {
                return Err(Inconsistent("parts"));
            }
            let Some(&group) = feature_group.get(feature) else {
                return Err(Inconsistent("parts"));
            };
            last_feature = feature;
            let index = index as u32;
            if let Some(slot) = feature_parts.get_mut(feature) {
                if slot.0 == slot.1 {
                    *slot = (index, index);
                }
                slot.1 = index + 1;
            }
            if let Some(list) = group_parts.get_mut(usize::from(group)) {
                list.push(index);
            }
        }
        // A feature without parts (never made by `new`) gets an empty
        // range where its parts would be.
        let mut next = 0u32;
        for slot in &mut feature_parts {
            if slot.0 == slot.1 {
                *slot = (next, next);
            }
            next = slot.1;
        }
        Ok(Overlay {
            coords,
            parts,
            group_parts,
            feature_group,
            feature_parts,
            groups,
        })
    }

    /// How many features it holds.
    pub fn len(&self) -> usize {
        self.feature_group.len()
    }

    pub fn is_empty(&self) -> bool {
        self.feature_group.is_empty()
    }

    /// Feature `index`'s geometry, back in latitude and longitude (as
    /// stored: Web Mercator in `f32`, within a few metres), for its
    /// highlight.
    pub fn shapes(&self, index: usize) -> Vec<Shape> {
        let Some(&(first, end)) = self.feature_parts.get(index) else {
            return Vec::new();
        };
        let parts = self.parts.get(first as usize..end as usize).unwrap_or(&[]);
        let mut shapes = Vec::new();
        for part in parts {
            let points: Vec<LatLon> = self
                .points(part)
                .map(|(x, y)| unproject(f64::from(x), f64::from(y)))
                .collect();
            match part.kind {
                PartKind::Point => shapes.extend(points.first().copied().map(Shape::Point)),
                PartKind::Line => shapes.push(Shape::Line(points)),
                PartKind::Ring => shapes.push(Shape::Polygon(vec![points])),
                PartKind::Hole => {
                    if let Some(Shape::Polygon(rings)) = shapes.last_mut() {
                        rings.push(points);
                    }
                }
            }
        }
        shapes
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The group feature `index` belongs to.
    pub fn group_of(&self, index: usize) -> Option<usize> {
        self.feature_group.get(index).map(|g| usize::from(*g))
    }

    /// A part's positions.
    fn points(&self, part: &Part) -> impl ExactSizeIterator<Item = (f32, f32)> + '_ {
        let start = part.start as usize * 2;
        self.coords
            .get(start..start + part.len as usize * 2)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|q| (q[0], q[1]))
    }

    /// A part's positions in the pixels of `view`.
    fn pixels(&self, part: &Part, view: &Viewport) -> Vec<(f64, f64)> {
        self.points(part).map(|q| view.to_pixel(q)).collect()
    }

    /// What to draw of group `group` in `view`: only parts that reach into
    /// it, and of lines and rings only vertices at least `min_step` pixels
    /// from the last one kept (the last vertex always stays).
    pub fn strokes(&self, group: usize, view: &Viewport, min_step: f64) -> Vec<Stroke> {
        let Some(list) = self.group_parts.get(group) else {
            return Vec::new();
        };
        let visible = view.bbox(8.0);
        let mut out = Vec::new();
        let mut area: Vec<Vec<(f64, f64)>> = Vec::new();
        for &p in list {
            let Some(part) = self.parts.get(p as usize) else {
                continue;
            };
            if part.kind == PartKind::Hole {
                if !area.is_empty() {
                    area.push(self.thin(part, view, min_step));
                }
                continue;
            }
            if !area.is_empty() {
                out.push(Stroke::Area(std::mem::take(&mut area)));
            }
            if !overlaps(&part.bbox, &visible) {
                continue;
            }
            match part.kind {
                PartKind::Point => {
                    if let Some(first) = self.points(part).next() {
                        let (x, y) = view.to_pixel(first);
                        out.push(Stroke::Dot(x, y));
                    }
                }
                PartKind::Line => out.push(Stroke::Line(self.thin(part, view, min_step))),
                PartKind::Ring | PartKind::Hole => area.push(self.thin(part, view, min_step)),
            }
        }
        if !area.is_empty() {
            out.push(Stroke::Area(area));
        }
        out
    }

    fn thin(&self, part: &Part, view: &Viewport, min_step: f64) -> Vec<(f64, f64)> {
        let points = self.points(part);
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len().min(256));
        let last = points.len().saturating_sub(1);
        for (i, p) in points.enumerate() {
            let (x, y) = view.to_pixel(p);
            if let Some(&(px, py)) = out.last()
                && i != last
                && (x - px).abs() < min_step
                && (y - py).abs() < min_step
            {
                continue;
            }
            out.push((x, y));
        }
        out
    }

    /// The feature under pixel `at` within `tolerance` pixels, among the
    /// groups `shown`: the nearest point, else the nearest line, else a
    /// polygon containing it; later features win ties (they are on top).
    pub fn hit(
        &self,
        view: &Viewport,
        at: (f64, f64),
        tolerance: f64,
        shown: &[bool],
    ) -> Option<usize> {
        let mut best: Option<(u8, f64, usize)> = None;
        let mut consider = |rank: u8, distance: f64, feature: usize| {
            let better = match best {
                None => true,
                Some((r, d, _)) => rank < r || (rank == r && distance <= d),
            };
            if better {
                best = Some((rank, distance, feature));
            }
        };
        let probe = {
            let (x, y) = (
                (at.0 + view.origin.0) / view.scale,
                (at.1 + view.origin.1) / view.scale,
            );
            let t = tolerance / view.scale;
            [
                (x - t) as f32,
                (y - t) as f32,
                (x + t) as f32,
                (y + t) as f32,
            ]
        };
        for (group, list) in self.group_parts.iter().enumerate() {
            if !shown.get(group).copied().unwrap_or(true) {
                continue;
            }
            for &p in list {
                let Some(part) = self.parts.get(p as usize) else {
                    continue;
                };
                if !overlaps(&part.bbox, &probe) {
                    continue;
                }
                let pixels = self.pixels(part, view);
                let feature = part.feature as usize;
                match part.kind {
                    PartKind::Point => {
                        if let Some(&q) = pixels.first() {
                            let d = distance(at, q);
                            if d <= tolerance {
                                consider(0, d, feature);
                            }
                        }
                    }
                    PartKind::Line | PartKind::Ring | PartKind::Hole => {
                        let d = pixels
                            .windows(2)
                            .map(|w| segment_distance(at, w[0], w[1]))
                            .fold(f64::INFINITY, f64::min);
                        if d <= tolerance {
                            consider(1, d, feature);
                        } else if part.kind == PartKind::Ring && self.inside(feature, view, at) {
                            consider(2, 0.0, feature);
                        }
                    }
                }
            }
        }
        best.map(|(_, _, feature)| feature)
    }

    /// Whether `at` is inside feature `feature`'s polygons (even–odd over
    /// all its rings, so holes are holes).
    fn inside(&self, feature: usize, view: &Viewport, at: (f64, f64)) -> bool {
        let Some(&(first, end)) = self.feature_parts.get(feature) else {
            return false;
        };
        let mut inside = false;
        for part in self.parts.get(first as usize..end as usize).unwrap_or(&[]) {
            if !matches!(part.kind, PartKind::Ring | PartKind::Hole) {
                continue;
            }
            let pixels = self.pixels(part, view);
            for w in pixels.windows(2) {
                let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                if (y1 > at.1) != (y2 > at.1) && at.0 < x1 + (at.1 - y1) * (x2 - x1) / (y2 - y1) {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Feature `index`'s extent as (south-west, north-east).
    pub fn bounds(&self, index: usize) -> Option<(LatLon, LatLon)> {
        let &(first, end) = self.feature_parts.get(index)?;
        let parts = self.parts.get(first as usize..end as usize)?;
        let b = parts
            .iter()
            .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, p| {
                [
                    b[0].min(p.bbox[0]),
                    b[1].min(p.bbox[1]),
                    b[2].max(p.bbox[2]),
                    b[3].max(p.bbox[3]),
                ]
            });
        if b[0] > b[2] {
            return None;
        }
        let south_west = unproject(f64::from(b[0]), f64::from(b[3]));
        let north_east = unproject(f64::from(b[2]), f64::from(b[1]));
        Some((south_west, north_east))
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    if length2 == 0.0 {
        return distance(p, a);
    }
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0);
    distance(p, (a.0 + t * dx, a.1 + t * dy))
}
