//! The progression portfolio: headline figures, the coverage matrix, pathway progress and the
//! timeline; share links; and the read-only view a share link opens.

use super::with_user;
use crate::domain::portfolio::TimelineChoice;
use crate::error::AppError;
use crate::model::{CoverageRow, Portfolio, PortfolioFilters, ShareView, TimelineEntry};
use crate::ui::components::{ErrorPage, ErrorSummary, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use maud::html;

/// The filters in the address: `strand`, `year`, `element`, `level`, and `timeline` (a year,
/// or `all`).
fn filters_from_query() -> Memo<PortfolioFilters> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| PortfolioFilters {
            strand: q.get("strand").and_then(|s| s.parse().ok()),
            year: q.get("year").and_then(|s| s.parse().ok()),
            element: q.get("element").filter(|e| !e.is_empty()),
            level: q.get("level").and_then(|s| s.parse().ok()),
            timeline: TimelineChoice::parse(q.get("timeline").as_deref()),
        })
    })
}

/// `strand`, `year`, `element`, `level` and `timeline` are the filters (flat, so a form can
/// send them).
#[server(prefix = "/api", endpoint = "portfolio")]
pub async fn get_portfolio(
    person: Option<i64>,
    strand: Option<usize>,
    year: Option<i32>,
    element: Option<String>,
    level: Option<u32>,
    timeline: Option<String>,
) -> Result<Portfolio, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let filters = PortfolioFilters {
        strand,
        year,
        element,
        level,
        timeline: TimelineChoice::parse(timeline.as_deref()),
    };
    crate::db::portfolio::portfolio(&db, &user, person, &filters, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "shared_portfolio")]
pub async fn get_shared(
    token: String,
    strand: Option<usize>,
    year: Option<i32>,
    element: Option<String>,
    level: Option<u32>,
    timeline: Option<String>,
) -> Result<Portfolio, AppError> {
    let db = crate::request::db()?;
    let filters = PortfolioFilters {
        strand,
        year,
        element,
        level,
        timeline: TimelineChoice::parse(timeline.as_deref()),
    };
    crate::request::with_error_status(
        crate::db::portfolio::sharing::open(&db, &token, &filters, chrono::Utc::now()).await,
    )
}

#[server(prefix = "/api", endpoint = "share_links")]
pub async fn get_shares() -> Result<Vec<ShareView>, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::portfolio::sharing::list(&db, &user, chrono::Utc::now()).await
}

