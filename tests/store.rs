//! The store, tested against the `Store` trait so that every implementation passes the
//! same tests: SQLite (a temp file) and PostgreSQL (a fresh schema per test on the server
//! of `SUMMIT_TEST_DATABASE_URL`, so tests run side by side), both in [`stores`].
//!
//! The first tests are about the SQLite file itself (creation, schema version, WAL), then
//! the same for PostgreSQL (schema_version, migrations under an advisory lock).

#[path = "support/test_postgres.rs"]
mod test_postgres;

use std::path::Path;
use std::sync::{Arc, Barrier};
use summit_bot::ids::{ChannelId, GuildId, MessageId, UserId};
use summit_bot::store::sqlite::SCHEMA_VERSION;
use summit_bot::store::{
    period_start, Answer, Answering, DailyPost, DailySettings, DeckPlace, NewQuiz, Period,
    PostgresStore, QuizId, QuizMode, QuizState, SqliteStore, Standing, Store,
};

/// 2026-11-26T00:00:00Z.
const T0: u64 = 1_795_651_200;
const GUILD: GuildId = GuildId(77);
const OTHER_GUILD: GuildId = GuildId(88);
const CHANNEL: ChannelId = ChannelId(770);
const OTHER_CHANNEL: ChannelId = ChannelId(771);

/// One implementation under test, with whatever keeps its database alive.
struct Backend {
    name: &'static str,
    _dir: Option<tempfile::TempDir>,
    /// How to open a second store on the same database (another process's view).
    reopen: Box<dyn Fn() -> Arc<dyn Store>>,
}

/// Every store implementation, each on a fresh database.
#[track_caller]
fn stores() -> Vec<(Backend, Arc<dyn Store>)> {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("quiz.sqlite3");
    let store = SqliteStore::open(&path).expect("sqlite opens");
    let mut all = vec![(
        Backend {
            name: "sqlite",
            _dir: Some(dir),
            reopen: Box::new(move || {
                Arc::new(SqliteStore::open(&path).expect("sqlite reopens")) as Arc<dyn Store>
            }),
        },
        Arc::new(store) as Arc<dyn Store>,
    )];
    let caller = std::panic::Location::caller().to_string();
    if let Some(url) = test_postgres::url(&caller) {
        let schema = test_postgres::fresh_schema("store");
        let open =
            move || PostgresStore::connect_in(&url, Some(&schema)).expect("postgres connects");
        let store = open();
        all.push((
            Backend {
                name: "postgres",
                _dir: None,
                reopen: Box::new(move || Arc::new(open()) as Arc<dyn Store>),
            },
            Arc::new(store) as Arc<dyn Store>,
        ));
    }
    all
}

fn new_quiz(guild: Option<GuildId>, channel: ChannelId, starter: u64, mode: QuizMode) -> NewQuiz {
    NewQuiz {
        guild,
        channel,
        starter: UserId(starter),
        mode,
        topic: "all".into(),
        seconds: 20,
        seed: 42,
        created_at: T0,
        questions: vec!["q-a".into(), "q-b".into(), "q-c".into()],
    }
}

#[track_caller]
fn create(store: &dyn Store, quiz: &NewQuiz) -> QuizId {
    store
        .create_quiz(quiz)
        .expect("create_quiz works")
        .expect("the quiz is created")
}

fn answer(quiz: QuizId, round: u32, user: u64, correct: bool, points: u32, at: u64) -> Answer {
    Answer {
        quiz,
        round,
        guild: Some(GUILD),
        user: UserId(user),
        question: format!("q-{round}"),
        choice: if correct { 0 } else { 1 },
        correct,
        points,
        answered_at: at,
    }
}

#[track_caller]
fn record(store: &dyn Store, a: &Answer) {
    assert!(
        store.record_answer(a).expect("record_answer works"),
        "{a:?} is a first answer"
    );
}

/// Reveals every round `answers` were given in (starting the ones never started), as the
/// bot reveals a round before its answers count in any total.
fn reveal_rounds(store: &dyn Store, answers: &[Answer]) {
    for (quiz, round) in rounds_of(answers) {
        if store.round(quiz, round).expect("round").is_none() {
            store
                .start_round(quiz, round, &format!("q-{round}"), T0, T0 + 20)
                .expect("round");
        }
        assert!(store.claim_reveal(quiz, round).expect("reveals"));
    }
}

fn users(standings: &[Standing]) -> Vec<u64> {
    standings.iter().map(|s| s.user.get()).collect()
}

fn schema_version_of(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("the file opens");
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version reads")
}

// ---- the SQLite file -------------------------------------------------------------------

#[test]
fn a_new_file_is_created_and_migrated_to_the_schema_version_with_wal() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("new.sqlite3");
    assert!(!path.exists());
    let store = SqliteStore::open(&path).expect("a new file opens");
    assert!(path.exists(), "the file is created");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(&path).expect("the file opens");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode reads");
    assert_eq!(mode.to_lowercase(), "wal");
    drop(conn);
    drop(store);
    assert_eq!(schema_version_of(&path), SCHEMA_VERSION);
}

#[test]
fn reopening_the_same_file_keeps_its_data_and_version() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("kept.sqlite3");
    let id = {
        let store = SqliteStore::open(&path).expect("opens");
        let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        store
            .start_round(id, 0, "q-a", T0, T0 + 20)
            .expect("start_round");
        record(&store, &answer(id, 0, 5, true, 15, T0 + 1));
        id
    };
    let store = SqliteStore::open(&path).expect("reopens");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let quiz = store.quiz(id).expect("quiz").expect("the quiz is kept");
    assert_eq!(quiz.state, QuizState::Open);
    assert_eq!(quiz.questions, vec!["q-a", "q-b", "q-c"]);
    assert_eq!(store.answers(id, 0).expect("answers").len(), 1);
    assert_eq!(
        store.open_quiz_in(CHANNEL).expect("open").map(|q| q.id),
        Some(id),
        "the open quiz still holds its channel"
    );
}

#[test]
fn a_database_from_a_newer_build_is_refused_with_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("newer.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).expect("creates");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("sets the version");
    }
    let refused = SqliteStore::open(&path)
        .err()
        .expect("a newer schema is refused");
    let message = refused.to_string();
    assert!(
        message.contains(&(SCHEMA_VERSION + 1).to_string()),
        "the error names the version: {message}"
    );
    // Nothing was changed.
    assert_eq!(schema_version_of(&path), SCHEMA_VERSION + 1);
}

#[test]
fn two_stores_opening_one_new_file_at_once_migrate_it_once() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("race.sqlite3");
    let barrier = Arc::new(Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (path, barrier) = (path.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                SqliteStore::open(&path).map(|s| s.schema_version())
            })
        })
        .collect();
    for h in handles {
        let version = h
            .join()
            .expect("no panic")
            .expect("opens")
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);
    }
}

#[test]
fn tried_inline_a_read_answers_and_a_write_is_refused_with_nothing_written() {
    use summit_bot::store::inline;
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = SqliteStore::open(&dir.path().join("inline.sqlite3")).expect("opens");
    assert!(store.reads_inline());
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    store
        .start_round(id, 0, "q-a", T0, T0 + 20)
        .expect("start_round");

    // Reads answer where they are tried.
    let read = inline::attempt(|| store.quiz_and_round(id, 0));
    let (quiz, round) = read
        .expect("a read is not refused")
        .expect("reads")
        .expect("the quiz");
    assert_eq!(quiz.state, QuizState::Open);
    assert_eq!(round.map(|r| r.question).as_deref(), Some("q-a"));

    // A write is refused before it touches the file, and the attempt says so.
    let refused = inline::attempt(|| {
        let before = store.quiz(id).expect("reads").expect("the quiz");
        let written = store.record_answer(&answer(id, 0, 5, true, 15, T0 + 1));
        (before, written)
    });
    assert!(refused.is_none(), "the attempt is refused");
    assert!(
        !inline::active() && !inline::refused(),
        "the thread is itself again"
    );
    assert!(store.answers(id, 0).expect("answers").is_empty());
    assert!(inline::attempt(|| store.close_quiz(id, QuizState::Stopped, T0)).is_none());
    assert_eq!(
        store.quiz(id).expect("reads").expect("the quiz").state,
        QuizState::Open
    );

    // Outside an attempt the same write goes through.
    record(&store, &answer(id, 0, 5, true, 15, T0 + 1));
    assert_eq!(store.answers(id, 0).expect("answers").len(), 1);
}

/// An answer committed on the blocking pool, in a quiz of its own (another channel): the
/// WAL's header is written (a new WAL, or one restarted after a full checkpoint), so
/// answers may be written inline again.
fn pool_answer_restarts_the_wal(store: &SqliteStore, channel: u64) {
    let other = create(
        store,
        &new_quiz(
            Some(GUILD),
            ChannelId(CHANNEL.0 + channel),
            1,
            QuizMode::Group,
        ),
    );
    store
        .start_round(other, 0, "q-0", T0, T0 + 20)
        .expect("round");
    let a = answer(other, 0, 99, true, 10, T0 + 1);
    store
        .answer_round(other, 0, &mut |_, _| Some((a.clone(), true)))
        .expect("answered on the pool");
    assert!(!store.wal_restart_pending());
}

#[test]
fn tried_inline_no_answer_is_written_while_the_next_commit_may_sync_the_wal_header() {
    use summit_bot::store::{inline, Answering};
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("inline-restart.sqlite3");
    let store = SqliteStore::open(&path).expect("opens");
    // Opened, the WAL may have no frames: its first commit writes (and syncs) the header.
    assert!(store.wal_restart_pending());
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    store.start_round(id, 0, "q-0", T0, T0 + 40).expect("round");
    let try_inline = |user: u64| {
        let a = answer(id, 0, user, true, 10, T0 + 1);
        inline::attempt_answer(|| store.answer_round(id, 0, &mut |_, _| Some((a.clone(), true))))
    };
    assert!(
        try_inline(5).is_none(),
        "refused before the WAL has a header"
    );
    pool_answer_restarts_the_wal(&store, 1001);
    assert!(matches!(
        try_inline(5),
        Some(Ok(Answering::Recorded { .. }))
    ));

    // A full checkpoint (on the pool): the next writer restarts the WAL and syncs its
    // header, so the next answer is refused inline, and nothing written.
    store.checkpoint().expect("checkpoints");
    assert!(store.wal_restart_pending(), "fully checkpointed");
    assert!(try_inline(6).is_none(), "refused after a full checkpoint");
    assert_eq!(store.answers(id, 0).expect("answers").len(), 1);
    // The checkpoint itself is refused inline.
    assert!(inline::attempt(|| store.checkpoint()).is_none());
    // An answer on the pool restarts the WAL; inline answers are written again.
    pool_answer_restarts_the_wal(&store, 1002);
    assert!(matches!(
        try_inline(6),
        Some(Ok(Answering::Recorded { .. }))
    ));
    assert_eq!(store.answers(id, 0).expect("answers").len(), 2);
}

#[test]
fn the_checkpoint_runs_beside_the_store_and_no_answer_is_written_inline_until_a_pool_write_after_it(
) {
    checkpoint_beside_the_store(Beside::AsItComes);
}

#[test]
fn the_checkpoint_beside_the_store_run_to_its_end_where_it_starts_leaves_the_wal_restarted() {
    // Run to its end where it starts (after the write that reached the count committed),
    // before the store goes on: no write of the store comes during it.
    checkpoint_beside_the_store(Beside::ToItsEndWhereItStarts);
}

#[test]
fn the_checkpoint_beside_the_store_catches_up_with_a_reader_and_the_writes_meanwhile() {
    // A reader holds a snapshot from before the checkpoint, so its first pass cannot copy
    // every frame, and answers are written on the pool while it runs (perf15's race: a
    // checkpoint that ends "full" without the frames written after it began): it goes on
    // until the WAL is all copied, and the WAL is restarted. A single pass (perf15's)
    // fails here.
    checkpoint_beside_the_store(Beside::WithAReaderAndWrites);
}

