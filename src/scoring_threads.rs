//! The scoring thread pool, built the same way for `spamsift batch` and the gRPC server.

/// Scoring threads when none are configured: one per core (1 if that cannot be read).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A rayon pool of `threads` scoring threads named `spamsift-score-N`.
pub fn scoring_pool(threads: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("spamsift-score-{i}"))
        .build()
}
