//! Awards given by hand — to one person or a whole group at once, with a citation — and
//! withdrawn, with a reason that stays on the record.

use super::judge::tell;
use super::manager;
use super::present::{award_email, present};
use crate::db::entities::{award, notification, person};
use crate::domain::{AwardId, EmailAddress, FieldError, PersonId, PersonStatus};
use crate::error::AppError;
use crate::mail::Email;
use crate::model::{AwardView, CurrentUser, GiveForm, Page};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

/// The longest an award's name may be.
pub const MAX_NAME: usize = 120;
/// The longest a citation or a reason may be.
pub const MAX_CITATION: usize = 2_000;
/// The most people one award may go to at once.
pub const MAX_GROUP: usize = 200;
/// Awards per page of the recent list.
pub const PER_PAGE: u64 = 20;

/// Gives an award by hand to everyone the form names. All of them or nobody: any address
/// that is not someone working for the trust stops it. Returns the e-mails to send.
pub async fn give(
    db: &DatabaseConnection,
    user: &CurrentUser,
    form: &GiveForm,
    now: DateTime<Utc>,
) -> Result<Vec<Email>, AppError> {
    manager(user)?;
    let mut errors = Vec::new();
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        errors.push(FieldError::new("name", "Enter the award's name"));
    } else if name.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            "name",
            format!("The name must be {MAX_NAME} characters or fewer"),
        ));
    }
    let citation = form.citation.trim().to_owned();
    if citation.is_empty() {
        errors.push(FieldError::new("citation", "Say what the award is for"));
    } else if citation.chars().count() > MAX_CITATION {
        errors.push(FieldError::new(
            "citation",
            format!("The citation must be {MAX_CITATION} characters or fewer"),
        ));
    }
    let group_name = form
        .group_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if group_name.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            "group_name",
            format!("The group's name must be {MAX_NAME} characters or fewer"),
        ));
    }
    let holders = match recipients(db, &form.people).await? {
        Ok(people) => people,
        Err(message) => {
            errors.push(FieldError::new("people", message));
            Vec::new()
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::write_transaction(db).await?;
    let mut emails = Vec::with_capacity(holders.len());
    for holder in &holders {
        award::Entity::insert(award::ActiveModel {
            public_id: Set(super::present::public_id()),
            person_id: Set(holder.id),
            rule_id: Set(None),
            name: Set(name.clone()),
            citation: Set(citation.clone()),
            group_name: Set(group_name.clone()),
            given_by: Set(Some(user.actor.id.0)),
            awarded_on: Set(now.date_naive()),
            created_at: Set(now),
            withdrawn_at: Set(None),
            withdrawn_by: Set(None),
            withdrawn_reason: Set(String::new()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        tell(&txn, holder, &name, now).await?;
        emails.push(award_email(holder, &name));
    }
    txn.commit().await?;
    Ok(emails)
}

/// The people `text` names by e-mail address, each once, or why it cannot be given to them.
async fn recipients(
    db: &DatabaseConnection,
    text: &str,
) -> Result<Result<Vec<person::Model>, String>, AppError> {
    let mut addresses: Vec<String> = Vec::new();
    for part in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match EmailAddress::parse(part) {
            Ok(email) if !addresses.contains(&email.as_str().to_owned()) => {
                addresses.push(email.as_str().to_owned());
            }
            Ok(_) => {}
            Err(_) => return Ok(Err(format!("“{part}” is not an e-mail address"))),
        }
    }
    if addresses.is_empty() {
        return Ok(Err(
            "Enter the e-mail address of each person receiving it".to_owned()
        ));
    }
    if addresses.len() > MAX_GROUP {
        return Ok(Err(format!(
            "An award can go to at most {MAX_GROUP} people at once"
        )));
    }
    let people = person::Entity::find()
        .filter(person::Column::Email.is_in(addresses.iter().cloned()))
        .all(db)
        .await?;
    for address in &addresses {
        match people.iter().find(|p| &p.email == address) {
            None => {
                return Ok(Err(format!(
                    "Nobody in the trust has the e-mail address {address}"
                )));
            }
            Some(p) if p.status != PersonStatus::Active.code() => {
                return Ok(Err(format!("{} has left the trust", p.name)));
            }
            Some(_) => {}
        }
    }
    Ok(Ok(people))
}

/// Withdraws an award, keeping it on the record with who withdrew it, when and why, and
/// telling its holder.
pub async fn withdraw(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: AwardId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    manager(user)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", "Say why the award is withdrawn"));
    }
    if reason.chars().count() > MAX_CITATION {
        return Err(AppError::field(
            "reason",
            format!("The reason must be {MAX_CITATION} characters or fewer"),
        ));
    }
    let txn = crate::db::write_transaction(db).await?;
    let found = award::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.withdrawn_at.is_some() {
        return Err(AppError::Conflict(
            "This award has already been withdrawn.".to_owned(),
        ));
    }
    let (holder, name) = (found.person_id, found.name.clone());
    let mut row: award::ActiveModel = found.into();
    row.withdrawn_at = Set(Some(now));
    row.withdrawn_by = Set(Some(user.actor.id.0));
    row.withdrawn_reason = Set(reason.to_owned());
    row.update(&txn).await?;
    notification::Entity::insert(notification::ActiveModel {
        person_id: Set(holder),
        entry_id: Set(None),
        kind: Set("award_withdrawn".to_owned()),
        message: Set(format!("Your award {name} was withdrawn: {reason}")),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(name)
}

/// The awards given most recently (withdrawn ones too, marked), newest first.
pub async fn recent(
    db: &DatabaseConnection,
    user: &CurrentUser,
    page: u64,
) -> Result<Page<AwardView>, AppError> {
    manager(user)?;
    let paginator = award::Entity::find()
        .order_by_desc(award::Column::AwardedOn)
        .order_by_desc(award::Column::Id)
        .paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let page = page.clamp(1, total.div_ceil(PER_PAGE).max(1));
    let awards = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: present(db, awards).await?,
        page,
        per_page: PER_PAGE,
        total,
    })
}

/// The awards `person` holds, newest first; withdrawn ones only for `with_withdrawn`.
pub async fn held_by(
    db: &impl sea_orm::ConnectionTrait,
    person: PersonId,
    with_withdrawn: bool,
) -> Result<Vec<AwardView>, AppError> {
    let mut query = award::Entity::find().filter(award::Column::PersonId.eq(person.0));
    if !with_withdrawn {
        query = query.filter(award::Column::WithdrawnAt.is_null());
    }
    let awards = query
        .order_by_desc(award::Column::AwardedOn)
        .order_by_desc(award::Column::Id)
        .all(db)
        .await?;
    present(db, awards).await
}
