//! A Trump–Putin meeting named by its place in the sequence of their meetings rather than
//! by its place: 「二人が最初に会ったのはいつ？」, 「一番最近の首脳会談」, 「最後に対面で
//! 会ったのは」, 「ヘルシンキの次に会ったのはどこ？」, 「大阪の前の会談」, 「アラスカの後に
//! 予定されていた会談」, "the first time they met", "their most recent summit", "the
//! meeting after Helsinki".
//!
//! The sequence is the dataset's meeting records (`responses/meetings.json`) ordered by
//! date; the past summits of other presidents (the history table) are no part of it. Which
//! records count follows the words of the question and the records' own `format`:
//!
//! - a word of meeting in any way (会った, 対面, met) counts every encounter held, the
//!   brief informal ones too (Da Nang, Paris, Buenos Aires: they met there);
//! - a word of a formal meeting (会談, 首脳会談, summit) counts only the formal ones
//!   (standalone summits and scheduled bilaterals: Hamburg, Helsinki, Osaka, Anchorage);
//! - a meeting planned and never held (Budapest 2025) counts only when the question says
//!   it speaks of a plan (予定, planned): 「最後の会談」 is the latest held.
//!
//! 「最初」/"first" names the earliest of them, 「最後」/「一番最近」/"latest" the latest, and a
//! meeting named with 「の次に」/「の後に」/「の前の」/"after"/"before" the one after or before
//! it. The question is then written with that meeting's place (as `dated` writes a month's),
//! so the rest of the matcher reads it unchanged. A year written narrows 「最初」 to that
//! year (「2018年の最初の会談」 is Helsinki); the latest of a year is that year's account
//! (the dataset's yearly update), not one meeting, and is left alone, as is a meeting that
//! only dates something else ("after their last meeting"). 「N回目」 is left alone: the record itself
//! counts within a term (Budapest is 「2回目の首脳会談」 of 2025), so a number is no place in
//! one sequence. The caller keeps out questions about other pairs (「トランプと金正恩が最初に
//! 会った」), the two countries in general (「最初の米露首脳会談」 is Geneva 1985's kind),
//! calls, and those that already name a meeting by its name
//! (other than the one they count from: 「ヘルシンキの次」). The words are in
//! `responses/ask.json` (`sequence`).

use super::words::{word_at, Chars, List};
use crate::knowledge::ask::SequenceWords;
use crate::knowledge::{Knowledge, MeetingFormat};

/// Most characters a word of place and its word of meeting may stand apart, whatever
/// `gap` counts (bytes are 3 a character in Japanese).
const MAX_STRETCH: usize = 12;

/// One meeting of the sequence.
#[derive(Debug)]
struct Step {
    id: String,
    date: String,
    format: MeetingFormat,
    /// Its names as a question writes them (lower case): places, aliases.
    names: Vec<String>,
    place_ja: String,
    place_en: String,
}

/// What the question counts as a meeting (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Counted {
    /// Every encounter held.
    Met,
    /// The formal ones.
    Talks,
}

/// Where in the sequence the question points.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    First,
    Latest,
    /// The one after the step of that index.
    After(usize),
    /// The one before it.
    Before(usize),
}

/// The words of `responses/ask.json`'s `sequence`, lower case, longest first.
#[derive(Debug, Default)]
struct Words {
    first: List,
    latest: List,
    after: List,
    before: List,
    next: List,
    met: Vec<String>,
    talks: Vec<String>,
    planned: Vec<String>,
    standalone: Vec<String>,
    term: List,
    held: Vec<String>,
    stops: Vec<String>,
    gap: usize,
}

/// The word of meeting a word of place qualifies, and what the stretch between them says.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Meeting {
    counted: Counted,
    /// A word of a plan (予定されていた) stands between them: a meeting planned and not
    /// held counts.
    planned: bool,
    /// A word of a standalone summit (単独) stands between them: only those count.
    standalone: bool,
}

