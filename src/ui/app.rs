use leptos::{ev, prelude::*};

use super::{map_view::MapView, side_panel::SidePanel, state::Atlas};
use crate::model::load_catalog;
use crate::permalink::encode;
use crate::web;

/// The whole page: the side panel beside (or, on narrow screens, below) the
/// map. Loads the embedded data once and restores the state in the link;
/// if the data is broken the map still shows its basemap and the user is
/// told what is wrong.
#[component]
pub fn App() -> impl IntoView {
    let (sites, data_error) = match load_catalog() {
        Ok(sites) => (sites, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    let atlas = Atlas::new(sites, &web::current_query());

    // The link follows the state: a new history entry when the selection
    // changes (so Back steps through selections), the same entry rewritten
    // for filters and map moves.
    Effect::new(move |_| {
        let state = atlas.link_state();
        let query = encode(&state);
        let current = web::current_query();
        if query == current {
            return;
        }
        if crate::permalink::decode(&current).site != state.site {
            web::push_query(&query);
        } else {
            web::replace_query(&query);
        }
    });
    let popstate = window_event_listener(ev::popstate, move |_| {
        atlas.apply_link(&web::current_query());
    });
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" && !event.default_prevented() {
            atlas.close_details();
        }
    });
    on_cleanup(move || {
        popstate.remove();
        escape.remove();
    });

    view! {
        <div class="atlas" class:panel-collapsed=move || !atlas.panel_open.get()>
            <SidePanel atlas=atlas />
            <MapView atlas=atlas data_error=data_error />
        </div>
    }
}
