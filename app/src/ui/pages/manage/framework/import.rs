//! Importing a framework file (the JSON that export writes) as a new draft.

use super::HOME;
#[cfg(feature = "ssr")]
use super::version_path;
#[cfg(feature = "ssr")]
use crate::domain::FieldError;
use crate::error::AppError;
use crate::ui::components::url_error;
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;
use server_fn::codec::{MultipartData, MultipartFormData};

/// The largest framework file accepted for import.
#[cfg(feature = "ssr")]
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Imports a framework file (the JSON that export writes) as a new draft.
#[server(prefix = "/api", endpoint = "import_framework", input = MultipartFormData)]
pub async fn import_framework(data: MultipartData) -> Result<(), AppError> {
    use crate::db::framework::{ImportError, import};
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::domain::authorize(&user.actor, crate::domain::Action::ManageFramework)?;
    let mut data = data.into_inner().ok_or(AppError::Internal)?;
    let mut bytes = Vec::new();
    while let Ok(Some(mut field)) = data.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        while let Ok(Some(chunk)) = field.chunk().await {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_IMPORT_BYTES {
                return Err(AppError::field(
                    "file",
                    "The file is larger than 5 MB, which is far bigger than any framework",
                ));
            }
        }
    }
    if bytes.is_empty() {
        return Err(AppError::field(
            "file",
            "Choose a framework file (.json) to import",
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(AppError::field(
            "file",
            "The file is not a text file: choose a framework exported as JSON",
        ));
    };
    match import(&db, &user, &text, chrono::Utc::now()).await {
        Ok(id) => {
            leptos_axum::redirect(&format!(
                "{}?saved=imported",
                version_path(crate::domain::VersionId(id))
            ));
            Ok(())
        }
        Err(ImportError::Unreadable(why)) => Err(AppError::field(
            "file",
            format!("The file is not a framework export: {why}"),
        )),
        Err(ImportError::Invalid(problems)) => Err(AppError::Validation(
            problems
                .iter()
                .take(50)
                .map(|p| FieldError::new("file", p.to_string()))
                .collect(),
        )),
        Err(ImportError::App(err)) => Err(err),
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <Title text="Import a framework" />
        {with_user(move |_| {
            let error = url_error::<AppError>(ImportFramework::PATH);
            let messages: Vec<String> = error
                .as_ref()
                .map(|e| match e.field_errors() {
                    [] => vec![e.to_string()],
                    fields => fields.iter().map(|f| f.message.clone()).collect(),
                })
                .unwrap_or_default();
            let has_error = !messages.is_empty();
            view! {
                <nav class="breadcrumbs" aria-label="Breadcrumbs">
                    <a href=HOME>"Manage the framework"</a>
                </nav>
                <h1>"Import a framework"</h1>
                <p class="lead">
                    "Upload a framework file exported from Waymark (the “Download as JSON” link). It becomes a new draft you can check, change and publish. A file with anything wrong in it is refused whole, with a list of where."
                </p>
                {has_error
                    .then(|| {
                        view! {
                            <div
                                class="error-summary"
                                role="alert"
                                tabindex="-1"
                                aria-labelledby="error-summary-title"
                            >
                                <h2 class="error-summary__title" id="error-summary-title">
                                    "The file could not be imported"
                                </h2>
                                <ul class="error-summary__list">
                                    {messages
                                        .iter()
                                        .map(|m| {
                                            view! {
                                                <li>
                                                    <a href="#file">{m.clone()}</a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                <form
                    method="post"
                    action=ImportFramework::PATH
                    enctype="multipart/form-data"
                    class="form panel"
                >
                    <div class="field" class=("field--error", has_error)>
                        <label class="field__label" for="file">
                            "Framework file"
                        </label>
                        <p class="field__hint" id="file-hint">
                            "A .json file of up to 5 MB."
                        </p>
                        <input
                            class="input"
                            type="file"
                            id="file"
                            name="file"
                            accept=".json,application/json"
                            aria-describedby="file-hint"
                            aria-invalid=has_error.then_some("true")
                        />
                    </div>
                    <button type="submit" class="button">
                        "Import as a new draft"
                    </button>
                </form>
            }
        })}
    }
}
