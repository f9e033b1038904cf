//! Staff import: an administrator uploads the CSV their HR system exports, chooses which
//! column is which (remembered for the next file), reads the preview, and applies it: all of
//! it in one transaction, or nothing. Applying the same file again changes nothing.

mod apply;

pub use apply::{Applied, Options, apply, apply_file};

use super::admin::admin;
use crate::db::entities::{academy, person, staff_import};
use crate::domain::import::{
    Column, KnownAcademy, KnownPerson, Mapping, Plan, Snapshot, StaffDetails, Table, plan, read,
};
use crate::domain::text::{date_time, long_date};
use crate::domain::{AcademyId, ImportId, PersonId, PersonStatus, RoleCategory};
use crate::error::AppError;
use crate::model::{
    CENTRAL_TEAM, ColumnChoice, CurrentUser, ImportChange, ImportPreview, ImportRow,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryOrder,
};
use std::collections::HashMap;

/// Keeps an uploaded staff file for its preview. The file must be readable (its message
/// otherwise says why); its mapping starts from the last one chosen.
pub async fn upload(
    db: &DatabaseConnection,
    user: &CurrentUser,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<ImportId, AppError> {
    admin(user)?;
    let table = read(bytes).map_err(|message| AppError::field("file", message))?;
    let text = table.to_csv();
    let mapping = remembered(db).await?.fitted(&table.headings);
    let saved = staff_import::ActiveModel {
        uploaded_by: Set(user.actor.id.0),
        uploaded_at: Set(now),
        file_name: Set(file_name.chars().take(255).collect()),
        content: Set(text),
        mapping: Set(serde_json::to_string(&mapping).map_err(|_| AppError::Internal)?),
        applied_at: Set(None),
        outcome: Set(String::new()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(ImportId(saved.id))
}

/// The mapping chosen for the latest file, to start the next one from.
async fn remembered(db: &impl ConnectionTrait) -> Result<Mapping, AppError> {
    let latest = staff_import::Entity::find()
        .order_by_desc(staff_import::Column::Id)
        .one(db)
        .await?;
    Ok(latest
        .and_then(|i| serde_json::from_str(&i.mapping).ok())
        .unwrap_or_default())
}

async fn find(db: &impl ConnectionTrait, id: ImportId) -> Result<staff_import::Model, AppError> {
    staff_import::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The kept file, its mapping, and the trust as it is now.
async fn load(
    db: &impl ConnectionTrait,
    id: ImportId,
) -> Result<(staff_import::Model, Table, Mapping, Snapshot), AppError> {
    let import = find(db, id).await?;
    let table =
        read(import.content.as_bytes()).map_err(|message| AppError::field("file", message))?;
    let mapping: Mapping = serde_json::from_str(&import.mapping).unwrap_or_default();
    Ok((import, table, mapping, snapshot(db).await?))
}

/// Everyone and every academy, as the plan compares a file with them.
pub(crate) async fn snapshot(db: &impl ConnectionTrait) -> Result<Snapshot, AppError> {
    let academies = academy::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| KnownAcademy {
            id: AcademyId(a.id),
            open: a.closed_on.is_none(),
            name: a.name,
            short_name: a.short_name,
        })
        .collect();
    let people = person::Entity::find()
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| KnownPerson {
            id: PersonId(p.id),
            active: p.status == PersonStatus::Active.code(),
            category: RoleCategory::from_code(&p.role_category).unwrap_or(RoleCategory::Delivering),
            employee_number: p.employee_number,
            email: p.email,
            name: p.name,
            job_title: p.job_title,
            academy: p.academy_id.map(AcademyId),
            manager: p.line_manager_id.map(PersonId),
        })
        .collect();
    Ok(Snapshot {
        academies,
        people,
        central: CENTRAL_TEAM.to_owned(),
    })
}

/// What importing the kept file would do now.
pub async fn preview(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ImportId,
    now: DateTime<Utc>,
) -> Result<ImportPreview, AppError> {
    admin(user)?;
    let (import, table, mapping, known) = load(db, id).await?;
    let planned = plan(
        &table.headings,
        &table.rows,
        &mapping,
        &known,
        now.date_naive(),
    );
    Ok(present(&import, &table, &mapping, &known, &planned))
}

fn present(
    import: &staff_import::Model,
    table: &Table,
    mapping: &Mapping,
    known: &Snapshot,
    planned: &Plan,
) -> ImportPreview {
    let shown = ImportPreview::SHOWN;
    let person = |id: PersonId| known.people.iter().find(|p| p.id == id);
    let workplace = |a: Option<AcademyId>| match a {
        None => CENTRAL_TEAM.to_owned(),
        Some(id) => known
            .academies
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.name.clone())
            .unwrap_or_default(),
    };
    let describe =
        |d: &StaffDetails| format!("{} · {} · {}", d.email, d.job_title, workplace(d.academy));
    ImportPreview {
        id: ImportId(import.id),
        file_name: import.file_name.clone(),
        uploaded: date_time(import.uploaded_at),
        applied: import
            .applied_at
            .map(|at| format!("Applied {}: {}", date_time(at), import.outcome)),
        headings: table.headings.clone(),
        mapping: Column::ALL
            .into_iter()
            .map(|column| ColumnChoice {
                column,
                heading: mapping
                    .index(column, &table.headings)
                    .map(|i| table.headings[i].clone()),
            })
            .collect(),
        rows: planned.rows,
        problems: planned.problems.clone(),
        adds: planned
            .adds
            .iter()
            .take(shown)
            .map(|a| ImportRow {
                row: a.row,
                name: a.details.name.clone(),
                detail: describe(&a.details),
            })
            .collect(),
        add_count: planned.adds.len(),
        changes: planned
            .updates
            .iter()
            .take(shown)
            .map(|u| ImportChange {
                row: u.row,
                name: u.details.name.clone(),
                changes: u.changes.clone(),
            })
            .collect(),
        change_count: planned.updates.len(),
        leavers: planned
            .leavers
            .iter()
            .take(shown)
            .map(|l| ImportRow {
                row: l.row,
                name: l.name.clone(),
                detail: format!("Leaves on {}", long_date(l.left_on)),
            })
            .collect(),
        leaver_count: planned.leavers.len(),
        missing: planned
            .missing
            .iter()
            .take(shown)
            .filter_map(|id| person(*id))
            .map(|p| ImportRow {
                row: 0,
                name: p.name.clone(),
                detail: format!("{} · {} · {}", p.email, p.job_title, workplace(p.academy)),
            })
            .collect(),
        missing_count: planned.missing.len(),
        unchanged: planned.unchanged,
    }
}

/// Sets which heading each column is read from (`choices`: column code → heading, empty for
/// none). A heading the file does not have is refused.
pub async fn set_mapping(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ImportId,
    choices: &HashMap<String, String>,
) -> Result<(), AppError> {
    admin(user)?;
    let import = find(db, id).await?;
    let table =
        read(import.content.as_bytes()).map_err(|message| AppError::field("file", message))?;
    let mut mapping = Mapping::default();
    for (code, heading) in choices {
        let Some(column) = Column::from_code(code) else {
            continue;
        };
        if heading.is_empty() {
            continue;
        }
        if !table.headings.contains(heading) {
            return Err(AppError::field(
                code,
                format!("The file has no column called “{heading}”"),
            ));
        }
        mapping.0.insert(column, heading.clone());
    }
    let mut row: staff_import::ActiveModel = import.into();
    row.mapping = Set(serde_json::to_string(&mapping).map_err(|_| AppError::Internal)?);
    row.update(db).await?;
    Ok(())
}
