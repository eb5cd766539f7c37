//! `guard devnet`: starts the in-process Stylus devnet and serves JSON-RPC until interrupted.

use clap::Args;
use std::{
    error::Error,
    net::{IpAddr, Ipv4Addr, SocketAddr},
};
use stylus_devnet::{rpc::RpcServer, Devnet};

/// Options of `guard devnet`.
#[derive(Debug, Args)]
pub struct DevnetArgs {
    /// Port of the JSON-RPC server (0 picks a free one).
    #[arg(long, default_value_t = 8547)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
}

/// Starts the devnet, prints its RPC URL, chain id and funded accounts, and serves until the
/// process is interrupted (Ctrl-C).
///
/// # Errors
/// When the genesis fails or the address cannot be bound.
pub fn run(args: &DevnetArgs) -> Result<(), Box<dyn Error>> {
    let devnet = Devnet::new()?;
    let server = RpcServer::start(&devnet, SocketAddr::new(args.host, args.port))?;
    println!("Stylus devnet (a development chain, not Nitro)");
    println!("RPC URL:  {}", server.url());
    println!("Chain id: {}", devnet.chain_id());
    println!();
    println!("Funded accounts (dev keys: never use them on a real chain):");
    for (index, account) in devnet.accounts().iter().enumerate() {
        println!(
            "({index}) {}  private key {}",
            account.address, account.private_key
        );
    }
    println!();
    println!("Listening; press Ctrl-C to stop.");
    server.wait();
    Ok(())
}
