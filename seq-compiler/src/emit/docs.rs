//! The rustdoc of generated items: what the user wrote before the Seq item, then what the
//! generator knows (a word's Seq effect, a variant's words); every public item gets one,
//! so a crate under `#![deny(missing_docs)]` can use `seq!`.

use crate::check::data::{FieldInfo, UnionInfo, VariantInfo};
use crate::types::show_sig_ty;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = ..]` attributes: the user's lines, an empty line, then the generated ones.
pub fn doc_attrs(user: &[String], generated: &[String]) -> TokenStream {
    let mut lines: Vec<&str> = user.iter().map(String::as_str).collect();
    if !user.is_empty() && !generated.is_empty() {
        lines.push("");
    }
    lines.extend(generated.iter().map(String::as_str));
    quote!(#(#[doc = #lines])*)
}

/// A variant's doc: the user's, or which union it belongs to and the words it generates.
pub fn variant_doc(u: &UnionInfo, v: &VariantInfo) -> TokenStream {
    if !v.doc.is_empty() {
        return doc_attrs(&v.doc, &[]);
    }
    let from = match v.fields.is_empty() {
        true => "",
        false => " from its fields",
    };
    let line = format!(
        " The `{}` variant of the Seq union `{}`: `Make-{}` makes one{from}, `is-{}?` tests for one.",
        v.name, u.name, v.name, v.name
    );
    doc_attrs(&[], &[line])
}

/// A field's doc: the user's, or its variant, Seq type and accessor word.
pub fn field_doc(v: &VariantInfo, f: &FieldInfo) -> TokenStream {
    if !f.doc.is_empty() {
        return doc_attrs(&f.doc, &[]);
    }
    let line = format!(
        " The `{}` field of `{}`, of Seq type `{}`: `{}-{}` pushes it.",
        f.name,
        v.name,
        show_sig_ty(&f.ty),
        v.name,
        f.name
    );
    doc_attrs(&[], &[line])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_lines_come_first_then_a_paragraph_break() {
        let attrs = doc_attrs(&[" Adds.".into()], &[" Seq: `f`".into()]).to_string();
        assert_eq!(
            attrs,
            quote!(#[doc = " Adds."] #[doc = ""] #[doc = " Seq: `f`"]).to_string()
        );
        assert!(doc_attrs(&[], &[]).is_empty());
    }

    /// The `#[doc]` strings of the generated item whose head contains `head`.
    fn docs_of(code: &syn::File, head: &str) -> Vec<String> {
        use quote::ToTokens;
        let item = code
            .items
            .iter()
            .find(|i| {
                let text = i.to_token_stream().to_string();
                text.contains(head)
            })
            .unwrap_or_else(|| panic!("no item with {head}"));
        let attrs = match item {
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Enum(e) => &e.attrs,
            other => panic!("{}", other.to_token_stream()),
        };
        doc_strings(attrs)
    }

    fn doc_strings(attrs: &[syn::Attribute]) -> Vec<String> {
        attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_word_s_doc_comment_leads_its_functions_docs() {
        let tokens: TokenStream = "
            /// Waits for a number.
            /// Then doubles it.
            : get2 ( Channel<Int> -- Int ) chan.receive drop 2 i.* ;
            : plain ( Int -- Int ) ;"
            .parse()
            .unwrap();
        let code: syn::File = syn::parse2(crate::compile(tokens).unwrap()).unwrap();
        assert_eq!(
            docs_of(&code, "pub fn get2"),
            vec![
                " Waits for a number.",
                " Then doubles it.",
                "",
                " Seq: `get2 ( Channel<Int> -- Int )`"
            ]
        );
        let awaitable = docs_of(&code, "pub async fn get2_async");
        assert_eq!(
            awaitable[..3],
            [" Waits for a number.", " Then doubles it.", ""]
        );
        assert!(awaitable[3].starts_with(" The awaitable form of the Seq word `get2"));
        assert_eq!(
            docs_of(&code, "pub fn plain"),
            vec![" Seq: `plain ( Int -- Int )`"]
        );
    }

    #[test]
    fn unions_variants_and_fields_are_documented() {
        let src = "## Shapes to draw.\nunion Shape {\n ## A round one.\n Circle {\n ## Its radius.\n r: Float }\n Rect { w: Float, h: Float }\n Empty }";
        let code: syn::File = syn::parse2(crate::compile_str(src).unwrap()).unwrap();
        let syn::Item::Enum(shape) = &code.items[0] else {
            panic!("the enum comes first")
        };
        assert_eq!(
            doc_strings(&shape.attrs),
            vec![" Shapes to draw.", "", " Seq: `union Shape`"]
        );
        let variant = |i: usize| doc_strings(&shape.variants[i].attrs);
        let field = |v: usize, f: usize| {
            let fields: Vec<&syn::Field> = shape.variants[v].fields.iter().collect();
            doc_strings(&fields[f].attrs)
        };
        assert_eq!(variant(0), vec![" A round one."]);
        assert_eq!(field(0, 0), vec![" Its radius."]);
        assert_eq!(
            variant(1),
            vec![" The `Rect` variant of the Seq union `Shape`: `Make-Rect` makes one from its fields, `is-Rect?` tests for one."]
        );
        assert_eq!(
            field(1, 1),
            vec![" The `h` field of `Rect`, of Seq type `Float`: `Rect-h` pushes it."]
        );
        assert_eq!(
            variant(2),
            vec![" The `Empty` variant of the Seq union `Shape`: `Make-Empty` makes one, `is-Empty?` tests for one."]
        );
    }
}
