//! Every RPC of the gRPC server through a real tonic client: Score, ScoreBatch, ScoreStream,
//! GetModelInfo, health and reflection (v1 and v1alpha).

mod grpc_support;

use std::collections::HashMap;

use grpc_support::{fixture, raw_request, start_serving};
use spamsift::Classifier;
use spamsift::server::pb::{self, score_request::Page, score_result::Outcome};
use spamsift::server::{ModelSource, SERVICE_NAME, ServerConfig};
use tonic_health::pb::health_check_response::ServingStatus;

/// What the library itself says about a page, to compare the server against.
fn library_report(bytes: &[u8]) -> spamsift::Report {
    let model = Classifier::shipped().unwrap();
    model.score(&spamsift::PageInput::new(bytes)).unwrap()
}

#[tokio::test]
async fn score_returns_the_library_verdict_with_valid_spans() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let mut client = server.client();
    for (name, want) in [
        ("grpc_spam.html", pb::Verdict::Spam),
        ("grpc_clean.html", pb::Verdict::Clean),
    ] {
        let page = fixture(name);
        let expected = library_report(&page);
        let resp = client
            .score(raw_request(name, page.clone()))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(resp.id, name);
        assert_eq!(resp.verdict(), want, "{name}: score {}", resp.score);
        assert_eq!(resp.verdict, verdict_number(expected.verdict));
        assert!((resp.score - expected.score).abs() < 1e-6, "{name}");
        assert_eq!(resp.spans.len(), expected.spans.len(), "{name}");
        assert_eq!(resp.encoding, expected.encoding);
        assert!(!resp.model_version.is_empty());
        for span in &resp.spans {
            assert!(span.start < span.end && span.end as usize <= page.len(), "{span:?}");
            assert_ne!(span.category(), pb::Category::Unspecified);
        }
        if want == pb::Verdict::Spam {
            assert!(!resp.spans.is_empty(), "a spam page has spans");
        }
    }
    server.handle.shutdown();
    server.handle.wait().await.unwrap();
}

/// The protobuf number of a library verdict (written out here so the test checks the
/// server's own mapping independently).
fn verdict_number(v: spamsift::Verdict) -> i32 {
    match v {
        spamsift::Verdict::Clean => 1,
        spamsift::Verdict::Review => 2,
        spamsift::Verdict::Spam => 3,
    }
}

#[tokio::test]
async fn text_pages_are_scored_like_their_utf8_bytes() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let mut client = server.client();
    let page = fixture("grpc_spam.html");
    let text = String::from_utf8(page.clone()).unwrap();
    let by_text = client
        .score(pb::ScoreRequest {
            id: "t".into(),
            page: Some(Page::Text(text)),
            content_type: Some("text/html; charset=utf-8".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let by_bytes = client.score(raw_request("t", page)).await.unwrap().into_inner();
    assert_eq!(by_text.verdict(), by_bytes.verdict());
    assert_eq!(by_text.spans, by_bytes.spans);
}

#[tokio::test]
async fn batch_keeps_order_and_reports_bad_pages_per_item() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let mut client = server.client();
    let pages = vec![
        raw_request("spam", fixture("grpc_spam.html")),
        raw_request("empty", Vec::new()),
        raw_request("clean", fixture("grpc_clean.html")),
        pb::ScoreRequest {
            id: "none".into(),
            ..Default::default()
        },
    ];
    let resp = client
        .score_batch(pb::ScoreBatchRequest { pages })
        .await
        .unwrap()
        .into_inner();
    let ids: Vec<_> = resp.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["spam", "empty", "clean", "none"]);
    let verdict = |i: usize| match &resp.results[i].outcome {
        Some(Outcome::Response(r)) => r.verdict(),
        other => panic!("item {i}: {other:?}"),
    };
    assert_eq!(verdict(0), pb::Verdict::Spam);
    assert_eq!(verdict(2), pb::Verdict::Clean);
    for i in [1, 3] {
        match &resp.results[i].outcome {
            Some(Outcome::Error(e)) => {
                assert_eq!(e.code, tonic::Code::InvalidArgument as i32);
                assert!(e.message.contains("empty"), "{}", e.message);
            }
            other => panic!("item {i} should be an error: {other:?}"),
        }
    }
}