impl Meeting {
    fn of(counted: Counted) -> Meeting {
        Meeting {
            counted,
            planned: false,
            standalone: false,
        }
    }
}

fn words(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = list
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

/// The meetings of the dataset in the order they were held (or planned).
#[derive(Debug, Default)]
pub(crate) struct Sequence {
    steps: Vec<Step>,
    words: Words,
}

/// What a question names besides its place in the sequence, as the caller reads it.
#[derive(Debug, Default)]
pub(crate) struct Named {
    /// It speaks of other people, of the two countries in general, of calls, or of
    /// something out of scope: no Trump–Putin meeting of the sequence.
    pub elsewhere: bool,
    /// The ids of the meetings it names.
    pub meetings: Vec<String>,
}

/// A place's name before any note on it (「ジュネーブ（スイス）」, "Anchorage, Alaska").
fn head(place: &str) -> String {
    place
        .split(['（', '(', '：', ':', ',', '、'])
        .next()
        .unwrap_or(place)
        .trim()
        .to_string()
}

/// Characters that end the stretch a word of place and its word of meeting share.
fn breaks(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | ','
            | '.'
            | '?'
            | '？'
            | '!'
            | '！'
            | '「'
            | '」'
            | '『'
            | '』'
            | '('
            | ')'
            | '（'
            | '）'
            | '\n'
            | ';'
            | ':'
    )
}

/// The first word of `list` written at byte `at`, with its end.
fn any_at(lower: &str, at: usize, list: &[String]) -> Option<usize> {
    list.iter()
        .find(|w| word_at(lower, at, w))
        .map(|w| at + w.len())
}

/// Every place a word of `list` is written: (start, end). `chars`: the characters of
/// `lower` (or of a text it is part of).
fn all_of(lower: &str, chars: Chars, list: &List) -> Vec<(usize, usize)> {
    // Only a word written somewhere in the text can be found at a place in it: the others
    // are left out before the walk (the same places, in the list's order, found without
    // trying every word at every character; most questions hold none of the words).
    let present: Vec<&str> = list.written_in(lower, chars).collect();
    super::words::places(lower, &present, word_at)
}

impl Sequence {
    pub fn new(k: &Knowledge) -> Sequence {
        let mut steps: Vec<Step> = k
            .meetings
            .iter()
            .map(|m| {
                let mut names: Vec<String> = [&m.city_ja, &m.city_en]
                    .into_iter()
                    .map(|c| head(c))
                    .chain(m.aliases.iter().cloned())
                    .map(|n| n.to_lowercase())
                    .filter(|n| n.chars().count() >= 2 && !n.chars().all(|c| c.is_ascii_digit()))
                    .collect();
                names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
                names.dedup();
                Step {
                    id: m.id.clone(),
                    date: m.date.clone(),
                    format: m.format,
                    names,
                    place_ja: head(&m.city_ja),
                    place_en: head(&m.city_en),
                }
            })
            .collect();
        steps.sort_by(|a, b| a.date.cmp(&b.date));
        let w: &SequenceWords = &k.ask.sequence;
        Sequence {
            steps,
            words: Words {
                first: List::new(words(&w.first)),
                latest: List::new(words(&w.latest)),
                after: List::new(words(&w.after)),
                before: List::new(words(&w.before)),
                next: List::new(words(&w.next)),
                met: words(&w.met),
                talks: words(&w.talks),
                planned: words(&w.planned),
                standalone: words(&w.standalone),
                term: List::new(words(&w.term)),
                held: words(&w.held),
                stops: words(&w.stops),
                gap: w.gap,
            },
        }
    }

