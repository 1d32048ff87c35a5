//! Writing questions from the records with the templates of `quiz_templates.json`.
//!
//! Each kind of record has its generator; every generator skips (and says why) a record
//! whose value is weak, missing or too long for a button, and picks its wrong options from
//! the same field of the other records, nearest first, so the choice is stable.

use super::{chars, Answer, Drafted, Origin, Question, Topic, MAX_EXPLANATION, MAX_OPTION};
use crate::knowledge::{Knowledge, Meeting, MeetingFormat, QuizTemplates, UiText};
use crate::search::normalize;
use std::collections::BTreeSet;

/// A stable hash (FNV-1a), so a generated ○× statement is true or false the same way on
/// every build.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Up to three wrong options from `pool` (position, text), nearest to `at` first, earlier on
/// ties: none with the key of the answer or of another pick. `None` when fewer than three.
fn pick_wrong(
    answer: &str,
    at: usize,
    pool: &[(usize, String)],
    key: &dyn Fn(&str) -> String,
) -> Option<[String; 3]> {
    let mut order: Vec<&(usize, String)> = pool.iter().collect();
    order.sort_by_key(|(i, _)| (i.abs_diff(at), *i));
    let mut keys = vec![key(answer)];
    let mut picked = Vec::new();
    for (_, text) in order {
        let k = key(text);
        if k.is_empty() || keys.contains(&k) {
            continue;
        }
        keys.push(k);
        picked.push(text.clone());
        if picked.len() == 3 {
            break;
        }
    }
    picked.try_into().ok()
}

/// What a generated question is: its kind and record (which make its id), its source and
/// topic, and the file of its record (for messages).
struct Spec<'a> {
    kind: &'static str,
    file: &'static str,
    record: &'a str,
    source: &'a str,
    topic: Topic,
}

/// Writes questions from the records with the templates of `quiz_templates.json`.
pub(super) struct Generator<'k> {
    x: Texts<'k>,
    pub(super) drafts: Vec<Drafted>,
    pub(super) skipped: Vec<String>,
}

/// Reading the records and filling templates: shared, by copy, with the closures that pick
/// wrong options while the generator writes.
#[derive(Clone, Copy)]
struct Texts<'k> {
    k: &'k Knowledge,
    t: &'k QuizTemplates,
}

impl<'k> Texts<'k> {
    /// Whether the dataset marks a value as weak or unknown.
    fn weak(self, text: &str) -> bool {
        text.trim().is_empty() || self.t.weak_markers.iter().any(|m| text.contains(m))
    }

    /// A value usable as an option: not weak, not too long.
    fn option(self, text: &str) -> bool {
        !self.weak(text) && chars(text) <= MAX_OPTION
    }

    fn fill(self, template: &str, slots: &[(&str, &str)]) -> String {
        UiText::fill(template, slots)
    }

    /// `YYYY-MM-DD` as the dataset writes dates in Japanese; `None` for a month-only date.
    fn day(self, iso: &str) -> Option<String> {
        let mut parts = iso.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let m: u32 = m.parse().ok()?;
        let d: u32 = d.parse().ok()?;
        Some(self.fill(
            &self.t.date_day,
            &[
                ("year", y),
                ("month", &m.to_string()),
                ("day", &d.to_string()),
            ],
        ))
    }

    fn month(self, iso: &str) -> Option<String> {
        let mut parts = iso.split('-');
        let (y, m) = (parts.next()?, parts.next()?);
        let m: u32 = m.parse().ok()?;
        Some(self.fill(
            &self.t.date_month,
            &[("year", y), ("month", &m.to_string())],
        ))
    }

    /// The first sentence, without annotations such as 「（元記事）」 or its final stop.
    fn first_sentence(self, text: &str) -> String {
        let mut s = text.to_string();
        for a in &self.t.annotations {
            s = s.replace(a.as_str(), "");
        }
        let end = &self.t.sentence_end;
        let first = if end.is_empty() {
            s.as_str()
        } else {
            s.split(end.as_str()).next().unwrap_or("")
        };
        first.trim().to_string()
    }

