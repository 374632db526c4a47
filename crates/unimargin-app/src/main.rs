//! The browser entry point: mounts the page ([`unimargin_app::ui::App`]).

fn main() {
    unimargin_app::ui::mount();
}
