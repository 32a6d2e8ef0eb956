//! Every input a fuzzer found a crash with (kept in `tests/fixtures/fuzz/TARGET-NAME`) goes
//! through the same checks as the fuzz target (`fuzz/checks.rs`), so each fixed crash stays
//! fixed. The seed corpus the fuzzers start from (`fuzz/seeds/TARGET/`) is checked too.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn check_for(target: &str) -> fn(&[u8]) {
    match target {
        "decode" => checks::decode_input,
        "extract_html" => checks::extract_html_input,
        "normalize" => checks::normalize_input,
        "score" => checks::score_input,
        "model_file" => checks::model_file_input,
        "batch_jsonl" => checks::batch_jsonl_input,
        "batch_warc" => checks::batch_warc_input,
        other => panic!("no fuzz target named {other}"),
    }
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    out.sort();
    out
}

#[test]
fn crashers_found_by_fuzzing_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let crashers = files(&dir);
    assert!(!crashers.is_empty(), "no crashers in {}", dir.display());
    for path in crashers {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let target = name.split_once('-').map_or(name.as_str(), |(t, _)| t);
        check_for(target)(&std::fs::read(&path).unwrap());
    }
}

#[test]
fn seed_corpus_passes_every_check() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for dir in files(&seeds) {
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        for path in files(&dir) {
            check_for(&target)(&std::fs::read(&path).unwrap());
        }
    }
}
