//! The draft's strands and the elements in each: rename, reorder, add and remove.

use super::controls::{AddItem, EditItem, MoveButtons, RemoveButton};
use crate::domain::VersionId;
use crate::domain::framework::{ElementDoc, FrameworkDocument, StrandDoc};
use crate::error::AppError;
use crate::ui::components::Table;
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
    let place = |s: usize| Place {
        first: s == 0,
        last: s + 1 == strand_count,
    };
    let panels = document
        .strands
        .into_iter()
        .enumerate()
        .map(|(s, strand)| {
            view! {
                <StrandPanel
                    version
                    editable
                    strand
                    place=place(s)
                    alone=strand_count == 1
                    levels
                    error=error.clone()
                />
            }
        })
        .collect_view();
    view! {
        <section id="strands" aria-labelledby="strands-heading">
            <h2 id="strands-heading">"Strands and elements"</h2>
            {panels}
            {editable
                .then(|| {
                    view! {
                        <AddItem
                            version
                            action=SaveStrand::PATH
                            kind="strand"
                            summary="Add a strand"
                            submit="Add strand"
                            error
                        />
                    }
                })}
        </section>
    }
}

/// Where an item is in its list, for its move buttons.
#[derive(Clone, Copy)]
struct Place {
    first: bool,
    last: bool,
}

/// One strand: its tools, its elements, and adding another element to it.
#[component]
fn StrandPanel(
    version: VersionId,
    editable: bool,
    strand: StrandDoc,
    place: Place,
    /// It is the only strand (so it cannot be removed).
    alone: bool,
    levels: usize,
    error: Option<AppError>,
) -> impl IntoView {
    let id = strand.id.clone().unwrap_or_default();
    let label = format!("strand {}", strand.name);
    let removable = strand.elements.is_empty() && !alone;
    let tools = editable.then(|| {
        view! {
            <EditItem
                version
                action=SaveStrand::PATH
                kind="strand"
                id=id.clone()
                name=strand.name.clone()
                description=strand.description.clone()
                summary="Rename or describe"
                label=strand.name.clone()
                submit=format!("Save {}", strand.name)
                error
            />
            <div class="edit-list__tools">
                <MoveButtons
                    version
                    kind="strand"
                    id=id.clone()
                    label=label.clone()
                    first=place.first
                    last=place.last
                />
                {removable
                    .then(|| {
                        view! {
                            <RemoveButton
                                version
                                kind="strand"
                                id=id.clone()
                                label=label.clone()
                                warning="The strand has no elements, so nothing else changes."
                                    .to_owned()
                            />
                        }
                    })}
            </div>
        }
    });
    let add = editable.then(|| {
        let href = format!("{}/elements/new?strand={id}", version_path(version));
        view! {
            <p>
                <a class="button button--secondary button--small" href=href>
                    {format!("Add an element to {}", strand.name)}
                </a>
            </p>
        }
    });
    view! {
        <section
            class="panel strand-editor"
            id=format!("strand-{id}")
            aria-labelledby=format!("strand-{id}-heading")
        >
            <h3 id=format!("strand-{id}-heading")>{strand.name.clone()}</h3>
            {tools}
            <Elements version editable name=strand.name.clone() elements=strand.elements levels />
            {add}
        </section>
    }
}

/// A strand's elements, with how many levels each has a descriptor for.
#[component]
fn Elements(
    version: VersionId,
    editable: bool,
    name: String,
    elements: Vec<ElementDoc>,
    levels: usize,
) -> impl IntoView {
    if elements.is_empty() {
        return view! { <p class="muted">"No elements in this strand yet."</p> }.into_any();
    }
    let count = elements.len();
    let mut columns = vec!["Code", "Element", "Descriptors"];
    if editable {
        columns.push("");
    }
    let rows = elements
        .into_iter()
        .enumerate()
        .map(|(e, element)| {
            let place = Place {
                first: e == 0,
                last: e + 1 == count,
            };
            view! { <ElementRow version editable element place levels /> }
        })
        .collect_view();
    view! {
        <Table caption=format!("Elements of {name}") columns>
            {rows}
        </Table>
    }
    .into_any()
}

/// One element: its code, title (a link to edit it in a draft), descriptors and tools.
#[component]
fn ElementRow(
    version: VersionId,
    editable: bool,
    element: ElementDoc,
    place: Place,
    levels: usize,
) -> impl IntoView {
    let eid = element.id.clone().unwrap_or_default();
    let general = (1..=u32::try_from(levels).unwrap_or(u32::MAX))
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
    let incomplete = general < levels;
    let label = format!("{} {}", element.code, element.title);
    let title = if editable {
        let href = format!("{}/elements/{eid}", version_path(version));
        view! { <a href=href>{element.title.clone()}</a> }.into_any()
    } else {
        view! { <span>{element.title.clone()}</span> }.into_any()
    };
    let tools = editable.then(|| {
        view! {
            <td class="edit-list__tools">
                <MoveButtons
                    version
                    kind="element"
                    id=eid.clone()
                    label=label.clone()
                    first=place.first
                    last=place.last
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
    });
    view! {
        <tr id=format!("element-{eid}")>
            <td>
                <span class="code">{element.code.clone()}</span>
            </td>
            <td>{title} <span class="table__secondary">{element.summary.clone()}</span></td>
            <td class:incomplete=incomplete>
                {format!("{general} of {levels} levels")}
                {(tailored > 0)
                    .then(|| {
                        view! {
                            <span class="table__secondary">{format!("{tailored} tailored")}</span>
                        }
                    })}
            </td>
            {tools}
        </tr>
    }
}
