//! Faults, end to end: the real serenity client of the bot against the fake Discord on
//! 127.0.0.1, on real SQLite files, with Discord, the network, the database and the process
//! misbehaving. Each test asserts what a user sees and what the store keeps:
//!
//! - the gateway drops mid-quiz (once resumable, once not): the quiz goes on, its timer
//!   reveals, and no answer is lost, including one Discord sent while the bot was away;
//! - an interaction callback is rate limited (429 with `retry_after`): the answer still
//!   arrives; past Discord's three seconds nothing panics and the next one is answered;
//! - a channel post fails with 500: three times, then it goes out (once); every time, and
//!   `/daily status` shows the error;
//! - the HTTP API answers nothing for 10 s: nothing crashes, every answer counts, the quiz
//!   and the commands carry on;
//! - the database is read-only, locked by another process, or full: a plain Japanese
//!   ephemeral message, nothing half-written, and the commands that keep no state answer;
//! - SIGTERM during a quiz and during a daily post (the binary): exit 0, scores kept, the
//!   post sent exactly once across the restart; the logs as JSON lines when asked.
//!
//! Every request goes to `target/discord-capture-faults.jsonl`, checked by
//! `../shared/discord/validate.py` in CI.

#[path = "support/bot_process.rs"]
mod bot_process;
#[path = "support/fake_discord.rs"]
#[allow(dead_code)] // shared with the other e2e tests, which use the rest
mod fake_discord;

use bot_process::{connected, local_now, logged, unix_now, KillOnDrop};
use fake_discord::{buttons, checked, field, no_pings, FakeDiscord, Hold, Recorded, APP_ID};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use summit_bot::commands::Bot;
use summit_bot::config::Config;
use summit_bot::ids::{ChannelId, GuildId};
use summit_bot::knowledge::{Source, UiText};
use summit_bot::store::{DailySettings, SqliteStore, Store};

const TOKEN: &str = "MTAw.fake-token.faults-secret-do-not-log";
const GUILD: &str = "930000000000000501";
const ADMIN_PERMS: &str = "3104";
const MEMBER_PERMS: &str = "3072";
const BOT_PERMS: &str = "19456";
const ALICE: &str = "950000000000000511";
const BOB: &str = "950000000000000512";
const CAROL: &str = "950000000000000513";
const ZONE: &str = "Asia/Tokyo";

fn capture() -> PathBuf {
    let capture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture-faults.jsonl");
    if let Some(dir) = capture.parent() {
        std::fs::create_dir_all(dir).expect("capture folder");
    }
    capture
}

fn member(user: &str, perms: &str) -> Value {
    fake_discord::guild_member(user, &format!("m{}", &user[15..]), perms)
}

/// A slash command in `channel` of the test server by `user` (with `perms`).
fn command(id: &str, channel: &str, user: &str, perms: &str, name: &str, options: Value) -> Value {
    command_at(id, GUILD, channel, user, perms, name, options)
}

/// A slash command in `guild`'s `channel` by `user` (with `perms`); `options` as Discord
/// sends them.
fn command_at(
    id: &str,
    guild: &str,
    channel: &str,
    user: &str,
    perms: &str,
    name: &str,
    options: Value,
) -> Value {
    let mut data = json!({"id": "960000000000000501", "name": name, "type": 1,
                          "options": options});
    // Discord resolves a channel option into `resolved.channels`.
    if let Some(c) = find_channel_option(&data["options"]) {
        data["resolved"] = json!({"channels": {c.clone(): {
            "id": c, "name": "facts", "type": 0, "permissions": BOT_PERMS}}});
    }
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 2, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": channel, "guild_id": guild, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": BOT_PERMS, "member": member(user, perms), "data": data
    }))
}

fn find_channel_option(options: &Value) -> Option<String> {
    options.as_array()?.iter().find_map(|o| {
        if o["type"] == 7 {
            o["value"].as_str().map(str::to_string)
        } else {
            find_channel_option(&o["options"])
        }
    })
}

fn sub(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

fn click(id: &str, channel: &str, custom_id: &str, user: &str, message: &str) -> Value {
    let member = member(user, MEMBER_PERMS);
    fake_discord::click_in(id, GUILD, channel, BOT_PERMS, member, custom_id, message)
}

/// Interaction ids, distinct per test.
struct Ids(u64);

impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("9730000000{:08}", self.0)
    }
}

/// The text of an ephemeral first answer (type 4, flag 64).
#[track_caller]
fn ephemeral_text(r: &Recorded) -> String {
    assert_eq!(r.body["type"], 4, "{}", r.body);
    let data = &r.body["data"];
    no_pings(data);
    assert_eq!(data["flags"].as_u64().unwrap_or(0) & 64, 64, "{data}");
    data["content"].as_str().unwrap_or_default().to_string()
}

/// A public first answer with an embed.
#[track_caller]
fn public_embed(r: &Recorded) -> Value {
    assert_eq!(r.body["type"], 4, "{}", r.body);
    let data = &r.body["data"];
    no_pings(data);
    assert_eq!(
        data["flags"].as_u64().unwrap_or(0) & 64,
        0,
        "public: {data}"
    );
    let embed = data["embeds"][0].clone();
    assert!(embed["title"].is_string(), "{data}");
    embed
}

/// Everything a reveal shows (title, description, fields), as one text.
fn shown(body: &Value) -> String {
    let e = &body["embeds"][0];
    let mut out = format!("{}\n{}\n", e["title"], e["description"]);
    for f in e["fields"].as_array().into_iter().flatten() {
        out.push_str(&format!("{}\n{}\n", f["name"], f["value"]));
    }
    out
}

fn channel_id(channel: &str) -> ChannelId {
    ChannelId(channel.parse().expect("a channel id"))
}

/// The custom_ids of the right and of a wrong choice of the open question in `channel`.
fn right_and_wrong(
    bank: &Bot,
    store: &dyn Store,
    channel: &str,
    round: usize,
    posted: &Value,
) -> (String, String) {
    fake_discord::right_and_wrong(bank, store, channel_id(channel), round, posted)
}

/// The id the fake gave the newest message of `channel`.
fn last_message_id(fake: &FakeDiscord, channel: &str) -> String {
    fake.messages(channel)
        .iter()
        .filter_map(|m| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()))
        .max()
        .expect("a message in the channel")
        .to_string()
}

fn posts_to(channel: &str) -> impl Fn(&Recorded) -> bool {
    let path = format!("/api/v10/channels/{channel}/messages");
    move |r| r.method == "POST" && r.path == path
}

async fn posted(fake: &mut FakeDiscord, channel: &str, what: &str) -> Recorded {
    let r = fake.request(what, posts_to(channel)).await;
    no_pings(&r.body);
    r
}

