//! Signing in and out, and finding who a session belongs to.

use super::org::{Header, academy_name_of_person, read_header, with_header_columns};
use crate::db::entities::{person, person_role, session, sign_in_failure};
use crate::domain::throttle::{FailureRecord, ThrottlePolicy, wait_in_words};
use crate::domain::{
    AcademyId, AccessRole, Actor, EmailAddress, Password, PersonId, PersonStatus, RoleCategory,
};
use crate::error::AppError;
use crate::model::CurrentUser;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, FromQueryResult, IdenStatic, QueryFilter, QueryResult, QuerySelect, QueryTrait,
    SelectA, SelectB,
};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// How long a session lasts without signing in again.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);

/// A session just created: the token goes into the cookie and nowhere else.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Hashes a password with argon2id. CPU-heavy: call it off the async runtime
/// (`hash_password_blocking` does).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|err| {
        tracing::error!(%err, "salt encoding failed");
        AppError::Internal
    })?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| {
            tracing::error!(%err, "password hashing failed");
            AppError::Internal
        })
}

/// `hash_password` on tokio's blocking pool.
pub async fn hash_password_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| AppError::Internal)?
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of nothing in particular, verified against when the e-mail is unknown so that a
/// wrong address takes as long to refuse as a wrong password.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2bjZQyBGJAa3bpqN3UMe3tGyS0YA1yIkxuLOkLu2A4k";

/// The session id stored for a cookie token.
fn session_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Checks an e-mail and password and, if they match an active person, starts a session.
/// `previous_token` (the cookie the browser already held, if any) is ended, so the session
/// id always changes at sign-in.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    address: Option<IpAddr>,
    previous_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<NewSession, AppError> {
    let email_result = EmailAddress::parse(email);
    let password_result = Password::parse(password);
    let (email, password) = match (email_result, password_result) {
        (Ok(email), Ok(password)) => (email, password),
        (email, password) => {
            let mut errors = Vec::new();
            if let Err(err) = email {
                errors.push(err.for_field("email"));
            }
            if let Err(err) = password {
                errors.push(err.for_field("password"));
            }
            return Err(AppError::Validation(errors));
        }
    };

    let account_key = format!("account:{email}");
    let address_key = address.map(|ip| format!("address:{ip}"));
    let mut checks = vec![(account_key.clone(), ThrottlePolicy::PER_ACCOUNT)];
    if let Some(key) = &address_key {
        checks.push((key.clone(), ThrottlePolicy::PER_ADDRESS));
    }
    for (key, policy) in &checks {
        if let Err(wait) = policy.check(failure_record(db, key).await?, now) {
            tracing::warn!(key, "sign-in throttled");
            return Err(AppError::TooManyAttempts(wait_in_words(wait)));
        }
    }

    let person = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .one(db)
        .await?;
    let stored_hash = person
        .as_ref()
        .and_then(|p| p.password_hash.clone())
        .unwrap_or_else(|| DECOY_HASH.to_owned());
    let typed = password.expose().to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&typed, &stored_hash))
        .await
        .map_err(|_| AppError::Internal)?;

    let person = match person {
        Some(person) if matches => person,
        _ => {
            for (key, policy) in &checks {
                let record = policy.record_failure(failure_record(db, key).await?, now);
                save_failure_record(db, key, record).await?;
            }
            return Err(AppError::InvalidCredentials);
        }
    };

    sign_in_failure::Entity::delete_by_id(account_key)
        .exec(db)
        .await?;
    if let Some(token) = previous_token {
        sign_out(db, token).await?;
    }
    start_session(db, PersonId(person.id), now).await
}

