//! Test-only PKI generated at test time (no private key is ever committed): a CA, a server
//! certificate for `localhost` and `127.0.0.1`, and a client certificate for mTLS. Shared by
//! the TLS tests and by `examples/test_pki.rs`, which writes the files for the external-client
//! checks in `scripts/grpc-clients-test.sh`.

#![allow(dead_code)] // each user needs a different subset

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};

/// PEM texts of a throwaway PKI.
pub struct TestPki {
    /// The CA certificate clients trust (and the server trusts for client certificates).
    pub ca_cert: String,
    /// The server's certificate, signed by the CA.
    pub server_cert: String,
    /// The server's private key.
    pub server_key: String,
    /// A client certificate, signed by the CA.
    pub client_cert: String,
    /// The client's private key.
    pub client_key: String,
}

/// Paths of the files [`TestPki::write`] created.
pub struct PkiFiles {
    /// `ca.pem`.
    pub ca_cert: PathBuf,
    /// `server.pem`.
    pub server_cert: PathBuf,
    /// `server.key`.
    pub server_key: PathBuf,
    /// `client.pem`.
    pub client_cert: PathBuf,
    /// `client.key`.
    pub client_key: PathBuf,
}

impl TestPki {
    /// Generates a fresh CA with one server and one client certificate.
    pub fn generate() -> Result<TestPki, rcgen::Error> {
        let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "spamsift test CA");
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate()?)?;

        let server_key = KeyPair::generate()?;
        let mut server_params = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])?;
        server_params.distinguished_name.push(DnType::CommonName, "localhost");
        server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let server_cert = server_params.signed_by(&server_key, &ca)?;

        let client_key = KeyPair::generate()?;
        let mut client_params = CertificateParams::new(Vec::<String>::new())?;
        client_params
            .distinguished_name
            .push(DnType::CommonName, "spamsift test client");
        client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let client_cert = client_params.signed_by(&client_key, &ca)?;

        Ok(TestPki {
            ca_cert: ca.pem(),
            server_cert: server_cert.pem(),
            server_key: server_key.serialize_pem(),
            client_cert: client_cert.pem(),
            client_key: client_key.serialize_pem(),
        })
    }

    /// Writes the PEM files into `dir`.
    pub fn write(&self, dir: &Path) -> std::io::Result<PkiFiles> {
        let files = PkiFiles {
            ca_cert: dir.join("ca.pem"),
            server_cert: dir.join("server.pem"),
            server_key: dir.join("server.key"),
            client_cert: dir.join("client.pem"),
            client_key: dir.join("client.key"),
        };
        std::fs::write(&files.ca_cert, &self.ca_cert)?;
        std::fs::write(&files.server_cert, &self.server_cert)?;
        std::fs::write(&files.server_key, &self.server_key)?;
        std::fs::write(&files.client_cert, &self.client_cert)?;
        std::fs::write(&files.client_key, &self.client_key)?;
        Ok(files)
    }
}
