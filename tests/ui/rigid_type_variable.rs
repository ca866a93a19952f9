// A type variable is not any particular type.
use seq::seq;

seq! {
    : f ( T -- Int ) 1 i.+ ;
}

fn main() {}
