//! Constraints documented in descriptions: value ranges, lengths, enumerations
//! and defaults, in the English (OTC) and Chinese (Huawei) phrasings the corpus
//! uses. Precision over recall: a statement that is conditional ("For a replica
//! set, the value ranges from 10 to 2000"), compound ("1 to 15 and 33 to 36") or
//! contradicted by another statement of the same description is not read, since
//! a wrong constraint would later reject valid data. The text is the flattened
//! description (`doc::blocks_plain`: list items are lines starting with `- `),
//! so this stays format-neutral.

use super::patterns::re;
use super::value_lists::{self, ValueList};
use super::{item_counts, label_layout, one_sided};
use crate::spec::{Constraints, TypeRef};
use regex::{Captures, Regex};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

/// `Minimum: 1`, `Maximum value: 100`, `The minimum value is 0`.
static MIN_MAX: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(min|max)imum(?: value)?[^\S\n]*(?:is|[:：])[^\S\n]*(-?\d+(?:\.\d+)?)")
});
/// `Value range: 1-100`, `ranges from 0 to 65535`, `value range is from 50 GB to 4000 GB`,
/// `Value range: [1, 20]`, `取值范围：40~1024`.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:value range|ranges?|value (?:is|can be|must be)[^\S\n]+from|取值范围|范围)",
        // The bounds may sit on the next line (`Range` / `1280 to 8888` on ECS pages).
        r"[^\S\n]*(?:is|are|[:：]|为|是)?[^\S\n]*\n?[^\S\n]*",
        r"(?:from[^\S\n]*)?[\[(（]?[^\S\n]*(-?\d{1,3}(?:,\d{3})+|-?\d+(?:\.\d+)?)[^\S\n]*",
        r"((?:[KMGT]i?B|[kKMG]bit/s|ms|s|seconds?|minutes?|hours?|days?)\b|%)?[^\S\n]*",
        r"(?:-|~|～|to|,|，|到|至)[^\S\n]*(-?\d{1,3}(?:,\d{3})+|-?\d+(?:\.\d+)?)[^\S\n]*",
        r"((?:[KMGT]i?B|[kKMG]bit/s|ms|s|seconds?|minutes?|hours?|days?)\b|%)?"
    ))
});
/// A second range or value right after one (`1 to 15 and 33 to 36`, `1, 2, 3`),
/// or a hedge (`from 1 to 1000 by default (may vary by region)`).
static COMPOUND_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^[\])）]?[^\S\n]*(?:(?:and|or|,|，|、|/)[^\S\n]*-?\d|by default|默认)")
});
/// `Minimum length: 1`, `Max. length: 255`.
static LENGTH_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(min|max)(?:imum)?\.?[^\S\n]+length[^\S\n]*(?:is|[:：])?[^\S\n]*(\d+)")
});
/// `contains 1 to 64 characters`, `长度为1-64个字符`, `1~64个字符`.
static LENGTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:\b(\d+)[^\S\n]*(?:to|-|~)[^\S\n]*(\d+)[^\S\n]*(?:characters|chars)\b",
        r"|长度[^\d\n]{0,8}?(\d+)[^\S\n]*(?:-|~|～|到|至|,|，)[^\S\n]*(\d+)",
        r"|(\d+)[^\S\n]*(?:-|~|～|到|至)[^\S\n]*(\d+)[^\S\n]*个字符)"
    ))
});
/// `a maximum of 64 characters`, `最大长度为255`, `不超过64个字符`.
static LENGTH_MAX: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:(?:a maximum of|up to|at most|no more than|not exceed|cannot exceed|not longer than)",
        r"[^\S\n]*(\d+)[^\S\n]*(?:characters|chars)\b",
        r"|(?:最大长度|长度不能超过|长度不超过|长度最大为|长度最长为)[^\d\n]{0,4}?(\d+)",
        r"|(?:不超过|不能超过|最多|最长)[^\S\n]*(\d+)[^\S\n]*个字符)"
    ))
});
/// `最小长度为1`, `at least 8 characters`.
static LENGTH_MIN: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)最小长度[^\d\n]{0,4}?(\d+)",
        r"|(?:at least|no less than|not less than|a minimum of)[^\S\n]*(\d+)[^\S\n]*(?:characters|chars)\b"
    ))
});
/// Byte counts are not character counts.
static BYTES_TAIL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^[^\S\n]*(?:个)?(?:字节|bytes?\b)"));
/// A clause that limits what follows to some case.
static CONDITION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:if|when|for|unless)\b|如果|若|当(?:[^前]|$)|对于|针对|时[，,]"));
/// A list item that names a case before a colon (`- mongos: The value ranges from 2 to 32.`).
static CASE_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^[^\S\n]*- [^\n]*[:：]"));
/// An item's text that states this field's value for a case rather than describing a value.
static ITEM_STATES_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    // `for` only where it opens the item's text (`- 300 GB for c6`), not in a meaning
    // (`- mysql-to-taurus: used for synchronization`).
    re(
        r"(?i)\bthe value\b|\bvalue (?:is|ranges|can)\b|取值|时[，,]|^[^\S\n]*[:：]?[^\S\n]*for\b|对于",
    )
});
/// A numeric range (`300-300,000`): a bound, not a value.
static NUMERIC_RANGE: LazyLock<Regex> = LazyLock::new(|| re(r"^-?\d[\d,.]*-\d"));
/// A defaults clause is conditional when it names a case (`for X`, `If no
/// workspace is created`), but not when its case is the value's absence
/// (`If this parameter is not specified, the default value is 10`).
static DEFAULT_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:for|if|when|unless|otherwise)\b|对于|针对|如果|若|当(?:[^前]|$)")
});
static ABSENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:if|when)\b[^,，.\n]*(?:\bnot (?:specified|set|passed|provided|transferred|configured|",
        r"carried|included|entered|selected|assigned)\b|\bleft blank\b|\bomit(?:s|ted)?\b|\bunspecified\b|\babsent\b)",
        r"|(?:如果|若)?[^，,。\n]*?(?:不填|未指定|不传|未设置|未配置|不存在|为空)"
    ))
});
/// A header line that explicitly introduces enumeration values.
static ENUM_EXPLICIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:enumerat(?:ion|ed) values?|enum values?|枚举值|枚举取值)[^\S\n]*[:：][^\S\n]*$")
});
/// A header line that introduces a list of values less explicitly.
static ENUM_IMPLIED: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:^|[.。:：,，;；][^\S\n]*)(?:(?:the|its|status|valid|possible|supported) )?",
        r"(?:value can be|values? (?:can|must) be(?: one of the following)?|values?|options?",
        r"|value range|range|values? are as follows|the options are as follows|取值范围|取值|取值如下|取值范围如下|可选值|可选取值|取值为)",
        r"(?: as follows)?[^\S\n]*[:：][^\S\n]*$"
    ))
});
/// A header in the singular (`The flavor type. Value:`): one item under it is
/// the one documented value, not an example of several.
static ENUM_SINGULAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[.。:：][^\S\n]*)(?:the |its )?value[^\S\n]*[:：][^\S\n]*$"));
/// A list item that starts with a value: `ACTIVE`, `ACTIVE: running`, `“backup”，…`, `ext4 (EVS)`.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"^[“"‘'`]?([A-Za-z0-9_.\-/+#;=*]+)[”"’'`]?(?:[^\S\n]*(?:[:：，,（(]|-[^\S\n])|[^\S\n]*$)"#)
});
/// `Default value: 10`, `The default value is public.`, `默认值为“desc”`,
/// `Default: 10`, `The default offset is 0.`, `The value is 0 by default.`
static DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?:default value[^\S\n]*(?:is|:|：)?[^\S\n]*\n|default value[^\S\n]*(?:is|:|：)",
        r"|^default[^\S\n]*[:：]|\bthe default (?:offset|limit) is",
        r"|defaults?[^\S\n]+to|默认(?:取)?值[^\S\n]*(?:为|是|[:：])|默认为|默认是)",
        r#"[^\S\n]*[“"‘'`]?([A-Za-z0-9_.\-/+#;=*]+)[”"’'`]?[^\S\n]*(?:[,，;；)）。]|\.(?:\s|$)|$)"#,
        r#"|\bvalue is[^\S\n]+[“"]?([A-Za-z0-9_.\-/+#=*]+?)[”"]?[^\S\n]+by default\b"#
    ))
});
/// `no (default): …`: an item marked as the default.
static DEFAULT_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[^\S\n]*[(（](?:default|默认(?:值)?)[)）]"));
/// Words that read as a default value but say there is none.
const NO_DEFAULT: &[&str] = &["null", "none", "empty", "blank", "n/a", "na", "-", "nil"];

