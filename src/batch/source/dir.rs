//! Directory input: every regular file below a directory is one page, id = file stem.
//!
//! The walk is lazy (one `read_dir` at a time) and sorted by name, so the order, and with it
//! `--resume`, is deterministic. Symbolic links to files are followed; links to directories
//! are not (no cycles).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Source;
use crate::InputKind;
use crate::batch::document::{DocError, Item, Page};

/// Lazily walks a directory tree.
pub struct DirSource {
    root: PathBuf,
    /// Entries still to visit, in reverse order (pop from the end).
    stack: Vec<PathBuf>,
    max_page_bytes: usize,
    bytes_read: Arc<AtomicU64>,
}

impl DirSource {
    /// Walks `root` (which must be a readable directory).
    pub fn open(root: &Path, max_page_bytes: usize, bytes_read: Arc<AtomicU64>) -> std::io::Result<Self> {
        let stack = sorted_children(root)?;
        Ok(DirSource {
            root: root.to_path_buf(),
            stack,
            max_page_bytes,
            bytes_read,
        })
    }

    /// A source of one page: the file itself (id = file name without extension).
    pub fn single(file: &Path, max_page_bytes: usize, bytes_read: Arc<AtomicU64>) -> Self {
        DirSource {
            root: file.parent().map(Path::to_path_buf).unwrap_or_default(),
            stack: vec![file.to_path_buf()],
            max_page_bytes,
            bytes_read,
        }
    }

    /// Sum of the sizes of all regular files below `root` (for the progress bar's total).
    pub fn total_bytes(root: &Path) -> u64 {
        let mut total = 0;
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                match fs::symlink_metadata(&path) {
                    Ok(m) if m.is_dir() => stack.push(path),
                    Ok(_) => total += fs::metadata(&path).map_or(0, |m| m.len()),
                    Err(_) => {}
                }
            }
        }
        total
    }

    fn read_file(&self, path: &Path) -> Item {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => InputKind::Html,
            Some(e) if e.eq_ignore_ascii_case("txt") => InputKind::Text,
            _ => InputKind::Auto,
        };
        match read_bounded(path, self.max_page_bytes) {
            Ok(bytes) => {
                self.bytes_read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                Item::page(
                    id,
                    None,
                    Page {
                        bytes,
                        charset_hint: None,
                        kind,
                    },
                )
            }
            Err(e) => {
                if e.kind == "too_large" {
                    let size = fs::metadata(path).map_or(0, |m| m.len());
                    self.bytes_read.fetch_add(size, Ordering::Relaxed);
                }
                Item::failed(id, None, e)
            }
        }
    }
}

impl Source for DirSource {
    fn next_item(&mut self) -> Option<Item> {
        while let Some(path) = self.stack.pop() {
            let meta = match fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(e) => return Some(self.unreadable(&path, &e)),
            };
            if meta.is_dir() {
                match sorted_children(&path) {
                    Ok(children) => self.stack.extend(children),
                    Err(e) => return Some(self.unreadable(&path, &e)),
                }
                continue;
            }
            let is_file =
                meta.is_file() || (meta.file_type().is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file()));
            if is_file {
                return Some(self.read_file(&path));
            }
            tracing::debug!(path = %path.display(), "skipping non-regular file");
        }
        None
    }
}

impl DirSource {
    fn unreadable(&self, path: &Path, e: &std::io::Error) -> Item {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        Item::failed(
            rel.display().to_string(),
            None,
            DocError::new("read", format!("cannot read {}: {e}", path.display())),
        )
    }
}

/// Children of `dir`, sorted by name descending (so that popping yields ascending order).
fn sorted_children(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut children = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    children.sort_unstable_by(|a, b| b.cmp(a));
    Ok(children)
}

/// Reads a whole file, refusing (without reading) files larger than `limit`.
fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, DocError> {
    let read_err = |e: std::io::Error| DocError::new("read", format!("{}: {e}", path.display()));
    let file = fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(read_err)?;
    if bytes.len() > limit {
        return Err(DocError::new(
            "too_large",
            format!("{} is larger than {limit} bytes", path.display()),
        ));
    }
    Ok(bytes)
}
