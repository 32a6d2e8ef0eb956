//! Starting, running and stopping the server: gRPC services, health, reflection, metrics
//! endpoint, model loading, `--watch` polling and signals.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;

use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;

use super::auth::{Authenticator, RequireToken, TokenFileError};
use super::config::{ModelSource, ServerConfig};
use super::deadline::stamp_arrival;
use super::error::ServerError;
use super::metrics::Metrics;
use super::metrics_http::serve_metrics;
use super::model::{ModelStore, error_chain};
use super::pb;
use super::pb::classifier_server::ClassifierServer;
use super::policy::ReloadError;
use super::pool::ScoringPool;
use super::service::{ClassifierService, Limits};
use super::shutdown::stop_requested;
use super::tls::TlsError;
use crate::Policy;

/// Name under which the scoring service reports health (besides the overall `""`).
pub const SERVICE_NAME: &str = "spamsift.v1.Classifier";

/// HTTP/2 streams (calls) one client connection may have open at once.
const MAX_STREAMS_PER_CONNECTION: u32 = 128;

/// A running server. Dropping the handle does not stop it; call [`ServerHandle::shutdown`].
pub struct ServerHandle {
    local_addr: SocketAddr,
    metrics_addr: Option<SocketAddr>,
    models: Arc<ModelStore>,
    auth: Option<Arc<Authenticator>>,
    metrics: Arc<Metrics>,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<Result<(), ServerError>>,
}

impl ServerHandle {
    /// The address the gRPC server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The address of the metrics endpoint, if enabled.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
    }

    /// Reloads the model file and the policy file now (what SIGHUP does) and returns the
    /// serving model's version. A file that fails to load keeps its predecessor serving.
    pub async fn reload(&self) -> Result<String, ReloadError> {
        self.models.reload().await.map(|m| m.info().version.clone())
    }

    /// Reloads the token file now (what SIGHUP does) and returns the number of tokens, or
    /// `None` when authentication is off. On failure the old tokens stay in force.
    pub fn reload_tokens(&self) -> Option<Result<usize, TokenFileError>> {
        self.auth.as_ref().map(|auth| auth.reload())
    }

    /// The metrics in the Prometheus text format (what the metrics endpoint serves).
    pub fn metrics_text(&self) -> String {
        self.metrics.encode()
    }

    /// Starts a graceful shutdown (what SIGTERM does): health turns NOT_SERVING, no new
    /// connections are accepted, and in-flight calls finish.
    pub fn shutdown(&self) {
        self.shutdown.send_replace(true);
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> Result<(), ServerError> {
        match self.task.await {
            Ok(result) => result,
            Err(err) => Err(ServerError::Task(err.to_string())),
        }
    }
}

