//! The collections benchmark by hand, on `Vec<i64>`: the baseline for `collections`.
//! Arithmetic wraps, as Seq's does.

/// `build`: 0..n, one push at a time.
pub fn build(n: i64) -> Vec<i64> {
    let mut list = Vec::new();
    for i in 0..n {
        list.push(i);
    }
    list
}

/// `doubled`: every element times 2.
pub fn doubled(list: &[i64]) -> Vec<i64> {
    list.iter().map(|x| x.wrapping_mul(2)).collect()
}

/// `evens`: the even elements.
pub fn evens(list: &[i64]) -> Vec<i64> {
    list.iter().copied().filter(|x| x % 2 == 0).collect()
}

/// `sum`: the wrapping sum.
pub fn sum(list: &[i64]) -> i64 {
    list.iter().fold(0i64, |acc, x| acc.wrapping_add(*x))
}

/// `chain`: build, double twice, keep the evens, sum. Each list is freed as soon as the
/// next is made, as the Seq version's are.
pub fn chain(n: i64) -> i64 {
    let once = doubled(&build(n));
    let twice = doubled(&once);
    drop(once);
    let kept = evens(&twice);
    drop(twice);
    sum(&kept)
}

/// `add-inline` / `add-closure`: n added to every element.
pub fn add(list: &[i64], n: i64) -> Vec<i64> {
    list.iter().map(|x| x.wrapping_add(n)).collect()
}
