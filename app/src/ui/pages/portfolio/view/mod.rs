//! A portfolio as its reader sees it: whose it is, the figures, the filters, the matrix, the
//! evidence behind a cell, the pathways and the timeline.

mod awards;
mod filters;
mod pathways;
mod timeline;

use super::markup::EntryList;
use crate::domain::portfolio::TimelineChoice;
use crate::model::{Figures, Portfolio};
use awards::Awards;
use filters::{Coverage, Filters};
use leptos::prelude::*;
use leptos_meta::Title;
use pathways::Pathways;
use timeline::{Timeline, TimelineSection};

/// Where the portfolio's links go: its own address with the filters chosen, so that a link
/// keeps them.
#[derive(Clone, Debug)]
struct Links {
    /// `/portfolio`, `/portfolio/12` or `/shared/<token>`.
    base: String,
    strand: Option<usize>,
    year: Option<i32>,
    /// What the timeline lists now (`None` when the whole page is narrowed to a year).
    shown: Option<TimelineChoice>,
}

impl Links {
    /// The query that keeps the filters; `timeline` replaces the timeline's choice when given.
    fn query(&self, timeline: Option<TimelineChoice>) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.strand {
            parts.push(format!("strand={s}"));
        }
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        if let Some(t) = timeline.or(self.shown).and_then(TimelineChoice::param) {
            parts.push(format!("timeline={t}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The address with the filters kept (and the timeline's choice replaced when given).
    fn to(&self, timeline: Option<TimelineChoice>) -> String {
        format!("{}{}", self.base, self.query(timeline))
    }

    /// The address a matrix cell's link adds its element and level to.
    fn cell_prefix(&self) -> String {
        let filters = self.query(None);
        let join = if filters.is_empty() { '?' } else { '&' };
        format!("{}{filters}{join}", self.base)
    }
}

#[component]
pub(super) fn PortfolioView(portfolio: Portfolio, base: String) -> impl IntoView {
    let Portfolio {
        name,
        job_title,
        academy,
        own,
        shared,
        framework,
        this_year,
        this_year_figures,
        all_time,
        levels,
        strands,
        rows,
        pathways,
        terms,
        chart,
        academic_years,
        timeline_year,
        strand_filter,
        year_filter,
        cell,
        awards,
        ..
    } = portfolio;
    let heading = if own {
        "Your portfolio".to_owned()
    } else {
        format!("{name}'s portfolio")
    };
    let shown = match (year_filter, timeline_year) {
        (Some(_), _) => None,
        (None, Some(year)) => Some(TimelineChoice::Year(year)),
        (None, None) => Some(TimelineChoice::Every),
    };
    let links = Links {
        base,
        strand: strand_filter,
        year: year_filter,
        shown,
    };
    let meta = [Some(job_title), academy]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let lead = if own { format!("{name}, {meta}") } else { meta };
    let timeline = Timeline {
        terms,
        chart,
        academic_years: academic_years.clone(),
        timeline_year,
        narrowed: year_filter.is_some(),
    };
    view! {
        <Title text=heading.clone() />
        <div class="portfolio">
            <header class="portfolio__header">
                <h1>{heading}</h1>
                <p class="lead">{lead}</p>
                {shared
                    .then(|| {
                        view! {
                            <p class="notice">
                                "A read-only copy shared by "{name.clone()}
                                ", showing evidence their line manager has verified against "
                                {framework.clone()}"."
                            </p>
                        }
                    })}
                {own.then(|| view! { <OwnActions /> })}
            </header>
            <section class="portfolio__section" aria-labelledby="figures-heading">
                <h2 id="figures-heading">"At a glance"</h2>
                <div class="figures-pair">
                    <FigureList
                        label=format!("This academic year ({this_year})")
                        figures=this_year_figures
                    />
                    <FigureList label="All time".to_owned() figures=all_time />
                </div>
            </section>
            <Filters links=links.clone() strands academic_years />
            <Coverage rows levels shared links=links.clone() />
            {cell
                .map(|(heading, entries)| {
                    view! {
                        <section class="portfolio__section panel" aria-labelledby="cell-heading">
                            <h2 id="cell-heading">{format!("Evidence of {heading}")}</h2>
                            <EntryList entries shared />
                            <p class="no-print">
                                <a href=links.to(None)>"Close"</a>
                            </p>
                        </section>
                    }
                })}
            <Awards awards own shared />
            <Pathways pathways own />
            <TimelineSection timeline links shared />
        </div>
    }
}

/// What the owner can do with their own portfolio.
#[component]
fn OwnActions() -> impl IntoView {
    view! {
        <ul class="portfolio__actions no-print">
            <li>
                <a class="button button--secondary" href="/portfolio/share">
                    "Share it"
                </a>
            </li>
            <li>
                <a
                    class="button button--quiet"
                    href="/portfolio/my-data.json"
                    download="waymark-my-data.json"
                    rel="external"
                >
                    "Download all my data"
                </a>
            </li>
            <li class="portfolio__print">
                "To keep a copy, print this page and choose “Save as PDF”."
            </li>
        </ul>
    }
}

/// A period's headline figures.
#[component]
fn FigureList(label: String, figures: Figures) -> impl IntoView {
    view! {
        <div class="figures">
            <h3 class="figures__title">{label}</h3>
            <dl class="figures__list">
                <div>
                    <dt>"Verified activities"</dt>
                    <dd>{figures.activities.to_string()}</dd>
                </div>
                <div>
                    <dt>"Hours"</dt>
                    <dd>{figures.hours}</dd>
                </div>
                <div>
                    <dt>"Other academies reached"</dt>
                    <dd>{figures.academies.to_string()}</dd>
                </div>
                <div>
                    <dt>"People reached"</dt>
                    <dd>{figures.people.to_string()}</dd>
                </div>
            </dl>
        </div>
    }
}
