//! The run: reader thread → rayon scoring → writer thread (`writer.rs`), with bounded queues,
//! after `prepare.rs` has checked the options and opened the output.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;

use rayon::prelude::*;

use super::checkpoint::{self, Checkpoint};
use super::document::{Item, Payload};
use super::error::BatchError;
use super::options::BatchOptions;
use super::outcome::{Outcome, Rules, process};
use super::prepare::{Prepared, Start, prepare, validate};
use super::progress::Progress;
use super::scorer::Scorer;
use super::source;
use super::stats::{Stats, Summary};
use super::writer::{Finished, Scored, Writer};

/// Chunks waiting between two stages. With the chunk being scored and the one being written,
/// at most `2 * QUEUE + 2` chunks are in memory.
const QUEUE: usize = 2;

/// Items read, in input order.
struct Chunk {
    items: Vec<Item>,
    /// Index (over all inputs) just past the last item of this chunk.
    end: u64,
}

/// Runs a batch: reads every input, scores every document, writes one line per document.
/// Returns the summary; per-document problems are error lines, not errors of the run.
pub fn run<S: Scorer>(scorer: &S, opts: &BatchOptions, progress: &mut dyn Progress) -> Result<Summary, BatchError> {
    validate(opts)?;
    let started = Instant::now();
    let threads = thread_count(opts);
    let start = match prepare(opts)? {
        Prepared::Run(start) => start,
        Prepared::AlreadyComplete(done) => {
            tracing::info!("the output is already complete; nothing to resume");
            return Ok(summary(done.stats, 0, started, threads, true));
        }
    };
    tracing::info!(
        threads,
        inputs = opts.inputs.len(),
        resumed = start.resumed,
        "starting batch run"
    );
    let pool = crate::scoring_threads::scoring_pool(threads)
        .map_err(|e| BatchError::Internal(format!("cannot start the thread pool: {e}")))?;
    let docs_before = start.stats.documents;
    let resumed = start.resumed;
    let finished = run_stages(&pool, scorer, opts, start, &mut *progress)?;
    save_final_checkpoint(opts, &finished)?;
    progress.finish();
    let this_run = finished.stats.documents - docs_before;
    Ok(summary(finished.stats, this_run, started, threads, resumed))
}

/// The scoring threads asked for, or the default when `--threads` is 0.
fn thread_count(opts: &BatchOptions) -> usize {
    if opts.threads == 0 {
        crate::scoring_threads::default_threads()
    } else {
        opts.threads
    }
}

/// The per-document output rules taken from the options.
fn output_rules(opts: &BatchOptions) -> Rules<'_> {
    Rules {
        only_flagged: opts.only_flagged,
        min_score: opts.min_score,
        strip_dir: opts.strip_output.as_deref(),
        corrections: opts.overridden_output.is_some(),
    }
}

/// Runs the reader, scoring and writer stages to the end and checks that every item read
/// was committed.
fn run_stages<S: Scorer>(
    pool: &rayon::ThreadPool,
    scorer: &S,
    opts: &BatchOptions,
    start: Start,
    progress: &mut dyn Progress,
) -> Result<Finished, BatchError> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    let total_bytes = source::total_bytes(&opts.inputs);
    let rules = output_rules(opts);
    let fingerprint = opts.fingerprint();
    std::thread::scope(|scope| {
        let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(QUEUE);
        let (scored_tx, scored_rx) = sync_channel::<Scored>(QUEUE);
        let reader_bytes = Arc::clone(&bytes_read);
        let skip = start.consumed;
        let reader = scope.spawn(move || read_all(opts, skip, reader_bytes, chunk_tx));
        let writer_bytes = Arc::clone(&bytes_read);
        let writer = scope.spawn(move || {
            let strip_dir = opts.strip_output.as_deref();
            Writer::new(start, &fingerprint, strip_dir, progress, (writer_bytes, total_bytes)).write_all(scored_rx)
        });
        score_all(pool, scorer, rules, chunk_rx, scored_tx);
        let read = reader
            .join()
            .map_err(|_| BatchError::Internal("the reader thread panicked".into()));
        let written = writer
            .join()
            .map_err(|_| BatchError::Internal("the writer thread panicked".into()))?;
        let finished = written?;
        let total = read?;
        if finished.consumed != total {
            return Err(BatchError::Internal(format!(
                "read {total} items but committed {}",
                finished.consumed
            )));
        }
        Ok(finished)
    })
}

