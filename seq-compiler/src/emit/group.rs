//! Mutual tail recursion: words that call each other in tail position (a strongly
//! connected group of the tail-call graph) become one function looping over a state enum,
//! so `even? → odd? → even? ...` runs in constant stack like a self-call does:
//!
//! ```text
//! enum __SeqTail_even_p { EvenP(i64), OddP(i64) }
//! fn __seq_tail_even_p(mut state: __SeqTail_even_p) -> bool {
//!     loop { match state { __SeqTail_even_p::EvenP(v0) => { ...; state = __SeqTail_even_p::OddP(v3); continue; } ... } }
//! }
//! pub fn even_p(v0: i64) -> bool { __seq_tail_even_p(__SeqTail_even_p::EvenP(v0)) }
//! ```
//!
//! When the members wait, the loop has an asynchronous form too (`__seq_tail_even_p_async`,
//! started by each member's `_async` form).
//!
//! Generic words and `main` stay out of groups (their tail calls to other words remain
//! ordinary calls); every member of a group returns the same type, as a tail call passes
//! its callee's result on.

use super::asynchronous::{async_head, reads, Awaits};
use super::body::{Code, TailGroup};
use super::{fn_head, locals, signature};
use crate::check::CheckedWord;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// The groups of two or more words that call each other in tail position, as indexes
/// into `words`, each in source order.
pub fn tail_groups(words: &[CheckedWord]) -> Vec<Vec<usize>> {
    let eligible = |w: &CheckedWord| w.generics.is_empty() && w.name != "main";
    let edges: Vec<Vec<usize>> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if !eligible(w) {
                return Vec::new();
            }
            w.tail_calls
                .iter()
                .filter_map(|callee| words.iter().position(|o| &o.rust == callee))
                .filter(|&j| j != i && eligible(&words[j]))
                .collect()
        })
        .collect();
    strongly_connected(&edges)
        .into_iter()
        .filter(|g| g.len() > 1)
        .filter(|g| {
            let ret = |i: usize| {
                super::rust_ty::results(&words[i].unifier, &words[i].effect.output.items)
                    .to_string()
            };
            g.iter().all(|&i| ret(i) == ret(g[0]))
        })
        .collect()
}

/// Tarjan's algorithm; each component sorted.
pub(super) fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'e> {
        edges: &'e [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.edges[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            component.sort_unstable();
            s.out.push(component);
        }
    }
    let n = edges.len();
    let mut s = State {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

/// `fib_naive` → `FibNaive`, `r#loop` → `Loop`.
fn variant_name(rust: &str) -> String {
    rust.trim_start_matches("r#")
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The state enum, the looping function and one public wrapper per member; when the
/// members wait, also the looping function's asynchronous form and each member's
/// `_async` wrapper (`async fn __seq_tail_x_async(..)`, its arms emitted in async mode).
pub fn group_items(words: &[&CheckedWord], awaits: &Awaits) -> TokenStream {
    let base = words[0].rust.trim_start_matches("r#");
    let states = format_ident!("__SeqTail_{}", base);
    let state = Ident::new("state", Span::call_site());
    let mut variants: Vec<(String, Ident)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let mut name = variant_name(&word.rust);
        if name.is_empty() || variants.iter().any(|(_, v)| *v == name) {
            name = format!("{name}{i}");
        }
        variants.push((word.rust.clone(), Ident::new(&name, Span::call_site())));
    }
    let group = TailGroup {
        state,
        states: states.clone(),
        variants: variants.clone(),
    };
    let fields = words.iter().zip(&variants).map(|(word, (_, variant))| {
        let sig = signature(word, awaits);
        let types = sig.params.iter().map(|(_, t)| t);
        quote!(#variant(#(#types),*))
    });
    let names: Vec<&str> = words.iter().map(|w| w.name).collect();
    let doc = format!(
        " The words {} call each other in tail position: one loop runs them all.",
        names.join(", ")
    );
    let looping = format_ident!("__seq_tail_{}", base);
    let sync = looping_items(words, &group, &looping, &doc, awaits, false);
    let asynchronous = if words.iter().any(|w| awaits.waits.word(&w.rust)) {
        let looping = format_ident!("__seq_tail_{}_async", base);
        looping_items(words, &group, &looping, &doc, awaits, true)
    } else {
        quote!()
    };
    quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        enum #states { #(#fields),* }
        #sync
        #asynchronous
    }
}

/// The looping function `looping` over the group's states, and one wrapper per member
/// that starts it; in sync mode, or all `async` in async mode.
fn looping_items(
    words: &[&CheckedWord],
    group: &TailGroup,
    looping: &Ident,
    doc: &str,
    awaits: &Awaits,
    asynchronous: bool,
) -> TokenStream {
    let (states, state) = (&group.states, &group.state);
    let (mut arms, mut wrappers) = (Vec::new(), Vec::new());
    let mut ret = quote!();
    for (word, (_, variant)) in words.iter().zip(&group.variants) {
        let sig = signature(word, awaits);
        ret = sig.ret.clone();
        let binds: Vec<&Ident> = sig.params.iter().map(|(b, _)| b).collect();
        let mut emitter = sig.emitter;
        emitter.group = Some(group.clone());
        emitter.asynchronous = asynchronous;
        emitter.in_async_fn = asynchronous;
        let mut code = Code::new();
        if !emitter.block(&word.body, &mut code, true) {
            let result = emitter.result();
            code.push(quote!(return #result;));
        }
        arms.push(locals::finish(
            quote!(#states::#variant(#(#binds),*) => { #(#code)* }),
        ));
        let reads = reads(&binds);
        let params = sig.params.iter().map(|(b, t)| quote!(#b: #t));
        let ret = &sig.ret;
        wrappers.push(locals::finish_named(
            if asynchronous {
                let head = async_head(word, awaits);
                quote! {
                    #head (#(#params),*) #ret { #looping(#states::#variant(#(#reads),*)).await }
                }
            } else {
                let head = fn_head(word, awaits);
                quote! {
                    #head (#(#params),*) #ret { #looping(#states::#variant(#(#reads),*)) }
                }
            },
            &sig.names,
        ));
    }
    let asyncness = if asynchronous {
        quote!(async)
    } else {
        quote!()
    };
    quote! {
        #[doc = #doc]
        #asyncness fn #looping(mut #state: #states) #ret {
            loop {
                match #state { #(#arms)* }
            }
        }
        #(#wrappers)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components() {
        // 0 <-> 1, 2 -> 0, 3 alone with a self-loop.
        let groups = strongly_connected(&[vec![1], vec![0], vec![0], vec![3]]);
        assert!(groups.contains(&vec![0, 1]));
        assert!(groups.contains(&vec![2]));
        assert!(groups.contains(&vec![3]));
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("fib_naive"), "FibNaive");
        assert_eq!(variant_name("r#loop"), "Loop");
        assert_eq!(variant_name("even_p"), "EvenP");
    }
}
