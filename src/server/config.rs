//! Settings of the gRPC server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::tls::TlsFiles;

/// Default largest gRPC message, in bytes (16 MiB).
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 16 << 20;
/// The server's default largest single page, in bytes (8 MiB): below the message limit, so one
/// request cannot hold the scoring threads as long as a batch can. The server passes it to the
/// classifier; the library's own default is [`crate::DEFAULT_MAX_PAGE_BYTES`].
pub const DEFAULT_SERVER_MAX_PAGE_BYTES: usize = 8 << 20;
/// Default number of requests that may wait for a scoring thread before new ones are shed.
pub const DEFAULT_MAX_QUEUE: usize = 256;
/// Default largest number of pages in one `ScoreBatch` call.
pub const DEFAULT_MAX_BATCH_PAGES: usize = 10_000;

/// Default time in-flight calls get to finish after a shutdown request.
pub const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the model comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelSource {
    /// The default model embedded in the binary.
    Shipped,
    /// A model file; it can be reloaded (SIGHUP, `--watch`, [`super::ServerHandle::reload`]).
    File(PathBuf),
}

impl ModelSource {
    /// Short description for logs and `GetModelInfo`: `shipped` or the file path.
    pub fn describe(&self) -> String {
        match self {
            ModelSource::Shipped => "shipped".to_string(),
            ModelSource::File(path) => path.display().to_string(),
        }
    }
}

/// Everything the server needs to know besides the listening socket.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The model to serve.
    pub model: ModelSource,
    /// Operator policy file applied on top of the model, reloaded with it (SIGHUP, `--watch`).
    pub policy: Option<PathBuf>,
    /// Largest gRPC message accepted or sent, in bytes. Larger requests are refused by the
    /// transport before they reach the service.
    pub max_message_bytes: usize,
    /// Largest page accepted, in bytes; larger pages get `INVALID_ARGUMENT`.
    pub max_page_bytes: usize,
    /// Scoring threads (CPU-bound work runs on these, never on the async reactor).
    pub scoring_threads: usize,
    /// Requests that may wait for a scoring thread; beyond this, `RESOURCE_EXHAUSTED`.
    pub max_queue: usize,
    /// Largest number of pages in one `ScoreBatch` call.
    pub max_batch_pages: usize,
    /// Server-side time limit of a `Score` or `ScoreBatch` call (`DEADLINE_EXCEEDED` past it),
    /// on top of the client's deadline. Streams are not limited by it.
    pub request_timeout: Option<Duration>,
    /// Poll the model and policy files at this interval and reload the ones whose mtime or
    /// size changed.
    pub watch_interval: Option<Duration>,
    /// Serve Prometheus metrics over HTTP on this address.
    pub metrics_listen: Option<SocketAddr>,
    /// Reload the model and policy on SIGHUP and shut down gracefully on SIGTERM/SIGINT.
    pub handle_signals: bool,
    /// After a shutdown request, how long in-flight calls may take before they are dropped.
    pub drain_timeout: Duration,
    /// TLS on the gRPC port (plaintext when `None`).
    pub tls: Option<TlsFiles>,
    /// When set, every call except `grpc.health.v1` needs `authorization: Bearer <token>` with
    /// a token from this file (one a line, `#` comments); reloaded with the model on SIGHUP.
    pub auth_token_file: Option<PathBuf>,
    /// Serve gRPC reflection (v1 and v1alpha); it needs the token when authentication is on.
    pub reflection: bool,
}

impl ServerConfig {
    /// Defaults for everything, serving `model`.
    pub fn new(model: ModelSource) -> Self {
        ServerConfig {
            model,
            policy: None,
            max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES,
            max_page_bytes: DEFAULT_SERVER_MAX_PAGE_BYTES,
            scoring_threads: default_scoring_threads(),
            max_queue: DEFAULT_MAX_QUEUE,
            max_batch_pages: DEFAULT_MAX_BATCH_PAGES,
            request_timeout: None,
            watch_interval: None,
            metrics_listen: None,
            handle_signals: false,
            drain_timeout: DEFAULT_DRAIN_TIMEOUT,
            tls: None,
            auth_token_file: None,
            reflection: true,
        }
    }
}

/// One scoring thread per available core.
pub fn default_scoring_threads() -> usize {
    crate::scoring_threads::default_threads()
}
