//! Numeric ranges documented in descriptions. Only what decides integer width is
//! read here; the full constraint vocabulary comes with the validators.

use regex::Regex;
use std::sync::LazyLock;

static MIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bminimum(?: value)?\s*[:：]\s*(-?\d+)\b").expect("valid regex")
});
static MAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bmaximum(?: value)?\s*[:：]\s*(-?\d+)\b").expect("valid regex")
});
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:value range|range|ranges? from|取值范围)\s*(?:is|:|：)?\s*\[?\s*(-?\d+)\s*(?:-|~|to|,|～)\s*(-?\d+)\s*\]?",
    )
    .expect("valid regex")
});

/// `(min, max)` when both bounds are documented.
pub fn int_range(description: &str) -> Option<(i64, i64)> {
    if let Some(c) = RANGE.captures(description) {
        let lo = c[1].parse().ok()?;
        let hi = c[2].parse().ok()?;
        return Some((lo, hi));
    }
    let lo = MIN.captures(description)?[1].parse().ok()?;
    let hi = MAX.captures(description)?[1].parse().ok()?;
    Some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::int_range;

    #[test]
    fn ranges() {
        let cases = [
            ("Minimum: 1\nMaximum: 100", Some((1, 100))),
            ("Value range: 1-100.", Some((1, 100))),
            ("The value ranges from 0 to 65535.", Some((0, 65535))),
            ("Value range: [1, 20]", Some((1, 20))),
            ("取值范围：40~1024", Some((40, 1024))),
            (
                "Minimum: 0\nMaximum: 9999999999999",
                Some((0, 9_999_999_999_999)),
            ),
            ("Timestamp in milliseconds.", None),
            ("Minimum: 1", None),
        ];
        for (text, want) in cases {
            assert_eq!(int_range(text), want, "{text}");
        }
    }
}
