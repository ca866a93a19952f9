//! Unit tests of the unifier.
use super::*;
use crate::types::{SigEffect, SigStack, SigTy};

fn stack(u: &mut Unifier, items: Vec<Ty>) -> StackTy {
    StackTy {
        row: u.fresh_row(false),
        items,
    }
}

#[test]
fn items_unify_from_the_top() {
    let mut u = Unifier::default();
    let t = u.fresh_ty();
    let a = stack(&mut u, vec![Ty::Str, t.clone()]);
    let b = StackTy {
        row: a.row,
        items: vec![Ty::Str, Ty::Int],
    };
    u.unify_stacks(&a, &b).unwrap();
    assert_eq!(u.resolve(&t), Ty::Int);
}

#[test]
fn a_flexible_row_absorbs_extra_items() {
    let mut u = Unifier::default();
    let short = stack(&mut u, vec![Ty::Int]);
    let base = u.fresh_row(false);
    let long = StackTy {
        row: base,
        items: vec![Ty::Bool, Ty::Str, Ty::Int],
    };
    u.unify_stacks(&short, &long).unwrap();
    let resolved = u.resolve_stack(&short);
    assert_eq!(resolved, long);
}

#[test]
fn rigid_rows_and_types_do_not_bind() {
    let mut u = Unifier::default();
    let sig = SigEffect {
        input: SigStack {
            row: None,
            items: vec![SigTy::Var('T')],
        },
        output: SigStack {
            row: None,
            items: vec![],
        },
    };
    let q = u.instantiate(&sig, Vars::Rigid);
    assert!(u.unify(&q.input.items[0], &Ty::Int).is_err());
    let longer = StackTy {
        row: u.fresh_row(false),
        items: vec![Ty::Int],
    };
    let rigid_empty = StackTy {
        row: q.output.row,
        items: vec![],
    };
    assert!(u.unify_stacks(&rigid_empty, &longer).is_err());
    assert_eq!(u.show(&q.input.items[0]), "T");
}

#[test]
fn occurs_check_rejects_infinite_types() {
    let mut u = Unifier::default();
    let t = u.fresh_ty();
    let row = u.fresh_row(true);
    let q = Ty::Quot(Box::new(QuotTy {
        input: StackTy {
            row,
            items: vec![t.clone()],
        },
        output: StackTy { row, items: vec![] },
        closure: false,
    }));
    assert!(u.unify(&t, &q).is_err());
}

#[test]
fn own_rows_are_instantiated_per_use() {
    let mut u = Unifier::default();
    let row = u.fresh_row(true);
    let q = QuotTy {
        input: StackTy {
            row,
            items: vec![Ty::Int],
        },
        output: StackTy {
            row,
            items: vec![Ty::Int],
        },
        closure: false,
    };
    let first = u.instantiate_quot(&q);
    let second = u.instantiate_quot(&q);
    assert_ne!(first.input.row, second.input.row);
    let deep = StackTy {
        row: u.fresh_row(false),
        items: vec![Ty::Str, Ty::Int],
    };
    u.unify_stacks(&first.input, &deep).unwrap();
    // The original quotation type is untouched by the use.
    assert_eq!(u.resolve_stack(&q.input).items.len(), 1);
}

#[test]
fn rendering() {
    let mut u = Unifier::default();
    let row = u.fresh_row(true);
    let q = Ty::Quot(Box::new(QuotTy {
        input: StackTy {
            row,
            items: vec![Ty::Int, Ty::Int],
        },
        output: StackTy {
            row,
            items: vec![Ty::Int],
        },
        closure: false,
    }));
    assert_eq!(u.show(&q), "[ Int Int -- Int ]");
    assert_eq!(u.show_items(&[Ty::Str, Ty::Int]), "( String Int )");
    assert_eq!(u.show_items(&[]), "( )");
}
