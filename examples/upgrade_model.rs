//! Re-writes a format-2 model file (no feature-set version) in the current format, keeping its
//! weights, regressions, thresholds and metadata: `cargo run --example upgrade_model -- IN OUT`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: upgrade_model IN.ssm OUT.ssm");
        return ExitCode::FAILURE;
    };
    let upgraded = std::fs::read(input)
        .map_err(|e| format!("{input}: {e}"))
        .and_then(|bytes| spamsift::internals::upgrade_v2(&bytes).map_err(|e| format!("{input}: {e}")))
        .and_then(|bytes| std::fs::write(output, bytes).map_err(|e| format!("{output}: {e}")));
    match upgraded {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
