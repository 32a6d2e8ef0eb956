//! Fuzz target `batch_jsonl`: runs `checks::batch_jsonl_input` (see `fuzz/checks.rs`) on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::batch_jsonl_input(data));
