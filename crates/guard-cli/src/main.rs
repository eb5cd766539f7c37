//! The `guard` command-line tool (work in progress).

fn main() {}
