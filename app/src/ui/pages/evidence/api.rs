//! The evidence pages' server functions: thin adapters from a request to one service call.

use crate::domain::EntryId;
#[cfg(feature = "ssr")]
use crate::domain::evidence::{EvidenceAction, EvidenceStatus};
#[cfg(feature = "ssr")]
use crate::domain::{AcademyId, ActivityTypeId};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::EntryForm;
use crate::model::{EntryEditor, EntrySummary, EntryView, EvidenceList};
use leptos::prelude::*;
use std::collections::HashMap;

#[server(prefix = "/api", endpoint = "my_evidence")]
pub async fn get_my_evidence(
    status: String,
    year: String,
    q: String,
) -> Result<EvidenceList, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let status = EvidenceStatus::from_code(&status);
    let year = Some(year.as_str()).filter(|y| !y.is_empty());
    crate::db::evidence::mine(&db, &user, status, year, &q, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "evidence_entry")]
pub async fn get_entry(id: EntryId) -> Result<EntryView, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::evidence::view(&db, &user, id, chrono::Utc::now()).await
}

/// The evidence form: for a new entry when `id` is `None`.
#[server(prefix = "/api", endpoint = "evidence_editor")]
pub async fn get_editor(id: Option<EntryId>) -> Result<EntryEditor, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::evidence::editor(&db, &user, id, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "verification_queue")]
pub async fn get_queue() -> Result<Vec<EntrySummary>, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::evidence::queue(&db, &user, chrono::Utc::now()).await
}

/// The evidence form as the browser posts it: the names of its fields. Academies arrive as
/// `places[<academy id>]=on`, claims as `claims[<element code>]=<level>`; a check box that is
/// not ticked and a text box left out are absent.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PostedEntry {
    /// The entry being changed; absent for a new one.
    pub id: Option<EntryId>,
    #[serde(default)]
    pub revision: i32,
    #[serde(default)]
    pub activity_type: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub started_on: String,
    #[serde(default)]
    pub ended_on: String,
    pub places: Option<HashMap<String, String>>,
    pub trust_wide: Option<String>,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub people_reached: String,
    #[serde(default)]
    pub what_done: String,
    #[serde(default)]
    pub reflection: String,
    pub claims: Option<HashMap<String, String>>,
    pub co_leaders: Option<String>,
    pub links: Option<String>,
}

#[cfg(feature = "ssr")]
impl PostedEntry {
    /// The form's values as typed, with the choices read into ids and ranks.
    pub fn into_form(self) -> Result<EntryForm, AppError> {
        let activity_type = match self.activity_type.trim() {
            "" => None,
            text => Some(text.parse::<ActivityTypeId>().map_err(|_| {
                AppError::field("activity_type", "Choose one of the activity types listed")
            })?),
        };
        let mut places: Vec<AcademyId> = self
            .places
            .unwrap_or_default()
            .keys()
            .map(|k| k.parse::<AcademyId>())
            .collect::<Result<_, _>>()
            .map_err(|_| AppError::field("places", "Choose academies from the list"))?;
        places.sort_unstable();
        let mut claims = Vec::new();
        for (code, level) in self.claims.unwrap_or_default() {
            match level.trim() {
                "" => {}
                rank => claims.push((
                    code.clone(),
                    rank.parse::<u32>().map_err(|_| {
                        AppError::field(&format!("claim-{code}"), "Choose one of the levels")
                    })?,
                )),
            }
        }
        claims.sort();
        Ok(EntryForm {
            activity_type,
            title: self.title,
            started_on: self.started_on,
            ended_on: self.ended_on,
            places,
            trust_wide: self.trust_wide.is_some(),
            hours: self.hours,
            people_reached: self.people_reached,
            what_done: self.what_done,
            reflection: self.reflection,
            claims,
            co_leaders: self.co_leaders.unwrap_or_default(),
            links: self.links.unwrap_or_default(),
        })
    }
}

/// Saves the evidence form, then shows the entry.
#[server(prefix = "/api", endpoint = "save_evidence")]
pub async fn save_entry(entry: PostedEntry) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    let (id, revision) = (entry.id, entry.revision);
    let form = entry.into_form()?;
    let now = chrono::Utc::now();
    let saved = crate::db::evidence::save(&db, &user, id, revision, &form, now).await?;
    leptos_axum::redirect(&format!("/evidence/{saved}?done=saved"));
    Ok(())
}

/// Takes a lifecycle action (`submit`, `withdraw`, `verify`, `request_changes`, `decline`).
/// `levels` carries the verifier's level for each claim: `levels[<code>]=<rank>`.
#[server(prefix = "/api", endpoint = "evidence_action")]
pub async fn entry_action(
    id: EntryId,
    revision: i32,
    action: String,
    comment: Option<String>,
    levels: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::db::evidence::{Decision, Levels};
    let (db, user) = crate::request::db_and_user()?;
    let action = EvidenceAction::from_code(&action).ok_or(AppError::NotFound)?;
    let mut chosen = Levels::new();
    for (code, level) in levels.unwrap_or_default() {
        let rank = level
            .parse::<u32>()
            .map_err(|_| AppError::field(&format!("level-{code}"), "Choose a level"))?;
        chosen.insert(code, rank);
    }
    let decision = Decision::new(id, revision, action)
        .with_comment(comment.unwrap_or_default())
        .with_levels(chosen);
    let acted = crate::db::evidence::act(&db, &user, &decision, chrono::Utc::now()).await?;
    crate::request::mailer()?.send_later(acted.email.into_iter().chain(acted.awards).collect());
    leptos_axum::redirect(&format!("/evidence/{id}?done={}", action.code()));
    Ok(())
}
