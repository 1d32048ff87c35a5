//! The default store: one SQLite file (WAL), created and migrated at start.

use super::{
    period_start, Answer, AnswerCheck, Answering, DailyPost, DailySettings, DeckPlace, NewQuiz,
    Period, Quiz, QuizId, QuizMode, QuizState, Round, Standing, Store, StoreError, StoreResult,
};
use crate::ids::{from_sql, to_sql, ChannelId, GuildId, MessageId, UserId};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 6;

/// Statements kept compiled per connection (the store has about 40 distinct ones).
const STATEMENT_CACHE: usize = 64;

/// `execute` and `query_row` through the connection's statement cache: SQLite compiles
/// each statement once, not on every answer.
trait Cached {
    fn run(&self, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize>;
    fn one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T>;
}

impl Cached for Connection {
    fn run(&self, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.prepare_cached(sql)?.query_row(params, row)
    }
}

/// `BEGIN IMMEDIATE` … `COMMIT` through the statement cache: rusqlite's `Transaction`
/// compiles `BEGIN` and `COMMIT` again on every use (about 3,000 of the 73,000 instructions
/// a quiz answer spent in the store). Rolled back when dropped uncommitted, as a
/// `Transaction` is.
struct Immediate<'c> {
    conn: &'c Connection,
}

impl<'c> Immediate<'c> {
    /// Takes the file's write lock now (waiting for another process's, as a write does).
    fn begin(conn: &'c Connection) -> rusqlite::Result<Immediate<'c>> {
        conn.run("BEGIN IMMEDIATE", [])?;
        Ok(Immediate { conn })
    }

    /// A failed `COMMIT` leaves an open transaction to the drop's `ROLLBACK`.
    fn commit(self) -> rusqlite::Result<()> {
        self.conn.run("COMMIT", []).map(drop)
    }
}

impl std::ops::Deref for Immediate<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Immediate<'_> {
    fn drop(&mut self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.run("ROLLBACK", []);
        }
    }
}

/// Each step takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE quizzes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER,
    channel_id  INTEGER NOT NULL,
    starter_id  INTEGER NOT NULL,
    mode        TEXT NOT NULL,
    topic       TEXT NOT NULL,
    seconds     INTEGER NOT NULL,
    seed        INTEGER NOT NULL,
    questions   TEXT NOT NULL,
    state       TEXT NOT NULL,
    current     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    ended_at    INTEGER
);
CREATE UNIQUE INDEX one_group_quiz_per_channel ON quizzes(channel_id)
    WHERE state = 'open' AND mode = 'group';
CREATE TABLE rounds (
    quiz_id     INTEGER NOT NULL REFERENCES quizzes(id),
    round       INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    message_id  INTEGER,
    started_at  INTEGER NOT NULL,
    deadline    INTEGER NOT NULL,
    revealed    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (quiz_id, round)
);
CREATE TABLE answers (
    quiz_id     INTEGER NOT NULL REFERENCES quizzes(id),
    round       INTEGER NOT NULL,
    guild_id    INTEGER,
    user_id     INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    choice      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (quiz_id, round, user_id)
);
CREATE INDEX answers_by_guild ON answers(guild_id, answered_at);
CREATE INDEX answers_by_user ON answers(user_id, answered_at);
"#,
    r#"
CREATE TABLE daily_settings (
    guild_id      INTEGER PRIMARY KEY,
    channel_id    INTEGER NOT NULL,
    minute_of_day INTEGER NOT NULL,
    timezone      TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    deck_seed     INTEGER NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0,
    active_from   INTEGER NOT NULL,
    last_error    TEXT
);
CREATE TABLE daily_posts (
    guild_id    INTEGER NOT NULL,
    local_date  TEXT NOT NULL,
    channel_id  INTEGER NOT NULL,
    fact_id     TEXT NOT NULL,
    claimed_at  INTEGER NOT NULL,
    message_id  INTEGER,
    sent_at     INTEGER,
    late        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, local_date)
);
"#,
    // Each server's totals per member for this week, this month and all time (weeks and
    // months in Japan time, as `quiz::rules::period_start`), so `/quiz leaderboard` reads
    // its ten rows from an index instead of grouping every answer of the period. The
    // trigger adds each answer inside the statement that inserts it (an answer and its
    // totals are one write: they cannot diverge); the existing answers are added here.
    r#"
CREATE TABLE standings (
    guild_id     INTEGER NOT NULL,
    period       TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    answered     INTEGER NOT NULL,
    first_at     INTEGER NOT NULL,
    -- A member's three rows side by side: an answer changes one page of this key.
    PRIMARY KEY (guild_id, user_id, period, period_start)
) WITHOUT ROWID;
CREATE INDEX standings_by_rank ON standings
    (guild_id, period, period_start, points DESC, correct DESC, first_at, user_id);
-- It served only the leaderboard's grouping; one B-tree fewer to write per answer.
DROP INDEX answers_by_guild;
CREATE TRIGGER answers_add_to_standings AFTER INSERT ON answers
WHEN NEW.guild_id IS NOT NULL
BEGIN
    INSERT INTO standings
        (guild_id, period, period_start, user_id, points, correct, answered, first_at)
    SELECT NEW.guild_id, p.period, p.start, NEW.user_id, NEW.points, NEW.correct, 1,
           NEW.answered_at
    FROM (SELECT 'all' AS period, 0 AS start
          UNION ALL SELECT 'week', MAX(0, ((NEW.answered_at + 32400) / 86400
              - ((NEW.answered_at + 32400) / 86400 + 3) % 7) * 86400 - 32400)
          UNION ALL SELECT 'month', MAX(0, CAST(strftime('%s', NEW.answered_at + 32400,
              'unixepoch', 'start of month') AS INTEGER) - 32400)) AS p
    WHERE true
    ON CONFLICT (guild_id, user_id, period, period_start) DO UPDATE SET
        points = points + excluded.points,
        correct = correct + excluded.correct,
        answered = answered + 1,
        first_at = MIN(first_at, excluded.first_at);
END;
INSERT INTO standings
    (guild_id, period, period_start, user_id, points, correct, answered, first_at)
SELECT guild_id, period, start, user_id, SUM(points), SUM(correct), COUNT(*), MIN(answered_at)
FROM (
    SELECT guild_id, user_id, points, correct, answered_at, 'all' AS period, 0 AS start
    FROM answers WHERE guild_id IS NOT NULL
    UNION ALL
    SELECT guild_id, user_id, points, correct, answered_at, 'week',
        MAX(0, ((answered_at + 32400) / 86400 - ((answered_at + 32400) / 86400 + 3) % 7)
            * 86400 - 32400)
    FROM answers WHERE guild_id IS NOT NULL
    UNION ALL
    SELECT guild_id, user_id, points, correct, answered_at, 'month',
        MAX(0, CAST(strftime('%s', answered_at + 32400, 'unixepoch', 'start of month')
            AS INTEGER) - 32400)
    FROM answers WHERE guild_id IS NOT NULL
)
GROUP BY guild_id, period, start, user_id;
"#,
    // The answers keyed by (quiz, round, member) in one B-tree (WITHOUT ROWID) instead of a
    // rowid table plus the index its primary key needed: an answer writes about one page
    // fewer (WAL frames an answer 5.61 -> 4.73, the file 194 -> 168 pages, in
    // tests/store.rs `an_answer_writes_few_pages_to_the_wal`). `seq` keeps the order
    // answers within one second were written in, per round, as the rowid did: existing
    // rows take their rowid, a new one the round's highest plus one. A member's history
    // orders answers of one second by quiz and round. Dropping the old table drops its
    // index and trigger; both are made again as in version 3.
    r#"
CREATE TABLE answers_v4 (
    quiz_id     INTEGER NOT NULL REFERENCES quizzes(id),
    round       INTEGER NOT NULL,
    guild_id    INTEGER,
    user_id     INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    choice      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (quiz_id, round, user_id)
) WITHOUT ROWID;
INSERT INTO answers_v4
    (quiz_id, round, guild_id, user_id, question_id, choice, correct, points, answered_at, seq)
