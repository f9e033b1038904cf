//! Deleting a draft: its server function and the confirming panel.

use crate::domain::EntryId;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::ServerFn;

/// Deletes a draft for good.
#[server(prefix = "/api", endpoint = "delete_evidence")]
pub async fn delete_entry(id: EntryId, revision: i32) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let files = crate::request::files()?;
    let now = chrono::Utc::now();
    crate::db::evidence::delete(&db, files.as_ref(), &user, id, revision, now).await?;
    leptos_axum::redirect("/evidence?done=deleted");
    Ok(())
}

/// "Delete this draft", behind a second step that says what is lost.
#[component]
pub(super) fn DeleteDraft(id: EntryId, revision: i32) -> impl IntoView {
    view! {
        <section class="panel panel--danger" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this draft"</h2>
            <details class="confirm">
                <summary>"Delete this draft…"</summary>
                <p>
                    "The draft and its files are deleted for good. Entries you have submitted are kept on your record and cannot be deleted."
                </p>
                <form method="post" action=DeleteEntry::PATH class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="revision" value=revision.to_string() />
                    <button type="submit" class="button button--danger">
                        "Yes, delete this draft"
                    </button>
                </form>
            </details>
        </section>
    }
}
