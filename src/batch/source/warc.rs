//! WARC input (plain, or gzipped per record as Common Crawl ships it: the caller wraps the
//! file in `flate2::read::MultiGzDecoder`, which streams concatenated gzip members).
//!
//! Why not the `warc` crate: 0.4 reads record blocks with `read_until(b'\n')` and no size cap
//! (a binary record without newlines, or a bogus `Content-Length`, is buffered whole), cannot
//! skip a record without buffering it, and pulls in chrono, nom 7, url, uuid 0.8 and libflate 1.
//! This reader is ~200 lines: it buffers only `response` records of HTML-ish type up to the
//! page limit and streams everything else to the void.

use std::io::{self, BufRead, Read};

use super::Source;
use super::http;
use super::lines::{self, Line};
use crate::InputKind;
use crate::batch::document::{DocError, Item, Page};

/// Longest WARC header line kept.
const MAX_HEADER_LINE: usize = 64 << 10;
/// Largest WARC header block.
const MAX_HEADER_BYTES: usize = 1 << 20;
/// HTTP head bytes read from an oversized record to decide whether it is HTML.
const HEAD_PROBE: usize = 64 << 10;

/// Streams records from a (decompressed) WARC stream.
pub struct WarcSource {
    reader: Box<dyn BufRead + Send>,
    name: String,
    record_no: u64,
    max_page_bytes: usize,
    line: Vec<u8>,
    /// A `WARC/` version line was already consumed while resynchronising.
    have_version: bool,
    done: bool,
}

/// The WARC headers batch scoring uses.
#[derive(Debug, Default)]
struct RecordHead {
    warc_type: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    content_length: Option<u64>,
}

impl WarcSource {
    /// Reads records from `reader`; `name` appears in locator ids.
    pub fn new(reader: Box<dyn BufRead + Send>, name: String, max_page_bytes: usize) -> Self {
        WarcSource {
            reader,
            name,
            record_no: 0,
            max_page_bytes,
            line: Vec::new(),
            have_version: false,
            done: false,
        }
    }

    fn locator(&self) -> String {
        format!("{}#{}", self.name, self.record_no)
    }

