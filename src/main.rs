//! Entry point: installs the panic hook and mounts the app, nothing else.

fn main() {
    // A panic still logs to the console, and the page says that something
    // went wrong (with the message) instead of freezing silently.
    cca_atlas::web::mark("atlas:start");
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        cca_atlas::web::show_crash(&info.to_string());
    }));
    leptos::mount::mount_to_body(cca_atlas::ui::App);
}
