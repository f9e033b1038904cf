//! The demo's organisation history, so record pages and the leavers' list have something to
//! show: last summer's leavers (people who managed no one and are not a demo sign-in) and the
//! administrator's changes that made them so, as the audit trail keeps them.

use super::DEMO_SIGN_INS;
use super::people::Plan;
use app::db::entities::{org_change, person};
use app::domain::text::long_date;
use app::domain::{AccessRole, PersonStatus};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashSet;

/// One person in this many (who manages no one) left at the end of last academic year.
const ONE_IN: usize = 60;

/// The last 31 August before `now`: when academic years end and most staff leave.
fn last_summer(now: DateTime<Utc>) -> NaiveDate {
    let this_year = NaiveDate::from_ymd_opt(now.year(), 8, 31).unwrap_or_default();
    if this_year < now.date_naive() {
        this_year
    } else {
        NaiveDate::from_ymd_opt(now.year() - 1, 8, 31).unwrap_or_default()
    }
}

/// Marks the demo's leavers and writes the trail of it. Returns how many left.
pub async fn seed_history(
    db: &impl ConnectionTrait,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let Some(admin) = plan
        .roles
        .iter()
        .find(|(_, r)| *r == AccessRole::Administrator)
        .map(|(id, _)| *id)
    else {
        return Ok(0);
    };
    let managers: HashSet<i64> = plan.people.iter().filter_map(|p| p.manager).collect();
    let sign_ins: HashSet<&str> = DEMO_SIGN_INS.iter().map(|(email, _)| *email).collect();
    let leavers: Vec<&super::people::PlannedPerson> = plan
        .people
        .iter()
        .filter(|p| !managers.contains(&p.id) && !sign_ins.contains(p.email.as_str()))
        .step_by(ONE_IN)
        .collect();
    let left_on = last_summer(now);
    let marked_at = left_on.and_hms_opt(16, 30, 0).unwrap_or_default().and_utc();
    // The trust changed their record first, in the spring.
    let changed_at = marked_at - Duration::days(120);
    let ids: Vec<i64> = leavers.iter().map(|p| p.id).collect();
    person::Entity::update_many()
        .col_expr(
            person::Column::Status,
            Expr::value(PersonStatus::Left.code()),
        )
        .col_expr(person::Column::LeftOn, Expr::value(Some(left_on)))
        .filter(person::Column::Id.is_in(ids))
        .exec(db)
        .await?;
    let change = |person: i64, at: DateTime<Utc>, field: &str, from: String, to: String| {
        org_change::ActiveModel {
            at: Set(at),
            actor_id: Set(admin),
            academy_id: Set(None),
            person_id: Set(Some(person)),
            field: Set(field.to_owned()),
            from_value: Set(from),
            to_value: Set(to),
            ..Default::default()
        }
    };
    let mut rows = Vec::new();
    for (i, p) in leavers.iter().enumerate() {
        if i % 3 == 0 {
            rows.push(change(
                p.id,
                changed_at,
                "Job title",
                format!("Trainee {}", p.job_title.to_lowercase()),
                p.job_title.clone(),
            ));
        }
        rows.push(change(
            p.id,
            marked_at,
            "Status",
            PersonStatus::Active.label().to_owned(),
            format!("Left on {}", long_date(left_on)),
        ));
    }
    if !rows.is_empty() {
        org_change::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(leavers.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leavers_left_on_the_last_31_august_before_today() {
        let at = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .expect("date")
                .and_hms_opt(12, 0, 0)
                .expect("time")
                .and_utc()
        };
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(last_summer(at("2026-12-07")), day("2026-08-31"));
        assert_eq!(last_summer(at("2026-05-01")), day("2025-08-31"));
    }
}
