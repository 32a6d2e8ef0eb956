//! Bad input is scored or rejected with a clear reason, never a panic.

mod common;

use common::SHIPPED;
use spamsift::{Classifier, PageInput, ScoreError, Verdict};

fn try_score(bytes: &[u8]) -> Result<spamsift::Report, ScoreError> {
    SHIPPED.score(&PageInput::new(bytes))
}

#[test]
fn empty_input_is_rejected() {
    let err = try_score(b"").err();
    assert!(matches!(err, Some(ScoreError::Empty)), "{err:?}");
    assert_eq!(ScoreError::Empty.to_string(), "empty input: the page has no bytes");
}

#[test]
fn binary_garbage_is_rejected_as_not_text() {
    // A deterministic byte soup with NUL bytes, like an image or archive.
    let bytes = common::noise(50_000, 0x2545_f491);
    match try_score(&bytes) {
        Err(ScoreError::NotText { reason }) => assert!(!reason.is_empty()),
        other => panic!("expected NotText, got {other:?}"),
    }
}

#[test]
fn invalid_utf8_is_decoded_with_replacements() {
    let mut page = "<html><body><p>正常的文字内容，介绍本地的天气情况。</p>"
        .as_bytes()
        .to_vec();
    page.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1]);
    page.extend_from_slice("<p>后面还有一段正常文字。</p></body></html>".as_bytes());
    let report = try_score(&page).unwrap_or_else(|e| panic!("should be scored: {e}"));
    assert_eq!(report.verdict, Verdict::Clean);
}

#[test]
fn a_twenty_megabyte_page_is_scored() {
    let para = "<div class=\"row\"><span>编号</span><a href=\"/item/1\">产品说明书下载</a></div>\n";
    let mut page = String::from("<html><head><title>产品目录</title></head><body>");
    while page.len() < 20 << 20 {
        page.push_str(para);
    }
    page.push_str("</body></html>");
    let report = try_score(page.as_bytes()).unwrap_or_else(|e| panic!("should be scored: {e}"));
    assert!(report.spans.iter().all(|s| s.end <= page.len()));
}

#[test]
fn pages_over_the_limit_are_rejected() {
    let classifier = Classifier::shipped().map(|c| c.with_max_page_bytes(1024));
    let Ok(classifier) = classifier else {
        panic!("shipped model")
    };
    let big = vec![b'a'; 2048];
    match classifier.score(&PageInput::new(&big)) {
        Err(ScoreError::TooLarge {
            size: 2048,
            limit: 1024,
        }) => {}
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn hundred_thousand_nested_tags_do_not_crash() {
    let page = "<div>".repeat(100_000) + "免费视频在线观看" + &"</div>".repeat(100_000);
    let report = try_score(page.as_bytes()).unwrap_or_else(|e| panic!("should be scored: {e}"));
    assert!((0.0..=1.0).contains(&report.score));
}

#[test]
fn a_page_lying_about_its_charset_is_read_correctly() {
    let html = "<html><head><meta charset=\"big5\"></head><body><p>今天上午，市政府召开新闻发布会，介绍今年一季度全市经济运行情况，地区生产总值同比增长百分之五点二。</p>\
<div>澳门葡京娱乐城 | 百家乐真人荷官 | 注册送彩金 | 北京赛车pk10 | 时时彩投注平台 | 体育投注开户</div></body></html>";
    let bytes = encoding_rs::GBK.encode(html).0.into_owned();
    let report = try_score(&bytes).unwrap_or_else(|e| panic!("should be scored: {e}"));
    assert_eq!(report.encoding, "gb18030");
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
}

#[test]
fn truncated_multibyte_sequences_at_the_end() {
    let mut bytes = encoding_rs::GBK.encode("<p>春季农业生产会议").0.into_owned();
    bytes.push(0xB4);
    assert!(try_score(&bytes).is_ok());
}

#[test]
fn mutated_pages_never_panic() {
    let seeds = [
        "gbk_hidden_gambling.html",
        "big5_undeclared.html",
        "clean_news.html",
        "trad_news_adult_block.txt",
    ];
    let snippets: [&[u8]; 8] = [
        b"<",
        b"&#",
        b"&#x1F4A9;",
        b"<div style='display:none'>",
        b"\xff\xfe",
        b"\x00",
        b"</p>",
        b"(w\xc7\x8eng)",
    ];
    let mut random = common::xorshift32(0x9e37_79b9);
    let mut next = move || random() as usize;
    for name in seeds {
        let original = common::fixture(name);
        for _ in 0..60 {
            let mut page = original.clone();
            for _ in 0..1 + next() % 4 {
                let at = next() % (page.len() + 1);
                match next() % 3 {
                    0 => page.truncate(at),
                    1 => {
                        let s = snippets[next() % snippets.len()];
                        page.splice(at..at, s.iter().copied());
                    }
                    _ => {
                        if let Some(b) = page.get_mut(at) {
                            *b ^= 1 << (next() % 8);
                        }
                    }
                }
            }
            if let Ok(report) = try_score(&page) {
                assert!((0.0..=1.0).contains(&report.score));
                assert!(
                    report.spans.iter().all(|s| s.start <= s.end && s.end <= page.len()),
                    "{name}"
                );
            }
        }
    }
}
