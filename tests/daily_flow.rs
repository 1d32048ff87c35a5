//! What server admins and members see of `/daily`, through the real dispatch, on a real
//! SQLite file, with the real effect runner and the scheduler's minute tick on tokio's
//! paused clock (days pass in a blink; nothing sleeps for real).
//!
//! A fake Discord ([`Discord`]) records every post attempt and every post, can refuse a
//! channel with an HTTP status (403, 404, 429, 500, optionally only the first N times),
//! can "die" just before or just after a post goes out (the future never completes, and
//! the runtime is then dropped: a killed process), and answers `find_recent` from the
//! posts it holds, as Discord's recent messages would. It outlives a bot's runtime, so a
//! restart on the same database file talks to the same channels.
//!
//! Texts come from `responses/daily_ui.json` (through `bot.knowledge.daily_ui`), not from
//! copies here.

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use summit_bot::commands::{dispatch, Action, Bot, Effect, Invocation, Outcome, Response};
use summit_bot::commands::{PostTag, Wake, MANAGE_GUILD};
use summit_bot::ids::{ChannelId, GuildId, MessageId, UserId};
use summit_bot::knowledge::{DailyText, Fact, Knowledge, UiText};
use summit_bot::reply::{Embed, Reply};
use summit_bot::runtime::{Clock, Effects, Messenger, SendError};
use summit_bot::store::{DailyPost, SqliteStore, Store};

const HOUR: u64 = 3_600;
const DAY: u64 = 86_400;
const ADMIN: UserId = UserId(1001);
/// Where the admins type their commands (not the daily channel).
const COMMAND_CH: ChannelId = ChannelId(500);
const GUILD: GuildId = GuildId(77);
const CH: ChannelId = ChannelId(770);
/// Send Messages only.
const MEMBER_PERMS: u64 = 0x800;

/// Unix seconds of a UTC date and time.
fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> u64 {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|d| d.and_hms_opt(h, mi, 0))
        .expect("a date")
        .and_utc()
        .timestamp() as u64
}

/// Unix seconds of a time in Japan (UTC+9, no daylight saving).
fn jst(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> u64 {
    utc(y, mo, d, h, mi) - 9 * HOUR
}

// ---- a fake Discord -------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Posted {
    channel: ChannelId,
    message: MessageId,
    reply: Reply,
    /// Unix seconds on the bot's clock.
    at: u64,
}

#[derive(Debug, Clone, Copy)]
struct Attempt {
    channel: ChannelId,
    at: u64,
    status: Option<u16>,
}

#[derive(Debug, Clone, Copy)]
struct Failure {
    channel: ChannelId,
    status: u16,
    /// Fails this many more times (`None`: always).
    left: Option<u32>,
}

/// Where a killed process stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Crash {
    No,
    /// The request never reaches Discord.
    BeforeSend,
    /// Discord has the message; its answer never comes back.
    AfterSend,
}

struct Discord {
    posts: Mutex<Vec<Posted>>,
    attempts: Mutex<Vec<Attempt>>,
    failures: Mutex<Vec<Failure>>,
    crash: Mutex<Crash>,
    clock: Mutex<Option<Clock>>,
    next: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Discord {
    fn new() -> Arc<Discord> {
        Arc::new(Discord {
            posts: Mutex::new(Vec::new()),
            attempts: Mutex::new(Vec::new()),
            failures: Mutex::new(Vec::new()),
            crash: Mutex::new(Crash::No),
            clock: Mutex::new(None),
            next: AtomicU64::new(90_000),
        })
    }

    fn now(&self) -> u64 {
        lock(&self.clock).map_or(0, |c| c.now())
    }

    /// Posts to `channel` fail with `status`, `times` times (or always).
    fn fail(&self, channel: ChannelId, status: u16, times: Option<u32>) {
        lock(&self.failures).push(Failure {
            channel,
            status,
            left: times,
        });
    }

    fn heal(&self, channel: ChannelId) {
        lock(&self.failures).retain(|f| f.channel != channel);
    }

    fn crash_at(&self, crash: Crash) {
        *lock(&self.crash) = crash;
    }

    fn failure(&self, channel: ChannelId) -> Option<u16> {
        let mut failures = lock(&self.failures);
        let f = failures
            .iter_mut()
            .find(|f| f.channel == channel && f.left != Some(0))?;
        if let Some(n) = &mut f.left {
            *n -= 1;
        }
        Some(f.status)
    }

    fn posts(&self) -> Vec<Posted> {
        lock(&self.posts).clone()
    }

    fn posts_in(&self, channel: ChannelId) -> Vec<Posted> {
        self.posts()
            .into_iter()
            .filter(|p| p.channel == channel)
            .collect()
    }

    fn attempts_in(&self, channel: ChannelId) -> Vec<Attempt> {
        lock(&self.attempts)
            .iter()
            .filter(|a| a.channel == channel)
            .copied()
            .collect()
    }
}

#[async_trait::async_trait]
impl Messenger for Discord {
    async fn post(&self, channel: ChannelId, reply: &Reply) -> Result<MessageId, SendError> {
        let at = self.now();
        let status = self.failure(channel);
        lock(&self.attempts).push(Attempt {
            channel,
            at,
            status,
        });
        if let Some(status) = status {
            return Err(SendError::new(Some(status), "refused by the fake Discord"));
        }
        let crash = *lock(&self.crash);
        if crash == Crash::BeforeSend {
            std::future::pending::<()>().await;
        }
        let message = MessageId(self.next.fetch_add(1, Ordering::SeqCst));
        lock(&self.posts).push(Posted {
            channel,
            message,
            reply: reply.clone(),
            at,
        });
        if crash == Crash::AfterSend {
            std::future::pending::<()>().await;
        }
        Ok(message)
    }

    async fn edit(
        &self,
        _channel: ChannelId,
        _message: MessageId,
        _reply: &Reply,
    ) -> Result<(), SendError> {
        Ok(())
    }

