//! The table's entries for symbols, variants (Seq's dynamically typed records), SON text
//! (`son.dump`, `son.dump-pretty`, `stack.dump`) and weaves.
//! They are part of the one builtin table ([`super::all`]); they live here to keep each
//! file short.
//!
//! Variant words are [`Emit::Typed`]: a field stores the Seq name of its type, and a read
//! names the type its context needs, so a mismatch is a runtime error naming both.

use super::{b, Builtin, Emit, SlotType, Special, Types};
use proc_macro2::TokenStream;
use quote::quote;

/// `<T as Dynamic>::into_value(x)` (the type spelled out: a quotation literal is stored
/// as its function pointer type, which a read names).
fn value(x: &TokenStream, ty: &SlotType) -> TokenStream {
    let rust = &ty.rust;
    quote!(<#rust as ::seq::runtime::Dynamic>::into_value(#x))
}

/// `variant.make-N`: the fields, then the tag on top.
fn make(args: &[TokenStream], types: &Types) -> TokenStream {
    let (tag, fields) = args.split_last().expect("the tag is an input");
    let values = fields.iter().zip(&types.inputs).map(|(x, t)| value(x, t));
    quote!(::seq::runtime::Value::Variant(::seq::runtime::Variant::new(#tag, ::std::vec![#(#values),*])))
}

/// A read of a field at the output's type: `v.record("word").method::<T>(args..)`.
fn read(word: &str, method: &str, args: &[TokenStream], types: &Types) -> TokenStream {
    let method = proc_macro2::Ident::new(method, proc_macro2::Span::call_site());
    let (v, rest) = args.split_first().expect("the variant is an input");
    let rust = &types.outputs[0].rust;
    quote!(#v.record(#word).#method::<#rust>(#(#rest),*))
}

/// A word on the record of a `Value`: `v.record("word").method()`.
fn on_record(word: &'static str, method: &'static str, v: &TokenStream) -> TokenStream {
    let method = proc_macro2::Ident::new(method, proc_macro2::Span::call_site());
    quote!(#v.record(#word).#method())
}

/// Symbols and variants.
pub static DYNAMIC: &[Builtin] = &[
    b(
        "symbol.=",
        "( Symbol Symbol -- Bool )",
        Emit::Code(|a| {
            let (x, y) = (&a[0], &a[1]);
            quote!(#x == #y)
        }),
    )
    .doc("Whether the two symbols are the same."),
    b(
        "symbol->string",
        "( Symbol -- String )",
        Emit::Code(|a| {
            let x = &a[0];
            quote!(#x.to_text())
        }),
    )
    .doc("The symbol's name, without the colon."),
    b(
        "string->symbol",
        "( String -- Symbol )",
        Emit::Code(|a| {
            let x = &a[0];
            quote!(::seq::runtime::Symbol::intern(&#x))
        }),
    )
    .by_ref(&[0])
    .doc("The symbol with this name (without the colon)."),
    b("variant.make-0", "( Symbol -- Variant )", Emit::Typed(make))
        .doc("A variant with the tag (on top) and no fields."),
    b(
        "variant.make-1",
        "( T Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the value below it as its field."),
    b(
        "variant.make-2",
        "( T U Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 2 values below it as fields, bottom first."),
    b(
        "variant.make-3",
        "( T U V Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 3 values below it as fields, bottom first."),
    b(
        "variant.make-4",
        "( T U V W Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 4 values below it as fields, bottom first."),
    b(
        "variant.make-5",
        "( T U V W X Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 5 values below it as fields, bottom first."),
    b(
        "variant.make-6",
        "( T U V W X Y Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 6 values below it as fields, bottom first."),
    b(
        "variant.make-7",
        "( T U V W X Y Z Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 7 values below it as fields, bottom first."),
    b(
        "variant.make-8",
        "( T U V W X Y Z A Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 8 values below it as fields, bottom first."),
    b(
        "variant.make-9",
        "( T U V W X Y Z A B Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 9 values below it as fields, bottom first."),
    b(
        "variant.make-10",
        "( T U V W X Y Z A B C Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 10 values below it as fields, bottom first."),
    b(
        "variant.make-11",
        "( T U V W X Y Z A B C D Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 11 values below it as fields, bottom first."),
    b(
        "variant.make-12",
        "( T U V W X Y Z A B C D E Symbol -- Variant )",
        Emit::Typed(make),
    )
    .doc("A variant with the tag (on top) and the 12 values below it as fields, bottom first."),
    b(
        "variant.tag",
        "( Variant -- Symbol )",
        Emit::Code(|a| on_record("variant.tag", "tag", &a[0])),
    )
    .by_ref(&[0])
    .doc(
        "The variant's tag. A value that is not a variant is a runtime error (as for every \
             `variant.` word).",
    ),
    b(
        "variant.field-count",
        "( Variant -- Int )",
        Emit::Code(|a| on_record("variant.field-count", "field_count", &a[0])),
    )
    .by_ref(&[0])
    .doc("The number of fields."),
    b(
        "variant.field-at",
        "( Variant Int -- T )",
        Emit::Typed(|a, t| read("variant.field-at", "field_at", a, t)),
    )
    .by_ref(&[0])
    .doc(
        "The field at the index, read as the type the context needs; an index out of range or \
             a field of another type is a runtime error.",
    ),
    b(
        "variant.first",
        "( Variant -- T )",
        Emit::Typed(|a, t| read("variant.first", "first", a, t)),
    )
    .by_ref(&[0])
    .doc(
        "The first field, read as the type the context needs; no fields or another type is a \
             runtime error.",
    ),
    b(
        "variant.last",
        "( Variant -- T )",
        Emit::Typed(|a, t| read("variant.last", "last", a, t)),
    )
    .by_ref(&[0])
    .doc(
        "The last field, read as the type the context needs; no fields or another type is a \
             runtime error.",
    ),
    b(
        "variant.append",
        "( Variant T -- Variant )",
        Emit::Typed(|a, t| {
            let (v, x) = (&a[0], value(&a[1], &t.inputs[1]));
            quote!(::seq::runtime::Value::Variant(#v.into_record("variant.append").append(#x)))
        }),
    )
    .doc("The variant with one more field, last."),
    b(
        "variant.init",
        "( Variant -- Variant )",
        Emit::Code(|a| {
            let v = &a[0];
            quote!(::seq::runtime::Value::Variant(#v.into_record("variant.init").init()))
        }),
    )
    .doc("The variant without its last field."),
    // SON text of any value (the checker converts a typed value into a `Value` first).
    b(
        "son.dump",
        "( Variant -- String )",
        Emit::Code(|a| {
            let v = &a[0];
            quote!(::seq::runtime::value::son::dump(&#v))
        }),
    )
    .by_ref(&[0])
    .doc("Any value as SON text (the Seq that builds it) on one line."),
    b(
        "son.dump-pretty",
        "( Variant -- String )",
        Emit::Code(|a| {
            let v = &a[0];
            quote!(::seq::runtime::value::son::dump_pretty(&#v))
        }),
    )
    .by_ref(&[0])
    .doc("Any value as indented SON text."),
    b(
        "stack.dump",
        "( ..a -- ..b )",
        Emit::Special(Special::StackDump),
    )
    .doc(
        "Prints `»` and every value the word's stack holds as SON, bottom first, on standard \
             output, and drops them.",
    ),
    // Weaves: the body yields through its context; resuming sends a value in.
    b(
        "strand.weave",
        "( [ Ctx<Y, R> R -- ] -- Weave<Y, R> )",
        Emit::Special(Special::Weave),
    )
    .doc(
        "A suspended weave (generator) of the body; the first resume starts it with the value \
             resumed with.",
    ),
    b(
        "yield",
        "( Ctx<Y, R> Y -- Ctx<Y, R> R )",
        Emit::Code(|a| {
            let (ctx, v) = (&a[0], &a[1]);
            quote!((#ctx, #ctx.yield_value(#v)))
        }),
    )
    // In a weave body that is a future, `yield` is awaited (see `emit::waits`).
    .waits(Emit::Code(|a| {
        let (ctx, v) = (&a[0], &a[1]);
        quote!((#ctx, #ctx.yield_async(#v).await))
    }))
    .doc(
        "In a weave body: hands the value to the resumer and waits for the next resume's \
             value.",
    ),
    b(
        "strand.resume",
        "( Weave<Y, R> R -- Weave<Y, R> Y Bool )",
        Emit::Typed(|a, types| {
            let (w, v, fallback) = (&a[0], &a[1], &types.outputs[1].default);
            quote!({
                let (value, resumed) = #w.resume(#v, || #fallback);
                (#w, value, resumed)
            })
        }),
    )
    // A weave whose body waits makes its resumer wait too.
    .waits(Emit::Typed(|a, types| {
        let (w, v, fallback) = (&a[0], &a[1], &types.outputs[1].default);
        quote!({
            let (value, resumed) = #w.resume_async(#v, || #fallback).await;
            (#w, value, resumed)
        })
    }))
    .doc(
        "Sends the value into the weave; its next yielded value and true, or the default and \
             false once the body has finished.",
    ),
    b(
        "strand.weave-cancel",
        "( Weave<Y, R> -- )",
        Emit::Code(|a| {
            let w = &a[0];
            quote!(#w.cancel())
        }),
    )
    .by_ref(&[0])
    .doc("Stops the weave; later resumes give false."),
];
