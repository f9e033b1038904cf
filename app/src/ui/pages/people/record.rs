//! A person's record: who they are in the trust, their line above and below, and every change
//! to their record. The person reads their own; HR and administrators anyone's; only
//! administrators get the link to change it.

use crate::domain::{AccessRole, Action, PersonId, PersonStatus, authorize};
use crate::error::AppError;
use crate::model::{InvitationStatus, PersonLink, PersonPage, PersonRecord};
use crate::ui::components::{Loaded, OrgHistory};
use crate::ui::pages::manage::people::{EndSessions, SendInvitation};
use crate::ui::pages::sign_in::SignOutEverywhere;
use crate::ui::pages::{id_param, load_id, with_user};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

#[server(prefix = "/api", endpoint = "person")]
pub async fn get_person(id: PersonId) -> Result<PersonPage, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::people::page(&db, &user, id).await
}

/// The address of `person`'s record.
pub fn record_href(person: PersonId) -> String {
    format!("/people/{person}")
}

#[component]
pub fn PersonRecordPage() -> impl IntoView {
    let id = id_param::<PersonId>("id");
    let record = Resource::new_blocking(id, |id| load_id(id, get_person));
    let query = use_query_map();
    view! {
        <Title text="Person" />
        {with_user(move |user| {
            view! {
                <Loaded
                    resource=record
                    view=move |page| {
                        let notice = query
                            .with_untracked(|q| notice(q.get("done"), q.get("n"), &page));
                        let own = page.person.id == user.actor.id;
                        let directory = authorize(&user.actor, Action::ViewPeople).is_ok();
                        view! { <Record page notice own directory /> }
                    }
                />
            }
        })}
    }
}

/// What the last change did, in words (`n` counts what it moved).
fn notice(done: Option<String>, n: Option<String>, page: &PersonPage) -> Option<String> {
    let n: u64 = n.and_then(|n| n.parse().ok()).unwrap_or(0);
    let plural = |one: &str, many: &str| {
        if n == 1 {
            one.to_owned()
        } else {
            many.to_owned()
        }
    };
    let manager = page.person.line_manager.as_ref().map(|m| m.name.as_str());
    let message = match done.as_deref()? {
        "added" => "Person added.".to_owned(),
        "saved" if n > 0 => format!(
            "Saved. {n} waiting {} moved to {}.",
            plural("submission", "submissions"),
            manager.map_or_else(
                || "no one: give them a line manager".to_owned(),
                |m| format!("{m}'s queue")
            )
        ),
        "saved" => "Saved.".to_owned(),
        "left" if n > 0 => format!(
            "Marked as a leaver. They can no longer sign in. {n} {} now {} to {}.",
            plural("person", "people"),
            plural("reports", "report"),
            manager.unwrap_or("no one: give them a new line manager"),
        ),
        "left" => "Marked as a leaver. They can no longer sign in.".to_owned(),
        "returned" => "Marked as working for the trust again.".to_owned(),
        "ended" => format!(
            "Signed out on every device ({n} {}).",
            plural("session ended", "sessions ended")
        ),
        "invited" => format!(
            "Invitation sent to {}. The link works for 7 days.",
            page.person.email
        ),
        _ => return None,
    };
    Some(message)
}

#[component]
fn Record(page: PersonPage, notice: Option<String>, own: bool, directory: bool) -> impl IntoView {
    let PersonPage {
        person,
        chain,
        reports,
        history,
        may_manage,
        invitation,
    } = page;
    let active = person.status == PersonStatus::Active;
    let admin_panel = active && invitation.is_some();
    let id = person.id;
    let caption = if own {
        "Changes to your record"
    } else {
        "Changes to this record"
    };
    view! {
        <Title text=person.name.clone() />
        {directory
            .then(|| {
                view! {
                    <nav class="breadcrumbs" aria-label="Breadcrumbs">
                        <a href="/people">"People"</a>
                    </nav>
                }
            })}
        <h1>{person.name.clone()}</h1>
        <p class="lead">{format!("{} · {}", person.job_title, person.workplace)}</p>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        <p class="actions">
            {may_manage
                .then(|| {
                    view! {
                        <a class="button" href=crate::ui::pages::manage::people::edit_href(id)>
                            "Change their record"
                        </a>
                    }
                })} <a class="button button--secondary" href=format!("/portfolio/{id}")>
                "Portfolio"
            </a>
        </p>
        {invitation
            .filter(|_| active)
            .map(|status| view! { <SigningIn id status email=person.email.clone() own /> })}
        {(own && !admin_panel).then(|| view! { <YourSessions /> })}
        <Details person />
        <Line chain reports />
        <OrgHistory history caption />
    }
}

