//! Reading the chain: the guard's, the feeds' and the vaults' state, and
//! each block's logs and reverted calls, with every RPC call under a
//! timeout and retried with exponential back-off.
//!
//! A call that *reverts* (or answers malformed data) is a fact about the
//! chain and is returned as such (a feed that reverts is unavailable); a
//! transport error, a timeout or any other node error is transient: it is
//! counted, logged and retried, and the sentinel stays on the block it was
//! processing.

use std::{future::Future, sync::Arc, time::Duration};

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, B256, U256},
    providers::{DynProvider, Provider},
    rpc::types::{Filter, Log},
    sol,
    sol_types::SolEvent,
};
use guard_suite::bindings::{IOracleSanityChecker, IPauseRegistry};
use oracle_sanity_checker::{feed::Round, storage::BoundsWord};
use tokio::sync::watch;

use crate::{
    metrics::Metrics,
    rules::{
        oracle::{FeedRead, MarketView},
        vault::{PositionHealth, VaultView},
    },
};

sol! {
    /// The Chainlink feed surface the checker reads.
    #[sol(rpc)]
    interface IFeed {
        function decimals() external view returns (uint8);
        function latestRoundData() external view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
    }

    /// The ERC-20 balance read.
    #[sol(rpc)]
    interface IBalance {
        function balanceOf(address account) external view returns (uint256);
    }

    /// The part of the example DerivativeVault the sentinel reads.
    #[sol(rpc)]
    interface IVault {
        struct Position {
            address owner;
            bool isLong;
            uint256 size;
            uint256 entryPrice;
            uint256 margin;
        }
        event Withdrawn(address indexed account, uint256 amount);
        function collateral() external view returns (address);
        function insuranceFund() external view returns (uint256);
        function nextPositionId() external view returns (uint256);
        function positionOf(uint256 id) external view returns (Position memory);
        function equityAt(uint256 id, uint256 price) external view returns (int256);
        function maintenanceMargin(uint256 size, uint256 price) external view returns (uint256);
    }
}

/// A read that did not get an answer from the chain.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {reason}")]
pub struct Transient {
    /// What was being read.
    pub what: String,
    /// Why it failed.
    pub reason: String,
}

/// The sentinel was told to stop while retrying.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("stopped")]
pub struct Stopped;

/// Whether a contract-call error is the chain's answer (a revert, no code,
/// malformed return data) rather than a transport problem.
fn is_chain_answer(error: &alloy::contract::Error) -> bool {
    use alloy::contract::Error;
    match error {
        Error::ZeroData(..) | Error::AbiError(_) => true,
        Error::TransportError(e) => e.as_error_resp().is_some_and(|payload| {
            payload.code == 3
                || payload.data.is_some()
                || payload.message.to_ascii_lowercase().contains("revert")
        }),
        _ => false,
    }
}

/// Retries with exponential back-off; shared by every read.
#[derive(Clone, Debug)]
pub struct Retry {
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// The first back-off.
    pub initial_backoff: Duration,
    /// The longest back-off.
    pub max_backoff: Duration,
    /// Where errors are counted.
    pub metrics: Arc<Metrics>,
    /// Set to `true` to stop retrying.
    pub shutdown: watch::Receiver<bool>,
}

impl Retry {
    /// Runs `attempt` until it answers, backing off after each transient
    /// error; `Err(Stopped)` once shutdown is requested.
    pub async fn run<T, F, Fut>(&self, what: &str, mut attempt: F) -> Result<T, Stopped>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Transient>>,
    {
        let mut backoff = self.initial_backoff;
        let mut shutdown = self.shutdown.clone();
        loop {
            if *shutdown.borrow() {
                return Err(Stopped);
            }
            let error = match tokio::time::timeout(self.timeout, attempt()).await {
                Ok(Ok(value)) => return Ok(value),
                Ok(Err(error)) => error.to_string(),
                Err(_) => format!("{what}: timed out after {:?}", self.timeout),
            };
            self.metrics.rpc_error();
            tracing::warn!(
                what,
                error,
                retry_in_ms = u64::try_from(backoff.as_millis()).unwrap_or(u64::MAX),
                "rpc error; retrying"
            );
            tokio::select! {
                () = tokio::time::sleep(backoff) => {}
                _ = shutdown.changed() => {}
            }
            backoff = (backoff * 2).min(self.max_backoff);
        }
    }
}

