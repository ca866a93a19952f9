//! Rust types on the stack: `type Name = path ;` gives a Rust type a Seq name, so Rust
//! functions declared as words can take and return it, lists, maps and channels can hold
//! it, and it can cross strands. Also generic words whose effects use type variables.

use seq::runtime::{Channel, List};
use seq::seq;

/// A Rust type that Seq code handles without knowing what is inside.
pub mod geo {
    /// A point.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Point {
        /// x
        pub x: f64,
        /// y
        pub y: f64,
    }

    /// Makes a point.
    pub fn point(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// Distance between two points.
    pub fn dist(a: Point, b: Point) -> f64 {
        (a.x - b.x).hypot(a.y - b.y)
    }

    /// Moves a point.
    pub fn shift(p: Point, dx: f64) -> Point {
        Point { x: p.x + dx, ..p }
    }
}

seq! {
    type Point = crate::geo::Point ;
    type Names = std::vec::Vec<String> ;
    : point ( Float Float -- Point ) extern crate::geo::point ;
    : dist ( Point Point -- Float ) extern crate::geo::dist ;
    : shift ( Point Float -- Point ) extern crate::geo::shift ;
    : names-len ( Names -- Int ) extern names_len ;

    : origin ( -- Point ) 0.0 0.0 point ;
    : from-origin ( Point -- Float ) origin dist ;
    // A duplicated Rust value is cloned only where a move needs its own copy.
    : walk ( Point -- Point Point ) dup 1.0 shift ;
    : path ( Int -- List<Point> ) list.make swap [ int->float 0.0 point list.push ] each-integer ;
    : total-reach ( List<Point> -- Float ) 0.0 [ from-origin f.+ ] list.fold ;
    : missing ( List<Point> -- Point Bool ) 99 list.get ;
    : far ( Channel<Point> -- ) [ 3.0 4.0 point swap chan.send drop ] strand.spawn drop drop ;
    : count-names ( Names -- Int ) names-len ;

    // Generic words: type variables in effects.
    : first-or ( List T -- T ) swap list.first [ nip ] [ drop ] if ;
    : pair-swap ( T U -- U T ) swap ;
    : twice ( T [ T -- T ] -- T ) dup rot swap call swap call ;
    : first-point-or-origin ( List<Point> -- Point ) origin first-or ;
    : first-int-or-zero ( List<Int> -- Int ) 0 first-or ;
}

fn names_len(names: Vec<String>) -> i64 {
    names.len() as i64
}

#[test]
fn rust_values_through_seq_words() {
    let p = geo::point(3.0, 4.0);
    assert_eq!(from_origin(p.clone()), 5.0);
    let (before, after) = walk(p);
    assert_eq!((before.x, after.x), (3.0, 4.0), "the original is untouched");
    assert_eq!(count_names(vec!["a".into(), "b".into()]), 2);
}

#[test]
fn rust_values_in_collections_and_channels() {
    let points = path(4);
    assert_eq!(points.len(), 4);
    assert_eq!(total_reach(points.clone()), 0.0 + 1.0 + 2.0 + 3.0);
    assert_eq!(
        missing(points),
        (geo::Point::default(), false),
        "the default of a missing element"
    );
    let chan = Channel::new();
    far(chan.clone());
    assert_eq!(chan.receive(), (geo::point(3.0, 4.0), true));
}

#[test]
fn generic_words() {
    assert_eq!(
        first_or(List::from(vec!["a".to_string()]), "z".to_string()),
        "a"
    );
    assert_eq!(first_or(List::<String>::new(), "z".to_string()), "z");
    assert_eq!(first_int_or_zero(List::new()), 0);
    assert_eq!(first_int_or_zero(List::from(vec![7])), 7);
    assert_eq!(first_point_or_origin(List::new()), geo::Point::default());
    assert_eq!(pair_swap(1, "x"), ("x", 1));
    fn inc(x: i64) -> i64 {
        x + 1
    }
    assert_eq!(twice(5, inc), 7);
}
