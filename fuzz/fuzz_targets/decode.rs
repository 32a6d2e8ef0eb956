//! Fuzz target `decode`: runs `checks::decode_input` (see `fuzz/checks.rs`) on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::decode_input(data));
