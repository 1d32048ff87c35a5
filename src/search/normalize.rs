//! Folding the ways one word can be typed into one form.

use std::borrow::Cow;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters that are their own NFKC form and never compose with a neighbour (kana,
/// common kanji, ASCII, CJK punctuation, pictographs): no table lookups for them.
/// `fast_path_agrees_with_nfkc` checks every one of them against the tables.
fn plain(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FB}' | 'ー' | '\u{3001}'..='\u{3029}' | '\u{3030}'..='\u{3035}'
            | '\u{303C}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{1F300}'..='\u{1FAFF}')
}

/// The one character a full-width ASCII form or the ideographic space folds to.
fn wide(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// The NFKC form of a text, without a copy when it is already in that form (most
/// questions are, once the first pass has folded them), and without the tables when it
/// holds only plain characters and full-width ASCII (「？」「！」).
pub(crate) fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    // One pass decides: plain throughout, plain with full-width ASCII, or the tables.
    let mut has_wide = false;
    for c in text.chars() {
        if plain(c) {
            continue;
        }
        if wide(c).is_some() {
            has_wide = true;
            continue;
        }
        return by_segments(text);
    }
    if has_wide {
        Cow::Owned(text.chars().map(|c| wide(c).unwrap_or(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// NFKC with the tables only where they can change something: a plain or full-width ASCII
/// character is a starter that nothing composes onto, so the text is its NFKC form cut
/// before each of them, and only the pieces holding another character (with the one
/// character before them, which a combining mark may join: ｶﾞ, か\u{3099}) are looked up.
fn by_segments(text: &str) -> Cow<'_, str> {
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut flush = |piece: &str| {
        let mut chars = piece.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if plain(c) => out.push(c),
            (Some(c), None) if wide(c).is_some() => out.push(wide(c).unwrap_or(c)),
            (Some(_), _) => out.extend(piece.nfkc()),
            (None, _) => {}
        }
    };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && (plain(c) || wide(c).is_some()) {
            flush(&text[start..i]);
            start = i;
        }
    }
    flush(&text[start..]);
    Cow::Owned(out)
}

/// Folds the ways one word can be typed into one form: NFKC (full-width ASCII, half-width
/// kana), lower case, katakana → hiragana, and no spaces, `ー・` or punctuation.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], appended to `out` (a text built of several normalised pieces).
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    fold_into(text, out, None);
}

/// What a character of a normalised text was as typed: katakana, hiragana (or neither),
/// and whether a space or punctuation mark stood before it. Katakana folds to hiragana,
/// and the script it was typed in tells a word apart from the kana around it: 「ドイツ」 holds
/// no 「いつ」, and 「知りたい」 no 「タイ」.
pub(crate) type Script = u8;
/// Typed in katakana (full or half width).
pub(crate) const KATAKANA: Script = 1;
/// Typed in hiragana.
pub(crate) const HIRAGANA: Script = 2;
/// A space or punctuation mark stood before it (「ー」 and 「・」 join a word: not these).
pub(crate) const BREAK: Script = 4;

/// A text [`normalize`]d, with the [`Script`] of each of its characters.
#[derive(Debug, Default, Clone)]
pub(crate) struct Folded {
    pub text: String,
    pub scripts: Vec<Script>,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            scripts: Vec::with_capacity(text.len()),
        };
        fold_into(text, &mut folded.text, Some(&mut folded.scripts));
        folded
    }
}

/// Whether katakana marks the words of a text (loanwords and names, among hiragana and
/// kanji): not when the text writes all its kana in katakana, in words apart
/// (「ｵｵｻｶ ﾉ ｶｲﾀﾞﾝ ﾀﾞﾚｶﾞ ﾃﾞﾀﾉ」: no hiragana, no kanji, two katakana words or more).
pub(crate) fn katakana_marks_words(text: &str, scripts: &[Script]) -> bool {
    let runs = scripts
        .iter()
        .enumerate()
        .filter(|&(i, &s)| {
            s & KATAKANA != 0 && (s & BREAK != 0 || i == 0 || scripts[i - 1] & KATAKANA == 0)
        })
        .count();
    runs < 2 || scripts.iter().any(|&s| s & HIRAGANA != 0) || text.chars().any(is_kanji)
}