#[test]
fn under_writes_from_many_threads_the_wal_is_restarted_and_stays_bounded() {
    // 6,000 answers written on the pool from four threads at once, without a pause: the
    // background checkpoint's passes are overtaken by writes committed while they copy,
    // and a write may come between its last pass and the write that takes in its end.
    // Either way the WAL is restarted within a bounded number of writes (perf16's version
    // ended "full" with frames left uncopied, and the WAL never restarted: 4,000 answers
    // left it 4,900 to 7,400 frames long in three runs; this one, about 2,000).
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, _) = inline_ready(&dir, "steady.sqlite3");
    let store = Arc::new(store);
    let barrier = Arc::new(Barrier::new(4));
    let writers: Vec<_> = (0..4u64)
        .map(|w| {
            let (store, barrier) = (Arc::clone(&store), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let id = create(
                    store.as_ref(),
                    &new_quiz(Some(GUILD), ChannelId(8_000 + w), 1, QuizMode::Group),
                );
                store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
                barrier.wait();
                for user in 0..1_500 {
                    record(store.as_ref(), &answer(id, 0, user, true, 10, T0 + 1));
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("no panic");
    }
    assert!(
        store.background_checkpoint_ended(std::time::Duration::from_secs(30)),
        "the checkpoint ends"
    );
    pool_answer_restarts_the_wal(&store, 4000);
    // The WAL file keeps the length it reached (it is written again from its start when
    // restarted): 1,000 writes and the catch-up's 500, with their reveals, about 2,000.
    let wal = std::fs::metadata(dir.path().join("steady.sqlite3-wal"))
        .expect("the WAL")
        .len();
    let frames = wal.saturating_sub(32) / (24 + 4096);
    assert!(frames < 3_000, "frames in the WAL file: {frames}");
}

#[derive(Clone, Copy, PartialEq)]
enum Beside {
    AsItComes,
    ToItsEndWhereItStarts,
    WithAReaderAndWrites,
}

fn checkpoint_beside_the_store(how: Beside) {
    use summit_bot::store::{inline, Answering};
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("background.sqlite3");
    let (store, id) = inline_ready(&dir, "background.sqlite3");
    store.join_background_checkpoints(how == Beside::ToItsEndWhereItStarts);
    let try_inline = |user: u64| {
        let a = answer(id, 0, user, true, 10, T0 + 1);
        inline::attempt_answer(|| store.answer_round(id, 0, &mut |_, _| Some((a.clone(), true))))
    };
    let on_the_pool = |user: u64| {
        let a = answer(id, 0, user, true, 10, T0 + 1);
        store
            .answer_round(id, 0, &mut |_, _| Some((a.clone(), true)))
            .expect("written on the pool");
    };
    assert!(matches!(
        try_inline(1),
        Some(Ok(Answering::Recorded { .. }))
    ));
    let reader = rusqlite::Connection::open(&path).expect("a reader");
    if how == Beside::WithAReaderAndWrites {
        reader
            .execute_batch("BEGIN; SELECT count(*) FROM answers;")
            .expect("a read transaction");
    }
    // Writes on the pool until one starts the checkpoint (every 1,000 writes, the inline
    // answers counted): then it runs on its own thread, and answers are refused inline.
    let mut user = 10_000;
    while try_inline(user).is_some() {
        user += 1;
        on_the_pool(user);
        user += 1;
        assert!(user < 13_000, "a checkpoint started within 1,000 writes");
    }
    if how == Beside::WithAReaderAndWrites {
        for _ in 0..20 {
            user += 1;
            on_the_pool(user);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        reader.execute_batch("COMMIT").expect("the reader ends");
    }
    assert!(
        store.background_checkpoint_ended(std::time::Duration::from_secs(30)),
        "the checkpoint ends"
    );
    // Its end is taken in by the next write on the pool, not by an answer inline (the WAL
    // may now be fully checkpointed: the next writer would restart it and sync its header).
    assert!(try_inline(user).is_none(), "refused until a pool write");
    let counted = store.answers(id, 0).expect("answers").len();
    pool_answer_restarts_the_wal(&store, 3000);
    assert!(matches!(
        try_inline(user + 1),
        Some(Ok(Answering::Recorded { .. }))
    ));
    assert_eq!(store.answers(id, 0).expect("answers").len(), counted + 1);
    // The WAL stays bounded: it was all copied into the file, and restarted by the pool's
    // write, so it holds only the frames written since (not the 1,000 writes' before).
    let (busy, log): (i64, i64) = reader
        .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("a checkpoint");
    assert_eq!(busy, 0);
    assert!((1..50).contains(&log), "frames in the WAL: {log}");
}

/// A file store with a group quiz in round 0 whose WAL has its header (answers may be
/// written inline).
fn inline_ready(dir: &tempfile::TempDir, name: &str) -> (SqliteStore, QuizId) {
    let store = SqliteStore::open(&dir.path().join(name)).expect("opens");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    store.start_round(id, 0, "q-0", T0, T0 + 40).expect("round");
    pool_answer_restarts_the_wal(&store, 2000);
    (store, id)
}

#[test]
fn tried_inline_a_refusal_after_a_committed_answer_is_a_bug() {
    use summit_bot::store::inline;
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, id) = inline_ready(&dir, "inline-committed.sqlite3");
    let a = answer(id, 0, 5, true, 10, T0 + 1);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        inline::attempt_answer(|| {
            store
                .answer_round(id, 0, &mut |_, _| Some((a.clone(), true)))
                .expect("committed inline");
            // A write after it is refused inline: the dispatch would run again on the
            // pool and call the counted answer a repeat.
            store.create_quiz(&new_quiz(
                Some(GUILD),
                ChannelId(CHANNEL.0 + 1),
                1,
                QuizMode::Group,
            ))
        })
    }));
    assert_eq!(
        outcome.is_err(),
        cfg!(debug_assertions),
        "a debug assertion in debug builds (and an error log)"
    );
    assert!(!inline::active(), "the attempt's state is reset");
    assert_eq!(store.answers(id, 0).expect("answers").len(), 1);
    // A new attempt starts with nothing committed.
    let c = inline::attempt_answer(|| store.answers(id, 0).map(|a| a.len()));
    assert!(matches!(c, Some(Ok(1))), "{c:?}");
}

#[test]
fn after_an_inline_answer_a_pool_write_waits_for_another_process_again() {
    use summit_bot::store::{inline, Answering};
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, id) = inline_ready(&dir, "inline-busy.sqlite3");
    let a = answer(id, 0, 5, true, 10, T0 + 1);
    let written =
        inline::attempt_answer(|| store.answer_round(id, 0, &mut |_, _| Some((a.clone(), true))));
    assert!(
        matches!(written, Some(Ok(Answering::Recorded { .. }))),
        "{written:?}"
    );
    assert!(!inline::active());

    // Another process holds the write lock for 200 ms: the next write on the pool waits
    // for it (the busy wait is back) and succeeds.
    let other = rusqlite::Connection::open(dir.path().join("inline-busy.sqlite3"))
        .expect("a second connection");
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE quizzes SET topic = topic WHERE id = 1;")
        .expect("the other process locks the file");
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        other.execute_batch("COMMIT").expect("commits");
    });
    let started = std::time::Instant::now();
    let b = answer(id, 0, 6, true, 10, T0 + 2);
    store
        .answer_round(id, 0, &mut |_, _| Some((b.clone(), true)))
        .expect("written after the wait");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(150),
        "waited for the other process: {:?}",
        started.elapsed()
    );
    release.join().expect("released");
    assert_eq!(store.answers(id, 0).expect("answers").len(), 2);
}

#[test]
fn tried_inline_an_answer_is_refused_while_another_thread_holds_the_connection() {
    use summit_bot::store::inline;
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, id) = inline_ready(&dir, "inline-held.sqlite3");
    let store = std::sync::Arc::new(store);
    // Another process holds the write lock; a thread's write on the pool then holds the
    // connection while it waits for that lock.
    let other = rusqlite::Connection::open(dir.path().join("inline-held.sqlite3"))
        .expect("a second connection");
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE quizzes SET topic = topic WHERE id = 1;")
        .expect("the other process locks the file");
    let waiting = {
        let store = std::sync::Arc::clone(&store);
        std::thread::spawn(move || {
            let b = answer(id, 0, 6, true, 10, T0 + 2);
            store
                .answer_round(id, 0, &mut |_, _| Some((b.clone(), true)))
                .map(|_| ())
        })
    };
    // Until that thread has the connection, an attempt may find it free and meet the
    // other process's lock instead: refused either way, and at once.
    std::thread::sleep(std::time::Duration::from_millis(100));
    let a = answer(id, 0, 5, true, 10, T0 + 1);
    let started = std::time::Instant::now();
    let refused =
        inline::attempt_answer(|| store.answer_round(id, 0, &mut |_, _| Some((a.clone(), true))));
    assert!(refused.is_none(), "{refused:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(500),
        "no wait: {:?}",
        started.elapsed()
    );
    assert!(!inline::active());
    other.execute_batch("COMMIT").expect("commits");
    waiting
        .join()
        .expect("joins")
        .expect("the pool's write went through");
    let users: Vec<u64> = store
        .answers(id, 0)
        .expect("answers")
        .iter()
        .map(|a| a.user.0)
        .collect();
    assert!(
        !users.contains(&5),
        "the refused answer wrote nothing: {users:?}"
    );
}

#[test]
fn tried_inline_an_answer_is_written_only_when_it_is_all_the_work_and_nothing_waits() {
    use summit_bot::store::{inline, Answering};
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("inline-answer.sqlite3");
    let store = SqliteStore::open(&path).expect("opens");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
    pool_answer_restarts_the_wal(&store, 1003);

    // A group's answer that does not end the round: written and committed where tried.
    let first = answer(id, 0, 5, true, 15, T0 + 1);
    let written = inline::attempt_answer(|| {
        store.answer_round(id, 0, &mut |_, _| Some((first.clone(), true)))
    });
    assert!(
        matches!(written, Some(Ok(Answering::Recorded { .. }))),
        "{written:?}"
    );
    let other = rusqlite::Connection::open(&path).expect("a second connection");
    let committed: i64 = other
        .query_row(
            "SELECT COUNT(*) FROM answers WHERE quiz_id = ?1",
            [id],
            |r| r.get(0),
        )
        .expect("counts");
    assert_eq!(committed, 1, "committed, seen by another connection");

    // The answer that completes round 1 (everyone from round 0 answered again) is followed
    // by the reveal: refused, nothing written.
    store
        .start_round(id, 1, "q-1", T0 + 20, T0 + 40)
        .expect("round");
    let last = answer(id, 1, 5, true, 12, T0 + 25);
    let refused = inline::attempt_answer(|| {
        store.answer_round(id, 1, &mut |_, _| Some((last.clone(), true)))
    });
    assert!(refused.is_none(), "{refused:?}");
    assert!(store.answers(id, 1).expect("answers").is_empty());

    // Another process holding the write lock: refused at once, nothing written.
    let late = answer(id, 1, 6, false, 0, T0 + 26);
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE quizzes SET topic = topic WHERE id = 1;")
        .expect("the other process locks the file");
    let started = std::time::Instant::now();
    let refused = inline::attempt_answer(|| {
        store.answer_round(id, 1, &mut |_, _| Some((late.clone(), true)))
    });
    assert!(refused.is_none(), "{refused:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "no busy wait"
    );
    other.execute_batch("COMMIT").expect("commits");
    assert!(store.answers(id, 1).expect("answers").is_empty());

    // A solo quiz's answer (its reveal and next round follow): refused, nothing written.
    let solo = create(
        &store,
        &new_quiz(Some(GUILD), ChannelId(77), 9, QuizMode::Solo),
    );
    store
        .start_round(solo, 0, "q-s", T0, T0 + 20)
        .expect("round");
    let mine = answer(solo, 0, 9, true, 15, T0 + 1);
    let refused = inline::attempt_answer(|| {
        store.answer_round(solo, 0, &mut |_, _| Some((mine.clone(), false)))
    });
    assert!(refused.is_none(), "{refused:?}");
    assert!(store.answers(solo, 0).expect("answers").is_empty());

    // Other writes stay refused in an answer's attempt; off it, everything goes through.
    assert!(inline::attempt_answer(|| store.close_quiz(id, QuizState::Stopped, T0)).is_none());
    assert_eq!(
        store
            .answer_round(id, 1, &mut |_, _| Some((last.clone(), true)))
            .expect("answer_round works"),
        Answering::Recorded {
            quiz: store.quiz(id).expect("reads").expect("the quiz"),
            everyone_again: true,
        }
    );
}

#[test]
fn tried_inline_a_read_is_not_held_up_by_another_process_writing() {
    use summit_bot::store::inline;
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("locked.sqlite3");
    let store = SqliteStore::open(&path).expect("opens");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    // Another process holds the write lock (WAL: readers go on).
    let other = rusqlite::Connection::open(&path).expect("a second connection");
    other
        .execute_batch("BEGIN EXCLUSIVE; UPDATE quizzes SET topic = 'x' WHERE id = 1;")
        .expect("the other process locks the file");
    let read = inline::attempt(|| store.quiz(id)).expect("not refused");
    assert_eq!(read.expect("reads").map(|q| q.id), Some(id));
    // Once the other process is done, the store writes as before.
    other.execute_batch("COMMIT").expect("commits");
    assert!(store
        .close_quiz(id, QuizState::Stopped, T0)
        .expect("writes"));
}

