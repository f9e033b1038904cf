//! The draft's levels of progression: rename, reorder, add and remove.

use super::controls::{AddItem, EditItem, MoveButtons, RemoveButton};
use crate::domain::VersionId;
use crate::domain::framework::{FrameworkDocument, LevelDoc};
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
    let items = document
        .levels
        .into_iter()
        .enumerate()
        .map(
            |(i, level)| view! { <LevelItem version editable level i count error=error.clone() /> },
        )
        .collect_view();
    view! {
        <section id="levels" aria-labelledby="levels-heading">
            <h2 id="levels-heading">"Levels"</h2>
            <p class="muted">
                "In order, from the first step to the widest reach. Every element needs a descriptor at every level."
            </p>
            <ol class="edit-list">{items}</ol>
            {editable
                .then(|| {
                    view! {
                        <AddItem
                            version
                            action=SaveLevel::PATH
                            kind="level"
                            summary="Add a level"
                            submit="Add level"
                            error
                        />
                    }
                })}
        </section>
    }
}

/// The `i`-th of `count` levels, with its tools when the version is a draft.
#[component]
fn LevelItem(
    version: VersionId,
    editable: bool,
    level: LevelDoc,
    i: usize,
    count: usize,
    error: Option<AppError>,
) -> impl IntoView {
    let id = level.id.clone().unwrap_or_default();
    let label = format!("level {}", level.name);
    let tools = editable.then(|| {
        view! {
            <EditItem
                version
                action=SaveLevel::PATH
                kind="level"
                id=id.clone()
                name=level.name.clone()
                description=level.description.clone()
                summary="Edit"
                label=label.clone()
                submit=format!("Save level {}", i + 1)
                error
            />
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
    });
    view! {
        <li class="edit-list__item" id=format!("level-{id}")>
            <p class="edit-list__text">
                <strong>{level.name.clone()}</strong>
                " — "
                {level.description.clone()}
            </p>
            {tools}
        </li>
    }
}
