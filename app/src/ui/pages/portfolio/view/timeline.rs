//! Verified activity over time: the term chart, the choice of year and the entries by term.

use super::Links;
use crate::domain::portfolio::{TimelineChoice, academic_year_label};
use crate::model::TermActivity;
use crate::ui::pages::portfolio::markup::{EntryList, TermChart};
use leptos::prelude::*;

/// What the timeline section shows.
#[derive(Clone, Debug)]
pub(super) struct Timeline {
    pub(super) terms: Vec<TermActivity>,
    pub(super) chart: Vec<(String, u32)>,
    pub(super) academic_years: Vec<(i32, String, u32)>,
    /// The year listed (`None`: every year).
    pub(super) timeline_year: Option<i32>,
    /// The whole page is narrowed to one academic year.
    pub(super) narrowed: bool,
}

/// Verified activity over time: the chart, a choice of year to list, and the entries by term.
#[component]
pub(super) fn TimelineSection(timeline: Timeline, links: Links, shared: bool) -> impl IntoView {
    let Timeline {
        terms,
        chart,
        academic_years,
        timeline_year,
        narrowed,
    } = timeline;
    let listing = match timeline_year {
        Some(year) => format!("Listing {}.", academic_year_label(year)),
        None if !terms.is_empty() => "Listing every year.".to_owned(),
        None => String::new(),
    };
    let years_known = !academic_years.is_empty();
    let entries = if terms.is_empty() {
        let none = if years_known {
            "No verified activity in this academic year."
        } else {
            "No verified activity yet."
        };
        view! { <p>{none}</p> }.into_any()
    } else {
        terms
            .into_iter()
            .map(|t| {
                view! {
                    <h3 class="term__heading">
                        {t.label}<span class="table__secondary">{t.year}</span>
                    </h3>
                    <EntryList entries=t.entries shared />
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="portfolio__section" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Verified activity over time"</h2>
            <TermChart chart />
            {(!narrowed && years_known)
                .then(|| view! { <YearNav academic_years timeline_year listing links /> })}
            {entries}
        </section>
    }
}

/// Which year the timeline lists: any one, or every year (to print the lot).
#[component]
fn YearNav(
    academic_years: Vec<(i32, String, u32)>,
    timeline_year: Option<i32>,
    listing: String,
    links: Links,
) -> impl IntoView {
    let every = links.to(Some(TimelineChoice::Every));
    view! {
        <nav class="year-nav no-print" aria-label="Years in the timeline">
            <p class="year-nav__label">
                {listing}" Choose a year to list, or every year (to print the lot):"
            </p>
            <ul class="year-nav__list">
                {academic_years
                    .into_iter()
                    .map(|(y, label, n)| {
                        let current = timeline_year == Some(y);
                        view! {
                            <li>
                                <a
                                    href=format!(
                                        "{}#timeline-heading",
                                        links.to(Some(TimelineChoice::Year(y))),
                                    )
                                    class="year-nav__link"
                                    aria-current=current.then_some("true")
                                >
                                    {label}
                                    <span class="year-nav__count">{format!(" ({n})")}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()} <li>
                    <a
                        href=format!("{every}#timeline-heading")
                        class="year-nav__link"
                        aria-current=timeline_year.is_none().then_some("true")
                    >
                        "Every year"
                    </a>
                </li>
            </ul>
        </nav>
    }
}
