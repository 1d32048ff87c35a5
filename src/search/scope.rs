//! Questions outside what the dataset keeps, recognised by what they ask rather than by a
//! word listed as out of scope: the meetings of a pair of leaders no entry is about, and
//! gatherings (G20, APEC, G7, NATO summits) asked of a year or a time no meeting record
//! has.

use super::matcher::Query;
use super::{Analysis, Index};
use crate::knowledge::ask::Asked;
use crate::knowledge::Kind;

impl Index {
    /// Whether the question asks of something the dataset keeps no record of (see the
    /// module docs); a comparison asked (「習近平との会談と比べて」) is always in scope.
    /// `this_year`: the question says the current year (今年, "this year").
    pub(super) fn asks_off_record(&self, q: &Query, analysis: &Analysis, this_year: bool) -> bool {
        !self.matcher.compares(q)
            && (self.names_unrecorded_pair(q, analysis)
                || (self.matcher.names_people_only_written(q)
                    && self.asks_of_meetings(q, analysis))
                || self.asks_gathering_off_record(q, analysis, this_year))
    }

    /// Whether the question names exactly two people, not Trump and Putin, that no entry
    /// names together (「プーチン 習近平 会談 回数」, 「習近平と金正恩の首脳会談」), or speaks of
    /// the phone calls of a pair other than Trump and Putin (「バイデン プーチン 電話会談」:
    /// the dataset keeps Geneva 2021, not their calls). A pair an entry writes of together
    /// though none is named after both (金正恩's page: 「プーチン氏とは軍事協力を進めている」)
    /// is recorded for what that entry says of them, not for their meetings: a question
    /// about their relation is in scope, one about their meetings or a fact of them
    /// (when, where, how many times, what was agreed, a year) is not.
    fn names_unrecorded_pair(&self, q: &Query, analysis: &Analysis) -> bool {
        let m = &self.matcher;
        let people = m.people_in(q);
        if people.count_ones() != 2 || people & !m.home_people() == 0 {
            return false;
        }
        let covered = |kinds: Option<&[Kind]>| {
            (0..m.docs.len()).any(|e| {
                kinds.is_none_or(|k| k.contains(&m.docs[e].kind))
                    && m.people_of(e) & people == people
            })
        };
        let written = || {
            !self.asks_of_meetings(q, analysis)
                && (0..m.docs.len()).any(|e| m.writes_together(e, people))
        };
        !(covered(None) || written())
            || (m.speaks_of(q, PHONE_GROUP) && !covered(Some(&[Kind::Calls])))
    }

    /// Whether a question asks of meetings: speaks of one (会談, 会った, met), of one to
    /// come, of a year or month, of a place or gathering (モスクワ, G20), or asks a fact a
    /// meeting record holds (when, where, how long, how many times, what was agreed or
    /// talked about, in what format or on what occasion).
    fn asks_of_meetings(&self, q: &Query, analysis: &Analysis) -> bool {
        let m = &self.matcher;
        m.speaks_of_a_meeting(q)
            || m.writes_future(q)
            || !analysis.years.is_empty()
            || !analysis.months.is_empty()
            || m.places_in(q) != 0
            || m.gatherings_in(q) != 0
            || matches!(
                analysis.asked,
                Some(
                    Asked::Count
                        | Asked::Duration
                        | Asked::When
                        | Asked::Where
                        | Asked::Outcome
                        | Asked::Format
                        | Asked::Occasion
                        | Asked::Agenda
                )
            )
    }

    /// Whether the question asks of a gathering (G20, APEC, G7, a NATO summit), naming
    /// neither Trump nor Putin, at a time no meeting record of that gathering has: the
    /// next or this year's (「次のG20はどこ」, 「APECって今年どこでやるの」), or a year in
    /// which none of the meetings the dataset keeps took place at it (「APEC2025」,
    /// 「G7 2026 開催地」; 「2017年のG20」 is Hamburg's).
    fn asks_gathering_off_record(&self, q: &Query, analysis: &Analysis, this_year: bool) -> bool {
        let m = &self.matcher;
        let kept = m.gatherings_in(q);
        let other = OTHER_GATHERINGS.iter().any(|g| m.speaks_of(q, g));
        if kept == 0 && !other || m.people_in(q) & m.home_people() != 0 {
            return false;
        }
        let when_none = m.writes_future(q) || this_year;
        // With no kept gathering named, no record can be of it: none is looked for.
        let year_none = !analysis.years.is_empty()
            && (kept == 0
                || !(0..m.docs.len()).any(|e| {
                    let d = &m.docs[e];
                    matches!(d.kind, Kind::Meeting | Kind::PastSummit)
                        && m.gatherings_of(e) & kept == kept
                        && d.year.is_some_and(|y| analysis.years.contains(&y))
                }));
        when_none || year_none
    }
}

