//! A hostile model file cannot hurt the loader: size limits hold before and during decoding,
//! and every refusal is a clear `ModelError::Corrupt`. A counting allocator checks that a
//! payload claiming billions of elements does not allocate for them.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use spamsift::internals::{MAX_MODEL_FILE_BYTES, MAX_TOKEN_WEIGHTS, Model, wrap_payload};
use spamsift::{Classifier, ModelError};

/// Counts the bytes allocated by the current thread, so one test can bound its own peak.
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the bookkeeping never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|live| {
            let now = live.get().saturating_add(layout.size());
            live.set(now);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        });
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(layout.size())));
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated by this thread while `f` runs, above what was live before.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    (out, PEAK.with(Cell::get) - before)
}

fn shipped_model() -> Model {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/default.ssm")).unwrap();
    Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn varint(mut n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
    out
}

fn assert_corrupt(result: Result<Model, ModelError>, needle: &str) {
    match result {
        Err(ModelError::Corrupt(message)) => assert!(message.contains(needle), "{message}"),
        Err(other) => panic!("expected Corrupt({needle}), got {other}"),
        Ok(_) => panic!("a hostile model file was accepted"),
    }
}

#[test]
fn huge_length_prefix_with_valid_checksum_allocates_little() {
    // Find the length prefix of the token-key vector: serialise with 0 and with 1 key.
    let mut parts = shipped_model().parts;
    parts.text.key_gaps.clear();
    parts.text.spam.clear();
    parts.text.category.clear();
    let empty = postcard::to_stdvec(&parts).unwrap();
    parts.text.key_gaps.push(1);
    let one = postcard::to_stdvec(&parts).unwrap();
    let at = empty.iter().zip(&one).position(|(a, b)| a != b).unwrap();
    assert_eq!(
        (empty[at], one[at]),
        (0, 1),
        "the first difference is the length prefix"
    );

    // Claim 2^60 keys, with nothing behind the claim; the checksum is valid.
    let mut hostile = empty[..at].to_vec();
    hostile.extend(varint(1 << 60));
    hostile.extend_from_slice(&empty[at + 1..]);
    let file = wrap_payload(&hostile);
    let (result, peak) = peak_during(|| Model::from_bytes(&file));
    assert_corrupt(result, "payload");
    assert!(peak < 16 << 20, "decoding a 2^60-element claim allocated {peak} bytes");
}

#[test]
fn too_many_token_weights_are_refused_before_tables_are_built() {
    let mut parts = shipped_model().parts;
    parts.text.key_gaps = vec![1; MAX_TOKEN_WEIGHTS + 1];
    parts.text.spam = vec![0.0; MAX_TOKEN_WEIGHTS + 1];
    parts.text.category.clear();
    let file = wrap_payload(&postcard::to_stdvec(&parts).unwrap());
    assert!((file.len() as u64) < MAX_MODEL_FILE_BYTES);
    assert_corrupt(Model::from_bytes(&file), "token weights");
}

#[test]
fn oversized_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ssm");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: the size is there, the bytes are never written or read.
    file.set_len(MAX_MODEL_FILE_BYTES + 1).unwrap();
    let (result, peak) = peak_during(|| Classifier::load(&path));
    match result {
        Err(ModelError::Corrupt(message)) => assert!(message.contains("more than"), "{message}"),
        Err(other) => panic!("expected Corrupt, got {other}"),
        Ok(_) => panic!("an oversized model file was accepted"),
    }
    assert!(peak < 1 << 20, "refusing an oversized file allocated {peak} bytes");
}

#[test]
fn random_payloads_with_valid_checksums_are_refused() {
    // A fixed pseudo-random sequence (xorshift), so the test is reproducible.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    for len in [0usize, 1, 7, 64, 1000, 100_000] {
        let payload: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let (result, peak) = peak_during(|| Model::from_bytes(&wrap_payload(&payload)));
        assert!(result.is_err(), "random payload of {len} bytes accepted");
        assert!(peak < 16 << 20, "random payload of {len} bytes allocated {peak} bytes");
    }
}
