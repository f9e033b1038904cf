//! What the server keeps in memory between requests. It belongs to the server's state (one per
//! running server, handed to each request), never to a static, so tests and tools each have
//! their own and nothing is shared by accident.
//!
//! - The document of each settled (published or retired) framework version: such a version
//!   never changes again, so it is read from its rows once. Keyed by the version's id and
//!   UUID, so two databases served by one process never share a document.
//! - The portfolio summary last read back for each person, with the text it was read from:
//!   reading is a pure function of that text, so the same text is not read twice.
//! - Credential checks, for a few minutes: a pasted credential is checked once and the result
//!   shown at an address no one can guess, so the check works the same without JavaScript and
//!   nobody can make a link that claims a check came out well.

use crate::db::entities::framework_version;
use crate::db::framework::{read_document, status};
use crate::domain::framework::{FrameworkDocument, VersionStatus};
use crate::domain::portfolio::summary::Summary;
use crate::error::AppError;
use crate::model::CredentialCheck;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many people's summaries are remembered at most (then the memory starts again).
const REMEMBERED: usize = 4_096;

/// How long a credential check's result can be read, and how many are kept at most.
const CHECK_KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(15 * 60);
const CHECKS_KEPT: usize = 1_000;

/// The server's memory between requests; cloning it shares it.
#[derive(Clone, Default)]
pub struct Kept(Arc<Inner>);

#[derive(Default)]
struct Inner {
    documents: Mutex<HashMap<(i64, String), Arc<FrameworkDocument>>>,
    summaries: Mutex<HashMap<i64, (String, Arc<Summary>)>>,
    checks: Mutex<HashMap<String, (std::time::Instant, CredentialCheck)>>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

impl Kept {
    /// The kept document of the version with this (id, UUID), if it has been read.
    pub(crate) fn kept_document(&self, key: &(i64, String)) -> Option<Arc<FrameworkDocument>> {
        self.0.documents.lock().ok()?.get(key).cloned()
    }

    /// The whole of one version as an interchange document: kept once read when the version
    /// is settled, read afresh every time while it is a draft.
    pub(crate) async fn document(
        &self,
        db: &impl ConnectionTrait,
        version: &framework_version::Model,
    ) -> Result<Arc<FrameworkDocument>, AppError> {
        let settled = status(version) != VersionStatus::Draft;
        let key = (version.id, version.uuid.clone());
        if settled && let Some(doc) = self.kept_document(&key) {
            return Ok(doc);
        }
        let doc = Arc::new(read_document(db, version).await?);
        if settled && let Ok(mut documents) = self.0.documents.lock() {
            documents.insert(key, doc.clone());
        }
        Ok(doc)
    }

    /// `person`'s kept summary figures read back, or remembered from the last time the same
    /// text was read.
    pub(crate) fn summary(
        &self,
        person: i64,
        figures: &str,
    ) -> Result<Arc<Summary>, serde_json::Error> {
        if let Ok(read) = self.0.summaries.lock()
            && let Some((text, summary)) = read.get(&person)
            && text == figures
        {
            return Ok(summary.clone());
        }
        let summary = Arc::new(serde_json::from_str::<Summary>(figures)?);
        if let Ok(mut read) = self.0.summaries.lock() {
            if read.len() >= REMEMBERED {
                read.clear();
            }
            read.insert(person, (figures.to_owned(), summary.clone()));
        }
        Ok(summary)
    }
}

impl Kept {
    /// Keeps `check` for a while and returns the token it can be read back by.
    pub(crate) fn keep_check(&self, check: CredentialCheck) -> String {
        let token = crate::db::recognition::present::public_id();
        let now = std::time::Instant::now();
        if let Ok(mut checks) = self.0.checks.lock() {
            checks.retain(|_, (at, _)| now.duration_since(*at) < CHECK_KEPT_FOR);
            if checks.len() >= CHECKS_KEPT {
                checks.clear();
            }
            checks.insert(token.clone(), (now, check));
        }
        token
    }

    /// The check kept under `token`, while it is kept.
    pub(crate) fn kept_check(&self, token: &str) -> Option<CredentialCheck> {
        let checks = self.0.checks.lock().ok()?;
        let (at, check) = checks.get(token)?;
        (at.elapsed() < CHECK_KEPT_FOR).then(|| check.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_check_is_read_back_by_its_token_only() {
        let kept = Kept::default();
        let check = CredentialCheck {
            verdict: crate::model::CredentialVerdict::Unreadable("no".to_owned()),
            award: None,
        };
        let token = kept.keep_check(check.clone());
        assert_eq!(token.len(), 32);
        assert_eq!(kept.kept_check(&token), Some(check));
        assert_eq!(kept.kept_check("00000000000000000000000000000000"), None);
        assert_eq!(Kept::default().kept_check(&token), None);
    }

    #[test]
    fn a_summary_read_once_is_remembered_until_its_text_changes() {
        let kept = Kept::default();
        let text = serde_json::to_string(&Summary::default()).expect("summary as text");
        let first = kept.summary(7, &text).expect("reads");
        let again = kept.summary(7, &text).expect("reads");
        assert!(Arc::ptr_eq(&first, &again));
        let other = Kept::default().summary(7, &text).expect("reads");
        assert!(
            !Arc::ptr_eq(&first, &other),
            "each Kept remembers for itself"
        );
        assert!(kept.summary(7, "not figures").is_err());
    }
}
