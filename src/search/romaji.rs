//! Japanese typed in Latin letters now and then: 「herushinki kaidan itsu?」,
//! 「toranpu to puchin wa nankai atta?」.
//!
//! Each Latin word the dataset does not write that spells Japanese syllables (Hepburn or
//! kunrei: shi/si, chi/ti, tsu/tu, fu/hu, ji/zi, doubled consonants, n before a
//! consonant) is read as hiragana, so names and the words of a field are found as if
//! typed in kana. English comes first: a question is read this way only when it is not
//! answered as typed and at least half of its Latin words spell Japanese (see
//! [`read`]), so an English question is never taken for romaji.

/// The syllables of a consonant (with its vowels a, i, u, e, o), by their romaji.
const SYLLABLES: [(&str, [&str; 5]); 19] = [
    ("", ["あ", "い", "う", "え", "お"]),
    ("k", ["か", "き", "く", "け", "こ"]),
    ("s", ["さ", "し", "す", "せ", "そ"]),
    ("t", ["た", "ち", "つ", "て", "と"]),
    ("n", ["な", "に", "ぬ", "ね", "の"]),
    ("h", ["は", "ひ", "ふ", "へ", "ほ"]),
    ("m", ["ま", "み", "む", "め", "も"]),
    ("y", ["や", "い", "ゆ", "いぇ", "よ"]),
    ("r", ["ら", "り", "る", "れ", "ろ"]),
    ("w", ["わ", "うぃ", "う", "うぇ", "を"]),
    ("g", ["が", "ぎ", "ぐ", "げ", "ご"]),
    ("z", ["ざ", "じ", "ず", "ぜ", "ぞ"]),
    ("d", ["だ", "ぢ", "づ", "で", "ど"]),
    ("b", ["ば", "び", "ぶ", "べ", "ぼ"]),
    ("p", ["ぱ", "ぴ", "ぷ", "ぺ", "ぽ"]),
    ("f", ["ふぁ", "ふぃ", "ふ", "ふぇ", "ふぉ"]),
    ("j", ["じゃ", "じ", "じゅ", "じぇ", "じょ"]),
    ("v", ["ゔぁ", "ゔぃ", "ゔ", "ゔぇ", "ゔぉ"]),
    ("l", ["ら", "り", "る", "れ", "ろ"]),
];

/// Syllables spelt with more than one consonant letter.
const CLUSTERS: [(&str, [&str; 5]); 7] = [
    ("sh", ["しゃ", "し", "しゅ", "しぇ", "しょ"]),
    ("ch", ["ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"]),
    ("ts", ["つぁ", "つぃ", "つ", "つぇ", "つぉ"]),
    ("ty", ["ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"]),
    ("sy", ["しゃ", "し", "しゅ", "しぇ", "しょ"]),
    ("zy", ["じゃ", "じ", "じゅ", "じぇ", "じょ"]),
    ("jy", ["じゃ", "じ", "じゅ", "じぇ", "じょ"]),
];

/// Consonants that take a small ゃ, ゅ, ょ before y (kya, nyu, ryo).
const PALATAL: [(&str, &str); 10] = [
    ("k", "き"),
    ("n", "に"),
    ("h", "ひ"),
    ("m", "み"),
    ("r", "り"),
    ("g", "ぎ"),
    ("b", "び"),
    ("p", "ぴ"),
    ("d", "ぢ"),
    ("l", "り"),
];

/// The index of a vowel among a, i, u, e, o.
fn vowel(c: u8) -> Option<usize> {
    b"aiueo".iter().position(|&v| v == c)
}

