//! The /ask evaluation: question sets through the real matcher and the real answer.
//!
//! Sets: `ask_eval.tsv` and `ask_holdout.tsv` (expected id, question), and the blind
//! sets of issue 7 (`ask_blind.tsv`, `ask_blind2.tsv` and `ask_blind3.tsv`, the report sets;
//! `ask_blind_dev.tsv`, `ask_blind_dev3.tsv`, `ask_blind_dev4.tsv`, `ask_blind_dev5.tsv`
//! and `ask_blind_dev6.tsv`, for tuning),
//! written from the article and the public record only: expected id, style, asked field,
//! question. Expected `-` is out of scope, `~` an out-of-scope lookalike.
//!
//! Every question is asked on one fixed day, December 2026 ([`TODAY`]): the writers of
//! the sets were told "today is December 2026" (dev14; the earlier sets' 「去年」 means
//! 2025 too), so 「去年の8月」 is August 2025 and 「先月」 November 2026 in every set.
//!
//! Prints the figures, by style and by asked field, and enforces the floors of issue 7.
//! `ASK_EVAL_VERBOSE=1` prints every miss of the sets named in `ASK_EVAL_SETS` (default:
//! all but the three report sets, which are not for tuning) with its ranked candidates.
//! `ASK_EVAL_DUMP=path` appends each question of the other sets as a JSON line of
//! features (never its text) for `scripts/calibrate.py`.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use summit_bot::commands::{ask, Bot};
use summit_bot::knowledge::ask::Asked;
use summit_bot::knowledge::{Kind, Knowledge};
use summit_bot::search::Decision;

/// The month every question is asked in (see the module docs).
const TODAY: summit_bot::search::Today = summit_bot::search::Today {
    year: 2026,
    month: 12,
};

/// A question with its dates relative to [`TODAY`] written as the months they name, as
/// /ask reads it.
fn dated(question: &str) -> std::borrow::Cow<'_, str> {
    match bot().index.absolute_dates(question, TODAY) {
        Some(dated) => dated.into(),
        None => question.into(),
    }
}

