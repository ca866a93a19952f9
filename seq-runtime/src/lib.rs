//! Runtime support for the code `seq!` generates.
//!
//! Everything arithmetic and every stack shuffle is emitted inline by the compiler; this
//! crate only holds what needs a real implementation: I/O and program arguments.

pub mod io;
