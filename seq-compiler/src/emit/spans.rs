//! Pointing rustc at the Seq source: the code a builtin word becomes carries the span of
//! the word where it is written, so a diagnostic rustc or Clippy reports inside it (a
//! runtime function a disabled cargo feature removed, a type without a trait the word
//! needs, a lint) underlines that word instead of the whole macro invocation.
//!
//! Only the location changes (`Span::located_at`): the tokens keep the call-site
//! hygiene and expansion of the code the macro generated, so names resolve as before
//! and lints that skip generated code still skip it.

use proc_macro2::{Group, Span, TokenStream, TokenTree};

/// `tokens` with every token, and every group's delimiters, located at `at`. The spans
/// keep the macro's own hygiene (`Span::call_site`, only moved): lints skip code a macro
/// generated, and they still do.
pub(crate) fn located_at(tokens: TokenStream, at: Span) -> TokenStream {
    relocate(tokens, Span::call_site().located_at(at))
}

/// `tokens` located at `at` on the outside only: every top-level token and every
/// group's delimiters move, what the groups hold keeps its places. An expression built
/// around code that has its own spans (`spawn(move || { .. })`) then spans the word
/// while the statements inside keep pointing at theirs.
pub(crate) fn outside_at(tokens: TokenStream, at: Span) -> TokenStream {
    let at = Span::call_site().located_at(at);
    tokens
        .into_iter()
        .map(|mut tree| {
            tree.set_span(at);
            tree
        })
        .collect()
}

fn relocate(tokens: TokenStream, at: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut located = Group::new(group.delimiter(), relocate(group.stream(), at));
                located.set_span(at);
                TokenTree::Group(located)
            }
            mut other => {
                other.set_span(at);
                other
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn every_token_moves_and_the_text_stays() {
        let tokens = quote!(::seq::runtime::crypto::sha256(&(v0)));
        let at = Span::call_site();
        let moved = located_at(tokens.clone(), at);
        assert_eq!(moved.to_string(), tokens.to_string());
    }
}
