//! One award as a card: its colour, name, holder, date and citation.

use crate::domain::AwardId;
use crate::model::AwardView;

/// Where an award's Open Badge 3.0 credential is downloaded (served by the server itself).
pub fn credential_href(id: AwardId) -> String {
    format!("/awards/{id}/credential.json")
}
use leptos::prelude::*;

/// An award; `show_holder` names the person (on the wall, not on their own portfolio);
/// `certificate` links to its certificate and its Open Badge (for its holder).
#[component]
pub fn AwardCard(
    award: AwardView,
    show_holder: bool,
    #[prop(optional)] certificate: bool,
) -> impl IntoView {
    let AwardView {
        id,
        person_name,
        workplace,
        name,
        citation_html,
        group_name,
        awarded_on,
        automatic,
        colour,
        withdrawn,
        ..
    } = award;
    let how = if automatic { "Milestone" } else { "Award" };
    let is_withdrawn = withdrawn.is_some();
    let name_for_link = name.clone();
    let badge_for_link = name.clone();
    view! {
        <article class="award" class:award--withdrawn=is_withdrawn style=format!("--award-colour: {colour}")>
            <p class="award__kind">{how}</p>
            <h3 class="award__name">{name}</h3>
            {show_holder
                .then(|| {
                    view! {
                        <p class="award__holder">
                            <strong>{person_name}</strong>
                            ", "
                            {workplace}
                        </p>
                    }
                })}
            {(!group_name.is_empty())
                .then(|| view! { <p class="award__group">{format!("With {group_name}")}</p> })}
            <div class="prose award__citation" inner_html=citation_html></div>
            <p class="award__date">{awarded_on}</p>
            {withdrawn.map(|w| view! { <p class="award__withdrawn">{w}</p> })}
            {(certificate && !is_withdrawn)
                .then(|| {
                    view! {
                        <p class="award__certificate no-print">
                            <a href=super::certificate_href(id)>
                                "Certificate"
                                <span class="visually-hidden">{format!(" for {name_for_link}")}</span>
                            </a>
                            <a href=credential_href(id) download>
                                "Open Badge"
                                <span class="visually-hidden">{format!(" for {badge_for_link}")}</span>
                            </a>
                        </p>
                    }
                })}
        </article>
    }
}
