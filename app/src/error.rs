//! The one error type that reaches people. Its `Display` is always plain English; anything
//! internal is logged on the server and shown only as "Something went wrong".

use crate::domain::{Denied, FieldError};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Every way a request can fail, as far as the person making it needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue")]
    Unauthenticated,
    #[error("You do not have permission to do that")]
    Forbidden,
    #[error("We could not find that page")]
    NotFound,
    #[error("There is a problem: {}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// Something that existed and has ended (an expired or withdrawn share link).
    #[error("{0}")]
    Gone(String),
    /// Sign-in failed. One message whether the e-mail or the password was wrong.
    #[error("The e-mail address or password is not right. Check them and try again.")]
    InvalidCredentials,
    #[error("Too many sign-in attempts. Wait {0} and try again.")]
    TooManyAttempts(String),
    /// The server is at its limit for expensive work (checking passwords) just now.
    #[error("Waymark is very busy just now. Wait a moment and try again.")]
    Busy,
    /// The trust signs in with Microsoft or Google only.
    #[error(
        "Your trust signs in with its Microsoft or Google accounts, not Waymark passwords. Choose Sign in with Microsoft or Google on the sign-in page."
    )]
    PasswordsOff,
    #[error("Something went wrong. Please try again, and tell us if it keeps happening.")]
    Internal,
}

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    /// The field errors of a validation failure, or none.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation(errors) => errors,
            _ => &[],
        }
    }

    /// A single-field validation failure.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// The HTTP status this error is best described by.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::PasswordsOff => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Gone(_) => 410,
            AppError::TooManyAttempts(_) => 429,
            AppError::Busy => 503,
            AppError::Internal => 500,
        }
    }
}

impl From<Denied> for AppError {
    /// Logs the refusal with where it was decided (the `?` that met it): refused
    /// authorisations are part of the security log.
    #[track_caller]
    fn from(_: Denied) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(at = %std::panic::Location::caller(), "refused: not permitted");
        AppError::Forbidden
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Transport and decoding failures are not the person's fault and carry no detail worth
    /// showing them.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function transport error");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs `detail` with where it happened and tells the person only that something went
    /// wrong.
    #[track_caller]
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(error = %detail, at = %at, "internal error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    /// Logs the database's error with where it happened (the `?` that met it), and tells the
    /// person only that something went wrong.
    #[track_caller]
    fn from(err: sea_orm::DbErr) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(error = %err, at = %at, "database error");
        AppError::Internal
    }
}

/// An error as an HTTP answer of its own (downloads and other plain routes): its status and its
/// plain-English message.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, self.to_string()).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_show_no_detail() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "relation \"people\" does not exist".into(),
        ));
        assert_eq!(err, AppError::Internal);
        assert!(!err.to_string().contains("people"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_error_answers_with_its_status_and_plain_message() {
        use axum::response::IntoResponse;
        let response = AppError::Conflict("Someone else changed it".into()).into_response();
        assert_eq!(response.status(), http::StatusCode::CONFLICT);
        let response =
            AppError::from(sea_orm::DbErr::Custom("disk I/O error".into())).into_response();
        assert_eq!(response.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn a_validation_error_summarises_its_fields() {
        let err = AppError::Validation(vec![
            FieldError::new("email", "Enter your e-mail address"),
            FieldError::new("password", "Enter your password"),
        ]);
        assert_eq!(
            err.to_string(),
            "There is a problem: Enter your e-mail address; Enter your password"
        );
    }
}
