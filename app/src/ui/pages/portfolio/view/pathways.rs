//! Progress along the pathways the person follows.

use crate::model::PathwayProgressView;
use leptos::prelude::*;

/// Progress along each pathway the person follows.
#[component]
pub(super) fn Pathways(pathways: Vec<PathwayProgressView>, own: bool) -> impl IntoView {
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
