//! Operation names from method and path, the way the Huawei Cloud SDKs name
//! operations, for pages whose title gives no English words (Huawei's Chinese
//! docs).
//!
//! The version segment (`v2`) and scope placeholders (`{project_id}`,
//! `{domain_id}`, `{tenant_id}`) are dropped. The resource is the last literal
//! segment; the verb comes from the method and whether the path ends in a
//! placeholder (one item) or a literal (the collection):
//!
//! | request | name |
//! |---|---|
//! | `GET /v2/{project_id}/tasks` | `list_tasks` |
//! | `GET /v2/{project_id}/tasks/{task_id}` | `show_task` |
//! | `POST /v2/{project_id}/tasks` | `create_task` |
//! | `PUT /v2/{project_id}/tasks/{task_id}` | `update_task` |
//! | `DELETE /v2/{project_id}/tasks/{task_id}` | `delete_task` |
//! | `POST …/tasks/{task_id}/start` (an action word) | `start_task` |
//! | `PUT …/tasks/{task_id}/bandwidth-policy` (a sub-resource) | `update_task_bandwidth_policy` |
//!
//! A GET of a literal that is not a plural (`…/objectstorage/version`) is a
//! `show_`; a path of placeholders only names its resource after the last
//! placeholder without `_id` (`GET /{version}` → `show_version`), and `GET /`
//! is `list_api_versions`. Ties are broken in `operations::operation_names`.

use heck::ToUpperCamelCase;

/// Placeholders that scope a request rather than name a resource.
const SCOPE_PLACEHOLDERS: &[&str] = &["project_id", "domain_id", "tenant_id"];

/// First words of a sub-path that is an action on the item before it.
const ACTION_WORDS: &[&str] = &[
    "abort",
    "activate",
    "apply",
    "approve",
    "associate",
    "attach",
    "batch",
    "cancel",
    "check",
    "clone",
    "close",
    "copy",
    "deactivate",
    "detach",
    "disable",
    "disassociate",
    "enable",
    "execute",
    "export",
    "extend",
    "freeze",
    "import",
    "install",
    "lock",
    "migrate",
    "open",
    "pause",
    "reboot",
    "recover",
    "refresh",
    "reject",
    "release",
    "renew",
    "reset",
    "resize",
    "restart",
    "restore",
    "resume",
    "retry",
    "rollback",
    "run",
    "start",
    "stop",
    "suspend",
    "switch",
    "sync",
    "test",
    "unfreeze",
    "uninstall",
    "unlock",
    "upgrade",
    "validate",
    "verify",
];

enum Segment<'p> {
    Literal(&'p str),
    Placeholder(&'p str),
}

/// The PascalCase operation name for `method` and `path` (e.g. `CreateTask`).
pub fn from_method_and_path(method: &str, path: &str) -> String {
    let segments: Vec<Segment<'_>> = path
        .split(['/', '?'])
        .take_while(|s| !s.contains('='))
        .filter(|s| !s.is_empty() && !is_version(s))
        .filter_map(
            |s| match s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                Some(name) if SCOPE_PLACEHOLDERS.contains(&name) => None,
                Some(name) => Some(Segment::Placeholder(name)),
                None => Some(Segment::Literal(s)),
            },
        )
        .collect();
    let method = method.to_ascii_uppercase();
    let words = match segments.as_slice() {
        [] => "list api versions".to_owned(),
        [.., Segment::Placeholder(item), Segment::Literal(action)] if is_action(action) => {
            format!("{action} {}", singular(item_name(item)))
        }
        [
            ..,
            Segment::Literal(resource),
            Segment::Placeholder(_),
            Segment::Literal(sub),
        ] => {
            format!("{} {} {sub}", verb(&method, true), singular(resource))
        }
        [.., Segment::Literal(resource), Segment::Placeholder(_)] => {
            format!("{} {}", verb(&method, true), singular(resource))
        }
        [.., Segment::Placeholder(item)] => {
            format!("{} {}", verb(&method, true), item_name(item))
        }
        [.., Segment::Literal(action)] if method == "POST" && is_action(action) => {
            (*action).to_owned()
        }
        [.., Segment::Literal(resource)] => {
            let item = !is_plural(resource);
            let verb = verb(&method, item);
            if verb == "list" {
                format!("list {resource}")
            } else {
                format!("{verb} {}", singular(resource))
            }
        }
    };
    // Only ASCII letters and digits make the name (a path may hold any text).
    let words: String = words
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    words.to_upper_camel_case()
}

