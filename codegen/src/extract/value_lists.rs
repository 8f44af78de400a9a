//! Value sets stated inside a sentence rather than as a list of items:
//! `The value can be A, B, or C.`, `The value can only be vpc.`,
//! `Rule action: 0 (permit), 1 (deny).`, `Value options: a, b, or c`,
//! `取值为“Single”、“Ha”或“Replica”`. Each value may carry a meaning in
//! parentheses (`migration (real-time migration)`), kept per value.
//!
//! A sentence is read only when it is the whole statement: every item is one
//! token (a wire value cannot hold a space), the list ends the sentence, and
//! nothing limits it to a case (`If …`, `For …`) or hedges it (`Currently`,
//! `generally`, `for example`, `etc.`). Anything else is not a value set.

use super::patterns::re;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A value set read from one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ValueList {
    pub values: Vec<String>,
    /// Meaning per value, from `value (meaning)`.
    pub meanings: BTreeMap<String, String>,
    /// The value marked `(default)`, if one is.
    pub default: Option<String>,
    /// Where the statement is in the text.
    pub span: Range<usize>,
}

/// The lead-in of an inline value list; the list starts at the match's end.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?:\b(?:(?:the|its|this) )?(?:parameter )?values?(?: of this (?:parameter|field))?[^\S\n]+",
        r"(?:can|must)(?: only)? be(?: set to)?(?: one of(?: the following)?| either)?[:：]?[^\S\n]+",
        r"|\b(?:possible|valid|supported|available|allowed) values? (?:are|is)[:：]?[^\S\n]+",
        r"|\bthe value is (?:one of|either)[^\S\n]+",
        r"|\b(?:value )?options?[:：][^\S\n]*|\bthe options are[:：]?[^\S\n]+",
        r"|(?:^|[.。][^\S\n]*)values?[:：][^\S\n]*",
        r"|(?:取值为|取值范围[:：]|可选值[有为:：]|枚举值[:：]|取值[:：])[^\S\n]*)"
    ))
});
/// `can only be X`: a single value is a statement too.
static ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:value|parameter) (?:can|must) only be(?: set to)?[^\S\n]+|只能(?:取值)?为")
});
/// A coded list after a label: `Rule action: 0 (permit), 1 (deny).`
static CODED_LEAD: LazyLock<Regex> = LazyLock::new(|| re(r"[:：][^\S\n]*(-?\d+[^\S\n]*[(（])"));
/// One value, optionally quoted: `UTC-12:00`, `application/json`, `v1.1`, `-1`.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r#"^[“"‘'`]?([A-Za-z0-9_\-+#*@/]+(?:[.:][A-Za-z0-9_\-+#*@/]+)*)[”"’'`]?"#,
        r"(?:[^\S\n]*[(（]([^()（）\n]{1,120})[)）])?"
    ))
});
/// Between two values. The `or`/`and` forms announce the last one.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(,|，)?[^\S\n]*\b(or|and)\b[^\S\n]+|[^\S\n]*(或者|或|和|以及)[^\S\n]*|(,|，|、)[^\S\n]*)",
    )
});
/// What may follow the last value: the end of the sentence or line, or a
/// clause that starts afresh (`, and the default value is X`).
static END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[^\S\n]*$|[^\S\n]*\n|[.;。；](?:\s|$)|[,，][^\S\n]*(?:and the default|which |the default|分别|默认)|。|；)",
    )
});
/// Words that follow `can be` without being values.
const NOT_VALUES: &[&str] = &[
    "a",
    "an",
    "the",
    "empty",
    "blank",
    "left",
    "set",
    "used",
    "changed",
    "modified",
    "specified",
    "omitted",
    "obtained",
    "either",
    "both",
    "one",
    "customized",
    "configured",
    "queried",
    "returned",
    "found",
    "up",
    "to",
    "in",
    "of",
    "as",
    "from",
    "between",
    "greater",
    "less",
    "more",
    "at",
    "not",
    "only",
    "same",
];
/// A clause that limits or hedges what follows.
static HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:if|when|for|unless|currently|generally|usually|typically|such as|e\.g|",
        r"for example|including|include|includes|etc|otherwise|common|commonly|recommended|",
        r"typical|example)\b|如果|若|当(?:[^前]|$)|对于|针对|时[，,]|",
        r"一般|通常|例如|如：|比如|目前|等(?:[^于级待]|$)"
    ))
});

