// `#` comments belong to `.seq` files; inside `seq!` they are Rust's `//`.
seq::seq! {
    # add one
    : f ( Int -- Int ) 1 i.+ ;
}

fn main() {}
