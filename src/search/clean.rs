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
    by_first: super::fasthash::CharMap<Vec<String>>,
}

impl Courtesies {
    pub fn new(stems: &[String]) -> Courtesies {
        let mut stems: Vec<String> = stems
            .iter()
            .map(|s| s.nfkc().collect::<String>().to_lowercase())
            .filter(|s| !s.trim().is_empty())
            .collect();
        stems.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut by_first: super::fasthash::CharMap<Vec<String>> = Default::default();
        for s in stems.iter().filter(|s| !s.is_ascii()) {
            if let Some(first) = s.chars().next() {
                by_first.slot(first).push(s.clone());
            }
        }
        Courtesies { stems, by_first }
    }

    /// The question without noise and courtesies (「こんにちは」 alone leaves nothing to
    /// answer).
    pub fn clean(&self, text: &str) -> String {
        self.clean_plain(plain(text))
    }

    /// [`Courtesies::clean`] of a text already folded by [`plain`] (a question's part).
    pub fn clean_plain(&self, text: String) -> String {
        // English courtesies open a sentence ("could you tell me…"): only they go. Found in
        // lower case, cut from the text as typed (capitals mark names).
        let has_latin = text.bytes().any(|b| b.is_ascii_alphabetic());
        let mut lower = if has_latin {
            super::normalize::lowercase(&text)
        } else {
            String::new()
        };
        let english = if has_latin && lower.len() == text.len() {
            let mut english = text.clone();
            for stem in self.stems.iter().filter(|s| s.is_ascii()) {
                while let Some(i) = find_stem(&lower, stem) {
                    let blank = " ".repeat(stem.len());
                    lower.replace_range(i..i + stem.len(), &blank);
                    english.replace_range(i..i + stem.len(), &blank);
                }
            }
            english
        } else {
            text
        };
        // Japanese ones close a clause (「…をご教示いただけますか」): the clause is cut there.
        let mut out = String::with_capacity(english.len());
        for clause in clauses(&english) {
            let cut = clause
                .char_indices()
                .find(|&(i, c)| {
                    self.by_first
                        .get(&c)
                        .is_some_and(|stems| stems.iter().any(|s| clause[i..].starts_with(s)))
                        || honorific_request_at(&clause[i..])
                })
                .map_or(clause.len(), |(i, _)| i);
            out.push_str(&clause[..cut]);
            out.push(' ');
        }
        out
    }
}

/// The sentences of a text already folded by [`plain`] (split at 。？！ and line breaks).
/// Those that end in a question mark come first, as they hold what is asked.
pub(crate) fn sentences_plain(text: &str) -> Vec<(String, bool)> {
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

/// The sentences of a text folded by [`plain`], in their order, with their marks.
pub(crate) fn sentences_in_order(text: &str) -> Vec<&str> {
    text.split_inclusive(['。', '?', '!', '\n'])
        .filter(|s| super::normalize::has_content(s))
        .collect()
}

/// Characters on each side of a space for it to part two sentences.
const SENTENCE_CHARS: usize = 10;

/// A question split into what it asks and the context around it (「先日ニュースで見たのですが」,
/// 「レポートを書いていて」, a sentence that tells rather than asks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Focus {
    /// The clauses that ask.
    pub ask: String,
    /// The clauses that only give context.
    pub context: String,
}

/// The grammar of clauses (`clauses` in `responses/synonyms.json`): how a clause that gives
/// context ends (「…ですが、」「…ていたら、」), and how a sentence that asks ends (か, の, ?).
#[derive(Debug, Default)]
pub(crate) struct ClauseRules {
    context_endings: Endings,
    ask_endings: Endings,
    statement_endings: Endings,
}

/// Endings of a clause or a sentence by their last character: a text is tested only
/// against those that end as it does.
#[derive(Debug, Default)]
struct Endings(super::fasthash::CharMap<Vec<String>>);

impl Endings {
    fn new(list: Vec<String>) -> Endings {
        let mut by_last: super::fasthash::CharMap<Vec<String>> = Default::default();
        for e in list {
            if let Some(last) = e.chars().next_back() {
                by_last.slot(last).push(e);
            }
        }
        Endings(by_last)
    }

