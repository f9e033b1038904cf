//! Who may see and do what with an entry, whoever they are to its owner.

use super::*;
use crate::common::*;
use app::db::entities::verification_delegate;
use app::db::evidence::files;
use app::db::evidence::{self, Decision};
use app::domain::FileId;
use app::domain::evidence::EvidenceAction as A;
use app::error::AppError;
use app::model::CurrentUser;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_may_do_what_with_an_entry() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff = user(&app, STAFF).await;
    let store = app::storage::DiskStore::new(&app.files_dir);
    let with_file = |id: EntryId| {
        let (app, store, staff) = (&app, &store, &staff);
        async move {
            let upload = files::Upload {
                entry: id,
                revision: 0,
                name: "plan.pdf".to_owned(),
                size: PDF.len(),
                bytes: PDF.to_vec(),
            };
            files::add(&app.db, store, staff, &upload, now())
                .await
                .expect("file added");
            FileId(file_rows(app, id).await[0].id)
        }
    };
    let draft = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("draft");
    let draft_file = with_file(draft).await;
    let submitted = evidence::save(&app.db, &staff, None, 0, &form(), now())
        .await
        .expect("saved");
    let submitted_file = with_file(submitted).await;
    evidence::act(
        &app.db,
        &staff,
        &Decision::new(submitted, 1, A::Submit),
        now(),
    )
    .await
    .expect("submits");

    // Ada (an administrator) stands in for Mina while she is away.
    let delegate = user(&app, OTHER_ACADEMY_TEACHER).await;
    verification_delegate::Entity::insert(verification_delegate::ActiveModel {
        manager_id: sea_orm::ActiveValue::Set(user(&app, MANAGER).await.actor.id.0),
        delegate_id: sea_orm::ActiveValue::Set(delegate.actor.id.0),
        until: sea_orm::ActiveValue::Set(now() + chrono::Duration::days(7)),
        set_by: sea_orm::ActiveValue::Set(user(&app, ADMIN).await.actor.id.0),
    })
    .exec(&app.db)
    .await
    .expect("delegate");

    use Outcome::*;
    // (who, sees a submitted entry, may decide on it)
    let people = [
        (STAFF, true, false),
        (MANAGER, true, true),
        (OTHER_ACADEMY_TEACHER, true, true), // the delegate
        (HEAD, true, false),
        (HOME_PD_LEAD, true, false),
        (HR, true, false),
        (ADMIN, true, false),
        (PD_LEAD, false, false), // another academy's lead and another team's manager
        (LEFT, false, false),
    ];
    for (email, sees, decides) in people {
        let who = user(&app, email).await;
        let owner = email == STAFF;

        let viewed = evidence::view(&app.db, &who, draft, now()).await;
        let expected = if owner { Ok } else { NotFound };
        assert_eq!(
            outcome(viewed.map(|_| ())),
            expected,
            "{email} views a draft"
        );

        let viewed = evidence::view(&app.db, &who, submitted, now()).await;
        let expected = if sees { Ok } else { NotFound };
        assert_eq!(
            outcome(viewed.map(|_| ())),
            expected,
            "{email} views a submission"
        );

        let got = files::download(&app.db, &store, &who, draft, draft_file, now()).await;
        let expected = if owner { Ok } else { NotFound };
        assert_eq!(
            outcome(got.map(|_| ())),
            expected,
            "{email} downloads a draft's file"
        );
        let got = files::download(&app.db, &store, &who, submitted, submitted_file, now()).await;
        let expected = if sees { Ok } else { NotFound };
        assert_eq!(
            outcome(got.map(|_| ())),
            expected,
            "{email} downloads a submission's file"
        );

        if !owner {
            let deleted = evidence::delete(&app.db, &store, &who, draft, 1, now()).await;
            assert_eq!(
                outcome(deleted.map(|_| ())),
                NotFound,
                "{email} deletes a draft"
            );
            let removed = files::remove(&app.db, &store, &who, draft, 1, draft_file, now()).await;
            assert_eq!(
                outcome(removed.map(|_| ())),
                NotFound,
                "{email} removes a draft's file"
            );
            for action in [A::Submit, A::Withdraw] {
                let taken =
                    evidence::act(&app.db, &who, &Decision::new(submitted, 2, action), now()).await;
                let expected = if sees { Forbidden } else { NotFound };
                assert_eq!(outcome(taken.map(|_| ())), expected, "{email} {action:?}");
            }
        }

        let edited = evidence::save(&app.db, &who, Some(draft), 1, &form(), now()).await;
        let expected = if owner { Ok } else { NotFound };
        assert_eq!(
            outcome(edited.map(|_| ())),
            expected,
            "{email} edits a draft"
        );

        // Those who may not decide are refused for real; those who may are offered it.
        for action in [A::Verify, A::RequestChanges, A::Decline] {
            let expected = match (sees, decides) {
                (false, _) => NotFound,
                (true, false) => Forbidden,
                (true, true) => Ok,
            };
            let tried = if decides {
                offered(&app, &who, submitted, action).await
            } else {
                let taken = evidence::act(
                    &app.db,
                    &who,
                    &Decision::new(submitted, 2, action).with_comment("A reason"),
                    now(),
                )
                .await;
                outcome(taken.map(|_| ()))
            };
            assert_eq!(tried, expected, "{email} {action:?}");
        }
    }
    // The submission is still waiting and both files are there: nothing above took effect.
    assert_eq!(entry(&app, submitted).await.status, "submitted");
    assert_eq!(app.stored_files(), 2);
}

fn outcome(result: Result<(), AppError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Ok,
        Err(AppError::NotFound) => Outcome::NotFound,
        Err(AppError::Forbidden) => Outcome::Forbidden,
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Ok,
    NotFound,
    Forbidden,
}

/// Whether the entry page offers `who` the `action`, leaving the entry as it is.
async fn offered(app: &TestApp, who: &CurrentUser, id: EntryId, action: A) -> Outcome {
    match evidence::view(&app.db, who, id, now()).await {
        Err(AppError::NotFound) => Outcome::NotFound,
        Err(other) => panic!("{other:?}"),
        Ok(view) if view.actions.contains(&action) => Outcome::Ok,
        Ok(_) => Outcome::Forbidden,
    }
}
