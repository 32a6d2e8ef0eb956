//! The `spamsift` binary: score, eval and train as a user runs them.

use common::{spamsift, stderr, stdout};

mod common;

#[test]
fn score_prints_json_with_span_text() {
    let out = spamsift(&["score", "tests/fixtures/gbk_hidden_gambling.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_default();
    assert_eq!(v["verdict"], "spam");
    let text = v["spans"][0]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("澳门葡京"), "{text}");
}

#[test]
fn score_reports_a_missing_file_clearly() {
    let out = spamsift(&["score", "tests/fixtures/no-such-page.html"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-page.html"), "{}", stderr(&out));
}

#[test]
fn score_rejects_an_empty_page() {
    let dir = std::env::temp_dir().join(format!("spamsift-cli-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let empty = dir.join("empty.html");
    let _ = std::fs::write(&empty, b"");
    let out = spamsift(&["score", &empty.display().to_string()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("empty input"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_prints_metrics_and_predictions() {
    let dir = std::env::temp_dir().join(format!("spamsift-eval-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let preds = dir.join("pred.jsonl");
    let out = spamsift(&[
        "eval",
        "--data",
        "tests/fixtures/labelled.jsonl",
        "--predictions",
        &preds.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("precision 1.0000  recall 1.0000  F1 1.0000"), "{text}");
    assert!(text.contains("hard_negative"), "{text}");
    let lines = std::fs::read_to_string(&preds).unwrap_or_default();
    assert_eq!(lines.lines().count(), 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn train_refuses_bad_lines_with_their_numbers() {
    let dir = std::env::temp_dir().join(format!("spamsift-train-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let data = dir.join("bad.jsonl");
    let _ = std::fs::write(
        &data,
        "{\"id\":\"a\",\"html\":\"<p>x</p>\",\"label\":\"clean\"}\n{\"id\":\"b\",\"label\":\"spam\"}\n{broken\n",
    );
    let model = dir.join("m.ssm");
    let out = spamsift(&[
        "train",
        "--data",
        &data.display().to_string(),
        "--output",
        &model.display().to_string(),
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("2 bad line(s)"), "{err}");
    assert!(
        err.contains("bad.jsonl:2: record b: needs \"html\", \"html_base64\", \"text\" or \"file\""),
        "{err}"
    );
    assert!(err.contains("bad.jsonl:3: not a JSON record"), "{err}");
    assert!(!model.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_model_is_refused_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("spamsift-model-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let model = dir.join("m.ssm");
    let _ = std::fs::write(&model, b"SPAMSIFT\x01\x00\x00\x00 truncated");
    let out = spamsift(&[
        "score",
        "--model",
        &model.display().to_string(),
        "tests/fixtures/clean_news.html",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not a valid spamsift model"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_takes_a_single_page_file_and_writes_to_a_device() {
    let out = spamsift(&["batch", "tests/fixtures/gbk_hidden_gambling.html", "--output", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap_or_default();
    assert_eq!(line["id"], "gbk_hidden_gambling");
    assert_eq!(line["verdict"], "spam");
    let out = spamsift(&["batch", "tests/fixtures", "--output", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