async fn edited(fake: &mut FakeDiscord, channel: &str, what: &str, wait: Duration) -> Recorded {
    let prefix = format!("/api/v10/channels/{channel}/messages/");
    let r = fake
        .request_within(what, wait, |r| {
            r.method == "PATCH" && r.path.starts_with(&prefix)
        })
        .await;
    no_pings(&r.body);
    r
}

fn config(fake: &FakeDiscord) -> Config {
    fake_discord::bot_config(&fake.api_base, TOKEN, &[("DISCORD_DEFER_AFTER_MS", "2000")])
}

/// A bot in process on `store`, connected to `fake` and past its registration.
struct Running {
    bot: Arc<Bot>,
    stop: tokio::sync::oneshot::Sender<()>,
    run: tokio::task::JoinHandle<Result<(), summit_bot::discord::DiscordError>>,
}

async fn start_in_process(fake: &mut FakeDiscord, store: SqliteStore) -> Running {
    start_on(fake, Arc::new(store)).await
}

async fn start_on(fake: &mut FakeDiscord, store: Arc<dyn Store>) -> Running {
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    let bot = Arc::new(
        summit_bot::check::load(&Source::Embedded, store).expect("the real dataset loads"),
    );
    let (stop, run) = fake_discord::spawn_bot(config(fake), &bot);
    fake.ready_as_only_shard().await;
    fake.request("registration", |r| r.method == "PUT").await;
    Running { bot, stop, run }
}

impl Running {
    /// Stops the bot and checks it stopped cleanly (no panic, `Ok`).
    async fn stop(self) {
        let _ = self.stop.send(());
        let result = tokio::time::timeout(fake_discord::WAIT, self.run)
            .await
            .expect("the bot stops")
            .expect("no panic");
        assert!(result.is_ok(), "{result:?}");
    }
}

/// `/quiz start` with `questions` of `seconds` in `channel`: the announcement and question 1.
async fn start_quiz(
    fake: &mut FakeDiscord,
    ids: &mut Ids,
    channel: &str,
    questions: u32,
    seconds: u32,
) -> (Recorded, String) {
    let id = ids.next();
    let options = json!([{"name": "questions", "type": 4, "value": questions},
                         {"name": "seconds", "type": 4, "value": seconds}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &id,
            channel,
            ALICE,
            MEMBER_PERMS,
            "quiz",
            sub("start", options),
        ),
    );
    let announce = fake.callback(&id).await;
    public_embed(&announce);
    let first = posted(fake, channel, "question 1").await;
    let first_id = last_message_id(fake, channel);
    (first, first_id)
}

/// Clicks `custom_id` as `user` and returns the ephemeral acknowledgement.
async fn answer(
    fake: &mut FakeDiscord,
    ids: &mut Ids,
    channel: &str,
    custom_id: &str,
    user: &str,
    message: &str,
) -> String {
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        click(&id, channel, custom_id, user, message),
    );
    ephemeral_text(&fake.callback(&id).await)
}

fn received(bot: &Bot, text: &str) -> bool {
    let q = &bot.knowledge.quiz_ui;
    [q.choice_marks.clone(), q.true_false_marks.clone()]
        .concat()
        .iter()
        .any(|m| text == UiText::fill(&q.answer_received, &[("choice", m)]))
}

// ───────────────────────────── the gateway drops mid-quiz ─────────────────────────────

const DROP_CHANNEL: &str = "940000000000000511";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_drops_mid_quiz_and_no_answer_is_lost() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("quiz.sqlite3")).expect("a SQLite file");
    let running = start_in_process(&mut fake, store).await;
    let bot = Arc::clone(&running.bot);
    let mut ids = Ids(100);
    let ch = DROP_CHANNEL;

    let (first, first_id) = start_quiz(&mut fake, &mut ids, ch, 2, 20).await;
    let (right, wrong) = right_and_wrong(&bot, bot.store.as_ref(), ch, 0, &first.body);
    let text = answer(&mut fake, &mut ids, ch, &right, ALICE, &first_id).await;
    assert!(received(&bot, &text), "{text}");

    // The connection drops (4000: resumable). Bob clicks while the bot is away: Discord
    // holds his interaction and delivers it after the RESUME.
    fake.close(4000);
    let bobs = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        click(&bobs, ch, &right, BOB, &first_id),
    );
    fake.connection().await;
    let resume = fake.frame(6).await;
    assert_eq!(resume["d"]["session_id"], "fake-session-1");
    fake.dispatch("RESUMED", json!({}));
    assert!(received(&bot, &ephemeral_text(&fake.callback(&bobs).await)));
    let text = answer(&mut fake, &mut ids, ch, &wrong, CAROL, &first_id).await;
    assert!(received(&bot, &text), "{text}");

    // The round's timer still reveals: Alice and Bob right, Carol not.
    let reveal = edited(
        &mut fake,
        ch,
        "the reveal of question 1",
        Duration::from_secs(25),
    )
    .await;
    assert!(reveal.path.ends_with(&first_id), "{}", reveal.path);
    let text = shown(&reveal.body);
    assert!(text.contains(ALICE) && text.contains(BOB), "{text}");
    assert!(!text.contains(CAROL), "{text}");
    assert!(buttons(&reveal.body)
        .iter()
        .all(|b| b["disabled"] == json!(true)));

    // Question 2; the connection drops again, not resumable this time (4009): the bot
    // identifies anew and the quiz goes on.
    let second = posted(&mut fake, ch, "question 2").await;
    let second_id = last_message_id(&fake, ch);
    let (right, wrong) = right_and_wrong(&bot, bot.store.as_ref(), ch, 1, &second.body);
    fake.close(4009);
    fake.ready_as_only_shard().await;
    for (user, choice) in [(ALICE, &right), (BOB, &wrong), (CAROL, &right)] {
        let text = answer(&mut fake, &mut ids, ch, choice, user, &second_id).await;
        assert!(received(&bot, &text), "{text}");
    }
    // Everyone answered: the reveal and the ranking at once.
    edited(
        &mut fake,
        ch,
        "the reveal of question 2",
        fake_discord::WAIT,
    )
    .await;
    let ranking = posted(&mut fake, ch, "the ranking").await;
    let ranking = shown(&ranking.body);
    assert!(
        ranking.contains(&bot.knowledge.quiz_ui.ranking_title),
        "{ranking}"
    );
    for user in [ALICE, BOB, CAROL] {
        assert!(ranking.contains(user), "{user} missing from {ranking}");
    }

    // The store kept every answer: three per round.
    let quiz = bot
        .store
        .recent_questions(Some(GuildId(GUILD.parse().expect("id"))), channel_id(ch), 5)
        .expect("store");
    assert_eq!(quiz.len(), 2);
    let standings = bot
        .store
        .leaderboard(GuildId(GUILD.parse().expect("id")), 0, 10)
        .expect("store");
    let answered: u64 = standings.iter().map(|s| s.answered).sum();
    assert_eq!(answered, 6, "every answer counted: {standings:?}");
    let alice = standings.iter().find(|s| s.user.get().to_string() == ALICE);
    assert_eq!(alice.map(|s| s.correct), Some(2), "{standings:?}");

    // Two reconnects, one registration and no second recovery (no "interrupted" notice).
    let requests = fake.requests_so_far();
    assert_eq!(requests.iter().filter(|r| r.method == "PUT").count(), 1);
    let notice = &bot.knowledge.quiz_ui.interrupted_title;
    assert!(
        !requests
            .iter()
            .any(|r| r.body.to_string().contains(notice.as_str())),
        "a reconnect closed the quiz as if the bot had restarted"
    );
    running.stop().await;
}

