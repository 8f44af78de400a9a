//! Character-set sentences as a `pattern`: only where the sentence states the
//! allowed characters exactly, from a closed vocabulary, and unconditionally.
//!
//! Read: `can contain only` / `can only contain` / `contains only` /
//! `can only consist of` / `consists of … only` / `Only … are allowed` with a
//! list of letters (upper- or lowercase), digits, hyphens (-), underscores
//! (_), periods (.) and at signs (@); the Chinese `只能包含` / `只能由 … 组成`
//! with 字母, 数字, 中划线/连字符, 下划线, 点; and `must start with a letter`
//! (`必须以字母开头`) before or after such a list. A list item outside the
//! vocabulary (`spaces`, `Chinese characters`, `the following characters: …`,
//! `UTF-8 letters`), an inclusive phrasing (`can contain letters, …`,
//! `including …`), or a sentence that names a case (`For X, …`, `If …`) is not
//! read: a pattern that is too narrow rejects valid requests.
//!
//! The pattern is written in one canonical form, `^[first][rest]*$` (Rust
//! `regex` syntax), which the generator checks character by character
//! without compiling a regex ([`CharSet::parse`]).

use super::patterns::re;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The allowed characters: classes and literal extras.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Class {
    pub upper: bool,
    pub lower: bool,
    pub digits: bool,
    /// Literal characters, in canonical order (`-_.@`).
    pub extra: String,
}

impl Class {
    fn letters() -> Class {
        Class {
            upper: true,
            lower: true,
            ..Class::default()
        }
    }

    /// `[A-Za-z0-9_-]`: the extras escaped so the class reads the same anywhere.
    fn to_regex(&self) -> String {
        let mut out = String::from("[");
        if self.upper {
            out.push_str("A-Z");
        }
        if self.lower {
            out.push_str("a-z");
        }
        if self.digits {
            out.push_str("0-9");
        }
        for c in self.extra.chars() {
            if matches!(c, '-' | '.' | '[' | ']' | '\\' | '^') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push(']');
        out
    }

    /// Whether `c` is in the class.
    pub fn contains(&self, c: char) -> bool {
        (self.upper && c.is_ascii_uppercase())
            || (self.lower && c.is_ascii_lowercase())
            || (self.digits && c.is_ascii_digit())
            || self.extra.contains(c)
    }

    /// Reads a class written by [`Class::to_regex`]; `None` for anything else.
    fn parse(text: &str) -> Option<Class> {
        let mut body = text.strip_prefix('[')?.strip_suffix(']')?;
        let mut class = Class::default();
        for (range, flag) in [
            ("A-Z", &mut class.upper),
            ("a-z", &mut class.lower),
            ("0-9", &mut class.digits),
        ] {
            if let Some(rest) = body.strip_prefix(range) {
                *flag = true;
                body = rest;
            }
        }
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            let c = if c == '\\' { chars.next()? } else { c };
            if c.is_ascii_alphanumeric() || c == '[' || c == ']' {
                return None;
            }
            class.extra.push(c);
        }
        Some(class)
    }
}

/// A pattern in the canonical form: an optional class for the first
/// character and the class of every (other) character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSet {
    pub first: Option<Class>,
    /// `None`: any character after the first.
    pub rest: Option<Class>,
}

impl CharSet {
    pub fn to_regex(&self) -> String {
        let first = self.first.as_ref().map(Class::to_regex).unwrap_or_default();
        match &self.rest {
            Some(rest) => format!("^{first}{}*$", rest.to_regex()),
            None => format!("(?s)^{first}.*$"),
        }
    }

    /// Reads a pattern written by [`CharSet::to_regex`]; `None` for any other
    /// regex (which the generated code then documents but does not check).
    pub fn parse(pattern: &str) -> Option<CharSet> {
        if let Some(body) = pattern.strip_prefix("(?s)^") {
            let first = body.strip_suffix(".*$")?;
            return Some(CharSet {
                first: Some(Class::parse(first)?),
                rest: None,
            });
        }
        let body = pattern.strip_prefix('^')?.strip_suffix("*$")?;
        let split = body.rfind('[')?;
        let (first, rest) = body.split_at(split);
        let first = if first.is_empty() {
            None
        } else {
            Some(Class::parse(first)?)
        };
        Some(CharSet {
            first,
            rest: Some(Class::parse(rest)?),
        })
    }

