//! The progression portfolio: headline figures, the coverage matrix, pathway progress and the
//! timeline; share links; and the read-only view a share link opens.

mod api;
mod markup;
mod share;
mod view;

pub use share::SharePage;

use crate::domain::PersonId;
use crate::domain::portfolio::TimelineChoice;
use crate::error::AppError;
use crate::model::{Portfolio, PortfolioFilters};
use crate::ui::components::{ErrorPage, Loaded};
use crate::ui::pages::with_user;
use api::{get_portfolio, get_shared};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use view::PortfolioView;

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

/// One's own portfolio (`/portfolio`) or someone else's (`/portfolio/:id`).
#[component]
pub fn PortfolioPage() -> impl IntoView {
    let params = use_params_map();
    let person = move || params.with(|p| p.get("id").and_then(|s| s.parse::<PersonId>().ok()));
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
    let _page = move |portfolio: Portfolio| {
        let base = match person() {
            Some(id) => format!("/portfolio/{id}"),
            None => "/portfolio".to_owned(),
        };
        view! { <PortfolioView portfolio base /> }
    };
    let page = move |portfolio: Portfolio| {
        let base = match person() {
            Some(id) => format!("/portfolio/{id}"),
            None => "/portfolio".to_owned(),
        };
        view! { <PortfolioView portfolio base /> }
    };
    view! {
        <Title text="Portfolio" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=portfolio
                    view=page
                    loading="Loading the portfolio…"
                    transition=true
                />
            }
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
        <Transition fallback=|| {
            view! { <p class="loading">"Loading the portfolio…"</p> }
        }>
            {move || Suspend::new(async move {
                match portfolio.await {
                    Ok(portfolio) => {
                        let base = format!("/shared/{}", token());
                        view! { <PortfolioView portfolio base /> }.into_any()
                    }
                    Err(AppError::NotFound) => {
                        view! {
                            <ErrorPage error=AppError::Gone(
                                "This link does not lead anywhere. Check it was copied whole, or ask for a new one."
                                    .to_owned(),
                            ) />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
