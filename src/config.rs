//! Configuration from the environment (and an optional `.env`), typed and checked once.
//!
//! The Discord token lives in [`Token`], whose `Debug` and `Display` print `***`, so a
//! logged `Config` never leaks it.

use std::fmt;
use std::path::PathBuf;

/// The bot token. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(raw: impl Into<String>) -> Token {
        Token(raw.into())
    }

    /// The secret itself, for the one place that sends it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A configuration mistake, named by its variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.variable, self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone)]
pub struct Config {
    /// `DISCORD_TOKEN`: without it the local console starts.
    pub token: Option<Token>,
    /// `DISCORD_GUILD_ID`: register commands in one server (instant) instead of globally.
    pub guild_id: Option<u64>,
    /// `SUMMIT_DATABASE`: the SQLite file.
    pub database: PathBuf,
    /// `SUMMIT_RESPONSES`: read `responses/` from this folder instead of the embedded copy.
    pub responses_dir: Option<PathBuf>,
    /// `DISCORD_API_BASE`: a fake Discord for tests (`http://127.0.0.1:PORT`). Setting it also
    /// turns the client's rate limiter off, because the limiter ignores the base URL.
    pub api_base: Option<String>,
    /// `SHARDS` and `SHARD_COUNT`: the shards this process runs; all of them when unset.
    pub shards: Option<ShardRange>,
    /// `DISCORD_DEFER_AFTER_MS`: acknowledge an interaction first when its answer takes longer
    /// (default 1500; Discord allows 3000). 0 always acknowledges first (used by tests).
    pub defer_after_ms: u64,
    /// `SUMMIT_LOG_FORMAT`: `text` (default) or `json` (one JSON object a line, for log
    /// collectors). `RUST_LOG` filters either.
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines (colours only on a terminal).
    #[default]
    Text,
    /// One JSON object a line, never coloured.
    Json,
}

/// The shards one process runs (`SHARDS=0-3`, `SHARD_COUNT=16`), both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

fn parse_shards(raw: &str, total: Option<&str>) -> Result<ShardRange, ConfigError> {
    let bad = |variable: &'static str, message: String| ConfigError { variable, message };
    let total = total.ok_or_else(|| {
        bad(
            "SHARD_COUNT",
            "must be set with SHARDS (the total number of shards of the bot)".into(),
        )
    })?;
    let total: u32 = total.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
        bad(
            "SHARD_COUNT",
            format!("expected a positive number, got {total:?}"),
        )
    })?;
    let (first, last) = match raw.split_once('-') {
        Some((a, b)) => (a.trim().parse::<u32>(), b.trim().parse::<u32>()),
        None => (raw.parse::<u32>(), raw.parse::<u32>()),
    };
    match (first, last) {
        (Ok(first), Ok(last)) if first <= last && last < total => {
            Ok(ShardRange { first, last, total })
        }
        _ => Err(bad(
            "SHARDS",
            format!("expected FIRST-LAST within 0..{total} (e.g. 0-3), got {raw:?}"),
        )),
    }
}

/// Reads a variable, treating an empty value as unset.
fn var(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn parse_id(variable: &'static str, raw: &str) -> Result<u64, ConfigError> {
    raw.parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ConfigError {
            variable,
            message: format!("expected a Discord id (a positive number), got {raw:?}"),
        })
}

