//! The import worker's entry point (see `cca_atlas::web::serve_imports`): a
//! third, small bundle, run in a Web Worker, that checks a user's GeoJSON
//! off the page's thread and sends the result back packed.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
    }));
    cca_atlas::web::serve_imports();
}
