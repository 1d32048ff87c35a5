//! Profiling aid for the /ask matcher (not a benchmark: see `benches/matcher.rs`).
//!
//! `cargo run --release --example ask_profile -- loop N` asks every question of the four
//! older sets (eval, holdout, dev, blind: the figure kept since issue 7's first rounds) N
//! times, for `valgrind --tool=callgrind`; `loop N all` asks those of the seven sets (with
//! dev3, dev4 and dev5); `loop N long` (or `loop N all long`) only those of 40 characters or
//! more, the long questions of the p99 tail; `slow` prints the slowest questions of the eval, holdout and
//! development sets (never a report set's rows); `digest` prints one fingerprint per set of
//! every decision and direct sentence, to show a change of speed changed no answer (the
//! first four lines are the older sets', comparable with earlier fingerprints).

use std::hash::{Hash, Hasher};
use std::time::Instant;
use summit_bot::commands::{ask, Bot};
use summit_bot::knowledge::Knowledge;
use summit_bot::search::Decision;

/// The month every question is asked in, as in `tests/ask_eval.rs`.
const TODAY: summit_bot::search::Today = summit_bot::search::Today {
    year: 2026,
    month: 12,
};

/// The sets, the four older ones first; the report set's rows are never printed.
const SETS: [(&str, &str); 7] = [
    ("ask_eval.tsv", include_str!("../tests/ask_eval.tsv")),
    ("ask_holdout.tsv", include_str!("../tests/ask_holdout.tsv")),
    (
        "ask_blind_dev.tsv",
        include_str!("../tests/ask_blind_dev.tsv"),
    ),
    ("ask_blind.tsv", include_str!("../tests/ask_blind.tsv")),
    (
        "ask_blind_dev3.tsv",
        include_str!("../tests/ask_blind_dev3.tsv"),
    ),
    (
        "ask_blind_dev4.tsv",
        include_str!("../tests/ask_blind_dev4.tsv"),
    ),
    (
        "ask_blind_dev5.tsv",
        include_str!("../tests/ask_blind_dev5.tsv"),
    ),
];
/// How many of `SETS` are the older ones.
const OLDER: usize = 4;
/// Characters from which `loop N long` asks a question: the p99 tail.
const LONG_CHARS: usize = 40;
/// The report set among them.
const REPORT: &str = "ask_blind.tsv";

fn questions(table: &'static str) -> Vec<&'static str> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once('\t').map(|(_, q)| q))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bot = Bot::new(Knowledge::embedded().expect("dataset loads"));
    match args.first().map(String::as_str) {
        Some("loop") => {
            let n: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
            let extra = args.get(2..).unwrap_or(&[]);
            let sets = if extra.iter().any(|a| a == "all") {
                &SETS[..]
            } else {
                &SETS[..OLDER]
            };
            // `long`: only the questions of LONG_CHARS characters or more (the p99 tail).
            let long = extra.iter().any(|a| a == "long");
            let all: Vec<&str> = sets
                .iter()
                .flat_map(|(_, t)| questions(t))
                .filter(|q| !long || q.chars().count() >= LONG_CHARS)
                .collect();
            eprintln!("{} questions x {n}", all.len());
            let mut answered = 0;
            for _ in 0..n {
                for q in &all {
                    answered += usize::from(matches!(bot.index.ask(q), Decision::Answer { .. }));
                }
            }
            println!("{answered} answers");
        }
        Some("ask") => {
            for q in &args[1..] {
                let (decision, direct) = ask::decide(&bot, q, TODAY);
                println!("{q}\n    {decision:?} {direct:?}");
            }
        }
        Some("analyse") => {
            for q in &args[1..] {
                let a = bot.index.analyse(q);
                println!(
                    "{q}\n    {:?} asked {:?} out_of_scope {}",
                    a.decision, a.asked, a.out_of_scope
                );
            }
        }
        Some("explain") => {
            for q in &args[1..] {
                let a = bot.index.analyse(q);
                let (shown, ranked) = bot.index.explain(q);
                println!(
                    "{q}\n    {:?} asked {:?} out_of_scope {}\n    {shown}",
                    a.decision, a.asked, a.out_of_scope
                );
                for (id, c) in ranked.iter().take(5) {
                    println!(
                        "      {id:<28} score {:.3} cov {:.3} fld {:.3} sim {:.3} named {:.3} expl {:.3}",
                        c.score, c.coverage, c.fielded, c.similarity, c.named, c.explained
                    );
                }
            }
        }
        Some("sentences") => {
            for q in &args[1..] {
                println!("{q}\n  whole: {:?}", bot.index.analyse(q).decision);
                for s in q.split_inclusive(['。', '？', '?', '！', '!', '\n', '…']) {
                    let (canonical, ranked) = bot.index.explain(s);
                    let top: Vec<String> = ranked
                        .iter()
                        .take(3)
                        .map(|(id, c)| format!("{id} {:.2}/{:.2}", c.score, c.explained))
                        .collect();
                    println!(
                        "  {s}\n    {:?}\n    {canonical} {top:?}",
                        bot.index.analyse(s).decision
                    );
                }
            }
        }
        Some("slow") => {
            let mut timed: Vec<(u128, &str)> = Vec::new();
            for (_, table) in SETS.iter().filter(|(name, _)| *name != REPORT) {
                for q in questions(table) {
                    let t = Instant::now();
                    for _ in 0..50 {
                        std::hint::black_box(bot.index.ask(q));
                    }
                    timed.push((t.elapsed().as_nanos() / 50, q));
                }
            }
            timed.sort();
            for (ns, q) in timed.iter().rev().take(30) {
                println!(
                    "{:>8.1} µs  {} chars  {q}",
                    *ns as f64 / 1000.0,
                    q.chars().count()
                );
            }
        }
        _ => {
            for (name, table) in SETS {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                for q in questions(table) {
                    let (decision, direct) = ask::decide(&bot, q, TODAY);
                    format!("{decision:?}").hash(&mut hasher);
                    direct.map(|d| d.text).hash(&mut hasher);
                }
                println!("{name}: {:016x}", hasher.finish());
            }
        }
    }
}
