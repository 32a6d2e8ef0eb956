//! Helpers shared by the gRPC integration tests: start a server in-process on an ephemeral
//! port, connect clients, read fixtures and metrics, manage scratch model files.

#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use spamsift::server::pb::classifier_client::ClassifierClient;
use spamsift::server::{ServerConfig, ServerHandle, start};
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// How long a test waits for something that should happen quickly.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A server started for one test.
pub struct TestServer {
    /// The running server.
    pub handle: ServerHandle,
    /// A channel connected to it.
    pub channel: Channel,
}

impl TestServer {
    /// A scoring client on the shared channel.
    pub fn client(&self) -> ClassifierClient<Channel> {
        ClassifierClient::new(self.channel.clone())
            .max_decoding_message_size(64 << 20)
            .max_encoding_message_size(64 << 20)
    }
}

/// Starts a server with `config` on 127.0.0.1:0 and waits until health says SERVING.
pub async fn start_serving(config: ServerConfig) -> TestServer {
    let server = start_loading(config).await;
    wait_for_health(&server.channel, "", ServingStatus::Serving).await;
    server
}

/// Starts a server with `config` on 127.0.0.1:0 without waiting for the model.
pub async fn start_loading(config: ServerConfig) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let handle = start(config, listener).await.unwrap();
    let channel = connect(handle.local_addr()).await;
    TestServer { handle, channel }
}

/// A channel to `addr` that connects on first use (and reconnects when needed).
pub async fn connect(addr: std::net::SocketAddr) -> Channel {
    Channel::from_shared(format!("http://{addr}")).unwrap().connect_lazy()
}

/// The health status of `service` ("" = the whole server).
pub async fn health(channel: &Channel, service: &str) -> Result<ServingStatus, tonic::Status> {
    let mut client = HealthClient::new(channel.clone());
    let response = client
        .check(HealthCheckRequest {
            service: service.to_string(),
        })
        .await?;
    Ok(response.into_inner().status())
}

/// Waits until `service` reports `wanted`, failing the test after [`PATIENCE`].
pub async fn wait_for_health(channel: &Channel, service: &str, wanted: ServingStatus) {
    let started = Instant::now();
    loop {
        let now = health(channel, service).await;
        if now.as_ref().ok() == Some(&wanted) {
            return;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "health never became {wanted:?}; last: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A fixture file from `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// The model file that is embedded as the shipped model.
pub fn shipped_model_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/default.ssm")
}

/// A fresh scratch directory for one test (removed by [`ScratchDir`]'s drop).
pub struct ScratchDir(pub PathBuf);

impl ScratchDir {
    /// Creates an empty directory under the system temp dir.
    pub fn new(tag: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("spamsift-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        ScratchDir(dir)
    }

    /// A copy of the shipped model file inside the directory.
    pub fn model_copy(&self) -> PathBuf {
        let path = self.0.join("model.ssm");
        std::fs::copy(shipped_model_path(), &path).unwrap();
        path
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The value of the sample `name` (with labels, exactly as printed) in a metrics text.
pub fn metric(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

/// Waits until `check` holds, failing the test after [`PATIENCE`].
pub async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < PATIENCE, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A batch of `n` copies of the fixture `name`, with ids `0..n`.
pub fn batch_of(name: &str, n: usize) -> spamsift::server::pb::ScoreBatchRequest {
    let page = fixture(name);
    spamsift::server::pb::ScoreBatchRequest {
        pages: (0..n).map(|i| raw_request(&i.to_string(), page.clone())).collect(),
    }
}

/// The task of a `ScoreBatch` call started in the background.
pub type BatchTask =
    tokio::task::JoinHandle<Result<tonic::Response<spamsift::server::pb::ScoreBatchResponse>, tonic::Status>>;

/// Starts `batch` in the background and returns once the server has admitted it to the
/// scoring pool (and nothing else is in flight).
pub async fn start_batch(server: &TestServer, batch: spamsift::server::pb::ScoreBatchRequest) -> BatchTask {
    let mut client = server.client();
    let task = tokio::spawn(async move { client.score_batch(batch).await });
    let handle = &server.handle;
    eventually("the batch is admitted", || {
        metric(&handle.metrics_text(), "spamsift_scoring_in_flight") == Some(1.0)
    })
    .await;
    task
}

/// The serving model's info, through `GetModelInfo`.
pub async fn model_info(client: &mut ClassifierClient<Channel>) -> spamsift::server::pb::GetModelInfoResponse {
    client
        .get_model_info(spamsift::server::pb::GetModelInfoRequest {})
        .await
        .unwrap()
        .into_inner()
}

/// A `ScoreRequest` for raw page bytes.
pub fn raw_request(id: &str, bytes: Vec<u8>) -> spamsift::server::pb::ScoreRequest {
    spamsift::server::pb::ScoreRequest {
        id: id.to_string(),
        page: Some(spamsift::server::pb::score_request::Page::Raw(bytes)),
        ..Default::default()
    }
}