#[test]
fn answers_held_up_together_are_each_saved_once_and_a_failing_one_fails_alone() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("together.sqlite3");
    let store = Arc::new(SqliteStore::open(&path).expect("opens"));
    let id = create(
        store.as_ref(),
        &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group),
    );
    store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
    // Another process holds the write lock, so the answers below pile up waiting for it
    // (the store waits up to 5 s). However the store writes them once it lets go (each in
    // its own transaction, or several in one), each is saved once and only the answer that
    // fails is refused.
    let other = rusqlite::Connection::open(&path).expect("a second connection");
    other
        .execute_batch("BEGIN EXCLUSIVE; UPDATE quizzes SET topic = 'x' WHERE id = 0;")
        .expect("the other process locks the file");
    let mut clicks: Vec<Answer> = (1..=8u64)
        .map(|u| answer(id, 0, u, u % 2 == 0, 10 + u as u32, T0 + u))
        .collect();
    // Member 3 clicks twice; an answer names a quiz that does not exist.
    clicks.push(answer(id, 0, 3, true, 99, T0 + 9));
    clicks.push(answer(id + 1000, 0, 9, true, 15, T0 + 9));
    let handles: Vec<_> = clicks
        .iter()
        .cloned()
        .map(|a| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || store.record_answer(&a))
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    other.execute_batch("COMMIT").expect("commits");
    let outcomes: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("no panic"))
        .collect();
    for (a, outcome) in clicks.iter().zip(&outcomes).take(8) {
        if a.user.get() != 3 {
            assert!(matches!(outcome, Ok(true)), "{a:?}: {outcome:?}");
        }
    }
    let threes: Vec<bool> = [2, 8]
        .iter()
        .map(|&i| *outcomes[i].as_ref().expect("member 3's clicks are taken"))
        .collect();
    assert_eq!(
        threes.iter().filter(|&&new| new).count(),
        1,
        "one of member 3's clicks counts: {threes:?}"
    );
    let missing = outcomes[9].as_ref().expect_err("no such quiz");
    assert!(!missing.is_unavailable(), "{missing}");

    // Exactly the eight members' first answers, and the totals kept with them.
    let answers = store.answers(id, 0).expect("answers");
    let mut who: Vec<u64> = answers.iter().map(|a| a.user.get()).collect();
    who.sort_unstable();
    assert_eq!(who, (1..=8).collect::<Vec<_>>());
    // The totals count revealed rounds only: nothing before the reveal, each once after.
    let board = || {
        store
            .period_leaderboard(GUILD, Period::All, T0, 20)
            .expect("leaderboard")
    };
    assert!(board().is_empty(), "counted before the reveal");
    assert!(store.claim_reveal(id, 0).expect("reveals"));
    assert_eq!(board(), counted(&answers, GUILD, Period::All, T0));
    assert_eq!(board().len(), 8);
}

// ---- the PostgreSQL database ----------------------------------------------------------
// ---- the PostgreSQL database ----------------------------------------------------------

fn pg_version(url: &str, schema: &str) -> i64 {
    let (url, schema) = (url.to_string(), schema.to_string());
    // The sync client must not run on an async thread; tests are plain threads anyway.
    std::thread::spawn(move || {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
        c.query_one(&format!("SELECT version FROM {schema}.schema_version"), &[])
            .expect("schema_version reads")
            .get::<_, i64>(0)
    })
    .join()
    .expect("no panic")
}

#[test]
fn postgres_stores_opening_one_new_schema_at_once_migrate_it_once() {
    let Some(url) = test_postgres::url("postgres migrations") else {
        return;
    };
    let schema = test_postgres::fresh_schema("race");
    let barrier = Arc::new(Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (url, schema, barrier) = (url.clone(), schema.clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                PostgresStore::connect_in(&url, Some(&schema)).map(|s| s.schema_version())
            })
        })
        .collect();
    for h in handles {
        let version = h
            .join()
            .expect("no panic")
            .expect("connects")
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);
    }
    assert_eq!(pg_version(&url, &schema), SCHEMA_VERSION);
    // Data is kept across connections, and the version row is one row.
    let store = PostgresStore::connect_in(&url, Some(&schema)).expect("reconnects");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    drop(store);
    let store = PostgresStore::connect_in(&url, Some(&schema)).expect("reconnects");
    assert_eq!(store.quiz(id).expect("quiz").map(|q| q.id), Some(id));
}

#[test]
fn a_postgres_schema_from_a_newer_build_is_refused_with_an_error() {
    let Some(url) = test_postgres::url("postgres newer schema") else {
        return;
    };
    let schema = test_postgres::fresh_schema("newer");
    drop(PostgresStore::connect_in(&url, Some(&schema)).expect("creates"));
    {
        let (url, schema) = (url.clone(), schema.clone());
        std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
            c.execute(
                &format!("UPDATE {schema}.schema_version SET version = $1"),
                &[&(SCHEMA_VERSION + 1)],
            )
            .expect("sets the version");
        })
        .join()
        .expect("no panic");
    }
    let refused = PostgresStore::connect_in(&url, Some(&schema))
        .err()
        .expect("a newer schema is refused");
    assert!(
        refused
            .to_string()
            .contains(&(SCHEMA_VERSION + 1).to_string()),
        "{refused}"
    );
    assert_eq!(pg_version(&url, &schema), SCHEMA_VERSION + 1);
}

#[test]
fn a_wrong_postgres_password_is_an_error_that_does_not_show_it() {
    let Some(url) = test_postgres::url("postgres wrong password") else {
        return;
    };
    // postgres://user:password@host… with another password.
    let Some((head, rest)) = url.split_once('@') else {
        panic!("the test URL has a user part");
    };
    let user = head.rsplit_once(':').map_or(head, |(u, _)| u);
    let wrong = format!("{user}:not-the-Password-42@{rest}");
    let err = PostgresStore::connect(&wrong)
        .err()
        .expect("a wrong password is refused");
    assert!(!err.to_string().contains("not-the-Password-42"), "{err}");
}

#[test]
fn a_postgres_connection_the_server_dropped_is_made_again() {
    let Some(url) = test_postgres::url("postgres reconnection") else {
        return;
    };
    let schema = test_postgres::fresh_schema("reconnect");
    let sep = if url.contains('?') { '&' } else { '?' };
    let url_named = format!("{url}{sep}application_name={schema}");
    let store = PostgresStore::connect_in(&url_named, Some(&schema)).expect("connects");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    // The server ends every connection of this store (a restart, a failover, an admin).
    let killed = {
        let (url, schema) = (url.clone(), schema.clone());
        std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
            c.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE application_name = $1",
                &[&schema],
            )
            .expect("terminates")
            .len()
        })
        .join()
        .expect("no panic")
    };
    assert_eq!(killed, summit_bot::store::postgres::POOL);
    // Each connection fails at most once (the call that finds it dead), then is made again.
    let mut failures = 0;
    for _ in 0..3 * summit_bot::store::postgres::POOL {
        match store.quiz(id) {
            Ok(found) => assert_eq!(found.map(|q| q.id), Some(id)),
            Err(e) => {
                failures += 1;
                assert!(!e.to_string().contains(&url), "{e}");
            }
        }
    }
    assert!(failures <= summit_bot::store::postgres::POOL, "{failures}");
    assert_eq!(store.quiz(id).expect("works again").map(|q| q.id), Some(id));
}

/// The sync client runs a runtime of its own; used or dropped on a tokio worker it would
/// panic. The store keeps its connections on threads of its own, so even that is safe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_store_used_and_dropped_on_an_async_thread_does_not_panic() {
    let Some(url) = test_postgres::url("postgres on an async thread") else {
        return;
    };
    let schema = test_postgres::fresh_schema("async");
    let store = PostgresStore::connect_in(&url, Some(&schema)).expect("connects");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    assert_eq!(store.quiz(id).expect("quiz").map(|q| q.id), Some(id));
    drop(store);
    tokio::task::yield_now().await;
}

// ---- the trait -------------------------------------------------------------------------

#[test]
fn a_quiz_round_trips_with_snowflakes_above_i64_max() {
    for (backend, store) in stores() {
        let mut new = new_quiz(
            Some(GuildId(u64::MAX - 1)),
            ChannelId(u64::MAX - 2),
            u64::MAX - 3,
            QuizMode::Group,
        );
        new.seed = u64::MAX;
        let id = create(store.as_ref(), &new);
        let quiz = store.quiz(id).expect("quiz").expect("found");
        assert_eq!(quiz.guild, new.guild, "{}", backend.name);
        assert_eq!(quiz.channel, new.channel, "{}", backend.name);
        assert_eq!(quiz.starter, new.starter, "{}", backend.name);
        assert_eq!(quiz.seed, u64::MAX, "{}", backend.name);
        assert_eq!(quiz.mode, QuizMode::Group);
        assert_eq!(quiz.state, QuizState::Open);
        assert_eq!(quiz.current, 0);
        assert_eq!(quiz.seconds, 20);
        assert_eq!(quiz.created_at, T0);
        assert_eq!(quiz.total(), 3);
        assert_eq!(store.quiz(id + 1000).expect("quiz"), None);

        store
            .start_round(id, 0, "q-a", T0, T0 + 20)
            .expect("start_round");
        let round = store.round(id, 0).expect("round").expect("found");
        assert_eq!(round.question, "q-a");
        assert_eq!((round.started_at, round.deadline), (T0, T0 + 20));
        assert_eq!(round.message, None);
        assert!(!round.revealed);
        store
            .set_round_message(id, 0, MessageId(u64::MAX - 4))
            .expect("set_round_message");
        let round = store.round(id, 0).expect("round").expect("found");
        assert_eq!(round.message, Some(MessageId(u64::MAX - 4)));
        store
            .start_round(id, 1, "q-b", T0 + 20, T0 + 40)
            .expect("start_round");
        assert_eq!(store.quiz(id).expect("quiz").expect("found").current, 1);
        assert_eq!(store.round(id, 2).expect("round"), None);

        let mut a = answer(id, 0, u64::MAX - 5, true, 15, T0 + 1);
        a.guild = new.guild;
        record(store.as_ref(), &a);
        assert_eq!(store.answers(id, 0).expect("answers"), vec![a.clone()]);
        let board = || {
            store
                .leaderboard(GuildId(u64::MAX - 1), 0, 10)
                .expect("leaderboard")
        };
        // Counted from the round's reveal on.
        assert!(store
            .history_of(UserId(u64::MAX - 5))
            .expect("h")
            .is_empty());
        assert!(board().is_empty(), "{}", backend.name);
        assert!(store.claim_reveal(id, 0).expect("reveals"));
        assert_eq!(store.history_of(UserId(u64::MAX - 5)).expect("h"), vec![a]);
        assert_eq!(users(&board()), vec![u64::MAX - 5], "{}", backend.name);
    }
}

#[test]
fn one_open_group_quiz_per_channel() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let first = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        let second = store
            .create_quiz(&new_quiz(Some(GUILD), CHANNEL, 2, QuizMode::Group))
            .expect("create_quiz works");
        assert_eq!(second, None, "{}: a second group quiz", backend.name);
        assert_eq!(
            store.open_quiz_in(CHANNEL).expect("open").map(|q| q.id),
            Some(first)
        );
        // Another channel, and solo quizzes in the same channel, are independent.
        let elsewhere = create(
            store,
            &new_quiz(Some(GUILD), OTHER_CHANNEL, 2, QuizMode::Group),
        );
        let solo = create(store, &new_quiz(Some(GUILD), CHANNEL, 3, QuizMode::Solo));
        assert_eq!(
            store.open_quiz_in(CHANNEL).expect("open").map(|q| q.id),
            Some(first),
            "a solo quiz is not the channel's group quiz"
        );
        assert!(store
            .close_quiz(first, QuizState::Stopped, T0 + 5)
            .expect("close"));
        assert!(
            !store
                .close_quiz(first, QuizState::Finished, T0 + 6)
                .expect("close"),
            "{}: closing twice reports it was not open",
            backend.name
        );
        assert_eq!(
            store.quiz(first).expect("quiz").expect("kept").state,
            QuizState::Stopped,
            "the first close wins"
        );
        assert_eq!(store.open_quiz_in(CHANNEL).expect("open"), None);
        let third = create(store, &new_quiz(Some(GUILD), CHANNEL, 2, QuizMode::Group));
        assert_ne!(third, first);
        assert_eq!(
            store.open_quiz_in(CHANNEL).expect("open").map(|q| q.id),
            Some(third)
        );
        assert_eq!(
            store
                .open_quiz_in(OTHER_CHANNEL)
                .expect("open")
                .map(|q| q.id),
            Some(elsewhere)
        );
        assert_eq!(
            store.quiz(solo).expect("quiz").expect("kept").state,
            QuizState::Open
        );
    }
}