    /// The newest of the channel's last 50 messages whose embed footer has the marker.
    async fn find_recent(
        &self,
        channel: ChannelId,
        marker: &str,
        _since: u64,
    ) -> Result<Option<MessageId>, SendError> {
        let posts = self.posts_in(channel);
        Ok(posts
            .iter()
            .rev()
            .take(50)
            .find(|p| {
                p.reply
                    .embeds
                    .iter()
                    .any(|e| e.footer.as_deref().is_some_and(|f| f.contains(marker)))
            })
            .map(|p| p.message))
    }
}

// ---- the bot on a file, with its effect runner ------------------------------------------

fn knowledge() -> Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::embedded().expect("the real dataset loads"))
        .clone()
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("daily.sqlite3");
    (dir, path)
}

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a runtime")
}

/// One running bot process: its store on `path` and its effect runner (posting to the
/// shared Discord).
struct Process {
    bot: Arc<Bot>,
    effects: Effects,
}

impl Process {
    /// A bot on `path` whose clock reads `unix` now. Needs a tokio runtime.
    fn start(path: &Path, unix: u64, discord: &Arc<Discord>) -> Process {
        let store = SqliteStore::open(path).expect("the database opens");
        let bot = Arc::new(Bot::with_store(
            knowledge(),
            Arc::new(store) as Arc<dyn Store>,
        ));
        let clock = Clock::starting_at(unix);
        *lock(&discord.clock) = Some(clock);
        let effects = Effects::start(
            Arc::clone(&bot),
            Arc::clone(discord) as Arc<dyn Messenger>,
            clock,
        );
        Process { bot, effects }
    }

    /// What the front-end does once at READY: settle what a previous run left, start the
    /// tick chain (it never ends: never wait for `idle()`).
    fn recover(&self) -> Vec<Effect> {
        let effects = self.bot.recover(self.now());
        self.effects.submit(effects.clone());
        effects
    }

    fn d(&self) -> &DailyText {
        &self.bot.knowledge.daily_ui
    }

    fn ui(&self) -> &UiText {
        self.bot.ui()
    }

    fn now(&self) -> u64 {
        self.effects.clock().now()
    }

    /// Lets time run (the tick chain and retries fire) until `unix`.
    async fn run_until(&self, unix: u64) {
        let now = self.now();
        assert!(unix >= now, "time runs forward: {unix} < {now}");
        tokio::time::sleep(Duration::from_secs(unix - now)).await;
        self.settle().await;
    }

    /// Lets queued work finish without moving the clock.
    async fn settle(&self) {
        for _ in 0..3 {
            for _ in 0..8 {
                tokio::task::yield_now().await;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn invocation(
        &self,
        guild: Option<GuildId>,
        permissions: Option<u64>,
        sub: &str,
        options: &[(&str, &str)],
    ) -> Invocation {
        Invocation {
            user_id: ADMIN,
            user_is_bot: false,
            guild_id: guild,
            channel_id: COMMAND_CH,
            permissions,
            app_permissions: None,
            channel_permissions: Vec::new(),
            now: self.now(),
            sent: None,
            action: Action::Command {
                name: "daily".into(),
                subcommand: Some(sub.to_string()),
                options: options
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
        }
    }

    fn run(&self, inv: &Invocation) -> Outcome {
        let outcome = dispatch(&self.bot, inv);
        self.effects.submit(outcome.effects.clone());
        outcome
    }

    /// `/daily <sub>` by a member with Manage Server.
    fn admin(&self, guild: GuildId, sub: &str, options: &[(&str, &str)]) -> Outcome {
        self.run(&self.invocation(Some(guild), Some(MANAGE_GUILD), sub, options))
    }

    /// `/daily set チャンネル:<channel> 時刻:<time> [タイムゾーン:<zone>]`; returns the
    /// confirmation.
    #[track_caller]
    fn set(&self, guild: GuildId, channel: ChannelId, time: &str, zone: Option<&str>) -> String {
        let channel = channel.to_string();
        let mut options = vec![("チャンネル", channel.as_str()), ("時刻", time)];
        if let Some(zone) = zone {
            options.push(("タイムゾーン", zone));
        }
        let outcome = self.admin(guild, "set", &options);
        assert!(outcome.effects.is_empty(), "{outcome:#?}");
        ephemeral_text(&outcome)
    }

    #[track_caller]
    fn status(&self, guild: GuildId) -> Embed {
        let outcome = self.admin(guild, "status", &[]);
        assert!(outcome.effects.is_empty(), "{outcome:#?}");
        let reply = message(&outcome.response);
        assert!(reply.ephemeral, "only the admin sees the status: {reply:?}");
        assert_eq!(reply.embeds.len(), 1, "{reply:?}");
        let embed = reply.embeds[0].clone();
        assert_eq!(embed.title, self.d().status_title);
        embed
    }

    /// The status's 次の投稿 for a post at `at`.
    fn next_value(&self, at: u64) -> String {
        UiText::fill(&self.d().status_next_value, &[("next", &at.to_string())])
    }

    fn set_done(&self, channel: ChannelId, time: &str, zone: &str, next: u64) -> String {
        UiText::fill(
            &self.d().set_done,
            &[
                ("channel", &format!("<#{channel}>")),
                ("time", time),
                ("zone", zone),
                ("next", &next.to_string()),
            ],
        )
    }

    fn stored_post(&self, guild: GuildId, date: &str) -> Option<DailyPost> {
        self.bot
            .store
            .daily_post(guild, date)
            .expect("the store answers")
    }

    /// The fact a posted embed shows (by its text).
    #[track_caller]
    fn fact_of(&self, embed: &Embed) -> Fact {
        self.bot
            .knowledge
            .facts
            .iter()
            .find(|f| f.text == embed.description)
            .unwrap_or_else(|| panic!("a fact of the dataset: {embed:#?}"))
            .clone()
    }

    /// A daily post as the channel sees it: public, the fact, the 詳しく command, the as-of
    /// date and the date marker in the footer. Returns the fact.
    #[track_caller]
    fn assert_post(&self, posted: &Posted, date: &str) -> Fact {
        let d = self.d();
        let reply = &posted.reply;
        assert!(!reply.ephemeral, "the channel sees it: {reply:?}");
        assert!(reply.rows.is_empty(), "no buttons: {reply:?}");
        assert_eq!(reply.embeds.len(), 1, "{reply:?}");
        assert!(reply.violations().is_empty(), "{:?}", reply.violations());
        let embed = &reply.embeds[0];
        assert_eq!(embed.title, d.post_title);
        let fact = self.fact_of(embed);
        if let Some(item) = fact
            .related
            .as_deref()
            .and_then(|id| self.bot.knowledge.item(id))
        {
            let more = field(embed, &d.more);
            assert!(
                more.starts_with('/') && more.ends_with(&item.label()),
                "the command that shows {}: {more:?}",
                item.label()
            );
        }
        let footer = embed.footer.as_deref().expect("a footer");
        assert!(
            footer.starts_with(&UiText::fill(
                &d.post_footer,
                &[
                    ("marker", &UiText::fill(&d.post_marker, &[("date", date)])),
                    ("footer", "")
                ]
            )),
            "the date marker {date} in {footer:?}"
        );
        assert!(
            footer.contains(&self.bot.ui().date(&self.bot.knowledge.meta.as_of)),
            "the as-of date in {footer:?}"
        );
        fact
    }
}

/// The local date a post's footer carries (`毎日の豆知識 2026-11-30｜…`).
fn marker_of(p: &Posted) -> String {
    let footer = p.reply.embeds[0].footer.clone().unwrap_or_default();
    footer
        .split_whitespace()
        .nth(1)
        .and_then(|rest| rest.split('｜').next())
        .unwrap_or_default()
        .to_string()
}

fn markers(posts: &[Posted]) -> Vec<String> {
    posts.iter().map(marker_of).collect()
}

fn times(posts: &[Posted]) -> Vec<u64> {
    posts.iter().map(|p| p.at).collect()
}

#[track_caller]
fn message(response: &Response) -> &Reply {
    match response {
        Response::Message(r) => r,
        other => panic!("expected a new message, got {other:?}"),
    }
}

/// The text of a short ephemeral message (no embed, no button).
#[track_caller]
fn ephemeral_text(outcome: &Outcome) -> String {
    let r = message(&outcome.response);
    assert!(r.ephemeral, "only the member sees it: {r:?}");
    assert!(
        r.embeds.is_empty() && r.rows.is_empty(),
        "a short text: {r:?}"
    );
    r.content.clone().expect("a text")
}

#[track_caller]
fn field<'e>(embed: &'e Embed, name: &str) -> &'e str {
    embed
        .fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.as_str())
        .unwrap_or_else(|| panic!("no field {name:?} in {embed:#?}"))
}

fn has_field(embed: &Embed, name: &str) -> bool {
    embed.fields.iter().any(|f| f.name == name)
}

// ---- 1. a server's daily post, two days ---------------------------------------------------

#[tokio::test(start_paused = true)]
async fn one_post_at_nine_in_japan_each_day_and_the_status_says_so() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let p = Process::start(&path, jst(2026, 11, 30, 8, 55), &discord);
    let d = p.d().clone();
    let nine = jst(2026, 11, 30, 9, 0);

