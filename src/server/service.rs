//! The `spamsift.v1.Classifier` gRPC service.

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use tokio::sync::{Semaphore, mpsc};
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Code, Request, Response, Status, Streaming};

use super::convert::{self, OwnedPage};
use super::deadline::{StopReason, StopToken, arrival, deadline_from};
use super::metrics::Metrics;
use super::model::{ModelStore, Serving};
use super::pb;
use super::pool::ScoringPool;

/// Results buffered per stream before the server waits for the client to read.
const STREAM_BUFFER: usize = 64;
/// Pages of one stream that may be scoring or queued at once; the stream reads no further
/// requests until one finishes (HTTP/2 flow control then pushes back on the client).
const STREAM_IN_FLIGHT: usize = 32;

/// Limits the service enforces on requests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest page, in bytes.
    pub max_page_bytes: usize,
    /// Largest number of pages in one batch.
    pub max_batch_pages: usize,
    /// Server-side time limit of a `Score`, `ScoreBatch` or `GetModelInfo` call.
    pub request_timeout: Option<std::time::Duration>,
}

/// Shared state of all calls.
struct Inner {
    models: Arc<ModelStore>,
    pool: ScoringPool,
    metrics: Arc<Metrics>,
    limits: Limits,
}

/// Implements the `Classifier` service on top of the model store and the scoring pool.
#[derive(Clone)]
pub struct ClassifierService {
    inner: Arc<Inner>,
}

impl ClassifierService {
    /// A service scoring with the models in `models` on the threads of `pool`.
    pub fn new(models: Arc<ModelStore>, pool: ScoringPool, metrics: Arc<Metrics>, limits: Limits) -> Self {
        ClassifierService {
            inner: Arc::new(Inner {
                models,
                pool,
                metrics,
                limits,
            }),
        }
    }
}

/// Counts a call in the metrics when dropped: with its outcome's code if it finished, as
/// `CANCELLED` if tonic dropped it first (client went away or its deadline fired).
struct CallRecord {
    metrics: Arc<Metrics>,
    rpc: &'static str,
    arrived: Instant,
    code: Code,
}

impl CallRecord {
    fn new(metrics: &Arc<Metrics>, rpc: &'static str, arrived: Instant) -> Self {
        CallRecord {
            metrics: Arc::clone(metrics),
            rpc,
            arrived,
            code: Code::Cancelled,
        }
    }

    /// Notes the outcome and passes it through.
    fn finish<T>(mut self, result: Result<T, Status>) -> Result<T, Status> {
        self.code = result.as_ref().map_or_else(Status::code, |_| Code::Ok);
        result
    }
}

impl Drop for CallRecord {
    fn drop(&mut self) {
        let elapsed = self.arrived.elapsed();
        self.metrics.observe_call(self.rpc, self.code, elapsed);
        tracing::debug!(
            rpc = self.rpc,
            code = crate::server::code_name(self.code),
            micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
            "call finished"
        );
    }
}

/// Waits for `fut`, answering `DEADLINE_EXCEEDED` if `deadline` passes first. An answer
/// that is only ready once the deadline has passed (a batch whose remaining pages stopped at
/// the deadline finishes in the same instant) is late too.
async fn until_deadline<T>(
    deadline: Option<Instant>,
    fut: impl Future<Output = Result<T, Status>>,
) -> Result<T, Status> {
    match deadline {
        None => fut.await,
        Some(d) => match tokio::time::timeout_at(d.into(), fut).await {
            Ok(_) if Instant::now() >= d => Err(StopReason::DeadlineExceeded.status()),
            Ok(result) => result,
            Err(_) => Err(StopReason::DeadlineExceeded.status()),
        },
    }
}

/// Sleeps until `deadline`, or forever when there is none.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d.into()).await,
        None => std::future::pending().await,
    }
}

/// Scores one page on the calling (scoring) thread. The error carries the page id.
fn score_page(
    model: &Serving,
    page: OwnedPage,
    token: &StopToken,
    metrics: &Metrics,
) -> Result<pb::ScoreResponse, (String, Status)> {
    if let Some(reason) = token.should_stop() {
        return Err((page.id, reason.status()));
    }
    let started = Instant::now();
    let report = match model.score(&page.input(), page.url.as_deref()) {
        Ok(report) => report,
        Err(err) => return Err((page.id, convert::score_error_status(&err))),
    };
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    metrics.observe_report(&report, page.bytes.len());
    Ok(convert::response(page.id, report, &model.info().version, micros))
}

