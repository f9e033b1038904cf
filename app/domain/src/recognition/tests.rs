use super::*;
use crate::ids::{AcademyId, ActivityTypeId};
use chrono::NaiveDate;

fn day(m: u32, d: u32) -> NaiveDate {
    let year = if m >= 9 { 2025 } else { 2026 };
    NaiveDate::from_ymd_opt(year, m, d).expect("date")
}

const HOME: Option<AcademyId> = Some(AcademyId(1));

fn entry(verified: NaiveDate, places: &[i64]) -> VerifiedEntry {
    VerifiedEntry {
        verified_on: verified,
        started_on: Some(verified),
        activity_type: None,
        places: places.iter().copied().map(AcademyId).collect(),
        quarters: 4,
        claims: Vec::new(),
    }
}

fn claiming(mut e: VerifiedEntry, element: &str, level: u32) -> VerifiedEntry {
    e.claims.push((element.to_owned(), level));
    e
}

fn shape() -> FrameworkShape {
    FrameworkShape {
        strands: [(
            "behaviours".to_owned(),
            vec!["b1".to_owned(), "b2".to_owned()],
        )]
        .into_iter()
        .collect(),
        pathways: [(
            "aspiring".to_owned(),
            vec![("b1".to_owned(), 2), ("s1".to_owned(), 3)],
        )]
        .into_iter()
        .collect(),
    }
}

fn cross_school(activities: u32, academies: u32) -> RuleKind {
    RuleKind::CrossSchool {
        activities,
        academies,
    }
}

#[test]
fn a_cross_school_milestone_is_met_on_the_day_the_last_activity_it_needs_is_verified() {
    let entries = [
        entry(day(10, 1), &[2]),
        entry(day(11, 5), &[3]),
        entry(day(12, 9), &[2]),
    ];
    let rule = cross_school(3, 2);
    assert_eq!(first_met(&rule, HOME, &entries, &shape()), Some(day(12, 9)));
}

#[test]
fn entries_are_judged_in_the_order_they_were_verified_whatever_order_they_come_in() {
    let entries = [entry(day(12, 9), &[2]), entry(day(10, 1), &[3])];
    assert_eq!(
        first_met(&cross_school(2, 2), HOME, &entries, &shape()),
        Some(day(12, 9))
    );
}

#[test]
fn the_persons_own_academy_never_counts_as_another() {
    let entries = [entry(day(10, 1), &[1, 2]), entry(day(11, 1), &[1])];
    assert_eq!(
        first_met(&cross_school(2, 2), HOME, &entries, &shape()),
        None
    );
    assert_eq!(
        first_met(&cross_school(2, 1), HOME, &entries, &shape()),
        Some(day(11, 1))
    );
}

#[test]
fn trust_wide_work_counts_as_an_activity_but_adds_no_academy() {
    let entries = [entry(day(10, 1), &[]), entry(day(11, 1), &[4])];
    assert_eq!(
        first_met(&cross_school(2, 1), HOME, &entries, &shape()),
        Some(day(11, 1))
    );
    assert_eq!(
        first_met(&cross_school(2, 2), HOME, &entries, &shape()),
        None
    );
}

#[test]
fn someone_in_the_central_team_has_no_home_academy_so_every_academy_is_another() {
    let entries = [entry(day(10, 1), &[1])];
    assert_eq!(
        first_met(&cross_school(1, 1), None, &entries, &shape()),
        Some(day(10, 1))
    );
}

#[test]
fn nobody_meets_a_rule_with_no_verified_evidence() {
    for rule in [
        cross_school(1, 1),
        RuleKind::HoursInYear { hours: 1 },
        RuleKind::Pathway {
            pathway: "aspiring".into(),
        },
    ] {
        assert_eq!(first_met(&rule, HOME, &[], &shape()), None, "{rule:?}");
    }
}

