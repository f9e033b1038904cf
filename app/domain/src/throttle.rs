//! Slowing down password guessing: after too many attempts in a window, an account (or an
//! address) must wait before trying again. Each attempt is counted *before* its password is
//! checked, in one atomic statement whose answer decides it, so attempts made at the same
//! moment cannot all slip under the limit; a correct password forgives its own attempt. The
//! counts live in the database so that every server sees the same numbers; the rule lives
//! here, and the database statement mirrors [`ThrottlePolicy::count`].

use chrono::{DateTime, Duration, Utc};

/// How many attempts are allowed, and for how long they are remembered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: u32,
    pub window: Duration,
}

impl ThrottlePolicy {
    /// Per account: five wrong passwords in fifteen minutes.
    pub const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window: Duration::minutes(15),
    };
    /// Per network address: generous, as a whole staffroom may share one address.
    pub const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
        max_failures: 50,
        window: Duration::minutes(15),
    };

    /// The count after one more attempt at `now`: a window that has run out starts afresh.
    pub fn count(&self, record: Option<AttemptCount>, now: DateTime<Utc>) -> AttemptCount {
        match record {
            Some(r) if !self.ran_out(r.window_started_at, now) => AttemptCount {
                attempts: r.attempts.saturating_add(1),
                window_started_at: r.window_started_at,
            },
            _ => AttemptCount {
                attempts: 1,
                window_started_at: now,
            },
        }
    }

    /// Whether a window that started at `started` has run out by `now`.
    pub fn ran_out(&self, started: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        started <= self.stale_before(now)
    }

    /// Windows that started at or before this moment have run out.
    pub fn stale_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window
    }

    /// Whether the attempt just counted (`counted` includes it) may go ahead. `Err` carries
    /// how long to wait.
    pub fn admit(&self, counted: AttemptCount, now: DateTime<Utc>) -> Result<(), Duration> {
        if counted.attempts > self.max_failures && !self.ran_out(counted.window_started_at, now) {
            Err(counted.window_started_at + self.window - now)
        } else {
            Ok(())
        }
    }
}

/// Attempts counted for one key (an account or an address) in the current window, less those
/// a correct password forgave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptCount {
    pub attempts: u32,
    pub window_started_at: DateTime<Utc>,
}

/// "2 minutes", "1 minute": how long to wait, rounded up, for people to read.
pub fn wait_in_words(wait: Duration) -> String {
    let minutes = (wait.num_seconds().max(1) + 59) / 60;
    if minutes == 1 {
        "1 minute".to_owned()
    } else {
        format!("{minutes} minutes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + minutes * 60, 0).expect("valid time")
    }

    const POLICY: ThrottlePolicy = ThrottlePolicy::PER_ACCOUNT;

    #[test]
    fn a_first_attempt_is_never_throttled() {
        let first = POLICY.count(None, at(0));
        assert_eq!(first.attempts, 1);
        assert_eq!(POLICY.admit(first, at(0)), Ok(()));
    }

    #[test]
    fn five_attempts_in_the_window_go_ahead_and_the_sixth_waits() {
        let mut record = None;
        for _ in 0..5 {
            let counted = POLICY.count(record, at(1));
            assert_eq!(POLICY.admit(counted, at(1)), Ok(()));
            record = Some(counted);
        }
        let sixth = POLICY.count(record, at(2));
        assert_eq!(POLICY.admit(sixth, at(2)), Err(Duration::minutes(14)));
    }

    #[test]
    fn a_blocked_account_may_try_again_once_the_window_has_passed() {
        let record = Some(AttemptCount {
            attempts: 9,
            window_started_at: at(0),
        });
        assert!(POLICY.admit(POLICY.count(record, at(14)), at(14)).is_err());
        let later = POLICY.count(record, at(15));
        assert_eq!(
            later,
            AttemptCount {
                attempts: 1,
                window_started_at: at(15)
            },
            "the window ran out: counting starts again"
        );
        assert_eq!(POLICY.admit(later, at(15)), Ok(()));
    }

    #[test]
    fn waits_are_rounded_up_to_whole_minutes() {
        assert_eq!(wait_in_words(Duration::seconds(61)), "2 minutes");
        assert_eq!(wait_in_words(Duration::seconds(5)), "1 minute");
    }
}
