//! Unit tests of the Markdown reader, mostly of the HTML table reader on
//! nasty fragments.

use super::*;
use crate::doc::{Inline, Table, TableForm, blocks_plain, plain_text};

fn read(text: &str) -> (Document, Diagnostics) {
    let mut d = Diagnostics::default();
    let doc = parse("t.md", text, &mut d);
    (doc, d)
}

/// The tables of a document in order (top level, sections, list items, quotes).
fn tables(blocks: &[Block]) -> Vec<(u32, Vec<String>, Table)> {
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Table(t) => out.push((b.line, b.labels.clone(), t.clone())),
            _ => out.extend(tables(&b.children().cloned().collect::<Vec<_>>())),
        }
    }
    out
}

fn only_table(text: &str) -> Table {
    let (doc, _) = read(text);
    let mut all = tables(&doc.blocks);
    assert_eq!(all.len(), 1, "one table in {text:?}");
    all.remove(0).2
}

fn grid(t: &Table) -> Vec<Vec<String>> {
    t.header
        .iter()
        .chain(&t.rows)
        .map(|r| r.cells.iter().map(|c| c.plain().into_owned()).collect())
        .collect()
}

#[test]
fn unclosed_tags_recover() {
    let (doc, d) = read("<table><tr><td><p>a<td>b\n<tr><td>c");
    let t = &tables(&doc.blocks)[0].2;
    assert_eq!(grid(t), [vec!["a", "b"], vec!["c", ""]]);
    assert!(d.items.iter().any(|x| x.code == "md-html-unclosed-table"));
    assert!(d.items.iter().any(|x| x.code == "md-html-row-width"));
}

#[test]
fn nested_tables_stay_in_their_cell() {
    let t = only_table(
        "<table><thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody><tr><td>x</td><td>\n<table><tr><td>in</td></tr><tr><td>ner</td></tr></table>\n</td></tr></tbody></table>",
    );
    assert_eq!(t.rows.len(), 1);
    let cell = &t.rows[0].cells[1];
    assert_eq!(cell.line, 2);
    let BlockKind::Table(inner) = &cell.blocks[0].kind else {
        panic!("nested table expected")
    };
    assert_eq!(cell.blocks[0].line, 3);
    assert_eq!(grid(inner), [vec!["in"], vec!["ner"]]);
}

#[test]
fn empty_cells_have_no_blocks() {
    let t = only_table(
        "<table><thead><tr><th>a</th><th></th></tr></thead><tbody><tr><td></td><td> </td></tr></tbody></table>",
    );
    assert!(t.rows[0].cells.iter().all(|c| c.blocks.is_empty()));
    assert!(t.header[0].cells[1].blocks.is_empty());
}

#[test]
fn rowspan_and_colspan_fill_a_rectangle() {
    let t = only_table(
        "<table><thead><tr><th>a</th><th colspan=\"2\">b</th></tr></thead>\n<tbody><tr><td rowspan=\"3\">r</td><td>1</td><td>2</td></tr>\n<tr><td colspan=2 rowspan=2>w</td></tr>\n<tr></tr>\n<tr><td>x</td></tr></tbody></table>",
    );
    assert_eq!(
        grid(&t),
        [
            vec!["a", "b", "b"],
            vec!["r", "1", "2"],
            vec!["r", "w", "w"],
            vec!["r", "w", "w"],
            vec!["x", "", ""],
        ]
    );
    assert_eq!(t.rows[2].line, 4);
}

#[test]
fn rowspan_past_the_end_is_clamped() {
    let t =
        only_table("<table><tr><th>a</th></tr><tr><td rowspan=\"99999999\">x</td></tr></table>");
    assert_eq!(grid(&t), [vec!["a"], vec!["x"]]);
}

