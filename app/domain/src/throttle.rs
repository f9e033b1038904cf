//! Slowing down password guessing: after too many failures in a window, an account (or an
//! address) must wait before trying again. The counts live in the database so that every
//! server sees the same numbers; the rule lives here.

use chrono::{DateTime, Duration, Utc};

/// How many failures are tolerated, and for how long they are remembered.
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

    /// Whether a new attempt may go ahead, given the failures recorded so far.
    /// `Err` carries how long to wait.
    pub fn check(&self, record: Option<FailureRecord>, now: DateTime<Utc>) -> Result<(), Duration> {
        match record {
            Some(r)
                if r.window_started_at + self.window > now && r.failures >= self.max_failures =>
            {
                Err(r.window_started_at + self.window - now)
            }
            _ => Ok(()),
        }
    }

    /// The record after one more failure at `now`: a stale window starts afresh.
    pub fn record_failure(
        &self,
        record: Option<FailureRecord>,
        now: DateTime<Utc>,
    ) -> FailureRecord {
        match record {
            Some(r) if r.window_started_at + self.window > now => FailureRecord {
                failures: r.failures.saturating_add(1),
                window_started_at: r.window_started_at,
            },
            _ => FailureRecord {
                failures: 1,
                window_started_at: now,
            },
        }
    }
}

/// Failures counted for one key (an account or an address) in the current window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailureRecord {
    pub failures: u32,
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
        assert_eq!(POLICY.check(None, at(0)), Ok(()));
    }

    #[test]
    fn the_fifth_failure_in_the_window_blocks_the_next_attempt() {
        let mut record = None;
        for _ in 0..4 {
            record = Some(POLICY.record_failure(record, at(1)));
            assert_eq!(POLICY.check(record, at(1)), Ok(()));
        }
        record = Some(POLICY.record_failure(record, at(1)));
        assert_eq!(POLICY.check(record, at(2)), Err(Duration::minutes(14)));
    }

    #[test]
    fn a_blocked_account_may_try_again_once_the_window_has_passed() {
        let record = Some(FailureRecord {
            failures: 9,
            window_started_at: at(0),
        });
        assert!(POLICY.check(record, at(14)).is_err());
        assert_eq!(POLICY.check(record, at(15)), Ok(()));
    }

    #[test]
    fn a_failure_after_the_window_starts_a_fresh_count() {
        let old = Some(FailureRecord {
            failures: 5,
            window_started_at: at(0),
        });
        assert_eq!(
            POLICY.record_failure(old, at(20)),
            FailureRecord {
                failures: 1,
                window_started_at: at(20)
            }
        );
    }

    #[test]
    fn waits_are_rounded_up_to_whole_minutes() {
        assert_eq!(wait_in_words(Duration::seconds(61)), "2 minutes");
        assert_eq!(wait_in_words(Duration::seconds(5)), "1 minute");
    }
}
