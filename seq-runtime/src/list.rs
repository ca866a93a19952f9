//! `List<T>`: Seq's immutable list value (homogeneous in this embedding).
//!
//! A list is an `Arc` around a `Vec`: copying a list (`dup`) shares it, and changing a
//! list copies it first only if something else still holds it. So building a list with
//! `list.push` while nothing else holds it is amortized O(1) per element, as the
//! reference requires, and lists can be sent to other strands.
//!
//! Out-of-range reads give the element type's default and false; indexes count from 0.

use std::fmt;
use std::sync::Arc;

/// An immutable list of `T`.
#[derive(Clone, PartialEq, Eq)]
pub struct List<T>(Arc<Vec<T>>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Arc::new(Vec::new()))
    }
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(Arc::new(items))
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        List(Arc::new(items.into_iter().collect()))
    }
}

fn index(i: i64, len: usize) -> Option<usize> {
    usize::try_from(i).ok().filter(|&i| i < len)
}

impl<T: Clone> List<T> {
    /// `list.make ( -- List )`: an empty list.
    pub fn new() -> Self {
        List::default()
    }

    /// The elements as a `Vec`: moved out when nothing else holds the list, else copied.
    /// Loops that only `list.push` onto a list build it as a `Vec` (see the compiler's
    /// `emit::loops`) and make it a list again with `From<Vec<T>>`.
    pub fn into_vec(self) -> Vec<T> {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }

    /// `list.push ( List T -- List )`: the list with `value` appended.
    pub fn push(mut self, value: T) -> Self {
        crate::cow::unique_mut(&mut self.0).push(value);
        self
    }

    /// `list.get ( List Int -- T Bool )`: the element at `i`, or the default and false.
    pub fn get(&self, i: i64) -> (T, bool)
    where
        T: Default,
    {
        self.get_or(i, T::default)
    }

    /// [`get`](Self::get) with the value for an index out of range given by `fallback`
    /// (for element types without `Default`, such as function pointers).
    pub fn get_or(&self, i: i64, fallback: impl FnOnce() -> T) -> (T, bool) {
        match index(i, self.0.len()) {
            Some(i) => (self.0[i].clone(), true),
            None => (fallback(), false),
        }
    }

    /// `list.set ( List Int T -- List Bool )`: the list with element `i` replaced, or the
    /// list unchanged and false when `i` is out of range.
    pub fn set(mut self, i: i64, value: T) -> (Self, bool) {
        match index(i, self.0.len()) {
            Some(i) => {
                crate::cow::unique_mut(&mut self.0)[i] = value;
                (self, true)
            }
            None => (self, false),
        }
    }

    /// `list.length ( List -- Int )`.
    pub fn len(&self) -> i64 {
        self.0.len() as i64
    }

    /// `list.empty? ( List -- Bool )`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `list.reverse ( List -- List )`.
    pub fn reverse(mut self) -> Self {
        crate::cow::unique_mut(&mut self.0).reverse();
        self
    }

    /// `list.first ( List -- T Bool )`: the first element, or the default and false.
    pub fn first(&self) -> (T, bool)
    where
        T: Default,
    {
        self.get(0)
    }

    /// [`first`](Self::first) with the value for an empty list given by `fallback`.
    pub fn first_or(&self, fallback: impl FnOnce() -> T) -> (T, bool) {
        self.get_or(0, fallback)
    }

    /// `list.last ( List -- T Bool )`: the last element, or the default and false.
    pub fn last(&self) -> (T, bool)
    where
        T: Default,
    {
        self.get(self.len() - 1)
    }

    /// [`last`](Self::last) with the value for an empty list given by `fallback`.
    pub fn last_or(&self, fallback: impl FnOnce() -> T) -> (T, bool) {
        self.get_or(self.len() - 1, fallback)
    }

    /// The elements, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T: fmt::Display> List<T> {
    /// `string.join ( List String -- String )`: the elements as text (a String as itself,
    /// a number as `int->string` / `float->string` show it, a Symbol with its colon),
    /// joined with `separator`.
    pub fn join(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, element) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            // Writing to a String cannot fail.
            let _ = fmt::Write::write_fmt(&mut out, format_args!("{element}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushing_an_unshared_list_reuses_it() {
        let list = List::new().push(1).push(2);
        let before = Arc::as_ptr(&list.0);
        let list = list.push(3);
        assert_eq!(Arc::as_ptr(&list.0), before, "no copy while unshared");
        let shared = list.clone();
        let grown = list.push(4);
        assert_eq!(shared.len(), 3, "the shared copy is unchanged");
        assert_eq!(grown.len(), 4);
    }

    #[test]
    fn reads_out_of_range() {
        let list = List::from(vec![10, 20]);
        assert_eq!(list.get(1), (20, true));
        assert_eq!(list.get(2), (0, false));
        assert_eq!(list.get(-1), (0, false));
        assert_eq!(List::<i64>::new().first(), (0, false));
        assert_eq!(List::<i64>::new().last(), (0, false));
        assert_eq!(list.last(), (20, true));
        assert_eq!(list.clone().set(5, 1), (list.clone(), false));
        assert_eq!(list.set(0, 1).0.get(0), (1, true));
    }
}
