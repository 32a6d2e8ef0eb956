//! The hostile-input catalogue: pages an attacker or a broken crawler can send, each of which
//! must be scored, or rejected with a one-line reason, through the library and through `batch`
//! (where one bad document must never stop the others). Huge pages (20 MB, over the limit) are
//! in `bad_input.rs`; crashers the fuzzers found are in `fuzz_regressions.rs`.

mod common;

use std::collections::BTreeMap;

use common::{SHIPPED, noise, spamsift, stderr};
use spamsift::{PageInput, Report};

/// What a catalogue entry must give.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// A report.
    Scored,
    /// A one-line error.
    Rejected,
}

use Outcome::{Rejected, Scored};

/// A spam block, for entries that hide spam behind a trick.
const SPAM: &str = "免费A级毛片无码中文字幕在线观看，澳门新葡京娱乐场在线注册送彩金，百家乐真人荷官";

/// A short clean paragraph.
const PROSE: &str = "市政府今天召开新闻发布会，介绍今年城市交通改善计划的进展情况。";

fn page(body: &str) -> Vec<u8> {
    format!("<html><head><title>新闻</title></head><body><p>{PROSE}</p>{body}</body></html>").into_bytes()
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// Every entry: name, bytes, and what it must give.
fn catalogue() -> Vec<(&'static str, Vec<u8>, Outcome)> {
    let gbk_spam = encoding_rs::GBK.encode(SPAM).0.into_owned();
    let big5 = encoding_rs::BIG5
        .encode("市政府今天召開新聞發布會，介紹交通計畫")
        .0
        .into_owned();
    let mut big5_truncated = big5.clone();
    big5_truncated.pop();
    let mut lying = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
    lying.extend_from_slice(&encoding_rs::GBK.encode(PROSE).0);
    lying.extend_from_slice(&gbk_spam);
    let mut bom_conflict = vec![0xEF, 0xBB, 0xBF];
    bom_conflict.extend(page(&format!("<meta charset=gbk><div>{SPAM}</div>")));
    let mut gzip_page = vec![0x1f, 0x8b, 0x08, 0x00];
    gzip_page.extend(noise(4000, 7));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(20_000, 11));
    let mut unpaired_surrogate = utf16le("<p>文字", true);
    unpaired_surrogate.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
    let zero_width: String = SPAM.chars().flat_map(|c| [c, '\u{200B}', '\u{2060}']).collect();
    let zalgo: String = SPAM
        .chars()
        .flat_map(|c| std::iter::once(c).chain(std::iter::repeat_n('\u{0301}', 300)))
        .collect();
    let entities: String = [
        "&#0;",
        "&#xD800;",
        "&#x110000;",
        "&#99999999999;",
        "&#x41;",
        "&amp",
        "&#;",
        "&#x;",
    ]
    .iter()
    .cycle()
    .take(80_000)
    .copied()
    .collect();
    let links: String = (0..20_000)
        .map(|i| format!("<a href=\"http://u{i}@h{i}.example/\">链接{i}</a>"))
        .collect();
    let odd_links = "<a href=\"http://[::1\">a</a><a href=\"http://%zz/\">b</a><a href=\"javascript:alert(1)\">c</a>\
        <a href=\"http://exa mple.com/\">d</a><a href=\"//\">e</a><a href=\"http:\\\\\\\\x\">f</a><base href=\"::::\">";
    let hidden_css: String = (0..10_000).map(|i| format!(".h{i}{{display:none}}")).collect();
    vec![
        ("empty", Vec::new(), Rejected),
        ("whitespace-only", b" \n\t\r\n  ".to_vec(), Scored),
        ("one-nul-byte", vec![0], Rejected),
        ("binary-noise", noise(50_000, 0x2545_f491), Rejected),
        ("png-image", png, Rejected),
        ("gzip-stream", gzip_page, Rejected),
        (
            "utf16le-with-bom",
            utf16le(&String::from_utf8_lossy(&page(SPAM)), true),
            Scored,
        ),
        (
            "utf16le-without-bom",
            utf16le(&format!("{PROSE}{SPAM}"), false),
            Rejected,
        ),
        ("utf16-unpaired-surrogate", unpaired_surrogate, Scored),
        ("utf8-bom-with-gbk-meta", bom_conflict, Scored),
        ("gbk-declared-as-utf8", lying, Scored),
        ("big5-cut-mid-character", big5_truncated, Scored),
        (
            "invalid-utf8-sequences",
            [&page("")[..], &[0xC3, 0x28, 0xF0, 0x28, 0x8C, 0x28, 0xFF]].concat(),
            Scored,
        ),
        (
            "unknown-charset-labels",
            page("<meta charset=utf-7><meta charset=x-no-such-thing><meta charset=\"\">"),
            Scored,
        ),
        (
            "100k-nested-divs",
            format!("{}{SPAM}", "<div>".repeat(100_000)).into_bytes(),
            Scored,
        ),
        (
            "100k-unclosed-inline-tags",
            "<p><b><i><font>".repeat(25_000).into_bytes(),
            Scored,
        ),
        (
            "unclosed-comment",
            format!("<html><body><p>{PROSE}</p><!-- {SPAM}").into_bytes(),
            Scored,
        ),
        (
            "unclosed-script",
            format!("<html><body><p>{PROSE}</p><script>var a='{SPAM}").into_bytes(),
            Scored,
        ),
        (
            "plaintext-tag",
            page(&format!("<plaintext><div>{SPAM}</div></p></body>")),
            Scored,
        ),
        (
            "foreign-content",
            page(&format!(
                "<svg><foreignObject><div>{SPAM}</div></foreignObject><script>location='x'</script></svg><math><mi>{SPAM}</mi></math>"
            )),
            Scored,
        ),
        (
            "template-and-srcdoc",
            page(&format!(
                "<template><p>{SPAM}</p></template><iframe srcdoc=\"&lt;p&gt;{SPAM}\"></iframe>"
            )),
            Scored,
        ),
        (
            "10k-hidden-css-rules",
            page(&format!("<style>{hidden_css}</style><div class=h9999>{SPAM}</div>")),
            Scored,
        ),
        (
            "unterminated-style",
            page(&format!("<style>.x{{display:none<div class=x>{SPAM}</div>")),
            Scored,
        ),
        ("one-200k-char-line", "网".repeat(200_000).into_bytes(), Scored),
        (
            "megabyte-attribute",
            page(&format!("<div title=\"{}\">{SPAM}</div>", "x".repeat(1 << 20))),
            Scored,
        ),
        (
            "megabyte-title",
            format!("<title>{}</title>", "标题".repeat(200_000)).into_bytes(),
            Scored,
        ),
        ("80k-odd-entities", page(&entities), Scored),
        ("20k-links-with-userinfo", page(&links), Scored),
        ("unparsable-urls", page(odd_links), Scored),
        (
            "zero-width-inside-spam",
            page(&format!("<div>{zero_width}</div>")),
            Scored,
        ),
        (
            "bidi-overrides",
            page(&format!("<div>\u{202E}{SPAM}\u{202C}\u{2066}{SPAM}\u{2069}</div>")),
            Scored,
        ),
        ("combining-mark-storm", page(&format!("<div>{zalgo}</div>")), Scored),
        (
            "noncharacters-and-private-use",
            page("<div>\u{FFFF}\u{FDD0}\u{E000}\u{F8FF}\u{10FFFF}</div>"),
            Scored,
        ),
        (
            "control-characters",
            page("<div>\u{1}\u{8}\u{B}\u{C}\u{1B}[31m\u{7F}\u{85}\r\r\r</div>"),
            Scored,
        ),
        (
            "markup-without-text",
            "<div></div><span> </span>".repeat(20_000).into_bytes(),
            Scored,
        ),
        (
            "meta-refresh-to-javascript",
            page("<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">"),
            Scored,
        ),
    ]
}

/// Checks a report against its input: spans inside the bytes, scores finite and in range.
fn check_report(name: &str, bytes: &[u8], report: &Report) {
    assert!((0.0..=1.0).contains(&report.score), "{name}: score {}", report.score);
    for span in &report.spans {
        assert!(
            span.start < span.end && span.end <= bytes.len(),
            "{name}: span {span:?} outside {} bytes",
            bytes.len()
        );
        assert!(span.score.is_finite(), "{name}: span score {}", span.score);
    }
}

#[test]
fn every_entry_is_scored_or_rejected_with_a_one_line_reason() {
    let entries = catalogue();
    assert!(entries.len() >= 29, "the catalogue has {} entries", entries.len());
    for (name, bytes, want) in &entries {
        match (SHIPPED.score(&PageInput::new(bytes)), want) {
            (Ok(report), Scored) => check_report(name, bytes, &report),
            (Err(e), Rejected) => {
                let reason = e.to_string();
                assert!(
                    !reason.is_empty() && !reason.contains('\n'),
                    "{name}: reason {reason:?}"
                );
            }
            (got, _) => panic!("{name}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn tricks_do_not_hide_the_spam() {
    let entries: BTreeMap<_, _> = catalogue().into_iter().map(|(name, bytes, _)| (name, bytes)).collect();
    for name in [
        "utf16le-with-bom",
        "utf8-bom-with-gbk-meta",
        "gbk-declared-as-utf8",
        "zero-width-inside-spam",
        "bidi-overrides",
        "10k-hidden-css-rules",
    ] {
        let report = SHIPPED
            .score(&PageInput::new(&entries[name]))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            report.verdict != spamsift::Verdict::Clean,
            "{name}: spam not found, score {}",
            report.score
        );
    }
}

#[test]
fn batch_gives_every_entry_exactly_one_line() {
    let entries = catalogue();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let pages = tmp.path().join("pages");
    std::fs::create_dir(&pages).unwrap_or_else(|e| panic!("pages dir: {e}"));
    for (name, bytes, _) in &entries {
        std::fs::write(pages.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let out = tmp.path().join("out.jsonl");
    let run = spamsift(&["batch", &pages.to_string_lossy(), "--output", &out.to_string_lossy()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("batch output: {e}"));
    let mut seen: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        let id = value["id"].as_str().unwrap_or_default().to_owned();
        assert!(seen.insert(id.clone(), value).is_none(), "{id} appears twice");
    }
    assert_eq!(seen.len(), entries.len(), "ids: {:?}", seen.keys().collect::<Vec<_>>());
    for (name, _, want) in &entries {
        let line = seen
            .iter()
            .find(|(id, _)| id.ends_with(name))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("{name} missing from the batch output"));
        match want {
            Scored => assert!(line["verdict"].is_string(), "{name}: {line}"),
            Rejected => {
                let error = line["error"].as_str().unwrap_or_default();
                assert!(!error.is_empty() && !error.contains('\n'), "{name}: {line}");
            }
        }
    }
}