    let done = p.set(GUILD, CH, "09:00", None);
    assert_eq!(done, p.set_done(CH, "09:00", "Asia/Tokyo", nine));
    let before = p.status(GUILD);
    assert_eq!(field(&before, &d.status_last), d.status_never);
    assert_eq!(field(&before, &d.status_next), p.next_value(nine));
    let preview = p.admin(GUILD, "preview", &[]);
    let shown = message(&preview.response);
    assert!(shown.ephemeral && preview.effects.is_empty());
    assert_eq!(shown.content.as_deref(), Some(d.preview_note.as_str()));
    let previewed = p.fact_of(&shown.embeds[0]);

    p.recover();
    p.run_until(nine - 30).await;
    assert!(discord.posts().is_empty(), "nothing before 09:00");
    p.run_until(nine + 30).await;
    let posts = discord.posts();
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!((posts[0].channel, posts[0].at), (CH, nine), "at 09:00 JST");
    let first = p.assert_post(&posts[0], "2026-11-30");
    assert_eq!(first.id, previewed.id, "the preview showed the next fact");
    let row = p.stored_post(GUILD, "2026-11-30").expect("recorded");
    assert_eq!(row.message, Some(posts[0].message));
    assert!(!row.late);

    // The status after it.
    let total = p.bot.knowledge.facts.len();
    let status = p.status(GUILD);
    assert_eq!(field(&status, &d.status_channel), format!("<#{CH}>"));
    assert_eq!(
        field(&status, &d.status_time),
        UiText::fill(
            &d.status_time_value,
            &[("time", "09:00"), ("zone", "Asia/Tokyo")]
        )
    );
    assert_eq!(field(&status, &d.status_next), p.next_value(nine + DAY));
    assert!(field(&status, &d.status_next).contains(&format!("<t:{}:F>", nine + DAY)));
    assert_eq!(
        field(&status, &d.status_deck),
        UiText::fill(
            &d.status_deck_value,
            &[
                ("left", &(total - 1).to_string()),
                ("total", &total.to_string())
            ]
        )
    );
    assert_eq!(
        field(&status, &d.status_last),
        UiText::fill(&d.status_last_value, &[("date", "2026-11-30")])
    );
    assert!(!has_field(&status, &d.status_error));

    // Nothing more today; the next day at 09:00, one more post with another fact.
    let tomorrow = p.fact_of(&message(&p.admin(GUILD, "preview", &[]).response).embeds[0]);
    p.run_until(nine + DAY - 30).await;
    assert_eq!(discord.posts().len(), 1, "once a day");
    p.run_until(nine + DAY + 5 * 60).await;
    let posts = discord.posts();
    assert_eq!(posts.len(), 2, "{posts:#?}");
    assert_eq!((posts[1].channel, posts[1].at), (CH, nine + DAY));
    let second = p.assert_post(&posts[1], "2026-12-01");
    assert_ne!(second.id, first.id, "a different fact");
    assert_eq!(second.id, tomorrow.id);
    let status = p.status(GUILD);
    assert_eq!(
        field(&status, &d.status_last),
        UiText::fill(&d.status_last_value, &[("date", "2026-12-01")])
    );
    assert_eq!(field(&status, &d.status_next), p.next_value(nine + 2 * DAY));
}

