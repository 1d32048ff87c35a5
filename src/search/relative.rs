//! Dates relative to the day a question is asked: 「去年の8月の会談」, 「先月の電話」,
//! 「2年前の夏に会ったとき」, 「おととしの11月」, "last year's summit", "the one last August".
//!
//! The matcher takes no clock: the month a question is asked in ([`Today`]) comes from the
//! invocation (the Discord interaction, the console's clock) and is passed in. A relative
//! date is written as the absolute one it names, in the form the rest of the matcher reads
//! (「2025年8月」, 「2025年」, "august 2025", "2025"), before anything else reads the
//! question: from there on it is read as the same absolute date would be (a year of
//! several meetings stays a choice, a month no meeting has names none, a month after the
//! record's date is one the record cannot hold). The words are in `responses/ask.json`
//! (`relative_dates`).

use super::dated::{month_word, MONTHS};
use super::words::{word_at_not_after_kanji as word_at, Chars, List};
use crate::knowledge::ask::RelativeDates;

/// The month a question is asked in, in the asker's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    pub year: u16,
    /// 1–12.
    pub month: u8,
}

impl Today {
    /// The (year, month) `months` months from this one (negative: before).
    fn plus_months(self, months: i32) -> (i32, u8) {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + months;
        (index.div_euclid(12), index.rem_euclid(12) as u8 + 1)
    }
}

/// The words of `responses/ask.json`'s `relative_dates`, lower case, longest first.
#[derive(Debug, Default)]
pub(super) struct Relative {
    years: Vec<(String, i32)>,
    months: Vec<(String, i32)>,
    years_ago: Vec<String>,
    months_ago: Vec<String>,
    not_after_ago: Vec<String>,
    numbers: Vec<(String, u32)>,
    last_of_month: Vec<String>,
    /// Every word of a year, a month, a number of them back or a month's last time: a
    /// text that writes none of them writes no relative date.
    dating: List,
}

/// Lower case, longest first (a longer word wins where a shorter one starts the same).
fn longest_first<T>(map: impl IntoIterator<Item = (String, T)>) -> Vec<(String, T)> {
    let mut list: Vec<(String, T)> = map
        .into_iter()
        .map(|(w, v)| (w.to_lowercase(), v))
        .filter(|(w, _)| !w.is_empty())
        .collect();
    list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    list
}

fn words(list: &[String]) -> Vec<String> {
    longest_first(list.iter().map(|w| (w.clone(), ())))
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}

/// A year written out: 「2025年」 in Japanese, "2025" in English.
fn year_text(year: i32, japanese: bool) -> String {
    if japanese {
        format!("{year}年")
    } else {
        year.to_string()
    }
}

/// A month written out: 「2025年8月」 in Japanese, "august 2025" in English.
fn month_text(year: i32, month: u8, japanese: bool) -> String {
    if japanese {
        format!("{year}年{month}月")
    } else {
        format!("{} {year}", MONTHS[usize::from(month - 1)])
    }
}

/// A year the dataset's dates can be compared with.
fn plausible(year: i32) -> bool {
    (1900..=2099).contains(&year)
}

impl Relative {
    pub fn new(r: &RelativeDates) -> Relative {
        let mut relative = Relative {
            years: longest_first(r.years.iter().map(|(w, &d)| (w.clone(), i32::from(d)))),
            months: longest_first(r.months.iter().map(|(w, &d)| (w.clone(), i32::from(d)))),
            years_ago: words(&r.years_ago),
            months_ago: words(&r.months_ago),
            not_after_ago: words(&r.not_after_ago),
            numbers: longest_first(r.numbers.iter().map(|(w, &n)| (w.clone(), u32::from(n)))),
            last_of_month: words(&r.last_of_month),
            dating: List::default(),
        };
        relative.dating = List::new(
            (relative.years.iter().map(|(w, _)| w))
                .chain(relative.months.iter().map(|(w, _)| w))
                .chain(&relative.years_ago)
                .chain(&relative.months_ago)
                .chain(&relative.last_of_month)
                .cloned()
                .collect(),
        );
        relative
    }

