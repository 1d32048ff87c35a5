//! Persistence: quizzes, their rounds and every counted answer.
//!
//! [`Store`] is a small synchronous trait: the core runs on the blocking pool, so a
//! synchronous driver keeps it free of async. [`sqlite::SqliteStore`] is the default (a
//! file, nothing to install); [`postgres::PostgresStore`] is for several processes (shard
//! ranges) sharing one database. Both pass the same tests (`tests/store.rs` is written
//! against the trait). [`open`] picks one from the configuration.
//!
//! Every answer is written (unique per quiz, round and member) before it is acknowledged,
//! and a round's reveal is claimed by one conditional update, so two timers or a timer and
//! a click can never reveal twice. Totals count revealed rounds only: a round's answers
//! join them at its reveal, in the reveal's transaction.

mod pg_tls;
pub mod postgres;
pub mod sqlite;

use crate::ids::{ChannelId, GuildId, MessageId, UserId};
pub use crate::quiz::rules::{period_start, Period};
use std::fmt;

pub use self::postgres::PostgresStore;
pub use sqlite::SqliteStore;

pub type QuizId = i64;

/// Opens (creating and migrating) the configured database.
pub fn open(database: &crate::config::Database) -> StoreResult<std::sync::Arc<dyn Store>> {
    use crate::config::Database;
    Ok(match database {
        Database::Sqlite(path) => std::sync::Arc::new(SqliteStore::open(path)?),
        Database::Postgres(url) => {
            let store = PostgresStore::connect(url.expose())?;
            match store.encrypted() {
                Ok(true) => tracing::info!("PostgreSQL connected, encrypted (TLS)"),
                Ok(false) => tracing::warn!(
                    "PostgreSQL connected without TLS: add ?sslmode=verify-full to DATABASE_URL \
                     unless the server is on this machine or a private network"
                ),
                Err(e) => tracing::warn!(error = %e, "could not tell whether PostgreSQL uses TLS"),
            }
            std::sync::Arc::new(store)
        }
    })
}

#[derive(Debug, Clone)]
pub struct StoreError(pub String);

/// How [`StoreError::unavailable`] marks its message.
const UNAVAILABLE: &str = "unavailable: ";

impl StoreError {
    /// The database cannot be written or read just now (read-only, locked by another
    /// process past the wait, disk full, I/O error): nothing was changed, and the user is
    /// told so plainly rather than with the generic apology.
    pub fn unavailable(message: impl fmt::Display) -> StoreError {
        StoreError(format!("{UNAVAILABLE}{message}"))
    }