    /// As many whole sentences of `text` as `fits` accepts (at least one), or `None`.
    fn whole_sentences(self, text: &str, fits: &dyn Fn(&str) -> bool) -> Option<String> {
        let end = self.t.sentence_end.as_str();
        if fits(text) {
            return Some(text.to_string());
        }
        if end.is_empty() {
            return None;
        }
        let mut best = None;
        let mut acc = String::new();
        for piece in text.split_inclusive(end) {
            acc.push_str(piece);
            if fits(&acc) {
                best = Some(acc.clone());
            } else {
                break;
            }
        }
        best
    }

    /// The leading name of a place (its city): 「ワシントン、ホワイトハウス」 and
    /// 「ワシントン、ホワイトハウス大統領執務室」 share one.
    fn place_name(self, place: &str) -> String {
        let cut = self
            .t
            .place_delimiters
            .iter()
            .filter(|d| !d.is_empty())
            .filter_map(|d| place.find(d.as_str()))
            .min()
            .unwrap_or(place.len());
        place[..cut].trim().to_string()
    }

    /// The leading name of a place, normalised: two places with one key are never both
    /// offered.
    fn place_key(self, place: &str) -> String {
        normalize(&self.place_name(place))
    }

    /// A text without its final aside: 「APEC首脳会議（APEC経済首脳会議）」 → 「APEC首脳会議」.
    fn without_aside(self, text: &str) -> String {
        let (open, close) = (self.t.aside_open.as_str(), self.t.aside_close.as_str());
        let text = text.trim();
        if open.is_empty() || close.is_empty() || !text.ends_with(close) {
            return text.to_string();
        }
        match text.rfind(open) {
            Some(at) if at > 0 => text[..at].trim().to_string(),
            _ => text.to_string(),
        }
    }

    fn format_label(self, f: MeetingFormat) -> &'k str {
        let ui = &self.k.ui;
        match f {
            MeetingFormat::StandaloneSummit => &ui.format_standalone_summit,
            MeetingFormat::BilateralSidelines => &ui.format_bilateral_sidelines,
            MeetingFormat::BriefInformal => &ui.format_brief_informal,
            MeetingFormat::Cancelled => &ui.format_cancelled,
        }
    }
}

impl<'k> Generator<'k> {
    pub(super) fn new(k: &'k Knowledge) -> Self {
        Generator {
            x: Texts {
                k,
                t: &k.quiz_templates,
            },
            drafts: Vec::new(),
            skipped: Vec::new(),
        }
    }

    fn skip(&mut self, file: &str, record: &str, what: &str) {
        self.skipped.push(format!("{file} {record}: {what}"));
    }

    fn choice(
        &mut self,
        spec: Spec<'_>,
        prompt: String,
        right: String,
        wrong: Option<[String; 3]>,
        explanation: String,
    ) {
        let Some(wrong) = wrong else {
            let why = format!("{}: fewer than 3 distractors", spec.kind);
            self.skip(spec.file, spec.record, &why);
            return;
        };
        self.push(spec, prompt, Answer::Choice { right, wrong }, explanation);
    }

    fn statement(&mut self, spec: Spec<'_>, prompt: String, truth: bool, explanation: String) {
        self.push(spec, prompt, Answer::TrueFalse { truth }, explanation);
    }

    fn push(&mut self, spec: Spec<'_>, prompt: String, answer: Answer, explanation: String) {
        self.drafts.push(Drafted {
            question: Question {
                id: format!("gen-{}-{}", spec.kind, spec.record),
                topic: spec.topic,
                prompt,
                answer,
                explanation,
                source: spec.source.to_string(),
            },
            origin: Origin::Generated(spec.kind),
            file: spec.file,
        });
    }

