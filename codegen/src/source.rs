//! Reading a service's docs directory: every page, in path order, as text.

use crate::diag::Diagnostics;
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
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let Some(format) = Format::of(&path) else {
            continue;
        };
        let rel = relative(dir, &path);
        let bytes = fs::read(&path)?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let display = format!("{}/{}", display_root.trim_end_matches('/'), rel);
                diags.warn(
                    &display,
                    1,
                    "source-invalid-utf8",
                    "file is not valid UTF-8; invalid bytes were replaced",
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        out.push((format, SourceFile { rel, text }));
    }
    Ok(out)
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
