//! The user's own data: checking an untrusted GeoJSON file (`import`),
//! preparing its features for drawing (`overlay`) and listing (`table`),
//! the result either way (`loaded`) and packed for the trip from the
//! import worker (`wire`), drawing them in Rust (`raster`), and writing the
//! visible sites out (`export`). Plain Rust.

pub mod export;
pub mod import;
pub mod intake;
pub mod loaded;
pub mod overlay;
pub mod problem;
pub mod raster;
pub mod status;
pub mod table;
pub mod wire;
