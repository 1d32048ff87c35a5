//! The synonym table compiled for matching: surface forms → one concept mark each.
//!
//! A concept becomes one private-use character, so 「ヘルシンキ」, 「へるしんき」 and
//! 「helsinki」 turn into the same mark and then take part in bigrams like any character.
//! Matching is longest-first, so 「秘密の合意」 is the secret-deal concept and never the
//! 合意 (agreement) inside it.

use super::normalize::{fold_into, normalize, Folded, Script, BREAK, HIRAGANA, KATAKANA};
use crate::knowledge::Synonyms;
use std::collections::HashMap;

/// First private-use code point; concept `i` is `CONCEPT_BASE + i`.
const CONCEPT_BASE: u32 = 0xE000;
const CONCEPT_LAST: u32 = 0xF8FF;

/// What separates two Latin words of a canonical text.
pub(crate) const WORD_SEP: char = ' ';

/// Whether a character of a canonical text is a concept mark.
pub(crate) fn is_concept(c: char) -> bool {
    (CONCEPT_BASE..=CONCEPT_LAST).contains(&(c as u32))
}

/// What a surface form becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replacement {
    Concept(char),
    /// Fillers vanish (について, 教えて…).
    Nothing,
    /// Marks a question about something the bot does not cover.
    OutOfScope,
    /// A concept out of scope unless the question compares (see
    /// `Synonyms::compared_only`).
    ComparedOnly(char),
}

/// Surface forms keyed by their first character, longest first, with the scripts their
/// ends were listed in ([`Ends`]).
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    by_first: super::fasthash::CharMap<Vec<(Vec<char>, Replacement, Ends)>>,
    /// `by_first`'s surfaces of two characters or more by their first two, longest
    /// first, and its one-character surfaces: where a text reads, only the surfaces that
    /// begin as it does are tried, in `by_first`'s order.
    by_pair: super::fasthash::SpreadMap<u64, Vec<(Vec<char>, Replacement, Ends)>>,
    single: super::fasthash::CharMap<Vec<(Vec<char>, Replacement, Ends)>>,
    concept_names: Vec<String>,
    /// Marks of the concepts that are people, at most 15 (bits of a `u16`).
    leaders: Vec<char>,
    /// The mark of the meeting concept: two people *meeting* is a claim about a pair.
    pub meeting: Option<char>,
    /// The mark of the two countries together (米ロ, US-Russia).
    pair: Option<char>,
    /// The mark of the future concept (次回, next, 今後): what has not happened yet.
    future: Option<char>,
    /// The mark of the concept of now (今の, 現職, current): who holds an office today.
    current: Option<char>,
    /// The mark of the comparison concept (比較, 違い, vs).
    compare: Option<char>,
    /// Bits (as in `leaders_in`) of the two people every entry is about.
    home: u16,
    /// The same two people as bits of `classes_in`.
    home_classes: ClassMasks,
    /// Mark → (class, bit) for the concepts of `name_classes`.
    classes: super::fasthash::FastMap<char, (usize, u32)>,
    /// Marks of the concepts every meeting's record answers (`record_aspects`).
    pub aspects: Vec<char>,
    /// Marks of the concepts of a meeting held or not held (開催, 開かれなかった, happen).
    pub held: Vec<char>,
    /// The mark of a meeting not held (開かれなかった, never happened).
    pub not_held: Option<char>,
    /// The mark of a plain "did" (やった): of a meeting held only when said of
    /// one (「ブダペストの会談もうやった？」), not of anything else (「G20やったとこ」).
    pub did: Option<char>,
    /// Marks of the concepts of how a meeting was received (反応, 世論調査).
    pub reception: Vec<char>,
}

/// Most classes of `name_classes` (people, places, years, one spare).
pub const MAX_NAME_CLASSES: usize = 4;

/// Per class, the members a text names, one bit each.
pub(crate) type ClassMasks = [u32; MAX_NAME_CLASSES];

