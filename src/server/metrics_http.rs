//! The Prometheus endpoint: an axum router with the one route `GET /metrics`, served over
//! HTTP/1 by hyper, one request per connection.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

use super::metrics::Metrics;

/// Largest request head read from a scraper; anything longer is refused. (hyper's minimum.)
const MAX_REQUEST_HEAD: usize = 8 * 1024;
/// Time a scraper has to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Pause after a failed `accept` (e.g. out of file descriptors) before the next one.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);
/// Content type of the text exposition format produced by `prometheus-client`.
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Serves metrics on `listener` until `stop` is cancelled. Connections already accepted
/// finish on their own (each carries one request and has [`READ_TIMEOUT`] to send it).
pub async fn serve_metrics(listener: TcpListener, metrics: Arc<Metrics>, stop: CancellationToken) {
    let app = router(metrics);
    loop {
        tokio::select! {
            () = stop.cancelled() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(serve_connection(stream, app.clone(), READ_TIMEOUT));
                }
                Err(err) => {
                    tracing::warn!(error = %err, "metrics listener accept failed");
                    tokio::time::sleep(ACCEPT_RETRY).await;
                }
            },
        }
    }
}

/// Answers the one request of `stream` and closes it (`Connection: close`), or closes it
/// unanswered if the request head has not arrived within `read_timeout`.
async fn serve_connection(stream: TcpStream, app: Router, read_timeout: Duration) {
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(read_timeout)
        .max_buf_size(MAX_REQUEST_HEAD)
        .keep_alive(false)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app))
        .await;
    if let Err(err) = served {
        tracing::debug!(error = %err, "metrics connection failed");
    }
}

/// The routes: `GET /metrics` (any query), 404 for other paths, 400 for other methods.
fn router(metrics: Arc<Metrics>) -> Router {
    Router::new()
        .route("/metrics", get(encode_metrics).fallback(bad_request))
        .fallback(not_found)
        .with_state(metrics)
}

/// The metrics in the OpenMetrics text format.
async fn encode_metrics(State(metrics): State<Arc<Metrics>>) -> Response {
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], metrics.encode()).into_response()
}

/// Any path but `/metrics`: 404 for a read, 400 for any other method.
async fn not_found(method: Method) -> Response {
    if method == Method::GET || method == Method::HEAD {
        (StatusCode::NOT_FOUND, "not found: try /metrics\n").into_response()
    } else {
        bad_request().await
    }
}

/// A method other than GET on `/metrics`.
async fn bad_request() -> Response {
    (StatusCode::BAD_REQUEST, "bad request\n").into_response()
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// Sends `request` as it is and reads the whole answer (the server closes the connection).
    async fn exchange(addr: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap_or_else(|e| panic!("{e}"));
        stream
            .write_all(request.as_bytes())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        response
    }

    #[tokio::test]
    async fn routes_requests_and_stops_on_cancel() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let stop = CancellationToken::new();
        let served = tokio::spawn(serve_metrics(listener, Arc::new(Metrics::new()), stop.clone()));

        let ok = exchange(addr, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").await;
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains(&format!("content-type: {CONTENT_TYPE}\r\n")), "{ok}");
        assert!(ok.contains("connection: close\r\n"), "{ok}");
        assert!(ok.contains("spamsift_pages_scored_total"), "{ok}");
        let query = exchange(addr, "GET /metrics?x=1 HTTP/1.0\r\n\r\n").await;
        assert!(query.starts_with("HTTP/1.0 200 OK\r\n"), "{query}");
        let other = exchange(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
        assert!(other.starts_with("HTTP/1.1 404 Not Found\r\n"), "{other}");
        assert!(other.ends_with("\r\n\r\nnot found: try /metrics\n"), "{other}");
        let post = exchange(addr, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").await;
        assert!(post.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{post}");
        let post_other = exchange(addr, "DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n").await;
        assert!(post_other.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{post_other}");
        let garbage = exchange(addr, "hello\r\n\r\n").await;
        assert!(garbage.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{garbage}");

        stop.cancel();
        served.await.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "still listening after the stop"
        );
    }

    #[tokio::test]
    async fn a_silent_connection_is_closed_unanswered() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let mut client = TcpStream::connect(addr).await.unwrap_or_else(|e| panic!("{e}"));
        let (stream, _) = listener.accept().await.unwrap_or_else(|e| panic!("{e}"));
        let app = router(Arc::new(Metrics::new()));
        // The outer limit only keeps a broken build from hanging the suite.
        let served = tokio::time::timeout(
            Duration::from_secs(60),
            serve_connection(stream, app, Duration::from_millis(50)),
        );
        assert!(served.await.is_ok(), "the connection was never closed");
        let mut rest = Vec::new();
        let read = client.read_to_end(&mut rest).await;
        assert!(read.is_err() || rest.is_empty(), "{:?}", String::from_utf8_lossy(&rest));
    }
}
