//! The subcommands of `guard`, one module each.

pub mod bench;
pub mod bytecode;
pub mod deploy;
pub mod devnet;
pub mod watch;