    /// Whether `text` ends with one of them.
    fn end(&self, text: &str) -> bool {
        text.chars()
            .next_back()
            .and_then(|last| self.0.get(&last))
            .is_some_and(|list| list.iter().any(|e| text.ends_with(e.as_str())))
    }
}

impl ClauseRules {
    pub fn new(rules: &crate::knowledge::ClauseGrammar) -> ClauseRules {
        let fold = |list: &[String]| {
            let mut out: Vec<String> = list
                .iter()
                .map(|s| s.nfkc().collect::<String>().to_lowercase())
                .filter(|s| !s.trim().is_empty())
                .collect();
            out.sort_by_key(|s| std::cmp::Reverse(s.len()));
            Endings::new(out)
        };
        ClauseRules {
            context_endings: fold(&rules.context_endings),
            ask_endings: fold(&rules.ask_endings),
            statement_endings: fold(&rules.statement_endings),
        }
    }

    /// The ask and the context of a question, when it has both. A sentence asks when it
    /// ends with a question mark or a question ending; with none such, the last sentence
    /// asks. Within a sentence that asks, a clause ending (before its comma) the way
    /// context does (「…と聞いたんですが、」) is context.
    pub fn focus(&self, text: &str) -> Option<Focus> {
        self.focus_plain(&plain(text))
    }

    /// [`ClauseRules::focus`] of a text already folded by [`plain`].
    pub fn focus_plain(&self, text: &str) -> Option<Focus> {
        let text = super::normalize::lowercase(text);
        let sentences = self.split_sentences(&text);
        let asking: Vec<bool> = sentences
            .iter()
            .map(|s| s.ends_with('?') || self.ends_asking(s))
            .collect();
        let any_asks = asking.iter().any(|&a| a);
        let (mut ask, mut context) = (
            String::with_capacity(text.len() + 4),
            String::with_capacity(text.len() + 4),
        );
        for (i, sentence) in sentences.iter().enumerate() {
            let asks = asking[i] || (!any_asks && i + 1 == sentences.len());
            if !asks {
                context.push_str(sentence);
                context.push(' ');
                continue;
            }
            let parts: Vec<&str> = sentence.split_inclusive(['、', ',']).collect();
            for (j, part) in parts.iter().enumerate() {
                let body = part.trim_end_matches(['、', ',']).trim_end();
                if j + 1 < parts.len() && self.ends_context(body) {
                    context.push_str(body);
                    context.push(' ');
                } else {
                    ask.push_str(part);
                }
            }
            ask.push(' ');
        }
        (super::normalize::has_content(&ask) && super::normalize::has_content(&context))
            .then_some(Focus { ask, context })
    }

    /// Whether a sentence ends the way a question or a request does (か, の, ください…).
    pub(crate) fn ends_asking(&self, sentence: &str) -> bool {
        let s = sentence.trim_end_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '。' | '?' | '!' | '\n' | '…' | '.' | 'ー' | '~' | '〜')
        });
        self.ask_endings.end(s)
    }

    /// Whether a clause ends the way one that gives context does (「…ですが」「…ので」).
    pub(crate) fn ends_context(&self, clause: &str) -> bool {
        self.context_endings.end(clause)
    }

    /// Whether a clause ends the way a sentence that tells does (「…ました」「…です」).
    pub(crate) fn ends_statement(&self, clause: &str) -> bool {
        self.statement_endings.end(clause)
    }

    /// Sentences, each with its closing mark: split at 。？！, line breaks, an English full
    /// stop (after a small letter, before a space: "W. Bush" and "U.S." stay whole), and a
    /// space (where an emoji was) after a Japanese sentence's ending (「…見ました 📞 どの
    /// くらい…」), not between keywords (「ヘルシンキ 共同記者会見」).
    /// Each sentence is a slice of `text`, not a copy.
    pub(crate) fn split_sentences<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        // The current sentence is `text[start..pos]`, `pos` the byte offset of `chars[i]`.
        let (mut start, mut pos) = (0, 0);
        for (i, &c) in chars.iter().enumerate() {
            let current = &text[start..pos];
            let next = chars.get(i + 1);
            let english_stop = c == '.'
                && i > 0
                && chars[i - 1].is_ascii_lowercase()
                && next.is_none_or(|n| n.is_whitespace());
            // Both sides a sentence's length: keywords or kana typed apart stay one.
            let spoken_stop = c.is_whitespace()
                && next.is_some_and(|n| !n.is_whitespace() && !n.is_ascii())
                && current.chars().filter(|c| !c.is_whitespace()).count() >= SENTENCE_CHARS
                && chars[i + 1..].iter().filter(|c| !c.is_whitespace()).count() >= SENTENCE_CHARS
                && current
                    .trim_end()
                    .chars()
                    .last()
                    .is_some_and(|p| !p.is_ascii())
                && {
                    let t = current.trim_end();
                    self.ends_asking(t) || self.ends_context(t) || self.statement_endings.end(t)
                };
            pos += c.len_utf8();
            if matches!(c, '。' | '?' | '!' | '\n') || english_stop || spoken_stop {
                let sentence = &text[start..pos];
                if super::normalize::has_content(sentence) {
                    out.push(sentence);
                }
                start = pos;
            }
        }
        let rest = &text[start..];
        if super::normalize::has_content(rest) {
            out.push(rest);
        }
        out
    }
}

