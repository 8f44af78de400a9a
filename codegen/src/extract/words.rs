//! Case and white-space normalisation shared by the readers of header and
//! Type cells, which run for every table and every row.

use std::borrow::Cow;

/// `text` lower-cased, its words joined by single spaces: one allocation
/// when it is ASCII (the usual case).
/// `text` cut to at most `max` characters (with `…`), for messages quoting
/// a cell: a hostile cell can be megabytes long.
pub(super) fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

pub(super) fn lower_words(text: &str) -> String {
    let lower = if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    };
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::lower_words;

    #[test]
    fn lower_cases_and_joins_words() {
        for (text, want) in [
            ("  Parameter   Type ", "parameter type"),
            ("Data\tType\n", "data type"),
            ("参数 类型", "参数 类型"),
            ("ÄRRAY  Of", "ärray of"),
            ("a\u{b}b", "a b"),
            ("", ""),
        ] {
            assert_eq!(lower_words(text), want, "{text:?}");
        }
    }
}
