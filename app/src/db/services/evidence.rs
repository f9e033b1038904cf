//! Evidence entries: recording them, moving them through their lifecycle (every move checked
//! by `domain::evidence::decide` and written to the audit trail), and reading them back for
//! the people allowed to see them.

use super::framework::{load_document, published_version};
use crate::db::entities::{
    academy, activity_type, evidence_claim, evidence_co_leader, evidence_entry, evidence_event,
    evidence_file, evidence_link, evidence_place, framework_version, notification, person,
    verification_delegate,
};
use crate::domain::evidence::{
    Completeness, EvidenceAction, EvidenceStatus, MAX_LIST, Places, Refusal, Standing, decide,
    parse_hours, parse_links, parse_people, submission_problems,
};
use crate::domain::framework::{FrameworkDocument, descriptor_for};
use crate::domain::{AccessRole, EmailAddress, FieldError, PersonStatus, RoleCategory};
use crate::error::AppError;
use crate::mail::Email;
use crate::markdown;
use crate::model::{
    ClaimView, CurrentUser, EntryEditor, EntryForm, EntrySummary, EntryView, EventView,
    EvidenceList,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::collections::{BTreeMap, HashMap};

/// The longest a title may be.
pub const MAX_TITLE: usize = 200;
/// The longest either Markdown field may be.
pub const MAX_TEXT: usize = 20_000;

pub(super) const CHANGED_ELSEWHERE: &str = "This entry was changed by someone else while you had it open. Here is what it says now: nothing you sent has been saved, so please check it and try again.";

pub(super) fn status_of(entry: &evidence_entry::Model) -> EvidenceStatus {
    EvidenceStatus::from_code(&entry.status).unwrap_or(EvidenceStatus::Draft)
}

pub(super) fn refusal(refused: Refusal, action: EvidenceAction) -> AppError {
    match refused {
        Refusal::NotFound => AppError::NotFound,
        Refusal::NotAllowed => AppError::Forbidden,
        Refusal::WrongState(_) => AppError::Conflict(refused.message(action)),
    }
}

pub(super) async fn person(db: &impl ConnectionTrait, id: i64) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// How `user` stands to `owner`: the facts `decide` needs.
pub async fn standing(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    owner: &person::Model,
    now: DateTime<Utc>,
) -> Result<Standing, AppError> {
    let me = user.actor.id.0;
    // The owner stands as the owner: nothing about the line needs looking up.
    let own = owner.id == me;
    let delegate_for_manager = match owner.line_manager_id {
        _ if own => false,
        Some(manager) if manager != me => {
            super::unique(db, verification_delegate::Entity::find_by_id(manager))
                .await?
                .is_some_and(|d| d.delegate_id == me && d.until > now)
        }
        _ => false,
    };
    let mut above = false;
    if let Some(first) = owner.line_manager_id.filter(|_| !own) {
        let mut current = first;
        for _ in 0..32 {
            let Some(next) = super::unique(db, person::Entity::find_by_id(current))
                .await?
                .and_then(|p| p.line_manager_id)
            else {
                break;
            };
            if next == me {
                above = true;
                break;
            }
            if next == owner.id || next == first {
                break;
            }
            current = next;
        }
    }
    Ok(Standing {
        owner: owner.id == me,
        verifier: owner.line_manager_id == Some(me) || delegate_for_manager,
        above_in_line: above,
        academy_pd_lead: user.actor.has_role(AccessRole::AcademyPdLead)
            && owner.academy_id.is_some()
            && owner.academy_id == user.actor.academy.map(|a| a.0),
        hr: user.actor.has_role(AccessRole::Hr),
        administrator: user.actor.has_role(AccessRole::Administrator),
    })
}

/// The academic year a date falls in: September to August, as "2025 to 2026".
pub fn academic_year(date: NaiveDate) -> String {
    use crate::domain::portfolio::{academic_year_label, academic_year_start};
    academic_year_label(academic_year_start(date))
}

/// A date as people write it: "25 August 2026" (written directly: chrono's `format` reads its
/// pattern afresh each time, and a portfolio writes dozens of dates).
pub(super) fn long_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

fn parse_date(field: &str, text: &str) -> Result<Option<NaiveDate>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| FieldError::new(field, "Enter a real date, like 12 March 2026"))
}

/// A form checked for well-formedness (a draft may still be incomplete).
struct Checked {
    activity_type: Option<i64>,
    title: String,
    started_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    places: Places,
    hours_quarters: Option<i32>,
    people_reached: Option<i32>,
    what_done: String,
    reflection: String,
    /// (element uuid, code, level rank).
    claims: Vec<(String, String, u32)>,
    co_leaders: Vec<i64>,
    links: Vec<String>,
}

