//! The `spamsift` command line: serve, score, batch, train, eval.

mod cli;

use clap::{Parser, Subcommand};

/// Finds spam, adult and gambling content injected into Chinese web pages.
#[derive(Parser)]
#[command(name = "spamsift", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gRPC scoring service.
    Serve(cli::serve::ServeArgs),
    /// Score one page and print the result as JSON.
    Score(cli::score::ScoreArgs),
    /// Score many pages (a directory or a JSONL file) into JSONL.
    Batch(cli::batch::BatchArgs),
    /// Train a model from labelled pages.
    Train(cli::train::TrainArgs),
    /// Evaluate a model on labelled pages.
    Eval(cli::eval::EvalArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // Training and the server report progress at `info`; the others only warnings by default.
    let (level, format) = match &cli.command {
        Command::Serve(args) => ("info", args.log_format),
        Command::Train(_) => ("info", cli::logging::LogFormat::Text),
        Command::Score(_) | Command::Batch(_) | Command::Eval(_) => ("warn", cli::logging::LogFormat::Text),
    };
    cli::logging::init(level, format);
    let result = match cli.command {
        Command::Serve(args) => cli::serve::run(args),
        Command::Score(args) => cli::score::run(args),
        Command::Batch(args) => cli::batch::run(args),
        Command::Train(args) => cli::train::run(args),
        Command::Eval(args) => cli::eval::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // A closed pipe (`spamsift eval … | head`) is the reader's choice, not an error.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
