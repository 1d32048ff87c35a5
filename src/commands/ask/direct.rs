//! The direct sentence on top of an answer: what the question asked, said from the
//! record's own fields with the templates of `responses/ask.json`
//! (「大阪での会談は2019年6月28日、G20大阪サミットに合わせて行われました。」).

use crate::commands::render::first_sentence;
use crate::knowledge::ask::{AskText, Asked};
use crate::knowledge::{Item, Kind, Knowledge, Meeting, MeetingFormat, PastSummit, UiText};
use crate::search::{Analysis, FieldAsked};

/// A direct sentence and the fields of the record it states, as the code that built it
/// knows them (so that what it answers is never read back from its Japanese text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direct {
    pub text: String,
    /// The fields the sentence states: the one it was built for (a length compared,
    /// `Longer`, states `Duration`; who someone is, `Identity`, states `Who`), or, for a
    /// cancelled meeting's sentences, the fields they all say (`CANCELLED_STATES`,
    /// `CANCELLED_STORY_STATES`), whichever of them was asked.
    pub states: Vec<Asked>,
}

impl Direct {
    fn of(asked: Asked, text: String) -> Self {
        let asked = match asked {
            Asked::Longer => Asked::Duration,
            Asked::Identity => Asked::Who,
            asked => asked,
        };
        Direct {
            text,
            states: vec![asked],
        }
    }
}

/// The fields a cancelled meeting's sentence states (see `Direct::states`): where it was to
/// be, on what occasion, and that it was not held (its format and what came of it).
const CANCELLED_STATES: [Asked; 4] = [Asked::Where, Asked::Occasion, Asked::Format, Asked::Outcome];

/// The fields the account of a cancelled meeting states (`CANCELLED_STATES`, then its
/// outcome's first sentence: when it was announced and called off, and why).
const CANCELLED_STORY_STATES: [Asked; 6] = [
    Asked::Where,
    Asked::Occasion,
    Asked::Format,
    Asked::Outcome,
    Asked::When,
    Asked::Why,
];

/// The sentence for a question answered with `id`, when the record holds what it asks:
/// the first field it asks that the record holds (see `Index::field_asked`). When it asks
/// none the record holds, the field the decision read (`Analysis::asked`, the most specific
/// the answering part mentions), then the one the whole question mentions; and for a
/// meeting asked only whether the two met, its format.
pub fn sentence(k: &Knowledge, analysis: &Analysis, asks: &FieldAsked, id: &str) -> Option<Direct> {
    let item = k.item(id)?;
    let mentioned = analysis.asked.or(asks.mentioned.first().copied());
    if let Item::Entry(Kind::Person, e) = item {
        // Who someone is, when that, the part they had, or nothing in particular is asked;
        // a field the record of a person does not hold (when, how long, what was agreed)
        // gets no sentence that would not answer it.
        let who = |asked: Asked| matches!(asked, Asked::Identity | Asked::Who);
        // The question's own words read with the words that only look like a field's
        // left out (「どういう関係なんですか」 holds no なんで), or as the decision read them.
        let asks_who = asks.asked.iter().copied().any(who)
            || asks.involvement
            || mentioned.is_none_or(who)
            || (asks.asked.is_empty() && asks.mentioned.first().copied().is_none_or(who));
        if !asks_who {
            return None;
        }
        let text = UiText::fill(
            &k.ask.person_who,
            &[
                ("title", &e.title),
                ("summary", &first_sentence(&e.summary)),
            ],
        );
        return Some(Direct::of(Asked::Who, text));
    }
    if let Some(sentence) = asked_sentences(k, analysis, asks, &item) {
        return Some(sentence);
    }
    // Which people, of a meeting: who attended (「どんな人たちが出席していましたか」).
    let record = matches!(item, Item::Meeting(_) | Item::PastSummit(_));
    if record && asks.asked.contains(&Asked::Identity) && asks.mentioned.contains(&Asked::Who) {
        return of_record(k, analysis, &item, Asked::Who);
    }
    match (mentioned, &item) {
        (Some(asked), _) => of_record(k, analysis, &item, asked),
        // A place checked: the meeting's own city checks that they met there (its format),
        // another place where it was (「大統領宮殿でやったんだっけ？」).
        (None, Item::Meeting(m)) if asks.checked_place.is_some() => {
            let city = crate::search::normalize(&m.city_ja);
            let own = asks.checked_place.as_deref().is_some_and(|place| {
                !city.is_empty() && (place.contains(&city) || city.contains(place))
            });
            let asked = if own { Asked::Format } else { Asked::Where };
            of_record(k, analysis, &item, asked)
        }
        (None, Item::Meeting(_)) if asks.whether_met => {
            of_record(k, analysis, &item, Asked::Format)
        }
        // Whether Trump met Putin there, of a summit of other leaders: who they were.
        (None, Item::PastSummit(_)) if asks.whether_met => {
            of_record(k, analysis, &item, Asked::Who)
        }
        (None, _) => None,
    }
}

