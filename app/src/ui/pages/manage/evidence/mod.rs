//! Evidence settings (administrators): the activity types staff choose from, and cover for
//! a line manager who is away.

use crate::domain::{ActivityTypeId, PersonId};
use crate::error::AppError;
use crate::model::EvidenceSettings;
use crate::ui::components::{ErrorSummary, Loaded, field_message};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

mod activity_type;

pub use activity_type::ActivityTypePage;

/// Where the settings live.
pub const SETTINGS: &str = "/manage/evidence";

#[server(prefix = "/api", endpoint = "evidence_settings")]
pub async fn get_settings() -> Result<EvidenceSettings, AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::evidence::settings::settings(&db, &user, chrono::Utc::now()).await
}

/// Retires (`active=false`) or restores an activity type.
#[server(prefix = "/api", endpoint = "set_activity_type_active")]
pub async fn set_activity_type_active(id: ActivityTypeId, active: bool) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::evidence::settings::set_activity_type_active(&db, &user, id, active).await?;
    let done = if active {
        "type-restored"
    } else {
        "type-retired"
    };
    leptos_axum::redirect(&format!("{SETTINGS}?done={done}#types-heading"));
    Ok(())
}

/// Arranges cover: `delegate` verifies for `manager` until the end of `until`.
#[server(prefix = "/api", endpoint = "set_delegate")]
pub async fn set_delegate(
    manager: String,
    delegate: String,
    until: String,
) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::evidence::settings::set_delegate(
        &db,
        &user,
        &manager,
        &delegate,
        &until,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("{SETTINGS}?done=cover-set#cover-heading"));
    Ok(())
}

/// Ends the cover for a manager.
#[server(prefix = "/api", endpoint = "end_delegate")]
pub async fn end_delegate(manager: PersonId) -> Result<(), AppError> {
    let db = crate::request::db()?;
    let user = crate::request::user()?;
    crate::db::evidence::settings::end_delegate(&db, &user, manager).await?;
    leptos_axum::redirect(&format!("{SETTINGS}?done=cover-ended#cover-heading"));
    Ok(())
}

#[component]
pub fn EvidenceSettingsPage() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |()| get_settings());
    let retire = ServerAction::<SetActivityTypeActive>::new();
    let cover = ServerAction::<SetDelegate>::new();
    let end = ServerAction::<EndDelegate>::new();
    let query = use_query_map();
    view! {
        <Title text="Evidence settings" />
        {with_user(move |_| {
            view! {
                <Loaded
                    resource=settings
                    view=move |settings| {
                        let type_error = retire.value().get_untracked().and_then(Result::err);
                        let cover_error = cover
                            .value()
                            .get_untracked()
                            .and_then(Result::err)
                            .or_else(|| end.value().get_untracked().and_then(Result::err));
                        let done = query.with_untracked(|q| q.get("done"));
                        view! { <Settings settings type_error cover_error done /> }.into_any()
                    }
                />
            }
        })}
    }
}

