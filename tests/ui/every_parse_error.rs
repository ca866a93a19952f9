// Each definition's parse error is reported, not the first one only.
seq::seq! {
    : f ( Int -> Int ) ;
    : g ( -- Int ) 1 ;
    : h ( Int -- ) drop then ;
    : k ( -- ) ;
}

fn main() {}