/// [`normalize_into`], and, when asked, the [`Script`] of each character written (one
/// entry per character, in the same pass).
pub(crate) fn fold_into(text: &str, out: &mut String, mut scripts: Option<&mut Vec<Script>>) {
    let text = nfkc(text);
    let mut chars = text.chars().peekable();
    // Whether the last character of this text was a digit.
    let mut after_digit = false;
    // Whether a space or punctuation mark was dropped since the last character written.
    let mut gap = true;
    let mark = |scripts: &mut Option<&mut Vec<Script>>, script: Script, gap: &mut bool| {
        if let Some(s) = scripts.as_deref_mut() {
            s.push(script | if *gap { BREAK } else { 0 });
        }
        *gap = false;
    };
    while let Some(c) = chars.next() {
        // A range of numbers (「2〜3回」, "2-3 times") keeps its two numbers apart, as one
        // mark whichever way it was typed: "23" would be another number.
        if after_digit && is_range_mark(c) && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push(RANGE);
            mark(&mut scripts, 0, &mut gap);
            after_digit = false;
            continue;
        }
        after_digit = c.is_ascii_digit();
        let script = match c {
            'ァ'..='ヶ' => KATAKANA,
            'ぁ'..='ゖ' => HIRAGANA,
            _ => 0,
        };
        // Kana, common kanji and ASCII without the Unicode tables (see `fold_plain`).
        if let Some(folded) = fold_plain(c) {
            match folded {
                Some(folded) => {
                    out.push(folded);
                    mark(&mut scripts, script, &mut gap);
                }
                None => gap |= !matches!(c, '-' | '_'),
            }
            continue;
        }
        let c = match c {
            // Katakana ァ..ヶ → hiragana ぁ..ゖ.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        };
        if matches!(c, 'ー' | '・' | '-' | '_') {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            gap = true;
            continue;
        }
        if c.is_alphanumeric() {
            // Accents are dropped so "niinistö" and "niinisto" meet.
            for l in c.to_lowercase() {
                out.push(strip_accent(l));
                mark(&mut scripts, script, &mut gap);
            }
        } else {
            gap = true;
        }
    }
}

/// `str::to_lowercase` of a text, without the case tables when it holds only plain
/// characters (ASCII, kana, common kanji, CJK punctuation, pictographs: see [`plain`]),
/// none of which but ASCII letters has a case. `lowercase_agrees_with_the_tables` checks
/// every one of them.
pub(crate) fn lowercase(text: &str) -> String {
    if text.chars().all(plain) {
        let mut out = text.to_string();
        out.make_ascii_lowercase();
        out
    } else {
        text.to_lowercase()
    }
}

/// The one mark of a range of numbers in a normalised text.
pub(crate) const RANGE: char = '〜';

/// A mark that makes a range between two numbers (NFKC has made 「～」 a `~`; 「2、3回」).
fn is_range_mark(c: char) -> bool {
    matches!(c, '〜' | '~' | '-' | '‐' | '–' | '—' | '−' | '、')
}

/// What [`normalize`] makes of a character of ASCII, hiragana, katakana or common kanji
/// (`Some(None)`: nothing), without the Unicode tables; `None` for other characters.
fn fold_plain(c: char) -> Option<Option<char>> {
    match c {
        'a'..='z' | '0'..='9' => Some(Some(c)),
        'A'..='Z' => Some(Some(c.to_ascii_lowercase())),
        _ if c.is_ascii() => Some(None),
        '\u{3041}'..='\u{3096}' | '\u{4E00}'..='\u{9FFF}' => Some(Some(c)),
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).map(Some),
        _ => None,
    }
}

/// Whether a text says anything at all: not only spaces, control characters and
/// punctuation. Emoji count as something (「🍣🍣🍣」 is a question we cannot answer,
/// not an empty one).
pub fn has_content(text: &str) -> bool {
    let content = |c: char| {
        !(c.is_whitespace()
            || c.is_control()
            || c.is_ascii_punctuation()
            // General Punctuation, CJK Symbols and Punctuation (「」、。・ー…).
            || ('\u{2000}'..='\u{206F}').contains(&c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || matches!(c, 'ー' | '･' | '｢' | '｣' | '､' | '｡'))
    };
    // Plain characters are their own NFKC form: the tables only from the first other one.
    for c in text.chars() {
        if !plain(c) {
            return text.nfkc().any(content);
        }
        if content(c) {
            return true;
        }
    }
    false
}

/// The base letter of the accented Latin letters names are typed with.
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        _ => c,
    }
}

/// Hiragana only (after folding, so katakana too): mostly particles and endings.
pub(crate) fn is_kana(c: char) -> bool {
    ('ぁ'..='ゖ').contains(&c)
}

