//! Fuzz target `batch_warc`: runs `checks::batch_warc_input` (see `fuzz/checks.rs`) on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::batch_warc_input(data));
