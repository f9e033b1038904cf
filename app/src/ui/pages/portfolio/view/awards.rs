//! The awards a person holds, on their portfolio (and a copy shared from it).

use crate::model::AwardView;
use crate::ui::pages::recognition::{AwardCard, WALL};
use leptos::prelude::*;

#[component]
pub(super) fn Awards(awards: Vec<AwardView>, own: bool, shared: bool) -> impl IntoView {
    if awards.is_empty() && shared {
        return ().into_any();
    }
    let body = if awards.is_empty() {
        let none = if own {
            "No awards yet. Milestones the trust sets award themselves when your verified evidence meets them."
        } else {
            "No awards yet."
        };
        view! { <p>{none}</p> }.into_any()
    } else {
        view! {
            <ul class="award-grid">
                {awards
                    .into_iter()
                    .map(|award| {
                        view! {
                            <li>
                                <AwardCard award show_holder=false certificate=own />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="portfolio__section" id="awards" aria-labelledby="awards-heading">
            <h2 id="awards-heading">"Awards"</h2>
            {body}
            {own
                .then(|| {
                    view! {
                        <p class="no-print">
                            <a href=format!(
                                "{WALL}#your-place",
                            )>"Choose whether your awards appear on the celebration wall"</a>
                        </p>
                    }
                })}
        </section>
    }
    .into_any()
}