/// The synonym group of meetings (会談, 会った, summit…).
const MEETING_GROUP: &str = "meeting";
/// The synonym group of the two countries whose leaders' meetings the dataset keeps (米ロ).
const PAIR_GROUP: &str = "us-russia";
/// The synonym group of what is still to come (次回, next, 今後).
const FUTURE_GROUP: &str = "future";
/// The synonym group of now (今の, 現職, current).
const CURRENT_GROUP: &str = "current";
/// The synonym group of comparisons (比較, 違い, vs…).
const COMPARE_GROUP: &str = "compare";
/// The synonym groups of a meeting held, or not (開催, 開かれなかった, took place).
const HELD_GROUPS: [&str; 2] = ["held", "not-held"];
/// The synonym group of a plain "did" (やった), held when said of a meeting.
const DID_GROUP: &str = "did";
/// The synonym groups of how a meeting was received (反応, 世論調査); not the news
/// (「ニュースで見た」 is where someone heard of it).
const RECEPTION_GROUPS: [&str; 2] = ["reaction", "poll"];
/// The synonym groups of the two leaders every entry of the dataset is about.
const HOME_GROUPS: [&str; 2] = ["trump", "putin"];
/// The bit of [`Lexicon::leaders_in`] for the meeting concept.
pub(crate) const MEETING_BIT: u16 = 1 << 15;

/// A question or index text after normalisation and the synonym table.
#[derive(Debug, Default, Clone)]
pub(crate) struct Canonical {
    pub chars: Vec<char>,
    /// It names something out of scope (安倍, 誕生日, 天気…).
    pub out_of_scope: bool,
    /// It names something out of scope unless it compares (see
    /// `Synonyms::compared_only`).
    pub compared_only: bool,
    /// It speaks of now (今の, 現職, current): a word of when, not of what, kept out of
    /// `chars`.
    pub now: bool,
}