impl Index {
    /// Whether a meeting or past summit the question names is named by nothing but its
    /// year (「2019年の秋」 writes Osaka's year, not Osaka): the months asked then say
    /// whether it is the one asked of.
    pub(super) fn named_by_year_alone(&self, q: &Query, entry: usize) -> bool {
        matches!(
            self.matcher.docs[entry].kind,
            Kind::Meeting | Kind::PastSummit
        ) && !self.matcher.anchored_beyond_year(q, entry)
            && self.matcher.people_of(entry)
                & self.matcher.people_in(q)
                & !self.matcher.home_people()
                == 0
    }
}

/// The synonym group of phone calls.
const PHONE_GROUP: &str = "phone";
/// Gatherings none of the meetings the dataset keeps took place at.
const OTHER_GATHERINGS: [&str; 2] = ["g7", "nato"];

/// Seasons and parts of a year (夏, 年末, summer), with their months, from
/// `responses/ask.json`: 「2026年の夏」, 「2026年夏」, "summer 2026", "summer of 2026" and
/// "2026 summer" name those months of that year, so that a meeting asked of a season no
/// meeting was held in (after the record's last date, say) is refused as one asked of such
/// a month is.
#[derive(Debug, Default)]
pub(super) struct Seasons {
    /// Surface (lower case) and months.
    list: Vec<(Vec<char>, Vec<u8>)>,
}

impl Seasons {
    pub fn new(seasons: &std::collections::BTreeMap<String, Vec<u8>>) -> Seasons {
        let mut list: Vec<(Vec<char>, Vec<u8>)> = seasons
            .iter()
            .map(|(s, m)| (s.to_lowercase().chars().collect(), m.clone()))
            .collect();
        // Longest first: 年末 before any shorter surface it holds.
        list.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        Seasons { list }
    }

    /// The (year, month) pairs the seasons of years a text (in NFKC) names stand for.
    pub fn months_in(&self, text: &str) -> Vec<(u16, u8)> {
        // Only a run of exactly four digits is a year (lower case changes no digit, nor
        // makes one): without one, nothing to read.
        if self.list.is_empty() || !has_four_digits(text) {
            return Vec::new();
        }
        let chars: Vec<char> = super::normalize::lowercase(text).chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let len = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if len == 0 {
                i += 1;
                continue;
            }
            let (start, end) = (i, i + len);
            i = end;
            let before_ok = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
            if len != 4 || !before_ok || chars.get(end).is_some_and(char::is_ascii_digit) {
                continue;
            }
            let Ok(year) = chars[start..end].iter().collect::<String>().parse::<u16>() else {
                continue;
            };
            // After the year: 年, の and spaces, then the season.
            let mut after = end;
            for skip in ['年', 'の', ' '] {
                while chars.get(after) == Some(&skip) {
                    after += 1;
                }
            }
            let found = self.at(&chars, after).or_else(|| {
                // Before it: the season, then " of " or a space (English).
                let mut before = start;
                while before > 0 && chars[before - 1] == ' ' {
                    before -= 1;
                }
                // What comes before, without " of" and the spaces before it (read in
                // place, not copied).
                let mut rest = &chars[..before];
                if rest.ends_with(&[' ', 'o', 'f']) {
                    rest = &rest[..rest.len() - 3];
                }
                while rest.last().is_some_and(|c| c.is_whitespace()) {
                    rest = &rest[..rest.len() - 1];
                }
                self.list
                    .iter()
                    .find(|(s, _)| {
                        rest.ends_with(s)
                            && !rest[..rest.len() - s.len()]
                                .last()
                                .is_some_and(char::is_ascii_alphabetic)
                    })
                    .map(|(_, m)| m)
            });
            for &m in found.into_iter().flatten() {
                if (1..=12).contains(&m) && !out.contains(&(year, m)) {
                    out.push((year, m));
                }
            }
        }
        out
    }

    /// The months of the season written at `at`, a Latin one as a whole word.
    fn at(&self, chars: &[char], at: usize) -> Option<&Vec<u8>> {
        self.list
            .iter()
            .find(|(s, _)| {
                chars[at.min(chars.len())..].starts_with(s)
                    && !(s.last().is_some_and(char::is_ascii_alphabetic)
                        && chars
                            .get(at + s.len())
                            .is_some_and(char::is_ascii_alphabetic))
            })
            .map(|(_, m)| m)
    }
}

/// Whether a text holds a run of exactly four ASCII digits (single bytes that no other
/// character's bytes contain).
fn has_four_digits(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        && text
            .as_bytes()
            .split(|b| !b.is_ascii_digit())
            .any(|run| run.len() == 4)
}

#[cfg(test)]
mod tests {
    use crate::knowledge::Knowledge;
    use crate::search::{Decision, Index};

    fn index() -> Index {
        Index::build(&Knowledge::embedded().expect("dataset loads"))
    }

    fn refused(index: &Index, q: &str) -> bool {
        matches!(index.ask(q), Decision::Unknown { .. })
    }

