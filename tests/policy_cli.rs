//! Operator policy through the `spamsift` binary: score, batch (with --overridden), eval and
//! `policy check`.

use std::path::{Path, PathBuf};

use base64::Engine;
use common::{fixture, spamsift, stderr, stdout};

mod common;

/// The example policy both policy test files use: an allowed host and a deny phrase.
const POLICY: &str = include_str!("fixtures/policy.toml");

/// The clean news page with a brand in disguise (full-width, look-alike, spaced, Traditional).
fn disguised_page() -> String {
    String::from_utf8(fixture("clean_news.html"))
        .unwrap_or_default()
        .replace("干得有模有样。", "干得有模有样。活动由ＡСМЕ娛 樂 城附近的社区组织。")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    path
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

#[test]
fn score_with_an_allow_listed_host_is_clean_and_names_the_rule() {
    let dir = tempdir();
    let policy = write(dir.path(), "p.toml", POLICY.as_bytes());
    let policy = policy.to_string_lossy();
    let page = "tests/fixtures/gbk_hidden_gambling.html";
    let plain = json(&stdout(&spamsift(&["score", page])));
    assert_eq!(plain["verdict"], "spam");
    let out = spamsift(&[
        "score",
        page,
        "--policy",
        &policy,
        "--url",
        "https://sport.example-news.cn/a",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&stdout(&out));
    assert_eq!(v["verdict"], "clean");
    assert_eq!(v["overridden"], true);
    assert_eq!(v["rules"], serde_json::json!(["allow-national-news"]));
    assert_eq!(v["evidence"][0]["feature"], "rule:allow-national-news");
    assert_eq!(v["spans"], plain["spans"]);
}

#[test]
fn score_catches_a_disguised_deny_phrase_with_its_span() {
    let dir = tempdir();
    let policy = write(dir.path(), "p.toml", POLICY.as_bytes());
    let page = write(dir.path(), "page.html", disguised_page().as_bytes());
    let (policy, page) = (policy.to_string_lossy(), page.to_string_lossy());
    let plain = json(&stdout(&spamsift(&["score", &page])));
    assert_eq!(plain["verdict"], "clean");
    let v = json(&stdout(&spamsift(&["score", &page, "--policy", &policy])));
    assert_eq!(v["verdict"], "spam");
    assert_eq!(v["overridden"], true);
    assert_eq!(v["spans"][0]["text"], "ＡСМЕ娛 樂 城");
    assert_eq!(v["spans"][0]["category"], "gambling");
    assert!(
        v["evidence"]
            .as_array()
            .is_some_and(|e| e.iter().any(|x| x["feature"] == "rule:deny-campaign-42"))
    );
}

#[test]
fn policy_check_prints_rules_and_rejects_a_broken_file_with_its_position() {
    let out = spamsift(&["policy", "check", "examples/policy.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for id in [
        "allow-national-news",
        "deny-campaign-42",
        "strict-forum",
        "thresholds.adult",
    ] {
        assert!(text.contains(id), "{id} missing from\n{text}");
    }
    assert!(text.contains("sha256 "));

    let out = spamsift(&["policy", "check", "examples/policy.toml", "--json"]);
    let v = json(&stdout(&out));
    assert_eq!(v["info"]["version"], 1);
    assert_eq!(v["rules"][0]["id"], "allow-national-news");

    let dir = tempdir();
    let broken = write(
        dir.path(),
        "broken.toml",
        b"version = 1\n[[deny]]\nid = \"d\"\nphrases = [\"x\"\ncategory = \"other\"\n",
    );
    let out = spamsift(&["policy", "check", &broken.to_string_lossy()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("broken.toml:5:"), "{err}");
}

#[test]
fn a_broken_policy_stops_score_before_any_output() {
    let dir = tempdir();
    let broken = write(dir.path(), "broken.toml", b"version = 1\n[thresholds]\nadult = 7\n");
    let out = spamsift(&[
        "score",
        "tests/fixtures/clean_news.html",
        "--policy",
        &broken.to_string_lossy(),
    ]);
    assert!(!out.status.success());
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("broken.toml:3:9"), "{}", stderr(&out));
}

#[test]
fn batch_lines_carry_rules_and_overridden_pages_become_training_records() {
    let dir = tempdir();
    let policy = write(dir.path(), "p.toml", POLICY.as_bytes());
    let b64 = base64::engine::general_purpose::STANDARD.encode(fixture("gbk_hidden_gambling.html"));
    let input: String = [
        serde_json::json!({"id": "allowed", "html_base64": b64, "url": "https://www.example-news.cn/x"}),
        serde_json::json!({"id": "disguised", "html": disguised_page(), "url": "https://city.example.org/"}),
        serde_json::json!({"id": "spam", "html_base64": b64, "url": "https://elsewhere.example/"}),
        serde_json::json!({"id": "clean", "html": String::from_utf8(fixture("clean_news.html")).unwrap_or_default()}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect();
    let input = write(dir.path(), "in.jsonl", input.as_bytes());
    let out_path = dir.path().join("out.jsonl");
    let corrections = dir.path().join("corrections.jsonl");
    let out = spamsift(&[
        "batch",
        &input.to_string_lossy(),
        "-o",
        &out_path.to_string_lossy(),
        "--policy",
        &policy.to_string_lossy(),
        "--overridden",
        &corrections.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 overridden"), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out_path)
        .unwrap_or_default()
        .lines()
        .map(json)
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        (&lines[0]["verdict"], &lines[0]["overridden"]),
        (&"clean".into(), &true.into())
    );
    assert_eq!(lines[0]["rules"], serde_json::json!(["allow-national-news"]));
    assert_eq!(
        (&lines[1]["verdict"], &lines[1]["overridden"]),
        (&"spam".into(), &true.into())
    );
    assert_eq!(lines[1]["rules"], serde_json::json!(["deny-campaign-42"]));
    for plain in &lines[2..] {
        assert!(
            plain.get("rules").is_none() && plain.get("overridden").is_none(),
            "{plain}"
        );
    }

    // The corrections read back as labelled training pages.
    let examples = spamsift::train::load_training_data(std::slice::from_ref(&corrections))
        .unwrap_or_else(|e| panic!("corrections must load as training data: {e}"));
    let labels: Vec<(&str, bool, &str)> = examples
        .iter()
        .map(|e| (e.id.as_str(), e.spam, e.category.as_str()))
        .collect();
    assert_eq!(labels, [("allowed", false, "none"), ("disguised", true, "gambling")]);
    assert_eq!(examples[1].injected, ["ＡСМЕ娛 樂 城"]);
    assert!(String::from_utf8_lossy(&examples[0].bytes).contains("春耕生产"));
}

#[test]
fn eval_applies_the_policy() {
    let dir = tempdir();
    // Allow every spam fixture's words away is not needed: a threshold above every score turns
    // the flagged pages into misses, which eval must report.
    let policy = write(
        dir.path(),
        "p.toml",
        b"version = 1\n[thresholds]\nadult = 1.0\ngambling = 1.0\nother = 1.0\n",
    );
    let base = spamsift(&["eval", "--data", "tests/fixtures/labelled.jsonl", "--json"]);
    assert!(base.status.success(), "{}", stderr(&base));
    let with = spamsift(&[
        "eval",
        "--data",
        "tests/fixtures/labelled.jsonl",
        "--json",
        "--policy",
        &policy.to_string_lossy(),
    ]);
    assert!(with.status.success(), "{}", stderr(&with));
    let (base, with) = (json(&stdout(&base)), json(&stdout(&with)));
    assert!(base["overall"]["recall"].as_f64().unwrap_or(0.0) > 0.5);
    assert_eq!(with["overall"]["recall"].as_f64(), Some(0.0));
}
