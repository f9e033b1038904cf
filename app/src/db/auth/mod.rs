//! Signing in and out, and finding who a session belongs to. Passwords are hashed and checked
//! in [`passwords`]; sign-in attempts are counted in [`attempts`]; Microsoft and Google
//! sign-in is kept in [`sso`].

mod attempts;
mod passwords;
pub mod sso;

use attempts::{count_attempt, forgive};
use passwords::{DECOY_HASH, in_hashing_turn, verify_password};
pub use passwords::{hash_password, hash_password_blocking};

use super::org::{Header, academy_name_of_person, read_header, with_header_columns};
use crate::db::entities::{person, person_role, session, sign_in_failure};
use crate::domain::session::SessionState;
use crate::domain::throttle::{ThrottlePolicy, wait_in_words};
use crate::domain::{
    AcademyId, AccessRole, Actor, EmailAddress, Password, PersonId, PersonStatus, RoleCategory,
};
use crate::error::AppError;
use crate::model::CurrentUser;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, FromQueryResult, IdenStatic, QueryFilter, QueryResult, QuerySelect, QueryTrait,
    SelectA, SelectB,
};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// How long a session lasts without signing in again, however busy.
pub const SESSION_LIFETIME: Duration = crate::domain::session::ABSOLUTE;

/// A session just created: the token goes into the cookie and nowhere else.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

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

    if sso::sso_required(db).await? {
        tracing::info!(account = %email.as_str(), ?address, "sign-in refused: passwords are off");
        return Err(AppError::PasswordsOff);
    }

    // Count this attempt first, and decide on the count it gets: attempts made at the same
    // moment each get their own number, so no more than the limit are ever checked.
    let account_key = format!("account:{email}");
    let mut checks = vec![(account_key.clone(), ThrottlePolicy::PER_ACCOUNT)];
    if let Some(ip) = address {
        checks.push((format!("address:{ip}"), ThrottlePolicy::PER_ADDRESS));
    }
    let mut wait = None;
    for (key, policy) in &checks {
        let counted = count_attempt(db, key, policy, now).await?;
        if let Err(more) = policy.admit(counted, now) {
            tracing::warn!(key, attempts = counted.attempts, "sign-in throttled");
            wait = Ord::max(wait, Some(more));
        }
    }
    if let Some(wait) = wait {
        return Err(AppError::TooManyAttempts(wait_in_words(wait)));
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
    let matches = match in_hashing_turn(move || verify_password(&typed, &stored_hash)).await {
        Ok(matches) => matches,
        Err(busy) => {
            // Never checked, so it does not count against anyone.
            forgive(db, &checks).await?;
            return Err(busy);
        }
    };

    let person = match person {
        Some(person) if matches => person,
        // Already counted.
        _ => {
            tracing::info!(account = %email.as_str(), ?address, "sign-in refused: wrong e-mail or password");
            return Err(AppError::InvalidCredentials);
        }
    };
    tracing::info!(person = person.id, ?address, "signed in");

    // A correct password: the account starts afresh, and its address does not hold this
    // attempt against the colleagues who share it.
    forgive(db, &checks).await?;
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
        last_seen_at: Set(Some(now)),
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

/// Ends every session of `person`: "sign out everywhere", or an administrator ending them.
/// Returns how many there were.
pub async fn end_sessions(db: &DatabaseConnection, person: PersonId) -> Result<u64, AppError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::PersonId.eq(person.0))
        .exec(db)
        .await?
        .rows_affected)
}

/// The person a session token belongs to, if the session is live (neither past its end nor
/// unused for longer than `idle`) and they are still active, with what the header shows them.
///
/// Every signed-in request asks this, so it is one statement: the session, its person, what
/// the signed-in view needs about them and the header.
pub async fn session_user(
    db: &DatabaseConnection,
    token: &str,
    idle: Duration,
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
    let last_seen = session.last_seen_at.unwrap_or(session.created_at);
    match crate::domain::session::state(session.expires_at, last_seen, idle, now) {
        SessionState::Ended => {
            session::Entity::delete_by_id(session.id).exec(db).await?;
            return Ok(None);
        }
        SessionState::Live { note_use: true } => {
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, Expr::value(now))
                .filter(session::Column::Id.eq(session.id.as_str()))
                .exec(db)
                .await?;
        }
        SessionState::Live { note_use: false } => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_id_is_not_the_token() {
        let id = session_id("abc");
        assert_eq!(id.len(), 64);
        assert_ne!(id, "abc");
    }
}
