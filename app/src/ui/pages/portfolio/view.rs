//! A portfolio as its reader sees it: whose it is, the figures, the filters, the matrix, the
//! evidence behind a cell, the pathways and the timeline.

use super::markup::{EntryList, TermChart, coverage_rows};
use crate::domain::portfolio::{TimelineChoice, academic_year_label};
use crate::model::{CoverageRow, Figures, PathwayProgressView, Portfolio, TermActivity};
use leptos::prelude::*;
use leptos_meta::Title;

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

/// Narrowing the page to a strand and an academic year (a plain GET form).
#[component]
fn Filters(
    links: Links,
    strands: Vec<String>,
    academic_years: Vec<(i32, String, u32)>,
) -> impl IntoView {
    let (strand, year) = (links.strand, links.year);
    view! {
        <form
            method="get"
            action=links.base.clone()
            class="filters no-print"
            role="search"
            aria-label="Narrow the portfolio"
        >
            <div class="field field--inline">
                <label class="field__label" for="strand">
                    "Strand"
                </label>
                <select class="select" id="strand" name="strand">
                    <option value="" selected=strand.is_none()>
                        "All strands"
                    </option>
                    {(1usize..)
                        .zip(strands)
                        .map(|(i, s)| {
                            view! {
                                <option value=i.to_string() selected=strand == Some(i)>
                                    {s}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field field--inline">
                <label class="field__label" for="year">
                    "Academic year"
                </label>
                <select class="select" id="year" name="year">
                    <option value="" selected=year.is_none()>
                        "All years"
                    </option>
                    {academic_years
                        .into_iter()
                        .map(|(y, label, _)| {
                            view! {
                                <option value=y.to_string() selected=year == Some(y)>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">
                "Show"
            </button>
            {(strand.is_some() || year.is_some())
                .then(|| view! { <a href=links.base.clone()>"Clear"</a> })}
        </form>
    }
}

/// The coverage matrix: elements × levels, each cell counting verified activities.
#[component]
fn Coverage(
    rows: Vec<CoverageRow>,
    levels: Vec<String>,
    shared: bool,
    links: Links,
) -> impl IntoView {
    let matrix = if rows.is_empty() {
        view! { <p>"No framework has been published yet."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap">
                <table class="table coverage">
                    <caption class="visually-hidden">
                        "Verified activities by element and level"
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Element"</th>
                            {levels
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <th scope="col" class="coverage__level">
                                            {l}
                                        </th>
                                    }
                                })
                                .collect_view()}
                            <th scope="col">"Current level"</th>
                        </tr>
                    </thead>
                    <tbody inner_html=coverage_rows(&rows, &links.cell_prefix())></tbody>
                </table>
            </div>
            <p class="coverage__key" aria-hidden="true">
                <span class="coverage__swatch coverage__cell--1"></span>
                " 1 "
                <span class="coverage__swatch coverage__cell--2"></span>
                " 2–3 "
                <span class="coverage__swatch coverage__cell--3"></span>
                " 4 or more verified activities"
            </p>
        }
        .into_any()
    };
    view! {
        <section class="portfolio__section" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Coverage of the framework"</h2>
            <p>
                "Each cell counts the verified activities showing that element at that level"
                {(!shared).then_some("; activities waiting for verification are counted apart")}
                ". The current level is the highest level verified."
            </p>
            {matrix}
        </section>
    }
}

/// Progress along each pathway the person follows.
#[component]
fn Pathways(pathways: Vec<PathwayProgressView>, own: bool) -> impl IntoView {
    let body = if pathways.is_empty() {
        view! {
            <p>
                {if own {
                    "You are not following any pathways yet."
                } else {
                    "Not following any pathways."
                }}
            </p>
            {own
                .then(|| {
                    view! {
                        <p class="no-print">
                            <a href="/pathways">"Choose a pathway"</a>
                        </p>
                    }
                })}
        }
        .into_any()
    } else {
        view! {
            <ul class="pathway-progress">
                {pathways.into_iter().map(|p| view! { <PathwayMeter p /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="portfolio__section" aria-labelledby="pathways-heading">
            <h2 id="pathways-heading">"Pathways"</h2>
            {body}
        </section>
    }
}

/// One pathway's progress as a meter, with the figures and what to do next in words.
#[component]
fn PathwayMeter(p: PathwayProgressView) -> impl IntoView {
    let label_id = format!("pathway-{}", p.id);
    let figures = format!("{} of {} elements at target", p.met, p.total);
    view! {
        <li class="pathway-progress__item">
            <h3 class="pathway-progress__name" id=label_id.clone()>
                {p.name}
            </h3>
            <div
                class="meter"
                role="progressbar"
                aria-labelledby=label_id
                aria-valuemin="0"
                aria-valuemax=p.total.to_string()
                aria-valuenow=p.met.to_string()
                aria-valuetext=figures.clone()
            >
                <div class="meter__bar" style=format!("width: {}%", p.percent)></div>
            </div>
            <p class="pathway-progress__figures">{format!("{figures} ({}%)", p.percent)}</p>
            <p>{p.next.unwrap_or_else(|| "Every target reached.".to_owned())}</p>
        </li>
    }
}

/// What the timeline section shows.
#[derive(Clone, Debug)]
struct Timeline {
    terms: Vec<TermActivity>,
    chart: Vec<(String, u32)>,
    academic_years: Vec<(i32, String, u32)>,
    /// The year listed (`None`: every year).
    timeline_year: Option<i32>,
    /// The whole page is narrowed to one academic year.
    narrowed: bool,
}

/// Verified activity over time: the chart, a choice of year to list, and the entries by term.
#[component]
fn TimelineSection(timeline: Timeline, links: Links, shared: bool) -> impl IntoView {
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
