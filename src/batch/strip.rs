//! `--strip-output`: the page with its injected spans cut out, as UTF-8 text.

use std::path::{Path, PathBuf};

use crate::Report;
use crate::atomic_write::write_atomic;

use super::shard::stable_hash;

/// The page bytes with every span of `report` removed, decoded with the page's encoding.
pub fn cleaned_text(bytes: &[u8], report: &Report) -> String {
    let mut spans: Vec<(usize, usize)> = report
        .spans
        .iter()
        .map(|s| (s.start.min(bytes.len()), s.end.min(bytes.len())))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut kept = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    for (start, end) in spans {
        if start > pos {
            kept.extend_from_slice(&bytes[pos..start]);
        }
        pos = pos.max(end);
    }
    kept.extend_from_slice(&bytes[pos.min(bytes.len())..]);
    let encoding = encoding_rs::Encoding::for_label(report.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(&kept);
    text.into_owned()
}

/// A file name for `id` that is safe on every file system and unique per id: the id's safe
/// characters, plus a hash of the id whenever anything had to be changed.
pub fn file_name(id: &str, input_kind: &str) -> String {
    let mut safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if safe != id || safe.is_empty() || safe.starts_with('.') {
        safe = format!("{}-{:016x}", safe.trim_start_matches('.'), stable_hash(id.as_bytes()));
    }
    let ext = if input_kind == "text" { "txt" } else { "html" };
    format!("{safe}.{ext}")
}

/// Writes the cleaned page atomically (temporary file, fsync, rename) into `dir`.
pub fn write(dir: &Path, id: &str, bytes: &[u8], report: &Report) -> std::io::Result<PathBuf> {
    let path = dir.join(file_name(id, &report.input_kind));
    write_atomic(&path, cleaned_text(bytes, report).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, CategoryScores, Span, Verdict};

    fn report(spans: &[(usize, usize)], encoding: &str) -> Report {
        Report {
            score: 0.9,
            verdict: Verdict::Spam,
            categories: CategoryScores::default(),
            spans: spans
                .iter()
                .map(|&(start, end)| Span {
                    start,
                    end,
                    category: Category::Adult,
                    score: 0.9,
                    region: "body".into(),
                })
                .collect(),
            evidence: vec![],
            encoding: encoding.into(),
            input_kind: "html".into(),
        }
    }

    #[test]
    fn removes_spans_even_overlapping_or_out_of_range() {
        let page = b"0123456789";
        assert_eq!(cleaned_text(page, &report(&[(2, 4), (3, 6), (8, 99)], "UTF-8")), "0167");
    }

    #[test]
    fn decodes_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("好XX坏");
        assert_eq!(cleaned_text(&gbk, &report(&[(2, 4)], "GBK")), "好坏");
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        assert_eq!(file_name("dev-001", "html"), "dev-001.html");
        let a = file_name("<urn:uuid:1>", "html");
        let b = file_name("<urn_uuid:1>", "html");
        assert!(a.starts_with("_urn_uuid_1_-") && a != b, "{a} {b}");
        assert!(!file_name("../x", "text").contains('/'));
    }
}
