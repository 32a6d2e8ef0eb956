//! Limits and error codes of the gRPC server: empty and oversized pages, message size,
//! client deadlines (and that abandoned work stops), load shedding, batch size.

mod grpc_support;

use std::time::Duration;

use grpc_support::{TestServer, eventually, fixture, metric, raw_request, start_serving};
use spamsift::server::pb;
use spamsift::server::{ModelSource, ServerConfig};
use tonic::{Code, Request};

const IN_FLIGHT: &str = "spamsift_scoring_in_flight";
const PAGES: &str = "spamsift_pages_scored_total";

/// A batch of `n` copies of the spam fixture.
fn big_batch(n: usize) -> pb::ScoreBatchRequest {
    grpc_support::batch_of("grpc_spam.html", n)
}

fn one_thread_config() -> ServerConfig {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.scoring_threads = 1;
    config
}

/// Occupies the only scoring thread with a long batch; returns the task running it.
async fn occupy(server: &TestServer) -> grpc_support::BatchTask {
    grpc_support::start_batch(server, big_batch(4000)).await
}

#[tokio::test]
async fn empty_page_is_invalid_argument() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let err = server.client().score(raw_request("e", Vec::new())).await.unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(err.message().contains("empty page"), "{}", err.message());
}

#[tokio::test]
async fn oversized_page_is_invalid_argument() {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.max_page_bytes = 4096;
    let server = start_serving(config).await;
    let err = server
        .client()
        .score(raw_request("big", vec![b'a'; 5000]))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(
        err.message().contains("5000 bytes") && err.message().contains("4096"),
        "{}",
        err.message()
    );
    // A page at the limit is fine.
    let mut page = fixture("grpc_clean.html");
    page.resize(4096, b' ');
    server.client().score(raw_request("ok", page)).await.unwrap();
}

#[tokio::test]
async fn message_over_the_transport_limit_is_refused_and_the_server_goes_on() {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.max_message_bytes = 64 << 10;
    config.max_page_bytes = 1 << 20;
    let server = start_serving(config).await;
    let err = server
        .client()
        .score(raw_request("huge", vec![b'a'; 100 << 10]))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::OutOfRange, "{err:?}");
    assert!(err.message().contains("too large"), "{}", err.message());
    server
        .client()
        .score(raw_request("ok", fixture("grpc_clean.html")))
        .await
        .unwrap();
}

#[tokio::test]
async fn too_many_pages_in_a_batch_is_invalid_argument() {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.max_batch_pages = 2;
    let server = start_serving(config).await;
    let err = server.client().score_batch(big_batch(3)).await.unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    let ok = server.client().score_batch(big_batch(2)).await.unwrap().into_inner();
    assert_eq!(ok.results.len(), 2);
}

#[tokio::test]
async fn batch_past_the_server_time_limit_is_deadline_exceeded_and_stops_scoring() {
    let mut config = one_thread_config();
    config.request_timeout = Some(Duration::from_millis(30));
    let server = start_serving(config).await;
    let n = 4000;
    let err = server.client().score_batch(big_batch(n)).await.unwrap_err();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");

    let handle = &server.handle;
    eventually("the abandoned batch frees its slot", || {
        metric(&handle.metrics_text(), IN_FLIGHT) == Some(0.0)
    })
    .await;
    let scored = metric(&handle.metrics_text(), PAGES).unwrap_or(0.0);
    assert!(
        scored < n as f64,
        "the whole batch was scored ({scored}) although nobody waited"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        metric(&handle.metrics_text(), PAGES).unwrap_or(0.0),
        scored,
        "scoring went on"
    );
}

#[tokio::test]
async fn queued_request_past_its_deadline_is_deadline_exceeded() {
    let server = start_serving(one_thread_config()).await;
    let busy = occupy(&server).await;
    let mut request = Request::new(raw_request("late", fixture("grpc_clean.html")));
    request.set_timeout(Duration::from_millis(300));
    let err = server.client().score(request).await.unwrap_err();
    // The server answers 10 ms before the client's deadline, so the client normally sees the
    // server's DEADLINE_EXCEEDED; on a loaded machine the answer can arrive after the client's
    // own timer has fired (tonic reports that as CANCELLED). The server's decision is what is
    // tested: its metrics count the call as DEADLINE_EXCEEDED either way.
    assert!(
        matches!(err.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{err:?}"
    );
    let handle = &server.handle;
    let key = r#"spamsift_grpc_requests_total{rpc="Score",code="DEADLINE_EXCEEDED"}"#;
    eventually("the server counts the call as DEADLINE_EXCEEDED", || {
        metric(&handle.metrics_text(), key) == Some(1.0)
    })
    .await;
    busy.abort();
    eventually("cancelled work frees the thread", || {
        metric(&handle.metrics_text(), IN_FLIGHT) == Some(0.0)
    })
    .await;
    server
        .client()
        .score(raw_request("after", fixture("grpc_clean.html")))
        .await
        .unwrap();
}

#[tokio::test]
async fn full_queue_sheds_with_resource_exhausted() {
    let mut config = one_thread_config();
    config.max_queue = 0;
    let server = start_serving(config).await;
    let busy = occupy(&server).await;
    let err = server
        .client()
        .score(raw_request("shed", fixture("grpc_clean.html")))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");
    let err = server.client().score_batch(big_batch(1)).await.unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted);

    // In a stream, a shed page is a per-item error and the stream goes on.
    let mut stream = server
        .client()
        .score_stream(tokio_stream::iter([raw_request("s1", fixture("grpc_clean.html"))]))
        .await
        .unwrap()
        .into_inner();
    let item = stream.message().await.unwrap().unwrap();
    match item.outcome {
        Some(pb::score_result::Outcome::Error(e)) => {
            assert_eq!(e.code, Code::ResourceExhausted as i32)
        }
        other => panic!("expected a shed item, got {other:?}"),
    }
    assert!(stream.message().await.unwrap().is_none());

    busy.abort();
    let handle = &server.handle;
    eventually("the slot frees up", || {
        metric(&handle.metrics_text(), IN_FLIGHT) == Some(0.0)
    })
    .await;
    server
        .client()
        .score(raw_request("ok", fixture("grpc_clean.html")))
        .await
        .unwrap();
    let text = server.handle.metrics_text();
    assert_eq!(
        metric(
            &text,
            r#"spamsift_grpc_requests_total{rpc="Score",code="RESOURCE_EXHAUSTED"}"#
        ),
        Some(1.0),
        "{text}"
    );
}

#[tokio::test]
async fn stream_open_past_its_deadline_ends_with_deadline_exceeded() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tx.send(raw_request("a", fixture("grpc_clean.html"))).await.unwrap();
    // The client never closes its side: only the deadline ends the call.
    let mut request = Request::new(tokio_stream::wrappers::ReceiverStream::new(rx));
    request.set_timeout(Duration::from_millis(500));
    let mut stream = server.client().score_stream(request).await.unwrap().into_inner();
    let first = stream.message().await.unwrap().expect("the page sent is answered");
    assert_eq!(first.id, "a");
    let err = stream.message().await.unwrap_err();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");
    drop(tx);
}
