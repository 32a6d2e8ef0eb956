//! `spamsift serve`: parses arguments and runs [`spamsift::server`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use spamsift::server::{self, ModelSource, ServerConfig, TlsFiles};

use super::logging::LogFormat;

/// Arguments of `spamsift serve`.
#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("watched").args(["model", "policy"]).multiple(true))]
pub struct ServeArgs {
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Address for the gRPC server.
    #[arg(long, default_value = "127.0.0.1:50051")]
    pub listen: SocketAddr,
    /// Address for the Prometheus metrics endpoint (`GET /metrics`); off unless given.
    #[arg(long)]
    pub metrics_listen: Option<SocketAddr>,
    /// Largest gRPC message accepted or sent, in bytes.
    #[arg(long, default_value_t = server::DEFAULT_MAX_MESSAGE_BYTES)]
    pub max_message_bytes: usize,
    /// Largest page accepted, in bytes; larger pages get INVALID_ARGUMENT.
    #[arg(long, default_value_t = server::DEFAULT_SERVER_MAX_PAGE_BYTES)]
    pub max_page_bytes: usize,
    /// Scoring threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Requests that may wait for a scoring thread; more are shed with RESOURCE_EXHAUSTED.
    #[arg(long, default_value_t = server::DEFAULT_MAX_QUEUE)]
    pub max_queue: usize,
    /// Largest number of pages in one ScoreBatch call.
    #[arg(long, default_value_t = server::DEFAULT_MAX_BATCH_PAGES)]
    pub max_batch_pages: usize,
    /// Server-side time limit of a Score or ScoreBatch call, in milliseconds (DEADLINE_EXCEEDED
    /// past it); client deadlines always apply.
    #[arg(long)]
    pub request_timeout_ms: Option<u64>,
    /// Operator policy file (allow/deny rules, thresholds; see docs/policy.md). Reloaded with
    /// the model on SIGHUP and by --watch; a file that does not load keeps the previous policy.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Poll the --model and --policy files and reload them when they change.
    #[arg(long, requires = "watched")]
    pub watch: bool,
    /// How often --watch polls the model and policy files, in milliseconds.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(10..))]
    pub watch_interval_ms: u64,
    /// Seconds in-flight calls get to finish after SIGTERM/SIGINT.
    #[arg(long, default_value_t = server::DEFAULT_DRAIN_TIMEOUT.as_secs())]
    pub drain_timeout_secs: u64,
    /// TLS certificate chain (PEM) for the gRPC port; needs --tls-key.
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM) for the gRPC port; needs --tls-cert.
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// CA certificates (PEM) that client certificates must chain to (mutual TLS).
    #[arg(long, requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// Token file: one bearer token a line, `#` comments. Every call except health must then
    /// send `authorization: Bearer <token>`. Reloaded with the model on SIGHUP.
    #[arg(long)]
    pub auth_token_file: Option<PathBuf>,
    /// Do not serve gRPC reflection.
    #[arg(long)]
    pub no_reflection: bool,
    /// Log format.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// Runs `spamsift serve` until SIGTERM or SIGINT.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let mut config = ServerConfig::new(match args.model {
        Some(path) => ModelSource::File(path),
        None => ModelSource::Shipped,
    });
    config.policy = args.policy;
    config.max_message_bytes = args.max_message_bytes;
    config.max_page_bytes = args.max_page_bytes;
    config.scoring_threads = args.threads.unwrap_or_else(server::default_scoring_threads);
    config.max_queue = args.max_queue;
    config.max_batch_pages = args.max_batch_pages;
    config.request_timeout = args.request_timeout_ms.map(Duration::from_millis);
    config.watch_interval = args.watch.then(|| Duration::from_millis(args.watch_interval_ms));
    config.metrics_listen = args.metrics_listen;
    config.drain_timeout = Duration::from_secs(args.drain_timeout_secs);
    config.handle_signals = true;
    config.tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsFiles {
            cert,
            key,
            client_ca: args.tls_client_ca,
        }),
        _ => None,
    };
    config.auth_token_file = args.auth_token_file;
    config.reflection = !args.no_reflection;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("spamsift-io")
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(server::serve(config, args.listen))?;
    tracing::info!("server stopped");
    Ok(())
}
