//! The gRPC scoring service behind `spamsift serve`.
//!
//! [`start`] serves the `spamsift.v1.Classifier` service (unary, batch and streaming scoring and
//! model info), `grpc.health.v1.Health`, and gRPC reflection (v1 and v1alpha) on a TCP
//! listener, with an optional Prometheus metrics endpoint. Scoring runs on a bounded thread
//! pool with load shedding; the model can be reloaded at run time without dropping requests.
//!
//! ```no_run
//! # async fn demo() -> Result<(), spamsift::server::ServerError> {
//! use spamsift::server::{ModelSource, ServerConfig, start};
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|source| {
//!     spamsift::server::ServerError::Bind { addr: "127.0.0.1:0".into(), source }
//! })?;
//! let server = start(ServerConfig::new(ModelSource::Shipped), listener).await?;
//! println!("listening on {}", server.local_addr());
//! server.shutdown();
//! server.wait().await
//! # }
//! ```

mod auth;
mod background;
mod config;
mod convert;
mod deadline;
mod error;
mod handle;
mod metrics;
mod metrics_http;
mod model;
mod policy;
mod pool;
mod run;
mod service;
mod tls;

pub use auth::{MIN_TOKEN_CHARS, TokenFileError};
pub use config::{
    DEFAULT_DRAIN_TIMEOUT, DEFAULT_MAX_BATCH_PAGES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_QUEUE,
    DEFAULT_SERVER_MAX_PAGE_BYTES, ModelSource, ServerConfig, default_scoring_threads,
};
pub use error::ServerError;
pub use handle::ServerHandle;
pub use metrics::code_name;
pub use policy::ReloadError;
pub use run::{SERVICE_NAME, serve, start};
pub use tls::{TlsError, TlsFiles};

/// Protobuf messages and the generated client and server of `spamsift.v1`.
pub mod pb {
    tonic::include_proto!("spamsift.v1");

    /// Encoded `FileDescriptorSet` of `spamsift/v1/classifier.proto`, served by reflection.
    pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("spamsift_descriptor");
}
