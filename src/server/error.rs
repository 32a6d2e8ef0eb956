//! Errors that stop the server from starting or running.

use thiserror::Error;

use super::auth::TokenFileError;
use super::tls::TlsError;
use crate::ModelError;

/// Why the server could not start or stopped with an error.
#[derive(Debug, Error)]
pub enum ServerError {
    /// The model could not be loaded at start-up.
    #[error("cannot load the model from {source_desc}")]
    Model {
        /// `shipped` or the model file path.
        source_desc: String,
        /// The underlying error.
        #[source]
        error: ModelError,
    },
    /// A socket could not be bound or configured.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The scoring thread pool could not be created.
    #[error("cannot start the scoring threads: {0}")]
    Pool(String),
    /// The configuration is inconsistent.
    #[error("invalid server configuration: {0}")]
    Config(String),
    /// The reflection service could not be built from the descriptor sets.
    #[error("cannot build the reflection service: {0}")]
    Reflection(String),
    /// The TLS certificate, key or client CA could not be used.
    #[error("cannot set up TLS: {0}")]
    Tls(#[from] TlsError),
    /// The token file could not be used.
    #[error("cannot set up token authentication: {0}")]
    Auth(#[from] TokenFileError),
    /// The gRPC transport failed.
    #[error("gRPC transport error: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// A background task of the server panicked or was cancelled.
    #[error("server task failed: {0}")]
    Task(String),
}
