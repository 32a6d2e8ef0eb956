//! The batch runner driven through the library with a fake scorer: inputs, outputs, filters,
//! shards and crash recovery, independent of the real model.

mod batch_support;

use std::path::{Path, PathBuf};

use batch_support::*;
use spamsift::batch::{
    self, BatchError, BatchOptions, InputSpec, NoProgress, OutputSpec, Progress, ProgressSnapshot, Shard, Summary,
};

fn opts(inputs: &[&Path], out: &Path) -> BatchOptions {
    let mut o = BatchOptions::new(
        inputs.iter().map(|p| InputSpec::Path(p.to_path_buf())).collect(),
        OutputSpec::File(out.to_path_buf()),
    );
    o.threads = 2;
    o
}

fn run(o: &BatchOptions) -> Summary {
    batch::run(&FakeScorer, o, &mut NoProgress).expect("run failed")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn check_warc_output(lines: &[serde_json::Value], w: &TestWarc, truncated_id: &str) {
    let mut expected: Vec<String> = w.html_ids.iter().map(|s| s.to_string()).collect();
    expected.push(truncated_id.to_owned());
    assert_eq!(ids(lines), expected);
    for line in lines {
        let id = line["id"].as_str().unwrap();
        if id == truncated_id {
            assert_eq!(line["error_kind"], "truncated", "{line}");
            assert!(line["url"].is_string(), "{line}");
            continue;
        }
        assert!(line["url"].as_str().unwrap().starts_with("http://"), "{line}");
        let want = if w.spam_ids.contains(&id) { "spam" } else { "clean" };
        assert_eq!(line["verdict"], want, "{line}");
        for key in ["adult", "gambling", "other"] {
            assert!(line["categories"][key].is_number(), "{line}");
        }
        if want == "spam" {
            let span = &line["spans"][0];
            assert!(span["end"].as_u64() > span["start"].as_u64(), "{line}");
            assert!(span["category"].is_string() && span["score"].is_number(), "{line}");
        }
    }
}

#[test]
fn warc_plain_and_per_record_gzip() {
    let tmp = tempfile::tempdir().unwrap();
    let w = test_warc();
    let mut records = w.records.clone();
    records.push(truncated_record("<urn:uuid:cut>"));
    let plain = write(tmp.path(), "crawl.warc", &records.concat());
    let gz = write(tmp.path(), "crawl.warc.gz", &gzip_members(&records));
    for input in [&plain, &gz] {
        let out = tmp.path().join("out.jsonl");
        let mut o = opts(&[input], &out);
        o.overwrite = true;
        let summary = run(&o);
        check_warc_output(&read_lines(&out), &w, "<urn:uuid:cut>");
        assert_eq!(summary.stats.skipped.get("non_html"), Some(&1), "{summary:?}");
        assert_eq!(summary.stats.skipped.get("non_response"), Some(&2), "{summary:?}");
        assert_eq!(summary.stats.errors.get("truncated"), Some(&1), "{summary:?}");
        assert_eq!(summary.stats.flagged, 2);
    }
}

#[test]
fn gzip_cut_inside_last_member_reports_that_record() {
    let tmp = tempfile::tempdir().unwrap();
    let w = test_warc();
    let mut gz = gzip_members(&w.records);
    let last = gzip_members(&[warc_record(
        "response",
        "<urn:uuid:tail>",
        None,
        &http_response("text/html", clean_page(3).as_bytes()),
    )]);
    gz.extend_from_slice(&last[..last.len() - 40]);
    let input = write(tmp.path(), "cut.warc.gz", &gz);
    let out = tmp.path().join("out.jsonl");
    run(&opts(&[&input], &out));
    let lines = read_lines(&out);
    assert_eq!(ids(&lines).len(), w.html_ids.len() + 1);
    let tail = lines.last().unwrap();
    assert!(tail["error"].is_string(), "{tail}");
}

#[test]
fn directory_ids_are_file_stems_recursively() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pages");
    write(&dir, "a.html", clean_page(1).as_bytes());
    write(&dir, "sub/b.htm", spam_page(SPAM_BLOCK).as_bytes());
    write(&dir, "sub/deeper/c", clean_page(2).as_bytes());
    write(&dir, "empty.html", b"");
    let out = tmp.path().join("out.jsonl");
    let summary = run(&opts(&[&dir], &out));
    let lines = read_lines(&out);
    assert_eq!(ids(&lines), ["a", "empty", "b", "c"]);
    assert_eq!(lines[1]["error_kind"], "empty");
    assert_eq!(lines[2]["verdict"], "spam");
    assert_eq!(summary.stats.documents, 4);
}

