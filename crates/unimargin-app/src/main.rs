//! unimargin in the browser: a Leptos 0.8 client-side-rendered app, built by Trunk.
//!
//! For now a skeleton that proves build, serve, end-to-end tests and offline use work;
//! the calculator UI (issue 3) is wired in on top of it.

use leptos::prelude::*;

/// The whole page.
#[component]
fn App() -> impl IntoView {
    view! {
        <main>
            <header>
                <h1>"unimargin"</h1>
                <p class="tagline">"Margin calculator for crypto unified trading accounts."</p>
            </header>
            <p class="placeholder">"The calculator is on its way."</p>
            // Tells end-to-end tests that the wasm app has started and rendered.
            <span data-testid="app-ready" data-value="ok" hidden=true></span>
        </main>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
