//! Fuzz target `extract_html`: runs `checks::extract_html_input` (see `fuzz/checks.rs`) on every input.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::extract_html_input(data));
