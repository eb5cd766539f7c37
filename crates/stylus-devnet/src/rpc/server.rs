//! [`RpcServer`]: the HTTP transport, and [`handle_body`]: JSON-RPC envelopes, batches and errors.

use super::{error::RpcError, methods};
use crate::devnet::Devnet;
use serde_json::{json, Value};
use std::{
    io::Read,
    net::SocketAddr,
    panic::{catch_unwind, AssertUnwindSafe},
    sync::Arc,
    thread::JoinHandle,
};
use tiny_http::{Header, Method, Response, Server};

/// Largest request body accepted (16 MiB: a Stylus deployment of 24 KiB code fits many times).
const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// Worker threads answering requests.
const WORKERS: usize = 4;

/// A running JSON-RPC server; stops when dropped (or on [`RpcServer::stop`]).
pub struct RpcServer {
    server: Arc<Server>,
    address: SocketAddr,
    workers: Vec<JoinHandle<()>>,
}

impl RpcServer {
    /// Serves `devnet` on `address` (port 0 picks a free port).
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub fn start(devnet: &Devnet, address: SocketAddr) -> std::io::Result<Self> {
        let server = Server::http(address).map_err(std::io::Error::other)?;
        let address = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("the server is not listening on an IP address"))?;
        let server = Arc::new(server);
        let workers = (0..WORKERS)
            .map(|_| {
                let server = Arc::clone(&server);
                let devnet = devnet.clone();
                std::thread::spawn(move || {
                    while let Ok(request) = server.recv() {
                        serve(&devnet, request);
                    }
                })
            })
            .collect();
        Ok(Self {
            server,
            address,
            workers,
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `http://host:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Stops the workers and waits for them.
    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Blocks until the server stops (it only stops when stopped from another thread or the
    /// process ends).
    pub fn wait(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    fn shutdown(&mut self) {
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl std::fmt::Debug for RpcServer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("RpcServer")
            .field("address", &self.address)
            .field("workers", &self.workers.len())
            .finish_non_exhaustive()
    }
}

impl Drop for RpcServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Answers one HTTP request. I/O errors (a client that went away) are dropped.
fn serve(devnet: &Devnet, mut request: tiny_http::Request) {
    let json_header = Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..])
        .expect("a static header is valid");
    if *request.method() != Method::Post {
        let body = error_response(
            &Value::Null,
            &RpcError::new(
                RpcError::INVALID_REQUEST,
                "JSON-RPC requests must be POSTed",
            ),
        );
        let _ = request.respond(
            Response::from_string(body.to_string())
                .with_status_code(405)
                .with_header(json_header),
        );
        return;
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body);
    let response = match read {
        Err(error) => Some(error_response(
            &Value::Null,
            &RpcError::new(
                RpcError::PARSE_ERROR,
                format!("could not read the request body: {error}"),
            ),
        )),
        Ok(_) if body.len() as u64 > MAX_BODY_BYTES => Some(error_response(
            &Value::Null,
            &RpcError::new(
                RpcError::INVALID_REQUEST,
                format!("request body larger than {MAX_BODY_BYTES} bytes"),
            ),
        )),
        Ok(_) => handle_body(devnet, &body),
    };
    let text = response.map_or_else(String::new, |value| value.to_string());
    let _ = request.respond(Response::from_string(text).with_header(json_header));
}

/// Answers a JSON-RPC body: one request, or a batch (an array). Returns `None` when nothing is to
/// be answered (only notifications).
pub fn handle_body(devnet: &Devnet, body: &[u8]) -> Option<Value> {
    let parsed: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            return Some(error_response(
                &Value::Null,
                &RpcError::new(RpcError::PARSE_ERROR, format!("parse error: {error}")),
            ))
        }
    };
    match parsed {
        Value::Array(requests) if requests.is_empty() => Some(error_response(
            &Value::Null,
            &RpcError::new(RpcError::INVALID_REQUEST, "empty batch"),
        )),
        Value::Array(requests) => {
            let responses: Vec<Value> = requests
                .into_iter()
                .filter_map(|request| handle_request(devnet, request))
                .collect();
            (!responses.is_empty()).then_some(Value::Array(responses))
        }
        request => handle_request(devnet, request),
    }
}

/// Answers one request object; `None` for a notification (no `id`).
fn handle_request(devnet: &Devnet, request: Value) -> Option<Value> {
    let Value::Object(mut object) = request else {
        return Some(error_response(
            &Value::Null,
            &RpcError::new(RpcError::INVALID_REQUEST, "a request must be a JSON object"),
        ));
    };
    let id = object.remove("id");
    let Some(Value::String(method)) = object.remove("method") else {
        return Some(error_response(
            &id.unwrap_or(Value::Null),
            &RpcError::new(RpcError::INVALID_REQUEST, "missing method"),
        ));
    };
    let params = object.remove("params");
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        methods::dispatch(devnet, &method, params)
    }))
    .unwrap_or_else(|_| {
        Err(RpcError::new(
            RpcError::INTERNAL_ERROR,
            format!("internal error while running {method}"),
        ))
    });
    let id = id?;
    Some(match outcome {
        Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
        Err(error) => error_response(&id, &error),
    })
}

fn error_response(id: &Value, error: &RpcError) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": error.to_json() })
}
