//! The server's background tasks: `--watch` polling of the model and policy files, and the
//! signals (SIGHUP reload, SIGTERM/SIGINT graceful shutdown).

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::auth::Authenticator;
use super::model::ModelStore;

/// Polls the model and policy files every `interval` and reloads what changed, until `stop`.
pub(super) async fn watch_model(models: Arc<ModelStore>, interval: Duration, stop: CancellationToken) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = stop.cancelled() => return,
            _ = ticker.tick() => {
                // Failures are logged and counted by the store.
                let _ = models.reload_if_changed().await;
            }
        }
    }
}

/// SIGHUP reloads the model, the policy and the token file; SIGTERM and SIGINT start a graceful
/// shutdown (cancel `stop`).
#[cfg(unix)]
pub(super) async fn handle_signals(models: Arc<ModelStore>, auth: Option<Arc<Authenticator>>, stop: CancellationToken) {
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
    stop.cancel();
}

/// Ctrl-C starts a graceful shutdown (no SIGHUP off Unix).
#[cfg(not(unix))]
pub(super) async fn handle_signals(
    _models: Arc<ModelStore>,
    _auth: Option<Arc<Authenticator>>,
    stop: CancellationToken,
) {
    if tokio::signal::ctrl_c().await.is_ok() {
        stop.cancel();
    }
}
