//! The demo trust's staff as its HR system would export them: `staff.csv`, which the demo
//! seed imports through the same code as an administrator's upload, so every demo proves the
//! importer on 2,000 rows. The file is what the planner in `people.rs` writes; a test keeps
//! the two the same (`WAYMARK_WRITE_DEMO_CSV=1 cargo test -p server --lib demo::staff` writes
//! it again after the planner changes).

#[cfg(test)]
use super::people::Plan;
#[cfg(test)]
use app::model::CENTRAL_TEAM;
#[cfg(test)]
use std::collections::HashMap;
#[cfg(test)]
use std::fmt::Write as _;

/// The demo's staff file.
pub const STAFF_CSV: &str = include_str!("staff.csv");

/// A CSV cell: quoted when it holds a comma, a quote or a line break.
#[cfg(test)]
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The employee number the demo's HR system gives the person planned as `id`.
pub fn employee_number(id: i64) -> String {
    format!("E{id:05}")
}

/// The plan's people as an HR export: one row each, managers before their reports.
#[cfg(test)]
pub fn staff_csv(plan: &Plan) -> String {
    let academies: HashMap<i64, &str> = plan
        .academies
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (super::id_of(i), *name))
        .collect();
    let mut out = String::from(
        "Employee Number,Name,Email,Academy,Job Title,Role Category,Line Manager Employee Number\n",
    );
    for p in &plan.people {
        let academy = p
            .academy
            .and_then(|a| academies.get(&a).copied())
            .unwrap_or(CENTRAL_TEAM);
        let manager = p.manager.map(employee_number).unwrap_or_default();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            employee_number(p.id),
            cell(&p.name),
            cell(&p.email),
            cell(academy),
            cell(&p.job_title),
            p.category.label(),
            manager
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_staff_file_is_what_the_planner_writes() {
        let written = staff_csv(&super::super::plan_trust());
        if std::env::var_os("WAYMARK_WRITE_DEMO_CSV").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/demo/staff.csv");
            std::fs::write(path, &written).expect("writes the demo's staff file");
        }
        assert!(
            written == STAFF_CSV,
            "server/src/demo/staff.csv is out of date: run WAYMARK_WRITE_DEMO_CSV=1 cargo test -p server --lib demo::staff"
        );
    }

    #[test]
    fn cells_with_commas_or_quotes_are_quoted() {
        assert_eq!(
            cell("Head of Design, Technology"),
            "\"Head of Design, Technology\""
        );
        assert_eq!(cell("Ann \"Nan\" Lee"), "\"Ann \"\"Nan\"\" Lee\"");
        assert_eq!(cell("Teacher"), "Teacher");
    }
}
