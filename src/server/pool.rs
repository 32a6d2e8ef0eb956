//! The scoring thread pool and its admission control (bounded queue, load shedding).
//!
//! Scoring is CPU-bound, so it runs on a dedicated rayon pool, never on the tokio reactor.
//! A request must be admitted before it may queue for the pool: at most
//! `threads + max_queue` jobs are admitted at once, and a request that finds no room is shed
//! with `RESOURCE_EXHAUSTED` instead of piling up in memory.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use tonic::Status;

use super::error::ServerError;
use super::metrics::Metrics;

/// The right to run one job on the pool. Dropping it frees the slot.
pub struct Admission {
    _permit: OwnedSemaphorePermit,
    metrics: Arc<Metrics>,
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.metrics.add_in_flight(-1);
    }
}

/// A bounded pool of scoring threads.
pub struct ScoringPool {
    pool: rayon::ThreadPool,
    slots: Arc<Semaphore>,
    capacity: usize,
    metrics: Arc<Metrics>,
}

impl ScoringPool {
    /// Starts `threads` scoring threads that admit up to `max_queue` waiting jobs.
    pub fn new(threads: usize, max_queue: usize, metrics: Arc<Metrics>) -> Result<Self, ServerError> {
        if threads == 0 {
            return Err(ServerError::Config("scoring threads must be at least 1".into()));
        }
        let pool = crate::scoring_threads::scoring_pool(threads).map_err(|e| ServerError::Pool(e.to_string()))?;
        let capacity = threads.saturating_add(max_queue).min(Semaphore::MAX_PERMITS);
        Ok(ScoringPool {
            pool,
            slots: Arc::new(Semaphore::new(capacity)),
            capacity,
            metrics,
        })
    }

    /// Admits one job, or sheds it with `RESOURCE_EXHAUSTED` when every slot is taken.
    pub fn admit(&self) -> Result<Admission, Status> {
        match Arc::clone(&self.slots).try_acquire_owned() {
            Ok(permit) => {
                self.metrics.add_in_flight(1);
                Ok(Admission {
                    _permit: permit,
                    metrics: Arc::clone(&self.metrics),
                })
            }
            Err(_) => Err(Status::resource_exhausted(format!(
                "server overloaded: {} requests are already running or queued; retry later",
                self.capacity
            ))),
        }
    }

    /// Runs `job` on a scoring thread and waits for its result. The slot is released when the
    /// job finishes, even if the caller stopped waiting. A panicking job yields `INTERNAL`.
    pub async fn run<T, F>(&self, admission: Admission, job: F) -> Result<T, Status>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        self.pool.spawn(move || {
            let result = std::panic::catch_unwind(AssertUnwindSafe(job));
            drop(admission);
            // The receiver is gone when the caller gave up (deadline, cancellation): fine.
            let _ = tx.send(result);
        });
        match rx.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_panic)) => {
                tracing::error!("a scoring job panicked");
                Err(Status::internal("internal error while scoring"))
            }
            Err(_) => Err(Status::internal("the scoring job was lost")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sheds_when_full_and_frees_slots_after_jobs() {
        let pool = ScoringPool::new(1, 1, Arc::new(Metrics::new())).unwrap();
        let a = pool.admit().unwrap();
        let b = pool.admit().unwrap();
        let shed = pool.admit().err().map(|s| s.code());
        assert_eq!(shed, Some(tonic::Code::ResourceExhausted));
        assert_eq!(pool.run(a, || 1 + 1).await.unwrap(), 2);
        drop(b);
        assert!(pool.admit().is_ok());
    }

    #[test]
    fn a_huge_queue_is_clamped_not_a_panic() {
        assert!(ScoringPool::new(1, usize::MAX, Arc::new(Metrics::new())).is_ok());
        assert!(ScoringPool::new(0, 1, Arc::new(Metrics::new())).is_err());
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_internal_error() {
        let pool = ScoringPool::new(1, 0, Arc::new(Metrics::new())).unwrap();
        let a = pool.admit().unwrap();
        let err = pool.run(a, || -> u32 { panic!("boom") }).await.unwrap_err();
        assert_eq!(err.code(), tonic::Code::Internal);
        assert!(pool.admit().is_ok(), "slot is freed after a panic");
    }
}