#[test]
fn jsonl_malformed_lines_get_error_lines_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let spam = serde_json::json!({"id": "s1", "html": spam_page(SPAM_BLOCK), "url": "http://s/"});
    let b64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(clean_page(4))
    };
    let text = [
        serde_json::json!({"id": "c1", "html": clean_page(1)}).to_string(),
        "{this is not json".to_owned(),
        String::new(),
        serde_json::json!({"html": "<p>no id</p>"}).to_string(),
        spam.to_string(),
        serde_json::json!({"id": "t1", "text": "纯文本，没有问题。"}).to_string(),
        serde_json::json!({"id": "b1", "html_base64": b64}).to_string(),
        serde_json::json!({"id": "n1"}).to_string(),
    ]
    .join("\n");
    let input = write(tmp.path(), "in.jsonl", text.as_bytes());
    let out = tmp.path().join("out.jsonl");
    let summary = run(&opts(&[&input], &out));
    let lines = read_lines(&out);
    let name = input.display().to_string();
    assert_eq!(
        ids(&lines),
        [
            "c1".to_owned(),
            format!("{name}:2"),
            format!("{name}:4"),
            "s1".into(),
            "t1".into(),
            "b1".into(),
            "n1".into()
        ]
    );
    assert_eq!(lines[1]["error_kind"], "malformed");
    assert_eq!(lines[2]["error_kind"], "malformed");
    assert_eq!(lines[3]["verdict"], "spam");
    assert_eq!(lines[3]["url"], "http://s/");
    assert_eq!(lines[5]["verdict"], "clean");
    assert_eq!(lines[6]["error_kind"], "malformed");
    assert_eq!(summary.stats.errors.get("malformed"), Some(&3));
}

#[test]
fn several_inputs_in_one_run_keep_their_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    write(&dir, "x.html", clean_page(1).as_bytes());
    let jsonl = write(
        tmp.path(),
        "a.jsonl",
        serde_json::json!({"id": "j", "html": clean_page(2)})
            .to_string()
            .as_bytes(),
    );
    let warc = write(tmp.path(), "w.warc.gz", &gzip_members(&test_warc().records));
    let out = tmp.path().join("out.jsonl");
    run(&opts(&[&jsonl, &dir, &warc], &out));
    let got = ids(&read_lines(&out));
    assert_eq!(&got[..2], ["j", "x"]);
    assert_eq!(got.len(), 2 + test_warc().html_ids.len());
}

fn many_docs(tmp: &Path, n: usize) -> PathBuf {
    let text: String = (0..n)
        .map(|i| {
            let html = if i % 7 == 3 {
                spam_page(SPAM_BLOCK)
            } else {
                clean_page(i)
            };
            serde_json::json!({"id": format!("doc-{i:05}"), "html": html}).to_string() + "\n"
        })
        .collect();
    write(tmp, "many.jsonl", text.as_bytes())
}

#[test]
fn shards_are_disjoint_and_cover_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let input = many_docs(tmp.path(), 300);
    let mut all = Vec::new();
    for k in 0..3 {
        let out = tmp.path().join(format!("shard{k}.jsonl"));
        let mut o = opts(&[&input], &out);
        o.shard = Some(Shard { index: k, count: 3 });
        let summary = run(&o);
        let got = ids(&read_lines(&out));
        assert!(got.len() > 50, "shard {k} has only {} ids", got.len());
        assert_eq!(
            summary.stats.skipped.get("other_shard").copied().unwrap_or(0) as usize,
            300 - got.len()
        );
        all.extend(got);
    }
    all.sort();
    let expected: Vec<String> = (0..300).map(|i| format!("doc-{i:05}")).collect();
    assert_eq!(all, expected);
}

#[test]
fn only_flagged_and_min_score_keep_error_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let text = [
        serde_json::json!({"id": "c", "html": clean_page(1)}).to_string(),
        serde_json::json!({"id": "s", "html": spam_page(SPAM_BLOCK)}).to_string(),
        "garbage".to_owned(),
    ]
    .join("\n");
    let input = write(tmp.path(), "in.jsonl", text.as_bytes());
    for variant in 0..2 {
        let out = tmp.path().join(format!("out{variant}.jsonl"));
        let mut o = opts(&[&input], &out);
        if variant == 0 {
            o.only_flagged = true;
        } else {
            o.min_score = Some(0.5);
        }
        let summary = run(&o);
        let got = ids(&read_lines(&out));
        assert_eq!(got, ["s".to_owned(), format!("{}:3", input.display())]);
        assert_eq!(summary.stats.filtered_out, 1);
    }
}

