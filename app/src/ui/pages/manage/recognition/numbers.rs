//! Awards in numbers: how many stand for each award, academy and role category, this academic
//! year and all time, and every award as a CSV file.

use crate::domain::recognition::report::{Count, Tally};
use crate::ui::components::Table;
use leptos::prelude::*;

/// Where every award downloads as CSV.
pub const AWARDS_CSV: &str = "/manage/recognition/awards.csv";

#[component]
pub(super) fn InNumbers(counts: Tally) -> impl IntoView {
    let Tally {
        by_award,
        by_academy,
        by_category,
    } = counts;
    view! {
        <section aria-labelledby="numbers-heading">
            <h2 id="numbers-heading">"Awards in numbers"</h2>
            <p>
                "Awards that stand (withdrawn ones aside). " <a href=AWARDS_CSV download>
                    "Download every award (CSV)"
                </a>
            </p>
            <div class="numbers-grid">
                <Counts caption="By award" heading="Award" counts=by_award />
                <Counts caption="By academy" heading="Academy" counts=by_academy />
                <Counts caption="By role category" heading="Role category" counts=by_category />
            </div>
        </section>
    }
}

/// One way of counting, as a table.
#[component]
fn Counts(caption: &'static str, heading: &'static str, counts: Vec<Count>) -> impl IntoView {
    let rows = counts
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <td>{c.name}</td>
                    <td class="numeric">{c.this_year.to_string()}</td>
                    <td class="numeric">{c.all_time.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div>
            <h3>{caption}</h3>
            <Table
                caption=format!("Awards {}", caption.to_lowercase())
                columns=vec![heading, "This year", "All time"]
                numeric=&["This year", "All time"]
            >
                {rows}
            </Table>
        </div>
    }
}
