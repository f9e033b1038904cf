//! The lifecycle of an entry and who may do what to it.
//!
//! The lifecycle is one state machine: draft → submitted → verified; submitted → changes
//! requested → (edited) → submitted; submitted → declined; the owner may withdraw a submitted
//! entry back to draft. A verified or declined entry is locked.

use crate::input::FieldError;
use serde::{Deserialize, Serialize};

/// Where an entry is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStatus {
    Draft,
    Submitted,
    ChangesRequested,
    Verified,
    Declined,
}

impl EvidenceStatus {
    pub const ALL: [EvidenceStatus; 5] = [
        EvidenceStatus::Draft,
        EvidenceStatus::Submitted,
        EvidenceStatus::ChangesRequested,
        EvidenceStatus::Verified,
        EvidenceStatus::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EvidenceStatus::Draft => "draft",
            EvidenceStatus::Submitted => "submitted",
            EvidenceStatus::ChangesRequested => "changes_requested",
            EvidenceStatus::Verified => "verified",
            EvidenceStatus::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            EvidenceStatus::Draft => "Draft",
            EvidenceStatus::Submitted => "Waiting for verification",
            EvidenceStatus::ChangesRequested => "Changes requested",
            EvidenceStatus::Verified => "Verified",
            EvidenceStatus::Declined => "Declined",
        }
    }

    /// Whether the owner's words can still change.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            EvidenceStatus::Draft | EvidenceStatus::ChangesRequested
        )
    }

    /// Whether anyone but the owner may see it: once it has been submitted, it has been shown
    /// to a verifier; a draft is the owner's alone.
    pub fn is_shared(self) -> bool {
        self != EvidenceStatus::Draft
    }
}

/// Something a person may try to do with an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceAction {
    View,
    Edit,
    Delete,
    Submit,
    Withdraw,
    Verify,
    RequestChanges,
    Decline,
    DownloadFile,
}

impl EvidenceAction {
    pub const ALL: [EvidenceAction; 9] = [
        EvidenceAction::View,
        EvidenceAction::Edit,
        EvidenceAction::Delete,
        EvidenceAction::Submit,
        EvidenceAction::Withdraw,
        EvidenceAction::Verify,
        EvidenceAction::RequestChanges,
        EvidenceAction::Decline,
        EvidenceAction::DownloadFile,
    ];

    /// The action's code: how forms send it and the timeline stores it.
    pub fn code(self) -> &'static str {
        match self {
            EvidenceAction::View => "view",
            EvidenceAction::Edit => "edit",
            EvidenceAction::Delete => "delete",
            EvidenceAction::Submit => "submit",
            EvidenceAction::Withdraw => "withdraw",
            EvidenceAction::Verify => "verify",
            EvidenceAction::RequestChanges => "request_changes",
            EvidenceAction::Decline => "decline",
            EvidenceAction::DownloadFile => "download_file",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// What the action did, as an entry's timeline tells it.
    pub fn history_label(self) -> &'static str {
        match self {
            EvidenceAction::Edit => "Started the entry",
            EvidenceAction::Submit => "Submitted for verification",
            EvidenceAction::Withdraw => "Withdrew it to make changes",
            EvidenceAction::Verify => "Verified",
            EvidenceAction::RequestChanges => "Asked for changes",
            EvidenceAction::Decline => "Declined",
            EvidenceAction::View | EvidenceAction::Delete | EvidenceAction::DownloadFile => {
                "Changed"
            }
        }
    }

    /// Whether the verifier must say why (so the owner knows what to do next).
    pub fn needs_comment(self) -> bool {
        matches!(
            self,
            EvidenceAction::RequestChanges | EvidenceAction::Decline
        )
    }

    /// The status this action moves an entry to, if it moves it at all, from `from`.
    pub fn next_status(self, from: EvidenceStatus) -> Option<EvidenceStatus> {
        use EvidenceAction as A;
        use EvidenceStatus as S;
        match (self, from) {
            (A::Submit, S::Draft | S::ChangesRequested) => Some(S::Submitted),
            (A::Withdraw, S::Submitted) => Some(S::Draft),
            (A::Verify, S::Submitted) => Some(S::Verified),
            (A::RequestChanges, S::Submitted) => Some(S::ChangesRequested),
            (A::Decline, S::Submitted) => Some(S::Declined),
            _ => None,
        }
    }