    /// Whether `value` matches.
    pub fn matches(&self, value: &str) -> bool {
        let mut chars = value.chars();
        if let Some(first) = &self.first {
            match chars.next() {
                Some(c) if first.contains(c) => {}
                _ => return false,
            }
        }
        match &self.rest {
            Some(rest) => chars.all(|c| rest.contains(c)),
            None => true,
        }
    }
}

/// An English list of allowed characters after `only` (or before a closing `only`).
const ITEM_EN: &str = r"(?:(?:uppercase |lowercase |upper-case |lower-case |english )?letters|digits|numbers|hyphens?(?: \(-\))?|underscores?(?: \(_\))?|periods?(?: \(\.\))?|dots?(?: \(\.\))?|at signs?(?: \(@\))?)";

static ONLY_EN: LazyLock<Regex> = LazyLock::new(|| {
    // A whole list: one item, or items whose last one follows `and`/`or`
    // (`letters, digits, and hyphens (-)`), so that `only digits, letters,
    // spaces, …` is not cut after `letters`.
    let list = format!(r"({ITEM_EN}(?:(?:, ){ITEM_EN})*(?:,? (?:and|or) {ITEM_EN})|{ITEM_EN})");
    let end = r"(?:[^\S\n]*(?:[.;:]|,[^\S\n]+(?:and |but |which |it |or )|$))";
    re(&format!(
        r"(?i)(?:can contain only|can only contain|contains? only|may contain only|can only consist of|only consists? of|consists? only of|must contain only|must consist of only|can consist of only|can include only|can only include) {list}{end}|(?:^|[.;:][^\S\n]+)only {list} (?:are|is) (?:allowed|supported|permitted){end}|consists? of {list} only{end}"
    ))
});

static START_LETTER_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:must|should|has to) (?:start|begin) with an? (uppercase |lowercase )?letter(?:[^\S\n]*(?:[.,;]|$| and ))",
    )
});

static ITEM_EN_RE: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?i){ITEM_EN}")));

/// A Chinese list: `只能包含字母、数字、中划线和下划线`, `只能由英文字母、数字、中划线和下划线组成`.
const ITEM_ZH: &str =
    r"(?:大写字母|小写字母|英文字母|字母|数字|中划线|连字符|下划线|点|“-”|“_”|“\.”)";

static ONLY_ZH: LazyLock<Regex> = LazyLock::new(|| {
    let list = format!(r"({ITEM_ZH}(?:(?:、|和|及|或者|或|，){ITEM_ZH})*)");
    re(&format!(
        r"(?:只能包含|仅能包含|只能由|仅由){list}(?:组成)?(?:[，,。；;]|$)"
    ))
});

static ITEM_ZH_RE: LazyLock<Regex> = LazyLock::new(|| re(ITEM_ZH));

static START_LETTER_ZH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:必须|需|需要)以(大写|小写)?(?:英文)?字母开头"));

/// A sentence that names a case: the rule holds only there.
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|[^\S\n])(?:for|if|when|unless|in)\b[^.。\n]*?,|对于|针对|如果|若|当")
});

fn class_of_items(list: &str, zh: bool) -> Option<Class> {
    let mut class = Class::default();
    let mut extra = Vec::new();
    let items: Vec<String> = if zh {
        ITEM_ZH_RE
            .find_iter(list)
            .map(|m| m.as_str().to_owned())
            .collect()
    } else {
        ITEM_EN_RE
            .find_iter(list)
            .map(|m| m.as_str().to_lowercase())
            .collect()
    };
    for item in items {
        let word = item.split(' ').next().unwrap_or("");
        match item.as_str() {
            i if i.ends_with("letters") || i.ends_with("字母") => {
                let upper = word.starts_with("upper") || i.starts_with("大写");
                let lower = word.starts_with("lower") || i.starts_with("小写");
                if !lower {
                    class.upper = true;
                }
                if !upper {
                    class.lower = true;
                }
            }
            "digits" | "numbers" | "数字" => class.digits = true,
            i if i.starts_with("hyphen") || i == "中划线" || i == "连字符" || i == "“-”" => {
                extra.push('-')
            }
            i if i.starts_with("underscore") || i == "下划线" || i == "“_”" => {
                extra.push('_')
            }
            i if i.starts_with("period") || i.starts_with("dot") || i == "点" || i == "“.”" => {
                extra.push('.')
            }
            i if i.starts_with("at sign") => extra.push('@'),
            _ => return None,
        }
    }
    for c in ['-', '_', '.', '@'] {
        if extra.contains(&c) {
            class.extra.push(c);
        }
    }
    Some(class)
}