#[test]
fn a_level_in_a_named_element_is_met_by_a_verified_level_at_or_above_it() {
    let rule = RuleKind::Level {
        level: 3,
        scope: LevelScope::Element {
            element: "b1".into(),
        },
    };
    let low = claiming(entry(day(10, 1), &[2]), "b1", 2);
    let high = claiming(entry(day(11, 1), &[2]), "b1", 4);
    assert_eq!(
        first_met(&rule, HOME, std::slice::from_ref(&low), &shape()),
        None
    );
    assert_eq!(
        first_met(&rule, HOME, &[low, high], &shape()),
        Some(day(11, 1))
    );
}

#[test]
fn any_element_of_a_strand_is_enough_for_an_any_rule_but_not_for_an_every_rule() {
    let any = RuleKind::Level {
        level: 2,
        scope: LevelScope::AnyInStrand {
            strand: "behaviours".into(),
        },
    };
    let every = RuleKind::Level {
        level: 2,
        scope: LevelScope::EveryInStrand {
            strand: "behaviours".into(),
        },
    };
    let first = claiming(entry(day(10, 1), &[2]), "b1", 2);
    let second = claiming(entry(day(12, 1), &[3]), "b2", 3);
    assert_eq!(
        first_met(&any, HOME, std::slice::from_ref(&first), &shape()),
        Some(day(10, 1))
    );
    assert_eq!(
        first_met(&every, HOME, std::slice::from_ref(&first), &shape()),
        None
    );
    assert_eq!(
        first_met(&every, HOME, &[first, second], &shape()),
        Some(day(12, 1))
    );
}

#[test]
fn a_level_rule_on_a_strand_the_framework_no_longer_has_is_never_met() {
    let rule = RuleKind::Level {
        level: 1,
        scope: LevelScope::EveryInStrand {
            strand: "gone".into(),
        },
    };
    let e = claiming(entry(day(10, 1), &[2]), "b1", 4);
    assert_eq!(first_met(&rule, HOME, &[e], &shape()), None);
}

#[test]
fn entries_of_an_activity_type_are_counted_and_others_are_not() {
    let coaching = ActivityTypeId(4);
    let rule = RuleKind::ActivityType {
        activity_type: coaching,
        entries: 2,
    };
    let of = |d: NaiveDate, t: i64| VerifiedEntry {
        activity_type: Some(ActivityTypeId(t)),
        ..entry(d, &[2])
    };
    let entries = [of(day(10, 1), 4), of(day(10, 8), 5), of(day(11, 2), 4)];
    assert_eq!(first_met(&rule, HOME, &entries, &shape()), Some(day(11, 2)));
    assert_eq!(first_met(&rule, HOME, &entries[..2], &shape()), None);
}

#[test]
fn hours_count_within_one_academic_year_from_september_to_august() {
    let rule = RuleKind::HoursInYear { hours: 3 };
    let hours = |d: NaiveDate, quarters: i64| VerifiedEntry {
        quarters,
        ..entry(d, &[2])
    };
    let july = NaiveDate::from_ymd_opt(2025, 7, 10).expect("date");
    // Two hours in July 2025 (2024 to 2025) and two in September (2025 to 2026): no year has 3.
    let entries = [hours(july, 8), hours(day(9, 20), 8)];
    assert_eq!(first_met(&rule, HOME, &entries, &shape()), None);
    let more = [hours(july, 8), hours(day(9, 20), 8), hours(day(10, 3), 4)];
    assert_eq!(first_met(&rule, HOME, &more, &shape()), Some(day(10, 3)));
}

#[test]
fn hours_belong_to_the_year_the_activity_started_not_the_year_it_was_verified() {
    let rule = RuleKind::HoursInYear { hours: 2 };
    let august = NaiveDate::from_ymd_opt(2025, 8, 30).expect("date");
    let late = VerifiedEntry {
        started_on: Some(august),
        ..entry(day(9, 10), &[2])
    };
    let entries = [late, entry(day(9, 12), &[2])];
    assert_eq!(first_met(&rule, HOME, &entries, &shape()), None);
}

