//! The WebAssembly entry point: hydrates the page the server rendered, and nothing else.

// Leptos views are deeply nested types; the administrators' editors need more room.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
