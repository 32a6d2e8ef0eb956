//! The handle of a running server: its addresses, reloads, metrics and shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::auth::{Authenticator, TokenFileError};
use super::error::ServerError;
use super::metrics::Metrics;
use super::model::ModelStore;
use super::policy::ReloadError;

/// A running server. Dropping the handle does not stop it; call [`ServerHandle::shutdown`].
pub struct ServerHandle {
    pub(super) local_addr: SocketAddr,
    pub(super) metrics_addr: Option<SocketAddr>,
    pub(super) models: Arc<ModelStore>,
    pub(super) auth: Option<Arc<Authenticator>>,
    pub(super) metrics: Arc<Metrics>,
    /// Cancelled to start the graceful shutdown.
    pub(super) stop: CancellationToken,
    pub(super) task: JoinHandle<Result<(), ServerError>>,
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
        self.stop.cancel();
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> Result<(), ServerError> {
        match self.task.await {
            Ok(result) => result,
            Err(err) => Err(ServerError::Task(err.to_string())),
        }
    }
}