// ---- 2. midnight in Japan ------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn midnight_in_japan_posts_once_at_fifteen_utc_for_the_new_day() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    // 23:50 in Tokyo, 14:50 UTC.
    let p = Process::start(&path, utc(2026, 11, 30, 14, 50), &discord);
    let midnight = utc(2026, 11, 30, 15, 0);
    assert_eq!(
        p.set(GUILD, CH, "00:00", None),
        p.set_done(CH, "00:00", "Asia/Tokyo", midnight)
    );
    p.recover();
    p.run_until(midnight - 30).await;
    assert!(discord.posts().is_empty(), "not at 23:5x");
    p.run_until(midnight + 30).await;
    let posts = discord.posts();
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!(posts[0].at, midnight);
    p.assert_post(&posts[0], "2026-12-01");
    assert!(p.stored_post(GUILD, "2026-12-01").is_some());
    assert!(p.stored_post(GUILD, "2026-11-30").is_none());

    p.run_until(midnight + DAY + 30).await;
    let posts = discord.posts();
    assert_eq!(markers(&posts), ["2026-12-01", "2026-12-02"]);
    assert_eq!(times(&posts), [midnight, midnight + DAY]);
}

// ---- 3. daylight saving ---------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn berlin_in_spring_posts_at_seven_utc_in_summer_and_the_gap_moves_forward() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let gap_guild = GuildId(78);
    let gap_ch = ChannelId(780);
    // 2026-03-27 06:30 UTC is 07:30 in Berlin (CET, UTC+1).
    let p = Process::start(&path, utc(2026, 3, 27, 6, 30), &discord);
    assert_eq!(
        p.set(GUILD, CH, "09:00", Some("Europe/Berlin")),
        p.set_done(CH, "09:00", "Europe/Berlin", utc(2026, 3, 27, 8, 0))
    );
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 → 03:00).
    p.set(gap_guild, gap_ch, "02:30", Some("Europe/Berlin"));
    p.recover();
    p.run_until(utc(2026, 3, 31, 6, 30)).await;

    let nine = discord.posts_in(CH);
    assert_eq!(
        markers(&nine),
        ["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30"]
    );
    assert_eq!(
        times(&nine),
        [
            utc(2026, 3, 27, 8, 0),
            utc(2026, 3, 28, 8, 0),
            utc(2026, 3, 29, 7, 0),
            utc(2026, 3, 30, 7, 0),
        ],
        "08:00 UTC in winter, 07:00 UTC in summer"
    );
    for post in &nine {
        p.assert_post(post, &marker_of(post));
    }
    let gap = discord.posts_in(gap_ch);
    assert_eq!(
        markers(&gap),
        ["2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"]
    );
    assert_eq!(
        times(&gap),
        [
            utc(2026, 3, 28, 1, 30), // 02:30 CET
            utc(2026, 3, 29, 1, 0),  // 03:00 CEST, the first minute after the gap
            utc(2026, 3, 30, 0, 30), // 02:30 CEST
            utc(2026, 3, 31, 0, 30),
        ]
    );
    let status = p.status(GUILD);
    assert_eq!(
        field(&status, &p.d().status_next),
        p.next_value(utc(2026, 3, 31, 7, 0))
    );
}

#[tokio::test(start_paused = true)]
async fn berlin_in_autumn_posts_at_eight_utc_in_winter_and_a_repeated_time_once() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let repeat_guild = GuildId(78);
    let repeat_ch = ChannelId(780);
    // 2026-10-23 05:30 UTC is 07:30 in Berlin (CEST, UTC+2).
    let p = Process::start(&path, utc(2026, 10, 23, 5, 30), &discord);
    p.set(GUILD, CH, "09:00", Some("Europe/Berlin"));
    // 02:30 happens twice in Berlin on 2026-10-25 (03:00 → 02:00).
    p.set(repeat_guild, repeat_ch, "02:30", Some("Europe/Berlin"));
    p.recover();
    p.run_until(utc(2026, 10, 27, 7, 0)).await;

    let nine = discord.posts_in(CH);
    assert_eq!(
        markers(&nine),
        ["2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26"]
    );
    assert_eq!(
        times(&nine),
        [
            utc(2026, 10, 23, 7, 0),
            utc(2026, 10, 24, 7, 0),
            utc(2026, 10, 25, 8, 0),
            utc(2026, 10, 26, 8, 0),
        ],
        "07:00 UTC in summer, 08:00 UTC in winter"
    );
    let repeat = discord.posts_in(repeat_ch);
    assert_eq!(
        markers(&repeat),
        ["2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27"]
    );
    assert_eq!(
        times(&repeat),
        [
            utc(2026, 10, 24, 0, 30), // 02:30 CEST
            utc(2026, 10, 25, 0, 30), // the first 02:30, not the second as well
            utc(2026, 10, 26, 1, 30), // 02:30 CET
            utc(2026, 10, 27, 1, 30),
        ]
    );
}