/// A contradiction between the constraints of one description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub code: &'static str,
    pub message: String,
}

/// The field's type as far as constraints care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    /// Objects, maps and untyped values: no scalar constraints apply.
    Other,
    /// Arrays: only statements about the number of items are read
    /// (`Minimum: 1` may be on the count or on each item's length).
    Array,
}

fn kind(ty: &TypeRef) -> Kind {
    match ty {
        TypeRef::String => Kind::String,
        TypeRef::Integer { .. } => Kind::Integer,
        TypeRef::Number => Kind::Number,
        TypeRef::Boolean => Kind::Boolean,
        TypeRef::Array { .. } => Kind::Array,
        TypeRef::Any | TypeRef::Map { .. } | TypeRef::Ref { .. } => Kind::Other,
    }
}

/// The constraints a description documents for a value of type `ty`, and the
/// contradictions found (the contradicting constraints are dropped).
pub fn read(description: &str, ty: &TypeRef) -> (Constraints, Vec<Issue>) {
    let flat = label_layout::flatten(description);
    let text: &str = &flat;
    let kind = kind(ty);
    let mut c = Constraints::default();
    let mut issues = Vec::new();
    // Where the kept constraints were read, for `sources`.
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut bound_spans = Vec::new();
    match kind {
        Kind::Array => {
            (c.min_items, c.max_items) = item_counts::bounds(text, &mut spans);
            c.sources = sources(text, spans);
            return (c, issues);
        }
        Kind::Integer | Kind::Number => {
            let integer = kind == Kind::Integer;
            (c.minimum, c.maximum) = value_bounds(text, integer, &mut bound_spans);
        }
        Kind::String => {
            (c.min_length, c.max_length) = length_bounds(text, &mut bound_spans);
            c.pattern = super::char_sets::pattern(text, &mut spans);
        }
        Kind::Boolean | Kind::Other => {}
    }
    check_inverted(&mut c, &mut issues);
    let mut marked_default = None;
    let mut list_span = None;
    if let Some(list) = value_list(text, kind, &mut issues) {
        (c.values, c.enum_descriptions) = list.typed;
        marked_default = list.list.default;
        list_span = Some(list.list.span);
    }
    let mut default_spans = Vec::new();
    if !matches!(kind, Kind::Other) {
        c.default = default_value(text, kind, &mut default_spans).or_else(|| {
            let raw = marked_default?;
            typed_default(&raw, kind)
        });
        check_default(&mut c, &mut issues);
    }
    // Only the statements behind what is kept are its sources.
    if c.has_range() || c.has_length() {
        spans.extend(bound_spans);
    }
    if !c.values.is_empty() {
        spans.extend(list_span);
    }
    if c.default.is_some() {
        spans.extend(default_spans);
    }
    c.sources = sources(text, spans);
    (c, issues)
}

/// The sentences (or header-and-list blocks) around `spans`, verbatim, in
/// text order, each once.
fn sources(text: &str, spans: Vec<Range<usize>>) -> Vec<String> {
    let mut ranges: Vec<Range<usize>> = spans
        .into_iter()
        .map(|s| sentence_start(text, s.start)..sentence_end(text, s.end.max(s.start)))
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
        .into_iter()
        .filter_map(|r| text.get(r))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The start of the sentence holding byte `at`.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let line = before.rfind('\n').map_or(0, |i| i + 1);
    let stop = [". ", "。", "; ", "；"]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    line.max(stop)
}

/// The end of the sentence holding byte `at` (its full stop included).
fn sentence_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    let line = after.find('\n').unwrap_or(after.len());
    let stop = [". ", "。", "; ", "；"]
        .iter()
        .filter_map(|p| after.find(p).map(|i| i + p.trim_end().len()))
        .min()
        .unwrap_or(after.len());
    at + line.min(stop)
}

/// `(min, max)` when both bounds are documented and ordered: decides integer width.
pub fn int_range(description: &str) -> Option<(i64, i64)> {
    let flat = label_layout::flatten(description);
    match value_bounds(&flat, true, &mut Vec::new()) {
        (Some(lo), Some(hi)) if lo <= hi => Some((lo, hi)),
        _ => None,
    }
}

