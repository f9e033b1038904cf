//! Getting in: administrators invite new people by e-mail; anyone can ask for a link to reset a
//! forgotten password. A link's token is random, sent once and kept only as a hash; it works
//! once and expires (an invitation after a week, a reset after an hour). Setting a password
//! ends every other session of that person. Asking for a reset answers the same whether the
//! address belongs to anyone or not.

use crate::db::entities::{password_link, person, session};
use crate::db::org_trail::{self, Subject};
use crate::domain::org_change::Change;
use crate::domain::people::getting_in::{
    LinkPurpose, LinkState, NewPasswordForm, is_common_password, link_state,
};
use crate::domain::text::date_time;
use crate::domain::{Action, EmailAddress, PersonId, PersonStatus, authorize};
use crate::error::AppError;
use crate::mail::Email;
use crate::model::{CurrentUser, PasswordLinkView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};

/// Where a link leads: `/password/{token}`.
pub const LINK_PATH: &str = "/password";

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new link for `person`, replacing any unused one for the same purpose. Returns the token.
async fn new_link(
    db: &impl ConnectionTrait,
    person: i64,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    password_link::Entity::delete_many()
        .filter(password_link::Column::PersonId.eq(person))
        .filter(password_link::Column::Purpose.eq(purpose.code()))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = hex::encode(rand::random::<[u8; 32]>());
    password_link::ActiveModel {
        id: Set(hash(&token)),
        person_id: Set(person),
        purpose: Set(purpose.code().to_owned()),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Invites `id` to set their password: the e-mail to send once this returns. Sending again
/// replaces the last invitation's link.
pub async fn invite(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: PersonId,
    now: DateTime<Utc>,
) -> Result<Email, AppError> {
    authorize(&user.actor, Action::ManageOrganisation)?;
    let txn = crate::db::write_transaction(db).await?;
    let person = person::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if person.status != PersonStatus::Active.code() {
        return Err(AppError::Conflict(format!(
            "{} has left the trust, so cannot be invited.",
            person.name
        )));
    }
    let email = invitation(&txn, user, &person, now).await?;
    txn.commit().await?;
    Ok(email)
}

/// Writes an invitation for `person` in `db` (a transaction the caller commits): the link, a
/// line in their trail, and the e-mail to send.
pub(crate) async fn invitation(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    person: &person::Model,
    now: DateTime<Utc>,
) -> Result<Email, AppError> {
    let change = Change::new("Invitation", "", format!("Sent to {}", person.email));
    org_trail::record(db, user, Subject::Person(person.id), &[change], now).await?;
    let trust = crate::db::org::trust_name(db).await?;
    if crate::db::auth::sso::sso_required(db).await? {
        // Nothing to set: they sign in with the account they already have.
        return Ok(Email {
            to_name: person.name.clone(),
            to_address: person.email.clone(),
            subject: format!("You are invited to Waymark at {trust}"),
            body: format!(
                "Hello {},\n\n{} has invited you to Waymark, where {trust} records and recognises leadership beyond your own school.\n\nSign in here with your trust account ({}):\n\n{{base}}/sign-in\n\nWaymark\n",
                first_name(&person.name),
                user.name,
                person.email,
            ),
        });
    }
    let token = new_link(db, person.id, LinkPurpose::Invitation, now).await?;
    Ok(Email {
        to_name: person.name.clone(),
        to_address: person.email.clone(),
        subject: format!("You are invited to Waymark at {trust}"),
        body: format!(
            "Hello {},\n\n{} has invited you to Waymark, where {trust} records and recognises leadership beyond your own school.\n\nSet your password here (the link works for 7 days, once):\n\n{{base}}{LINK_PATH}/{token}\n\nThen sign in with {} and that password.\n\nWaymark\n",
            first_name(&person.name),
            user.name,
            person.email,
        ),
    })
}

/// Starts a reset for whoever has `email`: the e-mail to send, or nothing when the address
/// belongs to nobody working for the trust (the page answers the same either way).
pub async fn request_reset(
    db: &DatabaseConnection,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<Email>, AppError> {
    let email = EmailAddress::parse(email).map_err(|e| AppError::field("email", e.0))?;
    if crate::db::auth::sso::sso_required(db).await? {
        return Err(AppError::PasswordsOff);
    }
    let Some(person) = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::Status.eq(PersonStatus::Active.code()))
        .one(db)
        .await?
    else {
        tracing::info!("password reset asked for an address nobody has");
        return Ok(None);
    };
    let token = new_link(db, person.id, LinkPurpose::Reset, now).await?;
    Ok(Some(Email {
        to_name: person.name.clone(),
        to_address: person.email.clone(),
        subject: "Reset your Waymark password".to_owned(),
        body: format!(
            "Hello {},\n\nSomeone (we hope you) asked to reset your Waymark password. Choose a new one here (the link works for an hour, once):\n\n{{base}}{LINK_PATH}/{token}\n\nIf it was not you, ignore this e-mail: your password stays as it is.\n\nWaymark\n",
            first_name(&person.name)
        ),
    }))
}

/// The usable link `token` names, with its person; or why it cannot be used.
async fn usable(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(password_link::Model, person::Model, LinkPurpose), AppError> {
    let unknown = || {
        AppError::Gone(
            "This link is not one Waymark sent, or a newer one replaced it. Check you copied all of it, or ask for a new one.".to_owned(),
        )
    };
    let link = password_link::Entity::find_by_id(hash(token.trim()))
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    let purpose = LinkPurpose::from_code(&link.purpose).ok_or_else(unknown)?;
    if let Some(problem) = link_state(link.expires_at, link.used_at, now).problem(purpose) {
        return Err(AppError::Gone(problem.to_owned()));
    }
    let person = person::Entity::find_by_id(link.person_id)
        .one(db)
        .await?
        .filter(|p| p.status == PersonStatus::Active.code())
        .ok_or_else(unknown)?;
    Ok((link, person, purpose))
}

/// What the set-a-password page shows for `token`.
pub async fn link(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<PasswordLinkView, AppError> {
    let (link, person, purpose) = usable(db, token, now).await?;
    Ok(PasswordLinkView {
        first_name: first_name(&person.name).to_owned(),
        email: person.email,
        invitation: purpose == LinkPurpose::Invitation,
        expires: date_time(link.expires_at),
    })
}

/// Sets the password of the person `token` names, uses the link up, and ends every session
/// they had.
pub async fn set_password(
    db: &DatabaseConnection,
    token: &str,
    form: &NewPasswordForm,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if crate::db::auth::sso::sso_required(db).await? {
        return Err(AppError::PasswordsOff);
    }
    let password = form
        .check(is_common_password)
        .map_err(AppError::Validation)?;
    // Hash before the transaction: it is slow, and a link checked now is checked again below.
    usable(db, token, now).await?;
    let hashed = crate::db::auth::hash_password_blocking(password).await?;
    let txn = crate::db::write_transaction(db).await?;
    let (link, person, _) = usable(&txn, token, now).await?;
    // Only the first of two uses at once wins.
    let used = password_link::Entity::update_many()
        .col_expr(
            password_link::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(password_link::Column::Id.eq(link.id.clone()))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(AppError::Gone(
            LinkState::Used
                .problem(LinkPurpose::Reset)
                .unwrap_or_default()
                .to_owned(),
        ));
    }
    let mut row: person::ActiveModel = person.clone().into();
    row.password_hash = Set(Some(hashed));
    row.updated_at = Set(now);
    row.update(&txn).await?;
    session::Entity::delete_many()
        .filter(session::Column::PersonId.eq(person.id))
        .exec(&txn)
        .await?;
    // Any other link they held is spent too.
    password_link::Entity::delete_many()
        .filter(password_link::Column::PersonId.eq(person.id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    tracing::info!(person = person.id, "password set from a link");
    Ok(())
}

/// Whether `person` has set a password, and when they were last invited.
pub async fn invitation_status(
    db: &impl ConnectionTrait,
    person: &person::Model,
) -> Result<crate::model::InvitationStatus, AppError> {
    let last = password_link::Entity::find()
        .filter(password_link::Column::PersonId.eq(person.id))
        .filter(password_link::Column::Purpose.eq(LinkPurpose::Invitation.code()))
        .order_by_desc(password_link::Column::CreatedAt)
        .one(db)
        .await?;
    Ok(crate::model::InvitationStatus {
        has_password: person.password_hash.is_some(),
        invited: last.map(|l| date_time(l.created_at)),
    })
}
