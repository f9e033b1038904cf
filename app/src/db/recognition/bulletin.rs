//! The wall as a page for the staff bulletin: the awards of the last few weeks, grouped by
//! award, of the people who chose to appear on the wall, ready to print or copy.

use super::present::present;
use super::trust_name;
use super::wall::{open_academies, standing_on_wall};
use crate::domain::AcademyId;
use crate::domain::text::long_date;
use crate::error::AppError;
use crate::model::{BulletinGroup, BulletinView};
use chrono::{Days, NaiveDate};
use sea_orm::{
    ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// How many weeks back a bulletin may look; the first is the default.
pub const WEEK_CHOICES: [u32; 4] = [4, 1, 2, 13];

/// The most awards one bulletin lists.
pub const MOST: u64 = 150;

/// The bulletin of the `weeks` (one of [`WEEK_CHOICES`]) up to `today`, of `academy` only when
/// given. Everyone signed in may read it, as they may the wall.
pub async fn bulletin(
    db: &DatabaseConnection,
    academy: Option<AcademyId>,
    weeks: Option<u32>,
    today: NaiveDate,
) -> Result<BulletinView, AppError> {
    let weeks = weeks
        .filter(|w| WEEK_CHOICES.contains(w))
        .unwrap_or(WEEK_CHOICES[0]);
    let from = today - Days::new(u64::from(weeks) * 7);
    let query = standing_on_wall(academy)
        .filter(crate::db::entities::award::Column::AwardedOn.gt(from))
        .filter(crate::db::entities::award::Column::AwardedOn.lte(today));
    let total = query.clone().count(db).await?;
    let awards = query
        .order_by_desc(crate::db::entities::award::Column::AwardedOn)
        .order_by_desc(crate::db::entities::award::Column::Id)
        .limit(MOST)
        .all(db)
        .await?;
    let academies = open_academies(db).await?;
    let academy_name = academy.and_then(|id| {
        academies
            .iter()
            .find(|(a, _)| *a == id)
            .map(|(_, name)| name.clone())
    });
    Ok(BulletinView {
        trust_name: trust_name(db).await?,
        weeks,
        week_choices: WEEK_CHOICES.to_vec(),
        from: long_date(from + Days::new(1)),
        to: long_date(today),
        academies,
        academy: academy.filter(|_| academy_name.is_some()),
        academy_name,
        more: total.saturating_sub(MOST),
        groups: by_award(present(db, awards).await?),
    })
}

/// Awards grouped under their names, the group with the newest award first, each group newest
/// first (the order they come in).
fn by_award(awards: Vec<crate::model::AwardView>) -> Vec<BulletinGroup> {
    let mut groups: Vec<BulletinGroup> = Vec::new();
    for award in awards {
        match groups.iter_mut().find(|g| g.award == award.name) {
            Some(group) => group.awards.push(award),
            None => groups.push(BulletinGroup {
                award: award.name.clone(),
                colour: award.colour.clone(),
                awards: vec![award],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::by_award;
    use crate::domain::{AwardId, PersonId};
    use crate::model::AwardView;

    fn award(id: i64, name: &str, person: &str) -> AwardView {
        AwardView {
            id: AwardId(id),
            person: PersonId(id),
            person_name: person.to_owned(),
            workplace: "Kingsmead Academy".to_owned(),
            name: name.to_owned(),
            citation_html: String::new(),
            group_name: String::new(),
            awarded_on: "1 December 2026".to_owned(),
            automatic: true,
            colour: "#00703c".to_owned(),
            withdrawn: None,
        }
    }

    #[test]
    fn awards_are_grouped_under_their_names_the_newest_groups_first() {
        let groups = by_award(vec![
            award(5, "Trust connector", "Ada"),
            award(4, "Coach", "Ben"),
            award(3, "Trust connector", "Cy"),
        ]);
        let names: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.award.as_str(),
                    g.awards.iter().map(|a| a.person_name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("Trust connector", vec!["Ada", "Cy"]),
                ("Coach", vec!["Ben"])
            ]
        );
    }
}