    #[test]
    fn a_pair_no_entry_is_about_is_out_of_scope() {
        let index = index();
        for q in [
            "プーチン 習近平 会談 回数",
            "プーチンと習近平は何回会った？",
            // In the context of a long question too.
            "ニュースでプーチン大統領が金正恩氏と会談したと見ました。どんな話をしたのでしょうか？",
            "ばいでん ぷーちん でんわかいだん なんかい",
        ] {
            assert!(refused(&index, q), "{q}: {:?}", index.ask(q));
        }
        // Pairs the dataset keeps, and comparisons.
        for q in [
            "バイデンとプーチンの会談",
            "トランプと習近平の会談ってどんな話がメインなの？",
            "習近平との会談とプーチンとの会談、テーマ全然違うの？",
        ] {
            assert!(!refused(&index, q), "{q}");
        }
    }

    #[test]
    fn seasons_of_a_year_are_its_months() {
        let seasons = super::Seasons::new(&std::collections::BTreeMap::from([
            ("夏".to_string(), vec![6, 7, 8]),
            ("summer".to_string(), vec![6, 7, 8]),
        ]));
        for text in [
            "2026年の夏",
            "2026年夏",
            "summer 2026",
            "Summer of 2026",
            "2026 summer",
        ] {
            assert_eq!(
                seasons.months_in(text),
                vec![(2026, 6), (2026, 7), (2026, 8)],
                "{text}"
            );
        }
        for text in ["2026年", "summers 2026", "20260 summer", "夏"] {
            assert!(seasons.months_in(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_meeting_in_a_season_no_meeting_was_held_is_unknown() {
        let index = index();
        for q in [
            "2026年の夏ってトランプとプーチン会った？",
            "Did Trump and Putin meet in the summer of 2026?",
            "Did Trump and Putin meet in June 2026?",
            // A year with a meeting, asked of other months of it.
            "Did Trump and Putin meet in March 2019?",
            "2019年の秋にトランプとプーチンは会談した？",
        ] {
            assert!(refused(&index, q), "{q}: {:?}", index.ask(q));
        }
        assert_eq!(
            match index.ask("2018年夏の米ロ首脳会談はどこで開かれた？") {
                Decision::Answer { id, .. } => id,
                d => format!("{d:?}"),
            },
            "helsinki-2018"
        );
        assert!(!refused(
            &index,
            "Where did Trump and Putin meet in July 2018?"
        ));
        assert!(!refused(&index, "2019年6月の会談はどこ？"));
    }

    #[test]
    fn a_gathering_at_a_time_no_record_has_is_out_of_scope() {
        let index = index();
        for q in [
            "次のG20サミットはどこで開かれますか？",
            "APECって今年どこでやるの？",
            "Which city hosted the G20 in 2024?",
            "G7 2026 開催地",
            "次のNATO首脳会議はどこで開かれますか？",
        ] {
            assert!(refused(&index, q), "{q}: {:?}", index.ask(q));
        }
        for q in ["2017年のG20はどこ？", "2019年のG20で何を話した？"] {
            assert!(!refused(&index, q), "{q}: {:?}", index.ask(q));
        }
    }

    #[test]
    fn a_pair_a_page_writes_together_is_answered_for_their_relation() {
        let index = index();
        // No entry is named after both, but a page of one writes the other (金正恩's page:
        // プーチン氏とは軍事協力; 習近平's): that page answers.
        for (q, page) in [
            ("プーチンと金正恩の関係ってどうなってる？", "kim-jong-un"),
            (
                "北朝鮮の金正恩はプーチンと手を組んでいるの？",
                "kim-jong-un",
            ),
            (
                "Is Kim Jong Un working with Putin militarily?",
                "kim-jong-un",
            ),
            ("習近平とプーチンの関係について教えて", "xi-jinping"),
            ("Xi and Putin relationship", "xi-jinping"),
        ] {
            assert_eq!(
                crate::search::tests::answer(&index, q).as_deref(),
                Some(page),
                "{q}: {:?}",
                index.ask(q)
            );
        }
    }

    #[test]
    fn the_meetings_of_a_pair_only_written_together_stay_off_the_record() {
        let index = index();
        // Their meetings (where, how many times, when, a year, a place, one to come, what
        // was agreed) no entry records; nor a pair no entry writes together at all.
        for q in [
            "金正恩とプーチンが会談した場所は？",
            "プーチンと金正恩は何回会った？",
            "When did Putin and Kim Jong Un sign their defense treaty?",
            "習近平とプーチン 2024 会談",
            "プーチンと習近平はモスクワで何を話した？",
            "金正恩とプーチンは次にいつ会う？",
            "金正恩とプーチンの軍事協力で何が合意された？",
            "習近平とプーチンは何を話し合ってきたの？",
            // A name mistyped, read right, is asked the same.
            "きんじょんうん と ぷーちん どこで あった",
            "習近平と金正恩の関係は？",
            "ゼレンスキーと金正恩の関係は？",
        ] {
            assert!(refused(&index, q), "{q}: {:?}", index.ask(q));
        }
    }
}
