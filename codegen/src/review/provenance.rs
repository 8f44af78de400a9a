//! Where a service's docs come from: the repository and the commit read.
//!
//! `codegen sync` resolves it per service, in this order: the service's docs
//! directory is inside a git checkout (at or below the docs root, and not a
//! codegen project, so a test fixture inside this repository does not
//! count) → its `HEAD` and `origin`; else the docs root has a `MANIFEST.tsv` (the shared corpus:
//! `set, source_org, repo, commit, …`) with a row for the service's
//! repository; else what `specs/sources.toml` records. The result goes into
//! the spec (`provenance`) and back into `sources.toml`.

use crate::sources::Source;
use crate::spec::Provenance;
use std::path::Path;
use std::process::Command;

/// The GitHub organisation of each docs family in the corpus manifest.
const ORGS: &[(&str, &str)] = &[
    ("otc", "opentelekomcloud-docs"),
    ("huawei", "huaweicloudDocs"),
];

/// The provenance of `source`'s docs under `docs_root`, if it can be found.
pub fn resolve(docs_root: &Path, source: &Source) -> Option<Provenance> {
    from_git(&docs_root.join(&source.path), Some(docs_root))
        .or_else(|| from_manifest(docs_root, source))
        .or_else(|| recorded(source))
}

/// What `sources.toml` records for the service.
pub fn recorded(source: &Source) -> Option<Provenance> {
    if source.repository.is_none() && source.commit.is_none() {
        return None;
    }
    Some(Provenance {
        repository: source.repository.clone(),
        commit: source.commit.clone(),
    })
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// `HEAD` and `origin` of the checkout holding `dir`. The checkout must not
/// be a codegen project (test fixtures live inside one) and, with `within`,
/// must have its top level at or below that directory.
pub fn from_git(dir: &Path, within: Option<&Path>) -> Option<Provenance> {
    if !dir.is_dir() {
        return None;
    }
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = Path::new(&top).canonicalize().ok()?;
    if top.join("specs/sources.toml").is_file() {
        return None;
    }
    if let Some(root) = within
        && !top.starts_with(root.canonicalize().ok()?)
    {
        return None;
    }
    let commit = git(dir, &["rev-parse", "HEAD"])?;
    let repository = git(dir, &["remote", "get-url", "origin"]).map(|u| public_url(&u));
    Some(Provenance {
        repository,
        commit: Some(commit),
    })
}

/// A remote URL without credentials (`https://user:token@host/…` → `https://host/…`).
fn public_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((_, host)) = rest.split_once('@')
    {
        return format!("{scheme}://{host}");
    }
    url.to_string()
}

/// The manifest row of the service's repository: the first component of its
/// path is the family (`otc`, `huawei`), the second the repository name.
pub fn from_manifest(docs_root: &Path, source: &Source) -> Option<Provenance> {
    let text = std::fs::read_to_string(docs_root.join("MANIFEST.tsv")).ok()?;
    let mut parts = source.path.split('/').filter(|p| !p.is_empty());
    let (family, repo) = (parts.next()?, parts.next()?);
    let org = ORGS.iter().find(|(f, _)| *f == family).map(|(_, o)| *o);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next()?.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (c_org, c_repo, c_commit) = (col("source_org")?, col("repo")?, col("commit")?);
    let rows: Vec<Vec<&str>> = lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.get(c_repo) == Some(&repo))
        .collect();
    let row = match rows.as_slice() {
        [one] => one,
        many => many
            .iter()
            .find(|r| org.is_some() && r.get(c_org).copied() == org)?,
    };
    let org = row.get(c_org)?;
    let commit = row.get(c_commit)?;
    Some(Provenance {
        repository: Some(format!("https://github.com/{org}/{repo}")),
        commit: Some(commit.to_string()).filter(|c| !c.is_empty()),
    })
}