SELECT quiz_id, round, guild_id, user_id, question_id, choice, correct, points, answered_at, rowid
FROM answers;
DROP TABLE answers;
ALTER TABLE answers_v4 RENAME TO answers;
CREATE INDEX answers_by_user ON answers(user_id, answered_at);
CREATE TRIGGER answers_add_to_standings AFTER INSERT ON answers
WHEN NEW.guild_id IS NOT NULL
BEGIN
    INSERT INTO standings
        (guild_id, period, period_start, user_id, points, correct, answered, first_at)
    SELECT NEW.guild_id, p.period, p.start, NEW.user_id, NEW.points, NEW.correct, 1,
           NEW.answered_at
    FROM (SELECT 'all' AS period, 0 AS start
          UNION ALL SELECT 'week', MAX(0, ((NEW.answered_at + 32400) / 86400
              - ((NEW.answered_at + 32400) / 86400 + 3) % 7) * 86400 - 32400)
          UNION ALL SELECT 'month', MAX(0, CAST(strftime('%s', NEW.answered_at + 32400,
              'unixepoch', 'start of month') AS INTEGER) - 32400)) AS p
    WHERE true
    ON CONFLICT (guild_id, user_id, period, period_start) DO UPDATE SET
        points = points + excluded.points,
        correct = correct + excluded.correct,
        answered = answered + 1,
        first_at = MIN(first_at, excluded.first_at);
END;
"#,
    // The totals count the answers of revealed rounds only (the leaderboard, /quiz me): an
    // answer joins them at its round's reveal, added with the round's other answers in the
    // transaction that marks it revealed (`claim_reveal`), instead of each by the trigger.
    // An answer then writes its own row and its member's index entry only, not three
    // totals' rows and their rank entries (WAL pages an answer 4.73 -> see tests/store.rs
    // `an_answer_writes_few_pages_to_the_wal`), and the board gives no early hint of who
    // was right. The trigger now adds only an answer written to a round already revealed
    // (the bot writes none, the store's callers may), so each answer is counted once
    // whichever comes first; an answer to no round at all (none either) is not counted.
    // The totals are made again from the revealed rounds' answers: the old trigger had
    // counted the answers of rounds still open, which their reveal adds now. Rounds of
    // quizzes already over that were never revealed (a reveal that failed or was cut off
    // before this version: the old trigger had counted their answers) can be revealed by
    // nothing now, so they are marked revealed here and their answers stay counted.
    r#"
UPDATE rounds SET revealed = 1 WHERE revealed = 0
    AND quiz_id IN (SELECT id FROM quizzes WHERE state <> 'open');
DROP TRIGGER answers_add_to_standings;
CREATE TRIGGER answers_add_to_standings AFTER INSERT ON answers
WHEN NEW.guild_id IS NOT NULL AND EXISTS (SELECT 1 FROM rounds r
    WHERE r.quiz_id = NEW.quiz_id AND r.round = NEW.round AND r.revealed = 1)
BEGIN
    INSERT INTO standings
        (guild_id, period, period_start, user_id, points, correct, answered, first_at)
    SELECT NEW.guild_id, p.period, p.start, NEW.user_id, NEW.points, NEW.correct, 1,
           NEW.answered_at
    FROM (SELECT 'all' AS period, 0 AS start
          UNION ALL SELECT 'week', MAX(0, ((NEW.answered_at + 32400) / 86400
              - ((NEW.answered_at + 32400) / 86400 + 3) % 7) * 86400 - 32400)
          UNION ALL SELECT 'month', MAX(0, CAST(strftime('%s', NEW.answered_at + 32400,
              'unixepoch', 'start of month') AS INTEGER) - 32400)) AS p
    WHERE true
    ON CONFLICT (guild_id, user_id, period, period_start) DO UPDATE SET
        points = points + excluded.points,
        correct = correct + excluded.correct,
        answered = answered + 1,
        first_at = MIN(first_at, excluded.first_at);
END;
DELETE FROM standings;
WITH counted AS (SELECT a.* FROM answers a
    JOIN rounds r ON r.quiz_id = a.quiz_id AND r.round = a.round AND r.revealed = 1
    WHERE a.guild_id IS NOT NULL)
INSERT INTO standings
    (guild_id, period, period_start, user_id, points, correct, answered, first_at)
SELECT guild_id, period, start, user_id, SUM(points), SUM(correct), COUNT(*), MIN(answered_at)
FROM (
    SELECT guild_id, user_id, points, correct, answered_at, 'all' AS period, 0 AS start
    FROM counted
    UNION ALL
    SELECT guild_id, user_id, points, correct, answered_at, 'week',
        MAX(0, ((answered_at + 32400) / 86400 - ((answered_at + 32400) / 86400 + 3) % 7)
            * 86400 - 32400)
    FROM counted
    UNION ALL
    SELECT guild_id, user_id, points, correct, answered_at, 'month',
        MAX(0, CAST(strftime('%s', answered_at + 32400, 'unixepoch', 'start of month')
            AS INTEGER) - 32400)
    FROM counted
)
GROUP BY guild_id, period, start, user_id;
"#,
    // A member's history (`/quiz me`, `/quiz review`) shows the answers of revealed rounds
    // only, so it is read from its own key, written at the reveal with the totals (in the
    // transaction that marks the round revealed, `claim_reveal`), instead of from an index
    // on every answer: an answer then writes its own row only, not an entry in a second
    // B-tree before its reply (WAL pages an answer: see tests/store.rs
    // `an_answer_writes_few_pages_to_the_wal`). The history's entry is the answer's key,
    // in the order the history is read; the answer itself stays in `answers`. As the
    // totals, an answer written to a round already revealed is added by a trigger.
    r#"
CREATE TABLE answer_history (
    user_id     INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    quiz_id     INTEGER NOT NULL,
    round       INTEGER NOT NULL,
    PRIMARY KEY (user_id, answered_at, quiz_id, round)
) WITHOUT ROWID;
INSERT INTO answer_history (user_id, answered_at, quiz_id, round)
SELECT a.user_id, a.answered_at, a.quiz_id, a.round FROM answers a
JOIN rounds r ON r.quiz_id = a.quiz_id AND r.round = a.round AND r.revealed = 1;
DROP INDEX answers_by_user;
CREATE TRIGGER answers_add_to_history AFTER INSERT ON answers
WHEN EXISTS (SELECT 1 FROM rounds r
    WHERE r.quiz_id = NEW.quiz_id AND r.round = NEW.round AND r.revealed = 1)
BEGIN
    INSERT OR IGNORE INTO answer_history (user_id, answered_at, quiz_id, round)
    VALUES (NEW.user_id, NEW.answered_at, NEW.quiz_id, NEW.round);
END;
"#,
];

pub struct SqliteStore {
    conn: Mutex<Connection>,
    /// Whether the next commit may write the WAL's header, which SQLite syncs (with
    /// `synchronous=NORMAL`, `walSyncFlags` keeps the header sync on; `sqlite3WalFrames`
    /// syncs when it writes frame 1): after a full checkpoint the next writer restarts
    /// the WAL (`walRestartLog`), and a WAL with no frames (a new one after open) starts
    /// with its header. While set, an answer is not written inline (no fsync on an async
    /// thread); an answer committed on the blocking pool clears it (its commit wrote the
    /// header, or frames after a checkpoint that a reader kept from restarting the WAL:
    /// either way the next writer appends). Set at open, by [`Self::checkpoint`] and by
    /// the write that settles a background checkpoint ([`Self::settle_checkpoint`]);
    /// changed only with the connection held.
    restart_pending: std::sync::atomic::AtomicBool,
    /// Writes since the last checkpoint: the blocking pool's next write starts one once
    /// there have been [`CHECKPOINT_AFTER`] (each writes at least one WAL page).
    writes: std::sync::atomic::AtomicU64,
    /// The file, for the background checkpoint's own connection (`None`: in memory, where
    /// the checkpoint is the old one, with the connection held).
    path: Option<std::path::PathBuf>,
    /// The background checkpoint ([`CHECKPOINT_IDLE`] …), shared with its thread.
    background: std::sync::Arc<std::sync::atomic::AtomicU8>,
    /// Writes this store has committed (counted when their connection is let go, still
    /// held), shared with the checkpoint's thread: how it knows whether its pass copied
    /// every frame of this process, and how a write knows whether one came after it.
    commits: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// [`Self::commits`] when the background checkpoint's last pass began, the one that
    /// found every frame copied ([`CHECKPOINT_FULL`]).
    full_at: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// See [`SqliteStore::join_background_checkpoints`].
    join_checkpoints: std::sync::atomic::AtomicBool,
}