/// A negation in the clause before a match: `cannot start with _ or contain
/// only digits` states what is *not* allowed.
static NEGATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:cannot|can't|can not|must not|not|never)\b|不能|不可|不得"));

/// The clause before `at` (to the previous comma, full stop or line start).
fn clause_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = [",", "，", ". ", "。", "\n", "; ", "；"]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    &text[start..at]
}

/// The sentence around `at` (to the previous full stop or line start).
fn sentence_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = [". ", "。", "\n", "; ", "；"]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    &text[start..at]
}

/// The pattern a description's character-set sentences state, and where they
/// were read. `None` when no sentence is exact, or two disagree.
pub fn pattern(text: &str, spans: &mut Vec<Range<usize>>) -> Option<String> {
    let mut rests: Vec<(Class, Range<usize>)> = Vec::new();
    for (regex, zh) in [(&*ONLY_EN, false), (&*ONLY_ZH, true)] {
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0)?;
            let list = (1..caps.len()).find_map(|i| caps.get(i))?;
            if NEGATED.is_match(clause_before(text, whole.start())) {
                continue;
            }
            if CONDITION.is_match(sentence_before(text, whole.start())) {
                return None;
            }
            rests.push((class_of_items(list.as_str(), zh)?, whole.range()));
        }
    }
    let mut firsts: Vec<(Class, Range<usize>)> = Vec::new();
    for regex in [&*START_LETTER_EN, &*START_LETTER_ZH] {
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0)?;
            if CONDITION.is_match(sentence_before(text, whole.start())) {
                return None;
            }
            let case = caps.get(1).map(|m| m.as_str().trim().to_lowercase());
            let class = match case.as_deref() {
                Some("uppercase") | Some("大写") => Class {
                    upper: true,
                    ..Class::default()
                },
                Some("lowercase") | Some("小写") => Class {
                    lower: true,
                    ..Class::default()
                },
                _ => Class::letters(),
            };
            firsts.push((class, whole.range()));
        }
    }
    let agree = |v: &[(Class, Range<usize>)]| v.iter().all(|(c, _)| *c == v[0].0);
    if !agree(&rests) || !agree(&firsts) || (rests.is_empty() && firsts.is_empty()) {
        return None;
    }
    let rest = rests.first().map(|(c, _)| c.clone());
    let first = firsts.first().map(|(c, _)| c.clone());
    // A first character outside the set of all characters: the sentences disagree.
    if let (Some(f), Some(r)) = (&first, &rest)
        && ((f.upper && !r.upper) || (f.lower && !r.lower))
    {
        return None;
    }
    spans.extend(rests.into_iter().chain(firsts).map(|(_, r)| r));
    Some(CharSet { first, rest }.to_regex())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        pattern(text, &mut Vec::new())
    }

    #[test]
    fn phrasings_read() {
        let cases = [
            (
                "The name can contain only letters, digits, hyphens (-), and underscores (_).",
                "^[A-Za-z0-9\\-_]*$",
            ),
            (
                "Only letters, digits, underscores (_), and hyphens (-) are allowed.",
                "^[A-Za-z0-9\\-_]*$",
            ),
            (
                "The name can contain only letters and digits, and cannot contain only digits.",
                "^[A-Za-z0-9]*$",
            ),
            ("Only lowercase letters are allowed.", "^[a-z]*$"),
            ("Only letters and digits are allowed.", "^[A-Za-z0-9]*$"),
            (
                "The task name must start with a letter and can contain only letters, digits, hyphens (-), and underscores (_). It consists of 4 to 50 characters.",
                "^[A-Za-z][A-Za-z0-9\\-_]*$",
            ),
            (
                "It can contain only uppercase letters, lowercase letters, digits, hyphens (-), and underscores (_).",
                "^[A-Za-z0-9\\-_]*$",
            ),
            (
                "Only digits, letters, hyphens (-), at signs (@), and underscores (_) are allowed.",
                "^[A-Za-z0-9\\-_@]*$",
            ),
            (
                "The value consists of letters, digits, hyphens (-), and underscores (_) only.",
                "^[A-Za-z0-9\\-_]*$",
            ),
            (
                "Only letters, digits, underscores (_), hyphens (-), and periods (.) are allowed.",
                "^[A-Za-z0-9\\-_\\.]*$",
            ),
            ("The name must start with a letter.", "(?s)^[A-Za-z].*$"),
            ("Must start with a lowercase letter.", "(?s)^[a-z].*$"),
            (
                "只能由英文字母、数字、中划线和下划线组成。",
                "^[A-Za-z0-9\\-_]*$",
            ),
            (
                "名称只能包含字母、数字、下划线或者中划线，长度为4-64",
                "^[A-Za-z0-9\\-_]*$",
            ),
            (
                "必须以字母开头，只能包含字母、数字和下划线。",
                "^[A-Za-z][A-Za-z0-9_]*$",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(p(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn phrasings_skipped() {
        for text in [
            // Inclusive, not exclusive.
            "The name can contain 1 to 64 characters, including letters, digits, underscores (_), hyphens (-), and periods (.).",
            "Can contain letters, digits, spaces, and the following characters: _-.",
            // Items outside the vocabulary.
            "Only letters, digits, spaces, and the following special characters are allowed: _-",
            "It can contain only UTF-8 letters, digits, spaces, and the following characters: _.:=+-@",
            "只能包含数字、英文字母、下划线、中划线和中文",
            "Only letters, digits, and Chinese characters are allowed.",
            // Conditional.
            "For a MySQL instance, the name can contain only letters, digits, and underscores (_).",
            "If the type is user, the value can contain only lowercase letters and digits.",
            // Two sentences that disagree.
            "The name can contain only letters and digits. The name can contain only letters, digits, and hyphens (-).",
            // A first character outside the set.
            "It must start with an uppercase letter and can contain only lowercase letters and digits.",
            // A negated list (and the positive one is inclusive).
            "A name can contain a maximum of 128 characters, including only digits, letters, and underscores (_), but cannot start with an underscore (_) or contain only digits.",
            // A list cut short by an item outside the vocabulary.
            "The value can contain only digits, letters, spaces, hyphens (-), and underscores (_) and cannot start with a space.",
            "It can contain only letters, spaces, and digits.",
            // Allowed only in a part of the value.
            "It can be segmented using periods (.). Only letters, digits, and hyphens (-) are allowed in each segment.",
            // Not about the characters.
            "The password must contain at least three of the following: uppercase letters, lowercase letters, digits, and special characters.",
            "must start with a slash (/)",
            "must start with a letter or digit",
        ] {
            assert_eq!(p(text), None, "{text}");
        }
    }

    #[test]
    fn canonical_patterns_parse_back_and_match() {
        for pattern in [
            "^[A-Za-z0-9\\-_]*$",
            "^[A-Za-z][A-Za-z0-9\\-_\\.@]*$",
            "(?s)^[a-z].*$",
            "^[a-z]*$",
        ] {
            let set = CharSet::parse(pattern).expect(pattern);
            assert_eq!(set.to_regex(), pattern);
            let regex = Regex::new(pattern).unwrap();
            for value in ["", "abc", "Abc-1", "a_b.c@d", "1abc", "ab c", "é", "a\nb"] {
                assert_eq!(
                    set.matches(value),
                    regex.is_match(value),
                    "{pattern} {value:?}"
                );
            }
        }
        assert_eq!(CharSet::parse("^\\d+$"), None);
        assert_eq!(CharSet::parse("^[a-z]+$"), None);
    }
}
