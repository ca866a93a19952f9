//! Copy-on-write access to the `Arc` inside a `List` or `Map`.
//!
//! `Arc::make_mut` decides whether the value is shared with an atomic compare-and-swap on
//! every call, which costs more than the `Vec::push` it guards when a list is built one
//! element at a time. Lists and maps never hand out their `Arc` and never make a `Weak`
//! from it, so "unshared" is exactly "the strong count is 1", which a plain load tells.
//!
//! Invariant relied on: no `Weak` is ever created from an `Arc` passed here.

use std::sync::atomic::{fence, Ordering};
use std::sync::Arc;

/// The value, for changing: in place when nothing else holds it, else a copy first.
pub(crate) fn unique_mut<T: Clone>(arc: &mut Arc<T>) -> &mut T {
    if Arc::strong_count(arc) == 1 {
        // Pairs with the Release decrement of every clone dropped before: their reads of
        // the value happen before the writes the caller is about to make.
        fence(Ordering::Acquire);
        // SAFETY: the count is 1 and no `Weak` exists (module invariant), so `arc` is the
        // only handle; `&mut Arc` keeps anyone from cloning it while the borrow lives. So
        // this is the only reference to the value, as `Arc::get_mut` would find.
        unsafe { &mut *Arc::as_ptr(arc).cast_mut() }
    } else {
        Arc::make_mut(arc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_in_place_only_when_unshared() {
        let mut a = Arc::new(vec![1]);
        let before = Arc::as_ptr(&a);
        unique_mut(&mut a).push(2);
        assert_eq!(Arc::as_ptr(&a), before);
        let b = a.clone();
        unique_mut(&mut a).push(3);
        assert_ne!(Arc::as_ptr(&a), before, "copied");
        assert_eq!((a.as_slice(), b.as_slice()), (&[1, 2, 3][..], &[1, 2][..]));
    }

    #[test]
    fn a_copy_dropped_on_another_thread_leaves_the_value_unshared() {
        let mut a = Arc::new(vec![0u64; 4]);
        let b = a.clone();
        std::thread::spawn(move || assert_eq!(b.iter().sum::<u64>(), 0))
            .join()
            .unwrap();
        let before = Arc::as_ptr(&a);
        unique_mut(&mut a)[0] = 5;
        assert_eq!(Arc::as_ptr(&a), before);
    }
}