/// Most fields a question asks that the direct sentence answers, each its own sentence.
const MOST_ASKED: usize = 2;

/// The sentences of the fields a question asks (`FieldAsked::asked`, the most specific
/// first) that the record holds: a question asking two (「正式な場所と開催日を教えて」,
/// 「中止の理由と、それでも接触はあったのか」, "Which base was it, and why there?") gets the
/// sentence of each, the second after the first, unless the first already states it
/// (a cancelled meeting's account). `None` when it asks none the record holds.
fn asked_sentences(
    k: &Knowledge,
    analysis: &Analysis,
    asks: &FieldAsked,
    item: &Item<'_>,
) -> Option<Direct> {
    let mut direct: Option<Direct> = None;
    let mut told = 0;
    for &asked in &asks.asked {
        if told == MOST_ASKED {
            break;
        }
        let states = |d: &Direct| {
            let of = Direct::of(asked, String::new()).states;
            of.iter().all(|a| d.states.contains(a))
        };
        if direct.as_ref().is_some_and(states) {
            continue;
        }
        let Some(next) = of_record(k, analysis, item, asked) else {
            continue;
        };
        told += 1;
        direct = Some(match direct {
            None => next,
            Some(mut first) => {
                first.text.push_str(&next.text);
                for a in next.states {
                    if !first.states.contains(&a) {
                        first.states.push(a);
                    }
                }
                first
            }
        });
    }
    direct
}

/// The sentence of a record for the field asked, if it holds that field.
fn of_record(k: &Knowledge, analysis: &Analysis, item: &Item<'_>, asked: Asked) -> Option<Direct> {
    match asked {
        Asked::Count => count(k, analysis, item).map(|text| Direct::of(asked, text)),
        Asked::Longer => longer(k, analysis)
            .map(|text| Direct::of(asked, text))
            .or_else(|| field(k, item, Asked::Duration)),
        asked => field(k, item, asked),
    }
}

fn field(k: &Knowledge, item: &Item<'_>, asked: Asked) -> Option<Direct> {
    match item {
        Item::Meeting(m) => meeting(k, m, asked),
        Item::PastSummit(p) => past(&k.ask, p, asked).map(|text| Direct::of(asked, text)),
        _ => None,
    }
}

/// What a meeting is called in a sentence: 「大阪での会談」, 「パリでの接触」.
fn meeting_name(t: &AskText, m: &Meeting) -> String {
    let template = if m.format == MeetingFormat::BriefInformal {
        &t.meeting_name_brief
    } else {
        &t.meeting_name
    };
    UiText::fill(template, &[("city", &m.city_ja)])
}

fn format_label(ui: &UiText, format: MeetingFormat) -> &str {
    match format {
        MeetingFormat::StandaloneSummit => &ui.format_standalone_summit,
        MeetingFormat::BilateralSidelines => &ui.format_bilateral_sidelines,
        MeetingFormat::BriefInformal => &ui.format_brief_informal,
        MeetingFormat::Cancelled => &ui.format_cancelled,
    }
}

/// A text as the end of a sentence: one 「。」, not two.
fn sentence_end(text: &str) -> String {
    if text.ends_with('。') {
        text.to_string()
    } else {
        format!("{text}。")
    }
}