    /// The text (in NFKC) with each date it writes relative to `today` written as the
    /// year or month it names; `None` when it writes none.
    pub fn absolute(&self, text: &str, today: Today) -> Option<String> {
        // ASCII lower case keeps every byte where it is.
        let lower = text.to_ascii_lowercase();
        // Each relative date holds one of these words (most questions hold none): without
        // one, no place of the text is tried.
        if !self.dating.any_written_in(&lower, Chars::of(&lower)) {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 16);
        let (mut copied, mut i) = (0, 0);
        while i < lower.len() {
            if let Some((end, written)) = self.date_at(&lower, i, today) {
                out.push_str(&text[copied..i]);
                out.push_str(&written);
                copied = end;
                i = end;
                continue;
            }
            i += lower[i..].chars().next().map_or(1, char::len_utf8);
        }
        if copied == 0 {
            return None;
        }
        out.push_str(&text[copied..]);
        Some(out)
    }

    /// The relative date written at byte `at`: where it ends and the absolute date.
    fn date_at(&self, lower: &str, at: usize, today: Today) -> Option<(usize, String)> {
        // A number of years or months back (「2年前」, 「3か月前」, "two years ago"); one
        // counted back from an event named just before (「ヘルシンキの1年前」, 「その2年前」)
        // is no date relative to the day asked.
        let of_event = lower[..at].trim_end_matches(' ').ends_with('の');
        if let Some((n, after)) = self.number_at(lower, at).filter(|_| !of_event) {
            let back = |list: &[String]| {
                list.iter().find_map(|w| {
                    let end = after + w.len();
                    (lower[after..].starts_with(w.as_str())
                        && !self
                            .not_after_ago
                            .iter()
                            .any(|s| lower[end..].starts_with(s.as_str()))
                        && !lower[end..].starts_with(|c: char| c.is_ascii_alphanumeric()))
                    .then_some((end, w.is_ascii()))
                })
            };
            if let Some((end, english)) = back(&self.years_ago) {
                let year = i32::from(today.year) - n as i32;
                return plausible(year).then(|| self.after_year(lower, end, year, !english));
            }
            if let Some((end, english)) = back(&self.months_ago) {
                let (year, month) = today.plus_months(-(n as i32));
                return plausible(year).then(|| (end, month_text(year, month, !english)));
            }
        }
        // A year (今年, 去年, おととし, "last year").
        if let Some((w, d)) = self.years.iter().find(|(w, _)| word_at(lower, at, w)) {
            let year = i32::from(today.year) + d;
            return plausible(year)
                .then(|| self.after_year(lower, at + w.len(), year, !w.is_ascii()));
        }
        // A month (今月, 先月, "last month").
        if let Some((w, d)) = self.months.iter().find(|(w, _)| word_at(lower, at, w)) {
            let (year, month) = today.plus_months(*d);
            return plausible(year).then(|| (at + w.len(), month_text(year, month, !w.is_ascii())));
        }
        // A month's last time before this month ("last august").
        for w in &self.last_of_month {
            if !word_at(lower, at, w) {
                continue;
            }
            let from = at + w.len();
            let gap = lower[from..].len() - lower[from..].trim_start_matches(' ').len();
            if gap == 0 {
                continue;
            }
            let Some((month, end)) = month_word(lower, from + gap) else {
                continue;
            };
            if lower[end..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let year = i32::from(today.year) - i32::from(month >= today.month);
            return plausible(year).then(|| (end, month_text(year, month, false)));
        }
        None
    }

    /// A Japanese year followed by a month (「去年の8月」, 「去年8月」, 「2年前の10月」) is
    /// that month of the year; otherwise the year alone.
    fn after_year(&self, lower: &str, end: usize, year: i32, japanese: bool) -> (usize, String) {
        if japanese {
            let rest = &lower[end..];
            let from = end + rest.len() - rest.strip_prefix('の').unwrap_or(rest).len();
            let digits = lower[from..].bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&digits) && lower[from + digits..].starts_with('月') {
                let month: u8 = lower[from..from + digits].parse().unwrap_or(0);
                if (1..=12).contains(&month) {
                    return (
                        from + digits + '月'.len_utf8(),
                        month_text(year, month, true),
                    );
                }
            }
        }
        (end, year_text(year, japanese))
    }

