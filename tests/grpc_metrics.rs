//! The Prometheus endpoint (`--metrics-listen`): counts by RPC and code, verdicts, volume,
//! model version.

mod grpc_support;

use grpc_support::{fixture, metric, raw_request, start_serving};
use spamsift::server::{ModelSource, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn http_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn metrics_endpoint_counts_calls_verdicts_and_bytes() {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    let server = start_serving(config).await;
    let addr = server.handle.metrics_addr().unwrap();
    let spam = fixture("grpc_spam.html");
    let clean = fixture("grpc_clean.html");
    let mut client = server.client();
    client.score(raw_request("s", spam.clone())).await.unwrap();
    client.score(raw_request("c", clean.clone())).await.unwrap();
    client.score(raw_request("e", Vec::new())).await.unwrap_err();
    let version = grpc_support::model_info(&mut client).await.version;

    let response = http_get(addr, "/metrics").await;
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    let body = response.split("\r\n\r\n").nth(1).unwrap();
    let count = |key: &str| metric(body, key);
    assert_eq!(
        count(r#"spamsift_grpc_requests_total{rpc="Score",code="OK"}"#),
        Some(2.0),
        "{body}"
    );
    assert_eq!(
        count(r#"spamsift_grpc_requests_total{rpc="Score",code="INVALID_ARGUMENT"}"#),
        Some(1.0)
    );
    assert_eq!(
        count(r#"spamsift_grpc_requests_total{rpc="GetModelInfo",code="OK"}"#),
        Some(1.0)
    );
    assert_eq!(count(r#"spamsift_verdicts_total{verdict="spam"}"#), Some(1.0));
    assert_eq!(count(r#"spamsift_verdicts_total{verdict="clean"}"#), Some(1.0));
    assert_eq!(count("spamsift_pages_scored_total"), Some(2.0));
    assert_eq!(
        count("spamsift_bytes_scored_total"),
        Some((spam.len() + clean.len()) as f64)
    );
    assert_eq!(
        count(&format!(r#"spamsift_model_info{{version="{version}"}}"#)),
        Some(1.0)
    );
    assert_eq!(count("spamsift_model_reload_failures_total"), Some(0.0));
    assert_eq!(
        count(r#"spamsift_grpc_request_duration_seconds_count{rpc="Score"}"#),
        Some(3.0)
    );

    let missing = http_get(addr, "/other").await;
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}
