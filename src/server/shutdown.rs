//! The stop signal shared by the gRPC server and the metrics endpoint.

use tokio::sync::watch;

/// Completes once shutdown was requested (never, if the sender is gone without asking).
pub(super) async fn stop_requested(shutdown: &mut watch::Receiver<bool>) {
    if shutdown.wait_for(|stop| *stop).await.is_err() {
        std::future::pending::<()>().await;
    }
}
