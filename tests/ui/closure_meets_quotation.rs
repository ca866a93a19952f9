// A closure value and a plain quotation literal meeting at the arms of an `if`.
use seq::seq;

seq! {
    : choose-fn ( Bool Closure[ Int -- Int ] -- Closure[ Int -- Int ] ) swap [ ] [ drop [ 1 i.+ ] ] if ;
}

fn main() {}
