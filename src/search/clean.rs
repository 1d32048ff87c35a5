//! What does not count against a question: mentions, URLs, emoji, and the courtesies
//! around it (greetings, request forms, hedges), removed before matching.
//!
//! Courtesies fall away by one rule: a clause is cut from the first courtesy stem it holds
//! (`courtesies` in `responses/synonyms.json`: ご教示, 伺, 幸い, こんにちは…) to its end, so
//! 「その内容をご教示いただけますでしょうか」 keeps 「その内容を」 and 「お疲れさまです！」 goes.

use unicode_normalization::UnicodeNormalization;

/// Courtesy stems, folded by NFKC and lower-cased.
#[derive(Debug, Default)]
pub(crate) struct Courtesies {
    stems: Vec<String>,
    /// The Japanese stems by their first character.
    by_first: super::fasthash::FastMap<char, Vec<String>>,
}

impl Courtesies {
    pub fn new(stems: &[String]) -> Courtesies {
        let mut stems: Vec<String> = stems
            .iter()
            .map(|s| s.nfkc().collect::<String>().to_lowercase())
            .filter(|s| !s.trim().is_empty())
            .collect();
        stems.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut by_first: super::fasthash::FastMap<char, Vec<String>> = Default::default();
        for s in stems.iter().filter(|s| !s.is_ascii()) {
            if let Some(first) = s.chars().next() {
                by_first.entry(first).or_default().push(s.clone());
            }
        }
        Courtesies { stems, by_first }
    }

    /// The question without noise and courtesies (「こんにちは」 alone leaves nothing to
    /// answer).
    pub fn clean(&self, text: &str) -> String {
        let text = strip_noise(&super::normalize::nfkc(text));
        // English courtesies open a sentence ("could you tell me…"): only they go. Found in
        // lower case, cut from the text as typed (capitals mark names).
        let mut english = text.clone();
        let has_latin = text.bytes().any(|b| b.is_ascii_alphabetic());
        let mut lower = if has_latin {
            text.to_lowercase()
        } else {
            String::new()
        };
        if has_latin && lower.len() == text.len() {
            for stem in self.stems.iter().filter(|s| s.is_ascii()) {
                while let Some(i) = find_stem(&lower, stem) {
                    let blank = " ".repeat(stem.len());
                    lower.replace_range(i..i + stem.len(), &blank);
                    english.replace_range(i..i + stem.len(), &blank);
                }
            }
        }
        // Japanese ones close a clause (「…をご教示いただけますか」): the clause is cut there.
        let mut out = String::with_capacity(english.len());
        for clause in clauses(&english) {
            let cut = clause
                .char_indices()
                .find(|&(i, c)| {
                    self.by_first
                        .get(&c)
                        .is_some_and(|stems| stems.iter().any(|s| clause[i..].starts_with(s)))
                })
                .map_or(clause.len(), |(i, _)| i);
            out.push_str(&clause[..cut]);
            out.push(' ');
        }
        out
    }
}

/// The sentences of a text (split at 。？！ and line breaks), noise removed.
/// Those that end in a question mark come first, as they hold what is asked.
pub(crate) fn sentences(text: &str) -> Vec<(String, bool)> {
    let text = strip_noise(&super::normalize::nfkc(text));
    let all: Vec<&str> = text
        .split_inclusive(['。', '?', '!', '\n', '…'])
        .filter(|s| super::normalize::has_content(s))
        .collect();
    let (asking, telling): (Vec<&str>, Vec<&str>) =
        all.iter().partition(|s| s.trim_end().ends_with('?'));
    let asks = asking.len();
    asking
        .into_iter()
        .chain(telling)
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim_end_matches(['。', '?', '!', '\n', '…']).to_string();
            (s, i < asks)
        })
        .collect()
}

/// Where the ASCII `stem` starts in `clause` as a whole word ("hi" is no part of "his").
fn find_stem(clause: &str, stem: &str) -> Option<usize> {
    let bytes = clause.as_bytes();
    let mut from = 0;
    while let Some(i) = clause[from..].find(stem).map(|i| i + from) {
        let before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let end = i + stem.len();
        let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Clauses: the text between punctuation marks (、。！？ and their ASCII kin) and spaces.
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '、' | '。' | '!' | '?' | '\n' | '…' | ',' | '「' | '」' | '(' | ')' | '【' | '】'
            )
            || (c == '.' || c == ';')
    })
    .filter(|c| !c.trim().is_empty())
}

/// The text without Discord mentions, channel and emoji tags, URLs and pictographs.
pub fn strip_noise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // <@123>, <@!123>, <@&123>, <#123>, <:name:123>, <a:name:123>
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let inner = &rest[1..end];
                if inner.starts_with(['@', '#', ':']) || inner.starts_with("a:") {
                    rest = &rest[end + 1..];
                    out.push(' ');
                    continue;
                }
            }
        }
        // @everyone, @here, @name
        if c == '@' {
            let len = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                .unwrap_or(rest.len() - 1);
            if len > 0 {
                rest = &rest[1 + len..];
                out.push(' ');
                continue;
            }
        }
        let lower = rest
            .get(..8)
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
        {
            let len = rest
                .find(|c: char| c.is_whitespace() || !c.is_ascii())
                .unwrap_or(rest.len());
            rest = &rest[len..];
            out.push(' ');
            continue;
        }
        if !is_pictograph(c) {
            out.push(c);
        } else {
            out.push(' ');
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Emoji and their joiners, flags and keycaps: they carry no words.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F
        | 0x200D | 0x20E3 | 0xE0020..=0xE007F | 0x2300..=0x23FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn courtesies() -> Courtesies {
        Courtesies::new(&[
            "ご教示".to_string(),
            "お疲れ".to_string(),
            "hello".to_string(),
            "こんにちは".to_string(),
        ])
    }

    #[test]
    fn noise_is_no_part_of_a_question() {
        assert_eq!(
            strip_noise("@everyone ヘルシンキ会談 <@123> https://x.example/a?b 🙏🏻").trim(),
            "ヘルシンキ会談"
        );
        assert_eq!(strip_noise("<:pepe:123>大阪").trim(), "大阪");
    }

    #[test]
    fn courtesies_fall_away_by_clause() {
        let c = courtesies();
        let cleaned =
            c.clean("お疲れさまです！ハンブルク会談の成果をご教示いただけますでしょうか。");
        assert_eq!(cleaned.trim(), "ハンブルク会談の成果を");
        assert_eq!(c.clean("hello, osaka summit").trim(), "osaka summit");
        // Nothing left but a greeting: nothing to answer.
        assert_eq!(c.clean("こんにちは").trim(), "");
    }

    #[test]
    fn any_input_is_safe() {
        let c = courtesies();
        for text in [
            "",
            "\u{202e}\u{0}",
            &"あ".repeat(10_000),
            "ﾍﾙｼﾝｷ",
            "@",
            "<",
            "<@",
        ] {
            let _ = c.clean(text);
        }
    }
}
