//! Evidence of cross-school activity: the lifecycle of an entry, who may do what to it, and
//! what makes an entry complete enough to submit.
//!
//! The lifecycle is one state machine: draft → submitted → verified; submitted → changes
//! requested → (edited) → submitted; submitted → declined; the owner may withdraw a submitted
//! entry back to draft. A verified or declined entry is locked.

use super::input::FieldError;
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
}

impl Refusal {
    /// What to tell the person, in plain words.
    pub fn message(self, action: EvidenceAction) -> String {
        match self {
            Refusal::NotFound => "This entry could not be found.".to_owned(),
            Refusal::NotAllowed => "You do not have permission to do that.".to_owned(),
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

/// The activity types a trust starts with: (name, description, needs a host academy,
/// suggested element codes).
pub const STARTER_ACTIVITY_TYPES: [(&str, &str, bool, &str); 9] = [
    (
        "Led a staff meeting at another academy",
        "Planned and led a staff meeting or briefing for colleagues at an academy other than your own.",
        true,
        "B2,S5",
    ),
    (
        "Delivered trust-wide training",
        "Designed or delivered training open to colleagues across the trust, in person or online.",
        false,
        "S5,B3",
    ),
    (
        "Led a session on a trust training day",
        "Led a workshop or session at one of the trust's shared training days.",
        false,
        "S5,B2",
    ),
    (
        "Coached a colleague",
        "A series of coaching conversations with a colleague from another academy.",
        true,
        "B3,B1",
    ),
    (
        "Peer review",
        "Took part in a peer review as a reviewer or improvement champion.",
        true,
        "S3,A3",
    ),
    (
        "Led a think tank",
        "Convened and led one of the trust's think tanks on a shared problem.",
        false,
        "S2,B4",
    ),
    (
        "Led or contributed to a trust professional community",
        "Led, or contributed regularly to, a cross-trust professional community or network.",
        false,
        "B4,A2",
    ),
    (
        "Mentored an early-career teacher",
        "Mentored an early-career teacher based at another academy.",
        true,
        "B3,A1",
    ),
    (
        "Other cross-school activity",
        "Any other leadership that reached beyond your own academy.",
        false,
        "",
    ),
];

/// The most hours one entry may record (a long series of training days, not a typo).
pub const MAX_HOURS: f64 = 500.0;
/// The most people one entry may say it reached.
pub const MAX_PEOPLE: u32 = 50_000;

/// Where an activity happened, as far as the cross-school rule cares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Places {
    pub academies: Vec<i64>,
    pub trust_wide: bool,
}

/// Whether the activity reached beyond the owner's own academy: trust-wide, or at least one
/// academy other than their home academy. Staff of the central team have no home academy, so
/// any academy counts for them.
pub fn is_cross_school(places: &Places, home: Option<i64>) -> bool {
    places.trust_wide || places.academies.iter().any(|a| Some(*a) != home)
}

/// The plain-English reason an entry is not cross-school.
pub const NOT_CROSS_SCHOOL: &str = "Waymark records leadership beyond your own academy: choose at least one other academy, or trust-wide / online";

/// Parses a number of hours like "2", "1.5" or "0.25": more than zero, at most `MAX_HOURS`,
/// to the nearest quarter of an hour.
pub fn parse_hours(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let hours: f64 = text
        .parse()
        .map_err(|_| "Enter the hours as a number, like 1.5".to_owned())?;
    if !hours.is_finite() || hours <= 0.0 {
        return Err("Hours must be more than 0".to_owned());
    }
    if hours > MAX_HOURS {
        return Err(format!("Hours must be {MAX_HOURS} or fewer"));
    }
    Ok((hours * 4.0).round() / 4.0)
}

/// Parses how many people an activity reached: a whole number from 0 to `MAX_PEOPLE`.
pub fn parse_people(text: &str) -> Result<u32, String> {
    let text = text.trim().replace(',', "");
    let people: i64 = text
        .parse()
        .map_err(|_| "Enter the number of people as a whole number, like 12".to_owned())?;
    if people < 0 {
        return Err("The number of people cannot be negative".to_owned());
    }
    u32::try_from(people)
        .ok()
        .filter(|p| *p <= MAX_PEOPLE)
        .ok_or_else(|| format!("The number of people must be {MAX_PEOPLE} or fewer"))
}

/// The most links or co-leaders one entry may list.
pub const MAX_LIST: usize = 10;

/// Parses the links box: one web address per line, each `http://` or `https://` with a host
/// and no spaces. Blank lines are ignored.
pub fn parse_links(text: &str) -> Result<Vec<String>, String> {
    let links: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if links.len() > MAX_LIST {
        return Err(format!("List at most {MAX_LIST} links"));
    }
    for link in &links {
        let rest = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"));
        let ok = rest.is_some_and(|r| {
            let host = r.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && host.contains('.') || host.starts_with("localhost")
        }) && link.len() <= 2_000
            && !link.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(format!(
                "“{}” is not a web address: links start with https:// and have no spaces",
                link.chars().take(60).collect::<String>()
            ));
        }
    }
    Ok(links)
}

/// What must be true of an entry before it can be submitted, beyond each field being well
/// formed: the fields a verifier needs, and the cross-school rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Completeness<'a> {
    pub has_activity_type: bool,
    /// The activity type happens at a host academy, so "trust-wide" alone will not do.
    pub needs_host: bool,
    pub title: &'a str,
    pub has_date: bool,
    pub places: &'a Places,
    pub home_academy: Option<i64>,
    pub hours: Option<f64>,
    pub what_done: &'a str,
    pub claims: usize,
}

