//! The draft's pathways: the list, with links to edit each.

use super::controls::{MoveButtons, RemoveButton};
use crate::domain::VersionId;
use crate::domain::framework::FrameworkDocument;
use crate::ui::pages::manage::framework::version_path;
use leptos::prelude::*;

#[component]
pub(super) fn Pathways(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
) -> impl IntoView {
    let count = document.pathways.len();
    view! {
        <section id="pathways" aria-labelledby="pathways-heading">
            <h2 id="pathways-heading">"Pathways"</h2>
            {if document.pathways.is_empty() {
                view! { <p class="muted">"No pathways yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="edit-list">
                        {document
                            .pathways
                            .iter()
                            .enumerate()
                            .map(|(i, p)| {
                                let id = p.id.clone().unwrap_or_default();
                                let label = format!("pathway {}", p.name);
                                view! {
                                    <li
                                        class="edit-list__item edit-list__item--row"
                                        id=format!("pathway-{id}")
                                    >
                                        <span>
                                            {if editable {
                                                view! {
                                                    <a href=format!(
                                                        "{}/pathways/{id}",
                                                        version_path(version),
                                                    )>{p.name.clone()}</a>
                                                }
                                                    .into_any()
                                            } else {
                                                view! { <strong>{p.name.clone()}</strong> }.into_any()
                                            }}
                                            <span class="table__secondary">
                                                {format!("{} targets", p.targets.len())}
                                            </span>
                                        </span>
                                        {editable
                                            .then(|| {
                                                view! {
                                                    <span class="edit-list__tools">
                                                        <MoveButtons
                                                            version
                                                            kind="pathway"
                                                            id=id.clone()
                                                            label=label.clone()
                                                            first=i == 0
                                                            last=i + 1 == count
                                                        />
                                                        <RemoveButton
                                                            version
                                                            kind="pathway"
                                                            id=id.clone()
                                                            label=label.clone()
                                                            warning="People following it stop following it when this version is published."
                                                                .to_owned()
                                                        />
                                                    </span>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {editable
                .then(|| {
                    view! {
                        <p>
                            <a
                                class="button button--secondary button--small"
                                href=format!("{}/pathways/new", version_path(version))
                            >
                                "Add a pathway"
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}
