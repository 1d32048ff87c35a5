//! What a question asks of a record (いつ, どこ, 何回…), from `asks` in `responses/ask.json`.

use super::lexicon::{begins_with, pair_key, Ends};
use super::normalize::Folded;
use crate::knowledge::ask::Asked;
use std::collections::BTreeMap;

/// The ways each thing is asked, compiled once.
#[derive(Debug, Default)]
pub(crate) struct AskedForms {
    /// Japanese (and other non-ASCII) forms, normalised, matched anywhere their scripts fit
    /// (see [`Ends`]: 「いつ」 is no part of 「ドイツ」); by first letter.
    folded: super::fasthash::CharMap<Vec<(Vec<char>, Asked, Ends)>>,
    /// `folded`'s forms of two characters or more by their first two (see
    /// `lexicon::pair_key`), and those of one: where a question reads, only the forms that
    /// begin as it does are tried.
    by_pair: super::fasthash::SpreadMap<u64, Vec<(Vec<char>, Asked, Ends)>>,
    single: super::fasthash::CharMap<Vec<(Vec<char>, Asked, Ends)>>,
    /// English forms, lower case, as words, matched as whole words; by first word.
    english: super::fasthash::FastMap<String, Vec<(Vec<String>, Asked)>>,
}

impl AskedForms {
    pub fn new(asks: &BTreeMap<Asked, Vec<String>>) -> AskedForms {
        AskedForms::build(asks, false)
    }

    /// [`AskedForms::new`] with English forms split into words as a question is, at any
    /// mark as well as at spaces ("one-on-one" is the three words a question writes).
    pub fn words_apart(asks: &BTreeMap<Asked, Vec<String>>) -> AskedForms {
        AskedForms::build(asks, true)
    }

    fn build(asks: &BTreeMap<Asked, Vec<String>>, apart: bool) -> AskedForms {
        let mut forms = AskedForms::default();
        for (asked, surfaces) in asks {
            for s in surfaces {
                if s.is_ascii() {
                    let words = s
                        .to_ascii_lowercase()
                        .split(|c: char| {
                            c == ' ' || (apart && !(c.is_ascii_alphanumeric() || c == '\''))
                        })
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<String>>();
                    if let Some(first) = words.first() {
                        forms
                            .english
                            .entry(first.clone())
                            .or_default()
                            .push((words, *asked));
                    }
                } else {
                    let folded = Folded::new(s);
                    let key: Vec<char> = folded.text.chars().collect();
                    let ends = Ends::of(&folded.scripts);
                    match key[..] {
                        [first] => forms.single.slot(first).push((key.clone(), *asked, ends)),
                        [first, second, ..] => forms
                            .by_pair
                            .entry(pair_key(first, second))
                            .or_default()
                            .push((key.clone(), *asked, ends)),
                        [] => {}
                    }
                    if let Some(&first) = key.first() {
                        forms.folded.slot(first).push((key, *asked, ends));
                    }
                }
            }
        }
        forms
    }

    /// What the question asks; when it asks several things, the most specific (counts and
    /// comparisons before dates and places, in the order of [`Asked`]).
    pub fn detect(&self, question: &Prepared) -> Option<Asked> {
        let folded = question.folded.as_slice();
        // Only the forms that begin with a character's two, or are that one: any of them
        // may match in full, the others cannot.
        let mut japanese: Option<Asked> = None;
        for (i, c) in folded.iter().enumerate() {
            if self.folded.get(c).is_none() {
                continue;
            }
            let pair = match folded[i..] {
                [first, second, ..] => self.by_pair.get(&pair_key(first, second)),
                _ => None,
            };
            let forms = pair.map_or(&[][..], Vec::as_slice);
            let single = self.single.get(c).map_or(&[][..], Vec::as_slice);
            for (s, a, ends) in forms.iter().chain(single) {
                if begins_with(&folded[i..], s) && question.fits(*ends, i, s.len()) {
                    japanese = Some(japanese.map_or(*a, |b| b.min(*a)));
                }
            }
        }
        let words = &question.words;
        let english = words.iter().enumerate().flat_map(|(i, word)| {
            self.english
                .get(word)
                .into_iter()
                .flatten()
                .filter(move |(phrase, _)| words[i..].starts_with(phrase))
                .map(|(_, a)| *a)
        });
        japanese.into_iter().chain(english).min()
    }
}

/// Where a question writes one of the forms of [`AskedForms`]: from `start` for `len`,
/// in characters of its folded form, or in its Latin words when `english`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub len: usize,
    pub asked: Asked,
    pub english: bool,
}

