//! Cover for a line manager who is away: the cover arranged, ending it, and arranging more.

use super::{EndDelegate, SetDelegate};
use crate::error::AppError;
use crate::model::DelegateView;
use crate::ui::components::{ErrorSummary, Field, Table, field_message};
use leptos::prelude::*;
use server_fn::ServerFn;

#[component]
pub(super) fn Cover(delegates: Vec<DelegateView>, error: Option<AppError>) -> impl IntoView {
    let arranged = if delegates.is_empty() {
        view! { <p>"No cover arranged."</p> }.into_any()
    } else {
        let rows = delegates
            .into_iter()
            .map(|d| view! { <CoverRow d /> })
            .collect_view();
        view! {
            <Table
                caption="Cover arranged"
                columns=vec!["Line manager", "Covered by", "Until the end of", "Arranged by", ""]
            >
                {rows}
            </Table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="cover-heading">
            <h2 id="cover-heading">"Cover while a line manager is away"</h2>
            <p>
                "While cover is in place, the person covering sees the manager's team's submissions in “To verify” and can verify, return or decline them. Nobody ever verifies their own evidence."
            </p>
            {arranged}
            <ArrangeCover error />
        </section>
    }
}

/// One manager's cover, with the button that ends (or, once over, removes) it.
#[component]
fn CoverRow(d: DelegateView) -> impl IntoView {
    view! {
        <tr>
            <td>{d.manager.clone()}</td>
            <td>{d.delegate.clone()}</td>
            <td>
                {d.until.clone()}
                {(!d.current)
                    .then(|| {
                        view! {
                            " "
                            <span class="tag tag--retired">"Ended"</span>
                        }
                    })}
            </td>
            <td>{d.set_by.clone()}</td>
            <td>
                <form method="post" action=EndDelegate::PATH class="inline-form">
                    <input type="hidden" name="manager" value=d.manager_id.to_string() />
                    <button type="submit" class="button button--quiet button--small">
                        {if d.current { "End cover" } else { "Remove" }}
                        <span class="visually-hidden">{format!(" for {}", d.manager)}</span>
                    </button>
                </form>
            </td>
        </tr>
    }
}

/// The form that arranges cover: open when the last attempt needs correcting.
#[component]
fn ArrangeCover(error: Option<AppError>) -> impl IntoView {
    let open = error.is_some();
    let message = |field: &str| Signal::stored(field_message(error.as_ref(), field));
    let invalid = |field: &str| {
        field_message(error.as_ref(), field)
            .is_some()
            .then_some("true")
    };
    let (manager_invalid, delegate_invalid, until_invalid) =
        (invalid("manager"), invalid("delegate"), invalid("until"));
    view! {
        <details class="add" open=open>
            <summary>"Arrange cover"</summary>
            {error.clone().map(|error| view! { <ErrorSummary error /> })}
            <form method="post" action=SetDelegate::PATH class="form" novalidate>
                <Field
                    id="manager"
                    label="Line manager who is away (e-mail address)"
                    message=message("manager")
                >
                    <input
                        class="input"
                        type="email"
                        id="manager"
                        name="manager"
                        autocomplete="off"
                        aria-invalid=manager_invalid
                    />
                </Field>
                <Field
                    id="delegate"
                    label="Covered by (e-mail address)"
                    message=message("delegate")
                >
                    <input
                        class="input"
                        type="email"
                        id="delegate"
                        name="delegate"
                        autocomplete="off"
                        aria-invalid=delegate_invalid
                    />
                </Field>
                <Field
                    id="until"
                    label="Until the end of"
                    hint="Up to a year ahead. Cover for a manager replaces any already arranged."
                    message=message("until")
                >
                    <input
                        class="input input--date"
                        type="date"
                        id="until"
                        name="until"
                        aria-describedby="until-hint"
                        aria-invalid=until_invalid
                    />
                </Field>
                <button type="submit" class="button">
                    "Arrange cover"
                </button>
            </form>
        </details>
    }
}
