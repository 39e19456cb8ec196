use leptos::prelude::*;

/// The side panel: title, what the atlas shows, and credits. Collapsible;
/// under 700 px wide the stylesheet turns it into a bottom sheet.
#[component]
pub fn SidePanel(open: RwSignal<bool>, site_count: usize) -> impl IntoView {
    let toggle_label = move || {
        if open.get() {
            "Hide panel"
        } else {
            "Show panel"
        }
    };
    view! {
        <aside class="panel" aria-label="About this atlas">
            <header class="panel-header">
                <h1 class="panel-title">"China–Central Asia Cooperation Atlas"</h1>
                <button
                    class="panel-toggle"
                    type="button"
                    aria-controls="panel-body"
                    aria-expanded=move || open.get().to_string()
                    title=toggle_label
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="panel-toggle-icon" aria-hidden="true"></span>
                    <span class="visually-hidden">{toggle_label}</span>
                </button>
            </header>
            <div id="panel-body" class="panel-body" hidden=move || !open.get()>
                <p class="panel-lede">
                    "The projects and places named in the Xinhua Institute report "
                    <cite>"Championing the China–Central Asia Spirit"</cite>
                    " (2025): railways and highways, power plants, wind, solar and hydro "
                    "farms, oil and gas fields, air links, agricultural parks and security "
                    "institutions across Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, "
                    "Uzbekistan and China."
                </p>
                <p class="panel-count">{site_count} " sites and routes from the report are on the map."</p>
                <p class="panel-note">
                    "The map works offline: its basemap is built in. Street-level "
                    "OpenStreetMap tiles can be switched on from the layers button when "
                    "you are online."
                </p>
                <footer class="panel-credits">
                    <h2>"Credits"</h2>
                    <ul>
                        <li>"Report: Xinhua Institute, as summarised in an English newsletter."</li>
                        <li>"Country outlines: Natural Earth 1:50m (public domain), via the world-atlas package."</li>
                        <li>"Map library: Leaflet. Optional tiles: © OpenStreetMap contributors."</li>
                    </ul>
                </footer>
            </div>
        </aside>
    }
}
