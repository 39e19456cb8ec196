//! A small anti-aliased rasteriser for the imported layer: dots, polylines
//! and polygons drawn into coverage masks, then composited into RGBA pixels
//! (straight alpha, as `ImageData` wants). Drawing 100,000 features this way
//! costs one `putImageData` per canvas instead of a million canvas calls and
//! the browser's path rasterisation, which at that size takes seconds.
//! Plain Rust, tested natively.

use crate::userdata::overlay::{Overlay, Stroke, Viewport};

/// Colours as RGB.
pub(crate) type Rgb = [u8; 3];

/// How the layer looks, in device pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub ink: Rgb,
    pub fill: Rgb,
    /// Opacity of polygon fills, 0…1.
    pub area_opacity: f32,
    pub line_width: f64,
    pub outline_width: f64,
    pub dot_radius: f64,
    /// Radius of a dot's light centre (the rest is its ink rim).
    pub dot_core: f64,
}

/// One group of an overlay to draw for one view, and how: all a drawer
/// needs, whichever thread it runs on (the page, or the import worker,
/// which gets it as `to_numbers`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    pub group: usize,
    /// The canvas's view, in CSS pixels.
    pub view: Viewport,
    /// Device pixels per CSS pixel.
    pub ratio: f64,
    /// Vertices closer than this (CSS px) to the last one kept are skipped.
    pub min_step: f64,
    pub style: Style,
}

/// The largest canvas side a request may ask for, in device pixels.
const MAX_SIDE: f64 = 16_384.0;

impl Request {
    /// The canvas's size in device pixels.
    pub fn size(&self) -> (usize, usize) {
        (
            (self.view.width * self.ratio).round() as usize,
            (self.view.height * self.ratio).round() as usize,
        )
    }

    /// The request as numbers, for a message.
    pub fn to_numbers(&self) -> Vec<f64> {
        let s = &self.style;
        let mut out = vec![
            self.group as f64,
            self.view.scale,
            self.view.origin.0,
            self.view.origin.1,
            self.view.width,
            self.view.height,
            self.ratio,
            self.min_step,
        ];
        out.extend(s.ink.iter().chain(&s.fill).map(|&c| f64::from(c)));
        out.extend([
            f64::from(s.area_opacity),
            s.line_width,
            s.outline_width,
            s.dot_radius,
            s.dot_core,
        ]);
        out
    }

    /// A request from `to_numbers`; `None` unless every number is finite
    /// and in range (a colour a byte, the canvas at most `MAX_SIDE` a side).
    pub fn from_numbers(numbers: &[f64]) -> Option<Request> {
        let &[
            group,
            scale,
            x,
            y,
            width,
            height,
            ratio,
            min_step,
            ink_r,
            ink_g,
            ink_b,
            fill_r,
            fill_g,
            fill_b,
            area_opacity,
            line_width,
            outline_width,
            dot_radius,
            dot_core,
        ] = numbers
        else {
            return None;
        };
        if !numbers.iter().all(|n| n.is_finite()) {
            return None;
        }
        let byte = |n: f64| (0.0..=255.0).contains(&n).then_some(n as u8);
        let request = Request {
            group: (group >= 0.0 && group.fract() == 0.0).then_some(group as usize)?,
            view: Viewport {
                scale,
                origin: (x, y),
                width,
                height,
            },
            ratio,
            min_step,
            style: Style {
                ink: [byte(ink_r)?, byte(ink_g)?, byte(ink_b)?],
                fill: [byte(fill_r)?, byte(fill_g)?, byte(fill_b)?],
                area_opacity: area_opacity as f32,
                line_width,
                outline_width,
                dot_radius,
                dot_core,
            },
        };
        let in_range = |side: f64| (0.0..=MAX_SIDE).contains(&(side * ratio));
        (ratio > 0.0 && scale > 0.0 && in_range(width) && in_range(height)).then_some(request)
    }
}

/// Longest piece a segment is cut into, in pixels, so that each piece's
/// bounding box stays small.
const PIECE: f64 = 8.0;

/// Coverage masks for one canvas, reused between draws.
#[derive(Debug, Clone, Default)]
pub struct Raster {
    width: usize,
    height: usize,
    /// Polygon interiors.
    area: Vec<u8>,
    /// Lines, outlines and dot rims.
    ink: Vec<u8>,
    /// Dot centres.
    core: Vec<u8>,
    /// The composited RGBA pixels.
    pixels: Vec<u8>,
}

impl Raster {
    /// Clears the masks for a `width` × `height` canvas.
    pub fn reset(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        let n = width * height;
        for mask in [&mut self.area, &mut self.ink, &mut self.core] {
            zeroed(mask, n);
        }
    }