impl Lexicon {
    pub fn build(synonyms: &Synonyms) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for (i, (name, surfaces)) in synonyms.groups.iter().enumerate() {
            let Some(mark) = char::from_u32(CONCEPT_BASE + i as u32) else {
                break;
            };
            lexicon.concept_names.push(name.clone());
            if synonyms.leaders.contains(name) && lexicon.leaders.len() < 15 {
                if HOME_GROUPS.contains(&name.as_str()) {
                    lexicon.home |= 1 << lexicon.leaders.len();
                }
                lexicon.leaders.push(mark);
            }
            if name == FUTURE_GROUP {
                lexicon.future = Some(mark);
            }
            if name == MEETING_GROUP {
                lexicon.meeting = Some(mark);
            }
            if name == PAIR_GROUP {
                lexicon.pair = Some(mark);
            }
            if name == CURRENT_GROUP {
                lexicon.current = Some(mark);
            }
            if name == COMPARE_GROUP {
                lexicon.compare = Some(mark);
            }
            if HELD_GROUPS.contains(&name.as_str()) {
                lexicon.held.push(mark);
            }
            if RECEPTION_GROUPS.contains(&name.as_str()) {
                lexicon.reception.push(mark);
            }
            if name == HELD_GROUPS[1] {
                lexicon.not_held = Some(mark);
            }
            if name == DID_GROUP {
                lexicon.did = Some(mark);
            }
            let class = synonyms
                .name_classes
                .iter()
                .take(MAX_NAME_CLASSES)
                .enumerate();
            for (c, members) in class {
                if let Some(bit) = members.iter().take(32).position(|m| m == name) {
                    lexicon.classes.insert(mark, (c, 1 << bit));
                    if HOME_GROUPS.contains(&name.as_str()) {
                        lexicon.home_classes[c] |= 1 << bit;
                    }
                }
            }
            if synonyms.record_aspects.contains(name) {
                lexicon.aspects.push(mark);
            }
            for s in surfaces {
                lexicon.add(s, Replacement::Concept(mark));
            }
        }
        // English fillers ("the", "did") too: Latin surfaces match whole words only, so
        // "the" never vanishes from inside "weather", and "face to face" outranks "to".
        for s in &synonyms.fillers {
            lexicon.add(s, Replacement::Nothing);
        }
        for s in &synonyms.out_of_scope {
            lexicon.add(s, Replacement::OutOfScope);
        }
        for (name, surfaces) in &synonyms.compared_only {
            let Some(i) = synonyms.groups.keys().position(|g| g == name) else {
                continue;
            };
            let Some(mark) = char::from_u32(CONCEPT_BASE + i as u32) else {
                continue;
            };
            for s in surfaces {
                lexicon.add(s, Replacement::ComparedOnly(mark));
            }
        }
        // English inflections of the words of concepts ("happen" → happens, happened,
        // happening): after every listed surface, which wins over a form made here. Not of
        // names (people, places), which do not inflect.
        for (i, (name, surfaces)) in synonyms.groups.iter().enumerate() {
            let Some(mark) = char::from_u32(CONCEPT_BASE + i as u32) else {
                break;
            };
            if synonyms.leaders.contains(name)
                || synonyms.name_classes.iter().any(|c| c.contains(name))
            {
                continue;
            }
            for s in surfaces {
                for form in inflections(s) {
                    lexicon.add(&form, Replacement::Concept(mark));
                }
            }
        }
        for list in lexicon.by_first.values_mut() {
            list.sort_by_key(|(chars, _, _)| std::cmp::Reverse(chars.len()));
        }
        let mut by_pair: super::fasthash::SpreadMap<u64, Vec<_>> = Default::default();
        let mut single: super::fasthash::CharMap<Vec<_>> = Default::default();
        for list in lexicon.by_first.values_mut() {
            for surface in list.iter() {
                match surface.0[..] {
                    [first] => single.slot(first).push(surface.clone()),
                    [first, second, ..] => by_pair
                        .entry(pair_key(first, second))
                        .or_default()
                        .push(surface.clone()),
                    [] => {}
                }
            }
        }
        lexicon.by_pair = by_pair;
        lexicon.single = single;
        lexicon
    }

    /// The surfaces that may begin at `text[0]`, in `by_first`'s order (longest first):
    /// those that begin with its first two characters, then the one of its first. A
    /// character that begins none is told by `by_first`'s bit, without hashing.
    fn surfaces_at(&self, text: &[char]) -> [&[(Vec<char>, Replacement, Ends)]; 2] {
        let Some(first) = text.first().filter(|c| self.by_first.get(c).is_some()) else {
            return [&[], &[]];
        };
        let pair = match text {
            [_, second, ..] => self.by_pair.get(&pair_key(*first, *second)),
            _ => None,
        };
        let single = self.single.get(first);
        [
            pair.map_or(&[][..], Vec::as_slice),
            single.map_or(&[][..], Vec::as_slice),
        ]
    }

    fn add(&mut self, surface: &str, replacement: Replacement) {
        let folded = Folded::new(surface);
        let chars: Vec<char> = folded.text.chars().collect();
        let Some(&first) = chars.first() else {
            return;
        };
        let ends = Ends::of(&folded.scripts);
        let list = self.by_first.slot(first);
        // The first definition of a surface wins; `problems` reports the clash. A surface
        // listed in both scripts (ヘルシンキ, へるしんき) matches in both.
        match list.iter_mut().find(|(c, _, _)| *c == chars) {
            Some((_, _, known)) => known.0 |= ends.0,
            None => list.push((chars, replacement, ends)),
        }
    }

    /// Whether a surface of the table begins at `chars[at..]` (「トランプ|プーチン」).
    fn begins_surface(&self, chars: &[char], at: usize) -> bool {
        self.by_first
            .get(&chars[at])
            .is_some_and(|list| list.iter().any(|(s, _, _)| begins_with(&chars[at..], s)))
    }

    /// Whether a canonical text speaks of what is still to come (次回, next, 今後).
    pub fn speaks_of_future(&self, chars: &[char]) -> bool {
        self.future.is_some_and(|m| chars.contains(&m))
    }

    /// Whether a canonical text names the United States and Russia together (米ロ関係).
    pub fn names_us_russia(&self, chars: &[char]) -> bool {
        self.pair.is_some_and(|m| chars.contains(&m))
    }

    /// Whether a canonical text asks for a comparison.
    pub fn compares(&self, chars: &[char]) -> bool {
        self.compare.is_some_and(|m| chars.contains(&m))
    }

    /// Whether a mark is Trump's or Putin's concept.
    pub fn is_home_mark(&self, c: char) -> bool {
        // Leaders are concepts: any other character is settled without the list.
        is_concept(c)
            && self
                .leaders
                .iter()
                .enumerate()
                .any(|(i, m)| *m == c && self.home & (1 << i) != 0)
    }

    /// The bits of Trump and Putin, whom every entry is about.
    pub fn home(&self) -> u16 {
        self.home
    }

    /// The classes (people, places…) of the two people every entry is about.
    pub fn home_classes(&self) -> ClassMasks {
        self.home_classes
    }

    /// Which people a canonical text names, one bit each, plus [`MEETING_BIT`] when it
    /// speaks of a meeting.
    pub fn leaders_in(&self, chars: &[char]) -> u16 {
        let people = self
            .leaders
            .iter()
            .enumerate()
            .filter(|(_, mark)| chars.contains(mark))
            .fold(0, |mask, (i, _)| mask | (1 << i));
        match self.meeting {
            Some(m) if chars.contains(&m) => people | MEETING_BIT,
            _ => people,
        }
    }

    /// The people, places and years a text names besides Trump and Putin: the masks of
    /// [`Lexicon::classes_in`] without theirs.
    pub fn specific_of(&self, mut masks: ClassMasks) -> ClassMasks {
        for (m, home) in masks.iter_mut().zip(self.home_classes) {
            *m &= !home;
        }
        masks
    }

    /// Which members of each name class a canonical text names.
    pub fn classes_in(&self, chars: &[char]) -> ClassMasks {
        let mut masks = [0; MAX_NAME_CLASSES];
        // Only concepts are members of a class: other characters need no lookup.
        for c in chars.iter().filter(|&&c| is_concept(c)) {
            if let Some(&(class, bit)) = self.classes.get(c) {
                masks[class] |= bit;
            }
        }
        masks
    }

    /// The concept name of a mark (for debugging output, and the few groups read by name).
    pub fn concept_name(&self, mark: char) -> Option<&str> {
        let i = (mark as u32).checked_sub(CONCEPT_BASE)? as usize;
        self.concept_names.get(i).map(String::as_str)
    }

    /// Normalises `text` and applies the table, longest surface first.
    pub fn canonical(&self, text: &str) -> Canonical {
        self.canonical_of(text, None)
    }

    /// [`Lexicon::canonical`], given the text's [`Folded`] form when it is at hand.
    pub fn canonical_of(&self, text: &str, normalized: Option<&Folded>) -> Canonical {
        // Latin words lose their spaces when normalised: where each began is kept, so that
        // a Latin surface matches whole words only ("eu" is no part of "come up").
        let mut starts: Vec<usize> = Vec::new();
        let latin_text = text.contains(|c: char| c.is_ascii_alphabetic());
        let owned: Folded;
        let folded: &Folded = if let Some(n) = normalized.filter(|_| !latin_text) {
            n
        } else if latin_text {
            let mut joined = String::with_capacity(text.len());
            let mut scripts = Vec::with_capacity(text.len());

            let words = text
                .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''))
                .filter(|w| !w.is_empty());
            for word in words {
                // A possessive is the name itself ("Trump's" → trump).
                let word = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .unwrap_or(word);
                // Each word's first character is marked as after a break.
                starts.push(scripts.len());
                fold_into(word, &mut joined, Some(&mut scripts));
            }
            owned = Folded {
                text: joined,
                scripts,
            };
            &owned
        } else {
            owned = Folded::new(text);
            &owned
        };
        let scripts = folded.scripts.as_slice();
        // Sized once: a text has at most as many characters as bytes.
        let mut chars: Vec<char> = Vec::with_capacity(folded.text.len());
        chars.extend(folded.text.chars());
        let words = super::normalize::katakana_marks_words(&folded.text, scripts);
        let latin = |c: char| c.is_ascii_alphanumeric();
        // A Latin surface may begin or end at position `i` only at a word's edge; letters
        // and digits typed together meet at one (「APEC2017」 reads as 「APEC 2017」).
        let letter_digit = |a: char, b: char| {
            (a.is_ascii_alphabetic() && b.is_ascii_digit())
                || (a.is_ascii_digit() && b.is_ascii_alphabetic())
        };
        let edge = |i: usize| {
            i == 0
                || i >= chars.len()
                || latin(chars[i - 1]) != latin(chars[i])
                || letter_digit(chars[i - 1], chars[i])
                || starts.binary_search(&i).is_ok()
        };
        let mut out = Canonical {
            chars: Vec::with_capacity(chars.len()),
            out_of_scope: false,
            compared_only: false,
            now: false,
        };
        let mut i = 0;
        // Where the last surface matched ended: a word's edge, whatever the scripts.
        let mut matched_to = 0;
        while i < chars.len() {
            let after_match = i == matched_to;
            let mut found = None;
            'surfaces: for list in self.surfaces_at(&chars[i..]) {
                for (s, r, ends) in list {
                    if begins_with(&chars[i..], s)
                        && (!latin(s[0]) || edge(i))
                        && (!s.last().is_some_and(|&c| latin(c)) || edge(i + s.len()))
                        && ends.fit(scripts, &chars, i, s.len(), words, after_match)
                        && (!ends.ends_in_katakana()
                            || !ends.cuts_katakana_word(scripts, i + s.len(), words)
                            || self.begins_surface(&chars, i + s.len()))
                    {
                        found = Some((s.len(), *r));
                        break 'surfaces;
                    }
                }
            }
            match found {
                Some((len, replacement)) => {
                    match replacement {
                        Replacement::Concept(mark) if Some(mark) == self.current => {
                            out.now = true;
                        }
                        Replacement::Concept(mark) => {
                            // 「トランプとプーチン」 and 「トランプ・プーチン」 name the same pair.
                            if let [.., before, 'と' | 'や'] = out.chars[..] {
                                if is_concept(before) {
                                    out.chars.pop();
                                }
                            }
                            out.chars.push(mark)
                        }
                        Replacement::Nothing => {}
                        Replacement::OutOfScope => out.out_of_scope = true,
                        Replacement::ComparedOnly(mark) => {
                            out.compared_only = true;
                            out.chars.push(mark);
                        }
                    }
                    i += len;
                    matched_to = i;
                }
                None => {
                    // Latin words stay apart, so that no term straddles two of them
                    // ("reverse list" holds no "el" of "Helsinki").
                    let starts_word = chars[i].is_ascii_alphabetic()
                        && starts.binary_search(&i).is_ok()
                        && out.chars.last().is_some_and(|c| c.is_ascii_alphanumeric());
                    if starts_word {
                        out.chars.push(WORD_SEP);
                    }
                    out.chars.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

/// The key of a surface's first two characters (see `Lexicon::by_pair`).
#[inline]
pub(crate) fn pair_key(first: char, second: char) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// Whether `text` begins with `prefix`, whose first character the caller has matched
/// already (lists keyed by it): the second character first, which most candidates fail,
/// then the rest letter by letter (surfaces and names are a few characters long, shorter
/// than a call to `memcmp` is worth).
#[inline]
pub(crate) fn begins_with(text: &[char], prefix: &[char]) -> bool {
    prefix.len() <= text.len()
        && (prefix.len() < 2 || prefix[1] == text[1])
        && prefix.iter().zip(text).all(|(a, b)| a == b)
}

/// The scripts a surface's first and last characters were listed in, by which it fits
/// a place in a text or not: a surface listed in hiragana (いつ, なんで) is no part of a word
/// typed in katakana (ドイツ, ダナンで), and one listed in katakana (タイ, パリ, テーマ) does
/// not begin inside hiragana glued to what comes before it (知りたい, さっぱり, ってまだ),
/// while a name typed in hiragana on purpose (「だなんで会った」「ばいでんとぷーちん」) still
/// matches: at the text's start, after a space, a particle or another surface.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ends(u8);

impl Ends {
    const FIRST_HIRAGANA: u8 = 1;
    const FIRST_KATAKANA: u8 = 2;
    const LAST_HIRAGANA: u8 = 4;
    const LAST_KATAKANA: u8 = 8;

    /// The ends of a surface from the [`Script`]s of its characters.
    pub fn of(scripts: &[Script]) -> Ends {
        let bits = |s: Option<&Script>, h: u8, k: u8| match s {
            Some(s) if s & HIRAGANA != 0 => h,
            Some(s) if s & KATAKANA != 0 => k,
            _ => 0,
        };
        Ends(
            bits(scripts.first(), Self::FIRST_HIRAGANA, Self::FIRST_KATAKANA)
                | bits(scripts.last(), Self::LAST_HIRAGANA, Self::LAST_KATAKANA),
        )
    }

    /// Whether the surface was listed ending in katakana only (対ロ, タイ).
    pub fn ends_in_katakana(self) -> bool {
        self.only(Self::LAST_KATAKANA, Self::LAST_HIRAGANA)
    }

    /// Whether a surface ending in katakana before `end` would cut a katakana word of the
    /// text (対ロ|シア, スタイ|ル), where katakana marks its words: its caller lets it end
    /// there only where another surface begins (トランプ|プーチン).
    pub fn cuts_katakana_word(self, scripts: &[Script], end: usize, words: bool) -> bool {
        words
            && end > 0
            && end < scripts.len()
            && scripts[end - 1] & KATAKANA != 0
            && scripts[end] & KATAKANA != 0
            && scripts[end] & BREAK == 0
    }

    fn only(self, bit: u8, other: u8) -> bool {
        self.0 & bit != 0 && self.0 & other == 0
    }

    /// Whether the surface may stand for `chars[at..at + len]` of a text whose characters
    /// were typed in `scripts` (one per character; none known: it fits). `words`:
    /// katakana marks the text's words (see `normalize::katakana_marks_words`). `after_match`: a
    /// surface ended just before `at`, an edge of a word whatever the kana.
    pub fn fit(
        self,
        scripts: &[Script],
        chars: &[char],
        at: usize,
        len: usize,
        words: bool,
        after_match: bool,
    ) -> bool {
        if scripts.len() != chars.len() || len == 0 {
            return true;
        }
        let kata = |i: usize| scripts[i] & KATAKANA != 0;
        let hira = |i: usize| scripts[i] & HIRAGANA != 0;
        let joined = |i: usize| scripts[i] & BREAK == 0;
        let end = at + len;
        if words && self.only(Self::FIRST_HIRAGANA, Self::FIRST_KATAKANA) {
            // Beginning inside a katakana word (ド|イツ, ダ|ナンで).
            if at > 0 && !after_match && kata(at) && kata(at - 1) && joined(at) {
                return false;
            }
        }
        if words && self.only(Self::LAST_HIRAGANA, Self::LAST_KATAKANA) {
            // Ending inside one (ラン|チ for からん).
            if end < chars.len() && kata(end - 1) && kata(end) && joined(end) {
                return false;
            }
        }
        if self.only(Self::FIRST_KATAKANA, Self::FIRST_HIRAGANA)
            && at > 0
            && !after_match
            && hira(at)
            && joined(at)
        {
            // Glued to the kanji or the hiragana of a word before it (知り|たい, 正確|なと),
            // unless that is a particle (…の|じゅねーぶ, …と|ぷーちん).
            let before = chars[at - 1];
            let particle = hira(at - 1) && PARTICLES.contains(&before);
            if (hira(at - 1) || super::normalize::is_kanji(before)) && !particle {
                return false;
            }
        }
        true
    }
}

/// The one-kana particles a name typed in hiragana may follow (「ぷーちんと|ばいでん」).
const PARTICLES: [char; 13] = [
    'の', 'と', 'は', 'が', 'を', 'に', 'で', 'も', 'や', 'へ', 'か', 'ね', 'よ',
];

/// The regular English inflections of a Latin surface's first word ("take place" →
/// "takes place", "taking place"): -s and -ing, with the usual spelling of -e, -y and
/// sibilant endings. None for a word under four letters or one already inflected (-s,
/// -ed, -ing). Not -ed: a past tense often asks something else than the word
/// ("what happened" asks the outcome, not whether a meeting was held).
fn inflections(surface: &str) -> [String; 2] {
    let (first, rest) = surface.split_once(' ').unwrap_or((surface, ""));
    let inflects = first.len() >= 4
        && first.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !["s", "ed", "ing"].iter().any(|e| first.ends_with(e));
    if !inflects {
        return [String::new(), String::new()];
    }
    let stem = &first[..first.len() - 1];
    let last = first.as_bytes()[first.len() - 1];
    let before = first.as_bytes()[first.len() - 2];
    let [s, ing] = if last == b'e' {
        [format!("{first}s"), format!("{stem}ing")]
    } else if last == b'y' && !b"aeiou".contains(&before) {
        [format!("{stem}ies"), format!("{first}ing")]
    } else if matches!(last, b'x' | b'z') || first.ends_with("ch") || first.ends_with("sh") {
        [format!("{first}es"), format!("{first}ing")]
    } else {
        [format!("{first}s"), format!("{first}ing")]
    };
    if rest.is_empty() {
        [s, ing]
    } else {
        [format!("{s} {rest}"), format!("{ing} {rest}")]
    }
}

/// Problems of the synonym table: a surface form listed under two concepts, or as both a
/// concept and a filler, would send questions to the wrong entry.
pub fn problems(synonyms: &Synonyms) -> Vec<String> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    let lists =
        synonyms
            .groups
            .iter()
            .map(|(name, surfaces)| (format!("group \"{name}\""), surfaces.as_slice()))
            .chain([
                ("fillers".to_string(), synonyms.fillers.as_slice()),
                ("out_of_scope".to_string(), synonyms.out_of_scope.as_slice()),
            ])
            .chain(synonyms.compared_only.iter().map(|(name, surfaces)| {
                (format!("compared_only \"{name}\""), surfaces.as_slice())
            }));
    for (owner, surfaces) in lists {
        for s in surfaces {
            let key = normalize(s);
            if key.is_empty() {
                out.push(format!("{owner}: \"{s}\" is empty once normalised"));
                continue;
            }
            match seen.get(&key) {
                Some(other) if *other != owner => {
                    out.push(format!("{owner}: \"{s}\" is also listed in {other}"))
                }
                Some(_) => {}
                None => {
                    seen.insert(key, owner.clone());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Synonyms {
        let mut s = Synonyms::default();
        s.groups.insert("agreement".into(), vec!["合意".into()]);
        s.groups.insert(
            "secret-deal".into(),
            vec!["密約".into(), "秘密の合意".into()],
        );
        s.groups.insert(
            "helsinki".into(),
            vec!["ヘルシンキ".into(), "helsinki".into()],
        );
        s.fillers.push("について".into());
        s.out_of_scope.push("誕生日".into());
        s
    }

    #[test]
    fn letters_and_digits_typed_together_read_as_apart() {
        let mut synonyms = table();
        synonyms.groups.insert("apec".into(), vec!["APEC".into()]);
        let lex = Lexicon::build(&synonyms);
        let joined = lex.canonical("APEC2017の会談");
        assert_eq!(joined.chars, lex.canonical("APEC 2017の会談").chars);
        assert!(joined.chars.iter().any(|&c| is_concept(c)));
        // A digit before the letters meets them at an edge too.
        let after = lex.canonical("2018helsinki");
        assert_eq!(after.chars, lex.canonical("2018 helsinki").chars);
        assert!(after.chars.iter().any(|&c| is_concept(c)));
    }

    #[test]
    fn longest_surface_wins() {
        let lex = Lexicon::build(&table());
        let secret = lex.canonical("秘密の合意");
        let deal = lex.canonical("密約");
        assert_eq!(secret.chars, deal.chars);
        assert_ne!(lex.canonical("合意").chars, deal.chars);
    }

    #[test]
    fn scripts_meet_and_fillers_vanish() {
        let lex = Lexicon::build(&table());
        assert_eq!(
            lex.canonical("ﾍﾙｼﾝｷについて").chars,
            lex.canonical("HELSINKI").chars
        );
        assert!(lex.canonical("トランプの誕生日").out_of_scope);
    }

    #[test]
    fn latin_surfaces_match_whole_words() {
        let mut s = table();
        s.groups.insert("europe".into(), vec!["eu".into()]);
        let lex = Lexicon::build(&s);
        let europe = lex.canonical("eu").chars;
        assert!(!contains_mark(&lex.canonical("come up").chars, europe[0]));
        assert!(contains_mark(
            &lex.canonical("the EU and Helsinki").chars,
            europe[0]
        ));
    }

    #[test]
    fn english_words_inflect_but_listed_surfaces_win() {
        let mut s = table();
        s.groups
            .insert("held".into(), vec!["happen".into(), "take place".into()]);
        s.groups
            .insert("media".into(), vec!["cover".into(), "covers".into()]);
        s.groups.insert("war".into(), vec!["war".into()]);
        s.groups.insert("style".into(), vec!["style".into()]);
        let lex = Lexicon::build(&s);
        let held = lex.canonical("happen").chars[0];
        for text in ["happens", "happening", "taking place", "takes place"] {
            assert_eq!(lex.canonical(text).chars, [held], "{text}");
        }
        let styles = lex.canonical("styles").chars;
        assert_eq!(styles, lex.canonical("style").chars);
        // Words under four letters, and past tenses, stay as written.
        assert_ne!(lex.canonical("wars").chars, lex.canonical("war").chars);
        assert_ne!(lex.canonical("happened").chars, [held]);
    }

    #[test]
    fn kana_words_keep_their_script() {
        let mut s = table();
        s.groups.insert("when".into(), vec!["いつ".into()]);
        s.groups.insert("why".into(), vec!["なんで".into()]);
        s.groups.insert("danang".into(), vec!["ダナン".into()]);
        s.groups.insert("paris".into(), vec!["パリ".into()]);
        s.groups
            .get_mut("helsinki")
            .expect("in the table")
            .push("へるしんき".into());
        let lex = Lexicon::build(&s);
        let mark = |text: &str| lex.canonical(text).chars[0];
        let (when, why, danang, paris) =
            (mark("いつ"), mark("なんで"), mark("ダナン"), mark("パリ"));
        let has = |text: &str, m: char| contains_mark(&lex.canonical(text).chars, m);
        // A hiragana word is no part of a katakana one: ド|イツ, ダナン|で.
        assert!(!has("ドイツの首相は誰？", when));
        assert!(!has("ドイツ首相", when));
        assert!(!has("ｽｲｰﾂ なにがうまい？", when));
        assert!(has("ダナンで会った", danang));
        assert!(!has("ダナンで会った", why));
        // …but may be typed in katakana as a word of its own, or in a text that writes
        // all its kana in katakana.
        assert!(has("ヘルシンキ会談はイツ？", when));
        assert!(has("ﾍﾙｼﾝｷ ｶｲﾀﾞﾝ ｲﾂﾃﾞｽｶ", when));
        assert!(has("ナンデ会ったの", why));
        // A katakana word does not begin inside hiragana glued to the word before it
        // (知り|たい, さっ|ぱり, 会談|だなんて)…
        assert!(!has("何が変わったのかさっぱり分からない", paris));
        assert!(!has("会談だなんて", danang));
        // …while a name typed in hiragana on purpose matches: at the start, after a space,
        // a particle or another word of the table.
        assert!(has("だなんで会った", danang));
        assert!(has("ぱり 2018", paris));
        assert!(has("ヘルシンキとぱり", paris));
        assert!(has("へるしんきぱり", paris));
        // A katakana surface does not end inside a katakana word (対ロ|シア, パリ|ジェンヌ)
        // unless another surface begins there (パリ|ダナン).
        assert!(!has("パリジェンヌの話", paris));
        assert!(has("パリダナン", paris));
        // A surface listed in both scripts matches in both.
        assert_eq!(
            lex.canonical("会談ヘルシンキ").chars,
            lex.canonical("会談へるしんき").chars
        );
    }

    fn contains_mark(chars: &[char], mark: char) -> bool {
        chars.contains(&mark)
    }

    #[test]
    fn clashes_are_reported() {
        let mut s = table();
        s.groups
            .insert("other".into(), vec!["ﾐﾂﾔｸ".into(), "密約".into()]);
        assert_eq!(problems(&s).len(), 1, "{:?}", problems(&s));
    }
}