    /// Trump–Putin meetings: date ↔ place, occasion, duration, format, agenda.
    pub(super) fn meetings(&mut self) {
        let x = self.x;
        const FILE: &str = "meetings.json";
        let k = x.k;
        let t = x.t;
        let held: Vec<&Meeting> = k
            .meetings
            .iter()
            .filter(|m| m.format != MeetingFormat::Cancelled)
            .collect();
        let norm = |s: &str| normalize(s);
        let unique = |f: &dyn Fn(&Meeting) -> &str, m: &Meeting| {
            held.iter().filter(|o| norm(f(o)) == norm(f(m))).count() == 1
        };
        let pool = |f: &dyn Fn(&Meeting) -> &str, skip: &dyn Fn(&Meeting) -> bool| {
            held.iter()
                .enumerate()
                .filter(|(_, m)| !skip(m) && x.option(f(m)))
                .map(|(i, m)| (i, f(m).to_string()))
                .collect::<Vec<_>>()
        };

        for (i, m) in held.iter().enumerate() {
            let format = x.format_label(m.format);
            let base_ok = !x.weak(&m.date_label) && x.option(&m.city_ja);
            if !base_ok || x.weak(&m.country_ja) {
                self.skip(FILE, &m.id, "date, city or country weak or missing");
                continue;
            }
            let date = m.date_label.as_str();
            let city = m.city_ja.as_str();
            let country = m.country_ja.as_str();
            let slots: Vec<(&str, &str)> = vec![
                ("date", date),
                ("city", city),
                ("country", country),
                ("format", format),
                ("occasion", m.occasion.as_str()),
            ];

            // Date → city: the date names one meeting only.
            if unique(&|m| m.date_label.as_str(), m) {
                let others = pool(&|m| m.city_ja.as_str(), &|o| o.id == m.id);
                let wrong = pick_wrong(city, i, &others, &norm);
                self.choice(
                    Spec {
                        kind: "meeting-place",
                        file: FILE,
                        record: &m.id,
                        source: &m.id,
                        topic: Topic::Meetings,
                    },
                    x.fill(&t.meeting_place.prompt, &slots),
                    city.to_string(),
                    wrong,
                    x.fill(&t.meeting_place.explanation, &slots),
                );
            } else {
                self.skip(
                    FILE,
                    &m.id,
                    "meeting-place: date shared with another meeting",
                );
            }

            // City → date: the city saw one meeting only.
            if unique(&|m| m.city_ja.as_str(), m) && x.option(date) {
                let others = pool(&|m| m.date_label.as_str(), &|o| o.id == m.id);
                let wrong = pick_wrong(date, i, &others, &norm);
                self.choice(
                    Spec {
                        kind: "meeting-date",
                        file: FILE,
                        record: &m.id,
                        source: &m.id,
                        topic: Topic::Meetings,
                    },
                    x.fill(&t.meeting_date.prompt, &slots),
                    date.to_string(),
                    wrong,
                    x.fill(&t.meeting_date.explanation, &slots),
                );
            } else {
                self.skip(FILE, &m.id, "meeting-date: city shared or date unsuitable");
            }

            // Date → occasion (without its aside, which may repeat the date).
            let occasion = x.without_aside(&m.occasion);
            if x.option(&occasion) && unique(&|m| m.date_label.as_str(), m) {
                let others: Vec<(usize, String)> = held
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.id != m.id)
                    .map(|(j, o)| (j, x.without_aside(&o.occasion)))
                    .filter(|(_, o)| x.option(o))
                    .collect();
                let wrong = pick_wrong(&occasion, i, &others, &norm);
                self.choice(
                    Spec {
                        kind: "meeting-occasion",
                        file: FILE,
                        record: &m.id,
                        source: &m.id,
                        topic: Topic::Meetings,
                    },
                    x.fill(&t.meeting_occasion.prompt, &slots),
                    occasion.clone(),
                    wrong,
                    x.fill(&t.meeting_occasion.explanation, &slots),
                );
            } else {
                self.skip(FILE, &m.id, "meeting-occasion: weak or too long");
            }

            // Duration: wrong ones from meetings of another format, so that two short
            // encounters are never offered side by side ("a few minutes" fits both).
            match m.duration.as_deref().filter(|d| x.option(d)) {
                Some(duration) => {
                    let others = pool(&|m| m.duration.as_deref().unwrap_or(""), &|o| {
                        o.id == m.id || o.format == m.format
                    });
                    let wrong = pick_wrong(duration, i, &others, &norm);
                    let mut s = slots.clone();
                    s.push(("duration", duration));
                    self.choice(
                        Spec {
                            kind: "meeting-duration",
                            file: FILE,
                            record: &m.id,
                            source: &m.id,
                            topic: Topic::Meetings,
                        },
                        x.fill(&t.meeting_duration.prompt, &s),
                        duration.to_string(),
                        wrong,
                        x.fill(&t.meeting_duration.explanation, &s),
                    );
                }
                None => self.skip(FILE, &m.id, "meeting-duration: none, weak or too long"),
            }

            // ○×: where they met on that date.
            if unique(&|m| m.date_label.as_str(), m) {
                let truth = stable_hash(&m.id).is_multiple_of(2);
                let others = pool(&|m| m.city_ja.as_str(), &|o| o.id == m.id);
                let stated = if truth {
                    Some(city.to_string())
                } else {
                    pick_wrong(city, i, &others, &norm).map(|[first, ..]| first)
                };
                if let Some(stated) = stated {
                    let s = [
                        ("date", date),
                        ("city", stated.as_str()),
                        ("true_city", city),
                        ("country", country),
                    ];
                    self.statement(
                        Spec {
                            kind: "meeting-where",
                            file: FILE,
                            record: &m.id,
                            source: &m.id,
                            topic: Topic::Meetings,
                        },
                        x.fill(&t.meeting_place_statement.statement, &s),
                        truth,
                        x.fill(&t.meeting_place_statement.explanation, &s),
                    );
                }
            }

            // ○×: the format. A false statement names the format furthest from the record
            // (a summit for a handshake), never a neighbouring one that could half fit.
            let stated_format = if stable_hash(&m.id).is_multiple_of(3) {
                None
            } else {
                Some(match m.format {
                    MeetingFormat::StandaloneSummit => MeetingFormat::BriefInformal,
                    _ => MeetingFormat::StandaloneSummit,
                })
            };
            let truth = stated_format.is_none();
            let stated = x.format_label(stated_format.unwrap_or(m.format));
            let s = [
                ("date", date),
                ("city", city),
                ("format", stated),
                ("true_format", format),
            ];
            self.statement(
                Spec {
                    kind: "meeting-format",
                    file: FILE,
                    record: &m.id,
                    source: &m.id,
                    topic: Topic::Meetings,
                },
                x.fill(&t.meeting_format_statement.statement, &s),
                truth,
                x.fill(&t.meeting_format_statement.explanation, &s),
            );

            // ○ : one item of the agenda (true by the record; the list is not exhaustive,
            // so no false agenda statement is ever generated).
            let items: Vec<&String> = m.agenda.iter().filter(|a| !x.weak(a)).collect();
            if items.is_empty() {
                self.skip(FILE, &m.id, "meeting-agenda: no item that is not weak");
            } else {
                let item = items[(stable_hash(&m.id) % items.len() as u64) as usize];
                let s = [("date", date), ("city", city), ("item", item.as_str())];
                self.statement(
                    Spec {
                        kind: "meeting-agenda",
                        file: FILE,
                        record: &m.id,
                        source: &m.id,
                        topic: Topic::Agenda,
                    },
                    x.fill(&t.meeting_agenda_statement.statement, &s),
                    true,
                    x.fill(&t.meeting_agenda_statement.explanation, &s),
                );
            }
        }

