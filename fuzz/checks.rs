//! What each fuzz target checks, in one place: the fuzz targets call these on every input,
//! and `tests/fuzz_regressions.rs` calls them on every crasher kept in
//! `tests/fixtures/fuzz/TARGET-*`, so each crash found stays a test in the normal suite.
//! Each function panics (fails) when spamsift breaks a promise on `data`.

#![allow(dead_code)] // each fuzz target uses one of these

use std::io::Cursor;
use std::sync::OnceLock;

use spamsift::batch::Payload;
use spamsift::batch::source::Source;
use spamsift::batch::source::jsonl::JsonlSource;
use spamsift::batch::source::warc::WarcSource;
use spamsift::internals::{Model, decode, extract_html, normalize_str, wrap_payload};
use spamsift::{Classifier, InputKind, PageInput};

/// Page limit of the batch readers under fuzzing (small, so the limit is exercised).
const MAX_PAGE: usize = 4096;

const HINTS: [Option<&str>; 6] = [
    None,
    Some("gbk"),
    Some("big5"),
    Some("utf-16le"),
    Some("text/html; charset=shift_jis"),
    Some("bogus"),
];

/// Charset decoding: any bytes with any hint decode, and the source map stays inside the
/// input and is monotonic over the decoded text's character boundaries.
pub fn decode_input(data: &[u8]) {
    let (hint, bytes) = match data.split_first() {
        Some((first, rest)) => (HINTS[usize::from(*first) % HINTS.len()], rest),
        None => (None, data),
    };
    let decoded = decode(bytes, hint);
    let map = decoded.source_map(bytes);
    let mut previous = 0;
    for offset in decoded.text.char_indices().map(|(i, _)| i).chain([decoded.text.len()]) {
        let source = map.to_source(offset);
        assert!(source <= bytes.len(), "offset {offset} maps outside the input");
        assert!(source >= previous, "the source map goes backwards at {offset}");
        previous = source;
    }
}

/// HTML extraction: every piece points inside the text, on character boundaries.
pub fn extract_html_input(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let extracted = extract_html(&text);
    for block in &extracted.blocks {
        for piece in &block.pieces {
            assert!(piece.range.start <= piece.range.end && piece.range.end <= text.len());
            assert!(text.is_char_boundary(piece.range.start) && text.is_char_boundary(piece.range.end));
        }
    }
}

/// Normalisation: every character maps back inside the text, on character boundaries,
/// monotonically.
pub fn normalize_input(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let norm = normalize_str(&text);
    let mut previous = (0, 0);
    for c in &norm.chars {
        let (start, end) = (c.start as usize, c.end as usize);
        assert!(start <= end && end <= text.len(), "{c:?} outside the text");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{c:?} splits a character"
        );
        assert!(start >= previous.0 && end >= previous.1, "{c:?} goes back");
        previous = (start, end);
    }
}

fn classifier() -> &'static Classifier {
    static MODEL: OnceLock<Classifier> = OnceLock::new();
    MODEL.get_or_init(|| Classifier::shipped().unwrap_or_else(|e| panic!("shipped model: {e}")))
}

/// The full score path with the shipped model: any bytes score or are refused with an error;
/// spans lie inside the input; the score is a number.
pub fn score_input(data: &[u8]) {
    let (kind, bytes) = match data.split_first() {
        Some((first, rest)) => (
            [InputKind::Auto, InputKind::Html, InputKind::Text][usize::from(*first % 3)],
            rest,
        ),
        None => (InputKind::Auto, data),
    };
    let input = PageInput {
        kind,
        ..PageInput::new(bytes)
    };
    if let Ok(report) = classifier().score(&input) {
        for span in &report.spans {
            assert!(
                span.start < span.end && span.end <= bytes.len(),
                "{span:?} outside {} bytes",
                bytes.len()
            );
        }
        assert!(report.score.is_finite());
    }
}

/// The model loader: arbitrary bytes, and arbitrary payloads behind a valid header and
/// checksum (so the fuzzer reaches the postcard decoder), never panic.
pub fn model_file_input(data: &[u8]) {
    let _ = Model::from_bytes(data);
    let _ = Model::from_bytes(&wrap_payload(data));
}

/// A batch source: it ends, every item has a non-empty id, pages respect the limit.
fn drain(mut source: impl Source, data_len: usize) {
    let mut items = 0usize;
    while let Some(item) = source.next_item() {
        items += 1;
        assert!(items <= data_len + 1, "more items than input bytes");
        assert!(!item.id.is_empty(), "an item without an id");
        if let Payload::Page(page) = &item.payload {
            assert!(page.bytes.len() <= MAX_PAGE, "a page above the limit");
        }
    }
}

/// The JSONL batch reader.
pub fn batch_jsonl_input(data: &[u8]) {
    drain(
        JsonlSource::new(Box::new(Cursor::new(data.to_vec())), "fuzz.jsonl".into(), MAX_PAGE),
        data.len(),
    );
}

/// The WARC batch reader.
pub fn batch_warc_input(data: &[u8]) {
    drain(
        WarcSource::new(Box::new(Cursor::new(data.to_vec())), "fuzz.warc".into(), MAX_PAGE),
        data.len(),
    );
}
