//! Spawning `spamsift serve` for a run: start-up time to SERVING, memory, graceful stop.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// A server process started by the load generator.
pub struct SpawnedServer {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Time from spawning the process to health reporting SERVING.
    pub startup: Duration,
}

impl SpawnedServer {
    /// Starts `bin serve` on an ephemeral loopback port and waits until it is SERVING.
    pub async fn start(bin: &Path, model: Option<&Path>, extra: &[String]) -> anyhow::Result<Self> {
        let started = Instant::now();
        let mut cmd = Command::new(bin);
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--log-format", "json"]);
        if let Some(model) = model {
            cmd.arg("--model").arg(model);
        }
        cmd.args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().with_context(|| format!("starting {}", bin.display()))?;
        let stderr = child.stderr.take().context("no stderr pipe")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
                    continue;
                };
                if value["fields"]["message"] == "gRPC server listening" {
                    let _ = tx.send(value["fields"]["addr"].as_str().unwrap_or_default().to_string());
                }
            }
        });
        let addr: SocketAddr = rx
            .recv_timeout(Duration::from_secs(30))
            .context("the server did not report its address")?
            .parse()
            .context("bad address in the server log")?;
        let channel = Channel::from_shared(format!("http://{addr}"))?.connect_lazy();
        let mut health = HealthClient::new(channel);
        loop {
            let status = health.check(HealthCheckRequest { service: String::new() }).await;
            if status.is_ok_and(|s| s.into_inner().status() == ServingStatus::Serving) {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                bail!("the server did not become SERVING within 60 s");
            }
            if let Some(exit) = child.try_wait()? {
                bail!("the server exited: {exit}");
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        Ok(SpawnedServer {
            startup: started.elapsed(),
            child,
            addr,
        })
    }

    /// Current and peak resident memory in MiB (from /proc; Linux only).
    pub fn memory_mib(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib / 1024.0)
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    /// CPU time (user + system) the server has used so far, in seconds (Linux, 100 Hz ticks).
    pub fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
        Some(ticks / 100.0)
    }

    /// Sends SIGTERM and waits for the exit; returns whether it exited successfully.
    pub fn stop(mut self) -> anyhow::Result<bool> {
        Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()?;
        Ok(self.child.wait()?.success())
    }
}
