//! Several processes, shard ranges, one PostgreSQL (issue 12), end to end.
//!
//! The real binary runs as separate processes against one fake Discord (its sharded
//! gateway: each connection identifies with its own `[shard, 2]` and receives only its
//! servers' events) and one PostgreSQL schema (`SUMMIT_TEST_DATABASE_URL`). Each process
//! has a token of its own here, so the fake can tell who sent each request (a real
//! deployment uses one token everywhere).
//!
//! - A runs shard 0, B shard 1. 50 servers (25 a shard) have their daily post due now.
//! - One of B's channels answers 500: B retries; SIGTERM during the retries releases the
//!   claim; B exits 0. B2 starts on shard 1, claims that post again and retries it (the
//!   channel still refuses); B3 starts on shard 1 while B2 runs (both think they own the
//!   server): B3 takes the claim over and sends the post, B2 stops retrying it, once.
//! - Quizzes in a server of each shard: the right process answers each interaction (A, B3).
//! - Eight of A's posts hang (four created, four dropped); A is SIGKILLed with them in
//!   flight; A2 starts on shard 0, looks each up and sends only the four that are missing.
//! - Every one of the 50 servers has exactly one post of the day; every answer acknowledged
//!   is in the shared database; a server's leaderboard holds the answers of the process
//!   that was killed and of the one that took over.
//!
//! Without `SUMMIT_TEST_DATABASE_URL` the test says so loudly and does nothing (in CI it
//! fails: `.ci/run` starts PostgreSQL and sets it).
//!
//! A second test runs one process without `SHARDS` (SQLite): it asks `GET /gateway/bot`,
//! runs both shards it recommends, each its own connection, and answers servers on both.

#[path = "support/fake_discord.rs"]
#[allow(dead_code)]
mod fake_discord;
#[path = "support/test_postgres.rs"]
mod test_postgres;

use chrono::{TimeZone, Timelike};
use fake_discord::{checked, shard_of, FakeDiscord, Hold, Recorded, APP_ID};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use summit_bot::ids::{ChannelId, GuildId, UserId};
use summit_bot::store::{DailySettings, PostgresStore, Store};

const TOKENS: [&str; 5] = [
    "MTAw.fake-token.shard-a-secret",
    "MTAw.fake-token.shard-b-secret",
    "MTAw.fake-token.shard-a2-secret",
    "MTAw.fake-token.shard-b2-secret",
    "MTAw.fake-token.shard-b3-secret",
];
const SERVERS: u64 = 50;
const MEMBER_PERMS: &str = "3072";
const PLAYERS: [&str; 3] = [
    "950000000000000031",
    "950000000000000032",
    "950000000000000033",
];

/// The daily servers: shard `i % 2` of 2.
fn guild(i: u64) -> String {
    (((1_000_000_000 + i) << 22) + 1).to_string()
}

fn channel(i: u64) -> String {
    (940_000_000_000_100_000 + i).to_string()
}

/// The quiz servers: Q0 on shard 0, Q1 on shard 1.
fn quiz_guild(shard: u64) -> String {
    (((1_000_000_100 + shard) << 22) + 2).to_string()
}

