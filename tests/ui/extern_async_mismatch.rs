// An `extern async` function whose argument does not match the declared effect: rustc
// rejects it at the path.
use seq::seq;

async fn halve(x: i64) -> i64 {
    x / 2
}

seq! {
    : halve-later ( Float -- Int ) extern async halve ;
}

fn main() {}