const EVAL: &str = include_str!("ask_eval.tsv");
/// A second set, written later by someone who saw only entry titles and summaries.
const HOLDOUT: &str = include_str!("ask_holdout.tsv");
/// Issue 7's blind report set: measured, never tuned on.
const BLIND: &str = include_str!("ask_blind.tsv");
/// Issue 7's blind development set, from the same writers' brief.
const BLIND_DEV: &str = include_str!("ask_blind_dev.tsv");
/// A second blind report set (387 rows), written in session 14 from the article and the
/// record only and measured once before and once after that session's matcher work; never
/// tuned on.
const BLIND2: &str = include_str!("ask_blind2.tsv");
/// A third blind development set (dev3a and dev3b, two writers), written in session 15
/// from the article and the record only; for tuning, with `ask_blind_dev.tsv`.
const BLIND_DEV3: &str = include_str!("ask_blind_dev3.tsv");
/// A fourth blind development set (dev4a and dev4b, two writers), written in session 16
/// from the article and the record only, weighted toward English, long and keigo questions
/// and what/why/who; for tuning, with the two above.
const BLIND_DEV4: &str = include_str!("ask_blind_dev4.tsv");
/// A fifth blind development set (dev5a and dev5b, two writers), written in session 17
/// from the article and the record only, weighted toward long, keigo, English, polite and
/// "what/why" questions; for tuning, with the three above.
const BLIND_DEV5: &str = include_str!("ask_blind_dev5.tsv");
/// A sixth blind development set (dev6a and dev6b, two writers), written in session 19
/// from the article and the record only (400 rows, 99 out of scope, 62 of them
/// lookalikes); for tuning, with the four above.
const BLIND_DEV6: &str = include_str!("ask_blind_dev6.tsv");
/// A third blind report set (blind3a and blind3b, two writers), written in session 18 from
/// the article and the record only, about evenly over the seven styles; measured, never
/// tuned on: it shows whether the tuning on the dev sets carries to questions nobody tuned on.
const BLIND3: &str = include_str!("ask_blind3.tsv");
/// A seventh blind development set (dev7a and dev7b, two writers), written in session 19
/// from the article and the record only (396 rows, 96 out of scope, 61 of them
/// lookalikes). Session 19's matcher work never saw it: its figures at that session's end
/// measured carry-over; for tuning from then on.
const BLIND_DEV7: &str = include_str!("ask_blind_dev7.tsv");
/// An eighth blind development set (dev8a and dev8b, two writers), written in session 20
/// from the article and the record only (348 rows, 76 out of scope, 50 of them
/// lookalikes; weighted to long, keigo, casual and English questions). Session 20's
/// matcher work never saw it: its figures at that session's end measured carry-over; for
/// tuning from then on.
const BLIND_DEV8: &str = include_str!("ask_blind_dev8.tsv");
/// A ninth blind development set (dev9a and dev9b, two writers), written in session 21
/// from the article and the record only (352 rows, 78 out of scope, 49 of them
/// lookalikes; weighted to long, keigo, casual and English questions). Session 21's
/// matcher work never saw it: its figures at that session's end measured carry-over; for
/// tuning from then on.
const BLIND_DEV9: &str = include_str!("ask_blind_dev9.tsv");
/// A tenth blind development set (dev10a and dev10b, two writers), written in session 22
/// from the article and the record only (362 rows, 83 out of scope, 57 of them
/// lookalikes; people, calls, myths and fields asked in unusual words). Measured unseen on
/// 08bda48 (69.5 % right outright, 20 wrong, 11 lookalikes answered), then kept unseen by
/// that session's first rounds (ask28, ask29) to measure their carry-over; for tuning
/// from then on.
const BLIND_DEV10: &str = include_str!("ask_blind_dev10.tsv");
/// An eleventh blind development set (dev11a and dev11b, two writers), written late in
/// session 22 from the article and the record only (351 rows, 81 out of scope, 55 of them
/// lookalikes; long, keigo, casual and English weighted). Never tuned on: on 08bda48 (that
/// session's start) 87.4 % right outright, 9 wrong, 2 lookalikes answered; at its end 87.8 %,
/// 9 wrong, 2 lookalikes (its only use: ask33's rule, which added one wrong answer on it
/// and no right one, was reverted). For tuning from then on.
const BLIND_DEV11: &str = include_str!("ask_blind_dev11.tsv");
/// A twelfth blind development set (dev12a and dev12b, two writers), written at the start of
/// session 23 from the article and the record only (359 rows, 78 out of scope, 51 of them
/// lookalikes; half-remembered details, two things mixed, Discord phrasing). Held out by the
/// lead to decide that session's rounds: on 6b70d05 (its start) 77.2 % right outright, 20
/// wrong, 3 lookalikes answered; at its end 77.6 %, 19 wrong, 3 lookalikes (ask35 merged;
/// a sample-question expansion, +9 right but more wrong answers on the tuning sets, and a
/// bulk synonym addition, -10 right, were not). For tuning from then on.
const BLIND_DEV12: &str = include_str!("ask_blind_dev12.tsv");
/// A thirteenth blind development set (dev13a and dev13b, two writers), written at the
/// start of session 24 from the article and the record only (359 rows, 79 out of scope, 54
/// of them lookalikes; careless writers: a reaction first and the ask last, details in their
/// own words, meetings named by what happened there, two asks at once, mixed Japanese and
/// English). Held out by the lead to decide that session's rounds: on 14de7e0 (its start)
/// 75.4 % right outright, 19 wrong, 1 lookalike answered; at its end 76.4 %, 18 wrong, 1
/// lookalike (ask38-ask41 merged; ask41's hyphen split in the decision, +1 right on the
/// tuning sets and one more wrong answer here, was reverted). For tuning from then on.
const BLIND_DEV13: &str = include_str!("ask_blind_dev13.tsv");
/// dev14: 378 questions (289 in scope, 61 lookalikes) by two blind writers in session 25,
/// from the article and the record only, as a quiz group checks facts and as a headline
/// reader asks (half-wrong claims, meetings named by their month, names mistyped, romaji,
/// lists and firsts). Held out during session 25: at 2efb2d0, 233 right, 10 wrong, 6
/// lookalikes; with ask42-ask45 merged 236, 10, 6. For tuning from then on.
const BLIND_DEV14: &str = include_str!("ask_blind_dev14.tsv");
/// dev15: 379 questions (297 in scope, 52 lookalikes) by two blind writers in session 26,
/// from the article and the record only, as pupils and teachers preparing a report, voice
/// input and phone IMEs (misconversions, no punctuation, kanji numerals), pasted claims,
/// formal letters and slang, meetings named by what happened there. Held out during
/// session 26: at 8e007b2, 233 right, 15 wrong, 2 lookalikes; with ask46-ask48, speed16 and
/// fix27 merged 236, 13, 1. For tuning from then on.
const BLIND_DEV15: &str = include_str!("ask_blind_dev15.tsv");
/// dev16: 366 questions (283 in scope, 83 out of scope, 35 of them lookalikes) by two blind
/// writers in session 27, from the article and the record only: members of a Discord study
/// group mid-conversation (quoted claims, follow-ups, @mentions and emoji, full-width
/// digits, Japanese mixed with English) and older, careful readers (era dates such as
/// 令和7年, background first, pasted claims to check, meetings named by what happened
/// there). Held out during session 27: at 7ac3cfd 221 right, 14 wrong, 1 lookalike; with
/// speed27 and ask49 merged 222, 15, 1. For tuning from then on.
const BLIND_DEV16: &str = include_str!("ask_blind_dev16.tsv");

