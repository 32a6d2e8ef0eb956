//! The operator policy in the server: loading the file off the async threads, and what a
//! reload can fail with.

use std::path::PathBuf;

use thiserror::Error;

use super::model::FileStamp;
use crate::{ModelError, Policy, PolicyError};

/// Why a reload (SIGHUP, `--watch`, [`super::ServerHandle::reload`]) did not install
/// everything. Whatever failed keeps its previous version serving.
#[derive(Debug, Error)]
pub enum ReloadError {
    /// The model file was rejected.
    #[error("model reload rejected: {0}")]
    Model(#[source] ModelError),
    /// The policy file was rejected (the message has its line and column).
    #[error("policy reload rejected: {0}")]
    Policy(#[source] PolicyError),
    /// The first model is still loading; a new policy will serve with it.
    #[error("the model is still loading; retry the reload shortly")]
    NotReady,
}

/// Reads and compiles the policy at `path` on a blocking thread (a large policy takes a while
/// to compile). Returns the stamp of the file version read.
pub async fn load_policy_off_thread(path: PathBuf) -> (Option<FileStamp>, Result<Policy, PolicyError>) {
    let joined = tokio::task::spawn_blocking(move || (FileStamp::of(&path), Policy::load(&path), path)).await;
    match joined {
        Ok((stamp, loaded, _)) => (stamp, loaded),
        Err(err) => (
            None,
            Err(PolicyError::Io {
                path: "policy".into(),
                source: std::io::Error::other(format!("policy loading task failed: {err}")),
            }),
        ),
    }
}
