//! Open-loop load generator for `spamsift serve` (a benchmark, not a test).
//!
//! Replays raw pages (default `../shared/bench/dev-raw/*.html`) against a server on this
//! machine, either at a fixed request rate (`rate`: unary `Score`, latency measured from each
//! request's scheduled send time, so a slow server cannot slow the generator down) or as fast
//! as possible with `ScoreBatch` (`batch`). With `--spawn BIN` it starts the server itself and
//! also reports start-up time to SERVING and the server's memory after the run.
//!
//! ```text
//! cargo build --release --bin spamsift --example loadgen
//! target/release/examples/loadgen --spawn target/release/spamsift rate --rate 500 --secs 20
//! target/release/examples/loadgen --spawn target/release/spamsift batch --batch-size 256 --secs 20
//! ```

mod server;
mod stats;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use spamsift::server::code_name;
use spamsift::server::pb::classifier_client::ClassifierClient;
use spamsift::server::pb::{self, score_result::Outcome};
use tonic::transport::Channel;

use server::SpawnedServer;
use stats::{Sample, ms, summarise};

/// Load generator for `spamsift serve`.
#[derive(Parser)]
struct Args {
    /// Server to load (loopback only). Ignored with --spawn.
    #[arg(long, default_value = "127.0.0.1:50051")]
    addr: SocketAddr,
    /// Start this `spamsift` binary and load it (reports start-up time and memory too).
    #[arg(long)]
    spawn: Option<PathBuf>,
    /// Model file for the spawned server (default: its shipped model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Extra argument for the spawned server, e.g. `--server-arg=--threads=1` (repeatable).
    #[arg(long, allow_hyphen_values = true)]
    server_arg: Vec<String>,
    /// Directory of pages to replay (every *.html file).
    #[arg(long)]
    pages: Option<PathBuf>,
    /// HTTP/2 connections to spread the calls over.
    #[arg(long, default_value_t = 2)]
    connections: usize,
    /// Seconds of load before measuring.
    #[arg(long, default_value_t = 2.0)]
    warmup_secs: f64,
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Subcommand)]
enum Mode {
    /// Unary `Score` calls at a fixed rate.
    Rate {
        /// Requests per second.
        #[arg(long, default_value_t = 500.0)]
        rate: f64,
        /// Measured seconds.
        #[arg(long, default_value_t = 20.0)]
        secs: f64,
    },
    /// `ScoreBatch` calls back to back, for maximum pages per second.
    Batch {
        /// Pages per batch.
        #[arg(long, default_value_t = 256)]
        batch_size: usize,
        /// Batches in flight at once.
        #[arg(long, default_value_t = 2)]
        concurrency: usize,
        /// Measured seconds.
        #[arg(long, default_value_t = 20.0)]
        secs: f64,
    },
}

/// The shared bench pages next to the project: `../shared/bench/dev-raw`.
fn default_pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/dev-raw")
}