    /// The word of meeting that a word of place ending at byte `from` qualifies: within
    /// `gap` characters (Japanese) or words (English) after it, in the same stretch of
    /// text; what it counts, and what the stretch before it says. `adverbial`: the word
    /// of place qualifies a verb (最初に, 初めて), so a formal meeting's noun counts only
    /// as what was held (「最初に会談した」, 「最初に会談を行った」), not as the object or
    /// the scene of another verb (「最初に会談を提案した」, 「最初に会談で言ったこと」).
    fn meeting_after(&self, lower: &str, from: usize, adverbial: bool) -> Option<Meeting> {
        let mut skipped = 0;
        let mut i = from;
        let mut found: Option<Counted> = None;
        let mut after_found = 0;
        let (mut planned, mut standalone) = (false, false);
        let end = lower.len().min(from + 3 * MAX_STRETCH);
        while i < end {
            if let Some(e) = any_at(lower, i, &self.words.talks) {
                if adverbial {
                    let rest = &lower[e..];
                    if rest.starts_with('で') {
                        return None;
                    }
                    if let Some(object) = rest.strip_prefix('を') {
                        let at = lower.len() - object.len();
                        // Not one of them: the object of another verb.
                        any_at(lower, at, &self.words.held)?;
                    }
                }
                return Some(Meeting {
                    counted: Counted::Talks,
                    planned,
                    standalone,
                });
            }
            if found.is_none() && any_at(lower, i, &self.words.met).is_some() {
                found = Some(Counted::Met);
            }
            if found.is_none() {
                planned |= any_at(lower, i, &self.words.planned).is_some();
                standalone |= any_at(lower, i, &self.words.standalone).is_some();
            }
            let c = lower[i..].chars().next().unwrap_or(' ');
            if breaks(c) {
                break;
            }
            if found.is_some() {
                // A formal word right after one of meeting (「対面の首脳会談」) says which.
                after_found += 1;
                if after_found > 4 {
                    break;
                }
            } else if c.is_ascii_alphanumeric() {
                let start = i;
                let len = lower[i..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'\'')
                    .count();
                if self.words.stops.iter().any(|w| *w == lower[i..i + len]) {
                    break;
                }
                i += len.max(1);
                if start > from || !lower[..start].ends_with(|c: char| c.is_ascii_alphanumeric()) {
                    skipped += 1;
                }
                if skipped > self.words.gap {
                    break;
                }
                continue;
            } else if c != ' ' && !matches!(c, '\u{3041}'..='\u{309F}') {
                // Kana of inflection and particles (「予定されていた」) count for nothing.
                skipped += 1;
                if skipped > self.words.gap {
                    break;
                }
            }
            i += c.len_utf8();
        }
        found.map(|counted| Meeting {
            counted,
            planned,
            standalone,
        })
    }