fn quiz_channel(shard: u64) -> String {
    (940_000_000_000_200_000 + shard).to_string()
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A zone where it is not near midnight (the post's local date must not change under the
/// test), with its minute of day now and its date.
fn zone_now() -> (&'static str, u16, String) {
    for name in ["Asia/Tokyo", "Europe/London", "America/New_York"] {
        let tz = summit_bot::daily::parse_zone(name).expect("a zone");
        let local = tz
            .timestamp_opt(unix_now() as i64, 0)
            .single()
            .expect("a time");
        let minute = (local.hour() * 60 + local.minute()) as u16;
        if (30..23 * 60).contains(&minute) {
            let date = summit_bot::daily::date_key(summit_bot::daily::local_date(unix_now(), tz));
            return (name, minute, date);
        }
    }
    unreachable!("three zones cannot all be near midnight")
}

struct Process {
    name: &'static str,
    child: Child,
    log: PathBuf,
}

impl Process {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(ok.success(), "kill {signal} {}", self.name);
    }

    async fn exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "{} did not exit", self.name);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `summit-bot run` as shard range `shards` of 2 (all shards when `None`) on `database`.
fn start(
    name: &'static str,
    token: &str,
    shards: &str,
    fake: &FakeDiscord,
    dir: &Path,
    database_url: &str,
) -> Process {
    start_with(name, token, Some(shards), fake, dir, database_url)
}

fn start_with(
    name: &'static str,
    token: &str,
    shards: Option<&str>,
    fake: &FakeDiscord,
    dir: &Path,
    database: &str,
) -> Process {
    let log = dir.join(format!("{name}.log"));
    let stderr = std::fs::File::create(&log).expect("a log file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_summit-bot"));
    command
        .arg("run")
        .current_dir(dir)
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", &fake.api_base)
        .env("DATABASE_URL", database)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("RUST_LOG", "info")
        .env_remove("SUMMIT_DATABASE")
        .env_remove("DISCORD_GUILD_ID")
        .env_remove("SUMMIT_RESPONSES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    match shards {
        Some(range) => command.env("SHARDS", range).env("SHARD_COUNT", "2"),
        None => command.env_remove("SHARDS").env_remove("SHARD_COUNT"),
    };
    let child = command.spawn().expect("the binary starts");
    Process { name, child, log }
}

/// The store in the test (the sync client never runs on the test's async threads).
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("no panic")
}

fn member(user: &str) -> Value {
    fake_discord::guild_member(user, &format!("m{}", &user[16..]), MEMBER_PERMS)
}

fn quiz_command(id: &str, shard: u64, user: &str, sub: &str, options: Value) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 2, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": quiz_channel(shard), "guild_id": quiz_guild(shard),
        "locale": "ja", "guild_locale": "ja", "entitlements": [],
        "attachment_size_limit": 26214400, "app_permissions": "19456", "member": member(user),
        "data": {"id": "960000000000000002", "name": "quiz", "type": 1,
                 "options": [{"name": sub, "type": 1, "options": options}]}
    }))
}

fn click(id: &str, shard: u64, custom_id: &str, user: &str, message: &str) -> Value {
    let (guild, channel) = (quiz_guild(shard), quiz_channel(shard));
    fake_discord::click_in(
        id,
        &guild,
        &channel,
        "19456",
        member(user),
        custom_id,
        message,
    )
}

struct Ids(u64);

impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("97300000000000{:04}", self.0)
    }
}

fn auth(token: &str) -> String {
    format!("Bot {token}")
}

fn posts_to(channel: String) -> impl Fn(&Recorded) -> bool {
    let path = format!("/api/v10/channels/{channel}/messages");
    move |r| r.method == "POST" && r.path == path
}

/// Dispatches `interaction` to its server's shard and returns its callback, checking who
/// answered it.
async fn interact(
    fake: &mut FakeDiscord,
    id: &str,
    shard: u64,
    interaction: Value,
    token: &str,
) -> Recorded {
    let routed = fake.dispatch_to(Some(&quiz_guild(shard)), "INTERACTION_CREATE", interaction);
    assert_eq!(u64::from(routed), shard);
    let callback = fake.callback(id).await;
    assert_eq!(
        callback.authorization,
        auth(token),
        "interaction {id} on shard {shard} answered by the wrong process"
    );
    assert_eq!(
        callback.body["data"]["allowed_mentions"]["parse"],
        json!([])
    );
    callback
}

