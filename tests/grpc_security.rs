//! TLS and bearer-token authentication of the gRPC server, in-process: TLS + token works,
//! a missing or wrong token is UNAUTHENTICATED, health stays open, plaintext against the TLS
//! port fails, reflection follows the auth setting, mTLS needs a client certificate, tokens
//! rotate on reload and a bad token file keeps the old ones, rejections are counted.

mod grpc_support;
mod tls_support;

use std::path::{Path, PathBuf};

use grpc_support::{ScratchDir, connect, fixture, health, metric, raw_request, wait_for_health};
use spamsift::server::pb::classifier_client::ClassifierClient;
use spamsift::server::pb::{GetModelInfoRequest, ScoreRequest};
use spamsift::server::{ModelSource, ServerConfig, ServerHandle, TlsFiles, start};
use tls_support::{PkiFiles, TestPki};
use tokio_stream::StreamExt;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};
use tonic::{Code, Request};
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
use tonic_reflection::pb::v1::{ServerReflectionRequest, server_reflection_response::MessageResponse};

const TOKEN: &str = "test-token-0123456789abcdef";
const OTHER_TOKEN: &str = "rotated-token-fedcba9876543210";

struct Setup {
    dir: ScratchDir,
    pki: PkiFiles,
    tokens: PathBuf,
}

fn setup(tag: &str) -> Setup {
    let dir = ScratchDir::new(tag);
    let pki = TestPki::generate().unwrap().write(&dir.0).unwrap();
    let tokens = dir.0.join("tokens");
    std::fs::write(&tokens, format!("# test tokens\n{TOKEN}   # the test client\n")).unwrap();
    Setup { dir, pki, tokens }
}

fn secure_config(setup: &Setup, client_ca: Option<&Path>) -> ServerConfig {
    let mut config = ServerConfig::new(ModelSource::File(setup.dir.model_copy()));
    config.scoring_threads = 2;
    config.tls = Some(TlsFiles {
        cert: setup.pki.server_cert.clone(),
        key: setup.pki.server_key.clone(),
        client_ca: client_ca.map(Path::to_path_buf),
    });
    config.auth_token_file = Some(setup.tokens.clone());
    config
}

async fn start_on_loopback(config: ServerConfig) -> ServerHandle {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    start(config, listener).await.unwrap()
}

/// A TLS channel to `handle` trusting the test CA, optionally presenting the client certificate.
fn tls_channel(handle: &ServerHandle, pki: &PkiFiles, with_client_cert: bool) -> Channel {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(std::fs::read(&pki.ca_cert).unwrap()))
        .domain_name("localhost");
    if with_client_cert {
        tls = tls.identity(Identity::from_pem(
            std::fs::read(&pki.client_cert).unwrap(),
            std::fs::read(&pki.client_key).unwrap(),
        ));
    }
    Channel::from_shared(format!("https://{}", handle.local_addr()))
        .unwrap()
        .tls_config(tls)
        .unwrap()
        .connect_lazy()
}

fn with_token<T>(message: T, token: Option<&str>) -> Request<T> {
    let mut request = Request::new(message);
    if let Some(token) = token {
        request
            .metadata_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
    }
    request
}

fn spam_request() -> ScoreRequest {
    raw_request("spam", fixture("grpc_spam.html"))
}

async fn score_code(client: &mut ClassifierClient<Channel>, token: Option<&str>) -> Code {
    match client.score(with_token(spam_request(), token)).await {
        Ok(_) => Code::Ok,
        Err(status) => status.code(),
    }
}