    /// A word of meeting within `gap` English words before byte `to` ("the summit after",
    /// "did they meet after").
    fn meeting_before(&self, lower: &str, to: usize) -> Option<Meeting> {
        let head = &lower[..to];
        let mut starts = Vec::new();
        let mut at = head.len();
        let bytes = head.as_bytes();
        // The starts of the last `gap + 1` words, stopping at a break.
        while at > 0 && starts.len() <= self.words.gap {
            let mut end = at;
            while end > 0 && bytes[end - 1] == b' ' {
                end -= 1;
            }
            let mut start = end;
            while start > 0
                && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'-')
            {
                start -= 1;
            }
            if start == end {
                break;
            }
            starts.push(start);
            at = start;
        }
        let says = |list: &[String]| starts.iter().any(|&s| any_at(lower, s, list).is_some());
        let (planned, standalone) = (says(&self.words.planned), says(&self.words.standalone));
        let mut counted = None;
        for &start in &starts {
            if any_at(lower, start, &self.words.talks).is_some() {
                counted = Some(Counted::Talks);
                break;
            }
            if any_at(lower, start, &self.words.met).is_some() {
                counted = Some(Counted::Met);
            }
        }
        counted.map(|counted| Meeting {
            counted,
            planned,
            standalone,
        })
    }

    /// Whether a word of after or before stands within two English words before byte
    /// `at` ("after their last meeting"): the meeting named there dates something else.
    fn dates_another(&self, lower: &str, at: usize) -> bool {
        let head = lower[..at].trim_end();
        let mut words = head.rsplit(' ').take(2);
        words.any(|w| {
            self.words
                .after
                .iter()
                .chain(self.words.before.iter())
                .any(|a| a.as_str() == w)
        })
    }

    /// The step a Japanese text ending at byte `end` names last (「2019年の大阪」,
    /// 「大阪での会談」), with where its name starts.
    fn named_before(&self, lower: &str, end: usize) -> Option<(usize, usize)> {
        let mut head = &lower[..end];
        loop {
            let trimmed = self
                .words
                .talks
                .iter()
                .chain(&self.words.met)
                .find_map(|w| head.strip_suffix(w.as_str()))
                .or_else(|| head.strip_suffix("での"))
                .or_else(|| head.strip_suffix("の"))
                .or_else(|| head.strip_suffix("で"));
            match trimmed {
                Some(t) if t.len() < head.len() => head = t,
                _ => break,
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for (s, step) in self.steps.iter().enumerate() {
            for name in &step.names {
                if head.ends_with(name.as_str())
                    && best.is_none_or(|(_, len)| name.len() > len)
                    && (!name.starts_with(|c: char| c.is_ascii_alphanumeric())
                        || !head[..head.len() - name.len()]
                            .ends_with(|c: char| c.is_ascii_alphanumeric()))
                {
                    best = Some((s, name.len()));
                }
            }
        }
        best.map(|(s, len)| (s, head.len() - len))
    }

    /// The step an English text from byte `at` names ("helsinki", "the osaka summit"),
    /// with where its name ends.
    fn named_from(&self, lower: &str, at: usize) -> Option<(usize, usize)> {
        let rest = lower[at..].trim_start();
        let mut start = lower.len() - rest.len();
        if let Some(r) = rest.strip_prefix("the ") {
            start = lower.len() - r.trim_start().len();
        }
        let mut best: Option<(usize, usize)> = None;
        for (s, step) in self.steps.iter().enumerate() {
            for name in &step.names {
                if word_at(lower, start, name) && best.is_none_or(|(_, len)| name.len() > len) {
                    best = Some((s, name.len()));
                }
            }
        }
        best.map(|(s, len)| (s, start + len))
    }

    /// The step at `place` among those counted, of the `years` written if any.
    fn find(&self, place: Place, meeting: Meeting, years: &[u16]) -> Option<usize> {
        let Meeting {
            counted,
            planned,
            standalone,
        } = meeting;
        let in_years = |s: &Step| {
            matches!(place, Place::After(_) | Place::Before(_))
                || years.is_empty()
                || years.iter().any(|y| s.date.starts_with(&y.to_string()))
        };
        let counts = |s: &Step| {
            in_years(s)
                && match s.format {
                    // A plan never held is no time they met.
                    MeetingFormat::Cancelled => planned && counted == Counted::Talks,
                    MeetingFormat::BriefInformal => counted == Counted::Met && !standalone,
                    MeetingFormat::BilateralSidelines => !standalone,
                    MeetingFormat::StandaloneSummit => true,
                }
        };
        let mut counted_steps = self
            .steps
            .iter()
            .enumerate()
            .filter(|&(_, s)| counts(s))
            .map(|(i, _)| i);
        match place {
            Place::First => counted_steps.next(),
            Place::Latest => counted_steps.next_back(),
            Place::After(a) => counted_steps.find(|&i| self.steps[i].date > self.steps[a].date),
            Place::Before(b) => counted_steps.rfind(|&i| self.steps[i].date < self.steps[b].date),
        }
    }

    /// The text (in NFKC) with the meeting it names by its place in the sequence written
    /// as that meeting's place; `None` when it names none. `named` reads what else the
    /// text names (see [`Named`]); it is asked only of a text that names a place in the
    /// sequence.
    pub fn name(&self, text: &str, named: impl Fn(&str) -> Named) -> Option<String> {
        if self.steps.is_empty() {
            return None;
        }
        // ASCII lower case keeps every byte where it is.
        let lower = text.to_ascii_lowercase();
        let chars = Chars::of(&lower);
        // A text that writes no word of place names no place in the sequence (most
        // questions): nothing below would find one.
        let w = &self.words;
        if ![&w.after, &w.before, &w.first, &w.latest]
            .iter()
            .any(|list| list.any_written_in(&lower, chars))
        {
            return None;
        }
        // The sequence is of every term: counting within one is left alone.
        if !all_of(&lower, chars, &self.words.term).is_empty() {
            return None;
        }
        let years = years_in(&lower);
        // (replace from, replace to, step, English, the anchor's index if any)
        let mut found: Option<(usize, usize, usize, bool, Option<usize>)> = None;
        // A meeting named, then after or before it.
        'neighbours: for (list, after) in [(&self.words.after, true), (&self.words.before, false)] {
            for (start, end) in all_of(&lower, chars, list) {
                let english = lower[start..].starts_with(|c: char| c.is_ascii_alphabetic());
                let (anchor, from, to, counted) = if english {
                    let Some((anchor, anchor_end)) = self.named_from(&lower, end) else {
                        continue;
                    };
                    let Some(counted) = self.meeting_before(&lower, start) else {
                        continue;
                    };
                    (anchor, start, anchor_end, counted)
                } else {
                    let Some((anchor, anchor_start)) = self.named_before(&lower, start) else {
                        continue;
                    };
                    let verb = adverbial(&lower[start..end], &lower[end..]);
                    let counted = self.meeting_after(&lower, end, verb).or_else(|| {
                        // 「大阪のあと、…次に対面したのは」
                        if !after {
                            return None;
                        }
                        all_of(&lower[end..], chars, &self.words.next)
                            .into_iter()
                            .find_map(|(s, e)| {
                                let verb = adverbial(&lower[end + s..end + e], &lower[end + e..]);
                                self.meeting_after(&lower, end + e, verb)
                            })
                    });
                    let Some(counted) = counted else {
                        continue;
                    };
                    (anchor, dated_from(&lower, anchor_start), end, counted)
                };
                let place = if after {
                    Place::After(anchor)
                } else {
                    Place::Before(anchor)
                };
                if let Some(step) = self.find(place, counted, &years) {
                    found = Some((from, to, step, english, Some(anchor)));
                    break 'neighbours;
                }
            }
        }
        // The first or the latest.
        if found.is_none() {
            // The latest of a year written is that year's account, not one meeting
            // (「2025年の最新の会談」): the first of a year is one.
            let ends: &[(&List, Place)] = if years.is_empty() {
                &[
                    (&self.words.first, Place::First),
                    (&self.words.latest, Place::Latest),
                ]
            } else {
                &[(&self.words.first, Place::First)]
            };
            'ends: for &(list, place) in ends {
                for (start, end) in all_of(&lower, chars, list) {
                    let english = lower[start..].starts_with(|c: char| c.is_ascii_alphabetic());
                    // "after their last meeting": the meeting only dates something else.
                    if english && self.dates_another(&lower, start) {
                        continue;
                    }
                    let word = &lower[start..end];
                    let counted = self
                        .meeting_after(&lower, end, adverbial(word, &lower[end..]))
                        .or_else(|| {
                            // "last meeting", "last met": the word holds its meeting.
                            (self.words.talks.iter().any(|t| word.contains(t.as_str())))
                                .then_some(Counted::Talks)
                                .or_else(|| {
                                    self.words
                                        .met
                                        .iter()
                                        .any(|t| word.contains(t.as_str()))
                                        .then_some(Counted::Met)
                                })
                                .map(Meeting::of)
                        });
                    let Some(counted) = counted else {
                        continue;
                    };
                    if let Some(step) = self.find(place, counted, &years) {
                        found = Some((start, end, step, english, None));
                        break 'ends;
                    }
                }
            }
        }
        let (from, to, step, english, anchor) = found?;
        let named = named(text);
        if named.elsewhere {
            return None;
        }
        let anchor_id = anchor.map(|a| self.steps[a].id.as_str());
        if named.meetings.iter().any(|m| Some(m.as_str()) != anchor_id) {
            return None;
        }
        let s = &self.steps[step];
        let place = if english { &s.place_en } else { &s.place_ja };
        let mut out = String::with_capacity(text.len() + 16);
        out.push_str(&text[..from]);
        if english && anchor.is_some() {
            out.push_str("in ");
        }
        out.push_str(place);
        // 「最初に会った」 → 「ハンブルクで会った」, 「最初の会談」 → 「ハンブルクの会談」.
        if anchor.is_none() && !english {
            if lower[..to].ends_with('に') {
                out.push('で');
            } else if lower[..to].ends_with('の') {
                out.push('の');
            }
        }
        out.push(' ');
        out.push_str(&text[to..]);
        Some(out)
    }
}

