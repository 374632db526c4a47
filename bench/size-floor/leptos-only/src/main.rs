//! The smallest Leptos page: one signal, one input, one text.
use leptos::prelude::*;

fn main() {
    mount_to_body(|| {
        let (text, set_text) = signal(String::new());
        view! {
            <input on:input=move |ev| set_text.set(event_target_value(&ev)) prop:value=text />
            <p>{move || text.get()}</p>
        }
    })
}
