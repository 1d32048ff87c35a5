//! A meeting referred to by when it was held: 「2018年7月のやつ」, 「2018/7の会談」,
//! 「18年7月」, "the july 2018 one".
//!
//! A year and month written in any of these ways is put in the form the rest of the
//! matcher reads (「2018年7月」), followed by the places of the meetings the dataset dates
//! to that month: one meeting then is named, two (Paris and Buenos Aires in November
//! 2018) stay a choice. A year alone, or a month without its year, is left as it is (a
//! year with several meetings is ambiguous). Dates relative to today (「去年の8月」) are
//! written as these before (see `relative`): the matcher takes no clock.

use crate::knowledge::Knowledge;

/// Months in English, full and short (lower case), January first.
pub(super) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A meeting's month and day with the names of its place.
#[derive(Debug)]
struct Held {
    year: u16,
    month: u8,
    day: u8,
    place_ja: String,
    place_en: String,
}

/// The months the dataset dates meetings to.
#[derive(Debug, Default)]
pub(crate) struct Dates {
    held: Vec<Held>,
}

/// (year, month, day) of an ISO date.
fn ymd(date: &str) -> Option<(u16, u8, u8)> {
    let mut parts = date.split('-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some((y, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
}

/// A place's name before any note on it (「ジュネーブ（スイス）：…」, "Anchorage, Alaska").
fn head(place: &str) -> String {
    place
        .split(['（', '(', '：', ':', ',', '、'])
        .next()
        .unwrap_or(place)
        .trim()
        .to_string()
}

/// A date found in a text: where it is (bytes) and what it names.
#[derive(Debug, PartialEq)]
struct Found {
    start: usize,
    end: usize,
    year: u16,
    month: u8,
    day: Option<u8>,
    latin: bool,
}

impl Dates {
    pub fn new(k: &Knowledge) -> Dates {
        let mut held = Vec::new();
        for m in &k.meetings {
            if let Some((year, month, day)) = ymd(&m.date) {
                held.push(Held {
                    year,
                    month,
                    day,
                    place_ja: head(&m.city_ja),
                    place_en: head(&m.city_en),
                });
            }
        }
        // The earlier summits of the history table, those that are no retelling of one
        // of the meetings above.
        for p in k.history.iter().filter(|p| p.same_as.is_none()) {
            if let Some((year, month, day)) = ymd(&p.date) {
                let place = head(&p.place);
                held.push(Held {
                    year,
                    month,
                    day,
                    place_en: String::new(),
                    place_ja: place,
                });
            }
        }
        Dates { held }
    }

    /// The text with each year and month it writes that a meeting was held in put in
    /// the matcher's form, and the places of the meetings held then after it when
    /// `wants_places` says the text (with the dates in that form) asks of a meeting it
    /// does not name otherwise; `None` when it writes no such month.
    pub fn name(&self, text: &str, wants_places: impl Fn(&str) -> bool) -> Option<String> {
        let found: Vec<(Found, Vec<&Held>)> = find(text)
            .into_iter()
            .map(|f| {
                let held = self
                    .held
                    .iter()
                    .filter(|h| h.year == f.year && h.month == f.month)
                    .filter(|h| f.day.is_none_or(|d| d == h.day))
                    .collect();
                (f, held)
            })
            .filter(|(_, held): &(Found, Vec<&Held>)| !held.is_empty())
            .collect();
        if found.is_empty() {
            return None;
        }
        let write = |places: bool| {
            let mut out = String::with_capacity(text.len() + 32);
            let mut at = 0;
            for (f, held) in &found {
                out.push_str(&text[at..f.start]);
                if f.latin {
                    out.push_str(&text[f.start..f.end]);
                } else {
                    out.push_str(&format!("{}年{}月", f.year, f.month));
                    if let Some(day) = f.day {
                        out.push_str(&format!("{day}日"));
                    }
                }
                let mut named: Vec<&str> = Vec::new();
                for h in held {
                    let place = if f.latin && !h.place_en.is_empty() {
                        &h.place_en
                    } else {
                        &h.place_ja
                    };
                    if !named.contains(&place.as_str()) {
                        named.push(place);
                    }
                }
                if places {
                    out.push(' ');
                    out.push_str(&named.join(" "));
                    if !text[f.end..].starts_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
                at = f.end;
            }
            out.push_str(&text[at..]);
            out
        };
        let dated = write(false);
        let refers = found.iter().any(|(f, _)| refers_after(&text[f.end..]));
        let out = if wants_places(&dated) || refers {
            write(true)
        } else {
            dated
        };
        (out != text).then_some(out)
    }
}

/// Words that, right after a month, refer to what happened then (「2018年7月のやつ」,
/// "the july 2018 one").
const REFERRING: [&str; 6] = ["やつ", "奴", "とき", "時", "one", "thing"];

/// Whether the text after a date begins with a word of [`REFERRING`] (after の, a space
/// or "'s").
fn refers_after(rest: &str) -> bool {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('の').unwrap_or(rest).trim_start();
    REFERRING.iter().any(|w| {
        rest.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
            && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
    })
}

/// A run of ASCII digits starting at byte `at`: its value and end.
fn number(text: &str, at: usize) -> Option<(u32, usize)> {
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    Some((text[at..at + digits].parse().ok()?, at + digits))
}

/// A year of four digits, or of two before 年 (「18年」 is 2018).
fn year_of(value: u32, digits: usize, kanji: bool) -> Option<u16> {
    match digits {
        4 if (1900..=2099).contains(&value) => u16::try_from(value).ok(),
        2 if kanji => u16::try_from(2000 + value).ok(),
        _ => None,
    }
}

/// The months of a year a text writes: 「2018年7月」, 「2018年の7月」, 「18年7月」,
/// 「2018/7」, 「2018-07」, 「2018.7」, "july 2018", "jul 2018", "2018 july".
fn find(text: &str) -> Vec<Found> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if starts_number {
            if let Some(found) = numeric_at(&lower, i) {
                i = found.end;
                out.push(found);
                continue;
            }
        }
        let starts_word =
            bytes[i].is_ascii_alphabetic() && (i == 0 || !bytes[i - 1].is_ascii_alphabetic());
        if starts_word {
            if let Some(found) = month_word_at(&lower, i) {
                i = found.end;
                out.push(found);
                continue;
            }
        }
        i += lower[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A year and month written with digits from byte `at` (the year first).
fn numeric_at(text: &str, at: usize) -> Option<Found> {
    let (value, after) = number(text, at)?;
    let rest = &text[after..];
    // 「2018年7月」, 「2018年の7月」, 「18年7月」 (with an optional day).
    if let Some(r) = rest.strip_prefix('年') {
        let year = year_of(value, after - at, true)?;
        let skip = if r.starts_with('の') {
            'の'.len_utf8()
        } else {
            0
        };
        let month_at = after + '年'.len_utf8() + skip;
        let (month, end) = number(text, month_at)?;
        let end = text[end..]
            .strip_prefix('月')
            .map(|_| end + '月'.len_utf8())?;
        let (day, end) = match number(text, end) {
            Some((d, e)) if text[e..].starts_with('日') => (Some(d), e + '日'.len_utf8()),
            _ => (None, end),
        };
        return month_ok(month).map(|month| Found {
            start: at,
            end,
            year,
            month,
            day: day.and_then(|d| u8::try_from(d).ok()),
            latin: false,
        });
    }
    let year = year_of(value, after - at, false)?;
    // 「2018/7」, 「2018-07」, 「2018.7」, not a date with its day (2018/7/16 is read as
    // the month too) nor a range of years (2017-2018).
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '/' | '-' | '.'))?;
    let (month, end) = number(text, after + sep.len_utf8())?;
    if end - (after + 1) > 2 {
        return None;
    }
    let (day, end) = match text[end..]
        .strip_prefix(sep)
        .and_then(|_| number(text, end + 1))
    {
        Some((d, e)) if e - (end + 1) <= 2 => (Some(d), e),
        _ => (None, end),
    };
    month_ok(month).map(|month| Found {
        start: at,
        end,
        year,
        month,
        day: day.and_then(|d| u8::try_from(d).ok()),
        latin: false,
    })
}

/// A month of the year (1–12).
fn month_ok(month: u32) -> Option<u8> {
    u8::try_from(month).ok().filter(|m| (1..=12).contains(m))
}

/// The month an English word at byte `at` names (full, or its first three letters,
/// "sept" too), and where the word ends.
pub(super) fn month_word(text: &str, at: usize) -> Option<(u8, usize)> {
    let len = text[at..]
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let word = &text[at..at + len];
    let month = MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && word.len() <= 4 && m.starts_with(word)))?;
    let mut end = at + len;
    // "jul. 2018"
    if word.len() < MONTHS[month].len() && text[end..].starts_with('.') {
        end += 1;
    }
    Some((u8::try_from(month + 1).ok()?, end))
}