// ───────────────────────────── a callback rate limited ─────────────────────────────

const LIMITED_CHANNEL: &str = "940000000000000521";

fn callbacks_of(id: &str) -> impl Fn(&Recorded) -> bool {
    let suffix = format!("/interactions/{id}/");
    move |r| r.method == "POST" && r.path.contains(&suffix) && r.path.ends_with("/callback")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_callback_is_answered_after_all() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("bot.sqlite3")).expect("a SQLite file");
    let running = start_in_process(&mut fake, store).await;
    let mut ids = Ids(200);
    let ch = LIMITED_CHANNEL;

    // One 429 (retry_after 0.3 s): the answer is sent again and arrives.
    fake.rate_limit_callbacks(1, 0.3);
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, ch, ALICE, MEMBER_PERMS, "fact", json!([])),
    );
    let limited = fake
        .request("the rate-limited callback", callbacks_of(&id))
        .await;
    assert_eq!(limited.status, 429);
    let again = fake
        .request("the callback sent again", callbacks_of(&id))
        .await;
    assert_eq!(again.status, 204);
    public_embed(&again);

    // Rate limited past Discord's three seconds: the bot stops trying (a few tries, no
    // flood), nothing panics, and the next interaction is answered.
    fake.rate_limit_callbacks(1000, 1.0);
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &id,
            ch,
            BOB,
            MEMBER_PERMS,
            "ask",
            json!([{"name": "question", "type": 3, "value": "ヘルシンキ会談はいつ？"}]),
        ),
    );
    let mut tries = 0;
    while fake
        .next_matching(Duration::from_secs(2), callbacks_of(&id))
        .await
        .is_some()
    {
        tries += 1;
    }
    assert!(
        (2..=7).contains(&tries),
        "{tries} tries within Discord's three seconds"
    );
    fake.rate_limit_callbacks(0, 0.0);
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &id,
            ch,
            CAROL,
            MEMBER_PERMS,
            "summit",
            json!([{"name": "meeting", "type": 3, "value": "ヘルシンキ"}]),
        ),
    );
    public_embed(&fake.callback(&id).await);
    running.stop().await;
}

// ───────────────────────────── a channel post fails with 500 ─────────────────────────────

/// One server of a test: its guild and channel.
#[derive(Clone, Copy)]
struct Server {
    guild: &'static str,
    channel: &'static str,
}

impl Server {
    fn guild_id(self) -> GuildId {
        GuildId(self.guild.parse().expect("a guild id"))
    }
}

/// The Tokyo minute of day and date now.
fn tokyo_now() -> (u16, String) {
    local_now(ZONE)
}

/// `server`'s daily post set for this very minute (set an hour ago), so it is due at start.
fn set_due_now(store: &dyn Store, server: Server) -> String {
    let (minute, date) = tokyo_now();
    store
        .set_daily(&DailySettings {
            guild: server.guild_id(),
            channel: channel_id(server.channel),
            minute_of_day: minute,
            timezone: ZONE.to_string(),
            enabled: true,
            deck_seed: 7,
            position: 0,
            active_from: unix_now() - 3600,
            last_error: None,
        })
        .expect("settings stored");
    date
}

/// `/daily status` of `server` as its admin: the embed.
async fn daily_status(fake: &mut FakeDiscord, ids: &mut Ids, server: Server) -> Value {
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command_at(
            &id,
            server.guild,
            server.channel,
            ALICE,
            ADMIN_PERMS,
            "daily",
            sub("status", json!([])),
        ),
    );
    let r = fake.callback(&id).await;
    ephemeral_text(&r);
    r.body["data"]["embeds"][0].clone()
}

const FLAKY: Server = Server {
    guild: "930000000000000531",
    channel: "940000000000000531",
};
const DOWN: Server = Server {
    guild: "930000000000000532",
    channel: "940000000000000532",
};

