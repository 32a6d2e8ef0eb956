//! Stage 1: bytes → UTF-8 text, with a map back to byte offsets of the original input.
//!
//! The charset comes from, in order: a byte-order mark, valid UTF-8, the caller's hint
//! (an HTTP `Content-Type` or a bare label), the page's `<meta charset>`/`http-equiv`,
//! and finally sniffing with chardetng. A declared charset that does not decode cleanly
//! is overruled by sniffing, so a page that lies about its charset is still read.

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use memchr::memmem;

/// How far into the page to look for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// How much of a page the charset sniffer reads.
const SNIFF_BYTES: usize = 64 * 1024;

/// Share of undecodable characters above which a declared charset is distrusted.
const MAX_MALFORMED_SHARE: f64 = 0.002;

/// Maps byte offsets in the decoded UTF-8 text back to offsets in the original bytes.
#[derive(Debug, Clone)]
pub enum SourceMap {
    /// Decoded text equals the input after skipping this many leading bytes (a BOM).
    Shift(usize),
    /// `table[i]` is the input offset of decoded byte `i`; the last entry is the input length.
    Table(Vec<u32>),
}

impl SourceMap {
    /// Input byte offset of the decoded byte offset `decoded`.
    pub fn to_source(&self, decoded: usize) -> usize {
        match self {
            SourceMap::Shift(shift) => decoded + shift,
            SourceMap::Table(table) => {
                let last = table.len().saturating_sub(1);
                table.get(decoded.min(last)).map_or(0, |&v| v as usize)
            }
        }
    }
}

/// A decoded page.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The page as UTF-8.
    pub text: String,
    /// The encoding that was used.
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark skipped at the start of the input.
    pub bom_len: usize,
    /// Number of characters that could not be decoded (replaced by U+FFFD).
    pub malformed: usize,
}

impl Decoded {
    /// The map from decoded offsets back to `input` (the bytes this was decoded from).
    ///
    /// Built on demand, because only pages with spans need it: UTF-8 is a shift, other
    /// encodings are decoded again step by step to record where each character came from.
    pub fn source_map(&self, input: &[u8]) -> SourceMap {
        if self.encoding == UTF_8 && self.malformed == 0 {
            return SourceMap::Shift(self.bom_len);
        }
        let body = input.get(self.bom_len..).unwrap_or_default();
        source_table(body, self.encoding, self.bom_len)
    }
}

/// Decodes `bytes` into UTF-8, choosing the charset as described in the module docs.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], encoding, bom_len);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8,
            bom_len: 0,
            malformed: 0,
        };
    }
    let declared = hint
        .and_then(label_from_hint)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]));
    if let Some(encoding) = declared.filter(|e| *e != UTF_8) {
        let decoded = decode_with(bytes, encoding, 0);
        let chars = decoded.text.chars().count().max(1);
        if decoded.malformed == 0 {
            return decoded;
        }
        // GBK bytes declared as Big5 (or the reverse) decode with a few errors and as
        // mojibake; a confident sniff of the other Chinese family wins.
        let (sniffed, confident) = sniff(bytes);
        let family_clash = confident && is_chinese_encoding(sniffed) && sniffed != encoding;
        if !family_clash && (decoded.malformed as f64) / (chars as f64) <= MAX_MALFORMED_SHARE {
            return decoded;
        }
        return decode_with(bytes, sniffed, 0);
    }
    decode_with(bytes, sniff(bytes).0, 0)
}

/// Guesses the encoding of bytes that are not valid UTF-8, and whether the guess is confident.
fn sniff(bytes: &[u8]) -> (&'static Encoding, bool) {
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    let (encoding, confident) = detector.guess_assess(None, false);
    (if encoding == GBK { GB18030 } else { encoding }, confident)
}

/// Finds an encoding in an HTTP `Content-Type` value or a bare charset label.
pub fn label_from_hint(hint: &str) -> Option<&'static Encoding> {
    let lower = hint.to_ascii_lowercase();
    let label = match lower.find("charset=") {
        Some(i) => &lower[i + "charset=".len()..],
        None if lower.contains('/') => return None,
        None => lower.as_str(),
    };
    let label = label
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()
        .unwrap_or("");
    encoding_for_label(label)
}

/// Maps a label to an encoding, reading GBK and GB2312 as GB18030 (a superset).
fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label_no_replacement(label.trim().as_bytes())?;
    Some(if encoding == GBK { GB18030 } else { encoding })
}

/// Looks for `<meta charset=…>` or `<meta http-equiv … content="…charset=…">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memmem::find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let stop = value
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(value.len());
                if let Ok(label) = std::str::from_utf8(&value[..stop])
                    && let Some(e) = encoding_for_label(label)
                {
                    // A page cannot really be UTF-16 if it was scanned as ASCII.
                    return Some(if e == UTF_16LE || e == UTF_16BE { UTF_8 } else { e });
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

/// Decodes with a known encoding (replacing undecodable sequences with U+FFFD).
fn decode_with(bytes: &[u8], encoding: &'static Encoding, bom_len: usize) -> Decoded {
    let (text, malformed) = match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => (text.into_owned(), 0),
        None => {
            let text = encoding.decode_without_bom_handling(bytes).0.into_owned();
            let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
            (text, replaced.max(1))
        }
    };
    Decoded {
        text,
        encoding,
        bom_len,
        malformed,
    }
}

