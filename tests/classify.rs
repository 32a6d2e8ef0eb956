//! End-to-end behaviour of the shipped model on pages written for these tests.

mod common;

use common::{fixture, score};
use spamsift::{Category, Verdict};

#[test]
fn traditional_article_with_simplified_keyword_block_is_flagged_at_the_block() {
    let bytes = fixture("trad_news_adult_block.txt");
    let text = String::from_utf8(bytes.clone()).unwrap_or_default();
    let report = score(&bytes);
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    assert_eq!(report.categories.top(), Category::Adult);
    assert_eq!(report.spans.len(), 1, "{:?}", report.spans);
    let span = &report.spans[0];
    let block_start = text.find("免费A级").unwrap_or(0);
    assert_eq!(span.start, block_start);
    assert_eq!(span.end, text.trim_end().len());
    let covered = &text[span.start..span.end];
    assert!(!covered.contains("捷運"), "span leaks into the article: {covered}");
}

#[test]
fn clean_news_page_is_clean() {
    let report = score(&fixture("clean_news.html"));
    assert_eq!(report.verdict, Verdict::Clean, "{report:?}");
    assert!(report.score < 0.3);
    assert!(report.spans.is_empty());
}

#[test]
fn news_about_a_gambling_crackdown_stays_clean() {
    let report = score(&fixture("crackdown_news.html"));
    assert_eq!(report.verdict, Verdict::Clean, "{report:?}");
}

#[test]
fn hidden_gambling_block_in_a_gbk_page_is_located_in_the_original_bytes() {
    let bytes = fixture("gbk_hidden_gambling.html");
    let report = score(&bytes);
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    assert_eq!(report.encoding, "gb18030");
    assert_eq!(report.categories.top(), Category::Gambling);
    let span = report.spans.first().expect("a span");
    assert_eq!(span.region, "hidden");
    let covered = encoding_rs::GB18030.decode(&bytes[span.start..span.end]).0.into_owned();
    assert!(covered.starts_with("澳门葡京"), "{covered}");
    assert!(covered.ends_with("开户网址"), "{covered}");
}

#[test]
fn undeclared_big5_page_with_entity_encoded_block() {
    let bytes = fixture("big5_undeclared.html");
    let report = score(&bytes);
    assert_eq!(report.encoding, "Big5");
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    let span = report.spans.first().expect("a span");
    let covered = String::from_utf8_lossy(&bytes[span.start..span.end]).into_owned();
    assert!(covered.starts_with("&#20813;"), "{covered}");
    assert!(!covered.contains("<div"), "{covered}");
}

#[test]
fn hijacked_title_is_reported_in_the_title_region() {
    let page = "<html><head><title>国产精品久久久久久 | 日韩欧美中文字幕在线 | 亚洲AV无码专区 | 午夜福利视频</title></head>\
<body><div class=\"content\"><p>本公司主要生产各类五金配件，产品远销东南亚和欧洲市场，欢迎来电咨询洽谈业务。</p></div></body></html>";
    let report = score(page.as_bytes());
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    let span = report.spans.first().expect("a span");
    assert_eq!(span.region, "title");
    assert_eq!(
        &page[span.start..span.end],
        "国产精品久久久久久 | 日韩欧美中文字幕在线 | 亚洲AV无码专区 | 午夜福利视频"
    );
}

#[test]
fn obfuscated_keywords_are_still_found() {
    let article =
        "<p>本市今年共完成老旧小区改造一百二十个，惠及居民三万余户，改造内容包括外墙保温、管网更新和加装电梯等。</p>";
    let block = "<div>免\u{200B}费Ａ∨在線觀看 _ 國產精品 I 無碼視頻 _ 色*情*電*影 - 日韩成人网(wǎng)站</div>";
    let page = format!("<html><body>{article}{block}</body></html>");
    let report = score(page.as_bytes());
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    assert_eq!(report.categories.top(), Category::Adult);
}

#[test]
fn scores_are_probabilities_and_evidence_is_explained() {
    let report = score(&fixture("trad_news_adult_block.txt"));
    assert!((0.0..=1.0).contains(&report.score));
    for c in Category::ALL {
        assert!((0.0..=report.score + 1e-6).contains(&report.categories.get(c)));
    }
    assert!(!report.evidence.is_empty());
    assert!(report.evidence.iter().all(|e| e.weight > 0.0));
}

/// A news page whose menu shows `item` in the header, a hidden mobile menu and the footer.
fn page_with_menu_items(items: [&str; 3]) -> String {
    format!(
        "<html><head><title>本市新闻</title></head><body><div class=nav><a href=/a>首页</a><a href=/b>{}</a></div>\
<p>市政府今天召开新闻发布会，介绍今年城市交通改善计划的进展情况，包括新建地铁线路和公交专用道。</p>\
<div style=\"display:none\"><a href=/m>{}</a></div><footer><a href=/c>{}</a></footer></body></html>",
        items[0], items[1], items[2]
    )
}

#[test]
fn one_menu_phrase_repeated_is_a_trifle_but_three_phrases_are_not() {
    let repeated = score(page_with_menu_items(["真人荷官"; 3]).as_bytes());
    assert_eq!(repeated.verdict, Verdict::Clean, "{repeated:?}");
    let three = score(page_with_menu_items(["真人荷官", "澳门赌场", "成人影院"]).as_bytes());
    assert_ne!(three.verdict, Verdict::Clean, "{three:?}");
}
