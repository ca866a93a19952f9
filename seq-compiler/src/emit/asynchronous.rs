//! The asynchronous forms of words that wait (see [`super::waits`]).
//!
//! Every waiting word gets, besides its unchanged `pub fn name(..)`, a `pub async fn
//! name_async(..)` with the same parameters and result, whose body is emitted in async
//! mode: a call of a waiting word is `name_async(args).await`, a waiting builtin is its
//! asynchronous form (`ch.receive_or_async(|| 0i64).await`), an `extern async` function
//! is awaited; everything else is as in sync mode. In sync mode an `extern async`
//! function runs to completion with `::seq::runtime::block_on`.
//!
//! Recursion: a call within the caller's strongly connected component is
//! `::std::boxed::Box::pin(name_async(args)).await` (an `async fn` cannot contain its
//! own future). Inside a spawned future of an `_async` function, such a call goes
//! through a wrapper returning `Pin<Box<dyn Future + Send>>` (`__seq_boxed_name`):
//! spawning needs the future to be `Send`, and rustc cannot prove that of a future
//! from inside the function that defines it.
//!
//! A weave body without a stack (see [`super::waits`]) is emitted as a spawned future
//! is: `Weave::new_async(move |ctx, first| async move { .. })`, its yields awaited.
//!
//! Invariants: closures and weave bodies on a stack of their own are always synchronous;
//! the futures are `Send`
//! when the values they hold are (generic parameters of `_async` functions are bounded
//! `Send + Sync + 'static`); words that never wait are emitted exactly as without this
//! module.

use super::body::{ident, Emitter};
use super::waits::Waits;
use super::{generics, locals, signature, snake_case_allowance, word_body, Signature};
use crate::check::ir::Callee;
use crate::check::unify::{Unifier, Vars};
use crate::check::{CheckedExtern, CheckedWord};
use crate::types::show_sig_yielding;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// What the emitter needs to know of waiting across the program.
pub struct Awaits {
    /// The analysis.
    pub waits: Waits,
    /// Words whose boxed wrapper emitted code calls (filled while emitting).
    boxed: RefCell<BTreeSet<String>>,
}

impl Awaits {
    /// The analysis of a program's words.
    pub fn new(words: &[CheckedWord]) -> Awaits {
        Awaits {
            waits: Waits::new(words),
            boxed: RefCell::new(BTreeSet::new()),
        }
    }

    /// The name of a waiting word's asynchronous form.
    fn async_ident(&self, rust: &str) -> Ident {
        let name = self
            .waits
            .async_name(rust)
            .expect("only waiting words have an asynchronous form");
        Ident::new(name, Span::call_site())
    }

    /// The boxed wrapper of a waiting word, marked as needed.
    fn boxed(&self, rust: &str) -> Ident {
        self.boxed.borrow_mut().insert(rust.to_string());
        boxed_ident(rust)
    }

    /// The boxed wrappers emitted code calls: `fn __seq_boxed_name(..) -> Pin<Box<dyn
    /// Future<Output = R> + Send>> { Box::pin(name_async(..)) }`.
    pub fn wrappers(&self, words: &[CheckedWord]) -> TokenStream {
        let boxed = self.boxed.borrow();
        let mut out = TokenStream::new();
        for word in words.iter().filter(|w| boxed.contains(&w.rust)) {
            let Signature { params, .. } = signature(word, self);
            let (binds, types): (Vec<&Ident>, Vec<&TokenStream>) =
                params.iter().map(|(b, t)| (b, t)).unzip();
            let reads = reads(&binds);
            let output = super::rust_ty::results(&word.unifier, &word.effect.output.items);
            let (name, target) = (boxed_ident(&word.rust), self.async_ident(&word.rust));
            let generics = generics(word, true, self);
            let doc = format!(
                " `{}` boxed as a `Send` future: how a spawned future calls it from within its own recursion.",
                word.name
            );
            out.extend(locals::finish(quote! {
                #[doc = #doc]
                fn #name #generics (#(#binds: #types),*) -> ::std::pin::Pin<::std::boxed::Box<dyn ::core::future::Future<Output = #output> + ::core::marker::Send>> {
                    ::std::boxed::Box::pin(#target(#(#reads),*))
                }
            }));
        }
        out
    }
}