fn transient(what: &str) -> impl Fn(alloy::contract::Error) -> Transient + '_ {
    move |e| Transient {
        what: what.to_owned(),
        reason: e.to_string(),
    }
}

fn transport(what: &str) -> impl Fn(alloy::transports::TransportError) -> Transient + '_ {
    move |e| Transient {
        what: what.to_owned(),
        reason: e.to_string(),
    }
}

/// A view call whose revert is an answer: `Ok(None)` when it reverted.
async fn answer_or_revert<T>(
    what: &str,
    call: impl Future<Output = Result<T, alloy::contract::Error>>,
) -> Result<Option<T>, Transient> {
    match call.await {
        Ok(value) => Ok(Some(value)),
        Err(e) if is_chain_answer(&e) => Ok(None),
        Err(e) => Err(transient(what)(e)),
    }
}

/// One block's header facts and watched logs.
#[derive(Clone, Debug)]
pub struct BlockData {
    /// Its number.
    pub number: u64,
    /// Its timestamp.
    pub timestamp: u64,
    /// Logs of the watched contracts.
    pub logs: Vec<Log>,
    /// Reverted calls to watched contracts (with a guarded selector).
    pub reverted_calls: u32,
}

/// The chain reader.
#[derive(Clone, Debug)]
pub struct ChainReader {
    provider: DynProvider,
    oracle: Address,
    registry: Address,
}

impl ChainReader {
    /// A reader over `provider` for the guard at `oracle` and `registry`.
    pub fn new(provider: DynProvider, oracle: Address, registry: Address) -> Self {
        Self {
            provider,
            oracle,
            registry,
        }
    }

    /// The provider.
    pub fn provider(&self) -> &DynProvider {
        &self.provider
    }

    /// The chain id.
    pub async fn chain_id(&self) -> Result<u64, Transient> {
        self.provider
            .get_chain_id()
            .await
            .map_err(transport("eth_chainId"))
    }

    /// The head block number.
    pub async fn head(&self) -> Result<u64, Transient> {
        self.provider
            .get_block_number()
            .await
            .map_err(transport("eth_blockNumber"))
    }

    /// Whether `market` is configured on the oracle checker and registered on the registry.
    pub async fn market_known(&self, market: B256) -> Result<(bool, bool), Transient> {
        let oracle = IOracleSanityChecker::new(self.oracle, &self.provider);
        let registry = IPauseRegistry::new(self.registry, &self.provider);
        let config = oracle
            .marketConfig(market)
            .call()
            .await
            .map_err(transient("oracle.marketConfig"))?;
        let registered = registry
            .marketConfig(market)
            .call()
            .await
            .map_err(transient("registry.marketConfig"))?;
        Ok((!config._0.is_zero(), registered.registered))
    }

    /// The duration cap of `key` as a registry sentinel (0: not a sentinel).
    pub async fn sentinel_cap(&self, key: Address) -> Result<u64, Transient> {
        let registry = IPauseRegistry::new(self.registry, &self.provider);
        registry
            .sentinel(key)
            .call()
            .await
            .map(|s| s.durationCap)
            .map_err(transient("registry.sentinel"))
    }

    async fn feed(&self, feed: Address) -> Result<FeedRead, Transient> {
        let contract = IFeed::new(feed, &self.provider);
        let round = answer_or_revert("feed.latestRoundData", async {
            contract.latestRoundData().call().await
        })
        .await?
        .map(|r| Round {
            answer: r.answer,
            started_at: r.startedAt,
            updated_at: r.updatedAt,
        });
        let decimals =
            answer_or_revert("feed.decimals", async { contract.decimals().call().await }).await?;
        Ok(match decimals {
            Some(decimals) => FeedRead { round, decimals },
            // Unreadable decimals: the round cannot be normalized; unavailable.
            None => FeedRead {
                round: None,
                decimals: 0,
            },
        })
    }

