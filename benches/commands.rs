//! Every command's reply through `commands::dispatch`, start-up's load and checks, and one
//! quiz answer written to SQLite.
//!
//! `cargo bench --bench commands` (add a filter to run some: `cargo bench --bench commands
//! -- dispatch/ask`). The matcher alone and the index build are in `benches/matcher.rs`.

use criterion::{black_box, Criterion};
use std::sync::Arc;
use summit_bot::commands::custom_id::ButtonId;
use summit_bot::commands::{dispatch, Action, Invocation, Response, COMMANDS};
use summit_bot::ids::{ChannelId, GuildId, UserId};
use summit_bot::knowledge::{Knowledge, Source};
use summit_bot::store::{Answer, NewQuiz, QuizMode, SqliteStore, Store};

/// Unix seconds of every invocation (time is passed in, never read by commands).
const NOW: u64 = 1_764_000_000;
/// Member permissions: View Channel, Send Messages, Manage Server (for /daily).
const PERMS: u64 = 0x400 | 0x800 | 0x20;

fn invocation(user: u64, channel: u64, action: Action) -> Invocation {
    Invocation {
        user_id: UserId(user),
        user_is_bot: false,
        guild_id: Some(GuildId(7)),
        channel_id: ChannelId(channel),
        permissions: Some(PERMS),
        app_permissions: Some(0x400 | 0x800 | 0x4000),
        channel_permissions: vec![(ChannelId(channel), 0x400 | 0x800 | 0x4000)],
        now: NOW,
        sent: None,
        action,
    }
}

