//! Fuzz target `model_file`: runs `checks::model_file_input` (see `fuzz/checks.rs`) on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::model_file_input(data));
