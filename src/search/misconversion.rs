//! Words a phone's kana-to-kanji conversion or voice input wrote wrong: the homophones of
//! the dataset's core words (「会談」 as 「怪談」 or 「階段」, 「停戦」 as 「停船」, 「会見」
//! as 「会件」), from `responses/synonyms.json` (`misconversions`: the right word → its
//! wrong conversions), and their readings typed in kana when the conversion was skipped
//! (「よろんちょうさ」, 「ゆうしょくかい」: `unconverted`). The question is read with each
//! written as the word it stands for, before anything else reads it.

use crate::knowledge::Knowledge;

/// The wrong conversions with the words they stand for, longest first.
#[derive(Debug, Default)]
pub(crate) struct Misconversions {
    pairs: Vec<(String, String)>,
}

impl Misconversions {
    pub(crate) fn new(k: &Knowledge) -> Misconversions {
        let mut pairs: Vec<(String, String)> = k
            .synonyms
            .misconversions
            .iter()
            .chain(&k.synonyms.unconverted)
            .flat_map(|(right, wrongs)| {
                wrongs
                    .iter()
                    .filter(move |w| !w.is_empty() && *w != right)
                    .map(move |w| (w.clone(), right.clone()))
            })
            .collect();
        pairs.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then_with(|| a.0.cmp(&b.0))
        });
        Misconversions { pairs }
    }

    /// The text with its wrong conversions put right; `None` when it writes none.
    pub(crate) fn correct(&self, text: &str) -> Option<String> {
        if !self
            .pairs
            .iter()
            .any(|(wrong, _)| text.contains(wrong.as_str()))
        {
            return None;
        }
        let mut out = text.to_string();
        for (wrong, right) in &self.pairs {
            if out.contains(wrong.as_str()) {
                out = out.replace(wrong.as_str(), right);
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Misconversions {
        Misconversions::new(&Knowledge::embedded().expect("dataset loads"))
    }

    #[test]
    fn wrong_conversions_of_core_words_are_read_as_them() {
        let m = table();
        assert_eq!(
            m.correct("ヘルシンキ怪談のきしゃかいけん").as_deref(),
            Some("ヘルシンキ会談のきしゃかいけん")
        );
        assert_eq!(
            m.correct("共同会件のあと").as_deref(),
            Some("共同会見のあと")
        );
        assert_eq!(m.correct("停船交渉").as_deref(), Some("停戦交渉"));
        assert_eq!(m.correct("ヘルシンキ会談の記者会見"), None);
        // Readings typed unconverted, and a longer word read whole before a shorter one.
        assert_eq!(
            m.correct("はんぶるく ゆうしょくかい で").as_deref(),
            Some("はんぶるく 夕食会 で")
        );
        assert_eq!(
            m.correct("ぼうえきちゅうしん").as_deref(),
            Some("ぼうえき中心")
        );
    }
}
