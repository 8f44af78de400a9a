//! Reading a service's docs directory: every page, in path order, as text.

use crate::diag::Diagnostics;
use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One page as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the service directory, `/`-separated.
    pub rel: String,
    pub text: String,
}

/// The page format, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rst,
    Markdown,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "rst" => Some(Format::Rst),
            "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Reads every `.rst`/`.md` page below `dir`, sorted by relative path.
/// Invalid UTF-8 is replaced (and reported), never fatal.
pub fn read_dir(
    dir: &Path,
    display_root: &str,
    diags: &mut Diagnostics,
) -> io::Result<Vec<(Format, SourceFile)>> {
    let mut out = Vec::new();
    for page in list(dir)? {
        let file = read(&page, display_root, diags)?;
        out.push((page.format, file));
    }
    Ok(out)
}

/// A page found below a service directory, not yet read.
#[derive(Debug, Clone)]
pub struct PagePath {
    pub format: Format,
    pub path: PathBuf,
    /// Path relative to the service directory, `/`-separated.
    pub rel: String,
}

/// Every `.rst`/`.md` page below `dir`, sorted by path.
pub fn list(dir: &Path) -> io::Result<Vec<PagePath>> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    Ok(paths
        .into_iter()
        .filter_map(|path| {
            let format = Format::of(&path)?;
            let rel = relative(dir, &path);
            Some(PagePath { format, path, rel })
        })
        .collect())
}

/// Total size in bytes of `pages`: a cheap estimate of how much work they are.
pub fn size(pages: &[PagePath]) -> u64 {
    pages
        .iter()
        .filter_map(|p| fs::metadata(&p.path).ok())
        .map(|m| m.len())
        .sum()
}

/// Reads one page. Invalid UTF-8 is replaced (and reported), never fatal.
pub fn read(
    page: &PagePath,
    display_root: &str,
    diags: &mut Diagnostics,
) -> io::Result<SourceFile> {
    let bytes = fs::read(&page.path)?;
    let display = || format!("{}/{}", display_root.trim_end_matches('/'), page.rel);
    Ok(SourceFile {
        rel: page.rel.clone(),
        text: decode(bytes, &display, diags),
    })
}

/// Bytes → text; invalid UTF-8 is replaced and reported against `display()`.
pub fn decode(bytes: Vec<u8>, display: &dyn Fn() -> String, diags: &mut Diagnostics) -> String {
    match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            diags.warn(
                &display(),
                1,
                "source-invalid-utf8",
                "file is not valid UTF-8; invalid bytes were replaced",
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// CRLF and lone CR as LF (pages mix them). One pass: this runs on every page.
pub fn unify_newlines(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memchr(b'\r', bytes) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut at = Some(first);
    while let Some(cr) = at {
        out.push_str(&text[from..cr]);
        out.push('\n');
        from = if bytes.get(cr + 1) == Some(&b'\n') {
            cr + 2
        } else {
            cr + 1
        };
        at = memchr::memchr(b'\r', &bytes[from..]).map(|i| from + i);
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::unify_newlines;

    #[test]
    fn newlines_are_unified() {
        for (text, want) in [
            ("a\r\nb\rc\n", "a\nb\nc\n"),
            ("\r\r\n\n\r", "\n\n\n\n"),
            ("no returns", "no returns"),
            ("é\r\nü\r", "é\nü\n"),
        ] {
            assert_eq!(unify_newlines(text), want, "{text:?}");
        }
    }
}
