//! The first map: what a visitor sees while the full app is on its way.
//!
//! The full app (Leptos, the report, search, list, details, import) is most
//! of the bytes, and on a slow phone it took seconds to arrive. So the page
//! starts with a second, small bundle built from this module alone (no
//! Leptos; `src/bin/first_map.rs`): it fetches the sites, draws the same
//! map as the app (basemap, sites, the link's filters, view and selected
//! site) into the static frame of `index.html`, and then tells the
//! start-up script, which loads the full app. The full app builds its page
//! underneath; when its map is drawn it removes the frame and says so, and
//! the first map releases its Leaflet map, leaving the app in its place at
//! the same view. (If this bundle fails, the start-up script loads the app
//! all the same.)
//!
//! Whatever the visitor does meanwhile is kept in the address bar, which
//! the app reads when it starts: a pan or zoom (the view), a click on a
//! site (its details open when the app is up).

use std::cell::RefCell;
use std::rc::Rc;

use crate::geo::basemap::BASEMAP_FIRST;
use crate::i18n::text::{app_loading, app_title, details_soon};
use crate::i18n::{Lang, choose};
use crate::model::{Site, load_files};
use crate::view::filter::layers;
use crate::view::permalink::{encode, restore};
use crate::web::{self, AtlasMap, MapHandlers};

/// The map's element in that frame.
pub const MAP_ID: &str = "first-map";
/// The frame's status line.
pub const NOTE_ID: &str = "first-note";

/// The frame's heading, in `index.html`.
pub const TITLE_ID: &str = "first-title";

/// Draws the first map, then asks for the full app. Whatever happens, the
/// app is asked for: it shows every error in full.
pub fn start() {
    web::mark("atlas:first-start");
    wasm_bindgen_futures::spawn_local(async {
        let files = web::fetch_data_files().await;
        let drawn = draw(&files).await;
        if drawn.is_some() {
            web::remove_boot_message();
        }
        web::painted().await;
        web::mark("atlas:first-map-drawn");
        // The app reads the same files: they are handed over, not fetched
        // again. Only now, off the first map's path: the texts go back to
        // JavaScript, and the app is asked for just below.
        web::hand_over_data_files(&files);
        web::announce(web::FIRST_MAP_EVENT);
        // Kept until the app's own map is drawn, then released.
        web::when_announced(web::APP_READY_EVENT, move || {
            if let Some(map) = drawn.as_ref().and_then(|m| m.try_borrow().ok())
                && let Some(map) = map.as_ref()
            {
                map.remove();
            }
            web::remove_by_id(web::FIRST_PAGE_ID);
        });
    });
}

/// The map, drawn; `None` when it could not be (the app says why).
type Shared = Rc<RefCell<Option<AtlasMap>>>;

/// Draws the map of the data `files` (as fetched, each with its name).
async fn draw(files: &[(String, Result<String, String>)]) -> Option<Shared> {
    let element = web::element_by_id(MAP_ID)?;
    // A file that failed is left out here; the app names it.
    let (sites, _problems) = load_files(files);
    web::mark("atlas:first-data-read");
    let layers = layers(&sites);
    let state = restore(&web::current_query(), &sites, &layers);
    let selected = state
        .site
        .as_deref()
        .and_then(|id| sites.iter().position(|s| s.id == id));
    let frame = state.view.is_none();
    // As the app chooses: the link's language, else the browser's.
    let lang = state
        .lang
        .unwrap_or_else(|| choose(None, &web::browser_languages()));
    // The frame in the reader's language until the app replaces it.
    if lang != Lang::En {
        web::set_document_language(lang.html_lang(), app_title(lang));
        web::set_text_of(TITLE_ID, app_title(lang));
        web::set_text_of(NOTE_ID, app_loading(lang));
    }
    let visible = state.filter.visibility(&sites);
    let view = state.view;
    let sites: Rc<[Site]> = sites.into();
    let link = Rc::new(RefCell::new(state));
    let shared: Shared = Rc::new(RefCell::new(None));

    let handlers = MapHandlers {
        on_tile_error: Box::new(|| {}),
        on_select: Box::new({
            let (sites, link, shared) = (Rc::clone(&sites), Rc::clone(&link), Rc::clone(&shared));
            move |index| {
                let Some(site) = sites.get(index) else {
                    return;
                };
                link.borrow_mut().site = Some(site.id.clone());
                let _ = web::push_query(&encode(&link.borrow()));
                if let Ok(map) = shared.try_borrow()
                    && let Some(map) = map.as_ref()
                {
                    map.select(Some(index), false);
                }
                web::set_text_of(NOTE_ID, &details_soon(lang, site.name_in(lang)));
            }
        }),
        on_view: Box::new({
            let link = Rc::clone(&link);
            move |view| {
                link.borrow_mut().view = Some(view);
                let _ = web::replace_query(&encode(&link.borrow()));
            }
        }),
        on_select_imported: Box::new(|_| {}),
        on_imported_drawn: Box::new(|| {}),
        on_error: Box::new(|_| {}),
    };
    let mut map = AtlasMap::mount(&element, handlers, view, BASEMAP_FIRST, lang).ok()?;
    web::mark("atlas:first-map-mounted");
    map.show_sites(&sites, &layers, lang);
    map.set_visible(&visible);
    *shared.borrow_mut() = Some(map);
    if selected.is_some() {
        // After a frame, as in the app: framing in the task that created
        // the map leaves Leaflet's SVG clipped to the old view.
        web::painted().await;
        if let Some(map) = shared.borrow().as_ref() {
            map.select(selected, frame);
        }
    }
    Some(shared)
}