#[test]
fn many_group_quizzes_race_for_one_channel_and_one_wins() {
    for (backend, store) in stores() {
        let barrier = Arc::new(Barrier::new(8));
        let handles: Vec<_> = (0..8u64)
            .map(|i| {
                let (store, barrier) = (Arc::clone(&store), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    store.create_quiz(&new_quiz(Some(GUILD), CHANNEL, i, QuizMode::Group))
                })
            })
            .collect();
        let created: Vec<QuizId> = handles
            .into_iter()
            .filter_map(|h| h.join().expect("no panic").expect("create_quiz works"))
            .collect();
        assert_eq!(created.len(), 1, "{}: {created:?}", backend.name);
        assert_eq!(store.open_quizzes().expect("open").len(), 1);
    }
}

#[test]
fn open_quizzes_and_open_solo_of() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let group = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        let solo_a = create(store, &new_quiz(Some(GUILD), CHANNEL, 7, QuizMode::Solo));
        let solo_b = create(store, &new_quiz(None, ChannelId(9), 7, QuizMode::Solo));
        let other_solo = create(store, &new_quiz(Some(GUILD), CHANNEL, 8, QuizMode::Solo));
        let closed = create(store, &new_quiz(Some(GUILD), CHANNEL, 7, QuizMode::Solo));
        assert!(store
            .close_quiz(closed, QuizState::Replaced, T0)
            .expect("close"));

        let solos: Vec<QuizId> = store
            .open_solo_of(UserId(7))
            .expect("open_solo_of")
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(solos, vec![solo_a, solo_b], "{}", backend.name);
        assert!(
            store
                .open_solo_of(UserId(1))
                .expect("open_solo_of")
                .is_empty(),
            "a group quiz's starter has no solo quiz"
        );

        let open: Vec<QuizId> = store
            .open_quizzes()
            .expect("open_quizzes")
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(
            open,
            vec![group, solo_a, solo_b, other_solo],
            "{}",
            backend.name
        );
        let dm = store.quiz(solo_b).expect("quiz").expect("found");
        assert_eq!(dm.guild, None);
        assert_eq!(dm.mode, QuizMode::Solo);

        for id in [group, solo_a, solo_b, other_solo] {
            assert!(store
                .close_quiz(id, QuizState::Interrupted, T0)
                .expect("close"));
        }
        assert!(store.open_quizzes().expect("open_quizzes").is_empty());
        assert!(store.open_solo_of(UserId(7)).expect("solo").is_empty());
    }
}

#[test]
fn an_answer_is_unique_per_quiz_round_and_member_and_the_first_is_kept() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let id = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
        store
            .start_round(id, 1, "q-1", T0 + 20, T0 + 40)
            .expect("round");
        let first = answer(id, 0, 5, true, 15, T0 + 1);
        record(store, &first);
        let again = answer(id, 0, 5, false, 0, T0 + 2);
        assert!(
            !store.record_answer(&again).expect("record_answer works"),
            "{}: a second answer is not counted",
            backend.name
        );
        assert_eq!(store.answers(id, 0).expect("answers"), vec![first]);
        // The same member in another round, and another member in the same round, count.
        record(store, &answer(id, 1, 5, false, 0, T0 + 21));
        record(store, &answer(id, 0, 6, true, 12, T0 + 8));
        assert_eq!(store.answers(id, 0).expect("answers").len(), 2);
        assert_eq!(store.answers(id, 1).expect("answers").len(), 1);
        assert!(store.answers(id, 2).expect("answers").is_empty());
        // Counted from each round's reveal on.
        assert!(store.quiz_standings(id).expect("standings").is_empty());
        assert!(store.claim_reveal(id, 0).expect("reveals"));
        let standings = store.quiz_standings(id).expect("standings");
        assert_eq!(users(&standings), vec![5, 6], "{}", backend.name);
        assert_eq!(standings[0].answered, 1, "{}", backend.name);
        assert!(store.claim_reveal(id, 1).expect("reveals"));
        let standings = store.quiz_standings(id).expect("standings");
        let five = standings
            .iter()
            .find(|s| s.user == UserId(5))
            .expect("member 5 has a standing");
        assert_eq!((five.points, five.correct, five.answered), (15, 1, 2));
    }
}

#[test]
fn everyone_answered_again_when_each_earlier_answerer_has_answered_this_round() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let id = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        for round in 0..3 {
            let at = T0 + 20 * u64::from(round);
            store
                .start_round(id, round, &format!("q-{round}"), at, at + 20)
                .expect("round");
        }
        let again = |round| {
            store
                .everyone_answered_again(id, round)
                .expect("everyone_answered_again works")
        };
        let name = backend.name;
        assert!(!again(0), "{name}: never on the first round");
        assert!(!again(1), "{name}: nobody answered the round before");
        record(store, &answer(id, 0, 5, true, 15, T0 + 1));
        record(store, &answer(id, 0, 6, false, 0, T0 + 2));
        assert!(!again(1), "{name}: nobody has answered yet");
        record(store, &answer(id, 1, 5, true, 15, T0 + 21));
        assert!(!again(1), "{name}: member 6 has not answered");
        // Somebody new does not stand in for member 6.
        record(store, &answer(id, 1, 7, true, 15, T0 + 22));
        assert!(!again(1), "{name}: member 6 still has not answered");
        record(store, &answer(id, 1, 6, false, 0, T0 + 23));
        assert!(again(1), "{name}: everyone from round 0 has answered");
        // Round 2 is measured against round 1's three.
        record(store, &answer(id, 2, 5, true, 15, T0 + 41));
        record(store, &answer(id, 2, 6, true, 15, T0 + 42));
        assert!(!again(2), "{name}: member 7 has not answered round 2");
        record(store, &answer(id, 2, 7, true, 15, T0 + 43));
        assert!(again(2), "{name}: all three have answered round 2");
    }
}

#[test]
fn an_answer_read_checked_and_written_as_one_unit_writes_only_what_its_check_returns() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let name = backend.name;
        let id = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
        store
            .start_round(id, 1, "q-1", T0 + 20, T0 + 40)
            .expect("round");
        record(store, &answer(id, 0, 5, true, 15, T0 + 1));
        // The check sees the quiz and the round as stored.
        let mut seen = None;
        let refused = store
            .answer_round(id, 1, &mut |quiz, round| {
                seen = Some((quiz.id, quiz.current, round.map(|r| r.deadline)));
                None
            })
            .expect("answer_round works");
        assert!(
            matches!(refused, Answering::Refused(ref q) if q.id == id),
            "{name}: {refused:?}"
        );
        assert_eq!(seen, Some((id, 1, Some(T0 + 40))), "{name}");
        assert!(store.answers(id, 1).expect("answers").is_empty(), "{name}");
        // A missing quiz: the check is not asked.
        let missing = store
            .answer_round(id + 1000, 0, &mut |_, _| panic!("no quiz to check"))
            .expect("answer_round works");
        assert_eq!(missing, Answering::NoQuiz, "{name}");
        // Written, and (asked) everyone from round 0 has answered round 1.
        let mine = answer(id, 1, 5, true, 12, T0 + 25);
        let written = store
            .answer_round(id, 1, &mut |_, _| Some((mine.clone(), true)))
            .expect("answer_round works");
        assert!(
            matches!(written, Answering::Recorded { ref quiz, everyone_again: true } if quiz.id == id),
            "{name}: {written:?}"
        );
        assert_eq!(store.answers(id, 1).expect("answers"), vec![mine.clone()]);
        // Not asked: not read.
        let other = answer(id, 1, 6, false, 0, T0 + 26);
        let written = store
            .answer_round(id, 1, &mut |_, _| Some((other.clone(), false)))
            .expect("answer_round works");
        assert!(
            matches!(
                written,
                Answering::Recorded {
                    everyone_again: false,
                    ..
                }
            ),
            "{name}: {written:?}"
        );
        // A second press by the same member changes nothing.
        let again = answer(id, 1, 5, false, 0, T0 + 27);
        let twice = store
            .answer_round(id, 1, &mut |_, _| Some((again.clone(), true)))
            .expect("answer_round works");
        assert!(matches!(twice, Answering::Again(_)), "{name}: {twice:?}");
        assert_eq!(store.answers(id, 1).expect("answers"), vec![mine, other]);
        // Counted from the reveals on.
        assert!(store.quiz_standings(id).expect("standings").is_empty());
        assert!(store.claim_reveal(id, 0).expect("reveals"));
        assert!(store.claim_reveal(id, 1).expect("reveals"));
        let five = store
            .quiz_standings(id)
            .expect("standings")
            .into_iter()
            .find(|s| s.user == UserId(5))
            .expect("member 5 has a standing");
        assert_eq!(
            (five.points, five.correct, five.answered),
            (27, 2, 2),
            "{name}"
        );
    }
}

#[test]
fn a_reveal_is_claimed_once() {
    for (backend, store) in stores() {
        let id = create(
            store.as_ref(),
            &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group),
        );
        store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
        assert!(
            store.claim_reveal(id, 0).expect("claim"),
            "{}",
            backend.name
        );
        assert!(!store.claim_reveal(id, 0).expect("claim"));
        assert!(store.round(id, 0).expect("round").expect("found").revealed);
        // A round that was never started cannot be claimed.
        assert!(!store.claim_reveal(id, 1).expect("claim"));

        // Eight threads (a timer, clicks, /quiz stop…) race for the next round.
        store
            .start_round(id, 1, "q-1", T0 + 20, T0 + 40)
            .expect("round");
        let barrier = Arc::new(Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (store, barrier) = (Arc::clone(&store), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    store.claim_reveal(id, 1)
                })
            })
            .collect();
        let wins = handles
            .into_iter()
            .map(|h| h.join().expect("no panic").expect("claim works"))
            .filter(|won| *won)
            .count();
        assert_eq!(wins, 1, "{}", backend.name);
    }
}

#[test]
fn answers_from_many_threads_at_once_are_each_counted_once() {
    for (backend, store) in stores() {
        let id = create(
            store.as_ref(),
            &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group),
        );
        store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
        let barrier = Arc::new(Barrier::new(16));
        let handles: Vec<_> = (0..16u64)
            .map(|i| {
                let (store, barrier) = (Arc::clone(&store), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    // Each member clicks twice; only the first click counts.
                    let first = store.record_answer(&answer(id, 0, 100 + i, true, 15, T0 + 1))?;
                    let second = store.record_answer(&answer(id, 0, 100 + i, false, 0, T0 + 2))?;
                    Ok::<_, summit_bot::store::StoreError>((first, second))
                })
            })
            .collect();
        for h in handles {
            let (first, second) = h.join().expect("no panic").expect("record works");
            assert!(first && !second, "{}", backend.name);
        }
        let answers = store.answers(id, 0).expect("answers");
        assert_eq!(answers.len(), 16);
        assert!(answers.iter().all(|a| a.correct && a.points == 15));
        let mut who: Vec<u64> = answers.iter().map(|a| a.user.get()).collect();
        who.sort_unstable();
        who.dedup();
        assert_eq!(who, (100..116).collect::<Vec<_>>());
        assert!(store.quiz_standings(id).expect("standings").is_empty());
        assert!(store.claim_reveal(id, 0).expect("reveals"));
        let standings = store.quiz_standings(id).expect("standings");
        assert_eq!(standings.len(), 16);
        assert!(standings.iter().all(|s| s.answered == 1 && s.points == 15));
    }
}

/// Answers written while their round is being revealed (the reveal claimed from another
/// thread in the middle of them; on PostgreSQL, on another connection) are each counted
/// once: by the reveal when they came before it, at once when they came after.
#[test]
fn answers_racing_their_rounds_reveal_are_each_counted_once() {
    for (backend, store) in stores() {
        for attempt in 0..6u64 {
            let guild = GuildId(7_000 + attempt);
            let id = create(
                store.as_ref(),
                &new_quiz(Some(guild), ChannelId(5_000 + attempt), 1, QuizMode::Group),
            );
            store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
            let answers: Vec<Answer> = (0..16u64)
                .map(|i| {
                    let mut a = answer(id, 0, 100 + i, i % 3 != 0, 10 + i as u32, T0 + i);
                    a.guild = Some(guild);
                    a
                })
                .collect();
            let barrier = Arc::new(Barrier::new(answers.len() + 1));
            let writers: Vec<_> = answers
                .iter()
                .cloned()
                .map(|a| {
                    let (store, barrier) = (Arc::clone(&store), Arc::clone(&barrier));
                    std::thread::spawn(move || {
                        barrier.wait();
                        store.record_answer(&a)
                    })
                })
                .collect();
            let revealer = {
                let (store, barrier) = (Arc::clone(&store), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    // Later in each attempt, so some answers come before it, some after.
                    std::thread::sleep(std::time::Duration::from_micros(300 * attempt));
                    store.claim_reveal(id, 0)
                })
            };
            for w in writers {
                assert!(w.join().expect("no panic").expect("record works"));
            }
            assert!(revealer.join().expect("no panic").expect("reveal works"));
            assert_eq!(
                store
                    .period_leaderboard(guild, Period::All, T0, 100)
                    .expect("board"),
                counted(&answers, guild, Period::All, T0),
                "{}: attempt {attempt}",
                backend.name
            );
        }
    }
}

