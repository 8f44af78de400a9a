//! The labelled-list layout of newer VPC/ECS/CCE pages:
//!
//! ```text
//! - Definition: Name of a security group.
//! - Constraints: The value can contain no more than 255 characters.
//! - Range:
//!   - PORT (Instance type, including ECS, BMS, and CCE)
//!   - NATGW (NAT gateway type)
//! - Default Value: None
//! ```
//!
//! Read as it stands, every line is a list item naming a case before a colon
//! (`- mongos: The value ranges from 2 to 32.`), which constraint reading
//! rightly skips. When the description's top-level items are such labels,
//! each becomes a plain line (`Range:`) and its sub-items top-level items, the
//! layout the older pages use (`Range` / `1280 to 8888`), so the same
//! statements are read the same way.

use std::borrow::Cow;

/// Labels of the layout, lower-case.
const LABELS: &[&str] = &[
    "definition",
    "constraints",
    "constraint",
    "range",
    "value range",
    "default value",
    "default",
    "values",
    "value",
];

/// `- Range: …` → `Range: …` when the label is one of [`LABELS`].
fn label_line(line: &str) -> Option<&str> {
    let item = line.strip_prefix("- ")?;
    let (label, _) = item.split_once(':')?;
    LABELS
        .contains(&label.trim().to_ascii_lowercase().as_str())
        .then_some(item)
}

/// The description with the labelled layout flattened; unchanged (borrowed)
/// when it does not use the layout: at least two top-level items, every one a label.
pub(super) fn flatten(text: &str) -> Cow<'_, str> {
    let top: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
    if top.len() < 2 || !top.iter().all(|l| label_line(l).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        if let Some(item) = label_line(line) {
            out.push_str(item);
        } else if let Some(inner) = line.strip_prefix("  ") {
            out.push_str(inner);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_the_labelled_layout() {
        let text = "- Definition: Type of the instance with an EIP bound.\n- Range:\n  - PORT (Instance type, including ECS, BMS, and CCE)\n  - NATGW (NAT gateway type)";
        assert_eq!(
            flatten(text),
            "Definition: Type of the instance with an EIP bound.\nRange:\n- PORT (Instance type, including ECS, BMS, and CCE)\n- NATGW (NAT gateway type)"
        );
    }

    #[test]
    fn leaves_other_lists_alone() {
        for text in [
            "- mongos: The value ranges from 2 to 32.\n- config: The value is 1.",
            "- Definition: Request ID.",
            "- Definition: x\n- Must be a decimal integer.",
        ] {
            assert!(matches!(flatten(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