/// SQLite's automatic checkpoint is off (it would run in an inline answer's commit, with
/// two fsyncs): the blocking pool starts one instead after this many writes (SQLite's
/// default is after 1,000 WAL pages; a write is one page or more), run on a thread of its
/// own with a connection of its own once the write that reached the count has committed
/// (see [`SqliteStore::start_checkpoint`]).
const CHECKPOINT_AFTER: u64 = 1000;

/// How long the background checkpoint goes on catching up with the frames written while
/// it copied, or waiting for a reader (see [`checkpoint_file`]), before it leaves the rest
/// to the pool.
const CATCH_UP: std::time::Duration = std::time::Duration::from_secs(1);

/// Writes committed while the background checkpoint catches up after which it leaves the
/// rest to the pool (with [`CHECKPOINT_AFTER`], what bounds the WAL under steady writes).
const CATCH_UP_WRITES: u64 = CHECKPOINT_AFTER / 2;

/// Passes of the background checkpoint that copy every frame they see but meet writes
/// committed meanwhile, after which it leaves the rest to the pool.
const CATCH_UP_PASSES: u32 = 4;

/// How long the background checkpoint watches for a pause in the writes (no commit in
/// this time) before its next pass, after one that writes overtook.
const CATCH_UP_GAP: std::time::Duration = std::time::Duration::from_millis(2);

/// No background checkpoint is running or unsettled.
const CHECKPOINT_IDLE: u8 = 0;
/// A background checkpoint runs: no answer is written inline (it may end with the WAL
/// fully checkpointed, and the next writer would restart the WAL and sync its header).
const CHECKPOINT_RUNNING: u8 = 1;
/// It ended with every frame of the WAL copied when its last pass began, with no write of
/// this process committed during that pass (`full_at`); the next write on the pool settles
/// it by setting `restart_pending` (and, if a write came after that pass, by copying it).
const CHECKPOINT_FULL: u8 = 2;
/// It did not catch up with the writes (or a reader) within [`CATCH_UP`],
/// [`CATCH_UP_WRITES`] or [`CATCH_UP_PASSES`] (or failed): the next write
/// on the pool settles it by checkpointing the frames left with the connection held (no
/// write of this process can come between, so the WAL is then fully checkpointed and
/// restarted by that write, unless another process reads it).
const CHECKPOINT_BEHIND: u8 = 3;

/// How long a statement waits for another process's lock on the file.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The connection, held for one store call; taken inline, its busy wait is put back after.
struct Held<'a> {
    conn: MutexGuard<'a, Connection>,
    inline: bool,
    /// A write that reached [`CHECKPOINT_AFTER`]: the store whose background checkpoint
    /// starts when the connection is let go, after the write has committed (started
    /// before, it could end "full" without that write's frames, and the WAL would not be
    /// restarted).
    checkpoint: Option<&'a SqliteStore>,
    /// A write: the store's count of commits, added to when the connection is let go.
    commits: Option<&'a std::sync::atomic::AtomicU64>,
}

impl std::ops::Deref for Held<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.conn
    }
}

impl std::ops::DerefMut for Held<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if self.inline {
            let _ = self.conn.busy_timeout(BUSY_WAIT);
        }
        // Still with the connection held: no write of this process is under way. Counted
        // before a checkpoint starts, so that its first pass counts this write as copied.
        if let Some(commits) = self.commits.take() {
            commits.fetch_add(1, std::sync::atomic::Ordering::Release);
        }
        if let Some(store) = self.checkpoint.take() {
            store.start_checkpoint(&self.conn);
        }
    }
}

fn err(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        // Tried inline, a lock held by another process: not waited for here, but on the
        // blocking pool.
        Some(DatabaseBusy | DatabaseLocked) if super::inline::active() => super::inline::refuse(),
        // The file cannot be written or read now: nothing was changed.
        Some(
            ReadOnly | DatabaseBusy | DatabaseLocked | DiskFull | SystemIoFailure | CannotOpen
            | PermissionDenied,
        ) => StoreError::unavailable(e),
        _ => StoreError(e.to_string()),
    }
}

