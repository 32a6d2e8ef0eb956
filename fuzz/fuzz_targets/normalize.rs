//! Fuzz target `normalize`: runs `checks::normalize_input` (see `fuzz/checks.rs`) on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::normalize_input(data));
