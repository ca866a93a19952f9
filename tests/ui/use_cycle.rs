// Two blocks using each other's words: reading one means reading the other, which reads
// the first: a cycle, reported at the `use`.
mod ping {
    seq::seq! {
        use crate::pong::{ pong } from "use_cycle.rs" ;
        : ping ( Int -- Int ) pong 1 i.+ ;
    }
}

mod pong {
    seq::seq! {
        use crate::ping::{ ping } from "use_cycle.rs" ;
        : pong ( Int -- Int ) ping 1 i.- ;
    }
}

fn main() {}
