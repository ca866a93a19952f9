// A String where an Int is needed; the note says who pushed it.
use seq::seq;

seq! {
    : f ( -- Int )
        "ten" 1 i.+ ;
}

fn main() {}
