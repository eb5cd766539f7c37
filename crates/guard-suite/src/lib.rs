//! Client of the Stylus Incident Guard suite over JSON-RPC.
//!
//! Everything here talks to a node through plain JSON-RPC, so the same code
//! deploys to and drives the project's embedded devnet, a Nitro devnode or
//! any Arbitrum chain:
//! - [`artifacts`]: the deployable bytes cargo-stylus produced for each
//!   contract (`scripts/build.sh` writes them to `target/stylus/`);
//! - [`stylus`]: deploying a Stylus contract with a constructor through the
//!   StylusDeployer, activation and data-fee quotes (the same path
//!   `cargo stylus deploy` takes);
//! - [`solidity`]: the committed EVM artifacts (Solidity baselines, mock
//!   feeds, the example vault) and their deployment;
//! - [`bindings`]: typed contract bindings generated from the committed
//!   `abi/json/*.json`, so a drift between the Rust source and the ABI that
//!   protocols import fails the build of every tool.

pub mod artifacts;
pub mod bindings;
pub mod drill;
pub mod solidity;
pub mod stylus;
pub mod suite;
pub mod world;

pub use artifacts::{Artifact, ArtifactError};
pub use stylus::{DeployError, Deployed};
