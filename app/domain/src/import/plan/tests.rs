use super::*;
use crate::import::columns::Column;

const HEADINGS: [&str; 8] = [
    "Staff No",
    "Name",
    "Email",
    "School",
    "Job Title",
    "Category",
    "Manager Email",
    "Leaving Date",
];

fn headings() -> Vec<String> {
    HEADINGS.iter().map(|h| (*h).to_owned()).collect()
}

fn mapping() -> Mapping {
    Mapping::guess(&headings())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).expect("date")
}

/// Ashgrove (1, open), Kingsmead (2, open), Old Mill (3, closed); Hana (1) heads Ashgrove,
/// Mina (2) reports to her, Sam (3) to Mina; Lee (4) has left.
fn trust() -> Snapshot {
    let academy = |id, name: &str, short: &str, open| KnownAcademy {
        id: AcademyId(id),
        name: name.into(),
        short_name: short.into(),
        open,
    };
    let person =
        |id, number: Option<&str>, email: &str, name: &str, manager: Option<i64>, active| {
            KnownPerson {
                id: PersonId(id),
                employee_number: number.map(Into::into),
                email: email.into(),
                name: name.into(),
                job_title: "Teacher".into(),
                academy: Some(AcademyId(1)),
                category: RoleCategory::Delivering,
                manager: manager.map(PersonId),
                active,
            }
        };
    Snapshot {
        academies: vec![
            academy(1, "Ashgrove Primary Academy", "Ashgrove", true),
            academy(2, "Kingsmead Academy", "", true),
            academy(3, "Old Mill School", "", false),
        ],
        people: vec![
            person(1, Some("E1"), "hana@t.org", "Hana Head", None, true),
            person(2, Some("E2"), "mina@t.org", "Mina Manager", Some(1), true),
            person(3, None, "sam@t.org", "Sam Staff", Some(2), true),
            person(4, Some("E4"), "lee@t.org", "Lee Left", Some(2), false),
        ],
        central: "Central trust team".into(),
    }
}