    /// Finds the next `WARC/` version line. `Ok(false)` at a clean end of stream;
    /// `Err(item)` when garbage was skipped to get there (reported once).
    fn seek_version(&mut self) -> io::Result<Result<bool, String>> {
        if std::mem::take(&mut self.have_version) {
            return Ok(Ok(true));
        }
        let mut skipped = 0u64;
        loop {
            let (kind, n) = lines::read_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE)?;
            match kind {
                Line::Eof => {
                    return Ok(if skipped > 0 {
                        Err(format!("{skipped} bytes of trailing garbage"))
                    } else {
                        Ok(false)
                    });
                }
                Line::Full if lines::trim_cr(&self.line).is_empty() && skipped == 0 => {}
                Line::Full if self.line.starts_with(b"WARC/") => {
                    if skipped > 0 {
                        self.have_version = true;
                        return Ok(Err(format!("skipped {skipped} bytes that are not WARC records")));
                    }
                    return Ok(Ok(true));
                }
                _ => skipped += n,
            }
        }
    }

    /// Reads the WARC headers into `head`; `Err(reason)` if they are incomplete or too long.
    fn read_head(&mut self, head: &mut RecordHead) -> io::Result<Result<(), String>> {
        let mut total = 0usize;
        loop {
            let (kind, n) = lines::read_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE)?;
            total += n as usize;
            match kind {
                Line::Eof => return Ok(Err("stream ends inside the WARC headers".into())),
                Line::TooLong => return Ok(Err("WARC header line too long".into())),
                Line::Full => {}
            }
            if total > MAX_HEADER_BYTES {
                return Ok(Err("WARC headers too long".into()));
            }
            let line = lines::trim_cr(&self.line);
            if line.is_empty() {
                return Ok(Ok(()));
            }
            let Some(colon) = memchr::memchr(b':', line) else {
                continue;
            };
            let name = String::from_utf8_lossy(&line[..colon]).trim().to_ascii_lowercase();
            let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_owned();
            match name.as_str() {
                "warc-type" => head.warc_type = value.to_ascii_lowercase(),
                // An empty id would name no document; the record keeps its locator instead.
                "warc-record-id" if !value.is_empty() => head.record_id = Some(value),
                "warc-target-uri" => head.target_uri = Some(value),
                "content-length" => head.content_length = value.parse().ok(),
                _ => {}
            }
        }
    }

    /// Reads up to `n` bytes of the block; fewer means the stream ended early.
    fn read_block(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(n.min(1 << 20) as usize);
        (&mut self.reader).take(n).read_to_end(&mut buf)?;
        Ok(buf)
    }

    fn skip_block(&mut self, n: u64) -> io::Result<u64> {
        io::copy(&mut (&mut self.reader).take(n), &mut io::sink())
    }

    /// One record. `Ok(None)` at the end of the stream.
    fn next_record(&mut self) -> io::Result<Option<Item>> {
        let garbage = match self.seek_version()? {
            Ok(false) => return Ok(None),
            Ok(true) => None,
            Err(msg) => Some(msg),
        };
        self.record_no += 1;
        if let Some(msg) = garbage {
            return Ok(Some(Item::failed(
                self.locator(),
                None,
                DocError::new("malformed", msg),
            )));
        }
        let mut head = RecordHead::default();
        let parsed = self.read_head(&mut head);
        let id = head.record_id.clone().unwrap_or_else(|| self.locator());
        let url = head.target_uri.clone();
        match parsed {
            Ok(Ok(())) => {}
            Ok(Err(msg)) => {
                let kind = if msg.contains("ends inside") {
                    "truncated"
                } else {
                    "malformed"
                };
                return Ok(Some(Item::failed(id, url, DocError::new(kind, msg))));
            }
            Err(e) => {
                self.done = true;
                return Ok(Some(Item::failed(id, url, io_error(&self.name, &e))));
            }
        }
        let Some(len) = head.content_length else {
            // Without a length the block cannot be skipped; resynchronise on the next `WARC/`.
            let msg = "WARC record without a valid Content-Length";
            return Ok(Some(Item::failed(id, url, DocError::new("malformed", msg))));
        };
        if head.warc_type != "response" {
            match self.skip_block(len) {
                Ok(skipped) if skipped == len => {}
                Ok(_) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Ok(Some(Item::failed(id, url, io_error(&self.name, &e))));
                }
            }
            return Ok(Some(Item {
                id,
                url,
                payload: crate::batch::Payload::Skipped("non_response"),
            }));
        }
        let cap = self.max_page_bytes as u64 + HEAD_PROBE as u64;
        let block = match self.read_block(len.min(cap)) {
            Ok(b) => b,
            Err(e) => {
                self.done = true;
                return Ok(Some(Item::failed(id, url, io_error(&self.name, &e))));
            }
        };
        if (block.len() as u64) < len.min(cap) {
            self.done = true;
            let msg = format!("record truncated: {} of {len} bytes present", block.len());
            return Ok(Some(Item::failed(id, url, DocError::new("truncated", msg))));
        }
        if len > cap {
            let rest = len - cap;
            if !matches!(self.skip_block(rest), Ok(n) if n == rest) {
                self.done = true;
            }
        }
        Ok(Some(self.response_item(id, url, &block, len > cap)))
    }

    fn response_item(&self, id: String, url: Option<String>, block: &[u8], oversized: bool) -> Item {
        let Some(head) = http::parse_head(block) else {
            let msg = "response record without a valid HTTP head";
            return Item::failed(id, url, DocError::new("malformed", msg));
        };
        let body = &block[head.body_offset.min(block.len())..];
        if !http::is_html(&head, body) {
            return Item {
                id,
                url,
                payload: crate::batch::Payload::Skipped("non_html"),
            };
        }
        if oversized || body.len() > self.max_page_bytes {
            let msg = format!("page larger than {} bytes", self.max_page_bytes);
            return Item::failed(id, url, DocError::new("too_large", msg));
        }
        match http::decode_body(&head, body, self.max_page_bytes) {
            Ok(bytes) => Item::page(
                id,
                url,
                Page {
                    bytes,
                    charset_hint: head.content_type,
                    kind: InputKind::Html,
                },
            ),
            Err(e) => Item::failed(id, url, e),
        }
    }
}

impl Source for WarcSource {
    fn next_item(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(item) => {
                if item.is_none() {
                    self.done = true;
                }
                item
            }
            Err(e) => {
                // A read or decompression error: the rest of this stream is unusable.
                self.done = true;
                Some(Item::failed(self.locator(), None, io_error(&self.name, &e)))
            }
        }
    }
}

/// A read or decompression error of the stream `name`, as a document error.
fn io_error(name: &str, e: &io::Error) -> DocError {
    let kind = if e.kind() == io::ErrorKind::UnexpectedEof {
        "truncated"
    } else {
        "read"
    };
    DocError::new(kind, format!("reading {name} failed: {e}"))
}
