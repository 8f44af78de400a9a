//! URI lines: `POST /v3/{project_id}/jobs`, full URLs with `{Endpoint}`,
//! query templates (`?limit={limit}`, `{?marker,limit}`, `detail{?minDisk={minDisk}&…}`)
//! and the `PATH:` + `Method:` pair.

use regex::Regex;
use std::sync::LazyLock;

/// A parsed URI line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uri {
    pub method: String,
    /// Path template without scheme, host or query, placeholders normalised (`{begin_time}`).
    pub path: String,
    /// Query parameter names named in the template, in order, without duplicates.
    pub query: Vec<String>,
    /// The whole documented target after markup removal.
    pub raw: String,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

static METHOD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:-\s+)?(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s*((?:https?://|/|\{).*)$")
        .expect("valid regex")
});
static PATH_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^PATH\s*[:：]\s*(\S.*)$").expect("valid regex"));
static METHOD_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Method\s*[:：]\s*([A-Za-z]+)\s*$").expect("valid regex"));

/// Parses a line of the form `METHOD target`.
pub fn parse_method_line(line: &str) -> Option<Uri> {
    let caps = METHOD_LINE.captures(line.trim())?;
    build(&caps[1], &caps[2])
}

/// Finds a URI in a block of lines: a `METHOD target` line, or `PATH:` with a `Method:` line.
pub fn find_in_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Uri> {
    let mut path = None;
    let mut method = None;
    for line in lines {
        let line = line.trim();
        if let Some(uri) = parse_method_line(line) {
            return Some(uri);
        }
        if let Some(c) = PATH_LINE.captures(line) {
            path.get_or_insert_with(|| c[1].trim().to_string());
        }
        if let Some(c) = METHOD_ONLY.captures(line) {
            let m = c[1].to_ascii_uppercase();
            if METHODS.contains(&m.as_str()) {
                method.get_or_insert(m);
            }
        }
        if let (Some(p), Some(m)) = (&path, &method) {
            return build(m, p);
        }
    }
    None
}

fn build(method: &str, target: &str) -> Option<Uri> {
    let raw = target.trim().to_string();
    let without_host = strip_scheme_and_host(&raw);
    let (path, query_part) = split_query(without_host);
    let path = normalise_placeholders(path.trim_end());
    if !path.starts_with('/') {
        return None;
    }
    Some(Uri {
        method: method.to_string(),
        query: query_names(query_part),
        path,
        raw,
    })
}

/// `https://{Endpoint}/v3/x` → `/v3/x`; a bare path is returned as is.
fn strip_scheme_and_host(target: &str) -> &str {
    let rest = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"));
    match rest {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    }
}

/// Splits at the first `?` or `{?`/`{&`, whichever comes first.
fn split_query(target: &str) -> (&str, &str) {
    let brace = target.find("{?").or_else(|| target.find("{&"));
    let plain = target.find('?');
    match (brace, plain) {
        (Some(b), Some(p)) if b < p => (&target[..b], &target[b..]),
        (_, Some(p)) => (&target[..p], &target[p..]),
        (Some(b), None) => (&target[..b], &target[b..]),
        (None, None) => (target, ""),
    }
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([^{}]*)\}").expect("valid regex"));

/// `{begin _time}` → `{begin_time}`, `{ id }` → `{id}`; drops trailing spaces
/// and stray text (`(deprecated)`). A space inside the path (`/my files/{id}`)
/// is kept: words after it that still look like path (a `/` or a `{`) belong
/// to it, so the path is never cut there.
fn normalise_placeholders(path: &str) -> String {
    let joined = PLACEHOLDER.replace_all(path, |c: &regex::Captures| {
        let inner: String = c[1].chars().filter(|ch| !ch.is_whitespace()).collect();
        format!("{{{inner}}}")
    });
    let mut words = joined.split_whitespace();
    let mut out = words.next().unwrap_or("").to_string();
    for word in words {
        if !word.contains(['/', '{']) || word.starts_with(['(', '（']) {
            break;
        }
        out.push(' ');
        out.push_str(word);
    }
    out
}

/// Query names from `?a={a}&b={b}`, `{?a,b}`, `?usage=True`, `& x={x}`, `name~={name}`.
fn query_names(query: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let body = query
        .trim_start_matches(['{', '?', '&'])
        .trim_end_matches('}');
    for part in body.split(['&', ',']) {
        let key = part.split(['=', '~']).next().unwrap_or("");
        let key: String = key
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}' | '?' | '[' | ']'))
            .collect();
        if !key.is_empty() && !names.contains(&key) {
            names.push(key);
        }
    }
    names
}

