// Two seq! blocks for `seq expand`.
use seq::seq;

seq! {
    : square ( Int -- Int ) dup i.* ;
}

fn main() {
    seq::seq! {
        : cube ( Int -- Int ) dup dup i.* i.* ;
    }
    println!("{}", square(cube(2)));
}
