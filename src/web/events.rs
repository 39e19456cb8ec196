//! What the map and the rest of the app tell each other: the callbacks the
//! map calls (`MapHandlers`) and what can go wrong in it (`MapError`). Its
//! own module so that every part of the map can use them without the parts
//! importing each other.

use thiserror::Error;

use crate::view::permalink::View;

/// What can stop the map from being built. Each message tells the user what
/// happened in words they can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum MapError {
    #[error("the map library (Leaflet) did not load, so the map cannot be drawn")]
    LeafletMissing,
    #[error("the map could not be created: {0}")]
    Create(String),
    #[error("the built-in basemap could not be read: {0}")]
    Basemap(String),
    #[error("your data could not be drawn: {0}")]
    Canvas(String),
    #[error("towns, rivers and lakes could not be shown: {0}")]
    Context(String),
}

/// What the map tells the rest of the app.
pub(crate) struct MapHandlers {
    /// The OpenStreetMap tile layer failed to load a tile.
    pub on_tile_error: Box<dyn Fn()>,
    /// The user clicked a site, or pressed Enter or Space on it: its index
    /// in the slice given to `show_sites`.
    pub on_select: Box<dyn Fn(usize)>,
    /// The view settled after a pan or zoom.
    pub on_view: Box<dyn Fn(View)>,
    /// The user clicked an imported feature: its index in the import.
    pub on_select_imported: Box<dyn Fn(usize)>,
    /// An import shown by `show_imported` is drawn (every shown group, for
    /// the first time).
    pub on_imported_drawn: Box<dyn Fn()>,
    /// Something could not be drawn after the map was built.
    pub on_error: Box<dyn Fn(MapError)>,
}

/// A layer the app adds once its map is drawn (the context: lakes, rivers,
/// names). `AtlasMap` holds it as a trait object, so the first map's
/// bundle, which never adds one, does not carry its code.
pub(super) trait LateLayer {
    /// Sites were hidden or shown: the layer may need to make way.
    fn sites_changed(&self);
    /// Takes the layer off the map.
    fn remove(&self);
}
