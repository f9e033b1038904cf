//! Supporting files: adding and removing them (multipart forms that work without JavaScript),
//! and the entry's files section.

use crate::domain::{EntryId, FileId};
use crate::error::AppError;
use crate::model::FileView;
use crate::ui::components::FieldMessage;
use leptos::prelude::*;
use server_fn::ServerFn;
use server_fn::codec::{MultipartData, MultipartFormData};

/// Adds a supporting file to an entry (a multipart form: `id`, `revision`, then `file`).
#[server(prefix = "/api", endpoint = "add_evidence_file", input = MultipartFormData)]
pub async fn add_file(data: MultipartData) -> Result<(), AppError> {
    use crate::db::evidence::files::Upload;
    use crate::domain::files::MAX_FILE_BYTES;
    let (db, user) = crate::request::db_and_user()?;
    let files = crate::request::files()?;
    let mut data = data.into_inner().ok_or(AppError::Internal)?;
    let (mut id, mut revision) = (None, None);
    let (mut name, mut size, mut bytes) = (String::new(), 0, Vec::new());
    while let Ok(Some(mut field)) = data.next_field().await {
        match field.name() {
            Some("id") => {
                id = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<EntryId>().ok())
            }
            Some("revision") => {
                revision = field.text().await.ok().and_then(|t| t.trim().parse().ok());
            }
            Some("file") => {
                name = field.file_name().unwrap_or_default().to_owned();
                while let Ok(Some(chunk)) = field.chunk().await {
                    size += chunk.len();
                    if size > MAX_FILE_BYTES {
                        // Enough to know it is too big; the rest is not read.
                        break;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                break;
            }
            _ => {}
        }
    }
    let (Some(id), Some(revision)) = (id, revision) else {
        return Err(AppError::NotFound);
    };
    let upload = Upload {
        entry: id,
        revision,
        name,
        size,
        bytes,
    };
    let now = chrono::Utc::now();
    crate::db::evidence::files::add(&db, files.as_ref(), &user, &upload, now).await?;
    leptos_axum::redirect(&format!("/evidence/{id}?done=file-added#files-heading"));
    Ok(())
}

/// Removes a supporting file from an entry.
#[server(prefix = "/api", endpoint = "remove_evidence_file")]
pub async fn remove_file(id: EntryId, revision: i32, file: FileId) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let files = crate::request::files()?;
    let now = chrono::Utc::now();
    crate::db::evidence::files::remove(&db, files.as_ref(), &user, id, revision, file, now).await?;
    leptos_axum::redirect(&format!("/evidence/{id}?done=file-removed#files-heading"));
    Ok(())
}

/// The entry's supporting files: downloads for everyone who may see it; adding and
/// removing for whoever may change it.
#[component]
pub(super) fn FilesSection(
    id: EntryId,
    revision: i32,
    files: Vec<FileView>,
    editable: bool,
    error: Option<AppError>,
) -> impl IntoView {
    use crate::domain::files::{ACCEPT, MAX_FILES};
    let message = error.map(|e| match e.field_errors() {
        [] => e.to_string(),
        fields => fields
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join(". "),
    });
    let full = files.len() >= MAX_FILES;
    let revision = revision.to_string();
    view! {
        <section aria-labelledby="files-heading">
            <h2 id="files-heading">"Supporting files"</h2>
            {if files.is_empty() {
                view! {
                    <p>
                        {if editable {
                            "No files yet. Slides, handouts, agendas or photos help your line manager verify the activity."
                        } else {
                            "No files."
                        }}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="file-list">
                        {files
                            .into_iter()
                            .map(|f| {
                                let label = f.name.clone();
                                view! {
                                    <li class="file-list__item">
                                        <a
                                            href=f.url.clone()
                                            download=f.name.clone()
                                            rel="external"
                                        >
                                            {f.name.clone()}
                                        </a>
                                        <span class="file-list__meta">
                                            {format!("{}, {}", f.kind, f.size)}
                                        </span>
                                        {editable
                                            .then(|| {
                                                view! {
                                                    <details class="confirm">
                                                        <summary>
                                                            "Remove"
                                                            <span class="visually-hidden">{format!(" {label}")}</span>
                                                        </summary>
                                                        <p>{format!("Remove “{label}” from this entry?")}</p>
                                                        <form
                                                            method="post"
                                                            action=RemoveFile::PATH
                                                            class="inline-form"
                                                        >
                                                            <input type="hidden" name="id" value=id.to_string() />
                                                            <input
                                                                type="hidden"
                                                                name="revision"
                                                                value=revision.clone()
                                                            />
                                                            <input type="hidden" name="file" value=f.id.to_string() />
                                                            <button
                                                                type="submit"
                                                                class="button button--danger button--small"
                                                            >
                                                                {format!("Yes, remove {label}")}
                                                            </button>
                                                        </form>
                                                    </details>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {(editable && !full)
                .then(|| {
                    let has_error = message.is_some();
                    view! {
                        <form
                            method="post"
                            action=AddFile::PATH
                            enctype="multipart/form-data"
                            class="form panel panel--quiet"
                        >
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="revision" value=revision.clone() />
                            <div class="field" class=("field--error", has_error)>
                                <label class="field__label" for="file">
                                    "Add a file"
                                </label>
                                <p class="field__hint" id="file-hint">
                                    {format!(
                                        "A PDF, an image, an office document (.docx, .xlsx, .pptx or OpenDocument; not the older .doc, .xls or .ppt, which can carry macros) or a text file of up to 10 MB; up to {MAX_FILES} files.",
                                    )}
                                </p>
                                <FieldMessage message=message.clone() id="file-error" alert=true />
                                <input
                                    class="input"
                                    type="file"
                                    id="file"
                                    name="file"
                                    accept=ACCEPT
                                    aria-describedby=if has_error {
                                        "file-hint file-error"
                                    } else {
                                        "file-hint"
                                    }
                                    aria-invalid=has_error.then_some("true")
                                />
                            </div>
                            <button type="submit" class="button button--secondary">
                                "Upload the file"
                            </button>
                        </form>
                    }
                })}
            {(editable && full)
                .then(|| {
                    view! {
                        <FieldMessage message=message.clone() id="file-error" alert=true />
                        <p>
                            {format!(
                                "This entry has {MAX_FILES} files, the most it can have. Remove one to add another.",
                            )}
                        </p>
                    }
                })}
        </section>
    }
}
