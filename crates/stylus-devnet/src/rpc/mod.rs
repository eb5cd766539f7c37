//! JSON-RPC 2.0 over HTTP: the subset of the Ethereum API that cargo-stylus 0.10 and foundry's
//! `cast` use, plus anvil-style time and snapshot controls.
//!
//! - [`RpcServer`] serves a [`crate::Devnet`] on a TCP port (tiny_http, one worker thread pool;
//!   chosen over tokio + hyper for its small build: a few seconds on this machine against tokio's
//!   and hyper's tens, and the devnet serializes execution behind one lock anyway).
//! - [`handle_body`] answers one HTTP request body (a single request or a batch); the server and
//!   the tests share it.
//! - [`methods`] lists the methods; [`RpcError`] holds the standard error codes.

mod convert;
mod error;
pub mod methods;
mod params;
mod server;

pub use error::RpcError;
pub use server::{handle_body, RpcServer};
