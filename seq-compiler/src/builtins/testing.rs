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
    )
        .doc("Starts the current test afresh under the name, discarding what it recorded."),
    b(
        "test.set-name",
        "( String -- )",
        Emit::Code(|a| {
            let name = &a[0];
            quote!(::seq::runtime::testing::set_name(#name))
        }),
    )
        .doc("Renames the current test, keeping its results."),
    b(
        "test.assert",
        "( Bool -- )",
        Emit::Located(|a, at| {
            let c = &a[0];
            quote!(::seq::runtime::testing::assert(#c, "test.assert", #at))
        }),
    )
        .doc("A failure (with its position) when the flag is false."),
    b(
        "test.assert-not",
        "( Bool -- )",
        Emit::Located(|a, at| {
            let c = &a[0];
            quote!(::seq::runtime::testing::assert(!#c, "test.assert-not", #at))
        }),
    )
        .doc("A failure when the flag is true."),
    b(
        "test.assert-eq",
        "( Int Int -- )",
        Emit::Located(|a, at| {
            let (actual, expected) = (&a[0], &a[1]);
            quote!(::seq::runtime::testing::assert_eq(#actual, #expected, "test.assert-eq", #at))
        }),
    )
        .doc("`actual expected`: a failure showing both when they differ."),
    b(
        "test.assert-eq-str",
        "( String String -- )",
        Emit::Located(|a, at| {
            let (actual, expected) = (&a[0], &a[1]);
            quote!(::seq::runtime::testing::assert_eq(#actual, #expected, "test.assert-eq-str", #at))
        }),
    )
        .doc("`actual expected`: a failure showing both when the Strings differ."),
    b(
        "test.fail",
        "( String -- )",
        Emit::Located(|a, at| {
            let message = &a[0];
            quote!(::seq::runtime::testing::fail(#message, #at))
        }),
    )
        .doc("A failure with the message."),
    b(
        "test.pass-count",
        "( -- Int )",
        Emit::Code(|_| quote!(::seq::runtime::testing::pass_count())),
    )
        .doc("The number of assertions passed so far in the current test."),
    b(
        "test.fail-count",
        "( -- Int )",
        Emit::Code(|_| quote!(::seq::runtime::testing::fail_count())),
    )
        .doc("The number of failures so far in the current test."),
    b(
        "test.has-failures",
        "( -- Bool )",
        Emit::Code(|_| quote!(::seq::runtime::testing::fail_count() > 0)),
    )
        .doc("Whether the current test has a failure."),
    b(
        "test.finish",
        "( -- )",
        Emit::Code(|_| quote!(::seq::runtime::testing::finish())),
    )
        .doc(
            "Reports the current test on standard error and starts afresh (for programs running \
             their own tests).",
        ),
];
