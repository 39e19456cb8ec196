//! The user's own data: checking an untrusted GeoJSON file (`import`),
//! preparing its features for drawing (`overlay`), drawing them in Rust
//! (`raster`), and writing the visible sites out (`export`). Plain Rust.

pub mod export;
pub mod import;
pub mod intake;
pub mod overlay;
pub mod raster;