/// "july 2018", "july of 2018", "2018 july" from byte `at` (the month's word first).
fn month_word_at(text: &str, at: usize) -> Option<Found> {
    let (month, end) = month_word(text, at)?;
    let gap = |from: usize| {
        let rest = &text[from..];
        let trimmed = rest.trim_start_matches([' ', ',']);
        let trimmed = trimmed.strip_prefix("of ").unwrap_or(trimmed);
        from + rest.len() - trimmed.len()
    };
    let year_at = gap(end);
    if year_at == end {
        return None;
    }
    let (value, year_end) = number(text, year_at)?;
    let year = year_of(value, year_end - year_at, false)?;
    Some(Found {
        start: at,
        end: year_end,
        year,
        month,
        day: None,
        latin: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::{answer, index, tuning_rows};

    #[test]
    fn months_are_found_as_people_write_them() {
        let months =
            |t: &str| -> Vec<(u16, u8)> { find(t).iter().map(|f| (f.year, f.month)).collect() };
        assert_eq!(months("2018年7月のやつ"), [(2018, 7)]);
        assert_eq!(months("2018年の7月の会談"), [(2018, 7)]);
        assert_eq!(months("18年7月の会談"), [(2018, 7)]);
        assert_eq!(months("2018/7の会談"), [(2018, 7)]);
        assert_eq!(months("2018-07の会談"), [(2018, 7)]);
        assert_eq!(months("the july 2018 one"), [(2018, 7)]);
        assert_eq!(months("in Nov. 2018"), [(2018, 11)]);
        assert_eq!(months("2017-2018の会談"), []);
        assert_eq!(months("2018年の会談"), []);
        assert_eq!(months("may 2018"), [(2018, 5)]);
        assert_eq!(months("mayor 2018"), []);
        assert_eq!(months("7月の会談"), []);
    }

    #[test]
    fn a_meeting_is_named_by_its_month() {
        let index = index();
        for (by_date, by_name) in [
            ("2018/7の会談は何時間？", "ヘルシンキの会談は何時間？"),
            (
                "18年7月の会談で何が決まった？",
                "ヘルシンキの会談で何が決まった？",
            ),
            ("2025年の8月の会談はどこ？", "アンカレッジの会談はどこ？"),
            ("2019/06のやつ 何時間", "大阪のやつ 何時間"),
            (
                "how long was the july 2018 summit",
                "how long was the helsinki summit",
            ),
            (
                "what happened at the meeting in Aug 2025",
                "what happened at the meeting in Anchorage",
            ),
        ] {
            let named = answer(&index, by_name);
            assert!(named.is_some(), "{by_name}");
            assert_eq!(answer(&index, by_date), named, "{by_date}");
        }
    }

    #[test]
    fn a_month_with_two_meetings_or_none_answers_none() {
        let index = index();
        // November 2018: Paris and Buenos Aires.
        assert_eq!(answer(&index, "2018年11月の会談"), None);
        assert_eq!(answer(&index, "the november 2018 one"), None);
        // No meeting in March 2018.
        assert_eq!(answer(&index, "2018/3の会談はどこ？"), None);
        // A month that dates something else (a call, sanctions) names no meeting.
        assert_eq!(index.spelt("2025年10月の電話会談は何時間？"), None);
        assert_eq!(
            index.spelt("sanctions on oil companies in october 2025"),
            None
        );
        // Nor one whose meeting the question names already.
        assert_eq!(index.spelt("2018年11月にパリで両首脳は会談した？"), None);
        // Out of scope stays out of scope.
        assert!(
            index
                .analyse("2018年7月のやつ、当日の天気は？")
                .out_of_scope
        );
    }

    /// The tuning sets' questions about a meeting that name its city, with the city
    /// written as its year and month instead (「ヘルシンキの会談」 → 「2018/7の会談」),
    /// answered with and without the dates read:
    /// `cargo test --lib months_for_places -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn months_for_places() {
        let k = Knowledge::embedded().expect("dataset loads");
        let with = index();
        let mut without = index();
        without.dates = Dates::default();
        let (mut n, mut typed, mut right_with, mut right_without) = (0, 0, 0, 0);
        for row in tuning_rows() {
            let (expected, question) = (row.expected.as_str(), row.question.as_str());
            let Some(m) = k.meetings.iter().find(|m| m.id == expected) else {
                continue;
            };
            let Some((y, mo, _)) = ymd(&m.date) else {
                continue;
            };
            if !question.contains(&m.city_ja) {
                continue;
            }
            let dated = question.replacen(&m.city_ja, &format!("{y}/{mo}"), 1);
            n += 1;
            typed += (answer(&with, question).as_deref() == Some(expected)) as usize;
            right_with += (answer(&with, &dated).as_deref() == Some(expected)) as usize;
            right_without += (answer(&without, &dated).as_deref() == Some(expected)) as usize;
        }
        println!(
            "meeting questions with the city as a month: {n}; right with the city {typed}, \
             with the month: without dates {right_without}, with dates {right_with}"
        );
    }
}
