//! Writes a throwaway test PKI (`ca.pem`, `server.pem`, `server.key`, `client.pem`,
//! `client.key`) into a directory, for the TLS checks of `scripts/grpc-clients-test.sh`.
//! Test use only: the keys are generated fresh on every run and never committed.
//!
//! Usage: `cargo run --example test_pki -- DIR`

#[path = "../tests/tls_support/mod.rs"]
mod tls_support;

fn main() -> anyhow::Result<()> {
    let Some(dir) = std::env::args_os().nth(1) else {
        anyhow::bail!("usage: test_pki DIR");
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    tls_support::TestPki::generate()?.write(&dir)?;
    eprintln!("wrote a test PKI into {}", dir.display());
    Ok(())
}