// On tokio's paused clock: the retries' waits (1 s, 2 s, 4 s) and the two seconds without
// a fifth attempt pass at once, as soon as nothing else is running (the bot's work on the
// blocking pool holds the clock back).
#[tokio::test(start_paused = true)]
async fn a_post_failing_with_500_is_retried_then_recorded_in_daily_status() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("daily.sqlite3")).expect("a SQLite file");
    let date = set_due_now(&store, FLAKY);
    assert_eq!(
        set_due_now(&store, DOWN),
        date,
        "the minute turned; run again"
    );
    // FLAKY's channel fails three times, DOWN's every time.
    fake.fail_posts(FLAKY.channel, 500, 3);
    fake.fail_posts(DOWN.channel, 500, 1000);
    let running = start_in_process(&mut fake, store).await;
    let d = running.bot.knowledge.daily_ui.clone();
    let mut ids = Ids(300);

    // Retried (1 s, 2 s, 4 s apart): three 500s, then the post goes out, once.
    for attempt in 1..=4 {
        let r = fake
            .request_within(
                "a post to the flaky channel",
                Duration::from_secs(15),
                posts_to(FLAKY.channel),
            )
            .await;
        no_pings(&r.body);
        assert_eq!(
            r.status,
            if attempt < 4 { 500 } else { 200 },
            "attempt {attempt}"
        );
    }
    // DOWN: four attempts, all 500.
    for _ in 1..=4 {
        let r = fake
            .request_within(
                "a post to the failing channel",
                Duration::from_secs(15),
                posts_to(DOWN.channel),
            )
            .await;
        assert_eq!(r.status, 500);
    }
    // /daily status of DOWN says what happened (once recorded), and the post is unsent.
    let want = UiText::fill(&d.error_failed, &[("date", &date), ("status", "HTTP 500")]);
    let deadline = tokio::time::Instant::now() + fake_discord::WAIT;
    let status = loop {
        let status = daily_status(&mut fake, &mut ids, DOWN).await;
        if field(&status, &d.status_error).is_some() || tokio::time::Instant::now() > deadline {
            break status;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(field(&status, &d.status_error), Some(want), "{status}");
    assert_eq!(
        field(&status, &d.status_last),
        Some(UiText::fill(&d.status_last_unsent, &[("date", &date)]))
    );
    // FLAKY's status: posted, no error.
    let status = daily_status(&mut fake, &mut ids, FLAKY).await;
    assert_eq!(
        field(&status, &d.status_last),
        Some(UiText::fill(&d.status_last_value, &[("date", &date)])),
        "{status}"
    );
    assert_eq!(field(&status, &d.status_error), None, "{status}");
    // No fifth attempt now (the claim is tried again ten minutes later), and one message.
    let fifth = fake
        .next_matching(Duration::from_secs(2), |r| {
            posts_to(DOWN.channel)(r) || posts_to(FLAKY.channel)(r)
        })
        .await;
    assert!(fifth.is_none(), "{fifth:?}");
    assert_eq!(fake.messages(FLAKY.channel).len(), 1);
    assert_eq!(fake.messages(DOWN.channel).len(), 0);
    let kept = running
        .bot
        .store
        .daily_post(DOWN.guild_id(), &date)
        .expect("store")
        .expect("the claim is kept for the retry");
    assert_eq!(kept.sent_at, None);
    running.stop().await;
}

// ───────────────────────────── the HTTP API stalls for 10 s ─────────────────────────────

const STALL_CHANNEL: &str = "940000000000000541";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_answering_nothing_for_ten_seconds_loses_nothing() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("quiz.sqlite3")).expect("a SQLite file");
    let running = start_in_process(&mut fake, store).await;
    let bot = Arc::clone(&running.bot);
    let mut ids = Ids(400);
    let ch = STALL_CHANNEL;

    let (first, first_id) = start_quiz(&mut fake, &mut ids, ch, 2, 10).await;
    let quiz = bot
        .store
        .open_quiz_in(channel_id(ch))
        .expect("store")
        .expect("an open quiz");
    let (right, wrong) = right_and_wrong(&bot, bot.store.as_ref(), ch, 0, &first.body);
    let text = answer(&mut fake, &mut ids, ch, &right, ALICE, &first_id).await;
    assert!(received(&bot, &text), "{text}");

    // Discord's API answers nothing for 10 s. Meanwhile Bob and Carol answer and someone
    // asks for a fact; the round's time runs out during the stall.
    fake.stall_http(Duration::from_secs(10));
    let stalled = Instant::now();
    let (bob, carol, fact) = (ids.next(), ids.next(), ids.next());
    fake.dispatch(
        "INTERACTION_CREATE",
        click(&bob, ch, &right, BOB, &first_id),
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        click(&carol, ch, &wrong, CAROL, &first_id),
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&fact, ch, CAROL, MEMBER_PERMS, "fact", json!([])),
    );
    // Their answers are written before they are acknowledged: in the store during the stall.
    let deadline = Instant::now() + Duration::from_secs(5);
    while bot.store.answers(quiz.id, 0).expect("store").len() < 3 {
        assert!(Instant::now() < deadline, "the answers were not written");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(stalled.elapsed() < Duration::from_secs(10));

    // After the stall every answer arrives, and the reveal counts all three.
    let wait = Duration::from_secs(20);
    for id in [&bob, &carol] {
        let r = fake
            .request_within("an answer held by the stall", wait, callbacks_of(id))
            .await;
        assert!(received(&bot, &ephemeral_text(&r)));
    }
    let r = fake
        .request_within("the fact held by the stall", wait, callbacks_of(&fact))
        .await;
    public_embed(&r);
    assert!(
        stalled.elapsed() >= Duration::from_secs(10),
        "answered during the stall"
    );
    let reveal = edited(&mut fake, ch, "the reveal of question 1", wait).await;
    assert!(reveal.path.ends_with(&first_id), "{}", reveal.path);
    let text = shown(&reveal.body);
    assert!(
        text.contains(ALICE) && text.contains(BOB) && !text.contains(CAROL),
        "{text}"
    );

    // The quiz carries on: question 2, everyone answers, the ranking.
    let second = posted(&mut fake, ch, "question 2").await;
    let second_id = last_message_id(&fake, ch);
    let (right, _) = right_and_wrong(&bot, bot.store.as_ref(), ch, 1, &second.body);
    for user in [ALICE, BOB, CAROL] {
        let text = answer(&mut fake, &mut ids, ch, &right, user, &second_id).await;
        assert!(received(&bot, &text), "{text}");
    }
    let ranking = posted(&mut fake, ch, "the ranking").await;
    let ranking = shown(&ranking.body);
    for user in [ALICE, BOB, CAROL] {
        assert!(ranking.contains(user), "{user} missing from {ranking}");
    }
    assert_eq!(bot.store.answers(quiz.id, 0).expect("store").len(), 3);
    assert_eq!(bot.store.answers(quiz.id, 1).expect("store").len(), 3);
    running.stop().await;
}

// ───────────────────────── the database read-only, locked, full ─────────────────────────

/// The text a user reads from an interaction's answer: the first answer, or (when the bot
/// acknowledged first because the database made it wait) the followup that replaces it.
async fn answer_text(fake: &mut FakeDiscord, id: &str) -> (String, bool) {
    let first = fake.callback(id).await;
    if first.body["type"] == 5 {
        // Deferred: a private answer comes as a followup on the interaction's token.
        let token = format!("/webhooks/{APP_ID}/itoken-{id}");
        let follow = fake
            .request_within("the followup", Duration::from_secs(15), |r| {
                r.method == "POST" && r.path.starts_with(&format!("/api/v10{token}"))
            })
            .await;
        assert_eq!(
            follow.body["allowed_mentions"]["parse"],
            json!([]),
            "{} {}: {}",
            follow.method,
            follow.path,
            follow.body
        );
        let ephemeral = follow.body["flags"].as_u64().unwrap_or(0) & 64 == 64;
        let text = follow.body["content"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        return (text, ephemeral);
    }
    let data = &first.body["data"];
    no_pings(data);
    let ephemeral = data["flags"].as_u64().unwrap_or(0) & 64 == 64;
    (
        data["content"].as_str().unwrap_or_default().to_string(),
        ephemeral,
    )
}

/// `/ask`, `/summit`, `/fact` and `/help` need no state: each is answered with its embed.
async fn stateless_commands_answer(fake: &mut FakeDiscord, ids: &mut Ids, channel: &str) {
    for (name, options) in [
        (
            "ask",
            json!([{"name": "question", "type": 3, "value": "アンカレッジ会談は何日？"}]),
        ),
        (
            "summit",
            json!([{"name": "meeting", "type": 3, "value": "ヘルシンキ"}]),
        ),
        ("fact", json!([])),
        ("help", json!([])),
    ] {
        let id = ids.next();
        fake.dispatch(
            "INTERACTION_CREATE",
            command(&id, channel, BOB, MEMBER_PERMS, name, options),
        );
        let r = fake.callback(&id).await;
        assert_eq!(r.body["type"], 4, "/{name}: {}", r.body);
        let data = &r.body["data"];
        no_pings(data);
        assert!(
            data["embeds"][0]["title"].is_string() || data["attachments"].is_array(),
            "/{name}: {data}"
        );
    }
}

/// `/quiz start` and `/daily set` by an admin in `channel`: what each answers.
async fn stateful_commands(
    fake: &mut FakeDiscord,
    ids: &mut Ids,
    channel: &str,
) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let start = json!([{"name": "questions", "type": 4, "value": 2},
                       {"name": "seconds", "type": 4, "value": 60}]);
    let set = json!([{"name": "channel", "type": 7, "value": channel},
                     {"name": "time", "type": 3, "value": "09:00"}]);
    for (name, options) in [("quiz", sub("start", start)), ("daily", sub("set", set))] {
        let id = ids.next();
        fake.dispatch(
            "INTERACTION_CREATE",
            command(&id, channel, ALICE, ADMIN_PERMS, name, options),
        );
        out.push(answer_text(fake, &id).await);
    }
    out
}