fn meeting(k: &Knowledge, m: &Meeting, asked: Asked) -> Option<Direct> {
    let t = &k.ask;
    let name = meeting_name(t, m);
    let format = format_label(&k.ui, m.format);
    let venue = first_sentence(&m.venue);
    let venue = venue.trim_end_matches('。');
    let participants = m.participants.join(&k.ui.list_separator);
    let agenda = m.agenda.join(&k.ui.list_separator);
    let outcome = first_sentence(&m.outcome);
    let significance = first_sentence(&m.significance);
    let slots = [
        ("name", name.as_str()),
        ("date", m.date_label.as_str()),
        ("city", m.city_ja.as_str()),
        ("country", m.country_ja.as_str()),
        ("occasion", m.occasion.as_str()),
        ("event", m.event.as_deref().unwrap_or_default()),
        ("format", format),
        ("venue", venue),
        ("participants", participants.as_str()),
        ("agenda", agenda.as_str()),
        ("outcome", outcome.as_str()),
        ("significance", significance.as_str()),
    ];
    let cancelled = m.format == MeetingFormat::Cancelled;
    let template = match asked {
        // When, why or what came of a meeting not held: its outcome, which tells when it
        // was announced and called off and why (the record's account of it).
        Asked::When | Asked::Why | Asked::Outcome if cancelled => {
            return Some(Direct {
                text: UiText::fill(&t.meeting_cancelled_story, &slots),
                states: CANCELLED_STORY_STATES.to_vec(),
            });
        }
        Asked::Where | Asked::Duration | Asked::Occasion if cancelled => {
            return Some(Direct {
                text: UiText::fill(&t.meeting_cancelled, &slots),
                states: CANCELLED_STATES.to_vec(),
            });
        }
        Asked::When if m.event.is_some() => &t.meeting_when_event,
        Asked::When => &t.meeting_when,
        Asked::Where => &t.meeting_where,
        Asked::Duration | Asked::Longer => {
            let text = match &m.duration {
                Some(d) => UiText::fill(
                    &t.meeting_duration,
                    &[("name", &name), ("duration", &sentence_end(d))],
                ),
                None => UiText::fill(&t.meeting_duration_unknown, &[("name", &name)]),
            };
            return Some(Direct::of(Asked::Duration, text));
        }
        Asked::Who => &t.meeting_who,
        Asked::Outcome => &t.meeting_outcome,
        Asked::Why => &t.meeting_why,
        Asked::Format => &t.meeting_format,
        Asked::Occasion if m.event.is_some() => &t.meeting_occasion_event,
        Asked::Occasion => &t.meeting_occasion,
        Asked::Agenda => &t.meeting_agenda,
        Asked::Count | Asked::Identity => return None,
    };
    Some(Direct::of(asked, UiText::fill(template, &slots)))
}

fn past(t: &AskText, p: &PastSummit, asked: Asked) -> Option<String> {
    let name = UiText::fill(&t.past_name, &[("us", &p.us_leader), ("ru", &p.ru_leader)]);
    let outcome = first_sentence(&p.outcome);
    let template = match asked {
        Asked::When => &t.past_when,
        Asked::Where => &t.past_where,
        Asked::Who => &t.past_who,
        Asked::Outcome => &t.past_outcome,
        Asked::Agenda => &t.past_agenda,
        _ => return None,
    };
    Some(UiText::fill(
        template,
        &[
            ("name", name.as_str()),
            ("date", p.date_label.as_str()),
            ("place", p.place.as_str()),
            ("us", p.us_leader.as_str()),
            ("ru", p.ru_leader.as_str()),
            ("agenda", p.agenda.as_str()),
            ("outcome", outcome.as_str()),
        ],
    ))
}

