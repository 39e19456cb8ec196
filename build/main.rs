//! Build script: makes the embedded basemap from the npm package `world-atlas`.
//!
//! `npm ci` must have run first (the README's commands do it). Without the
//! package the build stops with a message saying so, instead of shipping a
//! map with no countries.

mod basemap;

use std::{env, fs, path::PathBuf, process::ExitCode};

/// The region the atlas shows, with a margin so that the clip edge stays
/// outside the view at the zoom levels the app allows.
const CLIP: basemap::ClipSpec = basemap::ClipSpec {
    west: 30.0,
    south: 15.0,
    east: 130.0,
    north: 60.0,
    decimals: 3,
};

/// Arcs are simplified to this many degrees (~450 m): under a pixel up to
/// zoom 8, the closest the atlas frames a site; ~3 px at its maximum, 10.
const SIMPLIFY_DEGREES: f64 = 0.004;

const SOURCE: &str = "node_modules/world-atlas/countries-50m.json";

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=build/basemap.rs");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest =
        env::var("CARGO_MANIFEST_DIR").map_err(|e| format!("CARGO_MANIFEST_DIR: {e}"))?;
    let source = PathBuf::from(manifest).join(SOURCE);
    let topojson = fs::read_to_string(&source).map_err(|e| {
        format!(
            "cannot read {}: {e}. Run `npm ci` first (the README's commands do).",
            source.display()
        )
    })?;
    let countries = basemap::decode_simplified(&topojson, "countries", SIMPLIFY_DEGREES)
        .map_err(|e| e.to_string())?;
    let clipped = basemap::clip_countries(countries, CLIP);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?)
        .join("basemap.bin");
    fs::write(&out, basemap::to_packed(&clipped, CLIP.decimals))
        .map_err(|e| format!("cannot write {}: {e}", out.display()))
}
