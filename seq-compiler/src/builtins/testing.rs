//! The table's entries for the test words (reference 3.15). Each assertion passes its
//! own position to the runtime (`seq::runtime::testing`), which records failures against
//! the test running on the thread and reports them when the test ends.

use super::{b, Builtin, Emit};
use quote::quote;

/// The test words.
pub static TESTING: &[Builtin] = &[
    b(
        "test.init",
        "( String -- )",
        Emit::Code(|a| {
            let name = &a[0];
            quote!(::seq::runtime::testing::init(#name))
        }),
    ),
    b(
        "test.set-name",
        "( String -- )",
        Emit::Code(|a| {
            let name = &a[0];
            quote!(::seq::runtime::testing::set_name(#name))
        }),
    ),
    b(
        "test.assert",
        "( Bool -- )",
        Emit::Located(|a, at| {
            let c = &a[0];
            quote!(::seq::runtime::testing::assert(#c, "test.assert", #at))
        }),
    ),
    b(
        "test.assert-not",
        "( Bool -- )",
        Emit::Located(|a, at| {
            let c = &a[0];
            quote!(::seq::runtime::testing::assert(!#c, "test.assert-not", #at))
        }),
    ),
    b(
        "test.assert-eq",
        "( Int Int -- )",
        Emit::Located(|a, at| {
            let (actual, expected) = (&a[0], &a[1]);
            quote!(::seq::runtime::testing::assert_eq(#actual, #expected, "test.assert-eq", #at))
        }),
    ),
    b(
        "test.assert-eq-str",
        "( String String -- )",
        Emit::Located(|a, at| {
            let (actual, expected) = (&a[0], &a[1]);
            quote!(::seq::runtime::testing::assert_eq(#actual, #expected, "test.assert-eq-str", #at))
        }),
    ),
    b(
        "test.fail",
        "( String -- )",
        Emit::Located(|a, at| {
            let message = &a[0];
            quote!(::seq::runtime::testing::fail(#message, #at))
        }),
    ),
    b(
        "test.pass-count",
        "( -- Int )",
        Emit::Code(|_| quote!(::seq::runtime::testing::pass_count())),
    ),
    b(
        "test.fail-count",
        "( -- Int )",
        Emit::Code(|_| quote!(::seq::runtime::testing::fail_count())),
    ),
    b(
        "test.has-failures",
        "( -- Bool )",
        Emit::Code(|_| quote!(::seq::runtime::testing::fail_count() > 0)),
    ),
    b(
        "test.finish",
        "( -- )",
        Emit::Code(|_| quote!(::seq::runtime::testing::finish())),
    ),
];