// ---- 4. a change of time -------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_new_time_after_todays_post_waits_for_tomorrow_and_a_past_time_never_posts_at_once() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let late_guild = GuildId(78);
    let late_ch = ChannelId(780);
    let p = Process::start(&path, jst(2026, 11, 30, 8, 50), &discord);
    p.set(GUILD, CH, "09:00", None);
    p.recover();
    p.run_until(jst(2026, 11, 30, 10, 0)).await;
    assert_eq!(discord.posts_in(CH).len(), 1);

    // At 10:00: 09:00 → 21:00 for the first server; a second server sets 09:00.
    let tomorrow_21 = jst(2026, 12, 1, 21, 0);
    p.set(GUILD, CH, "21:00", None);
    assert_eq!(
        p.set(late_guild, late_ch, "09:00", None),
        p.set_done(late_ch, "09:00", "Asia/Tokyo", jst(2026, 12, 1, 9, 0))
    );
    p.run_until(jst(2026, 11, 30, 10, 5)).await;
    assert!(discord.posts_in(late_ch).is_empty(), "not at once");

    p.run_until(jst(2026, 11, 30, 23, 59)).await;
    assert_eq!(discord.posts_in(CH).len(), 1, "not again at 21:00 today");
    assert!(discord.posts_in(late_ch).is_empty());

    p.run_until(jst(2026, 12, 1, 21, 30)).await;
    let posts = discord.posts_in(CH);
    assert_eq!(markers(&posts), ["2026-11-30", "2026-12-01"]);
    assert_eq!(times(&posts), [jst(2026, 11, 30, 9, 0), tomorrow_21]);
    let late = discord.posts_in(late_ch);
    assert_eq!(markers(&late), ["2026-12-01"]);
    assert_eq!(times(&late), [jst(2026, 12, 1, 9, 0)]);
    assert_eq!(
        field(&p.status(GUILD), &p.d().status_next),
        p.next_value(tomorrow_21 + DAY)
    );
}

#[tokio::test(start_paused = true)]
async fn an_earlier_time_set_before_todays_post_is_kept_the_same_day() {
    // The tick learns at 08:00 that nothing is due before 09:00; a new time of 08:30,
    // set at 08:10, must not wait for 09:00.
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let p = Process::start(&path, jst(2026, 11, 29, 20, 0), &discord);
    p.set(GUILD, CH, "09:00", None);
    p.recover();
    p.run_until(jst(2026, 11, 30, 8, 10)).await;
    assert!(discord.posts_in(CH).is_empty());
    p.set(GUILD, CH, "08:30", None);
    p.run_until(jst(2026, 11, 30, 9, 30)).await;
    let posts = discord.posts_in(CH);
    assert_eq!(markers(&posts), ["2026-11-30"]);
    assert_eq!(times(&posts), [jst(2026, 11, 30, 8, 30)]);
}

#[tokio::test(start_paused = true)]
async fn a_new_time_after_todays_post_shows_tomorrow_as_the_next_post() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let p = Process::start(&path, jst(2026, 11, 30, 8, 50), &discord);
    p.set(GUILD, CH, "09:00", None);
    p.recover();
    p.run_until(jst(2026, 11, 30, 10, 0)).await;
    assert_eq!(discord.posts_in(CH).len(), 1);
    let tomorrow_21 = jst(2026, 12, 1, 21, 0);
    assert_eq!(
        p.set(GUILD, CH, "21:00", None),
        p.set_done(CH, "21:00", "Asia/Tokyo", tomorrow_21)
    );
    assert_eq!(
        field(&p.status(GUILD), &p.d().status_next),
        p.next_value(tomorrow_21)
    );
}

#[tokio::test(start_paused = true)]
async fn a_change_of_zone_after_todays_post_never_posts_for_an_earlier_date() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 5 * 60, &discord);
    p.set(GUILD, CH, "09:00", None);
    p.recover();
    // 10:00 in Tokyo is 20:00 on November 29th in New York.
    p.run_until(nine + HOUR).await;
    p.set(GUILD, CH, "21:00", Some("America/New_York"));
    p.run_until(nine + 2 * DAY).await;
    let posts = discord.posts_in(CH);
    let dates = markers(&posts);
    assert!(
        dates.windows(2).all(|w| w[0] < w[1]),
        "each post is for a later date than the last: {dates:?} at {:?}",
        times(&posts)
    );
}

// ---- 5. downtime across the post time ------------------------------------------------------

#[test]
fn a_bot_down_at_nine_posts_once_late_the_same_day_and_never_for_a_missed_day() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();

    // The first run: set at 08:00, stopped at 08:30.
    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 11, 30, 8, 0), &discord);
        p.set(GUILD, CH, "09:00", None);
        p.recover();
        p.run_until(jst(2026, 11, 30, 8, 30)).await;
    });
    drop(rt);
    assert!(discord.posts().is_empty());

    // Back at 11:00 the same day: one post, marked late.
    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 11, 30, 11, 0), &discord);
        p.recover();
        p.run_until(jst(2026, 11, 30, 11, 30)).await;
        let posts = discord.posts();
        assert_eq!(posts.len(), 1, "{posts:#?}");
        assert_eq!(posts[0].at, jst(2026, 11, 30, 11, 0));
        p.assert_post(&posts[0], "2026-11-30");
        assert!(p.stored_post(GUILD, "2026-11-30").expect("row").late);
        let status = p.status(GUILD);
        assert_eq!(
            field(&status, &p.d().status_last),
            UiText::fill(&p.d().status_last_late, &[("date", "2026-11-30")])
        );
        p.run_until(jst(2026, 11, 30, 23, 0)).await;
        assert_eq!(discord.posts().len(), 1);
    });
    drop(rt);

    // Down the whole of December 1st; back at 09:00 on December 2nd.
    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 12, 2, 9, 0), &discord);
        p.recover();
        p.run_until(jst(2026, 12, 2, 12, 0)).await;
        let posts = discord.posts();
        assert_eq!(markers(&posts), ["2026-11-30", "2026-12-02"], "{posts:#?}");
        assert_eq!(posts[1].at, jst(2026, 12, 2, 9, 0));
        assert!(
            p.stored_post(GUILD, "2026-12-01").is_none(),
            "no missed day"
        );
        let status = p.status(GUILD);
        assert_eq!(
            field(&status, &p.d().status_last),
            UiText::fill(&p.d().status_last_value, &[("date", "2026-12-02")]),
            "on time, not late"
        );
    });
}

