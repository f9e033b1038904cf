//! Judging a rule against a person's verified evidence: whether they meet it, and the day
//! they first did (the day the entry that tipped it was verified).

use super::rule::{LevelScope, RuleKind};
use crate::ids::{AcademyId, ActivityTypeId};
use crate::portfolio::academic_year_start;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// One verified entry, as a rule reads it. Only verified entries are ever judged: drafts,
/// entries waiting, returned, declined or withdrawn never count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedEntry {
    /// The day it was verified.
    pub verified_on: NaiveDate,
    /// The day the activity started (it decides the academic year of its hours).
    pub started_on: Option<NaiveDate>,
    pub activity_type: Option<ActivityTypeId>,
    /// The academies it took place at.
    pub places: Vec<AcademyId>,
    /// Hours in quarters of an hour.
    pub quarters: i64,
    /// (element UUID, level the verifier agreed).
    pub claims: Vec<(String, u32)>,
}

/// What rules need to know of the framework: the elements of each strand, and the targets of
/// each pathway, all by UUID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameworkShape {
    /// Strand UUID → its elements' UUIDs.
    pub strands: HashMap<String, Vec<String>>,
    /// Pathway UUID → (element UUID, target level).
    pub pathways: HashMap<String, Vec<(String, u32)>>,
}

/// What a person's entries add up to so far, one entry at a time.
#[derive(Default)]
struct Tally {
    activities: u32,
    other_academies: BTreeSet<AcademyId>,
    best: HashMap<String, u32>,
    of_type: HashMap<ActivityTypeId, u32>,
    quarters_in_year: HashMap<i32, i64>,
}

impl Tally {
    fn add(&mut self, entry: &VerifiedEntry, home: Option<AcademyId>) {
        self.activities += 1;
        self.other_academies
            .extend(entry.places.iter().filter(|a| Some(**a) != home));
        for (element, level) in &entry.claims {
            let best = self.best.entry(element.clone()).or_default();
            *best = (*best).max(*level);
        }
        if let Some(t) = entry.activity_type {
            *self.of_type.entry(t).or_default() += 1;
        }
        let year = academic_year_start(entry.started_on.unwrap_or(entry.verified_on));
        *self.quarters_in_year.entry(year).or_default() += entry.quarters;
    }

    fn reached(&self, element: &str, level: u32) -> bool {
        self.best.get(element).is_some_and(|best| *best >= level)
    }

    fn meets(&self, rule: &RuleKind, shape: &FrameworkShape) -> bool {
        match rule {
            RuleKind::CrossSchool {
                activities,
                academies,
            } => {
                self.activities >= *activities
                    && self.other_academies.len()
                        >= usize::try_from(*academies).unwrap_or(usize::MAX)
            }
            RuleKind::Level { level, scope } => match scope {
                LevelScope::Element { element } => self.reached(element, *level),
                LevelScope::AnyInStrand { strand } => shape
                    .strands
                    .get(strand)
                    .is_some_and(|elements| elements.iter().any(|e| self.reached(e, *level))),
                LevelScope::EveryInStrand { strand } => {
                    shape.strands.get(strand).is_some_and(|elements| {
                        !elements.is_empty() && elements.iter().all(|e| self.reached(e, *level))
                    })
                }
            },
            RuleKind::ActivityType {
                activity_type,
                entries,
            } => self
                .of_type
                .get(activity_type)
                .is_some_and(|n| n >= entries),
            RuleKind::HoursInYear { hours } => {
                let wanted = i64::from(*hours) * 4;
                self.quarters_in_year.values().any(|q| *q >= wanted)
            }
            RuleKind::Pathway { pathway } => shape.pathways.get(pathway).is_some_and(|targets| {
                !targets.is_empty() && targets.iter().all(|(e, level)| self.reached(e, *level))
            }),
        }
    }
}

/// The day `entries` (a person's verified entries, in any order) first met `rule`, for a person
/// whose own academy is `home` (never counted as "other"); `None` if they do not meet it.
pub fn first_met(
    rule: &RuleKind,
    home: Option<AcademyId>,
    entries: &[VerifiedEntry],
    shape: &FrameworkShape,
) -> Option<NaiveDate> {
    let mut in_order: Vec<&VerifiedEntry> = entries.iter().collect();
    in_order.sort_by_key(|e| e.verified_on);
    let mut tally = Tally::default();
    in_order.into_iter().find_map(|entry| {
        tally.add(entry, home);
        tally.meets(rule, shape).then_some(entry.verified_on)
    })
}
