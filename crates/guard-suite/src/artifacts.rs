//! Deployable bytes of the suite's Stylus contracts.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

/// The prelude cargo-stylus puts before the code in deployment init code
/// (`PUSH32 len, DUP1, PUSH1 43, PUSH1 0, CODECOPY, PUSH1 0, RETURN, 0x00`).
pub const INITCODE_PRELUDE_LEN: usize = 43;

/// The Stylus contracts of the suite, by crate name.
pub const CONTRACTS: [&str; 4] = [
    "oracle-sanity-checker",
    "pause-registry",
    "emergency-timelock",
    "guardian-multisig",
];

/// A contract's deployable bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// The crate name, e.g. `pause-registry`.
    pub name: String,
    /// Deployment init code: prelude ‖ code.
    pub initcode: Vec<u8>,
}

impl Artifact {
    /// The deployed code: `EF F0 00 ‖ dictionary ‖ brotli(wasm)`.
    pub fn code(&self) -> &[u8] {
        &self.initcode[INITCODE_PRELUDE_LEN..]
    }
}

/// Why an artifact could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ArtifactError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not cargo-stylus init code.
    #[error("{path} is not Stylus init code ({reason}); rebuild with scripts/build.sh")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: &'static str,
    },
    /// Building it failed.
    #[error("building {name} with cargo stylus failed: {detail}")]
    Build {
        /// The contract.
        name: String,
        /// The tool's output.
        detail: String,
    },
}

/// The repository root (this crate lives in `crates/guard-suite`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

/// Where `scripts/build.sh` writes artifacts (`$GUARD_ARTIFACTS`, default
/// `target/stylus` in the repository).
pub fn artifacts_dir() -> PathBuf {
    std::env::var_os("GUARD_ARTIFACTS")
        .map_or_else(|| repo_root().join("target/stylus"), PathBuf::from)
}

/// Reads `<dir>/<name>.initcode.hex` as written by `scripts/build.sh`.
pub fn load(dir: &Path, name: &str) -> Result<Artifact, ArtifactError> {
    let path = dir.join(format!("{name}.initcode.hex"));
    let text = fs::read_to_string(&path).map_err(|source| ArtifactError::Read {
        path: path.clone(),
        source,
    })?;
    let initcode = hex::decode(text.trim().trim_start_matches("0x")).map_err(|_| {
        ArtifactError::Malformed {
            path: path.clone(),
            reason: "not hex",
        }
    })?;
    parse(name, initcode).map_err(|reason| ArtifactError::Malformed { path, reason })
}

fn parse(name: &str, initcode: Vec<u8>) -> Result<Artifact, &'static str> {
    if initcode.len() <= INITCODE_PRELUDE_LEN + 4 {
        return Err("too short");
    }
    if initcode[0] != 0x7f {
        return Err("no cargo-stylus prelude");
    }
    if initcode[INITCODE_PRELUDE_LEN..INITCODE_PRELUDE_LEN + 3] != [0xef, 0xf0, 0x00] {
        return Err("code does not start with the Stylus prefix EF F0 00");
    }
    Ok(Artifact {
        name: name.to_owned(),
        initcode,
    })
}

/// Builds `name` with `cargo stylus get-initcode` (in its crate directory,
/// as scripts/build.sh does) and returns the artifact, also writing it to
/// [`artifacts_dir`].
pub fn build(name: &str) -> Result<Artifact, ArtifactError> {
    let dir = artifacts_dir();
    fs::create_dir_all(&dir).map_err(|source| ArtifactError::Read {
        path: dir.clone(),
        source,
    })?;
    let out = dir.join(format!("{name}.initcode.hex"));
    let output = Command::new("cargo")
        .args(["stylus", "get-initcode", "--output"])
        .arg(&out)
        .current_dir(repo_root().join("contracts").join(name))
        .output()
        .map_err(|e| ArtifactError::Build {
            name: name.to_owned(),
            detail: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(ArtifactError::Build {
            name: name.to_owned(),
            detail: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    load(&dir, name)
}

/// The artifact from [`artifacts_dir`], building it first when missing.
pub fn load_or_build(name: &str) -> Result<Artifact, ArtifactError> {
    match load(&artifacts_dir(), name) {
        Err(ArtifactError::Read { .. }) => build(name),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_refuses_code_without_the_stylus_prefix() {
        let mut init = vec![0x7f; INITCODE_PRELUDE_LEN];
        init.extend_from_slice(&[0x60, 0x80, 0x60, 0x40, 0x52]);
        assert_eq!(
            parse("x", init),
            Err("code does not start with the Stylus prefix EF F0 00")
        );
    }

    #[test]
    fn code_strips_the_prelude() {
        let mut init = vec![0x7f; INITCODE_PRELUDE_LEN];
        init.extend_from_slice(&[0xef, 0xf0, 0x00, 0x00, 0x01]);
        let a = parse("x", init).unwrap();
        assert_eq!(a.code(), &[0xef, 0xf0, 0x00, 0x00, 0x01]);
    }
}
