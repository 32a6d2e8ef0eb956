//! Scores every file of a directory N times on one thread (for profiling).
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let model = args.next().ok_or("model path")?;
    let dir = args.next().ok_or("dir")?;
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let classifier = spamsift::Classifier::load(std::path::Path::new(&model))?;
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "html") {
            pages.push(std::fs::read(p)?);
        }
    }
    let t = std::time::Instant::now();
    let mut flagged = 0;
    for _ in 0..rounds {
        for p in &pages {
            if let Ok(r) = classifier.score(&spamsift::PageInput::new(p)) {
                flagged += usize::from(r.score >= 0.5);
            }
        }
    }
    let n = pages.len() * rounds;
    eprintln!(
        "{n} pages, {flagged} flagged, {:.0} pages/s",
        n as f64 / t.elapsed().as_secs_f64()
    );
    Ok(())
}