/// The one value every statement agrees on; `None` when none or several.
fn single<T: Ord + Copy>(values: &BTreeSet<T>) -> Option<T> {
    match values.len() {
        1 => values.first().copied(),
        _ => None,
    }
}

/// Whether the clause a match sits in limits it to some case.
fn conditional(text: &str, start: usize, condition: &Regex) -> bool {
    let before = &text[..start];
    let line = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    if CASE_ITEM.is_match(line) {
        return true;
    }
    // (A clause after `。` used to be read from a byte inside the `。`, which
    // found no condition at all.)
    let (clause_start, _) = value_lists::sentence_around(text, start);
    condition.is_match(&before[clause_start..])
}

/// Lower and upper bounds stated for a value; `None` statements are unreadable
/// (decimals, conditional or compound ranges), which makes the bounds unknown.
#[derive(Default)]
pub(super) struct Statements<T: Ord> {
    lows: BTreeSet<T>,
    highs: BTreeSet<T>,
    unreadable: bool,
    spans: Vec<Range<usize>>,
}

impl<T: Ord + Copy> Statements<T> {
    pub(super) fn low(&mut self, v: T, span: Range<usize>) {
        self.lows.insert(v);
        self.spans.push(span);
    }

    pub(super) fn high(&mut self, v: T, span: Range<usize>) {
        self.highs.insert(v);
        self.spans.push(span);
    }

    pub(super) fn unreadable(&mut self) {
        self.unreadable = true;
    }

    /// Both bounds are unknown when any statement is unreadable or two disagree:
    /// they may each hold for a different case. The statements' spans go to
    /// `spans` when a bound is known.
    pub(super) fn bounds(self, spans: &mut Vec<Range<usize>>) -> (Option<T>, Option<T>) {
        if self.unreadable || self.lows.len() > 1 || self.highs.len() > 1 {
            return (None, None);
        }
        let b = (single(&self.lows), single(&self.highs));
        if b.0.is_some() || b.1.is_some() {
            spans.extend(self.spans);
        }
        b
    }
}

/// An integer, with or without thousands separators (`86,400`).
fn int(text: &str) -> Option<i64> {
    text.replace(',', "").parse().ok()
}

/// Every bound pattern captures a number, and a number that is not ASCII only
/// ever makes a statement unreadable: without ASCII digits there are no bounds.
/// This spares the regexes most descriptions.
pub(super) fn has_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

fn value_bounds(
    text: &str,
    integer: bool,
    spans: &mut Vec<Range<usize>>,
) -> (Option<i64>, Option<i64>) {
    let mut s = Statements::default();
    if has_ascii_digit(text) {
        for m in MIN_MAX.captures_iter(text) {
            min_max_statement(text, &m, &mut s);
        }
        for m in RANGE.captures_iter(text) {
            range_statement(text, &m, &mut s);
        }
    }
    let mut weak = Vec::new();
    for (is_min, v, span, is_weak) in one_sided::bounds(text, integer) {
        // `If the value is less than or equal to 0, …` names a case of the
        // value, not a bound: the statement is passed over.
        if conditional(text, span.start, &CONDITION) {
            continue;
        } else if is_weak {
            weak.push((v, span));
        } else if is_min {
            s.low(v, span);
        } else {
            s.high(v, span);
        }
    }
    // A sign (`cannot be negative`) counts only where no minimum is stated.
    if s.lows.is_empty() {
        for (v, span) in weak {
            s.low(v, span);
        }
    }
    s.bounds(spans)
}

fn min_max_statement(text: &str, m: &Captures, s: &mut Statements<i64>) {
    let Some(all) = m.get(0) else { return };
    match int(&m[2]) {
        Some(_) if conditional(text, all.start(), &CONDITION) => s.unreadable(),
        Some(v) if m[1].eq_ignore_ascii_case("min") => s.low(v, all.range()),
        Some(v) => s.high(v, all.range()),
        None => s.unreadable(),
    }
}

fn range_statement(text: &str, m: &Captures, s: &mut Statements<i64>) {
    let (Some(all), Some(lo), Some(hi)) = (m.get(0), int(&m[1]), int(&m[3])) else {
        s.unreadable();
        return;
    };
    let units_differ = match (m.get(2), m.get(4)) {
        (Some(a), Some(b)) => !a.as_str().eq_ignore_ascii_case(b.as_str()),
        (Some(_), None) => true,
        _ => false,
    };
    if units_differ
        || COMPOUND_TAIL.is_match(&text[all.end()..])
        || conditional(text, all.start(), &CONDITION)
    {
        s.unreadable();
        return;
    }
    s.low(lo, all.range());
    s.high(hi, all.range());
}

fn length_bounds(text: &str, spans: &mut Vec<Range<usize>>) -> (Option<u64>, Option<u64>) {
    if !has_ascii_digit(text) {
        return (None, None);
    }
    let mut s: Statements<u64> = Statements::default();
    // `Minimum: 36` / `Maximum: 36` on a string is its length (OpenAPI-generated pages).
    for m in MIN_MAX.captures_iter(text) {
        let v = m[2].parse::<u64>().ok();
        let bound = (m[1].eq_ignore_ascii_case("min"), v);
        length_statement(text, &m, bound, &mut s);
    }
    for m in LENGTH_BOUND.captures_iter(text) {
        let bound = (m[1].eq_ignore_ascii_case("min"), m[2].parse().ok());
        length_statement(text, &m, bound, &mut s);
    }
    for m in LENGTH_MIN.captures_iter(text) {
        let v = (1..=2)
            .find_map(|i| m.get(i))
            .and_then(|g| g.as_str().parse().ok());
        length_statement(text, &m, (true, v), &mut s);
    }
    for m in LENGTH_MAX.captures_iter(text) {
        let v = (1..=3)
            .find_map(|i| m.get(i))
            .and_then(|g| g.as_str().parse().ok());
        length_statement(text, &m, (false, v), &mut s);
    }
    for m in LENGTH_RANGE.captures_iter(text) {
        let pair = [(1, 2), (3, 4), (5, 6)]
            .into_iter()
            .find_map(|(a, b)| Some((m.get(a)?.as_str(), m.get(b)?.as_str())));
        let (lo, hi) = pair.map_or((None, None), |(a, b)| (a.parse().ok(), b.parse().ok()));
        length_statement(text, &m, (true, lo), &mut s);
        length_statement(text, &m, (false, hi), &mut s);
    }
    s.bounds(spans)
}