#[track_caller]
fn all_unavailable(bot: &Bot, answers: &[(String, bool)]) {
    for (text, ephemeral) in answers {
        assert_eq!(text, &bot.ui().store_unavailable);
        assert!(ephemeral, "the message is private");
    }
}

/// Nothing was written for `channel`: no quiz (open or closed), no round, no daily
/// settings naming it.
#[track_caller]
fn nothing_written(path: &Path, channel: &str) {
    let db = rusqlite::Connection::open(path).expect("the file opens");
    let count = |sql: &str| -> i64 {
        db.query_row(sql, [channel.parse::<i64>().expect("id")], |r| r.get(0))
            .expect("reads")
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM quizzes WHERE channel_id = ?1"),
        0
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM rounds r JOIN quizzes q ON q.id = r.quiz_id \
             WHERE q.channel_id = ?1"
        ),
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM daily_settings WHERE channel_id = ?1"),
        0
    );
}

const READ_ONLY_CHANNEL: &str = "940000000000000551";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_is_said_plainly_and_the_rest_answers() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    drop(SqliteStore::open(&path).expect("created and migrated"));
    // Opened read-only (as a file the bot's user may not write is; root ignores modes,
    // so the test asks SQLite for read-only itself).
    let uri = format!("file:{}?mode=ro", path.display());
    let store = SqliteStore::open(Path::new(&uri)).expect("a read-only file opens");
    assert!(store.is_read_only());
    let running = start_in_process(&mut fake, store).await;
    let mut ids = Ids(500);
    let ch = READ_ONLY_CHANNEL;

    let answers = stateful_commands(&mut fake, &mut ids, ch).await;
    all_unavailable(&running.bot, &answers);
    stateless_commands_answer(&mut fake, &mut ids, ch).await;
    // Reading still works: the leaderboard is shown (empty).
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &id,
            ch,
            BOB,
            MEMBER_PERMS,
            "quiz",
            sub("leaderboard", json!([])),
        ),
    );
    let board = public_embed(&fake.callback(&id).await);
    assert!(
        board["description"]
            .as_str()
            .is_some_and(|d| d.contains(&running.bot.knowledge.quiz_ui.no_scores)),
        "{board}"
    );
    running.stop().await;
    nothing_written(&path, ch);
}

const LOCKED_CHANNEL: &str = "940000000000000552";

/// Another process holding the database's write lock until its stdin closes.
struct Locker(std::process::Child);

impl Locker {
    fn lock(path: &Path) -> Locker {
        use std::io::BufRead;
        let script = "import sqlite3, sys\n\
            c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
            c.execute('BEGIN EXCLUSIVE')\n\
            print('locked', flush=True)\n\
            sys.stdin.read()\n\
            c.execute('ROLLBACK')\n";
        let mut child = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the locker says so");
        assert_eq!(line.trim(), "locked");
        Locker(child)
    }

    fn release(mut self) {
        drop(self.0.stdin.take());
        let status = self.0.wait().expect("the locker exits");
        assert!(status.success());
    }
}

impl Drop for Locker {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_locked_by_another_process_is_said_plainly_and_the_rest_answers() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    let store = SqliteStore::open(&path).expect("a SQLite file");
    let running = start_in_process(&mut fake, store).await;
    let mut ids = Ids(600);
    let ch = LOCKED_CHANNEL;

    // Another process takes the write lock and keeps it: writes wait (5 s), then give up.
    let locker = Locker::lock(&path);
    let answers = stateful_commands(&mut fake, &mut ids, ch).await;
    all_unavailable(&running.bot, &answers);
    stateless_commands_answer(&mut fake, &mut ids, ch).await;
    nothing_written(&path, ch);

    // The lock goes: the same command works.
    locker.release();
    start_quiz(&mut fake, &mut ids, ch, 1, 60).await;
    running.stop().await;
}

const FULL_CHANNEL: &str = "940000000000000553";