/// Decodes again and records, for every output byte, its input offset.
///
/// encoding_rs reports only how many bytes each call consumed, so the decoder is driven
/// in 4-byte output steps: within one step ASCII characters take one input byte each and
/// the rest share the remainder, which is exact for the CJK encodings this tool meets.
fn source_table(bytes: &[u8], encoding: &'static Encoding, base: usize) -> SourceMap {
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut table: Vec<u32> = Vec::with_capacity(bytes.len() * 3 / 2 + 1);
    let mut pos = 0;
    let mut buf = [0u8; 4];
    loop {
        let (result, read, written) = decoder.decode_to_utf8_without_replacement(&bytes[pos..], &mut buf, true);
        let step = std::str::from_utf8(&buf[..written]).unwrap_or("");
        let valid_read = match result {
            DecoderResult::Malformed(bad, extra) => read.saturating_sub(bad as usize + extra as usize),
            _ => read,
        };
        push_step(&mut table, step, base + pos, valid_read, utf16);
        if let DecoderResult::Malformed(..) = result {
            // U+FFFD is three UTF-8 bytes, all pointing at the bad input.
            table.extend(std::iter::repeat_n((base + pos + valid_read) as u32, 3));
        }
        pos += read;
        if matches!(result, DecoderResult::InputEmpty) || (read == 0 && written == 0) {
            break;
        }
    }
    table.push((base + bytes.len()) as u32);
    SourceMap::Table(table)
}

/// Assigns input offsets to each output byte of one decoder step.
fn push_step(table: &mut Vec<u32>, step: &str, start: usize, read: usize, utf16: bool) {
    let non_ascii = step.chars().filter(|c| !c.is_ascii()).count();
    let ascii = step.len()
        - step
            .chars()
            .filter(|c| !c.is_ascii())
            .map(char::len_utf8)
            .sum::<usize>();
    let share = read.saturating_sub(ascii).checked_div(non_ascii).unwrap_or(0);
    let mut offset = start;
    for c in step.chars() {
        table.extend(std::iter::repeat_n(offset as u32, c.len_utf8()));
        offset += if utf16 {
            c.len_utf16() * 2
        } else if c.is_ascii() {
            1
        } else {
            share.max(1)
        };
    }
}

/// Whether the encoding is one of the legacy Chinese families (GBK/GB18030 or Big5).
pub fn is_chinese_encoding(encoding: &'static Encoding) -> bool {
    encoding == GB18030 || encoding == GBK || encoding == BIG5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, e: &'static Encoding) -> Vec<u8> {
        e.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_is_identity() {
        let bytes = "<p>你好</p>".as_bytes();
        let d = decode(bytes, None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.source_map(bytes).to_source(3), 3);
    }

    #[test]
    fn declared_gbk_maps_offsets_back() {
        let html = "<meta charset=gbk><p>免费视频</p>";
        let bytes = encode(html, GBK);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, GB18030);
        assert_eq!(d.text, html);
        let p = d.text.find("视频").unwrap_or(0);
        let src = d.source_map(&bytes).to_source(p);
        assert_eq!(&bytes[src..src + 4], &encode("视频", GBK)[..]);
    }

    #[test]
    fn undeclared_big5_is_not_read_as_gbk() {
        let text = "<p>臺灣的夜市小吃非常豐富，觀光客絡繹不絕，這裡是著名的景點，歡迎大家來參觀。</p>";
        let bytes = encode(text, BIG5);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, BIG5);
        assert_eq!(d.text, text);
    }

    #[test]
    fn lying_declaration_is_overruled() {
        let text = "<meta charset=big5><p>中华人民共和国国务院新闻办公室今天举行发布会，介绍经济运行情况。</p>";
        let bytes = encode(text, GBK);
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, GB18030);
        assert!(d.text.contains("国务院"));
    }

    #[test]
    fn hint_from_content_type() {
        assert_eq!(label_from_hint("text/html; charset=\"GB2312\""), Some(GB18030));
        assert_eq!(label_from_hint("big5"), Some(BIG5));
        assert_eq!(label_from_hint("text/html"), None);
    }

    #[test]
    fn invalid_bytes_are_replaced_not_fatal() {
        let bytes = [b'x', 0xff, 0xfd, b'a', 0x80];
        let d = decode(&bytes, Some("utf-8"));
        assert!(!d.text.is_empty());
        let map = d.source_map(&bytes);
        assert_eq!(map.to_source(d.text.len()), 5);
        let a = d.text.find('a').unwrap_or(0);
        assert_eq!(bytes[map.to_source(a)], b'a');
    }
}