// ---- 6. two READY events ---------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn two_tick_chains_and_a_second_process_still_post_once_a_day() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let other = GuildId(78);
    let other_ch = ChannelId(780);
    let start = jst(2026, 11, 30, 8, 58);
    let p = Process::start(&path, start, &discord);
    p.set(GUILD, CH, "09:00", None);
    p.set(other, other_ch, "09:00", Some("Europe/Berlin"));
    // Two READY events in one process, unguarded: two chains.
    p.recover();
    p.recover();
    // And a second process on the same database file (its own store connection).
    let second = Process::start(&path, start, &discord);
    second.recover();
    p.run_until(start + 2 * DAY).await;

    let tokyo = discord.posts_in(CH);
    assert_eq!(markers(&tokyo), ["2026-11-30", "2026-12-01"], "{tokyo:#?}");
    let berlin = discord.posts_in(other_ch);
    assert_eq!(
        markers(&berlin),
        ["2026-11-30", "2026-12-01"],
        "{berlin:#?}"
    );
    assert_eq!(
        times(&berlin),
        [utc(2026, 11, 30, 8, 0), utc(2026, 12, 1, 8, 0)]
    );
    assert_eq!(discord.attempts_in(CH).len(), 2, "never even tried twice");
}

// ---- 7. 200 servers at 09:00 ---------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn two_hundred_servers_due_at_nine_each_get_exactly_one_post() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 2 * 60, &discord);
    let servers: Vec<(GuildId, ChannelId)> = (0..200)
        .map(|i| (GuildId(10_000 + i), ChannelId(20_000 + i)))
        .collect();
    for (guild, channel) in &servers {
        p.set(*guild, *channel, "09:00", None);
    }
    p.recover();
    p.run_until(nine - 30).await;
    assert!(discord.posts().is_empty());
    p.run_until(nine + 5 * 60).await;

    let posts = discord.posts();
    assert_eq!(posts.len(), 200);
    let channels: BTreeSet<ChannelId> = posts.iter().map(|p| p.channel).collect();
    assert_eq!(channels, servers.iter().map(|(_, c)| *c).collect());
    assert!(posts.iter().all(|x| marker_of(x) == "2026-11-30"));
    let mut per_channel: BTreeMap<ChannelId, usize> = BTreeMap::new();
    for post in &posts {
        *per_channel.entry(post.channel).or_default() += 1;
    }
    assert!(per_channel.values().all(|n| *n == 1), "none twice");
    for (guild, _) in &servers {
        let row = p.stored_post(*guild, "2026-11-30").expect("claimed");
        assert!(row.sent_at.is_some() && row.message.is_some(), "{row:?}");
        assert!(!row.late, "{row:?}");
    }
    p.assert_post(&posts[0], "2026-11-30");
    p.run_until(nine + DAY - 60).await;
    assert_eq!(discord.posts().len(), 200);
}

// ---- 8. refusals and retries -------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_403_stops_the_servers_posts_with_the_reason_until_set_again() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let gone = GuildId(78);
    let gone_ch = ChannelId(780);
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 5 * 60, &discord);
    let d = p.d().clone();
    p.set(GUILD, CH, "09:00", None);
    p.set(gone, gone_ch, "09:00", None);
    discord.fail(CH, 403, None);
    discord.fail(gone_ch, 404, None);
    p.recover();
    p.run_until(nine + DAY + HOUR).await;

    assert_eq!(discord.attempts_in(CH).len(), 1, "a 403 is not retried");
    assert_eq!(
        discord.attempts_in(gone_ch).len(),
        1,
        "a 404 is not retried"
    );
    assert!(discord.posts().is_empty());
    let status = p.status(GUILD);
    assert_eq!(field(&status, &d.status_next), d.status_off);
    let permissions = [
        d.perm_view.as_str(),
        d.perm_send.as_str(),
        d.perm_embed.as_str(),
    ]
    .join(&p.ui().list_separator);
    assert_eq!(
        field(&status, &d.status_error),
        UiText::fill(&d.error_forbidden, &[("permissions", &permissions)])
    );
    assert!(field(&status, &d.status_error).contains(&d.perm_send));
    assert_eq!(field(&status, &d.status_last), d.status_never);
    assert_eq!(
        field(&p.status(gone), &d.status_error),
        d.error_no_channel,
        "a deleted channel"
    );

    // The admins fix the channel and set it again (December 1st, 10:00): posts resume the
    // next day.
    discord.heal(CH);
    let again = nine + DAY + HOUR;
    assert_eq!(
        p.set(GUILD, CH, "09:00", None),
        p.set_done(CH, "09:00", "Asia/Tokyo", nine + 2 * DAY)
    );
    let status = p.status(GUILD);
    assert!(!has_field(&status, &d.status_error), "{status:#?}");
    assert_eq!(field(&status, &d.status_next), p.next_value(nine + 2 * DAY));
    p.run_until(again + DAY).await;
    let posts = discord.posts_in(CH);
    assert_eq!(markers(&posts), ["2026-12-02"]);
    assert_eq!(times(&posts), [nine + 2 * DAY]);
    assert!(discord.posts_in(gone_ch).is_empty());
    assert_eq!(discord.attempts_in(gone_ch).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_500_twice_then_success_is_one_post_after_backoff() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let busy = GuildId(78);
    let busy_ch = ChannelId(780);
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 5 * 60, &discord);
    p.set(GUILD, CH, "09:00", None);
    p.set(busy, busy_ch, "09:00", None);
    discord.fail(CH, 500, Some(2));
    discord.fail(busy_ch, 429, Some(1));
    p.recover();
    p.run_until(nine + HOUR).await;

    let attempts: Vec<(u64, Option<u16>)> = discord
        .attempts_in(CH)
        .iter()
        .map(|a| (a.at, a.status))
        .collect();
    assert_eq!(
        attempts,
        [(nine, Some(500)), (nine + 1, Some(500)), (nine + 3, None)],
        "1 s, then 2 s apart"
    );
    let posts = discord.posts_in(CH);
    assert_eq!(posts.len(), 1);
    p.assert_post(&posts[0], "2026-11-30");
    let row = p.stored_post(GUILD, "2026-11-30").expect("row");
    assert_eq!(row.message, Some(posts[0].message));
    assert_eq!(
        field(&p.status(GUILD), &p.d().status_last),
        UiText::fill(&p.d().status_last_value, &[("date", "2026-11-30")])
    );
    assert!(!has_field(&p.status(GUILD), &p.d().status_error));
    // A 429 is retried too.
    assert_eq!(discord.attempts_in(busy_ch).len(), 2);
    assert_eq!(discord.posts_in(busy_ch).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_long_outage_is_retried_in_bursts_and_the_post_goes_out_the_same_day() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 5 * 60, &discord);
    p.set(GUILD, CH, "09:00", None);
    discord.fail(CH, 500, None);
    p.recover();
    p.run_until(nine + HOUR).await;
    let attempts: Vec<u64> = discord.attempts_in(CH).iter().map(|a| a.at).collect();
    // Four tries with backoff, then a look-up and four more every ten minutes.
    assert_eq!(attempts[..4], [nine, nine + 1, nine + 3, nine + 7]);
    assert_eq!(
        attempts[4..8],
        [nine + 600, nine + 601, nine + 603, nine + 607]
    );
    assert!(attempts.len() <= 4 * 7, "bounded: {attempts:?}");
    discord.heal(CH);
    p.run_until(nine + 2 * HOUR).await;
    assert_eq!(
        markers(&discord.posts_in(CH)),
        ["2026-11-30"],
        "once, the same day"
    );
    p.run_until(nine + DAY + HOUR).await;
    assert_eq!(markers(&discord.posts_in(CH)), ["2026-11-30", "2026-12-01"]);
}

