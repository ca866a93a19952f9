//! Doc comments on Seq items: `///` inside `seq!` and `##` in an included `.seq` file
//! become the rustdoc of the generated items, and every generated public item has one,
//! so a crate under `#![deny(missing_docs)]` can use words, unions (documented variants
//! and fields, and undocumented ones), waiting words, weaves, `extern`, `type` and
//! `include_seq!`. (A test file is a crate of its own: the lint applies to the public
//! module below.)

#![deny(missing_docs, warnings)]

/// A Rust type that Seq code passes around.
#[derive(Clone, Debug, PartialEq)]
pub struct Meters(pub f64);

/// The Rust function behind the Seq word `meters`.
pub fn meters(x: f64) -> Meters {
    Meters(x)
}

/// Seq words, unions and an included file, all documented.
pub mod words {
    use seq::seq;

    seq! {
        /// A shape to measure.
        union Shape {
            /// A circle.
            Circle {
                /// Its radius.
                r: Float
            }
            Rect { w: Float, h: Float }
            Empty
        }

        /// A length in meters, from Rust.
        type Meters = crate::Meters ;

        /// The hypotenuse, computed by Rust.
        : hyp ( Float Float -- Float ) extern f64::hypot ;
        : to-meters ( Float -- Meters ) extern crate::meters ;

        /// The area of a shape.
        ///
        /// Circles use 3 for pi.
        : area ( Shape -- Float )
          match Circle { >r } -> dup f.* 3.0 f.* Rect -> f.* Empty -> 0.0 end ;

        /// A running total, as a weave's body.
        : counter ( Ctx<Int> Int -- | Yield Int ) tuck yield rot i.+ counter ;
        /// Starts a running total.
        : make-counter ( -- Weave<Int> ) [ counter ] strand.weave ;

        /// Waits for a number on the channel.
        : get ( Channel<Int> -- Int ) chan.receive drop ;

        /// Whether the number is even (calls `odd` in tail position).
        : even ( Int -- Bool ) dup 0 i.= [ drop true ] [ 1 i.- odd ] if ;
        : odd ( Int -- Bool ) dup 0 i.= [ drop false ] [ 1 i.- even ] if ;

        : diagonal ( Float Float -- Float Meters ) hyp dup to-meters ;

        /// Seven. Its Rust name is what the parameter of an `Int` word would be called,
        /// so the words calling it name their parameter otherwise.
        : int0 ( -- Int ) 7 ;
        : add-seven ( Int -- Int ) int0 i.+ ;
        : add-seven-later ( Int -- Int ) [ int0 i.+ ] call ;
    }

    seq::include_seq!("tests/seq/helpers/documented.seq");
}

use words::*;

#[test]
fn documented_words_run() {
    assert_eq!(area(Shape::Circle { r: 1.0 }), 3.0);
    assert_eq!(area(Shape::Rect { w: 2.0, h: 3.0 }), 6.0);
    assert_eq!(diagonal(3.0, 4.0), (5.0, Meters(5.0)));
    assert!(even(10) && odd(7));
    assert_eq!(make_counter().resume(5, || 0), (5, true));
    assert_eq!(triple(4), 12);
    assert_eq!(place_x(Place::At { x: 7, y: 1 }), 7);
    assert_eq!(place_x(Place::Nowhere), 0);
    assert_eq!((add_seven(1), add_seven_later(2)), (8, 9));
}

#[test]
fn a_waiting_word_and_its_async_form_are_documented_and_run() {
    let channel = seq::runtime::Channel::new();
    channel.send(4);
    assert_eq!(get(channel), 4);
    let _future = get_async(seq::runtime::Channel::new());
}