/// One length bound (`is_min`, value) stated by the match `m`.
fn length_statement(text: &str, m: &Captures, bound: (bool, Option<u64>), s: &mut Statements<u64>) {
    let Some(all) = m.get(0) else { return };
    if BYTES_TAIL.is_match(&text[all.end()..]) {
        return;
    }
    match bound {
        (_, None) => s.unreadable(),
        _ if conditional(text, all.start(), &CONDITION) => s.unreadable(),
        (true, Some(v)) => s.low(v, all.range()),
        (false, Some(v)) => s.high(v, all.range()),
    }
}

/// Drops a minimum above its maximum (and the same for lengths), reporting it.
fn check_inverted(c: &mut Constraints, issues: &mut Vec<Issue>) {
    if let (Some(lo), Some(hi)) = (c.minimum, c.maximum)
        && lo > hi
    {
        issues.push(inverted(format!("minimum {lo} is above maximum {hi}")));
        (c.minimum, c.maximum) = (None, None);
    }
    if let (Some(lo), Some(hi)) = (c.min_length, c.max_length)
        && lo > hi
    {
        issues.push(inverted(format!(
            "minimum length {lo} is above maximum length {hi}"
        )));
        (c.min_length, c.max_length) = (None, None);
    }
}

fn inverted(what: String) -> Issue {
    Issue {
        code: "constraint-range-inverted",
        message: format!("{what}; neither bound is kept"),
    }
}

/// A value set and its values typed for the field.
struct Chosen {
    list: ValueList,
    typed: (Vec<Value>, BTreeMap<String, String>),
}

/// The value set a description documents: an explicitly headed list
/// (`Enumeration values:`) wins; otherwise a list under a `Values:` header
/// and the set a sentence states (`The value can be A or B.`), which must
/// agree when both are there.
fn value_list(text: &str, kind: Kind, issues: &mut Vec<Issue>) -> Option<Chosen> {
    if matches!(kind, Kind::Array) {
        return None;
    }
    let (explicit, list, reported) = match enumeration(text) {
        Some((true, list)) => (true, list, true),
        block => {
            let inline = value_lists::inline(text);
            match (block, inline) {
                // A sentence naming some of the listed values (`The value can be
                // A, B, or C.` over a longer list) defers to the list.
                (Some((_, b)), Some(i)) if !i.values.iter().all(|v| b.values.contains(v)) => {
                    return None;
                }
                (Some((_, b)), _) => (false, b, true),
                (None, Some(i)) => (false, i, false),
                (None, None) => return None,
            }
        }
    };
    // A sentence's values that do not fit the type are not reported: the
    // sentence may simply not be a value set.
    let mut quiet = Vec::new();
    let sink = if reported { issues } else { &mut quiet };
    let values = typed_values(explicit, &list.values, kind, sink);
    if values.is_empty() {
        return None;
    }
    let meanings = list
        .meanings
        .iter()
        .filter(|(k, _)| list.values.contains(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Some(Chosen {
        list,
        typed: (values, meanings),
    })
}

/// The enumeration a description lists: an explicitly headed list
/// (`Enumeration values:`, `枚举值：`) wins; otherwise the one list under a
/// `Values:`/`The value can be:`/`取值范围：` header (two or more items), if
/// every list of that kind agrees. `None` when no list is read.
fn enumeration(text: &str) -> Option<(bool, ValueList)> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        lines.push((at, line));
        at += line.len() + 1;
    }
    let mut implied: Vec<ValueList> = Vec::new();
    let mut explicit: Vec<ValueList> = Vec::new();
    for (i, (start, line)) in lines.iter().enumerate() {
        if line.starts_with("- ") {
            continue;
        }
        let is_explicit = ENUM_EXPLICIT.is_match(line);
        if !is_explicit && !ENUM_IMPLIED.is_match(line) {
            continue;
        }
        let Some(mut list) = list_values(&lines[i + 1..], is_explicit) else {
            continue;
        };
        list.span.start = *start;
        if is_explicit {
            explicit.push(list);
        } else if list.values.len() >= 2 || ENUM_SINGULAR.is_match(line) {
            implied.push(list);
        }
    }
    let one = |mut lists: Vec<ValueList>| {
        let first = lists.first()?;
        lists
            .iter()
            .all(|l| l.values == first.values)
            .then(|| lists.swap_remove(0))
    };
    if !explicit.is_empty() {
        return one(explicit).map(|l| (true, l));
    }
    one(implied).map(|l| (false, l))
}

/// The values of the list starting at `lines[0]`; `None` if any item does not
/// start with a value or there is no item.
fn list_values(lines: &[(usize, &str)], explicit: bool) -> Option<ValueList> {
    let mut out = ValueList {
        values: Vec::new(),
        meanings: BTreeMap::new(),
        default: None,
        span: 0..0,
    };
    for (start, line) in lines {
        if let Some(item) = line.strip_prefix("- ") {
            let (v, meaning, is_default) = item_value(item.trim(), explicit)?;
            if is_default {
                out.default = Some(v.clone());
            }
            if let Some(m) = meaning {
                out.meanings.entry(v.clone()).or_insert(m);
            }
            if !out.values.contains(&v) {
                out.values.push(v);
            }
        } else if !line.starts_with("  ") {
            break;
        }
        out.span.end = start + line.len();
    }
    (!out.values.is_empty()).then_some(out)
}

/// The value an item starts with, the meaning after it, and whether it is
/// marked `(default)`. Under an explicit header an item without a separator
/// is the value as a whole (`C#(.NET Core 2.1)`).
fn item_value(item: &str, explicit: bool) -> Option<(String, Option<String>, bool)> {
    let plain = !item.contains([':', '：', '，', ',']) && item.chars().count() <= 64;
    if explicit && plain && !item.is_empty() {
        return Some((item.trim_end_matches(['.', '。']).to_string(), None, false));
    }
    let token = ITEM.captures(item)?.get(1)?;
    let v = token.as_str().trim_end_matches('.');
    let mut rest = &item[token.end()..];
    if v.is_empty() || NUMERIC_RANGE.is_match(v) || ITEM_STATES_VALUE.is_match(rest) {
        return None;
    }
    let is_default = match DEFAULT_MARK.find(rest) {
        Some(m) => {
            rest = &rest[m.end()..];
            true
        }
        None => false,
    };
    Some((v.to_string(), meaning(rest), is_default))
}

