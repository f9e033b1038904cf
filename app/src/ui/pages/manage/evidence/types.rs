//! The activity types staff choose from, with how often each is used, and retiring or
//! restoring one.

use super::{SETTINGS, SetActivityTypeActive};
use crate::error::AppError;
use crate::model::ActivityTypeView;
use crate::ui::components::{ErrorSummary, Table};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub(super) fn ActivityTypes(
    activity_types: Vec<ActivityTypeView>,
    /// (code, title) of each element, to name the suggested ones.
    elements: Vec<(String, String)>,
    error: Option<AppError>,
) -> impl IntoView {
    let title_of = |code: &str| {
        elements
            .iter()
            .find(|(c, _)| c == code)
            .map(|(c, t)| format!("{c} {t}"))
            .unwrap_or_else(|| code.to_owned())
    };
    let rows = activity_types
        .into_iter()
        .map(|t| {
            let suggested = t
                .suggested
                .iter()
                .map(|c| title_of(c))
                .collect::<Vec<_>>()
                .join(", ");
            view! { <TypeRow t suggested /> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="types-heading">
            <h2 id="types-heading">"Activity types"</h2>
            <p>
                "Staff choose one when they record an activity. The suggested elements are offered as a hint; a type that needs a host academy cannot be recorded as trust-wide only."
            </p>
            {error.map(|error| view! { <ErrorSummary error /> })}
            <p>
                <a class="button" href=format!("{SETTINGS}/types/new")>
                    "Add an activity type"
                </a>
            </p>
            <Table
                caption="Activity types"
                columns=vec![
                    "Activity type",
                    "Needs a host academy",
                    "Suggested elements",
                    "Entries",
                    "",
                ]
            >
                {rows}
            </Table>
        </section>
    }
}

/// One activity type, with the button that retires or restores it.
#[component]
fn TypeRow(t: ActivityTypeView, suggested: String) -> impl IntoView {
    let name = t.name.clone();
    view! {
        <tr class=("row--retired", !t.active)>
            <td>
                <a href=format!("{SETTINGS}/types/{}", t.id)>{t.name.clone()}</a>
                {(!t.active)
                    .then(|| {
                        view! {
                            " "
                            <span class="tag tag--retired">"Retired"</span>
                        }
                    })}
                <p class="table__note">{t.description.clone()}</p>
            </td>
            <td>{if t.needs_host { "Yes" } else { "No" }}</td>
            <td>{if suggested.is_empty() { "None".to_owned() } else { suggested }}</td>
            <td class="number">{t.entries.to_string()}</td>
            <td>
                <form method="post" action=SetActivityTypeActive::PATH class="inline-form">
                    <input type="hidden" name="id" value=t.id.to_string() />
                    <input type="hidden" name="active" value=(!t.active).to_string() />
                    <button type="submit" class="button button--quiet button--small">
                        {if t.active { "Retire" } else { "Restore" }}
                        <span class="visually-hidden">{format!(" {name}")}</span>
                    </button>
                </form>
            </td>
        </tr>
    }
}
