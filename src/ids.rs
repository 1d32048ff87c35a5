//! Typed Discord snowflakes, so a channel can never be passed where a user is meant.
//!
//! The core works with these; only `discord/` converts them to and from the client
//! library's own types.

use std::fmt;

macro_rules! snowflake {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);

        impl $name {
            pub fn get(self) -> u64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

snowflake!(
    /// A Discord user (a member when in a server).
    UserId,
    /// A Discord server.
    GuildId,
    /// A text channel or DM channel.
    ChannelId,
    /// A message the bot posted.
    MessageId,
);

impl GuildId {
    /// The shard whose gateway connection carries this server's events, of `total`
    /// (Discord's formula: `(guild_id >> 22) % shard_count`).
    pub fn shard(self, total: u32) -> u32 {
        ((self.0 >> 22) % u64::from(total.max(1))) as u32
    }
}

/// Reads a snowflake stored as SQLite's signed 64-bit integer.
pub fn from_sql(v: i64) -> u64 {
    v as u64
}

/// Stores a snowflake in SQLite's signed 64-bit integer (bit-preserving).
pub fn to_sql(v: u64) -> i64 {
    v as i64
}
