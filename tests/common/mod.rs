//! Helpers shared by the integration tests (each test binary uses a part of them).
#![allow(dead_code)]

use std::process::{Command, Output};
use std::sync::LazyLock;

use spamsift::{Classifier, PageInput, Report};

/// The shipped model, loaded once per test binary.
pub static SHIPPED: LazyLock<Classifier> =
    LazyLock::new(|| Classifier::shipped().unwrap_or_else(|e| panic!("shipped model must load: {e}")));

/// A fixed pseudo-random sequence (xorshift32 from `seed`, which must not be 0), so that tests
/// with generated input are reproducible.
pub fn xorshift32(mut state: u32) -> impl FnMut() -> u32 {
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    }
}

/// `len` bytes of deterministic noise from `seed`, like an image or an archive.
pub fn noise(len: usize, seed: u32) -> Vec<u8> {
    let mut next = xorshift32(seed);
    (0..len).map(|_| next() as u8).collect()
}

/// Reads a fixture file.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// Scores bytes with the shipped model.
pub fn score(bytes: &[u8]) -> Report {
    SHIPPED
        .score(&PageInput::new(bytes))
        .unwrap_or_else(|e| panic!("scoring failed: {e}"))
}

/// Runs the `spamsift` binary from the repository root.
pub fn spamsift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spamsift"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("running spamsift: {e}"))
}

/// A finished command's standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A finished command's standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
