//! Synthetic, seeded, deterministic GeoJSON for the benchmarks.
//!
//!     cargo run --release --example synth -- COUNT [SEED] > out.geojson
//!
//! About 80% points and 20% lines of 20–200 vertices, spread over the
//! atlas's sectors and categories, all inside the region the map opens on
//! (52–90° E, 36–50° N). The same COUNT and SEED always give the same bytes:
//! the random numbers come from SplitMix64, written out here so that no
//! crate update can change the data sets between runs.

use std::io::{self, BufWriter, Write};

/// Each sector with the categories it has in the atlas's data.
const SECTORS: &[(&str, &[&str])] = &[
    (
        "connectivity",
        &["railway", "highway", "air_route", "tunnel"],
    ),
    ("development", &["agriculture"]),
    ("energy", &["oil_gas", "thermal_power"]),
    ("green", &["wind", "solar", "hydro", "gas_power"]),
    ("security", &["security", "meeting", "summit"]),
];
const STATUSES: &[&str] = &["operational", "under_construction", "planned", "agreed"];

const WEST: f64 = 52.0;
const EAST: f64 = 90.0;
const SOUTH: f64 = 36.0;
const NORTH: f64 = 50.0;

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, good enough here.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = || io::Error::new(io::ErrorKind::InvalidInput, "usage: synth COUNT [SEED]");
    let count: usize = args.next().and_then(|a| a.parse().ok()).ok_or_else(usage)?;
    let seed: u64 = match args.next() {
        Some(a) => a.parse().map_err(|_| usage())?,
        None => 2025,
    };
    let mut rng = SplitMix64(seed);
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
    for i in 0..count {
        if i > 0 {
            write!(out, ",")?;
        }
        let (sector, categories) = SECTORS[rng.below(SECTORS.len())];
        let category = categories[rng.below(categories.len())];
        let status = STATUSES[rng.below(STATUSES.len())];
        write!(
            out,
            "\n{{\"type\":\"Feature\",\"id\":\"syn-{i:06}\",\"properties\":{{\"name\":\"Synthetic {category} {n}\",\"sector\":\"{sector}\",\"category\":\"{category}\",\"status\":\"{status}\"}},\"geometry\":",
            n = i + 1
        )?;
        let mut lon = rng.between(WEST, EAST);
        let mut lat = rng.between(SOUTH, NORTH);
        if rng.unit() < 0.8 {
            write!(
                out,
                "{{\"type\":\"Point\",\"coordinates\":[{lon:.4},{lat:.4}]}}}}"
            )?;
        } else {
            // A wandering line: steps of up to ~5 km, heading drifting.
            let vertices = 20 + rng.below(181);
            let mut heading = rng.between(0.0, std::f64::consts::TAU);
            write!(out, "{{\"type\":\"LineString\",\"coordinates\":[")?;
            for v in 0..vertices {
                if v > 0 {
                    write!(out, ",")?;
                    heading += rng.between(-0.5, 0.5);
                    let step = rng.between(0.005, 0.05);
                    lon = (lon + step * heading.cos()).clamp(WEST, EAST);
                    lat = (lat + step * heading.sin()).clamp(SOUTH, NORTH);
                }
                write!(out, "[{lon:.4},{lat:.4}]")?;
            }
            write!(out, "]}}}}")?;
        }
    }
    writeln!(out, "\n]}}")?;
    out.flush()
}
