//! TLS on the gRPC port (`--tls-cert`, `--tls-key`, optional `--tls-client-ca` for mTLS).
//!
//! rustls through tonic's `tls-ring` feature; no OpenSSL. The PEM files are read and checked
//! here first, so that a wrong file gets an error naming the file and what is missing rather
//! than a bare transport error.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use thiserror::Error;
use tonic::transport::{Certificate, Identity, ServerTlsConfig};

/// Largest PEM file read, in bytes (certificate chains are a few kilobytes).
const MAX_PEM_BYTES: u64 = 1 << 20;
/// Time a client has to finish the TLS handshake; a client that stalls it is dropped.
pub const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The PEM files that configure TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The server's certificate chain (leaf first).
    pub cert: PathBuf,
    /// The server's private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
    /// When set, clients must present a certificate signed by one of these CAs (mTLS).
    pub client_ca: Option<PathBuf>,
}

/// Why the TLS files could not be used.
#[derive(Debug, Error)]
pub enum TlsError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// rustls refused the certificate or key (e.g. the key does not match the certificate).
    #[error("rustls refused the TLS settings: {0}")]
    Rejected(String),
    /// A file does not hold what it should.
    #[error("{path}: {problem}")]
    Content {
        /// The file.
        path: String,
        /// What is wrong.
        problem: &'static str,
    },
}

impl TlsFiles {
    /// Reads and checks the files and builds tonic's server TLS settings.
    pub fn server_config(&self) -> Result<ServerTlsConfig, TlsError> {
        let cert = read_pem(&self.cert)?;
        if certificates(&cert) == 0 {
            return Err(content(
                &self.cert,
                "no PEM certificate found (expected BEGIN CERTIFICATE)",
            ));
        }
        let key = read_pem(&self.key)?;
        if PrivateKeyDer::from_pem_slice(&key).is_err() {
            return Err(content(
                &self.key,
                "no PEM private key found (expected BEGIN PRIVATE KEY)",
            ));
        }
        let mut config = ServerTlsConfig::new()
            .identity(Identity::from_pem(cert, key))
            .timeout(TLS_HANDSHAKE_TIMEOUT);
        if let Some(ca_path) = &self.client_ca {
            let ca = read_pem(ca_path)?;
            if certificates(&ca) == 0 {
                return Err(content(
                    ca_path,
                    "no PEM CA certificate found (expected BEGIN CERTIFICATE)",
                ));
            }
            config = config.client_ca_root(Certificate::from_pem(ca));
        }
        Ok(config)
    }
}

/// How many well-formed PEM certificates `pem` holds.
fn certificates(pem: &[u8]) -> usize {
    CertificateDer::pem_slice_iter(pem).filter(Result::is_ok).count()
}

fn content(path: &Path, problem: &'static str) -> TlsError {
    TlsError::Content {
        path: path.display().to_string(),
        problem,
    }
}

fn read_pem(path: &Path) -> Result<Vec<u8>, TlsError> {
    let read_error = |source| TlsError::Read {
        path: path.display().to_string(),
        source,
    };
    let len = std::fs::metadata(path).map_err(read_error)?.len();
    if len > MAX_PEM_BYTES {
        return Err(content(path, "larger than 1 MiB; not a PEM certificate or key"));
    }
    std::fs::read(path).map_err(read_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path, cert: &str, key: &str) -> TlsFiles {
        std::fs::write(dir.join("cert.pem"), cert).unwrap();
        std::fs::write(dir.join("key.pem"), key).unwrap();
        TlsFiles {
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
            client_ca: None,
        }
    }

    #[test]
    fn accepts_a_generated_pair() {
        let dir = tempfile::tempdir().unwrap();
        let issued = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let files = files(dir.path(), &issued.cert.pem(), &issued.signing_key.serialize_pem());
        assert!(files.server_config().is_ok());
    }

    #[test]
    fn names_the_bad_file() {
        let dir = tempfile::tempdir().unwrap();
        let issued = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let swapped = files(dir.path(), &issued.signing_key.serialize_pem(), &issued.cert.pem());
        let err = swapped.server_config().unwrap_err().to_string();
        assert!(err.contains("cert.pem") && err.contains("no PEM certificate"), "{err}");

        let no_key = files(dir.path(), &issued.cert.pem(), "not a key\n");
        let err = no_key.server_config().unwrap_err().to_string();
        assert!(err.contains("key.pem") && err.contains("private key"), "{err}");

        let missing = TlsFiles {
            client_ca: Some(dir.path().join("absent.pem")),
            ..files(dir.path(), &issued.cert.pem(), &issued.signing_key.serialize_pem())
        };
        let err = missing.server_config().unwrap_err().to_string();
        assert!(err.contains("absent.pem"), "{err}");
    }
}