async fn check_form(
    db: &impl ConnectionTrait,
    owner: i64,
    form: &EntryForm,
    framework: Option<&FrameworkDocument>,
    today: NaiveDate,
) -> Result<Checked, AppError> {
    let mut errors = Vec::new();
    let activity_type = match form.activity_type {
        None => None,
        Some(id) => {
            let found = activity_type::Entity::find_by_id(id)
                .one(db)
                .await?
                .is_some_and(|t| t.active);
            if !found {
                errors.push(FieldError::new(
                    "activity_type",
                    "Choose one of the activity types listed",
                ));
            }
            Some(id)
        }
    };
    let title = form.title.trim().to_owned();
    if title.is_empty() {
        errors.push(FieldError::new("title", "Enter a title"));
    } else if title.chars().count() > MAX_TITLE {
        errors.push(FieldError::new(
            "title",
            format!("The title must be {MAX_TITLE} characters or fewer"),
        ));
    }
    let started_on = parse_date("started_on", &form.started_on).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let ended_on = parse_date("ended_on", &form.ended_on).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    if let Some(start) = started_on
        && start > today
    {
        errors.push(FieldError::new(
            "started_on",
            "The date cannot be in the future: record activities once they have happened",
        ));
    }
    match (started_on, ended_on) {
        (Some(start), Some(end)) if end < start => errors.push(FieldError::new(
            "ended_on",
            "The end date must be the same as or after the start date",
        )),
        (None, Some(_)) => errors.push(FieldError::new(
            "started_on",
            "Enter the start date as well as the end date",
        )),
        (_, Some(end)) if end > today => errors.push(FieldError::new(
            "ended_on",
            "The end date cannot be in the future",
        )),
        _ => {}
    }
    let mut academies = form.places.clone();
    academies.sort_unstable();
    academies.dedup();
    if !academies.is_empty() {
        let known = academy::Entity::find()
            .filter(academy::Column::Id.is_in(academies.clone()))
            .all(db)
            .await?
            .len();
        if known != academies.len() {
            errors.push(FieldError::new("places", "Choose academies from the list"));
        }
    }
    let hours_quarters = match form.hours.trim() {
        "" => None,
        text => match parse_hours(text) {
            Ok(hours) => Some((hours * 4.0).round() as i32),
            Err(message) => {
                errors.push(FieldError::new("hours", message));
                None
            }
        },
    };
    let people_reached = match form.people_reached.trim() {
        "" => None,
        text => match parse_people(text) {
            Ok(people) => Some(people as i32),
            Err(message) => {
                errors.push(FieldError::new("people_reached", message));
                None
            }
        },
    };
    for (field, text, label) in [
        ("what_done", &form.what_done, "What you did"),
        ("reflection", &form.reflection, "Your reflection"),
    ] {
        if text.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(
                field,
                format!("{label} must be {MAX_TEXT} characters or fewer"),
            ));
        }
    }
    let mut claims = Vec::new();
    if !form.claims.is_empty() {
        match framework {
            None => errors.push(FieldError::new(
                "claims",
                "The trust has not published its framework yet, so nothing can be claimed",
            )),
            Some(doc) => {
                let levels = doc.levels.len() as u32;
                for (code, level) in &form.claims {
                    let Some(element) = doc.elements().find(|e| &e.code == code) else {
                        errors.push(FieldError::new(
                            "claims",
                            format!("{code} is not an element of the current framework"),
                        ));
                        continue;
                    };
                    if *level == 0 || *level > levels {
                        errors.push(FieldError::new(
                            &format!("claim-{code}"),
                            format!("Choose one of the {levels} levels for {code}"),
                        ));
                        continue;
                    }
                    if claims.iter().any(|(_, c, _)| c == code) {
                        continue;
                    }
                    claims.push((element.id.clone().unwrap_or_default(), code.clone(), *level));
                }
            }
        }
    }
    let mut co_leaders = Vec::new();
    let addresses: Vec<&str> = form
        .co_leaders
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if addresses.len() > MAX_LIST {
        errors.push(FieldError::new(
            "co_leaders",
            format!("List at most {MAX_LIST} co-leaders"),
        ));
    } else {
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
                    if !co_leaders.contains(&p.id) {
                        co_leaders.push(p.id);
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
    }
    let links = parse_links(&form.links).unwrap_or_else(|message| {
        errors.push(FieldError::new("links", message));
        Vec::new()
    });
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(Checked {
        co_leaders,
        links,
        activity_type,
        title,
        started_on,
        ended_on,
        places: Places {
            academies,
            trust_wide: form.trust_wide,
        },
        hours_quarters,
        people_reached,
        what_done: crate::domain::framework_edit::clean_markdown(&form.what_done),
        reflection: crate::domain::framework_edit::clean_markdown(&form.reflection),
        claims,
    })
}

fn claim_levels(claims: &[evidence_claim::Model], verified: bool) -> BTreeMap<String, i32> {
    claims
        .iter()
        .map(|c| {
            let level = if verified {
                c.verified_level.unwrap_or(c.claimed_level)
            } else {
                c.claimed_level
            };
            (c.element_code.clone(), level)
        })
        .collect()
}

