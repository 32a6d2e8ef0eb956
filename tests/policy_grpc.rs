//! Operator policy in the gRPC server: rule ids and the override flag in responses, metrics
//! per rule, `GetPolicyInfo`, reload (explicit and `--watch`) that keeps the old policy when
//! the new file is broken, and a broken policy at start-up.

mod grpc_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use grpc_support::{ScratchDir, eventually, fixture, metric, raw_request, start_serving};
use spamsift::server::pb;
use spamsift::server::{ModelSource, ReloadError, ServerConfig, ServerError};

/// The example policy both policy test files use: an allowed host and a deny phrase.
const POLICY: &str = include_str!("fixtures/policy.toml");

const DISGUISED: &str = "ＡСМЕ娛 樂 城";

fn disguised_page() -> String {
    String::from_utf8(fixture("clean_news.html"))
        .unwrap_or_default()
        .replace(
            "干得有模有样。",
            &format!("干得有模有样。活动由{DISGUISED}附近的社区组织。"),
        )
}

fn write_policy(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("policy.toml");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("writing the policy: {e}"));
    path
}

fn config(policy: &Path) -> ServerConfig {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.policy = Some(policy.to_path_buf());
    config.scoring_threads = 2;
    config
}

fn at_url(id: &str, bytes: Vec<u8>, url: &str) -> pb::ScoreRequest {
    pb::ScoreRequest {
        url: Some(url.to_owned()),
        ..raw_request(id, bytes)
    }
}

async fn policy_info(server: &grpc_support::TestServer) -> pb::GetPolicyInfoResponse {
    server
        .client()
        .get_policy_info(pb::GetPolicyInfoRequest {})
        .await
        .unwrap_or_else(|e| panic!("GetPolicyInfo: {e}"))
        .into_inner()
}

async fn score(server: &grpc_support::TestServer, request: pb::ScoreRequest) -> pb::ScoreResponse {
    server
        .client()
        .score(request)
        .await
        .unwrap_or_else(|e| panic!("Score: {e}"))
        .into_inner()
}

fn evidence(response: &pb::ScoreResponse) -> Vec<&str> {
    response.evidence.iter().map(|e| e.feature.as_str()).collect()
}