/// Why an activity that happens at a host academy cannot be trust-wide only.
pub const NEEDS_HOST: &str =
    "This kind of activity happens at another academy: choose the academy where it took place";

/// Every reason an entry cannot be submitted yet, against the fields to fix.
pub fn submission_problems(entry: &Completeness) -> Vec<FieldError> {
    let mut out = Vec::new();
    if !entry.has_activity_type {
        out.push(FieldError::new(
            "activity_type",
            "Choose the type of activity",
        ));
    }
    if entry.title.trim().is_empty() {
        out.push(FieldError::new("title", "Enter a title"));
    }
    if !entry.has_date {
        out.push(FieldError::new(
            "started_on",
            "Enter the date of the activity",
        ));
    }
    if entry.places.academies.is_empty() && !entry.places.trust_wide {
        out.push(FieldError::new(
            "places",
            "Choose where the activity happened",
        ));
    } else if !is_cross_school(entry.places, entry.home_academy) {
        out.push(FieldError::new("places", NOT_CROSS_SCHOOL));
    } else if entry.needs_host
        && !entry
            .places
            .academies
            .iter()
            .any(|a| Some(*a) != entry.home_academy)
    {
        out.push(FieldError::new("places", NEEDS_HOST));
    }
    if entry.hours.is_none() {
        out.push(FieldError::new("hours", "Enter how many hours it took"));
    }
    if entry.what_done.trim().is_empty() {
        out.push(FieldError::new("what_done", "Describe what you did"));
    }
    if entry.claims == 0 {
        out.push(FieldError::new(
            "claims",
            "Choose at least one element of the framework this activity demonstrates",
        ));
    }
    out
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
    fn statuses_read_back_from_their_codes() {
        for s in S::ALL {
            assert_eq!(S::from_code(s.code()), Some(s));
        }
        assert_eq!(S::from_code("approved"), None);
    }

    #[test]
    fn an_activity_at_home_only_is_not_cross_school() {
        let home = Some(3);
        let at = |academies: Vec<i64>, trust_wide| Places {
            academies,
            trust_wide,
        };
        assert!(!is_cross_school(&at(vec![3], false), home));
        assert!(is_cross_school(&at(vec![3, 5], false), home));
        assert!(is_cross_school(&at(vec![], true), home));
        assert!(is_cross_school(&at(vec![3], false), None), "central team");
        assert!(!is_cross_school(&at(vec![], false), None));
    }

    #[test]
    fn hours_are_positive_bounded_and_rounded_to_a_quarter() {
        assert_eq!(parse_hours("1.5"), Ok(1.5));
        assert_eq!(parse_hours(" 2 "), Ok(2.0));
        assert_eq!(parse_hours("0.3"), Ok(0.25));
        assert!(parse_hours("0").is_err());
        assert!(parse_hours("-2").is_err());
        assert!(parse_hours("two").is_err());
        assert!(parse_hours("NaN").is_err());
        assert!(parse_hours("1e9").is_err());
    }

    #[test]
    fn links_are_web_addresses_one_per_line() {
        assert_eq!(
            parse_links("https://trust.example/slides\n\n  http://a.example/x?y=1  "),
            Ok(vec![
                "https://trust.example/slides".to_owned(),
                "http://a.example/x?y=1".to_owned()
            ])
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "ftp://files.example",
            "https://",
            "https://has space.example",
            "www.example.com",
        ] {
            assert!(parse_links(bad).is_err(), "{bad}");
        }
        let many = "https://a.example\n".repeat(11);
        assert!(parse_links(&many).is_err());
    }

    #[test]
    fn people_reached_is_a_whole_number_that_is_not_negative() {
        assert_eq!(parse_people("1,200"), Ok(1200));
        assert_eq!(parse_people("0"), Ok(0));
        assert!(parse_people("-1").is_err());
        assert!(parse_people("3.5").is_err());
        assert!(parse_people("999999999999").is_err());
    }

    #[test]
    fn an_entry_cannot_be_submitted_until_it_says_enough_and_reaches_beyond_home() {
        let home_only = Places {
            academies: vec![3],
            trust_wide: false,
        };
        let entry = Completeness {
            has_activity_type: true,
            needs_host: false,
            title: "Led a staff meeting at Kingsmead",
            has_date: true,
            places: &home_only,
            home_academy: Some(3),
            hours: Some(1.5),
            what_done: "Led the meeting on feedback.",
            claims: 1,
        };
        let problems = submission_problems(&entry);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "places");
        assert_eq!(problems[0].message, NOT_CROSS_SCHOOL);

        let elsewhere = Places {
            academies: vec![3, 7],
            trust_wide: false,
        };
        let ok = Completeness {
            places: &elsewhere,
            ..entry.clone()
        };
        assert_eq!(submission_problems(&ok), vec![]);

        let nowhere = Places::default();
        let empty = Completeness {
            has_activity_type: false,
            needs_host: false,
            title: " ",
            has_date: false,
            places: &nowhere,
            home_academy: Some(3),
            hours: None,
            what_done: "",
            claims: 0,
        };
        let fields: Vec<String> = submission_problems(&empty)
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "activity_type",
                "title",
                "started_on",
                "places",
                "hours",
                "what_done",
                "claims"
            ]
        );
    }

    #[test]
    fn an_activity_that_needs_a_host_must_name_another_academy_not_just_trust_wide() {
        let online = Places {
            academies: vec![],
            trust_wide: true,
        };
        let entry = Completeness {
            has_activity_type: true,
            needs_host: true,
            title: "Led a staff meeting",
            has_date: true,
            places: &online,
            home_academy: Some(3),
            hours: Some(1.0),
            what_done: "Led it.",
            claims: 1,
        };
        let problems = submission_problems(&entry);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, NEEDS_HOST);

        let hosted = Places {
            academies: vec![7],
            trust_wide: true,
        };
        let ok = Completeness {
            places: &hosted,
            ..entry.clone()
        };
        assert_eq!(submission_problems(&ok), vec![]);
        let anywhere = Completeness {
            needs_host: false,
            ..entry
        };
        assert_eq!(submission_problems(&anywhere), vec![]);
    }
}