impl Found {
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

impl AskedForms {
    /// Every form the question writes, where it writes it: the Japanese ones in the order
    /// of their places, then the English ones.
    pub fn found(&self, question: &Prepared) -> Vec<Found> {
        let folded = question.folded.as_slice();
        let mut out = Vec::new();
        for (i, c) in folded.iter().enumerate() {
            for (s, a, ends) in self.folded.get(c).into_iter().flatten() {
                if begins_with(&folded[i..], s) && question.fits(*ends, i, s.len()) {
                    out.push(Found {
                        start: i,
                        len: s.len(),
                        asked: *a,
                        english: false,
                    });
                }
            }
        }
        let words = &question.words;
        for (i, word) in words.iter().enumerate() {
            for (phrase, a) in self.english.get(word).into_iter().flatten() {
                if words[i..].starts_with(phrase) {
                    out.push(Found {
                        start: i,
                        len: phrase.len(),
                        asked: *a,
                        english: true,
                    });
                }
            }
        }
        out
    }
}

impl AskedForms {
    /// The question (normalised) without the words that ask (「何時間」, 「決まった」, "how
    /// long"): what it is about.
    pub fn strip(&self, question: &Prepared) -> String {
        let folded = &question.folded;
        let mut keep = vec![true; folded.len()];
        for i in 0..folded.len() {
            for (form, _, ends) in self.folded.get(&folded[i]).into_iter().flatten() {
                if begins_with(&folded[i..], form) && question.fits(*ends, i, form.len()) {
                    keep[i..i + form.len()].iter_mut().for_each(|k| *k = false);
                }
            }
        }
        let mut out: String = folded
            .iter()
            .zip(&keep)
            .map(|(&c, &k)| if k { c } else { ' ' })
            .collect();
        let words = &question.words;
        let mut gone = vec![false; words.len()];
        for (start, word) in words.iter().enumerate() {
            for (phrase, _) in self.english.get(word).into_iter().flatten() {
                if words[start..].starts_with(phrase) {
                    gone[start..start + phrase.len()]
                        .iter_mut()
                        .for_each(|g| *g = true);
                }
            }
        }
        if gone.iter().any(|&g| g) {
            // English: the words left, apart.
            out = words
                .iter()
                .zip(&gone)
                .filter(|(_, &g)| !g)
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ");
        }
        out
    }
}

/// The most words a `*` of a [`GappedForms`] form stands for ("how did the Budapest
/// summit between Trump and Putin go").
const GAP_WORDS: usize = 8;

/// English forms with a gap (`how did * go`): their words in order, a `*` standing for one
/// to [`GAP_WORDS`] words.
#[derive(Debug, Default)]
pub(crate) struct GappedForms {
    forms: Vec<Vec<String>>,
}

impl GappedForms {
    /// The forms of `surfaces` that are English and hold a `*`; the others are
    /// [`AskedForms`]'.
    pub fn new(surfaces: &[String]) -> GappedForms {
        let forms = surfaces
            .iter()
            .filter(|s| s.is_ascii() && s.split(' ').any(|w| w == "*"))
            .map(|s| {
                s.to_ascii_lowercase()
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        GappedForms { forms }
    }

    /// Whether the question writes one of the forms.
    pub fn detect(&self, question: &Prepared) -> bool {
        let words = &question.words;
        self.forms
            .iter()
            .any(|form| (0..words.len()).any(|i| gapped_at(&words[i..], form)))
    }
}

/// Whether `words` begin with `form`, each `*` of it standing for 1..=[`GAP_WORDS`] words.
fn gapped_at(words: &[String], form: &[String]) -> bool {
    match form.split_first() {
        None => true,
        Some((first, rest)) if first == "*" => {
            (1..=GAP_WORDS.min(words.len())).any(|n| gapped_at(&words[n..], rest))
        }
        Some((first, rest)) => words.first() == Some(first) && gapped_at(&words[1..], rest),
    }
}

/// A question folded once for every [`AskedForms`]: normalised, the scripts its
/// characters were typed in, and its Latin words.
pub(crate) struct Prepared {
    folded: Vec<char>,
    scripts: Vec<super::normalize::Script>,
    /// Katakana marks its words (see `normalize::katakana_marks_words`).
    words_marked: bool,
    words: Vec<String>,
    /// For each of `words`, whether it begins a clause: the first, or after a mark of
    /// punctuation.
    clause_starts: Vec<bool>,
}

impl Prepared {
    #[cfg(test)]
    pub fn new(question: &str) -> Prepared {
        Prepared::from_folded(question, &Folded::new(question))
    }

    /// The question's folded character `at`.
    pub fn char_at(&self, at: usize) -> Option<char> {
        self.folded.get(at).copied()
    }

    /// Whether the folded character `at` was typed in hiragana.
    pub fn hiragana_at(&self, at: usize) -> bool {
        self.scripts
            .get(at)
            .is_some_and(|s| s & super::normalize::HIRAGANA != 0)
    }

    /// How many characters the folded question has.
    pub fn len(&self) -> usize {
        self.folded.len()
    }

    /// Whether a space or a mark of punctuation stood before the folded character `at`.
    pub fn breaks_before(&self, at: usize) -> bool {
        self.scripts
            .get(at)
            .is_some_and(|s| s & super::normalize::BREAK != 0)
    }

    /// The question's Latin words, lower case.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether the word `at` begins a clause (see `clause_starts`).
    pub fn starts_clause(&self, at: usize) -> bool {
        self.clause_starts.get(at).copied().unwrap_or(false)
    }

    /// Whether a form whose ends are `ends` may stand for `len` characters from `at`.
    fn fits(&self, ends: Ends, at: usize, len: usize) -> bool {
        ends.fit(
            &self.scripts,
            &self.folded,
            at,
            len,
            self.words_marked,
            false,
        )
    }

    /// [`Prepared::new`] of a question whose [`Folded`] form is already at hand.
    pub fn from_folded(question: &str, folded_question: &Folded) -> Prepared {
        let normalized = folded_question.text.as_str();
        // The folded form keeps every ASCII letter and digit the question's NFKC form has
        // (lower-cased): without any, the question has no English words to find.
        let mut words = Vec::new();
        let mut clause_starts = Vec::new();
        if normalized.bytes().any(|b| b.is_ascii_alphanumeric()) {
            let text = super::normalize::lowercase(&super::normalize::nfkc(question));
            let mut word = String::new();
            let mut punctuated = true;
            for c in text.chars().chain([' ']) {
                if c.is_ascii_alphanumeric() || c == '\'' {
                    word.push(c);
                    continue;
                }
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                    clause_starts.push(punctuated);
                    punctuated = false;
                }
                if matches!(c, '.' | '?' | '!' | ',' | ';' | ':')
                    || !(c.is_ascii() || c.is_whitespace())
                {
                    punctuated = true;
                }
            }
        }
        // Sized once: a text has at most as many characters as bytes.
        let mut folded = Vec::with_capacity(normalized.len());
        folded.extend(normalized.chars());
        let scripts = folded_question.scripts.clone();
        let words_marked = super::normalize::katakana_marks_words(normalized, &scripts);
        Prepared {
            folded,
            scripts,
            words_marked,
            words,
            clause_starts,
        }
    }
}

/// The years a question names (2018年, 2018), in order.
#[cfg(test)]
pub(crate) fn years_in(question: &str) -> Vec<u16> {
    years_in_folded(&super::normalize::nfkc(question))
}

/// [`years_in`] of a text already in NFKC (a question cleaned of its courtesies).
pub(crate) fn years_in_folded(text: &str) -> Vec<u16> {
    // ASCII digits are single bytes that no other character's bytes contain: the runs of
    // digits are found among the bytes, without decoding a character.
    let mut out = Vec::new();
    for run in text.as_bytes().split(|b| !b.is_ascii_digit()) {
        if run.len() == 4 {
            let y = run.iter().fold(0u16, |y, d| y * 10 + u16::from(d - b'0'));
            if (1900..=2100).contains(&y) && !out.contains(&y) {
                out.push(y);
            }
        }
    }
    out
}

/// The months a question names with their year (2025年2月), in order.
#[cfg(test)]
pub(crate) fn months_in(question: &str) -> Vec<(u16, u8)> {
    months_in_folded(&super::normalize::nfkc(question))
}

/// [`months_in`] of a text already in NFKC.
pub(crate) fn months_in_folded(text: &str) -> Vec<(u16, u8)> {
    // Every month named is written with 月.
    if !text.contains('月') {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let number = |from: usize| {
        let digits: String = chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        (digits.parse::<u16>().ok(), from + digits.chars().count())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match number(i) {
            (Some(year), end) if end - i == 4 && chars.get(end) == Some(&'年') => {
                if let (Some(month), after) = number(end + 1) {
                    if chars.get(after) == Some(&'月') && (1..=12).contains(&month) {
                        out.push((year, month as u8));
                    }
                }
                i = end + 1;
            }
            (_, end) if end > i => i = end,
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_are_found_in_any_script() {
        let mut asks = BTreeMap::new();
        asks.insert(Asked::When, vec!["いつ".to_string(), "when".to_string()]);
        asks.insert(Asked::Count, vec!["何回".to_string()]);
        let forms = AskedForms::new(&asks);
        let detect = |q: &str| forms.detect(&Prepared::new(q));
        assert_eq!(detect("ヘルシンキ会談はイツ？"), Some(Asked::When));
        assert_eq!(detect("When was it?"), Some(Asked::When));
        assert_eq!(detect("whenever"), None);
        assert_eq!(detect("いつ何回会った"), Some(Asked::Count));
        // Not inside a katakana word (ド|イツ), in a text that has hiragana.
        assert_eq!(detect("ドイツの首相は？"), None);
        assert_eq!(detect("ﾄﾞｲﾂ ﾉ ｶｲﾀﾞﾝ ｲﾂ"), Some(Asked::When));
    }

    #[test]
    fn a_gap_stands_for_a_few_words() {
        let forms = GappedForms::new(&["how did * go".to_string(), "how it went".to_string()]);
        let detect = |q: &str| forms.detect(&Prepared::new(q));
        assert!(detect("How did the Osaka meeting go?"));
        assert!(detect("so how did it go"));
        // A gap is at least one word and at most a few.
        assert!(!detect("how did go"));
        assert!(!detect(
            "how did they get there and then what did the press say and go"
        ));
        // Forms without a gap are not its.
        assert!(!detect("tell me how it went"));
    }

    #[test]
    fn months_come_with_their_year() {
        assert_eq!(
            months_in("2025年2月にサウジで、2018年の秋"),
            vec![(2025, 2)]
        );
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(years_in("２０１８年と2019年、12345"), vec![2018, 2019]);
    }
}
