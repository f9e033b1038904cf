//! E-mail: sent through SMTP when `SMTP_URL` is set, otherwise written to the log. Sending
//! never holds up or fails the action that caused it: messages go out after the change is
//! saved, on their own task, and a failure is logged.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;

/// One message to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    /// Plain text; `{base}` is replaced by the site's address.
    pub body: String,
}

/// How e-mail leaves Waymark.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    base_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("smtp", &self.inner.smtp.is_some())
            .field("from", &self.inner.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// A mailer for `smtp_url` (call it inside the tokio runtime) (`smtp://host:port`, `smtps://user:pass@host`, …; `None` logs
    /// instead), sending as `from`, linking to pages under `base_url`.
    pub fn new(smtp_url: Option<&str>, from: &str, base_url: &str) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("the sender address {from:?} is not valid: {e}"))?;
        let smtp = match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("the SMTP address is not valid: {e}"))?
                    .build(),
            ),
            None => None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                smtp,
                from,
                base_url: base_url.trim_end_matches('/').to_owned(),
            }),
        })
    }

    /// Sends `emails` in the background.
    /// The site's own address, as links in e-mail (and on printed certificates) use it.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub fn send_later(&self, emails: Vec<Email>) {
        if emails.is_empty() {
            return;
        }
        let mailer = self.clone();
        tokio::spawn(async move {
            for email in emails {
                mailer.send(email).await;
            }
        });
    }

    /// Sends `emails` now, one after another (for a command that exits when it is done).
    pub async fn send_now(&self, emails: Vec<Email>) {
        for email in emails {
            self.send(email).await;
        }
    }

    async fn send(&self, email: Email) {
        let body = email.body.replace("{base}", &self.inner.base_url);
        let Some(smtp) = &self.inner.smtp else {
            tracing::info!(to = %email.to_address, subject = %email.subject, %body, "e-mail (SMTP_URL not set, so logged instead)");
            return;
        };
        let to = match format!(
            "{} <{}>",
            email.to_name.replace(['<', '>', '"'], ""),
            email.to_address
        )
        .parse::<Mailbox>()
        {
            Ok(to) => to,
            Err(err) => {
                tracing::warn!(to = %email.to_address, %err, "e-mail not sent: bad recipient address");
                return;
            }
        };
        let message = match Message::builder()
            .from(self.inner.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body)
        {
            Ok(message) => message,
            Err(err) => {
                tracing::error!(%err, "e-mail not sent: could not build the message");
                return;
            }
        };
        match smtp.send(message).await {
            Ok(_) => {
                tracing::info!(to = %email.to_address, subject = %email.subject, "e-mail sent")
            }
            Err(err) => {
                tracing::error!(to = %email.to_address, %err, "e-mail not sent: the SMTP server refused or did not answer");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Mailer;

    // The SMTP pool starts a task, so it is built inside a runtime, as in the server.
    #[tokio::test]
    async fn a_bad_sender_or_smtp_address_is_refused_at_start_up() {
        assert!(Mailer::new(None, "not an address", "http://x").is_err());
        assert!(Mailer::new(Some("ftp://mail.example"), "w@example.org", "http://x").is_err());
        assert!(
            Mailer::new(
                Some("smtp://127.0.0.1:2525"),
                "Waymark <w@example.org>",
                "http://x"
            )
            .is_ok()
        );
    }
}
