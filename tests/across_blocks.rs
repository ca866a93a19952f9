//! Words across macro blocks: `tests/seq/blocks/words.seq` is compiled once by
//! `include_seq!` in the module `words`, and `seq!` blocks in other modules use its words
//! with `use crate::words::{ ... } from "..." ;`, restating no effect: the macro reads the
//! file for the effects and calls the functions of `crate::words`. Words of an inline
//! `seq!` block (the module `inline` below) are used the same way, naming the Rust file
//! that holds the block: `from "tests/across_blocks.rs"`.

use seq::runtime::{block_on, Channel};

mod words {
    seq::include_seq!("tests/seq/blocks/words.seq");
}

mod user {
    seq::seq! {
        use crate::words::{ sq word-count } from "tests/seq/blocks/words.seq" ;

        /// The sum of the squares of two Ints.
        : sum-of-squares ( Int Int -- Int ) sq swap sq i.+ ;
        /// Squares a line's word count.
        : words-squared ( String -- Int ) word-count sq ;
    }
}

mod shapes {
    // `Shape` appears in the used effects: it comes along as `crate::words::Shape`.
    seq::seq! {
        use crate::words::{ square, area } from "tests/seq/blocks/words.seq" ;

        : square-area ( Float -- Float ) square area ;
        : double-area ( Shape -- Float ) area 2.0 f.* ;
    }
}

mod waiting {
    // `receive-two` waits on its channel: it is called through `receive_two_async`, and the
    // word that uses it waits too.
    seq::seq! {
        use crate::words::{ receive-two } from "tests/seq/blocks/words.seq" ;

        : receive-two-doubled ( Channel<Int> -- Int ) receive-two 2 i.* ;
    }
}

/// A Rust type the inline block names.
#[derive(Clone, Debug, PartialEq)]
pub struct Celsius(pub f64);

mod inline {
    pub mod nested {
        seq::seq! {
            type Celsius = crate::Celsius ;
            union Reading { Temp { c: Celsius } Missing }

            : cube ( Int -- Int ) dup dup i.* i.* ;
            : warm ( Float -- Reading ) extern-celsius Make-Temp ;
            : extern-celsius ( Float -- Celsius ) extern crate::celsius ;
            : first-of ( Channel<Int> -- Int ) chan.receive drop ;
            : twice ( ..a [ ..a -- ..a ] -- ..a ) dup [ call ] dip call ;
        }
    }
}

/// `extern` of the inline block.
pub fn celsius(c: f64) -> Celsius {
    Celsius(c)
}

mod inline_user {
    seq::seq! {
        use crate::inline::nested::{ cube warm first-of } from "tests/across_blocks.rs" ;

        : cube-plus-one ( Int -- Int ) cube 1 i.+ ;
        : warm-reading ( -- Reading ) 21.5 warm ;
        : first-cubed ( Channel<Int> -- Int ) first-of cube ;
    }
}

mod chain {
    // A block using words of a block that itself uses words of a third, all in this file.
    seq::seq! {
        use crate::inline_user::{ cube-plus-one } from "tests/across_blocks.rs" ;

        : twice-cube-plus-one ( Int -- Int ) cube-plus-one 2 i.* ;
    }
}

#[test]
fn words_of_an_inline_block_are_called_from_another_block() {
    assert_eq!(chain::twice_cube_plus_one(2), 18);
    assert_eq!(inline_user::cube_plus_one(3), 28);
    let reading: inline::nested::Reading = inline_user::warm_reading();
    assert!(matches!(reading, inline::nested::Reading::Temp { c } if c == Celsius(21.5)));
    let ch = Channel::new();
    ch.send(4);
    assert_eq!(block_on(inline_user::first_cubed_async(ch)), 64);
}

#[test]
fn words_of_a_file_are_called_from_another_block() {
    assert_eq!(user::sum_of_squares(3, 4), 25);
    assert_eq!(user::words_squared("one two three".to_string()), 9);
}

#[test]
fn a_union_of_the_file_is_the_same_type_in_both_blocks() {
    assert_eq!(shapes::square_area(3.0), 9.0);
    assert_eq!(shapes::double_area(words::square(1.5)), 4.5);
    let shape: words::Shape = words::square(2.0);
    assert_eq!(words::area(shape), 4.0);
}

#[test]
fn a_waiting_word_is_awaited_across_blocks() {
    let ch = Channel::new();
    ch.send(20);
    ch.send(1);
    assert_eq!(block_on(waiting::receive_two_doubled_async(ch)), 42);
}