#[test]
fn strip_output_removes_the_injected_spans() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pages");
    write(&dir, "spam.html", spam_page(SPAM_BLOCK).as_bytes());
    write(&dir, "clean.html", clean_page(1).as_bytes());
    let w = test_warc();
    let warc = write(tmp.path(), "w.warc", &w.records.concat());
    let strip = tmp.path().join("strip");
    let out = tmp.path().join("out.jsonl");
    let mut o = opts(&[&dir, &warc], &out);
    o.strip_output = Some(strip.clone());
    run(&o);
    let cleaned = std::fs::read_to_string(strip.join("spam.html")).unwrap();
    assert!(
        cleaned.contains("今天白天多云转晴") && cleaned.contains("明天有小雨"),
        "{cleaned}"
    );
    for kw in ["毛片", "葡京", "彩金", "中文字幕"] {
        assert!(!cleaned.contains(kw), "{kw} left in {cleaned}");
    }
    assert!(!strip.join("clean.html").exists());
    let files: Vec<String> = std::fs::read_dir(&strip)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 3, "{files:?}"); // spam.html + the GBK and Big5 WARC pages
    let gbk = files
        .iter()
        .find(|f| f.starts_with("_urn_uuid_gbk-spam_"))
        .expect("GBK page stripped");
    let gbk_text = std::fs::read_to_string(strip.join(gbk)).unwrap();
    assert!(
        gbk_text.contains("今天白天多云转晴") && !gbk_text.contains("毛片"),
        "{gbk_text}"
    );
}

/// Simulates a crash right after the `n`-th committed chunk.
struct CrashAfter(usize);

impl Progress for CrashAfter {
    fn update(&mut self, _: &ProgressSnapshot) {
        self.0 -= 1;
        if self.0 == 0 {
            panic!("simulated crash");
        }
    }
}

#[test]
fn resume_after_a_crash_with_a_torn_line_gives_every_id_once() {
    let tmp = tempfile::tempdir().unwrap();
    let input = many_docs(tmp.path(), 100);
    let reference = tmp.path().join("ref.jsonl");
    let mut o = opts(&[&input], &reference);
    o.chunk_docs = 7;
    run(&o);

    let out = tmp.path().join("out.jsonl");
    let mut o = opts(&[&input], &out);
    o.chunk_docs = 7;
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        batch::run(&FakeScorer, &o, &mut CrashAfter(3))
    }));
    assert!(
        matches!(crashed, Ok(Err(BatchError::Internal(_))) | Err(_)),
        "the run should have died"
    );
    // What a kill during the next chunk leaves behind: a whole uncommitted line and a torn one.
    let mut bytes = std::fs::read(&out).unwrap();
    assert_eq!(parse_lines(&bytes).len(), 21);
    bytes.extend_from_slice(
        b"{\"id\":\"doc-00021\",\"score\":0.1,\"verdict\":\"clean\",\"categories\":{},\"spans\":[]}\n{\"id\":\"doc-000",
    );
    std::fs::write(&out, &bytes).unwrap();

    // A plain rerun refuses to clobber the unfinished run.
    assert!(matches!(
        batch::run(&FakeScorer, &o, &mut NoProgress),
        Err(BatchError::Unfinished { .. })
    ));
    // A resume with other options is refused.
    let mut other = o.clone();
    other.resume = true;
    other.only_flagged = true;
    assert!(matches!(
        batch::run(&FakeScorer, &other, &mut NoProgress),
        Err(BatchError::Checkpoint { .. })
    ));

    o.resume = true;
    let summary = run(&o);
    assert!(summary.resumed);
    assert_eq!(summary.stats.documents, 100);
    assert_eq!(summary.documents_this_run, 79);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&reference).unwrap());
    // Resuming a complete run changes nothing.
    let again = run(&o);
    assert_eq!(again.documents_this_run, 0);
    assert_eq!(again.stats.documents, 100);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&reference).unwrap());
}

