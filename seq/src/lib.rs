//! Seq, a typed concatenative language, embedded in Rust.
//!
//! Write Seq inside `seq! { ... }`; every word becomes a plain Rust function whose
//! parameters are the word's inputs (bottom of the stack first) and whose return value is
//! its outputs. Stack errors are compile errors that point at the offending Seq token.
//!
//! ```
//! use seq::seq;
//!
//! seq! {
//!     : square ( Int -- Int ) dup i.* ;
//!     : sum-of-squares ( Int Int -- Int ) square swap square i.+ ;
//! }
//!
//! assert_eq!(sum_of_squares(3, 4), 25);
//! ```
//!
//! The language is described in the README and in the reference in the repository's
//! `docs/` directory (`docs/README.md`: the language, every builtin word, the standard
//! modules, the Rust mapping); the runtime the generated code calls is re-exported as
//! [`runtime`].

#![warn(missing_docs)]

// Lets the generated code name `::seq::...` from inside this crate's own tests and docs.
extern crate self as seq;

pub use seq_macros::{include_seq, program, seq, seq_tests};

/// The runtime the generated code calls: I/O, strands and channels.
pub use seq_runtime as runtime;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
