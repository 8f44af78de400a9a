//! A measurement, not extraction: does a description still state a limit in
//! a form constraint reading does not take? Each kind has a signal (words of
//! that kind of limit, with a number where the limit is a number); a field
//! whose description gives the signal but whose constraints hold nothing of
//! that kind counts as unread. The signals are broad on purpose, so the count
//! is an upper bound: it includes statements skipped deliberately
//! (conditional, hedged, contradicting) and prose that only looks like a limit.

use super::patterns::re;
use crate::spec::{Constraints, TypeRef};
use regex::Regex;
use std::sync::LazyLock;

/// Unread limits of one description, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Unread {
    pub range: bool,
    pub length: bool,
    pub values: bool,
    pub default: bool,
    pub items: bool,
}

impl Unread {
    pub fn any(&self) -> bool {
        self.range || self.length || self.values || self.default || self.items
    }
}

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:value range|ranges? from|range[:：]|minimum|maximum|greater than|less than|no less|no more|",
        r"at least|at most|up to|cannot exceed|positive|negative|取值范围|大于|小于|不超过|不小于|最大|最小)",
        r"[^\n]{0,40}?\d"
    ))
});
static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\d[^\S\n]*(?:characters|chars)\b|长度|\d[^\S\n]*个字符|\blength\b[^\n]{0,30}\d")
});
static VALUES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)value (?:can|must) (?:only )?be\b|\boptions?[:：]|the options are|possible values|valid values|",
        r"enumerat|^values?[:：]|[:：][^\S\n]*-?\d+[^\S\n]*\([^)\n]+\),|枚举|取值为|可选值|取值范围[:：][^\S\n]*$"
    ))
});
static DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:default(?: value)?[^\S\n]*(?:is|:|：|\n)[^\S\n]*(?:n/a|none|null|empty|blank|-)\b|默认值[:：为]?[^\S\n]*(?:无|空))",
    )
});
static DEFAULT_ANY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bdefault|默认"));
static ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:a maximum of|up to|at most|at least|no more than|最多|至少)[^\S\n]*\d+[^\S\n]*(?:[a-z]+)?",
    )
});

/// Which kinds of limit `description` states that `c` lacks, for a field of type `ty`.
pub fn unread(description: &str, ty: &TypeRef, c: &Constraints) -> Unread {
    let mut u = Unread::default();
    match ty {
        TypeRef::Integer { .. } | TypeRef::Number => {
            u.range = !c.has_range() && RANGE.is_match(description);
        }
        TypeRef::String => {
            u.length = !c.has_length() && LENGTH.is_match(description);
        }
        TypeRef::Array { .. } => {
            u.items = !c.has_items()
                && ITEMS
                    .find_iter(description)
                    .any(|m| !m.as_str().to_ascii_lowercase().contains("character"));
            return u;
        }
        _ => return u,
    }
    if !matches!(ty, TypeRef::Number) {
        u.values = c.values.is_empty() && VALUES.is_match(description);
    }
    u.default =
        c.default.is_none() && DEFAULT_ANY.is_match(description) && !DEFAULT.is_match(description);
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_without_constraints_count() {
        let int = TypeRef::Integer { bits: 32 };
        let none = Constraints::default();
        let u = unread("Value range: -1 or greater than 0.", &int, &none);
        assert!(u.range && !u.default);
        let u = unread("The value can be A or B.", &TypeRef::String, &none);
        assert!(u.values);
        let read = Constraints {
            values: vec![serde_json::json!("A")],
            ..Constraints::default()
        };
        assert!(!unread("The value can be A or B.", &TypeRef::String, &read).any());
        assert!(!unread("Default value: N/A", &TypeRef::String, &none).any());
        assert!(!unread("Task name.", &TypeRef::String, &none).any());
        let arr = TypeRef::Array {
            items: Box::new(TypeRef::String),
        };
        assert!(unread("A maximum of 20 tags.", &arr, &none).items);
        assert!(!unread("Each value has up to 255 characters.", &arr, &none).items);
    }
}