    /// Draws what `request` asks of `overlay` and composites it: the RGBA
    /// pixels of the whole canvas.
    pub fn render(&mut self, overlay: &Overlay, request: &Request) -> &[u8] {
        let (width, height) = request.size();
        let strokes = overlay.strokes(request.group, &request.view, request.min_step);
        self.reset(width, height);
        self.draw(&strokes, request.ratio, &request.style);
        self.pixels(&request.style)
    }

    /// Draws `strokes` (in CSS pixels) at `scale` device pixels per CSS
    /// pixel: areas, then lines, then dots on top.
    pub fn draw(&mut self, strokes: &[Stroke], scale: f64, style: &Style) {
        for stroke in strokes {
            if let Stroke::Area(rings) = stroke {
                let rings: Vec<Vec<(f64, f64)>> = rings
                    .iter()
                    .map(|r| r.iter().map(|&(x, y)| (x * scale, y * scale)).collect())
                    .collect();
                self.fill_even_odd(&rings);
                for ring in &rings {
                    self.polyline(ring, style.outline_width, true);
                }
            }
        }
        let mut scaled: Vec<(f64, f64)> = Vec::new();
        for stroke in strokes {
            if let Stroke::Line(points) = stroke {
                // One buffer for every line, not one each.
                scaled.clear();
                scaled.extend(points.iter().map(|&(x, y)| (x * scale, y * scale)));
                self.polyline(&scaled, style.line_width, false);
            }
        }
        for stroke in strokes {
            if let Stroke::Dot(x, y) = stroke {
                let (x, y) = (x * scale, y * scale);
                disc(
                    &mut self.ink,
                    self.width,
                    self.height,
                    (x, y),
                    style.dot_radius,
                );
                disc(
                    &mut self.core,
                    self.width,
                    self.height,
                    (x, y),
                    style.dot_core,
                );
            }
        }
    }

    /// Composites the masks into RGBA pixels: fill (at `area_opacity`)
    /// under ink under the dots' centres.
    pub fn pixels(&mut self, style: &Style) -> &[u8] {
        let n = self.width * self.height;
        zeroed(&mut self.pixels, n * 4);
        // Most pixels are empty, and most of the rest have one mask set:
        // empty runs are skipped eight at a time, one-mask pixels come from
        // tables made by `composite` itself, so the result is the same.
        let table = |pick: fn(u8) -> [u8; 3]| -> Vec<[u8; 4]> {
            (0..=255u8)
                .map(|v| {
                    let [area, ink, core] = pick(v);
                    composite(area, ink, core, style)
                })
                .collect()
        };
        let only_area = table(|v| [v, 0, 0]);
        let only_ink = table(|v| [0, v, 0]);
        let only_core = table(|v| [0, 0, v]);
        let mut i = 0;
        while i < n {
            // Eight coverages as one word; past the end, "not empty".
            let word = |mask: &[u8]| {
                mask.get(i..i + 8)
                    .and_then(|run| <[u8; 8]>::try_from(run).ok())
                    .map_or(1, u64::from_ne_bytes)
            };
            if word(&self.area) | word(&self.ink) | word(&self.core) == 0 {
                i += 8;
                continue;
            }
            let (area, ink, core) = (self.area[i], self.ink[i], self.core[i]);
            let rgba = match (area, ink, core) {
                (0, 0, 0) => None,
                (a, 0, 0) => Some(only_area[usize::from(a)]),
                (0, k, 0) => Some(only_ink[usize::from(k)]),
                (0, 0, c) => Some(only_core[usize::from(c)]),
                (a, k, c) => Some(composite(a, k, c, style)),
            };
            if let Some(rgba) = rgba {
                self.pixels[i * 4..i * 4 + 4].copy_from_slice(&rgba);
            }
            i += 1;
        }
        &self.pixels
    }

    fn polyline(&mut self, points: &[(f64, f64)], width: f64, closed: bool) {
        let half = width / 2.0;
        let mut draw = |a: (f64, f64), b: (f64, f64)| {
            segment(&mut self.ink, self.width, self.height, a, b, half);
        };
        for w in points.windows(2) {
            draw(w[0], w[1]);
        }
        if closed && let (Some(&first), Some(&last)) = (points.first(), points.last()) {
            draw(last, first);
        }
        if points.len() == 1
            && let Some(&p) = points.first()
        {
            draw(p, p);
        }
    }

