//! The HTTP response inside a WARC `response` record: headers, HTML detection, body decoding.

use std::io::Read;

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::batch::document::DocError;
use crate::extract::looks_like_html;

/// The parts of an HTTP response head that batch scoring needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHead {
    /// `Content-Type` header value, as sent.
    pub content_type: Option<String>,
    /// `Content-Encoding` header value, lower-cased.
    pub content_encoding: Option<String>,
    /// Whether `Transfer-Encoding: chunked` was kept in the record.
    pub chunked: bool,
    /// Offset of the body in the record block.
    pub body_offset: usize,
}

/// Parses the status line and headers at the start of `block`.
/// Returns `None` when no complete head (ending in an empty line) is present.
pub fn parse_head(block: &[u8]) -> Option<ResponseHead> {
    let (head_len, body_offset) = find_head_end(block)?;
    let head = &block[..head_len];
    let mut lines = head.split(|&b| b == b'\n').map(super::lines::trim_cr);
    let status = lines.next()?;
    if !status.starts_with(b"HTTP/") {
        return None;
    }
    let mut out = ResponseHead {
        body_offset,
        ..ResponseHead::default()
    };
    for line in lines {
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let name = String::from_utf8_lossy(&line[..colon]).trim().to_ascii_lowercase();
        let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_owned();
        match name.as_str() {
            "content-type" => out.content_type = Some(value),
            "content-encoding" => out.content_encoding = Some(value.to_ascii_lowercase()),
            "transfer-encoding" => out.chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    Some(out)
}

/// `(end of head, start of body)`: the head ends at the first empty line.
fn find_head_end(block: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(nl) = memchr::memchr(b'\n', &block[i..]) {
        let line_end = i + nl;
        let line = super::lines::trim_cr(&block[i..line_end]);
        if line.is_empty() && i > 0 {
            return Some((i, line_end + 1));
        }
        i = line_end + 1;
    }
    None
}

/// Whether a response with this head and body start is an HTML page.
pub fn is_html(head: &ResponseHead, body_start: &[u8]) -> bool {
    match &head.content_type {
        Some(ct) => {
            let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            mime == "text/html" || mime == "application/xhtml+xml"
        }
        None => looks_like_html(body_start),
    }
}

/// Undoes chunked transfer coding and gzip/deflate content coding, never producing more
/// than `limit` bytes.
pub fn decode_body(head: &ResponseHead, body: &[u8], limit: usize) -> Result<Vec<u8>, DocError> {
    let dechunked;
    let body = if head.chunked {
        dechunked = dechunk(body, limit)?;
        &dechunked[..]
    } else {
        body
    };
    match head.content_encoding.as_deref() {
        None | Some("") | Some("identity") | Some("none") => Ok(body.to_vec()),
        Some("gzip") | Some("x-gzip") => inflate(GzDecoder::new(body), limit),
        Some("deflate") => {
            inflate(ZlibDecoder::new(body), limit).or_else(|_| inflate(flate2::read::DeflateDecoder::new(body), limit))
        }
        Some(other) => Err(DocError::new(
            "unsupported_encoding",
            format!("unsupported Content-Encoding {other:?}"),
        )),
    }
}

fn inflate(reader: impl Read, limit: usize) -> Result<Vec<u8>, DocError> {
    let mut out = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocError::new("malformed", format!("bad compressed body: {e}")))?;
    if out.len() > limit {
        return Err(DocError::new(
            "too_large",
            format!("decompressed body larger than {limit} bytes"),
        ));
    }
    Ok(out)
}

fn dechunk(mut body: &[u8], limit: usize) -> Result<Vec<u8>, DocError> {
    let bad = |msg: &str| DocError::new("malformed", format!("bad chunked body: {msg}"));
    let mut out = Vec::new();
    loop {
        let nl = memchr::memchr(b'\n', body).ok_or_else(|| bad("no size line"))?;
        let size_line = String::from_utf8_lossy(super::lines::trim_cr(&body[..nl])).into_owned();
        let hex = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(hex, 16).map_err(|_| bad("bad chunk size"))?;
        body = &body[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body.get(..size).ok_or_else(|| bad("chunk past the end"))?;
        if out.len() + size > limit {
            return Err(DocError::new("too_large", format!("body larger than {limit} bytes")));
        }
        out.extend_from_slice(chunk);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_and_body() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\nX: y\r\n\r\n<p>hi</p>";
        let head = parse_head(block).unwrap();
        assert_eq!(head.content_type.as_deref(), Some("text/html; charset=GBK"));
        assert_eq!(&block[head.body_offset..], b"<p>hi</p>");
        assert!(is_html(&head, b""));
        let img = parse_head(b"HTTP/1.1 200 OK\nContent-Type: image/png\n\n\x89PNG").unwrap();
        assert!(!is_html(&img, b"\x89PNG"));
        assert!(parse_head(b"garbage\r\n\r\n").is_none());
    }

    #[test]
    fn chunked_and_gzip() {
        let head = ResponseHead {
            chunked: true,
            ..ResponseHead::default()
        };
        assert_eq!(
            decode_body(&head, b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", 100).unwrap(),
            b"abcde"
        );
        assert_eq!(
            decode_body(&head, b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", 4)
                .unwrap_err()
                .kind,
            "too_large"
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<html>x</html>").unwrap();
        let gz = gz.finish().unwrap();
        let head = ResponseHead {
            content_encoding: Some("gzip".into()),
            ..ResponseHead::default()
        };
        assert_eq!(decode_body(&head, &gz, 100).unwrap(), b"<html>x</html>");
        assert_eq!(decode_body(&head, b"nope", 100).unwrap_err().kind, "malformed");
    }
}