#[tokio::test]
async fn stream_answers_every_page_matched_by_id() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let mut client = server.client();
    let n = 40;
    let requests: Vec<_> = (0..n)
        .map(|i| match i % 4 {
            0 => raw_request(&format!("s{i}"), fixture("grpc_spam.html")),
            3 => raw_request(&format!("e{i}"), Vec::new()),
            _ => raw_request(&format!("c{i}"), fixture("grpc_clean.html")),
        })
        .collect();
    let mut stream = client
        .score_stream(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner();
    let mut seen = HashMap::new();
    while let Some(item) = stream.message().await.unwrap() {
        assert!(seen.insert(item.id.clone(), item.outcome).is_none(), "duplicate id");
    }
    assert_eq!(seen.len(), n);
    for (id, outcome) in seen {
        match (id.as_bytes()[0], outcome) {
            (b's', Some(Outcome::Response(r))) => {
                assert_eq!(r.verdict(), pb::Verdict::Spam, "{id}")
            }
            (b'c', Some(Outcome::Response(r))) => {
                assert_eq!(r.verdict(), pb::Verdict::Clean, "{id}")
            }
            (b'e', Some(Outcome::Error(e))) => {
                assert_eq!(e.code, tonic::Code::InvalidArgument as i32)
            }
            (_, other) => panic!("{id}: unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn model_info_describes_the_serving_model() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let info = grpc_support::model_info(&mut server.client()).await;
    let expected = Classifier::shipped().unwrap();
    let expected = expected.info();
    assert_eq!(info.version, expected.version);
    assert_eq!(info.labels, expected.labels);
    assert_eq!(info.categories, expected.categories);
    assert_eq!(info.spam_threshold, expected.spam_threshold);
    assert_eq!(info.review_threshold, expected.review_threshold);
    assert_eq!(info.training_metrics.len(), expected.training_metrics.len());
    assert_eq!(info.source, "shipped");
}

#[tokio::test]
async fn health_reports_serving_for_server_and_service() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    for service in ["", SERVICE_NAME] {
        let status = grpc_support::health(&server.channel, service).await.unwrap();
        assert_eq!(status, ServingStatus::Serving, "{service:?}");
    }
    let unknown = grpc_support::health(&server.channel, "no.such.Service").await;
    assert_eq!(unknown.unwrap_err().code(), tonic::Code::NotFound);
}

#[tokio::test]
async fn reflection_v1_and_v1alpha_list_all_services() {
    use tonic_reflection::pb::{v1, v1alpha};
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let wanted = [SERVICE_NAME, "grpc.health.v1.Health"];

    let mut client = v1::server_reflection_client::ServerReflectionClient::new(server.channel.clone());
    let request = v1::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(v1::server_reflection_request::MessageRequest::ListServices(
            String::new(),
        )),
    };
    let mut responses = client
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let Some(v1::server_reflection_response::MessageResponse::ListServicesResponse(list)) =
        responses.message().await.unwrap().and_then(|r| r.message_response)
    else {
        panic!("no v1 list response");
    };
    let names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    for want in wanted {
        assert!(names.iter().any(|n| n == want), "v1 lacks {want}: {names:?}");
    }

    let mut client = v1alpha::server_reflection_client::ServerReflectionClient::new(server.channel.clone());
    let request = v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            v1alpha::server_reflection_request::MessageRequest::FileContainingSymbol(SERVICE_NAME.to_string()),
        ),
    };
    let mut responses = client
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let Some(v1alpha::server_reflection_response::MessageResponse::FileDescriptorResponse(files)) =
        responses.message().await.unwrap().and_then(|r| r.message_response)
    else {
        panic!("no v1alpha file descriptor response");
    };
    assert!(!files.file_descriptor_proto.is_empty());
}