/// Fills the capped file's tables through the store until a write fails for want of room
/// (big rows first, then small ones, so no gap a command's row would fit is left).
fn fill(store: &SqliteStore, bank: &Bot) {
    let ids: Vec<String> = bank.bank.all().iter().map(|q| q.id.clone()).collect();
    let full = |r: Result<(), summit_bot::store::StoreError>| match r {
        Ok(()) => false,
        Err(e) => {
            assert!(e.is_unavailable(), "{e}");
            true
        }
    };
    let mut quiz_id = None;
    let mut n = 0u64;
    for size in [ids.len().min(40), 1] {
        while !full(
            store
                .create_quiz(&summit_bot::store::NewQuiz {
                    guild: Some(GuildId(7)),
                    channel: ChannelId(1_000 + n),
                    starter: summit_bot::ids::UserId(1),
                    mode: summit_bot::store::QuizMode::Solo,
                    topic: "all".into(),
                    seconds: 10,
                    seed: n,
                    created_at: 1,
                    questions: ids[..size].to_vec(),
                })
                .map(|id| {
                    quiz_id = quiz_id.or(id);
                    if let Some(id) = id {
                        let _ = store.close_quiz(id, summit_bot::store::QuizState::Finished, 2);
                    }
                }),
        ) {
            n += 1;
        }
    }
    let quiz = quiz_id.expect("a quiz before the file was full");
    let mut round = 0;
    while !full(store.start_round(quiz, round, &ids[0], 1, 2)) {
        round += 1;
    }
    let mut user = 0;
    while !full(
        store
            .record_answer(&summit_bot::store::Answer {
                quiz,
                round: 0,
                guild: Some(GuildId(7)),
                user: summit_bot::ids::UserId(user),
                question: ids[0].clone(),
                choice: 0,
                correct: true,
                points: 10,
                answered_at: 1,
            })
            .map(drop),
    ) {
        user += 1;
    }
    let mut guild = 1;
    while !full(store.set_daily(&DailySettings {
        guild: GuildId(guild),
        channel: ChannelId(guild),
        minute_of_day: 540,
        timezone: ZONE.into(),
        enabled: false,
        deck_seed: 1,
        position: 0,
        active_from: 1,
        last_error: None,
    })) {
        guild += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_database_is_said_plainly_nothing_is_half_written_and_the_rest_answers() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    let store = Arc::new(SqliteStore::open(&path).expect("a SQLite file"));
    let running = start_on(&mut fake, Arc::clone(&store) as Arc<dyn Store>).await;
    let bot = Arc::clone(&running.bot);
    let mut ids = Ids(700);
    let ch = FULL_CHANNEL;

    // A quiz runs; then the disk is full (the file capped at its size and filled).
    let (first, first_id) = start_quiz(&mut fake, &mut ids, ch, 2, 60).await;
    let (right, _) = right_and_wrong(&bot, bot.store.as_ref(), ch, 0, &first.body);
    let quiz = bot
        .store
        .open_quiz_in(channel_id(ch))
        .expect("store")
        .expect("open");
    let pages = store.page_count().expect("pages");
    assert_eq!(store.limit_pages(pages).expect("capped"), pages);
    fill(&store, &bot);

    // An answer that cannot be written is not acknowledged as taken: the member is told.
    let text = answer(&mut fake, &mut ids, ch, &right, BOB, &first_id).await;
    assert_eq!(text, bot.ui().store_unavailable);
    assert!(bot.store.answers(quiz.id, 0).expect("reads").is_empty());
    // New quizzes and daily settings: the same message, and nothing half-written.
    let other = "940000000000000554";
    let answers = stateful_commands(&mut fake, &mut ids, other).await;
    all_unavailable(&bot, &answers);
    stateless_commands_answer(&mut fake, &mut ids, other).await;
    nothing_written(&path, other);

    // Room again: the member's answer is taken.
    store.limit_pages(1 << 20).expect("uncapped");
    let text = answer(&mut fake, &mut ids, ch, &right, BOB, &first_id).await;
    assert!(received(&bot, &text), "{text}");
    assert_eq!(bot.store.answers(quiz.id, 0).expect("reads").len(), 1);
    running.stop().await;
}

/// A closed quiz (of `question`, in another server) whose rounds can fill `store`, then the
/// file capped at its size now: no more pages, only the room left in them.
fn closed_quiz_then_capped(store: &SqliteStore, question: &str) -> summit_bot::store::QuizId {
    let filler = store
        .create_quiz(&summit_bot::store::NewQuiz {
            guild: Some(GuildId(7)),
            channel: ChannelId(7),
            starter: summit_bot::ids::UserId(1),
            mode: summit_bot::store::QuizMode::Solo,
            topic: "all".into(),
            seconds: 10,
            seed: 1,
            created_at: 1,
            questions: vec![question.to_string()],
        })
        .expect("created")
        .expect("an id");
    store
        .close_quiz(filler, summit_bot::store::QuizState::Finished, 2)
        .expect("closed");
    store
        .limit_pages(store.page_count().expect("pages"))
        .expect("capped");
    filler
}

/// A quiz whose first round cannot be stored (the file full after the quiz's row) is
/// closed at once, not left open to block its channel.
#[test]
fn a_quiz_whose_first_round_cannot_be_stored_is_not_left_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    let store = Arc::new(SqliteStore::open(&path).expect("a SQLite file"));
    let bot = summit_bot::check::load(&Source::Embedded, Arc::clone(&store) as Arc<dyn Store>)
        .expect("the real dataset loads");
    // Only the rounds are full: a quiz row still fits, its first round does not.
    let shortest = bot
        .bank
        .all()
        .iter()
        .map(|q| q.id.clone())
        .min_by_key(String::len)
        .expect("questions");
    let filler = closed_quiz_then_capped(&store, &shortest);
    let mut round = 0;
    loop {
        match store.start_round(filler, round, &shortest, 1, 2) {
            Ok(()) => round += 1,
            Err(e) => {
                assert!(e.is_unavailable(), "{e}");
                break;
            }
        }
    }
    let channel = ChannelId(940_000_000_000_000_561);
    let inv = summit_bot::commands::Invocation {
        user_id: summit_bot::ids::UserId(ALICE.parse().expect("id")),
        user_is_bot: false,
        guild_id: Some(GuildId(GUILD.parse().expect("id"))),
        channel_id: channel,
        permissions: Some(0),
        app_permissions: None,
        channel_permissions: Vec::new(),
        now: unix_now(),
        sent: None,
        action: summit_bot::commands::Action::Command {
            name: "quiz".into(),
            subcommand: Some("start".into()),
            options: vec![("questions".into(), "2".into())],
        },
    };
    let outcome = summit_bot::commands::dispatch(&bot, &inv);
    let summit_bot::commands::Response::Message(reply) = outcome.response else {
        panic!("a message");
    };
    assert!(reply.ephemeral);
    assert_eq!(
        reply.content.as_deref(),
        Some(bot.ui().store_unavailable.as_str())
    );
    assert!(
        outcome.effects.is_empty(),
        "nothing posted: {:?}",
        outcome.effects
    );
    assert_eq!(store.open_quiz_in(channel).expect("reads"), None);
    let db = rusqlite::Connection::open(&path).expect("opens");
    let states: Vec<String> = db
        .prepare("SELECT state FROM quizzes WHERE channel_id = ?1")
        .and_then(|mut s| {
            s.query_map([i64::try_from(channel.get()).expect("fits")], |r| r.get(0))?
                .collect()
        })
        .expect("reads");
    // The quiz's row went in, its round did not: it was closed at once.
    assert_eq!(states, vec!["abandoned".to_string()]);
}

// ───────────────────────────── SIGTERM (the binary) ─────────────────────────────

/// `summit-bot run` on `db` against `fake`, logging to `log`, with `env` besides.
fn start_binary(
    fake: &FakeDiscord,
    dir: &Path,
    db: &Path,
    log: &Path,
    env: &[(&str, &str)],
) -> KillOnDrop {
    let env = [&[("DISCORD_DEFER_AFTER_MS", "2000")], env].concat();
    bot_process::start_binary(fake, TOKEN, dir, db, log, &env)
}

/// Every line of the JSON log `log` (see [`bot_process::json_log_lines`]).
#[track_caller]
fn json_log_lines(log: &Path) -> Vec<Value> {
    bot_process::json_log_lines(log, "faults-secret")
}

