//! Single sign-on in the database: the sign-ins under way (each answer accepted once), the
//! accounts linked to people, and whether the trust still accepts passwords. The provider
//! conversation itself (discovery, the code exchange, checking the ID token) is the server's.

use super::{NewSession, start_session};
use crate::db::entities::{person, sso_identity, sso_request, trust};
use crate::domain::sso::{Candidate, Identity, Match, Provider, Refusal, match_person};
use crate::domain::{PersonId, PersonStatus};
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect,
};
use sha2::{Digest, Sha256};

/// How long someone has at the provider before the sign-in must start again.
pub const REQUEST_LIFETIME: Duration = Duration::minutes(10);

/// What the provider's answer must match, kept from when the sign-in started.
#[derive(Clone, Debug)]
pub struct Pending {
    pub provider: Provider,
    pub pkce_verifier: String,
    pub nonce: String,
    pub next: String,
}

fn request_id(state: &str) -> String {
    hex::encode(Sha256::digest(state.as_bytes()))
}

/// Remembers a sign-in being sent to `provider` (and forgets those that were never finished).
pub async fn begin(
    db: &DatabaseConnection,
    state: &str,
    pending: &Pending,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sso_request::Entity::delete_many()
        .filter(sso_request::Column::CreatedAt.lt(now - REQUEST_LIFETIME))
        .exec(db)
        .await?;
    sso_request::ActiveModel {
        id: Set(request_id(state)),
        provider: Set(pending.provider.code().to_owned()),
        pkce_verifier: Set(pending.pkce_verifier.clone()),
        nonce: Set(pending.nonce.clone()),
        next: Set(pending.next.clone()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes the sign-in that `state` started, once: deleting it is what claims it, so the same
/// answer (or a copy of it) never works twice.
pub async fn take(
    db: &DatabaseConnection,
    provider: Provider,
    state: &str,
    now: DateTime<Utc>,
) -> Result<Option<Pending>, AppError> {
    let taken = sso_request::Entity::delete_by_id(request_id(state))
        .exec_with_returning(db)
        .await?;
    Ok(taken
        .filter(|r| r.provider == provider.code() && r.created_at >= now - REQUEST_LIFETIME)
        .map(|r| Pending {
            provider,
            pkce_verifier: r.pkce_verifier,
            nonce: r.nonce,
            next: r.next,
        }))
}

/// How a checked, admitted sign-in ended.
#[derive(Debug)]
pub enum Outcome {
    SignedIn {
        person: PersonId,
        session: NewSession,
    },
    /// Nobody active has that account or address: "ask your administrator".
    Unknown,
    Refused(Refusal),
}

/// Finds whom an admitted identity belongs to (see [`match_person`]), links the account on
/// first use, and starts their session.
pub async fn sign_in(
    db: &DatabaseConnection,
    identity: &Identity,
    email: &str,
    previous_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let provider = identity.provider.code();
    let by_subject =
        match sso_identity::Entity::find_by_id((provider.to_owned(), identity.subject.clone()))
            .one(db)
            .await?
        {
            Some(link) => person::Entity::find_by_id(link.person_id)
                .one(db)
                .await?
                .map(|p| Candidate {
                    person: p.id,
                    active: p.status == PersonStatus::Active.code(),
                    linked: Some(true),
                }),
            None => None,
        };
    let by_email = match person::Entity::find()
        .filter(person::Column::Email.eq(email))
        .one(db)
        .await?
    {
        Some(p) => {
            let linked = sso_identity::Entity::find()
                .filter(sso_identity::Column::PersonId.eq(p.id))
                .filter(sso_identity::Column::Provider.eq(provider))
                .one(db)
                .await?
                .map(|link| link.subject == identity.subject);
            Some(Candidate {
                person: p.id,
                active: p.status == PersonStatus::Active.code(),
                linked,
            })
        }
        None => None,
    };
    let (person, link) = match match_person(by_subject, by_email) {
        Match::Person { person, link } => (person, link),
        Match::Unknown => return Ok(Outcome::Unknown),
        Match::Refused(refusal) => return Ok(Outcome::Refused(refusal)),
    };
    if link {
        sso_identity::ActiveModel {
            provider: Set(provider.to_owned()),
            subject: Set(identity.subject.clone()),
            person_id: Set(person),
            linked_at: Set(now),
            last_used_at: Set(now),
        }
        .insert(db)
        .await?;
        tracing::info!(person, provider, "single sign-on account linked");
    } else {
        sso_identity::Entity::update_many()
            .col_expr(sso_identity::Column::LastUsedAt, Expr::value(now))
            .filter(sso_identity::Column::Provider.eq(provider))
            .filter(sso_identity::Column::Subject.eq(identity.subject.as_str()))
            .exec(db)
            .await?;
    }
    if let Some(token) = previous_token {
        super::sign_out(db, token).await?;
    }
    let session = start_session(db, PersonId(person), now).await?;
    Ok(Outcome::SignedIn {
        person: PersonId(person),
        session,
    })
}

/// Whether the trust signs in with Microsoft or Google only.
pub async fn sso_required(db: &impl sea_orm::ConnectionTrait) -> Result<bool, AppError> {
    Ok(trust::Entity::find()
        .select_only()
        .column(trust::Column::SsoRequired)
        .into_tuple::<bool>()
        .one(db)
        .await?
        .unwrap_or(false))
}

/// Switches passwords off (or on again) for everyone.
pub async fn set_sso_required(db: &DatabaseConnection, required: bool) -> Result<(), AppError> {
    let updated = trust::Entity::update_many()
        .col_expr(trust::Column::SsoRequired, Expr::value(required))
        .exec(db)
        .await?;
    // A trust set up without the demo has no row of its own until it sets something.
    if updated.rows_affected == 0 {
        trust::ActiveModel {
            name: Set(crate::db::org::DEFAULT_TRUST_NAME.to_owned()),
            sso_required: Set(required),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The providers `person` has signed in with.
pub async fn linked_providers(
    db: &DatabaseConnection,
    person: PersonId,
) -> Result<Vec<Provider>, AppError> {
    let codes: Vec<String> = sso_identity::Entity::find()
        .select_only()
        .column(sso_identity::Column::Provider)
        .filter(sso_identity::Column::PersonId.eq(person.0))
        .into_tuple()
        .all(db)
        .await?;
    Ok(codes
        .iter()
        .filter_map(|c| Provider::from_code(c))
        .collect())
}

/// How many active people have signed in with a provider, and how many active people there are.
pub async fn linked_counts(db: &DatabaseConnection) -> Result<(u64, u64), AppError> {
    use sea_orm::PaginatorTrait;
    let active = person::Entity::find()
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .count(db)
        .await?;
    let linked = person::Entity::find()
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .filter(
            person::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(sso_identity::Column::PersonId)
                    .from(sso_identity::Entity)
                    .to_owned(),
            ),
        )
        .count(db)
        .await?;
    Ok((linked, active))
}