/// Every set by file name, for the checks that run over all of them (a set added above is
/// added here once).
const SETS: [(&str, &str); 20] = [
    ("ask_eval.tsv", EVAL),
    ("ask_holdout.tsv", HOLDOUT),
    ("ask_blind_dev.tsv", BLIND_DEV),
    ("ask_blind_dev3.tsv", BLIND_DEV3),
    ("ask_blind_dev4.tsv", BLIND_DEV4),
    ("ask_blind_dev5.tsv", BLIND_DEV5),
    ("ask_blind_dev6.tsv", BLIND_DEV6),
    ("ask_blind_dev7.tsv", BLIND_DEV7),
    ("ask_blind_dev8.tsv", BLIND_DEV8),
    ("ask_blind_dev9.tsv", BLIND_DEV9),
    ("ask_blind_dev10.tsv", BLIND_DEV10),
    ("ask_blind_dev11.tsv", BLIND_DEV11),
    ("ask_blind_dev12.tsv", BLIND_DEV12),
    ("ask_blind_dev13.tsv", BLIND_DEV13),
    ("ask_blind_dev14.tsv", BLIND_DEV14),
    ("ask_blind_dev15.tsv", BLIND_DEV15),
    ("ask_blind_dev16.tsv", BLIND_DEV16),
    ("ask_blind.tsv", BLIND),
    ("ask_blind2.tsv", BLIND2),
    ("ask_blind3.tsv", BLIND3),
];

/// The report sets: their misses are never printed, only their figures.
const REPORT_SETS: [&str; 3] = ["ask_blind.tsv", "ask_blind2.tsv", "ask_blind3.tsv"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect<'a> {
    Entry(&'a str),
    OutOfScope { lookalike: bool },
}

struct Row {
    expect: Expect<'static>,
    style: &'static str,
    field: &'static str,
    question: &'static str,
}

fn rows(table: &'static str) -> Vec<Row> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let (expected, style, field, question) = match cols.as_slice() {
                [e, q] => (*e, "-", "-", *q),
                [e, s, f, q] => (*e, *s, *f, *q),
                _ => panic!("a row has 2 or 4 columns: {l:?}"),
            };
            let expect = match expected {
                "-" => Expect::OutOfScope { lookalike: false },
                "~" => Expect::OutOfScope { lookalike: true },
                id => Expect::Entry(id),
            };
            Row {
                expect,
                style,
                field,
                question,
            }
        })
        .collect()
}

fn bot() -> &'static Bot {
    static BOT: OnceLock<Bot> = OnceLock::new();
    BOT.get_or_init(|| Bot::new(Knowledge::embedded().expect("dataset loads")))
}

/// Whether the record a row expects holds the field it asks, so that a direct sentence
/// can be built from it: the fields of meetings and past summits, counts (from the
/// meetings and the phone calls), and who a person is.
fn record_has(expected: &str, field: &str) -> bool {
    let Some(item) = bot().knowledge.item(expected) else {
        return false;
    };
    let field = canonical_field(field);
    match item.kind() {
        Kind::Meeting => matches!(
            field,
            "when" | "where" | "duration" | "who" | "outcome" | "why" | "format" | "occasion"
        ),
        Kind::PastSummit => matches!(field, "when" | "where" | "who" | "outcome"),
        Kind::Calls | Kind::Qa => field == "count",
        Kind::Person => field == "who",
        _ => false,
    }
}

