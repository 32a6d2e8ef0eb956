//! Labelled pages for training and evaluation: our `training-data/` records and the
//! bench format (`{"id","html"|"text","label","category","kind","injected",…}` per line).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::error::ModelError;
use crate::input::{InputKind, PageInput};
use crate::page_record::{PageFieldError, is_gzip, record_id, take_page};
use crate::report::Category;

/// One labelled page (`html`, `text`, or a raw `file` beside the JSONL file).
#[derive(Debug, Clone)]
pub struct Example {
    /// Page id.
    pub id: String,
    /// Page bytes (UTF-8 of the JSON string).
    pub bytes: Vec<u8>,
    /// HTML or plain text.
    pub kind_hint: InputKind,
    /// Spam or clean.
    pub spam: bool,
    /// Page category: `adult`, `gambling`, `other`, `mixed` or `none`.
    pub category: String,
    /// Page kind (e.g. `hard_negative`, `hidden_div`), when given.
    pub kind: Option<String>,
    /// Exact injected snippets.
    pub injected: Vec<String>,
    /// Category of each injected snippet, when given.
    pub injected_categories: Vec<Option<Category>>,
    /// Obfuscations applied, when given.
    pub obfuscation: Vec<String>,
    /// Source file and line, for messages.
    pub origin: String,
}

impl Example {
    /// The page as scoring input.
    pub fn page_input(&self) -> PageInput<'_> {
        PageInput {
            bytes: &self.bytes,
            charset_hint: None,
            kind: self.kind_hint,
        }
    }
}

/// A record that could not be used.
#[derive(Debug, Error)]
pub enum DataError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A line is not a valid record.
    #[error("{path}:{line}: {reason}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// The labels of a record; the id and the page are read by `page_record`'s shared rules.
#[derive(Deserialize)]
struct Record {
    file: Option<String>,
    label: Option<String>,
    category: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    injected: Vec<String>,
    #[serde(default)]
    injected_categories: Vec<String>,
    #[serde(default)]
    obfuscation: Option<serde_json::Value>,
}

/// Every `.jsonl` / `.jsonl.gz` file under the given files and directories, sorted.
pub fn data_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, DataError> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files)?;
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// `*.jsonl` or `*.jsonl.gz`.
fn is_data_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// Reads a data file, decompressing gzip (recognised by its magic number).
fn read_data_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if is_gzip(&raw) {
        let mut out = Vec::with_capacity(raw.len() * 4);
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&raw[..]), &mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), DataError> {
    let io = |source| DataError::Io {
        path: path.display().to_string(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.is_dir() || is_data_file(&p) {
            collect(&p, out)?;
        }
    }
    Ok(())
}

/// Reads all examples; returns them with every bad line's error (the caller decides).
pub fn read_examples(files: &[PathBuf]) -> Result<(Vec<Example>, Vec<DataError>), DataError> {
    let mut examples = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let path = file.display().to_string();
        let content = read_data_file(file).map_err(|source| DataError::Io {
            path: path.clone(),
            source,
        })?;
        for (i, line) in content.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match parse_line(line, file, i + 1) {
                Ok(e) => examples.push(e),
                Err(reason) => errors.push(DataError::Line {
                    path: path.clone(),
                    line: i + 1,
                    reason,
                }),
            }
        }
    }
    Ok((examples, errors))
}

fn parse_line(line: &[u8], file: &Path, number: usize) -> Result<Example, String> {
    let path = file.display();
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| format!("not a JSON record: {e}"))?;
    let serde_json::Value::Object(mut fields) = value else {
        return Err("not a JSON record: not an object".into());
    };
    let id = record_id(&fields).ok_or("missing \"id\"")?;
    let page = take_page(&mut fields);
    let r: Record =
        serde_json::from_value(serde_json::Value::Object(fields)).map_err(|e| format!("not a JSON record: {e}"))?;
    let (bytes, kind_hint) = match (page, r.file) {
        (Ok(page), _) => page,
        (Err(PageFieldError::Missing), Some(f)) => {
            // A raw page file next to the label file (the bench's dev-raw layout).
            let raw = file.parent().unwrap_or(Path::new(".")).join(&f);
            let bytes = std::fs::read(&raw).map_err(|e| format!("record {id}: cannot read {}: {e}", raw.display()))?;
            (bytes, InputKind::Auto)
        }
        (Err(PageFieldError::Missing), None) => {
            return Err(format!(
                "record {id}: needs \"html\", \"html_base64\", \"text\" or \"file\""
            ));
        }
        (Err(e), _) => return Err(format!("record {id}: {e}")),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("record {id}: page is empty"));
    }
    let spam = match r.label.as_deref() {
        Some("spam") => true,
        Some("clean") => false,
        Some(other) => {
            return Err(format!(
                "record {id}: label must be \"spam\" or \"clean\", not {other:?}"
            ));
        }
        None => return Err(format!("record {id}: missing \"label\"")),
    };
    let category = r
        .category
        .unwrap_or_else(|| if spam { "mixed".into() } else { "none".into() });
    let known = ["adult", "gambling", "other", "mixed", "none"];
    if !known.contains(&category.as_str()) {
        return Err(format!(
            "record {id}: unknown category {category:?} (expected one of {})",
            known.join(", ")
        ));
    }
    if spam == (category == "none") {
        return Err(format!(
            "record {id}: label {:?} does not fit category {category:?}",
            if spam { "spam" } else { "clean" }
        ));
    }
    let injected_categories = r.injected_categories.iter().map(|c| Category::from_name(c)).collect();
    let obfuscation = match r.obfuscation {
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        Some(serde_json::Value::String(s)) if !s.is_empty() => vec![s],
        _ => Vec::new(),
    };
    Ok(Example {
        id,
        bytes,
        kind_hint,
        spam,
        category,
        kind: r.kind,
        injected: r.injected,
        injected_categories,
        obfuscation,
        origin: format!("{path}:{number}"),
    })
}

/// Reads training files, refusing the data if any line is bad.
pub fn load_training_data(paths: &[PathBuf]) -> Result<Vec<Example>, ModelError> {
    let files = data_files(paths).map_err(|e| ModelError::Training(e.to_string()))?;
    if files.is_empty() {
        return Err(ModelError::Training("no .jsonl files found in the given paths".into()));
    }
    let (examples, errors) = read_examples(&files).map_err(|e| ModelError::Training(e.to_string()))?;
    if !errors.is_empty() {
        let shown: Vec<String> = errors.iter().take(20).map(|e| e.to_string()).collect();
        return Err(ModelError::Training(format!(
            "{} bad line(s) in the training data:\n{}{}",
            errors.len(),
            shown.join("\n"),
            if errors.len() > 20 { "\n…" } else { "" }
        )));
    }
    Ok(examples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_with_numbers() {
        let dir = std::env::temp_dir().join(format!("spamsift-data-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("d.jsonl");
        let lines = [
            r#"{"id":"a","html":"<p>x</p>","label":"clean","category":"none"}"#,
            r#"{"id":"b","html":"<p>x</p>","label":"maybe"}"#,
            "not json",
            "",
            r#"{"id":"c","text":"免费","label":"spam","category":"adult","injected":["免费"]}"#,
        ];
        let _ = std::fs::write(&file, lines.join("\n"));
        let (ok, errors) = read_examples(&[file]).unwrap_or_default();
        assert_eq!(ok.len(), 2);
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 2);
        assert!(
            msgs[0].ends_with(":2: record b: label must be \"spam\" or \"clean\", not \"maybe\""),
            "{}",
            msgs[0]
        );
        assert!(msgs[1].contains(":3: not a JSON record"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
