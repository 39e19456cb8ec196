//! What the map and the rest of the app tell each other: the callbacks the
//! map calls (`MapHandlers`) and what can go wrong in it (`MapError`). Its
//! own module so that every part of the map can use them without the parts
//! importing each other.

use thiserror::Error;

use crate::i18n::Lang;
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

impl MapError {
    /// The message in `lang`; what the browser said stays as it said it.
    pub(crate) fn text(&self, lang: Lang) -> String {
        use MapError as M;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (M::LeafletMissing, Lang::Zh) => {
                "地图库（Leaflet）没有加载，因此无法绘制地图".to_owned()
            }
            (M::LeafletMissing, Lang::Ru) => {
                "картографическая библиотека (Leaflet) не загрузилась, поэтому карту не нарисовать"
                    .to_owned()
            }
            (M::Create(x), Lang::Zh) => format!("无法创建地图：{x}"),
            (M::Create(x), Lang::Ru) => format!("не удалось создать карту: {x}"),
            (M::Basemap(x), Lang::Zh) => format!("无法读取内置底图：{x}"),
            (M::Basemap(x), Lang::Ru) => {
                format!("не удалось прочитать встроенную основу карты: {x}")
            }
            (M::Canvas(x), Lang::Zh) => format!("无法绘制您的数据：{x}"),
            (M::Canvas(x), Lang::Ru) => format!("не удалось нарисовать ваши данные: {x}"),
            (M::Context(x), Lang::Zh) => format!("无法显示城镇、河流和湖泊：{x}"),
            (M::Context(x), Lang::Ru) => format!("не удалось показать города, реки и озёра: {x}"),
        }
    }
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
    /// Words what the layer says (its credit) in `to` instead of `from`.
    fn set_language(&self, from: Lang, to: Lang);
}
