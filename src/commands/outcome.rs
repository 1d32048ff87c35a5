//! What running a command produces: the reply, and the effects the front-end carries out.
//!
//! The core stays pure: it never posts, sleeps or reads the clock. It says what should
//! happen — post in a channel, edit a message it posted, wake it at a time — and the
//! front-end (Discord or the console) does it, reporting posted messages back through
//! [`super::Bot::posted`] and calling [`super::Bot::wake`] when a timer fires.

use super::Response;
use crate::ids::{ChannelId, GuildId, MessageId};
use crate::reply::Reply;
use crate::store::{QuizId, StoreError};

/// Why the front-end is asked to wake the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wake {
    /// A quiz round's time is up.
    QuizRound { quiz: QuizId, round: u32 },
    /// The daily scheduler's minute tick (one chain, started once per process).
    DailyTick,
}

/// What a posted message is, so the core can record it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostTag {
    /// The question message of a quiz round.
    QuizRound { quiz: QuizId, round: u32 },
    /// A server's daily fact for one local date (`YYYY-MM-DD`), and the claim time this
    /// process wrote when it claimed it: another process that takes the post over writes a
    /// later one, which is how a retrying process knows to give way.
    Daily {
        guild: GuildId,
        date: String,
        claim: u64,
    },
}

impl PostTag {
    pub fn is_daily(&self) -> bool {
        matches!(self, PostTag::Daily { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Post a new message in a channel; `tag` says what it is, if the core needs its id.
    Post {
        channel: ChannelId,
        reply: Reply,
        tag: Option<PostTag>,
    },
    /// Replace a message the bot posted.
    Edit {
        channel: ChannelId,
        message: MessageId,
        reply: Reply,
    },
    /// Call [`super::Bot::wake`] at `at` (unix seconds).
    WakeAt { at: u64, wake: Wake },
    /// Post unless a recent message of the bot in the channel already carries `marker`
    /// (a post claimed before a crash may or may not have gone out): either way the core
    /// hears of the message through `posted`.
    PostOnce {
        channel: ChannelId,
        reply: Reply,
        tag: PostTag,
        marker: String,
        /// Send when not found (a claim of today); otherwise only record what is found and
        /// report the rest through `Bot::post_missing` (a day that has passed).
        send_if_missing: bool,
        /// When it was claimed (unix seconds): only messages since then are looked at.
        since: u64,
    },
}

/// The reply to what the user did, plus effects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub response: Response,
    pub effects: Vec<Effect>,
}

impl Outcome {
    pub fn with(mut self, effects: impl IntoIterator<Item = Effect>) -> Outcome {
        self.effects.extend(effects);
        self
    }
}

impl From<Response> for Outcome {
    fn from(response: Response) -> Outcome {
        Outcome {
            response,
            effects: Vec::new(),
        }
    }
}

/// Why a command could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// The user's doing: shown to them, ephemeral, as is (Japanese from `responses/`).
    User(String),
    /// Ours: logged once in `dispatch`, answered with the apology.
    Internal(String),
    /// The database cannot be used just now (read-only, locked, full): logged once in
    /// `dispatch`, answered with a plain message that nothing was changed.
    Unavailable(String),
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::User(t) => write!(f, "user error: {t}"),
            CommandError::Internal(e) => write!(f, "internal error: {e}"),
            CommandError::Unavailable(e) => write!(f, "database unavailable: {e}"),
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> CommandError {
        if e.is_unavailable() {
            CommandError::Unavailable(e.to_string())
        } else {
            CommandError::Internal(e.to_string())
        }
    }
}

pub type CommandResult = Result<Outcome, CommandError>;
