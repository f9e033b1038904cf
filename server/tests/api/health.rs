//! `/healthz`: answers for load balancers whether this server can reach its database.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_200_when_the_database_answers() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_503_when_the_database_does_not() {
    let app = TestApp::spawn().await;
    app.db.close_by_ref().await.expect("closes");
    let response = app
        .client()
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 503);
}