const TERM_QUIZ_CHANNEL: &str = "940000000000000571";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_quiz_exits_cleanly_and_keeps_every_answer() {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bot.sqlite3");
    let (log1, log2) = (dir.path().join("run-1.log"), dir.path().join("run-2.log"));
    let bank = summit_bot::check::load(
        &Source::Embedded,
        Arc::new(SqliteStore::memory().expect("memory")) as Arc<dyn Store>,
    )
    .expect("the real dataset loads");
    let q = bank.knowledge.quiz_ui.clone();
    let mut ids = Ids(800);
    let ch = TERM_QUIZ_CHANNEL;

    // Run 1, logging JSON lines: a quiz, two answers, then SIGTERM mid-question.
    let mut child = start_binary(
        &fake,
        dir.path(),
        &db,
        &log1,
        &[("SUMMIT_LOG_FORMAT", "json")],
    );
    connected(&mut fake, &log1).await;
    let (first, first_id) = start_quiz(&mut fake, &mut ids, ch, 2, 30).await;
    let reader = SqliteStore::open(&db).expect("the bot's file");
    let quiz = reader
        .open_quiz_in(channel_id(ch))
        .expect("reads")
        .expect("open");
    let (right, wrong) = right_and_wrong(&bank, &reader, ch, 0, &first.body);
    for (user, choice) in [(ALICE, &right), (BOB, &wrong)] {
        let text = answer(&mut fake, &mut ids, ch, choice, user, &first_id).await;
        assert!(received(&bank, &text), "{text}");
    }
    // The interrupted quiz gets one notice in all: from the stopping process (it closes
    // what it holds) or, if that could not post it, from the next start.
    let before_stop = fake.requests_so_far().len();
    let status = child.terminate("SIGTERM mid-quiz").await;
    assert_eq!(status.code(), Some(0), "{status:?}");
    let lines = json_log_lines(&log1);
    assert!(logged(&lines, "SIGTERM received"), "{lines:?}");
    assert!(logged(&lines, "stopped cleanly"), "{lines:?}");
    assert!(
        logged(&lines, "connected to Discord"),
        "RUST_LOG=info shows info lines"
    );
    assert_eq!(
        reader.answers(quiz.id, 0).expect("reads").len(),
        2,
        "both answers kept"
    );

    // Run 2 (RUST_LOG=warn, still JSON): the quiz is closed with its scores and one notice;
    // no question is asked again.
    let mut child = start_binary(
        &fake,
        dir.path(),
        &db,
        &log2,
        &[("SUMMIT_LOG_FORMAT", "json"), ("RUST_LOG", "warn")],
    );
    connected(&mut fake, &log2).await;
    let notice = posted(&mut fake, ch, "the notice of the interrupted quiz").await;
    let text = shown(&notice.body);
    assert!(text.contains(&q.interrupted_title), "{text}");
    assert!(text.contains(ALICE), "the scores so far: {text}");
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &id,
            ch,
            BOB,
            MEMBER_PERMS,
            "quiz",
            sub(
                "leaderboard",
                json!([{"name": "period", "type": 3, "value": "all"}]),
            ),
        ),
    );
    let board = public_embed(&fake.callback(&id).await);
    assert!(
        board["description"]
            .as_str()
            .is_some_and(|d| d.contains(ALICE)),
        "{board}"
    );
    let again = fake
        .next_matching(Duration::from_secs(2), posts_to(ch))
        .await;
    assert!(
        again.is_none(),
        "a second post after the restart: {again:?}"
    );
    let posts = fake.requests_so_far()[before_stop..]
        .iter()
        .filter(|r| posts_to(ch)(r))
        .count();
    assert_eq!(posts, 1, "one notice across the stop and the restart");
    let status = child.terminate("SIGTERM after the restart").await;
    assert_eq!(status.code(), Some(0));
    let lines = json_log_lines(&log2);
    assert!(!lines.is_empty(), "warnings are logged");
    assert!(
        lines.iter().all(|l| l["level"] != "INFO"),
        "RUST_LOG=warn filters the JSON log too: {lines:?}"
    );
    let closed = reader.quiz(quiz.id).expect("reads").expect("the quiz");
    assert_eq!(closed.state, summit_bot::store::QuizState::Interrupted);
    assert_eq!(reader.answers(quiz.id, 0).expect("reads").len(), 2);
}

const TERM_CREATED: Server = Server {
    guild: "930000000000000581",
    channel: "940000000000000581",
};
const TERM_DROPPED: Server = Server {
    guild: "930000000000000582",
    channel: "940000000000000582",
};

/// The bot's messages in `server`'s channel that are its post of `date`.
fn posts_of_day(fake: &FakeDiscord, bank: &Bot, server: Server, date: &str) -> usize {
    let marker = UiText::fill(&bank.knowledge.daily_ui.post_marker, &[("date", date)]);
    fake.messages(server.channel)
        .iter()
        .filter(|m| m["author"]["id"] == fake_discord::BOT_USER_ID)
        .filter(|m| {
            m["embeds"].as_array().into_iter().flatten().any(|e| {
                e["footer"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(&marker))
            })
        })
        .count()
}

