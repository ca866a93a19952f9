//! Rust and Seq calling each other: Seq words are Rust functions; Rust functions are
//! declared as Seq words with `extern`, and rustc checks the declared effect against the
//! function's signature.

use seq::seq;

fn divmod(a: i64, b: i64) -> (i64, i64) {
    (a.div_euclid(b), a.rem_euclid(b))
}

fn shout(s: String) -> String {
    s.to_uppercase() + "!"
}

fn record(value: i64) {
    LOG.with(|log| log.borrow_mut().push(value));
}

fn is_even(n: i64) -> bool {
    n % 2 == 0
}

fn twice_rust(n: i64, f: fn(i64) -> i64) -> i64 {
    f(f(n))
}

thread_local! {
    static LOG: std::cell::RefCell<Vec<i64>> = const { std::cell::RefCell::new(Vec::new()) };
}

mod geometry {
    /// A Rust function in another module, used from Seq by path.
    pub fn hypot(a: f64, b: f64) -> f64 {
        a.hypot(b)
    }
}

seq! {
    : divmod ( Int Int -- Int Int ) extern divmod ;
    : shout ( String -- String ) extern shout ;
    : record ( Int -- ) extern record ;
    : even? ( Int -- Bool ) extern is_even ;
    : hypot ( Float Float -- Float ) extern geometry::hypot ;
    : f-max ( Float Float -- Float ) extern f64::max ;
    : twice ( Int [ Int -- Int ] -- Int ) extern twice_rust ;

    : digits ( Int -- Int Int ) 10 divmod ;
    : greet ( String -- String ) "hello, " swap string.concat shout ;
    : record-evens ( Int -- ) dup 0 i.> [ dup even? [ dup record ] when 1 i.- record-evens ] [ drop ] if ;
    : diagonal ( Float -- Float ) dup hypot ;
    : add-four ( Int -- Int ) [ 2 i.+ ] twice ;
    : bigger ( Float Float -- Float ) f-max ;
}

#[test]
fn seq_calls_rust() {
    assert_eq!(digits(-7), (-1, 3));
    assert_eq!(greet("seq".into()), "HELLO, SEQ!");
    record_evens(6);
    assert_eq!(LOG.with(|log| log.borrow().clone()), vec![6, 4, 2]);
    assert_eq!(diagonal(3.0), 18f64.sqrt());
    assert_eq!(add_four(1), 5);
    assert_eq!(bigger(1.5, -2.0), 1.5);
}

#[test]
fn seq_words_are_plain_rust_functions() {
    // A word with a quotation parameter takes any non-capturing closure or fn.
    let f: fn(i64) -> i64 = digits_sum;
    assert_eq!(twice_rust(19, f), 1);
    fn digits_sum(n: i64) -> i64 {
        let (tens, ones) = digits(n);
        tens + ones
    }
}

#[test]
fn seq_inside_a_function_body() {
    seq! {
        : local-square ( Int -- Int ) dup i.* ;
    }
    assert_eq!(local_square(9), 81);
}
