//! Loading the sentinel key from the environment or a keystore file.
//!
//! The key is never printed: errors name the variable or file, never the
//! value, and only the key's address is logged.

use alloy::signers::local::PrivateKeySigner;

use crate::config::{ConfigError, KeySource};

/// Loads the key `source` describes.
pub fn load(source: &KeySource) -> Result<PrivateKeySigner, ConfigError> {
    match (&source.env, &source.keystore) {
        (Some(var), None) => {
            let value = std::env::var(var).map_err(|_| {
                ConfigError::new(
                    "key.env",
                    format!("the environment variable {var} is not set"),
                )
            })?;
            value.trim().parse().map_err(|_| {
                ConfigError::new(
                    "key.env",
                    format!("{var} does not hold a secp256k1 private key (hex)"),
                )
            })
        }
        (None, Some(path)) => {
            let var = source.password_env.as_deref().ok_or_else(|| {
                ConfigError::new("key.password_env", "a keystore needs a password variable")
            })?;
            let password = std::env::var(var).map_err(|_| {
                ConfigError::new(
                    "key.password_env",
                    format!("the environment variable {var} is not set"),
                )
            })?;
            PrivateKeySigner::decrypt_keystore(path, password).map_err(|e| {
                ConfigError::new(
                    "key.keystore",
                    format!("cannot decrypt {}: {e}", path.display()),
                )
            })
        }
        _ => Err(ConfigError::new(
            "key",
            "set exactly one of key.env and key.keystore",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_variable_is_named_and_a_bad_key_is_not_echoed() {
        let source = KeySource {
            env: Some("GUARD_SENTINEL_TEST_KEY_UNSET".into()),
            keystore: None,
            password_env: None,
        };
        let err = load(&source).unwrap_err();
        assert_eq!(err.field, "key.env");
        assert!(err.reason.contains("GUARD_SENTINEL_TEST_KEY_UNSET"));

        // Set in this test only (unique name): a malformed value is refused without echoing it.
        let var = "GUARD_SENTINEL_TEST_KEY_BAD";
        std::env::set_var(var, "not-a-key-secret-value");
        let err = load(&KeySource {
            env: Some(var.into()),
            keystore: None,
            password_env: None,
        })
        .unwrap_err();
        assert!(!err.to_string().contains("secret-value"), "{err}");
    }

    #[test]
    fn a_keystore_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut rng = rand_08::thread_rng();
        let (signer, name) =
            PrivateKeySigner::new_keystore(dir.path(), &mut rng, "pw", None).unwrap();
        std::env::set_var("GUARD_SENTINEL_TEST_KEYSTORE_PW", "pw");
        let loaded = load(&KeySource {
            env: None,
            keystore: Some(dir.path().join(name)),
            password_env: Some("GUARD_SENTINEL_TEST_KEYSTORE_PW".into()),
        })
        .unwrap();
        assert_eq!(loaded.address(), signer.address());
        std::env::set_var("GUARD_SENTINEL_TEST_KEYSTORE_PW", "wrong");
        let err = load(&KeySource {
            env: None,
            keystore: Some(dir.path().join("missing.json")),
            password_env: Some("GUARD_SENTINEL_TEST_KEYSTORE_PW".into()),
        })
        .unwrap_err();
        assert_eq!(err.field, "key.keystore");
    }
}