/// A `PASSIVE` checkpoint on `conn`: the WAL's frames when it began (`log`, -1 when not
/// in WAL mode) and the frames copied into the file (`done`), or `None` when another
/// checkpoint was running.
fn passive_pass(conn: &Connection) -> rusqlite::Result<Option<(i64, i64)>> {
    let (busy, log, done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok((busy == 0).then_some((log, done)))
}

/// A `PASSIVE` checkpoint on `conn`: whether the WAL is now fully checkpointed (every
/// frame copied, no reader in the way). Frames written by other connections while it
/// copies are not counted: with the connection held, there are none from this process.
fn passive_checkpoint(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(matches!(passive_pass(conn)?, Some((log, done)) if log >= 0 && done == log))
}

/// `PASSIVE` checkpoints of the file on a connection of its own, closed before it returns,
/// until one copies every frame of the WAL with no write of this process committed while
/// it ran (`commits`, the store's count of its commits): [`CHECKPOINT_FULL`] and the count
/// when that pass began, for the write that settles it to compare with (a write between
/// that pass and the settling one would leave frames uncopied, and the WAL would not be
/// restarted). A pass copies the frames written before it began; the bot's writes go on
/// meanwhile (answers on the pool), so a pass may end with every frame it saw copied and
/// newer ones not. Then the next pass waits for a pause in the writes (no commit for
/// [`CATCH_UP_GAP`]), so that it copies a batch and is likely to see none during it,
/// instead of following at once, pass after pass, each with its fsyncs. A pass that
/// copies nothing or not all (a reader, or another checkpoint, in the way) waits a little
/// before the next. It ends [`CHECKPOINT_BEHIND`] (the next write on the pool copies the
/// rest, with the connection held) after [`CATCH_UP`] from the first pass,
/// [`CATCH_UP_WRITES`] writes committed since it began, or [`CATCH_UP_PASSES`] passes that
/// writes overtook: what bounds its CPU and the WAL under steady writes. The file is
/// opened without creating it: a database moved or deleted meanwhile leaves no empty file
/// behind.
fn checkpoint_file(
    path: &Path,
    commits: &std::sync::atomic::AtomicU64,
) -> rusqlite::Result<(u8, u64)> {
    use rusqlite::OpenFlags;
    use std::sync::atomic::Ordering::Acquire;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // The same syncs as the bot's own connection (the WAL before the copy, the file after).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    let started = std::time::Instant::now();
    let first = commits.load(Acquire);
    let mut overtaken = 0;
    let mut wait = std::time::Duration::from_millis(1);
    let ended = loop {
        let before = commits.load(Acquire);
        let pass = passive_pass(&conn)?;
        let written = commits.load(Acquire) != before;
        match pass {
            // Not in WAL mode (another process switched it): nothing to restart.
            Some((log, _)) if log < 0 => break (CHECKPOINT_FULL, before),
            Some((log, done)) if done == log => {
                if !written {
                    break (CHECKPOINT_FULL, before);
                }
                overtaken += 1;
            }
            // Not all copied: a reader (or another checkpoint) in the way.
            _ => {
                std::thread::sleep(wait);
                wait = (wait * 2).min(std::time::Duration::from_millis(50));
            }
        }
        let behind = || {
            started.elapsed() >= CATCH_UP
                || commits.load(Acquire).wrapping_sub(first) >= CATCH_UP_WRITES
        };
        if overtaken >= CATCH_UP_PASSES || behind() {
            break (CHECKPOINT_BEHIND, before);
        }
        if written {
            // Overtaken by writes: the next pass after a pause in them.
            loop {
                let seen = commits.load(Acquire);
                std::thread::sleep(CATCH_UP_GAP);
                if commits.load(Acquire) == seen || behind() {
                    break;
                }
            }
            if behind() {
                break (CHECKPOINT_BEHIND, before);
            }
        }
    };
    conn.close().map_err(|(_, e)| e)?;
    Ok(ended)
}

/// Switches the file to WAL. SQLite answers a switch that meets another connection's lock
/// with "database is locked" at once, without its busy wait (several processes opening one
/// new file together), so the switch is tried again here for as long as a busy write would
/// wait.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    let start = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked))
                    && start.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            done => return done,
        }
    }
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database file.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        let conn = Connection::open(path).map_err(err)?;
        // Before the switch to WAL: on a new file several processes starting at once would
        // otherwise find it locked by each other and fail instead of waiting.
        conn.busy_timeout(BUSY_WAIT).map_err(err)?;
        // WAL lets readers go on while an answer is written; a busy writer waits, not fails.
        if let Err(e) = switch_to_wal(&conn) {
            // A read-only file keeps its journal mode; it is read, and writes are refused.
            if !conn
                .is_readonly(rusqlite::DatabaseName::Main)
                .unwrap_or(false)
            {
                return Err(err(e));
            }
        }
        // SQLite's page cache defaults to 2 MiB per connection; the file after a busy day is
        // about that size and the OS keeps it cached anyway, so a quarter of it is enough to
        // hold the hot pages (the open quizzes, this period's answers) without the rest
        // staying resident in the bot.
        conn.pragma_update(None, "cache_size", -512).map_err(err)?;
        let mut store = Self::setup(conn)?;
        store.path = Some(path.to_path_buf());
        if store.is_read_only() {
            tracing::warn!(
                database = %path.display(),
                "the database is read-only: commands that keep state will say so"
            );
        }
        Ok(store)
    }

    /// Whether the file was opened read-only (its permissions, or `?mode=ro` in a
    /// `file:` URI).
    pub fn is_read_only(&self) -> bool {
        self.conn()
            .is_readonly(rusqlite::DatabaseName::Main)
            .unwrap_or(false)
    }

    /// Caps the file at `pages` pages (SQLite's `max_page_count`, never below the pages it
    /// already has): a write that needs more fails as on a full disk, and changes nothing.
    /// Returns the cap in force. For a quota, and the tests of a full disk.
    pub fn limit_pages(&self, pages: u64) -> StoreResult<u64> {
        let conn = self.conn();
        conn.pragma_update(None, "max_page_count", pages)
            .map_err(err)?;
        conn.query_row("PRAGMA max_page_count", [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(err)
    }

    /// Pages the file has now.
    pub fn page_count(&self) -> StoreResult<u64> {
        self.conn()
            .query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(err)
    }

    /// A private in-memory database (for the stateless CLI and tests of other parts).
    pub fn memory() -> StoreResult<SqliteStore> {
        Self::setup(Connection::open_in_memory().map_err(err)?)
    }

    fn setup(conn: Connection) -> StoreResult<SqliteStore> {
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.busy_timeout(BUSY_WAIT).map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Checkpoints are started by the blocking pool only ([`SqliteStore::start_checkpoint`]).
        conn.pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(err)?;
        let store = SqliteStore {
            conn: Mutex::new(conn),
            restart_pending: std::sync::atomic::AtomicBool::new(true),
            writes: std::sync::atomic::AtomicU64::new(0),
            path: None,
            background: std::sync::Arc::new(std::sync::atomic::AtomicU8::new(CHECKPOINT_IDLE)),
            commits: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0)),
            full_at: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0)),
            join_checkpoints: std::sync::atomic::AtomicBool::new(false),
        };
        store.migrate()?;
        Ok(store)
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite itself consistent (transactions).
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The connection for reading. Tried inline ([`super::inline`]), it is taken only if
    /// no other thread holds it, and with no busy wait: a read that would wait is refused.
    fn read(&self) -> StoreResult<Held<'_>> {
        if !super::inline::active() {
            return Ok(Held {
                conn: self.conn(),
                inline: false,
                checkpoint: None,
                commits: None,
            });
        }
        let conn = match self.conn.try_lock() {
            Ok(c) => c,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return Err(super::inline::refuse()),
        };
        conn.busy_timeout(std::time::Duration::ZERO).map_err(err)?;
        Ok(Held {
            conn,
            inline: true,
            checkpoint: None,
            commits: None,
        })
    }

    /// The connection for writing: never inline (a write may wait for the file's lock).
    fn write(&self) -> StoreResult<Held<'_>> {
        if super::inline::active() {
            return Err(super::inline::refuse());
        }
        let mut conn = self.read()?;
        conn.commits = Some(&self.commits);
        use std::sync::atomic::Ordering::{Acquire, Relaxed};
        self.settle_checkpoint(&conn);
        if self.writes.fetch_add(1, Relaxed) + 1 >= CHECKPOINT_AFTER {
            if self.path.is_none() {
                // In memory (no file to open twice): here, before the write, as before.
                self.checkpoint_here(&conn);
            } else if self.background.load(Acquire) == CHECKPOINT_IDLE {
                // Started when this write has committed and lets the connection go.
                conn.checkpoint = Some(self);
            }
        }
        Ok(conn)
    }

    /// [`Self::checkpoint_on`], its failure (a read-only file) left to the write to say.
    fn checkpoint_here(&self, conn: &Connection) {
        if let Err(e) = self.checkpoint_on(conn) {
            tracing::debug!(error = %e, "no checkpoint");
        }
    }

    /// Starts `PASSIVE` checkpoints on a thread of its own, with a connection of its own
    /// ([`checkpoint_file`]), with the connection held and after the write that reached
    /// [`CHECKPOINT_AFTER`] has committed (from its [`Held`]'s drop), so that the first
    /// pass sees that write's frames. Other connections' reads and writes go on meanwhile
    /// (a passive checkpoint takes neither the write lock nor waits for readers), so a
    /// write or an answer no longer waits for its fsyncs (tens to hundreds of ms on a busy
    /// disk) behind the connection's lock, as it did when the checkpoint ran in the pool's
    /// write. While it runs and until a write on the pool has settled it
    /// ([`Self::settle_checkpoint`]), no answer is written inline: the checkpoint may end
    /// with the WAL fully checkpointed, after which the next writer restarts the WAL and
    /// syncs its header. If no thread can be started, the checkpoint runs here, as before.
    fn start_checkpoint(&self, conn: &Connection) {
        use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
        let Some(path) = self.path.clone() else {
            return self.checkpoint_here(conn);
        };
        if self.background.load(Acquire) != CHECKPOINT_IDLE {
            return;
        }
        if !conn.is_autocommit() {
            // A transaction still open (never, after a store call): not now, but after
            // the next write.
            self.writes.store(CHECKPOINT_AFTER, Relaxed);
            return;
        }
        self.writes.store(0, Relaxed);
        self.background.store(CHECKPOINT_RUNNING, Release);
        let state = std::sync::Arc::clone(&self.background);
        let commits = std::sync::Arc::clone(&self.commits);
        let full_at = std::sync::Arc::clone(&self.full_at);
        let spawned = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                // Ends the checkpoint however the thread ends: a panic in it is taken as a
                // checkpoint left behind (the safe side: the next pool write checkpoints and
                // settles it), not left running for good, which would keep answers off the
                // async threads and the WAL unchecked.
                struct Ended(std::sync::Arc<std::sync::atomic::AtomicU8>, u8);
                impl Drop for Ended {
                    fn drop(&mut self) {
                        self.0.store(self.1, Release);
                    }
                }
                let mut ended = Ended(state, CHECKPOINT_BEHIND);
                // A thread that cannot open the file or checkpoint it ends "behind": the next
                // pool write checkpoints with the store's own connection, as without the
                // thread, so a failure that lasts never leaves the WAL unchecked.
                ended.1 = match checkpoint_file(&path, &commits) {
                    Ok((state, at)) => {
                        // Before the state it goes with (released by `ended`'s store).
                        full_at.store(at, Relaxed);
                        state
                    }
                    Err(e) => {
                        tracing::debug!(error = %e, "no checkpoint beside the store");
                        CHECKPOINT_BEHIND
                    }
                };
                // Its connection is closed by now: nothing of it runs after `ended` drops.
            });
        match spawned {
            Ok(thread) => {
                if self.join_checkpoints.load(Relaxed) {
                    let _ = thread.join();
                }
            }
            Err(_) => {
                self.background.store(CHECKPOINT_IDLE, Release);
                self.checkpoint_here(conn);
            }
        }
    }

    /// Has the background checkpoint run to its end where it starts (after the write
    /// that reached [`CHECKPOINT_AFTER`] committed, the connection still held) before the
    /// store goes on: one order of the race, fixed, for the tests of the checkpoint.
    #[doc(hidden)]
    pub fn join_background_checkpoints(&self, join: bool) {
        self.join_checkpoints
            .store(join, std::sync::atomic::Ordering::Relaxed);
    }

    /// Takes in the end of a background checkpoint, with the connection held: a WAL fully
    /// checkpointed is restarted by the next writer (`restart_pending`), which is this one
    /// (or was an earlier one on the pool). One that did not catch up, or that a write
    /// committed after its last pass began has overtaken (between its end and this write),
    /// is finished here, with the connection held: only the frames written since its last
    /// pass are left.
    fn settle_checkpoint(&self, conn: &Connection) {
        use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
        match self.background.load(Acquire) {
            CHECKPOINT_FULL if self.full_at.load(Relaxed) == self.commits.load(Acquire) => {
                self.restart_pending.store(true, Relaxed);
                self.background.store(CHECKPOINT_IDLE, Release);
            }
            CHECKPOINT_FULL => {
                self.restart_pending.store(true, Relaxed);
                self.background.store(CHECKPOINT_IDLE, Release);
                self.checkpoint_here(conn);
            }
            CHECKPOINT_BEHIND => {
                // Counted as a checkpoint that may have ended full until it has run.
                self.restart_pending.store(true, Relaxed);
                self.background.store(CHECKPOINT_IDLE, Release);
                self.checkpoint_here(conn);
            }
            _ => {}
        }
    }

    /// Waits up to `limit` for a background checkpoint to end (settled or not): whether
    /// none runs now. For the tests of the background checkpoint.
    #[doc(hidden)]
    pub fn background_checkpoint_ended(&self, limit: std::time::Duration) -> bool {
        let start = std::time::Instant::now();
        loop {
            let state = self.background.load(std::sync::atomic::Ordering::Acquire);
            if state != CHECKPOINT_RUNNING {
                return true;
            }
            if start.elapsed() >= limit {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Whether an answer must not be written inline because of a background checkpoint
    /// (running, or ended and not yet settled by a write on the pool).
    fn checkpoint_unsettled(&self) -> bool {
        self.background.load(std::sync::atomic::Ordering::Acquire) != CHECKPOINT_IDLE
    }

    /// Checkpoints the WAL now, on the blocking pool (never inline), as SQLite's automatic
    /// checkpoint would: `PASSIVE`, without waiting for readers. For the tests of the
    /// switch to and from inline answers.
    #[doc(hidden)]
    pub fn checkpoint(&self) -> StoreResult<()> {
        if super::inline::active() {
            return Err(super::inline::refuse());
        }
        self.checkpoint_on(&self.conn())
    }

    /// [`Self::checkpoint`] with the connection held (outside a transaction). A WAL now
    /// fully checkpointed is restarted by the next writer, which syncs its header: no
    /// answer is written inline until a write on the pool has done that.
    fn checkpoint_on(&self, conn: &Connection) -> StoreResult<()> {
        use std::sync::atomic::Ordering::Relaxed;
        self.writes.store(0, Relaxed);
        if passive_checkpoint(conn).map_err(err)? {
            self.restart_pending.store(true, Relaxed);
        }
        Ok(())
    }

    /// Whether an answer would now not be written inline because the next commit may sync
    /// the WAL's header (see `restart_pending`).
    #[doc(hidden)]
    pub fn wal_restart_pending(&self) -> bool {
        self.restart_pending
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.conn()
            .one("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)
    }

    /// Brings the schema to [`SCHEMA_VERSION`], one step per transaction. The version is
    /// read inside an immediate (write-locked) transaction, so two processes starting on
    /// the same file migrate it once.
    fn migrate(&self) -> StoreResult<()> {
        migrate_to(&mut self.conn(), SCHEMA_VERSION)
    }

    /// Creates a file (or migrates one) only up to schema `version`, as an older build
    /// left it: for tests of the migrations, which then write it with that version's SQL
    /// and [`SqliteStore::open`] it.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> StoreResult<()> {
        let mut conn = Connection::open(path).map_err(err)?;
        switch_to_wal(&conn).map_err(err)?;
        migrate_to(&mut conn, version.min(SCHEMA_VERSION))
    }
}

/// [`SqliteStore::migrate`], to schema `target`.
fn migrate_to(conn: &mut Connection, target: i64) -> StoreResult<()> {
    // A file already at this version needs no write lock: a read-only file (or one a
    // long writer holds) still opens, and then only its writes fail.
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    if version == target {
        return Ok(());
    }
    loop {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let version: i64 = tx
            .one("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError(format!(
                "the database has schema version {version}, newer than this build's {SCHEMA_VERSION}"
            )));
        }
        let Some(step) = usize::try_from(version)
            .ok()
            .filter(|_| version < target)
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        tx.execute_batch(step).map_err(err)?;
        tx.pragma_update(None, "user_version", version + 1)
            .map_err(err)?;
        tx.commit().map_err(err)?;
    }
}

