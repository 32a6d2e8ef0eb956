//! The model file: `SPAMSIFT` magic, format version, SHA-256 of the payload, postcard payload.
//!
//! Format 3 added the feature-set version to the payload; `upgrade` re-encodes format-2 files.
//!
//! A model file may come from anywhere (an operator's typo, a half-copied file, a hostile
//! file with a valid checksum), so decoding is bounded: the file is refused above
//! [`MAX_MODEL_FILE_BYTES`] before it is read, postcard reads only from the bounded payload (a
//! length prefix cannot make it allocate much beyond the payload's own size), and the decoded
//! vectors are checked against explicit caps before any lookup table is built from them.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::ModelParts;
use crate::error::ModelError;

const MAGIC: &[u8; 8] = b"SPAMSIFT";
/// Version of the container and payload layout.
pub const FORMAT_VERSION: u32 = 3;
const HEADER: usize = 8 + 4 + 32;
/// Largest model file read, in bytes (the shipped model is under 5 MB).
pub const MAX_MODEL_FILE_BYTES: u64 = 32 << 20;
/// Most token weights a model may carry (the shipped model has a few hundred thousand).
pub const MAX_TOKEN_WEIGHTS: usize = 4_000_000;
/// Most names in a feature list (the build computes a few dozen).
const MAX_FEATURE_NAMES: usize = 1024;

/// Reads a model file, refusing files above [`MAX_MODEL_FILE_BYTES`] without reading them.
pub fn read(path: &Path) -> Result<Vec<u8>, ModelError> {
    let io_error = |source| ModelError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let len = file.metadata().map_err(io_error)?.len();
    if len > MAX_MODEL_FILE_BYTES {
        return Err(too_large(len));
    }
    // The file may grow between the check and the read: read at most one byte past the cap.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_MODEL_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_MODEL_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(len: u64) -> ModelError {
    ModelError::Corrupt(format!(
        "the file has {len} bytes, more than the {MAX_MODEL_FILE_BYTES} a model file may have"
    ))
}

/// Serialises model parts into file bytes.
pub fn encode(parts: &ModelParts) -> Result<Vec<u8>, ModelError> {
    let payload =
        postcard::to_stdvec(parts).map_err(|e| ModelError::Corrupt(format!("cannot serialise model: {e}")))?;
    Ok(wrap_payload(&payload))
}

/// Parses file bytes, checking magic, version and checksum.
pub fn decode(bytes: &[u8]) -> Result<ModelParts, ModelError> {
    let payload = checked_payload(bytes, FORMAT_VERSION)?;
    postcard::from_bytes(payload).map_err(|e| ModelError::Corrupt(format!("cannot read model payload: {e}")))
}

/// The payload of file bytes of format `expected`, after checking size, magic, version and
/// checksum.
pub fn checked_payload(bytes: &[u8], expected: u32) -> Result<&[u8], ModelError> {
    if bytes.len() as u64 > MAX_MODEL_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(ModelError::Corrupt(
            "missing SPAMSIFT header (not a model file?)".into(),
        ));
    }
    let mut version = [0u8; 4];
    version.copy_from_slice(&bytes[8..12]);
    let version = u32::from_le_bytes(version);
    if version != expected {
        return Err(ModelError::Incompatible(format!(
            "model file format version {version}, this build reads version {expected}"
        )));
    }
    let payload = &bytes[HEADER..];
    if Sha256::digest(payload).as_slice() != &bytes[12..HEADER] {
        return Err(ModelError::Corrupt(
            "checksum mismatch (truncated or damaged file)".into(),
        ));
    }
    Ok(payload)
}

/// Refuses decoded parts whose vectors exceed the caps, before tables are built from them.
pub(super) fn check_sizes(parts: &ModelParts) -> Result<(), ModelError> {
    let weights = parts.text.key_gaps.len();
    if weights > MAX_TOKEN_WEIGHTS {
        return Err(ModelError::Corrupt(format!(
            "the model has {weights} token weights, more than the {MAX_TOKEN_WEIGHTS} allowed"
        )));
    }
    let names = parts.block_features.len().max(parts.page_features.len());
    if names > MAX_FEATURE_NAMES {
        return Err(ModelError::Corrupt(format!(
            "a feature list has {names} names, more than the {MAX_FEATURE_NAMES} allowed"
        )));
    }
    Ok(())
}

/// Wraps `payload` in a file header with a valid checksum (for tests of hostile payloads).
pub fn wrap_payload(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&Sha256::digest(payload));
    out.extend_from_slice(payload);
    out
}
