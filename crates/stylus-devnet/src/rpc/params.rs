//! [`Params`]: positional JSON-RPC parameters, decoded with `-32602` errors.

use super::error::RpcError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The positional parameters of one request.
#[derive(Debug)]
pub(crate) struct Params {
    values: Vec<Value>,
}

impl Params {
    /// Parameters from the request's `params` member (absent or `null` = none).
    pub(crate) fn new(params: Option<Value>) -> Result<Self, RpcError> {
        match params {
            None | Some(Value::Null) => Ok(Self { values: Vec::new() }),
            Some(Value::Array(values)) => Ok(Self { values }),
            Some(_) => Err(RpcError::invalid_params("params must be an array")),
        }
    }

    /// Parameter `index`, which must be present.
    pub(crate) fn required<T: DeserializeOwned>(
        &self,
        index: usize,
        name: &str,
    ) -> Result<T, RpcError> {
        self.optional(index, name)?
            .ok_or_else(|| RpcError::invalid_params(format!("missing parameter {index} ({name})")))
    }

    /// Parameter `index`, `None` when absent or `null`.
    pub(crate) fn optional<T: DeserializeOwned>(
        &self,
        index: usize,
        name: &str,
    ) -> Result<Option<T>, RpcError> {
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value.clone())
                .map(Some)
                .map_err(|error| {
                    RpcError::invalid_params(format!("invalid parameter {index} ({name}): {error}"))
                }),
        }
    }

    /// Parameter `index` as an unsigned quantity given either as a JSON number or as a hex
    /// (`0x…`) or decimal string.
    pub(crate) fn quantity(&self, index: usize, name: &str) -> Result<Option<u64>, RpcError> {
        let invalid = || {
            RpcError::invalid_params(format!(
                "invalid parameter {index} ({name}): expected a quantity"
            ))
        };
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(number)) => number.as_u64().map(Some).ok_or_else(invalid),
            Some(Value::String(text)) => {
                let parsed = match text.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => text.parse(),
                };
                parsed.map(Some).map_err(|_| invalid())
            }
            Some(_) => Err(invalid()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quantities_are_accepted_as_numbers_hex_or_decimal_strings() {
        let params = Params::new(Some(json!([10, "0xa", "10", null]))).unwrap();
        assert_eq!(params.quantity(0, "a").unwrap(), Some(10));
        assert_eq!(params.quantity(1, "b").unwrap(), Some(10));
        assert_eq!(params.quantity(2, "c").unwrap(), Some(10));
        assert_eq!(params.quantity(3, "d").unwrap(), None);
        assert_eq!(params.quantity(4, "e").unwrap(), None);
    }

    #[test]
    fn a_bad_parameter_is_an_invalid_params_error_naming_it() {
        let params = Params::new(Some(json!(["0xzz", -1]))).unwrap();
        let error = params.quantity(0, "count").unwrap_err();
        assert_eq!(error.code, RpcError::INVALID_PARAMS);
        assert!(error.message.contains("count"));
        assert!(params.quantity(1, "count").is_err());
        assert!(params.required::<u64>(2, "missing").is_err());
        assert!(Params::new(Some(json!({"a": 1}))).is_err());
    }
}