/// The sets label three fields in two ways: the older ones `duration`, `count` and
/// `outcome`, the later writers `how_long`, `how_many` and `result`. One name for each, so
/// that every row asking a field its record has counts toward the direct-sentence figure.
fn canonical_field(field: &str) -> &str {
    match field {
        "how_long" => "duration",
        "how_many" => "count",
        "result" => "outcome",
        other => other,
    }
}

/// The field of `Asked` a row's label names (`when` → `Asked::When`); `None` for labels no
/// direct sentence states (what, compare…).
fn asked_of(field: &str) -> Option<Asked> {
    Some(match canonical_field(field) {
        "when" => Asked::When,
        "where" => Asked::Where,
        "duration" => Asked::Duration,
        "who" => Asked::Who,
        "outcome" => Asked::Outcome,
        "why" => Asked::Why,
        "format" => Asked::Format,
        "occasion" => Asked::Occasion,
        "count" => Asked::Count,
        _ => return None,
    })
}

#[derive(Debug, Default, Clone)]
struct Figures {
    in_scope: usize,
    correct: usize,
    wrong: usize,
    suggested_first: usize,
    suggested_later: usize,
    in_scope_unknown: usize,
    out_of_scope: usize,
    refused: usize,
    out_suggested: usize,
    out_answered: usize,
    lookalikes: usize,
    lookalikes_answered: usize,
    /// In-scope rows asking a field their record has, how many got a direct sentence that
    /// states that field (`direct`, the floor's figure), and how many got one at all, for
    /// whatever field (`direct_any`).
    field_rows: usize,
    direct: usize,
    direct_any: usize,
}

impl Figures {
    fn right(&self) -> f64 {
        pct(self.correct, self.in_scope)
    }
    fn right_or_first(&self) -> f64 {
        pct(self.correct + self.suggested_first, self.in_scope)
    }
    fn refused_pct(&self) -> f64 {
        pct(self.refused, self.out_of_scope)
    }
    fn direct_pct(&self) -> f64 {
        pct(self.direct, self.field_rows)
    }
    fn direct_any_pct(&self) -> f64 {
        pct(self.direct_any, self.field_rows)
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        100.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// One set's figures: overall, by style and by asked field.
struct Report {
    all: Figures,
    by_style: BTreeMap<&'static str, Figures>,
    by_field: BTreeMap<&'static str, Figures>,
    /// In-scope questions refused (わかりません), by cause; tuning sets only.
    refused_by_cause: BTreeMap<&'static str, usize>,
}

/// Why an in-scope question got 「わかりません」, from what the matcher saw of it (one
/// cause each, the first that applies):
/// - `out of scope mark`: it was taken for out of scope (an unknown name, another leader);
/// - `english not mapped`: mostly Latin letters, and the expected entry holds under a
///   third of it;
/// - `entity named, rest unexplained`: it writes one of the expected entry's names;
/// - `body-only vocabulary`: the expected entry's body explains clearly more of it than its
///   names, questions and keywords do;
/// - `not shortlisted`: the expected entry is not among the candidates at all;
/// - `ask clause little indexed vocabulary`: the expected entry's indexed fields hold under
///   30 % of it;
/// - `below threshold or margin`: the rest.
fn refusal_cause(question: &str, expected: &str) -> &'static str {
    let cause = refusal_cause_of(question, expected);
    if std::env::var_os("ASK_EVAL_CAUSES").is_some() {
        println!("CAUSE {cause}: {expected} {question:?}");
    }
    cause
}

fn refusal_cause_of(question: &str, expected: &str) -> &'static str {
    let index = &bot().index;
    let dated = dated(question);
    let question = &*dated;
    if index.analyse(question).out_of_scope {
        return "out of scope mark";
    }
    let (_, ranked) = index.explain(question);
    let own = ranked.iter().find(|(id, _)| id == expected).map(|(_, c)| c);
    let letters = question.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let others = question
        .chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace())
        .count();
    let english = letters > 2 * others;
    match own {
        _ if english && own.is_none_or(|c| c.coverage < 0.3) => "english not mapped",
        Some(c) if c.named > 0.0 => "entity named, rest unexplained",
        Some(c) if c.explained >= c.coverage + 0.2 => "body-only vocabulary",
        None => "not shortlisted",
        Some(c) if c.coverage < 0.3 => "ask clause little indexed vocabulary",
        Some(_) => "below threshold or margin",
    }
}

