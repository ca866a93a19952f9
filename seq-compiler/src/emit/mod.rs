//! Code generation: checked words → Rust items.
//!
//! Each word becomes `pub fn name(inputs) -> outputs`, inputs bottom of the stack first
//! and named by their Seq type and position (`int0`, `string1`), outputs `()`, one value,
//! or a tuple bottom first; its doc comment is the one written before the word (if any),
//! then its Seq effect (`docs`). A word that calls itself in tail position gets its body wrapped in `loop`, the
//! call becoming assignments to its parameters and `continue`; words that call each other
//! in tail position become one loop (`group`). Each `extern` declaration
//! becomes a `const` that makes rustc check the Rust function against the declared effect.
//! A word that can wait ([`waits`]) also becomes `pub async fn name_async` (`asynchronous`);
//! words that never wait are emitted exactly as if waiting did not exist.
//! Generated code calls the runtime as `::seq::runtime`.

mod asynchronous;
mod body;
mod builders;
mod control;
mod convert;
mod docs;
mod group;
mod locals;
mod loops;
pub mod rust_ty;
mod spans;
mod union_items;
mod unions;
mod values;
pub mod waits;

use crate::check::unify::{Unifier, Vars};
use crate::check::{Checked, CheckedExtern, CheckedWord};
use crate::types::{show_sig, Ty};
use asynchronous::Awaits;
use body::{Code, Emitter};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use rust_ty::{results, rust_ty};
use std::collections::HashMap;

/// What a word named `main` becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `: main ( -- Int )` is the program's `fn main`, exiting with the Int (`seq!`).
    ExitWithMain,
    /// `main` is a word like any other (`program!` starts it itself).
    Plain,
}

/// Emits every item of a checked program.
pub fn emit(checked: &Checked, entry: Entry) -> TokenStream {
    rust_ty::with_declared_types(&checked.declared_types, || emit_items(checked, entry))
}

fn emit_items(checked: &Checked, entry: Entry) -> TokenStream {
    let awaits = Awaits::new(&checked.words);
    let mut out = union_items::union_items(&checked.unions);
    for (path, _) in &checked.declared_types {
        out.extend(type_check(path));
    }
    for e in &checked.externs {
        out.extend(match e.is_async {
            true => asynchronous::extern_check(e),
            false => extern_check(e),
        });
    }
    let groups = group::tail_groups(&checked.words);
    for (i, word) in checked.words.iter().enumerate() {
        match groups.iter().find(|g| g.contains(&i)) {
            Some(g) if g[0] == i => {
                let members: Vec<&CheckedWord> = g.iter().map(|&m| &checked.words[m]).collect();
                out.extend(group::group_items(&members, &awaits));
            }
            Some(_) => {}
            None => {
                out.extend(word_fn(word, entry, &awaits));
                if awaits.waits.word(&word.rust) && !exits_with(word, entry) {
                    out.extend(asynchronous::async_word_fn(word, &awaits));
                }
            }
        }
    }
    out.extend(awaits.wrappers(&checked.words));
    out
}