/// Hiragana for a lower-case Latin word that spells Japanese syllables throughout.
pub(crate) fn kana_of(word: &str) -> Option<String> {
    let w = word.as_bytes();
    if w.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        if let Some(v) = vowel(c) {
            out.push_str(SYLLABLES[0].1[v]);
            i += 1;
            continue;
        }
        let next = w.get(i + 1).copied();
        // ん: n at the end, before a consonant other than y, or doubled before one
        // (「kanna」 is かんな, 「konnichiwa」 こんにちわ).
        if c == b'n' {
            match next {
                None => {
                    out.push('ん');
                    i += 1;
                    continue;
                }
                Some(b'n') if w.get(i + 2).is_some_and(|&a| vowel(a).is_none()) => {
                    out.push('ん');
                    i += 2;
                    continue;
                }
                Some(b'n') => {
                    out.push('ん');
                    i += 1;
                    continue;
                }
                Some(n) if vowel(n).is_none() && n != b'y' => {
                    out.push('ん');
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        // A doubled consonant is っ (kk, tt, pp; tch as in matcha).
        if next == Some(c) || (c == b't' && next == Some(b'c')) {
            out.push('っ');
            i += 1;
            continue;
        }
        // A cluster (shi, chi, tsu) or a palatal (kya, nyu).
        if let Some(&(spelt, row)) = CLUSTERS
            .iter()
            .find(|(spelt, _)| w[i..].starts_with(spelt.as_bytes()))
        {
            let v = vowel(*w.get(i + spelt.len())?)?;
            out.push_str(row[v]);
            i += spelt.len() + 1;
            continue;
        }
        if next == Some(b'y') {
            if let Some(&(_, kana)) = PALATAL.iter().find(|(k, _)| k.as_bytes()[0] == c) {
                let v = vowel(*w.get(i + 2)?)?;
                let small = ["ゃ", "ぃ", "ゅ", "ぇ", "ょ"][v];
                out.push_str(kana);
                out.push_str(small);
                i += 3;
                continue;
            }
        }
        let (_, row) = SYLLABLES
            .iter()
            .skip(1)
            .find(|(k, _)| k.as_bytes()[0] == c)?;
        let v = vowel(next?)?;
        out.push_str(row[v]);
        i += 2;
    }
    Some(out)
}

/// A particle as romaji writes it (wa, o, e), read as the kana that writes it.
fn particle(word: &str) -> Option<&'static str> {
    match word {
        "wa" => Some("は"),
        "o" | "wo" => Some("を"),
        "e" => Some("へ"),
        _ => None,
    }
}

/// Particles as romaji writes them.
const PARTICLES: [&str; 13] = [
    "wa", "no", "de", "ni", "to", "ga", "wo", "o", "e", "mo", "ka", "ne", "yo",
];

/// The text with each Latin word that `known` does not know and that spells Japanese
/// read as hiragana, when at least half of its Latin words do; `None` otherwise.
pub(crate) fn read(text: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    let mut out = String::with_capacity(text.len() * 2);
    let (mut latin, mut read) = (0, 0);
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_ascii_lowercase();
        // What tells romaji from English: its particles and its longer words ("a",
        // "in", "do" spell kana too, and say nothing).
        let counts = lower.len() >= 3 || PARTICLES.contains(&lower.as_str());
        latin += counts as usize;
        let kana = particle(&lower)
            .map(str::to_string)
            .or_else(|| (!known(&lower)).then(|| kana_of(&lower)).flatten());
        match kana {
            Some(kana) => {
                read += counts as usize;
                out.push_str(&kana);
            }
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    (read > 0 && 2 * read >= latin).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::{answer, index, tuning_rows};

    #[test]
    fn romaji_spells_kana() {
        for (romaji, kana) in [
            ("kaidan", "かいだん"),
            ("herushinki", "へるしんき"),
            ("toranpu", "とらんぷ"),
            ("puuchin", "ぷうちん"),
            ("nanjikan", "なんじかん"),
            ("itsu", "いつ"),
            ("shunou", "しゅのう"),
            ("kyou", "きょう"),
            ("kitta", "きった"),
            ("konnichiwa", "こんにちわ"),
            ("tsuuyaku", "つうやく"),
            ("hanburuku", "はんぶるく"),
            ("seisai", "せいさい"),
            ("dare", "だれ"),
        ] {
            assert_eq!(kana_of(romaji).as_deref(), Some(kana), "{romaji}");
        }
        for english in ["when", "trump", "meet", "summit", "what", "the", "did"] {
            assert_eq!(kana_of(english), None, "{english}");
        }
    }

    #[test]
    fn english_is_never_read_as_romaji() {
        let index = index();
        let known = |w: &str| index.matcher.knows_word(w);
        for q in [
            "when did trump meet putin in helsinki",
            "what did they agree in alaska",
            "how long was the osaka meeting",
            "who was there at the hamburg summit",
        ] {
            assert_eq!(read(q, known), None, "{q}");
        }
    }

    #[test]
    fn a_question_in_romaji_asks_its_field_in_kana() {
        use crate::knowledge::ask::Asked;
        let index = index();
        for (romaji, field) in [
            ("herushinki no kaidan wa itsu?", Asked::When),
            ("anchorage no kaidan nanjikan?", Asked::Duration),
            ("hanburuku no kaidan wa doko?", Asked::Where),
        ] {
            assert_eq!(
                index.field_asked(romaji).asked.first(),
                Some(&field),
                "{romaji}"
            );
        }
        // English asks in English.
        let asked = index.field_asked("when was the helsinki summit?").asked;
        assert_eq!(asked.first(), Some(&Asked::When));
    }

    #[test]
    fn a_question_in_romaji_is_read_as_kana() {
        let index = index();
        for (romaji, kana) in [
            ("herushinki no kaidan wa itsu?", "ヘルシンキの会談はいつ？"),
            (
                "anchorage no kaidan nanjikan?",
                "アンカレッジの会談は何時間？",
            ),
            (
                "toranpu to puuchin wa nankai atta?",
                "トランプとプーチンは何回会った？",
            ),
            ("budapesuto no kaidan chuushi?", "ブダペストの会談は中止？"),
            (
                "oosaka no kaidan de nani wo hanashita?",
                "大阪の会談で何を話した？",
            ),
        ] {
            let right = answer(&index, kana);
            assert!(right.is_some(), "{kana}");
            assert_eq!(answer(&index, romaji), right, "{romaji}");
        }
    }

    /// Hepburn romaji of a kana text (katakana folded), from the tables above; `None`
    /// when it holds a character they do not spell.
    fn romaji_of(text: &str) -> Option<String> {
        let mut table: Vec<(String, String)> = Vec::new();
        for (c, row) in CLUSTERS.iter().take(3).chain(SYLLABLES.iter()) {
            for (v, kana) in row.iter().enumerate() {
                let r = format!("{c}{}", ['a', 'i', 'u', 'e', 'o'][v]);
                if !table.iter().any(|(k, _)| k == kana) && *c != "l" {
                    table.push((kana.to_string(), r));
                }
            }
        }
        for (c, kana) in PALATAL.iter().take(9) {
            for (small, v) in [("ゃ", 'a'), ("ゅ", 'u'), ("ょ", 'o')] {
                table.push((format!("{kana}{small}"), format!("{c}y{v}")));
            }
        }
        table.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
        let folded: String = text
            .chars()
            .map(|c| match c {
                'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
                _ => c,
            })
            .collect();
        let mut out = String::new();
        let mut rest = folded.as_str();
        let mut double = false;
        while let Some(c) = rest.chars().next() {
            if c == 'っ' {
                double = true;
                rest = &rest[c.len_utf8()..];
                continue;
            }
            if c == 'ん' {
                out.push('n');
            } else if c == 'ー' {
            } else if let Some((k, r)) = table.iter().find(|(k, _)| rest.starts_with(k.as_str())) {
                if double {
                    out.push(r.chars().next()?);
                }
                out.push_str(r);
                rest = &rest[k.len()..];
                double = false;
                continue;
            } else if ('ぁ'..='ゖ').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                return None;
            } else {
                out.push(c);
            }
            double = false;
            rest = &rest[c.len_utf8()..];
        }
        Some(out)
    }

    /// The tuning sets' questions typed in kana only, typed again in romaji, answered
    /// with and without the romaji reading:
    /// `cargo test --lib romaji_questions -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn romaji_questions() {
        let index = index();
        let (mut n, mut typed, mut with, mut without) = (0, 0, 0, 0);
        let (mut oos, mut oos_answered_with, mut oos_answered_without) = (0, 0, 0);
        let (mut english, mut english_read) = (0, 0);
        for row in tuning_rows() {
            let (expected, question) = (row.expected.as_str(), row.question.as_str());
            if row.style == "english" {
                english += 1;
                let r = read(question, |w| index.matcher.knows_word(w));
                if std::env::var_os("ROMAJI_SHOW").is_some() && r.is_some() {
                    println!("EN {question} => {r:?}");
                }
                english_read += r.is_some() as usize;
            }
            let Some(romaji) = romaji_of(question) else {
                continue;
            };
            if !romaji.bytes().any(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            let answered = |q: &str| match index.ask(q) {
                crate::search::Decision::Answer { id, .. } => Some(id),
                _ => None,
            };
            // Without the reading: the typed analysis alone.
            let plain = |q: &str| {
                let spelt = index.spelt(q);
                let q = spelt.as_deref().unwrap_or(q);
                match index
                    .understand_spelt(q, None, &crate::search::THRESHOLDS)
                    .decision
                {
                    crate::search::Decision::Answer { id, .. } => Some(id),
                    _ => None,
                }
            };
            if expected == "-" || expected == "~" {
                oos += 1;
                let a = answered(&romaji);
                if std::env::var_os("ROMAJI_SHOW").is_some()
                    && a.is_some()
                    && plain(&romaji).is_none()
                {
                    println!("OOS {romaji} => {a:?}");
                }
                oos_answered_with += a.is_some() as usize;
                oos_answered_without += plain(&romaji).is_some() as usize;
                continue;
            }
            n += 1;
            typed += (answered(question).as_deref() == Some(expected)) as usize;
            with += (answered(&romaji).as_deref() == Some(expected)) as usize;
            without += (plain(&romaji).as_deref() == Some(expected)) as usize;
        }
        println!(
            "kana-only questions in romaji: {n}; right in kana {typed}, in romaji without the \
             reading {without}, with it {with}; out of scope {oos}, answered without \
             {oos_answered_without}, with {oos_answered_with}; english questions {english}, \
             read as romaji {english_read}"
        );
    }
}