    pub fn is_unavailable(&self) -> bool {
        self.0.starts_with(UNAVAILABLE)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

pub type StoreResult<T> = Result<T, StoreError>;

/// Dispatch tried on the thread where an interaction arrived (an async worker), to spare
/// the hop to the blocking pool: within [`inline::attempt`], a store that allows it
/// ([`Store::reads_inline`]) answers reads that need no wait, and refuses anything that
/// would write or wait (its connection held by another thread, a lock held by another
/// process). A quiz answer ([`inline::attempt_answer`]) may also be written there, in one
/// transaction, when it is all its dispatch writes. A refused attempt has changed nothing
/// (reads ran, an answer's transaction was rolled back), so the caller drops its outcome
/// and runs the dispatch again on the blocking pool, where the store may wait.
pub mod inline {
    use super::StoreError;
    use std::cell::Cell;

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        Off,
        On,
        /// As `On`, and a quiz answer may be written ([`attempt_answer`]).
        Answer,
        Refused,
    }

    thread_local! {
        static STATE: Cell<State> = const { Cell::new(State::Off) };
        /// Whether an answer has been committed in this attempt: the dispatch must not be
        /// refused after that (run again on the pool, it would find the answer already
        /// given and say so, for an answer that counted).
        static COMMITTED: Cell<bool> = const { Cell::new(false) };
    }

    /// Resets the thread's state however the attempt ends (a panic included).
    struct Reset;

    impl Drop for Reset {
        fn drop(&mut self) {
            STATE.with(|s| s.set(State::Off));
            COMMITTED.with(|c| c.set(false));
        }
    }

    /// Runs `f` with the store in inline mode: `None` when the store refused something
    /// (then whatever `f` returned is to be thrown away and the work done elsewhere).
    pub fn attempt<T>(f: impl FnOnce() -> T) -> Option<T> {
        STATE.with(|s| s.set(State::On));
        let _reset = Reset;
        let out = f();
        (STATE.with(Cell::get) != State::Refused).then_some(out)
    }

    /// [`attempt`] for a quiz answer: the store may also write the answer, in one
    /// transaction that takes the file's lock without waiting, when that is all the
    /// dispatch writes (see [`answer_may_be_written`]); anything else is refused as in
    /// [`attempt`], with nothing written.
    pub fn attempt_answer<T>(f: impl FnOnce() -> T) -> Option<T> {
        STATE.with(|s| s.set(State::Answer));
        let _reset = Reset;
        let out = f();
        (STATE.with(Cell::get) != State::Refused).then_some(out)
    }

    /// Whether this thread is inside [`attempt_answer`] and nothing has been refused: a
    /// quiz answer may be written here.
    pub fn answer_may_be_written() -> bool {
        STATE.with(Cell::get) == State::Answer
    }

    /// Whether this thread is inside [`attempt`] (the store must neither write nor wait).
    pub fn active() -> bool {
        STATE.with(Cell::get) != State::Off
    }

    /// Whether the attempt on this thread has been refused (its errors are not the user's
    /// concern and are not logged).
    pub fn refused() -> bool {
        STATE.with(Cell::get) == State::Refused
    }

    /// Marks that an answer was committed in this attempt (after which nothing may be
    /// refused, see [`refuse`]).
    pub fn committed() {
        COMMITTED.with(|c| c.set(true));
    }

    /// Marks the attempt refused; the error unwinds the dispatch. Refusing after an
    /// answer was committed in the same attempt is a bug (the dispatch run again would
    /// say the answer was already given): logged, and a panic in debug builds.
    pub fn refuse() -> StoreError {
        if COMMITTED.with(Cell::get) {
            tracing::error!("a store call refused inline after an answer was committed there");
            debug_assert!(false, "refused inline after an answer was committed there");
        }
        STATE.with(|s| s.set(State::Refused));
        StoreError("not now: done again on the blocking pool".into())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizMode {
    /// Everyone in the channel answers with buttons on a public message.
    Group,
    /// One member, ephemeral, immediate feedback.
    Solo,
}

impl QuizMode {
    pub fn key(self) -> &'static str {
        match self {
            QuizMode::Group => "group",
            QuizMode::Solo => "solo",
        }
    }

    pub fn from_key(s: &str) -> Option<QuizMode> {
        match s {
            "group" => Some(QuizMode::Group),
            "solo" => Some(QuizMode::Solo),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizState {
    Open,
    /// Every question was asked.
    Finished,
    /// Ended by `/quiz stop`.
    Stopped,
    /// Nobody answered two questions in a row.
    Abandoned,
    /// The bot restarted while it ran.
    Interrupted,
    /// A solo quiz replaced by the same member's next one.
    Replaced,
}

impl QuizState {
    pub fn key(self) -> &'static str {
        match self {
            QuizState::Open => "open",
            QuizState::Finished => "finished",
            QuizState::Stopped => "stopped",
            QuizState::Abandoned => "abandoned",
            QuizState::Interrupted => "interrupted",
            QuizState::Replaced => "replaced",
        }
    }

    pub fn from_key(s: &str) -> Option<QuizState> {
        [
            QuizState::Open,
            QuizState::Finished,
            QuizState::Stopped,
            QuizState::Abandoned,
            QuizState::Interrupted,
            QuizState::Replaced,
        ]
        .into_iter()
        .find(|q| q.key() == s)
    }
}

/// A quiz about to start: its questions are chosen up front.
#[derive(Debug, Clone)]
pub struct NewQuiz {
    pub guild: Option<GuildId>,
    pub channel: ChannelId,
    pub starter: UserId,
    pub mode: QuizMode,
    pub topic: String,
    pub seconds: u32,
    /// Shuffles each question's choices (passed in: the core draws no randomness itself).
    pub seed: u64,
    pub created_at: u64,
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiz {
    pub id: QuizId,
    pub guild: Option<GuildId>,
    pub channel: ChannelId,
    pub starter: UserId,
    pub mode: QuizMode,
    pub topic: String,
    pub seconds: u32,
    pub seed: u64,
    pub created_at: u64,
    pub state: QuizState,
    /// The round now shown (0-based); rounds before it are revealed.
    pub current: u32,
    pub questions: Vec<String>,
}

impl Quiz {
    pub fn total(&self) -> u32 {
        u32::try_from(self.questions.len()).unwrap_or(u32::MAX)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub quiz: QuizId,
    pub round: u32,
    pub question: String,
    pub message: Option<MessageId>,
    pub started_at: u64,
    pub deadline: u64,
    pub revealed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub quiz: QuizId,
    pub round: u32,
    pub guild: Option<GuildId>,
    pub user: UserId,
    pub question: String,
    /// Index of the pressed choice as shown.
    pub choice: u8,
    pub correct: bool,
    pub points: u32,
    pub answered_at: u64,
}

/// What [`Store::answer_round`] did with a quiz answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answering {
    /// There is no such quiz: nothing was written.
    NoQuiz,
    /// The caller's check turned the answer down: nothing was written.
    Refused(Quiz),
    /// This member had already answered this round: nothing was written.
    Again(Quiz),
    /// The answer is written. `everyone_again`: whether everyone who answered the round
    /// before has answered this one ([`Store::everyone_answered_again`]; `false` unless the
    /// check asked).
    Recorded { quiz: Quiz, everyone_again: bool },
}

/// The check of [`Store::answer_round`]: from the quiz and its round as stored, the answer
/// to write and whether to ask [`Store::everyone_answered_again`] after it, or `None` to
/// write nothing. It runs while the store holds its connection, so it must not call the
/// store.
pub type AnswerCheck<'a> = dyn FnMut(&Quiz, Option<&Round>) -> Option<(Answer, bool)> + 'a;

/// [`Store::answer_round`] as three calls: read, write, read.
pub fn answer_round_in_steps<S: Store + ?Sized>(
    store: &S,
    quiz: QuizId,
    round: u32,
    check: &mut AnswerCheck<'_>,
) -> StoreResult<Answering> {
    answer_with(
        check,
        || store.quiz_and_round(quiz, round),
        |answer| store.record_answer(answer),
        || store.everyone_answered_again(quiz, round),
    )
}

/// The steps of [`Store::answer_round`], whatever carries them out: `read` the quiz and
/// the round, `check`, `write` the answer (`false`: this member had answered already)
/// and, when the check asks, read whether everyone answered `again`.
pub(crate) fn answer_with(
    check: &mut AnswerCheck<'_>,
    read: impl FnOnce() -> StoreResult<Option<(Quiz, Option<Round>)>>,
    write: impl FnOnce(&Answer) -> StoreResult<bool>,
    again: impl FnOnce() -> StoreResult<bool>,
) -> StoreResult<Answering> {
    let Some((found, shown)) = read()? else {
        return Ok(Answering::NoQuiz);
    };
    let Some((answer, ask)) = check(&found, shown.as_ref()) else {
        return Ok(Answering::Refused(found));
    };
    if !write(&answer)? {
        return Ok(Answering::Again(found));
    }
    let everyone_again = ask && again()?;
    Ok(Answering::Recorded {
        quiz: found,
        everyone_again,
    })
}

/// One member's totals over some answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub user: UserId,
    pub points: u64,
    pub correct: u64,
    pub answered: u64,
}

/// A server's daily post settings and where it is in its deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailySettings {
    pub guild: GuildId,
    pub channel: ChannelId,
    /// Minutes after local midnight.
    pub minute_of_day: u16,
    /// IANA zone name.
    pub timezone: String,
    pub enabled: bool,
    pub deck_seed: u64,
    pub position: u32,
    /// When these settings were made (unix seconds): a time already past that day waits
    /// for the next day.
    pub active_from: u64,
    /// Why posting stopped (a channel that refused the bot), shown in `/daily status`.
    pub last_error: Option<String>,
}

/// A server's place in its shuffled deck of facts: the shuffle's seed and the position of
/// the next fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeckPlace {
    pub seed: u64,
    pub position: u32,
}

/// One server's post for one local date: claimed before it is sent, marked sent after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyPost {
    pub guild: GuildId,
    /// `YYYY-MM-DD` in the server's zone.
    pub date: String,
    pub channel: ChannelId,
    pub fact: String,
    pub claimed_at: u64,
    pub message: Option<MessageId>,
    pub sent_at: Option<u64>,
    pub late: bool,
}

/// What the quiz and the daily post need to keep. Implementations are shared between
/// threads.
pub trait Store: Send + Sync {
    /// Whether reads may be tried on an async thread (see [`inline`]). A store whose
    /// driver blocks on a runtime of its own (PostgreSQL's) must say no.
    fn reads_inline(&self) -> bool {
        false
    }
    /// Creates a quiz; `None` when a group quiz is already open in that channel.
    fn create_quiz(&self, quiz: &NewQuiz) -> StoreResult<Option<QuizId>>;
    fn quiz(&self, id: QuizId) -> StoreResult<Option<Quiz>>;
    /// The open group quiz of a channel.
    fn open_quiz_in(&self, channel: ChannelId) -> StoreResult<Option<Quiz>>;
    /// A member's open solo quizzes.
    fn open_solo_of(&self, user: UserId) -> StoreResult<Vec<Quiz>>;
    fn open_quizzes(&self) -> StoreResult<Vec<Quiz>>;
    /// Marks a quiz ended; `false` when it was not open (someone else ended it first).
    fn close_quiz(&self, id: QuizId, state: QuizState, at: u64) -> StoreResult<bool>;