/// Creates a session for `person` and returns its token.
pub async fn start_session(
    db: &DatabaseConnection,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<NewSession, AppError> {
    let token = hex::encode(rand::random::<[u8; 32]>());
    let expires_at = now + SESSION_LIFETIME;
    session::ActiveModel {
        id: Set(session_id(&token)),
        person_id: Set(person.0),
        created_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(db)
    .await?;
    Ok(NewSession { token, expires_at })
}

/// Ends the session with this token, if there is one. Ending an unknown session is not an error.
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(session_id(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Who is signed in, and what the header shows them.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: CurrentUser,
    pub header: Header,
}

/// The person a session token belongs to, if the session is live and they are still active,
/// with what the header shows them.
///
/// Every signed-in request asks this, so it is one statement: the session, its person, what
/// the signed-in view needs about them and the header.
pub async fn session_user(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<SignedIn>, AppError> {
    let found = with_view_columns(
        session::Entity::find_by_id(session_id(token)).find_also_related(person::Entity),
    )
    .into_query();
    let found = with_header_columns(found, Some(Expr::col((person::Entity, person::Column::Id))));
    let Some(row) = db.query_one(&found).await? else {
        return Ok(None);
    };
    let session = session::Model::from_query_result(&row, SelectA.as_str())?;
    if session.expires_at <= now {
        session::Entity::delete_by_id(session.id).exec(db).await?;
        return Ok(None);
    }
    let Some(person) = person::Model::from_query_result_optional(&row, SelectB.as_str())? else {
        return Ok(None);
    };
    if person.status != PersonStatus::Active.code() {
        return Ok(None);
    }
    Ok(Some(SignedIn {
        user: signed_in_view(person, &row)?,
        header: read_header(&row, true)?,
    }))
}

/// Builds the signed-in view of a person: their roles, academy and number of reports.
pub async fn current_user(
    db: &DatabaseConnection,
    person: person::Model,
) -> Result<CurrentUser, AppError> {
    let view = with_view_columns(
        person::Entity::find_by_id(person.id)
            .select_only()
            .column(person::Column::Id),
    )
    .into_query();
    let row = db.query_one(&view).await?.ok_or(AppError::NotFound)?;
    Ok(signed_in_view(person, &row)?)
}

/// The column that tells whether the person holds `role`.
fn role_column(role: AccessRole) -> String {
    format!("role_{}", role.code())
}

/// Adds to a query that has the `person` table in it what the signed-in view needs beyond the
/// person's own row: which roles they hold, how many active people they manage, and their
/// academy's and line manager's names.
fn with_view_columns<Q: QuerySelect>(query: Q) -> Q {
    let (report, manager) = ("report", "manager");
    let mut query = query
        .expr_as(
            Query::select()
                .expr(Expr::col((report, person::Column::Id)).count())
                .from_as(person::Entity, report)
                .and_where(
                    Expr::col((report, person::Column::LineManagerId))
                        .equals((person::Entity, person::Column::Id)),
                )
                .and_where(
                    Expr::col((report, person::Column::Status)).eq(PersonStatus::Active.code()),
                )
                .to_owned(),
            "direct_reports",
        )
        .expr_as(academy_name_of_person(), "academy_name")
        .expr_as(
            Query::select()
                .column((manager, person::Column::Name))
                .from_as(person::Entity, manager)
                .and_where(
                    Expr::col((manager, person::Column::Id))
                        .equals((person::Entity, person::Column::LineManagerId)),
                )
                .to_owned(),
            "line_manager_name",
        );
    for role in AccessRole::ALL {
        query = query.expr_as(
            Expr::exists(
                Query::select()
                    .expr(Expr::val(1))
                    .from(person_role::Entity)
                    .and_where(
                        Expr::col((person_role::Entity, person_role::Column::PersonId))
                            .equals((person::Entity, person::Column::Id)),
                    )
                    .and_where(
                        Expr::col((person_role::Entity, person_role::Column::Role)).eq(role.code()),
                    )
                    .to_owned(),
            ),
            role_column(*role),
        );
    }
    query
}

/// The signed-in view of `person`, from a row with [`with_view_columns`].
fn signed_in_view(person: person::Model, row: &QueryResult) -> Result<CurrentUser, sea_orm::DbErr> {
    let direct_reports: i64 = row.try_get("", "direct_reports")?;
    let mut roles = Vec::new();
    for role in AccessRole::ALL {
        if row.try_get::<bool>("", &role_column(*role))? {
            roles.push(*role);
        }
    }
    Ok(CurrentUser {
        actor: Actor {
            id: PersonId(person.id),
            roles,
            academy: person.academy_id.map(AcademyId),
            direct_reports: u32::try_from(direct_reports).unwrap_or(u32::MAX),
        },
        name: person.name,
        email: person.email,
        job_title: person.job_title,
        role_category: RoleCategory::from_code(&person.role_category)
            .unwrap_or(RoleCategory::Delivering),
        academy_name: row.try_get("", "academy_name")?,
        line_manager_name: row.try_get("", "line_manager_name")?,
    })
}

async fn failure_record(
    db: &DatabaseConnection,
    key: &str,
) -> Result<Option<FailureRecord>, AppError> {
    Ok(sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| FailureRecord {
            failures: u32::try_from(row.failures).unwrap_or(0),
            window_started_at: row.window_started_at,
        }))
}

async fn save_failure_record(
    db: &DatabaseConnection,
    key: &str,
    record: FailureRecord,
) -> Result<(), AppError> {
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(i32::try_from(record.failures).unwrap_or(i32::MAX)),
        window_started_at: Set(record.window_started_at),
    })
    .on_conflict(
        OnConflict::column(sign_in_failure::Column::Key)
            .update_columns([
                sign_in_failure::Column::Failures,
                sign_in_failure::Column::WindowStartedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("waymark-demo").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("waymark-demo", &hash));
        assert!(!verify_password("waymark-dem0", &hash));
    }

    #[test]
    fn the_decoy_hash_is_well_formed_so_unknown_accounts_cost_a_real_verification() {
        assert!(PasswordHash::new(DECOY_HASH).is_ok());
    }

    #[test]
    fn a_session_id_is_not_the_token() {
        let id = session_id("abc");
        assert_eq!(id.len(), 64);
        assert_ne!(id, "abc");
    }
}
