//! Type cells → a type shape: `String`, `Array of strings`, `Map<String,String>`,
//! `Array of CreateJobReq objects`, `Dictionary data structure. For details, see Table 3.`,
//! `List<resource_tag>`, `String。`, misspelt scalars (`Sting`, `Booleab`, `doubule`, `interger`).
//!
//! Named shapes are bound to tables later (by the cell's link or by caption name).

use super::words::lower_words;
use crate::spec::TypeRef;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Scalar(TypeRef),
    /// An object or value the cell does not type (`Object`, `Array of objects`' items):
    /// a link elsewhere in the row may still bind it.
    Untyped,
    /// `CreateJobReq object`: a type named in the text.
    Named(String),
    Array(Box<Shape>),
    Map(Box<Shape>),
}

impl Shape {
    /// The innermost shape (through arrays and maps).
    pub fn leaf(&self) -> &Shape {
        match self {
            Shape::Array(s) | Shape::Map(s) => s.leaf(),
            s => s,
        }
    }
}

/// Arrays and maps nested deeper than this are not read (`None`, reported as an
/// unknown type): the corpus nests two levels, and each level is a level of the
/// spec's JSON (which must read back within serde_json's recursion limit) and of
/// the generated Rust type.
pub const MAX_NESTING: usize = 8;

/// Parses the plain text of a type cell. `None` when the text names no type we
/// know, or nests arrays and maps deeper than [`MAX_NESTING`].
pub fn parse(text: &str) -> Option<Shape> {
    if let Some(shape) = referred(text) {
        return Some(shape);
    }
    let t = first_clause(text);
    parse_clause(&t, 0)
}

/// GES writes the type as a pointer to its table: `参考graph图类型数据结构说明。`
/// (see the description of the graph type), `List结构，参见Graph类型数据结构说明。`
/// (a list; see …): the named type, or a list of it.
fn referred(text: &str) -> Option<Shape> {
    let t = text.trim();
    let (list, rest) = match t.get(..4).map(str::to_ascii_lowercase).as_deref() {
        Some("list") => (true, &t[4..]),
        _ => (false, t),
    };
    let rest = rest.trim_start_matches(['结', '构', '，', ',', ' ']);
    let rest = ["请参见", "请参考", "参见", "参考", "详见"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?
        .trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    if !is_identifier_like(name) {
        return None;
    }
    let named = Shape::Named(name.to_string());
    Some(match list {
        true => Shape::Array(Box::new(named)),
        false => named,
    })
}

/// The part of the cell before explanations: `Dictionary data structure. For details…` → `dictionary data structure`.
fn first_clause(text: &str) -> String {
    // The clause is cut before lower-casing (case does not move punctuation),
    // and an ASCII clause is lower-cased as it is copied: one allocation.
    let text = text.trim();
    let clause = text[..clause_end(text)]
        .trim()
        .trim_end_matches(['.', '。', ','])
        .trim();
    lower_words(clause)
}

/// Where the first clause ends: `(`, `:`, CJK punctuation, or `.`/`;` before a space.
fn clause_end(text: &str) -> usize {
    for (i, c) in text.char_indices() {
        let spaced = || text[i + c.len_utf8()..].starts_with([' ', '\n', '\u{a0}']);
        match c {
            '。' | '，' | '；' | '(' | '（' | ':' | '：' => return i,
            '.' | ';' if spaced() => return i,
            _ => {}
        }
    }
    text.len()
}

fn parse_clause(t: &str, depth: usize) -> Option<Shape> {
    let t = t.trim();
    if depth > MAX_NESTING {
        return None;
    }
    let element = |t: &str| element(t, depth + 1);
    if let Some(s) = scalar(t) {
        return Some(s);
    }
    // Go-style `[]String`, `[]*Foo`, `*String` (a pointer is only optionality).
    if let Some(rest) = t.strip_prefix("[]") {
        return Some(Shape::Array(Box::new(element(rest)?)));
    }
    if let Some(rest) = t.strip_prefix('*').filter(|r| !r.is_empty()) {
        return parse_clause(rest, depth + 1);
    }
    // `[Long]`: a bracketed element type.
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return Some(Shape::Array(Box::new(element(inner)?)));
    }
    // Huawei's generated pages: `Array of object X` names X after the word object.
    for prefix in ["array of objects ", "array of object "] {
        if let Some(rest) = t.strip_prefix(prefix)
            && is_identifier_like(rest.trim())
        {
            return Some(Shape::Array(Box::new(Shape::Named(
                rest.trim().to_string(),
            ))));
        }
    }
    if let Some(inner) = generic(t, &["list", "array", "set", "arraylist"]) {
        return Some(Shape::Array(Box::new(element(inner)?)));
    }
    if let Some(inner) = generic(t, &["map", "dict", "dictionary", "hashmap"]) {
        let value = inner.split_once(',').map_or(inner, |(_, v)| v).trim();
        return Some(Shape::Map(Box::new(element(value)?)));
    }
    // `Array String` (no `of`) and `[Long]` are DataArts/MRS/DLI spellings.
    for prefix in [
        "array of ",
        "list of ",
        "set of ",
        "array[",
        "an array of ",
        "array ",
    ] {
        if let Some(rest) = t.strip_prefix(prefix)
            && let Some(e) = element(rest.trim_end_matches(']'))
        {
            return Some(Shape::Array(Box::new(e)));
        }
    }
    // Longest first: `Resource_tag structure array` is an array of `resource_tag`.
    for suffix in [
        " structure array",
        " data structure array",
        " arrays",
        " array",
        " list",
        "[]",
    ] {
        if let Some(rest) = t.strip_suffix(suffix)
            && let Some(e) = element(rest)
        {
            return Some(Shape::Array(Box::new(e)));
        }
    }
    // `Schedule data structure` (DataArts Studio) names a type like `Schedule object`.
    if let Some(name) = t
        .strip_suffix(" object")
        .or_else(|| t.strip_suffix(" oject"))
        .or_else(|| t.strip_suffix(" data structure"))
        .or_else(|| t.strip_suffix(" structure"))
    {
        return Some(named_or_untyped(name));
    }
    // `JobDetail数据结构` (GES), `Job对象`: a type named in Chinese the way
    // `Schedule data structure` names one.
    for suffix in ["数据结构", "对象", "结构体"] {
        if let Some(name) = t.strip_suffix(suffix).map(str::trim)
            && is_identifier_like(name)
        {
            return Some(named_or_untyped(name));
        }
    }
    // `stringarray` (IAM): a scalar run into `array`.
    if let Some(s @ Shape::Scalar(_)) = t.strip_suffix("array").and_then(scalar) {
        return Some(Shape::Array(Box::new(s)));
    }
    if is_identifier_like(t) {
        return Some(Shape::Named(t.to_string()));
    }
    None
}