/// SIGTERM while the day's post is in flight (`mode`: created but unanswered, or dropped),
/// then a restart: exit 0, and the post is in the channel exactly once, recorded as sent.
async fn sigterm_mid_post(mode: Hold, server: Server, bank: &Bot) {
    let mut fake = FakeDiscord::start(capture()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bot.sqlite3");
    let (log1, log2) = (dir.path().join("run-1.log"), dir.path().join("run-2.log"));
    let date = set_due_now(&SqliteStore::open(&db).expect("a SQLite file"), server);
    fake.hold_posts(server.channel, mode, Duration::from_secs(600));

    let mut child = start_binary(&fake, dir.path(), &db, &log1, &[]);
    connected(&mut fake, &log1).await;
    let held = fake
        .request_within(
            "the daily post (held)",
            Duration::from_secs(20),
            posts_to(server.channel),
        )
        .await;
    assert_eq!(held.status, 0, "held, not answered");
    let status = child.terminate("SIGTERM mid-post").await;
    assert_eq!(
        status.code(),
        Some(0),
        "{:?}\n{}",
        status,
        std::fs::read_to_string(&log1).unwrap_or_default()
    );
    let reader = SqliteStore::open(&db).expect("the bot's file");
    let claim = reader
        .daily_post(server.guild_id(), &date)
        .expect("reads")
        .expect("claimed before it was sent");
    assert_eq!(claim.sent_at, None);

    fake.release_posts();
    let mut child = start_binary(&fake, dir.path(), &db, &log2, &[]);
    connected(&mut fake, &log2).await;
    let deadline = Instant::now() + fake_discord::WAIT;
    let sent = loop {
        let p = reader.daily_post(server.guild_id(), &date).expect("reads");
        if let Some(p) = p.filter(|p| p.sent_at.is_some()) {
            break p;
        }
        assert!(
            Instant::now() < deadline,
            "not recorded as sent:\n{}",
            std::fs::read_to_string(&log2).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let again = fake
        .next_matching(Duration::from_secs(2), |r| {
            posts_to(server.channel)(r) && r.status != 0
        })
        .await;
    let status = child.terminate("SIGTERM after the restart").await;
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        posts_of_day(&fake, bank, server, &date),
        1,
        "exactly one post of the day ({mode:?}); a late one: {again:?}"
    );
    let kept: Vec<String> = fake
        .messages(server.channel)
        .iter()
        .filter_map(|m| m["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        kept,
        vec![sent
            .message
            .map(|m| m.get().to_string())
            .unwrap_or_default()],
        "the store records the message in the channel"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_during_a_daily_post_sends_it_exactly_once_across_the_restart() {
    let bank = summit_bot::check::load(
        &Source::Embedded,
        Arc::new(SqliteStore::memory().expect("memory")) as Arc<dyn Store>,
    )
    .expect("the real dataset loads");
    tokio::join!(
        sigterm_mid_post(Hold::Create, TERM_CREATED, &bank),
        sigterm_mid_post(Hold::Drop, TERM_DROPPED, &bank),
    );
}

/// Found by these faults: a minute whose tick could not use the database (here read-only;
/// equally locked or full) asked for no next tick, so the daily posts stopped until a
/// restart. The next tick is always asked for, and comes back to post.
#[test]
fn the_daily_tick_comes_back_after_a_minute_the_database_cannot_be_used() {
    use summit_bot::commands::{Effect, Wake};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    let server = Server {
        guild: "930000000000000591",
        channel: "940000000000000591",
    };
    let writable = Arc::new(SqliteStore::open(&path).expect("a SQLite file"));
    set_due_now(writable.as_ref(), server);
    let uri = format!("file:{}?mode=ro", path.display());
    let read_only = SqliteStore::open(Path::new(&uri)).expect("opens read-only");
    let bot = summit_bot::check::load(&Source::Embedded, Arc::new(read_only))
        .expect("the real dataset loads");
    let now = unix_now();
    let effects = bot.wake(Wake::DailyTick, now);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::WakeAt { at, wake: Wake::DailyTick } if *at == summit_bot::daily::next_minute(now)
        )),
        "no next tick: {effects:?}"
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::Post { .. })));
    // The file writable again: the next tick claims and posts.
    let bot = summit_bot::check::load(&Source::Embedded, writable as Arc<dyn Store>)
        .expect("the real dataset loads");
    let effects = bot.wake(Wake::DailyTick, now);
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Post { channel, .. } if *channel == channel_id(server.channel))
        ),
        "{effects:?}"
    );
}

/// `/quiz start` (2 questions) by Alice in `channel`, straight through dispatch.
fn start_quiz_directly(bot: &Bot, channel: ChannelId, now: u64) -> summit_bot::store::Quiz {
    let inv = summit_bot::commands::Invocation {
        user_id: summit_bot::ids::UserId(ALICE.parse().expect("id")),
        user_is_bot: false,
        guild_id: Some(GuildId(GUILD.parse().expect("id"))),
        channel_id: channel,
        permissions: Some(0),
        app_permissions: None,
        channel_permissions: Vec::new(),
        now,
        sent: None,
        action: summit_bot::commands::Action::Command {
            name: "quiz".into(),
            subcommand: Some("start".into()),
            options: vec![
                ("questions".into(), "2".into()),
                ("seconds".into(), "10".into()),
            ],
        },
    };
    summit_bot::commands::dispatch(bot, &inv);
    bot.store
        .open_quiz_in(channel)
        .expect("reads")
        .expect("the quiz started")
}

/// Found by these faults: a round's timer that found the database locked failed for good,
/// and the quiz hung with its question open. It runs again a few seconds later, and the
/// reveal comes once the lock is gone.
#[test]
fn a_quiz_timer_that_finds_the_database_locked_runs_again() {
    use summit_bot::commands::{Effect, Wake};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    let bot = summit_bot::check::load(
        &Source::Embedded,
        Arc::new(SqliteStore::open(&path).expect("a SQLite file")),
    )
    .expect("the real dataset loads");
    let channel = ChannelId(940_000_000_000_000_601);
    let now = unix_now();
    let quiz = start_quiz_directly(&bot, channel, now);
    let wake = Wake::QuizRound {
        quiz: quiz.id,
        round: 0,
    };
    let locker = Locker::lock(&path);
    let effects = bot.wake(wake, now + 10);
    assert_eq!(
        effects,
        vec![Effect::WakeAt {
            at: now + 10 + summit_bot::commands::TIMER_RETRY_SECS,
            wake
        }],
        "tried again shortly, nothing else"
    );
    locker.release();
    let effects = bot.wake(wake, now + 15);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Post { .. })),
        "the reveal and the next question: {effects:?}"
    );
    let quiz = bot.store.quiz(quiz.id).expect("reads").expect("the quiz");
    assert_eq!(quiz.current, 1, "on to question 2");
}

/// Found by these faults: a round revealed (its claim written) whose next question could
/// not be stored lost the reveal and left the quiz open with no question. The reveal goes
/// out and the quiz ends there with its scores and a notice.
#[test]
fn a_quiz_whose_next_question_cannot_be_stored_ends_with_its_scores() {
    use summit_bot::commands::{Effect, Wake};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bot.sqlite3");
    let store = Arc::new(SqliteStore::open(&path).expect("a SQLite file"));
    let bot = summit_bot::check::load(&Source::Embedded, Arc::clone(&store) as Arc<dyn Store>)
        .expect("the real dataset loads");
    let channel = ChannelId(940_000_000_000_000_602);
    let now = unix_now();
    let quiz = start_quiz_directly(&bot, channel, now);
    store
        .set_round_message(quiz.id, 0, summit_bot::ids::MessageId(42))
        .expect("stored");
    // The rounds table fills up: the reveal's flag still fits, question 2's row does not.
    let ids: Vec<String> = bot.bank.all().iter().map(|q| q.id.clone()).collect();
    let shortest = ids
        .iter()
        .min_by_key(|i| i.len())
        .expect("questions")
        .clone();
    // Rounds of another (closed) quiz fill the table.
    let filler = closed_quiz_then_capped(&store, &shortest);
    let mut round = 0;
    while store.start_round(filler, round, &shortest, 1, 2).is_ok() {
        round += 1;
    }
    let effects = bot.wake(
        Wake::QuizRound {
            quiz: quiz.id,
            round: 0,
        },
        now + 10,
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Edit { message, .. } if message.get() == 42)),
        "the reveal is edited in: {effects:?}"
    );
    let notice = effects.iter().find_map(|e| match e {
        Effect::Post { reply, .. } => reply.content.clone(),
        _ => None,
    });
    assert_eq!(notice, Some(bot.knowledge.quiz_ui.store_failed.clone()));
    let quiz = bot.store.quiz(quiz.id).expect("reads").expect("the quiz");
    assert_eq!(quiz.state, summit_bot::store::QuizState::Interrupted);
    assert_eq!(bot.store.open_quiz_in(channel).expect("reads"), None);
}