    /// Even–odd fill of `rings`, sampled at pixel centres.
    fn fill_even_odd(&mut self, rings: &[Vec<(f64, f64)>]) {
        let (min_y, max_y) = rings
            .iter()
            .flatten()
            .fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                (lo.min(p.1), hi.max(p.1))
            });
        if min_y > max_y {
            return;
        }
        let first = min_y.floor().max(0.0) as usize;
        let last = (max_y.ceil().max(0.0) as usize).min(self.height);
        let mut crossings: Vec<f64> = Vec::new();
        for row in first..last {
            let y = row as f64 + 0.5;
            crossings.clear();
            for ring in rings {
                let n = ring.len();
                for i in 0..n {
                    let (a, b) = (ring[i], ring[(i + 1) % n]);
                    if (a.1 > y) != (b.1 > y) {
                        crossings.push(a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1));
                    }
                }
            }
            crossings.sort_by(f64::total_cmp);
            for pair in crossings.chunks_exact(2) {
                let from = (pair[0] - 0.5).ceil().max(0.0) as usize;
                let to = ((pair[1] - 0.5).floor() + 1.0).clamp(0.0, self.width as f64) as usize;
                for x in from..to {
                    self.area[row * self.width + x] = 255;
                }
            }
        }
    }
}

/// Coverage of a pixel whose centre is `distance` from a shape edge that
/// extends `radius` from its axis: 1 inside, 0 outside, linear over 1 px.
fn coverage(radius: f64, distance: f64) -> u8 {
    // `+ 0.5` and truncation: `round` for these non-negative values,
    // without a call to the maths library per pixel.
    ((radius + 0.5 - distance).clamp(0.0, 1.0) * 255.0 + 0.5) as u8
}

/// Pixel rows and columns within `reach` of the box (x0, y0)–(x1, y1).
fn span(low: f64, high: f64, reach: f64, size: usize) -> std::ops::Range<usize> {
    let from = (low - reach - 0.5).floor().max(0.0) as usize;
    let to = ((high + reach + 0.5).ceil().max(0.0) as usize).min(size);
    from..to.max(from)
}

/// One pixel from its three coverages: fill, then ink, then the dot's
/// centre, each "over" the last (premultiplied), as straight-alpha RGBA.
fn composite(area: u8, ink: u8, core: u8, style: &Style) -> [u8; 4] {
    let mut rgb = [0f32; 3];
    let mut alpha = 0f32;
    for (colour, a) in [
        (style.fill, f32::from(area) / 255.0 * style.area_opacity),
        (style.ink, f32::from(ink) / 255.0),
        (style.fill, f32::from(core) / 255.0),
    ] {
        if a == 0.0 {
            continue;
        }
        for (c, v) in rgb.iter_mut().zip(colour) {
            *c = f32::from(v) * a + *c * (1.0 - a);
        }
        alpha = a + alpha * (1.0 - a);
    }
    if alpha == 0.0 {
        return [0; 4];
    }
    let mut out = [0u8; 4];
    for (o, c) in out.iter_mut().zip(rgb) {
        *o = (c / alpha).round().clamp(0.0, 255.0) as u8;
    }
    out[3] = (alpha * 255.0).round() as u8;
    out
}

fn disc(mask: &mut [u8], width: usize, height: usize, (cx, cy): (f64, f64), radius: f64) {
    let reach2 = (radius + 0.5) * (radius + 0.5);
    // Within this distance a pixel is fully covered: no square root.
    let inner = (radius - 0.5).max(0.0);
    let full2 = inner * inner;
    let columns = span(cx, cx, radius, width);
    for y in span(cy, cy, radius, height) {
        let dy = y as f64 + 0.5 - cy;
        let row = y * width;
        for x in columns.clone() {
            let dx = x as f64 + 0.5 - cx;
            let d2 = dx * dx + dy * dy;
            if d2 >= reach2 {
                continue;
            }
            let c = if d2 <= full2 {
                255
            } else {
                coverage(radius, d2.sqrt())
            };
            let slot = &mut mask[row + x];
            *slot = (*slot).max(c);
        }
    }
}

