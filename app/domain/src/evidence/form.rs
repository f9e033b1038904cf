//! The evidence form: what it sends, how its fields parse, and what an entry must say before
//! it can be submitted.

use crate::input::FieldError;
use crate::{AcademyId, ActivityTypeId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the evidence form sends, as typed: the server parses and checks it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryForm {
    pub activity_type: Option<ActivityTypeId>,
    pub title: String,
    /// `YYYY-MM-DD`, as a date input sends it.
    pub started_on: String,
    pub ended_on: String,
    pub places: Vec<AcademyId>,
    pub trust_wide: bool,
    pub hours: String,
    pub people_reached: String,
    /// Markdown.
    pub what_done: String,
    /// Markdown.
    pub reflection: String,
    /// (element code, level rank) of each claim.
    pub claims: Vec<(String, u32)>,
    /// Co-leaders' e-mail addresses, one per line.
    pub co_leaders: String,
    /// Links to supporting material, one per line.
    pub links: String,
}

/// The longest a title may be.
pub const MAX_TITLE: usize = 200;
/// The longest either Markdown field may be.
pub const MAX_TEXT: usize = 20_000;

/// The order of the form's fields, so that problems are listed as the form reads.
const FIELD_ORDER: [&str; 12] = [
    "activity_type",
    "title",
    "started_on",
    "ended_on",
    "places",
    "hours",
    "people_reached",
    "what_done",
    "reflection",
    "claims",
    "co_leaders",
    "links",
];

/// Puts problems in the order of the form's fields (a claim's level after the claims).
pub fn in_form_order(errors: &mut [FieldError]) {
    let position = |field: &str| {
        let field = if field.starts_with("claim-") {
            "claims"
        } else {
            field
        };
        FIELD_ORDER
            .iter()
            .position(|f| *f == field)
            .unwrap_or(FIELD_ORDER.len())
    };
    errors.sort_by_key(|e| position(&e.field));
}

/// The evidence form with every field that needs no lookup parsed into its type: what the
/// database must still confirm exists (activity type, academies, co-leaders, framework
/// elements) is passed along as given.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedEntry {
    pub activity_type: Option<ActivityTypeId>,
    pub title: String,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    /// Academies sorted, each once.
    pub places: Places,
    pub hours_quarters: Option<i32>,
    pub people_reached: Option<i32>,
    /// Markdown, tidied.
    pub what_done: String,
    pub reflection: String,
    pub links: Vec<String>,
}

fn parse_date(field: &str, text: &str) -> Result<Option<NaiveDate>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| FieldError::new(field, "Enter a real date, like 12 March 2026"))
}

/// What is wrong with the dates: the start may not be after today, the end not before the start
/// nor after today, and an end needs a start.
fn date_problems(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if start.is_some_and(|start| start > today) {
        errors.push(FieldError::new(
            "started_on",
            "The date cannot be in the future: record activities once they have happened",
        ));
    }
    match (start, end) {
        (Some(start), Some(end)) if end < start => errors.push(FieldError::new(
            "ended_on",
            "The end date must be the same as or after the start date",
        )),
        (None, Some(_)) => errors.push(FieldError::new(
            "started_on",
            "Enter the start date as well as the end date",
        )),
        (_, Some(end)) if end > today => errors.push(FieldError::new(
            "ended_on",
            "The end date cannot be in the future",
        )),
        _ => {}
    }
    errors
}

/// Hours as quarter hours. [`parse_hours`] has rounded them to a quarter and bounded them by
/// [`MAX_HOURS`], so the result is a whole number from 1 to 2,000 and the conversion exact.
#[allow(clippy::as_conversions)]
fn quarters(hours: f64) -> i32 {
    (hours * 4.0).round().clamp(0.0, MAX_HOURS * 4.0) as i32
}

impl EntryForm {
    /// The co-leaders' addresses as typed: one per line, blank lines left out.
    pub fn co_leader_addresses(&self) -> Vec<String> {
        self.co_leaders
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Parses every field that needs no lookup, on the day `today`: every problem at once, in
    /// the order of the form.
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedEntry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Enter a title"));
        } else if title.chars().count() > MAX_TITLE {
            errors.push(FieldError::new(
                "title",
                format!("The title must be {MAX_TITLE} characters or fewer"),
            ));
        }
        let mut date = |field, text: &str| {
            parse_date(field, text).unwrap_or_else(|e| {
                errors.push(e);
                None
            })
        };
        let started_on = date("started_on", &self.started_on);
        let ended_on = date("ended_on", &self.ended_on);
        errors.extend(date_problems(started_on, ended_on, today));
        let mut academies = self.places.clone();
        academies.sort_unstable();
        academies.dedup();
        let hours_quarters = match self.hours.trim() {
            "" => None,
            text => parse_hours(text)
                .map(quarters)
                .map_err(|message| errors.push(FieldError::new("hours", message)))
                .ok(),
        };
        let people_reached = match self.people_reached.trim() {
            "" => None,
            // At most MAX_PEOPLE, well inside an i32.
            text => parse_people(text)
                .map(|people| i32::try_from(people).unwrap_or(i32::MAX))
                .map_err(|message| errors.push(FieldError::new("people_reached", message)))
                .ok(),
        };
        for (field, text, label) in [
            ("what_done", &self.what_done, "What you did"),
            ("reflection", &self.reflection, "Your reflection"),
        ] {
            if text.chars().count() > MAX_TEXT {
                errors.push(FieldError::new(
                    field,
                    format!("{label} must be {MAX_TEXT} characters or fewer"),
                ));
            }
        }
        // Claims and co-leaders are checked against what exists (`check_claims`, the directory).
        if self.co_leader_addresses().len() > MAX_LIST {
            errors.push(FieldError::new(
                "co_leaders",
                format!("List at most {MAX_LIST} co-leaders"),
            ));
        }
        let links = parse_links(&self.links).unwrap_or_else(|message| {
            errors.push(FieldError::new("links", message));
            Vec::new()
        });
        if !errors.is_empty() {
            in_form_order(&mut errors);
            return Err(errors);
        }
        Ok(ParsedEntry {
            activity_type: self.activity_type,
            title,
            started_on,
            ended_on,
            places: Places {
                academies,
                trust_wide: self.trust_wide,
            },
            hours_quarters,
            people_reached,
            what_done: crate::framework::edit::clean_markdown(&self.what_done),
            reflection: crate::framework::edit::clean_markdown(&self.reflection),
            links,
        })
    }
}