/// A CJK ideograph: one kanji already carries meaning (核, 米, 露).
pub(crate) fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::{has_content, nfkc, normalize};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn content_is_more_than_spaces_and_punctuation() {
        for empty in ["", "   ", "　？！", "\u{7}\n", "。、「」…", "---"] {
            assert!(!has_content(empty), "{empty:?}");
        }
        for full in ["🍣🍣🍣", "a", "大阪", "ﾍﾙｼﾝｷ", "2018"] {
            assert!(has_content(full), "{full:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_nfkc() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let full: String = c.to_string().nfkc().collect();
            if super::plain(c) {
                assert_eq!(full, c.to_string(), "{:X}", c as u32);
                assert_eq!(canonical_combining_class(c), 0, "{:X}", c as u32);
            }
            if let Some(w) = super::wide(c) {
                assert_eq!(full, w.to_string(), "{:X}", c as u32);
            }
        }
        // No two plain characters compose (kana with a following combining mark is no
        // longer plain text and takes the full path).
        for text in ["か\u{3099}", "ｶﾞ", "Ａ\u{301}", "は゛", "㍻"] {
            assert_eq!(nfkc(text), text.nfkc().collect::<String>(), "{text}");
        }
        for text in [
            "ヘルシンキ会談は？！　🙏ＡＢ",
            "「米露」、。",
            "ﾍﾙｼﾝｷ会談…☀️ ｶﾞｲﾄﾞ①",
            "Ａ\u{301}と\u{301}a\u{323}\u{301}",
            "\u{301}か\u{3099}ｶﾞ㍻ᄀ\u{1161}",
        ] {
            assert_eq!(nfkc(text), text.nfkc().collect::<String>(), "{text}");
        }
        // Every question of the tuning sets, as typed.
        for table in [
            include_str!("../../tests/ask_eval.tsv"),
            include_str!("../../tests/ask_holdout.tsv"),
            include_str!("../../tests/ask_blind_dev.tsv"),
            include_str!("../../tests/ask_blind_dev3.tsv"),
            include_str!("../../tests/ask_blind_dev4.tsv"),
        ] {
            for text in table.lines() {
                assert_eq!(nfkc(text), text.nfkc().collect::<String>(), "{text}");
            }
        }
    }

    #[test]
    fn plain_folding_agrees_with_the_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(fast) = super::fold_plain(c) {
                let c = match c {
                    'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
                    _ => c,
                };
                let slow = if c.is_whitespace()
                    || c.is_control()
                    || matches!(c, 'ー' | '・' | '-' | '_')
                    || !c.is_alphanumeric()
                {
                    None
                } else {
                    let mut lower = c.to_lowercase();
                    let l = lower.next().map(super::strip_accent);
                    assert!(lower.next().is_none(), "{:X}", c as u32);
                    l
                };
                assert_eq!(fast, slow, "{:X}", c as u32);
            }
        }
    }

    #[test]
    fn lowercase_agrees_with_the_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if super::plain(c) {
                let text = c.to_string();
                assert_eq!(
                    super::lowercase(&text),
                    text.to_lowercase(),
                    "{:X}",
                    c as u32
                );
            }
        }
        for text in [
            "G20サミットでTrumpとPutinは？",
            "ΟΔΟΣ Σ",
            "ＮＡＴＯ加盟",
            "Niinistö ÉTÉ",
            "",
        ] {
            assert_eq!(super::lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn normalize_folds_scripts() {
        assert_eq!(normalize("ﾍﾙｼﾝｷ"), normalize("ヘルシンキ"));
        assert_eq!(normalize("ヘルシンキ"), "へるしんき");
        assert_eq!(normalize("ＨＥＬＳＩＮＫＩ"), "helsinki");
        assert_eq!(normalize(" 大阪・2019 "), "大阪2019");
        assert_eq!(normalize("Niinistö"), "niinisto");
        assert_eq!(normalize("トランプ？！"), "とらんぷ");
        assert_eq!(normalize("年2〜3回"), "年2〜3回");
        assert_eq!(normalize("２～３回"), normalize("2-3 回"));
        assert_eq!(normalize("G-20"), "g20");
    }

    #[test]
    fn folding_keeps_the_script_of_each_character() {
        use super::{katakana_marks_words, Folded, BREAK, HIRAGANA, KATAKANA};
        let f = Folded::new("ﾄﾞｲﾂの 首相、ジュネーブ");
        assert_eq!(f.text, "どいつの首相じゅねぶ");
        assert_eq!(f.scripts.len(), f.text.chars().count());
        assert_eq!(f.scripts[0], KATAKANA | BREAK);
        assert_eq!(f.scripts[1], KATAKANA);
        assert_eq!(f.scripts[3], HIRAGANA);
        // A space or a comma breaks a run; 「ー」 does not.
        assert_eq!(f.scripts[4], BREAK);
        assert_eq!(f.scripts[6], KATAKANA | BREAK);
        assert_eq!(f.scripts[8], KATAKANA);
        assert!(katakana_marks_words(&f.text, &f.scripts));
        let all = Folded::new("ｵｵｻｶ ﾉ ｶｲﾀﾞﾝ ﾀﾞﾚｶﾞ ﾃﾞﾀﾉ");
        assert!(!katakana_marks_words(&all.text, &all.scripts));
        let one = Folded::new("ドイツ");
        assert!(katakana_marks_words(&one.text, &one.scripts));
        assert_eq!(normalize("ﾄﾞｲﾂの 首相、ジュネーブ"), f.text);
    }
}