#[test]
fn standings_order_by_points_then_right_answers() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let id = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        for r in 0..3 {
            store
                .start_round(id, r, &format!("q-{r}"), T0 + 20 * u64::from(r), T0 + 20)
                .expect("round");
        }
        // 4: 15 points, 1 right. 2: 30 points, 2 right. 1: 30 points, 3 right. 3: 0.
        // Recorded worst first, so the order cannot come from insertion.
        record(store, &answer(id, 0, 3, false, 0, T0 + 1));
        record(store, &answer(id, 0, 4, true, 15, T0 + 1));
        record(store, &answer(id, 0, 2, true, 15, T0 + 1));
        record(store, &answer(id, 1, 2, true, 15, T0 + 21));
        record(store, &answer(id, 2, 2, false, 0, T0 + 41));
        for r in 0..3 {
            record(
                store,
                &answer(id, r, 1, true, 10, T0 + 19 + 20 * u64::from(r)),
            );
        }
        assert!(store.quiz_standings(id).expect("standings").is_empty());
        for r in 0..3 {
            assert!(store.claim_reveal(id, r).expect("reveals"));
        }
        let standings = store.quiz_standings(id).expect("standings");
        assert_eq!(users(&standings), vec![1, 2, 4, 3], "{}", backend.name);
        assert_eq!(
            standings[0],
            Standing {
                user: UserId(1),
                points: 30,
                correct: 3,
                answered: 3
            }
        );
        assert_eq!(
            standings[1],
            Standing {
                user: UserId(2),
                points: 30,
                correct: 2,
                answered: 3
            }
        );
        assert_eq!(standings[3].points, 0);
        assert!(store
            .quiz_standings(id + 1000)
            .expect("standings")
            .is_empty());
    }
}

#[test]
fn the_leaderboard_counts_one_server_since_a_time() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let here = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        let there = create(
            store,
            &new_quiz(Some(OTHER_GUILD), ChannelId(880), 1, QuizMode::Group),
        );
        let old = T0 - 10 * 86_400;
        for id in [here, there] {
            store
                .start_round(id, 0, "q-0", old, old + 20)
                .expect("round");
            store.start_round(id, 1, "q-1", T0, T0 + 20).expect("round");
        }
        // Long ago in this server: member 1 did very well.
        record(store, &answer(here, 0, 1, true, 15, old + 1));
        record(store, &answer(here, 0, 2, true, 10, old + 15));
        // Recently: member 2 beat member 1, and member 3 answered wrong.
        record(store, &answer(here, 1, 1, true, 10, T0 + 19));
        record(store, &answer(here, 1, 2, true, 14, T0 + 2));
        record(store, &answer(here, 1, 3, false, 0, T0 + 3));
        // Another server's answers never appear here.
        let mut elsewhere = answer(there, 1, 9, true, 15, T0 + 1);
        elsewhere.guild = Some(OTHER_GUILD);
        record(store, &elsewhere);
        // Counted from the rounds' reveals on.
        assert!(store.leaderboard(GUILD, 0, 10).expect("lb").is_empty());
        assert!(store
            .leaderboard(OTHER_GUILD, 0, 10)
            .expect("lb")
            .is_empty());
        for id in [here, there] {
            for round in 0..2 {
                assert!(store.claim_reveal(id, round).expect("reveals"));
            }
        }

        let all = store.leaderboard(GUILD, 0, 10).expect("leaderboard");
        assert_eq!(users(&all), vec![1, 2, 3], "{}", backend.name);
        assert_eq!((all[0].points, all[0].correct, all[0].answered), (25, 2, 2));
        let recent = store.leaderboard(GUILD, T0, 10).expect("leaderboard");
        assert_eq!(users(&recent), vec![2, 1, 3], "{}: since T0", backend.name);
        assert_eq!(recent[0].points, 14);
        assert_eq!(recent[1].points, 10);
        // `since` is inclusive.
        let from_first = store.leaderboard(GUILD, T0 + 2, 10).expect("leaderboard");
        assert_eq!(users(&from_first), vec![2, 1, 3]);
        let late = store.leaderboard(GUILD, T0 + 4, 10).expect("leaderboard");
        assert_eq!(users(&late), vec![1]);
        assert_eq!(
            users(&store.leaderboard(GUILD, 0, 2).expect("lb")),
            vec![1, 2]
        );
        assert_eq!(
            users(&store.leaderboard(OTHER_GUILD, 0, 10).expect("lb")),
            vec![9]
        );
        assert!(store
            .leaderboard(GuildId(12345), 0, 10)
            .expect("lb")
            .is_empty());
    }
}

/// What a period's leaderboard must say, counted from the answers themselves: a server's
/// answers whose period (Japan time) is the one containing `now`, best first.
fn counted(answers: &[Answer], guild: GuildId, period: Period, now: u64) -> Vec<Standing> {
    let start = period_start(period, now);
    // user -> (points, correct, answered, first answer)
    let mut totals: std::collections::BTreeMap<u64, (u64, u64, u64, u64)> = Default::default();
    for a in answers
        .iter()
        .filter(|a| a.guild == Some(guild) && period_start(period, a.answered_at) == start)
    {
        let t = totals.entry(a.user.get()).or_insert((0, 0, 0, u64::MAX));
        t.0 += u64::from(a.points);
        t.1 += u64::from(a.correct);
        t.2 += 1;
        t.3 = t.3.min(a.answered_at);
    }
    let mut rows: Vec<_> = totals.into_iter().collect();
    rows.sort_by_key(|&(user, (points, correct, _, first))| {
        (
            std::cmp::Reverse(points),
            std::cmp::Reverse(correct),
            first,
            user,
        )
    });
    rows.into_iter()
        .map(|(user, (points, correct, answered, _))| Standing {
            user: UserId(user),
            points,
            correct,
            answered,
        })
        .collect()
}

/// A group quiz in each of two servers and a solo quiz in a DM, for
/// [`answers_around_period_starts`].
fn three_quizzes(store: &dyn Store) -> (QuizId, QuizId, QuizId) {
    let here = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    let there = create(
        store,
        &new_quiz(Some(OTHER_GUILD), ChannelId(880), 1, QuizMode::Group),
    );
    let dm = create(store, &new_quiz(None, ChannelId(990), 3, QuizMode::Solo));
    (here, there, dm)
}

/// Answers on both sides of a week's and a month's start in Japan time (Monday 00:00 and
/// the 1st 00:00 JST, i.e. 15:00 UTC the day before), in two servers and a DM.
fn answers_around_period_starts(here: QuizId, there: QuizId, dm: QuizId) -> Vec<Answer> {
    let week = period_start(Period::Week, T0);
    let next_month = period_start(Period::Month, T0 + 10 * 86_400);
    let times = [
        week - 1,
        week,
        week + 3_600,
        T0,
        T0 + 7,
        next_month - 1,
        next_month,
        next_month + 86_400,
        T0 - 40 * 86_400,
    ];
    let mut all = Vec::new();
    for (i, &at) in times.iter().enumerate() {
        let round = u32::try_from(i).expect("small");
        for user in 1..=4u64 {
            let correct = !(user + i as u64).is_multiple_of(3);
            let points = if correct {
                10 + ((user * 7 + i as u64) % 6) as u32
            } else {
                0
            };
            all.push(answer(here, round, user, correct, points, at + user));
        }
        let mut elsewhere = answer(there, round, 2, true, 15, at);
        elsewhere.guild = Some(OTHER_GUILD);
        all.push(elsewhere);
        let mut private = answer(dm, round, 3, true, 15, at);
        private.guild = None;
        all.push(private);
    }
    // Two members level on points and right answers: the first to get there ranks higher.
    all.push(answer(here, 20, 8, true, 12, T0 + 100));
    all.push(answer(here, 20, 9, true, 12, T0 + 50));
    all
}

#[track_caller]
fn assert_period_boards(backend: &str, store: &dyn Store, answers: &[Answer]) {
    let week = period_start(Period::Week, T0);
    let next_month = period_start(Period::Month, T0 + 10 * 86_400);
    for now in [
        week - 1,
        week,
        T0,
        next_month - 1,
        next_month,
        T0 - 40 * 86_400,
    ] {
        for period in [Period::Week, Period::Month, Period::All] {
            for guild in [GUILD, OTHER_GUILD, GuildId(12345)] {
                let expected = counted(answers, guild, period, now);
                assert_eq!(
                    store
                        .period_leaderboard(guild, period, now, 100)
                        .expect("period_leaderboard"),
                    expected,
                    "{backend}: {period:?} containing {now}, guild {guild:?}"
                );
                let top: Vec<_> = expected.iter().take(2).cloned().collect();
                assert_eq!(
                    store
                        .period_leaderboard(guild, period, now, 2)
                        .expect("period_leaderboard"),
                    top,
                    "{backend}: the limit keeps the best"
                );
            }
        }
    }
}

#[test]
fn period_leaderboards_hold_the_answers_of_each_japan_week_month_and_all_time() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let (here, there, dm) = three_quizzes(store);
        let answers = answers_around_period_starts(here, there, dm);
        for a in &answers {
            record(store, a);
            // A second answer to the same round is refused and changes no total.
            let mut again = a.clone();
            again.points = 999;
            assert!(!store.record_answer(&again).expect("record_answer works"));
        }
        // Nothing counts before its round's reveal; each answer once after.
        assert_period_boards(backend.name, store, &[]);
        reveal_rounds(store, &answers);
        assert_period_boards(backend.name, store, &answers);
        // An answer written to a round already revealed (the bot writes none) counts at once.
        let mut answers = answers;
        let after = answer(here, 0, 7, true, 11, T0 + 30);
        record(store, &after);
        answers.push(after);
        assert_period_boards(backend.name, store, &answers);
        // The all-time board is the general leaderboard from time 0.
        assert_eq!(
            store
                .period_leaderboard(GUILD, Period::All, T0, 100)
                .expect("board"),
            store.leaderboard(GUILD, 0, 100).expect("leaderboard"),
            "{}",
            backend.name
        );
        // Another process's store on the same database sees the same totals.
        let other = (backend.reopen)();
        assert_period_boards(backend.name, other.as_ref(), &answers);
    }
}

/// Answers as schema versions 1 to 3 kept them: a rowid table, in the order written (which
/// also drops the triggers that later versions had on it), and no history table (version
/// 6's).
const ANSWERS_IN_A_ROWID_TABLE: &str = "DROP TABLE answer_history; \
    CREATE TABLE answers_v3 ( \
    quiz_id INTEGER NOT NULL REFERENCES quizzes(id), round INTEGER NOT NULL, \
    guild_id INTEGER, user_id INTEGER NOT NULL, question_id TEXT NOT NULL, \
    choice INTEGER NOT NULL, correct INTEGER NOT NULL, points INTEGER NOT NULL, \
    answered_at INTEGER NOT NULL, PRIMARY KEY (quiz_id, round, user_id)); \
    INSERT INTO answers_v3 SELECT quiz_id, round, guild_id, user_id, question_id, \
    choice, correct, points, answered_at FROM answers ORDER BY quiz_id, round, seq; \
    DROP TABLE answers; \
    ALTER TABLE answers_v3 RENAME TO answers; \
    CREATE INDEX answers_by_user ON answers(user_id, answered_at);";

#[test]
fn a_sqlite_file_from_before_the_totals_gets_them_from_its_answers() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("old.sqlite3");
    let mut answers = {
        let store = SqliteStore::open(&path).expect("opens");
        let (here, there, dm) = three_quizzes(&store);
        let answers = answers_around_period_starts(here, there, dm);
        for a in &answers {
            record(&store, a);
        }
        reveal_rounds(&store, &answers);
        answers
    };
    // The file as a build of schema version 2 left it: answers, no totals.
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(ANSWERS_IN_A_ROWID_TABLE)
            .expect("answers as before version 4");
        conn.execute_batch(
            "DROP TABLE standings; \
             CREATE INDEX answers_by_guild ON answers(guild_id, answered_at); \
             PRAGMA user_version = 2;",
        )
        .expect("back to version 2");
    }
    assert_eq!(schema_version_of(&path), 2);
    let store = SqliteStore::open(&path).expect("migrates");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_period_boards("sqlite migrated", &store, &answers);
    // And new answers are added from then on, at their round's reveal.
    let late = answer(answers[0].quiz, 30, 4, true, 20, T0 + 9);
    record(&store, &late);
    assert_period_boards("sqlite migrated, then answered", &store, &answers);
    answers.push(late);
    reveal_rounds(&store, &answers[answers.len() - 1..]);
    assert_period_boards("sqlite migrated, answered, revealed", &store, &answers);
}