/// `const _: PhantomData<path> = PhantomData;`: rustc checks a declared type's path even
/// where no word uses the type, pointing at the declaration.
fn type_check(path: &str) -> TokenStream {
    let ty = rust_ty::declared_ty(path);
    quote!(const _: ::core::marker::PhantomData<#ty> = ::core::marker::PhantomData;)
}

/// `const _: fn(f64, f64) -> f64 = path;`: rustc rejects a Rust function whose signature
/// does not match the declared effect, pointing at the path.
fn extern_check(e: &CheckedExtern) -> TokenStream {
    let mut u = Unifier::default();
    let effect = u.instantiate(&e.sig, Vars::Rigid);
    let inputs = effect.input.items.iter().map(|t| rust_ty(&u, t));
    let output = match effect.output.items.len() {
        0 => quote!(),
        _ => {
            let r = results(&u, &effect.output.items);
            quote!(-> #r)
        }
    };
    let path = &e.path;
    let doc = docs::doc_attrs(
        e.doc,
        &[format!(
            " Checks that `{}` has the Seq effect `{}`.",
            e.name,
            show_sig(&e.sig)
        )],
    );
    quote_spanned! {e.path_span.rust()=>
        #doc
        const _: fn(#(#inputs),*) #output = #path;
    }
}

/// A word's Rust signature, with an emitter whose stack holds the parameters.
struct Signature<'a, 'p> {
    emitter: Emitter<'a, 'p>,
    /// Parameter names (placeholders) and types, bottom of the stack first.
    params: Vec<(Ident, TokenStream)>,
    /// The readable names of the parameters, for [`locals::finish_named`].
    names: HashMap<locals::Local, String>,
    /// `-> T`, or nothing.
    ret: TokenStream,
}

fn signature<'a, 'p>(word: &'a CheckedWord<'p>, awaits: &'a Awaits) -> Signature<'a, 'p> {
    let u = &word.unifier;
    let mut emitter = Emitter::new(word, awaits);
    let mut params = Vec::new();
    let mut names = HashMap::new();
    let taken: Vec<&str> = word.calls.iter().map(|(name, _)| name.as_str()).collect();
    let declared = &word.sig.input.items;
    let named = declared.len() == word.effect.input.items.len();
    for (i, ty) in word.effect.input.items.iter().enumerate() {
        let (local, value) = emitter.local(ty);
        if let Some(name) = named.then(|| locals::param_name(&declared[i], i, &taken)) {
            names.extend(name.map(|name| (local, name)));
        }
        params.push((locals::bind(local), rust_ty(u, ty)));
        emitter.params.push(local);
        emitter.stack.push(value);
    }
    let outputs = &word.effect.output.items;
    let ret = match outputs.len() {
        0 => quote!(),
        _ => {
            let r = results(u, outputs);
            quote!(-> #r)
        }
    };
    Signature {
        emitter,
        params,
        names,
        ret,
    }
}

/// `#[doc = " Seq: `name ( effect )`"] pub fn name<generics>`, the word's own doc comment
/// first.
fn fn_head(word: &CheckedWord, awaits: &Awaits) -> TokenStream {
    let mut name = body::ident(&word.rust);
    name.set_span(word.name_span.rust());
    let generics = generics(word, false, awaits);
    let doc = docs::doc_attrs(
        word.doc,
        &[format!(
            " Seq: `{} {}`",
            word.name,
            crate::types::show_sig_yielding(&word.sig, word.yields.as_ref())
        )],
    );
    let snake = snake_case_allowance(word);
    quote! {
        #doc
        #snake
        pub fn #name #generics
    }
}

/// The attributes that let a word's function have a name Rust would warn about.
fn snake_case_allowance(word: &CheckedWord) -> TokenStream {
    if word.rust.starts_with("__seq_") {
        quote!(#[doc(hidden)] #[allow(non_snake_case)])
    } else if word.rust.chars().any(|c| c.is_uppercase()) {
        quote!(#[allow(non_snake_case)])
    } else {
        quote!()
    }
}

/// Whether the word is `seq!`'s `: main ( -- Int )`, the program's Rust `fn main`.
fn exits_with(word: &CheckedWord, entry: Entry) -> bool {
    entry == Entry::ExitWithMain
        && word.name == "main"
        && word.effect.input.items.is_empty()
        && matches!(word.effect.output.items.as_slice(), [Ty::Int])
}

/// A word's body as a function body (a loop when it calls itself in tail position).
fn word_body(emitter: &mut Emitter, word: &CheckedWord) -> TokenStream {
    let mut code = Code::new();
    if word.loops {
        if !emitter.block(&word.body, &mut code, true) {
            let result = emitter.result();
            code.push(quote!(return #result;));
        }
        quote!(loop { #(#code)* })
    } else {
        emitter.block(&word.body, &mut code, false);
        let result = emitter.result();
        quote!(#(#code)* #result)
    }
}

fn word_fn(word: &CheckedWord, entry: Entry, awaits: &Awaits) -> TokenStream {
    let Signature {
        mut emitter,
        params,
        names,
        ret,
    } = signature(word, awaits);
    let body = word_body(&mut emitter, word);
    let item = if exits_with(word, entry) {
        // `: main ( -- Int )`: the Int is the exit code.
        let seq = format!(" Seq: `{} {}`", word.name, show_sig(&word.sig));
        let doc = docs::doc_attrs(word.doc, &[seq]);
        quote! {
            #doc
            pub fn main() {
                let code: i64 = (|| -> i64 { #body })();
                ::std::process::exit(code as i32)
            }
        }
    } else {
        let head = fn_head(word, awaits);
        let params = params.iter().map(|(b, t)| quote!(#b: #t));
        quote!(#head (#(#params),*) #ret { #body })
    };
    locals::finish_named(item, &names)
}

/// `<T: Clone, E1: Clone + Send + Default + 'static>`: the word's generic parameters
/// with the bounds its body needs. Those of an `_async` function (`asynchronous`) are all
/// `Send + Sync + 'static`, so its future is `Send`; so are those sent to a strand by a
/// word that spawns a future.
fn generics(word: &CheckedWord, asynchronous: bool, awaits: &Awaits) -> TokenStream {
    if word.generics.is_empty() {
        return quote!();
    }
    let futures = !asynchronous && awaits.waits.spawns_waiting(word);
    let params = word.generics.iter().map(|g| {
        let name = Ident::new(&g.name, Span::call_site());
        let send = if asynchronous || (g.send && futures) {
            quote!(+ ::core::marker::Send + ::core::marker::Sync + 'static)
        } else if g.send {
            quote!(+ ::core::marker::Send + 'static)
        } else {
            quote!()
        };
        let default = if g.element {
            quote!(+ ::core::default::Default)
        } else {
            quote!()
        };
        let ord = if g.key {
            quote!(+ ::core::cmp::Ord)
        } else {
            quote!()
        };
        let dynamic = if g.dynamic {
            quote!(+ ::seq::runtime::Dynamic)
        } else {
            quote!()
        };
        quote!(#name: ::core::clone::Clone #send #default #ord #dynamic)
    });
    quote!(<#(#params),*>)
}

#[cfg(test)]
mod tests {
    fn rust(src: &str) -> String {
        crate::compile_str(src).unwrap().to_string()
    }

    #[test]
    fn a_word_is_a_typed_function_with_its_effect_as_doc() {
        let code = rust(": add ( Int Int -- Int ) i.+ ;");
        assert!(
            code.contains("pub fn add (int0 : i64 , int1 : i64) -> i64"),
            "{code}"
        );
        assert!(code.contains("Seq: `add ( Int Int -- Int )`"), "{code}");
    }

    #[test]
    fn tail_calls_become_loops() {
        let code = rust(": down ( Int -- Int ) dup 0 i.> [ 1 i.- down ] when ;");
        assert!(
            code.contains("loop {") && code.contains("continue ;"),
            "{code}"
        );
        assert!(code.contains("mut int0"), "{code}");
    }

    #[test]
    fn duplicates_are_shared_until_a_move_needs_a_copy() {
        let borrowed = rust(": f ( String -- String Int ) dup string.length ;");
        assert!(!borrowed.contains("clone"), "{borrowed}");
        let moved = rust(": f ( String -- String String ) dup \"!\" string.concat ;");
        assert_eq!(moved.matches("clone").count(), 1, "{moved}");
    }

    #[test]
    fn a_literal_joined_to_a_string_is_not_made_a_string_first() {
        let first = rust(": f ( Int -- String ) int->string \"line \" swap string.concat ;");
        assert!(first.contains("text :: prepend (\"line \" , v"), "{first}");
        // The String is still needed: borrowed, not cloned.
        let kept = rust(": f ( String -- String String ) dup \"x\" swap string.concat ;");
        assert!(
            kept.contains("text :: concat (\"x\" , & string0)"),
            "{kept}"
        );
        assert!(!kept.contains("clone"), "{kept}");
        let twice = rust(": f ( String -- String ) \"x\" over string.concat string.concat ;");
        assert!(
            twice.contains("text :: concat (\"x\" , & string0)"),
            "{twice}"
        );
        let last = rust(": f ( String -- String ) \"!\" string.concat ;");
        assert!(last.contains("string0 + \"!\""), "{last}");
        let both = rust(": f ( -- String ) \"a\" \"b\" string.concat ;");
        assert!(both.contains("concat ! (\"a\" , \"b\")"), "{both}");
        let neither = rust(": f ( String String -- String ) string.concat ;");
        assert!(neither.contains("string0 + & string1"), "{neither}");
    }

    #[test]
    fn extern_words_are_checked_by_a_const() {
        let code = rust(
            ": hyp ( Float Float -- Float ) extern f64::hypot ; : d ( Float -- Float ) dup hyp ;",
        );
        assert!(
            code.contains("const _ : fn (f64 , f64) -> f64 = f64 :: hypot ;"),
            "{code}"
        );
        assert!(code.contains("f64 :: hypot (float0 , float0)"), "{code}");
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert!(rust(": loop ( -- ) ;").contains("pub fn r#loop"));
    }
}
