//! One module per page.

pub mod consultation;
pub mod evidence;
pub mod framework;
pub mod home;
pub mod manage;
pub mod not_found;
pub mod notifications;
pub mod password;
pub mod people;
pub mod portfolio;
pub mod recognition;
pub mod sign_in;
pub mod team;

use super::Session;
use crate::error::AppError;
use crate::model::CurrentUser;
use leptos::prelude::*;

/// Renders `page` for the signed-in person; anonymous visitors (whose requests the server
/// normally redirects before they get here) see the sign-in prompt.
pub fn with_user<V: IntoView + 'static>(
    page: impl Fn(CurrentUser) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let Session(session) = expect_context::<Session>();
    view! {
        <Suspense fallback=|| {
            view! { <p class="loading">"Loading…"</p> }
        }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match session.await {
                        Ok(info) => {
                            match info.user {
                                Some(user) => page(user).into_any(),
                                None => {
                                    view! {
                                        <super::components::ErrorPage error=AppError::Unauthenticated />
                                    }
                                        .into_any()
                                }
                            }
                        }
                        Err(error) => view! { <super::components::ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The id the address names in its parameter `name` (`/evidence/:id`), if it names one.
pub(crate) fn id_param<I>(
    name: &'static str,
) -> impl Fn() -> Option<I> + Copy + Send + Sync + 'static
where
    I: std::str::FromStr + 'static,
{
    let params = leptos_router::hooks::use_params_map();
    move || params.with(|p| p.get(name).and_then(|s| s.parse().ok()))
}

/// Loads what `id` names, or answers "not found" when the address named nothing readable.
pub(crate) async fn load_id<I, T, F>(
    id: Option<I>,
    load: impl FnOnce(I) -> F,
) -> Result<T, AppError>
where
    F: Future<Output = Result<T, AppError>>,
{
    match id {
        Some(id) => load(id).await,
        None => Err(AppError::NotFound),
    }
}
