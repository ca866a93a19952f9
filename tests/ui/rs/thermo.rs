// Inline `seq!` blocks whose words the ui tests use from other files (not a ui test itself).
mod thermo {
    seq::seq! {
        : to-kelvin ( Float -- Float ) 273.15 f.+ ;
        : pair ( T -- T T ) dup ;
    }
}
