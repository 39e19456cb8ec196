use std::rc::Rc;

use leptos::prelude::*;

use super::{map_view::MapView, side_panel::SidePanel};
use crate::model::{Site, load_catalog};

/// The whole page: the side panel beside (or, on narrow screens, below) the
/// map. Loads the embedded data once; if it is broken the map still shows
/// its basemap and the user is told what is wrong.
#[component]
pub fn App() -> impl IntoView {
    let panel_open = RwSignal::new(true);
    let (sites, data_error): (Rc<[Site]>, Option<String>) = match load_catalog() {
        Ok(sites) => (sites.into(), None),
        Err(e) => (Rc::from([]), Some(e.to_string())),
    };
    let site_count = sites.len();
    view! {
        <div class="atlas" class:panel-collapsed=move || !panel_open.get()>
            <SidePanel open=panel_open site_count=site_count />
            <MapView sites=sites data_error=data_error />
        </div>
    }
}
