//! "Did you mean" suggestions: the closest known name by edit distance (a swap of two
//! neighbouring characters counts as one edit), the names other languages use for a
//! word (`list.size`, `string.len` mean `.length`), and, between equally close names, one
//! of the same family (`list.` for `list.x`).

/// Other languages' names for what a word's last part is called here.
const SYNONYMS: &[(&str, &str)] = &[
    ("len", "length"),
    ("size", "length"),
    ("count", "length"),
    ("upper", "to-upper"),
    ("lower", "to-lower"),
    ("uppercase", "to-upper"),
    ("lowercase", "to-lower"),
    ("strip", "trim"),
    ("includes", "contains"),
    ("index-of", "find"),
    ("append", "push"),
    ("has", "has?"),
    ("contains-key", "has?"),
    ("exists", "exists?"),
    ("empty", "empty?"),
    ("is-empty", "empty?"),
];

/// The candidate closest to `word`, if it is close enough to be a likely typo: at most
/// one edit for short words, a third of the length for longer ones.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().filter(|c| *c != word).collect();
    if let Some(synonym) = synonym(word, &candidates) {
        return Some(synonym);
    }
    let limit = (word.chars().count() / 3).max(1);
    let family = |c: &str| family(c) != family(word);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| family(a.1).cmp(&family(b.1)))
                .then_with(|| a.1.cmp(b.1))
        })
        .map(|(_, c)| c)
}

/// The part of a name before its last `.` (`string` of `string.len`), if any.
fn family(name: &str) -> Option<&str> {
    name.rsplit_once('.').map(|(family, _)| family)
}

/// `family.other-name` → `family.name-here`, when that word exists.
fn synonym<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let (family, last) = word.rsplit_once('.')?;
    let (_, here) = SYNONYMS.iter().find(|(other, _)| *other == last)?;
    let wanted = format!("{family}.{here}");
    candidates.iter().copied().find(|c| *c == wanted)
}

/// Optimal string alignment distance over characters: insertions, deletions,
/// substitutions and swaps of two neighbours each count one.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // rows[i][j]: the distance between a[..i] and b[..j]; three rows are enough.
    let mut before = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        let names = ["dup", "drop", "swap", "io.write-line", "i.+"];
        assert_eq!(did_you_mean("dupp", names), Some("dup"));
        assert_eq!(did_you_mean("io.writeline", names), Some("io.write-line"));
        assert_eq!(did_you_mean("frobnicate", names), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn swapped_letters_are_one_edit() {
        let names = ["dup", "drop", "swap", "over"];
        assert_eq!(distance("sawp", "swap"), 1);
        assert_eq!(did_you_mean("sawp", names), Some("swap"));
        assert_eq!(did_you_mean("drpo", names), Some("drop"));
        assert_eq!(did_you_mean("ovre", names), Some("over"));
    }

    #[test]
    fn other_languages_names_and_families() {
        let names = [
            "string.length",
            "string.find",
            "list.length",
            "list.make",
            "file.size",
        ];
        assert_eq!(did_you_mean("string.len", names), Some("string.length"));
        assert_eq!(did_you_mean("list.size", names), Some("list.length"));
        assert_eq!(did_you_mean("list.count", names), Some("list.length"));
        // No synonym here: the closest name, of the same family on a tie.
        assert_eq!(did_you_mean("list.mak", names), Some("list.make"));
        assert_eq!(did_you_mean("vec.size", names), None);
    }
}