    /// What `checkPrice(market)` reads, at block time `now`. `None` when the
    /// market is not configured.
    pub async fn market(&self, market: B256, now: u64) -> Result<Option<MarketView>, Transient> {
        let oracle = IOracleSanityChecker::new(self.oracle, &self.provider);
        let config = oracle
            .marketConfig(market)
            .call()
            .await
            .map_err(transient("oracle.marketConfig"))?;
        if config._0.is_zero() {
            return Ok(None);
        }
        let state = oracle
            .marketState(market)
            .call()
            .await
            .map_err(transient("oracle.marketState"))?;
        let band = oracle
            .band(market)
            .call()
            .await
            .map_err(transient("oracle.band"))?;
        let primary = self.feed(config._0).await?;
        let reference = if config._1.is_zero() {
            None
        } else {
            Some(self.feed(config._1).await?)
        };
        Ok(Some(MarketView {
            primary,
            reference,
            bounds: BoundsWord {
                min_price: u128::try_from(config._4).unwrap_or(u128::MAX),
                max_price: u128::try_from(config._5).unwrap_or(u128::MAX),
            },
            heartbeat: config._2,
            stale_trip_after: config._3,
            breaker: state.breaker,
            ewma_mean: u128::try_from(state.mean).unwrap_or(u128::MAX),
            samples: state.samples,
            last_recorded_at: state.lastRecordedAt,
            band,
            now,
        }))
    }

    /// The sequencer uptime feed's round and grace; `None` when no feed is configured.
    pub async fn sequencer(&self) -> Result<Option<(Option<Round>, u32)>, Transient> {
        let oracle = IOracleSanityChecker::new(self.oracle, &self.provider);
        let config = oracle
            .sequencerConfig()
            .call()
            .await
            .map_err(transient("oracle.sequencerConfig"))?;
        if config._0.is_zero() {
            return Ok(None);
        }
        let feed = IFeed::new(config._0, &self.provider);
        let round = answer_or_revert("sequencer.latestRoundData", async {
            feed.latestRoundData().call().await
        })
        .await?
        .map(|r| Round {
            answer: r.answer,
            started_at: r.startedAt,
            updated_at: r.updatedAt,
        });
        Ok(Some((round, config._1)))
    }

    /// The vault's positions (the newest `max_positions` ids) valued at
    /// `price`, and its insurance fund.
    pub async fn vault(
        &self,
        vault: Address,
        price: u128,
        max_positions: u64,
    ) -> Result<VaultView, Transient> {
        let contract = IVault::new(vault, &self.provider);
        let next = contract
            .nextPositionId()
            .call()
            .await
            .map_err(transient("vault.nextPositionId"))?;
        let insurance_fund = contract
            .insuranceFund()
            .call()
            .await
            .map_err(transient("vault.insuranceFund"))?;
        let next = u64::try_from(next).unwrap_or(u64::MAX);
        let first = next.saturating_sub(max_positions).max(1);
        let price = U256::from(price);
        let mut positions = Vec::new();
        for id in first..next {
            let position = contract
                .positionOf(U256::from(id))
                .call()
                .await
                .map_err(transient("vault.positionOf"))?;
            if position.size.is_zero() {
                continue;
            }
            let equity = contract
                .equityAt(U256::from(id), price)
                .call()
                .await
                .map_err(transient("vault.equityAt"))?;
            let maintenance = contract
                .maintenanceMargin(position.size, price)
                .call()
                .await
                .map_err(transient("vault.maintenanceMargin"))?;
            positions.push(PositionHealth {
                id,
                equity,
                maintenance,
                notional: position.size.saturating_mul(price)
                    / U256::from(1_000_000_000_000_000_000u128),
            });
        }
        Ok(VaultView {
            positions,
            insurance_fund,
        })
    }

    /// The vault's collateral token balance.
    pub async fn vault_holdings(&self, vault: Address) -> Result<U256, Transient> {
        let contract = IVault::new(vault, &self.provider);
        let token = contract
            .collateral()
            .call()
            .await
            .map_err(transient("vault.collateral"))?;
        IBalance::new(token, &self.provider)
            .balanceOf(vault)
            .call()
            .await
            .map_err(transient("collateral.balanceOf"))
    }

