//! Hot reload of the model: explicit reload (what SIGHUP does) and `--watch` polling, with a
//! good and a corrupt file; in-flight calls finish; a corrupt file at start-up is refused.

mod grpc_support;

use std::time::Duration;

use grpc_support::{ScratchDir, eventually, fixture, metric, raw_request, start_loading, start_serving};
use spamsift::server::pb;
use spamsift::server::{ModelSource, ServerConfig, ServerError};
use tonic_health::pb::health_check_response::ServingStatus;

const RELOADS: &str = "spamsift_model_reloads_total";
const FAILURES: &str = "spamsift_model_reload_failures_total";

async fn serving_version(server: &grpc_support::TestServer) -> String {
    grpc_support::model_info(&mut server.client()).await.version
}

async fn assert_still_scores(server: &grpc_support::TestServer) {
    let resp = server
        .client()
        .score(raw_request("spam", fixture("grpc_spam.html")))
        .await
        .unwrap();
    assert_eq!(resp.into_inner().verdict(), pb::Verdict::Spam);
}

#[tokio::test]
async fn reload_rejects_a_corrupt_file_and_accepts_a_good_one() {
    let dir = ScratchDir::new("reload");
    let path = dir.model_copy();
    let server = start_serving(ServerConfig::new(ModelSource::File(path.clone()))).await;
    let version = serving_version(&server).await;
    let info = grpc_support::model_info(&mut server.client()).await;
    assert_eq!(info.source, path.display().to_string());

    std::fs::write(&path, b"this is not a model").unwrap();
    assert!(
        server.handle.reload().await.is_err(),
        "a corrupt model must be rejected"
    );
    let text = server.handle.metrics_text();
    assert_eq!(metric(&text, FAILURES), Some(1.0), "{text}");
    assert_eq!(metric(&text, RELOADS), Some(0.0), "{text}");
    assert_eq!(serving_version(&server).await, version);
    assert_still_scores(&server).await;

    std::fs::remove_file(&path).unwrap();
    assert!(
        server.handle.reload().await.is_err(),
        "a missing model must be rejected"
    );
    std::fs::copy(grpc_support::shipped_model_path(), &path).unwrap();
    let reloaded = server.handle.reload().await.unwrap();
    assert_eq!(reloaded, version);
    let text = server.handle.metrics_text();
    assert_eq!(metric(&text, RELOADS), Some(1.0), "{text}");
    assert_eq!(metric(&text, FAILURES), Some(2.0), "{text}");
    let model_line = format!(r#"spamsift_model_info{{version="{version}"}}"#);
    assert_eq!(metric(&text, &model_line), Some(1.0), "{text}");
    assert_still_scores(&server).await;
}

#[tokio::test]
async fn watch_reloads_when_the_file_changes() {
    let dir = ScratchDir::new("watch");
    let path = dir.model_copy();
    let mut config = ServerConfig::new(ModelSource::File(path.clone()));
    config.watch_interval = Some(Duration::from_millis(25));
    let server = start_serving(config).await;
    let handle = &server.handle;
    // Nothing changed yet: no reload.
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(metric(&handle.metrics_text(), RELOADS), Some(0.0));

    std::fs::write(&path, b"garbage").unwrap();
    eventually("the corrupt file is rejected", || {
        metric(&handle.metrics_text(), FAILURES) == Some(1.0)
    })
    .await;
    // The same broken file is not retried on every poll.
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(metric(&handle.metrics_text(), FAILURES), Some(1.0));
    assert_still_scores(&server).await;

    std::fs::copy(grpc_support::shipped_model_path(), &path).unwrap();
    eventually("the good file is loaded", || {
        metric(&handle.metrics_text(), RELOADS) == Some(1.0)
    })
    .await;
    assert_still_scores(&server).await;
}

#[tokio::test]
async fn in_flight_calls_finish_across_a_reload() {
    let dir = ScratchDir::new("inflight");
    let path = dir.model_copy();
    let mut config = ServerConfig::new(ModelSource::File(path));
    config.scoring_threads = 1;
    let server = start_serving(config).await;
    let version = serving_version(&server).await;
    let batch = grpc_support::start_batch(&server, grpc_support::batch_of("grpc_spam.html", 400)).await;
    server.handle.reload().await.unwrap();
    let results = batch.await.unwrap().unwrap().into_inner().results;
    assert_eq!(results.len(), 400);
    for r in results {
        match r.outcome {
            Some(pb::score_result::Outcome::Response(resp)) => {
                assert_eq!(resp.model_version, version)
            }
            other => panic!("page {} failed: {other:?}", r.id),
        }
    }
}

#[tokio::test]
async fn a_corrupt_model_at_start_up_stops_the_server_without_serving() {
    let dir = ScratchDir::new("badstart");
    let path = dir.0.join("bad.ssm");
    std::fs::write(&path, b"not a model at all").unwrap();
    let server = start_loading(ServerConfig::new(ModelSource::File(path))).await;
    let status = grpc_support::health(&server.channel, "").await;
    assert_ne!(status.ok(), Some(ServingStatus::Serving));
    let result = tokio::time::timeout(grpc_support::PATIENCE, server.handle.wait())
        .await
        .unwrap();
    assert!(matches!(result, Err(ServerError::Model { .. })), "{result:?}");
}
