//! The preview of a staff import: which column is which, every problem with its row, and what
//! applying it would do — then the button that does it.

use super::{ApplyStaffImport, IMPORT, MapStaffColumns, get_import_preview};
use crate::domain::ImportId;
use crate::error::AppError;
use crate::model::{ColumnChoice, ImportChange, ImportPreview, ImportRow};
use crate::ui::components::{ErrorSummary, Loaded, Table};
use crate::ui::pages::{id_param, load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let id = id_param::<ImportId>("id");
    let preview = Resource::new_blocking(id, |id| load_id(id, get_import_preview));
    let apply = ServerAction::<ApplyStaffImport>::new();
    let map = ServerAction::<MapStaffColumns>::new();
    let query = use_query_map();
    view! {
        <Title text="Check the import" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=preview
                    view=move |preview| {
                        let error = apply
                            .value()
                            .get_untracked()
                            .and_then(Result::err)
                            .or_else(|| map.value().get_untracked().and_then(Result::err));
                        let done = query.with_untracked(|q| q.get("done"));
                        view! { <Preview preview error done /> }
                    }
                />
            }
        })}
    }
}

#[component]
fn Preview(preview: ImportPreview, error: Option<AppError>, done: Option<String>) -> impl IntoView {
    let notice = match (done.as_deref(), &preview.applied) {
        (Some("applied"), Some(applied)) => Some(applied.clone()),
        (Some("mapped"), _) => {
            Some("Columns saved: the preview below reads the file with them.".to_owned())
        }
        _ => None,
    };
    let problems = preview.problems.len();
    let heading_trouble = preview.problems.iter().any(|p| p.row == 1);
    let nothing_to_do = preview.add_count + preview.change_count + preview.leaver_count == 0;
    view! {
        <Title text=format!("Check the import: {}", preview.file_name) />
        <nav class="breadcrumbs" aria-label="Breadcrumbs">
            <a href="/people">"People"</a>
            " › "
            <a href=IMPORT>"Import staff"</a>
        </nav>
        <h1>"Check the import"</h1>
        <p class="lead">
            {format!(
                "{}, uploaded {}: {} {} of staff.",
                preview.file_name,
                preview.uploaded,
                preview.rows,
                if preview.rows == 1 { "row" } else { "rows" },
            )}
        </p>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        {error.map(|error| view! { <ErrorSummary error /> })}
        <Summary preview=preview.clone() />
        {(problems > 0).then(|| view! { <Problems preview=preview.clone() /> })}
        <Columns
            id=preview.id
            mapping=preview.mapping.clone()
            headings=preview.headings.clone()
            open=heading_trouble
        />
        <Rows
            title="To add"
            id="adds"
            rows=preview.adds.clone()
            count=preview.add_count
            empty="Nobody new."
        />
        <Changes changes=preview.changes.clone() count=preview.change_count />
        <Rows
            title="Leaving"
            id="leavers"
            rows=preview.leavers.clone()
            count=preview.leaver_count
            empty="Nobody leaves."
        />
        <Rows
            title="Not in the file"
            id="missing"
            rows=preview.missing.clone()
            count=preview.missing_count
            empty="Everyone working for the trust is in the file."
        />
        <Apply preview problems nothing_to_do />
    }
}

