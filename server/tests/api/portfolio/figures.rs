//! What a portfolio shows, and the kept summary behind its figures.

use super::*;
use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portfolio_counts_verified_work_shows_waiting_work_apart_and_tracks_pathways() {
    let app = TestApp::spawn().await;
    let (published, _) = with_framework(&app).await;
    let recent = this_year_date();
    entry(
        &app,
        "Network meeting",
        &recent,
        &[("B2", 2), ("S5", 1)],
        true,
    )
    .await;
    entry(&app, "Trust training day", "2024-11-12", &[("B2", 3)], true).await;
    entry(&app, "Waiting", &recent, &[("B2", 4)], false).await;
    let staff = user(&app, STAFF).await;
    // Sam follows every published pathway.
    use app::db::entities::pathway;
    let pathways = pathway::Entity::find()
        .filter(pathway::Column::VersionId.eq(published))
        .all(&app.db)
        .await
        .expect("query");
    assert!(pathways.len() > 1, "the test framework has pathways");
    for pathway in &pathways {
        pathway_follower::Entity::insert(pathway_follower::ActiveModel {
            person_id: Set(staff.actor.id.0),
            pathway_uuid: Set(pathway.uuid.clone()),
            followed_at: Set(now()),
        })
        .exec(&app.db)
        .await
        .expect("follows");
    }

    let p = portfolio::portfolio(
        &app.db,
        &app.kept,
        &staff,
        None,
        &PortfolioFilters::default(),
        now(),
    )
    .await
    .expect("portfolio");
    assert!(p.own);
    assert_eq!(p.all_time.activities, 2);
    assert_eq!(p.all_time.hours, "4");
    assert_eq!(p.all_time.academies, 1, "Kingsmead, not Sam's own academy");
    assert_eq!(p.all_time.people, 20);
    assert_eq!(p.this_year_figures.activities, 1);
    let b2 = p.rows.iter().find(|r| r.code == "B2").expect("B2 row");
    assert_eq!(b2.cells[1].verified, 1, "B2 at level 2");
    assert_eq!(b2.cells[2].verified, 1, "B2 at level 3");
    assert_eq!(b2.cells[3].pending, 1, "waiting at level 4, apart");
    assert_eq!(b2.cells[3].verified, 0);
    assert_eq!(
        b2.current.as_deref(),
        Some(p.levels[2].as_str()),
        "the highest verified"
    );
    let mut followed: Vec<&str> = p.pathways.iter().map(|p| p.id.as_str()).collect();
    let mut published_pathways: Vec<&str> = pathways.iter().map(|p| p.uuid.as_str()).collect();
    followed.sort_unstable();
    published_pathways.sort_unstable();
    assert_eq!(followed, published_pathways);
    assert!(p.pathways.iter().all(|p| p.total > 0));
    assert_eq!(
        p.chart.iter().map(|(_, n)| n).sum::<u32>(),
        2,
        "the chart counts verified entries"
    );
    // The timeline lists the latest year with activity; the others are a choice away.
    let this_year = app::domain::portfolio::academic_year_start(now().date_naive());
    assert_eq!(p.timeline_year, Some(this_year));
    assert_eq!(
        p.terms.iter().map(|t| t.entries.len()).sum::<usize>(),
        1,
        "{:?}",
        p.terms
    );
    assert_eq!(p.terms[0].entries[0].title, "Network meeting");
    assert_eq!(
        p.academic_years
            .iter()
            .map(|(y, _, n)| (*y, *n))
            .collect::<Vec<_>>(),
        vec![(this_year, 1), (2024, 1)],
        "years with verified activity, newest first, with counts"
    );
    let earlier = PortfolioFilters {
        timeline: TimelineChoice::Year(2024),
        ..Default::default()
    };
    let p = portfolio::portfolio(&app.db, &app.kept, &staff, None, &earlier, now())
        .await
        .expect("portfolio");
    assert_eq!(p.terms.len(), 1);
    assert_eq!(p.terms[0].label, "Autumn term 2024");
    assert_eq!(p.terms[0].entries[0].title, "Trust training day");
    assert_eq!(
        p.terms[0].entries[0].shows,
        vec![format!("B2 at {}", p.levels[2])]
    );
    let b2 = p.rows.iter().find(|r| r.code == "B2").expect("B2 row");
    assert_eq!(
        b2.cells[1].verified, 1,
        "the matrix is not narrowed by the timeline"
    );
    let every = PortfolioFilters {
        timeline: TimelineChoice::Every,
        ..Default::default()
    };
    let p = portfolio::portfolio(&app.db, &app.kept, &staff, None, &every, now())
        .await
        .expect("portfolio");
    assert_eq!(p.timeline_year, None, "every year");
    assert_eq!(
        p.terms.iter().map(|t| t.entries.len()).sum::<usize>(),
        2,
        "every year"
    );

    // Narrowed to an academic year and to the entries behind one cell.
    let filters = PortfolioFilters {
        year: Some(2024),
        element: Some("B2".into()),
        level: Some(3),
        ..Default::default()
    };
    let p = portfolio::portfolio(&app.db, &app.kept, &staff, None, &filters, now())
        .await
        .expect("portfolio");
    let b2 = p.rows.iter().find(|r| r.code == "B2").expect("B2 row");
    assert_eq!(b2.cells[1].verified, 0, "the recent one is another year");
    let (heading, entries) = p.cell.expect("the cell's entries");
    assert!(heading.starts_with("B2 "), "{heading}");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].title, "Trust training day");

    // The page itself renders it all.
    let client = app.signed_in(STAFF).await;
    let (status, page) = app.get(&client, "/portfolio").await;
    assert_eq!(status, 200);
    for text in [
        "Your portfolio",
        "Coverage of the framework",
        "+1 waiting",
        "Verified activities per term",
    ] {
        assert!(page.contains(text), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeline_lists_the_latest_year_with_activity_even_when_that_is_not_this_one() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    entry(&app, "Trust training day", "2024-11-12", &[("B2", 3)], true).await;
    entry(&app, "Older still", "2023-10-02", &[("B2", 2)], true).await;
    entry(
        &app,
        "Waiting this year",
        &this_year_date(),
        &[("B2", 4)],
        false,
    )
    .await;
    let staff = user(&app, STAFF).await;
    let p = portfolio::portfolio(
        &app.db,
        &app.kept,
        &staff,
        None,
        &PortfolioFilters::default(),
        now(),
    )
    .await
    .expect("portfolio");
    assert_eq!(p.timeline_year, Some(2024), "waiting work does not count");
    let titles: Vec<&str> = p
        .terms
        .iter()
        .flat_map(|t| t.entries.iter().map(|e| e.title.as_str()))
        .collect();
    assert_eq!(titles, vec!["Trust training day"]);
    assert_eq!(
        p.terms[0].entries[0].shows,
        vec![format!("B2 at {}", p.levels[2])]
    );
}

/// Sam's evidence revision and the revision their kept summary was counted at (if one is kept).
async fn revisions(app: &TestApp, person: i64) -> (i64, Option<i64>) {
    use app::db::entities::{person, portfolio_summary};
    let revision = person::Entity::find_by_id(person)
        .one(&app.db)
        .await
        .expect("query")
        .expect("the person")
        .evidence_revision;
    let kept = portfolio_summary::Entity::find_by_id(person)
        .one(&app.db)
        .await
        .expect("query")
        .map(|s| s.revision);
    (revision, kept)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_summary_is_reused_until_any_write_to_the_persons_evidence_makes_it_stale() {
    use app::db::entities::{evidence_claim, evidence_place, portfolio_summary};
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let sam = staff.actor.id.0;
    let recent = this_year_date();
    let first = entry(&app, "Network meeting", &recent, &[("B2", 2)], true).await;
    let seen = || async {
        portfolio::portfolio(
            &app.db,
            &app.kept,
            &staff,
            None,
            &PortfolioFilters::default(),
            now(),
        )
        .await
        .expect("portfolio")
    };
    let b2_verified = |p: &app::model::Portfolio| -> Vec<u32> {
        let row = p.rows.iter().find(|r| r.code == "B2").expect("B2 row");
        row.cells.iter().map(|c| c.verified).collect()
    };

    let p = seen().await;
    assert_eq!(p.all_time.activities, 1);
    let (revision, kept) = revisions(&app, sam).await;
    assert_eq!(kept, Some(revision), "kept at Sam's current revision");

    // Kept figures are what a visit shows while the revision stands (proved by changing them
    // behind Waymark's back)...
    let mut changed: app::domain::portfolio::summary::Summary = serde_json::from_str(
        &portfolio_summary::Entity::find_by_id(sam)
            .one(&app.db)
            .await
            .expect("query")
            .expect("kept")
            .figures,
    )
    .expect("reads back");
    changed.months[0].1.activities = 7;
    portfolio_summary::Entity::update(portfolio_summary::ActiveModel {
        person_id: Set(sam),
        figures: Set(serde_json::to_string(&changed).expect("json")),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .expect("changes the kept figures");
    assert_eq!(
        seen().await.all_time.activities,
        7,
        "the kept summary is used"
    );
    // ...and one that does not read back is counted afresh.
    portfolio_summary::Entity::update(portfolio_summary::ActiveModel {
        person_id: Set(sam),
        figures: Set("not a summary".into()),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .expect("spoils the kept figures");
    assert_eq!(seen().await.all_time.activities, 1);

    // Every write to the evidence raises the revision, so the figures follow it: through the
    // evidence service...
    entry(&app, "Trust training day", &recent, &[("B2", 3)], true).await;
    let p = seen().await;
    assert_eq!(p.all_time.activities, 2);
    assert_eq!(b2_verified(&p), vec![0, 1, 1, 0]);
    // ...and written directly: a claim's level,
    let before = revisions(&app, sam).await.0;
    evidence_claim::Entity::update_many()
        .col_expr(evidence_claim::Column::VerifiedLevel, 4.into())
        .filter(evidence_claim::Column::EntryId.eq(first.0))
        .exec(&app.db)
        .await
        .expect("updates the claim");
    assert!(revisions(&app, sam).await.0 > before);
    assert_eq!(b2_verified(&seen().await), vec![0, 0, 1, 1]);
    // where an entry took place,
    assert_eq!(seen().await.all_time.academies, 1);
    evidence_place::Entity::delete_many()
        .filter(evidence_place::Column::AcademyId.eq(KINGSMEAD))
        .exec(&app.db)
        .await
        .expect("deletes the places");
    assert_eq!(seen().await.all_time.academies, 0);
    // and a draft deleted (an entry once submitted never is: the audit trail keeps it).
    let draft = evidence::save(
        &app.db,
        &staff,
        None,
        0,
        &form("Draft", &recent, &[("B2", 1)]),
        now(),
    )
    .await
    .expect("saves a draft");
    let before = revisions(&app, sam).await.0;
    let store = app::storage::DiskStore::new(&app.files_dir);
    evidence::delete(&app.db, &store, &staff, draft, 0, now())
        .await
        .expect("deletes the draft");
    assert!(revisions(&app, sam).await.0 > before);
    assert_eq!(seen().await.all_time.activities, 2);
    let (revision, kept) = revisions(&app, sam).await;
    assert_eq!(kept, Some(revision));
}
