//! Administering the framework through its forms, as a browser without JavaScript posts them:
//! starting a draft, editing it, seeing what changed, consultation windows, publishing, import
//! of a file, the CASE export, and that nobody else can do any of it.

mod common;

use app::db::entities::{consultation_feedback, element, framework_version};
use app::db::framework::load_document;
use app::domain::framework::FrameworkDocument;
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn version(app: &TestApp, id: i64) -> framework_version::Model {
    framework_version::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("version")
}

async fn document(app: &TestApp, id: i64) -> FrameworkDocument {
    load_document(&app.db, &version(app, id).await)
        .await
        .expect("document")
}

async fn version_count(app: &TestApp) -> u64 {
    framework_version::Entity::find()
        .count(&app.db)
        .await
        .expect("count")
}

/// Starts a draft from the published version through the form; returns its id.
async fn start_draft(app: &TestApp, admin: &reqwest::Client) -> i64 {
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
fn element_form(doc: &FrameworkDocument, code: &str) -> Vec<(String, String)> {
    let (strand, e) = doc
        .strands
        .iter()
        .find_map(|s| s.elements.iter().find(|e| e.code == code).map(|e| (s, e)))
        .expect("element");
    let mut fields = vec![
        ("id".to_owned(), e.id.clone().unwrap_or_default()),
        ("strand".to_owned(), strand.id.clone().unwrap_or_default()),
        ("code".to_owned(), e.code.clone()),
        ("title".to_owned(), e.title.clone()),
        ("summary".to_owned(), e.summary.clone()),
        ("description".to_owned(), e.description.clone()),
    ];
    for d in &e.descriptors {
        let field = app::domain::framework_edit::descriptor_field(d.level, d.role_category);
        fields.push((format!("descriptors[{field}]"), d.body.clone()));
    }
    fields
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    field.1 = value.to_owned();
}

async fn save_element(
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_edits_a_descriptor_sees_the_change_and_publishes_the_new_version() {
    let app = TestApp::spawn().await;
    let (published, old_draft) = with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;

    let (status, body) = app.get(&admin, "/manage/framework").await;
    assert_eq!(status, 200);
    assert!(body.contains("Next year&#x27;s framework") || body.contains("Next year's framework"));

    let draft = start_draft(&app, &admin).await;
    let before = document(&app, draft).await;
    assert_eq!(
        before.strands[0].elements[0].id,
        document(&app, published).await.strands[0].elements[0].id,
        "a draft keeps the published version's identifiers"
    );
    let a1_row = element::Entity::find()
        .filter(element::Column::VersionId.eq(draft))
        .filter(element::Column::Code.eq("A1"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("A1");

    let (status, body) = app.get(&admin, &format!("/manage/framework/{draft}")).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Publish this version"),
        "the copy is complete"
    );

    let mut form = element_form(&before, "A1");
    set(
        &mut form,
        "descriptors[descriptor-2-all]",
        "Helps your **team** keep pupils at the centre of every decision.",
    );
    let (status, location) = save_element(&app, &admin, draft, &form).await;
    assert_eq!(status, 302);
    assert_eq!(
        location.as_deref(),
        Some(format!("/manage/framework/{draft}/elements/{}?saved=1", a1_row.uuid).as_str())
    );
    let after = document(&app, draft).await;
    let a1 = &after.strands[0].elements[0];
    assert_eq!(
        app::domain::framework::descriptor_for(&a1.descriptors, 2, None).map(|d| d.body.as_str()),
        Some("Helps your **team** keep pupils at the centre of every decision.")
    );
    let a1_again = element::Entity::find_by_id(a1_row.id)
        .one(&app.db)
        .await
        .expect("query");
    assert!(a1_again.is_some(), "editing keeps the element's row");

    // The element page previews the Markdown as staff will read it.
    let (_, body) = app
        .get(
            &admin,
            &format!("/manage/framework/{draft}/elements/{}", a1_row.uuid),
        )
        .await;
    assert!(body.contains("<strong>team</strong>"), "{body}");

    let (status, body) = app
        .get(&admin, &format!("/manage/framework/{draft}/changes"))
        .await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Descriptor at Team (for everyone) reworded"),
        "{body}"
    );

    let (status, location) = app
        .post_form(
            &admin,
            "publish_framework",
            &format!("/manage/framework/{draft}"),
            &[("version", &draft.to_string())],
        )
        .await;
    assert_eq!(status, 302);
    assert_eq!(
        location.as_deref(),
        Some(format!("/manage/framework/{draft}?saved=published").as_str())
    );
    assert_eq!(version(&app, draft).await.status, "published");
    let old = version(&app, published).await;
    assert_eq!(old.status, "retired");
    assert!(old.retired_at.is_some());
    assert_eq!(
        version(&app, old_draft).await.status,
        "draft",
        "other drafts are left alone"
    );

    let staff = app.signed_in(STAFF).await;
    let (_, body) = app.get(&staff, "/framework/A1?for=all").await;
    assert!(body.contains("keep pupils at the centre"), "{body}");

    // A published version can no longer be edited.
    let (_, location) = save_element(&app, &admin, draft, &form).await;
    assert!(
        location.is_some_and(|l| l.contains("__err=")),
        "refused with a message"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_an_incomplete_draft_is_refused_with_what_is_missing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let draft = start_draft(&app, &admin).await;
    let mut form = element_form(&document(&app, draft).await, "B2");
    set(&mut form, "descriptors[descriptor-3-all]", "  ");
    let (status, _) = save_element(&app, &admin, draft, &form).await;
    assert_eq!(status, 302);

    let (_, body) = app.get(&admin, &format!("/manage/framework/{draft}")).await;
    assert!(
        body.contains("element B2: has no descriptor at level 3 (Academy)"),
        "{body}"
    );
    assert!(!body.contains("Publish this version"));

    let (_, location) = app
        .post_form(
            &admin,
            "publish_framework",
            &format!("/manage/framework/{draft}"),
            &[("version", &draft.to_string())],
        )
        .await;
    let location = location.expect("back to the page");
    assert!(location.contains("__err="), "{location}");
    let (_, body) = app.get(&admin, &location).await;
    assert!(body.contains("There is a problem"), "{body}");
    assert_eq!(version(&app, draft).await.status, "draft");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_element_input_gets_messages_by_the_fields_and_changes_nothing() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let draft = start_draft(&app, &admin).await;
    let before = document(&app, draft).await;
    let mut form = element_form(&before, "A1");
    set(&mut form, "code", "A2");
    set(&mut form, "title", "");
    let (_, location) = save_element(&app, &admin, draft, &form).await;
    let location = location.expect("back to the form");
    assert!(location.contains("__err="));
    let (_, body) = app.get(&admin, &location).await;
    assert!(
        body.contains("Another element already has the code A2"),
        "{body}"
    );
    assert!(body.contains("Enter a title"));
    assert_eq!(document(&app, draft).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn levels_strands_and_pathways_are_added_reordered_and_removed() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let draft = start_draft(&app, &admin).await;
    let v = draft.to_string();
    let page = format!("/manage/framework/{draft}");

    let (status, _) = app
        .post_form(
            &admin,
            "save_strand",
            &page,
            &[
                ("version", &v),
                ("id", ""),
                ("name", "Knowledge"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(status, 302);
    let doc = document(&app, draft).await;
    let knowledge = doc.strands.last().expect("strand").clone();
    assert_eq!(knowledge.name, "Knowledge");
    let id = knowledge.id.clone().unwrap_or_default();
    app.post_form(
        &admin,
        "move_framework_item",
        &page,
        &[
            ("version", &v),
            ("kind", "strand"),
            ("id", &id),
            ("direction", "up"),
        ],
    )
    .await;
    let doc = document(&app, draft).await;
    assert_eq!(doc.strands[2].name, "Knowledge");

    // A strand with elements cannot be removed; an empty one can.
    let skills = doc.strands[3].id.clone().unwrap_or_default();
    let (_, location) = app
        .post_form(
            &admin,
            "remove_framework_item",
            &page,
            &[("version", &v), ("kind", "strand"), ("id", &skills)],
        )
        .await;
    assert!(location.is_some_and(|l| l.contains("__err=")));
    let removed = app
        .post_form(
            &admin,
            "remove_framework_item",
            &page,
            &[("version", &v), ("kind", "strand"), ("id", &id)],
        )
        .await;
    assert_eq!(document(&app, draft).await.strands.len(), 3, "{removed:?}");

    // A new pathway with two targets.
    let (status, location) = app
        .post_form(
            &admin,
            "save_pathway",
            &format!("{page}/pathways/new"),
            &[
                ("version", &v),
                ("id", ""),
                ("name", "Digital leaders"),
                ("description", "For colleagues leading technology."),
                ("categories[enabling]", "on"),
                ("targets[S1]", "2"),
                ("targets[A1]", "1"),
                ("targets[B1]", ""),
            ],
        )
        .await;
    assert_eq!(status, 302, "{location:?}");
    let doc = document(&app, draft).await;
    let pathway = doc.pathways.last().expect("pathway");
    assert_eq!(pathway.name, "Digital leaders");
    assert_eq!(
        pathway
            .targets
            .iter()
            .map(|t| (t.element.as_str(), t.level))
            .collect::<Vec<_>>(),
        [("A1", 1), ("S1", 2)]
    );
    assert_eq!(
        pathway.role_categories,
        [app::domain::RoleCategory::Enabling]
    );

    // Removing a level renumbers what refers to the levels after it.
    let level_one = doc.levels[0].id.clone().unwrap_or_default();
    app.post_form(
        &admin,
        "remove_framework_item",
        &page,
        &[("version", &v), ("kind", "level"), ("id", &level_one)],
    )
    .await;
    let doc = document(&app, draft).await;
    assert_eq!(doc.levels.len(), 3);
    assert_eq!(doc.levels[0].name, "Team");
    assert!(doc.problems().is_empty(), "{:?}", doc.problems());
    assert!(doc.publish_problems().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultation_opens_with_a_future_closing_date_and_closes_on_request() {
    let app = TestApp::spawn().await;
    with_framework(&app).await;
    let admin = app.signed_in(ADMIN).await;
    let staff = app.signed_in(STAFF).await;
    let draft = start_draft(&app, &admin).await;
    let v = draft.to_string();
    let page = format!("/manage/framework/{draft}");

    let (_, location) = app
        .post_form(
            &admin,
            "framework_consultation",
            &page,
            &[("version", &v), ("closes", "2020-01-01")],
        )
        .await;
    let location = location.expect("back");
    assert!(location.contains("__err="));
    let (_, body) = app.get(&admin, &location).await;
    assert!(
        body.contains("The closing date must be in the future"),
        "{body}"
    );
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("no consultation open"));

    let closes = (chrono::Utc::now() + chrono::Duration::days(14))
        .format("%Y-%m-%d")
        .to_string();
    let (status, _) = app
        .post_form(
            &admin,
            "framework_consultation",
            &page,
            &[("version", &v), ("closes", &closes)],
        )
        .await;
    assert_eq!(status, 302);
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("Have your say"), "{body}");

    // Feedback about an element that is later removed from the draft is kept.
    let s1 = element::Entity::find()
        .filter(element::Column::VersionId.eq(draft))
        .filter(element::Column::Code.eq("S1"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("S1");
    app.post_form(
        &staff,
        "send_feedback",
        "/consultation",
        &[
            ("version", &v),
            ("element", &s1.id.to_string()),
            ("body", "Too long."),
        ],
    )
    .await;
    app.post_form(
        &admin,
        "remove_framework_item",
        &page,
        &[("version", &v), ("kind", "element"), ("id", &s1.uuid)],
    )
    .await;
    let kept = consultation_feedback::Entity::find()
        .filter(consultation_feedback::Column::VersionId.eq(draft))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].element_id, None);
    assert!(kept[0].body.contains("About S1"), "{}", kept[0].body);

    app.post_form(
        &admin,
        "framework_consultation",
        &page,
        &[("version", &v), ("close", "1")],
    )
    .await;
    let (_, body) = app.get(&staff, "/consultation").await;
    assert!(body.contains("no consultation open"));
}

fn multipart(json: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(json.to_owned())
            .file_name("framework.json")
            .mime_str("application/json")
            .expect("mime"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_framework_file_is_imported_as_a_draft_and_a_bad_one_is_refused_whole() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    let before = version_count(&app).await;

    let post = |form: reqwest::multipart::Form| {
        admin
            .post(app.url("/api/import_framework"))
            .header("accept", "text/html")
            .header("origin", &app.address)
            .header("referer", app.url("/manage/framework/import"))
            .multipart(form)
            .send()
    };
    let mut bad: FrameworkDocument =
        serde_json::from_str(server::demo::FRAMEWORK_JSON).expect("demo");
    bad.strands[1].elements[0].code = "nope".into();
    let response = post(multipart(&serde_json::to_string(&bad).expect("json")))
        .await
        .expect("answers");
    let back = location(&response).expect("back to the form");
    assert!(back.contains("__err="), "{back}");
    let (_, body) = app.get(&admin, &back).await;
    assert!(
        body.contains("strands[1].elements[0].code"),
        "says where: {body}"
    );
    assert_eq!(version_count(&app).await, before, "nothing half-imported");

    let response = post(multipart("this is not json")).await.expect("answers");
    let (_, body) = app.get(&admin, &location(&response).expect("back")).await;
    assert!(body.contains("is not a framework export"), "{body}");

    let response = post(multipart(server::demo::FRAMEWORK_JSON))
        .await
        .expect("answers");
    let to = location(&response).expect("to the draft");
    assert!(to.ends_with("?saved=imported"), "{to}");
    assert_eq!(version_count(&app).await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_package_is_stable_and_describes_every_element() {
    let app = TestApp::spawn().await;
    let (published, _) = with_framework(&app).await;
    let staff = app.signed_in(STAFF).await;
    let fetch = || async {
        let response = staff
            .get(app.url("/framework.case.json"))
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status().as_u16(), 200);
        assert!(
            response
                .headers()
                .get("content-disposition")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains(".case.json"))
        );
        response.json::<serde_json::Value>().await.expect("json")
    };
    let first = fetch().await;
    assert_eq!(
        first,
        fetch().await,
        "identifiers do not change between exports"
    );
    let doc = document(&app, published).await;
    assert_eq!(first["CFDocument"]["identifier"], doc.id.clone().unwrap());
    let elements = doc.elements().count();
    let items = first["CFItems"].as_array().expect("items");
    assert_eq!(items.len(), elements + doc.strands.len());
    assert_eq!(
        first["CFRubrics"][0]["CFRubricCriteria"]
            .as_array()
            .expect("criteria")
            .len(),
        elements
    );
    assert!(
        items
            .iter()
            .any(|i| i["humanCodingScheme"] == "A1" && i["CFItemType"] == "Element")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_manage_the_framework() {
    let app = TestApp::spawn().await;
    let (published, draft) = with_framework(&app).await;
    let before = document(&app, draft).await;
    let versions = version_count(&app).await;
    let v = draft.to_string();
    let form = element_form(&before, "A1");

    for email in [STAFF, MANAGER, HR, PD_LEAD] {
        let client = app.signed_in(email).await;
        for page in [
            "/manage/framework".to_owned(),
            format!("/manage/framework/{draft}"),
            format!("/manage/framework/{draft}/changes"),
        ] {
            let (status, _) = app.get(&client, &page).await;
            assert_eq!(status, 403, "{email} {page}");
        }
        for (endpoint, fields) in [
            ("start_draft", vec![]),
            ("publish_framework", vec![("version", v.as_str())]),
            ("delete_framework_draft", vec![("version", v.as_str())]),
            (
                "framework_consultation",
                vec![("version", v.as_str()), ("closes", "2099-01-01")],
            ),
            (
                "save_framework_details",
                vec![
                    ("version", v.as_str()),
                    ("name", "Hijacked"),
                    ("description", ""),
                ],
            ),
        ] {
            let (_, location) = app
                .post_form(&client, endpoint, "/framework", &fields)
                .await;
            assert!(
                location.as_deref().is_some_and(|l| l.contains("__err=")),
                "{email} {endpoint}: {location:?}"
            );
        }
        let (_, back) = save_element(&app, &client, draft, &form).await;
        assert!(back.is_some_and(|l| l.contains("__err=")), "{email}");
        let response = client
            .post(app.url("/api/import_framework"))
            .header("accept", "text/html")
            .header("origin", &app.address)
            .header("referer", app.url("/manage/framework/import"))
            .multipart(multipart(server::demo::FRAMEWORK_JSON))
            .send()
            .await
            .expect("answers");
        assert!(
            location(&response).is_some_and(|l| l.contains("__err=")),
            "{email} import"
        );
    }
    assert_eq!(document(&app, draft).await, before);
    assert_eq!(version_count(&app).await, versions);
    assert_eq!(version(&app, published).await.status, "published");
    assert_eq!(version(&app, draft).await.status, "draft");
}