/// The auxiliaries that make a verb with the honorific prefix お／ご a request or a humble
/// form (お聞かせ|願えますか, ご紹介|いただけますか, お示し|くださ, お教え|頂け): grammar,
/// like particles, not vocabulary.
const REQUEST_AUXILIARIES: [&str; 5] = ["いただ", "頂", "願", "くださ", "下さ"];

/// Particles that end the word after an honorific prefix: what follows is another word.
const WORD_ENDS: [char; 9] = ['を', 'は', 'が', 'に', 'で', 'の', 'と', 'も', 'や'];

/// Whether `text` begins with a verb in the honorific prefix お or ご followed, within its
/// word (up to five characters of kanji and kana, no particle), by a request auxiliary
/// (「お聞かせ願えますか」「ご紹介いただけますと」「お示しください」): a courtesy,
/// whatever the verb, cut as the courtesy stems are.
fn honorific_request_at(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(['お', 'ご']) else {
        return false;
    };
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n > 0 && REQUEST_AUXILIARIES.iter().any(|a| rest[i..].starts_with(a)) {
            return true;
        }
        let in_word = super::normalize::is_kanji(c) || super::normalize::is_kana(c);
        if n >= 5 || !in_word || WORD_ENDS.contains(&c) {
            return false;
        }
    }
    false
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

/// A question in NFKC without its noise: the form every step of the analysis starts from,
/// made once per question. A range of two numbers is written one way (see
/// [`fold_ranges`]).
pub(crate) fn plain(text: &str) -> String {
    fold_ranges(fold_thousands(fold_kana_counters(strip_noise(
        &super::normalize::nfkc(text),
    ))))
}

/// The text with the separators of thousands dropped from its figures (「約8,000発」 →
/// 「約8000発」, 「1,600基」 → 「1600基」), so that a comma inside a figure parts no
/// clauses and the figure reads as the dataset's names write it. A comma before fewer or
/// more than three digits (「2,3回」, a range) stays.
pub(crate) fn fold_thousands(text: String) -> String {
    if !text.contains(',') {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let separator = c == ','
            && i > 0
            && digit(i - 1)
            && digit(i + 1)
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4);
        if !separator {
            out.push(c);
        }
    }
    out
}

/// Counters typed in hiragana after digits, with the kanji each stands for: 「2017ねん」 is
/// 2017年 and 「3がつ」 3月, as a question typed in kana means them.
const KANA_COUNTERS: [(&str, char); 4] = [
    ("ねん", '年'),
    ("がつ", '月'),
    ("にち", '日'),
    ("かい", '回'),
];

/// What 「かい」 begins after a digit when it is not the counter 回 (「2かいだん」 is two
/// meetings typed in kana, and the meeting concept reads かいだん whole).
const NOT_KAI: [&str; 4] = ["かいだん", "かいぎ", "かいごう", "かいけん"];

