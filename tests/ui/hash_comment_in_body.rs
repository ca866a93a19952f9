// A `#` comment inside a definition in `seq!`.
seq::seq! {
    : f ( Int -- Int ) # add one
        1 i.+ ;
}

fn main() {}