impl Config {
    /// Reads the process environment (after loading `.env` when present).
    pub fn from_env() -> Result<Config, ConfigError> {
        // A missing .env is normal; a malformed one is reported by the variables it lacks.
        let _ = dotenvy::dotenv();
        Config::from_lookup(&|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let token = var(lookup, "DISCORD_TOKEN").map(Token::new);
        let guild_id = var(lookup, "DISCORD_GUILD_ID")
            .map(|raw| parse_id("DISCORD_GUILD_ID", &raw))
            .transpose()?;
        Ok(Config {
            token,
            guild_id,
            database: var(lookup, "SUMMIT_DATABASE")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("summit-bot.sqlite3")),
            responses_dir: var(lookup, "SUMMIT_RESPONSES").map(PathBuf::from),
            api_base: var(lookup, "DISCORD_API_BASE").map(|b| b.trim_end_matches('/').to_string()),
            defer_after_ms: match var(lookup, "DISCORD_DEFER_AFTER_MS") {
                None => 1500,
                Some(raw) => raw
                    .parse::<u64>()
                    .ok()
                    .filter(|ms| *ms <= 2500)
                    .ok_or_else(|| ConfigError {
                        variable: "DISCORD_DEFER_AFTER_MS",
                        message: format!("expected milliseconds from 0 to 2500, got {raw:?}"),
                    })?,
            },
            shards: var(lookup, "SHARDS")
                .map(|raw| parse_shards(&raw, var(lookup, "SHARD_COUNT").as_deref()))
                .transpose()?,
            log_format: match var(lookup, "SUMMIT_LOG_FORMAT").map(|v| v.to_ascii_lowercase()) {
                None => LogFormat::Text,
                Some(v) if v == "text" => LogFormat::Text,
                Some(v) if v == "json" => LogFormat::Json,
                Some(v) => {
                    return Err(ConfigError {
                        variable: "SUMMIT_LOG_FORMAT",
                        message: format!("expected text or json, got {v:?}"),
                    })
                }
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_never_prints() {
        let lookup = |n: &str| (n == "DISCORD_TOKEN").then(|| "secret.token.value".to_string());
        let config = Config::from_lookup(&lookup).expect("valid config");
        let shown = format!("{config:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("***"));
    }

    #[test]
    fn shard_range_is_parsed_and_checked() {
        let env = |shards: &'static str, count: &'static str| {
            move |n: &str| match n {
                "SHARDS" => Some(shards.to_string()),
                "SHARD_COUNT" => Some(count.to_string()),
                _ => None,
            }
        };
        let config = Config::from_lookup(&env("0-3", "16")).expect("valid");
        assert_eq!(
            config.shards,
            Some(ShardRange {
                first: 0,
                last: 3,
                total: 16
            })
        );
        let one = Config::from_lookup(&env("5", "8")).expect("valid");
        assert_eq!(one.shards.map(|s| (s.first, s.last)), Some((5, 5)));
        for (shards, count, variable) in [
            ("3-1", "16", "SHARDS"),
            ("0-16", "16", "SHARDS"),
            ("a-b", "16", "SHARDS"),
            ("0-3", "0", "SHARD_COUNT"),
            ("0-3", "", "SHARD_COUNT"),
        ] {
            let err = Config::from_lookup(&env(shards, count)).expect_err(shards);
            assert_eq!(err.variable, variable, "{shards} {count}");
        }
    }

    #[test]
    fn defer_threshold_stays_inside_discords_three_seconds() {
        let env = |ms: &'static str| {
            move |n: &str| (n == "DISCORD_DEFER_AFTER_MS").then(|| ms.to_string())
        };
        assert_eq!(
            Config::from_lookup(&|_| None)
                .map(|c| c.defer_after_ms)
                .ok(),
            Some(1500)
        );
        assert_eq!(
            Config::from_lookup(&env("0"))
                .map(|c| c.defer_after_ms)
                .ok(),
            Some(0)
        );
        for bad in ["3000", "-1", "soon"] {
            let err = Config::from_lookup(&env(bad)).expect_err(bad);
            assert_eq!(err.variable, "DISCORD_DEFER_AFTER_MS");
        }
    }

    #[test]
    fn log_format_is_text_or_json() {
        let env =
            |v: &'static str| move |n: &str| (n == "SUMMIT_LOG_FORMAT").then(|| v.to_string());
        let format = |v| Config::from_lookup(&env(v)).map(|c| c.log_format);
        assert_eq!(format(""), Ok(LogFormat::Text));
        assert_eq!(format("text"), Ok(LogFormat::Text));
        assert_eq!(format("JSON"), Ok(LogFormat::Json));
        let err = format("xml").expect_err("xml");
        assert_eq!(err.variable, "SUMMIT_LOG_FORMAT");
    }

    #[test]
    fn bad_guild_id_names_the_variable() {
        let lookup = |n: &str| (n == "DISCORD_GUILD_ID").then(|| "abc".to_string());
        let err = Config::from_lookup(&lookup).expect_err("must fail");
        assert_eq!(err.variable, "DISCORD_GUILD_ID");
    }
}
