//! One-sided bounds in words: `no less than 0`, `greater than or equal to 1`,
//! `at least 1`, `greater than 0` (integers: minimum 1), `less than or equal
//! to 100`, `cannot exceed 100`, `大于等于0`, `cannot be a negative number`,
//! `a positive integer`. Each is one statement for the caller's
//! statement set, so two that disagree leave the bound unknown.

use super::patterns::re;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A bound: `(is_min, value, where, weak)`. A weak bound (`cannot be
/// negative`, `a positive integer`) only says the sign: a stated minimum
/// (`The minimum value is 1`) refines it rather than contradicting it.
pub(super) type Bound = (bool, i64, Range<usize>, bool);

/// `(inclusive?) lower` and `upper` words, then a number that ends the clause.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:(no less than|not (?:be )?less than|greater than or equal to|at least|大于等于|不小于|>=|≥)",
        r"|(greater than|大于|>)",
        r"|(no more than|not (?:be )?(?:more|greater) than|less than or equal to|not exceed|cannot exceed|at most|",
        r"小于等于|不超过|不大于|<=|≤)",
        r"|(less than|小于|<))",
        r"[^\S\n]*(-?\d+|zero)[^\S\n]*(?:[,;。，；)）\n]|\.(?:[^\d]|$)|$)"
    ))
});
/// `cannot be a negative number`, `non-negative`, `a positive integer`.
static SIGN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:cannot be (?:a )?negative(?: number| integer)?|(?:must be )?(?:a )?non-negative (?:number|integer)|(?:a )?positive integer)\b",
    )
});

/// `-1 or greater than 0`: the bound is one of several alternatives.
/// `not` right before a bound it does not belong to (`must not be more …`) also makes it unreadable.
static ALTERNATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:\bor|或者?|\bnot|\bnever|不)[^\S\n]*(?:be[^\S\n]*)?$"));

fn alternative(before: &str) -> bool {
    let from = before.len().saturating_sub(16);
    let from = (from..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    ALTERNATIVE.is_match(&before[from..])
}

/// Every one-sided bound stated in `text`, with where it is. `integer`
/// allows the strict forms (`greater than N` is `N + 1` only for integers).
pub(super) fn bounds(text: &str, integer: bool) -> Vec<Bound> {
    let mut out = Vec::new();
    for m in WORDS.captures_iter(text) {
        let Some(all) = m.get(0) else { continue };
        let n = match &m[5] {
            "zero" => 0,
            digits => match digits.parse::<i64>() {
                Ok(n) => n,
                Err(_) => continue,
            },
        };
        let span = all.range();
        if alternative(&text[..span.start]) {
            continue;
        }
        if m.get(1).is_some() {
            out.push((true, n, span, false));
        } else if m.get(2).is_some() && integer {
            out.push((true, n.saturating_add(1), span, false));
        } else if m.get(3).is_some() {
            out.push((false, n, span, false));
        } else if m.get(4).is_some() && integer {
            out.push((false, n.saturating_sub(1), span, false));
        }
    }
    for m in SIGN.find_iter(text) {
        if alternative(&text[..m.start()]) {
            continue;
        }
        let low = if m.as_str().to_ascii_lowercase().contains("positive") {
            1
        } else {
            0
        };
        out.push((true, low, m.range(), true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lows_highs(text: &str, integer: bool) -> Vec<(bool, i64)> {
        bounds(text, integer)
            .into_iter()
            .map(|(min, n, _, _)| (min, n))
            .collect()
    }

    #[test]
    fn reads_word_bounds() {
        let cases: [(&str, Vec<(bool, i64)>); 9] = [
            (
                "Offset, which is the position where the query starts. The value must be no less than 0.",
                vec![(true, 0)],
            ),
            (
                "Offset, which is the position where the query starts. The value must be greater than or equal to 0.",
                vec![(true, 0)],
            ),
            (
                "Definition\nNumber of CPUs.\nRange\nA positive integer greater than 0",
                vec![(true, 1), (true, 1)],
            ),
            (
                "Specifies the image size.\nThe value must be greater than zero.",
                vec![(true, 1)],
            ),
            (
                "偏移量，表示从此偏移量开始查询， offset大于等于0。",
                vec![(true, 0)],
            ),
            (
                "Index offset. The query starts from the next piece of data indexed by this parameter.\nThe value must be a non-negative number.",
                vec![(true, 0)],
            ),
            (
                "The value must be a number but cannot be a negative number.",
                vec![(true, 0)],
            ),
            ("The value cannot exceed 100.", vec![(false, 100)]),
            (
                "Number of parallel tasks that a single TaskManager can support. The minimum parallelism must not be less than 1.",
                vec![(true, 1)],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(lows_highs(text, true), want, "{text}");
        }
    }

    #[test]
    fn skipped_forms_are_no_bound() {
        for text in [
            // A quantity with a unit, a decimal, a comparison with another field.
            "The default value is 1.0 CPU core, with a minimum of no less than 0.5 CPU cores.",
            "The value must be greater than or equal to the sum of maximum CUs.",
            "The value must be at least 10 GB.",
            "port_range_max应大于等于port_range_min。",
            "Maximum number of retry times upon exceptions. The unit is times/hour. Value range: -1 or greater than 0.",
            "Its value can be 0 (default) or a positive integer.",
        ] {
            assert!(bounds(text, true).is_empty(), "{text}");
        }
        // `greater than N` is N + 1 only for integers.
        assert!(bounds("The value must be greater than 0.", false).is_empty());
    }
}
