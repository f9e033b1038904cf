//! The demo's recognition, so the wall and every portfolio's awards are alive on first run:
//! a handful of milestones (each awarded to everyone whose demo evidence meets it, dated the
//! day they first did), two group awards given by hand, and most award holders opted in to
//! the wall — but not the demo class teacher, who can opt in themselves.

use super::people::Plan;
use app::db::entities::{award, milestone_rule, person};
use app::db::recognition::rules::award_everyone;
use app::domain::recognition::{LevelScope, RuleKind};
use app::domain::{AccessRole, ActivityTypeId};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The demo person who is left off the wall, to opt in as the demo shows.
const NOT_ON_WALL: &str = "staff@waymark.test";

/// The demo's milestones: (name, description, colour, rule).
fn milestones(behaviours: String) -> Vec<(&'static str, &'static str, &'static str, RuleKind)> {
    vec![
        (
            "Trust connector",
            "Three verified activities, between them at **two academies** other than their own.",
            "#00703c",
            RuleKind::CrossSchool {
                activities: 3,
                academies: 2,
            },
        ),
        (
            "Trust trainer",
            "Delivered trust-wide training **twice**, each verified.",
            "#1d70b8",
            RuleKind::ActivityType {
                activity_type: ActivityTypeId(2),
                entries: 2,
            },
        ),
        (
            "Coach",
            "Two verified coaching partnerships with colleagues at other academies.",
            "#6f3c8f",
            RuleKind::ActivityType {
                activity_type: ActivityTypeId(4),
                entries: 2,
            },
        ),
        (
            "Twenty hours beyond",
            "Twenty verified hours of cross-school work in one academic year.",
            "#b58840",
            RuleKind::HoursInYear { hours: 20 },
        ),
        (
            "Leading at trust level",
            "Reached the **Trust** level in a behaviour.",
            "#005a70",
            RuleKind::Level {
                level: 4,
                scope: LevelScope::AnyInStrand { strand: behaviours },
            },
        ),
    ]
}

/// Writes the demo's milestones and awards. Returns how many awards were given.
pub async fn seed_recognition(
    db: &impl ConnectionTrait,
    plan: &Plan,
    behaviours: String,
    now: DateTime<Utc>,
) -> Result<usize, String> {
    let admin = plan
        .roles
        .iter()
        .find(|(_, r)| *r == AccessRole::Hr)
        .or_else(|| plan.roles.first())
        .map_or(1, |(id, _)| *id);
    let created = now - Duration::days(400);
    for (name, description, colour, rule) in milestones(behaviours) {
        let inserted = milestone_rule::Entity::insert(milestone_rule::ActiveModel {
            name: Set(name.to_owned()),
            description: Set(description.to_owned()),
            kind: Set(rule.code().to_owned()),
            rule: Set(serde_json::to_string(&rule).map_err(|e| e.to_string())?),
            colour: Set(colour.to_owned()),
            active: Set(true),
            created_by: Set(admin),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        })
        .exec_with_returning(db)
        .await
        .map_err(|e| e.to_string())?;
        award_everyone(db, &inserted, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    give_group_awards(db, plan, admin, now).await?;
    let given = award::Entity::find()
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    // Three holders in four appear on the wall.
    let shown: Vec<i64> = given
        .iter()
        .map(|a| a.person_id)
        .filter(|id| id % 4 != 0)
        .filter(|id| {
            plan.people
                .iter()
                .all(|p| p.id != *id || p.email != NOT_ON_WALL)
        })
        .collect();
    person::Entity::update_many()
        .col_expr(person::Column::OnWall, Expr::value(true))
        .filter(person::Column::Id.is_in(shown))
        .exec(db)
        .await
        .map_err(|e| e.to_string())?;
    Ok(given.len())
}

/// Two awards given by hand to groups: a think tank and a training-day team.
async fn give_group_awards(
    db: &impl ConnectionTrait,
    plan: &Plan,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let groups = [
        (
            "SEND think tank",
            "the trust's SEND think tank",
            "For a year of the **SEND think tank**: the new trust-wide guidance on adaptive teaching came from its meetings.",
            7_usize,
            60_i64,
        ),
        (
            "Training day team",
            "the autumn training day team",
            "For planning and leading the autumn **trust training day**, with workshops for every phase.",
            11,
            25,
        ),
    ];
    for (name, group, citation, step, days_ago) in groups {
        let members = plan
            .people
            .iter()
            .filter(|p| p.email != NOT_ON_WALL)
            .skip(3)
            .step_by(step)
            .take(8);
        let on = (now - Duration::days(days_ago)).date_naive();
        award::Entity::insert_many(members.map(|p| award::ActiveModel {
            public_id: Set(app::db::recognition::present::public_id()),
            person_id: Set(p.id),
            rule_id: Set(None),
            name: Set(name.to_owned()),
            citation: Set(citation.to_owned()),
            group_name: Set(group.to_owned()),
            given_by: Set(Some(by)),
            awarded_on: Set(on),
            created_at: Set(now),
            withdrawn_at: Set(None),
            withdrawn_by: Set(None),
            withdrawn_reason: Set(String::new()),
            ..Default::default()
        }))
        .exec(db)
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}