#[test]
fn resume_needs_a_regular_file_and_its_checkpoint_and_overwrite_starts_over() {
    let tmp = tempfile::tempdir().unwrap();
    let input = many_docs(tmp.path(), 30);

    // An output with data but no checkpoint is not resumed, and stays as it was.
    let foreign = write(tmp.path(), "foreign.jsonl", b"not ours\n");
    let mut o = opts(&[&input], &foreign);
    o.resume = true;
    assert!(matches!(
        batch::run(&FakeScorer, &o, &mut NoProgress),
        Err(BatchError::Checkpoint { .. })
    ));
    assert_eq!(std::fs::read(&foreign).unwrap(), b"not ours\n");

    // A device cannot be resumed.
    let mut o = opts(&[&input], Path::new("/dev/null"));
    o.resume = true;
    assert!(matches!(
        batch::run(&FakeScorer, &o, &mut NoProgress),
        Err(BatchError::Checkpoint { .. })
    ));

    // --resume of an output that does not exist yet is a fresh start.
    let out = tmp.path().join("out.jsonl");
    let mut o = opts(&[&input], &out);
    o.resume = true;
    o.chunk_docs = 7;
    let fresh = run(&o);
    assert!(!fresh.resumed);
    assert_eq!(fresh.documents_this_run, 30);
    let reference = std::fs::read(&out).unwrap();

    // --overwrite of an unfinished run starts over from the first item.
    o.resume = false;
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        batch::run(&FakeScorer, &o, &mut CrashAfter(2))
    }));
    assert!(matches!(crashed, Ok(Err(BatchError::Internal(_))) | Err(_)));
    o.overwrite = true;
    let over = run(&o);
    assert!(!over.resumed);
    assert_eq!(over.documents_this_run, 30);
    assert_eq!(std::fs::read(&out).unwrap(), reference);
}

#[test]
fn oversized_pages_are_errors_not_buffered() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    write(&dir, "big.html", &vec![b'a'; 5000]);
    write(&dir, "ok.html", clean_page(1).as_bytes());
    let out = tmp.path().join("out.jsonl");
    let mut o = opts(&[&dir], &out);
    o.max_page_bytes = 4000;
    run(&o);
    let lines = read_lines(&out);
    assert_eq!(ids(&lines), ["big", "ok"]);
    assert_eq!(lines[0]["error_kind"], "too_large");
}

#[test]
fn bad_options_and_missing_inputs_fail_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.jsonl");
    let missing = tmp.path().join("nope.jsonl");
    assert!(matches!(
        batch::run(&FakeScorer, &opts(&[&missing], &out), &mut NoProgress),
        Err(BatchError::Input { .. })
    ));
    let mut o = BatchOptions::new(vec![InputSpec::Stdin], OutputSpec::Stdout);
    o.resume = true;
    assert!(matches!(
        batch::run(&FakeScorer, &o, &mut NoProgress),
        Err(BatchError::Options(_))
    ));
    assert!(!out.exists());
}

/// Every prefix and many corruptions of a WARC stream end cleanly: no panic, no endless loop,
/// and every complete HTML record before the damage still comes out.
#[test]
fn warc_reader_survives_truncation_and_corruption_anywhere() {
    use spamsift::batch::source::{Source, warc::WarcSource};
    let w = test_warc();
    let bytes = w.records.concat();
    let read_all = |data: Vec<u8>| {
        let len = data.len();
        let mut src = WarcSource::new(Box::new(std::io::Cursor::new(data)), "t".into(), 1 << 20);
        let mut items = Vec::new();
        while let Some(item) = src.next_item() {
            items.push(item);
            assert!(items.len() <= len + 1, "endless stream of items");
        }
        items
    };
    let boundaries: Vec<usize> = w
        .records
        .iter()
        .scan(0, |end, r| {
            *end += r.len();
            Some(*end)
        })
        .collect();
    for cut in (0..bytes.len()).step_by(13) {
        let items = read_all(bytes[..cut].to_vec());
        let complete = boundaries.iter().filter(|&&b| b <= cut).count();
        let pages = items
            .iter()
            .filter(|i| matches!(i.payload, spamsift::batch::Payload::Page(_)))
            .count();
        let expected_pages = w.records[..complete]
            .iter()
            .filter(|r| String::from_utf8_lossy(r).contains("text/html"))
            .count();
        assert!(
            pages >= expected_pages,
            "cut at {cut}: {pages} pages, expected at least {expected_pages}"
        );
    }
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..300 {
        let mut data = bytes.clone();
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let pos = (seed % data.len() as u64) as usize;
            data[pos] = (seed >> 32) as u8;
        }
        read_all(data);
    }
}