#[test]
fn missing_thead_makes_first_row_header() {
    let t = only_table(
        "<table>\n<tr><td>h1</td><td>h2</td></tr>\n<tr><td>v1</td><td>v2</td></tr>\n</table>",
    );
    assert_eq!(t.form, TableForm::Html);
    assert_eq!(t.header.len(), 1);
    assert_eq!(t.header[0].line, 2);
    assert_eq!(t.rows[0].line, 3);
    assert_eq!(t.rows[0].cells[1].line, 3);
}

#[test]
fn entities_are_decoded() {
    let t = only_table(
        "<table><tr><th>a</th></tr><tr><td><p>&lt;x&gt;&nbsp;&amp;&#20013;&quot;</p></td></tr></table>",
    );
    assert_eq!(t.rows[0].cells[0].plain(), "<x> &中\"");
}

#[test]
fn html_links_are_refs_like_markdown_links() {
    let t = only_table(
        "<table><tr><th>a</th></tr><tr><td><p>Array of <a href=\"#request_X\">X</a> objects, <a href=\"p.md#t1\">表2</a>, <a href=\"p.md\">p</a>, <a href=\"https://e.com/x\">web</a></p></td></tr></table>",
    );
    let BlockKind::Paragraph { text } = &t.rows[0].cells[0].blocks[0].kind else {
        panic!("paragraph")
    };
    let r = |target: &str, text: &str| Inline::Ref {
        target: target.into(),
        text: Some(text.into()),
    };
    assert_eq!(
        text[0],
        Inline::Text {
            text: "Array of ".into()
        }
    );
    assert_eq!(text[1], r("request_X", "X"));
    assert_eq!(text[3], r("p.md#t1", "表2"));
    assert_eq!(text[5], r("p.md", "p"));
    assert_eq!(
        text[7],
        Inline::Link {
            url: "https://e.com/x".into(),
            text: "web".into()
        }
    );
}

#[test]
fn notes_and_lists_in_cells() {
    let t = only_table(
        "<table><tr><th>a</th></tr><tr><td><p>intro</p><ul><li><strong>on</strong>：yes</li><li>off</li></ul><ol><li>one</li></ol><div class=\"notice\"><span class=\"notetitle\"> 须知： </span><div class=\"notebody\"><p>careful</p></div></div><pre class=\"screen\">a\n  b</pre></td></tr></table>",
    );
    let kinds: Vec<&BlockKind> = t.rows[0].cells[0].blocks.iter().map(|b| &b.kind).collect();
    assert!(matches!(kinds[0], BlockKind::Paragraph { .. }));
    let BlockKind::List {
        ordered: false,
        items,
    } = kinds[1]
    else {
        panic!("ul")
    };
    let BlockKind::Paragraph { text } = &items[0].blocks[0].kind else {
        panic!("li paragraph")
    };
    assert_eq!(text[0], Inline::Strong { text: "on".into() });
    assert!(matches!(kinds[2], BlockKind::List { ordered: true, .. }));
    let BlockKind::Admonition { kind, blocks } = kinds[3] else {
        panic!("note")
    };
    assert_eq!(kind, "notice");
    assert_eq!(blocks_plain(blocks), "careful");
    assert_eq!(
        kinds[4],
        &BlockKind::Code {
            language: None,
            text: "a\n  b".into()
        }
    );
}

#[test]
fn crlf_and_mixed_endings_keep_lines() {
    let text = "# T<a name=\"t1\"></a>\r\n\r\n**表 1**  参数\r\n\r\n<a name=\"table1\"></a>\r\n<table><thead><tr><th>a</th>\n</tr></thead>\r<tbody><tr><td>x</td>\r\n</tr></tbody></table>\r\n";
    let (doc, _) = read(text);
    assert_eq!(doc.original_name.as_deref(), Some("t1"));
    let (line, labels, t) = tables(&doc.blocks).remove(0);
    assert_eq!(line, 6);
    assert_eq!(labels, ["table1"]);
    let cap = t.caption.expect("caption bound");
    assert_eq!(cap.number.as_deref(), Some("1"));
    assert_eq!(plain_text(&cap.text), "参数");
    assert_eq!(t.rows[0].line, 8);
}

