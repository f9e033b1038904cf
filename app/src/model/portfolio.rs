//! The portfolio as pages show it: figures, the coverage matrix, pathways, the timeline, and
//! share links.

use super::*;

/// Headline figures of verified activity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub activities: u32,
    /// "12.5".
    pub hours: String,
    /// Academies other than the person's own.
    pub academies: u32,
    pub people: u32,
}

/// One cell of the coverage matrix: entries behind an element at a level. Sent to the browser
/// as a pair, `[verified, pending]`: a matrix has a hundred cells or so, and their field names
/// would be a third of the page's hydration data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct CoverageCell {
    /// Verified at this level.
    pub verified: u32,
    /// Claimed at this level and waiting for verification.
    pub pending: u32,
}

impl From<(u32, u32)> for CoverageCell {
    fn from((verified, pending): (u32, u32)) -> Self {
        CoverageCell { verified, pending }
    }
}

impl From<CoverageCell> for (u32, u32) {
    fn from(cell: CoverageCell) -> Self {
        (cell.verified, cell.pending)
    }
}

/// One element's row of the coverage matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub code: String,
    pub title: String,
    pub strand: String,
    /// The current level's name, if any evidence is verified.
    pub current: Option<String>,
    /// One per level, in order.
    pub cells: Vec<CoverageCell>,
}

/// Progress along one followed pathway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayProgressView {
    pub id: String,
    pub name: String,
    pub met: u32,
    pub total: u32,
    pub percent: u32,
    /// What to do next, in words; `None` once every target is met.
    pub next: Option<String>,
}

/// A verified activity on the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: EntryId,
    pub title: String,
    pub date: String,
    pub activity: String,
    /// "B2 at Academy".
    pub shows: Vec<String>,
}

/// The verified activities of one term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermActivity {
    /// "Autumn term 2025".
    pub label: String,
    /// "2025 to 2026".
    pub year: String,
    pub entries: Vec<TimelineEntry>,
}

/// A progression portfolio, as the person looking at it may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portfolio {
    pub person_id: PersonId,
    pub name: String,
    pub job_title: String,
    pub academy: Option<String>,
    /// The person is looking at their own.
    pub own: bool,
    /// Opened through a share link: verified evidence only, no links into the app.
    pub shared: bool,
    pub framework: String,
    /// "2025 to 2026".
    pub this_year: String,
    pub this_year_figures: Figures,
    pub all_time: Figures,
    pub levels: Vec<String>,
    /// Strand names, in order (the filter's choices; 1-based in the address).
    pub strands: Vec<String>,
    pub rows: Vec<CoverageRow>,
    pub pathways: Vec<PathwayProgressView>,
    /// Newest first.
    pub terms: Vec<TermActivity>,
    /// Verified entries per term, oldest first: ("Autumn 2025", count).
    pub chart: Vec<(String, u32)>,
    /// Years with verified activity, newest first: (start year, "2025 to 2026", activities).
    pub academic_years: Vec<(i32, String, u32)>,
    /// The academic year `terms` lists (`None`: every year).
    pub timeline_year: Option<i32>,
    pub strand_filter: Option<usize>,
    pub year_filter: Option<i32>,
    /// The entries behind one cell of the matrix, when one was chosen.
    pub cell: Option<(String, Vec<TimelineEntry>)>,
    /// The awards they hold, newest first.
    pub awards: Vec<super::AwardView>,
}

/// What a portfolio is narrowed to: a strand (1-based), an academic year (its start), and
/// the element and level of a matrix cell whose entries to list; and, without a year, which
/// years the timeline lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioFilters {
    pub strand: Option<usize>,
    pub year: Option<i32>,
    pub element: Option<String>,
    pub level: Option<u32>,
    /// The timeline's years (without changing the rest of the page).
    pub timeline: crate::domain::portfolio::TimelineChoice,
}

/// The owner's share links, and the one just made (its token shown this once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLinks {
    pub links: Vec<ShareView>,
    pub new_token: Option<String>,
}

/// One of the owner's share links, as listed to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareView {
    pub id: ShareId,
    pub label: String,
    /// "12 March 2027".
    pub created: String,
    pub expires: String,
    /// "Active", "Expired" or "Withdrawn".
    pub status: String,
    pub active: bool,
    pub openings: u32,
    /// "12 March 2027 at 14:05".
    pub last_opened: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::CoverageCell;

    #[test]
    fn a_matrix_cell_travels_as_a_pair_and_reads_back_the_same() {
        let cell = CoverageCell {
            verified: 3,
            pending: 1,
        };
        let json = serde_json::to_string(&cell).expect("serialises");
        assert_eq!(json, "[3,1]");
        assert_eq!(
            serde_json::from_str::<CoverageCell>(&json).expect("reads back"),
            cell
        );
    }
}
