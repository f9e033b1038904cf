//! Evidence of cross-school activity against a real database: recording, the lifecycle with
//! its audit trail and notifications, concurrent decisions, bad input, and who may do what.

mod access;
mod audit;
mod lifecycle;
mod mail;
mod settings;
mod uploads;

use crate::common::*;
use app::db::entities::evidence_entry;
use app::db::evidence::{self, Decision};
use app::domain::evidence::EvidenceAction as A;
use app::domain::{AcademyId, ActivityTypeId, EntryId};
use app::error::AppError;
use app::model::{CurrentUser, EntryForm};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Kingsmead is not Sam's academy (Sam is at Ashgrove, id 1).
pub(super) const KINGSMEAD: AcademyId = AcademyId(2);

pub(super) fn form() -> EntryForm {
    EntryForm {
        activity_type: Some(ActivityTypeId(1)),
        title: "Led a staff meeting on feedback at Kingsmead".into(),
        started_on: "2026-03-12".into(),
        ended_on: String::new(),
        places: vec![KINGSMEAD],
        trust_wide: false,
        hours: "1.5".into(),
        people_reached: "24".into(),
        what_done: "Led the meeting on **whole-class feedback**.".into(),
        reflection: "Next time I would share the slides first.".into(),
        claims: vec![("B2".into(), 3), ("S5".into(), 2)],
        co_leaders: OTHER_ACADEMY_TEACHER.to_uppercase(),
        links: "https://trust.example/slides/feedback".into(),
    }
}

pub(super) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

pub(super) async fn entry(app: &TestApp, id: EntryId) -> evidence_entry::Model {
    evidence_entry::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .expect("query")
        .expect("entry")
}

pub(super) async fn submitted_entry(app: &TestApp, staff: &CurrentUser) -> EntryId {
    let id = evidence::save(&app.db, staff, None, 0, &form(), now())
        .await
        .expect("saves");
    evidence::act(&app.db, staff, &Decision::new(id, 0, A::Submit), now())
        .await
        .expect("submits");
    id
}

pub(super) fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

pub(super) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

/// Uploads a file to the entry as the browser's form does; returns where it redirects.
pub(super) async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    id: EntryId,
    revision: i32,
    name: &str,
    bytes: Vec<u8>,
) -> String {
    let form = reqwest::multipart::Form::new()
        .text("id", id.to_string())
        .text("revision", revision.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str("application/octet-stream")
                .expect("mime"),
        );
    let response = client
        .post(app.url("/api/add_evidence_file"))
        .header("accept", "text/html")
        .header("origin", &app.address)
        .header("referer", app.url(&format!("/evidence/{id}")))
        .multipart(form)
        .send()
        .await
        .expect("answers");
    location(&response).expect("redirects")
}

pub(super) async fn file_rows(
    app: &TestApp,
    id: EntryId,
) -> Vec<app::db::entities::evidence_file::Model> {
    use app::db::entities::evidence_file;
    evidence_file::Entity::find()
        .filter(evidence_file::Column::EntryId.eq(id.0))
        .all(&app.db)
        .await
        .expect("files")
}
