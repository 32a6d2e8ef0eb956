//! Fixtures shared by the batch tests: tiny pages, a WARC writer, a fake scorer.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use spamsift::{Category, CategoryScores, Evidence, PageInput, Report, ScoreError, Span, Verdict, batch::Scorer};

/// The injected keyword block of the spam fixtures.
pub const SPAM_BLOCK: &str = "免费A级毛片无码 | 亚洲AV中文字幕在线 | 澳门葡京娱乐城注册送彩金";
/// The same block in traditional characters (for the Big5 fixture).
pub const SPAM_BLOCK_TRAD: &str = "免費A級毛片無碼 | 亞洲AV中文字幕在線 | 澳門葡京娛樂城註冊送彩金";

/// An ordinary page with the spam block injected into a `<div>`.
pub fn spam_page(block: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>本市今日天气预报</title></head>\
         <body><h1>本市今日天气预报</h1><p>今天白天多云转晴，最高气温二十三度，东南风三级。</p>\
         <div class=\"kw\">{block}</div><p>明天有小雨，出门请带伞。</p></body></html>"
    )
}

/// Clean pages: plain news and notices.
pub fn clean_page(n: usize) -> String {
    let topics = [
        "市图书馆周末延长开放时间，读者可在线预约座位。",
        "小学开展垃圾分类主题活动，学生们积极参与。",
        "本周蔬菜价格平稳，西红柿和黄瓜供应充足。",
        "社区医院提醒居民按时接种流感疫苗。",
        "地铁三号线完成信号系统升级，运行更加平稳。",
    ];
    let topic = topics[n % topics.len()];
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>社区新闻 {n}</title></head>\
         <body><h1>社区新闻</h1><p>{topic}</p><p>编号 {n}。欢迎市民关注。</p></body></html>"
    )
}

/// One WARC record.
pub fn warc_record(warc_type: &str, id: &str, uri: Option<&str>, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    write!(out, "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: {id}\r\n").unwrap();
    write!(out, "WARC-Date: 2024-06-01T00:00:00Z\r\n").unwrap();
    if let Some(uri) = uri {
        write!(out, "WARC-Target-URI: {uri}\r\n").unwrap();
    }
    let ct = match warc_type {
        "response" => "application/http; msgtype=response",
        "request" => "application/http; msgtype=request",
        _ => "application/warc-fields",
    };
    write!(out, "Content-Type: {ct}\r\nContent-Length: {}\r\n\r\n", block.len()).unwrap();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response block.
pub fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nServer: test\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// Gzips each record separately and concatenates the members (Common Crawl layout).
pub fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(r).unwrap();
        out.extend_from_slice(&gz.finish().unwrap());
    }
    out
}

/// The test WARC: ids and what each record is.
pub struct TestWarc {
    /// Records, in order.
    pub records: Vec<Vec<u8>>,
    /// Ids of the records that must come out as result lines, in order.
    pub html_ids: Vec<&'static str>,
    /// Id of the spam records.
    pub spam_ids: Vec<&'static str>,
}

/// warcinfo, request, UTF-8 clean, GBK spam, Big5 spam, PNG (non-HTML), UTF-8 clean.
pub fn test_warc() -> TestWarc {
    let gbk_page = spam_page(SPAM_BLOCK).replace("utf-8", "gbk");
    let big5_page = spam_page(SPAM_BLOCK_TRAD).replace("utf-8", "big5");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_page);
    let (big5, _, _) = encoding_rs::BIG5.encode(&big5_page);
    let records = vec![
        warc_record("warcinfo", "<urn:uuid:info>", None, b"software: test\r\n"),
        warc_record(
            "request",
            "<urn:uuid:req-1>",
            Some("http://a.example/"),
            b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "<urn:uuid:clean-1>",
            Some("http://a.example/"),
            &http_response("text/html; charset=utf-8", clean_page(1).as_bytes()),
        ),
        warc_record(
            "response",
            "<urn:uuid:gbk-spam>",
            Some("http://b.example/"),
            &http_response("text/html; charset=GBK", &gbk),
        ),
        warc_record(
            "response",
            "<urn:uuid:big5-spam>",
            Some("http://c.example/"),
            &http_response("text/html; charset=Big5", &big5),
        ),
        warc_record(
            "response",
            "<urn:uuid:png>",
            Some("http://c.example/x.png"),
            &http_response("image/png", b"\x89PNG\r\n\x1a\n\0\0\0binary"),
        ),
        warc_record(
            "response",
            "<urn:uuid:clean-2>",
            Some("http://d.example/"),
            &http_response("text/html", clean_page(2).as_bytes()),
        ),
    ];
    TestWarc {
        records,
        html_ids: vec![
            "<urn:uuid:clean-1>",
            "<urn:uuid:gbk-spam>",
            "<urn:uuid:big5-spam>",
            "<urn:uuid:clean-2>",
        ],
        spam_ids: vec!["<urn:uuid:gbk-spam>", "<urn:uuid:big5-spam>"],
    }
}

