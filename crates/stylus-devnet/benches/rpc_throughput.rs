//! Throughput of simple calls on the devnet (a benchmark, not a test): the Counter fixture's
//! `number()` (a Stylus program) and a hand-assembled EVM storage read, through the Rust API and
//! through JSON-RPC `eth_call` over one keep-alive HTTP connection, plus mined `increment()`
//! transactions through the Rust API.
//!
//! Run: `cargo bench -p stylus-devnet --bench rpc_throughput` (use a release-like profile for
//! meaningful numbers: `cargo bench` builds with the `bench` profile, optimized). Figures are of
//! this machine and of the devnet's emulation; they say nothing about Nitro's speed.

use alloy_primitives::{hex, keccak256, Bytes, U256};
use serde_json::json;
use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    time::{Duration, Instant},
};
use stylus_devnet::{rpc::RpcServer, Devnet};

/// How long each measurement runs.
const MEASUREMENT: Duration = Duration::from_secs(3);

/// Runtime of an EVM contract returning storage slot 0 (`SLOAD 0; MSTORE 0; RETURN 0 32`).
const EVM_LOAD_RUNTIME: [u8; 10] = [0x60, 0x00, 0x54, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00];

fn main() {
    let devnet = Devnet::new().expect("genesis");
    let dev = devnet.accounts()[0].address;
    let counter = devnet
        .deploy_stylus(dev, &counter_code())
        .expect("the Counter deploys")
        .address;
    let evm_store = devnet
        .deploy_evm(dev, evm_initcode())
        .expect("the EVM contract deploys")
        .0;
    let number = Bytes::from(keccak256("number()")[..4].to_vec());
    let increment = Bytes::from(keccak256("increment()")[..4].to_vec());

    report("Rust API  eth_call Stylus Counter.number()", || {
        devnet
            .call(dev, counter, number.clone())
            .expect("call succeeds");
    });
    report("Rust API  eth_call EVM SLOAD", || {
        devnet
            .call(dev, evm_store, Bytes::new())
            .expect("call succeeds");
    });
    report("Rust API  mined tx Stylus Counter.increment()", || {
        assert!(
            devnet
                .send(dev, counter, U256::ZERO, increment.clone())
                .expect("send succeeds")
                .status
        );
    });

    let server =
        RpcServer::start(&devnet, "127.0.0.1:0".parse().expect("address")).expect("server starts");
    let mut client = KeepAliveClient::connect(server.address());
    let stylus_call = json!({"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"to": counter, "input": number}, "latest"]}).to_string();
    let evm_call = json!({"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"to": evm_store, "input": "0x"}, "latest"]}).to_string();
    report("JSON-RPC  eth_call Stylus Counter.number()", || {
        client.post(&stylus_call);
    });
    report("JSON-RPC  eth_call EVM SLOAD", || {
        client.post(&evm_call);
    });
    println!("(devnet emulation on this machine; not a Nitro figure)");
}

/// Runs `operation` for [`MEASUREMENT`] and prints operations per second.
fn report(name: &str, mut operation: impl FnMut()) {
    operation(); // warm-up (module compilation, caches)
    let start = Instant::now();
    let mut count = 0u64;
    while start.elapsed() < MEASUREMENT {
        operation();
        count += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = count as f64 / start.elapsed().as_secs_f64();
    println!(
        "{name:<48} {rate:>10.0} /s  ({count} in {:.1} s)",
        start.elapsed().as_secs_f64()
    );
}

fn counter_code() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../stylus-evm/fixtures/counter/counter.initcode.hex"
    );
    let text = std::fs::read_to_string(path).expect("the Counter fixture exists");
    hex::decode(text.trim().trim_start_matches("0x")).expect("hex")[43..].to_vec()
}

fn evm_initcode() -> Vec<u8> {
    let mut runtime = EVM_LOAD_RUNTIME.to_vec();
    runtime.push(0xf3);
    let length = u8::try_from(runtime.len()).expect("short");
    let mut code = vec![
        0x60, length, 0x80, 0x60, 0x0b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3,
    ];
    code.extend_from_slice(&runtime);
    code
}

/// An HTTP/1.1 client that reuses one connection.
struct KeepAliveClient {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    address: SocketAddr,
}

impl KeepAliveClient {
    fn connect(address: SocketAddr) -> Self {
        let writer = TcpStream::connect(address).expect("connects");
        writer.set_nodelay(true).expect("nodelay");
        let reader = BufReader::new(writer.try_clone().expect("clone"));
        Self {
            reader,
            writer,
            address,
        }
    }

    /// POSTs `body` and checks that the answer has a result.
    fn post(&mut self, body: &str) {
        let request = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            body.len()
        );
        self.writer.write_all(request.as_bytes()).expect("writes");
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).expect("reads");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().expect("length");
            }
        }
        let mut payload = vec![0u8; length];
        self.reader
            .read_exact(&mut payload)
            .expect("reads the body");
        assert!(
            payload.windows(8).any(|window| window == b"\"result\""),
            "{}",
            String::from_utf8_lossy(&payload)
        );
    }
}