/// The resource an item placeholder names (`{task_id}` → `task`).
fn item_name(placeholder: &str) -> &str {
    placeholder
        .strip_suffix("_id")
        .or_else(|| placeholder.strip_suffix("_name"))
        .unwrap_or(placeholder)
}

/// The verb for `method`; `item` tells an item from its collection.
fn verb(method: &str, item: bool) -> &'static str {
    match (method, item) {
        ("GET", true) => "show",
        ("GET", false) => "list",
        ("POST", _) => "create",
        ("PUT", _) | ("PATCH", _) => "update",
        ("DELETE", _) => "delete",
        ("HEAD", _) => "check",
        _ => "call",
    }
}

/// `v1`, `V2`, `v1.0`: an API version segment.
pub(super) fn is_version(segment: &str) -> bool {
    segment.strip_prefix(['v', 'V']).is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

fn is_action(segment: &str) -> bool {
    let first = segment.split(['-', '_']).next().unwrap_or("");
    ACTION_WORDS.contains(&first.to_ascii_lowercase().as_str())
}

fn is_plural(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is")
}

/// A plural's singular: `policies` → `policy`, `addresses` → `address`, `tasks` → `task`.
fn singular(word: &str) -> String {
    if !is_plural(word) {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    word[..word.len() - 1].to_owned()
}

/// The API version of a path (`/v2/…` → 2); 0 when it has none.
pub fn path_version(path: &str) -> u32 {
    path.split('/')
        .find(|s| is_version(s))
        .and_then(|s| s[1..].split('.').next()?.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::from_method_and_path as name;

    #[test]
    fn huawei_sdk_style_names() {
        assert_eq!(name("GET", "/v2/{project_id}/tasks"), "ListTasks");
        assert_eq!(name("GET", "/v2/{project_id}/tasks/{task_id}"), "ShowTask");
        assert_eq!(name("POST", "/v2/{project_id}/tasks"), "CreateTask");
        assert_eq!(
            name("PUT", "/v2/{project_id}/tasks/{task_id}"),
            "UpdateTask"
        );
        assert_eq!(
            name("DELETE", "/v2/{project_id}/tasks/{task_id}"),
            "DeleteTask"
        );
        assert_eq!(
            name("POST", "/v2/{project_id}/tasks/{task_id}/start"),
            "StartTask"
        );
        assert_eq!(
            name("POST", "/v2/{project_id}/tasks/{task_id}/stop"),
            "StopTask"
        );
        assert_eq!(
            name("PUT", "/v2/{project_id}/tasks/{task_id}/bandwidth-policy"),
            "UpdateTaskBandwidthPolicy"
        );
        assert_eq!(
            name("GET", "/v1/{domain_id}/objectstorage/quotas"),
            "ListQuotas"
        );
        assert_eq!(
            name("GET", "/v1/{project_id}/objectstorage/version"),
            "ShowVersion"
        );
        assert_eq!(name("GET", "/"), "ListApiVersions");
        assert_eq!(name("PUT", "/v1/{project_id}/名称/{id}"), "Update");
        assert_eq!(name("GET", "/{version}"), "ShowVersion");
        assert_eq!(
            name("POST", "/v2/{project_id}/sync-tasks/batch-delete"),
            "BatchDelete"
        );
        assert_eq!(
            name("GET", "/v2/{project_id}/policies/{policy_id}"),
            "ShowPolicy"
        );
    }

    #[test]
    fn versions() {
        assert_eq!(super::path_version("/v2/{project_id}/tasks"), 2);
        assert_eq!(super::path_version("/{version}"), 0);
    }
}