#[test]
fn a_sqlite_file_with_answers_in_a_rowid_table_keeps_them_and_their_order() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("v3.sqlite3");
    let (here, mut answers) = {
        let store = SqliteStore::open(&path).expect("opens");
        let (here, there, dm) = three_quizzes(&store);
        let mut answers = answers_around_period_starts(here, there, dm);
        // Three members in one second, written in an order that is not theirs by id.
        for user in [9, 3, 6] {
            answers.push(answer(here, 40, user, true, 10, T0 + 5));
        }
        for a in &answers {
            record(&store, a);
        }
        reveal_rounds(&store, &answers);
        (here, answers)
    };
    // The file as a build of schema version 3 left it: answers in a rowid table, written
    // in the order they were recorded, with the totals already added.
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(ANSWERS_IN_A_ROWID_TABLE)
            .expect("answers as before version 4");
        conn.pragma_update(None, "user_version", 3)
            .expect("back to version 3");
    }
    assert_eq!(schema_version_of(&path), 3);
    let store = SqliteStore::open(&path).expect("migrates");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    // Every answer kept, the totals neither lost nor counted again.
    let mut users: Vec<u64> = answers.iter().map(|a| a.user.0).collect();
    users.sort_unstable();
    users.dedup();
    let mut history: Vec<Answer> = users
        .iter()
        .flat_map(|&u| store.history_of(UserId(u)).expect("history"))
        .collect();
    let key = |a: &Answer| (a.quiz, a.round, a.user.0);
    history.sort_by_key(key);
    let mut expected = answers.clone();
    expected.sort_by_key(key);
    assert_eq!(history, expected, "every answer, unchanged");
    assert_period_boards("sqlite from version 3", &store, &answers);
    // One second's answers keep the order they were written in; a new one comes after.
    let late = answer(here, 40, 1, true, 10, T0 + 5);
    record(&store, &late);
    let order: Vec<u64> = store
        .answers(here, 40)
        .expect("answers")
        .iter()
        .map(|a| a.user.0)
        .collect();
    assert_eq!(order, vec![9, 3, 6, 1]);
    // Round 40 is revealed: an answer to it counts at once.
    answers.push(late);
    assert_period_boards("sqlite from version 3, then answered", &store, &answers);
    // The answers are one B-tree now: no rowid, no separate primary-key index.
    let conn = rusqlite::Connection::open(&path).expect("opens");
    assert!(conn.prepare("SELECT rowid FROM answers").is_err());
    let indexes: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'answers'",
            [],
            |r| r.get(0),
        )
        .expect("schema reads");
    assert_eq!(
        indexes, 0,
        "no index beside the key (a member's history has its own)"
    );
}

/// Each member's history, as `history_of` reads it.
fn histories(store: &dyn Store, answers: &[Answer]) -> Vec<Vec<Answer>> {
    let mut users: Vec<u64> = answers.iter().map(|a| a.user.0).collect();
    users.sort_unstable();
    users.dedup();
    users
        .iter()
        .map(|&u| store.history_of(UserId(u)).expect("history"))
        .collect()
}

/// Each member's history as it should read: the answers of `shown` rounds, oldest first.
fn expected_histories(answers: &[Answer], shown: &[(QuizId, u32)]) -> Vec<Vec<Answer>> {
    let mut users: Vec<u64> = answers.iter().map(|a| a.user.0).collect();
    users.sort_unstable();
    users.dedup();
    users
        .iter()
        .map(|&u| {
            let mut mine: Vec<Answer> = answers
                .iter()
                .filter(|a| a.user.0 == u && shown.contains(&(a.quiz, a.round)))
                .cloned()
                .collect();
            mine.sort_by_key(|a| (a.answered_at, a.quiz, a.round));
            mine
        })
        .collect()
}

/// Version 5 read a member's history from an index on every answer; version 6 from its
/// own key, written at the reveal. A file from version 5 with rounds revealed and rounds
/// still open keeps every member's history (a DM's too), adds an open round's answers at
/// its reveal, and an answer to a round already revealed at once.
#[test]
fn a_sqlite_file_from_version_5_keeps_each_members_history() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("v5.sqlite3");
    let (here, mut answers, revealed, open) =
        answered_half_revealed(&SqliteStore::open(&path).expect("opens"));
    assert!(!open.is_empty() && !revealed.is_empty());
    assert!(answers.iter().any(|a| a.guild.is_none()), "a DM's answer");
    // The file as a build of schema version 5 left it: the index, no history of its own.
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(
            "DROP TRIGGER answers_add_to_history; \
             DROP TABLE answer_history; \
             CREATE INDEX answers_by_user ON answers(user_id, answered_at); \
             PRAGMA user_version = 5;",
        )
        .expect("back to version 5");
    }
    assert_eq!(schema_version_of(&path), 5);
    let store = SqliteStore::open(&path).expect("migrates");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_histories_from_version_5("sqlite", &store, here, &mut answers, &revealed, &open);
    let conn = rusqlite::Connection::open(&path).expect("opens");
    let indexes: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'answers'",
            [],
            |r| r.get(0),
        )
        .expect("schema reads");
    assert_eq!(indexes, 0, "answers_by_user is gone");
}

/// A quiz, a round, an answer (its totals added by the trigger) and a reveal, as a build
/// of schema version 4 wrote them (src/store/sqlite.rs at that version).
const V4_QUIZ: &str = "INSERT INTO quizzes (guild_id, channel_id, starter_id, mode, topic, \
    seconds, seed, questions, state, current, created_at) \
    VALUES (?1, ?2, 1, ?3, 'all', 20, 7, 'q-0,q-1', 'open', 0, ?4)";
const V4_ROUND: &str = "INSERT INTO rounds (quiz_id, round, question_id, started_at, deadline) \
    VALUES (?1, ?2, ?3, ?4, ?5)";
const V4_ANSWER: &str = "INSERT OR IGNORE INTO answers (quiz_id, round, guild_id, user_id, \
    question_id, choice, correct, points, answered_at, seq) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
    (SELECT COALESCE(MAX(seq), 0) + 1 FROM answers WHERE quiz_id = ?1 AND round = ?2))";
const V4_REVEAL: &str =
    "UPDATE rounds SET revealed = 1 WHERE quiz_id = ?1 AND round = ?2 AND revealed = 0";

/// Answers around period starts in three quizzes (one a DM's), every round started and
/// every other one revealed: the quiz named "here", the answers, the revealed rounds and the
/// open ones.
#[allow(clippy::type_complexity)]
fn answered_half_revealed(
    store: &dyn Store,
) -> (QuizId, Vec<Answer>, Vec<(QuizId, u32)>, Vec<(QuizId, u32)>) {
    let (here, there, dm) = three_quizzes(store);
    let answers = answers_around_period_starts(here, there, dm);
    for a in &answers {
        record(store, a);
    }
    let (revealed, open): (Vec<_>, Vec<_>) = rounds_of(&answers)
        .into_iter()
        .partition(|(_, r)| r % 2 == 0);
    for &(quiz, round) in revealed.iter().chain(&open) {
        if store.round(quiz, round).expect("round").is_none() {
            store
                .start_round(quiz, round, &format!("q-{round}"), T0, T0 + 20)
                .expect("round");
        }
    }
    for &(quiz, round) in &revealed {
        assert!(store.claim_reveal(quiz, round).expect("reveals"));
    }
    (here, answers, revealed, open)
}

/// After a migration from schema version 5: each member's history holds the revealed
/// rounds' answers, oldest first; the open rounds' answers join it at their reveal; an
/// answer to a round already revealed is in it at once; the period boards agree.
fn assert_histories_from_version_5(
    backend: &str,
    store: &dyn Store,
    here: QuizId,
    answers: &mut Vec<Answer>,
    revealed: &[(QuizId, u32)],
    open: &[(QuizId, u32)],
) {
    assert_eq!(
        histories(store, answers),
        expected_histories(answers, revealed),
        "{backend}: the revealed rounds' answers, oldest first"
    );
    for &(quiz, round) in open {
        assert!(store.claim_reveal(quiz, round).expect("reveals"));
    }
    let all = rounds_of(answers);
    assert_eq!(
        histories(store, answers),
        expected_histories(answers, &all),
        "{backend}: the open rounds' answers joined at their reveal"
    );
    let round = revealed.iter().find(|r| r.0 == here).expect("one").1;
    let late = answer(here, round, 77, true, 10, T0 + 9);
    record(store, &late);
    answers.push(late);
    assert_eq!(
        histories(store, answers),
        expected_histories(answers, &all),
        "{backend}: a late answer at once"
    );
    assert_period_boards(&format!("{backend} from version 5"), store, answers);
}

/// The rounds `answers` were given in, each once.
fn rounds_of(answers: &[Answer]) -> Vec<(QuizId, u32)> {
    let mut rounds: Vec<_> = answers.iter().map(|a| (a.quiz, a.round)).collect();
    rounds.sort_unstable();
    rounds.dedup();
    rounds
}

/// Version 4 added every answer to the totals as it was written; version 5 adds a round's
/// answers at its reveal, and the totals count revealed rounds only. A file from version 4
/// with rounds revealed and rounds still open counts the revealed rounds' answers once,
/// and the open rounds' answers once from their reveal on; a quiz already over whose last
/// round was never revealed (a reveal cut off) keeps its answers counted.
#[test]
fn a_sqlite_file_from_version_4_counts_each_answer_once_revealed_or_not() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("v4.sqlite3");
    SqliteStore::create_at_version(&path, 4).expect("a version 4 file");
    assert_eq!(schema_version_of(&path), 4);
    let conn = rusqlite::Connection::open(&path).expect("opens");
    let quiz = |guild: Option<GuildId>, channel: u64, mode: &str| -> QuizId {
        conn.execute(
            V4_QUIZ,
            rusqlite::params![guild.map(|g| g.0 as i64), channel as i64, mode, T0 as i64],
        )
        .expect("a quiz");
        conn.last_insert_rowid()
    };
    let here = quiz(Some(GUILD), CHANNEL.0, "group");
    let there = quiz(Some(OTHER_GUILD), 880, "group");
    let dm = quiz(None, 990, "solo");
    let mut answers = answers_around_period_starts(here, there, dm);
    let over = quiz(Some(GUILD), 7_700, "group");
    conn.execute(
        "UPDATE quizzes SET state = 'finished' WHERE id = ?1",
        rusqlite::params![over],
    )
    .expect("a quiz over");
    answers.push(answer(over, 0, 1, true, 13, T0 + 3));
    answers.push(answer(over, 0, 5, false, 0, T0 + 4));
    let rounds = rounds_of(&answers);
    let started = T0 - 50 * 86_400;
    for &(quiz, round) in &rounds {
        conn.execute(
            V4_ROUND,
            rusqlite::params![
                quiz,
                round,
                format!("q-{round}"),
                started as i64,
                started as i64 + 20
            ],
        )
        .expect("a round");
    }
    for a in &answers {
        let n = conn
            .execute(
                V4_ANSWER,
                rusqlite::params![
                    a.quiz,
                    a.round,
                    a.guild.map(|g| g.0 as i64),
                    a.user.0 as i64,
                    a.question,
                    a.choice,
                    a.correct,
                    a.points,
                    a.answered_at as i64
                ],
            )
            .expect("an answer");
        assert_eq!(n, 1);
    }
    // Half the rounds revealed, half still open (their answers already in the totals).
    let (revealed, open): (Vec<_>, Vec<_>) = rounds
        .iter()
        .filter(|(quiz, _)| *quiz != over)
        .partition(|(_, r)| r % 2 == 0);
    for &(quiz, round) in &revealed {
        assert_eq!(
            conn.execute(V4_REVEAL, rusqlite::params![quiz, round])
                .expect("reveal"),
            1
        );
    }
    assert!(!open.is_empty());
    drop(conn);
    let store = SqliteStore::open(&path).expect("migrates");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    // The open rounds' answers (which version 4 had counted) wait for their reveal.
    let shown: Vec<Answer> = answers
        .iter()
        .filter(|a| !open.contains(&(a.quiz, a.round)))
        .cloned()
        .collect();
    assert!(shown.len() < answers.len());
    assert_period_boards("sqlite from version 4", &store, &shown);
    assert!(
        store
            .round(over, 0)
            .expect("reads")
            .expect("round")
            .revealed,
        "the round of a quiz over is revealed by the migration"
    );
    // The open rounds are revealed now: their answers are counted once.
    for &(quiz, round) in &open {
        assert!(store.claim_reveal(quiz, round).expect("claims"));
        assert!(!store.claim_reveal(quiz, round).expect("claims"));
    }
    assert_period_boards("sqlite from version 4, revealed", &store, &answers);
    // A new round: its answer not counted while it is open, and once after its reveal.
    store
        .start_round(here, 30, "q-30", T0 + 9, T0 + 29)
        .expect("round");
    let late = answer(here, 30, 4, true, 20, T0 + 9);
    record(&store, &late);
    assert_period_boards("sqlite from version 4, answered", &store, &answers);
    answers.push(late);
    assert!(store.claim_reveal(here, 30).expect("claims"));
    assert_period_boards(
        "sqlite from version 4, answered and revealed",
        &store,
        &answers,
    );
}

