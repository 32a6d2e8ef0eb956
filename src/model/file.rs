//! The model file: `SPAMSIFT` magic, format version, SHA-256 of the payload, postcard payload.
//!
//! Format 3 added the feature-set version to the payload; `upgrade` re-encodes format-2 files.

use sha2::{Digest, Sha256};

use super::ModelParts;
use crate::error::ModelError;

const MAGIC: &[u8; 8] = b"SPAMSIFT";
/// Version of the container and payload layout.
pub const FORMAT_VERSION: u32 = 3;
const HEADER: usize = 8 + 4 + 32;

/// Serialises model parts into file bytes.
pub fn encode(parts: &ModelParts) -> Result<Vec<u8>, ModelError> {
    let payload =
        postcard::to_stdvec(parts).map_err(|e| ModelError::Corrupt(format!("cannot serialise model: {e}")))?;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&Sha256::digest(&payload));
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Parses file bytes, checking magic, version and checksum.
pub fn decode(bytes: &[u8]) -> Result<ModelParts, ModelError> {
    let payload = checked_payload(bytes, FORMAT_VERSION)?;
    postcard::from_bytes(payload).map_err(|e| ModelError::Corrupt(format!("cannot read model payload: {e}")))
}

/// The payload of file bytes of format `expected`, after checking magic, version and checksum.
pub fn checked_payload(bytes: &[u8], expected: u32) -> Result<&[u8], ModelError> {
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
