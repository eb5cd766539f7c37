//! `guard`: the command-line tool of Stylus Incident Guard.
//!
//! One module per subcommand under [`commands`]; add a subcommand by adding a module and a
//! variant of [`Command`].

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Stylus Incident Guard command-line tool.
#[derive(Debug, Parser)]
#[command(name = "guard", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the in-process Stylus devnet (a development chain, not Nitro) with a JSON-RPC server.
    Devnet(commands::devnet::DevnetArgs),
    /// Prints well-known bytecode a fresh Nitro dev node needs (used by scripts/devnode.sh).
    Bytecode(commands::bytecode::BytecodeArgs),
    /// Deploys and wires the suite (multisig, timelock, oracle checker, registry) from a TOML config.
    Deploy(commands::deploy::DeployArgs),
    /// Measures size and gas against the Solidity systems users would pick instead (issue 10).
    Bench(commands::bench::BenchArgs),
    /// Runs the off-chain sentinel: follows blocks, detects anomalies, acts by policy (or replays).
    Watch(commands::watch::WatchArgs),
    /// Plays an incident from detection to resolution on a fresh suite and example vault, checking every step.
    Drill(commands::drill::DrillArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Devnet(args) => commands::devnet::run(&args),
        Command::Bytecode(args) => commands::bytecode::run(&args),
        Command::Deploy(args) => commands::deploy::run(&args),
        Command::Bench(args) => commands::bench::run(&args),
        Command::Watch(args) => commands::watch::run(&args),
        Command::Drill(args) => commands::drill::run(&args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
