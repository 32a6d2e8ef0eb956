//! Operator policy in the library: each rule type on top of the shipped model.

mod common;

use common::{SHIPPED, fixture, score};
use spamsift::{Category, PageInput, Policy, Report, Verdict};

fn policy(text: &str) -> Policy {
    Policy::from_toml("test.toml", text).unwrap_or_else(|e| panic!("policy must compile: {e}"))
}

fn score_at(bytes: &[u8], policy: &Policy, url: Option<&str>) -> Report {
    SHIPPED
        .score_with_policy(&PageInput::new(bytes), policy, url)
        .unwrap_or_else(|e| panic!("scoring failed: {e}"))
}

fn evidence_names(report: &Report) -> Vec<&str> {
    report.evidence.iter().map(|e| e.feature.as_str()).collect()
}

/// A clean news page with one sentence that names a brand written with full-width and
/// look-alike letters, spaces and Traditional characters.
fn page_with_disguised_brand() -> (String, &'static str) {
    let disguised = "ＡСМЕ娛 樂 城";
    let page = String::from_utf8(fixture("clean_news.html"))
        .unwrap_or_default()
        .replace(
            "干得有模有样。",
            &format!("干得有模有样。活动由{disguised}附近的社区组织。"),
        );
    (page, disguised)
}

const DENY_BRAND: &str = r#"
version = 1
[[deny]]
id = "deny-campaign-42"
phrases = ["acme娱乐城"]
category = "gambling"
note = "campaign seen on 2026-12-01"
"#;

#[test]
fn an_allow_listed_host_turns_a_spam_verdict_clean() {
    let bytes = fixture("gbk_hidden_gambling.html");
    let plain = score(&bytes);
    assert_eq!(plain.verdict, Verdict::Spam);
    let p = policy(
        r#"
version = 1
[[allow]]
id = "allow-national-news"
hosts = ["example-news.cn"]
note = "false alarm on sports pages"
"#,
    );
    let report = score_at(&bytes, &p, Some("https://www.example-news.cn/2026/12/05/a.html"));
    assert_eq!(report.verdict, Verdict::Clean);
    assert!(report.overridden);
    assert_eq!(report.rules, vec!["allow-national-news".to_owned()]);
    assert_eq!(evidence_names(&report)[0], "rule:allow-national-news");
    // Spans and scores are still reported.
    assert_eq!(report.spans, plain.spans);
    assert_eq!(report.score, plain.score);

    // Another host, or no URL, is untouched.
    for url in [
        Some("https://example-news.cn.evil.test/"),
        Some("https://badexample-news.cn/"),
        None,
    ] {
        let other = score_at(&bytes, &p, url);
        assert_eq!(other, plain, "{url:?}");
    }
}

#[test]
fn a_denied_host_is_always_spam() {
    let bytes = fixture("clean_news.html");
    let p = policy(
        r#"
version = 1
[[deny]]
id = "deny-link-farm"
hosts = ["farm.example.org"]
category = "other"
"#,
    );
    let report = score_at(&bytes, &p, Some("http://a.b.farm.example.org/x"));
    assert_eq!(report.verdict, Verdict::Spam);
    assert!(report.overridden);
    assert_eq!(report.rules, vec!["deny-link-farm".to_owned()]);
    assert!(evidence_names(&report).contains(&"rule:deny-link-farm"));
    assert_eq!(report.categories.top(), Category::Other);
}

#[test]
fn a_deny_phrase_in_disguise_is_caught_in_a_clean_page_with_its_span() {
    let (page, disguised) = page_with_disguised_brand();
    let plain = score(page.as_bytes());
    assert_eq!(
        plain.verdict,
        Verdict::Clean,
        "the model alone must call the page clean"
    );
    let report = score_at(page.as_bytes(), &policy(DENY_BRAND), None);
    assert_eq!(report.verdict, Verdict::Spam);
    assert!(report.overridden);
    assert_eq!(report.rules, vec!["deny-campaign-42".to_owned()]);
    assert_eq!(evidence_names(&report)[0], "rule:deny-campaign-42");
    assert_eq!(report.spans.len(), 1, "{:?}", report.spans);
    let span = &report.spans[0];
    assert_eq!(&page[span.start..span.end], disguised);
    assert_eq!(span.category, Category::Gambling);
    assert_eq!(report.categories.top(), Category::Gambling);
}