fn load_pages(dir: &Path) -> anyhow::Result<Vec<Arc<Vec<u8>>>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    let pages = paths
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map(Arc::new)
                .with_context(|| format!("reading {}", p.display()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if pages.is_empty() {
        bail!("no *.html pages in {}", dir.display());
    }
    Ok(pages)
}

fn request(i: usize, page: &[u8]) -> pb::ScoreRequest {
    pb::ScoreRequest {
        id: i.to_string(),
        page: Some(pb::score_request::Page::Raw(page.to_vec())),
        ..Default::default()
    }
}

async fn clients(addr: SocketAddr, n: usize) -> anyhow::Result<Vec<ClassifierClient<Channel>>> {
    let mut out = Vec::new();
    for _ in 0..n.max(1) {
        let channel = Channel::from_shared(format!("http://{addr}"))?.connect().await?;
        out.push(
            ClassifierClient::new(channel)
                .max_decoding_message_size(64 << 20)
                .max_encoding_message_size(64 << 20),
        );
    }
    Ok(out)
}

/// Open loop: request `i` is sent at `start + i / rate` whatever happened to earlier ones.
async fn run_rate(
    clients: &[ClassifierClient<Channel>],
    pages: &[Arc<Vec<u8>>],
    rate: f64,
    secs: f64,
    offset: usize,
) -> (Vec<Sample>, Duration) {
    let total = (rate * secs).round() as usize;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let start = tokio::time::Instant::now() + Duration::from_millis(10);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..total {
        let scheduled = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(scheduled).await;
        let mut client = clients[i % clients.len()].clone();
        let page = Arc::clone(&pages[(offset + i) % pages.len()]);
        tasks.spawn(async move {
            let result = client.score(request(i, &page)).await;
            (
                scheduled.elapsed(),
                result.err().map(|s| code_name(s.code()).to_string()),
            )
        });
    }
    let mut samples = Vec::with_capacity(total);
    while let Some(joined) = tasks.join_next().await {
        samples.push(joined.unwrap_or((Duration::ZERO, Some("CLIENT_TASK_FAILED".into()))));
    }
    (samples, start.elapsed())
}

/// Closed loop: `concurrency` workers send batches back to back for `secs`.
async fn run_batch(
    clients: &[ClassifierClient<Channel>],
    pages: &[Arc<Vec<u8>>],
    batch_size: usize,
    concurrency: usize,
    secs: f64,
) -> (Vec<Sample>, usize, usize, Duration) {
    let start = Instant::now();
    let until = start + Duration::from_secs_f64(secs);
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..concurrency.max(1) {
        let mut client = clients[w % clients.len()].clone();
        let pages = pages.to_vec();
        tasks.spawn(async move {
            let (mut samples, mut ok, mut failed, mut next) = (Vec::new(), 0usize, 0usize, w * batch_size);
            while Instant::now() < until {
                let batch = (0..batch_size)
                    .map(|k| request(next + k, &pages[(next + k) % pages.len()]))
                    .collect();
                next += batch_size * 8;
                let sent = Instant::now();
                match client.score_batch(pb::ScoreBatchRequest { pages: batch }).await {
                    Ok(resp) => {
                        for r in resp.into_inner().results {
                            match r.outcome {
                                Some(Outcome::Response(_)) => ok += 1,
                                _ => failed += 1,
                            }
                        }
                        samples.push((sent.elapsed(), None));
                    }
                    Err(status) => samples.push((sent.elapsed(), Some(code_name(status.code()).to_string()))),
                }
            }
            (samples, ok, failed)
        });
    }
    let (mut samples, mut ok, mut failed) = (Vec::new(), 0, 0);
    while let Some(joined) = tasks.join_next().await {
        let (s, o, f) = joined.context("worker failed").unwrap_or_default();
        samples.extend(s);
        ok += o;
        failed += f;
    }
    (samples, ok, failed, start.elapsed())
}

fn print_latency(what: &str, samples: &[Sample]) {
    let s = summarise(samples);
    println!(
        "{what}: {} calls, errors {:?}; latency p50 {} p90 {} p99 {} max {}",
        s.calls,
        s.errors,
        ms(s.p50),
        ms(s.p90),
        ms(s.p99),
        ms(s.max)
    );
}

/// Prints the server's CPU use during the measured phase, per page.
fn print_cpu(server: Option<&SpawnedServer>, before: Option<f64>, pages: usize) {
    if let (Some(after), Some(before)) = (server.and_then(SpawnedServer::cpu_seconds), before) {
        let used = after - before;
        println!(
            "server: {used:.2} CPU-s for {pages} pages = {:.3} ms CPU per page",
            used * 1000.0 / pages.max(1) as f64
        );
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let pages = load_pages(&args.pages.clone().unwrap_or_else(default_pages))?;
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    println!(
        "pages: {} ({:.1} KiB mean)",
        pages.len(),
        bytes as f64 / pages.len() as f64 / 1024.0
    );
    let spawned = match &args.spawn {
        Some(bin) => {
            let s = SpawnedServer::start(bin, args.model.as_deref(), &args.server_arg).await?;
            println!("server: spawned at {}, start-up to SERVING {}", s.addr, ms(s.startup));
            if let Some((rss, _)) = s.memory_mib() {
                println!("server: RSS at SERVING {rss:.1} MiB");
            }
            Some(s)
        }
        None => None,
    };
    let addr = spawned.as_ref().map_or(args.addr, |s| s.addr);
    if !addr.ip().is_loopback() {
        bail!("refusing to load {addr}: only loopback addresses are allowed");
    }
    let clients = clients(addr, args.connections).await?;
    let cpu_before = || spawned.as_ref().and_then(SpawnedServer::cpu_seconds);

    match args.mode {
        Mode::Rate { rate, secs } => {
            if args.warmup_secs > 0.0 {
                let (warm, _) = run_rate(&clients, &pages, rate, args.warmup_secs, pages.len() / 2).await;
                print_latency("warm-up", &warm);
            }
            let cpu = cpu_before();
            let (samples, elapsed) = run_rate(&clients, &pages, rate, secs, 0).await;
            print_cpu(spawned.as_ref(), cpu, samples.len());
            println!(
                "rate: target {rate:.0} rps for {secs:.0} s, achieved {:.1} rps",
                samples.len() as f64 / elapsed.as_secs_f64()
            );
            print_latency("Score", &samples);
        }
        Mode::Batch {
            batch_size,
            concurrency,
            secs,
        } => {
            if args.warmup_secs > 0.0 {
                run_batch(&clients, &pages, batch_size, concurrency, args.warmup_secs).await;
            }
            let cpu = cpu_before();
            let (samples, ok, failed, elapsed) = run_batch(&clients, &pages, batch_size, concurrency, secs).await;
            print_cpu(spawned.as_ref(), cpu, ok + failed);
            println!(
                "batch: {batch_size} pages x {concurrency} in flight for {:.1} s: {:.0} pages/s ({ok} ok, {failed} per-item errors)",
                elapsed.as_secs_f64(),
                ok as f64 / elapsed.as_secs_f64()
            );
            print_latency("ScoreBatch", &samples);
        }
    }

    if let Some(server) = spawned {
        if let Some((rss, hwm)) = server.memory_mib() {
            println!("server: RSS after run {rss:.1} MiB (peak {hwm:.1} MiB)");
        }
        let clean = server.stop()?;
        println!(
            "server: stopped with SIGTERM, exit {}",
            if clean { "0" } else { "non-zero" }
        );
    }
    Ok(())
}