/// A reveal adds its round's answers to the totals in the transaction that marks it
/// revealed: when adding them fails, the round stays unrevealed, its answers are still not
/// counted, and the next reveal adds them once.
#[test]
fn a_reveal_that_fails_writes_neither_its_mark_nor_the_totals() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("reveal.sqlite3");
    let store = SqliteStore::open(&path).expect("opens");
    let id = create(&store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
    store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
    let answers: Vec<Answer> = [1, 2, 666]
        .into_iter()
        .map(|user| answer(id, 0, user, user != 2, 15, T0 + user % 10))
        .collect();
    for a in &answers {
        record(&store, a);
    }
    assert_period_boards("sqlite, answered", &store, &[]);
    // Another process's schema: adding member 666's totals fails mid-statement.
    let other = rusqlite::Connection::open(&path).expect("opens");
    other
        .execute_batch(
            "CREATE TRIGGER fail BEFORE INSERT ON standings WHEN NEW.user_id = 666 \
             BEGIN SELECT RAISE(ABORT, 'the disk failed'); END;",
        )
        .expect("a failing trigger");
    assert!(store.claim_reveal(id, 0).is_err());
    let round = store.round(id, 0).expect("reads").expect("the round");
    assert!(
        !round.revealed,
        "the reveal's mark is rolled back with its totals"
    );
    assert_period_boards("sqlite, reveal failed", &store, &[]);
    other.execute_batch("DROP TRIGGER fail").expect("drops");
    assert!(store.claim_reveal(id, 0).expect("claims"));
    assert!(!store.claim_reveal(id, 0).expect("claims"));
    assert_period_boards("sqlite, revealed", &store, &answers);
}

#[test]
fn a_postgres_schema_from_before_the_totals_gets_them_from_its_answers() {
    let Some(url) = test_postgres::url("postgres totals migration") else {
        return;
    };
    let schema = test_postgres::fresh_schema("totals");
    let mut answers = {
        let store = PostgresStore::connect_in(&url, Some(&schema)).expect("connects");
        let (here, there, dm) = three_quizzes(&store);
        let answers = answers_around_period_starts(here, there, dm);
        for a in &answers {
            record(&store, a);
        }
        reveal_rounds(&store, &answers);
        answers
    };
    {
        let (url, schema) = (url.clone(), schema.clone());
        std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
            c.batch_execute(&format!(
                "DROP TABLE {schema}.standings; \
                 DROP FUNCTION {schema}.answers_add_to_standings() CASCADE; \
                 CREATE INDEX answers_by_guild ON {schema}.answers(guild_id, answered_at); \
                 DROP TABLE {schema}.answer_history; \
                 CREATE INDEX answers_by_user ON {schema}.answers(user_id, answered_at); \
                 UPDATE {schema}.schema_version SET version = 2;"
            ))
            .expect("back to version 2");
        })
        .join()
        .expect("no panic");
    }
    assert_eq!(pg_version(&url, &schema), 2);
    let store = PostgresStore::connect_in(&url, Some(&schema)).expect("migrates");
    assert_eq!(pg_version(&url, &schema), SCHEMA_VERSION);
    assert_period_boards("postgres migrated", &store, &answers);
    let late = answer(answers[0].quiz, 30, 4, true, 20, T0 + 9);
    record(&store, &late);
    assert_period_boards("postgres migrated, then answered", &store, &answers);
    answers.push(late);
    reveal_rounds(&store, &answers[answers.len() - 1..]);
    assert_period_boards("postgres migrated, answered, revealed", &store, &answers);
}

/// As SQLite's version 5 test: a schema from version 5 keeps every member's history.
#[test]
fn a_postgres_schema_from_version_5_keeps_each_members_history() {
    let Some(url) = test_postgres::url("postgres history migration") else {
        return;
    };
    let schema = test_postgres::fresh_schema("history");
    let (here, mut answers, revealed, open) =
        answered_half_revealed(&PostgresStore::connect_in(&url, Some(&schema)).expect("connects"));
    assert!(!open.is_empty() && !revealed.is_empty());
    {
        let (url, schema) = (url.clone(), schema.clone());
        std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
            c.batch_execute(&format!(
                "DROP TABLE {schema}.answer_history; \
                 CREATE INDEX answers_by_user ON {schema}.answers(user_id, answered_at); \
                 UPDATE {schema}.schema_version SET version = 5;"
            ))
            .expect("back to version 5");
        })
        .join()
        .expect("no panic");
    }
    assert_eq!(pg_version(&url, &schema), 5);
    let store = PostgresStore::connect_in(&url, Some(&schema)).expect("migrates");
    assert_eq!(pg_version(&url, &schema), SCHEMA_VERSION);
    assert_histories_from_version_5("postgres", &store, here, &mut answers, &revealed, &open);
}

#[test]
fn a_members_history_is_oldest_first_across_quizzes() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let first = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        let second = create(
            store,
            &new_quiz(Some(GUILD), OTHER_CHANNEL, 1, QuizMode::Group),
        );
        for id in [first, second] {
            store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
            store.start_round(id, 1, "q-1", T0, T0 + 20).expect("round");
        }
        // Written out of time order.
        record(store, &answer(second, 1, 5, true, 10, T0 + 300));
        record(store, &answer(first, 0, 5, false, 0, T0 + 100));
        record(store, &answer(second, 0, 5, true, 15, T0 + 200));
        record(store, &answer(first, 1, 5, true, 12, T0 + 150));
        record(store, &answer(first, 1, 6, true, 12, T0 + 50));
        // A member's history holds the answers of revealed rounds: one round at a time.
        assert!(store.history_of(UserId(5)).expect("history").is_empty());
        assert!(store.claim_reveal(second, 0).expect("reveals"));
        let history = store.history_of(UserId(5)).expect("history");
        assert_eq!(history.len(), 1, "{}", backend.name);
        assert_eq!(history[0].answered_at, T0 + 200, "{}", backend.name);
        for (id, round) in [(first, 0), (first, 1), (second, 1)] {
            assert!(store.claim_reveal(id, round).expect("reveals"));
        }
        let history = store.history_of(UserId(5)).expect("history");
        let times: Vec<u64> = history.iter().map(|a| a.answered_at).collect();
        assert_eq!(
            times,
            vec![T0 + 100, T0 + 150, T0 + 200, T0 + 300],
            "{}",
            backend.name
        );
        assert!(history.iter().all(|a| a.user == UserId(5)));
        assert!(store.history_of(UserId(404)).expect("history").is_empty());
    }
}

#[test]
fn recent_questions_are_newest_first_per_server_and_per_dm_channel() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let a = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        let b = create(
            store,
            &new_quiz(Some(GUILD), OTHER_CHANNEL, 2, QuizMode::Solo),
        );
        let other = create(
            store,
            &new_quiz(Some(OTHER_GUILD), ChannelId(880), 3, QuizMode::Group),
        );
        let dm = create(store, &new_quiz(None, ChannelId(5001), 4, QuizMode::Solo));
        let other_dm = create(store, &new_quiz(None, ChannelId(5002), 5, QuizMode::Solo));
        store.start_round(a, 0, "a0", T0, T0 + 20).expect("round");
        store
            .start_round(b, 0, "b0", T0 + 5, T0 + 25)
            .expect("round");
        store
            .start_round(a, 1, "a1", T0 + 20, T0 + 40)
            .expect("round");
        store
            .start_round(b, 1, "b1", T0 + 30, T0 + 50)
            .expect("round");
        store
            .start_round(other, 0, "x0", T0 + 60, T0 + 80)
            .expect("round");
        store.start_round(dm, 0, "d0", T0, T0 + 20).expect("round");
        store
            .start_round(dm, 1, "d1", T0 + 10, T0 + 30)
            .expect("round");
        store
            .start_round(other_dm, 0, "e0", T0 + 90, T0 + 110)
            .expect("round");

        let server = store
            .recent_questions(Some(GUILD), CHANNEL, 50)
            .expect("recent");
        assert_eq!(server, vec!["b1", "a1", "b0", "a0"], "{}", backend.name);
        // The channel does not matter in a server.
        assert_eq!(
            store
                .recent_questions(Some(GUILD), ChannelId(1), 50)
                .expect("recent"),
            server
        );
        assert_eq!(
            store
                .recent_questions(Some(GUILD), CHANNEL, 2)
                .expect("recent"),
            vec!["b1", "a1"]
        );
        assert_eq!(
            store
                .recent_questions(Some(OTHER_GUILD), CHANNEL, 50)
                .expect("recent"),
            vec!["x0"]
        );
        // In DMs, per channel.
        assert_eq!(
            store
                .recent_questions(None, ChannelId(5001), 50)
                .expect("recent"),
            vec!["d1", "d0"],
            "{}",
            backend.name
        );
        assert_eq!(
            store
                .recent_questions(None, ChannelId(5002), 50)
                .expect("recent"),
            vec!["e0"]
        );
        assert!(
            store
                .recent_questions(None, CHANNEL, 50)
                .expect("recent")
                .is_empty(),
            "a server channel's rounds are not a DM's"
        );
    }
}

#[test]
fn a_round_cannot_be_started_twice() {
    for (backend, store) in stores() {
        let id = create(
            store.as_ref(),
            &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group),
        );
        store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
        assert!(
            store.start_round(id, 0, "q-x", T0 + 1, T0 + 21).is_err(),
            "{}",
            backend.name
        );
        let round = store.round(id, 0).expect("round").expect("found");
        assert_eq!(round.question, "q-0", "the first start is kept");
    }
}

#[test]
fn a_quiz_and_its_round_read_together_are_what_each_read_alone_says() {
    for (backend, store) in stores() {
        let store = store.as_ref();
        let id = create(store, &new_quiz(Some(GUILD), CHANNEL, 1, QuizMode::Group));
        store.start_round(id, 0, "q-0", T0, T0 + 20).expect("round");
        store
            .set_round_message(id, 0, MessageId(u64::MAX - 3))
            .expect("message");
        assert!(store.claim_reveal(id, 0).expect("claim"));
        store
            .start_round(id, 1, "q-1", T0 + 30, T0 + 50)
            .expect("round");
        let quiz = store.quiz(id).expect("quiz").expect("found");
        for round in [0, 1] {
            assert_eq!(
                store.quiz_and_round(id, round).expect("read"),
                Some((quiz.clone(), store.round(id, round).expect("round"))),
                "{}: round {round}",
                backend.name
            );
        }
        let (_, first) = store.quiz_and_round(id, 0).expect("read").expect("found");
        let first = first.expect("round 0 was shown");
        assert!(first.revealed);
        assert_eq!(first.message, Some(MessageId(u64::MAX - 3)));
        assert_eq!(
            store.quiz_and_round(id, 2).expect("read"),
            Some((quiz, None)),
            "{}: a round not shown yet",
            backend.name
        );
        assert_eq!(store.quiz_and_round(id + 1000, 0).expect("read"), None);
    }
}

// ---- daily posts: one per server and local date, across processes ----------------------

fn daily_post(guild: u64, date: &str, at: u64) -> DailyPost {
    DailyPost {
        guild: GuildId(guild),
        date: date.to_string(),
        channel: ChannelId(guild + 1),
        fact: "fact-1".into(),
        claimed_at: at,
        message: None,
        sent_at: None,
        late: false,
    }
}