/// Starts serving on `listener` and returns at once; the model loads in the background and
/// health turns SERVING when it is ready. Must be called inside a tokio runtime.
pub async fn start(config: ServerConfig, listener: TcpListener) -> Result<ServerHandle, ServerError> {
    if config.watch_interval.is_some() && config.model == ModelSource::Shipped && config.policy.is_none() {
        return Err(ServerError::Config(
            "--watch needs --model FILE or --policy FILE".into(),
        ));
    }
    // A policy that does not load stops the start-up, before anything listens.
    let policy = match &config.policy {
        Some(path) => {
            let policy = Policy::load(path).map_err(|e| ServerError::Config(format!("policy: {e}")))?;
            let info = policy.info();
            tracing::info!(source = %info.source, version = info.version, hash = %info.hash, rules = info.rules, "policy loaded");
            policy
        }
        None => Policy::empty(),
    };
    if config.watch_interval.is_some_and(|i| i.is_zero()) {
        return Err(ServerError::Config("the watch interval must be above zero".into()));
    }
    let local_addr = listener.local_addr().map_err(|source| ServerError::Bind {
        addr: "gRPC listener".into(),
        source,
    })?;
    let metrics = Arc::new(Metrics::new());
    let models = Arc::new(ModelStore::new(
        config.model.clone(),
        (config.policy.clone(), policy),
        config.max_page_bytes,
        Arc::clone(&metrics),
    ));
    let auth = match &config.auth_token_file {
        Some(path) => Some(Arc::new(Authenticator::load(path.clone(), Arc::clone(&metrics))?)),
        None => None,
    };
    if auth.is_some() && config.tls.is_none() && !local_addr.ip().is_loopback() {
        tracing::warn!("bearer tokens travel in clear text: add --tls-cert and --tls-key");
    }
    let guard = RequireToken(auth.clone());
    let pool = ScoringPool::new(config.scoring_threads, config.max_queue, Arc::clone(&metrics))?;
    let limits = Limits {
        max_page_bytes: config.max_page_bytes,
        max_batch_pages: config.max_batch_pages,
        request_timeout: config.request_timeout,
    };
    let service = ClassifierService::new(Arc::clone(&models), pool, Arc::clone(&metrics), limits);
    let (shutdown_tx, shutdown_rx) = watch::channel(false);

    let metrics_addr = match config.metrics_listen {
        Some(addr) => {
            let listener = TcpListener::bind(addr).await.map_err(|source| ServerError::Bind {
                addr: addr.to_string(),
                source,
            })?;
            let bound = listener.local_addr().map_err(|source| ServerError::Bind {
                addr: addr.to_string(),
                source,
            })?;
            tokio::spawn(serve_metrics(listener, Arc::clone(&metrics), shutdown_rx.clone()));
            tracing::info!(addr = %bound, "metrics endpoint listening on /metrics");
            Some(bound)
        }
        None => None,
    };

    let (reporter, health) = tonic_health::server::health_reporter();
    set_health(&reporter, ServingStatus::NotServing).await;
    let reflection_v1 = config
        .reflection
        .then(|| reflection().build_v1())
        .transpose()
        .map_err(|e| ServerError::Reflection(e.to_string()))?
        .map(|service| InterceptedService::new(service, guard.clone()));
    // grpcurl 1.8 and other older clients speak only v1alpha.
    let reflection_v1alpha = config
        .reflection
        .then(|| reflection().build_v1alpha())
        .transpose()
        .map_err(|e| ServerError::Reflection(e.to_string()))?
        .map(|service| InterceptedService::new(service, guard.clone()));
    let classifier = ClassifierServer::new(service)
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(config.max_message_bytes);
    // Runs when the headers arrive, before the body is decoded: deadlines count from there,
    // and a call without a valid token is refused before its body is read.
    let classifier = InterceptedService::new(classifier, {
        let mut guard = guard.clone();
        move |request| guard.call(stamp_arrival(request)?)
    });
    let mut builder = Server::builder();
    if let Some(tls) = &config.tls {
        builder = builder
            .tls_config(tls.server_config()?)
            .map_err(|e| TlsError::Rejected(error_chain(&e)))?;
    }
    let router = builder
        // Bounds the calls (and so the decoded messages) one connection can have open at once.
        .max_concurrent_streams(Some(MAX_STREAMS_PER_CONNECTION))
        // Health stays open without a token, so that load balancers can probe.
        .add_service(health)
        .add_optional_service(reflection_v1)
        .add_optional_service(reflection_v1alpha)
        .add_service(classifier);
    let incoming = TcpIncoming::from(listener).with_nodelay(Some(true));

    if let Some(interval) = config.watch_interval {
        tokio::spawn(watch_model(Arc::clone(&models), interval, shutdown_rx.clone()));
    }
    if config.handle_signals {
        tokio::spawn(handle_signals(Arc::clone(&models), auth.clone(), shutdown_tx.clone()));
    }

    let serve = router.serve_with_incoming_shutdown(incoming, {
        let (mut rx, reporter) = (shutdown_rx.clone(), reporter.clone());
        async move {
            stop_requested(&mut rx).await;
            tracing::info!("shutting down: draining in-flight calls");
            set_health(&reporter, ServingStatus::NotServing).await;
        }
    });
    let load = load_then_serve(Arc::clone(&models), reporter);
    let drain = drain_deadline(shutdown_rx, config.drain_timeout);
    let task = tokio::spawn(async move {
        tokio::select! {
            served = serve => served.map_err(ServerError::from),
            failed = load => Err(failed),
            () = drain => {
                tracing::warn!("drain timeout reached; closing the remaining calls");
                Ok(())
            }
        }
    });
    tracing::info!(
        addr = %local_addr,
        tls = config.tls.is_some(),
        mtls = config.tls.as_ref().is_some_and(|t| t.client_ca.is_some()),
        auth = auth.is_some(),
        reflection = config.reflection,
        "gRPC server listening"
    );
    Ok(ServerHandle {
        local_addr,
        metrics_addr,
        models,
        auth,
        metrics,
        shutdown: shutdown_tx,
        task,
    })
}