/// The one inline value set the text states; `None` when it states none or
/// several that disagree.
pub(super) fn inline(text: &str) -> Option<ValueList> {
    let mut found: Vec<ValueList> = Vec::new();
    for m in LEAD.find_iter(text) {
        found.extend(statement(text, m.start(), m.end(), 2));
    }
    for m in ONLY.find_iter(text) {
        found.extend(statement(text, m.start(), m.end(), 1));
    }
    for m in CODED_LEAD.captures_iter(text) {
        let (Some(all), Some(list)) = (m.get(0), m.get(1)) else {
            continue;
        };
        found.extend(
            statement(text, all.start(), list.start(), 2)
                .filter(|l| l.meanings.len() == l.values.len()),
        );
    }
    agree(found)
}

/// The first list if every list states the same values.
fn agree(mut found: Vec<ValueList>) -> Option<ValueList> {
    let first = found.first()?;
    if found.iter().any(|l| {
        let mut a = l.values.clone();
        let mut b = first.values.clone();
        a.sort();
        b.sort();
        a != b
    }) {
        return None;
    }
    Some(found.swap_remove(0))
}

/// The list starting at `at`, led in from `lead`; at least `min` values.
fn statement(text: &str, lead: usize, at: usize, min: usize) -> Option<ValueList> {
    if hedged(text, lead) {
        return None;
    }
    let mut list = ValueList {
        values: Vec::new(),
        meanings: BTreeMap::new(),
        default: None,
        span: lead..at,
    };
    let mut pos = at;
    let mut last = false;
    loop {
        let rest = &text[pos..];
        let m = TOKEN.captures(rest)?;
        let value = m.get(1)?.as_str();
        if NOT_VALUES.contains(&value.to_ascii_lowercase().as_str()) {
            return None;
        }
        if let Some(meaning) = m.get(2).map(|g| g.as_str().trim()) {
            if meaning.eq_ignore_ascii_case("default") || meaning == "默认" {
                list.default = Some(value.to_string());
            } else {
                list.meanings.insert(value.to_string(), meaning.to_string());
            }
        }
        if !list.values.iter().any(|v| v == value) {
            list.values.push(value.to_string());
        }
        pos += m.get(0)?.end();
        let rest = &text[pos..];
        if last || END.is_match(rest) {
            if !END.is_match(rest) {
                return None;
            }
            break;
        }
        let sep = SEPARATOR.captures(rest)?;
        last = sep.get(2).is_some() || sep.get(3).is_some();
        pos += sep.get(0)?.end();
    }
    list.span.end = pos;
    (list.values.len() >= min).then_some(list)
}