/// `list<string>` → `string` for the given generic names.
fn generic<'a>(t: &'a str, names: &[&str]) -> Option<&'a str> {
    let open = t.find('<')?;
    let name = t[..open].trim();
    if !names.contains(&name) || !t.ends_with('>') {
        return None;
    }
    Some(t[open + 1..t.len() - 1].trim())
}

/// The element of an array or value of a map: `strings`, `objects`, `CreateJobReq objects`.
fn element(t: &str, depth: usize) -> Option<Shape> {
    let t = t.trim();
    if depth > MAX_NESTING {
        return None;
    }
    if t.is_empty() || matches!(t, "objects" | "object" | "object array") {
        return Some(Shape::Untyped);
    }
    let singular = t.strip_suffix('s').unwrap_or(t);
    if let Some(s) = scalar(t).or_else(|| scalar(singular)) {
        return Some(s);
    }
    if let Some(s) = parse_clause(t, depth) {
        return Some(s);
    }
    if let Some(name) = t
        .strip_suffix(" objects")
        .or_else(|| t.strip_suffix(" object"))
    {
        return Some(parse_clause(name, depth).unwrap_or_else(|| named_or_untyped(name)));
    }
    None
}

fn named_or_untyped(name: &str) -> Shape {
    let name = name.trim();
    if name.is_empty() || matches!(name, "json" | "an" | "a" | "the") {
        Shape::Untyped
    } else {
        Shape::Named(name.to_string())
    }
}

