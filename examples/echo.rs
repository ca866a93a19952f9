//! Reads standard input line by line and writes each line back numbered, in Seq:
//! `printf 'a\nb\n' | cargo run --release --example echo`.

use seq::seq;

seq! {
    // ( n -- ): numbers and echoes lines until the input ends.
    : echo-from ( Int -- )
        io.read-line if
            over int->string ": " string.concat io.write
            io.write
            1 i.+ echo-from
        else
            drop drop
        then ;

    : main ( -- ) 1 echo-from ;
}