const QUIZ_COLUMNS: &str = "id, guild_id, channel_id, starter_id, mode, topic, seconds, seed, \
    questions, state, current, created_at";

fn quiz_row(r: &Row<'_>) -> rusqlite::Result<Quiz> {
    let mode: String = r.get(4)?;
    let state: String = r.get(9)?;
    let questions: String = r.get(8)?;
    let bad = |what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown {what} {v:?}").into(),
        )
    };
    Ok(Quiz {
        id: r.get(0)?,
        guild: r.get::<_, Option<i64>>(1)?.map(|g| GuildId(from_sql(g))),
        channel: ChannelId(from_sql(r.get(2)?)),
        starter: UserId(from_sql(r.get(3)?)),
        mode: QuizMode::from_key(&mode).ok_or_else(|| bad("mode", &mode))?,
        topic: r.get(5)?,
        seconds: r.get(6)?,
        seed: from_sql(r.get(7)?),
        questions: questions
            .split(',')
            .filter(|q| !q.is_empty())
            .map(str::to_string)
            .collect(),
        state: QuizState::from_key(&state).ok_or_else(|| bad("state", &state))?,
        current: r.get(10)?,
        created_at: from_sql(r.get(11)?),
    })
}

fn answer_row(r: &Row<'_>) -> rusqlite::Result<Answer> {
    Ok(Answer {
        quiz: r.get(0)?,
        round: r.get(1)?,
        guild: r.get::<_, Option<i64>>(2)?.map(|g| GuildId(from_sql(g))),
        user: UserId(from_sql(r.get(3)?)),
        question: r.get(4)?,
        choice: r.get(5)?,
        correct: r.get(6)?,
        points: r.get(7)?,
        answered_at: from_sql(r.get(8)?),
    })
}

/// The answers' columns, as a literal for `concat!`.
macro_rules! answer_columns {
    () => {
        "quiz_id, round, guild_id, user_id, question_id, choice, correct, points, answered_at"
    };
}

const ANSWER_COLUMNS: &str = answer_columns!();

/// Writes an answer, numbered after the round's others (`seq`); ignored when this member
/// already answered this round. A constant: no SQL text is built on each answer.
const INSERT_ANSWER: &str = concat!(
    "INSERT OR IGNORE INTO answers (",
    answer_columns!(),
    ", seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ",
    "(SELECT COALESCE(MAX(seq), 0) + 1 FROM answers WHERE quiz_id = ?1 AND round = ?2))"
);

fn standing_row(r: &Row<'_>) -> rusqlite::Result<Standing> {
    Ok(Standing {
        user: UserId(from_sql(r.get(0)?)),
        points: from_sql(r.get(1)?),
        correct: from_sql(r.get(2)?),
        answered: from_sql(r.get(3)?),
    })
}

const DAILY_COLUMNS: &str = "guild_id, channel_id, minute_of_day, timezone, enabled, deck_seed, \
    position, active_from, last_error";

