
use generated::validation::Validate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One example body and what reading it must show.
pub struct Case {
    /// Operation id, request or response, status and position on the page.
    pub what: &'static str,
    /// The body as the docs give it (compact JSON, or the raw block for `not_json`).
    pub json: &'static str,
    /// Reads the body and lists what it saw.
    pub run: fn(&str) -> Vec<String>,
    /// The documentation findings, sorted; empty for a clean round trip.
    pub expect: &'static [&'static str],
}

/// Reads a request body into `T`, writes it back, and validates it.
pub fn request<T: DeserializeOwned + Serialize + Validate>(json: &str) -> Vec<String> {
    let (value, mut seen) = match round_trip::<T>(json) {
        Ok(done) => done,
        Err(seen) => return seen,
    };
    if let Err(errors) = generated::validation::validate(&value) {
        for v in errors.violations() {
            let path = if v.path.is_empty() { "(value)" } else { v.path.as_str() };
            seen.push(format!("violation {path} {}", v.rule));
        }
    }
    seen.sort();
    seen
}

/// Reads a response body into `T` and writes it back.
pub fn response<T: DeserializeOwned + Serialize>(json: &str) -> Vec<String> {
    match round_trip::<T>(json) {
        Ok((_, mut seen)) => {
            seen.sort();
            seen
        }
        Err(seen) => seen,
    }
}

/// A JSON body for which the tables document no body type: the generated
/// code keeps it as untyped JSON. An empty one (`{}`, `""`) agrees with them.
pub fn untyped(json: &str) -> Vec<String> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) if map.is_empty() => Vec::new(),
        Ok(Value::String(text)) if text.is_empty() => Vec::new(),
        Ok(_) => vec!["no documented body type".to_owned()],
        Err(_) => vec!["not JSON".to_owned()],
    }
}

/// A block the docs present as JSON that no JSON reader accepts.
pub fn not_json(text: &str) -> Vec<String> {
    match serde_json::from_str::<Value>(text) {
        Ok(_) => Vec::new(),
        Err(_) => vec!["not JSON".to_owned()],
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(T, Vec<String>), Vec<String>> {
    let original: Value = serde_json::from_str(json).expect("the embedded body is JSON");
    let value: T = serde_json::from_str(json).map_err(|_| vec!["does not deserialize".to_owned()])?;
    let written = serde_json::to_value(&value).expect("a generated type serialises");
    let mut seen = Vec::new();
    diff(&original, &written, &mut String::new(), &mut seen);
    Ok((value, seen))
}

/// What changed from `before` to `after`, ignoring key order, `null`
/// members (absent optionals) and number spelling (`5` read as `5.0`).
fn diff(before: &Value, after: &Value, pointer: &mut String, seen: &mut Vec<String>) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                match b.get(key) {
                    _ if value.is_null() => {}
                    None => seen.push(format!("dropped {pointer}")),
                    Some(other) => diff(value, other, pointer, seen),
                }
                pointer.truncate(len);
            }
            for (key, value) in b {
                if !value.is_null() && a.get(key).is_none_or(Value::is_null) {
                    seen.push(format!("added {pointer}/{key}"));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                diff(x, y, pointer, seen);
                pointer.truncate(len);
            }
        }
        (Value::Number(a), Value::Number(b)) if a == b || a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        _ => seen.push(format!("changed {pointer}")),
    }
}

/// Runs every case and fails listing each one whose outcome differs.
pub fn run(cases: &[Case]) {
    let mut wrong = Vec::new();
    for case in cases {
        let seen = (case.run)(case.json);
        if seen != case.expect {
            wrong.push(format!("{}: expected {:?}, saw {:?}", case.what, case.expect, seen));
        }
    }
    assert!(wrong.is_empty(), "{} of {} example(s) differ:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}
