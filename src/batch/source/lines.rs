//! Reading lines without ever buffering more than a limit.

use std::io::{self, BufRead};

/// What [`read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A line (without its `\n`) is in the buffer. The last line of a stream may lack the `\n`.
    Full,
    /// The line was longer than the limit; it was consumed and discarded.
    TooLong,
    /// End of stream, nothing read.
    Eof,
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes.
/// Returns what was found and how many bytes were consumed from the reader.
pub fn read_line<R: BufRead + ?Sized>(reader: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<(Line, u64)> {
    buf.clear();
    let mut consumed: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            let line = if too_long {
                Line::TooLong
            } else if consumed == 0 {
                Line::Eof
            } else {
                Line::Full
            };
            return Ok((line, consumed));
        }
        let (chunk, found_newline) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = chunk.len() + usize::from(found_newline);
        reader.consume(used);
        consumed += used as u64;
        if found_newline {
            let line = if too_long { Line::TooLong } else { Line::Full };
            return Ok((line, consumed));
        }
    }
}

/// Strips one trailing `\r`, if any.
pub fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_limits_and_eof() {
        let mut r = io::BufReader::with_capacity(4, &b"ab\nlong-line\nlast"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), (Line::Full, 3));
        assert_eq!(buf, b"ab");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), (Line::TooLong, 10));
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), (Line::Full, 4));
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), (Line::Eof, 0));
    }
}