async fn claims_of(
    db: &impl ConnectionTrait,
    entry: i64,
) -> Result<Vec<evidence_claim::Model>, AppError> {
    Ok(evidence_claim::Entity::find()
        .filter(evidence_claim::Column::EntryId.eq(entry))
        .order_by_asc(evidence_claim::Column::Id)
        .all(db)
        .await?)
}

/// The academies an entry happened at.
async fn places_of(db: &impl ConnectionTrait, entry: i64) -> Result<Vec<i64>, AppError> {
    Ok(evidence_place::Entity::find()
        .filter(evidence_place::Column::EntryId.eq(entry))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.academy_id)
        .collect())
}

/// The people who led an entry with its owner, by name.
async fn co_leaders_of(
    db: &impl ConnectionTrait,
    entry: i64,
) -> Result<Vec<person::Model>, AppError> {
    let ids: Vec<i64> = evidence_co_leader::Entity::find()
        .filter(evidence_co_leader::Column::EntryId.eq(entry))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.person_id)
        .collect();
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .order_by_asc(person::Column::Name)
        .all(db)
        .await?)
}

/// An entry's links, in the order given.
async fn links_of(db: &impl ConnectionTrait, entry: i64) -> Result<Vec<String>, AppError> {
    Ok(evidence_link::Entity::find()
        .filter(evidence_link::Column::EntryId.eq(entry))
        .order_by_asc(evidence_link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.url)
        .collect())
}

/// What stops an entry being submitted, as it is stored.
async fn problems_before_submitting(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    owner: &person::Model,
    academies: Vec<i64>,
    claims: usize,
) -> Result<Vec<FieldError>, AppError> {
    let needs_host = match entry.activity_type_id {
        Some(t) => activity_type::Entity::find_by_id(t)
            .one(db)
            .await?
            .is_some_and(|t| t.needs_host),
        None => false,
    };
    Ok(submission_problems(&Completeness {
        has_activity_type: entry.activity_type_id.is_some(),
        needs_host,
        title: &entry.title,
        has_date: entry.started_on.is_some(),
        places: &Places {
            academies,
            trust_wide: entry.trust_wide,
        },
        home_academy: owner.academy_id,
        hours: entry.hours_quarters.map(|q| f64::from(q) / 4.0),
        what_done: &entry.what_done,
        claims,
    }))
}