fn command(name: &str, subcommand: Option<&str>, options: &[(&str, &str)]) -> Action {
    Action::Command {
        name: name.to_string(),
        subcommand: subcommand.map(str::to_string),
        options: options
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// Each command of the table with typical options (a name as a user types it, not an id).
fn typical(name: &str) -> Vec<(String, Action)> {
    let one = |label: &str, action: Action| vec![(label.to_string(), action)];
    match name {
        "summit" => vec![
            (
                "summit ヘルシンキ".into(),
                command("summit", None, &[("meeting", "ヘルシンキ")]),
            ),
            ("summit (timeline)".into(), command("summit", None, &[])),
        ],
        "ask" => one(
            "ask",
            command(
                "ask",
                None,
                &[("question", "ヘルシンキ会談では何が話し合われましたか？")],
            ),
        ),
        "topic" => one(
            "topic 経済制裁",
            command("topic", None, &[("name", "経済制裁")]),
        ),
        "reactions" => one(
            "reactions ウクライナ",
            command("reactions", None, &[("actor", "ウクライナ")]),
        ),
        "compare" => one(
            "compare ゼレンスキー",
            command("compare", None, &[("target", "ゼレンスキー")]),
        ),
        "myth" => one("myth", command("myth", None, &[])),
        "people" => one(
            "people プーチン",
            command("people", None, &[("person", "プーチン")]),
        ),
        "quiz" => vec![
            (
                "quiz leaderboard".into(),
                command("quiz", Some("leaderboard"), &[]),
            ),
            ("quiz me".into(), command("quiz", Some("me"), &[])),
            ("quiz review".into(), command("quiz", Some("review"), &[])),
        ],
        "daily" => vec![
            ("daily status".into(), command("daily", Some("status"), &[])),
            (
                "daily preview".into(),
                command("daily", Some("preview"), &[]),
            ),
        ],
        other => one(other, command(other, None, &[])),
    }
}

fn temp_store(dir: &tempfile::TempDir) -> Arc<dyn Store> {
    Arc::new(SqliteStore::open(&dir.path().join("bench.sqlite3")).expect("sqlite file"))
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().expect("temp dir");

    // What start-up does before it serves: parse, validate, build the bank, the index and
    // the bot, and render every page of every view to check it against Discord's limits.
    c.bench_function("startup/check::load (embedded dataset, validation)", |b| {
        b.iter(|| {
            let store = SqliteStore::memory().expect("memory store");
            summit_bot::check::load(&Source::Embedded, Arc::new(store)).expect("valid")
        })
    });
    c.bench_function(
        "startup/Knowledge::embedded (parse + own validation)",
        |b| b.iter(|| Knowledge::embedded().expect("valid")),
    );

    let bot = summit_bot::check::load(&Source::Embedded, temp_store(&dir)).expect("valid");
    // The chart is drawn once and shared: draw it before timing the timeline.
    let _ = bot.timeline_chart();
    for spec in COMMANDS {
        for (label, action) in typical(spec.name) {
            let inv = invocation(42, 1, action);
            let outcome = dispatch(&bot, &inv);
            if let Response::Message(r) = &outcome.response {
                // Quiz and daily answer privately about a state the bench has not set up.
                assert!(
                    !r.ephemeral || matches!(spec.name, "quiz" | "daily"),
                    "{label} was refused: {:?}",
                    r.content
                );
            }
            c.bench_function(&format!("dispatch/{label}"), |b| {
                b.iter(|| dispatch(black_box(&bot), black_box(&inv)))
            });
        }
    }
    let autocomplete = invocation(
        42,
        1,
        Action::Autocomplete {
            command: "summit".into(),
            option: "meeting".into(),
            partial: "ヘル".into(),
        },
    );
    c.bench_function("dispatch/autocomplete meeting", |b| {
        b.iter(|| dispatch(black_box(&bot), black_box(&autocomplete)))
    });
    let page = invocation(
        42,
        1,
        Action::Button {
            custom_id: ButtonId::Page {
                target: "about".into(),
                page: 1,
                owner: UserId(42),
                issued: NOW,
            }
            .encode(),
        },
    );
    c.bench_function("dispatch/page button", |b| {
        b.iter(|| dispatch(black_box(&bot), black_box(&page)))
    });

    // One quiz answer: a group quiz open in channel 9, each iteration a new member.
    let start = invocation(
        1,
        9,
        command(
            "quiz",
            Some("start"),
            &[("questions", "20"), ("seconds", "60")],
        ),
    );
    dispatch(&bot, &start);
    let quiz = bot
        .store
        .open_quiz_in(ChannelId(9))
        .expect("store")
        .expect("the quiz is open");
    let mut member = 1_000_u64;
    c.bench_function("quiz answer through dispatch (SQLite file)", |b| {
        b.iter(|| {
            member += 1;
            let inv = invocation(
                member,
                9,
                Action::Button {
                    custom_id: ButtonId::QuizAnswer {
                        quiz: quiz.id,
                        round: 0,
                        choice: (member % 2) as u8,
                    }
                    .encode(),
                },
            );
            dispatch(&bot, &inv)
        })
    });

    // The write alone, on its own file.
    let (store, id) = answer_file(&dir.path().join("answers.sqlite3"));
    let mut user = 0_u64;
    c.bench_function("store/record_answer (SQLite file)", |b| {
        b.iter(|| {
            user += 1;
            store.record_answer(&Answer {
                quiz: id,
                round: 0,
                guild: Some(GuildId(7)),
                user: UserId(user),
                question: "q1".into(),
                choice: 0,
                correct: true,
                points: 12,
                answered_at: NOW,
            })
        })
    });
    concurrent_answers(&mut c, &dir);
    c.final_summary();
}

/// Threads answering at once, as the blocking pool does under the load (its 4 threads).
const WRITERS: u64 = 4;

/// A file with one open group quiz in server 7 (its round 0 shown), for answers.
fn answer_file(path: &std::path::Path) -> (SqliteStore, i64) {
    let store = SqliteStore::open(path).expect("sqlite file");
    let id = store
        .create_quiz(&NewQuiz {
            guild: Some(GuildId(7)),
            channel: ChannelId(3),
            starter: UserId(1),
            mode: QuizMode::Group,
            topic: "all".into(),
            seconds: 60,
            seed: 1,
            created_at: NOW,
            questions: vec!["q1".into()],
        })
        .expect("store")
        .expect("a new quiz");
    store
        .start_round(id, 0, "q1", NOW, NOW + 60)
        .expect("round");
    (store, id)
}

fn answer_of(quiz: i64, user: u64) -> Answer {
    Answer {
        quiz,
        round: 0,
        guild: Some(GuildId(7)),
        user: UserId(user),
        question: "q1".into(),
        choice: 0,
        correct: !user.is_multiple_of(3),
        points: if user.is_multiple_of(3) { 0 } else { 12 },
        answered_at: NOW + user % 50,
    }
}

/// `n` answers written by [`WRITERS`] threads at once, each a new member.
fn answer_at_once(store: &SqliteStore, quiz: i64, first: u64, n: u64) {
    std::thread::scope(|s| {
        for t in 0..WRITERS {
            s.spawn(move || {
                let mut user = first + t;
                while user < first + n {
                    assert!(store.record_answer(&answer_of(quiz, user)).expect("stored"));
                    user += WRITERS;
                }
            });
        }
    });
}

/// This process's CPU time (user + system), in seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of the line (utime, stime), counted after the command's ')'.
    (ticks(11) + ticks(12)) / 100.0
}

/// Quiz answers from several threads at once: WAL pages written per answer (read from the
/// WAL after a batch of answers on a fresh log), CPU per answer, and criterion's wall time.
fn concurrent_answers(c: &mut Criterion, dir: &tempfile::TempDir) {
    let path = dir.path().join("at-once.sqlite3");
    let (store, quiz) = answer_file(&path);
    let side = rusqlite::Connection::open(&path).expect("second connection");
    let frames = |mode: &str| -> i64 {
        side.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| r.get(1))
            .expect("checkpoint")
    };
    // Pages: 100 answers at a time (under the 1,000-page automatic checkpoint), 10 times.
    let mut user = 1_000_000_u64;
    let (mut pages, mut answers) = (0_i64, 0_u64);
    for _ in 0..10 {
        frames("TRUNCATE");
        answer_at_once(&store, quiz, user, 100);
        user += 100;
        pages += frames("PASSIVE");
        answers += 100;
    }
    // CPU: 8,000 answers.
    let n = 8_000;
    let cpu0 = cpu_seconds();
    let wall = std::time::Instant::now();
    answer_at_once(&store, quiz, user, n);
    user += n;
    let cpu = cpu_seconds() - cpu0;
    println!(
        "store/record_answer, {WRITERS} threads at once: {:.2} WAL pages per answer, \
         {:.1} µs CPU and {:.1} µs wall per answer",
        pages as f64 / answers as f64,
        cpu * 1e6 / n as f64,
        wall.elapsed().as_secs_f64() * 1e6 / n as f64
    );
    c.bench_function(
        &format!("store/record_answer, {WRITERS} threads at once (per answer)"),
        |b| {
            b.iter_custom(|iters| {
                let n = iters.max(WRITERS);
                let t = std::time::Instant::now();
                answer_at_once(&store, quiz, user, n);
                user += n;
                t.elapsed().mul_f64(iters as f64 / n as f64)
            })
        },
    );
}
