//! A page's data, once it has loaded: the page, or the error page if it could not be read.

use super::ErrorPage;
use crate::error::AppError;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Shows `view` of what `resource` read, or the error page (with its HTTP status) when reading
/// failed. Until then, `loading` (a short sentence) is shown; with `transition`, what was shown
/// before stays in place while a new value loads (for filters that change the address).
#[component]
pub fn Loaded<T, V, F>(
    resource: Resource<Result<T, AppError>>,
    view: F,
    #[prop(default = "Loading…")] loading: &'static str,
    #[prop(optional)] transition: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let fallback = move || view! { <p class="loading">{loading}</p> };
    let content = move || {
        let view = view.clone();
        Suspend::new(async move {
            match resource.await {
                Ok(value) => view(value).into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })
    };
    if transition {
        view! { <Transition fallback>{content}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback>{content}</Suspense> }.into_any()
    }
}
