// `extern async` needs the path of the Rust `async fn` before the `;`.
use seq::seq;

seq! {
    : fetch ( String -- String ) extern async ;
}

fn main() {}