/// Marks the checkpoint (when there is one) complete, with the final stats and lengths.
fn save_final_checkpoint(opts: &BatchOptions, finished: &Finished) -> Result<(), BatchError> {
    if let Some(path) = &finished.checkpoint {
        checkpoint::save(
            path,
            &Checkpoint {
                format: checkpoint::FORMAT,
                fingerprint: opts.fingerprint(),
                consumed: finished.consumed,
                output_len: finished.sink.len(),
                complete: true,
                stats: finished.stats.clone(),
                overridden_len: finished.corrections_len,
            },
        )?;
    }
    Ok(())
}

/// Builds the summary of a run from its stats and timing.
fn summary(stats: Stats, this_run: u64, started: Instant, threads: usize, resumed: bool) -> Summary {
    let elapsed = started.elapsed().as_secs_f64();
    let per_sec = |n: f64| if elapsed > 0.0 { n / elapsed } else { 0.0 };
    // Page bytes of this invocation are not tracked separately; approximate by share of docs.
    let share = if stats.documents > 0 {
        this_run as f64 / stats.documents as f64
    } else {
        0.0
    };
    Summary {
        documents_this_run: this_run,
        elapsed_secs: elapsed,
        docs_per_sec: per_sec(this_run as f64),
        mb_per_sec: per_sec(stats.page_bytes as f64 * share / 1e6),
        threads,
        resumed,
        stats,
    }
}

/// Reader thread: all inputs in order, skipping the first `skip` items, in bounded chunks.
/// Returns the number of items consumed in total (including skipped ones).
fn read_all(opts: &BatchOptions, skip: u64, bytes_read: Arc<AtomicU64>, tx: SyncSender<Chunk>) -> u64 {
    let mut index: u64 = 0;
    let mut chunk = Vec::new();
    let mut chunk_bytes = 0usize;
    for spec in &opts.inputs {
        tracing::info!(input = %spec.name(), "reading input");
        let mut src = match source::open(spec, opts.max_page_bytes, Arc::clone(&bytes_read)) {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(input = %spec.name(), "cannot open input: {e}");
                let failed = Item::failed(spec.name(), None, super::document::DocError::new("read", e.to_string()));
                Box::new(std::iter::once(failed).fuse()) as Box<dyn source::Source>
            }
        };
        while let Some(mut item) = src.next_item() {
            index += 1;
            if index <= skip {
                continue;
            }
            if let Some(shard) = opts.shard
                && !matches!(item.payload, Payload::Skipped(_))
                && !shard.contains(&item.id)
            {
                item.payload = Payload::Skipped("other_shard");
            }
            chunk_bytes += item.weight();
            chunk.push(item);
            if chunk.len() >= opts.chunk_docs || chunk_bytes >= opts.chunk_bytes {
                let items = std::mem::take(&mut chunk);
                chunk_bytes = 0;
                if tx.send(Chunk { items, end: index }).is_err() {
                    return index; // the run is stopping
                }
            }
        }
    }
    if !chunk.is_empty() {
        let _ = tx.send(Chunk {
            items: chunk,
            end: index,
        });
    }
    index.max(skip)
}

impl<I: Iterator<Item = Item> + Send> source::Source for std::iter::Fuse<I> {
    fn next_item(&mut self) -> Option<Item> {
        self.next()
    }
}

/// Scoring stage: each chunk in parallel, results kept in input order.
fn score_all<S: Scorer>(
    pool: &rayon::ThreadPool,
    scorer: &S,
    rules: Rules<'_>,
    rx: Receiver<Chunk>,
    tx: SyncSender<Scored>,
) {
    for chunk in rx {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .items
                .into_par_iter()
                .with_max_len(1)
                .map(|item| process(scorer, rules, item))
                .collect()
        });
        if tx
            .send(Scored {
                outcomes,
                end: chunk.end,
            })
            .is_err()
        {
            return; // the writer stopped
        }
    }
}
