//! The demo trust's evidence: a few thousand entries over the last two academic years, in
//! every state, with their audit trails, planned deterministically and written in batches.
//! The demo class teacher has drafts, a submission, a returned entry and verified ones; the
//! demo manager has a queue to verify.

mod write;

pub use write::write;

use super::PlannedPerson;
use app::domain::evidence::{EvidenceStatus as S, STARTER_ACTIVITY_TYPES};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// One planned entry with everything written about it.
#[derive(Clone, Debug)]
pub struct PlannedEntry {
    pub id: i64,
    pub owner: i64,
    pub verifier: i64,
    pub activity_type: i64,
    pub title: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub places: Vec<i64>,
    pub trust_wide: bool,
    pub hours_quarters: i32,
    pub people_reached: i32,
    pub what_done: String,
    pub reflection: String,
    pub status: S,
    /// (element uuid, code, claimed level, verified level).
    pub claims: Vec<(String, String, i32, Option<i32>)>,
    pub events: Vec<PlannedEvent>,
}

/// (actor, when, action code, from, to, comment) of one line of the audit trail.
pub type PlannedEvent = (i64, DateTime<Utc>, &'static str, Option<S>, S, String);

/// What was done, for each starter activity type in order.
const WHAT: [&str; 9] = [
    "Planned the meeting with the host academy's leadership team, then led it for their staff. We worked through **three short case studies** and agreed one change to try before half term.",
    "Designed and delivered a twilight session open to staff across the trust, online, with resources shared afterwards.",
    "Led a workshop on the trust training day for colleagues from several academies, and gathered feedback from everyone who attended.",
    "Ran a series of conversations using the trust's coaching model. Each session ended with an action the colleague chose for themselves.",
    "Worked alongside colleagues from the host academy to review practice, then wrote up the findings and next steps with them.",
    "Convened colleagues from several academies to look at a shared problem, and pulled the ideas into a short proposal for the trust.",
    "Led a meeting of the professional community and shared what is working in my academy, with examples others could use.",
    "Met the early-career teacher each week, observed lessons and agreed small, specific steps to work on.",
    "Led a joint project with a partner academy, planning it together and sharing the results with both staff teams.",
];

const REFLECTIONS: &[&str] = &[
    "Colleagues said the practical examples were the most useful part. Next time I would send the pre-reading a week earlier.",
    "Two of the host academy's teams have since changed how they plan together, which was the aim.",
    "I learned how different the same policy looks in a primary and a secondary setting, and how to listen for that.",
    "It stretched me: leading people I do not line-manage means winning them over rather than telling them.",
    "The follow-up survey showed most staff had tried the approach within a fortnight.",
];

const COMMENTS: &[&str] = &[
    "Please add what changed afterwards: the impact is the part I need to see.",
    "Which academy's staff were involved? Please add it to where it happened.",
    "Could you say which year groups this covered?",
];

const DECLINES: &[&str] = &[
    "This was within your own academy's programme, so it does not count as cross-school. Let's talk about an opportunity at Kingsmead.",
    "This duplicates the entry you recorded for the same training day.",
];

/// Plans the demo's evidence. `people` come from the trust plan; `elements` are the
/// published framework's (uuid, code); `academies` counts them (ids 1 to n).
pub fn plan_evidence(
    people: &[PlannedPerson],
    academies: i64,
    elements: &[(String, String)],
    academy_names: &[&str],
    today: NaiveDate,
    staff: i64,
) -> Vec<PlannedEntry> {
    let mut rng = StdRng::seed_from_u64(2027);
    let trust = TrustShape {
        academies,
        elements,
        academy_names,
    };
    let first_day = NaiveDate::from_ymd_opt(
        if today.month() >= 9 {
            today.year() - 1
        } else {
            today.year() - 2
        },
        9,
        1,
    )
    .unwrap_or(today);
    // Leave a fortnight so that every submission and decision is in the past.
    let span = ((today - first_day).num_days() - 14).max(1);
    let mut entries = Vec::new();
    let mut next_id = 1;
    for person in people {
        let Some(verifier) = person.manager else {
            continue;
        };
        // About two thirds of staff have recorded something; a few are prolific.
        let count = if person.id == staff {
            0
        } else {
            match rng.random_range(0..100) {
                0..=33 => 0,
                34..=70 => rng.random_range(1..=2),
                71..=93 => rng.random_range(3..=4),
                _ => rng.random_range(5..=9),
            }
        };
        for _ in 0..count {
            let status = match rng.random_range(0..100) {
                0..=59 => S::Verified,
                60..=71 => S::Submitted,
                72..=77 => S::ChangesRequested,
                78..=81 => S::Declined,
                _ => S::Draft,
            };
            // Work waits days or weeks for a decision, not months.
            let day = match status {
                S::Submitted => today - Duration::days(rng.random_range(3..30)),
                S::ChangesRequested => today - Duration::days(rng.random_range(14..60)),
                _ => first_day + Duration::days(rng.random_range(0..span)),
            };
            entries.push(plan_one(
                &mut rng, next_id, person, verifier, &trust, day, status,
            ));
            next_id += 1;
        }
    }
    // The demo class teacher: verified work, one waiting, one returned and two drafts.
    if let Some(sam) = people.iter().find(|p| p.id == staff)
        && let Some(verifier) = sam.manager
    {
        for (days_ago, status) in [
            (400, S::Verified),
            (240, S::Verified),
            (90, S::Verified),
            (20, S::ChangesRequested),
            (6, S::Submitted),
            (3, S::Draft),
            (1, S::Draft),
        ] {
            entries.push(plan_one(
                &mut rng,
                next_id,
                sam,
                verifier,
                &trust,
                today - Duration::days(days_ago),
                status,
            ));
            next_id += 1;
        }
    }
    entries
}

/// What every planned entry draws on: the academies (ids 1 to `academies`, named in order)
/// and the published framework's elements as (uuid, code).
struct TrustShape<'a> {
    academies: i64,
    elements: &'a [(String, String)],
    academy_names: &'a [&'a str],
}