/// Scores one page of a batch or stream into a per-item result.
fn score_item(
    model: &Serving,
    req: pb::ScoreRequest,
    limits: Limits,
    token: &StopToken,
    metrics: &Metrics,
) -> pb::ScoreResult {
    let outcome =
        convert::take_page(req, limits.max_page_bytes).and_then(|page| score_page(model, page, token, metrics));
    match outcome {
        Ok(response) => convert::item_ok(response),
        Err((id, status)) => convert::item_error(id, &status),
    }
}

impl Inner {
    /// The serving model, or `UNAVAILABLE` while it is loading.
    fn model(&self) -> Result<Arc<Serving>, Status> {
        self.models
            .current()
            .ok_or_else(|| Status::unavailable("the model is still loading; retry shortly"))
    }

    async fn score(&self, request: Request<pb::ScoreRequest>, arrived: Instant) -> Result<pb::ScoreResponse, Status> {
        let deadline = deadline_from(request.metadata(), arrived, self.limits.request_timeout);
        let page =
            convert::take_page(request.into_inner(), self.limits.max_page_bytes).map_err(|(_, status)| status)?;
        let model = self.model()?;
        let admission = self.pool.admit()?;
        let (token, _cancel_on_drop) = StopToken::new(deadline);
        let metrics = Arc::clone(&self.metrics);
        let job = move || score_page(&model, page, &token, &metrics);
        let outcome = until_deadline(deadline, self.pool.run(admission, job)).await?;
        outcome.map_err(|(_, status)| status)
    }

    async fn score_batch(
        &self,
        request: Request<pb::ScoreBatchRequest>,
        arrived: Instant,
    ) -> Result<pb::ScoreBatchResponse, Status> {
        let deadline = deadline_from(request.metadata(), arrived, self.limits.request_timeout);
        let pages = request.into_inner().pages;
        if pages.len() > self.limits.max_batch_pages {
            return Err(Status::invalid_argument(format!(
                "too many pages in one batch: {}, the limit is {}",
                pages.len(),
                self.limits.max_batch_pages
            )));
        }
        if pages.is_empty() {
            return Ok(pb::ScoreBatchResponse::default());
        }
        let model = self.model()?;
        let admission = self.pool.admit()?;
        let (token, _cancel_on_drop) = StopToken::new(deadline);
        let metrics = Arc::clone(&self.metrics);
        let limits = self.limits;
        // The job runs on the scoring pool, so the parallel iterator uses the pool's threads.
        let job = move || {
            pages
                .into_par_iter()
                .map(|req| score_item(&model, req, limits, &token, &metrics))
                .collect::<Vec<_>>()
        };
        let results = until_deadline(deadline, self.pool.run(admission, job)).await?;
        Ok(pb::ScoreBatchResponse { results })
    }

    /// Scores one page of a stream and sends its result.
    async fn stream_item(
        self: Arc<Self>,
        req: pb::ScoreRequest,
        token: StopToken,
        tx: mpsc::Sender<Result<pb::ScoreResult, Status>>,
    ) {
        let received = Instant::now();
        let id = req.id.clone();
        let admitted = self.model().and_then(|m| Ok((m, self.pool.admit()?)));
        let result = match admitted {
            Err(status) => convert::item_error(id, &status),
            Ok((model, admission)) => {
                let (metrics, limits) = (Arc::clone(&self.metrics), self.limits);
                let job = move || score_item(&model, req, limits, &token, &metrics);
                match self.pool.run(admission, job).await {
                    Ok(result) => result,
                    Err(status) => convert::item_error(id, &status),
                }
            }
        };
        self.metrics.observe_latency("ScoreStream", received.elapsed());
        // A closed channel means the client went away; nothing left to do.
        let _ = tx.send(Ok(result)).await;
    }

