//! Starting the server, in named steps: checks and shared state (policy, model store, tokens),
//! the gRPC router (TLS, health, reflection, the scoring service), the metrics endpoint, the
//! background tasks, and the serving task behind the [`ServerHandle`].

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Server;
use tonic::transport::server::{Router, TcpIncoming};
use tonic_health::ServingStatus;
use tonic_health::pb::health_server::{Health, HealthServer};
use tonic_health::server::HealthReporter;

use super::auth::{Authenticator, RequireToken};
use super::background::{handle_signals, watch_model};
use super::config::{ModelSource, ServerConfig};
use super::deadline::stamp_arrival;
use super::error::ServerError;
use super::handle::ServerHandle;
use super::metrics::Metrics;
use super::metrics_http::serve_metrics;
use super::model::{ModelStore, error_chain};
use super::pb;
use super::pb::classifier_server::ClassifierServer;
use super::pool::ScoringPool;
use super::service::{ClassifierService, Limits};
use super::tls::TlsError;
use crate::Policy;

/// Name under which the scoring service reports health (besides the overall `""`).
pub const SERVICE_NAME: &str = "spamsift.v1.Classifier";

/// HTTP/2 streams (calls) one client connection may have open at once.
const MAX_STREAMS_PER_CONNECTION: u32 = 128;

/// What the services, the background tasks and the handle share.
struct Shared {
    metrics: Arc<Metrics>,
    models: Arc<ModelStore>,
    auth: Option<Arc<Authenticator>>,
}

