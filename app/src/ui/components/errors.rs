//! Small pieces shared by pages: error summaries, field messages, error pages.

use crate::domain::FieldError;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// The GOV.UK-style error summary: a heading and a list of links to the fields at fault.
/// Errors that belong to no field are listed as plain text.
#[component]
pub fn ErrorSummary(error: AppError) -> impl IntoView {
    let fields = error.field_errors().to_vec();
    let items = if fields.is_empty() {
        view! { <li>{error.to_string()}</li> }.into_any()
    } else {
        fields
            .into_iter()
            .map(|FieldError { field, message }| {
                view! {
                    <li>
                        <a href=format!("#{field}")>{message}</a>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
            <h2 class="error-summary__title" id="error-summary-title">
                "There is a problem"
            </h2>
            <ul class="error-summary__list">{items}</ul>
        </div>
    }
}

/// The message for one field, if the error has one for it.
pub fn field_message(error: Option<&AppError>, field: &str) -> Option<String> {
    error.and_then(|e| {
        e.field_errors()
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.clone())
    })
}

/// A whole-page error: a plain heading and message, and the matching HTTP status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(error.status());
    let (title, lead) = match &error {
        AppError::NotFound => ("Page not found", error.to_string()),
        AppError::Forbidden => ("You cannot see this page", error.to_string()),
        AppError::Unauthenticated => ("Please sign in", error.to_string()),
        AppError::Gone(_) => ("This link no longer works", error.to_string()),
        _ => ("Sorry, there is a problem", error.to_string()),
    };
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <p>
            <a href="/">"Go to the home page"</a>
        </p>
    }
}

/// Sets the HTTP status of the page being rendered (server only; a no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The error a server function sent back in the address after a form posted without
/// JavaScript, if it came from the server function at `path`. (`ServerAction` does this for
/// ordinary forms; file uploads have no action to ask.)
pub fn url_error<E: server_fn::error::FromServerFnError>(path: &str) -> Option<E> {
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == path)
        .map(|e| server_fn::error::ServerFnUrlError::<E>::decode_err(e.err()))
}