/// A thick segment with round ends, as a max-coverage mask: where two
/// segments of a line meet, the joint is not drawn twice.
fn segment(mask: &mut [u8], width: usize, height: usize, a: (f64, f64), b: (f64, f64), half: f64) {
    let length = (b.0 - a.0).hypot(b.1 - a.1);
    if !length.is_finite() {
        return;
    }
    let pieces = (length / PIECE).ceil().max(1.0) as usize;
    for k in 0..pieces {
        let t0 = k as f64 / pieces as f64;
        let t1 = (k + 1) as f64 / pieces as f64;
        let p = (a.0 + (b.0 - a.0) * t0, a.1 + (b.1 - a.1) * t0);
        let q = (a.0 + (b.0 - a.0) * t1, a.1 + (b.1 - a.1) * t1);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let length2 = dx * dx + dy * dy;
        let reach2 = (half + 0.5) * (half + 0.5);
        // Within this distance a pixel is fully covered: no square root.
        let inner = (half - 0.5).max(0.0);
        let full2 = inner * inner;
        let columns = span(p.0.min(q.0), p.0.max(q.0), half, width);
        for y in span(p.1.min(q.1), p.1.max(q.1), half, height) {
            let py = y as f64 + 0.5;
            let row = y * width;
            for x in columns.clone() {
                let px = x as f64 + 0.5;
                let t = if length2 > 0.0 {
                    (((px - p.0) * dx + (py - p.1) * dy) / length2).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let (ex, ey) = (px - (p.0 + t * dx), py - (p.1 + t * dy));
                let d2 = ex * ex + ey * ey;
                if d2 >= reach2 {
                    continue;
                }
                let c = if d2 <= full2 {
                    255
                } else {
                    coverage(half, d2.sqrt())
                };
                let slot = &mut mask[row + x];
                *slot = (*slot).max(c);
            }
        }
    }
}

/// `buffer` as `len` zeros. `clear` and `resize` wrote the zeros a byte
/// at a time (a quarter of the drawing's instructions, at 10,000
/// features); `fill` and a zeroed allocation are one memset each.
fn zeroed(buffer: &mut Vec<u8>, len: usize) {
    if buffer.len() == len {
        buffer.fill(0);
    } else {
        *buffer = vec![0; len];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths of `pixels` (empty runs, one-mask tables) give
    /// exactly what compositing every pixel gives, on masks with empty
    /// runs, single masks and overlaps, at a width that is no multiple of 8.
    #[test]
    fn pixels_equal_compositing_each_pixel() {
        let style = Style {
            ink: [0x33, 0x33, 0x33],
            fill: [0xf0, 0xc8, 0x08],
            area_opacity: 0.35,
            line_width: 2.0,
            outline_width: 1.5,
            dot_radius: 4.0,
            dot_core: 2.5,
        };
        let (width, height) = (37, 23);
        let mut raster = Raster::default();
        raster.reset(width, height);
        // A small xorshift: every combination shows up, runs stay empty.
        let mut seed = 0x9e37_79b9_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for i in 0..width * height {
            let r = next();
            if r % 3 == 0 {
                continue;
            }
            let level = (r >> 8) as u8;
            match (r >> 4) % 4 {
                0 => raster.area[i] = level,
                1 => raster.ink[i] = level,
                2 => raster.core[i] = level,
                _ => {
                    raster.area[i] = level;
                    raster.ink[i] = (r >> 16) as u8;
                    raster.core[i] = (r >> 24) as u8;
                }
            }
        }
        // A long empty stretch, not aligned to 8.
        for mask in [&mut raster.area, &mut raster.ink, &mut raster.core] {
            mask[101..317].fill(0);
        }
        let expected: Vec<u8> = (0..width * height)
            .flat_map(|i| composite(raster.area[i], raster.ink[i], raster.core[i], &style))
            .collect();
        assert_eq!(raster.pixels(&style), expected.as_slice());
    }

    #[test]
    fn a_request_goes_through_numbers_unchanged_and_odd_numbers_are_refused() {
        let request = Request {
            group: 3,
            view: Viewport {
                scale: 8192.0,
                origin: (5600.5, 2900.25),
                width: 1472.0,
                height: 920.0,
            },
            ratio: 2.0,
            min_step: 1.0,
            style: Style {
                ink: [0x33, 0x33, 0x33],
                fill: [0xf0, 0xc8, 0x08],
                area_opacity: 0.35,
                line_width: 4.0,
                outline_width: 3.0,
                dot_radius: 8.0,
                dot_core: 5.0,
            },
        };
        let numbers = request.to_numbers();
        assert_eq!(Request::from_numbers(&numbers), Some(request));
        assert_eq!(request.size(), (2944, 1840));
        for (at, odd) in [
            (0, -1.0),
            (0, 1.5),
            (1, 0.0),
            (4, 1e9),
            (6, f64::NAN),
            (8, 256.0),
            (18, f64::INFINITY),
        ] {
            let mut changed = numbers.clone();
            changed[at] = odd;
            assert_eq!(Request::from_numbers(&changed), None, "{at}: {odd}");
        }
        assert_eq!(Request::from_numbers(&numbers[1..]), None);
    }
}