#[component]
fn Settings(
    settings: EvidenceSettings,
    type_error: Option<AppError>,
    cover_error: Option<AppError>,
    done: Option<String>,
) -> impl IntoView {
    let EvidenceSettings {
        activity_types,
        delegates,
        elements,
    } = settings;
    let notice = done.map(|d| match d.as_str() {
        "type-saved" => "Activity type saved.",
        "type-retired" => "Activity type retired: staff no longer see it, and entries that used it keep it.",
        "type-restored" => "Activity type restored: staff can choose it again.",
        "cover-set" => "Cover arranged. Submissions from the manager's team go to the person covering until the date given.",
        "cover-ended" => "Cover ended. Submissions go to the line manager again.",
        _ => "Done.",
    });
    let title_of = |code: &str| {
        elements
            .iter()
            .find(|(c, _)| c == code)
            .map(|(c, t)| format!("{c} {t}"))
            .unwrap_or_else(|| code.to_owned())
    };
    let manager_error = field_message(cover_error.as_ref(), "manager");
    let delegate_error = field_message(cover_error.as_ref(), "delegate");
    let until_error = field_message(cover_error.as_ref(), "until");
    let cover_open = cover_error.is_some();
    view! {
        <h1>"Evidence settings"</h1>
        <p class="lead">
            "The kinds of cross-school activity staff record, and who verifies a team's evidence while their line manager is away."
        </p>
        {notice
            .map(|m| {
                view! {
                    <div class="notice notice--success" role="status">
                        <p>{m}</p>
                    </div>
                }
            })}

        <section aria-labelledby="types-heading">
            <h2 id="types-heading">"Activity types"</h2>
            <p>
                "Staff choose one when they record an activity. The suggested elements are offered as a hint; a type that needs a host academy cannot be recorded as trust-wide only."
            </p>
            {type_error.map(|error| view! { <ErrorSummary error /> })}
            <p>
                <a class="button" href=format!("{SETTINGS}/types/new")>
                    "Add an activity type"
                </a>
            </p>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">"Activity types"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Activity type"</th>
                            <th scope="col">"Needs a host academy"</th>
                            <th scope="col">"Suggested elements"</th>
                            <th scope="col">"Entries"</th>
                            <th scope="col">
                                <span class="visually-hidden">"Actions"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {activity_types
                            .into_iter()
                            .map(|t| {
                                let suggested = t
                                    .suggested
                                    .iter()
                                    .map(|c| title_of(c))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                let name = t.name.clone();
                                view! {
                                    <tr class=("row--retired", !t.active)>
                                        <td>
                                            <a href=format!(
                                                "{SETTINGS}/types/{}",
                                                t.id,
                                            )>{t.name.clone()}</a>
                                            {(!t.active)
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <span class="tag tag--retired">"Retired"</span>
                                                    }
                                                })}
                                            <p class="table__note">{t.description.clone()}</p>
                                        </td>
                                        <td>{if t.needs_host { "Yes" } else { "No" }}</td>
                                        <td>
                                            {if suggested.is_empty() {
                                                "None".to_owned()
                                            } else {
                                                suggested
                                            }}
                                        </td>
                                        <td class="number">{t.entries.to_string()}</td>
                                        <td>
                                            <form
                                                method="post"
                                                action=SetActivityTypeActive::PATH
                                                class="inline-form"
                                            >
                                                <input type="hidden" name="id" value=t.id.to_string() />
                                                <input
                                                    type="hidden"
                                                    name="active"
                                                    value=(!t.active).to_string()
                                                />
                                                <button
                                                    type="submit"
                                                    class="button button--quiet button--small"
                                                >
                                                    {if t.active { "Retire" } else { "Restore" }}
                                                    <span class="visually-hidden">{format!(" {name}")}</span>
                                                </button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>

        <section aria-labelledby="cover-heading">
            <h2 id="cover-heading">"Cover while a line manager is away"</h2>
            <p>
                "While cover is in place, the person covering sees the manager's team's submissions in “To verify” and can verify, return or decline them. Nobody ever verifies their own evidence."
            </p>
            {if delegates.is_empty() {
                view! { <p>"No cover arranged."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="table">
                            <caption class="visually-hidden">"Cover arranged"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Line manager"</th>
                                    <th scope="col">"Covered by"</th>
                                    <th scope="col">"Until the end of"</th>
                                    <th scope="col">"Arranged by"</th>
                                    <th scope="col">
                                        <span class="visually-hidden">"Actions"</span>
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                {delegates
                                    .into_iter()
                                    .map(|d| {
                                        view! {
                                            <tr>
                                                <td>{d.manager.clone()}</td>
                                                <td>{d.delegate.clone()}</td>
                                                <td>
                                                    {d.until.clone()}
                                                    {(!d.current)
                                                        .then(|| {
                                                            view! {
                                                                " "
                                                                <span class="tag tag--retired">"Ended"</span>
                                                            }
                                                        })}
                                                </td>
                                                <td>{d.set_by.clone()}</td>
                                                <td>
                                                    <form
                                                        method="post"
                                                        action=EndDelegate::PATH
                                                        class="inline-form"
                                                    >
                                                        <input
                                                            type="hidden"
                                                            name="manager"
                                                            value=d.manager_id.to_string()
                                                        />
                                                        <button
                                                            type="submit"
                                                            class="button button--quiet button--small"
                                                        >
                                                            {if d.current { "End cover" } else { "Remove" }}
                                                            <span class="visually-hidden">
                                                                {format!(" for {}", d.manager)}
                                                            </span>
                                                        </button>
                                                    </form>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <details class="add" open=cover_open>
                <summary>"Arrange cover"</summary>
                {cover_error.clone().map(|error| view! { <ErrorSummary error /> })}
                <form method="post" action=SetDelegate::PATH class="form" novalidate>
                    <div class="field" class=("field--error", manager_error.is_some())>
                        <label class="field__label" for="manager">
                            "Line manager who is away (e-mail address)"
                        </label>
                        {manager_error
                            .clone()
                            .map(|m| {
                                view! {
                                    <p class="field__error" id="manager-error">
                                        <span class="visually-hidden">"Error: "</span>
                                        {m}
                                    </p>
                                }
                            })}
                        <input
                            class="input"
                            type="email"
                            id="manager"
                            name="manager"
                            autocomplete="off"
                            aria-invalid=manager_error.is_some().then_some("true")
                        />
                    </div>
                    <div class="field" class=("field--error", delegate_error.is_some())>
                        <label class="field__label" for="delegate">
                            "Covered by (e-mail address)"
                        </label>
                        {delegate_error
                            .clone()
                            .map(|m| {
                                view! {
                                    <p class="field__error" id="delegate-error">
                                        <span class="visually-hidden">"Error: "</span>
                                        {m}
                                    </p>
                                }
                            })}
                        <input
                            class="input"
                            type="email"
                            id="delegate"
                            name="delegate"
                            autocomplete="off"
                            aria-invalid=delegate_error.is_some().then_some("true")
                        />
                    </div>
                    <div class="field" class=("field--error", until_error.is_some())>
                        <label class="field__label" for="until">
                            "Until the end of"
                        </label>
                        <p class="field__hint" id="until-hint">
                            "Up to a year ahead. Cover for a manager replaces any already arranged."
                        </p>
                        {until_error
                            .clone()
                            .map(|m| {
                                view! {
                                    <p class="field__error" id="until-error">
                                        <span class="visually-hidden">"Error: "</span>
                                        {m}
                                    </p>
                                }
                            })}
                        <input
                            class="input input--date"
                            type="date"
                            id="until"
                            name="until"
                            aria-describedby="until-hint"
                            aria-invalid=until_error.is_some().then_some("true")
                        />
                    </div>
                    <button type="submit" class="button">
                        "Arrange cover"
                    </button>
                </form>
            </details>
        </section>
    }
}
