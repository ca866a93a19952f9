//! `Map<K, V>`: Seq's immutable dictionary value.
//!
//! Like [`crate::List`], a map is shared by copying and copied only when a shared map
//! changes. Keys are kept in order (a `BTreeMap`), so `map.keys` and `map.values` list
//! them in the same, deterministic order. Missing keys read as the value type's default
//! and false.

use crate::List;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// An immutable map from `K` to `V`.
#[derive(Clone, PartialEq, Eq)]
pub struct Map<K, V>(Arc<BTreeMap<K, V>>);

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map(Arc::new(BTreeMap::new()))
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for Map<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for Map<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        Map(Arc::new(entries.into_iter().collect()))
    }
}

impl<K: Ord + Clone, V: Clone> Map<K, V> {
    /// `map.make ( -- Map )`: an empty map.
    pub fn new() -> Self {
        Map::default()
    }

    /// `map.set ( Map K V -- Map )`: the map with `key` set to `value`.
    pub fn set(mut self, key: K, value: V) -> Self {
        crate::cow::unique_mut(&mut self.0).insert(key, value);
        self
    }

    /// `map.get ( Map K -- V Bool )`: the value, or the default and false.
    pub fn get(&self, key: &K) -> (V, bool)
    where
        V: Default,
    {
        self.get_or(key, V::default)
    }

    /// [`get`](Self::get) with the value for a missing key given by `fallback` (for value
    /// types without `Default`, such as function pointers).
    pub fn get_or(&self, key: &K, fallback: impl FnOnce() -> V) -> (V, bool) {
        match self.0.get(key) {
            Some(v) => (v.clone(), true),
            None => (fallback(), false),
        }
    }

    /// `map.has? ( Map K -- Bool )`.
    pub fn has(&self, key: &K) -> bool {
        self.0.contains_key(key)
    }

    /// `map.remove ( Map K -- Map )`: the map without `key` (unchanged if missing).
    pub fn remove(mut self, key: &K) -> Self {
        if self.0.contains_key(key) {
            crate::cow::unique_mut(&mut self.0).remove(key);
        }
        self
    }

    /// `map.keys ( Map -- List )`, in key order.
    pub fn keys(&self) -> List<K> {
        self.0.keys().cloned().collect()
    }

    /// `map.values ( Map -- List )`, in key order.
    pub fn values(&self) -> List<V> {
        self.0.values().cloned().collect()
    }

    /// `map.size ( Map -- Int )`.
    pub fn size(&self) -> i64 {
        self.0.len() as i64
    }

    /// `map.empty? ( Map -- Bool )`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries, in key order.
    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, K, V> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let m = Map::new().set("b".to_string(), 2).set("a".to_string(), 1);
        assert_eq!(m.get(&"a".to_string()), (1, true));
        assert_eq!(m.get(&"z".to_string()), (0, false));
        assert!(m.has(&"b".to_string()));
        assert_eq!(m.keys(), List::from(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(m.values(), List::from(vec![1, 2]));
        let shared = m.clone();
        let smaller = m.remove(&"a".to_string());
        assert_eq!(
            (shared.size(), smaller.size()),
            (2, 1),
            "the shared copy is unchanged"
        );
        assert!(Map::<i64, i64>::new().is_empty());
        assert_eq!(smaller.clone().remove(&"zz".to_string()), smaller);
    }
}
