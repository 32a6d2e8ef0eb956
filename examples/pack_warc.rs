//! Packs every `*.html` file of a directory into a `.warc.gz` (one gzip member per record,
//! as Common Crawl ships them), for the batch benchmark.
//!
//! ```text
//! cargo run --release --example pack_warc -- ../shared/bench/dev-raw /tmp/dev.warc.gz
//! ```
//!
//! Each page becomes a `response` record with `WARC-Record-ID: <urn:spamsift:STEM>`,
//! `WARC-Target-URI: http://bench.invalid/STEM` and an HTTP head `Content-Type: text/html`
//! (no charset, like the directory input). Files are taken in name order.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use flate2::Compression;
use flate2::write::GzEncoder;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: pack_warc DIR OUT.warc.gz");
    };
    let mut pages: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("reading {}", PathBuf::from(&dir).display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    let mut writer = BufWriter::new(fs::File::create(&out).context("creating the output")?);
    for page in &pages {
        let body = fs::read(page).with_context(|| format!("reading {}", page.display()))?;
        let stem = page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        block.extend_from_slice(&body);
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:spamsift:{stem}>\r\n\
             WARC-Date: 2024-06-01T00:00:00Z\r\nWARC-Target-URI: http://bench.invalid/{stem}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        record.extend_from_slice(&block);
        record.extend_from_slice(b"\r\n\r\n");
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&record)?;
        writer.write_all(&gz.finish()?)?;
    }
    writer.flush()?;
    eprintln!("packed {} pages into {}", pages.len(), PathBuf::from(&out).display());
    Ok(())
}