#[test]
fn a_deny_phrase_span_points_into_the_original_gbk_bytes() {
    let bytes = fixture("gbk_hidden_gambling.html");
    let p = policy(
        r#"
version = 1
[[deny]]
id = "deny-farm-words"
phrases = ["春耕生产"]
category = "other"
"#,
    );
    let report = score_at(&bytes, &p, None);
    let ours: Vec<_> = report
        .spans
        .iter()
        .filter(|s| s.score == 1.0 && s.category == Category::Other)
        .collect();
    assert!(!ours.is_empty(), "{:?}", report.spans);
    for s in ours {
        let text = encoding_rs::GB18030.decode(&bytes[s.start..s.end]).0.into_owned();
        assert_eq!(text, "春耕生产");
    }
}

#[test]
fn an_allowed_phrase_is_not_spam_evidence() {
    let bytes = fixture("gbk_hidden_gambling.html");
    let items = [
        "澳门葡京娱乐城官网",
        "百家乐真人荷官在线",
        "注册送38元彩金",
        "北京赛车pk10计划",
        "时时彩投注平台",
        "体育投注开户网址",
    ];
    let list = items.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ");
    let p = policy(&format!(
        "version = 1\n[[allow]]\nid = \"allow-brand\"\nphrases = [{list}]\n"
    ));
    let plain = score(&bytes);
    let report = score_at(&bytes, &p, None);
    assert!(report.score < plain.score, "{} !< {}", report.score, plain.score);
    assert_eq!(report.verdict, Verdict::Clean, "{report:?}");
    assert!(report.overridden);
    assert_eq!(report.rules, vec!["allow-brand".to_owned()]);
}

#[test]
fn an_allowed_phrase_shields_a_deny_phrase_inside_it() {
    let (page, _) = page_with_disguised_brand();
    let p = policy(&format!(
        "{DENY_BRAND}\n[[allow]]\nid = \"allow-acme-city\"\nphrases = [\"acme娱乐城附近\"]\n"
    ));
    let report = score_at(page.as_bytes(), &p, None);
    assert_eq!(report.verdict, Verdict::Clean);
    assert!(!report.overridden);
    assert_eq!(report.rules, vec!["allow-acme-city".to_owned()]);
}

#[test]
fn an_allowed_host_beats_a_deny_phrase() {
    let (page, _) = page_with_disguised_brand();
    let p = policy(&format!(
        "{DENY_BRAND}\n[[allow]]\nid = \"allow-acme\"\nhosts = [\"acme.example\"]\n"
    ));
    let report = score_at(page.as_bytes(), &p, Some("https://acme.example/"));
    assert_eq!(report.verdict, Verdict::Clean);
    assert!(!report.overridden);
    assert_eq!(
        report.rules,
        vec!["deny-campaign-42".to_owned(), "allow-acme".to_owned()]
    );
    assert_eq!(report.spans.len(), 1, "the denied phrase is still reported");
}

#[test]
fn category_thresholds_and_host_overrides_redecide_the_verdict() {
    let bytes = fixture("trad_news_adult_block.txt");
    let plain = score(&bytes);
    assert_eq!(plain.verdict, Verdict::Spam);
    assert_eq!(plain.categories.top(), Category::Adult);
    assert!(plain.score < 1.0);
    let p = policy(
        r#"
version = 1
[thresholds]
adult = 1.0
gambling = 0.4

[[host_thresholds]]
id = "strict-forum"
hosts = ["forum.example.org"]
adult = 0.2
"#,
    );
    let raised = score_at(&bytes, &p, None);
    assert_eq!(raised.verdict, Verdict::Review);
    assert!(raised.overridden);
    assert_eq!(raised.rules, vec!["thresholds.adult".to_owned()]);
    assert_eq!(raised.spans, plain.spans);

    let strict = score_at(&bytes, &p, Some("https://bbs.forum.example.org/t/1"));
    assert_eq!(strict.verdict, Verdict::Spam);
    assert!(!strict.overridden);
    assert_eq!(strict.rules, vec!["strict-forum".to_owned()]);
    assert!(evidence_names(&strict).contains(&"rule:strict-forum"));
}

#[test]
fn thresholds_leave_pages_without_a_category_alone() {
    let bytes = fixture("clean_news.html");
    let p = policy("version = 1\n[thresholds]\nadult = 0.01\ngambling = 0.01\nother = 0.01\n");
    let report = score_at(&bytes, &p, None);
    assert_eq!(report, score(&bytes));
}

#[test]
fn an_empty_policy_changes_nothing() {
    for name in [
        "clean_news.html",
        "gbk_hidden_gambling.html",
        "trad_news_adult_block.txt",
    ] {
        let bytes = fixture(name);
        let report = score_at(&bytes, &policy("version = 1\n"), Some("https://example.com/"));
        assert_eq!(report, score(&bytes), "{name}");
        assert!(report.rules.is_empty() && !report.overridden);
    }
}
