//! The editor's small forms: details, levels, strands, removing and moving items, and the
//! Markdown preview.

#[cfg(feature = "ssr")]
use super::version_path;
#[cfg(feature = "ssr")]
use super::{apply, optional_id, parse_kind, prefixed, unfielded};
use crate::domain::VersionId;
#[cfg(feature = "ssr")]
use crate::domain::framework::edit::{Direction, Edit};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "save_framework_details")]
pub async fn save_details(
    version: VersionId,
    name: String,
    description: String,
) -> Result<(), AppError> {
    apply(version, Edit::Details { name, description }).await?;
    leptos_axum::redirect(&format!("{}?saved=details#details", version_path(version)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_level")]
pub async fn save_level(
    version: VersionId,
    id: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let prefix = format!("level-{}", if id.is_empty() { "new" } else { &id });
    let edit = Edit::SaveLevel {
        id: optional_id(id),
        name,
        description,
    };
    apply(version, edit)
        .await
        .map_err(|e| prefixed(e, &prefix))?;
    leptos_axum::redirect(&format!("{}?saved=levels#levels", version_path(version)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_strand")]
pub async fn save_strand(
    version: VersionId,
    id: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let prefix = format!("strand-{}", if id.is_empty() { "new" } else { &id });
    let edit = Edit::SaveStrand {
        id: optional_id(id),
        name,
        description,
    };
    apply(version, edit)
        .await
        .map_err(|e| prefixed(e, &prefix))?;
    leptos_axum::redirect(&format!("{}?saved=strands#strands", version_path(version)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_framework_item")]
pub async fn remove_item(version: VersionId, kind: String, id: String) -> Result<(), AppError> {
    let kind = parse_kind(&kind)?;
    let edit = match kind {
        "level" => Edit::RemoveLevel { id },
        "strand" => Edit::RemoveStrand { id },
        "element" => Edit::RemoveElement { id },
        _ => Edit::RemovePathway { id },
    };
    apply(version, edit).await.map_err(unfielded)?;
    let section = if kind == "element" { "strands" } else { kind };
    leptos_axum::redirect(&format!(
        "{}?saved=removed#{section}s",
        version_path(version)
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "move_framework_item")]
pub async fn move_item(
    version: VersionId,
    kind: String,
    id: String,
    direction: String,
) -> Result<(), AppError> {
    let kind = parse_kind(&kind)?;
    let direction = match direction.as_str() {
        "up" => Direction::Up,
        "down" => Direction::Down,
        _ => return Err(AppError::NotFound),
    };
    let anchor = format!("{kind}-{id}");
    let edit = match kind {
        "level" => Edit::MoveLevel { id, direction },
        "strand" => Edit::MoveStrand { id, direction },
        "element" => Edit::MoveElement { id, direction },
        _ => Edit::MovePathway { id, direction },
    };
    apply(version, edit).await.map_err(unfielded)?;
    leptos_axum::redirect(&format!("{}#{anchor}", version_path(version)));
    Ok(())
}

/// Renders Markdown exactly as staff will see it (the editors' live preview).
#[server(prefix = "/api", endpoint = "preview_markdown")]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    let user = crate::request::user()?;
    crate::db::framework::admin::preview(&user, &text)
}
