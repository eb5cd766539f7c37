//! The subcommands of `guard`, one module each.

pub mod devnet;
