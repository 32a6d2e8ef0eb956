//! Times each pipeline stage over a directory of pages (one thread).
use spamsift::internals::{TokenConfig, decode, extract_html, normalize_block, tokenize};
use std::time::{Duration, Instant};
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("dir")?;
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "html") {
            pages.push(std::fs::read(p)?);
        }
    }
    let cfg = TokenConfig::default();
    let mut t = [Duration::ZERO; 5];
    let mut toks = Vec::new();
    for p in &pages {
        let s = Instant::now();
        let d = decode(p, None);
        t[0] += s.elapsed();
        let s = Instant::now();
        let e = extract_html(&d.text);
        t[1] += s.elapsed();
        for b in &e.blocks {
            let s = Instant::now();
            let n = normalize_block(&d.text, b);
            t[2] += s.elapsed();
            let s = Instant::now();
            toks.clear();
            let mut c2 = cfg.clone();
            c2.words = false;
            tokenize(&n, &c2, &mut toks);
            t[3] += s.elapsed();
            let s = Instant::now();
            toks.clear();
            tokenize(&n, &cfg, &mut toks);
            t[4] += s.elapsed();
        }
    }
    let classifier = spamsift::Classifier::shipped()?;
    let s = Instant::now();
    for p in &pages {
        let _ = classifier.score(&spamsift::PageInput::new(p));
    }
    println!(
        "{:14} {:8.1} us/page",
        "full score",
        s.elapsed().as_secs_f64() * 1e6 / pages.len() as f64
    );
    let names = ["decode", "extract", "normalize", "ngrams", "ngrams+jieba"];
    for (n, d) in names.iter().zip(t) {
        println!("{n:14} {:8.1} us/page", d.as_secs_f64() * 1e6 / pages.len() as f64);
    }
    Ok(())
}
