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

/// The first map's lighter basemap (src/first/): ~1 km, under a pixel at
/// the opening zoom and about two at zoom 8; shown only until the full app
/// replaces it. Half the bytes on the path to the first map.
const FIRST_SIMPLIFY_DEGREES: f64 = 0.01;
const FIRST_CLIP: basemap::ClipSpec = basemap::ClipSpec {
    decimals: 2,
    ..CLIP
};

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
    let out_dir = PathBuf::from(env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?);
    for (name, tolerance, clip) in [
        ("basemap.bin", SIMPLIFY_DEGREES, CLIP),
        ("basemap-first.bin", FIRST_SIMPLIFY_DEGREES, FIRST_CLIP),
    ] {
        let countries = basemap::decode_simplified(&topojson, "countries", tolerance)
            .map_err(|e| e.to_string())?;
        let clipped = basemap::clip_countries(countries, clip);
        let out = out_dir.join(name);
        fs::write(&out, basemap::to_packed(&clipped, clip.decimals))
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}
