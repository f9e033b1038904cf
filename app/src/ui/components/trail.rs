//! The organisation's audit trail as a table: what changed about an academy or a person.

use super::Table;
use crate::model::OrgChangeView;
use leptos::prelude::*;

/// A value from the trail, or a dash (read as "nothing") where there was none.
fn or_nothing(value: String) -> impl IntoView {
    if value.is_empty() {
        view! {
            <span aria-hidden="true">"—"</span>
            <span class="visually-hidden">"Nothing"</span>
        }
        .into_any()
    } else {
        value.into_any()
    }
}

/// What has changed about an academy or a person, newest first: who changed what, from what
/// to what.
#[component]
pub fn OrgHistory(history: Vec<OrgChangeView>, caption: &'static str) -> impl IntoView {
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"Changes"</h2>
            {if history.is_empty() {
                view! { <p>"No changes recorded yet."</p> }.into_any()
            } else {
                view! {
                    <Table caption=caption columns=vec!["When", "Who", "What", "From", "To"]>
                        {history
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <td>{c.when}</td>
                                        <td>{c.who}</td>
                                        <td>{c.field}</td>
                                        <td>{or_nothing(c.from)}</td>
                                        <td>{c.to}</td>
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
