//! Cost of a large operator policy: scores a directory of pages (one thread) with no policy
//! and with a generated policy of N phrases (default 100 000) plus 1 000 hosts, alternating
//! the two in rounds so that both see the same machine load. Prints per-round times, the
//! median overhead, the policy's compile time and its memory.
//!
//! ```sh
//! cargo run --release --example policy_bench -- ../shared/bench/dev-raw [PHRASES] [ROUNDS] [WORDS]
//! ```
//!
//! Without `WORDS`, the phrases are random strings of 4 to 8 CJK characters drawn uniformly from
//! U+4E00–U+9FA5 (seeded, so every run uses the same policy). With `WORDS` (a word list, one word
//! first on each line, e.g. jieba-rs's `src/data/dict.txt`), each phrase is two random words of
//! the list, so its characters follow real word usage. Either way phrases almost never occur in
//! real pages, so the figure is the cost of matching, not of acting on matches.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use spamsift::{Classifier, PageInput, Policy};

/// xorshift64*: a small deterministic generator, enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A policy with `phrases` phrases (9 in 10 deny, 1 in 10 allow, 1 000 per rule) and 1 000 hosts;
/// phrases are two words of `words` when given, else random characters.
fn policy_text(phrases: usize, words: &[String]) -> String {
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut text = String::from("version = 1\n");
    let per_rule = 1_000;
    for rule in 0..phrases.div_ceil(per_rule) {
        let allow = rule % 10 == 9;
        let _ = write!(
            text,
            "[[{}]]\nid = \"bench-{rule}\"\n{}phrases = [",
            if allow { "allow" } else { "deny" },
            if allow { "" } else { "category = \"other\"\n" }
        );
        for i in 0..per_rule.min(phrases - rule * per_rule) {
            let phrase: String = if words.is_empty() {
                let len = 4 + rng.below(5);
                (0..len)
                    .filter_map(|_| char::from_u32(0x4E00 + rng.below(0x9FA5 - 0x4E00) as u32))
                    .collect()
            } else {
                let mut pick = || words[rng.below(words.len() as u64) as usize].as_str();
                format!("{}{}", pick(), pick())
            };
            let _ = write!(text, "{}\"{phrase}\"", if i == 0 { "" } else { ", " });
        }
        text.push_str("]\n");
    }
    text.push_str("[[allow]]\nid = \"bench-hosts\"\nhosts = [");
    for i in 0..1_000 {
        let _ = write!(text, "{}\"site{i}.example.com\"", if i == 0 { "" } else { ", " });
    }
    text.push_str("]\n");
    text
}

/// Resident memory of this process, in MB (Linux; 0 elsewhere).
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |pages| pages * 4096.0 / 1e6)
}

/// CPU time of this thread (Linux `schedstat`, nanoseconds): unlike wall time it does not count
/// time spent waiting for a CPU, which dominates on a loaded machine.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// Scores every page; returns (wall time, CPU time, pages on which a rule fired).
fn score_all(classifier: &Classifier, policy: &Policy, pages: &[Vec<u8>]) -> (Duration, Duration, usize) {
    let started = Instant::now();
    let cpu = thread_cpu();
    let mut fired = 0;
    for (i, page) in pages.iter().enumerate() {
        let url = format!("https://news{}.example.org/a.html", i % 50);
        if let Ok(report) = classifier.score_with_policy(&PageInput::new(page), policy, Some(&url)) {
            fired += usize::from(!report.rules.is_empty());
        }
    }
    (started.elapsed(), thread_cpu().saturating_sub(cpu), fired)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: policy_bench PAGES_DIR [PHRASES] [ROUNDS]")?;
    let phrases: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let rounds: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    // Words of two or more Chinese characters (no quotes or backslashes, which TOML would need escaped).
    let words: Vec<String> = match args.next() {
        Some(path) => std::fs::read_to_string(path)?
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| ('\u{4E00}'..='\u{9FA5}').contains(&c)))
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        // Label files beside the pages (dev-raw's labels.jsonl) are not pages.
        if path.is_file() && path.extension().is_none_or(|e| e != "jsonl") {
            pages.push(std::fs::read(path)?);
        }
    }
    pages.sort();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    println!("{} pages, {:.1} MB, from {dir}", pages.len(), bytes as f64 / 1e6);

    let classifier = Classifier::shipped()?;
    let none = Policy::empty();
    let _ = score_all(&classifier, &none, &pages[..pages.len().min(200)]); // warm-up
    let text = policy_text(phrases, &words);
    let before = rss_mb();
    let started = Instant::now();
    let policy = Policy::from_toml("bench.toml", &text)?;
    let compile = started.elapsed();
    let after = rss_mb();
    println!(
        "policy ({}): {} rules, {} phrases, {} hosts, {:.1} MB of TOML; compiled in {:.2} s; RSS +{:.0} MB",
        if words.is_empty() {
            "random characters".to_owned()
        } else {
            format!("pairs of {} words", words.len())
        },
        policy.info().rules,
        policy.info().phrases,
        policy.info().hosts,
        text.len() as f64 / 1e6,
        compile.as_secs_f64(),
        after - before
    );

    // (wall, cpu) seconds per round, without and with the policy.
    let (mut base, mut with) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate which goes first, so a load change hits both sides alike.
        let order: [&Policy; 2] = if round % 2 == 0 {
            [&none, &policy]
        } else {
            [&policy, &none]
        };
        for p in order {
            let (wall, cpu, fired) = score_all(&classifier, p, &pages);
            let times = (wall.as_secs_f64(), cpu.as_secs_f64());
            if std::ptr::eq(p, &none) {
                base.push(times);
            } else {
                with.push(times);
                if fired > 0 {
                    println!("round {round}: pages with a rule fired: {fired}");
                }
            }
        }
        let ((bw, bc), (ww, wc)) = (base[round], with[round]);
        println!(
            "round {round}: wall {bw:.3} s vs {ww:.3} s ({:+.1} %), CPU {bc:.3} s vs {wc:.3} s ({:+.1} %)",
            (ww / bw - 1.0) * 100.0,
            (wc / bc - 1.0) * 100.0
        );
    }
    let per_page = |s: f64| s * 1e6 / pages.len() as f64;
    for (name, pick) in [("wall", 0), ("CPU", 1)] {
        let get = |v: &[(f64, f64)]| median(v.iter().map(|t| if pick == 0 { t.0 } else { t.1 }).collect());
        let (b, w) = (get(&base), get(&with));
        println!(
            "median {name}: no policy {b:.3} s ({:.0} µs/page), policy {w:.3} s ({:.0} µs/page): overhead {:+.1} %",
            per_page(b),
            per_page(w),
            (w / b - 1.0) * 100.0
        );
    }
    Ok(())
}
