//! JSONL input: one `{"id", "html"|"text"|"html_base64", "url"?, "charset"?}` object per line.
//!
//! A malformed line becomes an error item (id taken from the line if it has one, otherwise
//! `NAME:LINE`); blank lines are ignored. Lines longer than the limit are discarded without
//! being buffered.

use std::io::BufRead;

use serde_json::Value;

use super::Source;
use super::lines::{self, Line};
use crate::batch::document::{DocError, Item, Page};
use crate::page_record::{record_id, take_page};

/// Reads JSONL documents from any buffered reader.
pub struct JsonlSource {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line_no: u64,
    max_line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlSource {
    /// Reads `reader`; `name` is used in locator ids of lines without an id.
    pub fn new(reader: Box<dyn BufRead + Send>, name: String, max_page_bytes: usize) -> Self {
        // JSON escaping and base64 inflate a page; allow for both.
        let max_line = max_page_bytes.saturating_mul(2).saturating_add(1 << 20);
        JsonlSource {
            reader,
            name,
            line_no: 0,
            max_line,
            buf: Vec::new(),
            done: false,
        }
    }

    fn locator(&self) -> String {
        format!("{}:{}", self.name, self.line_no)
    }
}

impl Source for JsonlSource {
    fn next_item(&mut self) -> Option<Item> {
        while !self.done {
            let read = lines::read_line(&mut self.reader, &mut self.buf, self.max_line);
            self.line_no += 1;
            match read {
                Err(e) => {
                    self.done = true;
                    let msg = format!("reading {} failed after line {}: {e}", self.name, self.line_no - 1);
                    return Some(Item::failed(self.locator(), None, DocError::new("read", msg)));
                }
                Ok((Line::Eof, _)) => self.done = true,
                Ok((Line::TooLong, _)) => {
                    let msg = format!("line longer than {} bytes", self.max_line);
                    return Some(Item::failed(self.locator(), None, DocError::new("too_large", msg)));
                }
                Ok((Line::Full, _)) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_line(&self.buf, self.locator()));
                }
            }
        }
        None
    }
}

/// Turns one JSONL line into an item; never fails (bad lines become error items).
pub fn parse_line(line: &[u8], locator: String) -> Item {
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            return Item::failed(locator, None, DocError::new("malformed", format!("invalid JSON: {e}")));
        }
    };
    let Value::Object(mut obj) = value else {
        return Item::failed(locator, None, DocError::new("malformed", "line is not a JSON object"));
    };
    let url = obj.get("url").and_then(Value::as_str).map(str::to_owned);
    let Some(id) = record_id(&obj) else {
        let msg = "missing or invalid \"id\" (a non-empty string or a number)";
        return Item::failed(locator, url, DocError::new("malformed", msg));
    };
    let charset_hint = obj.get("charset").and_then(Value::as_str).map(str::to_owned);
    let (bytes, kind) = match take_page(&mut obj) {
        Ok(page) => page,
        Err(e) => return Item::failed(id, url, DocError::new("malformed", e.to_string())),
    };
    Item::page(
        id,
        url,
        Page {
            bytes,
            charset_hint,
            kind,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Payload;

    fn kind_of(item: &Item) -> String {
        match &item.payload {
            Payload::Page(_) => "page".into(),
            Payload::Failed(e) => e.kind.clone(),
            Payload::Skipped(r) => (*r).into(),
        }
    }

    #[test]
    fn parses_all_shapes() {
        let page = parse_line(br#"{"id":"a","html":"<p>x</p>","url":"http://e"}"#, "f:1".into());
        assert_eq!((page.id.as_str(), kind_of(&page)), ("a", "page".into()));
        assert_eq!(page.url.as_deref(), Some("http://e"));
        let b64 = parse_line(br#"{"id":7,"html_base64":"PHA+eDwvcD4="}"#, "f:2".into());
        match &b64.payload {
            Payload::Page(p) => assert_eq!(p.bytes, b"<p>x</p>"),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(b64.id, "7");
        let bad = parse_line(b"{not json", "f:3".into());
        assert_eq!((bad.id.as_str(), kind_of(&bad)), ("f:3", "malformed".into()));
        let no_body = parse_line(br#"{"id":"z"}"#, "f:4".into());
        assert_eq!((no_body.id.as_str(), kind_of(&no_body)), ("z", "malformed".into()));
        let bad_b64 = parse_line(br#"{"id":"q","html_base64":"!!"}"#, "f:5".into());
        assert_eq!(kind_of(&bad_b64), "malformed");
    }
}