/// Starts serving on `listener` and returns at once; the model loads in the background and
/// health turns SERVING when it is ready. Must be called inside a tokio runtime.
pub async fn start(config: ServerConfig, listener: TcpListener) -> Result<ServerHandle, ServerError> {
    let local_addr = check_config(&config, &listener)?;
    let shared = load_shared(&config, local_addr)?;
    let (reporter, health) = tonic_health::server::health_reporter();
    set_health(&reporter, ServingStatus::NotServing).await;
    let router = grpc_router(&config, &shared, health)?;
    let stop = CancellationToken::new();
    let metrics_addr = start_metrics_endpoint(config.metrics_listen, &shared.metrics, &stop).await?;
    spawn_background_tasks(&config, &shared, &stop);
    let task = tokio::spawn(serve_until_stopped(
        router,
        listener,
        &shared,
        reporter,
        &stop,
        config.drain_timeout,
    ));
    log_listening(&config, local_addr, shared.auth.is_some());
    Ok(ServerHandle {
        local_addr,
        metrics_addr,
        models: shared.models,
        auth: shared.auth,
        metrics: shared.metrics,
        stop,
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

/// Refuses inconsistent settings and returns the gRPC listener's address.
fn check_config(config: &ServerConfig, listener: &TcpListener) -> Result<SocketAddr, ServerError> {
    if config.watch_interval.is_some() && config.model == ModelSource::Shipped && config.policy.is_none() {
        return Err(ServerError::Config(
            "--watch needs --model FILE or --policy FILE".into(),
        ));
    }
    if config.watch_interval.is_some_and(|i| i.is_zero()) {
        return Err(ServerError::Config("the watch interval must be above zero".into()));
    }
    listener.local_addr().map_err(|source| ServerError::Bind {
        addr: "gRPC listener".into(),
        source,
    })
}

/// Loads the policy and the token file and sets up the model store (the model itself loads
/// once serving has started). A policy or token file that does not load stops the start-up,
/// before anything listens.
fn load_shared(config: &ServerConfig, local_addr: SocketAddr) -> Result<Shared, ServerError> {
    let policy = load_policy(config)?;
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
    Ok(Shared { metrics, models, auth })
}

/// The `--policy` file, or the empty policy.
fn load_policy(config: &ServerConfig) -> Result<Policy, ServerError> {
    let Some(path) = &config.policy else {
        return Ok(Policy::empty());
    };
    let policy = Policy::load(path).map_err(|e| ServerError::Config(format!("policy: {e}")))?;
    let info = policy.info();
    tracing::info!(source = %info.source, version = info.version, hash = %info.hash, rules = info.rules, "policy loaded");
    Ok(policy)
}

/// The gRPC services on the transport: health (open without a token, so that load balancers
/// can probe), reflection (when on) and the scoring service, both behind the token check.
fn grpc_router(
    config: &ServerConfig,
    shared: &Shared,
    health: HealthServer<impl Health>,
) -> Result<Router, ServerError> {
    let guard = RequireToken(shared.auth.clone());
    let classifier = classifier_service(config, shared)?;
    // Runs when the headers arrive, before the body is decoded: deadlines count from there,
    // and a call without a valid token is refused before its body is read.
    let classifier = InterceptedService::new(classifier, {
        let mut guard = guard.clone();
        move |request| guard.call(stamp_arrival(request)?)
    });
    let router = transport(config)?.add_service(health);
    let router = if config.reflection {
        with_reflection(router, &guard)?
    } else {
        router
    };
    Ok(router.add_service(classifier))
}

/// The scoring service with its thread pool and limits.
fn classifier_service(
    config: &ServerConfig,
    shared: &Shared,
) -> Result<ClassifierServer<ClassifierService>, ServerError> {
    let pool = ScoringPool::new(config.scoring_threads, config.max_queue, Arc::clone(&shared.metrics))?;
    let limits = Limits {
        max_page_bytes: config.max_page_bytes,
        max_batch_pages: config.max_batch_pages,
        request_timeout: config.request_timeout,
    };
    let service = ClassifierService::new(Arc::clone(&shared.models), pool, Arc::clone(&shared.metrics), limits);
    Ok(ClassifierServer::new(service)
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(config.max_message_bytes))
}

/// The HTTP/2 transport: TLS when configured, and a bound on the calls (and so the decoded
/// messages) one connection can have open at once.
fn transport(config: &ServerConfig) -> Result<Server, ServerError> {
    let mut builder = Server::builder();
    if let Some(tls) = &config.tls {
        builder = builder
            .tls_config(tls.server_config()?)
            .map_err(|e| TlsError::Rejected(error_chain(&e)))?;
    }
    Ok(builder.max_concurrent_streams(Some(MAX_STREAMS_PER_CONNECTION)))
}

/// Adds reflection v1 and v1alpha (grpcurl 1.8 and other older clients speak only v1alpha).
fn with_reflection(router: Router, guard: &RequireToken) -> Result<Router, ServerError> {
    let failed = |e: tonic_reflection::server::Error| ServerError::Reflection(e.to_string());
    let v1 = reflection().build_v1().map_err(failed)?;
    let v1alpha = reflection().build_v1alpha().map_err(failed)?;
    Ok(router
        .add_service(InterceptedService::new(v1, guard.clone()))
        .add_service(InterceptedService::new(v1alpha, guard.clone())))
}

/// Reflection over our service and the health service (without the latter's descriptors,
/// reflection clients would not list `grpc.health.v1.Health`).
fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
}

/// Binds the metrics endpoint (when `addr` is set) and serves it until `stop`; returns its
/// address.
async fn start_metrics_endpoint(
    addr: Option<SocketAddr>,
    metrics: &Arc<Metrics>,
    stop: &CancellationToken,
) -> Result<Option<SocketAddr>, ServerError> {
    let Some(addr) = addr else {
        return Ok(None);
    };
    let bind_error = |source| ServerError::Bind {
        addr: addr.to_string(),
        source,
    };
    let listener = TcpListener::bind(addr).await.map_err(bind_error)?;
    let bound = listener.local_addr().map_err(bind_error)?;
    tokio::spawn(serve_metrics(listener, Arc::clone(metrics), stop.clone()));
    tracing::info!(addr = %bound, "metrics endpoint listening on /metrics");
    Ok(Some(bound))
}

/// Starts `--watch` polling and the signal handlers, when configured.
fn spawn_background_tasks(config: &ServerConfig, shared: &Shared, stop: &CancellationToken) {
    if let Some(interval) = config.watch_interval {
        tokio::spawn(watch_model(Arc::clone(&shared.models), interval, stop.clone()));
    }
    if config.handle_signals {
        tokio::spawn(handle_signals(
            Arc::clone(&shared.models),
            shared.auth.clone(),
            stop.clone(),
        ));
    }
}

/// Serves `router` on `listener` while the model loads; after `stop`, health turns
/// NOT_SERVING, new connections are refused and in-flight calls get `drain` to finish.
/// Ends early with an error if the model fails to load.
fn serve_until_stopped(
    router: Router,
    listener: TcpListener,
    shared: &Shared,
    reporter: HealthReporter,
    stop: &CancellationToken,
    drain: Duration,
) -> impl Future<Output = Result<(), ServerError>> + Send + 'static {
    let incoming = TcpIncoming::from(listener).with_nodelay(Some(true));
    let serve = router.serve_with_incoming_shutdown(incoming, {
        let (stop, reporter) = (stop.clone(), reporter.clone());
        async move {
            stop.cancelled().await;
            tracing::info!("shutting down: draining in-flight calls");
            set_health(&reporter, ServingStatus::NotServing).await;
        }
    });
    let load = load_then_serve(Arc::clone(&shared.models), reporter);
    let drain = drain_deadline(stop.clone(), drain);
    async move {
        tokio::select! {
            served = serve => served.map_err(ServerError::from),
            failed = load => Err(failed),
            () = drain => {
                tracing::warn!("drain timeout reached; closing the remaining calls");
                Ok(())
            }
        }
    }
}

/// Logs where and how the gRPC server listens.
fn log_listening(config: &ServerConfig, local_addr: SocketAddr, auth: bool) {
    tracing::info!(
        addr = %local_addr,
        tls = config.tls.is_some(),
        mtls = config.tls.as_ref().is_some_and(|t| t.client_ca.is_some()),
        auth,
        reflection = config.reflection,
        "gRPC server listening"
    );
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

/// Completes `drain` after `stop` was cancelled, or never.
async fn drain_deadline(stop: CancellationToken, drain: Duration) {
    stop.cancelled().await;
    tokio::time::sleep(drain).await;
}
