//! How many items an array may hold, where a sentence says so of the list
//! itself: `The list can include a maximum of 32 nodes.`, `This field
//! contains a maximum of 20 tag keys`, `A maximum of 50 subscriptions can be
//! specified.`, `This list cannot be an empty list.`. A count said of each
//! item (`Each tag key can have a maximum of 10 values`) or of something
//! else is not read, nor are `Minimum: 1` / `Maximum: 36` lines, which on an
//! array may bound each item's length.

use super::constraints::{Statements, has_ascii_digit};
use super::patterns::re;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The list as subject, then a maximum.
static SUBJECT_MAX: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:the|this) (?:list|array|parameter|field)[^\S\n]+(?:can |may )?",
        r"(?:contains?|includes?|has|have|supports?|holds?)[^\S\n]+",
        r"(?:a maximum of|up to|at most|no more than)[^\S\n]+(\d+)[^\S\n]+([a-z]+)"
    ))
});
/// A maximum opening its sentence: `A maximum of 20 tag keys are allowed.`
static LEADING_MAX: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?:^|[.。][^\S\n]+)(?:a maximum of|up to|at most) (\d+) ([a-z][a-z -]{0,40}?) ",
        r"(?:can be|are|is) (?:allowed|supported|specified|added|contained|included|entered)\b"
    ))
});
/// `This list cannot be an empty list.`, `The list can include at least one node.`
static SUBJECT_MIN: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:the|this) (?:list|array)[^\S\n]+(?:cannot be (?:an )?empty|must not be empty",
        r"|(?:can|must) (?:contain|include) at least (\d+|one))\b"
    ))
});
/// A clause that limits what follows to some case.
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:if|when|for|unless|each|every|per)\b|如果|若|当(?:[^前]|$)|对于|每")
});

/// `(min_items, max_items)`; the statements' spans go to `spans` when known.
pub(super) fn bounds(text: &str, spans: &mut Vec<Range<usize>>) -> (Option<u64>, Option<u64>) {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("list")
        && !lower.contains("array")
        && !lower.contains("maximum")
        && !lower.contains("up to")
        && !lower.contains("at most")
        && !lower.contains("parameter")
        && !lower.contains("field")
    {
        return (None, None);
    }
    let mut s: Statements<u64> = Statements::default();
    if has_ascii_digit(text) {
        for m in SUBJECT_MAX
            .captures_iter(text)
            .chain(LEADING_MAX.captures_iter(text))
        {
            let (Some(all), Some(n)) = (m.get(0), m.get(1)) else {
                continue;
            };
            let unit = m.get(2).map_or("", |g| g.as_str()).to_ascii_lowercase();
            if unit.starts_with("character") || unit.starts_with("byte") || unit.starts_with("char")
            {
                continue;
            }
            match n.as_str().parse() {
                Ok(v) if !conditional(text, all.start()) => s.high(v, all.range()),
                _ => s.unreadable(),
            }
        }
    }
    for m in SUBJECT_MIN.captures_iter(text) {
        let Some(all) = m.get(0) else { continue };
        let v = match m.get(1).map(|g| g.as_str()) {
            None | Some("one") => Some(1),
            Some(n) => n.parse().ok(),
        };
        match v {
            Some(v) if !conditional(text, all.start()) => s.low(v, all.range()),
            _ => s.unreadable(),
        }
    }
    s.bounds(spans)
}

/// Whether the sentence before `at` limits the statement to a case or an item.
fn conditional(text: &str, at: usize) -> bool {
    let (start, _) = super::value_lists::sentence_around(text, at);
    CONDITION.is_match(&text[start..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> (Option<u64>, Option<u64>) {
        bounds(text, &mut Vec::new())
    }

    #[test]
    fn reads_item_counts() {
        let cases = [
            (
                "Specifies the list of nodes.\nThe list can include at least one node.\nThe list can include a maximum of 32 nodes.",
                (Some(1), Some(32)),
            ),
            (
                "Tag keys and values. This field contains a maximum of 10 keys, and each key contains a maximum of 10 values.",
                (None, Some(10)),
            ),
            (
                "Specifies filter criteria with tags included. A maximum of 10 keys can be contained. The structure body must be complete.",
                (None, Some(10)),
            ),
            (
                "Tag information. A tag key must be unique. Up to 20 tags are allowed.",
                (None, Some(20)),
            ),
            (
                "Resources to be filtered.\nThis list cannot be an empty list.\nThe list can contain up to 10 keys.",
                (Some(1), Some(10)),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(counts(text), want, "{text}");
        }
    }

    #[test]
    fn skipped_forms_are_no_count() {
        for text in [
            // A bound on each item, or on something else.
            "Specifies the tag value list. Each value can contain a maximum of 255 Unicode characters.",
            "Each route table can have a maximum of 200 routes.",
            // Ambiguous between count and item length.
            "List of host group IDs.\nMinimum: 36\nMaximum: 36",
            // Conditional.
            "If the type is disk, the list can contain up to 5 items.",
            // Two statements that disagree.
            "The list can contain up to 10 keys. The list can contain up to 20 keys.",
        ] {
            assert_eq!(counts(text), (None, None), "{text}");
        }
    }
}
