//! Open Badges 3.0 over HTTP: an award's signed credential for its holder to download, and,
//! for any verifier (no sign-in, any origin), the trust's issuer profile with its public key
//! and the achievements its milestones recognise.

use crate::downloads::{content_disposition, json, slug_or};
use crate::state::AppState;
use app::db::recognition::badge;
use app::domain::AwardId;
use app::error::AppError;
use app::request::SignedInUser;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// JSON-LD, which is what these documents are.
const JSON_LD: &str = "application/ld+json; charset=utf-8";

fn base(state: &AppState) -> String {
    state.settings.base_url.trim_end_matches('/').to_owned()
}

/// `GET /awards/{id}/credential.json`: the award as a signed Open Badge, to its holder (and
/// HR), as a file.
pub async fn credential(
    State(state): State<AppState>,
    SignedInUser(user): SignedInUser,
    Path(id): Path<AwardId>,
) -> Result<Response, AppError> {
    let (name, signed) =
        badge::credential(&state.db, &state.seal, &base(&state), &user, id).await?;
    let file = format!("award-{}.json", slug_or(&name, "badge"));
    Ok((
        [
            (header::CONTENT_TYPE, JSON_LD.to_owned()),
            (header::CONTENT_DISPOSITION, content_disposition(&file)),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        json(&signed)?,
    )
        .into_response())
}

/// `GET /credentials/issuer`: the trust as the issuer of its badges, with its public key.
pub async fn issuer(State(state): State<AppState>) -> Result<Response, AppError> {
    let profile = badge::issuer(&state.db, &state.seal, &base(&state)).await?;
    public_document(&profile)
}

/// `GET /credentials/achievements/{rule}`: what a milestone recognises, once someone holds it.
pub async fn achievement(
    State(state): State<AppState>,
    Path(rule): Path<i64>,
) -> Result<Response, AppError> {
    let document = badge::achievement(&state.db, &base(&state), rule).await?;
    public_document(&document)
}

/// A document any verifier may read, from any web page.
fn public_document(document: &serde_json::Value) -> Result<Response, AppError> {
    Ok((
        [
            (header::CONTENT_TYPE, JSON_LD.to_owned()),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_owned()),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        json(document)?,
    )
        .into_response())
}