        // A meeting announced and never held: where it was to be.
        for m in k
            .meetings
            .iter()
            .filter(|m| m.format == MeetingFormat::Cancelled)
        {
            let Some(month) = x.month(&m.date) else {
                self.skip(FILE, &m.id, "meeting-planned: no date");
                continue;
            };
            if !x.option(&m.city_ja) || x.weak(&m.country_ja) {
                self.skip(FILE, &m.id, "meeting-planned: city weak or missing");
                continue;
            }
            let others = pool(&|m| m.city_ja.as_str(), &|_| false);
            let wrong = pick_wrong(&m.city_ja, held.len(), &others, &norm);
            let s = [
                ("month", month.as_str()),
                ("city", m.city_ja.as_str()),
                ("country", m.country_ja.as_str()),
            ];
            self.choice(
                Spec {
                    kind: "meeting-planned",
                    file: FILE,
                    record: &m.id,
                    source: &m.id,
                    topic: Topic::Meetings,
                },
                x.fill(&t.meeting_planned_place.prompt, &s),
                m.city_ja.clone(),
                wrong,
                x.fill(&t.meeting_planned_place.explanation, &s),
            );
        }
    }

    /// Phone calls: how many per year (whole years before the dataset's as-of date, and only
    /// counts the record gives: a 0 for the years out of office means "none counted"), and
    /// the dated calls.
    pub(super) fn calls(&mut self) {
        let x = self.x;
        const FILE: &str = "calls.json";
        let k = x.k;
        let t = x.t;
        let source = k.calls.entry.id.clone();
        let as_of_year: u16 = k
            .meta
            .as_of
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        let years: Vec<_> = k
            .calls
            .by_year
            .iter()
            .filter(|y| y.year < as_of_year && y.count > 0)
            .collect();
        for y in &k.calls.by_year {
            if !years.iter().any(|e| e.year == y.year) {
                let why = if y.count == 0 {
                    "calls: a count of 0 (claims not verified, none counted)"
                } else {
                    "calls: year not complete at the as-of date"
                };
                self.skip(FILE, &y.year.to_string(), why);
            }
        }
        let year_label = |y: u16| x.fill(&t.year, &[("year", &y.to_string())]);
        let count_label = |c: u16| x.fill(&t.count, &[("count", &c.to_string())]);
        let norm = |s: &str| normalize(s);
        for y in &years {
            let (year, count) = (year_label(y.year), count_label(y.count));
            let note = y.note.clone().unwrap_or_default();
            let s = [
                ("year", year.as_str()),
                ("count", count.as_str()),
                ("note", note.as_str()),
            ];
            // Year → count; wrong counts are the nearest other counts.
            let others: Vec<(usize, String)> = years
                .iter()
                .filter(|o| o.count != y.count)
                .map(|o| (usize::from(o.count), count_label(o.count)))
                .collect();
            let wrong = pick_wrong(&count, usize::from(y.count), &others, &norm);
            let record = y.year.to_string();
            self.choice(
                Spec {
                    kind: "calls-count",
                    file: FILE,
                    record: &record,
                    source: &source,
                    topic: Topic::Meetings,
                },
                x.fill(&t.calls_year_count.prompt, &s),
                count.clone(),
                wrong,
                x.fill(&t.calls_year_count.explanation, &s),
            );
            // Count → year, when no other year had that count.
            if years.iter().filter(|o| o.count == y.count).count() == 1 {
                let others: Vec<(usize, String)> = years
                    .iter()
                    .filter(|o| o.year != y.year)
                    .map(|o| (usize::from(o.year), year_label(o.year)))
                    .collect();
                let wrong = pick_wrong(&year, usize::from(y.year), &others, &norm);
                self.choice(
                    Spec {
                        kind: "calls-year",
                        file: FILE,
                        record: &record,
                        source: &source,
                        topic: Topic::Meetings,
                    },
                    x.fill(&t.calls_count_year.prompt, &s),
                    year.clone(),
                    wrong,
                    x.fill(&t.calls_count_year.explanation, &s),
                );
            }
        }

        // Dated calls: a full date, not weak, a summary that is not weak either.
        let mut dated: Vec<(String, String, &str)> = Vec::new(); // (day label, summary, iso)
        for c in &k.calls.calls {
            let day = x.day(&c.date);
            match day {
                Some(day) if !c.weak && !x.weak(&c.summary) => {
                    dated.push((day, c.summary.clone(), c.date.as_str()))
                }
                _ => self.skip(FILE, &c.date, "call: weak, month-only or unconfirmed"),
            }
        }
        let summary_option = |s: &str| {
            let end = t.sentence_end.as_str();
            let s = if end.is_empty() {
                s
            } else {
                s.strip_suffix(end).unwrap_or(s)
            };
            s.trim().to_string()
        };
        for (i, (day, summary, iso)) in dated.iter().enumerate() {
            if dated.iter().filter(|(d, _, _)| d == day).count() > 1 {
                self.skip(FILE, iso, "call: two calls on one day");
                continue;
            }
            let record = iso.to_string();
            let s = [("date", day.as_str()), ("summary", summary.as_str())];
            let others: Vec<(usize, String)> = dated
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(j, (d, _, _))| (j, d.clone()))
                .collect();
            let wrong = pick_wrong(day, i, &others, &norm);
            self.choice(
                Spec {
                    kind: "call-date",
                    file: FILE,
                    record: &record,
                    source: &source,
                    topic: Topic::Meetings,
                },
                x.fill(&t.call_date.prompt, &s),
                day.clone(),
                wrong,
                x.fill(&t.call_date.explanation, &s),
            );
            let answer = summary_option(summary);
            if chars(&answer) <= MAX_OPTION {
                let others: Vec<(usize, String)> = dated
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(j, (_, s, _))| (j, summary_option(s)))
                    .filter(|(_, s)| chars(s) <= MAX_OPTION)
                    .collect();
                let wrong = pick_wrong(&answer, i, &others, &norm);
                self.choice(
                    Spec {
                        kind: "call-summary",
                        file: FILE,
                        record: &record,
                        source: &source,
                        topic: Topic::Agenda,
                    },
                    x.fill(&t.call_summary.prompt, &s),
                    answer,
                    wrong,
                    x.fill(&t.call_summary.explanation, &s),
                );
            } else {
                self.skip(FILE, iso, "call-summary: summary too long for a button");
            }
        }
    }

    /// Earlier US–Russia (US–Soviet) summits: date, leaders, place. A record that retells a
    /// Trump–Putin meeting (`same_as`) serves only as a wrong option.
    pub(super) fn past_summits(&mut self) {
        let x = self.x;
        const FILE: &str = "history.json";
        let k = x.k;
        let t = x.t;
        let norm = |s: &str| normalize(s);
        let leaders: Vec<String> = k
            .history
            .iter()
            .map(|p| {
                x.fill(
                    &t.leader_pair,
                    &[("us", p.us_leader.as_str()), ("ru", p.ru_leader.as_str())],
                )
            })
            .collect();
        let column = |f: &dyn Fn(usize) -> String| {
            (0..k.history.len())
                .map(|i| (i, f(i)))
                .filter(|(_, s)| x.option(s))
                .collect::<Vec<_>>()
        };
        let dates = column(&|i| k.history[i].date_label.clone());
        let pairs = column(&|i| leaders[i].clone());
        let mut places = column(&|i| k.history[i].place.clone());
        let n = k.history.len();
        places.extend(k.meetings.iter().enumerate().filter_map(|(j, m)| {
            let p = x.fill(
                &t.place_in_country,
                &[
                    ("city", m.city_ja.as_str()),
                    ("country", m.country_ja.as_str()),
                ],
            );
            (m.format != MeetingFormat::Cancelled && x.option(&p)).then_some((n + j, p))
        }));
        let place_key = |s: &str| x.place_key(s);

        for (i, p) in k.history.iter().enumerate() {
            if p.same_as.is_some() {
                self.skip(
                    FILE,
                    &p.id,
                    "retells a Trump-Putin meeting: distractor only",
                );
                continue;
            }
            let pair = &leaders[i];
            if [&p.date_label, &p.place, pair].iter().any(|s| !x.option(s)) {
                self.skip(FILE, &p.id, "past summit: weak or too long");
                continue;
            }
            let outcome = format!("{}{}", x.first_sentence(&p.outcome), x.t.sentence_end);
            let city = x.place_name(&p.place);
            let s = [
                ("date", p.date_label.as_str()),
                ("place", p.place.as_str()),
                ("city", city.as_str()),
                ("leaders", pair.as_str()),
                ("outcome", outcome.as_str()),
            ];
            let others = |col: &[(usize, String)]| {
                col.iter()
                    .filter(|(j, _)| *j != i)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let wrong = pick_wrong(&p.date_label, i, &others(&dates), &norm);
            self.choice(
                Spec {
                    kind: "past-date",
                    file: FILE,
                    record: &p.id,
                    source: &p.id,
                    topic: Topic::History,
                },
                x.fill(&t.past_date.prompt, &s),
                p.date_label.clone(),
                wrong,
                x.fill(&t.past_date.explanation, &s),
            );
            let wrong_pairs = pick_wrong(pair, i, &others(&pairs), &norm);
            self.choice(
                Spec {
                    kind: "past-leaders",
                    file: FILE,
                    record: &p.id,
                    source: &p.id,
                    topic: Topic::History,
                },
                x.fill(&t.past_leaders.prompt, &s),
                pair.clone(),
                wrong_pairs.clone(),
                x.fill(&t.past_leaders.explanation, &s),
            );
            let wrong = pick_wrong(&p.place, i, &others(&places), &place_key);
            self.choice(
                Spec {
                    kind: "past-place",
                    file: FILE,
                    record: &p.id,
                    source: &p.id,
                    topic: Topic::History,
                },
                x.fill(&t.past_place.prompt, &s),
                p.place.clone(),
                wrong,
                x.fill(&t.past_place.explanation, &s),
            );
            let truth = stable_hash(&p.id).is_multiple_of(2);
            let stated = if truth {
                Some(pair.clone())
            } else {
                wrong_pairs.map(|[first, ..]| first)
            };
            if let Some(stated) = stated {
                let s = [
                    ("date", p.date_label.as_str()),
                    ("place", p.place.as_str()),
                    ("city", city.as_str()),
                    ("leaders", stated.as_str()),
                    ("true_leaders", pair.as_str()),
                ];
                self.statement(
                    Spec {
                        kind: "past-statement",
                        file: FILE,
                        record: &p.id,
                        source: &p.id,
                        topic: Topic::History,
                    },
                    x.fill(&t.past_statement.statement, &s),
                    truth,
                    x.fill(&t.past_statement.explanation, &s),
                );
            }
        }
    }

    /// Trump–Zelensky meetings (verified only): date ↔ place.
    pub(super) fn zelensky(&mut self) {
        let x = self.x;
        const FILE: &str = "zelensky.json";
        let k = x.k;
        let t = x.t;
        let norm = |s: &str| normalize(s);
        let mut verified = Vec::new();
        for z in &k.zelensky {
            if z.verified && x.option(&z.place) && x.option(&z.date_label) {
                verified.push(z);
            } else {
                self.skip(FILE, &z.id, "not verified, weak or too long");
            }
        }
        let keys: Vec<String> = verified.iter().map(|z| x.place_key(&z.place)).collect();
        let place_key = |s: &str| x.place_key(s);
        for (i, z) in verified.iter().enumerate() {
            let s = [
                ("date", z.date_label.as_str()),
                ("place", z.place.as_str()),
                ("summary", z.summary.as_str()),
            ];
            if verified.iter().filter(|o| o.date == z.date).count() == 1 {
                let others: Vec<(usize, String)> = verified
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(j, o)| (j, o.place.clone()))
                    .collect();
                let wrong = pick_wrong(&z.place, i, &others, &place_key);
                self.choice(
                    Spec {
                        kind: "zelensky-place",
                        file: FILE,
                        record: &z.id,
                        source: &z.id,
                        topic: Topic::Meetings,
                    },
                    x.fill(&t.zelensky_place.prompt, &s),
                    z.place.clone(),
                    wrong,
                    x.fill(&t.zelensky_place.explanation, &s),
                );
            }
            // Place → date only where no other meeting shares the place's leading name
            // (three meetings at the White House, in different rooms).
            if keys.iter().filter(|k| **k == keys[i]).count() == 1 {
                let others: Vec<(usize, String)> = verified
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(j, o)| (j, o.date_label.clone()))
                    .collect();
                let wrong = pick_wrong(&z.date_label, i, &others, &norm);
                self.choice(
                    Spec {
                        kind: "zelensky-date",
                        file: FILE,
                        record: &z.id,
                        source: &z.id,
                        topic: Topic::Meetings,
                    },
                    x.fill(&t.zelensky_date.prompt, &s),
                    z.date_label.clone(),
                    wrong,
                    x.fill(&t.zelensky_date.explanation, &s),
                );
            }
        }
    }

    /// Myths as ×: the misconception is false; the explanation is the fact.
    pub(super) fn myths(&mut self) {
        let x = self.x;
        const FILE: &str = "myths.json";
        let k = x.k;
        let t = x.t;
        for m in &k.myths {
            let claim = m
                .title
                .strip_prefix(t.myth_prefix.as_str())
                .unwrap_or(&m.title)
                .trim();
            let template = &t.myth_statement.explanation;
            let fits = |fact: &str| chars(&x.fill(template, &[("fact", fact)])) <= MAX_EXPLANATION;
            let Some(fact) = x.whole_sentences(&m.summary, &fits) else {
                self.skip(FILE, &m.id, "myth: first sentence too long");
                continue;
            };
            let s = [("claim", claim), ("fact", fact.as_str())];
            self.statement(
                Spec {
                    kind: "myth",
                    file: FILE,
                    record: &m.id,
                    source: &m.id,
                    topic: Topic::Myths,
                },
                x.fill(&t.myth_statement.statement, &s),
                false,
                x.fill(template, &s),
            );
        }
    }

    /// Each actor's basic stance (the article's reactions table).
    pub(super) fn reactions(&mut self) {
        let x = self.x;
        const FILE: &str = "reactions.json";
        let k = x.k;
        let t = x.t;
        let stances: Vec<(usize, String)> = k
            .reactions
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let f = r.fields.iter().find(|f| f.name == t.stance_field)?;
                Some((i, x.first_sentence(&f.value)))
            })
            .filter(|(_, s)| x.option(s))
            .collect();
        let norm = |s: &str| normalize(s);
        for (i, stance) in &stances {
            let r = &k.reactions[*i];
            let others: Vec<(usize, String)> =
                stances.iter().filter(|(j, _)| j != i).cloned().collect();
            let wrong = pick_wrong(stance, *i, &others, &norm);
            let s = [("title", r.title.as_str()), ("stance", stance.as_str())];
            self.choice(
                Spec {
                    kind: "reaction-stance",
                    file: FILE,
                    record: &r.id,
                    source: &r.id,
                    topic: Topic::Reactions,
                },
                x.fill(&t.reaction_stance.prompt, &s),
                stance.clone(),
                wrong,
                x.fill(&t.reaction_stance.explanation, &s),
            );
        }
        let with: BTreeSet<usize> = stances.iter().map(|(i, _)| *i).collect();
        for (i, r) in k.reactions.iter().enumerate() {
            if !with.contains(&i) {
                self.skip(FILE, &r.id, "reaction-stance: no stance field");
            }
        }
    }

    /// Each side's position in the agenda tables: the wrong options are the other sides'
    /// positions (on any topic), never the same side's on another topic, which could fit.
    pub(super) fn positions(&mut self) {
        let x = self.x;
        const FILE: &str = "topics.json";
        let k = x.k;
        let t = x.t;
        let norm = |s: &str| normalize(s);
        // (topic index, position field index, text)
        let mut all: Vec<(usize, usize, String)> = Vec::new();
        for (i, e) in k.topics.iter().enumerate() {
            for (pi, pf) in t.position_fields.iter().enumerate() {
                if let Some(f) = e.fields.iter().find(|f| f.name == pf.field) {
                    let text = x.first_sentence(&f.value);
                    if x.option(&text) {
                        all.push((i, pi, text));
                    }
                }
            }
        }
        for (i, pi, text) in &all {
            let e = &k.topics[*i];
            let pf = &t.position_fields[*pi];
            let others: Vec<(usize, String)> = all
                .iter()
                .filter(|(_, pj, _)| pj != pi)
                .map(|(j, _, s)| (*j, s.clone()))
                .collect();
            let wrong = pick_wrong(text, *i, &others, &norm);
            let s = [
                ("title", e.title.as_str()),
                ("field", pf.field.as_str()),
                ("position", text.as_str()),
            ];
            let record = format!("{}-{}", e.id, pf.key);
            self.choice(
                Spec {
                    kind: "position",
                    file: FILE,
                    record: &record,
                    source: &e.id,
                    topic: Topic::Agenda,
                },
                x.fill(&t.agenda_position.prompt, &s),
                text.clone(),
                wrong,
                x.fill(&t.agenda_position.explanation, &s),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_options_are_nearest_distinct_and_never_the_answer() {
        let pool: Vec<(usize, String)> = ["a", "b", "B", "c", "d", "e"]
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.to_string()))
            .collect();
        let norm = |s: &str| normalize(s);
        // Nearest first, earlier on ties; "b" folds onto "B", already taken; the answer
        // "c" is never offered.
        let wrong = pick_wrong("c", 3, &pool, &norm);
        assert_eq!(wrong, Some(["B".into(), "d".into(), "e".into()]));
        assert_eq!(pick_wrong("a", 0, &pool[..3], &norm), None);
    }
}