fn daily_row(r: &Row<'_>) -> rusqlite::Result<DailySettings> {
    Ok(DailySettings {
        guild: GuildId(from_sql(r.get(0)?)),
        channel: ChannelId(from_sql(r.get(1)?)),
        minute_of_day: r.get(2)?,
        timezone: r.get(3)?,
        enabled: r.get(4)?,
        deck_seed: from_sql(r.get(5)?),
        position: r.get(6)?,
        active_from: from_sql(r.get(7)?),
        last_error: r.get(8)?,
    })
}

const POST_COLUMNS: &str =
    "guild_id, local_date, channel_id, fact_id, claimed_at, message_id, sent_at, late";

fn post_row(r: &Row<'_>) -> rusqlite::Result<DailyPost> {
    Ok(DailyPost {
        guild: GuildId(from_sql(r.get(0)?)),
        date: r.get(1)?,
        channel: ChannelId(from_sql(r.get(2)?)),
        fact: r.get(3)?,
        claimed_at: from_sql(r.get(4)?),
        message: r.get::<_, Option<i64>>(5)?.map(|m| MessageId(from_sql(m))),
        sent_at: r.get::<_, Option<i64>>(6)?.map(from_sql),
        late: r.get(7)?,
    })
}

impl SqliteStore {
    /// Every row a query returns, read with `row`.
    fn all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<Vec<T>> {
        let conn = self.read()?;
        let mut stmt = conn.prepare_cached(sql).map_err(err)?;
        let rows = stmt
            .query_map(params, row)
            .map_err(err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err);
        rows
    }
}

const STANDING: &str = "SELECT user_id, SUM(points), SUM(correct), COUNT(*) FROM answers a";
/// Whether answer `a` counts: its round is revealed (what every total shows, as the
/// totals kept in `standings`).
const COUNTED: &str = "EXISTS (SELECT 1 FROM rounds r \
    WHERE r.quiz_id = a.quiz_id AND r.round = a.round AND r.revealed = 1)";
const STANDING_ORDER: &str =
    "GROUP BY user_id ORDER BY SUM(points) DESC, SUM(correct) DESC, MIN(answered_at) ASC";

/// The start (unix seconds) of the Japan-time week containing the SQL time `$at`, as
/// [`period_start`] computes it (and the schema's trigger).
macro_rules! week_start {
    ($at:literal) => {
        concat!(
            "MAX(0, ((",
            $at,
            " + 32400) / 86400 - ((",
            $at,
            " + 32400) / 86400 + 3) % 7) \
             * 86400 - 32400)"
        )
    };
}

/// The start of the Japan-time month containing `$at`, as [`week_start`].
macro_rules! month_start {
    ($at:literal) => {
        concat!(
            "MAX(0, CAST(strftime('%s', ",
            $at,
            " + 32400, 'unixepoch', 'start of month') \
             AS INTEGER) - 32400)"
        )
    };
}

/// Adds the answers of round (?1, ?2) to their server's totals for each period (the
/// reveal, once per round, in the transaction that marks the round revealed). The answers
/// of a round are one range of `answers`' key, and a member answers a round once, so the
/// statement writes each member's three rows once.
const ADD_ROUND_TO_STANDINGS: &str = concat!(
    "INSERT INTO standings \
     (guild_id, period, period_start, user_id, points, correct, answered, first_at) \
     SELECT a.guild_id, p.period, \
       CASE p.period WHEN 'all' THEN 0 WHEN 'week' THEN ",
    week_start!("a.answered_at"),
    " ELSE ",
    month_start!("a.answered_at"),
    " END AS start, a.user_id, SUM(a.points), SUM(a.correct), COUNT(*), MIN(a.answered_at) \
     FROM answers a \
     CROSS JOIN (SELECT 'all' AS period UNION ALL SELECT 'week' UNION ALL SELECT 'month') p \
     WHERE a.quiz_id = ?1 AND a.round = ?2 AND a.guild_id IS NOT NULL \
     GROUP BY a.guild_id, p.period, start, a.user_id \
     ON CONFLICT (guild_id, user_id, period, period_start) DO UPDATE SET \
       points = points + excluded.points, correct = correct + excluded.correct, \
       answered = answered + excluded.answered, first_at = MIN(first_at, excluded.first_at)"
);

/// Adds the answers of round (?1, ?2) to their members' histories (the reveal, with the
/// totals).
const ADD_ROUND_TO_HISTORY: &str = "INSERT OR IGNORE INTO answer_history \
     (user_id, answered_at, quiz_id, round) \
     SELECT user_id, answered_at, quiz_id, round FROM answers WHERE quiz_id = ?1 AND round = ?2";

/// A quiz and one of its rounds, in one statement (one read of the file's state).
fn quiz_and_round_on(
    conn: &Connection,
    quiz: QuizId,
    round: u32,
) -> rusqlite::Result<Option<(Quiz, Option<Round>)>> {
    conn.one(
        "SELECT q.id, q.guild_id, q.channel_id, q.starter_id, q.mode, q.topic, q.seconds, \
         q.seed, q.questions, q.state, q.current, q.created_at, \
         r.question_id, r.message_id, r.started_at, r.deadline, r.revealed \
         FROM quizzes q LEFT JOIN rounds r ON r.quiz_id = q.id AND r.round = ?2 \
         WHERE q.id = ?1",
        params![quiz, round],
        |r| {
            let found = quiz_row(r)?;
            let shown = match r.get::<_, Option<String>>(12)? {
                Some(question) => Some(Round {
                    quiz,
                    round,
                    question,
                    message: r.get::<_, Option<i64>>(13)?.map(|m| MessageId(from_sql(m))),
                    started_at: from_sql(r.get(14)?),
                    deadline: from_sql(r.get(15)?),
                    revealed: r.get(16)?,
                }),
                None => None,
            };
            Ok((found, shown))
        },
    )
    .optional()
}

/// Writes an answer; `false` when this member already answered this round.
fn insert_answer(conn: &Connection, a: &Answer) -> rusqlite::Result<bool> {
    let n = conn.run(
        INSERT_ANSWER,
        params![
            a.quiz,
            a.round,
            a.guild.map(|g| to_sql(g.0)),
            to_sql(a.user.0),
            a.question,
            a.choice,
            a.correct,
            a.points,
            to_sql(a.answered_at),
        ],
    )?;
    Ok(n == 1)
}

/// [`Store::everyone_answered_again`]: one look-up per earlier answerer in the primary
/// key (quiz, round, user); no rows are read out.
fn everyone_again_on(conn: &Connection, quiz: QuizId, round: u32) -> rusqlite::Result<bool> {
    if round == 0 {
        return Ok(false);
    }
    conn.one(
        "SELECT EXISTS (SELECT 1 FROM answers WHERE quiz_id = ?1 AND round = ?2) \
         AND NOT EXISTS (SELECT 1 FROM answers p WHERE p.quiz_id = ?1 AND p.round = ?2 \
           AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.quiz_id = ?1 \
             AND a.round = ?3 AND a.user_id = p.user_id))",
        params![quiz, round - 1, round],
        |r| r.get(0),
    )
}

impl Store for SqliteStore {
    fn reads_inline(&self) -> bool {
        true
    }

    fn create_quiz(&self, q: &NewQuiz) -> StoreResult<Option<QuizId>> {
        let conn = self.write()?;
        let inserted = conn.run(
            "INSERT OR IGNORE INTO quizzes (guild_id, channel_id, starter_id, mode, topic, seconds, \
             seed, questions, state, current, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', 0, ?9)",
            params![
                q.guild.map(|g| to_sql(g.0)),
                to_sql(q.channel.0),
                to_sql(q.starter.0),
                q.mode.key(),
                q.topic,
                q.seconds,
                to_sql(q.seed),
                q.questions.join(","),
                to_sql(q.created_at),
            ],
        );
        match inserted.map_err(err)? {
            0 => Ok(None),
            _ => Ok(Some(conn.last_insert_rowid())),
        }
    }

    fn quiz(&self, id: QuizId) -> StoreResult<Option<Quiz>> {
        self.read()?
            .one(
                &format!("SELECT {QUIZ_COLUMNS} FROM quizzes WHERE id = ?1"),
                [id],
                quiz_row,
            )
            .optional()
            .map_err(err)
    }