    /// Shows round `round`: records its question and deadline and makes it current.
    fn start_round(
        &self,
        quiz: QuizId,
        round: u32,
        question: &str,
        started_at: u64,
        deadline: u64,
    ) -> StoreResult<()>;
    fn round(&self, quiz: QuizId, round: u32) -> StoreResult<Option<Round>>;
    /// A quiz and one of its rounds (`None` when the quiz does not exist): what every quiz
    /// answer reads first, so a store may read both at once.
    fn quiz_and_round(
        &self,
        quiz: QuizId,
        round: u32,
    ) -> StoreResult<Option<(Quiz, Option<Round>)>> {
        let Some(q) = self.quiz(quiz)? else {
            return Ok(None);
        };
        Ok(Some((q, self.round(quiz, round)?)))
    }
    fn set_round_message(&self, quiz: QuizId, round: u32, message: MessageId) -> StoreResult<()>;
    /// Claims a round's reveal; `true` for exactly one caller. The round's answers join
    /// every total (the period totals, [`Store::history_of`], [`Store::quiz_standings`])
    /// with the claim, in its transaction: a claim that fails writes neither.
    fn claim_reveal(&self, quiz: QuizId, round: u32) -> StoreResult<bool>;

    /// Writes an answer; `false` when this member already answered this round.
    fn record_answer(&self, answer: &Answer) -> StoreResult<bool>;
    fn answers(&self, quiz: QuizId, round: u32) -> StoreResult<Vec<Answer>>;
    /// Whether somebody answered `round - 1` and everyone who did has answered `round`
    /// too (`false` for round 0). Called on every group answer, so a store may answer it
    /// without reading the rows.
    fn everyone_answered_again(&self, quiz: QuizId, round: u32) -> StoreResult<bool> {
        if round == 0 {
            return Ok(false);
        }
        let before = self.answers(quiz, round - 1)?;
        if before.is_empty() {
            return Ok(false);
        }
        let now: Vec<UserId> = self.answers(quiz, round)?.iter().map(|a| a.user).collect();
        Ok(before.iter().all(|a| now.contains(&a.user)))
    }
    /// A quiz answer's store work as one unit: reads the quiz and round `round`, lets
    /// `check` decide, writes the answer it returns (unless this member already answered)
    /// and, when asked, reads whether everyone answered again. SQLite does it in one
    /// transaction (the file's locks taken once instead of three times); by default it is
    /// the three calls ([`answer_round_in_steps`]).
    fn answer_round(
        &self,
        quiz: QuizId,
        round: u32,
        check: &mut AnswerCheck<'_>,
    ) -> StoreResult<Answering> {
        answer_round_in_steps(self, quiz, round, check)
    }
    /// Totals of one quiz, best first: its revealed rounds' answers.
    fn quiz_standings(&self, quiz: QuizId) -> StoreResult<Vec<Standing>>;
    /// Totals in a server since a time (unix seconds), best first: the answers of
    /// revealed rounds.
    fn leaderboard(&self, guild: GuildId, since: u64, limit: u32) -> StoreResult<Vec<Standing>>;
    /// Totals in a server for the week, month or all time containing `now` (weeks and
    /// months in Japan time, [`period_start`]), best first: points, then right answers,
    /// then whoever reached them first. Read from the totals, not counted from every
    /// answer: an answer is in them from its round's reveal on ([`Store::claim_reveal`]),
    /// not before (the board gives no hint of who is right while a question is open).
    fn period_leaderboard(
        &self,
        guild: GuildId,
        period: Period,
        now: u64,
        limit: u32,
    ) -> StoreResult<Vec<Standing>>;
    /// Every answer of a member in a revealed round, oldest first (an answer to a round
    /// still open is not shown: not in `/quiz me`'s totals, nor `/quiz review`'s answers).
    fn history_of(&self, user: UserId) -> StoreResult<Vec<Answer>>;
    /// Question ids asked most recently in a server (or a DM channel), newest first.
    fn recent_questions(
        &self,
        guild: Option<GuildId>,
        channel: ChannelId,
        limit: u32,
    ) -> StoreResult<Vec<String>>;

