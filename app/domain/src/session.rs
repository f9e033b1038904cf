//! How long a sign-in lasts: never more than twelve hours from signing in, and it ends sooner
//! after a spell without use (thirty minutes unless the trust sets otherwise), so a shared
//! staffroom computer left signed in does not stay open for the next person.

use chrono::{DateTime, Duration, Utc};

/// The most a session lasts, however busy.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// How long a session lasts without a request, unless configured.
pub const DEFAULT_IDLE: Duration = Duration::minutes(30);
/// A session's last use is written at most this often: writing it on every request would cost
/// every page a database write.
pub const NOTE_USE_EVERY: Duration = Duration::minutes(1);

/// What a session's times say at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// In use; `note_use` when its last use should be written down again.
    Live { note_use: bool },
    /// Past its absolute end, or unused for longer than the idle limit.
    Ended,
}

/// The state of a session that ends at `expires_at` and was last used at `last_seen_at`, with
/// `idle` as the idle limit.
pub fn state(
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    idle: Duration,
    now: DateTime<Utc>,
) -> SessionState {
    if expires_at <= now || last_seen_at + idle <= now {
        SessionState::Ended
    } else {
        SessionState::Live {
            note_use: last_seen_at + NOTE_USE_EVERY <= now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + minutes * 60, 0).expect("valid time")
    }

    fn ends(minutes: i64) -> DateTime<Utc> {
        at(minutes)
    }

    #[test]
    fn a_session_used_within_the_idle_limit_stays_live() {
        assert!(matches!(
            state(ends(720), at(100), DEFAULT_IDLE, at(129)),
            SessionState::Live { .. }
        ));
    }

    #[test]
    fn a_session_unused_for_the_idle_limit_ends_before_its_absolute_end() {
        assert_eq!(
            state(ends(720), at(100), DEFAULT_IDLE, at(130)),
            SessionState::Ended
        );
    }

    #[test]
    fn a_session_past_its_absolute_end_ends_however_recently_used() {
        assert_eq!(
            state(ends(720), at(719), DEFAULT_IDLE, at(720)),
            SessionState::Ended
        );
    }

    #[test]
    fn its_last_use_is_written_down_at_most_once_a_minute() {
        assert_eq!(
            state(
                ends(720),
                at(100),
                DEFAULT_IDLE,
                at(100) + Duration::seconds(59)
            ),
            SessionState::Live { note_use: false }
        );
        assert_eq!(
            state(ends(720), at(100), DEFAULT_IDLE, at(101)),
            SessionState::Live { note_use: true }
        );
    }
}
