//! The browser entry point: starts the page ([`unimargin_app::ui::mount`]).

fn main() {
    unimargin_app::ui::mount();
}
