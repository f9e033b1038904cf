//! Recognition against a real database: milestones awarding themselves when a verification
//! meets them (once, however many verifications race), rules previewed and applied to evidence
//! already verified, awards given by hand and withdrawn, and the wall showing only those who
//! chose to appear on it.

mod by_hand;
mod celebration_wall;
mod credentials;

use crate::common::*;
use crate::evidence::submitted_entry;
use app::db::entities::{award, notification};
use app::db::evidence::{self, Decision};
use app::db::recognition::{awards, rules};
use app::domain::evidence::EvidenceAction as A;
use app::domain::recognition::RuleForm;
use app::domain::{EntryId, PersonId, RuleId};
use app::error::AppError;
use app::model::CurrentUser;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// "1 verified activity at 1 academy other than their own": Sam's first verified entry meets it.
fn connector() -> RuleForm {
    RuleForm {
        name: "Trust connector".into(),
        description: "For working **beyond your own academy**.".into(),
        kind: "cross_school".into(),
        activities: "1".into(),
        academies: "1".into(),
        ..RuleForm::default()
    }
}

async fn add_rule(app: &TestApp, hr: &CurrentUser, form: &RuleForm) -> RuleId {
    rules::save(&app.db, hr, None, form, "#00703c", now())
        .await
        .expect("saves the milestone")
}

async fn verify(app: &TestApp, manager: &CurrentUser, id: EntryId) -> evidence::Acted {
    evidence::act(&app.db, manager, &Decision::new(id, 1, A::Verify), now())
        .await
        .expect("verifies")
}

async fn awards_of(app: &TestApp, person: i64) -> Vec<award::Model> {
    award::Entity::find()
        .filter(award::Column::PersonId.eq(person))
        .all(&app.db)
        .await
        .expect("awards")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verification_that_meets_a_milestone_awards_it_once_and_tells_the_holder() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    add_rule(&app, &hr, &connector()).await;
    let first = submitted_entry(&app, &staff).await;
    let acted = verify(&app, &manager, first).await;
    assert_eq!(acted.awards.len(), 1, "one award, one e-mail");
    assert_eq!(acted.awards[0].to_address, STAFF);
    assert!(acted.awards[0].subject.contains("Trust connector"));
    let held = awards_of(&app, staff.actor.id.0).await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].awarded_on, now().date_naive());
    assert_eq!(held[0].given_by, None);
    let told = notification::Entity::find()
        .filter(notification::Column::PersonId.eq(staff.actor.id.0))
        .filter(notification::Column::Kind.eq("award"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(told, 1);

    // Another verification meets it again, but it is already held.
    let second = submitted_entry(&app, &staff).await;
    assert!(verify(&app, &manager, second).await.awards.is_empty());
    assert_eq!(awards_of(&app, staff.actor.id.0).await.len(), 1);

    // Their portfolio shows it.
    let held = awards::held_by(&app.db, PersonId(staff.actor.id.0), false)
        .await
        .expect("held");
    assert_eq!(held[0].name, "Trust connector");
    assert!(
        held[0]
            .citation_html
            .contains("<strong>beyond your own academy</strong>")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_verifications_at_once_still_award_once() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    add_rule(&app, &hr, &connector()).await;
    let (a, b) = (
        submitted_entry(&app, &staff).await,
        submitted_entry(&app, &staff).await,
    );
    let (verify_a, verify_b) = (
        Decision::new(a, 1, A::Verify),
        Decision::new(b, 1, A::Verify),
    );
    let (one, two) = tokio::join!(
        evidence::act(&app.db, &manager, &verify_a, now()),
        evidence::act(&app.db, &manager, &verify_b, now()),
    );
    let given = one.expect("verifies").awards.len() + two.expect("verifies").awards.len();
    assert_eq!(given, 1);
    assert_eq!(awards_of(&app, staff.actor.id.0).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_milestone_is_previewed_then_applied_to_evidence_already_verified() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let (staff, manager, hr) = (
        user(&app, STAFF).await,
        user(&app, MANAGER).await,
        user(&app, HR).await,
    );
    let id = submitted_entry(&app, &staff).await;
    assert!(
        verify(&app, &manager, id).await.awards.is_empty(),
        "no milestones yet"
    );
    let rule = add_rule(&app, &hr, &connector()).await;
    let editor = rules::editor(&app.db, &hr, Some(rule))
        .await
        .expect("editor");
    let preview = editor.preview.expect("a saved rule has a preview");
    assert_eq!((preview.people, preview.not_yet), (1, 1));
    assert_eq!(preview.names, ["Sam Staff"]);
    assert!(
        preview.sentence.starts_with("1 verified activity"),
        "{}",
        preview.sentence
    );

    let (awarded, emails) = rules::apply(&app.db, &hr, rule, now())
        .await
        .expect("applies");
    assert_eq!((awarded, emails.len()), (1, 1));
    let held = awards_of(&app, staff.actor.id.0).await;
    let verified_on = evidence_decided_on(&app, id).await;
    assert_eq!(
        held[0].awarded_on, verified_on,
        "dated the day it was first met"
    );
    let (again, _) = rules::apply(&app.db, &hr, rule, now())
        .await
        .expect("applies");
    assert_eq!(again, 0, "nobody is awarded twice");

    // A retired rule cannot be applied, and awards nobody new.
    rules::set_active(&app.db, &hr, rule, false, now())
        .await
        .expect("retires");
    assert!(matches!(
        rules::apply(&app.db, &hr, rule, now()).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(
        awards_of(&app, staff.actor.id.0).await.len(),
        1,
        "its award stays"
    );
}

async fn evidence_decided_on(app: &TestApp, id: EntryId) -> chrono::NaiveDate {
    crate::evidence::entry(app, id)
        .await
        .decided_at
        .expect("decided")
        .date_naive()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_milestone_with_a_bad_field_is_refused_with_each_message_and_saves_nothing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let hr = user(&app, HR).await;
    let bad = RuleForm {
        name: " ".into(),
        academies: "lots".into(),
        ..connector()
    };
    let fields = match rules::save(&app.db, &hr, None, &bad, "#00703c", now()).await {
        Err(AppError::Validation(errors)) => {
            errors.into_iter().map(|e| e.field).collect::<Vec<_>>()
        }
        other => panic!("expected field errors, got {other:?}"),
    };
    assert_eq!(fields, ["name", "academies"]);
    let pathway = RuleForm {
        kind: "pathway".into(),
        pathway: "not-a-pathway".into(),
        ..connector()
    };
    assert!(matches!(
        rules::save(&app.db, &hr, None, &pathway, "#00703c", now()).await,
        Err(AppError::Validation(e)) if e[0].field == "pathway"
    ));
    assert!(matches!(
        rules::save(&app.db, &hr, None, &connector(), "pink", now()).await,
        Err(AppError::Validation(e)) if e[0].field == "colour"
    ));
    assert!(rules::list(&app.db, &hr).await.expect("list").is_empty());
}