#[component]
fn Details(person: PersonRecord) -> impl IntoView {
    let roles = person
        .roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(", ");
    let status = match (&person.status, &person.left_on) {
        (PersonStatus::Left, Some(day)) => format!("Left the trust on {day}"),
        (status, _) => status.label().to_owned(),
    };
    let row = |term: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{term}</dt>
                <dd>{if value.is_empty() { "None".to_owned() } else { value }}</dd>
            </div>
        }
    };
    let pd_lead = person.roles.contains(&AccessRole::AcademyPdLead);
    view! {
        <section aria-labelledby="details-heading">
            <h2 id="details-heading">"Details"</h2>
            <dl class="summary-list">
                {row("E-mail address", person.email)}
                {row("Employee number", person.employee_number)}
                {row("Job title", person.job_title)} {row("Works at", person.workplace)}
                {row("Role category", person.role_category.label().to_owned())}
                <div class="summary-list__row">
                    <dt>"Line manager"</dt>
                    <dd>
                        {match person.line_manager {
                            Some(m) => view! { <PersonName person=m /> }.into_any(),
                            None => "None".into_any(),
                        }}
                    </dd>
                </div>
                {row(
                    "Access roles",
                    if pd_lead { format!("{roles} (for their academy)") } else { roles },
                )} {row("Status", status)}
            </dl>
        </section>
    }
}

/// Whether they can sign in yet, and the invitation to send (administrators).
#[component]
fn SigningIn(id: PersonId, status: InvitationStatus, email: String, own: bool) -> impl IntoView {
    let (said, button) = match (&status.has_password, &status.invited) {
        (true, _) => ("They have set a password and can sign in.".to_owned(), None),
        (false, Some(when)) => (
            format!("Invited {when}; they have not set a password yet."),
            Some("Send the invitation again"),
        ),
        (false, None) => (
            "They have no password yet: invite them to set one.".to_owned(),
            Some("Send an invitation"),
        ),
    };
    view! {
        <section aria-labelledby="signing-in-heading" class="panel">
            <h2 id="signing-in-heading">"Signing in"</h2>
            <p>{said}</p>
            {button
                .map(|label| {
                    view! {
                        <form method="post" action=SendInvitation::PATH class="inline-form">
                            <input type="hidden" name="id" value=id.to_string() />
                            <button type="submit" class="button button--secondary">
                                {label}
                            </button>
                        </form>
                        <p class="field__hint">{format!("The e-mail goes to {email}.")}</p>
                    }
                })}
            {if own {
                view! { <EndMySessions /> }.into_any()
            } else {
                view! {
                    <form method="post" action=EndSessions::PATH class="inline-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <button type="submit" class="button button--secondary">
                            "Sign them out everywhere"
                        </button>
                    </form>
                    <p class="field__hint">
                        "Ends their sign-in on every device, for a lost laptop or a shared computer left signed in."
                    </p>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The person's own way to end every sign-in (when no administrator's panel shows it).
#[component]
fn YourSessions() -> impl IntoView {
    view! {
        <section aria-labelledby="signing-in-heading" class="panel">
            <h2 id="signing-in-heading">"Signing in"</h2>
            <EndMySessions />
        </section>
    }
}

#[component]
fn EndMySessions() -> impl IntoView {
    view! {
        <p>
            "Signed in on a computer you no longer have, or a shared one you left? This ends your sign-in on every device, this one too."
        </p>
        <form method="post" action=SignOutEverywhere::PATH class="inline-form">
            <button type="submit" class="button button--secondary">
                "Sign out everywhere"
            </button>
        </form>
    }
}

/// A linked name with what they do.
#[component]
fn PersonName(person: PersonLink) -> impl IntoView {
    view! {
        <a href=record_href(person.id)>{person.name}</a>
        <span class="table__secondary">
            {format!("{} · {}", person.job_title, person.workplace)}
        </span>
    }
}

/// The line above (nearest first) and the people who report to them.
#[component]
fn Line(chain: Vec<PersonLink>, reports: Vec<PersonLink>) -> impl IntoView {
    let report_count = reports.len();
    view! {
        <section aria-labelledby="line-heading">
            <h2 id="line-heading">"Line management"</h2>
            <h3>"Reports to"</h3>
            {if chain.is_empty() {
                view! { <p>"No one: they are at the top of their line."</p> }.into_any()
            } else {
                view! {
                    <ol class="line-chain">
                        {chain
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>
                                        <PersonName person=p />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <h3>
                {format!(
                    "{report_count} direct {}",
                    if report_count == 1 { "report" } else { "reports" },
                )}
            </h3>
            {if reports.is_empty() {
                view! { <p>"No one reports to them."</p> }.into_any()
            } else {
                view! {
                    <ul class="line-reports">
                        {reports
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>
                                        <PersonName person=p />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
