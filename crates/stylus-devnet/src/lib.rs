//! The in-process Stylus devnet (work in progress).