#[tokio::test]
async fn responses_carry_rule_ids_and_the_override_flag() {
    let dir = ScratchDir::new("policy-grpc");
    let server = start_serving(config(&write_policy(&dir.0, POLICY))).await;

    // An allow-listed host turns a spam verdict clean; spans are still reported.
    let spam = fixture("gbk_hidden_gambling.html");
    let plain = score(&server, at_url("plain", spam.clone(), "https://elsewhere.example/")).await;
    assert_eq!(plain.verdict(), pb::Verdict::Spam);
    assert!(plain.rules.is_empty() && !plain.overridden);
    let allowed = score(
        &server,
        at_url("allowed", spam.clone(), "https://www.example-news.cn/a"),
    )
    .await;
    assert_eq!(allowed.verdict(), pb::Verdict::Clean);
    assert!(allowed.overridden);
    assert_eq!(allowed.rules, ["allow-national-news"]);
    assert_eq!(evidence(&allowed)[0], "rule:allow-national-news");
    assert_eq!(allowed.spans, plain.spans);

    // `fetch.final_url` counts when `url` is not set.
    let mut via_fetch = raw_request("fetch", spam.clone());
    via_fetch.fetch = Some(pb::FetchMetadata {
        final_url: "https://m.example-news.cn/".into(),
        ..Default::default()
    });
    assert_eq!(score(&server, via_fetch).await.verdict(), pb::Verdict::Clean);

    // A disguised deny phrase in a page the model calls clean, with its span.
    let page = disguised_page();
    let denied = score(&server, raw_request("denied", page.clone().into_bytes())).await;
    assert_eq!(denied.verdict(), pb::Verdict::Spam);
    assert!(denied.overridden);
    assert_eq!(denied.rules, ["deny-campaign-42"]);
    assert!(evidence(&denied).contains(&"rule:deny-campaign-42"));
    let span = denied.spans.first().unwrap_or_else(|| panic!("a span"));
    assert_eq!(&page[span.start as usize..span.end as usize], DISGUISED);
    assert_eq!(span.category(), pb::Category::Gambling);

    // Batches carry the same.
    let batch = pb::ScoreBatchRequest {
        pages: vec![
            at_url("a", spam.clone(), "http://example-news.cn/"),
            raw_request("d", page.into_bytes()),
        ],
    };
    let results = server
        .client()
        .score_batch(batch)
        .await
        .unwrap_or_else(|e| panic!("ScoreBatch: {e}"))
        .into_inner()
        .results;
    let rules: Vec<Vec<String>> = results
        .iter()
        .map(|r| match &r.outcome {
            Some(pb::score_result::Outcome::Response(resp)) => resp.rules.clone(),
            other => panic!("unexpected outcome {other:?}"),
        })
        .collect();
    assert_eq!(
        rules,
        [
            vec!["allow-national-news".to_owned()],
            vec!["deny-campaign-42".to_owned()]
        ]
    );

    // Metrics count hits per rule id.
    let text = server.handle.metrics_text();
    assert_eq!(
        metric(&text, r#"spamsift_policy_rule_hits_total{rule="allow-national-news"}"#),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        metric(&text, r#"spamsift_policy_rule_hits_total{rule="deny-campaign-42"}"#),
        Some(2.0),
        "{text}"
    );
    assert_eq!(metric(&text, "spamsift_policy_overridden_total"), Some(5.0), "{text}");
    server.handle.shutdown();
}

#[tokio::test]
async fn policy_info_and_a_broken_reload_that_keeps_the_old_policy() {
    let dir = ScratchDir::new("policy-reload");
    let path = write_policy(&dir.0, POLICY);
    let server = start_serving(config(&path)).await;
    let info = policy_info(&server).await;
    assert_eq!(info.version, 1);
    assert_eq!(info.hash.len(), 64);
    assert_eq!(info.source, path.display().to_string());
    let ids: Vec<&str> = info.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["allow-national-news", "deny-campaign-42"]);
    let model = grpc_support::model_info(&mut server.client()).await;
    assert_eq!(
        (model.policy_version, model.policy_hash.as_str()),
        (1, info.hash.as_str())
    );
    let text = server.handle.metrics_text();
    let info_line = format!(r#"spamsift_policy_info{{version="1",hash="{}"}}"#, info.hash);
    assert_eq!(metric(&text, &info_line), Some(1.0), "{text}");

    // A broken file: rejected with its position, counted, and the old policy keeps serving.
    std::fs::write(&path, "version = 1\n[[allow]]\nid = \"x\"\nhosts = [\"a.example\"\n").unwrap_or_default();
    match server.handle.reload().await {
        Err(ReloadError::Policy(e)) => assert_eq!(e.position(), Some((4, 21)), "{e}"),
        other => panic!("expected a policy error, got {other:?}"),
    }
    let text = server.handle.metrics_text();
    assert_eq!(
        metric(&text, "spamsift_policy_reload_failures_total"),
        Some(1.0),
        "{text}"
    );
    assert_eq!(policy_info(&server).await.hash, info.hash);
    let spam = fixture("gbk_hidden_gambling.html");
    let still = score(&server, at_url("still", spam.clone(), "https://example-news.cn/")).await;
    assert_eq!(still.rules, ["allow-national-news"]);

    // A good file: swapped in with the model, at once.
    let next = POLICY.replace("example-news.cn", "other-news.cn");
    std::fs::write(&path, &next).unwrap_or_default();
    assert!(server.handle.reload().await.is_ok());
    let new_info = policy_info(&server).await;
    assert_ne!(new_info.hash, info.hash);
    let model = grpc_support::model_info(&mut server.client()).await;
    assert_eq!(model.policy_hash, new_info.hash);
    let old_host = score(&server, at_url("old", spam.clone(), "https://example-news.cn/")).await;
    assert_eq!(old_host.verdict(), pb::Verdict::Spam);
    let new_host = score(&server, at_url("new", spam, "https://other-news.cn/")).await;
    assert_eq!(new_host.verdict(), pb::Verdict::Clean);
    let text = server.handle.metrics_text();
    assert_eq!(metric(&text, "spamsift_policy_reloads_total"), Some(1.0), "{text}");
    server.handle.shutdown();
}

#[tokio::test]
async fn watch_reloads_a_changed_policy_and_skips_a_broken_one() {
    let dir = ScratchDir::new("policy-watch");
    let path = write_policy(&dir.0, POLICY);
    let mut config = config(&path);
    config.watch_interval = Some(Duration::from_millis(25));
    let server = start_serving(config).await;
    let first = policy_info(&server).await.hash;

    std::fs::write(&path, "version = 1\n[thresholds]\nadult = 3\n").unwrap_or_default();
    let handle = &server.handle;
    eventually("the broken policy is rejected", || {
        metric(&handle.metrics_text(), "spamsift_policy_reload_failures_total") == Some(1.0)
    })
    .await;
    assert_eq!(policy_info(&server).await.hash, first);

    std::fs::write(&path, format!("{POLICY}\n# a comment that changes the size\n")).unwrap_or_default();
    eventually("the good policy is loaded", || {
        metric(&handle.metrics_text(), "spamsift_policy_reloads_total") == Some(1.0)
    })
    .await;
    assert_ne!(policy_info(&server).await.hash, first);
    server.handle.shutdown();
}

#[tokio::test]
async fn a_broken_policy_at_start_up_is_refused_with_its_position() {
    let dir = ScratchDir::new("policy-start");
    let path = write_policy(&dir.0, "version = 1\n[[deny]]\nid = \"d\"\nphrases = [\"x\"]\n");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    match spamsift::server::start(config(&path), listener).await {
        Err(ServerError::Config(message)) => assert!(message.contains("policy.toml:3:6"), "{message}"),
        Err(other) => panic!("expected a configuration error, got {other}"),
        Ok(_) => panic!("a broken policy must stop the start-up"),
    }
}

#[tokio::test]
async fn without_a_policy_nothing_changes() {
    let server = start_serving(ServerConfig::new(ModelSource::Shipped)).await;
    let info = policy_info(&server).await;
    assert_eq!((info.version, info.hash.as_str(), info.rules.len()), (0, "", 0));
    let response = score(
        &server,
        at_url("x", fixture("gbk_hidden_gambling.html"), "https://example-news.cn/"),
    )
    .await;
    assert_eq!(response.verdict(), pb::Verdict::Spam);
    assert!(response.rules.is_empty() && !response.overridden);
    assert!(
        server.handle.reload().await.is_err(),
        "the shipped model alone cannot be reloaded"
    );
    server.handle.shutdown();
}
