//! The state file: where the sentinel resumes after a restart.
//!
//! A small JSON document, written atomically (a temporary file renamed over
//! the old one) after every processed block: the next block to process, the
//! policies' hysteresis and cool-downs, and the sliding windows.

use std::{
    collections::BTreeMap,
    io::Write,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::{policy::Hysteresis, rules::access::RevertWindow, rules::vault::OutflowWindow};

/// Why the state file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// I/O on the file.
    #[error("state file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Not a state file.
    #[error("state file {path} is malformed: {reason}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The parse error.
        reason: String,
    },
    /// Written for another chain.
    #[error("state file {path} belongs to chain {found}, the node is chain {expected}")]
    WrongChain {
        /// The file.
        path: PathBuf,
        /// Its chain id.
        found: u64,
        /// The node's chain id.
        expected: u64,
    },
}

/// What the sentinel keeps across restarts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct SentinelState {
    /// The chain it follows.
    pub chain_id: u64,
    /// The next block to process.
    pub next_block: u64,
    /// Policy hysteresis and cool-downs, keyed `"<policy>/<subject>"`.
    #[serde(default)]
    pub policies: BTreeMap<String, Hysteresis>,
    /// Outflow windows, by vault name.
    #[serde(default)]
    pub outflows: BTreeMap<String, OutflowWindow>,
    /// Reverted calls to watched contracts.
    #[serde(default)]
    pub reverts: RevertWindow,
}

impl SentinelState {
    /// Loads `path` for `chain_id`; `None` when it does not exist.
    pub fn load(path: &Path, chain_id: u64) -> Result<Option<Self>, StateError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StateError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let state: SentinelState =
            serde_json::from_str(&text).map_err(|e| StateError::Malformed {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        if state.chain_id != chain_id {
            return Err(StateError::WrongChain {
                path: path.to_path_buf(),
                found: state.chain_id,
                expected: chain_id,
            });
        }
        Ok(Some(state))
    }

    /// Writes it to `path` atomically.
    pub fn save(&self, path: &Path) -> Result<(), StateError> {
        let io = |source| StateError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let text = serde_json::to_vec_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        {
            let mut file = std::fs::File::create(&tmp).map_err(io)?;
            file.write_all(&text).map_err(io)?;
            file.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::U256;

    #[test]
    fn a_saved_state_loads_back_for_its_chain_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(SentinelState::load(&path, 1).unwrap(), None);
        let mut state = SentinelState {
            chain_id: 1,
            next_block: 42,
            ..SentinelState::default()
        };
        state
            .outflows
            .entry("perp".into())
            .or_default()
            .push(5, U256::from(9u8));
        state.policies.insert(
            "0/ETH-USD".into(),
            Hysteresis {
                seen: 2,
                ..Hysteresis::default()
            },
        );
        state.save(&path).unwrap();
        assert_eq!(SentinelState::load(&path, 1).unwrap(), Some(state));
        assert!(matches!(
            SentinelState::load(&path, 2),
            Err(StateError::WrongChain {
                found: 1,
                expected: 2,
                ..
            })
        ));
    }

    #[test]
    fn a_malformed_state_file_is_an_error_not_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{ not json").unwrap();
        assert!(matches!(
            SentinelState::load(&path, 1),
            Err(StateError::Malformed { .. })
        ));
    }
}
