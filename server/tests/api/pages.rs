//! Pages and what each person may see on them.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_navigation_shows_each_person_what_they_may_use() {
    let app = TestApp::spawn().await;
    let cases = [
        (STAFF, false, false),
        (MANAGER, true, false),
        (HR, false, true),
        (ADMIN, false, true),
        (PD_LEAD, true, true),
    ];
    for (email, team, people) in cases {
        let client = app.signed_in(email).await;
        let (_, body) = app.get(&client, "/").await;
        assert!(body.contains("href=\"/\""), "{email}");
        assert!(
            body.contains("href=\"/framework\""),
            "{email} framework link"
        );
        assert!(body.contains("href=\"/pathways\""), "{email} pathways link");
        assert_eq!(body.contains("href=\"/team\""), team, "{email} team link");
        assert_eq!(
            body.contains("href=\"/people\""),
            people,
            "{email} people link"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_manager_sees_their_direct_reports_and_nobody_elses() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(MANAGER).await;
    let (status, body) = app.get(&client, "/team").await;
    assert_eq!(status, 200);
    assert!(body.contains("Sam Staff"));
    assert!(!body.contains("Olu Other"));
    assert!(
        !body.contains("Lee Left"),
        "people who have left are not in the team"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_with_no_reports_is_refused_the_team_page() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(STAFF).await;
    let (status, body) = app.get(&client, "/team").await;
    assert_eq!(status, 403);
    assert!(body.contains("You do not have permission"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hr_search_the_whole_trust() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(HR).await;
    let (status, body) = app.get(&client, "/people?q=teacher").await;
    assert_eq!(status, 200);
    assert!(body.contains("Sam Staff"));
    assert!(body.contains("Olu Other"));
    assert!(body.contains("2 people match"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pd_lead_sees_only_their_own_academy() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(PD_LEAD).await;
    let (status, body) = app.get(&client, "/people").await;
    assert_eq!(status, 200);
    assert!(body.contains("Olu Other"));
    assert!(!body.contains("Sam Staff"));
    // Asking for another academy by hand changes nothing.
    let (_, body) = app.get(&client, "/people?academy=1").await;
    assert!(!body.contains("Sam Staff"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_cannot_browse_people_even_by_calling_the_server_directly() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(STAFF).await;
    let (status, _) = app.get(&client, "/people").await;
    assert_eq!(status, 403);
    let response = client
        .post(app.url("/api/people"))
        .header("origin", &app.address)
        .form(&[
            ("filter[q]", ""),
            ("filter[status]", "active"),
            ("filter[page]", "1"),
        ])
        .send()
        .await
        .expect("answers");
    assert_ne!(response.status().as_u16(), 200);
    let body = response.text().await.unwrap_or_default();
    assert!(!body.contains("Olu Other"));
    assert!(body.contains("Forbidden"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_for_wildcards_matches_only_the_characters() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(HR).await;
    let (_, body) = app.get(&client, "/people?q=%25").await;
    assert!(body.contains("No one matches"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_address_gets_a_real_404_page() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(STAFF).await;
    let (status, body) = app.get(&client, "/no-such-page").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_never_cached_by_shared_caches() {
    let app = TestApp::spawn().await;
    let client = app.signed_in(STAFF).await;
    let response = client.get(app.url("/")).send().await.expect("answers");
    assert_eq!(
        header(&response, "cache-control"),
        Some("private, no-store")
    );
    assert_eq!(header(&response, "x-frame-options"), Some("DENY"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_files_are_served_whole_while_pages_around_them_are_refused() {
    let site = std::env::temp_dir()
        .join("waymark-tests")
        .join(format!("site-{}", hex_id()));
    std::fs::create_dir_all(site.join("pkg")).expect("site folder");
    let script = "console.log('waymark');";
    std::fs::write(site.join("pkg/waymark.js"), script).expect("script");
    let app = TestApp::spawn_with(&[("LEPTOS_SITE_ROOT", &site.display().to_string())]).await;
    let client = app.signed_in(STAFF).await;

    // A forbidden page's status must never reach a file served beside it.
    for _ in 0..25 {
        let (page, file) = tokio::join!(
            app.get(&client, "/people"),
            app.get(&client, "/pkg/waymark.js")
        );
        assert_eq!(page.0, 403);
        assert_eq!(file, (200, script.to_owned()));
    }
    // Anyone may fetch them, signed in or not; a browser revalidating its copy is told it is
    // still good instead of being sent the file again.
    let first = app
        .client()
        .get(app.url("/pkg/waymark.js"))
        .send()
        .await
        .expect("answers");
    assert_eq!(first.status().as_u16(), 200);
    assert_eq!(
        header(&first, "cache-control"),
        Some("no-cache"),
        "kept, but checked each time: the name stays the same across releases"
    );
    let modified = header(&first, "last-modified")
        .expect("a last-modified date")
        .to_owned();
    let again = app
        .client()
        .get(app.url("/pkg/waymark.js"))
        .header("if-modified-since", modified)
        .send()
        .await
        .expect("answers");
    assert_eq!(again.status().as_u16(), 304);

    let (status, body) = app.get(&client, "/pkg/missing.js").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    assert_eq!(
        app.get(&client, "/pkg").await.0,
        404,
        "no folder listing or redirect"
    );
    let posted = client
        .post(app.url("/no-such-page"))
        .header("origin", &app.address)
        .send()
        .await
        .expect("answers");
    assert_eq!(posted.status().as_u16(), 404);
    let _ = std::fs::remove_dir_all(&site);
}
