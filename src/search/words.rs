//! Lists of words (of `responses/ask.json`) looked for in a question, for the passes that
//! rewrite a question's words before the matcher reads it (`relative`, `sequence`).
//!
//! Most questions write none of a list's words, and walking the text character by
//! character to try each word at each place costs a long question thousands of
//! comparisons. A list knows the characters of each of its words ([`Chars`]); a text's
//! characters are taken once, and a word holding a character the text lacks is left out
//! before any search: the words kept are then searched for (a substring search), and only
//! the words found somewhere are tried place by place. The places found are the same
//! (a word found at a place is written in the text, so holds only characters it holds).

/// A set of characters as a 128-bit mask (a bit per hash of each character): two texts
/// that share a character share its bit, so a word whose mask holds a bit the text's lacks
/// holds a character the text does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Chars(u128);

impl Chars {
    /// The characters of `text`.
    pub fn of(text: &str) -> Chars {
        Chars(text.chars().fold(0, |mask, c| mask | bit(c)))
    }

    /// Whether every character of `word` may be in this set (false: one surely is not).
    pub fn may_hold(self, word: Chars) -> bool {
        word.0 & !self.0 == 0
    }
}

/// The bit of a character (a multiplicative hash's top seven bits: neighbouring code
/// points, as kana and kanji of one word often are, fall apart).
fn bit(c: char) -> u128 {
    1u128 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 25)
}

/// Words with the characters of each.
#[derive(Debug, Default)]
pub(crate) struct List {
    words: Vec<String>,
    chars: Vec<Chars>,
}

impl List {
    /// The words, in the order given.
    pub fn new(words: Vec<String>) -> List {
        let chars = words.iter().map(|w| Chars::of(w)).collect();
        List { words, chars }
    }

    /// The words of the list `text` (whose characters are `chars`, or a superset of
    /// them) writes somewhere, in the list's order.
    pub fn written_in<'a>(&'a self, text: &'a str, chars: Chars) -> impl Iterator<Item = &'a str> {
        self.words
            .iter()
            .zip(&self.chars)
            .filter(move |&(w, &c)| chars.may_hold(c) && text.contains(w.as_str()))
            .map(|(w, _)| w.as_str())
    }

    /// Whether `text` writes any word of the list somewhere.
    pub fn any_written_in(&self, text: &str, chars: Chars) -> bool {
        self.written_in(text, chars).next().is_some()
    }
}

impl std::ops::Deref for List {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.words
    }
}

/// Where a word of `present` (in that order of preference) is written at each place of
/// `lower`, by `word_at` (whether a word is written at a byte as a word): (start, end),
/// from the start, a word found skipped whole.
pub(crate) fn places(
    lower: &str,
    present: &[&str],
    word_at: impl Fn(&str, usize, &str) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if present.is_empty() {
        return out;
    }
    let mut i = 0;
    while i < lower.len() {
        if let Some(w) = present.iter().find(|w| word_at(lower, i, w)) {
            let end = i + w.len();
            out.push((i, end));
            i = end;
            continue;
        }
        i += lower[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Whether `word` is written at byte `at` of `lower` as a word: an English word between
/// non-letters, a Japanese one anywhere.
pub(crate) fn word_at(lower: &str, at: usize, word: &str) -> bool {
    if !lower[at..].starts_with(word) {
        return false;
    }
    if !word.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return true;
    }
    let before = lower[..at].chars().next_back();
    let after = lower[at + word.len()..].chars().next();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let joined_after = word.ends_with(|c: char| c.is_ascii_alphanumeric()) && letter(after);
    !letter(before) && !joined_after
}

/// A kanji (a Japanese word read after one is part of a longer word: 「日本年金」).
fn kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

/// Whether `word` is written at byte `at` of `lower` as a word of its own: an English word
/// between non-letters, a Japanese one after no kanji.
pub(crate) fn word_at_not_after_kanji(lower: &str, at: usize, word: &str) -> bool {
    if !lower[at..].starts_with(word) {
        return false;
    }
    let before = lower[..at].chars().next_back();
    let after = lower[at + word.len()..].chars().next();
    let first = word.chars().next().unwrap_or(' ');
    let last = word.chars().next_back().unwrap_or(' ');
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if first.is_ascii() {
        let joined_before = first.is_ascii_alphanumeric() && letter(before);
        let joined_after = last.is_ascii_alphanumeric() && letter(after);
        !joined_before && !joined_after
    } else {
        !before.is_some_and(kanji)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_written_is_never_left_out() {
        let texts = [
            "二人が最初に会ったのはいつ？",
            "the first time they met, in helsinki",
            "去年の8月の会談はどこ？ ２年前の夏",
            "ヘルシンキの次に会ったのはどこ？",
            "",
        ];
        for text in texts {
            let chars = Chars::of(text);
            let all: Vec<char> = text.chars().collect();
            for i in 0..all.len() {
                for j in i + 1..=all.len().min(i + 6) {
                    let word: String = all[i..j].iter().collect();
                    assert!(chars.may_hold(Chars::of(&word)), "{word} in {text}");
                }
            }
        }
        let list = List::new(vec![
            "最初".into(),
            "最後".into(),
            "first".into(),
            "後".into(),
        ]);
        let text = "二人が最初に会ったのは first time";
        let found: Vec<&str> = list.written_in(text, Chars::of(text)).collect();
        assert_eq!(found, ["最初", "first"]);
        assert!(!list.any_written_in("いつ会った？", Chars::of("いつ会った？")));
    }

    #[test]
    fn places_are_found_from_the_start_longest_in_the_order_given() {
        let at = |lower: &str, i: usize, w: &str| lower[i..].starts_with(w);
        assert_eq!(
            places("最初の最初に", &["最初に", "最初"], at),
            [(0, 6), (9, 18)]
        );
        assert!(places("最初", &[], at).is_empty());
    }
}