fn is_identifier_like(t: &str) -> bool {
    !t.is_empty()
        && !t.contains(' ')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

fn scalar(t: &str) -> Option<Shape> {
    let ty = match t {
        "string" | "str" | "char" | "character" | "text" | "datetime" | "date time" | "date-time"
        | "date" | "time" | "uuid"
        | "enum" | "string/jsonobject" | "字符串"
        // APIG's shared-gateway pages: `2020-08-01T12:00:00Z` in the examples.
        | "timestamp" => TypeRef::String,
        _ if t.starts_with("string(") || t.starts_with("varchar") => TypeRef::String,
        "integer" | "int" | "long" | "long integer" | "int64" | "short" | "uint" | "bigint"
        | "number(int)" | "整数" | "整型" => TypeRef::Integer { bits: 64 },
        "int32" => TypeRef::Integer { bits: 32 },
        "float" | "double" | "number" | "decimal" | "bigdecimal" | "float32"
        | "float64" => TypeRef::Number,
        "boolean" | "bool" | "布尔" => TypeRef::Boolean,
        "object"
        | "jsonobject"
        | "json object"
        | "json"
        | "dictionary"
        | "dict"
        | "data structure"
        | "dictionary data structure"
        | "map"
        | "null"
        | "字典数据结构"
        // APIG's shared-gateway pages (`字段数据类型` once for the same)
        | "字典数据类型"
        | "字段数据类型"
        | "字典类型"
        | "jsonobject对象"
        | "objects"
        | "body"
        | "struct"
        | "structure"
        // MRS Manager: an object described by the table captioned with the field's name.
        | "reference"
        // CCE, WAF: any JSON value, said outright.
        | "anytype"
        // GES: JSON the row's link describes (`edge_filter`, shown as an object).
        | "json string"
        | "any" => {
            return Some(Shape::Untyped);
        }
        "array"
        | "list"
        | "jsonarray"
        | "json array"
        | "list data structure"
        | "列表数据结构"
        | "tags structure array"
        | "列表类型数据结构"
        | "array_reference"
        | "set" => {
            return Some(Shape::Array(Box::new(Shape::Untyped)));
        }
        _ => return misspelt(t),
    };
    Some(Shape::Scalar(ty))
}

/// A scalar keyword with one letter wrong, missing, doubled or swapped
/// (`interger` in EPS, `Stirng`, `Boolen`, `Booleab`): only words of five
/// letters or more, against keywords of six or more, so short type names
/// stay names.
fn misspelt(t: &str) -> Option<Shape> {
    if t.len() < 5 || !t.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let ty = match ["string", "integer", "boolean", "number", "double"]
        .into_iter()
        .find(|k| one_edit(t.as_bytes(), k.as_bytes()))?
    {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer { bits: 64 },
        "boolean" => TypeRef::Boolean,
        _ => TypeRef::Number,
    };
    Some(Shape::Scalar(ty))
}

/// Whether `a` becomes `b` by one insertion, deletion or swap of
/// neighbours, or one substitution in a word of seven letters or more (and
/// is not `b` already).
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if head == short.len() => false,
        0 => {
            let swapped = head + 1 < short.len()
                && short[head] == long[head + 1]
                && short[head + 1] == long[head]
                && short[head + 2..] == long[head + 2..];
            // A letter replaced in a six-letter word makes other words
            // (`spring`, `strong`), so only longer keywords take it.
            swapped || (short.len() >= 7 && short[head + 1..] == long[head + 1..])
        }
        1 => short[head..] == long[head + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> Shape {
        Shape::Scalar(TypeRef::String)
    }
    fn arr(x: Shape) -> Shape {
        Shape::Array(Box::new(x))
    }
    fn map(x: Shape) -> Shape {
        Shape::Map(Box::new(x))
    }
    fn named(n: &str) -> Shape {
        Shape::Named(n.into())
    }

    #[test]
    fn nesting_is_bounded() {
        let nested = |n: usize| format!("{}String", "Array of ".repeat(n));
        let mut want = s();
        for _ in 0..MAX_NESTING {
            want = arr(want);
        }
        assert_eq!(parse(&nested(MAX_NESTING)), Some(want));
        assert_eq!(parse(&nested(MAX_NESTING + 1)), None);
        assert_eq!(parse(&nested(5000)), None);
        let maps = format!("{}String{}", "Map<String,".repeat(50), ">".repeat(50));
        assert_eq!(parse(&maps), None);
    }

    #[test]
    fn misspelt_scalars() {
        let int = Shape::Scalar(TypeRef::Integer { bits: 64 });
        for (cell, want) in [
            ("Interger", Some(int.clone())),
            ("Intger", Some(int)),
            ("Stirng", Some(s())),
            ("Strings", Some(s())),
            ("Boolen", Some(Shape::Scalar(TypeRef::Boolean))),
            ("Nubmer", Some(Shape::Scalar(TypeRef::Number))),
            ("Date Time", Some(s())),
            ("JobDetail数据结构", Some(named("jobdetail"))),
            ("Job对象", Some(named("job"))),
            ("参考graph图类型数据结构说明。", Some(named("graph"))),
            (
                "List结构，参见Graph类型数据结构说明。",
                Some(arr(named("Graph"))),
            ),
            ("character", Some(s())),
            ("JSON String", Some(Shape::Untyped)),
        ] {
            assert_eq!(parse(cell), want, "{cell}");
        }
        // Two edits, short names and other words stay names.
        for cell in [
            "Integrate",
            "Strong1",
            "Spring",
            "Numb",
            "Volume",
            "Doubles2",
        ] {
            assert!(
                !matches!(parse(cell), Some(Shape::Scalar(_))),
                "{cell}: {:?}",
                parse(cell)
            );
        }
    }

    #[test]
    fn type_cells() {
        let int = Shape::Scalar(TypeRef::Integer { bits: 64 });
        let cases: Vec<(&str, Option<Shape>)> = vec![
            ("String", Some(s())),
            ("string", Some(s())),
            ("String。", Some(s())),
            ("String(64)", Some(s())),
            ("Sting", Some(s())),
            ("Integer", Some(int.clone())),
            ("Int。", Some(int.clone())),
            ("Long integer", Some(int.clone())),
            ("Double", Some(Shape::Scalar(TypeRef::Number))),
            ("doubule", Some(Shape::Scalar(TypeRef::Number))),
            ("Booleab", Some(Shape::Scalar(TypeRef::Boolean))),
            ("Object", Some(Shape::Untyped)),
            ("JSONObject", Some(Shape::Untyped)),
            ("AnyType", Some(Shape::Untyped)),
            (
                "Dictionary data structure. For details, see Table 3.",
                Some(Shape::Untyped),
            ),
            ("字典数据结构，请参见表6。", Some(Shape::Untyped)),
            ("字典数据类型", Some(Shape::Untyped)),
            ("Timestamp", Some(s())),
            ("stringarray", Some(arr(s()))),
            ("Array of strings", Some(arr(s()))),
            ("Array of integers", Some(arr(int.clone()))),
            ("List<String>", Some(arr(s()))),
            ("Set<String>", Some(arr(s()))),
            ("Array", Some(arr(Shape::Untyped))),
            ("list", Some(arr(Shape::Untyped))),
            ("Array of objects", Some(arr(Shape::Untyped))),
            ("JSONArray", Some(arr(Shape::Untyped))),
            (
                "List data structure. For details, see Table 4.",
                Some(arr(Shape::Untyped)),
            ),
            ("Map<String,String>", Some(map(s()))),
            ("Map<String, String>", Some(map(s()))),
            ("Map<String,Object>", Some(map(Shape::Untyped))),
            ("Map<String,Integer>", Some(map(int.clone()))),
            ("list<map<String, String>>", Some(arr(map(s())))),
            ("Array of Map<String,String> objects", Some(arr(map(s())))),
            (
                "Array of CreateJobReq objects",
                Some(arr(named("createjobreq"))),
            ),
            ("CreateJobReq object", Some(named("createjobreq"))),
            ("Endpoint object", Some(named("endpoint"))),
            ("List<resource_tag>", Some(arr(named("resource_tag")))),
            (
                "Map<String,Array of address objects>",
                Some(map(arr(named("address")))),
            ),
            (
                "Map<String, VersionStrategy>",
                Some(map(named("versionstrategy"))),
            ),
            ("RouteTable oject", Some(named("routetable"))),
            ("Tags structure array", Some(arr(Shape::Untyped))),
            ("Schedule data structure", Some(named("schedule"))),
            (
                "DependJobs data structure. For details, see Table 13.",
                Some(named("dependjobs")),
            ),
            ("Data structure", Some(Shape::Untyped)),
            ("Array String", Some(arr(s()))),
            ("[Long]", Some(arr(int.clone()))),
            ("[String]", Some(arr(s()))),
            ("String/Integer", None),
            ("REFERENCE", Some(Shape::Untyped)),
            ("ARRAY_REFERENCE", Some(arr(Shape::Untyped))),
            ("The value is a character string.", None),
            // Go-style and other forms of other services' pages.
            ("[]String", Some(arr(s()))),
            ("*String", Some(s())),
            ("[]*Foo", Some(arr(named("foo")))),
            ("[]dependency", Some(arr(named("dependency")))),
            ("[Long]", Some(arr(int.clone()))),
            ("Array of object Foo", Some(arr(named("foo")))),
            ("Array of objects Foo", Some(arr(named("foo")))),
            ("Array of Object", Some(arr(Shape::Untyped))),
            ("Array String", Some(arr(s()))),
            (
                "Resource_tag structure array",
                Some(arr(named("resource_tag"))),
            ),
            ("Links structure array", Some(arr(named("links")))),
            ("Versions structure", Some(named("versions"))),
            ("Schedule data structure", Some(named("schedule"))),
            ("列表类型数据结构", Some(arr(Shape::Untyped))),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }
}
