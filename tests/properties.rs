//! Property tests (proptest) of the invariants the rest of spamsift relies on: spans stay
//! inside the input on character boundaries, normalisation offsets map back monotonically,
//! scoring is deterministic, and the batch readers neither lose nor duplicate a well-formed
//! record.

use std::io::Cursor;
use std::sync::OnceLock;

use proptest::prelude::*;
use spamsift::batch::Payload;
use spamsift::batch::source::Source;
use spamsift::batch::source::jsonl::JsonlSource;
use spamsift::batch::source::warc::WarcSource;
use spamsift::internals::{decode, normalize_str};
use spamsift::{Classifier, PageInput, Report};

const MAX_PAGE: usize = 1 << 20;

fn classifier() -> &'static Classifier {
    static MODEL: OnceLock<Classifier> = OnceLock::new();
    MODEL.get_or_init(|| Classifier::shipped().unwrap_or_else(|e| panic!("shipped model: {e}")))
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Text mixing ASCII, markup, CJK, full-width, invisible and combining characters.
fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => any::<char>(),
            4 => proptest::char::range('\u{4e00}', '\u{9fff}'),
            2 => proptest::sample::select(vec![
                '<', '>', '&', ';', '#', '(', ')', ' ', '\n', '?', '\u{fffd}', '\u{200b}', '\u{202e}',
                '\u{ff21}', '\u{3000}', '\u{0301}', 'a', 'x',
            ]),
            1 => proptest::sample::select(vec!['é', 'ö', '體', '門', '讀']),
        ],
        0..200,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A page: a spam or clean fixture with generated text spliced in at a char boundary.
fn page() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(vec!["grpc_spam.html", "grpc_clean.html", "clean_news.html"]),
        tricky_text(),
        any::<proptest::sample::Index>(),
        proptest::sample::select(vec![
            "",
            "<p>",
            "<div style=\"display:none\">",
            "</body>",
            "&#x",
            "<!--",
        ]),
    )
        .prop_map(|(name, insert, at, tag)| {
            let base = fixture(name);
            let boundaries: Vec<usize> = base.char_indices().map(|(i, _)| i).chain([base.len()]).collect();
            let cut = boundaries[at.index(boundaries.len())];
            format!("{}{tag}{insert}{}", &base[..cut], &base[cut..])
        })
}

/// Encodes `text` in `label` (UTF-8, GBK, Big5, UTF-16LE with BOM).
fn encode(text: &str, label: &str) -> Vec<u8> {
    if label == "utf-16le" {
        let mut out = vec![0xff, 0xfe];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        return out;
    }
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding.encode(text).0.into_owned()
}

