//! The page for addresses that lead nowhere (HTTP 404).

use crate::error::AppError;
use crate::ui::components::ErrorPage;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound /> }
}
