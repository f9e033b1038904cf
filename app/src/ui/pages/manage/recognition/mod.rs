//! Recognition (HR and administrators): the trust's milestones, awards given by hand to one
//! person or a group, and every award given, each of which can be withdrawn with a reason.

mod give;
mod kinds;
mod numbers;
mod rule;

pub use rule::RulePage;

use crate::domain::AwardId;
use crate::error::AppError;
use crate::model::{AwardView, RecognitionPage, RuleView};
use crate::ui::components::{ErrorSummary, Loaded, Pager, Table};
use crate::ui::pages::with_user;
use give::{GiveAward, GiveAwardForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use numbers::InNumbers;
use server_fn::ServerFn;

/// Where recognition is managed.
pub const RECOGNITION: &str = "/manage/recognition";

#[server(prefix = "/api", endpoint = "recognition")]
pub async fn get_recognition(page: u64) -> Result<RecognitionPage, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let rules = crate::db::recognition::rules::list(&db, &user).await?;
    let recent = crate::db::recognition::awards::recent(&db, &user, page).await?;
    let counts = crate::db::recognition::report::counts(&db, &user, chrono::Utc::now()).await?;
    Ok(RecognitionPage {
        rules,
        recent,
        counts,
    })
}

/// Withdraws an award, with the reason kept on the record.
#[server(prefix = "/api", endpoint = "withdraw_award")]
pub async fn withdraw_award(id: AwardId, reason: String) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::recognition::awards::withdraw(&db, &user, id, &reason, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("{RECOGNITION}?done=withdrawn#awards-heading"));
    Ok(())
}

#[component]
pub fn RecognitionPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1));
    let recognition = Resource::new_blocking(page, get_recognition);
    let give = ServerAction::<GiveAward>::new();
    let withdraw = ServerAction::<WithdrawAward>::new();
    view! {
        <Title text="Recognition" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=recognition
                    view=move |recognition| {
                        let give_error = give.value().get_untracked().and_then(Result::err);
                        let withdraw_error = withdraw.value().get_untracked().and_then(Result::err);
                        let done = query.with_untracked(|q| q.get("done"));
                        view! { <Recognition recognition give_error withdraw_error done /> }
                    }
                />
            }
        })}
    }
}

#[component]
fn Recognition(
    recognition: RecognitionPage,
    give_error: Option<AppError>,
    withdraw_error: Option<AppError>,
    done: Option<String>,
) -> impl IntoView {
    let RecognitionPage {
        rules,
        recent,
        counts,
    } = recognition;
    let notice = done.map(|d| match d.as_str() {
        "given" => "Award given. Each person has been told, in Waymark and by e-mail.",
        "withdrawn" => "Award withdrawn. It stays on the record with your reason, and its holder has been told.",
        _ => "Done.",
    });
    view! {
        <h1>"Recognition"</h1>
        <p class="lead">
            "Milestones award themselves when a verification first meets them. You can also give an award by hand, to one person or a whole group."
        </p>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}
        <Rules rules />
        <GiveAwardForm error=give_error />
        <RecentAwards recent error=withdraw_error />
        <InNumbers counts />
    }
}

/// The milestones, with how many hold each.
#[component]
fn Rules(rules: Vec<RuleView>) -> impl IntoView {
    let list = if rules.is_empty() {
        view! {
            <p class="empty">
                "No milestones yet. Add one, and it will award everyone whose verified evidence meets it."
            </p>
        }
            .into_any()
    } else {
        let rows = rules
            .into_iter()
            .map(|r| {
                view! {
                    <tr class=("row--retired", !r.active)>
                        <td>
                            <span class="swatch" style=format!("background: {}", r.colour)></span>
                            <a href=format!("{RECOGNITION}/rules/{}", r.id)>{r.name}</a>
                            {(!r.active)
                                .then(|| {
                                    view! {
                                        " "
                                        <span class="tag tag--retired">"Retired"</span>
                                    }
                                })}
                        </td>
                        <td>{r.sentence}</td>
                        <td class="numeric">{r.awarded.to_string()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Table
                caption="Milestones"
                columns=vec!["Milestone", "What it asks", "Held by"]
                numeric=&["Held by"]
            >
                {rows}
            </Table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">"Milestones"</h2>
            <p>
                <a class="button" href=format!("{RECOGNITION}/rules/new")>
                    "Add a milestone"
                </a>
            </p>
            {list}
        </section>
    }
}

/// Every award given, newest first, each with the form that withdraws it.
#[component]
fn RecentAwards(recent: crate::model::Page<AwardView>, error: Option<AppError>) -> impl IntoView {
    let count = recent.page_count();
    let page = recent.page;
    let list = if recent.items.is_empty() {
        view! { <p class="empty">"No awards given yet."</p> }.into_any()
    } else {
        let rows = recent
            .items
            .into_iter()
            .map(|a| view! { <AwardRow award=a /> })
            .collect_view();
        view! {
            <Table
                caption="Awards given, newest first"
                columns=vec!["Award", "Holder", "Given", ""]
            >
                {rows}
            </Table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="awards-heading">
            <h2 id="awards-heading">"Awards given"</h2>
            {error.map(|error| view! { <ErrorSummary error /> })}
            {list}
            <Pager page count href=|p| format!("{RECOGNITION}?page={p}#awards-heading") />
        </section>
    }
}

/// One award given: what, to whom, when and how, and withdrawing it.
#[component]
fn AwardRow(award: AwardView) -> impl IntoView {
    let AwardView {
        id,
        person_name,
        workplace,
        name,
        group_name,
        awarded_on,
        automatic,
        colour,
        withdrawn,
        ..
    } = award;
    let how = if automatic { "By milestone" } else { "By hand" };
    let label = format!("{name} to {person_name}");
    let is_withdrawn = withdrawn.is_some();
    let certificate = crate::ui::pages::recognition::certificate_href(id);
    let tools = (!is_withdrawn).then(|| {
        view! {
            <a href=certificate>
                "Certificate" <span class="visually-hidden">{format!(" for {label}")}</span>
            </a>
            <Withdraw id name=label.clone() />
        }
    });
    view! {
        <tr class=("row--retired", is_withdrawn)>
            <td>
                <span class="swatch" style=format!("background: {colour}")></span>
                {name}
                {(!group_name.is_empty())
                    .then(|| {
                        view! {
                            <span class="table__secondary">{format!("With {group_name}")}</span>
                        }
                    })}
                {withdrawn.map(|w| view! { <p class="table__note award__withdrawn">{w}</p> })}
            </td>
            <td>{person_name} <span class="table__secondary">{workplace}</span></td>
            <td>{awarded_on} <span class="table__secondary">{how}</span></td>
            <td class="award-tools">{tools}</td>
        </tr>
    }
}

/// Withdrawing one award: folded away, and a reason is required.
#[component]
fn Withdraw(id: AwardId, name: String) -> impl IntoView {
    let field = format!("reason-{id}");
    view! {
        <details class="confirm">
            <summary>
                "Withdraw…" <span class="visually-hidden">{format!(" {name}")}</span>
            </summary>
            <form method="post" action=WithdrawAward::PATH class="form form--compact" novalidate>
                <input type="hidden" name="id" value=id.to_string() />
                <div class="field">
                    <label class="field__label" for=field.clone()>
                        "Why is it withdrawn?"
                    </label>
                    <textarea class="textarea" id=field name="reason" rows="2"></textarea>
                </div>
                <button type="submit" class="button button--danger button--small">
                    "Withdraw the award"
                </button>
            </form>
        </details>
    }
}
