//! Graceful shutdown: in-flight calls finish, then the server stops; and the real binary
//! (`spamsift serve`) reloads on SIGHUP and exits 0 on SIGTERM.

mod grpc_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use grpc_support::{PATIENCE, ScratchDir, connect, fixture, raw_request, start_serving};
use spamsift::server::pb::classifier_client::ClassifierClient;
use spamsift::server::{ModelSource, ServerConfig};
use tonic_health::pb::health_check_response::ServingStatus;

#[tokio::test]
async fn shutdown_drains_in_flight_calls_then_stops() {
    let mut config = ServerConfig::new(ModelSource::Shipped);
    config.scoring_threads = 1;
    let server = start_serving(config).await;
    let addr = server.handle.local_addr();
    let batch = grpc_support::start_batch(&server, grpc_support::batch_of("grpc_clean.html", 300)).await;

    server.handle.shutdown();
    let results = batch
        .await
        .unwrap()
        .expect("the in-flight batch completes")
        .into_inner()
        .results;
    assert_eq!(results.len(), 300);
    tokio::time::timeout(PATIENCE, server.handle.wait())
        .await
        .unwrap()
        .unwrap();
    let refused = tonic::transport::Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await;
    assert!(refused.is_err(), "the server still accepts connections after shutdown");
}

/// Reads the child's JSON log lines and sends them over a channel.
fn log_lines(stderr: std::process::ChildStderr) -> mpsc::Receiver<serde_json::Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(value) = serde_json::from_str(&line)
                && tx.send(value).is_err()
            {
                return;
            }
        }
    });
    rx
}

/// Waits for a log line whose message is `message`; returns it.
fn wait_for_log(logs: &mpsc::Receiver<serde_json::Value>, message: &str) -> serde_json::Value {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = logs
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no log line {message:?}"));
        if line["fields"]["message"] == message {
            return line;
        }
    }
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name} failed");
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_reloads_on_sighup_and_exits_0_on_sigterm() {
    let dir = ScratchDir::new("binary");
    let path = dir.model_copy();
    let mut child = Command::new(env!("CARGO_BIN_EXE_spamsift"))
        .args(["serve", "--listen", "127.0.0.1:0", "--log-format", "json", "--model"])
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let logs = log_lines(child.stderr.take().unwrap());
    let line = wait_for_log(&logs, "gRPC server listening");
    let addr = line["fields"]["addr"].as_str().unwrap().parse().unwrap();
    let channel = connect(addr).await;
    grpc_support::wait_for_health(&channel, "", ServingStatus::Serving).await;
    let mut client = ClassifierClient::new(channel.clone());
    let version = grpc_support::model_info(&mut client).await.version;

    std::fs::write(&path, b"corrupt").unwrap();
    signal(child.id(), "HUP");
    wait_for_log(&logs, "model reload rejected; the previous model keeps serving");
    let resp = client
        .score(raw_request("p", fixture("grpc_spam.html")))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.model_version, version);

    std::fs::copy(grpc_support::shipped_model_path(), &path).unwrap();
    signal(child.id(), "HUP");
    wait_for_log(&logs, "model reloaded");

    signal(child.id(), "TERM");
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit after SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "exit status {status:?}");
}
