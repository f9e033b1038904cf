//! The draft's levels of progression: rename, reorder, add and remove.

use super::controls::{MoveButtons, NameForm, RemoveButton};
use crate::domain::VersionId;
use crate::domain::framework::FrameworkDocument;
use crate::error::AppError;
use crate::ui::pages::manage::framework::edits::SaveLevel;
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub(super) fn Levels(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
    error: Option<AppError>,
) -> impl IntoView {
    let count = document.levels.len();
    view! {
        <section id="levels" aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Levels"</h2>
            <p class="muted">
                "In order, from the first step to the widest reach. Every element needs a descriptor at every level."
            </p>
            <ol class="edit-list">
                {document
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let id = l.id.clone().unwrap_or_default();
                        let label = format!("level {}", l.name);
                        view! {
                            <li class="edit-list__item" id=format!("level-{id}")>
                                <p class="edit-list__text">
                                    <strong>{l.name.clone()}</strong>
                                    " — "
                                    {l.description.clone()}
                                </p>
                                {if editable {
                                    let has_error = error
                                        .as_ref()
                                        .is_some_and(|e| {
                                            e.field_errors()
                                                .iter()
                                                .any(|f| f.field.starts_with(&format!("level-{id}-")))
                                        });
                                    view! {
                                        <details class="add" open=has_error>
                                            <summary>
                                                "Edit"
                                                <span class="visually-hidden">{format!(" {label}")}</span>
                                            </summary>
                                            <NameForm
                                                version
                                                action=SaveLevel::PATH
                                                kind="level"
                                                id=id.clone()
                                                name=l.name.clone()
                                                description=l.description.clone()
                                                submit=format!("Save level {}", i + 1)
                                                error=error.clone()
                                            />
                                        </details>
                                        <div class="edit-list__tools">
                                            <MoveButtons
                                                version
                                                kind="level"
                                                id=id.clone()
                                                label=label.clone()
                                                first=i == 0
                                                last=i + 1 == count
                                            />
                                            {(count > 1)
                                                .then(|| {
                                                    view! {
                                                        <RemoveButton
                                                            version
                                                            kind="level"
                                                            id=id.clone()
                                                            label=label.clone()
                                                            warning="Every descriptor at this level, and every pathway target set at it, is removed with it."
                                                                .to_owned()
                                                        />
                                                    }
                                                })}
                                        </div>
                                    }
                                        .into_any()
                                } else {
                                    ().into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {editable
                .then(|| {
                    view! {
                        <details
                            class="add"
                            open=error
                                .as_ref()
                                .is_some_and(|e| {
                                    e.field_errors()
                                        .iter()
                                        .any(|f| f.field.starts_with("level-new-"))
                                })
                        >
                            <summary>"Add a level"</summary>
                            <NameForm
                                version
                                action=SaveLevel::PATH
                                kind="level"
                                id=String::new()
                                name=String::new()
                                description=String::new()
                                submit="Add level".to_owned()
                                error=error.clone()
                            />
                        </details>
                    }
                })}
        </section>
    }
}
