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
        months,
    } = counts;
    view! {
        <section aria-labelledby="numbers-heading">
            <h2 id="numbers-heading">"Awards in numbers"</h2>
            <p>
                "Awards that stand (withdrawn ones aside). " <a href=AWARDS_CSV download>
                    "Download every award (CSV)"
                </a>
            </p>
            <MonthsChart months />
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

/// Bar width, gap and plot height of the months chart, in SVG units.
const BAR: u32 = 40;
const GAP: u32 = 12;
const PLOT: u32 = 120;
const ABOVE: u32 = 20;
const BELOW: u32 = 24;

/// "December 2025" as "Dec ’25".
fn short_month(label: &str) -> String {
    let mut words = label.split_whitespace();
    let month: String = words.next().unwrap_or_default().chars().take(3).collect();
    let year = words.next().and_then(|y| y.get(2..)).unwrap_or_default();
    format!("{month} ’{year}")
}

/// Awards given in each of the last twelve months, as bars with their numbers, and the same
/// numbers as a table for screen readers.
#[component]
fn MonthsChart(months: Vec<(String, u64)>) -> impl IntoView {
    let total: u64 = months.iter().map(|(_, n)| *n).sum();
    let busiest = months
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!(" The most were given in {label}: {n}."))
        .unwrap_or_default();
    let description = format!(
        "{total} {} given in the last twelve months.{busiest}",
        if total == 1 { "award" } else { "awards" }
    );
    let most = months.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let count = u32::try_from(months.len()).unwrap_or(u32::MAX);
    let width = count.saturating_mul(BAR + GAP).saturating_add(GAP);
    let height = PLOT + ABOVE + BELOW;
    let axis = ABOVE + PLOT;
    let bars = (0u32..)
        .zip(months.iter())
        .map(|(i, (label, n))| {
            let x = GAP + i * (BAR + GAP);
            let h = u32::try_from(u64::from(PLOT) * n / most).unwrap_or(PLOT);
            view! {
                <g>
                    <rect x=x y=axis - h width=BAR height=h class="chart__bar"></rect>
                    <text x=x + BAR / 2 y=axis - h - 4 class="chart__value" text-anchor="middle">
                        {n.to_string()}
                    </text>
                    <text x=x + BAR / 2 y=axis + 16 class="chart__label" text-anchor="middle">
                        {short_month(label)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let rows = months
        .into_iter()
        .map(|(label, n)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{n.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                class="chart__svg"
                role="img"
                aria-labelledby="months-title months-desc"
                viewBox=format!("0 0 {width} {height}")
                width=width.to_string()
                height=height.to_string()
            >
                <title id="months-title">"Awards given per month"</title>
                <desc id="months-desc">{description.clone()}</desc>
                <line x1="0" x2=width y1=axis y2=axis class="chart__axis"></line>
                {bars}
            </svg>
            <figcaption class="chart__caption">{description}</figcaption>
        </figure>
        <table class="visually-hidden">
            <caption>"Awards given per month"</caption>
            <thead>
                <tr>
                    <th scope="col">"Month"</th>
                    <th scope="col">"Awards given"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
