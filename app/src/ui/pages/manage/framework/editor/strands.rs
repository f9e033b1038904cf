//! The draft's strands and the elements in each: rename, reorder, add and remove.

use super::controls::{MoveButtons, NameForm, RemoveButton};
use crate::domain::VersionId;
use crate::domain::framework::FrameworkDocument;
use crate::error::AppError;
use crate::ui::pages::manage::framework::edits::SaveStrand;
use crate::ui::pages::manage::framework::version_path;
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub(super) fn Strands(
    version: VersionId,
    editable: bool,
    document: FrameworkDocument,
    error: Option<AppError>,
    strand_count: usize,
) -> impl IntoView {
    let levels = document.levels.len();
    view! {
        <section id="strands" aria-labelledby="strands-heading">
            <h2 id="strands-heading">"Strands and elements"</h2>
            {document
                .strands
                .iter()
                .enumerate()
                .map(|(s, strand)| {
                    let id = strand.id.clone().unwrap_or_default();
                    let element_count = strand.elements.len();
                    let strand_label = format!("strand {}", strand.name);
                    view! {
                        <section
                            class="panel strand-editor"
                            id=format!("strand-{id}")
                            aria-labelledby=format!("strand-{id}-heading")
                        >
                            <h3 id=format!("strand-{id}-heading")>{strand.name.clone()}</h3>
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
                                                        .any(|f| f.field.starts_with(&format!("strand-{id}-")))
                                                })
                                        >
                                            <summary>
                                                "Rename or describe"
                                                <span class="visually-hidden">
                                                    {format!(" {}", strand.name)}
                                                </span>
                                            </summary>
                                            <NameForm
                                                version
                                                action=SaveStrand::PATH
                                                kind="strand"
                                                id=id.clone()
                                                name=strand.name.clone()
                                                description=strand.description.clone()
                                                submit=format!("Save {}", strand.name)
                                                error=error.clone()
                                            />
                                        </details>
                                        <div class="edit-list__tools">
                                            <MoveButtons
                                                version
                                                kind="strand"
                                                id=id.clone()
                                                label=strand_label.clone()
                                                first=s == 0
                                                last=s + 1 == strand_count
                                            />
                                            {(element_count == 0 && strand_count > 1)
                                                .then(|| {
                                                    view! {
                                                        <RemoveButton
                                                            version
                                                            kind="strand"
                                                            id=id.clone()
                                                            label=strand_label.clone()
                                                            warning="The strand has no elements, so nothing else changes."
                                                                .to_owned()
                                                        />
                                                    }
                                                })}
                                        </div>
                                    }
                                })}
                            {if strand.elements.is_empty() {
                                view! { <p class="muted">"No elements in this strand yet."</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="table">
                                            <caption class="visually-hidden">
                                                {format!("Elements of {}", strand.name)}
                                            </caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">"Code"</th>
                                                    <th scope="col">"Element"</th>
                                                    <th scope="col">"Descriptors"</th>
                                                    {editable
                                                        .then(|| {
                                                            view! {
                                                                <th scope="col">
                                                                    <span class="visually-hidden">"Actions"</span>
                                                                </th>
                                                            }
                                                        })}
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {strand
                                                    .elements
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(e, element)| {
                                                        let eid = element.id.clone().unwrap_or_default();
                                                        let general = (1..=u32::try_from(levels)
                                                            .unwrap_or(u32::MAX))
                                                            .filter(|l| {
                                                                element
                                                                    .descriptors
                                                                    .iter()
                                                                    .any(|d| d.level == *l && d.role_category.is_none())
                                                            })
                                                            .count();
                                                        let tailored = element
                                                            .descriptors
                                                            .iter()
                                                            .filter(|d| d.role_category.is_some())
                                                            .count();
                                                        let label = format!("{} {}", element.code, element.title);
                                                        view! {
                                                            <tr id=format!("element-{eid}")>
                                                                <td>
                                                                    <span class="code">{element.code.clone()}</span>
                                                                </td>
                                                                <td>
                                                                    {if editable {
                                                                        view! {
                                                                            <a href=format!(
                                                                                "{}/elements/{eid}",
                                                                                version_path(version),
                                                                            )>{element.title.clone()}</a>
                                                                        }
                                                                            .into_any()
                                                                    } else {
                                                                        view! { <span>{element.title.clone()}</span> }.into_any()
                                                                    }}
                                                                    <span class="table__secondary">
                                                                        {element.summary.clone()}
                                                                    </span>
                                                                </td>
                                                                <td class:incomplete=general
                                                                    < levels>
                                                                    {format!("{general} of {levels} levels")}
                                                                    {(tailored > 0)
                                                                        .then(|| {
                                                                            view! {
                                                                                <span class="table__secondary">
                                                                                    {format!("{tailored} tailored")}
                                                                                </span>
                                                                            }
                                                                        })}
                                                                </td>
                                                                {editable
                                                                    .then(|| {
                                                                        view! {
                                                                            <td class="edit-list__tools">
                                                                                <MoveButtons
                                                                                    version
                                                                                    kind="element"
                                                                                    id=eid.clone()
                                                                                    label=label.clone()
                                                                                    first=e == 0
                                                                                    last=e + 1 == element_count
                                                                                />
                                                                                <RemoveButton
                                                                                    version
                                                                                    kind="element"
                                                                                    id=eid.clone()
                                                                                    label=label.clone()
                                                                                    warning="Its descriptors and pathway targets go with it. Consultation feedback about it is kept."
                                                                                        .to_owned()
                                                                                />
                                                                            </td>
                                                                        }
                                                                    })}
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }}
                            {editable
                                .then(|| {
                                    view! {
                                        <p>
                                            <a
                                                class="button button--secondary button--small"
                                                href=format!(
                                                    "{}/elements/new?strand={id}",
                                                    version_path(version),
                                                )
                                            >
                                                {format!("Add an element to {}", strand.name)}
                                            </a>
                                        </p>
                                    }
                                })}
                        </section>
                    }
                })
                .collect_view()}
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
                                        .any(|f| f.field.starts_with("strand-new-"))
                                })
                        >
                            <summary>"Add a strand"</summary>
                            <NameForm
                                version
                                action=SaveStrand::PATH
                                kind="strand"
                                id=String::new()
                                name=String::new()
                                description=String::new()
                                submit="Add strand".to_owned()
                                error=error.clone()
                            />
                        </details>
                    }
                })}
        </section>
    }
}