    /// Sets a server's channel, time and zone and enables its posts; its deck position and
    /// its record of past posts are kept.
    fn set_daily(&self, settings: &DailySettings) -> StoreResult<()>;
    fn daily(&self, guild: GuildId) -> StoreResult<Option<DailySettings>>;
    fn enabled_dailies(&self) -> StoreResult<Vec<DailySettings>>;
    /// Stops a server's posts, with the reason when it was not the admins' choice.
    fn disable_daily(&self, guild: GuildId, reason: Option<&str>) -> StoreResult<()>;
    /// Records why the last post failed (shown in `/daily status`) without stopping the
    /// posts; `None` clears it once a post went out.
    fn note_daily_error(&self, guild: GuildId, error: Option<&str>) -> StoreResult<()>;
    fn set_deck(&self, guild: GuildId, seed: u64, position: u32) -> StoreResult<()>;
    /// Claims the post of a local date; `false` when it was already claimed (by this or
    /// another process). A claim moves the server's deck to `next` in the same transaction,
    /// so a fact is never claimed without the deck moving on past it.
    fn claim_daily(&self, post: &DailyPost, next: Option<DeckPlace>) -> StoreResult<bool>;
    fn mark_daily_sent(
        &self,
        guild: GuildId,
        date: &str,
        message: MessageId,
        at: u64,
    ) -> StoreResult<()>;
    /// Claims another attempt at a post claimed at or before `stale_before` and never
    /// marked sent; `true` for exactly one caller.
    fn reclaim_daily(
        &self,
        guild: GuildId,
        date: &str,
        stale_before: u64,
        now: u64,
    ) -> StoreResult<bool>;
    /// Forgets a claim whose message certainly did not go out (so it can be sent again).
    /// When a claim was forgotten and the deck is still at `rewind`, the deck moves back
    /// one place in the same transaction, so the unsent fact is the next one drawn.
    fn release_daily(
        &self,
        guild: GuildId,
        date: &str,
        rewind: Option<DeckPlace>,
    ) -> StoreResult<()>;
    fn daily_post(&self, guild: GuildId, date: &str) -> StoreResult<Option<DailyPost>>;
    /// The newest post of a server.
    fn last_daily_post(&self, guild: GuildId) -> StoreResult<Option<DailyPost>>;
    /// Claimed posts never marked sent (a crash between claim and record).
    fn unsent_dailies(&self) -> StoreResult<Vec<DailyPost>>;
}