/// A record cut short: its headers promise more bytes than the stream holds.
pub fn truncated_record(id: &str) -> Vec<u8> {
    let full = warc_record(
        "response",
        id,
        Some("http://t.example/"),
        &http_response("text/html", clean_page(9).as_bytes()),
    );
    full[..full.len() - 60].to_vec()
}

/// Reads a JSONL output into values.
pub fn read_lines(path: &Path) -> Vec<serde_json::Value> {
    parse_lines(&std::fs::read(path).unwrap())
}

/// Parses JSONL bytes; every line must be a JSON object.
pub fn parse_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap_or_else(|e| panic!("bad line {:?}: {e}", String::from_utf8_lossy(l))))
        .collect()
}

/// The `id` of every line.
pub fn ids(lines: &[serde_json::Value]) -> Vec<String> {
    lines.iter().map(|l| l["id"].as_str().unwrap().to_owned()).collect()
}

/// A stand-in for the real model: decodes the page with the charset named in the hint
/// (or UTF-8) and flags it when a spam keyword is present, with one span per keyword.
/// Decoding with the hint means a lost or wrong hint makes GBK/Big5 spam come out clean.
pub struct FakeScorer;

const KEYWORDS: [(&str, Category); 4] = [
    ("毛片", Category::Adult),
    ("葡京", Category::Gambling),
    ("彩金", Category::Gambling),
    ("中文字幕", Category::Adult),
];

impl Scorer for FakeScorer {
    fn score(&self, page: &PageInput<'_>) -> Result<Report, ScoreError> {
        if page.bytes.is_empty() {
            return Err(ScoreError::Empty);
        }
        let label = page
            .charset_hint
            .and_then(|h| {
                h.to_ascii_lowercase()
                    .split("charset=")
                    .nth(1)
                    .map(|s| s.trim().to_owned())
            })
            .unwrap_or_else(|| "utf-8".into());
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        let (text, _, _) = encoding.decode(page.bytes);
        let mut spans = Vec::new();
        for (kw, category) in KEYWORDS {
            if text.contains(kw) {
                let (needle, _, _) = encoding.encode(kw);
                if let Some(pos) = page.bytes.windows(needle.len()).position(|w| w == &needle[..]) {
                    spans.push(Span {
                        start: pos,
                        end: pos + needle.len(),
                        category,
                        score: 0.99,
                        region: "body".into(),
                    });
                }
            }
        }
        spans.sort_by_key(|s| s.start);
        let spam = !spans.is_empty();
        Ok(Report {
            score: if spam { 0.97 } else { 0.03 },
            verdict: if spam { Verdict::Spam } else { Verdict::Clean },
            categories: CategoryScores {
                adult: if spam { 0.9 } else { 0.01 },
                gambling: if spam { 0.8 } else { 0.01 },
                other: 0.01,
            },
            spans,
            evidence: vec![Evidence {
                feature: "fake".into(),
                weight: 1.0,
            }],
            encoding: encoding.name().into(),
            input_kind: "html".into(),
            rules: Vec::new(),
            overridden: false,
        })
    }
}