fn evaluate(name: &str, table: &'static str) -> Report {
    let bot = bot();
    let sets = std::env::var("ASK_EVAL_SETS").unwrap_or_default();
    let verbose = std::env::var_os("ASK_EVAL_VERBOSE").is_some()
        && if sets.is_empty() {
            !REPORT_SETS.contains(&name)
        } else {
            sets.split(',').any(|s| s == name)
        };
    let mut report = Report {
        all: Figures::default(),
        by_style: BTreeMap::new(),
        by_field: BTreeMap::new(),
        refused_by_cause: BTreeMap::new(),
    };
    let tuning = !REPORT_SETS.contains(&name);
    // `ASK_EVAL_DUMP=path`: each tuning-set question's features as a JSON line (see
    // `dump`), for `scripts/calibrate.py`.
    let dump_to = std::env::var_os("ASK_EVAL_DUMP").filter(|_| tuning);
    for row in rows(table) {
        let (decision, direct) = ask::decide(bot, row.question, TODAY);
        if let Some(path) = &dump_to {
            dump(path, name, &row, &decision);
        }
        let mut f = Figures::default();
        let ok = match (row.expect, &decision) {
            (Expect::Entry(id), Decision::Answer { id: got, .. }) => {
                f.in_scope += 1;
                if id == got {
                    f.correct += 1;
                    true
                } else {
                    f.wrong += 1;
                    false
                }
            }
            (Expect::Entry(id), Decision::Suggest { ids, .. }) => {
                f.in_scope += 1;
                if ids.first().is_some_and(|first| first == id) {
                    f.suggested_first += 1;
                } else if ids.iter().any(|x| x == id) {
                    f.suggested_later += 1;
                }
                false
            }
            (Expect::Entry(id), Decision::Unknown { .. }) => {
                f.in_scope += 1;
                f.in_scope_unknown += 1;
                if tuning {
                    *report
                        .refused_by_cause
                        .entry(refusal_cause(row.question, id))
                        .or_default() += 1;
                }
                false
            }
            (Expect::OutOfScope { lookalike }, d) => {
                f.out_of_scope += 1;
                f.lookalikes += usize::from(lookalike);
                match d {
                    Decision::Unknown { .. } => {
                        f.refused += 1;
                        true
                    }
                    Decision::Suggest { .. } => {
                        f.out_suggested += 1;
                        false
                    }
                    Decision::Answer { .. } => {
                        f.out_answered += 1;
                        f.lookalikes_answered += usize::from(lookalike);
                        false
                    }
                }
            }
        };
        let mut direct_missing = false;
        if let Expect::Entry(id) = row.expect {
            if record_has(id, row.field) {
                f.field_rows += 1;
                // Only a sentence stating the field the row asks counts (`Direct::states`).
                let states = direct.as_ref().is_some_and(|d| {
                    asked_of(row.field).is_some_and(|asked| d.states.contains(&asked))
                });
                f.direct_any += usize::from(ok && direct.is_some());
                if ok && states {
                    f.direct += 1;
                } else {
                    direct_missing = ok;
                }
            }
        }
        if verbose && (!ok || direct_missing) {
            let (canonical, ranked) = bot.index.explain(row.question);
            println!(
                "MISS [{}/{}] {:?} {:?} → {decision:?} direct {direct:?}\n     {canonical}",
                row.style, row.field, row.expect, row.question
            );
            for (id, c) in ranked.iter().take(6) {
                println!(
                    "     {id:<28} score {:.3} cov {:.3} fld {:.3} sim {:.3} named {:.3} expl {:.3}",
                    c.score, c.coverage, c.fielded, c.similarity, c.named, c.explained
                );
            }
        }
        for target in [
            &mut report.all,
            report.by_style.entry(row.style).or_default(),
            report.by_field.entry(row.field).or_default(),
        ] {
            add(target, &f);
        }
    }
    report
}

