//! Staff import (administrators): upload the CSV the HR system exports, check which column is
//! which, read the preview of every change and problem, then apply it — all or nothing.

mod preview;
mod upload;

pub use preview::ImportPreviewPage;
pub use upload::ImportStartPage;

use crate::domain::ImportId;
use crate::error::AppError;
use crate::model::ImportPreview;
use leptos::prelude::*;
use server_fn::codec::{MultipartData, MultipartFormData};
use std::collections::HashMap;

/// Where an import starts.
pub const IMPORT: &str = "/manage/people/import";

/// Where an uploaded file's preview is.
#[cfg(feature = "ssr")]
pub fn preview_href(id: ImportId) -> String {
    format!("{IMPORT}/{id}")
}

/// Keeps an uploaded staff file and shows its preview.
#[server(prefix = "/api", endpoint = "upload_staff", input = MultipartFormData)]
pub async fn upload_staff(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::import::MAX_BYTES;
    let (db, user) = crate::request::db_and_user()?;
    crate::domain::authorize(&user.actor, crate::domain::Action::ManageOrganisation)?;
    let mut data = data.into_inner().ok_or(AppError::Internal)?;
    let mut bytes = Vec::new();
    let mut name = String::new();
    while let Ok(Some(mut field)) = data.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        name = field.file_name().unwrap_or("staff.csv").to_owned();
        while let Ok(Some(chunk)) = field.chunk().await {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > MAX_BYTES {
                return Err(AppError::field(
                    "file",
                    "The file is larger than 10 MB: export only the columns Waymark needs, or split it by academy",
                ));
            }
        }
    }
    if bytes.is_empty() {
        return Err(AppError::field(
            "file",
            "Choose the staff file (.csv) to import",
        ));
    }
    let id =
        crate::db::people::import::upload(&db, &user, &name, &bytes, chrono::Utc::now()).await?;
    leptos_axum::redirect(&preview_href(id));
    Ok(())
}

/// What importing the file would do now.
#[server(prefix = "/api", endpoint = "staff_import_preview")]
pub async fn get_import_preview(id: ImportId) -> Result<ImportPreview, AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::people::import::preview(&db, &user, id, chrono::Utc::now()).await
}

/// Sets which heading each column is read from, then shows the preview again.
#[server(prefix = "/api", endpoint = "map_staff_columns")]
pub async fn map_staff_columns(
    id: ImportId,
    #[server(default)] columns: HashMap<String, String>,
) -> Result<(), AppError> {
    let (db, user) = crate::request::db_and_user()?;
    crate::db::people::import::set_mapping(&db, &user, id, &columns).await?;
    leptos_axum::redirect(&format!("{}?done=mapped", preview_href(id)));
    Ok(())
}

/// Applies the file; with `missing` ticked, people not in it are marked as leavers; with
/// `invite` ticked, each person added is invited to set their password.
#[server(prefix = "/api", endpoint = "apply_staff_import")]
pub async fn apply_staff_import(
    id: ImportId,
    #[server(default)] missing: Option<String>,
    #[server(default)] invite: Option<String>,
) -> Result<(), AppError> {
    use crate::db::people::import;
    let (db, user) = crate::request::db_and_user()?;
    let ticked = |v: Option<String>| v.is_some_and(|v| !v.is_empty());
    let options = import::Options {
        missing_leave: ticked(missing),
        invite_new: ticked(invite),
    };
    let applied = import::apply(&db, &user, id, options, chrono::Utc::now()).await?;
    crate::request::mailer()?.send_later(applied.invitations);
    leptos_axum::redirect(&format!("{}?done=applied", preview_href(id)));
    Ok(())
}
