//! To verify: the entries waiting for a line manager (or the delegate standing in).

use super::api::get_queue;
use super::list::EntryTable;
use crate::model::EntrySummary;
use crate::ui::components::Loaded;
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn VerifyQueuePage() -> impl IntoView {
    let queue = Resource::new_blocking(|| (), |_| get_queue());
    let page = |entries: Vec<EntrySummary>| {
        view! {
            <h1>"To verify"</h1>
            <p class="lead">
                "Evidence your team has submitted, oldest first. Judge each against the framework's descriptors for the levels claimed."
            </p>
            {if entries.is_empty() {
                view! {
                    <p class="panel">
                        "Nothing is waiting for you. When someone you line-manage submits evidence, it appears here."
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <EntryTable
                        entries
                        caption="Evidence waiting for verification"
                        show_owner=true
                    />
                }
                    .into_any()
            }}
        }
    };
    view! {
        <Title text="To verify" />
        {with_user(move |_| view! { <Loaded resource=queue view=page /> })}
    }
}
