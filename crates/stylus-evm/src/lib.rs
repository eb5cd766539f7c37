//! Execution engine of the in-process Stylus devnet (work in progress).
