//! Policy files: what is accepted, and errors that point at the line and column.

use spamsift::Category;
use spamsift::policy::RuleKind;
use spamsift::{Policy, PolicyError};

fn error_at(text: &str) -> (usize, usize, String) {
    match Policy::from_toml("p.toml", text) {
        Err(PolicyError::Invalid {
            origin,
            line,
            column,
            message,
        }) => {
            assert_eq!(origin, "p.toml");
            (line, column, message)
        }
        Err(other) => panic!("expected a position, got {other}"),
        Ok(_) => panic!("the policy should be rejected:\n{text}"),
    }
}

#[test]
fn the_documented_shape_compiles() {
    let text = r#"
version = 1
[[allow]]
id = "allow-national-news"      # required, unique
hosts = ["example-news.cn"]     # domain suffixes
phrases = ["皇家马德里"]          # normalised matching
note = "false alarm on sports pages"
[[deny]]
id = "deny-campaign-42"
phrases = ["某某娱乐城"]
category = "gambling"           # adult | gambling | other
[thresholds]
adult = 0.4                     # per-category flag thresholds
"#;
    let p = Policy::from_toml("p.toml", text).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = p.rules().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["allow-national-news", "deny-campaign-42", "thresholds.adult"]);
    assert_eq!(p.rules()[0].kind, RuleKind::Allow);
    assert_eq!(
        p.rules()[1].kind,
        RuleKind::Deny {
            category: Category::Gambling
        }
    );
    assert_eq!(p.rules()[0].note.as_deref(), Some("false alarm on sports pages"));
    let info = p.info();
    assert_eq!((info.version, info.rules, info.phrases, info.hosts), (1, 3, 2, 1));
    assert_eq!(info.hash.len(), 64);
    assert_eq!(info.source, "p.toml");
}

#[test]
fn phrases_are_stored_normalised() {
    let p = Policy::from_toml(
        "p.toml",
        "version = 1\n[[deny]]\nid = \"d\"\nphrases = [\"ＡСМЕ 娛 樂 城\", \"acme娱乐城\"]\ncategory = \"other\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.rules()[0].phrases, vec!["acme娱乐城".to_owned()]);
    assert_eq!(p.info().phrases, 1);
}

#[test]
fn the_hash_follows_the_bytes() {
    let a = Policy::from_toml("a", "version = 1\n").unwrap_or_else(|e| panic!("{e}"));
    let b = Policy::from_toml("a", "version = 1 # same rules\n").unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(a.info().hash, b.info().hash);
}

#[test]
fn syntax_errors_have_line_and_column() {
    let (line, column, _) = error_at("version = 1\n[[allow]]\nid = \"a\"\nhosts = [\"x.com\"\n");
    assert_eq!(line, 4);
    assert!(column > 1);
}

#[test]
fn semantic_errors_point_at_the_value() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("version = 2\n", 1, 11, "unsupported policy version"),
        (
            "version = 1\n[[deny]]\nid = \"d\"\nphrases = [\"x\"]\ncategory = \"drugs\"\n",
            5,
            12,
            "category",
        ),
        (
            "version = 1\n[[deny]]\nid = \"d\"\nphrases = [\"x\"]\n",
            3,
            6,
            "needs category",
        ),
        (
            "version = 1\n[[allow]]\nid = \"a\"\nhosts = [\"a.com\"]\n[[allow]]\nid = \"a\"\nhosts = [\"b.com\"]\n",
            6,
            6,
            "duplicate rule id",
        ),
        (
            "version = 1\n[[allow]]\nid = \"a\"\nhosts = [\"https://a.com/\"]\n",
            4,
            10,
            "not a host",
        ),
        (
            "version = 1\n[[allow]]\nid = \"a\"\nphrases = [\" \\u200b \"]\n",
            4,
            12,
            "empty after normalisation",
        ),
        ("version = 1\n[thresholds]\nadult = 1.5\n", 3, 9, "(0, 1]"),
        (
            "version = 1\n[[allow]]\nid = \"a b\"\nhosts = [\"a.com\"]\n",
            3,
            6,
            "rule id",
        ),
        ("version = 1\n[[allow]]\nid = \"a\"\n", 3, 6, "needs hosts, phrases"),
        (
            "version = 1\n[[allow]]\nid = \"a\"\nhosts = [\"a.com\"]\n[[deny]]\nid = \"d\"\nhosts = [\"A.com\"]\ncategory = \"other\"\n",
            7,
            10,
            "also in the [[allow]] rule",
        ),
        (
            "version = 1\n[[allow]]\nid = \"a\"\nhosts = [\"a.com\"]\nhots = [\"b.com\"]\n",
            5,
            1,
            "unknown field",
        ),
        (
            "version = 1\n[[host_thresholds]]\nid = \"h\"\nhosts = [\"a.com\"]\n",
            3,
            6,
            "at least one",
        ),
    ];
    for &(text, line, column, needle) in cases {
        let (l, c, message) = error_at(text);
        assert!(message.contains(needle), "{message:?} lacks {needle:?} for\n{text}");
        assert_eq!((l, c), (line, column), "{message} for\n{text}");
    }
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = Policy::load(std::path::Path::new("/nonexistent/policy.toml")).err();
    assert!(matches!(err, Some(PolicyError::Io { .. })));
}
