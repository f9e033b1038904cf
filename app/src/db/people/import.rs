//! Staff import: an administrator uploads the CSV their HR system exports, chooses which
//! column is which (remembered for the next file), reads the preview, and applies it: all of
//! it in one transaction, or nothing. Applying the same file again changes nothing.

use super::admin::admin;
use super::leaving::leave;
use crate::db::entities::{academy, person, staff_import};
use crate::db::org_trail::{self, Subject};
use crate::domain::import::{
    Column, KnownAcademy, KnownPerson, ManagerRef, Mapping, Plan, Snapshot, StaffDetails, Table,
    plan, read,
};
use crate::domain::text::{date_time, long_date};
use crate::domain::{AcademyId, ImportId, PersonId, PersonStatus, RoleCategory};
use crate::error::AppError;
use crate::model::{
    CENTRAL_TEAM, ColumnChoice, CurrentUser, ImportChange, ImportPreview, ImportRow,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
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

/// What applying a file did, and the invitations to send now it is saved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub changed: usize,
    pub left: usize,
    pub invitations: Vec<crate::mail::Email>,
}

/// What applying a file should do beyond the file itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Mark the people the file does not mention as leavers today.
    pub missing_leave: bool,
    /// Invite each person added to set their password.
    pub invite_new: bool,
}

impl Applied {
    fn in_words(&self) -> String {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let invited = match self.invitations.len() {
            0 => String::new(),
            count => format!(", {} invited", n(count, "person", "people")),
        };
        format!(
            "{} added, {} changed, {} marked as leavers{invited}",
            n(self.added, "person", "people"),
            n(self.changed, "person", "people"),
            n(self.left, "person", "people"),
        )
    }
}

/// Applies the kept file as it reads now, all of it or nothing (see [`Options`] for what else
/// it may do).
pub async fn apply(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: ImportId,
    options: Options,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    admin(user)?;
    let txn = crate::db::write_transaction(db).await?;
    let (import, table, mapping, known) = load(&txn, id).await?;
    let planned = plan(
        &table.headings,
        &table.rows,
        &mapping,
        &known,
        now.date_naive(),
    );
    let applied = apply_plan(&txn, user, &planned, options, now).await?;
    let mut row: staff_import::ActiveModel = import.into();
    row.applied_at = Set(Some(now));
    row.outcome = Set(applied.in_words());
    row.update(&txn).await?;
    txn.commit().await?;
    tracing::info!(
        added = applied.added,
        changed = applied.changed,
        left = applied.left,
        "staff import applied"
    );
    Ok(applied)
}

/// Reads, plans and applies a whole staff file at once inside `db` (a transaction the caller
/// commits), with the mapping guessed from its headings: how the demo trust is built, through
/// the same code as every import. Refused, changing nothing, when any row has a problem.
pub async fn apply_file(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    bytes: &[u8],
    options: Options,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    admin(user)?;
    let table = read(bytes).map_err(|message| AppError::field("file", message))?;
    let mapping = Mapping::guess(&table.headings);
    let known = snapshot(db).await?;
    let planned = plan(
        &table.headings,
        &table.rows,
        &mapping,
        &known,
        now.date_naive(),
    );
    if let Some(first) = planned.problems.first() {
        tracing::error!(row = first.row, problem = %first.message, "staff file refused");
    }
    apply_plan(db, user, &planned, options, now).await
}

/// Applies a plan inside a transaction: refused while any row has a problem.
pub(crate) async fn apply_plan(
    txn: &impl ConnectionTrait,
    user: &CurrentUser,
    planned: &Plan,
    options: Options,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    if !planned.problems.is_empty() {
        let n = planned.problems.len();
        return Err(AppError::Conflict(format!(
            "The file has {n} {} to fix first: nothing has been changed. Correct the file and upload it again.",
            if n == 1 { "problem" } else { "problems" }
        )));
    }
    let mut leaving: Vec<(PersonId, chrono::NaiveDate)> = planned
        .leavers
        .iter()
        .map(|l| (l.person, l.left_on))
        .collect();
    if options.missing_leave {
        leaving.extend(planned.missing.iter().map(|id| (*id, now.date_naive())));
    }
    check_leavers(user, &leaving)?;

    // Add people first, without managers (some are managed by others the file adds).
    let mut new_ids = Vec::with_capacity(planned.adds.len());
    for add in &planned.adds {
        let d = &add.details;
        let inserted = person::Entity::insert(person::ActiveModel {
            email: Set(d.email.clone()),
            name: Set(d.name.clone()),
            employee_number: Set(d.employee_number.clone()),
            job_title: Set(d.job_title.clone()),
            academy_id: Set(d.academy.map(|a| a.0)),
            role_category: Set(d.category.code().to_owned()),
            line_manager_id: Set(None),
            status: Set(PersonStatus::Active.code().to_owned()),
            password_hash: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            left_on: Set(None),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        new_ids.push(inserted.last_insert_id);
    }
    let manager_id = |m: ManagerRef| match m {
        ManagerRef::Nobody => None,
        ManagerRef::Known(id) => Some(id.0),
        ManagerRef::New(n) => new_ids.get(n).copied(),
    };
    for (add, id) in planned.adds.iter().zip(&new_ids) {
        if let Some(manager) = manager_id(add.manager) {
            person::Entity::update_many()
                .col_expr(
                    person::Column::LineManagerId,
                    sea_orm::sea_query::Expr::value(manager),
                )
                .filter(person::Column::Id.eq(*id))
                .exec(txn)
                .await?;
        }
        org_trail::record(txn, user, Subject::Person(*id), &add.changes, now).await?;
    }
    for update in &planned.updates {
        let d = &update.details;
        let mut row = person::ActiveModel {
            id: Set(update.person.0),
            email: Set(d.email.clone()),
            name: Set(d.name.clone()),
            employee_number: Set(d.employee_number.clone()),
            job_title: Set(d.job_title.clone()),
            academy_id: Set(d.academy.map(|a| a.0)),
            role_category: Set(d.category.code().to_owned()),
            line_manager_id: Set(manager_id(update.manager)),
            updated_at: Set(now),
            ..Default::default()
        };
        if update.returns {
            row.status = Set(PersonStatus::Active.code().to_owned());
            row.left_on = Set(None);
        }
        row.update(txn).await?;
        org_trail::record(
            txn,
            user,
            Subject::Person(update.person.0),
            &update.changes,
            now,
        )
        .await?;
    }
    for (id, left_on) in &leaving {
        let Some(leaver) = person::Entity::find_by_id(id.0).one(txn).await? else {
            continue;
        };
        if leaver.status == PersonStatus::Active.code() {
            leave(txn, user, leaver, *left_on, now).await?;
        }
    }
    let mut invitations = Vec::new();
    if options.invite_new {
        let added = person::Entity::find()
            .filter(person::Column::Id.is_in(new_ids.iter().copied()))
            .all(txn)
            .await?;
        for person in &added {
            invitations.push(crate::db::getting_in::invitation(txn, user, person, now).await?);
        }
    }
    Ok(Applied {
        added: planned.adds.len(),
        changed: planned.updates.len(),
        left: leaving.len(),
        invitations,
    })
}

/// The file cannot mark the person applying it as a leaver. (So an administrator always
/// remains: the one applying it.)
fn check_leavers(
    user: &CurrentUser,
    leaving: &[(PersonId, chrono::NaiveDate)],
) -> Result<(), AppError> {
    if leaving.iter().any(|(id, _)| *id == user.actor.id) {
        return Err(AppError::Conflict(
            "The file would mark you as a leaver: ask another administrator to apply it.".into(),
        ));
    }
    Ok(())
}