/// Whether a Japanese word of place qualifies a verb (最初に, 初めて, の次に) rather than a
/// noun (最初の, 初めての); `rest` is the text after it.
fn adverbial(word: &str, rest: &str) -> bool {
    word.ends_with('に') || (word.ends_with('て') && !rest.starts_with('の'))
}

/// The years (four digits) a text writes.
fn years_in(lower: &str) -> Vec<u16> {
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            i += 1;
            continue;
        }
        if digits == 4 && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            if let Ok(y) = lower[i..i + 4].parse::<u16>() {
                if (1900..=2099).contains(&y) {
                    out.push(y);
                }
            }
        }
        i += digits;
    }
    out
}

/// Where a meeting's name starting at byte `start` begins with the year that dates it
/// (「2019年の大阪」): the year goes with the name.
fn dated_from(lower: &str, start: usize) -> usize {
    let head = &lower[..start];
    let head = head.strip_suffix('の').unwrap_or(head);
    let Some(head) = head.strip_suffix('年') else {
        return start;
    };
    let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        head.len() - digits
    } else {
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::{answer, index, tuning_rows};

    fn named_none(_: &str) -> Named {
        Named::default()
    }

    fn sequence() -> Sequence {
        Sequence::new(&Knowledge::embedded().expect("dataset loads"))
    }

    #[test]
    fn the_first_and_the_latest_are_named() {
        let s = sequence();
        let place = |t: &str| s.name(t, named_none);
        for (q, p) in [
            ("二人が最初に会ったのはいつ？どこ？", "ハンブルク"),
            ("初めて対面で会談したのはどこ", "ハンブルク"),
            ("一番最近の会談はいつ", "アンカレッジ"),
            ("最後に対面で会ったのはいつだっけ", "アンカレッジ"),
            ("直近の首脳会談の議題は", "アンカレッジ"),
            ("2018年の最初の会談はどこ", "ヘルシンキ"),
            ("when was the first time they met", "Hamburg"),
            ("what came out of their most recent summit", "Anchorage"),
            ("when did they last meet", "Anchorage"),
        ] {
            let out = place(q).unwrap_or_else(|| panic!("{q}"));
            assert!(out.contains(p), "{q} → {out}");
        }
        // A plan counts only when the question says so.
        let out = place("最後に予定されていた会談はどこ").expect("a plan");
        assert!(out.contains("ブダペスト"), "{out}");
    }

    #[test]
    fn a_neighbour_is_named() {
        let s = sequence();
        let place = |t: &str| s.name(t, named_none);
        for (q, p) in [
            // Any encounter: Paris (November 2018) came next.
            ("ヘルシンキの次に会ったのはどこ？", "パリ"),
            // A formal meeting: Osaka.
            ("ヘルシンキの次の会談はどこ？", "大阪"),
            ("大阪の前の会談は何時間？", "ヘルシンキ"),
            ("アラスカの後に予定されていた会談はどこ", "ブダペスト"),
            (
                "2019年の大阪のあと、しばらく会ってなかったけど、次に対面したのはいつ？",
                "アンカレッジ",
            ),
            ("where did they meet after Helsinki", "Paris"),
            ("where was the summit after Helsinki", "Osaka"),
            ("what was the summit before the Osaka one", "Helsinki"),
        ] {
            let out = place(q).unwrap_or_else(|| panic!("{q}"));
            assert!(out.contains(p), "{q} → {out}");
        }
        // Nothing held came after Anchorage; what followed a meeting is no meeting.
        for q in [
            "アラスカの次に会ったのはいつ？",
            "アラスカ会談の後の記者会見は？",
            "ヘルシンキの後トランプが何を言った？",
            "what did trump say after helsinki",
            "アラスカの後に電話したのはいつ",
        ] {
            assert_eq!(place(q), None, "{q}");
        }
    }

    #[test]
    fn words_of_order_that_qualify_no_meeting_name_none() {
        let s = sequence();
        for q in [
            "アラスカって最初は一対一の予定だったの？",
            "プーチンが最後に英語でなんて言った？",
            "最初の任期は電話が多かった？",
            "最近のニュースでは何て？",
            "2回目の首脳会談はどこの予定だった？",
            "2025年の最新の会談の議題は？",
            "did relations break down after their last meeting?",
        ] {
            assert_eq!(s.name(q, named_none), None, "{q}");
        }
    }

    #[test]
    fn the_index_answers_by_the_sequence() {
        let index = index();
        for (by_order, by_name) in [
            (
                "トランプとプーチンが最初に会ったのはいつ？",
                "ハンブルクの会談はいつ？",
            ),
            ("一番最近の首脳会談はどこ？", "アンカレッジの会談はどこ？"),
            ("大阪の前の会談は何時間？", "ヘルシンキの会談は何時間？"),
            ("ヘルシンキの次の会談は何時間？", "大阪の会談は何時間？"),
            (
                "how long was their most recent summit",
                "how long was the anchorage summit",
            ),
        ] {
            let named = answer(&index, by_name);
            assert!(named.is_some(), "{by_name}");
            assert_eq!(answer(&index, by_order), named, "{by_order}");
        }
    }

    #[test]
    fn other_pairs_and_countries_stay_out() {
        let index = index();
        for q in [
            "トランプと金正恩が最初に会ったのはいつ？",
            "ブッシュとプーチンが初めて会ったのはどこ？",
            "when did trump first meet zelensky",
            "最初の米露首脳会談はどこ？",
            "最初の電話会談はいつ？",
            "ブダペストは最後に会った場所じゃない？",
        ] {
            assert_eq!(index.sequenced(q), None, "{q}");
        }
    }

    #[test]
    fn a_plan_counts_only_when_said_of_the_meeting_counted() {
        let s = sequence();
        let place = |t: &str| s.name(t, named_none);
        for (q, p) in [
            // A plan named elsewhere in the question, or after the word of meeting.
            (
                "最後に会ったのっていつ？次の会談の予定はあるの？",
                "アンカレッジ",
            ),
            (
                "いちばん最近の首脳会談って予定より長引いた？",
                "アンカレッジ",
            ),
            (
                "did their latest summit run longer than scheduled",
                "Anchorage",
            ),
            // Said of it: the plan counts.
            ("一番最近に計画されていた首脳会談はどこ", "ブダペスト"),
        ] {
            let out = place(q).unwrap_or_else(|| panic!("{q}"));
            assert!(out.contains(p), "{q} → {out}");
        }
        // A plan never held is no time they met.
        let out = place("最後に予定どおり対面で会ったのは").expect("met");
        assert!(out.contains("アンカレッジ"), "{out}");
    }

    #[test]
    fn a_standalone_summit_counts_only_those_and_a_term_is_left_alone() {
        let s = sequence();
        let place = |t: &str| s.name(t, named_none);
        for (q, p) in [
            ("二人の初めての単独首脳会談はどこ？", "ヘルシンキ"),
            ("最初の正式な会談っていつだった", "ヘルシンキ"),
            ("where was their first formal summit", "Helsinki"),
            ("最後の単独会談はいつ？", "アンカレッジ"),
            // No standalone word: the sidelines meeting counts.
            ("二人の初めての首脳会談はどこ？", "ハンブルク"),
        ] {
            let out = place(q).unwrap_or_else(|| panic!("{q}"));
            assert!(out.contains(p), "{q} → {out}");
        }
        for q in [
            "2期目になって最初の首脳会談は？",
            "1期目で最後に会ったのはどこ",
            "第1次政権で最後の会談はどこ",
            "in his second term, when did they first meet",
        ] {
            assert_eq!(place(q), None, "{q}");
        }
    }

    #[test]
    fn a_word_of_place_that_qualifies_another_verb_names_none() {
        let s = sequence();
        let place = |t: &str| s.name(t, named_none);
        for q in [
            "最初に会談を持ちかけたのはどっち？",
            "最初に会談を呼びかけたのはどっちの側？",
            "最初にプーチンが会談で口にしたのは何？",
            "who talked first at the summit?",
            "who spoke first during the meeting",
        ] {
            assert_eq!(place(q), None, "{q}");
        }
        // The meeting held, its object or its scene after a word that qualifies a noun.
        for (q, p) in [
            ("最初に会談したのはいつ？", "ハンブルク"),
            ("初めて首脳会談を行ったのはどこ", "ハンブルク"),
            ("最初の会談で何を話した？", "ハンブルク"),
            ("初めての会談で何が決まった？", "ハンブルク"),
            ("their first in-person meeting was where", "Hamburg"),
        ] {
            let out = place(q).unwrap_or_else(|| panic!("{q}"));
            assert!(out.contains(p), "{q} → {out}");
        }
    }

    #[test]
    fn the_user_gets_the_meeting_the_words_name() {
        let index = index();
        for (by_order, by_name) in [
            (
                "いちばん最近の首脳会談って予定より長引いた？",
                "アンカレッジの首脳会談って予定より長引いた？",
            ),
            (
                "was their most recent summit longer than scheduled",
                "was the anchorage summit longer than scheduled",
            ),
            (
                "二人の初めての単独首脳会談はどこ？",
                "ヘルシンキの首脳会談はどこ？",
            ),
        ] {
            let named = answer(&index, by_name);
            assert!(named.is_some(), "{by_name}");
            assert_eq!(answer(&index, by_order), named, "{by_order}");
        }
        for q in [
            "1期目で最後に会ったのはどこ",
            "2期目で最初の首脳会談はどこ？",
            "最初に会談を持ちかけたのはどっち？",
            "who talked first at the summit?",
        ] {
            assert_eq!(index.sequenced(q), None, "{q}");
        }
    }

    /// The tuning sets' questions that name a meeting by its place in the sequence: how
    /// many, and how many are answered right with and without the sequence read:
    /// `cargo test --lib sequence_in_tuning -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn sequence_in_tuning() {
        let with = index();
        let mut without = index();
        without.sequence = Sequence::default();
        let (mut n, mut right_with, mut right_without) = (0, 0, 0);
        for row in tuning_rows() {
            let Some(read) = with.sequenced(&row.question) else {
                continue;
            };
            n += 1;
            let expected = Some(row.expected.as_str());
            let w = answer(&with, &row.question);
            let wo = answer(&without, &row.question);
            right_with += (w.as_deref() == expected) as usize;
            right_without += (wo.as_deref() == expected) as usize;
            println!("{} | {:?} -> {:?} | {read}", row.expected, wo, w);
        }
        println!("named by the sequence: {n}; right without {right_without}, with {right_with}");
    }
}
