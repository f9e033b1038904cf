//! Importing a framework file and the CASE export; and that only administrators do any of it.

use super::*;
use crate::common::*;

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
