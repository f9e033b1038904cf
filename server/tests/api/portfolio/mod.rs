//! Progression portfolios against a real database: what they show, who may see them, share
//! links and "download all my data".

mod figures;
mod shares;

use crate::common::*;
use app::db::entities::{pathway_follower, share_link, share_opening};
use app::db::evidence::{self, Decision};
use app::db::portfolio::{self, sharing};
use app::domain::evidence::EvidenceAction as A;
use app::domain::portfolio::TimelineChoice;
use app::domain::{AcademyId, ActivityTypeId, EntryId};
use app::error::AppError;
use app::model::{EntryForm, PortfolioFilters};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub(super) const KINGSMEAD: i64 = 2;

pub(super) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub(super) fn form(title: &str, date: &str, claims: &[(&str, u32)]) -> EntryForm {
    EntryForm {
        activity_type: Some(ActivityTypeId(2)),
        title: title.into(),
        started_on: date.into(),
        ended_on: String::new(),
        places: vec![AcademyId(KINGSMEAD)],
        trust_wide: false,
        hours: "2".into(),
        people_reached: "10".into(),
        what_done: "Led it.".into(),
        reflection: String::new(),
        claims: claims.iter().map(|(c, l)| ((*c).into(), *l)).collect(),
        co_leaders: String::new(),
        links: String::new(),
    }
}

/// Records, submits and (if `verify`) verifies an entry for Sam; returns its id.
pub(super) async fn entry(
    app: &TestApp,
    title: &str,
    date: &str,
    claims: &[(&str, u32)],
    verify: bool,
) -> EntryId {
    let staff = user(app, STAFF).await;
    let manager = user(app, MANAGER).await;
    let id = evidence::save(&app.db, &staff, None, 0, &form(title, date, claims), now())
        .await
        .expect("saves");
    evidence::act(&app.db, &staff, &Decision::new(id, 0, A::Submit), now())
        .await
        .expect("submits");
    if verify {
        evidence::act(&app.db, &manager, &Decision::new(id, 1, A::Verify), now())
            .await
            .expect("verifies");
    }
    id
}

pub(super) fn this_year_date() -> String {
    use app::domain::portfolio::academic_year_start;
    let start = academic_year_start(now().date_naive());
    // The first of October of this academic year, unless that is still to come.
    let date = chrono::NaiveDate::from_ymd_opt(start, 10, 1).expect("date");
    date.min(now().date_naive()).format("%Y-%m-%d").to_string()
}
