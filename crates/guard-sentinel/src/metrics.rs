//! Prometheus metrics and the `/metrics` endpoint.
//!
//! Counters and gauges in the text exposition format (version 0.0.4):
//! `sentinel_signals_total{signal}`, `sentinel_actions_total{action,outcome}`,
//! `sentinel_last_block`, `sentinel_blocks_processed_total`,
//! `sentinel_rpc_errors_total`.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    net::SocketAddr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, PoisonError,
    },
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

/// The sentinel's counters; shared between the loop and the endpoint.
#[derive(Debug, Default)]
pub struct Metrics {
    signals: Mutex<BTreeMap<String, u64>>,
    actions: Mutex<BTreeMap<(String, String), u64>>,
    last_block: AtomicU64,
    blocks_processed: AtomicU64,
    rpc_errors: AtomicU64,
}

/// What happened to an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The transaction was mined and succeeded.
    Sent,
    /// The transaction could not be sent, or reverted.
    Failed,
    /// `--dry-run`: logged, not sent.
    DryRun,
    /// A proposal was written for the guardians.
    Proposed,
}

impl Outcome {
    /// Its label value.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Failed => "failed",
            Outcome::DryRun => "dry_run",
            Outcome::Proposed => "proposed",
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Metrics {
    /// Counts an active signal.
    pub fn signal(&self, kind: &str) {
        *lock(&self.signals).entry(kind.to_owned()).or_default() += 1;
    }

    /// Counts an action and its outcome.
    pub fn action(&self, action: &str, outcome: Outcome) {
        *lock(&self.actions)
            .entry((action.to_owned(), outcome.label().to_owned()))
            .or_default() += 1;
    }

    /// Records that `block` was processed.
    pub fn block_processed(&self, block: u64) {
        self.last_block.store(block, Ordering::Relaxed);
        self.blocks_processed.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an RPC error.
    pub fn rpc_error(&self) {
        self.rpc_errors.fetch_add(1, Ordering::Relaxed);
    }

    /// Active signals of `kind` seen so far.
    pub fn signals_seen(&self, kind: &str) -> u64 {
        lock(&self.signals).get(kind).copied().unwrap_or(0)
    }

    /// Actions `action` with `outcome` so far.
    pub fn actions(&self, action: &str, outcome: Outcome) -> u64 {
        lock(&self.actions)
            .get(&(action.to_owned(), outcome.label().to_owned()))
            .copied()
            .unwrap_or(0)
    }

    /// The last processed block.
    pub fn last_block(&self) -> u64 {
        self.last_block.load(Ordering::Relaxed)
    }

    /// Blocks processed since start.
    pub fn blocks_processed(&self) -> u64 {
        self.blocks_processed.load(Ordering::Relaxed)
    }

    /// RPC errors since start.
    pub fn rpc_errors(&self) -> u64 {
        self.rpc_errors.load(Ordering::Relaxed)
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP sentinel_signals_total Active signals seen, by kind.\n# TYPE sentinel_signals_total counter\n");
        for (kind, n) in lock(&self.signals).iter() {
            let _ = writeln!(out, "sentinel_signals_total{{signal=\"{kind}\"}} {n}");
        }
        out.push_str("# HELP sentinel_actions_total Actions taken, by action and outcome.\n# TYPE sentinel_actions_total counter\n");
        for ((action, outcome), n) in lock(&self.actions).iter() {
            let _ = writeln!(
                out,
                "sentinel_actions_total{{action=\"{action}\",outcome=\"{outcome}\"}} {n}"
            );
        }
        let _ = write!(
            out,
            "# HELP sentinel_last_block The last processed block.\n# TYPE sentinel_last_block gauge\nsentinel_last_block {}\n\
             # HELP sentinel_blocks_processed_total Blocks processed since start.\n# TYPE sentinel_blocks_processed_total counter\nsentinel_blocks_processed_total {}\n\
             # HELP sentinel_rpc_errors_total RPC errors (each retried with back-off).\n# TYPE sentinel_rpc_errors_total counter\nsentinel_rpc_errors_total {}\n",
            self.last_block(),
            self.blocks_processed(),
            self.rpc_errors()
        );
        out
    }
}

/// Binds `address` and serves `GET /metrics` from `metrics` until the task is dropped.
///
/// # Errors
/// When the address cannot be bound.
pub async fn serve(
    address: SocketAddr,
    metrics: Arc<Metrics>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(address).await?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                continue;
            };
            let metrics = Arc::clone(&metrics);
            tokio::spawn(async move {
                let mut request = [0u8; 1024];
                let Ok(n) = stream.read(&mut request).await else {
                    return;
                };
                let head = String::from_utf8_lossy(&request[..n]);
                let response = if head.starts_with("GET /metrics ") {
                    let body = metrics.render();
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                } else {
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .to_owned()
                };
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    Ok((bound, task))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_lists_every_counter() {
        let m = Metrics::default();
        m.signal("price_deviation");
        m.signal("price_deviation");
        m.action("trip_breaker", Outcome::Sent);
        m.block_processed(17);
        m.rpc_error();
        let text = m.render();
        assert!(
            text.contains("sentinel_signals_total{signal=\"price_deviation\"} 2"),
            "{text}"
        );
        assert!(text.contains("sentinel_actions_total{action=\"trip_breaker\",outcome=\"sent\"} 1"));
        assert!(text.contains("sentinel_last_block 17"));
        assert!(text.contains("sentinel_blocks_processed_total 1"));
        assert!(text.contains("sentinel_rpc_errors_total 1"));
    }

    #[tokio::test]
    async fn the_endpoint_serves_metrics_and_404_elsewhere() {
        let metrics = Arc::new(Metrics::default());
        metrics.block_processed(3);
        let (address, task) = serve(SocketAddr::from(([127, 0, 0, 1], 0)), Arc::clone(&metrics))
            .await
            .unwrap();
        let get = |path: &'static str| async move {
            let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
            stream
                .write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
                .await
                .unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).await.unwrap();
            response
        };
        let ok = get("/metrics").await;
        assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
        assert!(ok.contains("sentinel_last_block 3"));
        assert!(get("/").await.starts_with("HTTP/1.1 404"));
        task.abort();
    }
}
