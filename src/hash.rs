//! The crate's stable 64-bit hashes: FNV-1a over bytes and the splitmix64 finaliser.
//!
//! Hand-written on purpose: token keys are stored in model files and shard numbers decide
//! where ids go, so both must stay bit-for-bit the same across builds, platforms and crate
//! versions. Changing anything here invalidates every model file and moves ids between shards.

/// FNV-1a 64 offset basis: the hash of no bytes.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Continues the FNV-1a 64 hash `h` over `bytes`.
pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The splitmix64 finaliser: spreads every input bit over every output bit.
pub fn splitmix_finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Combines two hashes and a small tag into one well-mixed hash (splitmix64 step).
pub fn mix(a: u64, b: u64, tag: u8) -> u64 {
    splitmix_finish((a.rotate_left(21) ^ b ^ (u64::from(tag) << 56)).wrapping_add(0x9E37_79B9_7F4A_7C15))
}

/// FNV-1a 64 followed by the splitmix64 finaliser, so that low bits are well mixed.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    splitmix_finish(fnv1a(FNV_OFFSET, bytes))
}
