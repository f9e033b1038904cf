//! Evidence settings (administrators): the activity types staff choose from, and cover for
//! a line manager who is away.

use crate::domain::{ActivityTypeId, PersonId};
use crate::error::AppError;
use crate::model::EvidenceSettings;
use crate::ui::components::Loaded;
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

mod activity_type;
mod cover;
mod types;

pub use activity_type::ActivityTypePage;
use cover::Cover;
use types::ActivityTypes;

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

/// The settings page: a notice of what was just done, the activity types, and cover.
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
        <ActivityTypes activity_types elements error=type_error />
        <Cover delegates error=cover_error />
    }
}
