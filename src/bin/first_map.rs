//! The first map's entry point (see `cca_atlas::first`): a second, small
//! bundle that draws the map before the full app has loaded.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
    }));
    cca_atlas::first::start();
}