#[test]
fn headings_nest_and_lose_bold_and_anchors() {
    let (doc, _) =
        read("# A<a name=\"a\"></a>\n\n## **URI**<a name=\"s\"></a>\n\nx\n\n### c\n\ny\n\n## d\n");
    let BlockKind::Section { blocks, .. } = &doc.blocks[0].kind else {
        panic!("section")
    };
    assert_eq!(blocks.len(), 2);
    let BlockKind::Section {
        title,
        blocks: inner,
        ..
    } = &blocks[0].kind
    else {
        panic!("h2")
    };
    assert_eq!(title, &vec![Inline::Text { text: "URI".into() }]);
    assert_eq!(blocks[0].labels, ["s"]);
    assert_eq!(inner.len(), 2);
}

#[test]
fn markdown_inlines_and_links() {
    let (doc, _) = read(
        "a **b** *c* _d_ `e` \\{project\\_id\\} [表3](#table3) [x](o.md#y) [p](数据结构(创建).md) [w](https://e.com) ![](i.png)<a name=\"z\"></a>\n",
    );
    let BlockKind::Paragraph { text } = &doc.blocks[0].kind else {
        panic!("paragraph")
    };
    assert_eq!(doc.blocks[0].labels, ["z"]);
    assert_eq!(text[1], Inline::Strong { text: "b".into() });
    assert_eq!(text[3], Inline::Emphasis { text: "c".into() });
    assert_eq!(text[7], Inline::Literal { text: "e".into() });
    assert_eq!(
        text[8],
        Inline::Text {
            text: " {project_id} ".into()
        }
    );
    let refs: Vec<&Inline> = text
        .iter()
        .filter(|i| matches!(i, Inline::Ref { .. }))
        .collect();
    assert_eq!(
        refs,
        [
            &Inline::Ref {
                target: "table3".into(),
                text: Some("表3".into())
            },
            &Inline::Ref {
                target: "o.md#y".into(),
                text: Some("x".into())
            },
            &Inline::Ref {
                target: "数据结构(创建).md".into(),
                text: Some("p".into())
            },
        ]
    );
}

#[test]
fn note_blockquote_is_admonition_other_is_quote() {
    let (doc, _) =
        read(">![](public_sys-resources/icon-note.gif) **说明：** \n>text here\n\n> plain quote\n");
    let BlockKind::Admonition { kind, blocks } = &doc.blocks[0].kind else {
        panic!("admonition")
    };
    assert_eq!(kind, "note");
    assert_eq!(blocks_plain(blocks), "text here");
    assert!(matches!(doc.blocks[1].kind, BlockKind::Quote { .. }));
}

#[test]
fn pipe_rows_are_fitted_to_the_header() {
    let (doc, d) = read("|a|b|\n|--|--|\n|1|2|3|4|\n|x|\n");
    let t = &tables(&doc.blocks)[0].2;
    assert_eq!(t.form, TableForm::Pipe);
    assert_eq!(grid(t), [vec!["a", "b"], vec!["1", "2|3|4"], vec!["x", ""]]);
    let codes: Vec<u32> = d
        .items
        .iter()
        .filter(|x| x.code == "md-pipe-row-width")
        .map(|x| x.line)
        .collect();
    assert_eq!(codes, [3, 4]);
}

#[test]
fn list_items_hold_uri_lines_tables_and_code() {
    let text = "-   URI格式\n\n    POST /v2/x\n\n-   参数说明\n\n    **表 1**  参数\n\n    |a|b|\n    |--|--|\n    |1|2|\n\n-   样例\n\n        indented code\n\n    ```json\n    {\"a\":\t1}\n    ```\n";
    let (doc, _) = read(text);
    let BlockKind::List { items, .. } = &doc.blocks[0].kind else {
        panic!("list")
    };
    assert_eq!(blocks_plain(&items[0].blocks), "URI格式\nPOST /v2/x");
    let BlockKind::Table(t) = &items[1].blocks[1].kind else {
        panic!("table in item")
    };
    assert!(t.caption.is_some());
    assert_eq!(items[1].blocks[1].line, 9);
    assert!(
        matches!(&items[2].blocks[1].kind, BlockKind::Code { language: None, text } if text == "indented code")
    );
    assert!(
        matches!(&items[2].blocks[2].kind, BlockKind::Code { language: Some(l), text } if l == "json" && text.contains('\t'))
    );
}