/// Appends a question's features (never its text) to `path`: its set, what it expects,
/// the decision, and [`summit_bot::search::Calibration`].
fn dump(path: &std::ffi::OsStr, set: &str, row: &Row, decision: &Decision) {
    use std::io::Write;
    let question = dated(row.question);
    let analysis = bot().index.analyse(&question);
    let c = bot().index.calibration(&question, &analysis);
    let gold = match row.expect {
        Expect::Entry(id) => id,
        Expect::OutOfScope { lookalike: false } => "-",
        Expect::OutOfScope { lookalike: true } => "~",
    };
    let (outcome, ids) = match decision {
        Decision::Answer { id, .. } => ("answer", vec![id.clone()]),
        Decision::Suggest { ids, .. } => ("suggest", ids.clone()),
        Decision::Unknown { .. } => ("unknown", Vec::new()),
    };
    let features: serde_json::Map<String, serde_json::Value> = c
        .features
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
        .collect();
    let line = serde_json::json!({
        "set": set,
        "gold": gold,
        "outcome": outcome,
        "ids": ids,
        "lead": c.lead,
        "top": c.top,
        "f": features,
    });
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("dump file opens");
    // One write per line: the tests run in parallel.
    file.write_all(format!("{line}\n").as_bytes())
        .expect("dump written");
}

fn add(to: &mut Figures, f: &Figures) {
    to.in_scope += f.in_scope;
    to.correct += f.correct;
    to.wrong += f.wrong;
    to.suggested_first += f.suggested_first;
    to.suggested_later += f.suggested_later;
    to.in_scope_unknown += f.in_scope_unknown;
    to.out_of_scope += f.out_of_scope;
    to.refused += f.refused;
    to.out_suggested += f.out_suggested;
    to.out_answered += f.out_answered;
    to.lookalikes += f.lookalikes;
    to.lookalikes_answered += f.lookalikes_answered;
    to.field_rows += f.field_rows;
    to.direct += f.direct;
    to.direct_any += f.direct_any;
}

fn line(label: &str, f: &Figures) -> String {
    format!(
        "{label:<10} {:>4} {:>6.1} {:>6.1} {:>5} {:>4} {:>6.1} {:>4} {:>4} {:>7}",
        f.in_scope,
        f.right(),
        f.right_or_first(),
        f.wrong,
        f.out_of_scope,
        f.refused_pct(),
        f.out_answered,
        f.lookalikes_answered,
        if f.field_rows == 0 {
            "-".to_string()
        } else {
            format!("{:.1}", f.direct_pct())
        },
    )
}

fn print(name: &str, r: &Report) {
    let f = &r.all;
    println!("[{name}]");
    println!(
        "in-scope: {} questions; answered correctly {} ({:.1} %), answered wrongly {}, \
         offered in もしかして {} with the right entry first ({} more with it later), \
         unknown {}",
        f.in_scope,
        f.correct,
        f.right(),
        f.wrong,
        f.suggested_first,
        f.suggested_later,
        f.in_scope_unknown
    );
    println!(
        "in-scope correct or もしかして with the right entry first: {:.1} %",
        f.right_or_first()
    );
    println!(
        "out-of-scope: {} questions ({} lookalikes); refused {} ({:.1} %), \
         もしかして {}, answered {} (lookalikes answered: {})",
        f.out_of_scope,
        f.lookalikes,
        f.refused,
        f.refused_pct(),
        f.out_suggested,
        f.out_answered,
        f.lookalikes_answered
    );
    println!(
        "direct sentence on {} of {} questions asking a field their record has ({:.1} %), \
         stating that field; any sentence on {} ({:.1} %)",
        f.direct,
        f.field_rows,
        f.direct_pct(),
        f.direct_any,
        f.direct_any_pct()
    );
    let header = "           in  right  r|1st wrong  out  refus ansd look  direct";
    if r.by_style.len() > 1 {
        println!("by style:\n{header}");
        for (style, f) in &r.by_style {
            println!("{}", line(style, f));
        }
    }
    if r.by_field.len() > 1 {
        println!("by asked field:\n{header}");
        for (field, f) in &r.by_field {
            println!("{}", line(field, f));
        }
    }
    println!("{}", line("all", &r.all));
    if !r.refused_by_cause.is_empty() {
        println!("in-scope refused by cause: {:?}", r.refused_by_cause);
    }
}

/// A floor of issue 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Floor {
    /// ≥ 90 % of in-scope questions answered with the right entry.
    Right,
    /// No style below 85 % right.
    EveryStyle,
    /// ≥ 97 % right or offered first in 「もしかして」.
    RightOrFirst,
    /// ≥ 95 % of out-of-scope questions refused.
    Refused,
    /// No lookalike answered.
    NoLookalike,
    /// A direct sentence stating the field asked on ≥ 90 % of questions asking a field
    /// their record has.
    Direct,
}

