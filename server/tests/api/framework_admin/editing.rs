//! Editing a draft through its forms, and publishing it.

use super::*;
use crate::common::*;

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
        "element[descriptors][descriptor-2-all]",
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
    set(&mut form, "element[descriptors][descriptor-3-all]", "  ");
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
    set(&mut form, "element[code]", "A2");
    set(&mut form, "element[title]", "");
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
