//! The evidence form checked against what must exist: activity types, academies, framework
//! elements and co-leaders. Everything that needs no lookup is parsed by
//! [`EntryForm::parse`](crate::domain::evidence::EntryForm::parse).

use crate::db::entities::{academy, activity_type, person};
use crate::domain::AcademyId;
use crate::domain::evidence::{CheckedClaim, MAX_LIST, ParsedEntry, check_claims, in_form_order};
use crate::domain::framework::FrameworkDocument;
use crate::domain::{EmailAddress, FieldError, PersonStatus};
use crate::error::AppError;
use crate::model::EntryForm;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A form whose every field is well formed and refers to things that exist (a draft may still
/// be incomplete).
pub(super) struct Checked {
    pub(super) entry: ParsedEntry,
    pub(super) claims: Vec<CheckedClaim>,
    /// The co-leaders' person ids, each once.
    pub(super) co_leaders: Vec<i64>,
}

/// Checks the form sent by `owner` on `today`: every problem at once, in the form's order.
/// `kept` are the academies the entry already names: those may stay even if they have closed.
pub(super) async fn check_form(
    db: &impl ConnectionTrait,
    owner: i64,
    kept: &[i64],
    form: &EntryForm,
    framework: Option<&FrameworkDocument>,
    today: NaiveDate,
) -> Result<Checked, AppError> {
    let (parsed, mut errors) = match form.parse(today) {
        Ok(parsed) => (Some(parsed), Vec::new()),
        Err(errors) => (None, errors),
    };
    if let Some(id) = form.activity_type
        && !activity_type::Entity::find_by_id(id.0)
            .one(db)
            .await?
            .is_some_and(|t| t.active)
    {
        errors.push(FieldError::new(
            "activity_type",
            "Choose one of the activity types listed",
        ));
    }
    if !academies_open(db, &form.places, kept).await? {
        errors.push(FieldError::new("places", "Choose academies from the list"));
    }
    let claims = check_claims(&form.claims, framework).unwrap_or_else(|problems| {
        errors.extend(problems);
        Vec::new()
    });
    // Every address is looked up even when other fields are wrong, so that all is said at once
    // (a list that is too long has been refused already).
    let addresses = form.co_leader_addresses();
    let co_leaders = if addresses.len() <= MAX_LIST {
        co_leaders(db, owner, &addresses, &mut errors).await?
    } else {
        Vec::new()
    };
    match parsed {
        Some(entry) if errors.is_empty() => Ok(Checked {
            entry,
            claims,
            co_leaders,
        }),
        _ => {
            in_form_order(&mut errors);
            Err(AppError::Validation(errors))
        }
    }
}

/// Whether every academy named exists and is open (or is one the entry named already).
async fn academies_open(
    db: &impl ConnectionTrait,
    places: &[AcademyId],
    kept: &[i64],
) -> Result<bool, AppError> {
    let mut academies: Vec<i64> = places.iter().map(|a| a.0).collect();
    academies.sort_unstable();
    academies.dedup();
    if academies.is_empty() {
        return Ok(true);
    }
    let usable = academy::Entity::find()
        .filter(academy::Column::Id.is_in(academies.clone()))
        .all(db)
        .await?
        .iter()
        .filter(|a| a.closed_on.is_none() || kept.contains(&a.id))
        .count();
    Ok(usable == academies.len())
}

/// The people working in the trust with these addresses (other than the owner), each once; a
/// problem for each address that is not one.
async fn co_leaders(
    db: &impl ConnectionTrait,
    owner: i64,
    addresses: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<i64>, AppError> {
    let mut found_ids = Vec::new();
    for address in addresses {
        let found = match EmailAddress::parse(address) {
            Ok(email) => {
                person::Entity::find()
                    .filter(person::Column::Email.eq(email.as_str()))
                    .filter(person::Column::Status.eq(PersonStatus::Active.code()))
                    .one(db)
                    .await?
            }
            Err(_) => None,
        };
        match found {
            Some(p) if p.id == owner => errors.push(FieldError::new(
                "co_leaders",
                "List the other people who led it with you, not yourself",
            )),
            Some(p) => {
                if !found_ids.contains(&p.id) {
                    found_ids.push(p.id);
                }
            }
            None => errors.push(FieldError::new(
                "co_leaders",
                format!(
                    "No one working in the trust has the e-mail address “{}”",
                    address.chars().take(80).collect::<String>()
                ),
            )),
        }
    }
    Ok(found_ids)
}