#[allow(clippy::too_many_arguments)]
async fn record_event(
    db: &impl ConnectionTrait,
    entry: i64,
    actor: i64,
    action: EvidenceAction,
    from: Option<EvidenceStatus>,
    to: EvidenceStatus,
    comment: &str,
    before: &BTreeMap<String, i32>,
    after: &BTreeMap<String, i32>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    evidence_event::Entity::insert(evidence_event::ActiveModel {
        entry_id: Set(entry),
        actor_id: Set(actor),
        at: Set(now),
        action: Set(serde_json::to_value(action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()),
        from_status: Set(from.map(|s| s.code().to_owned())),
        to_status: Set(to.code().to_owned()),
        comment: Set(comment.to_owned()),
        levels_before: Set(serde_json::to_string(before).unwrap_or_default()),
        levels_after: Set(serde_json::to_string(after).unwrap_or_default()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Moves the entry on to `revision + 1`, only if nobody else has moved it first.
pub(super) async fn bump(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    expected_revision: i32,
    changes: evidence_entry::ActiveModel,
) -> Result<(), AppError> {
    let mut changes = changes;
    changes.revision = Set(expected_revision + 1);
    let result = evidence_entry::Entity::update_many()
        .set(changes)
        .filter(evidence_entry::Column::Id.eq(entry.id))
        .filter(evidence_entry::Column::Revision.eq(expected_revision))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()))
    }
}

/// Saves the evidence form: a new draft (`id: None`) or changes to the owner's draft or
/// returned entry. Returns the entry's id.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<i64>,
    revision: i32,
    form: &EntryForm,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let txn = super::write_transaction(db).await?;
    // Who may change it is settled before anything about the form is said.
    let existing = match id {
        None => None,
        Some(id) => {
            let entry = evidence_entry::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let owner = person(&txn, entry.owner_id).await?;
            let standing = standing(&txn, user, &owner, now).await?;
            decide(standing, status_of(&entry), EvidenceAction::Edit)
                .map_err(|r| refusal(r, EvidenceAction::Edit))?;
            Some(entry)
        }
    };
    let published = published_version(&txn).await?;
    let framework = match &published {
        Some(version) => Some(load_document(&txn, version).await?),
        None => None,
    };
    let checked = check_form(
        &txn,
        user.actor.id.0,
        form,
        framework.as_ref(),
        now.date_naive(),
    )
    .await?;
    let fields = evidence_entry::ActiveModel {
        activity_type_id: Set(checked.activity_type),
        title: Set(checked.title.clone()),
        started_on: Set(checked.started_on),
        ended_on: Set(checked.ended_on),
        trust_wide: Set(checked.places.trust_wide),
        hours_quarters: Set(checked.hours_quarters),
        people_reached: Set(checked.people_reached),
        what_done: Set(checked.what_done.clone()),
        reflection: Set(checked.reflection.clone()),
        framework_version_id: Set(published.as_ref().map(|v| v.id)),
        updated_at: Set(now),
        ..Default::default()
    };
    let entry_id = match existing {
        None => {
            let mut new = fields;
            new.owner_id = Set(user.actor.id.0);
            new.status = Set(EvidenceStatus::Draft.code().to_owned());
            new.revision = Set(0);
            new.created_at = Set(now);
            let id = evidence_entry::Entity::insert(new)
                .exec(&txn)
                .await?
                .last_insert_id;
            let levels = checked
                .claims
                .iter()
                .map(|(_, code, level)| (code.clone(), *level as i32))
                .collect();
            record_event(
                &txn,
                id,
                user.actor.id.0,
                EvidenceAction::Edit,
                None,
                EvidenceStatus::Draft,
                "",
                &BTreeMap::new(),
                &levels,
                now,
            )
            .await?;
            id
        }
        Some(entry) => {
            let id = entry.id;
            bump(&txn, &entry, revision, fields).await?;
            evidence_place::Entity::delete_many()
                .filter(evidence_place::Column::EntryId.eq(id))
                .exec(&txn)
                .await?;
            evidence_claim::Entity::delete_many()
                .filter(evidence_claim::Column::EntryId.eq(id))
                .exec(&txn)
                .await?;
            evidence_co_leader::Entity::delete_many()
                .filter(evidence_co_leader::Column::EntryId.eq(id))
                .exec(&txn)
                .await?;
            evidence_link::Entity::delete_many()
                .filter(evidence_link::Column::EntryId.eq(id))
                .exec(&txn)
                .await?;
            id
        }
    };
    if !checked.co_leaders.is_empty() {
        evidence_co_leader::Entity::insert_many(checked.co_leaders.iter().map(|p| {
            evidence_co_leader::ActiveModel {
                entry_id: Set(entry_id),
                person_id: Set(*p),
            }
        }))
        .exec(&txn)
        .await?;
    }
    if !checked.links.is_empty() {
        evidence_link::Entity::insert_many(checked.links.iter().map(|url| {
            evidence_link::ActiveModel {
                entry_id: Set(entry_id),
                url: Set(url.clone()),
                label: Set(String::new()),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    if !checked.places.academies.is_empty() {
        evidence_place::Entity::insert_many(checked.places.academies.iter().map(|a| {
            evidence_place::ActiveModel {
                entry_id: Set(entry_id),
                academy_id: Set(*a),
            }
        }))
        .exec(&txn)
        .await?;
    }
    if !checked.claims.is_empty() {
        evidence_claim::Entity::insert_many(checked.claims.iter().map(|(uuid, code, level)| {
            evidence_claim::ActiveModel {
                entry_id: Set(entry_id),
                element_uuid: Set(uuid.clone()),
                element_code: Set(code.clone()),
                claimed_level: Set(*level as i32),
                verified_level: Set(None),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(entry_id)
}

/// Gives a trust with no activity types the starter set. Idempotent.
pub async fn ensure_activity_types(db: &impl ConnectionTrait) -> Result<(), AppError> {
    use sea_orm::PaginatorTrait;
    if activity_type::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    activity_type::Entity::insert_many(
        crate::domain::evidence::STARTER_ACTIVITY_TYPES
            .iter()
            .enumerate()
            .map(
                |(i, (name, description, needs_host, suggested))| activity_type::ActiveModel {
                    name: Set((*name).to_owned()),
                    description: Set((*description).to_owned()),
                    needs_host: Set(*needs_host),
                    suggested_elements: Set((*suggested).to_owned()),
                    position: Set(i as i32),
                    active: Set(true),
                    ..Default::default()
                },
            ),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// What the verifier decided about each claim: element code → level rank.
pub type Levels = HashMap<String, u32>;

/// Takes a lifecycle action on an entry: submit, withdraw, verify, request changes or
/// decline. `revision` is the one the person was looking at; if the entry has moved on
/// since, nothing happens and they are told so.
#[allow(clippy::too_many_arguments)] // each is one field of the form the person sent
pub async fn act(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    revision: i32,
    action: EvidenceAction,
    comment: &str,
    levels: &Levels,
    now: DateTime<Utc>,
) -> Result<Acted, AppError> {
    let txn = super::write_transaction(db).await?;
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = person(&txn, entry.owner_id).await?;
    let standing = standing(&txn, user, &owner, now).await?;
    let from = status_of(&entry);
    let to = decide(standing, from, action).map_err(|r| refusal(r, action))?;
    if entry.revision != revision {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    let comment = comment.trim();
    if action.needs_comment() && comment.is_empty() {
        return Err(AppError::field(
            "comment",
            match action {
                EvidenceAction::Decline => "Say why the entry is declined",
                _ => "Say what needs to change",
            },
        ));
    }
    if comment.chars().count() > 5_000 {
        return Err(AppError::field(
            "comment",
            "The comment must be 5,000 characters or fewer",
        ));
    }
    let claims = claims_of(&txn, id).await?;
    if action == EvidenceAction::Submit {
        let problems = problems_before_submitting(
            &txn,
            &entry,
            &owner,
            places_of(&txn, id).await?,
            claims.len(),
        )
        .await?;
        if !problems.is_empty() {
            return Err(AppError::Validation(problems));
        }
    }
    let before = claim_levels(&claims, false);
    let mut after = before.clone();
    if action == EvidenceAction::Verify {
        let level_count = match entry.framework_version_id {
            Some(v) => crate::db::entities::level::Entity::find()
                .filter(crate::db::entities::level::Column::VersionId.eq(v))
                .all(&txn)
                .await?
                .len() as u32,
            None => 0,
        };
        for claim in &claims {
            let level = levels
                .get(&claim.element_code)
                .copied()
                .unwrap_or(claim.claimed_level as u32);
            if level == 0 || level > level_count {
                return Err(AppError::field(
                    &format!("level-{}", claim.element_code),
                    format!("Choose one of the levels for {}", claim.element_code),
                ));
            }
            after.insert(claim.element_code.clone(), level as i32);
            evidence_claim::Entity::update_many()
                .col_expr(
                    evidence_claim::Column::VerifiedLevel,
                    sea_orm::sea_query::Expr::value(level as i32),
                )
                .filter(evidence_claim::Column::Id.eq(claim.id))
                .exec(&txn)
                .await?;
        }
    }
    let mut changes = evidence_entry::ActiveModel {
        status: Set(to.code().to_owned()),
        updated_at: Set(now),
        ..Default::default()
    };
    match action {
        EvidenceAction::Submit => changes.submitted_at = Set(Some(now)),
        EvidenceAction::Verify | EvidenceAction::RequestChanges | EvidenceAction::Decline => {
            changes.decided_at = Set(Some(now));
        }
        _ => {}
    }
    bump(&txn, &entry, revision, changes).await?;
    record_event(
        &txn,
        id,
        user.actor.id.0,
        action,
        Some(from),
        to,
        comment,
        &before,
        &after,
        now,
    )
    .await?;
    let email = notify(&txn, &entry, &owner, user, action, comment, now).await?;
    txn.commit().await?;
    Ok(Acted { status: to, email })
}

/// Deletes one of the owner's drafts, with its files. Nothing else can be deleted: what was
/// submitted stays on the record.
pub async fn delete(
    db: &DatabaseConnection,
    store: &dyn crate::storage::FileStore,
    user: &CurrentUser,
    id: i64,
    revision: i32,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let txn = super::write_transaction(db).await?;
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = person(&txn, entry.owner_id).await?;
    let standing = standing(&txn, user, &owner, now).await?;
    decide(standing, status_of(&entry), EvidenceAction::Delete)
        .map_err(|r| refusal(r, EvidenceAction::Delete))?;
    if entry.revision != revision {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    let keys: Vec<String> = evidence_file::Entity::find()
        .filter(evidence_file::Column::EntryId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|f| f.storage_key)
        .collect();
    // Its parts go with it (the foreign keys cascade); the revision guards a race with an edit.
    let deleted = evidence_entry::Entity::delete_many()
        .filter(evidence_entry::Column::Id.eq(id))
        .filter(evidence_entry::Column::Revision.eq(revision))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(AppError::Conflict(CHANGED_ELSEWHERE.to_owned()));
    }
    txn.commit().await?;
    super::evidence_files::forget(store, keys).await;
    Ok(entry.title)
}

/// What an action did: the entry's new status, and the e-mail to send now it is saved.
#[derive(Debug)]
pub struct Acted {
    pub status: EvidenceStatus,
    pub email: Option<Email>,
}

/// Tells the verifier of a submission, and the owner of a decision: in the app now, and by
/// the e-mail returned once the change is saved.
#[allow(clippy::too_many_arguments)]
async fn notify(
    db: &impl ConnectionTrait,
    entry: &evidence_entry::Model,
    owner: &person::Model,
    user: &CurrentUser,
    action: EvidenceAction,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<Option<Email>, AppError> {
    let (to, kind, message, subject) = match action {
        EvidenceAction::Submit => {
            let Some(manager) = owner.line_manager_id else {
                return Ok(None);
            };
            let to = match verification_delegate::Entity::find_by_id(manager)
                .one(db)
                .await?
            {
                Some(d) if d.until > now => d.delegate_id,
                _ => manager,
            };
            (
                person(db, to).await?,
                "submitted",
                format!(
                    "{} submitted “{}” for verification.",
                    owner.name, entry.title
                ),
                format!("To verify: “{}” from {}", entry.title, owner.name),
            )
        }
        EvidenceAction::Verify => (
            owner.clone(),
            "verified",
            format!("{} verified “{}”.", user.name, entry.title),
            format!("Verified: “{}”", entry.title),
        ),
        EvidenceAction::RequestChanges => (
            owner.clone(),
            "changes_requested",
            format!("{} asked for changes to “{}”.", user.name, entry.title),
            format!("Changes asked for: “{}”", entry.title),
        ),
        EvidenceAction::Decline => (
            owner.clone(),
            "declined",
            format!("{} declined “{}”.", user.name, entry.title),
            format!("Declined: “{}”", entry.title),
        ),
        _ => return Ok(None),
    };
    notification::Entity::insert(notification::ActiveModel {
        person_id: Set(to.id),
        entry_id: Set(Some(entry.id)),
        kind: Set(kind.to_owned()),
        message: Set(message.clone()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let first_name = to.name.split_whitespace().next().unwrap_or(&to.name);
    let comment = if comment.is_empty() {
        String::new()
    } else {
        format!(
            "Their comment:\n\n    {}\n\n",
            comment.replace('\n', "\n    ")
        )
    };
    let next = if action == EvidenceAction::Submit {
        "Open it to verify"
    } else {
        "Open it"
    };
    Ok(Some(Email {
        to_name: to.name.clone(),
        to_address: to.email.clone(),
        subject,
        body: format!(
            "Hello {first_name},\n\n{message}\n\n{comment}{next}: {{base}}/evidence/{}\n\nWaymark\n",
            entry.id
        ),
    }))
}

pub(super) async fn activity_names(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, String>, AppError> {
    Ok(activity_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

fn summary(
    entry: &evidence_entry::Model,
    activities: &HashMap<i64, String>,
    owner: &str,
    now: DateTime<Utc>,
) -> EntrySummary {
    EntrySummary {
        id: entry.id,
        title: entry.title.clone(),
        activity: entry
            .activity_type_id
            .and_then(|id| activities.get(&id).cloned())
            .unwrap_or_default(),
        status: status_of(entry),
        date: entry.started_on.map(long_date).unwrap_or_default(),
        academic_year: entry.started_on.map(academic_year).unwrap_or_default(),
        owner: owner.to_owned(),
        waiting_days: entry.submitted_at.map(|at| (now - at).num_days()),
    }
}

/// The signed-in person's own entries, newest first, narrowed by status, academic year and
/// words in the title.
pub async fn mine(
    db: &DatabaseConnection,
    user: &CurrentUser,
    status: Option<EvidenceStatus>,
    year: Option<&str>,
    search: &str,
    now: DateTime<Utc>,
) -> Result<EvidenceList, AppError> {
    let all = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.eq(user.actor.id.0))
        .order_by_desc(evidence_entry::Column::StartedOn)
        .order_by_desc(evidence_entry::Column::Id)
        .all(db)
        .await?;
    let activities = activity_names(db).await?;
    let mut years: Vec<String> = all
        .iter()
        .filter_map(|e| e.started_on.map(academic_year))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let entries = all
        .iter()
        .map(|e| summary(e, &activities, &user.name, now))
        .filter(|e| status.is_none_or(|s| e.status == s))
        .filter(|e| year.is_none_or(|y| e.academic_year == y))
        .filter(|e| {
            let haystack = format!("{} {}", e.title, e.activity).to_lowercase();
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .collect();
    Ok(EvidenceList {
        entries,
        academic_years: years,
        total: all.len(),
    })
}

/// Entries waiting for `user` to verify, oldest first: those of their direct reports, and
/// of the reports of managers they are standing in for.
pub async fn queue(
    db: &DatabaseConnection,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<EntrySummary>, AppError> {
    let me = user.actor.id.0;
    let mut managers = vec![me];
    managers.extend(
        verification_delegate::Entity::find()
            .filter(verification_delegate::Column::DelegateId.eq(me))
            .filter(verification_delegate::Column::Until.gt(now))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.manager_id),
    );
    let reports: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::LineManagerId.is_in(managers))
        .filter(person::Column::Id.ne(me))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let entries = evidence_entry::Entity::find()
        .filter(evidence_entry::Column::OwnerId.is_in(reports.keys().copied()))
        .filter(evidence_entry::Column::Status.eq(EvidenceStatus::Submitted.code()))
        .order_by_asc(evidence_entry::Column::SubmittedAt)
        .all(db)
        .await?;
    let activities = activity_names(db).await?;
    Ok(entries
        .iter()
        .map(|e| {
            let owner = reports.get(&e.owner_id).map_or("", String::as_str);
            summary(e, &activities, owner, now)
        })
        .collect())
}

fn action_label(code: &str) -> &'static str {
    match code {
        "edit" => "Started the entry",
        "submit" => "Submitted for verification",
        "withdraw" => "Withdrew it to make changes",
        "verify" => "Verified",
        "request_changes" => "Asked for changes",
        "decline" => "Declined",
        _ => "Changed",
    }
}

/// One entry, for someone allowed to see it.
pub async fn view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    now: DateTime<Utc>,
) -> Result<EntryView, AppError> {
    let entry = evidence_entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = person(db, entry.owner_id).await?;
    let standing = standing(db, user, &owner, now).await?;
    let status = status_of(&entry);
    decide(standing, status, EvidenceAction::View).map_err(|r| refusal(r, EvidenceAction::View))?;
    let actions = [
        EvidenceAction::Edit,
        EvidenceAction::Submit,
        EvidenceAction::Withdraw,
        EvidenceAction::Verify,
        EvidenceAction::RequestChanges,
        EvidenceAction::Decline,
        EvidenceAction::Delete,
    ]
    .into_iter()
    .filter(|a| decide(standing, status, *a).is_ok())
    .collect::<Vec<_>>();

    let version = match entry.framework_version_id {
        Some(v) => framework_version::Entity::find_by_id(v).one(db).await?,
        None => None,
    };
    let doc = match &version {
        Some(v) => Some(load_document(db, v).await?),
        None => None,
    };
    let level_names: Vec<String> = doc
        .as_ref()
        .map(|d| d.levels.iter().map(|l| l.name.clone()).collect())
        .unwrap_or_default();
    let level_name = |rank: i32| {
        level_names
            .get((rank as usize).wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| format!("Level {rank}"))
    };
    let category = RoleCategory::from_code(&owner.role_category);
    let claims = claims_of(db, id)
        .await?
        .into_iter()
        .map(|c| {
            let element = doc.as_ref().and_then(|d| {
                d.elements()
                    .find(|e| e.id.as_deref() == Some(c.element_uuid.as_str()))
            });
            ClaimView {
                code: c.element_code.clone(),
                title: element.map(|e| e.title.clone()).unwrap_or_default(),
                claimed: c.claimed_level as u32,
                claimed_name: level_name(c.claimed_level),
                verified: c.verified_level.map(|l| l as u32),
                verified_name: c.verified_level.map(level_name),
                descriptor_html: element
                    .and_then(|e| descriptor_for(&e.descriptors, c.claimed_level as u32, category))
                    .map(|d| markdown::render(&d.body)),
            }
        })
        .collect::<Vec<ClaimView>>();

    let academies = places_of(db, id).await?;
    let places: Vec<String> = {
        let mut names: Vec<String> = academy::Entity::find()
            .filter(academy::Column::Id.is_in(academies.clone()))
            .order_by_asc(academy::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.name)
            .collect();
        if entry.trust_wide {
            names.push("Trust-wide / online".to_owned());
        }
        names
    };
    let co_leaders: Vec<String> = co_leaders_of(db, id)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    let links = links_of(db, id).await?;
    let owner_academy = match owner.academy_id {
        Some(a) => academy::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    };

    let events = evidence_event::Entity::find()
        .filter(evidence_event::Column::EntryId.eq(id))
        .order_by_asc(evidence_event::Column::At)
        .order_by_asc(evidence_event::Column::Id)
        .all(db)
        .await?;
    let actors: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(events.iter().map(|e| e.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let timeline = events
        .iter()
        .map(|e| {
            let before: BTreeMap<String, i32> =
                serde_json::from_str(&e.levels_before).unwrap_or_default();
            let after: BTreeMap<String, i32> =
                serde_json::from_str(&e.levels_after).unwrap_or_default();
            let level_changes = if e.action == "verify" {
                after
                    .iter()
                    .filter(|(code, level)| before.get(*code) != Some(level))
                    .map(|(code, level)| {
                        format!(
                            "{code}: claimed {}, verified at {}",
                            before.get(code).map(|l| level_name(*l)).unwrap_or_default(),
                            level_name(*level)
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            EventView {
                who: actors.get(&e.actor_id).cloned().unwrap_or_default(),
                when: e.at.format("%-d %B %Y at %H:%M").to_string(),
                what: action_label(&e.action).to_owned(),
                comment: e.comment.clone(),
                level_changes,
            }
        })
        .collect();

    let activity = match entry.activity_type_id {
        Some(t) => activity_type::Entity::find_by_id(t)
            .one(db)
            .await?
            .map(|t| t.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let dates = match (entry.started_on, entry.ended_on) {
        (Some(start), Some(end)) if end != start => {
            format!("{} to {}", long_date(start), long_date(end))
        }
        (Some(start), _) => long_date(start),
        _ => String::new(),
    };
    let submission_problems = if actions.contains(&EvidenceAction::Submit) {
        problems_before_submitting(db, &entry, &owner, academies, claims.len()).await?
    } else {
        Vec::new()
    };
    Ok(EntryView {
        id,
        revision: entry.revision,
        owner: owner.name.clone(),
        owner_academy,
        status,
        activity,
        title: entry.title.clone(),
        dates,
        places,
        hours: entry.hours_quarters.map(format_hours),
        people_reached: entry.people_reached.map(|p| p as u32),
        co_leaders,
        links,
        files: super::evidence_files::files_of(db, id).await?,
        what_done_html: markdown::render(&entry.what_done),
        reflection_html: markdown::render(&entry.reflection),
        claims,
        levels: level_names,
        timeline,
        actions,
        submission_problems,
    })
}

/// "1.5 hours", "1 hour", "2.25 hours".
pub fn format_hours(quarters: i32) -> String {
    let hours = f64::from(quarters) / 4.0;
    let number = if quarters % 4 == 0 {
        format!("{}", quarters / 4)
    } else {
        format!("{hours}")
    };
    if quarters == 4 {
        "1 hour".to_owned()
    } else {
        format!("{number} hours")
    }
}

/// The evidence form: a new entry (`id: None`) or the owner's draft or returned entry.
pub async fn editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<EntryEditor, AppError> {
    let (revision, form) = match id {
        None => (0, EntryForm::default()),
        Some(id) => {
            let entry = evidence_entry::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let owner = person(db, entry.owner_id).await?;
            let standing = standing(db, user, &owner, now).await?;
            decide(standing, status_of(&entry), EvidenceAction::Edit)
                .map_err(|r| refusal(r, EvidenceAction::Edit))?;
            let places = places_of(db, id).await?;
            let claims = claims_of(db, id)
                .await?
                .into_iter()
                .map(|c| (c.element_code, c.claimed_level as u32))
                .collect();
            let co_leaders = co_leaders_of(db, id)
                .await?
                .into_iter()
                .map(|p| p.email)
                .collect::<Vec<_>>()
                .join("\n");
            let links = links_of(db, id).await?.join("\n");
            (
                entry.revision,
                EntryForm {
                    activity_type: entry.activity_type_id,
                    title: entry.title,
                    started_on: entry
                        .started_on
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    ended_on: entry
                        .ended_on
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    places,
                    trust_wide: entry.trust_wide,
                    hours: entry
                        .hours_quarters
                        .map(|q| format!("{}", f64::from(q) / 4.0))
                        .unwrap_or_default(),
                    people_reached: entry
                        .people_reached
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    what_done: entry.what_done,
                    reflection: entry.reflection,
                    claims,
                    co_leaders,
                    links,
                },
            )
        }
    };
    let published = match published_version(db).await? {
        Some(v) => Some(load_document(db, &v).await?),
        None => None,
    };
    let published_elements: HashMap<&str, &str> = published
        .iter()
        .flat_map(|doc| doc.elements())
        .map(|e| (e.code.as_str(), e.title.as_str()))
        .collect();
    // Each type's description, with what it usually shows and whether it needs a host.
    let activity_types = activity_type::Entity::find()
        .filter(activity_type::Column::Active.eq(true))
        .order_by_asc(activity_type::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let suggested: Vec<String> = t
                .suggested_elements
                .split(',')
                .map(str::trim)
                .filter_map(|c| {
                    published_elements
                        .get(c)
                        .map(|title| format!("{c} {title}"))
                })
                .collect();
            let mut about = t.description.clone();
            if !suggested.is_empty() {
                about.push_str(&format!(" Often shows: {}.", suggested.join(", ")));
            }
            if t.needs_host {
                about.push_str(" Choose the academy where it took place.");
            }
            (t.id, t.name, about)
        })
        .collect();
    let academies = academy::Entity::find()
        .order_by_asc(academy::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let (elements, levels) = match &published {
        Some(doc) => (
            doc.strands
                .iter()
                .flat_map(|s| {
                    s.elements
                        .iter()
                        .map(|e| (e.code.clone(), e.title.clone(), s.name.clone()))
                })
                .collect(),
            doc.levels.iter().map(|l| l.name.clone()).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(EntryEditor {
        id,
        revision,
        form,
        activity_types,
        academies,
        home_academy: user.actor.academy.map(|a| a.0),
        elements,
        levels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_academic_year_runs_from_september_to_august() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(academic_year(d(2025, 9, 1)), "2025 to 2026");
        assert_eq!(academic_year(d(2026, 8, 31)), "2025 to 2026");
        assert_eq!(academic_year(d(2026, 9, 1)), "2026 to 2027");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(long_date(d(2026, 8, 5)), "5 August 2026");
        assert_eq!(long_date(d(2025, 12, 31)), "31 December 2025");
        assert_eq!(long_date(d(2026, 1, 1)), "1 January 2026");
        for month in 1..=12 {
            let date = d(2026, month, 14);
            assert_eq!(long_date(date), date.format("%-d %B %Y").to_string());
        }
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(format_hours(4), "1 hour");
        assert_eq!(format_hours(6), "1.5 hours");
        assert_eq!(format_hours(8), "2 hours");
        assert_eq!(format_hours(9), "2.25 hours");
    }
}