fn boxed_ident(rust: &str) -> Ident {
    format_ident!("__seq_boxed_{}", rust.trim_start_matches("r#"))
}

/// The placeholders that read the parameters bound by `binds`.
pub(super) fn reads(binds: &[&Ident]) -> Vec<Ident> {
    binds
        .iter()
        .map(|b| Ident::new(&b.to_string().replace("__seq_b", "__seq_r"), b.span()))
        .collect()
}

impl Emitter<'_, '_> {
    /// Runs `body` in sync mode (a closure's, or a weave's on a stack of its own).
    pub(super) fn synchronously<T>(&mut self, body: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.asynchronous;
        self.asynchronous = false;
        let result = body(self);
        self.asynchronous = saved;
        result
    }

    /// Runs `body` as a spawned strand's (or a weave's without a stack): a future (async
    /// mode) when it waits.
    pub(super) fn spawned<T>(&mut self, waits: bool, body: impl FnOnce(&mut Self) -> T) -> T {
        let saved = (self.asynchronous, self.in_spawn);
        self.asynchronous = waits;
        self.in_spawn |= waits;
        let result = body(self);
        (self.asynchronous, self.in_spawn) = saved;
        result
    }

    /// A call of a word or Rust function with these arguments, awaited in async mode
    /// when it waits.
    pub(super) fn call(&mut self, callee: &Callee, args: &[TokenStream]) -> TokenStream {
        match callee {
            Callee::Word(name) if self.asynchronous && self.awaits.waits.word(name) => {
                let f = self.awaits.async_ident(name);
                let recursive =
                    self.in_async_fn && self.awaits.waits.recursive(&self.word.rust, name);
                match (recursive, self.in_spawn) {
                    (true, true) => {
                        let boxed = self.awaits.boxed(name);
                        quote!(#boxed(#(#args),*).await)
                    }
                    (true, false) => quote!(::std::boxed::Box::pin(#f(#(#args),*)).await),
                    (false, _) => quote!(#f(#(#args),*).await),
                }
            }
            Callee::Word(name) => {
                let f = ident(name);
                quote!(#f(#(#args),*))
            }
            Callee::Rust(path) => quote!(#path(#(#args),*)),
            Callee::RustAsync(path) if self.asynchronous => quote!(#path(#(#args),*).await),
            Callee::RustAsync(path) => quote!(::seq::runtime::block_on(#path(#(#args),*))),
        }
    }
}

/// `#[doc = ..] #[allow(dead_code)] pub async fn name_async<generics>`
pub(super) fn async_head(word: &CheckedWord, awaits: &Awaits) -> TokenStream {
    let mut name = awaits.async_ident(&word.rust);
    name.set_span(word.name_span.rust());
    let generics = generics(word, true, awaits);
    let doc = super::docs::doc_attrs(
        word.doc,
        &[format!(
            " The awaitable form of the Seq word `{} {}`: it waits (for a channel, a timer, another strand) without blocking the thread.",
            word.name,
            show_sig_yielding(&word.sig, word.yields.as_ref())
        )],
    );
    let snake = snake_case_allowance(word);
    quote! {
        #doc
        #[allow(dead_code)]
        #snake
        pub async fn #name #generics
    }
}

/// A waiting word's `pub async fn name_async(..)`.
pub(super) fn async_word_fn(word: &CheckedWord, awaits: &Awaits) -> TokenStream {
    let Signature {
        mut emitter,
        params,
        names,
        ret,
    } = signature(word, awaits);
    emitter.asynchronous = true;
    emitter.in_async_fn = true;
    let body = word_body(&mut emitter, word);
    let head = async_head(word, awaits);
    let params = params.iter().map(|(b, t)| quote!(#b: #t));
    locals::finish_named(quote!(#head (#(#params),*) #ret { #body }), &names)
}

/// The check of an `extern async` function: a hidden `async fn` with the effect's types
/// that awaits it, so rustc reports a mismatch at the path.
pub(super) fn extern_check(e: &CheckedExtern) -> TokenStream {
    let mut u = Unifier::default();
    let effect = u.instantiate(&e.sig, Vars::Rigid);
    let span = e.path_span.rust();
    let args: Vec<Ident> = (0..effect.input.items.len())
        .map(|i| Ident::new(&format!("a{i}"), span))
        .collect();
    let types = effect
        .input
        .items
        .iter()
        .map(|t| super::rust_ty::rust_ty(&u, t));
    let output = super::rust_ty::results(&u, &effect.output.items);
    let path = &e.path;
    let doc = format!(
        " Checks that `{}` is an `async fn` with the Seq effect `{}`.",
        e.name,
        crate::types::show_sig(&e.sig)
    );
    quote_spanned! {span=>
        #[doc = #doc]
        const _: () = {
            #[allow(dead_code)]
            async fn check(#(#args: #types),*) -> #output {
                #path(#(#args),*).await
            }
        };
    }
}

#[cfg(test)]
mod tests {
    fn rust(src: &str) -> String {
        crate::compile_str(src).unwrap().to_string()
    }

    #[test]
    fn words_that_never_wait_have_no_async_form() {
        let code =
            rust(": fib ( Int -- Int ) dup 2 i.< [ dup 1 i.- fib swap 2 i.- fib i.+ ] unless ;");
        assert!(!code.contains("async") && !code.contains("await"), "{code}");
    }

    #[test]
    fn a_waiting_word_gets_an_async_form_that_awaits() {
        let code = rust(": get ( Channel<Int> -- Int ) chan.receive drop ; : two ( Channel<Int> -- Int ) dup get swap get i.+ ;");
        assert!(
            code.contains("pub fn get (channel0 : :: seq :: runtime :: Channel < i64 >) -> i64"),
            "{code}"
        );
        assert!(code.contains("channel0 . receive_or (|| 0i64) ;"), "{code}");
        assert!(
            code.contains(
                "pub async fn get_async (channel0 : :: seq :: runtime :: Channel < i64 >) -> i64"
            ),
            "{code}"
        );
        assert!(
            code.contains("channel0 . receive_or_async (|| 0i64) . await"),
            "{code}"
        );
        assert!(
            code.contains("get_async (channel0 . clone ()) . await"),
            "{code}"
        );
        assert!(
            code.contains("The awaitable form of the Seq word `two"),
            "{code}"
        );
    }

    #[test]
    fn recursion_is_boxed_only_in_the_component() {
        let code = rust(
            ": get ( Channel<Int> -- Int ) chan.receive drop ;
             : deep ( Channel<Int> Int -- Int ) dup 0 i.> [ 1 i.- over swap deep swap get i.+ ] [ nip ] if ;",
        );
        assert!(
            code.contains(":: std :: boxed :: Box :: pin (deep_async ("),
            "{code}"
        );
        assert!(!code.contains("Box :: pin (get_async"), "{code}");
    }

    #[test]
    fn spawned_bodies_that_wait_are_futures() {
        let code = rust(
            ": waits ( Channel<Int> -- ) [ chan.receive drop drop ] strand.spawn drop drop ;
             : quiet ( Int -- ) [ drop ] strand.spawn drop drop ;",
        );
        assert!(
            code.contains(":: seq :: runtime :: spawn_async (async move {"),
            "{code}"
        );
        assert!(
            code.contains(":: seq :: runtime :: spawn (move ||"),
            "{code}"
        );
        // `waits` itself does not wait: the strand does.
        assert!(!code.contains("waits_async"), "{code}");
    }

    #[test]
    fn a_spawned_call_is_the_strand_s_future() {
        let code = rust(
            ": put ( Int Channel<Int> -- ) chan.send drop ;
             : later ( Int Channel<Int> -- ) [ put ] strand.spawn drop drop drop ;
             : nap ( Int -- ) [ time.sleep-ms ] strand.spawn drop drop ;",
        );
        assert!(
            code.contains(":: seq :: runtime :: spawn_async (put_async (int0 , channel1))"),
            "{code}"
        );
        assert!(
            code.contains(
                ":: seq :: runtime :: spawn_async (:: seq :: runtime :: sleep_ms_async (int0))"
            ),
            "{code}"
        );
        assert!(!code.contains("async move"), "{code}");
    }

    #[test]
    fn a_spawned_future_reaches_its_own_recursion_through_a_boxed_wrapper() {
        let code = rust(
            ": fan ( Channel<Int> Int -- ) dup 0 i.> [ 1 i.- 2dup [ fan ] strand.spawn drop drop drop swap chan.send drop ] [ drop drop ] if ;",
        );
        assert!(code.contains("fn __seq_boxed_fan (v0 : :: seq :: runtime :: Channel < i64 > , v1 : i64) -> :: std :: pin :: Pin"), "{code}");
        assert!(code.contains("__seq_boxed_fan (v"), "{code}");
        // The plain function's strands call the async form directly.
        assert!(code.contains("fan_async (v"), "{code}");
    }

    #[test]
    fn closures_stay_synchronous() {
        let code = rust(": later ( Channel<Int> -- Closure[ -- Int ] ) [ chan.receive drop ] ; : now ( Channel<Int> -- Int ) chan.receive drop ;");
        assert!(!code.contains("later_async"), "{code}");
        assert_eq!(code.matches("receive_or_async").count(), 1, "{code}");
    }

    #[test]
    fn extern_async_is_awaited_or_blocked_on() {
        let code = rust(
            ": fetch ( String -- String ) extern async crate::fetch ; : twice ( String -- String ) fetch fetch ;",
        );
        assert!(code.contains("async fn check (a0 : :: std :: string :: String) -> :: std :: string :: String { crate :: fetch (a0) . await }"), "{code}");
        assert!(
            code.contains(":: seq :: runtime :: block_on (crate :: fetch (string0))"),
            "{code}"
        );
        assert!(code.contains("crate :: fetch (string0) . await"), "{code}");
    }

    #[test]
    fn tail_groups_that_wait_loop_asynchronously_too() {
        let code = rust(
            ": a ( Channel<Int> Int -- Int ) dup 0 i.> [ 1 i.- over chan.receive drop drop b ] [ nip ] if ;
             : b ( Channel<Int> Int -- Int ) a ;",
        );
        assert!(
            code.contains("async fn __seq_tail_a_async (mut state : __SeqTail_a) -> i64"),
            "{code}"
        );
        assert!(
            code.contains("__seq_tail_a_async (__SeqTail_a :: B (channel0 , int1)) . await"),
            "{code}"
        );
        assert_eq!(code.matches("enum __SeqTail_a").count(), 1, "{code}");
    }

    #[test]
    fn weave_bodies_are_futures_unless_a_closure_yields() {
        let code = rust(
            ": gen ( Ctx<Int> Int -- | Yield Int ) yield gen ; : make ( -- Weave<Int> ) [ gen ] strand.weave ;",
        );
        assert!(
            code.contains(":: seq :: runtime :: Weave :: new_async (move |"),
            "{code}"
        );
        assert!(code.contains("gen_async (v0 , v1) . await"), "{code}");
        assert!(code.contains("ctx0 . yield_async (int1) . await"), "{code}");
        // A quotation value that yields can only run on a stack of its own.
        let code = rust(
            ": gen ( Ctx<Int> Int [ Ctx<Int> Int -- Ctx<Int> Int ] -- | Yield Int ) dup >aux call aux> gen ;
             : make ( -- Weave<Int> ) [ [ yield ] gen ] strand.weave ;",
        );
        assert!(
            code.contains(":: seq :: runtime :: Weave :: new (move |"),
            "{code}"
        );
        assert!(!code.contains("new_async"), "{code}");
    }

    #[test]
    fn resuming_waits_in_async_code() {
        let code = rust(": next ( Weave<Int> -- Weave<Int> Int Bool ) 0 strand.resume ;");
        assert!(
            code.contains(". resume_async (0i64 , || 0i64) . await"),
            "{code}"
        );
        assert!(code.contains(". resume (0i64 , || 0i64)"), "{code}");
    }

    #[test]
    fn generic_parameters_of_async_forms_are_send_and_sync() {
        let code = rust(": put ( T Channel<T> -- ) chan.send drop ;");
        assert!(code.contains("pub async fn put_async < T : :: core :: clone :: Clone + :: core :: marker :: Send + :: core :: marker :: Sync + 'static"), "{code}");
    }
}
