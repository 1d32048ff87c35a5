//! Folding the ways one word can be typed into one form.

use std::borrow::Cow;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The NFKC form of a text, without a copy when it is already in that form (most
/// questions are, once the first pass has folded them).
pub(crate) fn nfkc(text: &str) -> Cow<'_, str> {
    // Kana, common kanji and ASCII are their own NFKC form: no table lookups for them.
    let plain = |c: char| {
        c.is_ascii()
            || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '、' | '。')
            || ('\u{4E00}'..='\u{9FFF}').contains(&c)
    };
    if text.chars().all(plain) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// Folds the ways one word can be typed into one form: NFKC (full-width ASCII, half-width
/// kana), lower case, katakana → hiragana, and no spaces, `ー・` or punctuation.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in nfkc(text).chars() {
        let c = match c {
            // Katakana ァ..ヶ → hiragana ぁ..ゖ.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || c.is_control() || matches!(c, 'ー' | '・' | '-' | '_') {
            continue;
        }
        if c.is_alphanumeric() {
            // Accents are dropped so "niinistö" and "niinisto" meet.
            for l in c.to_lowercase() {
                out.push(strip_accent(l));
            }
        }
    }
    out
}

/// Whether a text says anything at all: not only spaces, control characters and
/// punctuation. Emoji count as something (「🍣🍣🍣」 is a question we cannot answer,
/// not an empty one).
pub fn has_content(text: &str) -> bool {
    text.nfkc().any(|c| {
        !(c.is_whitespace()
            || c.is_control()
            || c.is_ascii_punctuation()
            // General Punctuation, CJK Symbols and Punctuation (「」、。・ー…).
            || ('\u{2000}'..='\u{206F}').contains(&c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || matches!(c, 'ー' | '･' | '｢' | '｣' | '､' | '｡'))
    })
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
    use super::{has_content, normalize};

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
    fn normalize_folds_scripts() {
        assert_eq!(normalize("ﾍﾙｼﾝｷ"), normalize("ヘルシンキ"));
        assert_eq!(normalize("ヘルシンキ"), "へるしんき");
        assert_eq!(normalize("ＨＥＬＳＩＮＫＩ"), "helsinki");
        assert_eq!(normalize(" 大阪・2019 "), "大阪2019");
        assert_eq!(normalize("Niinistö"), "niinisto");
        assert_eq!(normalize("トランプ？！"), "とらんぷ");
    }
}
