//! Table headers → column roles, and the Mandatory cell.
//!
//! Columns are mapped by header text, never by position: the corpus has
//! Mandatory before and after Type, Mandatory last, and extra columns.

use super::words::lower_words;

/// What a table's columns hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub name: Option<usize>,
    pub mandatory: Option<usize>,
    pub ty: Option<usize>,
    pub description: Option<usize>,
    /// `In` / `Location` / `IN`.
    pub location: Option<usize>,
    /// `Default Value`, `Constraint`, `Value Range`, … kept as description text.
    pub extra: Vec<usize>,
}

/// How a table is used, judged by its header alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableKind {
    /// Rows are parameters or fields.
    Parameters(Columns),
    /// `Status Code | Description`, `Returned Value | Description`.
    StatusCodes {
        code: usize,
        description: Option<usize>,
    },
    /// `Error Code | Error Message | …`.
    ErrorCodes,
    /// Anything else (value lists, overviews).
    Other,
}

/// Lower case, single spaces, no trailing colon.
fn norm(header: &str) -> String {
    lower_words(header.trim().trim_end_matches([':', '：']))
}

fn is_name_header(h: &str) -> bool {
    matches!(
        h,
        "parameter"
            | "parameters"
            | "name"
            | "header"
            | "element"
            | "attribute"
            | "request header"
            | "response item"
            | "field"
            | "parameter name"
            | "param"
            | "key"
            | "property"
            | "header name"
            | "body parameter"
            | "sub-parameter"
            | "参数"
            | "名称"
            | "属性"
            | "参数名称"
            | "参数名"
            | "字段"
            | "字段名"
    )
}

fn is_mandatory_header(h: &str) -> bool {
    h.starts_with("mandatory")
        || h == "required"
        || h.starts_with("是否必选")
        || h == "必选"
        || h == "是否必填"
        || h == "必填"
}

fn is_type_header(h: &str) -> bool {
    matches!(
        h,
        "type" | "data type" | "value type" | "parameter type" | "类型" | "参数类型" | "数据类型"
    )
}

fn is_description_header(h: &str) -> bool {
    h.starts_with("description")
        || matches!(
            h,
            "meaning" | "remarks" | "explanation" | "描述" | "说明" | "备注" | "含义"
        )
}

fn is_location_header(h: &str) -> bool {
    matches!(
        h,
        "in" | "location" | "parameter location" | "位置" | "参数位置"
    )
}

fn is_status_header(h: &str) -> bool {
    matches!(
        h,
        "status code"
            | "status codes"
            | "http status code"
            | "returned value"
            | "returned values"
            | "return value"
            | "return code"
            | "code"
            | "状态码"
            | "返回值"
    )
}

/// Classifies a table by its header cells.
pub fn classify(headers: &[String]) -> TableKind {
    let h: Vec<String> = headers.iter().map(|s| norm(s)).collect();
    if h.first().is_some_and(|f| is_status_header(f)) && h.len() <= 3 {
        let description = h.iter().position(|x| is_description_header(x));
        return TableKind::StatusCodes {
            code: 0,
            description,
        };
    }
    if h.first()
        .is_some_and(|f| f.starts_with("error code") || f == "错误码")
    {
        return TableKind::ErrorCodes;
    }
    let Some(name) = h.iter().position(|x| is_name_header(x)) else {
        return TableKind::Other;
    };
    let mut cols = Columns {
        name: Some(name),
        ..Columns::default()
    };
    for (i, x) in h.iter().enumerate() {
        if i == name {
            continue;
        }
        if is_mandatory_header(x) && cols.mandatory.is_none() {
            cols.mandatory = Some(i);
        } else if is_type_header(x) && cols.ty.is_none() {
            cols.ty = Some(i);
        } else if is_description_header(x) && cols.description.is_none() {
            cols.description = Some(i);
        } else if is_location_header(x) && cols.location.is_none() {
            cols.location = Some(i);
        } else {
            cols.extra.push(i);
        }
    }
    // A bare `Parameter | Description` table (value lists) is still a parameter table;
    // a lone name column with nothing else is not.
    if cols.mandatory.is_none() && cols.ty.is_none() && cols.description.is_none() {
        return TableKind::Other;
    }
    TableKind::Parameters(cols)
}

/// A parsed Mandatory cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandatory {
    pub required: bool,
    /// The condition or the unreadable text, kept for review.
    pub note: Option<String>,
    /// `No (query parameter)`.
    pub says_query: bool,
}