    /// Reads a stream's requests and scores them concurrently until the client finishes,
    /// goes away, or the deadline passes. Returns the call's status code.
    async fn pump_stream(
        self: Arc<Self>,
        mut inbound: Streaming<pb::ScoreRequest>,
        tx: mpsc::Sender<Result<pb::ScoreResult, Status>>,
        deadline: Option<Instant>,
    ) -> Code {
        let in_flight = Arc::new(Semaphore::new(STREAM_IN_FLIGHT));
        let (token, cancel_on_drop) = StopToken::new(deadline);
        loop {
            let next = async {
                let permit = Arc::clone(&in_flight).acquire_owned().await;
                (permit, inbound.message().await)
            };
            let (permit, message) = tokio::select! {
                _ = tx.closed() => return Code::Cancelled,
                _ = sleep_until(deadline) => {
                    let status = StopReason::DeadlineExceeded.status();
                    let _ = tx.send(Err(status)).await;
                    return Code::DeadlineExceeded;
                }
                next = next => next,
            };
            let Ok(permit) = permit else {
                return Code::Internal;
            };
            match message {
                Ok(Some(req)) => {
                    let (me, token, tx) = (Arc::clone(&self), token.clone(), tx.clone());
                    tokio::spawn(async move {
                        me.stream_item(req, token, tx).await;
                        drop(permit);
                    });
                }
                Ok(None) => break,
                Err(status) => {
                    tracing::debug!(code = ?status.code(), "client stream failed");
                    return status.code();
                }
            }
        }
        // The client sent everything: let the pages in flight finish before closing.
        let all = u32::try_from(STREAM_IN_FLIGHT).unwrap_or(u32::MAX);
        tokio::select! {
            _ = in_flight.acquire_many(all) => {}
            _ = tx.closed() => return Code::Cancelled,
            _ = sleep_until(deadline) => {
                let _ = tx.send(Err(StopReason::DeadlineExceeded.status())).await;
                return Code::DeadlineExceeded;
            }
        }
        drop(cancel_on_drop);
        Code::Ok
    }
}

#[tonic::async_trait]
impl pb::classifier_server::Classifier for ClassifierService {
    async fn score(&self, request: Request<pb::ScoreRequest>) -> Result<Response<pb::ScoreResponse>, Status> {
        let arrived = arrival(request.extensions());
        let record = CallRecord::new(&self.inner.metrics, "Score", arrived);
        let result = self.inner.score(request, arrived).await;
        record.finish(result).map(Response::new)
    }

    async fn score_batch(
        &self,
        request: Request<pb::ScoreBatchRequest>,
    ) -> Result<Response<pb::ScoreBatchResponse>, Status> {
        let arrived = arrival(request.extensions());
        let record = CallRecord::new(&self.inner.metrics, "ScoreBatch", arrived);
        let result = self.inner.score_batch(request, arrived).await;
        record.finish(result).map(Response::new)
    }

    type ScoreStreamStream = ReceiverStream<Result<pb::ScoreResult, Status>>;

    async fn score_stream(
        &self,
        request: Request<Streaming<pb::ScoreRequest>>,
    ) -> Result<Response<Self::ScoreStreamStream>, Status> {
        let arrived = arrival(request.extensions());
        // Streams may be long-lived: only the client's deadline applies, not the server limit.
        let deadline = deadline_from(request.metadata(), arrived, None);
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        let inner = Arc::clone(&self.inner);
        let inbound = request.into_inner();
        tokio::spawn(async move {
            let mut record = CallRecord::new(&inner.metrics, "ScoreStream", arrived);
            record.code = inner.pump_stream(inbound, tx, deadline).await;
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn get_model_info(
        &self,
        request: Request<pb::GetModelInfoRequest>,
    ) -> Result<Response<pb::GetModelInfoResponse>, Status> {
        let record = CallRecord::new(&self.inner.metrics, "GetModelInfo", arrival(request.extensions()));
        let result = self
            .inner
            .model()
            .map(|m| convert::model_info(m.info(), self.inner.models.source().describe(), m.policy.info()));
        record.finish(result).map(Response::new)
    }

    async fn get_policy_info(
        &self,
        request: Request<pb::GetPolicyInfoRequest>,
    ) -> Result<Response<pb::GetPolicyInfoResponse>, Status> {
        let record = CallRecord::new(&self.inner.metrics, "GetPolicyInfo", arrival(request.extensions()));
        let policy = self.inner.models.policy();
        record.finish(Ok(convert::policy_info(&policy))).map(Response::new)
    }
}
