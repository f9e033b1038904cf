//! Administering the framework through its forms, as a browser without JavaScript posts them:
//! starting a draft, editing it, seeing what changed, consultation windows, publishing, import
//! of a file, the CASE export, and that nobody else can do any of it.

mod consultation;
mod editing;
mod exchange;
mod race;

use crate::common::*;
use app::db::entities::{consultation_feedback, element, framework_version};
use app::db::framework::load_document;
use app::domain::framework::FrameworkDocument;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub(super) async fn version(app: &TestApp, id: i64) -> framework_version::Model {
    framework_version::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("version")
}

pub(super) async fn document(app: &TestApp, id: i64) -> FrameworkDocument {
    load_document(&app.db, &version(app, id).await)
        .await
        .expect("document")
}

pub(super) async fn version_count(app: &TestApp) -> u64 {
    framework_version::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

/// Starts a draft from the published version through the form; returns its id.
pub(super) async fn start_draft(app: &TestApp, admin: &reqwest::Client) -> i64 {
    let (status, location) = app
        .post_form(admin, "start_draft", "/manage/framework", &[])
        .await;
    assert_eq!(status, 302);
    let location = location.expect("redirects to the draft");
    let id = location
        .trim_start_matches("/manage/framework/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a draft address: {location}"));
    assert!(location.ends_with("?saved=started"), "{location}");
    id
}

/// The fields of the element form for `code`, as the page fills them in.
pub(super) fn element_form(doc: &FrameworkDocument, code: &str) -> Vec<(String, String)> {
    let (strand, e) = doc
        .strands
        .iter()
        .find_map(|s| s.elements.iter().find(|e| e.code == code).map(|e| (s, e)))
        .expect("element");
    let mut fields = vec![
        ("id".to_owned(), e.id.clone().unwrap_or_default()),
        (
            "element[strand]".to_owned(),
            strand.id.clone().unwrap_or_default(),
        ),
        ("element[code]".to_owned(), e.code.clone()),
        ("element[title]".to_owned(), e.title.clone()),
        ("element[summary]".to_owned(), e.summary.clone()),
        ("element[description]".to_owned(), e.description.clone()),
    ];
    for d in &e.descriptors {
        let field = app::domain::framework::edit::descriptor_field(d.level, d.role_category);
        fields.push((format!("element[descriptors][{field}]"), d.body.clone()));
    }
    fields
}

pub(super) fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    field.1 = value.to_owned();
}

pub(super) async fn save_element(
    app: &TestApp,
    client: &reqwest::Client,
    draft: i64,
    fields: &[(String, String)],
) -> (u16, Option<String>) {
    let mut form: Vec<(&str, &str)> = vec![];
    let version = draft.to_string();
    form.push(("version", &version));
    form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let element = fields
        .iter()
        .find(|(k, _)| k == "id")
        .map_or("new", |(_, v)| v.as_str());
    app.post_form(
        client,
        "save_element",
        &format!("/manage/framework/{draft}/elements/{element}"),
        &form,
    )
    .await
}
