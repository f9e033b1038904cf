//! How an entry's stored parts read on its page: claims beside their descriptors, the
//! timeline's steps with the levels a verifier changed, the actions on offer. Pure: what the
//! database returned in, what the page shows out.

use crate::db::entities::{evidence_claim, evidence_event};
use crate::domain::RoleCategory;
use crate::domain::evidence::{EvidenceAction, EvidenceStatus, Standing, decide, on_record};
use crate::domain::framework::{FrameworkDocument, descriptor_for, index_of_rank};
use crate::domain::text::date_time;
use crate::markdown;
use crate::model::{ClaimView, EventView};
use std::collections::{BTreeMap, HashMap};

use super::level_rank;

/// The actions a page may offer, in the order its buttons appear.
const OFFERED: [EvidenceAction; 7] = [
    EvidenceAction::Edit,
    EvidenceAction::Submit,
    EvidenceAction::Withdraw,
    EvidenceAction::Verify,
    EvidenceAction::RequestChanges,
    EvidenceAction::Decline,
    EvidenceAction::Delete,
];

/// What someone standing as `standing` may do to an entry in `status` (`ever_submitted`:
/// whether it has been submitted before, when it is no longer deleted).
pub(super) fn offered_actions(
    standing: Standing,
    status: EvidenceStatus,
    ever_submitted: bool,
) -> Vec<EvidenceAction> {
    OFFERED
        .into_iter()
        .filter(|a| decide(standing, status, *a).is_ok() && on_record(*a, ever_submitted).is_ok())
        .collect()
}

/// The level names of the framework version an entry was recorded against.
pub(super) struct LevelNames(pub Vec<String>);

impl LevelNames {
    pub(super) fn of(doc: Option<&FrameworkDocument>) -> Self {
        LevelNames(
            doc.map(|d| d.levels.iter().map(|l| l.name.clone()).collect())
                .unwrap_or_default(),
        )
    }

    /// The name of the level stored as `rank`, or "Level n" if the version has no such level.
    pub(super) fn name(&self, rank: i32) -> String {
        index_of_rank(level_rank(rank))
            .and_then(|i| self.0.get(i))
            .cloned()
            .unwrap_or_else(|| format!("Level {rank}"))
    }
}

/// Each claim with its element's title and the descriptor (for the owner's role category) at
/// the level claimed, rendered.
pub(super) fn claim_views(
    claims: Vec<evidence_claim::Model>,
    doc: Option<&FrameworkDocument>,
    category: Option<RoleCategory>,
    levels: &LevelNames,
) -> Vec<ClaimView> {
    claims
        .into_iter()
        .map(|c| {
            let element = doc.and_then(|d| {
                d.elements()
                    .find(|e| e.id.as_deref() == Some(c.element_uuid.as_str()))
            });
            ClaimView {
                code: c.element_code.clone(),
                title: element.map(|e| e.title.clone()).unwrap_or_default(),
                claimed: level_rank(c.claimed_level),
                claimed_name: levels.name(c.claimed_level),
                verified: c.verified_level.map(level_rank),
                verified_name: c.verified_level.map(|l| levels.name(l)),
                descriptor_html: element
                    .and_then(|e| {
                        descriptor_for(&e.descriptors, level_rank(c.claimed_level), category)
                    })
                    .map(|d| markdown::render(&d.body)),
            }
        })
        .collect()
}

/// The entry's timeline: who did what when, with any comment, and for a verification the
/// levels the verifier changed. `actors` names each person by id.
pub(super) fn timeline(
    events: &[evidence_event::Model],
    actors: &HashMap<i64, String>,
    levels: &LevelNames,
) -> Vec<EventView> {
    events
        .iter()
        .map(|e| EventView {
            who: actors.get(&e.actor_id).cloned().unwrap_or_default(),
            when: date_time(e.at),
            what: EvidenceAction::from_code(&e.action)
                .map_or("Changed", EvidenceAction::history_label)
                .to_owned(),
            comment: e.comment.clone(),
            level_changes: level_changes(e, levels),
        })
        .collect()
}

/// "B2: claimed Team, verified at Academy" for each level a verification changed.
fn level_changes(event: &evidence_event::Model, levels: &LevelNames) -> Vec<String> {
    if event.action != EvidenceAction::Verify.code() {
        return Vec::new();
    }
    let before: BTreeMap<String, i32> =
        serde_json::from_str(&event.levels_before).unwrap_or_default();
    let after: BTreeMap<String, i32> =
        serde_json::from_str(&event.levels_after).unwrap_or_default();
    after
        .iter()
        .filter(|(code, level)| before.get(*code) != Some(level))
        .map(|(code, level)| {
            format!(
                "{code}: claimed {}, verified at {}",
                before
                    .get(code)
                    .map(|l| levels.name(*l))
                    .unwrap_or_default(),
                levels.name(*level)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(action: &str, before: &str, after: &str) -> evidence_event::Model {
        evidence_event::Model {
            id: 1,
            entry_id: 1,
            actor_id: 7,
            action: action.to_owned(),
            from_status: Some("submitted".to_owned()),
            to_status: "verified".to_owned(),
            comment: String::new(),
            levels_before: before.to_owned(),
            levels_after: after.to_owned(),
            at: chrono::Utc
                .with_ymd_and_hms(2026, 3, 12, 9, 30, 0)
                .single()
                .expect("a real moment"),
        }
    }

    #[test]
    fn a_level_is_named_by_its_rank_or_called_by_its_number_if_the_version_lacks_it() {
        let levels = LevelNames(vec!["Own practice".into(), "Team".into()]);
        assert_eq!(levels.name(2), "Team");
        assert_eq!(levels.name(3), "Level 3");
        assert_eq!(levels.name(0), "Level 0");
    }

    #[test]
    fn a_verification_lists_only_the_levels_it_changed() {
        let levels = LevelNames(vec!["Own".into(), "Team".into(), "Academy".into()]);
        let verified = event("verify", r#"{"A1":2,"B2":2}"#, r#"{"A1":2,"B2":3}"#);
        let actors = HashMap::from([(7, "Hannah Okafor".to_owned())]);
        let steps = timeline(&[verified], &actors, &levels);
        assert_eq!(steps[0].who, "Hannah Okafor");
        assert_eq!(
            steps[0].level_changes,
            ["B2: claimed Team, verified at Academy"]
        );
        let submitted = event("submit", "{}", "{}");
        assert!(
            timeline(&[submitted], &actors, &levels)[0]
                .level_changes
                .is_empty()
        );
    }
}