    fn open_quiz_in(&self, channel: ChannelId) -> StoreResult<Option<Quiz>> {
        self.read()?
            .one(
                &format!(
                    "SELECT {QUIZ_COLUMNS} FROM quizzes \
                     WHERE channel_id = ?1 AND state = 'open' AND mode = 'group'"
                ),
                [to_sql(channel.0)],
                quiz_row,
            )
            .optional()
            .map_err(err)
    }

    fn open_solo_of(&self, user: UserId) -> StoreResult<Vec<Quiz>> {
        self.all(
            &format!(
                "SELECT {QUIZ_COLUMNS} FROM quizzes \
                 WHERE starter_id = ?1 AND state = 'open' AND mode = 'solo' ORDER BY id"
            ),
            [to_sql(user.0)],
            quiz_row,
        )
    }

    fn open_quizzes(&self) -> StoreResult<Vec<Quiz>> {
        self.all(
            &format!("SELECT {QUIZ_COLUMNS} FROM quizzes WHERE state = 'open' ORDER BY id"),
            [],
            quiz_row,
        )
    }

    fn close_quiz(&self, id: QuizId, state: QuizState, at: u64) -> StoreResult<bool> {
        let n = self
            .write()?
            .run(
                "UPDATE quizzes SET state = ?2, ended_at = ?3 WHERE id = ?1 AND state = 'open'",
                params![id, state.key(), to_sql(at)],
            )
            .map_err(err)?;
        Ok(n == 1)
    }

