// `-` on two Strings: only `+` and `=` take Strings.
use seq::seq;

seq! {
    : cut ( String String -- String ) - ;
}

fn main() {}