/// Whether the clause before `at`, or the sentence around it, limits or hedges it.
fn hedged(text: &str, at: usize) -> bool {
    let (start, end) = sentence_around(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    HEDGE.is_match(&text[start..end]) || CASE_ITEM.is_match(&text[line_start..at])
}

/// A list item naming a case before a colon: `  - ${mrs_scale_type}: Scaling type. The value can be …`.
static CASE_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^[^\S\n]*- [^\n]*[:：]"));

/// The clause start before `at` and the sentence end after it (byte offsets
/// on character boundaries).
pub(super) fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '\n' | '。' | ';' | '；') || (c == '.' && before[i + 1..].starts_with(' '))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = &text[at..];
    let end = after
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '\n' | '。' | ';' | '；') || (c == '.' && after[i + 1..].starts_with(' '))
        })
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<String>> {
        inline(text).map(|l| l.values)
    }

    fn v(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn value_can_be() {
        // Verbatim corpus sentences (OTC).
        let cases = [
            (
                "Rule application type. Its value can be HTTP, HTTPS, TLS1, DNS, SSH, MYSQL, SMTP, RDP, RDPS, VNC, POP3, IMAP4, SMTPS, POP3S, FTPS, ANY, or BGP.",
                v(&[
                    "HTTP", "HTTPS", "TLS1", "DNS", "SSH", "MYSQL", "SMTP", "RDP", "RDPS", "VNC",
                    "POP3", "IMAP4", "SMTPS", "POP3S", "FTPS", "ANY", "BGP",
                ]),
            ),
            (
                "The resource type. The value can be volumes, snapshots, or backups.",
                v(&["volumes", "snapshots", "backups"]),
            ),
            (
                "Matching rule. The value can be label or regexp.",
                v(&["label", "regexp"]),
            ),
            (
                "Unit of a period. This field is used when type is set to FIXED_RATE. It is used together with fixed_rate to indicate a fixed period.\nThe value can be hour or minute.",
                v(&["hour", "minute"]),
            ),
            (
                "Specifies the type of the IP address. The value can be 4 or 6.\n- 4: The type of the IP address is IPv4.\n- 6: The type of the IP address is IPv6.",
                v(&["4", "6"]),
            ),
            (
                "Sorts by attribute. Possible values are name, status, container_format, disk_format, size, id, created_at, and updated_at. The default value is created_at.",
                v(&[
                    "name",
                    "status",
                    "container_format",
                    "disk_format",
                    "size",
                    "id",
                    "created_at",
                    "updated_at",
                ]),
            ),
            (
                "Repository link protocol. The options are ssh and https.",
                v(&["ssh", "https"]),
            ),
            (
                "Specifies the type of the returned page.\nThe options are application/json, text/html, and text/xml.",
                v(&["application/json", "text/html", "text/xml"]),
            ),
            (
                "The operation to perform. The value can be create or delete.\ndelete: deletes tags.",
                v(&["create", "delete"]),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(values(text), want, "{text}");
        }
    }

    #[test]
    fn meanings_and_codes() {
        let l = inline("The usage type. The value can be migration (real-time migration), sync (real-time synchronization), or cloudDataGuard (real-time DR).").unwrap();
        assert_eq!(l.values, ["migration", "sync", "cloudDataGuard"]);
        assert_eq!(l.meanings["sync"], "real-time synchronization");
        let l = inline("Rule action: 0 (permit), 1 (deny).").unwrap();
        assert_eq!(l.values, ["0", "1"]);
        assert_eq!(l.meanings["1"], "deny");
        let l = inline("Protocol type: 6 (TCP), 17 (UDP), 1 (ICMP), 58 (ICMPv6), or -1 (any).")
            .unwrap();
        assert_eq!(l.values, ["6", "17", "1", "58", "-1"]);
        assert_eq!(l.meanings["-1"], "any");
    }

    #[test]
    fn only_and_chinese() {
        assert_eq!(values("The value can only be vpc."), v(&["vpc"]));
        assert_eq!(
            values(
                "实例类型，取值为“Single”，“Ha”或“Replica”，分别对应于单机实例、主备实例、只读实例。"
            ),
            v(&["Single", "Ha", "Replica"])
        );
        assert_eq!(
            values("磁盘总线类型 。\n取值范围：virtio、scsi"),
            v(&["virtio", "scsi"])
        );
        assert_eq!(
            values(
                "节点类型，取值为“master”、“slave”或“readreplica”，分别对应于主节点、备节点和只读节点。"
            ),
            v(&["master", "slave", "readreplica"])
        );
    }

    #[test]
    fn default_marker() {
        let l = inline("The value can be no (default) or yes.").unwrap();
        assert_eq!(l.values, ["no", "yes"]);
        assert_eq!(l.default.as_deref(), Some("no"));
    }

    #[test]
    fn skipped_forms_are_no_value_set() {
        let cases = [
            // Not every item is a value.
            "Specifies the protocol type or the IP protocol number. The value can be icmp, tcp, udp, or the IP protocol number.",
            "功能说明：协议类型\n取值范围：icmp、tcp、udp、icmpv6或IP协议号",
            "The value can be -1 or ranges from 0 to 99999.",
            // Hedged.
            "Compute resource type. Currently, the value can be A, B, or C. If the compute resource type is customized, value CUSTOMIZED is returned.",
            "操作系统位数，一般取值为32或者64。",
            // Conditional.
            "If the instance is a cluster, the value can be 4 or 8.",
            // Prose after `can be`.
            "The value can be left blank or set to 0.",
            "The value can be obtained from the console.",
            // A nested item about another parameter.
            "- The following predefined system parameters can be transferred:\n  - ${mrs_scale_type}: Scaling type. The value can be scale_out or scale_in.",
            // Values that are only common, not the only ones.
            "Number of resources on each page\nThe value ranges from 0 to 500.\nCommonly used values are 10, 20, and 50. The default value is 500.",
            "The maximum number of records return on each page\nValue range: 1-100\nCommon values: 10, 20, and 50\nDefault value: 100",
            // Two statements that disagree.
            "The value can be a1 or b1. The value can be c1 or d1.",
            // A single value needs `only`.
            "The value can be vpc.",
            // A coded list needs a meaning for every code.
            "Status: 0 (disabled), 1.",
            // The list does not end the sentence.
            "The value can be hour or minute in most regions.",
        ];
        for text in cases {
            assert_eq!(values(text), None, "{text}");
        }
    }
}