const ALL_FLOORS: [Floor; 6] = [
    Floor::Right,
    Floor::EveryStyle,
    Floor::RightOrFirst,
    Floor::Refused,
    Floor::NoLookalike,
    Floor::Direct,
];

/// The floors a set's figures miss, each with by how much.
fn misses(r: &Report, floors: &[Floor]) -> Vec<String> {
    let f = &r.all;
    let mut out = Vec::new();
    let below = |out: &mut Vec<String>, what: String, value: f64, floor: f64| {
        if value < floor {
            out.push(format!("{what}: {value:.1} % < {floor} %"));
        }
    };
    for floor in floors {
        match floor {
            Floor::Right => below(&mut out, "right outright".into(), f.right(), 90.0),
            Floor::RightOrFirst => below(
                &mut out,
                "right or first もしかして".into(),
                f.right_or_first(),
                97.0,
            ),
            Floor::Refused => below(
                &mut out,
                "out of scope refused".into(),
                f.refused_pct(),
                95.0,
            ),
            Floor::Direct => below(&mut out, "direct sentence".into(), f.direct_pct(), 90.0),
            Floor::EveryStyle => {
                for (style, s) in r.by_style.iter().filter(|(_, s)| s.in_scope > 0) {
                    below(
                        &mut out,
                        format!("style {style} right outright"),
                        s.right(),
                        85.0,
                    );
                }
            }
            Floor::NoLookalike => {
                if f.lookalikes_answered > 0 {
                    out.push(format!(
                        "{} lookalikes answered (floor 0)",
                        f.lookalikes_answered
                    ));
                }
            }
        }
    }
    out
}

/// Prints the floors a set misses and fails on those of `enforced` among them.
fn check(name: &str, r: &Report, enforced: &[Floor]) {
    let missed = misses(r, &ALL_FLOORS);
    println!("[{name}] floors of issue 7 missed: {missed:?}");
    let broken = misses(r, enforced);
    assert!(broken.is_empty(), "{name}: floors broken: {broken:?}");
}

#[test]
fn every_expected_entry_exists() {
    let knowledge = &bot().knowledge;
    for (_, table) in SETS {
        for row in rows(table) {
            if let Expect::Entry(id) = row.expect {
                let item = knowledge.item(id);
                assert!(item.is_some(), "{}: unknown id {id}", row.question);
                assert!(
                    item.is_some_and(|i| i.searchable()),
                    "{}: {id} is never an answer (same_as)",
                    row.question
                );
            }
        }
    }
}

// Each set enforces the floors of issue 7 it meets, so that none of them slips back; the
// others are printed (see `issue_7_floors_on_every_set` for all of them at once).

#[test]
fn the_eval_set() {
    let r = evaluate("ask_eval.tsv", EVAL);
    print("tests/ask_eval.tsv", &r);
    assert!(r.all.in_scope >= 200 && r.all.out_of_scope >= 60);
    assert!(
        r.all.lookalikes * 3 >= r.all.out_of_scope,
        "a third are lookalikes"
    );
    check("ask_eval.tsv", &r, &ALL_FLOORS);
}

#[test]
fn the_held_out_set() {
    let r = evaluate("ask_holdout.tsv", HOLDOUT);
    print("tests/ask_holdout.tsv", &r);
    assert!(r.all.in_scope >= 150 && r.all.out_of_scope >= 50);
    check("ask_holdout.tsv", &r, &ALL_FLOORS);
}

#[test]
fn the_blind_development_set() {
    let r = evaluate("ask_blind_dev.tsv", BLIND_DEV);
    print("tests/ask_blind_dev.tsv", &r);
    check(
        "ask_blind_dev.tsv",
        &r,
        &[Floor::Refused, Floor::NoLookalike],
    );
}

