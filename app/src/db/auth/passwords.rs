//! Password hashing (argon2id), bounded: at most two hashes per core at once, so a flood of
//! sign-ins waits its turn, briefly, instead of taking the server's memory.

use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

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

/// `hash_password` on tokio's blocking pool, in its turn (see [`in_hashing_turn`]).
pub async fn hash_password_blocking(password: String) -> Result<String, AppError> {
    in_hashing_turn(move || hash_password(&password)).await?
}

/// How long work that hashes a password waits for its turn before "busy, try again".
const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The turns at hashing passwords: about two per core. One hash takes 19 MiB and a core for
/// tens of milliseconds, so a flood of sign-ins must queue for them rather than hash all at
/// once (150 at once would take 2.8 GiB). Process-wide on purpose: the limit is the machine's.
fn hashing_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        tokio::sync::Semaphore::new(2 * cores)
    })
}

/// Runs `work` (which hashes a password) on the blocking pool once a turn is free, or answers
/// `Busy` after waiting [`HASHING_WAIT`] for one.
pub(super) async fn in_hashing_turn<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let Ok(turn) = tokio::time::timeout(HASHING_WAIT, hashing_turns().acquire()).await else {
        tracing::warn!("password hashing is at its limit: a request was told to try again");
        return Err(AppError::Busy);
    };
    let turn = turn.map_err(|_| AppError::Internal)?;
    let done = tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal);
    drop(turn);
    done
}

pub(super) fn verify_password(password: &str, hash: &str) -> bool {
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
pub(super) const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2bjZQyBGJAa3bpqN3UMe3tGyS0YA1yIkxuLOkLu2A4k";

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
}