fn plan_one(
    rng: &mut StdRng,
    id: i64,
    owner: &PlannedPerson,
    verifier: i64,
    trust: &TrustShape<'_>,
    day: NaiveDate,
    status: S,
) -> PlannedEntry {
    let TrustShape {
        academies,
        elements,
        academy_names,
    } = *trust;
    let type_index = rng.random_range(0..STARTER_ACTIVITY_TYPES.len());
    let (type_name, _, needs_host, suggested) = STARTER_ACTIVITY_TYPES[type_index];
    // Somewhere other than home: a host academy, or trust-wide for the types without one.
    let trust_wide = !needs_host && rng.random_bool(0.5);
    let places = places(rng, owner, academies, trust_wide);
    let host = places
        .first()
        .and_then(|a| {
            usize::try_from(*a - 1)
                .ok()
                .and_then(|i| academy_names.get(i))
        })
        .copied()
        .unwrap_or("the trust");
    let title = match type_index {
        0 => format!("Led a staff meeting at {host}"),
        1 => "Delivered trust-wide training on feedback".to_owned(),
        2 => "Led a workshop on the trust training day".to_owned(),
        3 => format!("Coached a colleague at {host}"),
        4 => format!("Peer review at {host}"),
        5 => "Led the trust think tank on attendance".to_owned(),
        6 => "Contributed to the trust's SEND professional community".to_owned(),
        7 => format!("Mentored an early-career teacher at {host}"),
        _ => format!("{type_name} with {host}"),
    };
    let claims = claims(rng, suggested, elements, status);
    let events = events(rng, id, owner.id, verifier, day, status);
    PlannedEntry {
        id,
        owner: owner.id,
        verifier,
        activity_type: super::id_of(type_index),
        title,
        started_on: day,
        ended_on: (type_index == 3 || type_index == 7).then(|| day + Duration::days(42)),
        places,
        trust_wide,
        hours_quarters: rng.random_range(4..=40),
        people_reached: rng.random_range(1..=60),
        what_done: WHAT[type_index].to_owned(),
        reflection: REFLECTIONS[rng.random_range(0..REFLECTIONS.len())].to_owned(),
        status,
        claims,
        events,
    }
}

/// Where an entry happened: an academy other than the owner's home (sometimes two), or
/// nowhere in particular for trust-wide work (sometimes with a host).
fn places(rng: &mut StdRng, owner: &PlannedPerson, academies: i64, trust_wide: bool) -> Vec<i64> {
    let mut places = Vec::new();
    if !trust_wide || rng.random_bool(0.3) {
        loop {
            let academy = rng.random_range(1..=academies);
            if Some(academy) != owner.academy {
                places.push(academy);
                break;
            }
        }
        if rng.random_bool(0.2) {
            let second = rng.random_range(1..=academies);
            if !places.contains(&second) {
                places.push(second);
            }
        }
    }
    places.sort_unstable();
    places
}

/// The elements an entry claims (its type's suggestions, sometimes one more) at a level each,
/// with the level its verifier agreed (now and then one lower).
fn claims(
    rng: &mut StdRng,
    suggested: &str,
    elements: &[(String, String)],
    status: S,
) -> Vec<(String, String, i32, Option<i32>)> {
    let mut codes: Vec<&str> = suggested.split(',').filter(|c| !c.is_empty()).collect();
    if codes.is_empty() || rng.random_bool(0.3) {
        let (_, code) = &elements[rng.random_range(0..elements.len())];
        if !codes.contains(&code.as_str()) {
            codes.push(code);
        }
    }
    codes
        .iter()
        .filter_map(|code| elements.iter().find(|(_, c)| c == code))
        .map(|(uuid, code)| {
            let claimed = rng.random_range(1..=4);
            let verified = (status == S::Verified).then(|| {
                if claimed > 1 && rng.random_bool(0.2) {
                    claimed - 1
                } else {
                    claimed
                }
            });
            (uuid.clone(), code.clone(), claimed, verified)
        })
        .collect()
}