/// Starts a two-question group quiz in `shard`'s quiz server and has the three players
/// answer its first question; returns the answers acknowledged.
async fn play(fake: &mut FakeDiscord, ids: &mut Ids, shard: u64, token: &str) -> usize {
    let id = ids.next();
    let options = json!([{"name": "questions", "type": 4, "value": 2},
                         {"name": "seconds", "type": 4, "value": 60}]);
    let announced = interact(
        fake,
        &id,
        shard,
        quiz_command(&id, shard, PLAYERS[0], "start", options),
        token,
    )
    .await;
    assert_eq!(announced.body["type"], 4, "{}", announced.body);
    let question = fake
        .request("the first question", posts_to(quiz_channel(shard)))
        .await;
    assert_eq!(question.authorization, auth(token));
    let buttons = question.body["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(buttons.len() >= 2, "{}", question.body);
    let message = fake
        .messages(&quiz_channel(shard))
        .iter()
        .filter_map(|m| m["id"].as_str().and_then(|i| i.parse::<u64>().ok()))
        .max()
        .expect("the question is in the channel")
        .to_string();
    let mut acknowledged = 0;
    for (n, player) in PLAYERS.iter().enumerate() {
        let custom_id = buttons[n % buttons.len()]["custom_id"]
            .as_str()
            .expect("a custom_id")
            .to_string();
        let id = ids.next();
        let answered = interact(
            fake,
            &id,
            shard,
            click(&id, shard, &custom_id, player, &message),
            token,
        )
        .await;
        let data = &answered.body["data"];
        assert_eq!(answered.body["type"], 4, "{}", answered.body);
        assert_eq!(data["flags"].as_u64().unwrap_or(0) & 64, 64, "{data}");
        acknowledged += 1;
    }
    acknowledged
}

/// POST requests to the daily channels of `shard`, by `token`.
fn daily_posts_by(requests: &[Recorded], shard: u64, token: &str) -> Vec<Recorded> {
    (0..SERVERS)
        .filter(|i| i % 2 == shard)
        .flat_map(|i| {
            let matches = posts_to(channel(i));
            requests
                .iter()
                .filter(move |r| matches(r) && r.authorization == auth(token))
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_the_servers_posts_and_scores_through_postgres() {
    let Some(url) = test_postgres::url("two processes on PostgreSQL (shards_e2e)") else {
        return;
    };
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    let schema = test_postgres::fresh_schema("shards");
    let sep = if url.contains('?') { '&' } else { '?' };
    let database_url = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let store: Arc<dyn Store> = {
        let (url, schema) = (url.clone(), schema.clone());
        blocking(move || {
            Arc::new(PostgresStore::connect_in(&url, Some(&schema)).expect("postgres"))
                as Arc<dyn Store>
        })
        .await
    };
    let (zone, minute, date) = zone_now();
    {
        let store = Arc::clone(&store);
        blocking(move || {
            for i in 0..SERVERS {
                store
                    .set_daily(&DailySettings {
                        guild: GuildId(guild(i).parse().expect("id")),
                        channel: ChannelId(channel(i).parse().expect("id")),
                        minute_of_day: minute,
                        timezone: zone.to_string(),
                        enabled: true,
                        deck_seed: i,
                        position: 0,
                        active_from: unix_now() - 3600,
                        last_error: None,
                    })
                    .expect("settings stored");
            }
        })
        .await;
    }
    for i in 0..SERVERS {
        assert_eq!(u64::from(shard_of(&guild(i), 2)), i % 2);
    }
    let capture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture-shards.jsonl");
    std::fs::create_dir_all(capture.parent().expect("target")).expect("target dir");
    std::fs::write(&capture, "").expect("truncate the capture");
    let mut fake = FakeDiscord::start_sharded(capture, 2).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ids = Ids(0);

    // A's posts: four created and never answered, four dropped and never answered.
    let created: Vec<u64> = vec![0, 2, 4, 6];
    let dropped: Vec<u64> = vec![8, 10, 12, 14];
    for i in &created {
        fake.hold_posts(&channel(*i), Hold::Create, Duration::from_secs(600));
    }
    for i in &dropped {
        fake.hold_posts(&channel(*i), Hold::Drop, Duration::from_secs(600));
    }
    // One of B's servers refuses for now (500): B keeps retrying it.
    let failing = 21;
    fake.fail_posts(&channel(failing), 500, u32::MAX);

    let mut a = start("a", TOKENS[0], "0-0", &fake, dir.path(), &database_url);
    let mut b = start("b", TOKENS[1], "1-1", &fake, dir.path(), &database_url);
    let logs = |ps: &[&Process]| {
        ps.iter()
            .map(|p| format!("── {} ──\n{}", p.name, p.log()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(fake.identified(0).await, 2);
    assert_eq!(fake.identified(1).await, 2);

    // B: SIGTERM while it retries the refused post. The claim is released, not left.
    fake.request_within(
        "B's first try of the refused post",
        Duration::from_secs(20),
        posts_to(channel(failing)),
    )
    .await;
    b.signal("-TERM");
    let status = b.exit().await;
    assert_eq!(status.code(), Some(0), "{}", logs(&[&b]));
    let b_log = b.log();
    assert!(b_log.contains("releasing an unsent daily post"), "{b_log}");
    let g = GuildId(guild(failing).parse().expect("id"));
    let released = {
        let (store, date) = (Arc::clone(&store), date.clone());
        blocking(move || store.daily_post(g, &date).expect("store")).await
    };
    assert_eq!(released, None, "SIGTERM released the unsent claim");

    // B2 on shard 1 claims the released post again; the channel still refuses: it retries.
    let mut b2 = start("b2", TOKENS[3], "1-1", &fake, dir.path(), &database_url);
    assert_eq!(fake.identified(1).await, 2);
    let tried = fake
        .request_within(
            "B2's try of the released post",
            Duration::from_secs(20),
            |r| posts_to(channel(failing))(r) && r.authorization == auth(TOKENS[3]),
        )
        .await;
    assert_eq!(tried.status, 500);

    // B3 starts on shard 1 while B2 still runs (both think they own the server): its start
    // takes the claim over and looks the post up; B2 stops retrying; the post goes out once.
    let mut b3 = start("b3", TOKENS[4], "1-1", &fake, dir.path(), &database_url);
    assert_eq!(fake.identified(1).await, 2);
    let looked = fake
        .request_within(
            "B3's look-up of the post B2 was retrying",
            Duration::from_secs(20),
            |r| {
                r.method == "GET"
                    && r.path
                        .starts_with(&format!("/api/v10/channels/{}/messages?", channel(failing)))
                    && r.authorization == auth(TOKENS[4])
            },
        )
        .await;
    assert_eq!(looked.status, 200);
    fake.heal_posts();
    let sent = fake
        .request_within(
            "B3's post of the taken-over server",
            Duration::from_secs(20),
            |r| {
                posts_to(channel(failing))(r)
                    && r.authorization == auth(TOKENS[4])
                    && r.status == 200
            },
        )
        .await;
    assert_eq!(sent.status, 200);
    // B2 holds nothing now: a clean stop.
    tokio::time::sleep(Duration::from_secs(8)).await;
    b2.signal("-TERM");
    let status = b2.exit().await;
    assert_eq!(status.code(), Some(0), "{}", logs(&[&b2]));
    let b2_gave_way = b2.log().contains("taken over by another process");

    // Quizzes on both shards, each answered by the process that runs its shard.
    let mut acknowledged = 0;
    acknowledged += play(&mut fake, &mut ids, 0, TOKENS[0]).await;
    acknowledged += play(&mut fake, &mut ids, 1, TOKENS[4]).await;

    // A has sent all its 25 posts (8 of them hang): SIGKILL.
    let a_done =
        |fake: &mut FakeDiscord| daily_posts_by(&fake.requests_so_far(), 0, TOKENS[0]).len() >= 25;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !a_done(&mut fake) {
        assert!(Instant::now() < deadline, "A did not post\n{}", logs(&[&a]));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    a.child.kill().expect("SIGKILL");
    let status = a.exit().await;
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "{status:?}");
    }
    let unsent = {
        let store = Arc::clone(&store);
        blocking(move || store.unsent_dailies().expect("store")).await
    };
    assert_eq!(unsent.len(), 8, "A's eight posts in flight: {unsent:?}");
    fake.release_posts();

    // A2 on shard 0: looks up the eight, sends the four that are missing; then a quiz.
    let mut a2 = start("a2", TOKENS[2], "0-0", &fake, dir.path(), &database_url);
    assert_eq!(fake.identified(0).await, 2);
    let interrupted = fake
        .request(
            "A2's notice of the quiz A left open",
            posts_to(quiz_channel(0)),
        )
        .await;
    assert_eq!(interrupted.authorization, auth(TOKENS[2]));
    acknowledged += play(&mut fake, &mut ids, 0, TOKENS[2]).await;

    // Every server's post of the day is sent and recorded.
    let all_sent = {
        let (store, date) = (Arc::clone(&store), date.clone());
        move || {
            (0..SERVERS).all(|i| {
                store
                    .daily_post(GuildId(guild(i).parse().unwrap_or(0)), &date)
                    .ok()
                    .flatten()
                    .is_some_and(|p| p.sent_at.is_some())
            })
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let check = all_sent.clone();
        if blocking(check).await {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not every post recorded\n{}",
            logs(&[&a, &b, &a2, &b2, &b3])
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A moment for any second post to show up.
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Leaderboards, through Discord: Q0's holds A's and A2's answers.
    let id = ids.next();
    let board0 = interact(
        &mut fake,
        &id,
        0,
        quiz_command(&id, 0, PLAYERS[1], "leaderboard", json!([])),
        TOKENS[2],
    )
    .await;
    let id = ids.next();
    let board1 = interact(
        &mut fake,
        &id,
        1,
        quiz_command(&id, 1, PLAYERS[1], "leaderboard", json!([])),
        TOKENS[4],
    )
    .await;
    let description = |board: &Recorded| {
        board.body["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // Totals count revealed rounds only. Q0: A's round, revealed when A2 took over (A2's
    // own round is still open). Q1: B3's round is still open, so nobody yet...
    let text = description(&board1);
    for p in PLAYERS {
        assert!(
            !text.contains(p),
            "Q1's leaderboard before the reveal: {text}"
        );
    }
    // ...until `/quiz stop` reveals it.
    let id = ids.next();
    let stopped = interact(
        &mut fake,
        &id,
        1,
        quiz_command(&id, 1, PLAYERS[0], "stop", json!([])),
        TOKENS[4],
    )
    .await;
    assert_eq!(stopped.body["type"], 4, "{}", stopped.body);
    let id = ids.next();
    let board1 = interact(
        &mut fake,
        &id,
        1,
        quiz_command(&id, 1, PLAYERS[1], "leaderboard", json!([])),
        TOKENS[4],
    )
    .await;
    for (board, name) in [(&board0, "Q0"), (&board1, "Q1")] {
        let text = description(board);
        for p in PLAYERS {
            assert!(text.contains(p), "{name}'s leaderboard lists {p}: {text}");
        }
    }

    // Clean stops.
    for p in [&a2, &b3] {
        p.signal("-TERM");
    }
    for p in [&mut a2, &mut b3] {
        let status = p.exit().await;
        assert_eq!(status.code(), Some(0), "{}: {}", p.name, p.log());
    }

    // The figures: posts in the channels, duplicates, answers in the shared database.
    let requests = fake.requests_so_far();
    let mut duplicates = 0;
    let mut posts = 0;
    for i in 0..SERVERS {
        let kept = fake.messages(&channel(i)).len();
        assert!(kept >= 1, "server {i} has no post");
        posts += kept;
        duplicates += kept.saturating_sub(1);
    }
    let answers = {
        let store = Arc::clone(&store);
        blocking(move || {
            let q0 = GuildId(quiz_guild(0).parse().unwrap_or(0));
            let q1 = GuildId(quiz_guild(1).parse().unwrap_or(0));
            let mut total = 0u64;
            let mut board = Vec::new();
            for g in [q0, q1] {
                let standings = store.leaderboard(g, 0, 100).expect("leaderboard");
                total += standings.iter().map(|s| s.answered).sum::<u64>();
                board.push(standings);
            }
            let per_player: Vec<usize> = PLAYERS
                .iter()
                .map(|p| {
                    store
                        .history_of(UserId(p.parse().unwrap_or(0)))
                        .expect("history")
                        .len()
                })
                .collect();
            (total, board, per_player)
        })
        .await
    };
    let (stored, boards, per_player) = answers;
    let q0_answers: u64 = boards[0].iter().map(|s| s.answered).sum();
    let by_process = |token: &str| {
        requests
            .iter()
            .filter(|r| r.authorization == auth(token))
            .count()
    };
    let lookups_by = |token: &str| {
        requests
            .iter()
            .filter(|r| {
                r.method == "GET" && r.path.contains("/messages?") && r.authorization == auth(token)
            })
            .count()
    };
    let failing_sent: Vec<&Recorded> = requests
        .iter()
        .filter(|r| posts_to(channel(failing))(r) && r.status == 200)
        .collect();
    assert_eq!(failing_sent.len(), 1, "{failing_sent:?}");
    eprintln!(
        "shards_e2e: servers {SERVERS}, posts {posts}, duplicates {duplicates}, \
         answers acknowledged {acknowledged}, stored {stored} (lost {}), Q0 leaderboard {q0_answers} \
         answers from A and A2, per player {per_player:?}, channel look-ups by A2 {} and B3 {}, \
         requests by A {} / B {} / B2 {} / B3 {} / A2 {}, B2 gave way to B3 while retrying: {b2_gave_way}, \
         identifies {:?}",
        acknowledged as u64 - stored.min(acknowledged as u64),
        lookups_by(TOKENS[2]),
        lookups_by(TOKENS[4]),
        by_process(TOKENS[0]),
        by_process(TOKENS[1]),
        by_process(TOKENS[3]),
        by_process(TOKENS[4]),
        by_process(TOKENS[2]),
        fake.identifies(),
    );
    assert_eq!(duplicates, 0, "{}", logs(&[&a, &b, &a2, &b2, &b3]));
    assert_eq!(posts, SERVERS as usize);
    assert_eq!(
        stored, acknowledged as u64,
        "every acknowledged answer is stored"
    );
    assert_eq!(
        q0_answers, 6,
        "Q0's leaderboard: three answers on A, three on A2"
    );
    assert_eq!(per_player, vec![3, 3, 3], "each player: A, B3 and A2");
    // A2 looked its eight up: four found (created before the kill), four sent.
    let a2_posts = daily_posts_by(&requests, 0, TOKENS[2]);
    assert_eq!(a2_posts.len(), dropped.len(), "{a2_posts:?}");
    for i in &dropped {
        assert!(a2_posts.iter().any(|r| posts_to(channel(*i))(r)), "{i}");
    }
    for p in [&a, &b, &a2, &b2, &b3] {
        assert!(
            !p.log().contains("secret"),
            "{}'s log shows a token",
            p.name
        );
        let password = url
            .split('@')
            .next()
            .and_then(|userinfo| userinfo.rsplit(':').next())
            .unwrap_or("no password");
        assert!(
            !p.log().contains(password),
            "{}'s log shows the database password",
            p.name
        );
    }
}

/// Without `SHARDS`, one process (on SQLite) runs every shard `GET /gateway/bot` recommends,
/// each its own gateway connection, and answers the servers of all of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_process_without_shards_runs_every_shard_discord_recommends() {
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    let capture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture-autoshard.jsonl");
    std::fs::create_dir_all(capture.parent().expect("target")).expect("target dir");
    std::fs::write(&capture, "").expect("truncate the capture");
    let mut fake = FakeDiscord::start_sharded(capture, 2).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite://{}", dir.path().join("one.sqlite3").display());
    let mut one = start_with("one", TOKENS[0], None, &fake, dir.path(), &db);
    // serenity identifies the shards of one process 5 s apart.
    assert_eq!(fake.identified(0).await, 2, "{}", one.log());
    let deadline = Instant::now() + Duration::from_secs(20);
    while !fake.identifies().contains(&(1, 2)) {
        assert!(
            Instant::now() < deadline,
            "shard 1 never identified\n{}",
            one.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let asked = fake
        .request("GET /gateway/bot", |r| r.path == "/api/v10/gateway/bot")
        .await;
    assert_eq!(asked.authorization, auth(TOKENS[0]));
    let mut ids = Ids(500);
    for shard in [0, 1] {
        let id = ids.next();
        let board = interact(
            &mut fake,
            &id,
            shard,
            quiz_command(&id, shard, PLAYERS[0], "leaderboard", json!([])),
            TOKENS[0],
        )
        .await;
        assert_eq!(board.body["type"], 4, "{}", board.body);
    }
    one.signal("-TERM");
    let status = one.exit().await;
    assert_eq!(status.code(), Some(0), "{}", one.log());
    assert!(!one.log().contains("secret"));
}