#[test]
fn never_panics_on_garbage() {
    let inputs = [
        "",
        "\r\r\n",
        "<table",
        "<table>",
        "<table><tr><td rowspan=-1 colspan=0>",
        "<table><tbody><td>x</table></table>",
        "|",
        "|a|\n|-|\n|",
        ">",
        "> ![](icon-note.gif)",
        "**表 1**",
        "**表 1**  x\n\n<a name=\"a\"></a>",
        "<a name=x>",
        "<a href=>y</a>",
        "<a href=\"#x\">",
        "</a></a>",
        "# <a name=\"\"></a>",
        "[x](",
        "- - - - -",
        "<div class=\"note\"><table><tr><td>",
        "<pre>",
        "```\n\t",
    ];
    for input in inputs {
        let _ = read(input);
    }
    let deep: String = (0..300)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let _ = read(&deep);
    let quotes = ">".repeat(5000);
    let _ = read(&quotes);
    let html = format!("<table><tr><td>{}</td></tr></table>", "<div>".repeat(3000));
    let _ = read(&html);
}

/// Big tables parse completely (speed itself is measured by `cargo bench`, not here).
#[test]
fn big_tables_parse_completely() {
    let row = "<tr><td><p>name</p></td><td><p>String</p></td><td><p>desc <a href=\"#t\">表2</a></p></td></tr>\n";
    let html = format!(
        "<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead><tbody>\n{}</tbody></table>\n",
        row.repeat(20_000)
    );
    let pipe = format!("|a|b|\n|--|--|\n{}", "|x|y|z|\n".repeat(20_000));
    let (doc, _) = read(&format!("{html}\n{pipe}"));
    assert_eq!(tables(&doc.blocks).len(), 2);
}

#[test]
fn ims_captions_bind_across_indentation() {
    // Caption inside a list item, table after the list at column 0.
    let (doc, _) = read("-   请求参数\n\n    **表 1**  a\\_b\n\n|x|y|\n|--|--|\n|1|2|\n");
    let t = &tables(&doc.blocks)[0].2;
    assert_eq!(
        plain_text(&t.caption.as_ref().expect("caption").text),
        "a_b"
    );
    // Indented caption after a table: an indented code block in CommonMark.
    let (doc, _) = read("|x|\n|--|\n|1|\n\n\n    **表 2**  c\n\n|z|\n|--|\n|3|\n");
    let all = tables(&doc.blocks);
    assert_eq!(
        all[1].2.caption.as_ref().and_then(|c| c.number.as_deref()),
        Some("2")
    );
    assert_eq!(doc.blocks.len(), 2);
    // bms: an indented note before the indented caption joins it in one code
    // block; the caption's line still captions the table, the note stays.
    let (doc, _) = read(
        "|x|\n|--|\n|1|\n\n    >**说明：** \n    >以下参数值为“-1”时，表示无数量限制。\n\n    **表 2**  absolute数据结构说明\n\n|z|\n|--|\n|3|\n",
    );
    let all = tables(&doc.blocks);
    assert_eq!(
        all[1].2.caption.as_ref().and_then(|c| c.number.as_deref()),
        Some("2")
    );
    assert!(doc.blocks.iter().any(|b| matches!(
        &b.kind,
        BlockKind::Code { text, .. } if text.contains("无数量限制") && !text.contains("表 2")
    )));
    // Without the note, a code block of several lines keeps its last line.
    let (doc, _) = read("|x|\n|--|\n|1|\n\n    a = 1\n    **表 2**  c\n\n|z|\n|--|\n|3|\n");
    assert!(tables(&doc.blocks)[1].2.caption.is_none());
}