/// The text after an item's value: `: running` → `running`, `(NAT gateway type)` → itself unwrapped.
fn meaning(rest: &str) -> Option<String> {
    let t = rest.trim_start_matches(['”', '"', '’', '\'', '`']).trim();
    let t = t
        .strip_prefix(['(', '（'])
        .and_then(|x| x.strip_suffix([')', '）']))
        .unwrap_or(t);
    let t = t
        .trim_start_matches([':', '：', '，', ',', '-', ' '])
        .trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The listed values typed for the field; values that do not fit the type are
/// reported and the enumeration dropped. A boolean's `true`/`false` says nothing.
fn typed_values(
    explicit: bool,
    values: &[String],
    kind: Kind,
    issues: &mut Vec<Issue>,
) -> Vec<Value> {
    let typed: Option<Vec<Value>> = match kind {
        Kind::String => Some(values.iter().map(|v| Value::String(v.clone())).collect()),
        Kind::Integer => values.iter().map(|v| int(v).map(Value::from)).collect(),
        Kind::Number => values.iter().map(|v| number(v)).collect(),
        Kind::Boolean => {
            let all_bool = values.iter().all(|v| boolean(v).is_some());
            if all_bool {
                return Vec::new();
            }
            None
        }
        Kind::Other if !explicit => return Vec::new(),
        Kind::Other | Kind::Array => None,
    };
    typed.unwrap_or_else(|| {
        issues.push(Issue {
            code: "constraint-enum-type",
            message: format!(
                "enumeration values `{}` do not fit the {} type; not kept",
                values.join("`, `"),
                kind_name(kind)
            ),
        });
        Vec::new()
    })
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "string",
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Boolean => "boolean",
        Kind::Other => "object or untyped",
        Kind::Array => "array",
    }
}

fn number(text: &str) -> Option<Value> {
    if let Some(i) = int(text) {
        return Some(Value::from(i));
    }
    let f: f64 = text.parse().ok()?;
    serde_json::Number::from_f64(f).map(Value::Number)
}

