use super::*;

#[test]
fn rendering() {
    let cases: &[(&str, &[&str])] = &[
        ("plain", &["plain"]),
        ("see [Table 3]", &["see \\[Table 3\\]"]),
        ("Value <name> here", &["Value \\<name\\> here"]),
        (
            "See https://docs.otc.t-systems.com/api.html.",
            &["See `https://docs.otc.t-systems.com/api.html`."],
        ),
        ("(http://x.y/a)", &["(`http://x.y/a`)"]),
        ("  indented", &["indented"]),
        ("# not a heading", &["\\# not a heading"]),
        ("a\n\n\n\nb\n\n", &["a", "", "b"]),
        ("- item\n  continued", &["- item", "  continued"]),
        // A note after a list is not merged into its last item.
        ("- item\nNote", &["- item", "", "Note"]),
        (
            "-  **A**: a\n-  **B**: b",
            &["- \\*\\*A\\*\\*: a", "- \\*\\*B\\*\\*: b"],
        ),
        (
            "1. one\n   more\n\nafter",
            &["1. one", "   more", "", "after"],
        ),
        ("Values:\n3) three", &["Values:", "", "3. three"]),
        (
            "- a\n  - nested\n    - deeper",
            &["- a", "  - nested", "  - deeper"],
        ),
        ("```\nfn x() {}\n```", &["```text", "fn x() {}", "```"]),
        ("```json\n{\"a\": [1]}", &["```text", "{\"a\": [1]}", "```"]),
        ("---", &["\\-\\-\\-"]),
        ("tab\there", &["tab here"]),
        ("rtl\u{202E}text\u{2066}", &["rtltext"]),
        ("中文描述。", &["中文描述。"]),
        (
            "use `a[0] <b>` or [c]",
            &["use \\`a\\[0\\] \\<b\\>\\` or \\[c\\]"],
        ),
        (
            "cannot contain !<>'&\"\\",
            &["cannot contain !\\<\\>\\'\\&\\\"\\\\"],
        ),
        (
            "project_id and _x_ and a--b...",
            &["project_id and \\_x\\_ and a\\-\\-b\\.\\.\\."],
        ),
        ("2. item", &["2. item"]),
        ("drs_03__request_x (_)", &["drs_03__request_x (\\_)"]),
        ("Year 2019. Next", &["Year 2019. Next"]),
        ("2019.", &["2019\\."]),
        ("+ plus\n= eq", &["- plus", "", "\\= eq"]),
    ];
    for (input, want) in cases {
        assert_eq!(render_lines(input), *want, "render_lines({input:?})");
        assert_eq!(check_inert(&render_lines(input)), Ok(()), "{input:?}");
    }
}

/// Every way the docs could smuggle code, HTML or a link into rustdoc, alone
/// and inside list items and paragraphs: the rendered lines must be inert.
#[test]
fn hostile_markup_is_inert() {
    let payloads = [
        "```\nstd::process::abort();\n```",
        "~~~\nstd::process::abort();\n~~~",
        "````\nstd::process::abort();\n````",
        "```should_panic\npanic!()\n```",
        "```edition2021\nstd::process::abort();\n```",
        "```text,rust\nstd::process::abort();\n```",
        "```rust\n```\nstd::process::abort();\n```",
        "~~~~rust\n```\nabort();\n~~~~",
        "    std::process::abort();",
        "\tstd::process::abort();",
        "<p>~~~</p>\nstd::process::abort();\n<p>~~~</p>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "`<img src=x onerror=alert(1)>``",
        "``a`<b onclick=x>`` <i>",
        "&lt;script&gt; &#60;b&#62;",
        "[std::process::exit]",
        "[x](javascript:alert(1))",
        "![i](http://e/x.png)",
        "[a]: http://evil/\n[a]",
        "<https://evil.example/>",
        "[^1]\n\n[^1]: note",
        "| a | b |\n|---|---|\n| c | d |",
        "# heading\nText\n===\n---",
        "- [ ] task",
        "> quote",
        "'single' \"double\" -- --- ...",
        "*emph* _emph_ **strong** __strong__ ~~strike~~",
        "\\`not code\\`",
        "1. one\n2. two\n```\nabort();\n```",
        "- item\n  ```\n  abort();\n  ```",
        "https://a.example/`</code><script>",
    ];
    for payload in payloads {
        for text in [
            payload.to_owned(),
            format!("Intro.\n{payload}\nAfter."),
            format!("- item\n{payload}"),
            format!("- item\n  {}", payload.replace('\n', "\n  ")),
        ] {
            let lines = render_lines(&text);
            assert_eq!(check_inert(&lines), Ok(()), "{text:?} → {lines:?}");
        }
    }
}

#[test]
fn code_spans_cannot_be_closed_by_their_text() {
    for text in ["plain", "a`b", "``x``", "`lead", "trail`", "a\nb", " ", ""] {
        let span = code(text);
        let lines = vec![format!("before {span} after")];
        assert_eq!(check_inert(&lines), Ok(()), "{text:?} → {span}");
        // Exactly one code span, holding the text (line breaks as spaces).
        let parser = pulldown_cmark::Parser::new(&lines[0]);
        let spans: Vec<String> = parser
            .filter_map(|e| match e {
                pulldown_cmark::Event::Code(c) => Some(c.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(spans.len(), 1, "{text:?} → {span}");
        if !text.trim().is_empty() {
            assert_eq!(spans[0], text.replace('\n', " "), "{text:?} → {span}");
        }
    }
}

/// The checker itself rejects what it is meant to catch.
#[test]
fn inertness_check_catches_markup() {
    for bad in [
        "```\ncode\n```",
        "    indented code",
        "<b>x</b>",
        "[std::process::exit]",
        "# h",
        "'quoted'",
        "| a |\n|---|",
    ] {
        assert!(check_inert(&[bad.to_owned()]).is_err(), "{bad:?}");
    }
}
