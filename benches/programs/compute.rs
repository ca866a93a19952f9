//! The compute benchmarks' programs written in Seq: the same algorithms as [`crate::hand`].

use seq::seq;

seq! {
    // Naive doubly recursive Fibonacci.
    : fib ( Int -- Int )
        dup 2 i.< if
        else
            dup 1 i.- fib
            swap 2 i.- fib
            i.+
        then ;

    // ( n d -- Bool ): no odd divisor from d up to the square root of n divides n.
    : no-divisor-from ( Int Int -- Bool )
        dup dup i.* 2 pick i.> if
            drop drop true
        else
            2dup i.% drop 0 i.= if
                drop drop false
            else
                2 i.+ no-divisor-from
            then
        then ;

    : prime? ( Int -- Bool )
        dup 2 i.< if
            drop false
        else
            dup 2 i.% drop 0 i.= if 2 i.= else 3 no-divisor-from then
        then ;

    // ( count n limit -- count ): counts the primes in n .. limit-1.
    : count-primes-from ( Int Int Int -- Int )
        2dup i.>= if
            drop drop
        else
            over prime? if rot 1 i.+ rot rot then
            swap 1 i.+ swap count-primes-from
        then ;

    // How many primes are below the limit.
    : count-primes ( Int -- Int ) 0 2 rot count-primes-from ;
}