    fn start_round(
        &self,
        quiz: QuizId,
        round: u32,
        question: &str,
        started_at: u64,
        deadline: u64,
    ) -> StoreResult<()> {
        let mut conn = self.write()?;
        let tx = conn.transaction().map_err(err)?;
        tx.run(
            "INSERT INTO rounds (quiz_id, round, question_id, started_at, deadline) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![quiz, round, question, to_sql(started_at), to_sql(deadline)],
        )
        .map_err(err)?;
        tx.run(
            "UPDATE quizzes SET current = ?2 WHERE id = ?1",
            params![quiz, round],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    fn round(&self, quiz: QuizId, round: u32) -> StoreResult<Option<Round>> {
        self.read()?
            .one(
                "SELECT quiz_id, round, question_id, message_id, started_at, deadline, revealed \
                 FROM rounds WHERE quiz_id = ?1 AND round = ?2",
                params![quiz, round],
                |r| {
                    Ok(Round {
                        quiz: r.get(0)?,
                        round: r.get(1)?,
                        question: r.get(2)?,
                        message: r.get::<_, Option<i64>>(3)?.map(|m| MessageId(from_sql(m))),
                        started_at: from_sql(r.get(4)?),
                        deadline: from_sql(r.get(5)?),
                        revealed: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(err)
    }

    fn quiz_and_round(
        &self,
        quiz: QuizId,
        round: u32,
    ) -> StoreResult<Option<(Quiz, Option<Round>)>> {
        quiz_and_round_on(&*self.read()?, quiz, round).map_err(err)
    }

    fn set_round_message(&self, quiz: QuizId, round: u32, message: MessageId) -> StoreResult<()> {
        self.write()?
            .run(
                "UPDATE rounds SET message_id = ?3 WHERE quiz_id = ?1 AND round = ?2",
                params![quiz, round, to_sql(message.0)],
            )
            .map(drop)
            .map_err(err)
    }

    fn claim_reveal(&self, quiz: QuizId, round: u32) -> StoreResult<bool> {
        let conn = self.write()?;
        let tx = Immediate::begin(&conn).map_err(err)?;
        let n = tx
            .run(
                "UPDATE rounds SET revealed = 1 WHERE quiz_id = ?1 AND round = ?2 AND revealed = 0",
                params![quiz, round],
            )
            .map_err(err)?;
        if n == 1 {
            // The round's answers join the totals with the mark, or neither is written.
            tx.run(ADD_ROUND_TO_STANDINGS, params![quiz, round])
                .map_err(err)?;
            tx.run(ADD_ROUND_TO_HISTORY, params![quiz, round])
                .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(n == 1)
    }

    fn record_answer(&self, a: &Answer) -> StoreResult<bool> {
        insert_answer(&*self.write()?, a).map_err(err)
    }

    fn answers(&self, quiz: QuizId, round: u32) -> StoreResult<Vec<Answer>> {
        self.all(
            &format!(
                "SELECT {ANSWER_COLUMNS} FROM answers WHERE quiz_id = ?1 AND round = ?2 \
                 ORDER BY answered_at, seq"
            ),
            params![quiz, round],
            answer_row,
        )
    }

    fn everyone_answered_again(&self, quiz: QuizId, round: u32) -> StoreResult<bool> {
        everyone_again_on(&*self.read()?, quiz, round).map_err(err)
    }

    fn answer_round(
        &self,
        quiz: QuizId,
        round: u32,
        check: &mut AnswerCheck<'_>,
    ) -> StoreResult<Answering> {
        // Tried inline for an answer: the connection only if free, the file's lock only
        // if no other process holds it (no busy wait), and no fsync in the commit (no
        // checkpoint: SQLite's automatic one is off; no WAL header: refused while the
        // next commit may restart the WAL).
        let here = super::inline::answer_may_be_written();
        let conn = if here { self.read()? } else { self.write()? };
        if here
            && (self
                .restart_pending
                .load(std::sync::atomic::Ordering::Relaxed)
                || self.checkpoint_unsettled()
                // The answer that reaches the checkpoint's count goes to the pool, whose
                // write starts the checkpoint: inline answers only count (a stream of
                // answers alone grew the WAL without bound, 67 MB for 12,000).
                || self.writes.load(std::sync::atomic::Ordering::Relaxed) + 1
                    >= CHECKPOINT_AFTER)
        {
            return Err(super::inline::refuse());
        }
        if conn
            .is_readonly(rusqlite::DatabaseName::Main)
            .unwrap_or(false)
        {
            // The answer is read and checked, and its write refused, as in three calls.
            drop(conn);
            return super::answer_round_in_steps(self, quiz, round, check);
        }
        // The write lock first (waiting for another process's, as a write does): a read
        // that a write then follows cannot wait for the lock in between.
        let tx = Immediate::begin(&conn).map_err(err)?;
        let answering = super::answer_with(
            check,
            || {
                let found = quiz_and_round_on(&tx, quiz, round).map_err(err)?;
                if here && matches!(&found, Some((q, _)) if q.mode == QuizMode::Solo) {
                    // A solo answer's reveal and next round follow: refused before its
                    // INSERT, the whole answer runs on the blocking pool.
                    return Err(super::inline::refuse());
                }
                Ok(found)
            },
            |answer| insert_answer(&tx, answer).map_err(err),
            || everyone_again_on(&tx, quiz, round).map_err(err),
        )?;
        // Only a recorded answer has written anything: otherwise the transaction is
        // rolled back when dropped.
        if let Answering::Recorded {
            quiz,
            everyone_again,
        } = &answering
        {
            if here {
                if quiz.mode == QuizMode::Solo || *everyone_again {
                    // More writes follow (the reveal, the next round): the whole answer
                    // runs on the blocking pool instead, this one rolled back. (A solo
                    // quiz is refused above, before its INSERT.)
                    return Err(super::inline::refuse());
                }
                self.writes
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            tx.commit().map_err(err)?;
            if here {
                // Counted as a write on the pool is (see `commits`).
                self.commits
                    .fetch_add(1, std::sync::atomic::Ordering::Release);
                super::inline::committed();
            } else {
                // This commit wrote the WAL's header or appended to it: the next one
                // appends (see `restart_pending`).
                self.restart_pending
                    .store(false, std::sync::atomic::Ordering::Relaxed);
            }
        }
        Ok(answering)
    }

    fn quiz_standings(&self, quiz: QuizId) -> StoreResult<Vec<Standing>> {
        self.all(
            &format!("{STANDING} WHERE quiz_id = ?1 AND {COUNTED} {STANDING_ORDER}"),
            [quiz],
            standing_row,
        )
    }

    fn leaderboard(&self, guild: GuildId, since: u64, limit: u32) -> StoreResult<Vec<Standing>> {
        self.all(
            &format!(
                "{STANDING} WHERE guild_id = ?1 AND answered_at >= ?2 AND {COUNTED} \
                 {STANDING_ORDER} LIMIT ?3"
            ),
            params![to_sql(guild.0), to_sql(since), limit],
            standing_row,
        )
    }

    fn period_leaderboard(
        &self,
        guild: GuildId,
        period: Period,
        now: u64,
        limit: u32,
    ) -> StoreResult<Vec<Standing>> {
        self.all(
            "SELECT user_id, points, correct, answered FROM standings \
             WHERE guild_id = ?1 AND period = ?2 AND period_start = ?3 \
             ORDER BY points DESC, correct DESC, first_at, user_id LIMIT ?4",
            params![
                to_sql(guild.0),
                period.key(),
                to_sql(period_start(period, now)),
                limit
            ],
            standing_row,
        )
    }

    fn history_of(&self, user: UserId) -> StoreResult<Vec<Answer>> {
        self.all(
            "SELECT a.quiz_id, a.round, a.guild_id, a.user_id, a.question_id, a.choice, \
             a.correct, a.points, a.answered_at FROM answer_history h JOIN answers a \
             ON a.quiz_id = h.quiz_id AND a.round = h.round AND a.user_id = h.user_id \
             WHERE h.user_id = ?1 ORDER BY h.answered_at, h.quiz_id, h.round",
            [to_sql(user.0)],
            answer_row,
        )
    }

    fn recent_questions(
        &self,
        guild: Option<GuildId>,
        channel: ChannelId,
        limit: u32,
    ) -> StoreResult<Vec<String>> {
        let conn = self.read()?;
        let (clause, key) = match guild {
            Some(g) => ("q.guild_id = ?1", to_sql(g.0)),
            None => (
                "q.guild_id IS NULL AND q.channel_id = ?1",
                to_sql(channel.0),
            ),
        };
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT r.question_id FROM rounds r JOIN quizzes q ON q.id = r.quiz_id \
                 WHERE {clause} ORDER BY r.started_at DESC, r.quiz_id DESC, r.round DESC LIMIT ?2"
            ))
            .map_err(err)?;
        let rows = stmt
            .query_map(params![key, limit], |r| r.get(0))
            .map_err(err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(err);
        rows
    }

    fn set_daily(&self, d: &DailySettings) -> StoreResult<()> {
        self.write()?
            .run(
                &format!(
                    "INSERT INTO daily_settings ({DAILY_COLUMNS}) \
                     VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, NULL) \
                     ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, \
                     minute_of_day = excluded.minute_of_day, timezone = excluded.timezone, \
                     active_from = excluded.active_from, enabled = 1, last_error = NULL"
                ),
                params![
                    to_sql(d.guild.0),
                    to_sql(d.channel.0),
                    d.minute_of_day,
                    d.timezone,
                    to_sql(d.deck_seed),
                    d.position,
                    to_sql(d.active_from),
                ],
            )
            .map(drop)
            .map_err(err)
    }

    fn daily(&self, guild: GuildId) -> StoreResult<Option<DailySettings>> {
        Ok(self
            .all(
                &format!("SELECT {DAILY_COLUMNS} FROM daily_settings WHERE guild_id = ?1"),
                [to_sql(guild.0)],
                daily_row,
            )?
            .into_iter()
            .next())
    }

    fn enabled_dailies(&self) -> StoreResult<Vec<DailySettings>> {
        self.all(
            &format!(
                "SELECT {DAILY_COLUMNS} FROM daily_settings WHERE enabled = 1 ORDER BY guild_id"
            ),
            [],
            daily_row,
        )
    }

    fn disable_daily(&self, guild: GuildId, reason: Option<&str>) -> StoreResult<()> {
        self.write()?
            .run(
                "UPDATE daily_settings SET enabled = 0, last_error = ?2 WHERE guild_id = ?1",
                params![to_sql(guild.0), reason],
            )
            .map(drop)
            .map_err(err)
    }

    fn note_daily_error(&self, guild: GuildId, error: Option<&str>) -> StoreResult<()> {
        self.write()?
            .execute(
                "UPDATE daily_settings SET last_error = ?2 WHERE guild_id = ?1",
                params![to_sql(guild.0), error],
            )
            .map(drop)
            .map_err(err)
    }

    fn set_deck(&self, guild: GuildId, seed: u64, position: u32) -> StoreResult<()> {
        self.write()?
            .run(
                "UPDATE daily_settings SET deck_seed = ?2, position = ?3 WHERE guild_id = ?1",
                params![to_sql(guild.0), to_sql(seed), position],
            )
            .map(drop)
            .map_err(err)
    }

    fn claim_daily(&self, p: &DailyPost, next: Option<DeckPlace>) -> StoreResult<bool> {
        let mut conn = self.write()?;
        let tx = conn.transaction().map_err(err)?;
        let n = tx
            .run(
                "INSERT OR IGNORE INTO daily_posts \
                 (guild_id, local_date, channel_id, fact_id, claimed_at, late) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    to_sql(p.guild.0),
                    p.date,
                    to_sql(p.channel.0),
                    p.fact,
                    to_sql(p.claimed_at),
                    p.late,
                ],
            )
            .map_err(err)?;
        if let (1, Some(d)) = (n, next) {
            tx.run(
                "UPDATE daily_settings SET deck_seed = ?2, position = ?3 WHERE guild_id = ?1",
                params![to_sql(p.guild.0), to_sql(d.seed), d.position],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(n == 1)
    }

    fn mark_daily_sent(
        &self,
        guild: GuildId,
        date: &str,
        message: MessageId,
        at: u64,
    ) -> StoreResult<()> {
        self.write()?
            .run(
                "UPDATE daily_posts SET message_id = ?3, sent_at = ?4 \
                 WHERE guild_id = ?1 AND local_date = ?2",
                params![to_sql(guild.0), date, to_sql(message.0), to_sql(at)],
            )
            .map(drop)
            .map_err(err)
    }

    fn reclaim_daily(
        &self,
        guild: GuildId,
        date: &str,
        stale_before: u64,
        now: u64,
    ) -> StoreResult<bool> {
        let n = self
            .write()?
            .run(
                "UPDATE daily_posts SET claimed_at = ?4 WHERE guild_id = ?1 AND local_date = ?2 \
                 AND sent_at IS NULL AND claimed_at <= ?3",
                params![to_sql(guild.0), date, to_sql(stale_before), to_sql(now)],
            )
            .map_err(err)?;
        Ok(n == 1)
    }

    fn release_daily(
        &self,
        guild: GuildId,
        date: &str,
        rewind: Option<DeckPlace>,
    ) -> StoreResult<()> {
        let mut conn = self.write()?;
        let tx = conn.transaction().map_err(err)?;
        let n = tx
            .run(
                "DELETE FROM daily_posts WHERE guild_id = ?1 AND local_date = ?2 \
                 AND sent_at IS NULL",
                params![to_sql(guild.0), date],
            )
            .map_err(err)?;
        if let (1, Some(d)) = (n, rewind.filter(|d| d.position > 0)) {
            tx.run(
                "UPDATE daily_settings SET position = ?3 - 1 \
                 WHERE guild_id = ?1 AND deck_seed = ?2 AND position = ?3",
                params![to_sql(guild.0), to_sql(d.seed), d.position],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    fn daily_post(&self, guild: GuildId, date: &str) -> StoreResult<Option<DailyPost>> {
        self.read()?
            .one(
                &format!(
                    "SELECT {POST_COLUMNS} FROM daily_posts WHERE guild_id = ?1 AND local_date = ?2"
                ),
                params![to_sql(guild.0), date],
                post_row,
            )
            .optional()
            .map_err(err)
    }

    fn last_daily_post(&self, guild: GuildId) -> StoreResult<Option<DailyPost>> {
        Ok(self
            .all(
                &format!(
                    "SELECT {POST_COLUMNS} FROM daily_posts WHERE guild_id = ?1 \
                     ORDER BY local_date DESC LIMIT 1"
                ),
                [to_sql(guild.0)],
                post_row,
            )?
            .into_iter()
            .next())
    }

    fn unsent_dailies(&self) -> StoreResult<Vec<DailyPost>> {
        self.all(
            &format!(
                "SELECT {POST_COLUMNS} FROM daily_posts WHERE sent_at IS NULL ORDER BY guild_id"
            ),
            [],
            post_row,
        )
    }
}
