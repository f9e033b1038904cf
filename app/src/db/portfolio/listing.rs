//! The entries a portfolio lists, read with their activity and claims in one query.

use super::present::count;
use super::summary::claim_level;
use crate::db::entities::{activity_type, evidence_claim, evidence_entry};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, JoinType, QuerySelect, RelationTrait, Select};
use std::collections::HashMap;

/// An entry as listed, with the framework elements it shows.
pub(super) struct Listed {
    pub(super) id: i64,
    pub(super) title: String,
    pub(super) started_on: Option<NaiveDate>,
    pub(super) activity: Option<String>,
    /// (element row, level), in framework order.
    pub(super) claims: Vec<(usize, u32)>,
}

/// An entry as the listing query reads it: a row per claim (or one for an entry without any).
pub(super) type ListingRow = (
    i64,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    Option<i32>,
);

/// The entries `query` finds, with their activity and claims, in one query. In no order: [`listed`]
/// puts them newest first, cheaper than the database's sort on two keys.
pub(super) async fn listing(
    db: &impl ConnectionTrait,
    query: Select<evidence_entry::Entity>,
) -> Result<Vec<ListingRow>, AppError> {
    Ok(query
        .select_only()
        .columns([
            evidence_entry::Column::Id,
            evidence_entry::Column::Title,
            evidence_entry::Column::StartedOn,
        ])
        .column_as(activity_type::Column::Name, "activity")
        .column(evidence_claim::Column::ElementUuid)
        .expr_as(claim_level(), "level")
        .join(
            JoinType::LeftJoin,
            evidence_entry::Relation::ActivityType.def(),
        )
        .join(
            JoinType::LeftJoin,
            evidence_claim::Relation::Entry.def().rev(),
        )
        .into_tuple::<ListingRow>()
        .all(db)
        .await?)
}

/// The entries of a [`listing`], each with the elements (by row in `by_uuid`) it shows.
pub(super) fn listed(rows: Vec<ListingRow>, by_uuid: &HashMap<&str, usize>) -> Vec<Listed> {
    let mut listed: Vec<Listed> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (id, title, started_on, activity, uuid, level) in rows {
        let index = *at.entry(id).or_insert_with(|| {
            listed.push(Listed {
                id,
                title,
                started_on,
                activity,
                claims: Vec::new(),
            });
            listed.len() - 1
        });
        // Elements no longer in the framework are left out.
        if let (Some(&row), Some(level)) =
            (uuid.as_deref().and_then(|uuid| by_uuid.get(uuid)), level)
        {
            listed[index].claims.push((row, count(level.into())));
        }
    }
    // Newest first; undated last; the later entered first on the same day.
    listed.sort_unstable_by_key(|e| std::cmp::Reverse((e.started_on, e.id)));
    for entry in &mut listed {
        entry.claims.sort_unstable();
    }
    listed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, day: Option<u32>, uuid: Option<&str>, level: i32) -> ListingRow {
        (
            id,
            format!("Entry {id}"),
            day.map(|d| NaiveDate::from_ymd_opt(2025, 10, d).expect("a date")),
            Some("Coaching".to_owned()),
            uuid.map(str::to_owned),
            uuid.map(|_| level),
        )
    }

    #[test]
    fn listed_entries_come_newest_first_whatever_order_the_rows_came_in() {
        let by_uuid: HashMap<&str, usize> = [("b", 1), ("a", 0)].into_iter().collect();
        let rows = vec![
            row(1, Some(3), Some("a"), 2),
            row(4, None, None, 0),
            row(2, Some(9), Some("b"), 3),
            row(1, Some(3), Some("b"), 1),
            row(3, Some(9), Some("gone"), 4),
            row(2, Some(9), Some("a"), 1),
        ];
        let listed = listed(rows, &by_uuid);
        let order: Vec<i64> = listed.iter().map(|e| e.id).collect();
        assert_eq!(
            order,
            [3, 2, 1, 4],
            "newest first, then the later entered, undated last"
        );
        assert_eq!(
            listed[1].claims,
            [(0, 1), (1, 3)],
            "claims in framework order"
        );
        assert_eq!(listed[2].claims, [(0, 2), (1, 1)]);
        assert!(
            listed[0].claims.is_empty(),
            "an element no longer in the framework is left out"
        );
    }
}