#[tokio::test]
async fn tls_with_token_scores_and_refuses_strangers() {
    let setup = setup("tls-token");
    let handle = start_on_loopback(secure_config(&setup, None)).await;
    let channel = tls_channel(&handle, &setup.pki, false);
    // Health is open: no token needed.
    wait_for_health(&channel, "", ServingStatus::Serving).await;
    wait_for_health(&channel, spamsift::server::SERVICE_NAME, ServingStatus::Serving).await;

    let mut client = ClassifierClient::new(channel.clone());
    let response = client.score(with_token(spam_request(), Some(TOKEN))).await.unwrap();
    assert_eq!(response.into_inner().id, "spam");
    assert_eq!(score_code(&mut client, None).await, Code::Unauthenticated);
    assert_eq!(score_code(&mut client, Some(OTHER_TOKEN)).await, Code::Unauthenticated);
    let mut malformed = Request::new(spam_request());
    malformed.metadata_mut().insert("authorization", TOKEN.parse().unwrap());
    assert_eq!(client.score(malformed).await.unwrap_err().code(), Code::Unauthenticated);
    // Every RPC is guarded, streaming included.
    let info = client.get_model_info(with_token(GetModelInfoRequest {}, None)).await;
    assert_eq!(info.unwrap_err().code(), Code::Unauthenticated);
    let stream = client
        .score_stream(with_token(tokio_stream::iter(vec![spam_request()]), None))
        .await;
    match stream {
        Err(status) => assert_eq!(status.code(), Code::Unauthenticated),
        Ok(response) => {
            let first = response.into_inner().next().await;
            assert!(
                matches!(first, Some(Err(ref s)) if s.code() == Code::Unauthenticated),
                "{first:?}"
            );
        }
    }

    // Plaintext against the TLS port fails.
    let plain = connect(handle.local_addr()).await;
    assert!(
        health(&plain, "").await.is_err(),
        "plaintext call to the TLS port succeeded"
    );

    let text = handle.metrics_text();
    assert_eq!(
        metric(&text, r#"spamsift_grpc_auth_rejected_total{reason="missing"}"#),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        metric(&text, r#"spamsift_grpc_auth_rejected_total{reason="invalid"}"#),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        metric(&text, r#"spamsift_grpc_auth_rejected_total{reason="malformed"}"#),
        Some(1.0),
        "{text}"
    );
    assert!(!text.contains(TOKEN), "the token leaked into the metrics");
    handle.shutdown();
    handle.wait().await.unwrap();
}

async fn list_services(channel: &Channel, token: Option<&str>) -> Result<Vec<String>, tonic::Status> {
    let mut client = ServerReflectionClient::new(channel.clone());
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut responses = client
        .server_reflection_info(with_token(tokio_stream::iter(vec![request]), token))
        .await?
        .into_inner();
    match responses.next().await {
        Some(Ok(response)) => match response.message_response {
            Some(MessageResponse::ListServicesResponse(list)) => Ok(list.service.into_iter().map(|s| s.name).collect()),
            other => panic!("unexpected reflection answer {other:?}"),
        },
        Some(Err(status)) => Err(status),
        None => panic!("reflection closed the stream without an answer"),
    }
}

#[tokio::test]
async fn reflection_follows_the_auth_setting_and_can_be_turned_off() {
    let setup = setup("reflection");
    let handle = start_on_loopback(secure_config(&setup, None)).await;
    let channel = tls_channel(&handle, &setup.pki, false);
    wait_for_health(&channel, "", ServingStatus::Serving).await;
    let services = list_services(&channel, Some(TOKEN)).await.unwrap();
    assert!(
        services.iter().any(|s| s == spamsift::server::SERVICE_NAME),
        "{services:?}"
    );
    assert_eq!(
        list_services(&channel, None).await.unwrap_err().code(),
        Code::Unauthenticated
    );
    handle.shutdown();
    handle.wait().await.unwrap();

    let mut config = secure_config(&setup, None);
    config.reflection = false;
    let handle = start_on_loopback(config).await;
    let channel = tls_channel(&handle, &setup.pki, false);
    wait_for_health(&channel, "", ServingStatus::Serving).await;
    assert_eq!(
        list_services(&channel, Some(TOKEN)).await.unwrap_err().code(),
        Code::Unimplemented
    );
    handle.shutdown();
    handle.wait().await.unwrap();
}

#[tokio::test]
async fn mutual_tls_needs_a_client_certificate() {
    let setup = setup("mtls");
    let ca = setup.pki.ca_cert.clone();
    let handle = start_on_loopback(secure_config(&setup, Some(&ca))).await;
    let with_cert = tls_channel(&handle, &setup.pki, true);
    wait_for_health(&with_cert, "", ServingStatus::Serving).await;
    let mut client = ClassifierClient::new(with_cert);
    assert_eq!(score_code(&mut client, Some(TOKEN)).await, Code::Ok);

    let without_cert = tls_channel(&handle, &setup.pki, false);
    assert!(
        health(&without_cert, "").await.is_err(),
        "a client without a certificate got through"
    );
    handle.shutdown();
    handle.wait().await.unwrap();
}

#[tokio::test]
async fn tokens_rotate_on_reload_and_a_bad_file_keeps_them() {
    let setup = setup("rotate");
    let handle = start_on_loopback(secure_config(&setup, None)).await;
    let channel = tls_channel(&handle, &setup.pki, false);
    wait_for_health(&channel, "", ServingStatus::Serving).await;
    let mut client = ClassifierClient::new(channel);

    std::fs::write(&setup.tokens, format!("{OTHER_TOKEN}\n")).unwrap();
    assert_eq!(handle.reload_tokens().unwrap().unwrap(), 1);
    assert_eq!(score_code(&mut client, Some(OTHER_TOKEN)).await, Code::Ok);
    assert_eq!(score_code(&mut client, Some(TOKEN)).await, Code::Unauthenticated);

    for bad in ["", "# no token left\n", "short\n"] {
        std::fs::write(&setup.tokens, bad).unwrap();
        assert!(handle.reload_tokens().unwrap().is_err(), "{bad:?} was accepted");
        assert_eq!(score_code(&mut client, Some(OTHER_TOKEN)).await, Code::Ok);
    }
    std::fs::remove_file(&setup.tokens).unwrap();
    assert!(handle.reload_tokens().unwrap().is_err());
    assert_eq!(score_code(&mut client, Some(OTHER_TOKEN)).await, Code::Ok);
    let text = handle.metrics_text();
    assert_eq!(
        metric(&text, "spamsift_auth_token_reload_failures_total"),
        Some(4.0),
        "{text}"
    );
    assert_eq!(metric(&text, "spamsift_auth_token_reloads_total"), Some(1.0), "{text}");
    handle.shutdown();
    handle.wait().await.unwrap();
}

#[tokio::test]
async fn bad_tls_or_token_files_stop_the_start_with_a_clear_error() {
    let setup = setup("bad-files");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = secure_config(&setup, None);
    config.tls = Some(TlsFiles {
        cert: setup.pki.server_cert.clone(),
        key: setup.pki.client_key.clone(), // not the certificate's key
        client_ca: None,
    });
    let err = start(config, listener)
        .await
        .err()
        .expect("a mismatched key was accepted");
    assert!(err.to_string().contains("TLS"), "{err}");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = secure_config(&setup, None);
    std::fs::write(&setup.tokens, "# empty\n").unwrap();
    config.auth_token_file = Some(setup.tokens.clone());
    let err = start(config, listener)
        .await
        .err()
        .expect("an empty token file was accepted");
    assert!(err.to_string().contains("no token"), "{err}");
}