/// First `Yes`/`No`/`是`/`否` token is the flag; the rest is kept as a note.
/// Conditional or unreadable values are optional, with the text as the note.
pub fn parse_mandatory(text: &str) -> Mandatory {
    let t = text.trim();
    let lower = t.to_lowercase();
    let says_query = lower.contains("query parameter");
    let rest_of = |n: usize| {
        let rest = t[n..]
            .trim_start_matches(['.', '。', ',', '，', ' ', '\n'])
            .trim();
        (!rest.is_empty()).then(|| rest.to_string())
    };
    if lower.starts_with("yes") && !lower.starts_with("yes if") && !lower.starts_with("yes when") {
        return Mandatory {
            required: true,
            note: rest_of(3),
            says_query,
        };
    }
    if lower.starts_with("no") && !lower.starts_with("none") {
        return Mandatory {
            required: false,
            note: rest_of(2),
            says_query,
        };
    }
    if let Some(rest) = t.strip_prefix('是') {
        let conditional = rest.trim_start().starts_with(['（', '(']);
        return Mandatory {
            required: !conditional,
            note: rest_of(t.len() - rest.len()),
            says_query,
        };
    }
    if t.starts_with('否') {
        return Mandatory {
            required: false,
            note: rest_of('否'.len_utf8()),
            says_query,
        };
    }
    Mandatory {
        required: false,
        note: (!t.is_empty()).then(|| t.to_string()),
        says_query,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn header_orders() {
        let TableKind::Parameters(c) =
            classify(&h(&["Parameter", "Mandatory", "Type", "Description"]))
        else {
            panic!()
        };
        assert_eq!(
            (c.name, c.mandatory, c.ty, c.description),
            (Some(0), Some(1), Some(2), Some(3))
        );
        let TableKind::Parameters(c) = classify(&h(&[
            "Parameter",
            "Type",
            "Mandatory (Yes/No)",
            "Description",
        ])) else {
            panic!()
        };
        assert_eq!((c.mandatory, c.ty), (Some(2), Some(1)));
        let TableKind::Parameters(c) = classify(&h(&["Parameter", "Description", "Mandatory"]))
        else {
            panic!()
        };
        assert_eq!((c.mandatory, c.description, c.ty), (Some(2), Some(1), None));
        let TableKind::Parameters(c) = classify(&h(&["参数", "是否必选", "参数类型", "描述"]))
        else {
            panic!()
        };
        assert_eq!(
            (c.mandatory, c.ty, c.description),
            (Some(1), Some(2), Some(3))
        );
        let TableKind::Parameters(c) = classify(&h(&["Name", "IN", "Type", "Description"])) else {
            panic!()
        };
        assert_eq!(c.location, Some(1));
        assert!(matches!(
            classify(&h(&["Status Code", "Description"])),
            TableKind::StatusCodes { .. }
        ));
        assert!(matches!(
            classify(&h(&["Returned Value", "Description"])),
            TableKind::StatusCodes { .. }
        ));
        assert_eq!(
            classify(&h(&["Error Code", "Error Message", "Solution"])),
            TableKind::ErrorCodes
        );
        assert_eq!(
            classify(&h(&["Category", "Subcategory", "Description"])),
            TableKind::Other
        );
    }

    #[test]
    fn mandatory_values() {
        let cases: &[(&str, bool, Option<&str>, bool)] = &[
            ("Yes", true, None, false),
            ("No", false, None, false),
            ("yes", true, None, false),
            (
                "No (query parameter)",
                false,
                Some("(query parameter)"),
                true,
            ),
            (
                "No\nThis parameter is mandatory for AK/SK authentication.",
                false,
                Some("This parameter is mandatory for AK/SK authentication."),
                false,
            ),
            (
                "Yes if the **Days** element is absent.",
                false,
                Some("Yes if the **Days** element is absent."),
                false,
            ),
            (
                "Conditionally required",
                false,
                Some("Conditionally required"),
                false,
            ),
            ("是", true, None, false),
            ("是。", true, None, false),
            ("否", false, None, false),
            (
                "否\n使用AK/SK认证时该字段必选。",
                false,
                Some("使用AK/SK认证时该字段必选。"),
                false,
            ),
            (
                "是（如果卷快照创卷，size为可选。）",
                false,
                Some("（如果卷快照创卷，size为可选。）"),
                false,
            ),
            ("-", false, Some("-"), false),
            ("", false, None, false),
        ];
        for (text, required, note, query) in cases {
            let m = parse_mandatory(text);
            assert_eq!(m.required, *required, "{text}");
            assert_eq!(m.note.as_deref(), *note, "{text}");
            assert_eq!(m.says_query, *query, "{text}");
        }
    }
}