/// The text with each counter typed in hiragana right after a digit in kanji
/// (「2025ねん3がつ」 → 「2025年3月」, 「なんかい」 stays: no digit before it).
pub(crate) fn fold_kana_counters(text: String) -> String {
    if !KANA_COUNTERS.iter().any(|(kana, _)| text.contains(kana)) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        out.push(c);
        rest = &rest[c.len_utf8()..];
        if !c.is_ascii_digit() {
            continue;
        }
        for (kana, kanji) in KANA_COUNTERS {
            if rest.starts_with(kana) && !NOT_KAI.iter().any(|w| rest.starts_with(w)) {
                out.push(kanji);
                rest = &rest[kana.len()..];
                break;
            }
        }
    }
    out
}

/// Numbers written in kanji that a question means as figures, written in digits: a year
/// digit by digit (「二〇一八年」 → 2018年, any run of kanji digits holding 〇), a month
/// (「二月」, 「十二月」 → 2月, 12月) and a number of thousands (「八千発」, 「8千発」 →
/// 8000発); `None` when the text writes none. Kanji digits elsewhere (「一度」, 「第一次」,
/// 「二三回」) stay as they are.
pub(crate) fn fold_kanji_numbers(text: &str) -> Option<String> {
    if !text.contains(['〇', '月', '千']) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |c: char| if c == '〇' { Some(0) } else { kanji_digit(c) };
    // Whether a number goes on before `i` (so that what starts there is no number of its own).
    let after_number = |i: usize| {
        i > 0 && {
            let p = chars[i - 1];
            digit(p).is_some() || matches!(p, '十' | '百' | '千') || p.is_ascii_digit()
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let len = chars[i..]
            .iter()
            .take_while(|&&c| digit(c).is_some())
            .count();
        let next = |k: usize| chars.get(i + k).copied();
        if len >= 2 && chars[i..i + len].contains(&'〇') && !after_number(i) {
            for &d in &chars[i..i + len] {
                out.push(char::from_digit(digit(d).unwrap_or(0), 10).unwrap_or('0'));
            }
            changed = true;
            i += len;
            continue;
        }
        let single = (len == 1
            || (c.is_ascii_digit() && !next(1).is_some_and(|n| n.is_ascii_digit())))
            && !after_number(i);
        let value = digit(c).or_else(|| c.to_digit(10));
        if let (true, Some(v)) = (single, value) {
            // 「八千発」: thousands with nothing after 千 that goes on with the number.
            let ends = |n: Option<char>| {
                !n.is_some_and(|n| {
                    digit(n).is_some()
                        || matches!(n, '十' | '百' | '千' | '万')
                        || n.is_ascii_digit()
                })
            };
            if v > 0 && next(1) == Some('千') && ends(next(2)) {
                out.push_str(&(v * 1000).to_string());
                changed = true;
                i += 2;
                continue;
            }
            // 「二月」: a month in one kanji digit.
            if v > 0 && !c.is_ascii_digit() && next(1) == Some('月') {
                out.push_str(&v.to_string());
                changed = true;
                i += 1;
                continue;
            }
        }
        // 「十月」, 「十一月」, 「十二月」.
        if c == '十' && !after_number(i) {
            let month = match (next(1), next(2)) {
                (Some('月'), _) => Some(("10", 1)),
                (Some('一'), Some('月')) => Some(("11", 2)),
                (Some('二'), Some('月')) => Some(("12", 2)),
                _ => None,
            };
            if let Some((m, used)) = month {
                out.push_str(m);
                changed = true;
                i += used;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    changed.then_some(out)
}

/// The value of a kanji digit (一〜九).
fn kanji_digit(c: char) -> Option<u32> {
    match c {
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// The small numbers English writes out ("two or three times").
const NUMBER_WORDS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// A number at `chars[i..]`: its value and its length in characters. One or two ASCII
/// digits (not part of a longer number: 「2025-08」, 「8,000」 are no ranges; the `first` of
/// a pair not the second part of a figure, 「08-15」 of 「2025-08-15」), a kanji digit, or an
/// English number word, whole.
fn number_at(chars: &[char], i: usize, first: bool) -> Option<(u32, usize)> {
    let c = *chars.get(i)?;
    if c.is_ascii_digit() {
        // Not the second part of a longer figure (「2025-08-15」, 「1.5」, 「10:30」).
        let before = |k: usize| i >= k && chars[i - k].is_ascii_digit();
        let joined =
            first && i > 0 && matches!(chars[i - 1], '-' | '/' | ':' | '.' | ',') && before(2);
        if before(1) || joined {
            return None;
        }
        let len = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        // One or two digits, read without a copy.
        return (len <= 2).then(|| {
            let value = chars[i..i + len]
                .iter()
                .fold(0, |v, d| v * 10 + (*d as u32 - '0' as u32));
            (value, len)
        });
    }
    if let Some(v) = kanji_digit(c) {
        return Some((v, 1));
    }
    if c.is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_ascii_alphabetic()) {
        let len = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        // Compared in lower case, letter by letter, without a copy.
        let word = &chars[i..i + len];
        return NUMBER_WORDS
            .iter()
            .position(|w| {
                w.len() == len
                    && w.chars()
                        .zip(word)
                        .all(|(a, b)| a == b.to_ascii_lowercase())
            })
            .map(|p| (p as u32 + 1, len));
    }
    None
}

/// What may stand between the two numbers of a range, with whether a counter (回, 度,
/// "times") must follow the second for the two to be a range: marks need none
/// (「2、3」「2・3」「2,3」), words do (「2か3回」「2から3回」 "two or three times").
/// Each written as characters, as the text is read.
const RANGE_JOINS: [(&[char], bool); 11] = [
    (&['〜'], false),
    (&['~'], false),
    (&['-'], false),
    (&['、'], false),
    (&[','], false),
    (&['・'], false),
    (&['か', 'ら'], true),
    (&['か'], true),
    (&['な', 'い', 'し'], true),
    (&[' ', 'o', 'r', ' '], true),
    (&[' ', 't', 'o', ' '], true),
];

/// A range of two small numbers written one way, 「2〜3」, however it was typed: 「二、三回」,
/// 「二三回」, 「2,3回」, 「2・3回」, 「2か3回」, 「2から3回」, "2-3 times", "two or three
/// times". The second number is larger; written out, or joined by a word, it comes
/// before a counter (a kanji: 回, 度, 人; or "times"); two kanji digits side by side
/// (「二三回」) are one apart and before a counter too.
pub(crate) fn fold_ranges(text: String) -> String {
    // Nothing to fold without a digit, a kanji digit or " or "/" to ".
    let maybe = text
        .chars()
        .any(|c| c.is_ascii_digit() || kanji_digit(c).is_some())
        || text.contains(" or ")
        || text.contains(" to ");
    if !maybe {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let counter_at = |j: usize| {
        let mut j = j;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        match chars.get(j) {
            Some(&c) if super::normalize::is_kanji(c) && kanji_digit(c).is_none() => true,
            Some(c) if c.is_ascii_alphabetic() => {
                let word: String = chars[j..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                matches!(word.as_str(), "times" | "time" | "meetings" | "summits")
            }
            _ => false,
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((a, len_a)) = number_at(&chars, i, true) {
            let after = i + len_a;
            let spelled = !chars[i].is_ascii_digit();
            let mut found = None;
            for (join, needs_counter) in RANGE_JOINS {
                if chars[after..].starts_with(join) {
                    let j = after + join.len();
                    if let Some((b, len_b)) = number_at(&chars, j, false) {
                        let end = j + len_b;
                        let digits_end = chars.get(end).is_none_or(|c| !c.is_ascii_digit());
                        let kind_agrees = spelled != chars[j].is_ascii_digit();
                        if b > a
                            && digits_end
                            && kind_agrees
                            && (!(needs_counter || spelled) || counter_at(end))
                        {
                            found = Some((b, end));
                            break;
                        }
                    }
                }
            }
            // Two kanji digits one apart, side by side, before a counter (「二三回」).
            if found.is_none() && kanji_digit(chars[i]).is_some() {
                if let Some(b) = chars.get(after).and_then(|&c| kanji_digit(c)) {
                    if b == a + 1 && counter_at(after + 1) {
                        found = Some((b, after + 1));
                    }
                }
            }
            if let Some((b, end)) = found {
                out.push_str(&a.to_string());
                out.push(super::normalize::RANGE);
                out.push_str(&b.to_string());
                i = end;
                continue;
            }
            out.extend(&chars[i..after]);
            i = after;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The byte length of a display name typed after `@` in any script and ended by a space
/// (「@会談bot トランプ…」): at most 32 characters (Discord's longest name), neither
/// punctuation nor another `@` inside. None when no space ends it that soon (「@botトランプ」
/// is left to the ASCII rule) or when it is ASCII only (the ASCII rule takes it).
fn spaced_mention(rest: &str) -> Option<usize> {
    let mut ascii = true;
    for (i, c) in rest.char_indices().take(33) {
        if c.is_whitespace() {
            return (i > 0 && !ascii).then_some(i);
        }
        if c == '@'
            || c == '、'
            || c == '。'
            || matches!(c, '？' | '！' | '，' | '「' | '」')
            || c.is_ascii_punctuation() && !matches!(c, '_' | '-' | '.')
        {
            return None;
        }
        ascii &= c.is_ascii();
    }
    None
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
        // @everyone, @here, @name; a display name in any script (@会談bot) when a space
        // ends it within a name's length, as a mention typed by hand is.
        if c == '@' {
            if let Some(len) = spaced_mention(&rest[1..]) {
                rest = &rest[1 + len..];
                out.push(' ');
                continue;
            }
            let len = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                .unwrap_or(rest.len() - 1);
            if len > 0 {
                rest = &rest[1 + len..];
                out.push(' ');
                continue;
            }
        }
        // The first 8 bytes, compared without a copy (only an 'h' or 'w' can begin a URL).
        let head = if matches!(c, 'h' | 'H' | 'w' | 'W') {
            rest.get(..8).unwrap_or_default().as_bytes()
        } else {
            &[]
        };
        let begins = |prefix: &str| {
            head.len() >= prefix.len()
                && head[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        };
        if begins("http://") || begins("https://") || begins("www.") {
            let len = rest
                .find(|c: char| c.is_whitespace() || !c.is_ascii())
                .unwrap_or(rest.len());
            rest = &rest[len..];
            out.push(' ');
            continue;
        }
        if is_pictograph(c) {
            out.push(' ');
        } else if c == '、'
            && out.ends_with(|p: char| p.is_ascii_digit())
            && rest['、'.len_utf8()..].starts_with(|n: char| n.is_ascii_digit())
        {
            // 「2、3回」 is a range, as 「2〜3回」 is: one clause, not two.
            out.push(super::normalize::RANGE);
        } else if is_dash(c) {
            // "Trump–Putin" joins two words as "Trump-Putin" does.
            out.push('-');
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The dashes of typeset text (hyphen, en and em dash, minus), which NFKC keeps.
fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')
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
        // A display name in any script, ended by a space, is a mention too.
        assert_eq!(
            strip_noise("@要約くん ダナンで何があった").trim(),
            "ダナンで何があった"
        );
        assert_eq!(strip_noise("@botダナン").trim(), "ダナン");
        assert_eq!(strip_noise("@ダナン、会った？").trim(), "@ダナン、会った？");
        assert_eq!(strip_noise("Trump–Putin—Xi"), "Trump-Putin-Xi");
    }

    #[test]
    fn counters_typed_in_kana_after_digits_are_their_kanji() {
        let fold = |t: &str| fold_kana_counters(t.to_string());
        assert_eq!(fold("2019ねん6がつ28にち に 2かい"), "2019年6月28日 に 2回");
        assert_eq!(fold("2かいだん あった"), "2かいだん あった");
        assert_eq!(fold("なんかい あった ねん"), "なんかい あった ねん");
    }

    #[test]
    fn thousands_are_written_without_separators() {
        assert_eq!(fold_thousands("約8,000発削減".into()), "約8000発削減");
        assert_eq!(fold_thousands("6,000発と1,600基".into()), "6000発と1600基");
        assert_eq!(fold_thousands("1,234,567".into()), "1234567");
        assert_eq!(fold_thousands("2,3回".into()), "2,3回");
        assert_eq!(fold_thousands("2018,2019".into()), "2018,2019");
        assert_eq!(fold_thousands("ヘルシンキ,大阪".into()), "ヘルシンキ,大阪");
    }

    #[test]
    fn numbers_in_kanji_are_figures() {
        let fold = |t: &str| fold_kanji_numbers(t).unwrap_or_else(|| t.to_string());
        assert_eq!(fold("二〇一八年に会った"), "2018年に会った");
        assert_eq!(fold("二〇二五年二月にリヤドで"), "2025年2月にリヤドで");
        assert_eq!(fold("十二月と十月と十一月"), "12月と10月と11月");
        assert_eq!(fold("およそ八千発削減"), "およそ8000発削減");
        assert_eq!(fold("8千発へった"), "8000発へった");
        assert_eq!(fold("二十日"), "二十日");
        assert_eq!(fold("二千十八年"), "二千十八年");
        assert_eq!(
            fold("一度も会っていない第一次大戦"),
            "一度も会っていない第一次大戦"
        );
        assert_eq!(fold("12千"), "12千");
        assert_eq!(fold("毎月"), "毎月");
    }

    #[test]
    fn ranges_are_written_one_way() {
        let fold = |t: &str| fold_ranges(t.to_string());
        for typed in [
            "年2〜3回",
            "年2、3回",
            "年二、三回",
            "年二三回",
            "年2,3回",
            "年2・3回",
            "年2か3回",
            "年2から3回",
        ] {
            assert_eq!(fold(typed), "年2〜3回", "{typed}");
        }
        assert_eq!(fold("two or three times a year"), "2〜3 times a year");
        assert_eq!(fold("2 or 3 times"), "2〜3 times");
        assert_eq!(fold("2-3 times"), "2〜3 times");
        // Not ranges: thousands, dates, a pair of kanji not one apart, words without a
        // counter, a number that is no smaller.
        for same in [
            "約8,000発",
            "2025-08-15",
            "一対一",
            "二国間",
            "三者会談",
            "one to one",
            "2か月",
            "3、2回",
            "G7 or G20",
            "二三の質問",
        ] {
            assert_eq!(fold(same), same, "{same}");
        }
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
        // An honorific verb with a request auxiliary is a courtesy, whatever the verb.
        assert_eq!(
            c.clean("会談の意義について簡単にお聞かせ願えますか").trim(),
            "会談の意義について簡単に"
        );
        assert_eq!(
            c.clean("主な議題をご紹介いただけますと幸いです").trim(),
            "主な議題を"
        );
        // Not an honorific word of the question's own (ご自身, おおさか).
        assert_eq!(
            c.clean("トランプ大統領ご自身はどう考えていたのか").trim(),
            "トランプ大統領ご自身はどう考えていたのか"
        );
        assert_eq!(c.clean("おおさかの会談").trim(), "おおさかの会談");
    }

    fn rules() -> ClauseRules {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        ClauseRules::new(&crate::knowledge::ClauseGrammar {
            context_endings: list(&["ですが", "ていたら"]),
            ask_endings: list(&["か", "の"]),
            statement_endings: list(&["ました"]),
        })
    }

    #[test]
    fn context_clauses_are_told_from_the_ask() {
        let r = rules();
        let focus = r
            .focus("ニュースで見たんですが、ヘルシンキ会談では何が決まったの？")
            .expect("context and ask");
        assert_eq!(focus.context.trim(), "ニュースで見たんですが");
        assert_eq!(focus.ask.trim(), "ヘルシンキ会談では何が決まったの?");
        // A sentence that tells is context; a space where an emoji was parts sentences.
        let focus = r
            .focus("大阪で会ったとニュースで見ました📞 そのとき何を話したんでしょうか")
            .expect("two sentences");
        assert!(focus.context.contains("見ました"), "{focus:?}");
        assert!(focus.ask.contains("何を話した"), "{focus:?}");
        // Plain questions and keywords have no context.
        assert_eq!(r.focus("ヘルシンキ会談はいつ？"), None);
        assert_eq!(r.focus("ヘルシンキ 共同記者会見 発言"), None);
        assert_eq!(
            r.focus("I read they met in Budapest. Is that right?")
                .map(|f| f.ask.trim().to_string()),
            Some("is that right?".to_string())
        );
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
            let _ = rules().focus(text);
        }
    }
}