#[component]
fn Summary(preview: ImportPreview) -> impl IntoView {
    let figures = [
        ("To add", preview.add_count),
        ("To change", preview.change_count),
        ("Leaving", preview.leaver_count),
        ("Unchanged", preview.unchanged),
        ("Not in the file", preview.missing_count),
        ("Problems", preview.problems.len()),
    ];
    view! {
        <section aria-labelledby="summary-heading">
            <h2 id="summary-heading" class="visually-hidden">
                "Summary"
            </h2>
            <dl class="figures__list">
                {figures
                    .into_iter()
                    .map(|(label, n)| {
                        view! {
                            <div class="figure">
                                <dt class="figure__label">{label}</dt>
                                <dd class="figure__value">{n.to_string()}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn Problems(preview: ImportPreview) -> impl IntoView {
    let n = preview.problems.len();
    view! {
        <section aria-labelledby="problems-heading" class="panel panel--warning">
            <h2 id="problems-heading">
                {format!("{n} {} to fix", if n == 1 { "problem" } else { "problems" })}
            </h2>
            <p>
                "Correct these rows in the file and upload it again. Nothing changes until every row is right."
            </p>
            <Table caption="Rows with problems" columns=vec!["Row", "Problem"] numeric=&["Row"]>
                {preview
                    .problems
                    .into_iter()
                    .map(|p| {
                        view! {
                            <tr>
                                <td class="numeric">{p.row.to_string()}</td>
                                <td>{p.message}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </Table>
        </section>
    }
}

/// Which heading each column is read from, to change when the guess is wrong.
#[component]
fn Columns(
    id: ImportId,
    mapping: Vec<ColumnChoice>,
    headings: Vec<String>,
    open: bool,
) -> impl IntoView {
    view! {
        <section aria-labelledby="columns-heading">
            <h2 id="columns-heading">"Columns"</h2>
            <details class="confirm" open=open>
                <summary>"Which column is which"</summary>
                <form method="post" action=MapStaffColumns::PATH class="form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <div class="columns-grid">
                        {mapping
                            .into_iter()
                            .map(|choice| {
                                let code = choice.column.code();
                                let field_id = format!("column-{code}");
                                view! {
                                    <div class="field">
                                        <label class="field__label" for=field_id.clone()>
                                            {choice.column.label()}
                                        </label>
                                        <select
                                            class="select"
                                            id=field_id
                                            name=format!("columns[{code}]")
                                        >
                                            <option value="" selected=choice.heading.is_none()>
                                                "Not in this file"
                                            </option>
                                            {headings
                                                .iter()
                                                .map(|h| {
                                                    view! {
                                                        <option
                                                            value=h.clone()
                                                            selected=choice.heading.as_deref() == Some(h.as_str())
                                                        >
                                                            {h.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                    <button type="submit" class="button button--secondary">
                        "Use these columns"
                    </button>
                </form>
            </details>
        </section>
    }
}

/// "Showing the first 100 of 2,000" when a list is cut short.
fn shown(count: usize, shown: usize) -> Option<String> {
    (count > shown).then(|| format!("Showing the first {shown} of {count}."))
}

#[component]
fn Rows(
    title: &'static str,
    id: &'static str,
    rows: Vec<ImportRow>,
    count: usize,
    empty: &'static str,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let more = shown(count, rows.len());
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{title} ({count})")}</h2>
            {if rows.is_empty() {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! {
                    {more.map(|m| view! { <p>{m}</p> })}
                    <Table caption=title columns=vec!["Row", "Name", "Details"] numeric=&["Row"]>
                        {rows
                            .into_iter()
                            .map(|r| {
                                let row = if r.row == 0 {
                                    "—".to_owned()
                                } else {
                                    r.row.to_string()
                                };
                                view! {
                                    <tr>
                                        <td class="numeric">{row}</td>
                                        <td>{r.name}</td>
                                        <td>{r.detail}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </Table>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Changes(changes: Vec<ImportChange>, count: usize) -> impl IntoView {
    let more = shown(count, changes.len());
    view! {
        <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">{format!("To change ({count})")}</h2>
            {if changes.is_empty() {
                view! { <p>"Nothing to change."</p> }.into_any()
            } else {
                view! {
                    {more.map(|m| view! { <p>{m}</p> })}
                    <Table
                        caption="To change"
                        columns=vec!["Row", "Name", "What changes"]
                        numeric=&["Row"]
                    >
                        {changes
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <td class="numeric">{c.row.to_string()}</td>
                                        <td>{c.name}</td>
                                        <td>
                                            <ul class="change-list">
                                                {c
                                                    .changes
                                                    .into_iter()
                                                    .map(|ch| {
                                                        let from = if ch.from.is_empty() {
                                                            "nothing".to_owned()
                                                        } else {
                                                            ch.from
                                                        };
                                                        view! {
                                                            <li>
                                                                <strong>{ch.field}</strong>
                                                                {format!(": {from} → {}", ch.to)}
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </Table>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Applying the file, once it has no problems.
#[component]
fn Apply(preview: ImportPreview, problems: usize, nothing_to_do: bool) -> impl IntoView {
    let missing = preview.missing_count;
    view! {
        <section aria-labelledby="apply-heading" class="panel">
            <h2 id="apply-heading">"Apply the import"</h2>
            {if problems > 0 {
                view! {
                    <p>"Fix the problems above first: the file is applied whole or not at all."</p>
                }
                    .into_any()
            } else if nothing_to_do && missing == 0 {
                view! { <p>"Nothing to change: Waymark already matches this file."</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=ApplyStaffImport::PATH class="form">
                        <input type="hidden" name="id" value=preview.id.to_string() />
                        {(preview.add_count > 0)
                            .then(|| {
                                view! {
                                    <div class="checkbox">
                                        <input
                                            type="checkbox"
                                            id="invite"
                                            name="invite"
                                            value="on"
                                            checked=true
                                        />
                                        <label for="invite">
                                            "E-mail each person added an invitation to set their password"
                                        </label>
                                    </div>
                                }
                            })}
                        {(missing > 0)
                            .then(|| {
                                view! {
                                    <div class="checkbox">
                                        <input
                                            type="checkbox"
                                            id="missing"
                                            name="missing"
                                            value="on"
                                        />
                                        <label for="missing">
                                            {format!(
                                                "Also mark the {missing} {} not in this file as leavers today (only if the file lists every member of staff)",
                                                if missing == 1 { "person" } else { "people" },
                                            )}
                                        </label>
                                    </div>
                                }
                            })}
                        <button type="submit" class="button">
                            "Apply the import"
                        </button>
                    </form>
                }
                    .into_any()
            }}
            <p class="link-after-form">
                <a href=IMPORT>"Upload another file"</a>
            </p>
        </section>
    }
}
