//! Latency and error statistics of a load run.

use std::collections::BTreeMap;
use std::time::Duration;

/// Outcome of one call: its latency and, if it failed, the status code name.
pub type Sample = (Duration, Option<String>);

/// Summary of a run.
pub struct Summary {
    /// Calls that finished.
    pub calls: usize,
    /// Failed calls by status code.
    pub errors: BTreeMap<String, usize>,
    /// Latency quantiles of all calls (p50, p90, p99, max).
    pub p50: Duration,
    /// 90th percentile.
    pub p90: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest call.
    pub max: Duration,
}

/// The `q` quantile (0..=1) of sorted values (nearest rank).
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Summarises samples.
pub fn summarise(samples: &[Sample]) -> Summary {
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    latencies.sort_unstable();
    let mut errors = BTreeMap::new();
    for (_, err) in samples {
        if let Some(code) = err {
            *errors.entry(code.clone()).or_insert(0) += 1;
        }
    }
    Summary {
        calls: samples.len(),
        errors,
        p50: quantile(&latencies, 0.50),
        p90: quantile(&latencies, 0.90),
        p99: quantile(&latencies, 0.99),
        max: latencies.last().copied().unwrap_or_default(),
    }
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