#[test]
fn two_processes_claiming_the_same_days_posts_each_win_exactly_once() {
    for (backend, store) in stores() {
        // Two "processes": two stores on one database, racing over 50 servers.
        let other = (backend.reopen)();
        let barrier = Arc::new(Barrier::new(2));
        let claim_all = |store: Arc<dyn Store>, barrier: Arc<Barrier>| {
            std::thread::spawn(move || {
                barrier.wait();
                (1..=50u64)
                    .filter(|g| {
                        store
                            .claim_daily(&daily_post(1000 + g, "2026-11-26", T0), None)
                            .expect("claim works")
                    })
                    .collect::<Vec<_>>()
            })
        };
        let a = claim_all(Arc::clone(&store), Arc::clone(&barrier));
        let b = claim_all(other, barrier);
        let (a, b) = (a.join().expect("no panic"), b.join().expect("no panic"));
        assert_eq!(a.len() + b.len(), 50, "{}: {a:?} {b:?}", backend.name);
        assert!(a.iter().all(|g| !b.contains(g)), "{}", backend.name);
        assert_eq!(store.unsent_dailies().expect("unsent").len(), 50);
        // The next local date is another row.
        assert!(store
            .claim_daily(&daily_post(1001, "2026-11-27", T0 + 86_400), None)
            .expect("claim"));
    }
}

#[test]
fn a_stale_claim_is_reclaimed_once_and_a_released_one_can_be_claimed_again() {
    for (backend, store) in stores() {
        let other = (backend.reopen)();
        let post = daily_post(2001, "2026-11-26", T0);
        assert!(store.claim_daily(&post, None).expect("claim"));
        assert!(
            !other.claim_daily(&post, None).expect("claim"),
            "{}",
            backend.name
        );
        // Not stale yet.
        assert!(!other
            .reclaim_daily(post.guild, &post.date, T0 - 1, T0 + 5)
            .expect("r"));
        let barrier = Arc::new(Barrier::new(2));
        let reclaim = |store: Arc<dyn Store>, barrier: Arc<Barrier>| {
            std::thread::spawn(move || {
                barrier.wait();
                store
                    .reclaim_daily(GuildId(2001), "2026-11-26", T0, T0 + 600)
                    .expect("reclaim works")
            })
        };
        let a = reclaim(Arc::clone(&store), Arc::clone(&barrier));
        let b = reclaim(Arc::clone(&other), barrier);
        let wins = [a.join().expect("no panic"), b.join().expect("no panic")];
        assert_eq!(wins.iter().filter(|w| **w).count(), 1, "{}", backend.name);
        // Released (the message certainly did not go out): claimable again, by the other.
        store
            .release_daily(post.guild, &post.date, None)
            .expect("release");
        assert_eq!(
            store.daily_post(post.guild, &post.date).expect("post"),
            None
        );
        assert!(
            other.claim_daily(&post, None).expect("claim"),
            "{}",
            backend.name
        );
        other
            .mark_daily_sent(post.guild, &post.date, MessageId(u64::MAX - 9), T0 + 2)
            .expect("sent");
        // A sent post is never released.
        store
            .release_daily(post.guild, &post.date, None)
            .expect("release");
        let kept = store
            .daily_post(post.guild, &post.date)
            .expect("post")
            .expect("kept");
        assert_eq!(
            kept.message,
            Some(MessageId(u64::MAX - 9)),
            "{}",
            backend.name
        );
        assert_eq!(kept.sent_at, Some(T0 + 2));
        assert_eq!(store.last_daily_post(post.guild).expect("last"), Some(kept));
        assert!(store.unsent_dailies().expect("unsent").is_empty());
    }
}

#[test]
fn a_claim_moves_the_deck_and_a_release_moves_it_back_only_if_nothing_else_did() {
    for (backend, store) in stores() {
        let guild = GuildId(u64::MAX - 21);
        let settings = DailySettings {
            guild,
            channel: ChannelId(u64::MAX - 22),
            minute_of_day: 9 * 60,
            timezone: "Asia/Tokyo".into(),
            enabled: true,
            deck_seed: 7,
            position: 3,
            active_from: T0,
            last_error: None,
        };
        store.set_daily(&settings).expect("set");
        let deck = |s: &Arc<dyn Store>| {
            let d = s.daily(guild).expect("daily").expect("settings");
            (d.deck_seed, d.position)
        };
        let mut post = daily_post(guild.0, "2026-11-30", T0);
        post.channel = settings.channel;
        let next = DeckPlace {
            seed: 7,
            position: 4,
        };
        assert!(store.claim_daily(&post, Some(next)).expect("claim"));
        assert_eq!(deck(&store), (7, 4), "{}", backend.name);
        // A losing claim leaves the deck where the winner put it.
        let later = DeckPlace {
            seed: 8,
            position: 1,
        };
        assert!(!store.claim_daily(&post, Some(later)).expect("claim"));
        assert_eq!(deck(&store), (7, 4), "{}", backend.name);
        // Released while the deck is still where the claim put it: back one place.
        store
            .release_daily(guild, &post.date, Some(next))
            .expect("release");
        assert_eq!(deck(&store), (7, 3), "{}", backend.name);
        // Released when the deck has moved since (another claim): the deck stays.
        assert!(store.claim_daily(&post, Some(next)).expect("claim"));
        store.set_deck(guild, 9, 1).expect("deck");
        store
            .release_daily(guild, &post.date, Some(next))
            .expect("release");
        assert_eq!(deck(&store), (9, 1), "{}", backend.name);
        // Nothing to release (a sent post): the deck stays.
        assert!(store.claim_daily(&post, None).expect("claim"));
        store
            .mark_daily_sent(guild, &post.date, MessageId(5), T0 + 1)
            .expect("sent");
        store
            .release_daily(
                guild,
                &post.date,
                Some(DeckPlace {
                    seed: 9,
                    position: 1,
                }),
            )
            .expect("release");
        assert_eq!(deck(&store), (9, 1), "{}", backend.name);
    }
}

#[test]
fn daily_settings_round_trip_and_keep_their_deck() {
    for (backend, store) in stores() {
        let settings = DailySettings {
            guild: GuildId(u64::MAX - 11),
            channel: ChannelId(u64::MAX - 12),
            minute_of_day: 23 * 60 + 59,
            timezone: "Asia/Tokyo".into(),
            enabled: true,
            deck_seed: u64::MAX,
            position: 3,
            active_from: T0,
            last_error: None,
        };
        store.set_daily(&settings).expect("set");
        assert_eq!(
            store.daily(settings.guild).expect("daily"),
            Some(settings.clone()),
            "{}",
            backend.name
        );
        store.set_deck(settings.guild, 5, 9).expect("deck");
        store
            .disable_daily(settings.guild, Some("権限がありません"))
            .expect("disable");
        assert!(store.enabled_dailies().expect("enabled").is_empty());
        let off = store.daily(settings.guild).expect("daily").expect("kept");
        assert_eq!(
            (
                off.enabled,
                off.last_error.as_deref(),
                off.deck_seed,
                off.position
            ),
            (false, Some("権限がありません"), 5, 9),
            "{}",
            backend.name
        );
        // Set again: enabled, the error gone, the deck kept.
        store.set_daily(&settings).expect("set");
        let on = store.daily(settings.guild).expect("daily").expect("kept");
        assert_eq!(
            (on.enabled, on.last_error.clone(), on.deck_seed, on.position),
            (true, None, 5, 9)
        );
        assert_eq!(store.enabled_dailies().expect("enabled"), vec![on]);
    }
}

/// Pages an answer writes to the WAL (each page is one frame), on a file that already
/// holds some thousands of answers from many servers: the answer itself, and its share of
/// its round's reveal (which adds the round's answers to the totals). Prints the means;
/// the figures for issue 11 (README 性能).
#[test]
fn an_answer_writes_few_pages_to_the_wal() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("pages.sqlite3");
    let store = SqliteStore::open(&path).expect("opens");
    let checkpoint = rusqlite::Connection::open(&path).expect("opens");
    let wal = dir.path().join("pages.sqlite3-wal");
    // A fixed pseudo-random sequence: the same file every run.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let mut at = T0;
    let (mut frames, mut measured) = (0u64, 0u64);
    let (mut reveal_frames, mut revealed) = (0u64, 0u64);
    // Again while the store's own checkpoint (every 1,000 writes, on a thread of its own)
    // holds the checkpoint lock: the WAL is empty before each measured write.
    let truncate = || {
        let started = std::time::Instant::now();
        while checkpoint
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("checkpoints")
            != 0
        {
            assert!(started.elapsed().as_secs() < 30, "the WAL is truncated");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    };
    let frames_now = || (std::fs::metadata(&wal).expect("the WAL").len() - 32) / (24 + 4096);
    for quiz in 0..160 {
        let guild = GuildId(1_000 + next(40));
        let mut q = new_quiz(Some(guild), ChannelId(guild.0 * 10), 1, QuizMode::Group);
        q.created_at = at;
        let id = create(&store, &q);
        let members: Vec<u64> = (0..2 + next(7)).map(|_| guild.0 * 100 + next(60)).collect();
        let last = quiz >= 130;
        for round in 0..10 {
            store
                .start_round(id, round, "q-a", at, at + 20)
                .expect("round");
            for &user in &members {
                at += 1 + next(3);
                let mut a = answer(id, round, user, next(5) < 3, 10, at);
                a.guild = Some(guild);
                if last {
                    truncate();
                }
                // A member drawn twice for one quiz answers once.
                let recorded = store.record_answer(&a).expect("record_answer works");
                if last && recorded {
                    frames += frames_now();
                    measured += 1;
                }
            }
            if last {
                truncate();
            }
            assert!(store.claim_reveal(id, round).expect("reveals"));
            if last {
                reveal_frames += frames_now();
                revealed += store.answers(id, round).expect("answers").len() as u64;
            }
        }
        store
            .close_quiz(id, QuizState::Finished, at)
            .expect("closes");
        at += 9_000;
    }
    let mean = frames as f64 / measured as f64;
    let reveal = reveal_frames as f64 / revealed as f64;
    let pages = store.page_count().expect("page count");
    println!(
        "{measured} answers: {mean:.2} WAL frames (pages) an answer, {reveal:.2} more for its \
         share of the reveal ({:.2} in all); the file {pages} pages",
        mean + reveal
    );
    assert!(measured > 500);
    assert_eq!(revealed, measured);
    // Schema version 3 (answers in a rowid table and its primary key's index) wrote 5.61.
    assert!(mean < 5.2, "{mean:.2} pages an answer");
    // Version 5 wrote 2.35 (the answer and its entry in the index by member) plus 0.83 at
    // the reveal; version 6 writes the member's history entry at the reveal instead. (Here
    // one server's members have neighbouring ids, so a reveal's history entries share
    // pages; with ids scattered as snowflakes are, version 6 wrote 1.19 + 2.03 against
    // version 5's 2.38 + 0.88: the same in all, half of it before the answer's reply.)
    assert!(mean < 1.5, "{mean:.2} pages an answer");
    assert!(
        mean + reveal < 3.0,
        "{:.2} pages an answer in all",
        mean + reveal
    );
}

#[test]
fn answers_written_inline_start_the_checkpoint_too_and_the_wal_stays_bounded() {
    // A stream of quiz answers only, each tried inline first and on the pool when refused,
    // as the dispatch does. Inline answers count toward the checkpoint but could never
    // start it (only a write on the pool does): 12,000 answers grew the WAL to 67 MB
    // (perf17). The answer that reaches the count is now refused inline, so that its
    // write on the pool starts the checkpoint.
    use summit_bot::store::{inline, Answering};
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, id) = inline_ready(&dir, "answers-only.sqlite3");
    let mut written_inline = 0;
    for user in 10..4_010u64 {
        let a = answer(id, 0, user, true, 10, T0 + 1);
        match inline::attempt_answer(|| {
            store.answer_round(id, 0, &mut |_, _| Some((a.clone(), true)))
        }) {
            Some(outcome) => {
                assert!(
                    matches!(outcome, Ok(Answering::Recorded { .. })),
                    "user {user}"
                );
                written_inline += 1;
            }
            None => {
                let outcome = store
                    .answer_round(id, 0, &mut |_, _| Some((a.clone(), true)))
                    .expect("answered on the pool");
                assert!(matches!(outcome, Answering::Recorded { .. }), "user {user}");
            }
        }
    }
    // While a checkpoint runs and until a pool write settles it, answers go to the pool
    // (about 1,000 of these 4,000, written back to back); the rest are still inline.
    assert!(
        written_inline > 2_000,
        "most answers are still written inline: {written_inline}"
    );
    assert!(
        store.background_checkpoint_ended(std::time::Duration::from_secs(30)),
        "the checkpoint ends"
    );
    pool_answer_restarts_the_wal(&store, 5000);
    assert_eq!(store.answers(id, 0).expect("answers").len(), 4_000);
    let wal = std::fs::metadata(dir.path().join("answers-only.sqlite3-wal"))
        .expect("the WAL")
        .len();
    let frames = wal.saturating_sub(32) / (24 + 4096);
    assert!(frames < 2_500, "frames in the WAL file: {frames}");
}