// ---- 9. crashes between claim, send and record ----------------------------------------------

/// The first run: set at 08:55, the tick claims at 09:00 and the process dies at `crash`.
fn crash_at_nine(path: &Path, discord: &Arc<Discord>, crash: Crash) {
    let nine = jst(2026, 11, 30, 9, 0);
    discord.crash_at(crash);
    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(path, nine - 5 * 60, discord);
        p.set(GUILD, CH, "09:00", None);
        p.recover();
        p.run_until(nine + 30).await;
        let row = p.stored_post(GUILD, "2026-11-30").expect("claimed");
        assert_eq!((row.sent_at, row.message), (None, None), "{row:?}");
        assert_eq!(discord.attempts_in(CH).len(), 1);
    });
    drop(rt); // SIGKILL
    discord.crash_at(Crash::No);
}

#[test]
fn a_crash_between_claim_and_send_posts_once_after_the_restart() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    crash_at_nine(&path, &discord, Crash::BeforeSend);
    assert!(discord.posts().is_empty(), "it never went out");

    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 11, 30, 9, 2), &discord);
        assert_eq!(
            field(&p.status(GUILD), &p.d().status_last),
            UiText::fill(&p.d().status_last_unsent, &[("date", "2026-11-30")])
        );
        let recovered = p.recover();
        assert!(
            recovered
                .iter()
                .any(|e| matches!(e, Effect::PostOnce { channel, .. } if *channel == CH)),
            "{recovered:#?}"
        );
        assert!(recovered.iter().any(|e| matches!(
            e,
            Effect::WakeAt {
                wake: Wake::DailyTick,
                ..
            }
        )));
        p.run_until(jst(2026, 11, 30, 12, 0)).await;
        let posts = discord.posts();
        assert_eq!(posts.len(), 1, "{posts:#?}");
        p.assert_post(&posts[0], "2026-11-30");
        let row = p.stored_post(GUILD, "2026-11-30").expect("row");
        assert_eq!(row.message, Some(posts[0].message));
        assert!(row.sent_at.is_some());
        assert_eq!(
            field(&p.status(GUILD), &p.d().status_last),
            UiText::fill(&p.d().status_last_value, &[("date", "2026-11-30")])
        );
    });
}

#[test]
fn a_crash_between_send_and_record_posts_nothing_more_and_records_the_message() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    crash_at_nine(&path, &discord, Crash::AfterSend);
    let sent = discord.posts();
    assert_eq!(sent.len(), 1, "Discord has it");

    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 11, 30, 9, 2), &discord);
        p.recover();
        p.run_until(jst(2026, 11, 30, 12, 0)).await;
        assert_eq!(discord.posts().len(), 1, "no second post");
        assert_eq!(discord.attempts_in(CH).len(), 1, "not even tried");
        let row = p.stored_post(GUILD, "2026-11-30").expect("row");
        assert_eq!(row.message, Some(sent[0].message), "the message was found");
        assert!(row.sent_at.is_some());
        assert_eq!(
            field(&p.status(GUILD), &p.d().status_last),
            UiText::fill(&p.d().status_last_value, &[("date", "2026-11-30")])
        );
        // The next day goes on as usual.
        p.run_until(jst(2026, 12, 1, 9, 30)).await;
        assert_eq!(markers(&discord.posts()), ["2026-11-30", "2026-12-01"]);
    });
}

#[test]
fn a_claim_left_unsent_yesterday_is_not_posted_today() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    crash_at_nine(&path, &discord, Crash::BeforeSend);

    // Back the next morning, before 09:00.
    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 12, 1, 8, 0), &discord);
        let unseen = p.stored_post(GUILD, "2026-11-30").expect("claimed").fact;
        p.recover();
        p.run_until(jst(2026, 12, 1, 12, 0)).await;
        let posts = discord.posts();
        assert_eq!(
            markers(&posts),
            ["2026-12-01"],
            "one post on December 1st, none for November 30th: {posts:#?}"
        );
        // Nobody saw November 30th's fact: it is December 1st's, not skipped.
        assert_eq!(p.assert_post(&posts[0], "2026-12-01").id, unseen);
    });
}

#[test]
fn a_post_released_at_a_clean_stop_goes_out_after_the_restart_with_the_same_fact() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    crash_at_nine(&path, &discord, Crash::BeforeSend);
    assert!(discord.posts().is_empty(), "it never went out");

    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 11, 30, 9, 1), &discord);
        let claimed = p.stored_post(GUILD, "2026-11-30").expect("claimed");
        // What a process does at SIGTERM with a post it claimed and never began to send.
        p.bot.release_unsent(&PostTag::Daily {
            guild: GUILD,
            date: "2026-11-30".into(),
            claim: claimed.claimed_at,
        });
        assert_eq!(p.stored_post(GUILD, "2026-11-30"), None, "released");
        p.recover();
        p.run_until(jst(2026, 12, 1, 12, 0)).await;
        let posts = discord.posts();
        assert_eq!(markers(&posts), ["2026-11-30", "2026-12-01"], "{posts:#?}");
        let first = p.assert_post(&posts[0], "2026-11-30");
        assert_eq!(
            first.id, claimed.fact,
            "the released fact, not the next one"
        );
        let second = p.assert_post(&posts[1], "2026-12-01");
        assert_ne!(second.id, first.id, "the deck moved on once");
    });
}