/// `sources.toml` with the `repository` and `commit` lines of service `name`
/// set to `p` (inserted after its `path` line when absent). Everything else,
/// comments included, stays as written.
pub fn update_sources_toml(text: &str, name: &str, cloud: &str, p: &Provenance) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 2);
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "[[service]]" {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        // One block: the header up to the next header or the end.
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].trim_start().starts_with('['))
            .unwrap_or(lines.len());
        let block = &lines[i..end];
        let value = |key: &str| {
            block.iter().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        let ours = value("name").as_deref() == Some(name)
            && value("cloud").as_deref().unwrap_or("otc") == cloud;
        if !ours {
            out.extend(block.iter().map(|l| l.to_string()));
            i = end;
            continue;
        }
        let wanted = [("repository", &p.repository), ("commit", &p.commit)];
        let mut kept: Vec<String> = block
            .iter()
            .filter(|l| {
                let key = l.split_once('=').map(|(k, _)| k.trim());
                !matches!(key, Some("repository" | "commit"))
            })
            .map(|l| l.to_string())
            .collect();
        // New lines go after the last `key = value` line, before trailing blanks.
        let at = kept
            .iter()
            .rposition(|l| !l.trim_start().starts_with('#') && l.contains('='))
            .map_or(kept.len(), |p| p + 1);
        let new: Vec<String> = wanted
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} = \"{v}\"")))
            .collect();
        kept.splice(at..at, new);
        out.extend(kept);
        i = end;
    }
    let mut s = out.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = "# Services\n\n[[service]]\nname = \"a\"\ncloud = \"otc\"\npath = \"otc/a\"\n\n[[service]]\nname = \"b\"\ncloud = \"otc\"\npath = \"otc/b\"\ncommit = \"old\"\n";

    #[test]
    fn update_inserts_and_replaces_only_the_named_service() {
        let p = Provenance {
            repository: Some("https://github.com/o/b".into()),
            commit: Some("abc".into()),
        };
        let out = update_sources_toml(TOML, "b", "otc", &p);
        assert_eq!(
            out,
            "# Services\n\n[[service]]\nname = \"a\"\ncloud = \"otc\"\npath = \"otc/a\"\n\n[[service]]\nname = \"b\"\ncloud = \"otc\"\npath = \"otc/b\"\nrepository = \"https://github.com/o/b\"\ncommit = \"abc\"\n"
        );
        let out = update_sources_toml(TOML, "a", "otc", &p);
        assert!(out.contains("path = \"otc/a\"\nrepository = \"https://github.com/o/b\"\ncommit = \"abc\"\n\n[[service]]"));
        // Idempotent.
        assert_eq!(update_sources_toml(&out, "a", "otc", &p), out);
    }

    #[test]
    fn a_git_checkout_names_its_commit_and_origin() {
        let dir = tempfile::tempdir().expect("tempdir");
        let docs = dir.path().join("otc/svc");
        std::fs::create_dir_all(docs.join("api")).expect("mkdir");
        std::fs::write(docs.join("api/page.rst"), "Title\n=====\n").expect("write");
        let run = |args: &[&str]| {
            let ok = Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
                .args(args)
                .current_dir(&docs)
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok, "git {args:?}");
        };
        run(&["init", "-q"]);
        run(&[
            "remote",
            "add",
            "origin",
            "https://user:token@example.com/docs/svc.git",
        ]);
        run(&["add", "."]);
        run(&["commit", "-q", "-m", "docs"]);
        let head = git(&docs, &["rev-parse", "HEAD"]).expect("HEAD");
        let p = from_git(&docs.join("api"), Some(dir.path())).expect("provenance");
        assert_eq!(p.commit.as_deref(), Some(head.as_str()));
        assert_eq!(
            p.repository.as_deref(),
            Some("https://example.com/docs/svc.git")
        );
        // Through sync's resolution, too.
        let source = Source {
            name: "svc".into(),
            cloud: "otc".into(),
            path: "otc/svc/api".into(),
            repository: None,
            commit: None,
            endpoint: None,
        };
        assert_eq!(resolve(dir.path(), &source), Some(p));
        // A checkout above the docs root does not count.
        assert_eq!(from_git(&docs, Some(&docs.join("api"))), None);
    }

    #[test]
    fn credentials_are_dropped_from_remote_urls() {
        assert_eq!(
            public_url("https://user:secret@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(
            public_url("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
    }

    #[test]
    fn manifest_rows_are_matched_by_family_and_repository() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("MANIFEST.tsv"),
            "set\tsource_org\trepo\tcommit\n\
             dev\topentelekomcloud-docs\tvpc\taaa\n\
             dev\thuaweicloudDocs\tvpc\tbbb\n",
        )
        .expect("write");
        let source = |cloud: &str, path: &str| Source {
            name: "vpc".into(),
            cloud: cloud.into(),
            path: path.into(),
            repository: None,
            commit: None,
            endpoint: None,
        };
        let p = from_manifest(dir.path(), &source("huawei", "huawei/vpc")).expect("row");
        assert_eq!(p.commit.as_deref(), Some("bbb"));
        assert_eq!(
            p.repository.as_deref(),
            Some("https://github.com/huaweicloudDocs/vpc")
        );
        let p = from_manifest(dir.path(), &source("otc", "otc/vpc")).expect("row");
        assert_eq!(p.commit.as_deref(), Some("aaa"));
        assert!(from_manifest(dir.path(), &source("otc", "otc/none")).is_none());
    }
}
