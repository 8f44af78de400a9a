//! Compiling the extraction's regexes so that they stay on the regex crate's
//! fast engine on every description, English or Chinese.

use regex::Regex;

/// Compiles one of the extraction's (static) patterns.
///
/// - Under `(?i)` the regex crate case-folds every class, and folding the
///   near-universal `[^\S\n]` and `[^\d\n]` cost about 0.3 s per corpus run;
///   neither class changes under folding, so folding is off for them.
/// - Word boundaries `\b` are ASCII ones: the lazy DFA gives up on a Unicode
///   `\b` as soon as the text is not ASCII (every Chinese description), and
///   the fallback engines cost another 0.3 s. The difference only shows next
///   to non-ASCII letters, which are not word characters for an ASCII `\b`.
pub(crate) fn re(pattern: &str) -> Regex {
    let pattern = pattern
        .replace(r"[^\S\n]", r"(?-i:[^\S\n])")
        .replace(r"[^\d\n]", r"(?-i:[^\d\n])")
        .replace(r"\b", r"(?-u:\b)");
    Regex::new(&pattern).expect("valid regex")
}