/// Makes a share link and shows it, once.
#[server(prefix = "/api", endpoint = "create_share_link")]
pub async fn create_share(label: String, days: String) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    let token =
        crate::db::portfolio::sharing::create(&db, &user, &label, &days, chrono::Utc::now())
            .await?;
    leptos_axum::redirect(&format!("/portfolio/share?new={token}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "revoke_share_link")]
pub async fn revoke_share(id: i64) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::portfolio::sharing::revoke(&db, &user, id, chrono::Utc::now()).await?;
    leptos_axum::redirect("/portfolio/share?done=withdrawn");
    Ok(())
}

/// One's own portfolio (`/portfolio`) or someone else's (`/portfolio/:id`).
#[component]
pub fn PortfolioPage() -> impl IntoView {
    let params = use_params_map();
    let person = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let filters = filters_from_query();
    let portfolio = Resource::new_blocking(
        move || (person(), filters.get()),
        |(person, f)| {
            get_portfolio(
                person,
                f.strand,
                f.year,
                f.element,
                f.level,
                f.timeline.param(),
            )
        },
    );
    view! {
        <Title text="Portfolio" />
        {with_user(move |_| view! {
            <Transition fallback=|| view! { <p class="loading">"Loading the portfolio…"</p> }>
                {move || Suspend::new(async move {
                    match portfolio.await {
                        Ok(portfolio) => {
                            let base = match person() {
                                Some(id) => format!("/portfolio/{id}"),
                                None => "/portfolio".to_owned(),
                            };
                            view! { <PortfolioView portfolio base /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Transition>
        })}
    }
}

/// What a share link opens: no sign-in, verified evidence only.
#[component]
pub fn SharedPortfolioPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let filters = filters_from_query();
    let portfolio = Resource::new_blocking(
        move || (token(), filters.get()),
        |(token, f)| {
            get_shared(
                token,
                f.strand,
                f.year,
                f.element,
                f.level,
                f.timeline.param(),
            )
        },
    );
    view! {
        <Title text="Shared portfolio" />
        <Transition fallback=|| view! { <p class="loading">"Loading the portfolio…"</p> }>
            {move || Suspend::new(async move {
                match portfolio.await {
                    Ok(portfolio) => {
                        let base = format!("/shared/{}", token());
                        view! { <PortfolioView portfolio base /> }.into_any()
                    }
                    Err(AppError::NotFound) => view! {
                        <ErrorPage error=AppError::Gone("This link does not lead anywhere. Check it was copied whole, or ask for a new one.".to_owned()) />
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PortfolioView(portfolio: Portfolio, base: String) -> impl IntoView {
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
    // What the timeline lists now (unless the whole page is narrowed to a year).
    let every_year = timeline_year.is_none();
    let shown = match (year_filter, timeline_year) {
        (Some(_), _) => None,
        (None, Some(year)) => Some(TimelineChoice::Year(year)),
        (None, None) => Some(TimelineChoice::Every),
    };
    // Links keep the other filters; `timeline` replaces the timeline's choice when given.
    let query = move |timeline: Option<TimelineChoice>| {
        let mut parts = Vec::new();
        if let Some(s) = strand_filter {
            parts.push(format!("strand={s}"));
        }
        if let Some(y) = year_filter {
            parts.push(format!("year={y}"));
        }
        if let Some(t) = timeline.or(shown).and_then(TimelineChoice::param) {
            parts.push(format!("timeline={t}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    };
    let listing = match timeline_year {
        Some(year) => format!(
            "Listing {}.",
            crate::domain::portfolio::academic_year_label(year)
        ),
        None if !terms.is_empty() => "Listing every year.".to_owned(),
        None => String::new(),
    };
    let meta = [Some(job_title), academy]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let figures = |label: String, f: crate::model::Figures| {
        view! {
            <div class="figures">
                <h3 class="figures__title">{label}</h3>
                <dl class="figures__list">
                    <div><dt>"Verified activities"</dt><dd>{f.activities.to_string()}</dd></div>
                    <div><dt>"Hours"</dt><dd>{f.hours}</dd></div>
                    <div><dt>"Other academies reached"</dt><dd>{f.academies.to_string()}</dd></div>
                    <div><dt>"People reached"</dt><dd>{f.people.to_string()}</dd></div>
                </dl>
            </div>
        }
    };
    view! {
        <Title text=heading.clone() />
        <div class="portfolio">
        <header class="portfolio__header">
            <h1>{heading}</h1>
            <p class="lead">{if own { format!("{name}, {meta}") } else { meta }}</p>
            {shared.then(|| view! {
                <p class="notice">"A read-only copy shared by "{name.clone()}", showing evidence their line manager has verified against "{framework.clone()}"."</p>
            })}
            {own.then(|| view! {
                <ul class="portfolio__actions no-print">
                    <li><a class="button button--secondary" href="/portfolio/share">"Share it"</a></li>
                    <li><a class="button button--quiet" href="/portfolio/my-data.json" download="waymark-my-data.json" rel="external">"Download all my data"</a></li>
                    <li class="portfolio__print">"To keep a copy, print this page and choose “Save as PDF”."</li>
                </ul>
            })}
        </header>

        <section class="portfolio__section" aria-labelledby="figures-heading">
            <h2 id="figures-heading">"At a glance"</h2>
            <div class="figures-pair">
                {figures(format!("This academic year ({this_year})"), this_year_figures)}
                {figures("All time".to_owned(), all_time)}
            </div>
        </section>

        <form method="get" action=base.clone() class="filters no-print" role="search" aria-label="Narrow the portfolio">
            <div class="field field--inline">
                <label class="field__label" for="strand">"Strand"</label>
                <select class="select" id="strand" name="strand">
                    <option value="" selected=strand_filter.is_none()>"All strands"</option>
                    {strands.iter().enumerate().map(|(i, s)| view! {
                        <option value=(i + 1).to_string() selected=strand_filter == Some(i + 1)>{s.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field field--inline">
                <label class="field__label" for="year">"Academic year"</label>
                <select class="select" id="year" name="year">
                    <option value="" selected=year_filter.is_none()>"All years"</option>
                    {academic_years.iter().map(|(y, label, _)| view! {
                        <option value=y.to_string() selected=year_filter == Some(*y)>{label.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">"Show"</button>
            {(strand_filter.is_some() || year_filter.is_some()).then(|| view! { <a href=base.clone()>"Clear"</a> })}
        </form>

        <section class="portfolio__section" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Coverage of the framework"</h2>
            <p>"Each cell counts the verified activities showing that element at that level"{(!shared).then_some("; activities waiting for verification are counted apart")}". The current level is the highest level verified."</p>
            {if rows.is_empty() {
                view! { <p>"No framework has been published yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table coverage">
                            <caption class="visually-hidden">"Verified activities by element and level"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Element"</th>
                                    {levels.iter().map(|l| view! { <th scope="col" class="coverage__level">{l.clone()}</th> }).collect_view()}
                                    <th scope="col">"Current level"</th>
                                </tr>
                            </thead>
                            <tbody inner_html={
                                // Each cell's link adds its element and level to the filters.
                                let filters = query(None);
                                let join = if filters.is_empty() { '?' } else { '&' };
                                coverage_rows(&rows, &format!("{base}{filters}{join}"))
                            }></tbody>
                        </table>
                    </div>
                    <p class="coverage__key" aria-hidden="true">
                        <span class="coverage__swatch coverage__cell--1"></span>" 1 "
                        <span class="coverage__swatch coverage__cell--2"></span>" 2–3 "
                        <span class="coverage__swatch coverage__cell--3"></span>" 4 or more verified activities"
                    </p>
                }.into_any()
            }}
        </section>

        {cell.map(|(heading, entries)| view! {
            <section class="portfolio__section panel" aria-labelledby="cell-heading">
                <h2 id="cell-heading">{format!("Evidence of {heading}")}</h2>
                <EntryList entries shared />
                <p class="no-print"><a href=format!("{base}{}", query(None))>"Close"</a></p>
            </section>
        })}

        <section class="portfolio__section" aria-labelledby="pathways-heading">
            <h2 id="pathways-heading">"Pathways"</h2>
            {if pathways.is_empty() {
                view! {
                    <p>{if own { "You are not following any pathways yet." } else { "Not following any pathways." }}</p>
                    {own.then(|| view! { <p class="no-print"><a href="/pathways">"Choose a pathway"</a></p> })}
                }.into_any()
            } else {
                view! {
                    <ul class="pathway-progress">
                        {pathways.into_iter().map(|p| {
                            let label_id = format!("pathway-{}", p.id);
                            view! {
                                <li class="pathway-progress__item">
                                    <h3 class="pathway-progress__name" id=label_id.clone()>{p.name.clone()}</h3>
                                    <div class="meter" role="progressbar" aria-labelledby=label_id aria-valuemin="0" aria-valuemax=p.total.to_string() aria-valuenow=p.met.to_string()
                                        aria-valuetext=format!("{} of {} elements at target", p.met, p.total)>
                                        <div class="meter__bar" style=format!("width: {}%", p.percent)></div>
                                    </div>
                                    <p class="pathway-progress__figures">{format!("{} of {} elements at target ({}%)", p.met, p.total, p.percent)}</p>
                                    <p>{p.next.clone().unwrap_or_else(|| "Every target reached.".to_owned())}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="portfolio__section" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Verified activity over time"</h2>
            <TermChart chart=chart.clone() />
            {(year_filter.is_none() && !academic_years.is_empty()).then(|| view! {
                <nav class="year-nav no-print" aria-label="Years in the timeline">
                    <p class="year-nav__label">{listing.clone()}" Choose a year to list, or every year (to print the lot):"</p>
                    <ul class="year-nav__list">
                        {academic_years.iter().map(|(y, label, n)| {
                            let current = timeline_year == Some(*y);
                            view! {
                                <li>
                                    <a href=format!("{base}{}#timeline-heading", query(Some(TimelineChoice::Year(*y))))
                                        class="year-nav__link" aria-current=current.then_some("true")>
                                        {label.clone()}<span class="year-nav__count">{format!(" ({n})")}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                        <li>
                            <a href=format!("{base}{}#timeline-heading", query(Some(TimelineChoice::Every)))
                                class="year-nav__link" aria-current=every_year.then_some("true")>"Every year"</a>
                        </li>
                    </ul>
                </nav>
            })}
            {if terms.is_empty() {
                let none = if academic_years.is_empty() { "No verified activity yet." } else { "No verified activity in this academic year." };
                view! { <p>{none}</p> }.into_any()
            } else {
                view! {
                    {terms.into_iter().map(|t| view! {
                        <h3 class="term__heading">{t.label.clone()}<span class="table__secondary">{t.year.clone()}</span></h3>
                        <EntryList entries=t.entries shared />
                    }).collect_view()}
                }.into_any()
            }}
        </section>
        </div>
    }
}

/// Entries as a list: links into the app, unless opened through a share link.
#[component]
fn EntryList(entries: Vec<TimelineEntry>, shared: bool) -> impl IntoView {
    view! { <ul class="entry-list" inner_html=entry_items(&entries, shared)></ul> }
}

/// Verified entries per term as bars, with the same numbers as a table for screen readers.
#[component]
fn TermChart(chart: Vec<(String, u32)>) -> impl IntoView {
    let total: u32 = chart.iter().map(|(_, n)| *n).sum();
    let busiest = chart
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!(" The busiest term was {label}, with {n}."))
        .unwrap_or_default();
    let description = format!(
        "{total} verified {} across {} terms.{busiest}",
        if total == 1 { "activity" } else { "activities" },
        chart.len()
    );
    let (width, height) = chart_size(chart.len());
    view! {
        <figure class="chart">
            <svg class="chart__svg" role="img" aria-labelledby="chart-title chart-desc"
                viewBox=format!("0 0 {width} {height}") width=width.to_string() height=height.to_string()
                inner_html=chart_drawing(&chart, &description)></svg>
            <figcaption class="chart__caption">{description}</figcaption>
        </figure>
        <table class="visually-hidden">
            <caption>"Verified activities per term"</caption>
            <thead><tr><th scope="col">"Term"</th><th scope="col">"Verified activities"</th></tr></thead>
            <tbody inner_html=chart_rows(&chart)></tbody>
        </table>
    }
}

// The long parts of the portfolio with nothing reactive inside (the matrix's rows, the lists
// of entries, the chart: some 450 elements for a busy teacher) are written as markup by maud
// and go in through `inner_html`, which hydration leaves as the server sent it and client-side
// navigation replaces whole. Built as Leptos views, element by element, they cost about an
// eighth of the portfolio's serving time; this is what brought the portfolio within three
// times the cost of a static file (see the README's benchmark). maud escapes every value it
// splices in, as Leptos does, and the tests below check that it does.

/// The shade of a matrix cell with `verified` activities behind it (the key's four steps).
fn shade(verified: u32) -> &'static str {
    match verified {
        0 => "coverage__cell coverage__cell--0",
        1 => "coverage__cell coverage__cell--1",
        2 | 3 => "coverage__cell coverage__cell--2",
        _ => "coverage__cell coverage__cell--3",
    }
}

/// The matrix's rows: a cell links to the evidence behind it when there is any (`link`, the
/// address up to its query's last `?` or `&`, followed by the element and level), and counts
/// what waits for verification apart.
fn coverage_rows(rows: &[CoverageRow], link: &str) -> String {
    html! {
        @for row in rows {
            @let code = crate::url::encode_query_value(&row.code);
            tr {
                th scope="row" {
                    span class="code" { (row.code) } " " (row.title)
                    span class="table__secondary" { (row.strand) }
                }
                @for (level, cell) in (1..).zip(&row.cells) {
                    td class=(shade(cell.verified)) {
                        @if cell.verified > 0 {
                            a href={ (link) "element=" (code) "&level=" (level) "#cell-heading" } {
                                (cell.verified) span class="visually-hidden" { " verified" }
                            }
                        } @else {
                            span class="coverage__none" aria-hidden="true" { "–" }
                            span class="visually-hidden" { "none" }
                        }
                        @if cell.pending > 0 {
                            span class="coverage__pending" { "+" (cell.pending) " waiting" }
                        }
                    }
                }
                td { (row.current.as_deref().unwrap_or("Not yet")) }
            }
        }
    }
    .into_string()
}

/// A list's entries: each links to the entry, or only names it through a share link.
fn entry_items(entries: &[TimelineEntry], shared: bool) -> String {
    html! {
        @for entry in entries {
            li class="entry-list__item" {
                @if shared {
                    strong { (entry.title) }
                } @else {
                    a href={ "/evidence/" (entry.id) } { (entry.title) }
                }
                span class="entry-list__meta" { (entry.date) " · " (entry.activity) }
                @if let Some((first, rest)) = entry.shows.split_first() {
                    span class="entry-list__shows" {
                        "Shows " (first)
                        @for shown in rest { ", " (shown) }
                    }
                }
            }
        }
    }
    .into_string()
}

/// A bar's width in the chart.
const BAR: u32 = 36;
/// The gap beside each bar.
const GAP: u32 = 14;
/// The height of the tallest bar.
const PLOT: u32 = 160;
/// Room above the bars for the tallest one's count.
const ABOVE: u32 = 18;
/// Room below the axis for the terms' names.
const BELOW: u32 = 40;

/// The width and height of a chart of `terms` bars.
fn chart_size(terms: usize) -> (u32, u32) {
    let terms = u32::try_from(terms).unwrap_or(u32::MAX);
    (
        terms.saturating_mul(BAR + GAP).saturating_add(GAP),
        PLOT + ABOVE + BELOW,
    )
}

/// The inside of the chart's `<svg>`: its title and description, the axis, and a bar per term
/// labelled with its count and a short name ("Autumn 2025" is "Aut ’25").
fn chart_drawing(chart: &[(String, u32)], description: &str) -> String {
    let most = chart.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let (width, _) = chart_size(chart.len());
    let axis = ABOVE + PLOT;
    html! {
        title id="chart-title" { "Verified activities per term" }
        desc id="chart-desc" { (description) }
        line x1="0" x2=(width) y1=(axis) y2=(axis) class="chart__axis" {}
        @for (i, (label, n)) in (0u32..).zip(chart) {
            @let x = GAP + i * (BAR + GAP);
            @let h = n * PLOT / most;
            g {
                rect x=(x) y=(axis - h) width=(BAR) height=(h) class="chart__bar" {}
                text x=(x + BAR / 2) y=(axis - h - 4) class="chart__value" text-anchor="middle" { (n) }
                text x=(x + BAR / 2) y=(axis + 16) class="chart__label" text-anchor="middle" { (short_term(label)) }
            }
        }
    }
    .into_string()
}

/// "Autumn 2025" as "Aut ’25": words to three letters, years to two digits.
fn short_term(label: &str) -> String {
    label
        .split_whitespace()
        .map(|w| {
            if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
                format!("’{}", &w[2..])
            } else {
                w.chars().take(3).collect()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chart's numbers as table rows, for screen readers.
fn chart_rows(chart: &[(String, u32)]) -> String {
    html! {
        @for (label, n) in chart {
            tr { th scope="row" { (label) } td { (n) } }
        }
    }
    .into_string()
}

/// The owner's share links: make one, see who opened them, withdraw them.
#[component]
pub fn SharePage() -> impl IntoView {
    let shares = Resource::new_blocking(|| (), |()| get_shares());
    let create = ServerAction::<CreateShare>::new();
    let revoke = ServerAction::<RevokeShare>::new();
    let query = use_query_map();
    view! {
        <Title text="Share your portfolio" />
        {with_user(move |_| view! {
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match shares.await {
                        Ok(shares) => {
                            let error = create
                                .value()
                                .get_untracked()
                                .and_then(Result::err)
                                .or_else(|| revoke.value().get_untracked().and_then(Result::err));
                            let (new, done) = query.with_untracked(|q| (q.get("new"), q.get("done")));
                            view! { <Shares shares error new done /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        })}
    }
}

#[component]
fn Shares(
    shares: Vec<ShareView>,
    error: Option<AppError>,
    new: Option<String>,
    done: Option<String>,
) -> impl IntoView {
    let label_error = field_message(error.as_ref(), "label");
    let days_error = field_message(error.as_ref(), "days");
    let origin = {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|p| {
                    p.headers
                        .get(http::header::HOST)
                        .and_then(|h| h.to_str().ok())
                        .map(str::to_owned)
                })
                .filter(|h| {
                    h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                })
                .map(|h| {
                    let secure = crate::request::secure_cookies().unwrap_or(false);
                    format!("{}://{h}", if secure { "https" } else { "http" })
                })
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        }
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/portfolio">"Your portfolio"</a></nav>
        <h1>"Share your portfolio"</h1>
        <p class="lead">"A share link shows your verified evidence, read-only, to anyone who has it: an interview panel, say. They do not need to sign in. Nothing waiting for verification, and none of your drafts, is shown."</p>
        {(done.as_deref() == Some("withdrawn")).then(|| view! { <div class="notice notice--success" role="status"><p>"Link withdrawn. Anyone opening it is told it no longer works."</p></div> })}
        {new.map(|token| {
            let link = format!("{origin}/shared/{token}");
            view! {
                <div class="notice notice--success" role="status">
                    <p><strong>"Your new link"</strong></p>
                    <p><a class="share-link" href=format!("/shared/{token}") rel="noreferrer">{link.clone()}</a></p>
                    <p>"Copy it now: for your safety it is not shown again. You can withdraw it at any time below."</p>
                </div>
            }
        })}
        {error.clone().map(|error| view! { <ErrorSummary error /> })}
        <form method="post" action="/api/create_share_link" class="form panel" novalidate>
            <h2>"Make a link"</h2>
            <div class="field" class:field--error=label_error.is_some()>
                <label class="field__label" for="label">"Who is it for? (optional)"</label>
                <p class="field__hint" id="label-hint">"So you can tell your links apart, for example “Interview panel at Kingsmead”."</p>
                {label_error.clone().map(|m| view! { <p class="field__error" id="label-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                <input class="input" type="text" id="label" name="label" maxlength="120" aria-describedby="label-hint"
                    aria-invalid=label_error.is_some().then_some("true") />
            </div>
            <div class="field" class:field--error=days_error.is_some()>
                <label class="field__label" for="days">"Works for (days)"</label>
                <p class="field__hint" id="days-hint">"From 1 to 365 days."</p>
                {days_error.clone().map(|m| view! { <p class="field__error" id="days-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                <input class="input input--short" type="number" id="days" name="days" value="30" min="1" max="365" inputmode="numeric" aria-describedby="days-hint"
                    aria-invalid=days_error.is_some().then_some("true") />
            </div>
            <button type="submit" class="button">"Make the link"</button>
        </form>

        <section aria-labelledby="links-heading">
            <h2 id="links-heading">"Your links"</h2>
            {if shares.is_empty() {
                view! { <p>"You have not shared your portfolio yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">"Your share links"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"For"</th>
                                    <th scope="col">"Made"</th>
                                    <th scope="col">"Works until"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Opened"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {shares.into_iter().map(|s| view! {
                                    <tr>
                                        <td>{s.label.clone()}</td>
                                        <td>{s.created.clone()}</td>
                                        <td>{s.expires.clone()}</td>
                                        <td>{s.status.clone()}</td>
                                        <td>{match (s.openings, s.last_opened.clone()) {
                                            (0, _) => "Not yet".to_owned(),
                                            (n, Some(last)) => format!("{n} {}, last on {last}", if n == 1 { "time" } else { "times" }),
                                            (n, None) => format!("{n} times"),
                                        }}</td>
                                        <td>
                                            {s.active.then(|| view! {
                                                <details class="confirm">
                                                    <summary>"Withdraw"<span class="visually-hidden">{format!(" the link for {}", s.label)}</span></summary>
                                                    <p>"Anyone opening it will be told it no longer works."</p>
                                                    <form method="post" action="/api/revoke_share_link" class="inline-form">
                                                        <input type="hidden" name="id" value=s.id.to_string() />
                                                        <button type="submit" class="button button--danger button--small">"Yes, withdraw it"</button>
                                                    </form>
                                                </details>
                                            })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CoverageCell;

    fn row(code: &str, cells: &[(u32, u32)]) -> CoverageRow {
        CoverageRow {
            code: code.to_owned(),
            title: "Moral <purpose> & \"courage\"".to_owned(),
            strand: "Attitudes".to_owned(),
            current: None,
            cells: cells
                .iter()
                .map(|&(verified, pending)| CoverageCell { verified, pending })
                .collect(),
        }
    }

    fn entry(id: i64, shows: &[&str]) -> TimelineEntry {
        TimelineEntry {
            id,
            title: "Led <b>staff</b> meeting & more".to_owned(),
            date: "25 August 2026".to_owned(),
            activity: "Coaching".to_owned(),
            shows: shows.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn a_matrix_cell_links_to_its_evidence_only_when_some_is_verified() {
        let html = coverage_rows(&[row("A1", &[(0, 2), (3, 0)])], "/portfolio?timeline=2026&");
        assert!(html.contains(
            r#"<td class="coverage__cell coverage__cell--0"><span class="coverage__none" aria-hidden="true">–</span><span class="visually-hidden">none</span><span class="coverage__pending">+2 waiting</span></td>"#
        ));
        assert!(html.contains(
            r#"<td class="coverage__cell coverage__cell--2"><a href="/portfolio?timeline=2026&amp;element=A1&amp;level=2#cell-heading">3<span class="visually-hidden"> verified</span></a></td>"#
        ));
        assert_eq!(html.matches("<a ").count(), 1);
        assert!(html.ends_with("<td>Not yet</td></tr>"));
    }

    #[test]
    fn matrix_cells_are_shaded_in_the_keys_four_steps() {
        let shades: Vec<&str> = [0, 1, 2, 3, 4, 40].into_iter().map(shade).collect();
        assert_eq!(
            shades,
            [
                "coverage__cell coverage__cell--0",
                "coverage__cell coverage__cell--1",
                "coverage__cell coverage__cell--2",
                "coverage__cell coverage__cell--2",
                "coverage__cell coverage__cell--3",
                "coverage__cell coverage__cell--3",
            ]
        );
    }

    #[test]
    fn what_people_typed_is_escaped_wherever_it_is_written() {
        let matrix = coverage_rows(&[row("A\"1 &", &[(1, 0)])], "/x?");
        assert!(matrix.contains("Moral &lt;purpose&gt; &amp; &quot;courage&quot;"));
        assert!(matrix.contains(r#"href="/x?element=A%221%20%26&amp;level=1#cell-heading""#));
        assert!(matrix.contains(r#"<span class="code">A&quot;1 &amp;</span>"#));
        let list = entry_items(&[entry(7, &["A1 at <Trust>"])], false);
        assert!(list.contains("Led &lt;b&gt;staff&lt;/b&gt; meeting &amp; more"));
        assert!(list.contains("Shows A1 at &lt;Trust&gt;"));
        assert!(!list.contains("<b>"));
        let chart = chart_drawing(&[("Autumn <2025>".to_owned(), 1)], "a <desc>");
        assert!(chart.contains("<desc id=\"chart-desc\">a &lt;desc&gt;</desc>"));
        assert!(chart_rows(&[("Autumn <2025>".to_owned(), 1)]).contains("Autumn &lt;2025&gt;"));
    }

    #[test]
    fn entries_link_into_the_app_but_a_shared_list_only_names_them() {
        let own = entry_items(&[entry(7, &["A1 at Team", "B2 at Trust"])], false);
        assert_eq!(
            own,
            concat!(
                r#"<li class="entry-list__item"><a href="/evidence/7">Led &lt;b&gt;staff&lt;/b&gt; meeting &amp; more</a>"#,
                r#"<span class="entry-list__meta">25 August 2026 · Coaching</span>"#,
                r#"<span class="entry-list__shows">Shows A1 at Team, B2 at Trust</span></li>"#
            )
        );
        let shared = entry_items(&[entry(7, &[])], true);
        assert!(shared.starts_with(r#"<li class="entry-list__item"><strong>Led"#));
        assert!(!shared.contains("href"));
        assert!(!shared.contains("Shows"));
        assert_eq!(entry_items(&[], false), "");
    }

    #[test]
    fn the_chart_draws_a_bar_per_term_as_tall_as_its_share_of_the_busiest() {
        let chart = [
            ("Autumn 2025".to_owned(), 4),
            ("Spring 2026".to_owned(), 2),
            ("Summer 2026".to_owned(), 0),
        ];
        let drawing = chart_drawing(&chart, "6 verified activities across 3 terms.");
        assert_eq!(chart_size(3), (164, 218));
        assert!(
            drawing
                .contains(r#"<line x1="0" x2="164" y1="178" y2="178" class="chart__axis"></line>"#)
        );
        assert!(
            drawing.contains(
                r#"<rect x="14" y="18" width="36" height="160" class="chart__bar"></rect>"#
            )
        );
        assert!(
            drawing.contains(
                r#"<rect x="64" y="98" width="36" height="80" class="chart__bar"></rect>"#
            )
        );
        assert!(
            drawing.contains(
                r#"<rect x="114" y="178" width="36" height="0" class="chart__bar"></rect>"#
            )
        );
        assert!(drawing.contains(r#"text-anchor="middle">Spr ’26</text>"#));
        assert_eq!(drawing.matches("<g>").count(), 3);
        assert_eq!(
            chart_rows(&chart[..1]),
            r#"<tr><th scope="row">Autumn 2025</th><td>4</td></tr>"#
        );
    }

    #[test]
    fn a_chart_of_no_activity_has_flat_bars_rather_than_dividing_by_nothing() {
        let drawing = chart_drawing(&[("Autumn 2025".to_owned(), 0)], "");
        assert!(drawing.contains(r#"height="0""#));
    }

    #[test]
    fn terms_are_shortened_to_three_letters_and_a_two_digit_year() {
        assert_eq!(short_term("Autumn 2025"), "Aut ’25");
        assert_eq!(short_term("Summer term 2026"), "Sum ter ’26");
        assert_eq!(short_term("Spring"), "Spr");
    }
}