fn row(cells: [&str; 8]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// The file that says exactly what Waymark knows of the people still working.
fn as_known() -> Vec<(usize, Vec<String>)> {
    vec![
        (
            2,
            row([
                "E1",
                "Hana Head",
                "hana@t.org",
                "Ashgrove",
                "Teacher",
                "Delivering",
                "",
                "",
            ]),
        ),
        (
            3,
            row([
                "E2",
                "Mina Manager",
                "mina@t.org",
                "ashgrove primary academy",
                "Teacher",
                "delivering",
                "hana@t.org",
                "",
            ]),
        ),
        (
            4,
            row([
                "",
                "Sam Staff",
                "SAM@t.org",
                "Ashgrove",
                "Teacher",
                "Delivering Education",
                "mina@t.org",
                "",
            ]),
        ),
    ]
}

fn run(rows: &[(usize, Vec<String>)]) -> Plan {
    plan(&headings(), rows, &mapping(), &trust(), today())
}

fn messages(plan: &Plan) -> Vec<(usize, String)> {
    plan.problems
        .iter()
        .map(|p| (p.row, p.message.clone()))
        .collect()
}

#[test]
fn a_file_that_says_what_waymark_knows_changes_nothing() {
    let plan = run(&as_known());
    assert_eq!(messages(&plan), vec![]);
    assert_eq!(plan.unchanged, 3);
    assert!(plan.adds.is_empty() && plan.updates.is_empty() && plan.leavers.is_empty());
    assert!(plan.missing.is_empty(), "Lee has left, so is not missing");
}

#[test]
fn new_people_are_added_with_managers_from_the_same_file() {
    let mut rows = as_known();
    rows.push((
        5,
        row([
            "E5",
            "Nia New",
            "nia@t.org",
            "Kingsmead Academy",
            "Head of Year",
            "Leading",
            "",
            "",
        ]),
    ));
    rows.push((
        6,
        row([
            "E6",
            "Ola Other",
            "ola@t.org",
            "Central trust team",
            "Analyst",
            "Enabling",
            "nia@t.org",
            "",
        ]),
    ));
    let plan = run(&rows);
    assert_eq!(messages(&plan), vec![]);
    assert_eq!(plan.adds.len(), 2);
    assert_eq!(plan.adds[1].manager, ManagerRef::New(0));
    assert_eq!(plan.adds[1].details.academy, None, "the central trust team");
    let fields: Vec<&str> = plan.adds[1]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert!(fields.contains(&"Line manager"));
}

#[test]
fn a_change_is_matched_on_employee_number_first_and_listed_field_by_field() {
    let mut rows = as_known();
    // Mina's address and school change; the number still finds her.
    rows[1] = (
        3,
        row([
            "E2",
            "Mina Manager",
            "mina.m@t.org",
            "Kingsmead",
            "Teacher",
            "Delivering",
            "hana@t.org",
            "",
        ]),
    );
    let plan = run(&rows);
    assert_eq!(messages(&plan), vec![]);
    assert_eq!(plan.updates.len(), 1);
    let update = &plan.updates[0];
    assert_eq!(update.person, PersonId(2));
    assert_eq!(
        update.changes,
        vec![
            Change::new("E-mail address", "mina@t.org", "mina.m@t.org"),
            Change::new("Works at", "Ashgrove Primary Academy", "Kingsmead Academy"),
        ]
    );
}

#[test]
fn leavers_are_those_with_a_leaving_date_that_has_come_and_the_missing_are_only_offered() {
    let rows = vec![
        (
            2,
            row([
                "E1",
                "Hana Head",
                "hana@t.org",
                "Ashgrove",
                "Teacher",
                "Delivering",
                "",
                "",
            ]),
        ),
        (
            3,
            row([
                "E2",
                "Mina Manager",
                "mina@t.org",
                "Ashgrove",
                "Teacher",
                "Delivering",
                "hana@t.org",
                "31/08/2026",
            ]),
        ),
        (
            4,
            row([
                "E9",
                "Future Fay",
                "fay@t.org",
                "Ashgrove",
                "Teacher",
                "Delivering",
                "",
                "31/08/2027",
            ]),
        ),
    ];
    let plan = run(&rows);
    assert_eq!(messages(&plan), vec![]);
    assert_eq!(plan.leavers.len(), 1);
    assert_eq!(plan.leavers[0].person, PersonId(2));
    assert_eq!(
        plan.adds.len(),
        1,
        "a leaving date still to come does not stop them joining"
    );
    assert_eq!(plan.missing, vec![PersonId(3)], "Sam is not in the file");
}

#[test]
fn someone_who_had_left_and_is_in_the_file_again_returns() {
    let mut rows = as_known();
    rows.push((
        5,
        row([
            "E4",
            "Lee Left",
            "lee@t.org",
            "Ashgrove",
            "Teacher",
            "Delivering",
            "mina@t.org",
            "",
        ]),
    ));
    let plan = run(&rows);
    assert_eq!(plan.updates.len(), 1);
    assert!(plan.updates[0].returns);
}

#[test]
fn each_bad_row_is_named_with_its_number_and_a_plain_message() {
    let mut rows = as_known();
    rows.push((
        5,
        row([
            "E5",
            "Una Known",
            "una@t.org",
            "Atlantis Academy",
            "Teacher",
            "Delivering",
            "",
            "",
        ]),
    ));
    rows.push((
        6,
        row([
            "E6",
            "Dee Double",
            "hana@t.org",
            "Ashgrove",
            "Teacher",
            "Delivering",
            "",
            "",
        ]),
    ));
    rows.push((
        7,
        row([
            "E7",
            "Nomi Manager",
            "nomi@t.org",
            "Ashgrove",
            "Teacher",
            "Delivering",
            "ghost@t.org",
            "",
        ]),
    ));
    rows.push((
        8,
        row([
            "E8",
            "Ida Date",
            "ida@t.org",
            "Ashgrove",
            "Teacher",
            "Delivering",
            "",
            "31/02/2026",
        ]),
    ));
    rows.push((
        9,
        row([
            "E10",
            "Cal Closed",
            "cal@t.org",
            "Old Mill School",
            "Teacher",
            "Delivering",
            "",
            "",
        ]),
    ));
    rows.push((
        10,
        row([
            "E11",
            "Lou Lefts",
            "lou@t.org",
            "Ashgrove",
            "Teacher",
            "Delivering",
            "lee@t.org",
            "",
        ]),
    ));
    let plan = run(&rows);
    let found = messages(&plan);
    let on = |row: usize| {
        found
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        on(5),
        [
            "Unknown academy “Atlantis Academy”: add it on the Academies page, or correct the spelling"
        ]
    );
    assert_eq!(on(6), ["The e-mail address hana@t.org is also on row 2"]);
    assert_eq!(
        on(7),
        ["Line manager “ghost@t.org” is not in the file or in Waymark"]
    );
    assert_eq!(
        on(8),
        ["The leaving date “31/02/2026” is not a date: write it like 31/08/2026 or 2026-08-31"]
    );
    assert_eq!(
        on(9),
        ["Old Mill School has closed: choose an open academy"]
    );
    assert_eq!(on(10), ["Their line manager Lee Left has left the trust"]);
    assert_eq!(plan.adds.len(), 0, "rows with problems plan nothing");
}

#[test]
fn a_file_that_makes_a_management_loop_is_refused_on_the_rows_in_it() {
    let mut rows = as_known();
    // Hana would report to Sam, who reports to Mina, who reports to Hana.
    rows[0] = (
        2,
        row([
            "E1",
            "Hana Head",
            "hana@t.org",
            "Ashgrove",
            "Teacher",
            "Delivering",
            "sam@t.org",
            "",
        ]),
    );
    let plan = run(&rows);
    let found = messages(&plan);
    assert!(
        found.iter().any(|(r, m)| *r == 2 && m == "This makes a line management loop: Hana Head → Sam Staff → Mina Manager → Hana Head"),
        "{found:?}"
    );
}

#[test]
fn a_mapping_without_the_columns_it_needs_says_so_on_the_heading_row() {
    let mut mapping = mapping();
    mapping.0.remove(&Column::Email);
    let plan = plan(&headings(), &as_known(), &mapping, &trust(), today());
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(plan.problems[0].row, 1);
}
