// A map whose values mix types is a map of Variants; the error that remains once it
// is (an unknown word further on) is the one reported.
seq::seq! {
    : record ( -- ) map.make "status" 404 map.set "ok" false map.set drop nosuchword ;
}

fn main() {}
