//! Shapes the training pages only partly cover: reported speech, real city portals, spam anchors
//! among real partners, `<noscript>` link farms. Pages are written for these tests.

mod common;

use common::score;
use spamsift::{Category, Verdict};

fn page(title: &str, body: &str) -> String {
    format!("<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body>{body}</body></html>")
}

#[test]
fn news_quoting_the_ads_of_a_gambling_ring_stays_clean() {
    let body = "<h1>跨境赌博团伙落网</h1>\
<p>记者从市公安局获悉，民警日前打掉一个利用境外网站组织赌博的团伙。据介绍，该团伙在社交平台发布“注册送彩金”“真人百家乐”等广告，\
诱导群众充值投注，涉案资金流水达两千余万元。</p>\
<p>警方提醒，所谓“稳赚不赔”的投注技巧都是骗局，市民如发现类似广告，请及时拨打110举报。</p>";
    let report = score(page("跨境赌博团伙落网_平安江城", body).as_bytes());
    assert_eq!(report.verdict, Verdict::Clean, "{report:?}");
}

#[test]
fn traditional_warning_quoting_adult_spam_stays_clean() {
    let body = "<p>資安業者提醒，近來許多部落格留言區出現「免費看片」「成人影片線上看」等垃圾留言，點進去的連結常夾帶惡意程式，\
站長應開啟留言審核，家長也應留意孩子的上網習慣。</p><p>如有疑問可撥打165反詐騙專線諮詢。</p>";
    let report = score(page("部落格垃圾留言防範須知", body).as_bytes());
    assert_eq!(report.verdict, Verdict::Clean, "{report:?}");
}

#[test]
fn a_city_portal_with_app_buttons_and_exam_options_stays_clean() {
    let body = "<div class=top><a href=/>厦门在线</a> | <a href=/app>APP下载</a> | <a href=/m>手机版</a></div>\
<div class=city>郑州</div><h1>市民驾考理论题库更新</h1>\
<p>新版题库共收录一千二百道题目，例如：驾驶机动车在雨天行驶时应当怎样做？正确答案为（A、B）。</p>\
<div class=foot>版权所有 厦门在线 地址：厦门市湖滨南路88号</div>";
    let report = score(page("市民驾考理论题库更新 - 厦门在线", body).as_bytes());
    assert_eq!(report.verdict, Verdict::Clean, "{report:?}");
}

#[test]
fn spam_anchors_among_real_partner_links_are_found() {
    let links = [
        ("http://weather.example.cn/", "市气象局"),
        ("http://lib.example.cn/", "市图书馆"),
        ("http://k8x2.example/", "澳门新葡京娱乐场"),
        ("http://news.example.cn/", "江城新闻网"),
        ("http://b7q.example/", "真人百家乐注册送彩金"),
        ("http://edu.example.cn/", "市教育局"),
        ("http://p9z.example/", "亚洲无码AV在线观看"),
        ("http://bus.example.cn/", "公交查询"),
    ];
    let row: String = links
        .iter()
        .map(|(href, text)| format!("<a href=\"{href}\">{text}</a> | "))
        .collect();
    let body = format!(
        "<p>本市今年新建口袋公园二十个，市民在家门口就能休闲健身，周末常有老人带着孙辈散步。</p><div class=links>友情链接：{row}</div>"
    );
    let html = page("口袋公园扮靓城市 - 江城新闻网", &body);
    let report = score(html.as_bytes());
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    let span = report.spans.first().expect("a span");
    let covered = &html[span.start..span.end];
    assert!(covered.contains("百家乐"), "{covered}");
    assert!(!covered.contains("口袋公园"), "{covered}");
}

#[test]
fn links_hidden_in_noscript_are_found() {
    let body = "<p>学校举行春季运动会，全体师生参加了开幕式，各班代表队依次入场。</p>\
<noscript><a href=\"http://x1.example/\">日韩无码AV在线观看</a><a href=\"http://x2.example/\">国产精品久久久久久</a>\
<a href=\"http://x3.example/\">免费A级毛片</a><a href=\"http://x4.example/\">成人网站大全</a></noscript>";
    let html = page("春季运动会开幕", body);
    let report = score(html.as_bytes());
    assert_eq!(report.verdict, Verdict::Spam, "{report:?}");
    assert_eq!(report.categories.top(), Category::Adult);
    let span = report.spans.first().expect("a span");
    assert_eq!(span.region, "hidden");
    assert!(
        html[span.start..span.end].contains("日韩无码"),
        "{}",
        &html[span.start..span.end]
    );
}