fn boolean(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The default the description states, typed like the field; `None` when it
/// states none, several, or one that does not fit the type.
fn default_value(text: &str, kind: Kind, spans: &mut Vec<Range<usize>>) -> Option<Value> {
    // Every form of `DEFAULT` names "default" or 默认; most descriptions neither.
    if !text.to_ascii_lowercase().contains("default") && !text.contains("默认") {
        return None;
    }
    let mut found: BTreeSet<String> = BTreeSet::new();
    let mut at = Vec::new();
    for m in DEFAULT.captures_iter(text) {
        let Some(all) = m.get(0) else { continue };
        if conditional(text, all.start(), &DEFAULT_CONDITION) && !absence(text, all.start()) {
            return None;
        }
        let Some(v) = m.get(1).or_else(|| m.get(2)) else {
            continue;
        };
        found.insert(v.as_str().trim_end_matches('.').to_string());
        at.push(all.range());
    }
    let raw = match found.len() {
        1 => found.pop_first()?,
        _ => return None,
    };
    if NO_DEFAULT.contains(&raw.to_ascii_lowercase().as_str()) {
        return None;
    }
    let v = typed_default(&raw, kind)?;
    spans.extend(at);
    Some(v)
}

/// Whether the clause before `at` is only the value's absence.
fn absence(text: &str, at: usize) -> bool {
    let (start, _) = value_lists::sentence_around(text, at);
    let clause = &text[start..at];
    ABSENCE.is_match(clause) && !DEFAULT_CONDITION.is_match(&ABSENCE.replace_all(clause, ""))
}

fn typed_default(raw: &str, kind: Kind) -> Option<Value> {
    match kind {
        Kind::String => Some(Value::String(raw.to_string())),
        Kind::Integer => int(raw).map(Value::from),
        Kind::Number => number(raw),
        Kind::Boolean => boolean(raw).map(Value::Bool),
        Kind::Other | Kind::Array => None,
    }
}

/// Drops a default outside the documented range or enumeration, reporting it.
fn check_default(c: &mut Constraints, issues: &mut Vec<Issue>) {
    let Some(d) = &c.default else { return };
    let shown = match d {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let below = c
        .minimum
        .zip(d.as_f64())
        .is_some_and(|(lo, v)| v < lo as f64);
    let above = c
        .maximum
        .zip(d.as_f64())
        .is_some_and(|(hi, v)| v > hi as f64);
    let problem = if below || above {
        Some(format!(
            "default `{shown}` is outside the documented range {}..={}",
            bound(c.minimum),
            bound(c.maximum)
        ))
    } else if !c.values.is_empty() && !c.values.contains(d) {
        Some(format!(
            "default `{shown}` is not one of the enumeration values"
        ))
    } else {
        None
    };
    if let Some(p) = problem {
        // Either statement may be the wrong one: neither is kept.
        let also = if below || above {
            (c.minimum, c.maximum) = (None, None);
            "nor the range"
        } else {
            c.values.clear();
            c.enum_descriptions.clear();
            "nor the enumeration"
        };
        issues.push(Issue {
            code: "constraint-default-conflict",
            message: format!("{p}; neither the default {also} is kept"),
        });
        c.default = None;
    }
}

fn bound(b: Option<i64>) -> String {
    b.map_or(String::new(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const INT: TypeRef = TypeRef::Integer { bits: 64 };

    fn c(text: &str, ty: &TypeRef) -> Constraints {
        let (c, issues) = read(text, ty);
        assert!(issues.is_empty(), "{text}: {issues:?}");
        c
    }

    #[test]
    fn ranges() {
        let cases = [
            ("Minimum: 1\nMaximum: 100", Some((1, 100))),
            ("Value range: 1-100.", Some((1, 100))),
            ("The value ranges from 0 to 65535.", Some((0, 65535))),
            ("Value range: [1, 20]", Some((1, 20))),
            ("取值范围：40~1024", Some((40, 1024))),
            ("取值范围为1-100的整数。", Some((1, 100))),
            (
                "The minimum value is 1 and the maximum value is 10.",
                Some((1, 10)),
            ),
            (
                "Its value range is from 50 GB to 4000 GB.",
                Some((50, 4000)),
            ),
            (
                "The unit is second and value range is 0-86400.",
                Some((0, 86400)),
            ),
            (
                "Minimum: 0\nMaximum: 9999999999999",
                Some((0, 9_999_999_999_999)),
            ),
            (
                "Minimum: 1\nMaximum: 100\nThe value ranges from 1 to 100.",
                Some((1, 100)),
            ),
            ("Value range: -1-100", Some((-1, 100))),
            // Near misses: not a range of this value, or not one range.
            ("Timestamp in milliseconds.", None),
            ("Minimum: 1", None),
            ("The value of X ranges with the quota.", None),
            ("The value ranges from 1 to 15 and 33 to 36.", None),
            ("Value range: 1, 2, 3", None),
            ("Value range: 60-86,400. Unit: second.", Some((60, 86400))),
            ("The value ranges from 1 to 65,535.", Some((1, 65535))),
            ("Value range: 0.1-1.0", None),
            (
                "- For a replica set instance, the value ranges from 10 to 2000.\n- For a single node instance, the value ranges from 10 to 1000.",
                None,
            ),
            ("If the type is disk, the value ranges from 1 to 10.", None),
            (
                "Minimum: 1\nMaximum: 100\nThe value ranges from 1 to 200.",
                None,
            ),
            ("Its value range is from 5 Mbit/s to 2 Gbit/s.", None),
            (
                "Valid value:\n- mongos: The value ranges from 2 to 32.\n- config: The value is 1.",
                None,
            ),
            (
                "订购周期数，取值范围：\n- periodType=year（周期类型为年）时，取值范围为1-3。",
                None,
            ),
            ("Port 22 is open for 30 days.", None),
            (
                "The value ranges from 1 Mbit/s to 1000 Mbit/s by default. (It may vary by region.)",
                None,
            ),
            ("The value can be from 0 to 20.", Some((0, 20))),
            (
                "Definition\nSpecifies the NIC MTU.\nRange\n1280 to 8888\nDefault Value\nN/A",
                Some((1280, 8888)),
            ),
            ("Minimum: 10\nMaximum: 1", None),
        ];
        for (text, want) in cases {
            assert_eq!(int_range(text), want, "{text}");
        }
    }

    #[test]
    fn one_sided_bounds() {
        let got = c("Minimum: 1", &INT);
        assert_eq!((got.minimum, got.maximum), (Some(1), None));
        let got = c("The maximum value is 500.", &INT);
        assert_eq!((got.minimum, got.maximum), (None, Some(500)));
    }

    #[test]
    fn lengths() {
        let cases = [
            ("Minimum: 36\nMaximum: 36", (Some(36), Some(36))),
            ("Minimum length: 1\nMaximum length: 36", (Some(1), Some(36))),
            (
                "The value contains 1 to 64 characters.",
                (Some(1), Some(64)),
            ),
            (
                "The name can contain a maximum of 255 characters.",
                (None, Some(255)),
            ),
            ("Max. length: 255", (None, Some(255))),
            ("长度为1-64个字符。", (Some(1), Some(64))),
            ("名称长度范围为1~128。", (Some(1), Some(128))),
            ("最大长度为255。", (None, Some(255))),
            ("不超过64个字符。", (None, Some(64))),
            ("支持1~64个字符。", (Some(1), Some(64))),
            // Near misses.
            ("长度为1-64个字节。", (None, None)),
            (
                "If the value is a name, it contains 1 to 64 characters.",
                (None, None),
            ),
            (
                "The value contains 1 to 64 characters.\nThe value contains 1 to 32 characters.",
                (None, None),
            ),
            (
                "Must contain at least three of the following character types.",
                (None, None),
            ),
            ("The value ranges from 1 to 100.", (None, None)),
        ];
        for (text, want) in cases {
            let got = c(text, &TypeRef::String);
            assert_eq!((got.min_length, got.max_length), want, "{text}");
        }
    }

    #[test]
    fn numeric_ranges_are_not_read_on_strings_nor_lengths_on_integers() {
        assert!(c("The value ranges from 10 to 2000.", &TypeRef::String).is_empty());
        assert!(c("The value contains 1 to 64 characters.", &INT).is_empty());
        let arr = TypeRef::Array {
            items: Box::new(TypeRef::String),
        };
        assert!(
            c(
                "Minimum: 1\nMaximum: 128\nEnumeration values:\n- a\n- b",
                &arr
            )
            .is_empty()
        );
    }

    #[test]
    fn enumerations() {
        let s = TypeRef::String;
        let cases: [(&str, &TypeRef, Vec<Value>); 12] = [
            (
                "Enumeration values:\n- ADD\n- DELETE",
                &s,
                vec![json!("ADD"), json!("DELETE")],
            ),
            ("Enumerated value:\n- SFS", &s, vec![json!("SFS")]),
            (
                "Status.\nEnumerated values:\n- success: successful\n- failed: failed",
                &s,
                vec![json!("success"), json!("failed")],
            ),
            (
                "Runtime.\nEnumeration values:\n- Java8\n- C#(.NET Core 2.1)",
                &s,
                vec![json!("Java8"), json!("C#(.NET Core 2.1)")],
            ),
            (
                "分析方式\n枚举值：\n- manual\n- auto",
                &s,
                vec![json!("manual"), json!("auto")],
            ),
            (
                "The value can be:\n- cluster: sharded.\n- single: unsharded.",
                &s,
                vec![json!("cluster"), json!("single")],
            ),
            (
                "Value range:\n- 0: case sensitive.\n- 1: case insensitive.",
                &INT,
                vec![json!(0), json!(1)],
            ),
            (
                "计费模式。取值范围：\n- prePaid：预付费。\n- postPaid：后付费。",
                &s,
                vec![json!("prePaid"), json!("postPaid")],
            ),
            (
                "表示恢复方式，枚举值：\n- “backup”，表示使用备份文件恢复。\n- “timestamp”，表示按时间点恢复。",
                &s,
                vec![json!("backup"), json!("timestamp")],
            ),
            (
                "Engine type of a DRS task.\nValues:\n- mysql: used for migration and synchronization from MySQL to MySQL\n- mysql-to-taurus: used for synchronization from MySQL to GaussDB(for MySQL) primary/standby",
                &s,
                vec![json!("mysql"), json!("mysql-to-taurus")],
            ),
            (
                "Options:\n- Allow\n- Deny",
                &s,
                vec![json!("Allow"), json!("Deny")],
            ),
            // DRS `node_type`: one value under a header in the singular.
            ("The flavor type. Value:\n- high", &s, vec![json!("high")]),
        ];
        for (text, ty, want) in cases {
            assert_eq!(c(text, ty).values, want, "{text}");
        }
    }

    #[test]
    fn enumeration_near_misses() {
        let cases = [
            // A single item under an implied header in the plural may be an example.
            "Values:\n- ACTIVE",
            "Options:\n- Allow",
            "Value range:\n- 1",
            // Items that are prose, not values.
            "Value range:\n- Public zone: 1-2147483647\n- Private zone: 1-2147483647",
            "The value can be:\n- If the value is true, X is enabled.\n- Otherwise, X is disabled.",
            "Obtain the value using either of the following methods:\n- Method 1: console.\n- Method 2: API.",
            "Note:\n- a\n- b",
            // Cases of this value, not values.
            "Valid value:\n- mongos: The value ranges from 2 to 32.\n- config: The value is 1.",
            "Value range:\n- 300-300,000 GB for c6.2u4g\n- 300-600,000 GB for c6.4u8g",
            "取值范围：\n- periodType=month（周期类型为月）时，取值为[1-9]。\n- periodType=year时，取值为1-3。",
            "Default values:\n- a\n- b",
            // Two implied lists that disagree.
            "Values:\n- a\n- b\nOptions:\n- c\n- d",
            // A list that does not follow the header.
            "The value can be:\nsee below.\n- a\n- b",
        ];
        for text in cases {
            assert!(c(text, &TypeRef::String).values.is_empty(), "{text}");
        }
        // A boolean's true/false says nothing.
        assert!(c("Enumeration values:\n- true\n- false", &TypeRef::Boolean).is_empty());
    }

    #[test]
    fn defaults() {
        let s = TypeRef::String;
        let cases: Vec<(&str, &TypeRef, Option<Value>)> = vec![
            ("Default value: 10", &INT, Some(json!(10))),
            ("Range\nN/A\nDefault Value\n1500", &INT, Some(json!(1500))),
            ("Default Value\nN/A", &INT, None),
            ("The default value is 300.", &INT, Some(json!(300))),
            ("The default value is public.", &s, Some(json!("public"))),
            (
                "The default value is application/json.",
                &s,
                Some(json!("application/json")),
            ),
            (
                "The default value is true.",
                &TypeRef::Boolean,
                Some(json!(true)),
            ),
            ("Defaults to false.", &TypeRef::Boolean, Some(json!(false))),
            ("默认值：20", &INT, Some(json!(20))),
            ("取值范围：0-1000\n默认取值：0", &INT, Some(json!(0))),
            ("排序方向，默认为“desc”。", &s, Some(json!("desc"))),
            (
                "The default value is 0.5.",
                &TypeRef::Number,
                Some(json!(0.5)),
            ),
            // Near misses.
            ("The default value is null.", &s, None),
            ("The default value is 300 seconds.", &INT, None),
            (
                "For MySQL, the default value is 3306. For PostgreSQL, the default value is 5432.",
                &INT,
                None,
            ),
        ];
        for (text, ty, want) in cases {
            assert_eq!(c(text, ty).default, want, "{text}");
        }
        assert_eq!(
            c("The default value is the current time.", &s).default,
            None
        );
        assert_eq!(c("The default value is abc.", &INT).default, None);
    }

    #[test]
    fn contradictions_are_reported_and_dropped() {
        let (got, issues) = read("Minimum: 10\nMaximum: 1", &INT);
        assert!(got.is_empty());
        assert_eq!(issues[0].code, "constraint-range-inverted");
        let (got, issues) = read("Value range: 1-100. The default value is 0.", &INT);
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(issues[0].code, "constraint-default-conflict");
        // Verbatim (DDS): a default of 0 and "a positive integer" contradict.
        let (got, issues) = read(
            "Index offset. If offset is set to N, the resource query starts from the N+1 piece of data. The default value is 0, indicating that the query starts from the first piece of data. The value must be a positive integer.",
            &INT,
        );
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(issues[0].code, "constraint-default-conflict");
        let (got, issues) = read(
            "Enumeration values:\n- asc\n- desc\nThe default value is up.",
            &TypeRef::String,
        );
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(issues[0].code, "constraint-default-conflict");
        let (got, issues) = read("Enumeration values:\n- small\n- large", &INT);
        assert!(got.is_empty());
        assert_eq!(issues[0].code, "constraint-enum-type");
        let (_, issues) = read("Enumeration values:\n- on\n- off", &TypeRef::Boolean);
        assert_eq!(issues[0].code, "constraint-enum-type");
        let any = TypeRef::Any;
        let (_, issues) = read("Enumeration values:\n- a\n- b", &any);
        assert_eq!(issues[0].code, "constraint-enum-type");
        assert!(read("Values:\n- a\n- b", &any).1.is_empty());
    }

    /// Verbatim corpus descriptions for each phrasing read since issue 10.
    #[test]
    fn sentence_phrasings() {
        let s = TypeRef::String;
        // `The value can be A, B, or C.` with meanings, and its default.
        let got = c(
            "Sorting mode. The options are ASC (ascending order) and DESC (descending order). The default value is DESC.",
            &s,
        );
        assert_eq!(got.values, [json!("ASC"), json!("DESC")]);
        assert_eq!(got.enum_descriptions["ASC"], "ascending order");
        assert_eq!(got.default, Some(json!("DESC")));
        assert_eq!(
            got.sources,
            [
                "The options are ASC (ascending order) and DESC (descending order).",
                "The default value is DESC."
            ]
        );
        // A coded list on an integer.
        let got = c("Rule action: 0 (permit), 1 (deny).", &INT);
        assert_eq!(got.values, [json!(0), json!(1)]);
        assert_eq!(got.enum_descriptions["0"], "permit");
        // `can only be`.
        let got = c(
            "The value can only be self or thirdparty.\nself: images shared by you. thirdparty: images shared with you by others",
            &s,
        );
        assert_eq!(got.values, [json!("self"), json!("thirdparty")]);
        // The labelled-list layout.
        let got = c(
            "- Definition: Name of a security group.\n- Constraints: The value can contain 1 to 64 characters, including letters, digits, underscores (_), hyphens (-), and periods (.).\n- Range: None\n- Default Value: None",
            &s,
        );
        assert_eq!(
            (got.min_length, got.max_length, got.default),
            (Some(1), Some(64), None)
        );
        let got = c(
            "- Definition: Type of the instance with an EIP bound.\n- Range:\n  - PORT (Instance type, including ECS, BMS, and CCE)\n  - NATGW (NAT gateway type)\n  - ELB (Load balancer type)\n  - VPN (VPN instance type)",
            &s,
        );
        assert_eq!(
            got.values,
            [json!("PORT"), json!("NATGW"), json!("ELB"), json!("VPN")]
        );
        assert_eq!(got.enum_descriptions["NATGW"], "NAT gateway type");
        // `X (default)` in a list.
        let got = c(
            "Specifies whether to forcibly delete an AS group. Options:\n- no (default): indicates that the AS group is not forcibly deleted.\n- yes: indicates to forcibly delete an AS group.",
            &s,
        );
        assert_eq!(got.values, [json!("no"), json!("yes")]);
        assert_eq!(got.default, Some(json!("no")));
        // Defaults: `Default: X`, `The default value is X. If …`, `value is X by default`.
        let cases: Vec<(&str, &TypeRef, Option<Value>)> = vec![
            (
                "Specifies the maximum number of records to return.\nMinimum: 1\nMaximum: 200\nDefault: 200",
                &INT,
                Some(json!(200)),
            ),
            (
                "Whether the backup policy is enabled\nThe default value is true. If it is set to false, automatic scheduling is disabled but manual scheduling is supported.",
                &TypeRef::Boolean,
                Some(json!(true)),
            ),
            (
                "Specifies the start line number. The default value is 0. The minimum parameter value is 0.",
                &INT,
                Some(json!(0)),
            ),
            (
                "Index offset.\nThe query starts from the next piece of data indexed by this parameter. The value is 0 by default.\nThe value must be a number but cannot be a negative number.",
                &INT,
                Some(json!(0)),
            ),
            ("The default offset is 0.", &INT, Some(json!(0))),
            (
                "Number of records. If this parameter is not specified, the default value is 10.",
                &INT,
                Some(json!(10)),
            ),
            (
                "Sorts by a set of one or more sort direction and attribute (sort_key) combinations. If you omit the sort direction in a set, the value defaults to desc.",
                &s,
                Some(json!("desc")),
            ),
            (
                "是否允许免密码访问缓存实例。\n- true：该实例无需密码即可访问。\n- false：该实例必须通过密码认证才能访问。\n若未配置该参数则默认值为“false”。",
                &s,
                Some(json!("false")),
            ),
            (
                "Specifies the maximum number of query records. The maximum value is 1,000, and the minimum value is 1.\n- If action is set to count, this parameter is invalid.\n- If action is set to filter, the default value is 1000.",
                &INT,
                None,
            ),
            // Conditional, or two that disagree.
            (
                "Workspace ID. If no workspace is created, the default value is 0. If a workspace is created and used, use the actual value.",
                &s,
                None,
            ),
            (
                "Specifies the health check method for instances in the AS group. The health check methods include ELB_AUDIT and NOVA_AUDIT. When load balancing is configured for an AS group, the default value is ELB_AUDIT. Otherwise, the default value is NOVA_AUDIT.",
                &s,
                None,
            ),
            (
                "Function version. Some regions support only v1. The default value is v1.\nDefault: v2\nEnumeration values:\n- v1\n- v2",
                &s,
                None,
            ),
        ];
        for (text, ty, want) in cases {
            assert_eq!(read(text, ty).0.default, want, "{text}");
        }
        // One-sided bounds join the range statements.
        let got = c(
            "Offset, which specifies the start position of the record to be returned. The value must be a number no less than 0. The default value is 0.",
            &INT,
        );
        assert_eq!(
            (got.minimum, got.maximum, got.default),
            (Some(0), None, Some(json!(0)))
        );
        let got = c(
            "Definition\nSize of a single page.\nConstraints\nN/A\nRange\nGreater than 0\nDefault Value\n10",
            &INT,
        );
        assert_eq!((got.minimum, got.default), (Some(1), Some(json!(10))));
        let got = c(
            "Number of records to be queried. The default value is 100. The value cannot be a negative number. The minimum value is 1 and the maximum value is 100.",
            &INT,
        );
        assert_eq!(
            (got.minimum, got.maximum, got.default),
            (Some(1), Some(100), Some(json!(100)))
        );
        assert_eq!(c("at least 8 characters", &s).min_length, Some(8));
        let got = c(
            "Number of SQL statements that can be executed at the same time. If the value is less than or equal to 0, the number is not limited. The default value is 0. The value range is from -1 to 50000.",
            &INT,
        );
        assert_eq!(
            (got.minimum, got.maximum, got.default),
            (Some(-1), Some(50000), Some(json!(0)))
        );
        // Chinese.
        let got = c("磁盘总线类型 。\n取值范围：virtio、scsi", &s);
        assert_eq!(got.values, [json!("virtio"), json!("scsi")]);
        let got = c(
            "页码，当前页面数，默认为0。 取值大于等于0，取值为0时返回第1页。",
            &INT,
        );
        assert_eq!((got.minimum, got.default), (Some(0), Some(json!(0))));
        // A list sentence naming part of a longer list defers to the list.
        let got = c(
            "Status. The value can be CREATING or FAILED.\nValues:\n- CREATING: creating\n- FAILED: failed\n- DONE: done",
            &s,
        );
        assert_eq!(got.values.len(), 3);
        // Array item counts.
        let arr = TypeRef::Array {
            items: Box::new(TypeRef::String),
        };
        let got = c(
            "Node information list.\nThe list can include at least one node.\nThe list can include a maximum of 32 nodes.",
            &arr,
        );
        assert_eq!((got.min_items, got.max_items), (Some(1), Some(32)));
    }

    #[test]
    fn skipped_sentence_forms_are_no_constraint() {
        for (text, ty) in [
            ("Value range: -1 or greater than 0.", INT),
            (
                "If the instance is a cluster, the value can be 4 or 8.",
                TypeRef::String,
            ),
            (
                "Compute resource type. Currently, the value can be A, B, or C. If the compute resource type is customized, value CUSTOMIZED is returned.",
                TypeRef::String,
            ),
            ("The default value is 5 GB for EVS and 50 GB for EFS.", INT),
            (
                "The value can be icmp, tcp, udp, or the IP protocol number.",
                TypeRef::String,
            ),
            (
                "Each route table can have a maximum of 200 routes.",
                TypeRef::Array {
                    items: Box::new(TypeRef::String),
                },
            ),
        ] {
            let (got, _) = read(text, &ty);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }
}
