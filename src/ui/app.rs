use leptos::prelude::*;

use super::{map_view::MapView, side_panel::SidePanel};

/// The whole page: the side panel beside (or, on narrow screens, below) the
/// map.
#[component]
pub fn App() -> impl IntoView {
    let panel_open = RwSignal::new(true);
    view! {
        <div class="atlas" class:panel-collapsed=move || !panel_open.get()>
            <SidePanel open=panel_open />
            <MapView />
        </div>
    }
}
