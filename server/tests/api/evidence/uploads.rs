//! Supporting files and deleting drafts.

use super::*;
use crate::common::*;
use app::db::entities::evidence_entry;
use app::db::evidence::{self, Decision};
use app::domain::evidence::EvidenceAction as A;
use app::error::AppError;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_added_to_a_draft_and_downloaded_only_by_those_who_may_see_the_entry() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;

    let to = upload(&app, &staff, id, 0, "Feedback slides.pdf", PDF.to_vec()).await;
    assert_eq!(to, format!("/evidence/{id}?done=file-added#files-heading"));
    let rows = file_rows(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].file_name, "Feedback slides.pdf");
    assert_eq!(rows[0].content_type, "application/pdf");
    assert!(
        !rows[0].storage_key.contains("slides"),
        "stored under a key of ours"
    );
    assert_eq!(app.stored_files(), 1);
    assert_eq!(
        entry(&app, id).await.revision,
        1,
        "a new file is a change to the entry"
    );

    let (_, page) = app.get(&staff, &format!("/evidence/{id}")).await;
    assert!(
        page.contains("Feedback slides.pdf") && page.contains("PDF, 59 bytes"),
        "{page}"
    );
    let url = format!("/evidence/{id}/files/{}", rows[0].id);
    let response = staff.get(app.url(&url)).send().await.expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("attachment;"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(response.bytes().await.expect("body").as_ref(), PDF);

    // A draft is the owner's alone: its file too.
    let manager = app.signed_in(MANAGER).await;
    assert_eq!(app.get(&manager, &url).await.0, 404);

    // Submitted, the line manager may download it; someone at another academy may not.
    evidence::act(
        &app.db,
        &staff_user,
        &Decision::new(id, 1, A::Submit),
        now(),
    )
    .await
    .expect("submits");
    assert_eq!(app.get(&manager, &url).await.0, 200);
    let outsider = app.signed_in(PD_LEAD).await;
    assert_eq!(app.get(&outsider, &url).await.0, 404);
    // A file id of another entry, or none, under this entry is not found either.
    assert_eq!(
        app.get(&manager, &format!("/evidence/{id}/files/999"))
            .await
            .0,
        404
    );
    // Without signing in, the sign-in page.
    let anonymous = app.client();
    let response = anonymous.get(app.url(&url)).send().await.expect("answers");
    assert!(
        location(&response).is_some_and(|l| l.starts_with("/sign-in")),
        "{:?}",
        response.status()
    );

    // Once submitted, files cannot be added by the owner or anyone else.
    let to = upload(&app, &staff, id, 2, "more.pdf", PDF.to_vec()).await;
    assert!(to.contains("__err="), "{to}");
    let to = upload(&app, &manager, id, 2, "more.pdf", PDF.to_vec()).await;
    assert!(to.contains("__err="), "{to}");
    assert_eq!(file_rows(&app, id).await.len(), 1);
    assert_eq!(app.stored_files(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_files_are_refused_with_a_plain_message_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;

    let mut too_big = PDF.to_vec();
    too_big.resize(10 * 1024 * 1024 + 1, b' ');
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "slides.pdf",
            b"MZ\x90\0\x03\0\0\0\x04\0".to_vec(),
            "does not contain a PDF",
        ),
        (
            "../../etc/cron.d/evil.pdf",
            PDF.to_vec(),
            "points into folders",
        ),
        ("setup.exe", b"MZ\x90\0".to_vec(), "not a kind of file"),
        ("page.html", b"<html>".to_vec(), "not a kind of file"),
        (
            "notes.txt",
            b"<script>alert(1)</script>".to_vec(),
            "does not contain a text file",
        ),
        ("big.pdf", too_big, "larger than 10 MB"),
        ("empty.pdf", Vec::new(), "is empty"),
    ];
    for (name, bytes, says) in cases {
        let to = upload(&app, &staff, id, 0, name, bytes).await;
        assert!(to.contains("__err="), "{name}: {to}");
        let (_, page) = app.get(&staff, &to).await;
        assert!(page.contains(says), "{name}: expected “{says}” in the page");
        assert!(
            page.contains(r#"id="file-error""#),
            "{name}: next to the field"
        );
    }
    // A stale revision: someone changed the entry since the page was loaded.
    let to = upload(&app, &staff, id, 7, "fine.pdf", PDF.to_vec()).await;
    let (_, page) = app.get(&staff, &to).await;
    assert!(page.contains("changed by someone else"), "{page}");

    assert!(file_rows(&app, id).await.is_empty());
    assert_eq!(app.stored_files(), 0);
    assert_eq!(entry(&app, id).await.revision, 0, "nothing changed");

    // Ten files at most.
    for n in 0..10 {
        upload(&app, &staff, id, n, &format!("part {n}.pdf"), PDF.to_vec()).await;
    }
    let to = upload(&app, &staff, id, 10, "eleven.pdf", PDF.to_vec()).await;
    let (_, page) = app.get(&staff, &to).await;
    assert!(page.contains("up to 10 files"), "{page}");
    assert_eq!(file_rows(&app, id).await.len(), 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_file_and_a_deleted_draft_leave_nothing_behind() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let staff_user = user(&app, STAFF).await;
    let id = evidence::save(&app.db, &staff_user, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;
    upload(&app, &staff, id, 0, "one.pdf", PDF.to_vec()).await;
    upload(&app, &staff, id, 1, "two.pdf", PDF.to_vec()).await;
    assert_eq!(app.stored_files(), 2);
    let first = file_rows(&app, id).await[0].id;

    // Someone else cannot remove it, nor delete the draft.
    let manager = app.signed_in(MANAGER).await;
    let from = format!("/evidence/{id}");
    let first_text = first.to_string();
    let (_, to) = app
        .post_form(
            &manager,
            "remove_evidence_file",
            &from,
            &[
                ("id", &id.to_string()),
                ("revision", "2"),
                ("file", &first_text),
            ],
        )
        .await;
    assert!(to.is_some_and(|t| t.contains("__err=")));
    let (_, to) = app
        .post_form(
            &manager,
            "delete_evidence",
            &from,
            &[("id", &id.to_string()), ("revision", "2")],
        )
        .await;
    assert!(to.is_some_and(|t| t.contains("__err=")));
    assert_eq!(app.stored_files(), 2);

    let (_, to) = app
        .post_form(
            &staff,
            "remove_evidence_file",
            &from,
            &[
                ("id", &id.to_string()),
                ("revision", "2"),
                ("file", &first_text),
            ],
        )
        .await;
    assert_eq!(
        to.as_deref(),
        Some(format!("/evidence/{id}?done=file-removed#files-heading").as_str())
    );
    assert_eq!(file_rows(&app, id).await.len(), 1);
    assert_eq!(app.stored_files(), 1);

    // Deleting with an old revision is refused; with the current one it goes, files and all.
    let (_, to) = app
        .post_form(
            &staff,
            "delete_evidence",
            &from,
            &[("id", &id.to_string()), ("revision", "2")],
        )
        .await;
    let (_, page) = app.get(&staff, &to.expect("back")).await;
    assert!(page.contains("changed by someone else"), "{page}");
    let (_, to) = app
        .post_form(
            &staff,
            "delete_evidence",
            &from,
            &[("id", &id.to_string()), ("revision", "3")],
        )
        .await;
    assert_eq!(to.as_deref(), Some("/evidence?done=deleted"));
    assert!(
        evidence_entry::Entity::find_by_id(id.0)
            .one(&app.db)
            .await
            .expect("query")
            .is_none()
    );
    assert_eq!(app.stored_files(), 0);
    assert!(file_rows(&app, id).await.is_empty());

    // A submitted entry stays on the record.
    let submitted = submitted_entry(&app, &staff_user).await;
    let err = evidence::delete(
        &app.db,
        &app::storage::DiskStore::new(&app.files_dir),
        &staff_user,
        submitted,
        1,
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_would_pass_its_owners_quota_is_refused_and_kept_nowhere() {
    use app::db::entities::evidence_file;
    use app::domain::files::QUOTA_BYTES;
    use sea_orm::ActiveValue::Set;
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let sam = user(&app, STAFF).await;
    let earlier = evidence::save(&app.db, &sam, None, 0, &form(), now())
        .await
        .expect("draft");
    // Earlier uploads that take all but 10 bytes of Sam's room.
    evidence_file::Entity::insert(evidence_file::ActiveModel {
        entry_id: Set(earlier.0),
        storage_key: Set("0123456789abcdef".into()),
        file_name: Set("archive.pdf".into()),
        content_type: Set("application/pdf".into()),
        size_bytes: Set(i64::try_from(QUOTA_BYTES).expect("fits") - 10),
        uploaded_at: Set(now()),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .expect("an earlier file");
    let id = evidence::save(&app.db, &sam, None, 0, &form(), now())
        .await
        .expect("draft");
    let staff = app.signed_in(STAFF).await;
    let to = upload(&app, &staff, id, 0, "slides.pdf", PDF.to_vec()).await;
    assert!(to.contains("__err="), "{to}");
    let (_, page) = app.get(&staff, to.trim_start_matches(&app.address)).await;
    assert!(page.contains("of the 250.0 MB each person has"), "{page}");
    assert!(file_rows(&app, id).await.is_empty());
    assert_eq!(app.stored_files(), 0, "nothing kept");

    // Someone else's files do not count against Sam's colleague.
    let other = user(&app, OTHER_ACADEMY_TEACHER).await;
    let mut theirs = form();
    theirs.co_leaders = String::new();
    let their_entry = evidence::save(&app.db, &other, None, 0, &theirs, now())
        .await
        .expect("draft");
    let client = app.signed_in(OTHER_ACADEMY_TEACHER).await;
    let to = upload(&app, &client, their_entry, 0, "slides.pdf", PDF.to_vec()).await;
    assert!(!to.contains("__err="), "{to}");
}