    /// A number of one or two digits, or one written as a word (二, "two"), at byte `at`:
    /// its value and end.
    fn number_at(&self, lower: &str, at: usize) -> Option<(u32, usize)> {
        let bytes = lower.as_bytes();
        if bytes[at].is_ascii_digit() {
            if at > 0 && (bytes[at - 1].is_ascii_digit() || bytes[at - 1] == b'.') {
                return None;
            }
            let digits = lower[at..].bytes().take_while(u8::is_ascii_digit).count();
            let n: u32 = lower[at..at + digits].parse().ok()?;
            return (digits <= 2 && n > 0).then_some((n, at + digits));
        }
        self.numbers
            .iter()
            .find(|(w, _)| {
                word_at(lower, at, w)
                    // "a" ends a word only before a space: "a year ago", not "ayear".
                    && (!w.is_ascii() || lower[at + w.len()..].starts_with(' '))
            })
            .map(|(w, n)| (*n, at + w.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;
    use crate::search::tests::{answer, index};
    use crate::search::Decision;

    fn relative() -> Relative {
        let k = Knowledge::embedded().expect("dataset loads");
        Relative::new(&k.ask.relative_dates)
    }

    const DEC_2026: Today = Today {
        year: 2026,
        month: 12,
    };

    #[test]
    fn each_relative_form_is_written_as_the_date_it_names() {
        let r = relative();
        let at =
            |text: &str, today: Today| r.absolute(&crate::search::normalize::nfkc(text), today);
        for (text, absolute) in [
            ("去年の8月の会談はどこ？", "2025年8月の会談はどこ？"),
            ("去年8月 会談 場所", "2025年8月 会談 場所"),
            ("昨年10月に予定されてた会談", "2025年10月に予定されてた会談"),
            ("昨年の秋の会談", "2025年の秋の会談"),
            ("今年の会談", "2026年の会談"),
            ("本年の首脳会談", "2026年の首脳会談"),
            ("おととしの11月", "2024年11月"),
            ("一昨年の会談", "2024年の会談"),
            ("さきおととしの会談", "2023年の会談"),
            ("先月の電話", "2026年11月の電話"),
            ("今月の電話会談", "2026年12月の電話会談"),
            ("先々月の電話", "2026年10月の電話"),
            ("2年前の夏に会ったとき", "2024年の夏に会ったとき"),
            ("２年前の夏", "2024年の夏"),
            ("二年前の会談", "2024年の会談"),
            ("1年前の8月の会談", "2025年8月の会談"),
            ("3か月前の電話", "2026年9月の電話"),
            ("3ヶ月前の電話", "2026年9月の電話"),
            ("last year's summit", "2025's summit"),
            ("Last Year's summit", "2025's summit"),
            ("the summit this year", "the summit 2026"),
            ("the one last August", "the one august 2026"),
            ("the one last december", "the one december 2025"),
            ("in august last year", "in august 2025"),
            ("last month's call", "november 2026's call"),
            ("two years ago", "2024"),
            ("a year ago in anchorage", "2025 in anchorage"),
            ("3 months ago", "september 2026"),
        ] {
            let absolute = crate::search::normalize::nfkc(absolute);
            assert_eq!(at(text, DEC_2026).as_deref(), Some(&*absolute), "{text}");
        }
    }

    #[test]
    fn words_that_only_look_relative_are_left_as_they_are() {
        let r = relative();
        for text in [
            "2018年の会談",
            "2018年前半の会談",
            "18年前半の会談",
            "1年前後で",
            "数十年前の会談",
            "日本年金機構",
            "the last meeting",
            "at last, august",
            "a yearly summit",
            "the lasting august sun",
            "100年前の条約",
            // Counted back from an event named, not from the day asked.
            "ヘルシンキ会談の1年前に二人は会っていた？",
            "その2年前の会談は",
            "大阪の 3か月前に電話した？",
        ] {
            assert_eq!(r.absolute(text, DEC_2026), None, "{text}");
        }
    }

    #[test]
    fn the_year_turns_with_the_months() {
        let r = relative();
        let jan = Today {
            year: 2026,
            month: 1,
        };
        assert_eq!(
            r.absolute("先月の電話", jan).as_deref(),
            Some("2025年12月の電話")
        );
        assert_eq!(
            r.absolute("先々月の電話", jan).as_deref(),
            Some("2025年11月の電話")
        );
        assert_eq!(
            r.absolute("今月の電話", jan).as_deref(),
            Some("2026年1月の電話")
        );
        assert_eq!(
            r.absolute("13か月前の会談", jan).as_deref(),
            Some("2024年12月の会談")
        );
        assert_eq!(
            r.absolute("last january", jan).as_deref(),
            Some("january 2025")
        );
        assert_eq!(
            r.absolute("last december", jan).as_deref(),
            Some("december 2025")
        );
        assert_eq!(
            r.absolute("去年の会談", jan).as_deref(),
            Some("2025年の会談")
        );
    }

    #[test]
    fn a_meeting_named_relatively_is_the_one_named_absolutely() {
        let index = index();
        let dec = DEC_2026;
        let aug_2019 = Today {
            year: 2019,
            month: 8,
        };
        let aug_2018 = Today {
            year: 2018,
            month: 8,
        };
        let ask = |q: &str, today: Today| {
            let dated = index.absolute_dates(q, today);
            answer(&index, dated.as_deref().unwrap_or(q))
        };
        for (relative, today, absolute) in [
            ("去年の8月の会談はどこ？", dec, "2025年8月の会談はどこ？"),
            ("去年8月の会談は何時間？", dec, "2025年8月の会談は何時間？"),
            (
                "先々月の会談で何が決まった？",
                aug_2019,
                "2019年6月の会談で何が決まった？",
            ),
            (
                "1年前の7月の会談は何時間？",
                aug_2019,
                "2018年7月の会談は何時間？",
            ),
            (
                "how long was the summit last july",
                aug_2018,
                "how long was the summit july 2018",
            ),
        ] {
            let expected = answer(&index, absolute);
            assert_eq!(ask(relative, today), expected, "{relative} / {absolute}");
        }
        // A meeting the record has, named relatively, is answered.
        assert!(ask("去年の8月の会談はどこ？", dec).is_some());
        assert!(ask("1年前の7月の会談は何時間？", aug_2019).is_some());
    }

    /// A relative date in a sentence of context (the news read last month) dates the
    /// reading, not the meeting asked of.
    #[test]
    #[ignore = "known: refused (after.rs reads 2026年11月 + 会談 as after the record)"]
    fn a_relative_date_in_context_does_not_date_the_meeting() {
        let index = index();
        let q = "先月のニュースで見たけど、ヘルシンキ会談の通訳は誰？";
        let dated = index.absolute_dates(q, DEC_2026);
        let asked = dated.as_deref().unwrap_or(q);
        assert_eq!(
            answer(&index, asked),
            answer(&index, "ヘルシンキ会談の通訳は誰？")
        );
    }

    #[test]
    fn a_relative_date_no_meeting_has_names_none() {
        let index = index();
        // December 2026: the months after the record's date hold no meeting it has.
        for q in [
            "先月トランプとプーチンが会談したって本当？どこで会ったの？",
            "今月の会談はどこで開かれた？",
        ] {
            let dated = index.absolute_dates(q, DEC_2026).expect("a relative date");
            assert!(
                matches!(index.ask(&dated), Decision::Unknown { .. }),
                "{q}: {dated}: {:?}",
                index.ask(&dated)
            );
        }
        // A date counted back from a meeting named is left to the matcher as written.
        for q in [
            "ヘルシンキ会談の1年前に二人は会っていた？",
            "アラスカの2年前はどこで会った？",
        ] {
            assert_eq!(index.absolute_dates(q, DEC_2026), None, "{q}");
        }
        // Nor does a month of a year no meeting was held in.
        let dated = index
            .absolute_dates("おととしの3月の会談はどこ？", DEC_2026)
            .expect("a relative date");
        assert_eq!(answer(&index, &dated), None, "{dated}");
    }
}