/// A claim checked against the framework: (element UUID, code, level rank).
pub type CheckedClaim = (String, String, u32);

/// Checks each claim names an element of `framework` and one of its levels.
pub fn check_claims(
    claims: &[(String, u32)],
    framework: Option<&crate::framework::FrameworkDocument>,
) -> Result<Vec<CheckedClaim>, Vec<FieldError>> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let Some(doc) = framework else {
        return Err(vec![FieldError::new(
            "claims",
            "The trust has not published its framework yet, so nothing can be claimed",
        )]);
    };
    let levels = u32::try_from(doc.levels.len()).unwrap_or(u32::MAX);
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (code, level) in claims {
        // An element claimed twice counts once, at the first level given.
        if checked.iter().any(|(_, c, _): &CheckedClaim| c == code) {
            continue;
        }
        let Some(element) = doc.elements().find(|e| &e.code == code) else {
            errors.push(FieldError::new(
                "claims",
                format!("{code} is not an element of the current framework"),
            ));
            continue;
        };
        if *level == 0 || *level > levels {
            errors.push(FieldError::new(
                &format!("claim-{code}"),
                format!("Choose one of the {levels} levels for {code}"),
            ));
            continue;
        }
        checked.push((element.id.clone().unwrap_or_default(), code.clone(), *level));
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// The most hours one entry may record (a long series of training days, not a typo).
pub const MAX_HOURS: f64 = 500.0;
/// The most people one entry may say it reached.
pub const MAX_PEOPLE: u32 = 50_000;

/// Where an activity happened, as far as the cross-school rule cares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Places {
    pub academies: Vec<AcademyId>,
    pub trust_wide: bool,
}

/// Whether the activity reached beyond the owner's own academy: trust-wide, or at least one
/// academy other than their home academy. Staff of the central team have no home academy, so
/// any academy counts for them.
pub fn is_cross_school(places: &Places, home: Option<AcademyId>) -> bool {
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
    pub home_academy: Option<AcademyId>,
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

    #[test]
    fn a_claim_names_an_element_and_a_level_and_counts_once() {
        use crate::framework::{ElementDoc, FrameworkDocument};
        let mut doc = FrameworkDocument::outline();
        doc.strands[0].elements.push(ElementDoc {
            id: Some("uuid-a1".into()),
            code: "A1".into(),
            title: "Moral purpose".into(),
            summary: String::new(),
            description: String::new(),
            descriptors: Vec::new(),
        });
        let claims = [("A1".to_owned(), 2), ("A1".to_owned(), 3)];
        assert_eq!(
            check_claims(&claims, Some(&doc)),
            Ok(vec![("uuid-a1".to_owned(), "A1".to_owned(), 2)])
        );
        let wrong = [("Z9".to_owned(), 1), ("A1".to_owned(), 5)];
        let fields: Vec<String> = check_claims(&wrong, Some(&doc))
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["claims", "claim-A1"]);
        assert!(
            check_claims(&claims, None).is_err(),
            "nothing to claim before publishing"
        );
        assert_eq!(check_claims(&[], None), Ok(Vec::new()));
    }

    #[test]
    fn an_activity_at_home_only_is_not_cross_school() {
        let home = Some(AcademyId(3));
        let at = |academies: Vec<i64>, trust_wide| Places {
            academies: academies.into_iter().map(AcademyId).collect(),
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
            academies: vec![AcademyId(3)],
            trust_wide: false,
        };
        let entry = Completeness {
            has_activity_type: true,
            needs_host: false,
            title: "Led a staff meeting at Kingsmead",
            has_date: true,
            places: &home_only,
            home_academy: Some(AcademyId(3)),
            hours: Some(1.5),
            what_done: "Led the meeting on feedback.",
            claims: 1,
        };
        let problems = submission_problems(&entry);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "places");
        assert_eq!(problems[0].message, NOT_CROSS_SCHOOL);

        let elsewhere = Places {
            academies: vec![AcademyId(3), AcademyId(7)],
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
            home_academy: Some(AcademyId(3)),
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
            home_academy: Some(AcademyId(3)),
            hours: Some(1.0),
            what_done: "Led it.",
            claims: 1,
        };
        let problems = submission_problems(&entry);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, NEEDS_HOST);

        let hosted = Places {
            academies: vec![AcademyId(7)],
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
