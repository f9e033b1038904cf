//! One client cannot make the server read without end: a body announced as larger than its
//! path allows is refused before it is read, with a plain message, and one that does not say
//! its size is cut off at the limit; nothing is saved either way.

use crate::common::*;
use app::db::entities::evidence_entry;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn entries(app: &TestApp) -> u64 {
    evidence_entry::Entity::find()
        .count(&app.db)
        .await
        .expect("counts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_over_a_megabyte_is_refused_plainly_and_saves_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF).await;
    let before = entries(&app).await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let response = staff
        .post(app.url("/api/save_evidence"))
        .header("origin", &app.address)
        .header("referer", app.url("/evidence/new"))
        .form(&[("title", huge.as_str())])
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 413);
    let text = response.text().await.expect("text");
    assert!(text.contains("at most 1 MB"), "{text}");
    assert_eq!(entries(&app).await, before);
}

/// Sends only the head of a request announcing `length` bytes, and reads the answer.
async fn announce(app: &TestApp, path: &str, length: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.address.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(host)
        .await
        .expect("connects");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {length}\r\n\r\n",
        app.address
    );
    tcp.write_all(head.as_bytes()).await.expect("writes");
    let mut answer = vec![0; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), tcp.read(&mut answer))
        .await
        .expect("answers before the body is sent")
        .expect("reads");
    String::from_utf8_lossy(&answer[..n]).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_may_carry_a_whole_file_but_no_more() {
    let app = TestApp::spawn().await;
    // Twelve megabytes announced: refused before any of it is sent.
    let answer = announce(&app, "/api/add_evidence_file", 12 * 1024 * 1024).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("at most 11 MB"), "{answer}");
    // Ten megabytes is a whole file: not refused for its size (the session check answers).
    let answer = announce(&app, "/api/add_evidence_file", 10 * 1024 * 1024).await;
    assert!(!answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_does_not_say_its_size_is_cut_off_at_the_limit() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in(STAFF).await;
    let before = entries(&app).await;
    // Streamed in pieces, so no Content-Length is sent.
    let pieces: Vec<Result<Vec<u8>, std::io::Error>> = (0..64)
        .map(|i| {
            Ok(if i == 0 {
                b"title=".to_vec()
            } else {
                vec![b'x'; 64 * 1024]
            })
        })
        .collect();
    let response = staff
        .post(app.url("/api/save_evidence"))
        .header("origin", &app.address)
        .header("referer", app.url("/evidence/new"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            pieces,
        )))
        .send()
        .await
        .expect("answers");
    assert!(!response.status().is_success(), "{}", response.status());
    assert_eq!(entries(&app).await, before);
}