#[test]
fn the_third_blind_development_set() {
    let r = evaluate("ask_blind_dev3.tsv", BLIND_DEV3);
    print("tests/ask_blind_dev3.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 600);
    check("ask_blind_dev3.tsv", &r, &[]);
}

#[test]
fn the_fourth_blind_development_set() {
    let r = evaluate("ask_blind_dev4.tsv", BLIND_DEV4);
    print("tests/ask_blind_dev4.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 600);
    check("ask_blind_dev4.tsv", &r, &[]);
}

#[test]
fn the_fifth_blind_development_set() {
    let r = evaluate("ask_blind_dev5.tsv", BLIND_DEV5);
    print("tests/ask_blind_dev5.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 550);
    check("ask_blind_dev5.tsv", &r, &[]);
}

#[test]
fn the_sixth_blind_development_set() {
    let r = evaluate("ask_blind_dev6.tsv", BLIND_DEV6);
    print("tests/ask_blind_dev6.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 400);
    check("ask_blind_dev6.tsv", &r, &[]);
}

#[test]
fn the_seventh_blind_development_set() {
    let r = evaluate("ask_blind_dev7.tsv", BLIND_DEV7);
    print("tests/ask_blind_dev7.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 390);
    check("ask_blind_dev7.tsv", &r, &[]);
}

#[test]
fn the_eighth_blind_development_set() {
    let r = evaluate("ask_blind_dev8.tsv", BLIND_DEV8);
    print("tests/ask_blind_dev8.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 340);
    check("ask_blind_dev8.tsv", &r, &[]);
}

#[test]
fn the_ninth_blind_development_set() {
    let r = evaluate("ask_blind_dev9.tsv", BLIND_DEV9);
    print("tests/ask_blind_dev9.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 340);
    check("ask_blind_dev9.tsv", &r, &[]);
}

#[test]
fn the_tenth_blind_development_set() {
    let r = evaluate("ask_blind_dev10.tsv", BLIND_DEV10);
    print("tests/ask_blind_dev10.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev10.tsv", &r, &[]);
}

#[test]
fn the_eleventh_blind_development_set() {
    let r = evaluate("ask_blind_dev11.tsv", BLIND_DEV11);
    print("tests/ask_blind_dev11.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev11.tsv", &r, &[]);
}

#[test]
fn the_twelfth_blind_development_set() {
    let r = evaluate("ask_blind_dev12.tsv", BLIND_DEV12);
    print("tests/ask_blind_dev12.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev12.tsv", &r, &[]);
}

#[test]
fn the_thirteenth_blind_development_set() {
    let r = evaluate("ask_blind_dev13.tsv", BLIND_DEV13);
    print("tests/ask_blind_dev13.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev13.tsv", &r, &[]);
}

#[test]
fn the_fourteenth_blind_development_set() {
    let r = evaluate("ask_blind_dev14.tsv", BLIND_DEV14);
    print("tests/ask_blind_dev14.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev14.tsv", &r, &[]);
}

#[test]
fn the_fifteenth_blind_development_set() {
    let r = evaluate("ask_blind_dev15.tsv", BLIND_DEV15);
    print("tests/ask_blind_dev15.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev15.tsv", &r, &[]);
}

#[test]
fn the_sixteenth_blind_development_set() {
    let r = evaluate("ask_blind_dev16.tsv", BLIND_DEV16);
    print("tests/ask_blind_dev16.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    check("ask_blind_dev16.tsv", &r, &[]);
}

#[test]
fn the_blind_report_set() {
    let r = evaluate("ask_blind.tsv", BLIND);
    print("tests/ask_blind.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    assert!(r.all.out_of_scope >= 80 && r.all.lookalikes >= 30);
    check("ask_blind.tsv", &r, &[]);
}

#[test]
fn the_second_blind_report_set() {
    let r = evaluate("ask_blind2.tsv", BLIND2);
    print("tests/ask_blind2.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 300);
    assert!(r.all.out_of_scope >= 80 && r.all.lookalikes >= 30);
    check("ask_blind2.tsv", &r, &[]);
}

#[test]
fn the_third_blind_report_set() {
    let r = evaluate("ask_blind3.tsv", BLIND3);
    print("tests/ask_blind3.tsv", &r);
    assert!(r.all.in_scope + r.all.out_of_scope >= 400);
    assert!(r.all.out_of_scope >= 80 && r.all.lookalikes >= 30);
    check("ask_blind3.tsv", &r, &[]);
}

/// Every floor of issue 7 on every set. Not met yet on the blind sets (the figures each
/// test above prints say by how much): run with `cargo test --test ask_eval -- --ignored`.
#[test]
#[ignore = "issue 7's floors are not all met on the blind sets yet"]
fn issue_7_floors_on_every_set() {
    let mut broken = Vec::new();
    for (name, table) in SETS {
        for miss in misses(&evaluate(name, table), &ALL_FLOORS) {
            broken.push(format!("{name}: {miss}"));
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}