    /// Block `number`: timestamp, logs of `watched`, and (when
    /// `count_reverts`) reverted calls to `watched` with a selector in
    /// `selectors` (all when empty).
    pub async fn block(
        &self,
        number: u64,
        watched: &[Address],
        count_reverts: bool,
        selectors: &[alloy::primitives::FixedBytes<4>],
    ) -> Result<BlockData, Transient> {
        let block = self
            .provider
            .get_block_by_number(BlockNumberOrTag::Number(number))
            .full()
            .await
            .map_err(transport("eth_getBlockByNumber"))?
            .ok_or_else(|| Transient {
                what: "eth_getBlockByNumber".into(),
                reason: format!("block {number} not found"),
            })?;
        let logs = self
            .provider
            .get_logs(
                &Filter::new()
                    .from_block(number)
                    .to_block(number)
                    .address(watched.to_vec()),
            )
            .await
            .map_err(transport("eth_getLogs"))?;
        let mut reverted_calls = 0;
        if count_reverts {
            for tx in block.transactions.txns() {
                use alloy::consensus::Transaction as _;
                let to = tx.inner.to();
                let input = tx.inner.input();
                let guarded = to.is_some_and(|to| watched.contains(&to))
                    && (selectors.is_empty()
                        || input
                            .get(..4)
                            .is_some_and(|s| selectors.iter().any(|g| g.as_slice() == s)));
                if !guarded {
                    continue;
                }
                let receipt = self
                    .provider
                    .get_transaction_receipt(*tx.inner.tx_hash())
                    .await
                    .map_err(transport("eth_getTransactionReceipt"))?;
                if receipt.is_some_and(|r| !r.status()) {
                    reverted_calls += 1;
                }
            }
        }
        Ok(BlockData {
            number,
            timestamp: block.header.timestamp,
            logs,
            reverted_calls,
        })
    }

    /// The signer of transaction `hash`.
    pub async fn sender(&self, hash: B256) -> Result<Address, Transient> {
        let tx = self
            .provider
            .get_transaction_by_hash(hash)
            .await
            .map_err(transport("eth_getTransactionByHash"))?
            .ok_or_else(|| Transient {
                what: "eth_getTransactionByHash".into(),
                reason: format!("transaction {hash} not found"),
            })?;
        Ok(tx.inner.signer())
    }
}

/// The withdrawn amount of a vault `Withdrawn` log.
pub fn withdrawn_amount(log: &Log) -> Option<U256> {
    (log.topic0() == Some(&IVault::Withdrawn::SIGNATURE_HASH))
        .then(|| IVault::Withdrawn::decode_log(&log.inner).ok())
        .flatten()
        .map(|event| event.amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn retry(shutdown: watch::Receiver<bool>) -> Retry {
        Retry {
            timeout: Duration::from_millis(200),
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            metrics: Arc::new(Metrics::default()),
            shutdown,
        }
    }

    #[tokio::test]
    async fn transient_errors_and_timeouts_are_retried_and_counted() {
        let (_stop, shutdown) = watch::channel(false);
        let retry = retry(shutdown);
        let attempts = AtomicU32::new(0);
        let value = retry
            .run("read", || async {
                match attempts.fetch_add(1, Ordering::SeqCst) {
                    0 => Err(Transient {
                        what: "read".into(),
                        reason: "connection refused".into(),
                    }),
                    1 => {
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        Ok(0)
                    }
                    _ => Ok(7),
                }
            })
            .await;
        assert_eq!(value, Ok(7));
        assert_eq!(retry.metrics.rpc_errors(), 2, "one error, one timeout");
    }

    #[tokio::test]
    async fn a_shutdown_stops_the_retries() {
        let (stop, shutdown) = watch::channel(false);
        let retry = retry(shutdown);
        let attempts = AtomicU32::new(0);
        let result: Result<(), Stopped> = retry
            .run("read", || async {
                if attempts.fetch_add(1, Ordering::SeqCst) == 2 {
                    let _ = stop.send(true);
                }
                Err(Transient {
                    what: "read".into(),
                    reason: "down".into(),
                })
            })
            .await;
        assert_eq!(result, Err(Stopped));
        assert_eq!(attempts.load(Ordering::SeqCst), 3);
    }
}