    /// Whether the action is possible at all in `status`, whoever tries it.
    fn allowed_in(self, status: EvidenceStatus) -> bool {
        use EvidenceAction as A;
        match self {
            A::View | A::DownloadFile => true,
            A::Edit => status.is_editable(),
            A::Delete => status == EvidenceStatus::Draft,
            _ => self.next_status(status).is_some(),
        }
    }
}

/// How the person acting stands to the entry's owner. Worked out by the server from the line
/// management and roles; the rules below decide from it alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// They own the entry.
    pub owner: bool,
    /// They are the owner's line manager, or the delegate an administrator set while the
    /// manager is away.
    pub verifier: bool,
    /// They are above the owner in the line (the manager's manager and up).
    pub above_in_line: bool,
    /// They are the professional-development lead of the owner's academy.
    pub academy_pd_lead: bool,
    pub hr: bool,
    pub administrator: bool,
}

impl Standing {
    /// Whether they may see the owner's shared entries at all.
    pub fn oversees(self) -> bool {
        self.verifier || self.above_in_line || self.academy_pd_lead || self.hr || self.administrator
    }
}

/// Why an action on an entry was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// They may not know the entry exists (someone else's draft, or not theirs to see).
    NotFound,
    /// They may see it but not do this.
    NotAllowed,
    /// Nobody may do this to an entry in its present state.
    WrongState(EvidenceStatus),
    /// The entry has been submitted before, so it is part of the record and stays.
    OnRecord,
}

impl Refusal {
    /// What to tell the person, in plain words.
    pub fn message(self, action: EvidenceAction) -> String {
        match self {
            Refusal::NotFound => "This entry could not be found.".to_owned(),
            Refusal::NotAllowed => "You do not have permission to do that.".to_owned(),
            Refusal::OnRecord => "This entry has been submitted before, so it stays on your record. You can change it and submit it again.".to_owned(),
            Refusal::WrongState(status) => {
                let what = match action {
                    EvidenceAction::Edit => "changed",
                    EvidenceAction::Delete => "deleted",
                    EvidenceAction::Submit => "submitted",
                    EvidenceAction::Withdraw => "withdrawn",
                    _ => "decided",
                };
                format!(
                    "This entry is {}, so it can no longer be {what}.",
                    status.label().to_lowercase()
                )
            }
        }
    }
}

/// Decides whether someone standing as `standing` may take `action` on an entry in
/// `status`. Returns the status the entry moves to (the same one for actions that do not
/// move it).
pub fn decide(
    standing: Standing,
    status: EvidenceStatus,
    action: EvidenceAction,
) -> Result<EvidenceStatus, Refusal> {
    use EvidenceAction as A;
    let may_see = standing.owner || (status.is_shared() && standing.oversees());
    if !may_see {
        return Err(Refusal::NotFound);
    }
    let may_act = match action {
        A::View | A::DownloadFile => true,
        A::Edit | A::Delete | A::Submit | A::Withdraw => standing.owner,
        // Nobody verifies their own work, whatever else they are.
        A::Verify | A::RequestChanges | A::Decline => standing.verifier && !standing.owner,
    };
    if !may_act {
        return Err(Refusal::NotAllowed);
    }
    if !action.allowed_in(status) {
        return Err(Refusal::WrongState(status));
    }
    Ok(action.next_status(status).unwrap_or(status))
}

/// Once an entry has been submitted it is part of the record: withdrawing it makes it a
/// draft again, but it is never deleted. Whether `action` is still possible given whether the
/// entry was `ever_submitted` (on top of [`decide`]).
pub fn on_record(action: EvidenceAction, ever_submitted: bool) -> Result<(), Refusal> {
    if action == EvidenceAction::Delete && ever_submitted {
        Err(Refusal::OnRecord)
    } else {
        Ok(())
    }
}

/// The longest a verifier's comment may be.
pub const MAX_COMMENT: usize = 5_000;

