//! `guard devnet` starts a server, prints its URL, chain id and funded keys, and answers JSON-RPC.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    process::{Child, Command, Stdio},
};

/// Kills the spawned devnet when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn guard_devnet_prints_its_url_and_accounts_and_serves_rpc() {
    let child = Command::new(env!("CARGO_BIN_EXE_guard"))
        .args(["devnet", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("guard starts");
    let mut running = Running(child);
    let stdout = running.0.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut url = None;
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("utf-8 output");
        if let Some(rest) = line.strip_prefix("RPC URL:") {
            url = Some(rest.trim().to_owned());
        }
        let done = line.starts_with("Listening");
        printed.push(line);
        if done {
            break;
        }
    }
    let output = printed.join("\n");
    assert!(output.contains("Chain id: 412346"), "{output}");
    assert!(
        output.contains("0x3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E"),
        "{output}"
    );
    assert!(
        output.contains("0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659"),
        "{output}"
    );
    assert!(output.contains("not Nitro"), "{output}");

    let url = url.expect("an RPC URL line");
    let address = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("the server listens");
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}"#;
    let request = format!("POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    stream.write_all(request.as_bytes()).expect("writes");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads");
    assert!(response.contains(r#""result":"0x64aba""#), "{response}");
}

#[test]
fn guard_devnet_reports_a_port_in_use() {
    let holder = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = holder.local_addr().expect("address").port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_guard"))
        .args(["devnet", "--port", &port])
        .output()
        .expect("guard runs");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("error"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
