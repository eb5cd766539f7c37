//! EVM (Solidity) artifacts committed in the repository.
//!
//! Two directories hold `{abi, bytecode, deployedBytecode, …}` JSON files
//! with `0x` hex code: `bench/artifacts/` (the Solidity baselines and mock
//! feeds, `node bench/compile.js`) and `examples/derivative-vault/artifacts/`
//! (the example vault and its mocks). Tools and tests deploy them from here,
//! so nothing needs a Solidity compiler at run time.

use std::path::{Path, PathBuf};

use alloy::{
    json_abi::JsonAbi,
    network::Ethereum,
    primitives::{Address, Bytes},
    providers::Provider,
};

use crate::{
    artifacts::{repo_root, ArtifactError},
    stylus::{self, DeployError, Deployed},
};

/// A compiled EVM contract.
#[derive(Clone, Debug)]
pub struct SolidityArtifact {
    /// Its name (the file stem).
    pub name: String,
    /// Its ABI.
    pub abi: JsonAbi,
    /// Creation code (constructor arguments are appended to it).
    pub bytecode: Bytes,
    /// Runtime code.
    pub deployed_bytecode: Bytes,
}

/// Where committed EVM artifacts live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArtifactSet {
    /// `bench/artifacts/`: Solidity baselines and mock feeds.
    Bench,
    /// `examples/derivative-vault/artifacts/`: the example vault and its mocks.
    Vault,
}

impl ArtifactSet {
    /// The directory of the set.
    pub fn dir(self) -> PathBuf {
        let root = repo_root();
        match self {
            ArtifactSet::Bench => root.join("bench/artifacts"),
            ArtifactSet::Vault => root.join("examples/derivative-vault/artifacts"),
        }
    }
}

impl SolidityArtifact {
    /// Loads `<set dir>/<name>.json`.
    pub fn from_set(set: ArtifactSet, name: &str) -> Result<SolidityArtifact, ArtifactError> {
        Self::load(&set.dir().join(format!("{name}.json")))
    }

    /// Loads one artifact file.
    pub fn load(path: &Path) -> Result<SolidityArtifact, ArtifactError> {
        let malformed = |reason| ArtifactError::Malformed {
            path: path.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|source| ArtifactError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|_| malformed("not JSON"))?;
        let code = |field: &str, missing| -> Result<Bytes, ArtifactError> {
            let hex = json[field].as_str().ok_or(malformed(missing))?;
            hex::decode(hex.trim_start_matches("0x"))
                .map(Bytes::from)
                .map_err(|_| malformed("code is not hex"))
        };
        let abi = serde_json::from_value(json["abi"].clone()).map_err(|_| malformed("no ABI"))?;
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(SolidityArtifact {
            name,
            abi,
            bytecode: code("bytecode", "no bytecode")?,
            deployed_bytecode: code("deployedBytecode", "no deployedBytecode")?,
        })
    }

    /// Deploys it (`CREATE`) with ABI-encoded `constructor_args`.
    pub async fn deploy<P: Provider<Ethereum>>(
        &self,
        provider: &P,
        constructor_args: &[u8],
    ) -> Result<Deployed, DeployError> {
        let mut initcode = self.bytecode.to_vec();
        initcode.extend_from_slice(constructor_args);
        stylus::deploy_evm(provider, initcode).await
    }

    /// Deploys it and returns only its address.
    pub async fn deploy_at<P: Provider<Ethereum>>(
        &self,
        provider: &P,
        constructor_args: &[u8],
    ) -> Result<Address, DeployError> {
        self.deploy(provider, constructor_args)
            .await
            .map(|deployed| deployed.address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_mock_feed_artifact_loads_with_code_and_abi() {
        let artifact = SolidityArtifact::from_set(ArtifactSet::Bench, "MockAggregatorV3")
            .expect("the committed artifact loads");
        assert_eq!(artifact.name, "MockAggregatorV3");
        assert!(!artifact.bytecode.is_empty());
        assert!(artifact.bytecode.len() > artifact.deployed_bytecode.len());
        assert!(artifact.abi.function("latestRoundData").is_some());
    }

    #[test]
    fn vault_artifact_loads_with_its_constructor() {
        let artifact = SolidityArtifact::from_set(ArtifactSet::Vault, "DerivativeVault")
            .expect("the committed artifact loads");
        assert!(artifact.abi.constructor.is_some());
        assert!(artifact.abi.function("settle").is_some());
    }

    #[test]
    fn load_reports_a_missing_file_with_its_path() {
        let error = SolidityArtifact::from_set(ArtifactSet::Bench, "NoSuchContract")
            .expect_err("no such artifact");
        assert!(error.to_string().contains("NoSuchContract.json"), "{error}");
    }
}
