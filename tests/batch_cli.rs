//! `spamsift batch` end to end: the built binary with the shipped model.

mod batch_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use batch_support::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_spamsift"))
}

fn jsonl_docs(n: usize) -> Vec<u8> {
    (0..n)
        .map(|i| {
            let html = if i % 5 == 2 {
                spam_page(SPAM_BLOCK)
            } else {
                clean_page(i)
            };
            serde_json::json!({"id": format!("p{i:05}"), "html": html}).to_string() + "\n"
        })
        .collect::<String>()
        .into_bytes()
}

fn expected_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("p{i:05}")).collect()
}

#[test]
fn pipe_mode_preserves_order_and_completeness() {
    let mut input = jsonl_docs(120);
    input.extend_from_slice(b"{broken\n");
    input.extend_from_slice(
        serde_json::json!({"id": "last", "text": "最后一条。"})
            .to_string()
            .as_bytes(),
    );
    let mut child = bin()
        .args(["batch", "-", "--threads", "2", "--chunk-docs", "16"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = parse_lines(&out.stdout);
    let mut want = expected_ids(120);
    want.push("-:121".into());
    want.push("last".into());
    assert_eq!(ids(&lines), want);
    assert_eq!(lines[120]["error_kind"], "malformed");
    assert_ne!(
        lines[2]["verdict"], "clean",
        "the obvious spam page was not flagged: {}",
        lines[2]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("documents: 122"), "{stderr}");
}

#[test]
fn warc_gz_on_stdin_and_directory_with_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let w = test_warc();
    let gz = gzip_members(&w.records);
    let dir = tmp.path().join("pages");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("spam-1.html"), spam_page(SPAM_BLOCK)).unwrap();
    std::fs::write(dir.join("sub/clean-1.html"), clean_page(1)).unwrap();
    let out = tmp.path().join("out.jsonl");
    let summary = tmp.path().join("summary.json");
    let mut child = bin()
        .args(["batch", "-"])
        .arg(&dir)
        .arg("--output")
        .arg(&out)
        .arg("--summary")
        .arg(&summary)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gz).unwrap();
    let res = child.wait_with_output().unwrap();
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let lines = read_lines(&out);
    let mut want: Vec<String> = w.html_ids.iter().map(|s| s.to_string()).collect();
    want.extend(["spam-1".to_owned(), "clean-1".to_owned()]);
    assert_eq!(ids(&lines), want);
    assert!(lines.iter().all(|l| l["score"].is_number()), "{lines:?}");
    assert_eq!(lines[0]["url"], "http://a.example/");
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(s["documents"], 6);
    assert_eq!(s["skipped"]["non_html"], 1);
    assert!(s["docs_per_sec"].is_number());
}

#[test]
fn only_flagged_via_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, jsonl_docs(10)).unwrap();
    let out = bin().arg("batch").arg(&input).arg("--only-flagged").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = ids(&parse_lines(&out.stdout));
    assert!(
        got.contains(&"p00002".to_owned()) && got.contains(&"p00007".to_owned()),
        "{got:?}"
    );
    assert!(got.len() < 10, "{got:?}");
}

fn line_count(path: &Path) -> usize {
    std::fs::read(path).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

#[test]
fn resume_after_kill_9_has_every_id_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 3000;
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, jsonl_docs(n)).unwrap();
    let out: PathBuf = tmp.path().join("out.jsonl");
    let args = |cmd: &mut Command| {
        cmd.arg("batch").arg(&input).arg("--output").arg(&out);
        cmd.args(["--threads", "1", "--chunk-docs", "10"]);
    };
    let mut cmd = bin();
    args(&mut cmd);
    let mut child = cmd.stderr(Stdio::null()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while line_count(&out) < 30 {
        assert!(Instant::now() < deadline, "no progress within 120 s");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let partial = line_count(&out);
    assert!(partial < n, "the run finished before the kill ({partial} lines)");

    let mut cmd = bin();
    args(&mut cmd);
    let again = cmd.output().unwrap();
    assert!(
        !again.status.success(),
        "a rerun without --resume must refuse the unfinished output"
    );

    let mut cmd = bin();
    args(&mut cmd);
    let resumed = cmd.arg("--resume").output().unwrap();
    assert!(resumed.status.success(), "{}", String::from_utf8_lossy(&resumed.stderr));
    assert_eq!(ids(&read_lines(&out)), expected_ids(n));
}

#[test]
fn the_same_pages_score_the_same_from_a_directory_and_a_warc_gz() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let mut records = Vec::new();
    for i in 0..12 {
        let page = if i % 4 == 1 {
            spam_page(SPAM_BLOCK)
        } else {
            clean_page(i)
        };
        std::fs::write(dir.join(format!("pg{i:02}.html")), &page).unwrap();
        let block = http_response("text/html", page.as_bytes());
        records.push(warc_record("response", &format!("pg{i:02}"), None, &block));
    }
    let warc = tmp.path().join("pages.warc.gz");
    std::fs::write(&warc, gzip_members(&records)).unwrap();
    let from_dir = bin().arg("batch").arg(&dir).output().unwrap();
    let from_warc = bin().arg("batch").arg(&warc).output().unwrap();
    assert!(from_dir.status.success() && from_warc.status.success());
    let (a, b) = (parse_lines(&from_dir.stdout), parse_lines(&from_warc.stdout));
    assert_eq!(a.len(), 12);
    assert_eq!(a, b, "directory and WARC input disagree");
}

#[test]
fn output_inside_the_input_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    std::fs::write(pages.join("a.html"), clean_page(1)).unwrap();
    let batch_into = |out: &std::path::Path| {
        bin()
            .arg("batch")
            .arg(&pages)
            .arg("--output")
            .arg(out)
            .output()
            .unwrap()
    };
    for out in [pages.join("out.jsonl"), pages.join("sub/out.jsonl")] {
        let run = batch_into(&out);
        assert!(!run.status.success());
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("is inside the input directory"), "{stderr}");
        assert!(!out.exists(), "{} was written", out.display());
    }
    let run = batch_into(&tmp.path().join("out.jsonl"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}