#[test]
fn another_bots_footer_with_the_date_does_not_count_as_our_post() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    crash_at_nine(&path, &discord, Crash::BeforeSend);
    // Another bot in the channel (a news bot) stamps its footers with the date.
    lock(&discord.posts).push(Posted {
        channel: CH,
        message: MessageId(1),
        reply: Reply::embed(Embed {
            title: "ニュース".into(),
            description: "本日のニュース".into(),
            fields: Vec::new(),
            footer: Some("配信 2026-11-30 09:01".into()),
            image: None,
        }),
        at: jst(2026, 11, 30, 9, 1),
    });

    let rt = paused_runtime();
    rt.block_on(async {
        let p = Process::start(&path, jst(2026, 11, 30, 9, 2), &discord);
        p.recover();
        p.run_until(jst(2026, 11, 30, 12, 0)).await;
        let ours: Vec<Posted> = discord
            .posts_in(CH)
            .into_iter()
            .filter(|x| x.message != MessageId(1))
            .collect();
        assert_eq!(ours.len(), 1, "our post never went out, so it is sent once");
    });
}

#[tokio::test(start_paused = true)]
async fn a_short_outage_at_post_time_still_posts_that_day() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 5 * 60, &discord);
    p.set(GUILD, CH, "09:00", None);
    // Four 500s: 09:00:00 to 09:00:07, about ten seconds of trouble.
    discord.fail(CH, 500, Some(4));
    p.recover();
    p.run_until(nine + 6 * HOUR).await;
    assert_eq!(
        markers(&discord.posts_in(CH)),
        ["2026-11-30"],
        "status: {:#?}",
        p.status(GUILD)
    );
}

#[tokio::test(start_paused = true)]
async fn off_stops_the_posts_and_set_resumes_them() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let nine = jst(2026, 11, 30, 9, 0);
    let p = Process::start(&path, nine - 5 * 60, &discord);
    let d = p.d().clone();
    p.set(GUILD, CH, "09:00", None);
    p.recover();
    p.run_until(nine + HOUR).await;
    let off = p.admin(GUILD, "off", &[]);
    assert!(off.effects.is_empty());
    assert_eq!(ephemeral_text(&off), d.off);
    let status = p.status(GUILD);
    assert_eq!(field(&status, &d.status_next), d.status_off);
    assert!(!has_field(&status, &d.status_error), "the admins' choice");
    p.run_until(nine + 2 * DAY + HOUR).await;
    assert_eq!(markers(&discord.posts_in(CH)), ["2026-11-30"]);
    p.set(GUILD, CH, "09:00", None);
    p.run_until(nine + 3 * DAY + HOUR).await;
    assert_eq!(markers(&discord.posts_in(CH)), ["2026-11-30", "2026-12-03"]);
}

// ---- 10. odd input -------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn odd_input_gets_a_short_japanese_answer_and_changes_nothing() {
    let (_dir, path) = temp_db();
    let discord = Discord::new();
    let p = Process::start(&path, jst(2026, 11, 30, 8, 0), &discord);
    let d = p.d().clone();
    let ch = CH.to_string();
    let check = |outcome: Outcome, expected: String| {
        assert!(outcome.effects.is_empty(), "{outcome:#?}");
        let text = ephemeral_text(&outcome);
        assert_eq!(text, expected);
        assert!(
            text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
            "Japanese: {text}"
        );
        assert!(text.chars().count() <= 200, "short: {text}");
    };
    let set = |options: &[(&str, &str)]| p.admin(GUILD, "set", options);

    // Before any set.
    check(p.admin(GUILD, "status", &[]), d.not_set.clone());
    check(p.admin(GUILD, "preview", &[]), d.not_set.clone());

    check(
        set(&[("チャンネル", &ch), ("時刻", "25:00")]),
        UiText::fill(&d.bad_time, &[("value", "25:00")]),
    );
    check(
        set(&[("チャンネル", &ch), ("時刻", "abc")]),
        UiText::fill(&d.bad_time, &[("value", "abc")]),
    );
    check(
        set(&[
            ("チャンネル", &ch),
            ("時刻", "09:00"),
            ("タイムゾーン", "Mars/Base"),
        ]),
        UiText::fill(&d.bad_zone, &[("value", "Mars/Base")]),
    );
    let options = [("チャンネル", ch.as_str()), ("時刻", "09:00")];
    check(
        p.run(&p.invocation(Some(GUILD), Some(MEMBER_PERMS), "set", &options)),
        p.ui().admin_only.clone(),
    );
    check(
        p.run(&p.invocation(Some(GUILD), None, "status", &[])),
        p.ui().admin_only.clone(),
    );
    check(
        p.run(&p.invocation(None, Some(MANAGE_GUILD), "set", &options)),
        p.ui().guild_only.clone(),
    );
    // The daily channel is where the command is used, and the bot may not post there.
    let mut inv = p.invocation(Some(GUILD), Some(MANAGE_GUILD), "set", &options);
    inv.channel_id = CH;
    inv.app_permissions = Some(0x400 | 0x4000);
    check(
        p.run(&inv),
        UiText::fill(&d.missing_permission, &[("permissions", &d.perm_send)]),
    );

    assert!(p.bot.store.daily(GUILD).expect("store").is_none());
    check(p.admin(GUILD, "status", &[]), d.not_set.clone());
    p.recover();
    p.run_until(jst(2026, 11, 30, 10, 0)).await;
    assert!(discord.posts().is_empty());
    assert!(lock(&discord.attempts).is_empty());
}
