//! How much a request may send. Uploads (a supporting file, a staff file, a framework file)
//! may carry a little more than the largest file accepted; every other request — a form, a
//! server function's arguments — far less. A body announced as larger is refused before any of
//! it is read; one that does not say its size is cut off at the limit as it arrives.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The server functions that take a file, and so a multipart body.
const UPLOADS: &[&str] = &[
    "/api/add_evidence_file",
    "/api/upload_staff",
    "/api/import_framework",
];

/// An upload: the largest file accepted (10 MB) and the form around it.
pub const UPLOAD_LIMIT: usize = app::domain::files::MAX_FILE_BYTES + 512 * 1024;

/// Anything else: the longest evidence entry or framework edit is a few tens of kilobytes.
pub const FORM_LIMIT: usize = 1024 * 1024;

// A form is never allowed what a whole file is.
const _: () = assert!(FORM_LIMIT < app::domain::files::MAX_FILE_BYTES);

/// The most a request to `path` may send.
pub fn limit_for(path: &str) -> usize {
    if UPLOADS.contains(&path) {
        UPLOAD_LIMIT
    } else {
        FORM_LIMIT
    }
}

/// Refuses, or cuts off, a body larger than its path allows.
pub async fn body_limit(req: Request, next: Next) -> Response {
    let limit = limit_for(req.uri().path());
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
        tracing::warn!(path = %req.uri().path(), announced, limit, "refused a body over the limit");
        return (StatusCode::PAYLOAD_TOO_LARGE, too_large(limit)).into_response();
    }
    let (parts, body) = req.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, limited)).await
}

fn too_large(limit: usize) -> String {
    let mb = limit.div_ceil(1024 * 1024);
    format!(
        "That is more than Waymark accepts in one go (at most {mb} MB). Go back and send something smaller: a file of up to 10 MB, or a shorter text."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_may_carry_a_whole_file_and_everything_else_far_less() {
        assert!(limit_for("/api/add_evidence_file") > app::domain::files::MAX_FILE_BYTES);
        assert_eq!(limit_for("/api/save_evidence"), FORM_LIMIT);
        assert_eq!(limit_for("/sign-in"), FORM_LIMIT);
    }

    #[test]
    fn the_refusal_says_how_much_is_accepted() {
        assert!(too_large(UPLOAD_LIMIT).contains("at most 11 MB"));
        assert!(too_large(FORM_LIMIT).contains("at most 1 MB"));
    }
}