/// What is wrong with the comment sent with `action`, if anything: returning or declining
/// needs one, and none may be longer than [`MAX_COMMENT`].
pub fn comment_problem(action: EvidenceAction, comment: &str) -> Option<FieldError> {
    let comment = comment.trim();
    if action.needs_comment() && comment.is_empty() {
        let message = match action {
            EvidenceAction::Decline => "Say why the entry is declined",
            _ => "Say what needs to change",
        };
        return Some(FieldError::new("comment", message));
    }
    (comment.chars().count() > MAX_COMMENT)
        .then(|| FieldError::new("comment", "The comment must be 5,000 characters or fewer"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EvidenceAction as A;
    use EvidenceStatus as S;

    fn owner() -> Standing {
        Standing {
            owner: true,
            ..Default::default()
        }
    }

    fn verifier() -> Standing {
        Standing {
            verifier: true,
            ..Default::default()
        }
    }

    /// Every kind of person who is not the owner, with what they may see.
    fn others() -> Vec<(&'static str, Standing, bool)> {
        vec![
            ("line manager", verifier(), true),
            (
                "manager's manager",
                Standing {
                    above_in_line: true,
                    ..Default::default()
                },
                true,
            ),
            (
                "academy PD lead",
                Standing {
                    academy_pd_lead: true,
                    ..Default::default()
                },
                true,
            ),
            (
                "HR",
                Standing {
                    hr: true,
                    ..Default::default()
                },
                true,
            ),
            (
                "administrator",
                Standing {
                    administrator: true,
                    ..Default::default()
                },
                true,
            ),
            ("another manager or colleague", Standing::default(), false),
        ]
    }
    #[test]
    fn the_owner_submits_a_draft_and_the_line_manager_verifies_it() {
        let submitted = decide(owner(), S::Draft, A::Submit).unwrap();
        assert_eq!(submitted, S::Submitted);
        assert_eq!(decide(verifier(), submitted, A::Verify), Ok(S::Verified));
    }

    #[test]
    fn a_returned_entry_is_edited_and_submitted_again() {
        let returned = decide(verifier(), S::Submitted, A::RequestChanges).unwrap();
        assert_eq!(returned, S::ChangesRequested);
        assert_eq!(decide(owner(), returned, A::Edit), Ok(S::ChangesRequested));
        assert_eq!(decide(owner(), returned, A::Submit), Ok(S::Submitted));
    }

    #[test]
    fn the_owner_may_withdraw_a_submitted_entry_back_to_draft() {
        assert_eq!(decide(owner(), S::Submitted, A::Withdraw), Ok(S::Draft));
        assert_eq!(
            decide(owner(), S::Verified, A::Withdraw),
            Err(Refusal::WrongState(S::Verified))
        );
    }

    #[test]
    fn a_verified_entry_is_locked_for_everyone() {
        for action in [A::Edit, A::Delete, A::Submit, A::Withdraw] {
            assert_eq!(
                decide(owner(), S::Verified, action),
                Err(Refusal::WrongState(S::Verified)),
                "{action:?}"
            );
        }
        for action in [A::Verify, A::RequestChanges, A::Decline] {
            assert_eq!(
                decide(verifier(), S::Verified, action),
                Err(Refusal::WrongState(S::Verified)),
                "{action:?}"
            );
        }
    }

    #[test]
    fn nobody_verifies_their_own_entry_even_as_a_delegate() {
        let both = Standing {
            owner: true,
            verifier: true,
            ..Default::default()
        };
        for action in [A::Verify, A::RequestChanges, A::Decline] {
            assert_eq!(decide(both, S::Submitted, action), Err(Refusal::NotAllowed));
        }
    }

    #[test]
    fn nobody_but_the_owner_knows_a_draft_exists() {
        for (who, standing, _) in others() {
            for action in A::ALL {
                assert_eq!(
                    decide(standing, S::Draft, action),
                    Err(Refusal::NotFound),
                    "{who} {action:?}"
                );
            }
        }
    }

    #[test]
    fn only_the_line_manager_or_delegate_decides_and_only_on_a_submitted_entry() {
        for (who, standing, sees) in others() {
            for status in S::ALL.into_iter().filter(|s| s.is_shared()) {
                for action in [A::Verify, A::RequestChanges, A::Decline] {
                    let result = decide(standing, status, action);
                    let expected = if !sees {
                        Err(Refusal::NotFound)
                    } else if !standing.verifier {
                        Err(Refusal::NotAllowed)
                    } else if status == S::Submitted {
                        Ok(action.next_status(status).unwrap())
                    } else {
                        Err(Refusal::WrongState(status))
                    };
                    assert_eq!(result, expected, "{who} {action:?} on {status:?}");
                }
            }
        }
    }

    /// The whole table: every state × action × kind of person, against the rules written out
    /// once more in the plainest terms.
    #[test]
    fn every_state_action_and_person_follows_the_rules() {
        let mut people = others();
        people.push(("owner", owner(), true));
        for (who, standing, _) in people {
            for status in S::ALL {
                for action in A::ALL {
                    let visible = standing.owner || (status != S::Draft && standing.oversees());
                    let permitted = match action {
                        A::View | A::DownloadFile => true,
                        A::Edit | A::Delete | A::Submit | A::Withdraw => standing.owner,
                        A::Verify | A::RequestChanges | A::Decline => {
                            standing.verifier && !standing.owner
                        }
                    };
                    let possible = matches!(
                        (action, status),
                        (A::View | A::DownloadFile, _)
                            | (A::Edit | A::Submit, S::Draft | S::ChangesRequested)
                            | (A::Delete, S::Draft)
                            | (
                                A::Withdraw | A::Verify | A::RequestChanges | A::Decline,
                                S::Submitted
                            )
                    );
                    let result = decide(standing, status, action);
                    match result {
                        Err(Refusal::NotFound) => assert!(!visible, "{who} {action:?} {status:?}"),
                        Err(Refusal::NotAllowed) => {
                            assert!(visible && !permitted, "{who} {action:?} {status:?}")
                        }
                        Err(Refusal::OnRecord) => panic!("decide never looks at the record"),
                        Err(Refusal::WrongState(s)) => {
                            assert_eq!(s, status);
                            assert!(
                                visible && permitted && !possible,
                                "{who} {action:?} {status:?}"
                            );
                        }
                        Ok(next) => {
                            assert!(
                                visible && permitted && possible,
                                "{who} {action:?} {status:?}"
                            );
                            assert_eq!(next, action.next_status(status).unwrap_or(status));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn returning_or_declining_needs_a_comment_but_verifying_does_not() {
        assert!(A::RequestChanges.needs_comment());
        assert!(A::Decline.needs_comment());
        assert!(!A::Verify.needs_comment());
    }

    #[test]
    fn actions_read_back_from_their_codes_which_serde_also_uses() {
        for a in A::ALL {
            assert_eq!(A::from_code(a.code()), Some(a));
            assert_eq!(
                serde_json::to_value(a).expect("serialises"),
                serde_json::Value::String(a.code().to_owned())
            );
        }
        assert_eq!(A::from_code("approve"), None);
    }

    #[test]
    fn the_timeline_names_each_step_in_plain_words() {
        assert_eq!(A::Submit.history_label(), "Submitted for verification");
        assert_eq!(A::RequestChanges.history_label(), "Asked for changes");
        assert_eq!(A::Edit.history_label(), "Started the entry");
    }

    #[test]
    fn a_comment_is_needed_to_return_or_decline_and_is_bounded() {
        assert!(comment_problem(A::RequestChanges, "  ").is_some());
        assert!(comment_problem(A::Decline, "").is_some());
        assert_eq!(comment_problem(A::Verify, ""), None);
        assert_eq!(comment_problem(A::Decline, "Not cross-school"), None);
        let long = "a".repeat(MAX_COMMENT + 1);
        assert!(comment_problem(A::Verify, &long).is_some());
        assert_eq!(comment_problem(A::Verify, &long[1..]), None);
    }

    #[test]
    fn statuses_read_back_from_their_codes() {
        for s in S::ALL {
            assert_eq!(S::from_code(s.code()), Some(s));
        }
        assert_eq!(S::from_code("approved"), None);
    }

    #[test]
    fn a_withdrawn_entry_is_a_draft_but_stays_on_the_record() {
        assert_eq!(on_record(A::Delete, true), Err(Refusal::OnRecord));
        assert_eq!(on_record(A::Delete, false), Ok(()));
        for action in [A::Edit, A::Submit, A::View] {
            assert_eq!(on_record(action, true), Ok(()));
        }
        assert!(
            Refusal::OnRecord
                .message(A::Delete)
                .contains("stays on your record")
        );
    }
}