/// Binds `listen`, serves until SIGTERM/SIGINT (when `config.handle_signals`) and returns.
pub async fn serve(config: ServerConfig, listen: SocketAddr) -> Result<(), ServerError> {
    let listener = TcpListener::bind(listen).await.map_err(|source| ServerError::Bind {
        addr: listen.to_string(),
        source,
    })?;
    start(config, listener).await?.wait().await
}

/// Reflection over our service and the health service (without the latter's descriptors,
/// reflection clients would not list `grpc.health.v1.Health`).
fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
}

/// Sets the overall and the service's health status.
async fn set_health(reporter: &HealthReporter, status: ServingStatus) {
    reporter.set_service_status("", status).await;
    reporter.set_service_status(SERVICE_NAME, status).await;
}

/// Loads the model, then reports SERVING and waits forever. Returns only if loading failed.
async fn load_then_serve(models: Arc<ModelStore>, reporter: HealthReporter) -> ServerError {
    match models.load_initial().await {
        Ok(_) => {
            set_health(&reporter, ServingStatus::Serving).await;
            tracing::info!("serving");
            std::future::pending().await
        }
        Err(error) => ServerError::Model {
            source_desc: models.source().describe(),
            error,
        },
    }
}

/// Completes `drain` after shutdown was requested, or never.
async fn drain_deadline(mut shutdown: watch::Receiver<bool>, drain: Duration) {
    stop_requested(&mut shutdown).await;
    tokio::time::sleep(drain).await;
}

/// Polls the model and policy files every `interval` and reloads what changed.
async fn watch_model(models: Arc<ModelStore>, interval: Duration, mut shutdown: watch::Receiver<bool>) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = stop_requested(&mut shutdown) => return,
            _ = ticker.tick() => {
                // Failures are logged and counted by the store.
                let _ = models.reload_if_changed().await;
            }
        }
    }
}

/// SIGHUP reloads the model, the policy and the token file; SIGTERM and SIGINT start a graceful
/// shutdown.
#[cfg(unix)]
async fn handle_signals(models: Arc<ModelStore>, auth: Option<Arc<Authenticator>>, shutdown: watch::Sender<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let streams = (
        signal(SignalKind::hangup()),
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    );
    let (Ok(mut hup), Ok(mut term), Ok(mut int)) = streams else {
        tracing::error!("cannot install signal handlers; SIGHUP reload and graceful SIGTERM are off");
        return;
    };
    loop {
        tokio::select! {
            _ = hup.recv() => {
                tracing::info!("SIGHUP: reloading the model, the policy and the token file");
                // Failures are logged and counted; the old model, policy and tokens stay in force.
                if let Some(auth) = &auth {
                    let _ = auth.reload();
                }
                let _ = models.reload().await;
            }
            _ = term.recv() => break,
            _ = int.recv() => break,
        }
    }
    tracing::info!("termination signal received");
    shutdown.send_replace(true);
}

/// Ctrl-C starts a graceful shutdown (no SIGHUP off Unix).
#[cfg(not(unix))]
async fn handle_signals(_models: Arc<ModelStore>, _auth: Option<Arc<Authenticator>>, shutdown: watch::Sender<bool>) {
    if tokio::signal::ctrl_c().await.is_ok() {
        shutdown.send_replace(true);
    }
}