/// 何回: counted from the meeting records, or from the phone calls when those answer.
fn count(k: &Knowledge, analysis: &Analysis, item: &Item<'_>) -> Option<String> {
    let t = &k.ask;
    let year = analysis.years.first().copied();
    match item.kind() {
        Kind::Calls => {
            let calls = &k.calls;
            Some(match year {
                Some(y) => {
                    let row = calls.by_year.iter().find(|r| r.year == y)?;
                    let (count, year) = (row.count.to_string(), y.to_string());
                    match &row.note {
                        Some(note) => UiText::fill(
                            &t.count_calls_year_note,
                            &[
                                ("year", &year),
                                ("count", &count),
                                ("note", note.trim_end_matches('。')),
                            ],
                        ),
                        None => {
                            UiText::fill(&t.count_calls_year, &[("year", &year), ("count", &count)])
                        }
                    }
                }
                None => {
                    let total: u32 = calls.by_year.iter().map(|r| u32::from(r.count)).sum();
                    let first = calls.by_year.first()?.year.to_string();
                    let last = calls.by_year.last()?.year.to_string();
                    UiText::fill(
                        &t.count_calls,
                        &[
                            ("count", &total.to_string()),
                            ("first", &first),
                            ("last", &last),
                        ],
                    )
                }
            })
        }
        Kind::Meeting | Kind::Qa | Kind::Topic | Kind::Myth => {
            let held: Vec<&Meeting> = k
                .meetings
                .iter()
                .filter(|m| m.format != MeetingFormat::Cancelled)
                .collect();
            let year_of = |m: &Meeting| m.date.get(..4).and_then(|y| y.parse::<u16>().ok());
            Some(match year {
                Some(y) => {
                    let those: Vec<&str> = held
                        .iter()
                        .filter(|m| year_of(m) == Some(y))
                        .map(|m| m.city_ja.as_str())
                        .collect();
                    let year = y.to_string();
                    if those.is_empty() {
                        UiText::fill(&t.count_meetings_year_none, &[("year", &year)])
                    } else {
                        UiText::fill(
                            &t.count_meetings_year,
                            &[
                                ("year", &year),
                                ("count", &those.len().to_string()),
                                ("places", &those.join(&k.ui.list_separator)),
                            ],
                        )
                    }
                }
                None => {
                    let mut by_year: Vec<(u16, usize)> = Vec::new();
                    for y in held.iter().filter_map(|m| year_of(m)) {
                        match by_year.iter_mut().find(|(year, _)| *year == y) {
                            Some((_, n)) => *n += 1,
                            None => by_year.push((y, 1)),
                        }
                    }
                    let parts: Vec<String> = by_year
                        .iter()
                        .map(|(y, n)| {
                            UiText::fill(
                                &t.count_year_part,
                                &[("year", &y.to_string()), ("count", &n.to_string())],
                            )
                        })
                        .collect();
                    let formal = held
                        .iter()
                        .filter(|m| m.format != MeetingFormat::BriefInformal)
                        .count();
                    UiText::fill(
                        &t.count_meetings,
                        &[
                            ("count", &held.len().to_string()),
                            ("by_year", &parts.join(&k.ui.list_separator)),
                            ("formal", &formal.to_string()),
                        ],
                    )
                }
            })
        }
        _ => None,
    }
}

/// どっちが長い: two meetings named, their lengths side by side, the longer said when
/// both lengths are figures of a sit-down meeting.
fn longer(k: &Knowledge, analysis: &Analysis) -> Option<String> {
    let named: Vec<&Meeting> = analysis
        .events
        .iter()
        .filter_map(|id| k.meeting(id))
        .collect();
    let [a, b] = named.as_slice() else {
        return None;
    };
    let t = &k.ask;
    let (name_a, name_b) = (meeting_name(t, a), meeting_name(t, b));
    let unknown = k.ui.unverified.clone();
    // The first sentence of each length: the figure, without the notes that follow.
    let (dur_a, dur_b) = (
        a.duration
            .as_deref()
            .map_or(unknown.clone(), first_sentence),
        b.duration.as_deref().map_or(unknown, first_sentence),
    );
    // A length of one figure: not a brief contact, and one clause outside parentheses
    // (Helsinki's 「一対一会談が約2時間10分、昼食を含めると全体で約4時間」 has two).
    let minutes = |m: &Meeting| {
        let duration = m.duration.as_deref()?;
        let one_figure = !outside_parentheses(&first_sentence(duration)).contains('、');
        (m.format != MeetingFormat::BriefInformal && one_figure)
            .then(|| first_minutes(duration))
            .flatten()
    };
    match (minutes(a), minutes(b)) {
        (Some(x), Some(y)) if x != y => {
            let ((long, long_d), (short, short_d)) = if x > y {
                ((&name_a, &dur_a), (&name_b, &dur_b))
            } else {
                ((&name_b, &dur_b), (&name_a, &dur_a))
            };
            Some(UiText::fill(
                &t.longer,
                &[
                    ("long", long),
                    ("long_duration", long_d.trim_end_matches('。')),
                    ("short", short),
                    ("short_duration", short_d.trim_end_matches('。')),
                ],
            ))
        }
        _ => Some(UiText::fill(
            &t.longer_unclear,
            &[
                ("a", &name_a),
                ("a_duration", dur_a.trim_end_matches('。')),
                ("b", &name_b),
                ("b_duration", dur_b.trim_end_matches('。')),
            ],
        )),
    }
}