/// Placeholder names of a path template, in order.
pub fn path_placeholders(path: &str) -> Vec<String> {
    PLACEHOLDER
        .captures_iter(path)
        .map(|c| c[1].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_lines() {
        // (line, method, path, query)
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "POST /v3/{project_id}/jobs/batch-creation",
                "POST",
                "/v3/{project_id}/jobs/batch-creation",
                &[],
            ),
            ("GET/{api_version}", "GET", "/{api_version}", &[]),
            ("GET /", "GET", "/", &[]),
            (
                "GET /v1/{project_id}/my files/{file id}",
                "GET",
                "/v1/{project_id}/my files/{fileid}",
                &[],
            ),
            ("GET /v1/x (deprecated)", "GET", "/v1/x", &[]),
            (
                "POST https://{Endpoint}/v3/{project_id}/backups",
                "POST",
                "/v3/{project_id}/backups",
                &[],
            ),
            (
                "GET https://{Endpoint}/v3/{project_id}/x?limit={limit}&offset={offset}",
                "GET",
                "/v3/{project_id}/x",
                &["limit", "offset"],
            ),
            (
                "DELETE /v2.1/{project_id}/servers/{server_id}/os-interface/{port_id}{?reserve_port}",
                "DELETE",
                "/v2.1/{project_id}/servers/{server_id}/os-interface/{port_id}",
                &["reserve_port"],
            ),
            (
                "GET /v1/{project_id}/baremetalservers/flavors/detail{?minDisk={minDisk}&minRam={minRam}}",
                "GET",
                "/v1/{project_id}/baremetalservers/flavors/detail",
                &["minDisk", "minRam"],
            ),
            (
                "GET /v3/auth/catalog{?interface, service_id}",
                "GET",
                "/v3/auth/catalog",
                &["interface", "service_id"],
            ),
            (
                "GET /v3/{project_id}/backups?instance_id={instance_id}&begin_time={begin _time}",
                "GET",
                "/v3/{project_id}/backups",
                &["instance_id", "begin_time"],
            ),
            (
                "GET /v2/{project_id}/os-quota-sets/{tenant_id}?usage=True",
                "GET",
                "/v2/{project_id}/os-quota-sets/{tenant_id}",
                &["usage"],
            ),
            (
                "GET /v2/{project_id}/shares/detail?share_network_id={share_network_id}& export_location_id={x}&name~={name}",
                "GET",
                "/v2/{project_id}/shares/detail",
                &["share_network_id", "export_location_id", "name"],
            ),
            (
                "-  POST /v1/{project_id}/tags",
                "POST",
                "/v1/{project_id}/tags",
                &[],
            ),
            (
                "GET https://iam.eu-de.otc.t-systems.com/v3/auth/projects",
                "GET",
                "/v3/auth/projects",
                &[],
            ),
            (
                "GET /v1/{project_id}/x/{ id }",
                "GET",
                "/v1/{project_id}/x/{id}",
                &[],
            ),
        ];
        for (line, method, path, query) in cases {
            let uri = parse_method_line(line).unwrap_or_else(|| panic!("no uri in {line}"));
            assert_eq!(uri.method, *method, "{line}");
            assert_eq!(uri.path, *path, "{line}");
            assert_eq!(
                uri.query,
                query.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{line}"
            );
        }
    }

    #[test]
    fn not_uris() {
        for line in [
            "GET",
            "POST the request",
            "Getting started",
            "PUT method is used",
            "",
        ] {
            assert_eq!(parse_method_line(line), None, "{line}");
        }
    }

    #[test]
    fn path_and_method_lines() {
        let uri = find_in_lines([
            "-  URI format",
            "PATH: /v1.0/{project_id}/backups",
            "Method: POST",
        ])
        .expect("uri");
        assert_eq!(
            (uri.method.as_str(), uri.path.as_str()),
            ("POST", "/v1.0/{project_id}/backups")
        );
        let uri = find_in_lines(["PATH：/v3/{project_id}/x", "Method：get"]).expect("uri");
        assert_eq!(uri.method, "GET");
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            path_placeholders("/v3/{project_id}/jobs/{job_id}"),
            vec!["project_id", "job_id"]
        );
    }
}
