//! Input sources. Each turns one input into a stream of [`Item`]s, in a deterministic order.
//!
//! Files are sniffed, not trusted by extension: a gzip magic number means gzip (streamed with
//! `MultiGzDecoder`, so per-record `.warc.gz` and whole-file gzip both work), a stream
//! starting with `WARC/` is WARC, anything else is JSONL. Standard input is sniffed the same
//! way, so `cat crawl.warc.gz | spamsift batch -` works too.

pub mod counting;
pub mod dir;
pub mod http;
pub mod jsonl;
pub mod lines;
pub mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use flate2::read::MultiGzDecoder;

use super::document::Item;
use super::error::BatchError;
use super::options::InputSpec;
use crate::page_record::is_gzip;
use counting::CountingReader;

/// Buffer size for raw and decompressed streams.
const BUF: usize = 256 << 10;

/// A stream of items from one input.
pub trait Source: Send {
    /// The next item, or `None` when the input is exhausted. Never fails: problems become
    /// error items.
    fn next_item(&mut self) -> Option<Item>;
}

/// Opens one input. `bytes_read` accumulates the raw bytes consumed (for progress).
pub fn open(
    spec: &InputSpec,
    max_page_bytes: usize,
    bytes_read: Arc<AtomicU64>,
) -> Result<Box<dyn Source>, BatchError> {
    let name = spec.name();
    let input_err = |source: io::Error| BatchError::Input {
        path: name.clone().into(),
        source,
    };
    let raw: Box<dyn Read + Send> = match spec {
        InputSpec::Stdin => Box::new(CountingReader::new(io::stdin(), bytes_read)),
        InputSpec::Path(path) => {
            if path.is_dir() {
                let source = dir::DirSource::open(path, max_page_bytes, bytes_read).map_err(input_err)?;
                return Ok(Box::new(source));
            }
            if is_single_page(path).map_err(input_err)? {
                return Ok(Box::new(dir::DirSource::single(path, max_page_bytes, bytes_read)));
            }
            let file = File::open(path).map_err(input_err)?;
            Box::new(CountingReader::new(file, bytes_read))
        }
    };
    let mut raw = BufReader::with_capacity(BUF, raw);
    let gzipped = is_gzip(raw.fill_buf().map_err(input_err)?);
    let mut reader: Box<dyn BufRead + Send> = if gzipped {
        Box::new(BufReader::with_capacity(BUF, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let is_warc = reader.fill_buf().is_ok_and(|b| b.starts_with(b"WARC/"));
    if is_warc {
        Ok(Box::new(warc::WarcSource::new(reader, name, max_page_bytes)))
    } else {
        Ok(Box::new(jsonl::JsonlSource::new(reader, name, max_page_bytes)))
    }
}

/// A file that is neither gzip, WARC nor JSONL (its first non-blank byte is not `{`) is one page.
fn is_single_page(path: &std::path::Path) -> io::Result<bool> {
    let mut head = [0u8; 512];
    let n = File::open(path)?.read(&mut head)?;
    let head = &head[..n];
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    Ok(!is_gzip(head) && !head.starts_with(b"WARC/") && first.is_some_and(|&b| b != b'{'))
}

/// Checks that every input exists before a run starts (a typo should not cost a crawl).
pub fn check(spec: &InputSpec) -> Result<(), BatchError> {
    match spec {
        InputSpec::Stdin => Ok(()),
        InputSpec::Path(path) => std::fs::metadata(path).map(|_| ()).map_err(|source| BatchError::Input {
            path: path.clone(),
            source,
        }),
    }
}

/// Total raw bytes of all inputs, when known (not for stdin).
pub fn total_bytes(specs: &[InputSpec]) -> Option<u64> {
    let mut total = 0;
    for spec in specs {
        match spec {
            InputSpec::Stdin => return None,
            InputSpec::Path(p) if p.is_dir() => total += dir::DirSource::total_bytes(p),
            InputSpec::Path(p) => total += std::fs::metadata(p).ok()?.len(),
        }
    }
    Some(total)
}