fn assert_spans_on_boundaries(bytes: &[u8], hint: Option<&str>, report: &Report) -> Result<(), TestCaseError> {
    let decoded = decode(bytes, hint);
    let map = decoded.source_map(bytes);
    let mut boundaries: Vec<usize> = decoded
        .text
        .char_indices()
        .map(|(i, _)| map.to_source(i))
        .chain([map.to_source(decoded.text.len())])
        .collect();
    boundaries.sort_unstable();
    for span in &report.spans {
        prop_assert!(
            span.start < span.end && span.end <= bytes.len(),
            "span {span:?} outside {} bytes",
            bytes.len()
        );
        prop_assert!(
            boundaries.binary_search(&span.start).is_ok(),
            "span start {} not on a character boundary",
            span.start
        );
        prop_assert!(
            boundaries.binary_search(&span.end).is_ok(),
            "span end {} not on a character boundary",
            span.end
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_inside_the_input_on_character_boundaries(
        text in page(),
        label in proptest::sample::select(vec!["utf-8", "gbk", "big5", "utf-16le"]),
        hinted in any::<bool>(),
    ) {
        let bytes = encode(&text, label);
        let hint = hinted.then_some(label);
        let input = PageInput { charset_hint: hint, ..PageInput::new(&bytes) };
        if let Ok(report) = classifier().score(&input) {
            assert_spans_on_boundaries(&bytes, hint, &report)?;
        }
    }

    #[test]
    fn scoring_is_deterministic(text in page()) {
        let input = PageInput::new(text.as_bytes());
        let first = classifier().score(&input);
        let second = classifier().score(&input);
        prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn normalisation_offsets_map_back_monotonically(text in tricky_text()) {
        let norm = normalize_str(&text);
        let mut previous = (0u32, 0u32);
        for c in &norm.chars {
            prop_assert!(c.start <= c.end && c.end as usize <= text.len(), "{c:?} outside {} bytes", text.len());
            prop_assert!(text.is_char_boundary(c.start as usize) && text.is_char_boundary(c.end as usize), "{c:?} splits a character");
            prop_assert!(c.start >= previous.0 && c.end >= previous.1, "{c:?} goes back from {previous:?}");
            previous = (c.start, c.end);
        }
    }

    #[test]
    fn jsonl_reader_yields_each_well_formed_record_once(
        bodies in proptest::collection::vec((tricky_text(), any::<bool>()), 0..20),
        blank_lines in any::<bool>(),
    ) {
        let mut input = String::new();
        for (i, (body, as_text)) in bodies.iter().enumerate() {
            let field = if *as_text { "text" } else { "html" };
            let record = serde_json::json!({ "id": format!("doc-{i}"), field: body, "url": format!("http://example.invalid/{i}") });
            input.push_str(&record.to_string());
            input.push('\n');
            if blank_lines {
                input.push_str("\n  \n");
            }
        }
        let mut source = JsonlSource::new(Box::new(Cursor::new(input.into_bytes())), "props.jsonl".into(), MAX_PAGE);
        let items: Vec<_> = std::iter::from_fn(|| source.next_item()).collect();
        let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
        let expected: Vec<String> = (0..bodies.len()).map(|i| format!("doc-{i}")).collect();
        prop_assert_eq!(ids, expected.iter().map(String::as_str).collect::<Vec<_>>());
        for (item, (body, _)) in items.iter().zip(&bodies) {
            if let Payload::Page(page) = &item.payload {
                prop_assert_eq!(&page.bytes, body.as_bytes());
            }
        }
    }

    #[test]
    fn warc_reader_yields_each_well_formed_record_once(
        bodies in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..12),
        requests in any::<bool>(),
    ) {
        let mut input = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            if requests {
                // A request record before each response: skipped, never an item.
                push_record(&mut input, "request", &format!("<urn:req:{i}>"), b"GET / HTTP/1.1\r\n\r\n");
            }
            let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
            block.extend_from_slice(body);
            push_record(&mut input, "response", &format!("<urn:doc:{i}>"), &block);
        }
        let mut source = WarcSource::new(Box::new(Cursor::new(input)), "props.warc".into(), MAX_PAGE);
        let items: Vec<_> = std::iter::from_fn(|| source.next_item())
            .filter(|item| !matches!(item.payload, Payload::Skipped(_)))
            .collect();
        let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
        let expected: Vec<String> = (0..bodies.len()).map(|i| format!("<urn:doc:{i}>")).collect();
        prop_assert_eq!(ids, expected.iter().map(String::as_str).collect::<Vec<_>>());
        for (item, body) in items.iter().zip(&bodies) {
            if let Payload::Page(page) = &item.payload {
                prop_assert_eq!(&page.bytes, body);
            }
        }
    }
}

fn push_record(out: &mut Vec<u8>, kind: &str, id: &str, block: &[u8]) {
    out.extend_from_slice(
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {id}\r\nWARC-Target-URI: http://example.invalid/\r\n\
             Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
}

/// The span property above is not vacuous: the spam fixture has spans in every encoding.
#[test]
fn the_spam_fixture_has_spans_in_every_encoding() {
    let text = fixture("grpc_spam.html");
    for label in ["utf-8", "gbk", "big5", "utf-16le"] {
        let bytes = encode(&text, label);
        let report = classifier()
            .score(&PageInput::new(&bytes))
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert!(!report.spans.is_empty(), "{label}: no spans");
        assert_spans_on_boundaries(&bytes, None, &report).unwrap_or_else(|e| panic!("{label}: {e}"));
    }
}
