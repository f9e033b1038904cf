//! The home page: a greeting, who you are in the trust, and where you can go.

use super::with_user;
use crate::domain::NavItem;
use crate::model::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Home" />
        {with_user(|user| view! { <Home user /> })}
    }
}

#[component]
fn Home(user: CurrentUser) -> impl IntoView {
    let roles = user.access_roles_in_words();
    let nav = user.navigation();
    let reports = user.actor.direct_reports;
    view! {
        <h1>{format!("Welcome, {}", user.first_name())}</h1>
        <p class="lead">{format!("{} · {}", user.job_title, user.workplace())}</p>

        <section aria-labelledby="about-you">
            <h2 id="about-you">"You in the trust"</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>"Name"</dt>
                    <dd>{user.name.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Job title"</dt>
                    <dd>{user.job_title.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Role category"</dt>
                    <dd>{user.role_category.label()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Academy"</dt>
                    <dd>{user.workplace().to_owned()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Line manager"</dt>
                    <dd>{user.line_manager_name.clone().unwrap_or_else(|| "None".into())}</dd>
                </div>
                {(!roles.is_empty())
                    .then(|| {
                        view! {
                            <div class="summary-list__row">
                                <dt>"Access"</dt>
                                <dd>{roles}</dd>
                            </div>
                        }
                    })}
            </dl>
            <p>
                <a href=crate::ui::pages::people::record::record_href(
                    user.actor.id,
                )>"Your record and every change made to it"</a>
            </p>
        </section>

        <section aria-labelledby="your-tools">
            <h2 id="your-tools">"What you can do"</h2>
            <ul class="card-grid">
                {nav
                    .into_iter()
                    .filter(|item| *item != NavItem::Home)
                    .map(|item| {
                        let text = match item {
                            NavItem::Framework => {
                                "Read what leadership looks like at each level, for your role."
                                    .to_owned()
                            }
                            NavItem::Pathways => {
                                "Choose pathways that fit where you want to grow.".to_owned()
                            }
                            NavItem::MyTeam => {
                                format!(
                                    "You line-manage {} {}.",
                                    reports,
                                    if reports == 1 { "person" } else { "people" },
                                )
                            }
                            NavItem::People => {
                                "Find colleagues by name, job title or academy.".to_owned()
                            }
                            NavItem::Evidence => {
                                "Record leadership you have done beyond your own academy, and follow it to verification."
                                    .to_owned()
                            }
                            NavItem::Verify => {
                                "Verify the evidence your team has submitted, against the framework."
                                    .to_owned()
                            }
                            NavItem::Academies => {
                                "Add, rename and close the trust's academies.".to_owned()
                            }
                            NavItem::ManageFramework => {
                                "Draft, consult on and publish the trust's leadership framework."
                                    .to_owned()
                            }
                            NavItem::Portfolio => {
                                "Your verified evidence against the framework: coverage, pathways, and a copy to print or share."
                                    .to_owned()
                            }
                            NavItem::EvidenceSettings => {
                                "Set the kinds of activity staff record, and who verifies while a manager is away."
                                    .to_owned()
                            }
                            NavItem::Celebrate => {
                                "See colleagues' awards and milestones, and choose whether yours appear."
                                    .to_owned()
                            }
                            NavItem::Recognition => {
                                "Set the trust's milestones, give awards by hand, and see who has earned them."
                                    .to_owned()
                            }
                            NavItem::Home => String::new(),
                        };
                        view! {
                            <li class="card">
                                <h3 class="card__title">
                                    <a href=item.href()>{item.label()}</a>
                                </h3>
                                <p>{text}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <section aria-labelledby="about-waymark">
            <h2 id="about-waymark">"About Waymark"</h2>
            <p>
                "Waymark recognises the leadership you show beyond your own academy: leading a staff
                meeting at another school, delivering trust-wide training, coaching a colleague or
                reviewing another academy. Every role in the trust can grow as a leader."
            </p>
        </section>
    }
}
