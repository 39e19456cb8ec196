//! Geography with no browser in sight: coordinates and the atlas's framing
//! (`bounds`), distances and great circles (`geodesy`), and the embedded
//! basemap (`basemap`), and the context drawn on it: lakes, rivers, towns
//! (`context`). The lowest layer: it depends on nothing else here.

pub mod basemap;
pub mod bounds;
pub mod context;
pub mod geodesy;