#[test]
fn a_pathway_is_completed_when_every_target_is_reached() {
    let rule = RuleKind::Pathway {
        pathway: "aspiring".into(),
    };
    let b1 = claiming(entry(day(10, 1), &[2]), "b1", 2);
    let s1_low = claiming(entry(day(11, 1), &[2]), "s1", 2);
    let s1 = claiming(entry(day(12, 1), &[3]), "s1", 3);
    assert_eq!(
        first_met(&rule, HOME, &[b1.clone(), s1_low.clone()], &shape()),
        None
    );
    assert_eq!(
        first_met(&rule, HOME, &[b1, s1_low, s1], &shape()),
        Some(day(12, 1))
    );
}

#[test]
fn each_kind_says_what_it_asks_in_a_sentence() {
    let name = |id: &str| format!("«{id}»");
    assert_eq!(
        cross_school(3, 2).sentence(name),
        "3 verified activities between them at 2 academies other than their own"
    );
    assert_eq!(
        cross_school(1, 1).sentence(name),
        "1 verified activity between them at 1 academy other than their own"
    );
    let level = RuleKind::Level {
        level: 3,
        scope: LevelScope::AnyInStrand {
            strand: "behaviours".into(),
        },
    };
    assert_eq!(
        level.sentence(name),
        "Level 3 or higher in any element of «behaviours»"
    );
    let hours = RuleKind::HoursInYear { hours: 20 };
    assert_eq!(
        hours.sentence(name),
        "20 hours of verified cross-school work in one academic year"
    );
}

fn form(kind: &str) -> RuleForm {
    RuleForm {
        name: "Trust connector".into(),
        kind: kind.into(),
        ..RuleForm::default()
    }
}

#[test]
fn a_complete_form_reads_as_its_rule() {
    let filled = RuleForm {
        activities: "3".into(),
        academies: " 2 ".into(),
        ..form("cross_school")
    };
    let rule = filled.parse(4).expect("reads");
    assert_eq!(rule.name, "Trust connector");
    assert_eq!(rule.kind, cross_school(3, 2));
    let level = RuleForm {
        level: "2".into(),
        scope: "every:behaviours".into(),
        ..form("level")
    };
    assert_eq!(
        level.parse(4).expect("reads").kind,
        RuleKind::Level {
            level: 2,
            scope: LevelScope::EveryInStrand {
                strand: "behaviours".into()
            }
        }
    );
}

#[test]
fn every_missing_or_wrong_field_is_named_with_a_plain_message() {
    let errors = RuleForm {
        name: String::new(),
        activities: "three".into(),
        academies: "0".into(),
        ..form("cross_school")
    }
    .parse(4)
    .expect_err("refused");
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "activities", "academies"]);
    assert_eq!(
        errors[1].message,
        "Enter how many activities as a whole number, like 3"
    );
    assert_eq!(errors[2].message, "Enter how many academies from 1 to 1000");
}

#[test]
fn a_form_must_choose_a_kind_and_a_level_the_framework_has() {
    let none = form("").parse(4).expect_err("refused");
    assert_eq!(none[0].field, "kind");
    let too_high = RuleForm {
        level: "5".into(),
        scope: "any:behaviours".into(),
        ..form("level")
    }
    .parse(4)
    .expect_err("refused");
    assert_eq!(
        too_high[0].message,
        "The framework has 4 levels: choose one of them"
    );
    let no_scope = RuleForm {
        level: "2".into(),
        ..form("level")
    }
    .parse(4)
    .expect_err("refused");
    assert_eq!(no_scope[0].field, "scope");
}

#[test]
fn a_rule_is_stored_as_tagged_json_and_reads_back_the_same() {
    let rule = RuleKind::ActivityType {
        activity_type: ActivityTypeId(4),
        entries: 5,
    };
    let text = serde_json::to_string(&rule).expect("json");
    assert_eq!(
        text,
        r#"{"kind":"activity_type","activity_type":4,"entries":5}"#
    );
    assert_eq!(
        serde_json::from_str::<RuleKind>(&text).expect("reads"),
        rule
    );
}
