//! [`RetryPolicy`]: bounded attempts, full-jitter exponential backoff,
//! `Retry-After` honoured up to a cap.

use crate::headers::Headers;
use std::time::{Duration, SystemTime};

/// When and how often a call is repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    /// The backoff before retry `n` (from 0) is uniform in `0..=min(max_delay, base_delay * 2^n)`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A longer `Retry-After` is cut to this.
    pub max_retry_after: Duration,
    /// Also retry POST and PATCH (which may have changed state before failing).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Statuses worth another attempt: 429, 502, 503, 504.
    pub fn retryable_status(status: u16) -> bool {
        matches!(status, 429 | 502 | 503 | 504)
    }

    /// Whether a request with `method` may be sent again after it may have reached the server.
    pub fn may_repeat(&self, method: &str) -> bool {
        self.retry_non_idempotent || !matches!(method, "POST" | "PATCH")
    }

    /// Full jitter: uniform in `0..=min(max_delay, base_delay * 2^retry)`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.min(30)))
            .min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// The delay before the next attempt: `Retry-After` (capped) when the
    /// server sent one, else the backoff.
    pub fn delay(&self, retry: u32, headers: Option<&Headers>) -> Duration {
        headers
            .and_then(|h| h.get("retry-after"))
            .and_then(parse_retry_after)
            .map(|d| d.min(self.max_retry_after))
            .unwrap_or_else(|| self.backoff(retry))
    }
}

/// `Retry-After` as seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let policy = RetryPolicy::default();
        for retry in 0..40 {
            let d = policy.backoff(retry);
            assert!(d <= policy.max_delay, "{retry}: {d:?}");
            assert!(d <= policy.base_delay * 2u32.pow(retry.min(10)) || retry > 10);
        }
    }

    #[test]
    fn retry_after_is_read_and_capped() {
        let policy = RetryPolicy::default();
        let headers = Headers::new(vec![("Retry-After".into(), "3600".into())]);
        assert_eq!(policy.delay(0, Some(&headers)), policy.max_retry_after);
        let headers = Headers::new(vec![("retry-after".into(), "2".into())]);
        assert_eq!(policy.delay(0, Some(&headers)), Duration::from_secs(2));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn post_and_patch_repeat_only_when_opted_in() {
        let mut policy = RetryPolicy::default();
        assert!(!policy.may_repeat("POST") && !policy.may_repeat("PATCH"));
        assert!(
            policy.may_repeat("GET") && policy.may_repeat("PUT") && policy.may_repeat("DELETE")
        );
        policy.retry_non_idempotent = true;
        assert!(policy.may_repeat("POST"));
    }
}
