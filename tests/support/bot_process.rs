//! The real `summit-bot` binary as a child process against the fake Discord: started on a
//! SQLite file with its log in a file, killed if the test ends first, stopped with SIGTERM,
//! and its JSON log lines read back. Included by the e2e tests next to `fake_discord.rs`
//! (`#[path = "support/bot_process.rs"] mod bot_process;`), which must be the crate's
//! `fake_discord` module.

use crate::fake_discord::{self, FakeDiscord};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// A child process that is killed if the test ends before it exits.
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

impl KillOnDrop {
    /// Waits (without blocking the runtime) for the child to exit.
    pub async fn exit(&mut self, what: &str) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.0.try_wait().expect("try_wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "{what}: the bot did not exit");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Sends SIGTERM and waits (without blocking the runtime) for the exit.
    pub async fn terminate(&mut self, what: &str) -> std::process::ExitStatus {
        self.sigterm();
        self.exit(what).await
    }

    /// Sends SIGTERM (with `kill`), not waiting for the exit.
    pub fn sigterm(&self) {
        let pid = self.0.id().to_string();
        let term = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(term.success());
    }
}

/// `summit-bot run` with `token` on `db` against `fake`, logging to `log`, in `dir` (so no
/// `.env` of the checkout is read), with `env` besides. Settings that would change the
/// scenario if the test's own environment had them (shards, a test guild, other
/// responses, a log format, a daily channel) are removed unless `env` sets them.
pub fn start_binary(
    fake: &FakeDiscord,
    token: &str,
    dir: &Path,
    db: &Path,
    log: &Path,
    env: &[(&str, &str)],
) -> KillOnDrop {
    let stderr = std::fs::File::create(log).expect("a log file");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_summit-bot"));
    command
        .arg("run")
        .current_dir(dir)
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", &fake.api_base)
        .env("SUMMIT_DATABASE", db)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("RUST_LOG", "info");
    for var in [
        "SHARDS",
        "SHARD_COUNT",
        "DISCORD_GUILD_ID",
        "SUMMIT_RESPONSES",
        "SUMMIT_LOG_FORMAT",
        "DAILY_CHANNEL_ID",
        "DAILY_TIME",
    ] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    let child = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("the binary starts");
    KillOnDrop(child)
}

/// The gateway handshake of a freshly started binary, up to its registration.
pub async fn connected(fake: &mut FakeDiscord, log: &Path) {
    fake.ready_as_only_shard().await;
    let put = fake
        .next_matching(fake_discord::WAIT, |r| r.method == "PUT")
        .await;
    assert!(
        put.is_some(),
        "the binary did not register; its log:\n{}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// Every line of a JSON log: one object with a level and fields, no colour, and nothing of
/// the token (`secret`, a part of it).
#[track_caller]
pub fn json_log_lines(log: &Path, secret: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(log).expect("the log");
    assert!(!text.contains('\u{1b}'), "colour codes in the log");
    assert!(!text.contains(secret), "the token leaked to the log");
    text.lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
            assert!(v["level"].is_string() && v["fields"].is_object(), "{line}");
            v
        })
        .collect()
}

/// Whether a JSON log has a line with the message `message`.
pub fn logged(lines: &[Value], message: &str) -> bool {
    lines
        .iter()
        .any(|l| l["fields"]["message"].as_str() == Some(message))
}

/// Seconds since the Unix epoch, from the real clock the child process also reads.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The minute of day and the date (`YYYY-MM-DD`) now in `zone`.
pub fn local_now(zone: &str) -> (u16, String) {
    use chrono::{TimeZone, Timelike};
    let tz = summit_bot::daily::parse_zone(zone).expect("a known zone");
    let now = unix_now();
    let local = tz.timestamp_opt(now as i64, 0).single().expect("a time");
    (
        (local.hour() * 60 + local.minute()) as u16,
        summit_bot::daily::date_key(summit_bot::daily::local_date(now, tz)),
    )
}
