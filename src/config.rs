//! Configuration from the environment (and an optional `.env`), typed and checked once.
//!
//! The Discord token lives in [`Token`], whose `Debug` and `Display` print `***`, and a
//! PostgreSQL URL in [`DatabaseUrl`], which prints its password as `***`, so a logged
//! `Config` never leaks either.

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

/// A PostgreSQL connection URL. Its password is never printed: `Debug` and `Display` show
/// the URL with `***` in its place.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(raw: impl Into<String>) -> DatabaseUrl {
        DatabaseUrl(raw.into())
    }

    /// The URL itself, for the one place that connects.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with its password (in the user part or a `password=` parameter) as `***`.
    pub fn redacted(&self) -> String {
        let url = &self.0;
        let (head, query) = url.split_once('?').unwrap_or((url, ""));
        let head = match head.split_once("://") {
            Some((scheme, rest)) => {
                // user:password@host — the last '@' ends the user part (a password may hold '@').
                let (auth_end, host) = match rest.rfind('@') {
                    Some(i) if !rest[..i].contains('/') => (i, &rest[i..]),
                    _ => (0, rest),
                };
                match rest[..auth_end].split_once(':') {
                    Some((user, _)) => format!("{scheme}://{user}:***{host}"),
                    None => format!("{scheme}://{rest}"),
                }
            }
            None => head.to_string(),
        };
        if query.is_empty() {
            return head;
        }
        let query: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        format!("{head}?{}", query.join("&"))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Where state is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// One file; one process (the default).
    Sqlite(PathBuf),
    /// One server shared by several processes (shard ranges).
    Postgres(DatabaseUrl),
}

impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "SQLite {}", path.display()),
            Database::Postgres(url) => write!(f, "PostgreSQL {url}"),
        }
    }
}

/// `DATABASE_URL` (`postgres://…`, `postgresql://…`, `sqlite://PATH` or a path) or
/// `SUMMIT_DATABASE` (a path, or the same forms); not both.
fn parse_database(url: Option<String>, path: Option<String>) -> Result<Database, ConfigError> {
    let (variable, raw) = match (url, path) {
        (Some(_), Some(_)) => {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                message: "set DATABASE_URL or SUMMIT_DATABASE, not both".into(),
            })
        }
        (Some(url), None) => ("DATABASE_URL", url),
        (None, Some(path)) => ("SUMMIT_DATABASE", path),
        (None, None) => return Ok(Database::Sqlite(PathBuf::from("summit-bot.sqlite3"))),
    };
    let lower = raw.to_ascii_lowercase();
    if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
        return Ok(Database::Postgres(DatabaseUrl::new(raw)));
    }
    if let Some(path) = raw
        .strip_prefix("sqlite://")
        .or_else(|| raw.strip_prefix("sqlite:"))
    {
        if path.is_empty() {
            return Err(ConfigError {
                variable,
                message: "sqlite:// needs a file path (sqlite://summit-bot.sqlite3)".into(),
            });
        }
        return Ok(Database::Sqlite(PathBuf::from(path)));
    }
    if let Some((scheme, _)) = raw.split_once("://") {
        return Err(ConfigError {
            variable,
            message: format!(
                "unknown database scheme {scheme:?} (use postgres://… or sqlite://PATH)"
            ),
        });
    }
    Ok(Database::Sqlite(PathBuf::from(raw)))
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
    /// `DATABASE_URL` or `SUMMIT_DATABASE`: where state is kept (default: the SQLite file
    /// `summit-bot.sqlite3`).
    pub database: Database,
    /// `SUMMIT_RESPONSES`: read `responses/` from this folder instead of the embedded copy.
    pub responses_dir: Option<PathBuf>,
    /// `DISCORD_API_BASE`: a fake Discord for tests (`http://127.0.0.1:PORT`). Setting it also
    /// turns the client's rate limiter off, because the limiter ignores the base URL.
    pub api_base: Option<String>,
    /// `SHARDS` and `SHARD_COUNT`: the shards this process runs; all of them when unset. A
    /// process handles the quizzes and daily posts of its shards' servers only.
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
            database: parse_database(var(lookup, "DATABASE_URL"), var(lookup, "SUMMIT_DATABASE"))?,
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
    fn the_database_is_chosen_by_its_url_and_its_password_never_prints() {
        let env = |name: &'static str, value: &'static str| {
            move |n: &str| (n == name).then(|| value.to_string())
        };
        let db = |name, value| {
            Config::from_lookup(&env(name, value))
                .map(|c| c.database)
                .expect(value)
        };
        assert_eq!(
            Config::from_lookup(&|_| None).map(|c| c.database).ok(),
            Some(Database::Sqlite(PathBuf::from("summit-bot.sqlite3")))
        );
        assert_eq!(
            db("SUMMIT_DATABASE", "/var/lib/bot.db"),
            Database::Sqlite("/var/lib/bot.db".into())
        );
        assert_eq!(
            db("DATABASE_URL", "sqlite://data/bot.sqlite3"),
            Database::Sqlite("data/bot.sqlite3".into())
        );
        assert_eq!(
            db("DATABASE_URL", "bot.sqlite3"),
            Database::Sqlite("bot.sqlite3".into())
        );
        let url =
            "postgres://summit:s3cr:et@db.internal:5432/summit?password=hunter2&sslmode=disable";
        let Database::Postgres(pg) = db("DATABASE_URL", url) else {
            panic!("postgres:// selects PostgreSQL");
        };
        assert_eq!(pg.expose(), url);
        let config = Config::from_lookup(&env("DATABASE_URL", url)).expect("valid");
        for shown in [
            format!("{config:?}"),
            pg.to_string(),
            config.database.to_string(),
        ] {
            assert!(
                !shown.contains("s3cr") && !shown.contains("hunter2"),
                "{shown}"
            );
            assert!(shown.contains("db.internal:5432/summit"), "{shown}");
        }
        assert!(matches!(
            db("DATABASE_URL", "postgresql://localhost/x"),
            Database::Postgres(_)
        ));
        let both = |n: &str| match n {
            "DATABASE_URL" => Some("postgres://localhost/x".to_string()),
            "SUMMIT_DATABASE" => Some("bot.sqlite3".to_string()),
            _ => None,
        };
        assert_eq!(
            Config::from_lookup(&both).expect_err("both").variable,
            "DATABASE_URL"
        );
        for bad in ["mysql://localhost/x", "sqlite://"] {
            let err = Config::from_lookup(&env("DATABASE_URL", bad)).expect_err(bad);
            assert_eq!(err.variable, "DATABASE_URL", "{bad}");
        }
    }

    #[test]
    fn bad_guild_id_names_the_variable() {
        let lookup = |n: &str| (n == "DISCORD_GUILD_ID").then(|| "abc".to_string());
        let err = Config::from_lookup(&lookup).expect_err("must fail");
        assert_eq!(err.variable, "DISCORD_GUILD_ID");
    }
}