/// An entry's audit trail: written on `day`, submitted the next, decided within the week.
fn events(
    rng: &mut StdRng,
    id: i64,
    owner: i64,
    verifier: i64,
    day: NaiveDate,
    status: S,
) -> Vec<PlannedEvent> {
    let at = |day: NaiveDate, hour: u32| {
        day.and_hms_opt(hour, rng_minute(id, hour), 0)
            .map(|t| t.and_utc())
            .unwrap_or_default()
    };
    let mut events = vec![(owner, at(day, 16), "edit", None, S::Draft, String::new())];
    let submitted = day + Duration::days(1);
    if status != S::Draft {
        let submit = (
            owner,
            at(submitted, 17),
            "submit",
            Some(S::Draft),
            S::Submitted,
            String::new(),
        );
        events.push(submit);
    }
    let decision = at(submitted + Duration::days(rng.random_range(1..=6)), 9);
    let decided = |action, comment: String| {
        (
            verifier,
            decision,
            action,
            Some(S::Submitted),
            status,
            comment,
        )
    };
    match status {
        S::Verified => events.push(decided("verify", String::new())),
        S::ChangesRequested => {
            let comment = COMMENTS[rng.random_range(0..COMMENTS.len())];
            events.push(decided("request_changes", comment.to_owned()));
        }
        S::Declined => {
            let comment = DECLINES[rng.random_range(0..DECLINES.len())];
            events.push(decided("decline", comment.to_owned()));
        }
        _ => {}
    }
    events
}

/// A minute that varies between entries without another random draw.
fn rng_minute(id: i64, hour: u32) -> u32 {
    u32::try_from((id * 7 + i64::from(hour) * 13).rem_euclid(60)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::AcademyId;

    fn plan() -> (Vec<PlannedPerson>, Vec<PlannedEntry>, NaiveDate, i64) {
        let trust = super::super::plan_trust();
        let elements: Vec<(String, String)> =
            ["A1", "A2", "B1", "B2", "B3", "B4", "S1", "S2", "S3", "S5"]
                .iter()
                .map(|c| (format!("uuid-{c}"), (*c).to_owned()))
                .collect();
        let names: Vec<&str> = trust.academies.iter().map(|(n, _)| *n).collect();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let staff = trust
            .people
            .iter()
            .find(|p| p.email == "staff@waymark.test")
            .unwrap()
            .id;
        let entries = plan_evidence(
            &trust.people,
            i64::try_from(trust.academies.len()).unwrap_or(i64::MAX),
            &elements,
            &names,
            today,
            staff,
        );
        (trust.people, entries, today, staff)
    }

    #[test]
    fn the_demo_has_thousands_of_entries_in_every_state() {
        let (_, entries, _, _) = plan();
        assert!(entries.len() > 2_000, "{}", entries.len());
        for status in S::ALL {
            assert!(entries.iter().any(|e| e.status == status), "{status:?}");
        }
    }

    #[test]
    fn every_demo_entry_reaches_beyond_its_owners_academy_and_is_in_the_past() {
        let (people, entries, today, _) = plan();
        for e in &entries {
            let home = people.iter().find(|p| p.id == e.owner).unwrap().academy;
            let places = app::domain::evidence::Places {
                academies: e.places.iter().copied().map(AcademyId).collect(),
                trust_wide: e.trust_wide,
            };
            assert!(
                app::domain::evidence::is_cross_school(&places, home.map(AcademyId)),
                "{e:?}"
            );
            assert!(
                e.events.iter().all(|ev| ev.1.date_naive() <= today),
                "{e:?}"
            );
            assert!(!e.claims.is_empty());
            assert_eq!(e.events.last().unwrap().4, e.status);
        }
    }

    #[test]
    fn the_demo_teacher_has_every_kind_of_entry_and_the_manager_has_a_queue() {
        let (people, entries, _, staff) = plan();
        let mine: Vec<S> = entries
            .iter()
            .filter(|e| e.owner == staff)
            .map(|e| e.status)
            .collect();
        for status in [S::Draft, S::Submitted, S::ChangesRequested, S::Verified] {
            assert!(mine.contains(&status), "{status:?}");
        }
        let manager = people
            .iter()
            .find(|p| p.email == "manager@waymark.test")
            .unwrap()
            .id;
        let queue = entries
            .iter()
            .filter(|e| e.verifier == manager && e.status == S::Submitted)
            .count();
        assert!(queue >= 1, "{queue}");
    }
}