/// A text without what its parentheses （…） hold.
fn outside_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| match c {
            '（' | '(' => {
                depth += 1;
                false
            }
            '）' | ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// The first length written in a duration text, in minutes: 「約2時間15分」 → 135.
fn first_minutes(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let n: u32 = chars[start..i].iter().collect::<String>().parse().ok()?;
        let unit: String = chars[i..].iter().take(2).collect();
        if unit.starts_with("時間") {
            i += 2;
            let mut rest = 0;
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i > start && chars.get(i) == Some(&'分') {
                rest = chars[start..i].iter().collect::<String>().parse().ok()?;
            }
            return Some(n * 60 + rest);
        }
        if unit.starts_with('分') {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::first_minutes;
    use crate::commands::{ask, Bot};
    use crate::knowledge::ask::Asked;
    use crate::knowledge::Knowledge;
    use crate::search::Decision;

    /// The fields the direct sentence of a question answered with `id` states.
    fn states(bot: &Bot, question: &str, id: &str) -> Vec<Asked> {
        let today = crate::search::Today {
            year: 2026,
            month: 12,
        };
        let (decision, direct) = ask::decide(bot, question, today);
        match decision {
            Decision::Answer { id: got, .. } if got == id => {
                direct.map(|d| d.states).unwrap_or_default()
            }
            other => panic!("{question}: {other:?}"),
        }
    }

    #[test]
    fn the_sentence_states_the_field_asked() {
        let bot = Bot::new(Knowledge::embedded().expect("dataset"));
        // A meeting not held, asked when or why: its account says when it was announced
        // and called off, and why.
        for q in [
            "ブダペストの首脳会談って結局いつ取りやめになったの？",
            "ハンガリーでの会談、なんで流れたんですか",
        ] {
            let got = states(&bot, q, "budapest-2025");
            assert!(
                got.contains(&Asked::When) && got.contains(&Asked::Why),
                "{q}: {got:?}"
            );
        }
        // Asked why in kana.
        assert!(states(
            &bot,
            "ぶえのすあいれすの会談 とりやめ りゆう",
            "buenos-aires-2018"
        )
        .contains(&Asked::Why));
        // The period a summit was held over is when.
        assert_eq!(
            states(
                &bot,
                "1985年のジュネーブでの米ソ首脳会談の開催期間を教えてください",
                "geneva-1985"
            ),
            vec![Asked::When]
        );
        // The format, asked by its labels or as the shape of a meeting, over the occasion a
        // question names.
        for (q, id) in [
            ("ハンブルクでの会談は単独会談でしたか？", "hamburg-2017"),
            (
                "Was the Osaka meeting a standalone summit or on the sidelines of the G20?",
                "osaka-2019",
            ),
            (
                "ダナンのAPECでは二人はどのような形で話したのですか",
                "danang-2017",
            ),
        ] {
            assert_eq!(states(&bot, q, id), vec![Asked::Format], "{q}");
        }
        // Two fields asked, each its own sentence: joined by と to the one a request asks,
        // or asked by a clause each.
        for q in [
            "ヘルシンキ会談の会場と所要時間を教えて",
            "ヘルシンキでの会談って何時間くらいで、会場はどこだった？",
        ] {
            let got = states(&bot, q, "helsinki-2018");
            assert_eq!(got, vec![Asked::Duration, Asked::Where], "{q}");
        }
        // The base a meeting was held at is its venue.
        for q in [
            "アンカレッジで会談した基地の名前を教えてください",
            "Which base did Trump and Putin meet at in Alaska?",
        ] {
            assert!(
                states(&bot, q, "anchorage-2025").contains(&Asked::Where),
                "{q}"
            );
        }
        // How often, asked as a pace, is a count.
        assert_eq!(
            states(
                &bot,
                "トランプとプーチンってどれくらいのペースで会談してきたの？",
                "qa-frequency"
            ),
            vec![Asked::Count]
        );
    }

    #[test]
    fn lengths_are_read_from_the_record() {
        assert_eq!(
            first_minutes("約2時間15分（当初の予定は30〜45分程度）"),
            Some(135)
        );
        assert_eq!(first_minutes("約1時間20分（タス通信）"), Some(80));
        assert_eq!(first_minutes("会談は約2時間45分〜3時間"), Some(165));
        assert_eq!(first_minutes("数分程度"), None);
    }
}
