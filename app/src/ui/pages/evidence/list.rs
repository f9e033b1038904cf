//! My evidence: one's own entries, filtered; and the table every list of entries uses.

use super::EvidenceTag;
use super::api::get_my_evidence;
use crate::domain::evidence::EvidenceStatus;
use crate::model::{EntrySummary, EvidenceList};
use crate::ui::components::{Loaded, Table};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyEvidencePage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("status").unwrap_or_default(),
                q.get("year").unwrap_or_default(),
                q.get("q").unwrap_or_default(),
            )
        })
    });
    let list = Resource::new_blocking(
        move || filters.get(),
        |(status, year, q)| get_my_evidence(status, year, q),
    );
    let page = move |list: EvidenceList| {
        let (status, year, q) = filters.get_untracked();
        let deleted = query.with_untracked(|q| q.get("done")).as_deref() == Some("deleted");
        view! { <MyEvidence list status year q deleted /> }
    };
    view! {
        <Title text="My evidence" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=list
                    view=page
                    loading="Loading your evidence…"
                    transition=true
                />
            }
        })}
    }
}

#[component]
fn MyEvidence(
    list: EvidenceList,
    status: String,
    year: String,
    q: String,
    deleted: bool,
) -> impl IntoView {
    let EvidenceList {
        entries,
        academic_years,
        total,
    } = list;
    let shown = entries.len();
    view! {
        <h1>"My evidence"</h1>
        <p class="lead">
            "The leadership you have done beyond your own academy, and where each piece of evidence has got to."
        </p>
        {deleted
            .then(|| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>"The draft has been deleted."</p>
                    </div>
                }
            })}
        <p>
            <a class="button" href="/evidence/new">
                "Record an activity"
            </a>
        </p>
        {if total == 0 {
            view! {
                <div class="panel">
                    <h2>"Nothing recorded yet"</h2>
                    <p>
                        "Led a staff meeting at another academy, coached a colleague elsewhere, or delivered training for the trust? Record it, claim the parts of the framework it shows, and your line manager will verify it."
                    </p>
                </div>
            }
                .into_any()
        } else {
            view! {
                <Form method="GET" action="/evidence" attr:class="search-form" attr:role="search">
                    <div class="field">
                        <label class="field__label" for="q">
                            "Search"
                        </label>
                        <input class="input" id="q" name="q" type="search" value=q.clone() />
                    </div>
                    <div class="field">
                        <label class="field__label" for="status">
                            "Status"
                        </label>
                        <select class="select" id="status" name="status">
                            <option value="" selected=status.is_empty()>
                                "Any status"
                            </option>
                            {EvidenceStatus::ALL
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option value=s.code() selected=status == s.code()>
                                            {s.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="year">
                            "Academic year"
                        </label>
                        <select class="select" id="year" name="year">
                            <option value="" selected=year.is_empty()>
                                "Any year"
                            </option>
                            {academic_years
                                .into_iter()
                                .map(|y| {
                                    let selected = y == year;
                                    view! {
                                        <option value=y.clone() selected=selected>
                                            {y.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button--secondary">
                        "Filter"
                    </button>
                </Form>
                <h2 class="results-heading" aria-live="polite">
                    {if shown == total {
                        format!("{total} {}", if total == 1 { "entry" } else { "entries" })
                    } else {
                        format!("{shown} of {total} entries")
                    }}
                </h2>
                {if entries.is_empty() {
                    view! { <p>"No entries match. Try another status or year."</p> }.into_any()
                } else {
                    view! { <EntryTable entries caption="My evidence" show_owner=false /> }
                        .into_any()
                }}
            }
                .into_any()
        }}
    }
}

/// Entries as a table: for a verifier (`show_owner`) whose each is and how long it has waited;
/// otherwise its status.
#[component]
pub(super) fn EntryTable(
    entries: Vec<EntrySummary>,
    caption: &'static str,
    show_owner: bool,
) -> impl IntoView {
    let columns = if show_owner {
        vec!["Who", "Activity", "Date", "Waiting"]
    } else {
        vec!["Activity", "Date", "Status"]
    };
    let waiting = |days: i64| match days {
        0 => "Today".to_owned(),
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    };
    view! {
        <Table caption columns>
            {entries
                .into_iter()
                .map(|e| {
                    view! {
                        <tr>
                            {show_owner.then(|| view! { <td>{e.owner.clone()}</td> })} <td>
                                <A href=format!(
                                    "/evidence/{}",
                                    e.id,
                                )>
                                    {if e.title.is_empty() {
                                        "Untitled".to_owned()
                                    } else {
                                        e.title.clone()
                                    }}
                                </A>
                                <span class="table__secondary">{e.activity.clone()}</span>
                            </td> <td>{e.date.clone()}</td>
                            <td>
                                {if show_owner {
                                    view! { <span>{waiting(e.waiting_days.unwrap_or(0))}</span> }
                                        .into_any()
                                } else {
                                    view! { <EvidenceTag status=e.status /> }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}
