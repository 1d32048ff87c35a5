//! Load through a fake Discord on 127.0.0.1, against serenity's own floor.
//!
//! `cargo bench --bench load` (`LOAD_INTERACTIONS=2000 cargo bench --bench load` for a
//! quick run). This process is the fake Discord (tests/support/fake_discord.rs) and the
//! load generator. Each side runs as its own child process with the real serenity client:
//!
//! - **floor**: this bench binary again (`SUMMIT_LOAD_ROLE=floor`), a minimal serenity bot
//!   whose handler answers every interaction with one constant embed (autocompletes with one
//!   constant choice) — serenity's own cost;
//! - **bot**: the real `summit-bot run` binary, on a fresh SQLite file: the one
//!   `cargo build --release` makes (the bench runs that command first), not the one
//!   `cargo bench` builds with the dev-dependencies' features; `LOAD_BOT=<path>` names
//!   another.
//!
//! Both get the same script: READY, 1,000 `/quiz start` in 1,000 channels (set-up, not
//! timed), a warm-up of 500, then `LOAD_INTERACTIONS` (default 20,000) interactions — /ask,
//! /summit, autocompletes, page buttons, quiz answers and the other commands, from many
//! users in many channels — with `LOAD_CONCURRENCY` (default 64) in flight. Latency is from
//! the moment the INTERACTION_CREATE is handed to the gateway to the moment its callback
//! reaches the fake; for a callback that defers (type 5 or 6), to the moment the request that
//! answers it reaches the fake (the edit of `@original`, or a followup for a private answer
//! or a button's new message), the deferred interaction staying in flight until then (the
//! count of deferrals is printed). Then every kind of interaction alone, `LOAD_PER_KIND` (default 1,000)
//! one at a time, for CPU per interaction by command. Last, the child's resident memory
//! (VmRSS, VmHWM) after the load (a side's unanswered quizzes may have been closed by their
//! timers by then), and start-up: spawn to the first request to Discord, and
//! `summit-bot check` (load + validation of the embedded dataset, no network) end to end.
//!
//! **Taking turns.** The sides are started (and set up) one after the other and then stay
//! up together, each with its own fake Discord and its own copy of the script. The mixed
//! load and each kind alone are cut into `LOAD_BLOCKS` (default 10) blocks of consecutive
//! interactions of the script (2,000 and 100 by default), and the sides take turns block by
//! block, the order reversed every other block (bot, floor; floor, bot; …), so a slow
//! minute of a shared machine falls on both. Every side runs the same interactions, the
//! same number of them, as without blocks. The floor is set up first, the bot last. A bot's
//! 1,000 quizzes time out together 60 s after their set-up, and every 60 s after (each
//! round's reveal and next question at once: no interaction's work; without the wait below
//! it lands in whichever phase runs then: in a run of 70 s on a busy machine, the last
//! kind, the quiz answer, with 2,000 posts and edits in the bot's blocks): a block that
//! would meet such a burst (its expected length: twice that side's last block, plus the
//! wait for quiet) waits until the burst has passed (one period at most), and the burst counts as that side's CPU outside its blocks. Before a
//! block, every side is also idle (less than 0.1 ms of CPU in 5 ms, waited for up to 3 s); the block's CPU runs from its first
//! interaction until its side is idle again after the last callback (what it does after a
//! callback, such as posting a round's next question, is its own). CPU is the child's own
//! accounting, per thread (`/proc/<pid>/task/<tid>/schedstat`, nanoseconds: the time the
//! kernel scales `/proc/<pid>/stat`'s utime + stime to, which are in 10 ms ticks, too coarse
//! for a block; the ticks are printed too). For each side against the floor: every figure
//! of all its blocks as one run (the single ratio, as before blocks), and the median and
//! range of the ratios of the block pairs of the same turn (p99, throughput and CPU of the
//! mixed load; CPU of each kind alone). Also printed: each side's CPU outside its own blocks
//! (the timers' bursts, from `/proc/<pid>/stat`, which keeps the CPU of ended threads) and
//! the time waited for them, what the other sides ran during a kind's blocks, the bot's
//! posts and edits in a kind's blocks (a round's reveal and next question), and blocks that
//! did not start or end idle. `LOAD_BLOCKS=1`: one block each.
//!
//! `LOAD_ROUNDS` (default 1) repeats the whole run with new children, for a shared machine.
//! For profiling: `LOAD_SIDES=bot` (or `floor`) runs one side, `LOAD_KINDS=/ask,/fact`
//! limits the one-at-a-time phase to those kinds, `LOAD_QUIZZES` sets the quizzes opened
//! (default 1,000, at least 100), and `LOAD_WRAPPER="valgrind --tool=callgrind"` starts the
//! child under that command (under callgrind, one profile per kind: its counters zeroed
//! before the kind's first block and dumped after its last) (the child's process group is killed at the end, the bot under
//! a wrapper included). CPU and memory are read from the process in the wrapper's group
//! whose executable is the program (the bot under `strace`), else from the wrapper itself
//! (`env` and `valgrind` become the program). `LOAD_SIDES=bot` prints the bot's CPU per kind
//! on its own. `LOAD_BASELINE=<path of another summit-bot binary>` (main's, say) runs that
//! build too, a third side in the turns (bot, floor, baseline; baseline, floor, bot; …),
//! and prints its figures and ratios beside the bot's: a before/after from the same run. `LOAD_SMAPS=1` copies the child's
//! `/proc/<pid>/smaps` after the load to `target/load-<side>.smaps`. `LOAD_KEEPALIVE=1` has
//! the fake keep HTTP connections open between requests, as Discord does (by default it
//! closes each, so both sides open a TCP connection for every answer).

#[path = "../tests/support/fake_discord.rs"]
#[allow(dead_code)]
mod fake_discord;

use fake_discord::{FakeDiscord, Recorded, APP_ID};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use summit_bot::commands::custom_id::ButtonId;
use summit_bot::commands::{pages_of, Bot};
use summit_bot::ids::UserId;
use summit_bot::knowledge::{Kind, Knowledge};

const TOKEN: &str = "MTAw.fake-token.load-bench";
const ROLE_VAR: &str = "SUMMIT_LOAD_ROLE";
/// Of the quizzes opened before the load, the channels whose questions get answers.
const ANSWERED_QUIZZES: usize = 100;
const GUILDS: u64 = 4;
const CHANNELS: u64 = 200;
const USERS: u64 = 5_000;
/// Member permissions: View Channel, Send Messages, Manage Server (for /daily).
const PERMS: &str = "3104";
/// Each question's time in the quizzes opened before the load (the most /quiz allows).
const QUIZ_SECONDS: u64 = 60;
/// Questions in each of those quizzes: their timers fire this many times, no more.
const QUIZ_QUESTIONS: u32 = 20;
/// A callback not seen within this is a failure of the run.
const STALL: Duration = Duration::from_secs(60);

/// Quizzes opened before the load (and still open when memory is read).
fn quizzes() -> usize {
    env_usize("LOAD_QUIZZES", 1_000).max(ANSWERED_QUIZZES)
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() {
    if std::env::var(ROLE_VAR).as_deref() == Ok("floor") {
        floor::run();
        return;
    }
    // `cargo bench` passes `--bench`; a filter that is not "load" skips this target.
    if let Some(filter) = std::env::args().skip(1).find(|a| !a.starts_with('-')) {
        if !"load".contains(filter.as_str()) {
            return;
        }
    }
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(driver());
}

/// serenity's floor: one constant embed for every interaction.
mod floor {
    use serenity::all::{
        ClientBuilder, Context, CreateAllowedMentions, CreateAutocompleteResponse, CreateEmbed,
        CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage,
        EventHandler, GatewayIntents, HttpBuilder, Interaction,
    };
    use serenity::async_trait;

    struct Floor;

    fn message() -> CreateInteractionResponseMessage {
        // About the size of a card the bot sends: a title, a paragraph, a footer.
        let embed = CreateEmbed::new()
            .colour(0x2B6CB0)
            .title("ヘルシンキ（フィンランド）2018年7月16日")
            .description("米露首脳会談。".repeat(40))
            .footer(CreateEmbedFooter::new(
                "出典: 公開記録（確認日 2025-08-20）",
            ));
        CreateInteractionResponseMessage::new()
            .embed(embed)
            .allowed_mentions(CreateAllowedMentions::new())
    }

    #[async_trait]
    impl EventHandler for Floor {
        async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
            let response = match &interaction {
                Interaction::Autocomplete(_) => CreateInteractionResponse::Autocomplete(
                    CreateAutocompleteResponse::new().add_string_choice("ヘルシンキ", "helsinki"),
                ),
                _ => CreateInteractionResponse::Message(message()),
            };
            let sent = match &interaction {
                Interaction::Command(i) | Interaction::Autocomplete(i) => {
                    i.create_response(&ctx.http, response).await
                }
                Interaction::Component(i) => i.create_response(&ctx.http, response).await,
                _ => Ok(()),
            };
            if let Err(e) = sent {
                tracing::error!(error = %e, "floor: could not answer");
            }
        }
    }

    /// Like the bot: a multi-threaded runtime, logs at info with serenity at warn, the
    /// fake's base URL with the rate limiter off, the GUILDS intent.
    pub fn run() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("info,serenity=warn"))
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .try_init();
        let token = std::env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN");
        let base = std::env::var("DISCORD_API_BASE").expect("DISCORD_API_BASE");
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            let http = HttpBuilder::new(token)
                .proxy(base)
                .ratelimiter_disabled(true)
                .build();
            let mut client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
                .event_handler(Floor)
                .await
                .expect("client");
            if let Err(e) = client.start_autosharded().await {
                eprintln!("floor: {e}");
            }
        });
    }
}

/// What an interaction of the load is, for per-kind figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum What {
    Ask,
    SummitMeeting,
    SummitTimeline,
    Topic,
    Reactions,
    Compare,
    Myth,
    People,
    Fact,
    Help,
    About,
    QuizLeaderboard,
    DailyStatus,
    DailySet,
    AutocompleteMeeting,
    AutocompleteAsk,
    PageButton,
    QuizAnswer,
}

impl What {
    fn label(self) -> &'static str {
        match self {
            What::Ask => "/ask",
            What::SummitMeeting => "/summit meeting",
            What::SummitTimeline => "/summit (timeline+chart)",
            What::Topic => "/topic",
            What::Reactions => "/reactions",
            What::Compare => "/compare",
            What::Myth => "/myth",
            What::People => "/people",
            What::Fact => "/fact",
            What::Help => "/help",
            What::About => "/about",
            What::QuizLeaderboard => "/quiz leaderboard",
            What::DailyStatus => "/daily status",
            What::DailySet => "/daily set #channel",
            What::AutocompleteMeeting => "autocomplete meeting",
            What::AutocompleteAsk => "autocomplete question",
            What::PageButton => "page button",
            What::QuizAnswer => "quiz answer",
        }
    }

    /// Every kind, for the one-at-a-time CPU figures.
    const ALL: [What; 18] = [
        What::Ask,
        What::SummitMeeting,
        What::SummitTimeline,
        What::Topic,
        What::Reactions,
        What::Compare,
        What::Myth,
        What::People,
        What::Fact,
        What::Help,
        What::About,
        What::QuizLeaderboard,
        What::DailyStatus,
        What::DailySet,
        What::AutocompleteMeeting,
        What::AutocompleteAsk,
        What::PageButton,
        What::QuizAnswer,
    ];

    /// The mixed load, one cycle of 20: mostly /ask, autocompletes, /summit, page buttons
    /// and quiz answers, and the other commands in turn.
    fn mixed(i: usize) -> What {
        const OTHERS: [What; 9] = [
            What::Topic,
            What::Reactions,
            What::Compare,
            What::Myth,
            What::People,
            What::Fact,
            What::Help,
            What::About,
            What::QuizLeaderboard,
        ];
        match i % 20 {
            0..=4 => What::Ask,
            5 | 6 => What::SummitMeeting,
            7 | 8 => What::AutocompleteMeeting,
            9 | 10 => What::AutocompleteAsk,
            11..=13 => What::PageButton,
            14..=17 => What::QuizAnswer,
            18 => OTHERS[(i / 20) % OTHERS.len()],
            // The timeline (with its PNG) once in 40; else another /ask.
            _ if (i / 20).is_multiple_of(2) => What::SummitTimeline,
            _ => What::Ask,
        }
    }
}

/// What the generator draws from: the dataset's names and the eval questions.
struct Material {
    questions: Vec<&'static str>,
    meetings: Vec<String>,
    topics: Vec<String>,
    reactions: Vec<String>,
    comparisons: Vec<String>,
    myths: Vec<String>,
    people: Vec<String>,
    /// (target, pages) of views with more than one page.
    paged: Vec<(String, usize)>,
}

impl Material {
    fn new() -> Material {
        let knowledge = Knowledge::embedded().expect("the embedded dataset loads");
        let ids = |kinds: &[Kind]| -> Vec<String> {
            knowledge
                .items()
                .filter(|i| kinds.contains(&i.kind()))
                .map(|i| i.id().to_string())
                .collect()
        };
        let meetings = ids(&[Kind::Meeting]);
        let topics = ids(&[Kind::Topic]);
        let reactions = ids(&[Kind::Reaction]);
        let comparisons = ids(&[Kind::Comparison, Kind::PastSummit]);
        let myths = ids(&[Kind::Myth]);
        let people = ids(&[Kind::Person]);
        let bot = Bot::new(knowledge);
        let mut targets: Vec<String> = bot.knowledge.items().map(|i| i.id().to_string()).collect();
        targets.extend(["about".to_string(), "help".to_string()]);
        let paged = targets
            .into_iter()
            .filter_map(|t| {
                let n = pages_of(&bot, &t)?.len();
                (n > 1).then_some((t, n))
            })
            .collect();
        let questions = include_str!("../tests/ask_eval.tsv")
            .lines()
            .chain(include_str!("../tests/ask_holdout.tsv").lines())
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.rsplit_once('\t').map(|(_, q)| q))
            .collect();
        Material {
            questions,
            meetings,
            topics,
            reactions,
            comparisons,
            myths,
            people,
            paged,
        }
    }
}

fn pick<T>(list: &[T], i: usize) -> &T {
    &list[i % list.len()]
}

/// Builds the interactions of the script.
struct Script {
    material: Material,
    next_id: u64,
    next_answerer: u64,
    /// Buttons of each quiz channel's current question (from the bot's posts).
    quiz_buttons: HashMap<u64, Vec<String>>,
    quiz_channels: Vec<u64>,
}

fn guild_of(channel: u64) -> u64 {
    930_000_000_000_000_000 + channel % GUILDS
}

fn channel_id(n: u64) -> u64 {
    940_000_000_000_000_000 + n
}

fn user_id(n: u64) -> u64 {
    950_000_000_000_000_000 + n
}

fn member(user: u64) -> Value {
    json!({
        "user": {"id": user.to_string(), "username": "tester", "discriminator": "0",
                 "global_name": null, "avatar": null},
        "roles": [], "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2025-01-01T00:00:00.000000+00:00", "permissions": PERMS
    })
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Script {
    fn new(material: Material) -> Script {
        Script {
            material,
            next_id: 0,
            next_answerer: 0,
            quiz_buttons: HashMap::new(),
            quiz_channels: (0..quizzes() as u64)
                .map(|n| channel_id(10_000 + n))
                .collect(),
        }
    }

    fn envelope(&mut self, kind: u8, channel: u64, user: u64, data: Value) -> (String, Value) {
        self.next_id += 1;
        let id = (980_000_000_000_000_000 + self.next_id).to_string();
        let v = json!({
            "id": id, "application_id": APP_ID, "type": kind, "token": format!("t{id}"),
            "version": 1, "channel_id": channel.to_string(),
            "guild_id": guild_of(channel).to_string(), "locale": "ja", "guild_locale": "ja",
            "entitlements": [], "attachment_size_limit": 26214400,
            "app_permissions": "2048", "member": member(user), "data": data
        });
        (id, v)
    }

    fn command(&mut self, channel: u64, user: u64, name: &str, options: Value) -> (String, Value) {
        let data = json!({"id": "960000000000000001", "name": name, "type": 1,
                          "options": options});
        self.envelope(2, channel, user, data)
    }

    fn string_option(name: &str, value: &str) -> Value {
        json!([{"name": name, "type": 3, "value": value}])
    }

    fn click(&mut self, channel: u64, user: u64, custom_id: &str) -> (String, Value) {
        let message = json!({
            "id": "910000000000000009", "channel_id": channel.to_string(),
            "author": {"id": fake_discord::BOT_USER_ID, "username": "summit-bot"},
            "content": "", "timestamp": "2026-11-26T00:00:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
            "components": [], "pinned": false, "type": 20
        });
        let (id, mut v) = self.envelope(
            3,
            channel,
            user,
            json!({"custom_id": custom_id, "component_type": 2}),
        );
        v["message"] = message;
        (id, v)
    }

    fn quiz_start(&mut self, n: usize) -> (String, Value) {
        let channel = self.quiz_channels[n];
        let options = json!([{"name": "start", "type": 1, "options": [
            {"name": "questions", "type": 4, "value": QUIZ_QUESTIONS},
            {"name": "seconds", "type": 4, "value": QUIZ_SECONDS}
        ]}]);
        self.command(channel, user_id(n as u64), "quiz", options)
    }

    /// Interaction `i` of kind `what`.
    fn make(&mut self, what: What, i: usize) -> (String, Value) {
        let channel = channel_id(i as u64 % CHANNELS);
        let user = user_id((i as u64).wrapping_mul(7919) % USERS);
        let m = &self.material;
        match what {
            What::Ask => {
                let q = pick(&m.questions, i).to_string();
                self.command(channel, user, "ask", Self::string_option("question", &q))
            }
            What::SummitMeeting => {
                let v = pick(&m.meetings, i).clone();
                self.command(channel, user, "summit", Self::string_option("meeting", &v))
            }
            What::SummitTimeline => self.command(channel, user, "summit", json!([])),
            What::Topic => {
                let v = pick(&m.topics, i).clone();
                self.command(channel, user, "topic", Self::string_option("name", &v))
            }
            What::Reactions => {
                let v = pick(&m.reactions, i).clone();
                self.command(channel, user, "reactions", Self::string_option("actor", &v))
            }
            What::Compare => {
                let v = pick(&m.comparisons, i).clone();
                self.command(channel, user, "compare", Self::string_option("target", &v))
            }
            What::Myth => {
                let v = pick(&m.myths, i).clone();
                self.command(channel, user, "myth", Self::string_option("item", &v))
            }
            What::People => {
                let v = pick(&m.people, i).clone();
                self.command(channel, user, "people", Self::string_option("person", &v))
            }
            What::Fact => self.command(channel, user, "fact", json!([])),
            What::Help => self.command(channel, user, "help", json!([])),
            What::About => self.command(channel, user, "about", json!([])),
            What::QuizLeaderboard => self.command(
                channel,
                user,
                "quiz",
                json!([{"name": "leaderboard", "type": 1, "options": []}]),
            ),
            What::DailyStatus => self.command(
                channel,
                user,
                "daily",
                json!([{"name": "status", "type": 1, "options": []}]),
            ),
            What::DailySet => self.command(
                channel,
                user,
                "daily",
                json!([{"name": "set", "type": 1, "options": [
                    {"name": "channel", "type": 7, "value": channel.to_string()}
                ]}]),
            ),
            What::AutocompleteMeeting | What::AutocompleteAsk => {
                let (option, source) = if what == What::AutocompleteMeeting {
                    ("meeting", pick(&m.meetings, i).clone())
                } else {
                    ("question", pick(&m.questions, i).to_string())
                };
                // What a user has typed so far: the first few characters.
                let partial: String = source.chars().take(1 + i % 4).collect();
                let command = if option == "meeting" { "summit" } else { "ask" };
                let data = json!({"id": "960000000000000001", "name": command, "type": 1,
                    "options": [{"name": option, "type": 3, "value": partial,
                                 "focused": true}]});
                self.envelope(4, channel, user, data)
            }
            What::PageButton => {
                let (target, pages) = pick(&m.paged, i).clone();
                let custom_id = ButtonId::Page {
                    target,
                    page: 1 + i % (pages - 1),
                    owner: UserId(user),
                    issued: now(),
                }
                .encode();
                self.click(channel, user, &custom_id)
            }
            What::QuizAnswer => {
                let quiz_channel = self.quiz_channels[i % ANSWERED_QUIZZES];
                // Each answer from a new member: every one is counted and written.
                self.next_answerer += 1;
                let answerer = user_id(USERS + self.next_answerer);
                let custom_id = match self.quiz_buttons.get(&quiz_channel) {
                    Some(buttons) if !buttons.is_empty() => pick(buttons, i).clone(),
                    // The floor posts no questions: a well-formed id all the same.
                    _ => ButtonId::QuizAnswer {
                        quiz: (i % ANSWERED_QUIZZES) as i64 + 1,
                        round: 0,
                        choice: (i % 4) as u8,
                    }
                    .encode(),
                };
                self.click(quiz_channel, answerer, &custom_id)
            }
        }
    }

    /// Notes a quiz question the bot posted (its answer buttons).
    fn saw(&mut self, r: &Recorded) {
        if r.method != "POST" || !r.path.ends_with("/messages") {
            return;
        }
        let Some(channel) = r.path.split('/').nth(4).and_then(|c| c.parse::<u64>().ok()) else {
            return;
        };
        let buttons: Vec<String> = r.body["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
            .filter(|id| id.contains(":qa:"))
            .collect();
        if !buttons.is_empty() {
            self.quiz_buttons.insert(channel, buttons);
        }
    }
}

/// The interaction id of a callback request.
fn callback_of(r: &Recorded) -> Option<&str> {
    if r.method != "POST" || !r.path.ends_with("/callback") {
        return None;
    }
    let mut parts = r.path.split('/');
    parts.find(|p| *p == "interactions")?;
    parts.next()
}

/// The interaction whose deferred answer a request gives: the edit that replaces the
/// deferral (`PATCH /webhooks/<app>/<token>/messages/@original`) or a followup (`POST
/// /webhooks/<app>/<token>`: a private answer, after the public deferral is deleted, or a
/// button's new message), the script's tokens being `t<id>`.
fn deferred_answer_of(r: &Recorded) -> Option<&str> {
    let path = r.path.split('?').next().unwrap_or_default();
    let mut parts = path.split('/');
    parts.find(|p| *p == "webhooks")?;
    let token = parts.nth(1)?.strip_prefix('t')?;
    let rest: Vec<&str> = parts.collect();
    let answers = match r.method.as_str() {
        "PATCH" => rest == ["messages", "@original"],
        "POST" => rest.is_empty(),
        _ => false,
    };
    answers.then_some(token)
}

/// Latencies of one kind (or of all).
#[derive(Default, Clone)]
struct Samples(Vec<Duration>);

impl Samples {
    fn percentile(&self, p: f64) -> Duration {
        let mut s = self.0.clone();
        s.sort();
        if s.is_empty() {
            return Duration::ZERO;
        }
        s[(((s.len() - 1) as f64) * p).round() as usize]
    }

    fn max(&self) -> Duration {
        self.0.iter().max().copied().unwrap_or_default()
    }
}

#[derive(Default)]
struct Batch {
    all: Samples,
    by_kind: BTreeMap<What, Samples>,
    elapsed: Duration,
    deferred: usize,
    /// Callback types seen (4 message, 7 update, 8 autocomplete, 5/6 deferred).
    types: BTreeMap<u64, usize>,
    /// Requests to Discord other than these callbacks (posts and edits: a round's reveal
    /// and next question, from an answer or a quiz's timer).
    other_requests: usize,
}

impl Batch {
    /// Blocks of one side as one run: their samples together, their times added.
    fn pooled<'a>(blocks: impl IntoIterator<Item = &'a Batch>) -> Batch {
        let mut all = Batch::default();
        for b in blocks {
            all.all.0.extend(&b.all.0);
            for (kind, s) in &b.by_kind {
                all.by_kind.entry(*kind).or_default().0.extend(&s.0);
            }
            all.elapsed += b.elapsed;
            all.deferred += b.deferred;
            for (ty, count) in &b.types {
                *all.types.entry(*ty).or_default() += count;
            }
            all.other_requests += b.other_requests;
        }
        all
    }
}

/// Sends `n` interactions (`what(i)` for `i` in `offset..offset + n`: a block of a longer
/// script), `concurrency` in flight, and waits for every callback.
async fn drive(
    fake: &mut FakeDiscord,
    script: &mut Script,
    offset: usize,
    n: usize,
    concurrency: usize,
    what: impl Fn(usize) -> What,
) -> Batch {
    let mut in_flight: HashMap<String, (Instant, What)> = HashMap::new();
    let mut awaiting_edit: HashSet<String> = HashSet::new();
    let mut batch = Batch::default();
    let started = Instant::now();
    let mut sent = 0;
    while batch.all.0.len() < n {
        while in_flight.len() < concurrency && sent < n {
            let kind = what(offset + sent);
            let (id, interaction) = script.make(kind, offset + sent);
            sent += 1;
            in_flight.insert(id, (Instant::now(), kind));
            fake.dispatch("INTERACTION_CREATE", interaction);
        }
        let Some(r) = fake.next_unlogged(STALL).await else {
            panic!(
                "no callback for {STALL:?}: {} of {n} answered, {} in flight",
                batch.all.0.len(),
                in_flight.len()
            );
        };
        script.saw(&r);
        // Other requests (timer posts) keep coming: a lost callback is one in flight too long.
        if let Some((t0, _)) = in_flight.values().find(|(t0, _)| t0.elapsed() > STALL) {
            panic!(
                "a callback missing for {:?}: {} of {n} answered, {} in flight",
                t0.elapsed(),
                batch.all.0.len(),
                in_flight.len()
            );
        }
        // A deferred callback (5/6) is not the answer: the interaction stays in flight until
        // the edit or followup that answers it, and its latency runs to that request.
        let id = match (callback_of(&r), deferred_answer_of(&r)) {
            (Some(id), _) if in_flight.contains_key(id) => {
                let ty = r.body["type"].as_u64().unwrap_or(0);
                *batch.types.entry(ty).or_default() += 1;
                if matches!(ty, 5 | 6) {
                    batch.deferred += 1;
                    awaiting_edit.insert(id.to_owned());
                    continue;
                }
                id
            }
            (None, Some(id)) if awaiting_edit.remove(id) => id,
            _ => {
                batch.other_requests += 1;
                continue;
            }
        };
        let (t0, kind) = in_flight.remove(id).expect("in flight: checked above");
        let latency = t0.elapsed();
        batch.all.0.push(latency);
        batch.by_kind.entry(kind).or_default().0.push(latency);
    }
    batch.elapsed = started.elapsed();
    batch
}

/// CPU seconds (user + system) the process has used, from /proc/<pid>/stat.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after ')'.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    ticks as f64 / clock_ticks() as f64
}

/// A process's CPU time per thread, from the scheduler's own accounting
/// (`/proc/<pid>/task/<tid>/schedstat`, first field: nanoseconds run): the time that
/// `/proc/<pid>/stat`'s utime + stime add up to (the kernel scales those ticks to it), at a
/// resolution that a block of 100 interactions can be measured with (utime and stime are
/// in 10 ms ticks). Both are kept.
#[derive(Clone, Default)]
struct CpuSample {
    threads: HashMap<u32, u64>,
    ticks: f64,
}

/// The CPU a process used between two samples.
#[derive(Clone, Copy, Default)]
struct Cpu {
    /// Seconds, from schedstat.
    seconds: f64,
    /// Seconds, from `/proc/<pid>/stat` (10 ms ticks): the old accounting.
    ticks: f64,
    /// Threads that ended in between: what they ran since the first sample is missing
    /// from `seconds` (not from `ticks`). Next to nothing in practice: tokio ends a
    /// blocking pool thread after 10 s idle.
    lost_threads: usize,
}

impl std::ops::AddAssign for Cpu {
    fn add_assign(&mut self, o: Cpu) {
        self.seconds += o.seconds;
        self.ticks += o.ticks;
        self.lost_threads += o.lost_threads;
    }
}

fn cpu_sample(pid: u32) -> CpuSample {
    let mut threads = HashMap::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let Some(tid) = task.file_name().to_str().and_then(|t| t.parse().ok()) else {
                continue;
            };
            let ran = std::fs::read_to_string(task.path().join("schedstat"))
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse().ok());
            if let Some(ran) = ran {
                threads.insert(tid, ran);
            }
        }
    }
    CpuSample {
        threads,
        ticks: cpu_seconds(pid),
    }
}

impl CpuSample {
    fn seconds(&self) -> f64 {
        self.threads.values().sum::<u64>() as f64 / 1e9
    }

    fn since(&self, before: &CpuSample) -> Cpu {
        let ran: u64 = self
            .threads
            .iter()
            .map(|(tid, &ns)| ns.saturating_sub(before.threads.get(tid).copied().unwrap_or(0)))
            .sum();
        Cpu {
            seconds: ran as f64 / 1e9,
            ticks: self.ticks - before.ticks,
            lost_threads: before
                .threads
                .keys()
                .filter(|t| !self.threads.contains_key(t))
                .count(),
        }
    }
}

/// A window over which a process counts as idle: it ran less than [`QUIET_CPU`] in it.
const QUIET_WINDOW: Duration = Duration::from_millis(5);
const QUIET_CPU: f64 = 0.000_1;
/// Past this, the next block starts anyway (and is marked as not started quiet).
const QUIET_MAX: Duration = Duration::from_secs(3);

/// Waits until none of `pids` runs (less than [`QUIET_CPU`] of CPU in [`QUIET_WINDOW`]);
/// `false` when one still ran after [`QUIET_MAX`].
async fn quiet(pids: &[u32]) -> bool {
    let start = Instant::now();
    let total = || {
        pids.iter()
            .map(|&p| cpu_sample(p).seconds())
            .collect::<Vec<f64>>()
    };
    let mut before = total();
    loop {
        tokio::time::sleep(QUIET_WINDOW).await;
        let now = total();
        if now.iter().zip(&before).all(|(a, b)| a - b < QUIET_CPU) {
            return true;
        }
        if start.elapsed() > QUIET_MAX {
            return false;
        }
        before = now;
    }
}

/// USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK` tells).
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// VmRSS and VmHWM in MiB, from /proc/<pid>/status.
fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kib("VmRSS:") / 1024.0, kib("VmHWM:") / 1024.0)
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Side {
    Floor,
    Bot,
    /// Another build of the bot (`LOAD_BASELINE=<path of a summit-bot binary>`, e.g. main's),
    /// run right after the bot in every round, for a before/after in the same run.
    Baseline,
}

/// The child in a process group of its own, killed as a group: under `LOAD_WRAPPER` the
/// bot may be the wrapper's child (strace, a shell), and killing the wrapper alone would
/// leave it running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        if !killed.is_ok_and(|s| s.success()) {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The bot under test: `LOAD_BOT` when set, else the binary `cargo build --release` makes,
/// brought up to date here (by that command: nothing to do when it is fresh).
///
/// Not the binary `cargo bench` builds for this bench (`CARGO_BIN_EXE_summit-bot`): that
/// one is built with the dev-dependencies' features (tokio's `test-util`, whose clock every
/// timer reads through a lock, among them), so it is neither the bot that ships nor built
/// as a `LOAD_BASELINE` from `cargo build --release` is. Both builds write
/// `target/release/summit-bot`; the build here runs after `cargo bench`'s, so the file is
/// the release one while the bench runs.
fn bot_binary() -> std::path::PathBuf {
    static BOT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BOT.get_or_init(|| {
        if let Some(bot) = std::env::var_os("LOAD_BOT") {
            return bot.into();
        }
        // Cargo names itself to what it runs; the bench binary started by hand falls back
        // to `cargo` on the PATH.
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        println!("bot: `cargo build --release --bin summit-bot` (the binary that ships)");
        let mut build = Command::new(cargo);
        build
            .args(["build", "--release", "--bin", "summit-bot"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        // What Cargo set for this bench (its package's name, version, manifest…) is not
        // the environment of a `cargo build --release` typed in a shell: a build script
        // that watches one of them (ring's watches CARGO_PKG_NAME and CARGO_MANIFEST_DIR)
        // would be run again, and everything above it rebuilt.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("CARGO_PKG_")
                || key.starts_with("CARGO_MANIFEST_")
                || [
                    "CARGO_CRATE_NAME",
                    "CARGO_BIN_NAME",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_TARGET_TMPDIR",
                    "CARGO_RUSTC_CURRENT_DIR",
                ]
                .contains(&key.as_ref())
            {
                build.env_remove(key.as_ref());
            }
        }
        let built = build.status().expect("cargo runs");
        assert!(built.success(), "cargo build --release failed");
        target_dir().join("release").join("summit-bot")
    })
    .clone()
}

/// One side's child, started and set up, between its blocks.
struct Live {
    side: Side,
    fake: FakeDiscord,
    script: Script,
    /// Killed (its process group) when dropped.
    _child: KillOnDrop,
    /// The measured process (the program, under a wrapper that stays its parent).
    pid: u32,
    /// Holds the side's SQLite file.
    _dir: tempfile::TempDir,
    startup: Duration,
    rss_ready: f64,
    /// CPU at the end of its warm-up, for what it ran outside its own blocks.
    cpu_ready: CpuSample,
    /// The fake Discord's and load generator's CPU (this process) during its blocks.
    driver_cpu: f64,
    /// From the first `/quiz start` to the last first question posted (the bot's side):
    /// its quizzes' timers fire [`QUIZ_SECONDS`] later, and again every round.
    quiz_setup: Option<(Instant, Instant)>,
}

/// Starts a side's child and sets it up, not timed: READY, the quizzes opened (their first
/// questions posted), a warm-up of the mix.
async fn start(side: Side, material: Material, n: usize, concurrency: usize) -> Live {
    let mut fake = FakeDiscord::start("/dev/null".into()).await;
    // `LOAD_KEEPALIVE=1`: HTTP connections kept open between requests, as Discord keeps
    // them (by default the fake closes each one, so both sides connect for every answer).
    fake.keep_alive(std::env::var_os("LOAD_KEEPALIVE").is_some_and(|v| v != "0"));
    let dir = tempfile::tempdir().expect("temp dir");
    let log = target_dir().join(format!("load-{side:?}.log").to_lowercase());
    let stderr = std::fs::File::create(&log).expect("log file");
    let program = match side {
        Side::Bot => bot_binary(),
        Side::Baseline => std::path::PathBuf::from(
            std::env::var_os("LOAD_BASELINE").expect("LOAD_BASELINE names a binary"),
        ),
        Side::Floor => std::env::current_exe().expect("this bench"),
    };
    let wrapper = std::env::var("LOAD_WRAPPER").unwrap_or_default();
    let mut words = wrapper.split_whitespace();
    let mut command = match words.next() {
        Some(w) => {
            let mut c = Command::new(w);
            c.args(words).arg(&program);
            c
        }
        None => Command::new(&program),
    };
    match side {
        Side::Bot | Side::Baseline => command.arg("run"),
        Side::Floor => command.env(ROLE_VAR, "floor"),
    };
    command
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &fake.api_base)
        .env("SUMMIT_DATABASE", dir.path().join("load.sqlite3"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env_remove("RUST_LOG")
        .env_remove("SUMMIT_RESPONSES")
        .env_remove("DISCORD_GUILD_ID")
        .env_remove("SHARDS")
        // `cargo bench` sets it for this bench (the toolchain's and target/'s library
        // folders); the children link only the system's libraries (ldd: libc, libm,
        // libgcc_s), so they start as from a shell, without the loader looking there first.
        .env_remove("LD_LIBRARY_PATH")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let spawned = Instant::now();
    let child = KillOnDrop(command.spawn().expect("start the child"));
    let wrapped = child.0.id();

    // Start-up: from spawn to the first request to Discord (the dataset loaded and checked,
    // the database open, the client built).
    let first = fake
        .next_unlogged(STALL)
        .await
        .expect("the child asks for the gateway");
    let startup = spawned.elapsed();
    // Under a wrapper that stays the parent (strace, a shell), CPU and memory are the
    // program's own, not the wrapper's.
    let pid = if wrapper.is_empty() {
        wrapped
    } else {
        measured_pid(wrapped, &program)
    };
    assert!(
        first.path.contains("/gateway"),
        "first request {}",
        first.path
    );
    fake.connection().await;
    fake.frame(2).await;
    fake.dispatch("READY", fake_discord::ready(&fake.ws_url, 0, 1));
    let mut script = Script::new(material);
    // Ready: one answered command (the bot has registered, drawn its chart, answered).
    drive(&mut fake, &mut script, 0, 1, 1, |_| What::Help).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_ready = memory_mib(pid).0;

    // Set-up, not timed: 1,000 quizzes opened, their first questions posted.
    let setup_started = Instant::now();
    let mut opened = 0;
    let mut in_flight: HashMap<String, ()> = HashMap::new();
    let mut sent = 0;
    while opened < quizzes() {
        while in_flight.len() < concurrency && sent < quizzes() {
            let (id, v) = script.quiz_start(sent);
            sent += 1;
            in_flight.insert(id, ());
            fake.dispatch("INTERACTION_CREATE", v);
        }
        let r = fake
            .next_unlogged(STALL)
            .await
            .expect("quiz start callbacks");
        script.saw(&r);
        if callback_of(&r)
            .and_then(|id| in_flight.remove(id))
            .is_some()
        {
            opened += 1;
        }
    }
    if side != Side::Floor {
        // Every quiz's first question is posted before the load starts.
        while script.quiz_buttons.len() < quizzes() {
            let r = fake
                .next_unlogged(STALL)
                .await
                .expect("quiz questions posted");
            script.saw(&r);
        }
    }
    let setup_posted = Instant::now();

    // A short warm-up of the mix (thread pools, caches), not counted.
    drive(
        &mut fake,
        &mut script,
        0,
        500.min(n),
        concurrency,
        What::mixed,
    )
    .await;
    Live {
        side,
        fake,
        script,
        _child: child,
        pid,
        _dir: dir,
        startup,
        rss_ready,
        cpu_ready: cpu_sample(pid),
        driver_cpu: 0.0,
        quiz_setup: (side != Side::Floor).then_some((setup_started, setup_posted)),
    }
}

/// One block of one side: interactions `offset..offset + n` of its script.
struct Block {
    batch: Batch,
    /// The side's CPU from the block's first interaction until it is idle again after the
    /// last callback (what it does after a callback, such as posting a round's next
    /// question, is its own).
    cpu: Cpu,
    /// What the other sides ran meanwhile (a quiz's timer, say): CPU this block's side may
    /// have had to share the machine with.
    others: f64,
    /// Whether every side was idle when it started and the side idle again at its end
    /// (within [`QUIET_MAX`]).
    quiet: bool,
    /// How long it waited for a burst of quiz timers to pass before it started.
    timers_waited: Duration,
}

/// When the quizzes opened in a side's set-up time out together (their questions were
/// posted within its set-up, each with [`QUIZ_SECONDS`]; the next round's questions are
/// posted at those reveals): for round `k` (1, 2, …), from a second before the first
/// deadline to 2 s + a second a round after the last (deadlines are in whole seconds, and
/// 1,000 reveals take a while).
fn timer_burst(setup: (Instant, Instant), k: u32) -> (Instant, Instant) {
    let period = Duration::from_secs(QUIZ_SECONDS) * k;
    (
        setup.0 + period - Duration::from_secs(1),
        setup.1 + period + Duration::from_secs(2 + u64::from(k)),
    )
}

/// Waits while a block of about `expected` starting now (after up to [`QUIET_MAX`] waiting
/// for quiet) would meet a burst of some side's quiz timers (every round's reveals and next
/// questions at once, which is no interaction's work): such a burst runs between blocks,
/// counted as that side's CPU outside its blocks. A block too long to fit between two
/// bursts waits one period at most and then runs anyway.
async fn wait_out_timers(lives: &[Live], expected: Duration) -> Duration {
    let start = Instant::now();
    loop {
        let now = Instant::now();
        if now - start >= Duration::from_secs(QUIZ_SECONDS) {
            return start.elapsed();
        }
        let until = lives
            .iter()
            .filter_map(|l| l.quiz_setup)
            .flat_map(|setup| (1..=QUIZ_QUESTIONS).map(move |k| timer_burst(setup, k)))
            .filter(|&(from, to)| now < to && now + QUIET_MAX + expected > from)
            .map(|(_, to)| to)
            .max();
        match until {
            Some(to) => tokio::time::sleep_until(to.into()).await,
            None => return start.elapsed(),
        }
    }
}

/// Runs one block of `lives[who]`, the others idle: waits until no side runs, then sends
/// the block, then waits until this side is idle again, and measures in between.
async fn block(
    lives: &mut [Live],
    who: usize,
    offset: usize,
    n: usize,
    concurrency: usize,
    expected: Duration,
    what: impl Fn(usize) -> What,
) -> Block {
    let pids: Vec<u32> = lives.iter().map(|l| l.pid).collect();
    let timers_waited = wait_out_timers(lives, expected).await;
    let started_quiet = quiet(&pids).await;
    // What the side sent to Discord since its last block (a burst of quiz timers) is not
    // this block's: read now (a question's new buttons noted), not counted in it.
    let live = &mut lives[who];
    while let Some(r) = live.fake.next_unlogged(Duration::ZERO).await {
        live.script.saw(&r);
    }
    let before: Vec<CpuSample> = pids.iter().map(|&p| cpu_sample(p)).collect();
    let own0 = cpu_seconds(std::process::id());
    let live = &mut lives[who];
    let batch = drive(
        &mut live.fake,
        &mut live.script,
        offset,
        n,
        concurrency,
        what,
    )
    .await;
    live.driver_cpu += cpu_seconds(std::process::id()) - own0;
    let ended_quiet = quiet(&[live.pid]).await;
    let after: Vec<CpuSample> = pids.iter().map(|&p| cpu_sample(p)).collect();
    let others = (0..pids.len())
        .filter(|&j| j != who)
        .map(|j| after[j].since(&before[j]).seconds)
        .sum();
    Block {
        batch,
        cpu: after[who].since(&before[who]),
        others,
        quiet: started_quiet && ended_quiet,
        timers_waited,
    }
}

/// `total` split into `blocks` nearly equal parts: (offset, count) of each.
fn split(total: usize, blocks: usize) -> Vec<(usize, usize)> {
    let blocks = blocks.clamp(1, total.max(1));
    let mut offset = 0;
    (0..blocks)
        .map(|k| {
            let count = total / blocks + usize::from(k < total % blocks);
            offset += count;
            (offset - count, count)
        })
        .collect()
}

/// The order of the sides in block `k`: as listed in even blocks, reversed in odd ones
/// (bot, floor; floor, bot; … — neither always first after the other's block).
fn order(k: usize, sides: usize) -> Vec<usize> {
    let mut o: Vec<usize> = (0..sides).collect();
    if k % 2 == 1 {
        o.reverse();
    }
    o
}

/// Every side's blocks of one round.
struct Run {
    side: Side,
    startup: Duration,
    rss_ready: f64,
    mixed: Vec<Block>,
    per_kind: Vec<(What, Vec<Block>)>,
    /// CPU outside its own blocks, after its warm-up (while the other sides ran, and in the
    /// waits for idle): a quiz's timers, say. The total is in 10 ms ticks.
    outside: f64,
    rss: (f64, f64),
}

impl Run {
    fn load(&self) -> Batch {
        Batch::pooled(self.mixed.iter().map(|b| &b.batch))
    }

    fn load_cpu(&self) -> Cpu {
        let mut c = Cpu::default();
        for b in &self.mixed {
            c += b.cpu;
        }
        c
    }

    /// CPU per interaction of each kind, all its blocks together, and the latency p50.
    fn kind_totals(&self) -> Vec<(What, f64, Duration)> {
        self.per_kind
            .iter()
            .map(|(what, blocks)| {
                let n: usize = blocks.iter().map(|b| b.batch.all.0.len()).sum();
                let cpu: f64 = blocks.iter().map(|b| b.cpu.seconds).sum();
                let p50 = Batch::pooled(blocks.iter().map(|b| &b.batch))
                    .all
                    .percentile(0.5);
                (*what, cpu / n.max(1) as f64, p50)
            })
            .collect()
    }
}

/// One round: every side started, then the mixed load and each kind alone in blocks, the
/// sides taking turns block by block; last, each side's memory.
async fn round(sides: &[Side], n: usize, concurrency: usize, per_kind: usize) -> Vec<Run> {
    let blocks = env_usize("LOAD_BLOCKS", 10).max(1);
    // The floor is set up first: a bot's quizzes time out 60 s after their set-up (each
    // question's timer), so the later it is set up, the more of the run comes before.
    let mut started = Vec::new();
    for &side in sides.iter().filter(|&&s| s == Side::Floor) {
        started.push(start(side, Material::new(), n, concurrency).await);
    }
    for &side in sides.iter().filter(|&&s| s != Side::Floor) {
        started.push(start(side, Material::new(), n, concurrency).await);
    }
    let mut lives = Vec::new();
    for side in sides {
        let at = started
            .iter()
            .position(|l| l.side == *side)
            .expect("started");
        lives.push(started.remove(at));
    }
    let mut mixed: Vec<Vec<Block>> = sides.iter().map(|_| Vec::new()).collect();
    // How long a side's block may take: twice its last one (a second for the first).
    let mut expected = vec![Duration::from_secs(1); lives.len()];
    for (k, (offset, count)) in split(n, blocks).into_iter().enumerate() {
        for who in order(k, lives.len()) {
            let b = block(
                &mut lives,
                who,
                offset,
                count,
                concurrency,
                expected[who],
                What::mixed,
            )
            .await;
            expected[who] = b.batch.elapsed * 2;
            mixed[who].push(b);
        }
    }
    for (live, m) in lives.iter().zip(&mixed) {
        println!(
            "{:?}: the fake Discord and load generator (this process) used {:.3} ms of CPU \
             per interaction",
            live.side,
            live.driver_cpu * 1000.0 / m.iter().map(|b| b.batch.all.0.len()).sum::<usize>() as f64
        );
    }

    let mut kinds: Vec<Vec<(What, Vec<Block>)>> = sides.iter().map(|_| Vec::new()).collect();
    let only = std::env::var("LOAD_KINDS").unwrap_or_default();
    // Under `LOAD_WRAPPER="valgrind --tool=callgrind"`, one profile per kind.
    let callgrind = std::env::var("LOAD_WRAPPER").is_ok_and(|w| w.contains("callgrind"));
    for what in What::ALL {
        if !only.is_empty() && !only.split(',').any(|k| k.trim() == what.label()) {
            continue;
        }
        if callgrind {
            for live in &lives {
                callgrind_control("-z", live.pid);
            }
        }
        let mut of_kind: Vec<Vec<Block>> = sides.iter().map(|_| Vec::new()).collect();
        let mut expected = vec![Duration::from_secs(1); lives.len()];
        for (k, (offset, count)) in split(per_kind, blocks).into_iter().enumerate() {
            for who in order(k, lives.len()) {
                let b = block(&mut lives, who, offset, count, 1, expected[who], |_| what).await;
                expected[who] = b.batch.elapsed * 2;
                of_kind[who].push(b);
            }
        }
        if callgrind {
            for live in &lives {
                callgrind_control("-d", live.pid);
            }
        }
        if std::env::var_os("LOAD_DEBUG").is_some() {
            for (live, b) in lives.iter().zip(&of_kind) {
                let all = Batch::pooled(b.iter().map(|b| &b.batch));
                println!(
                    "{:?} {} elapsed {:?} p50 {:?}",
                    live.side,
                    what.label(),
                    all.elapsed,
                    all.all.percentile(0.5)
                );
            }
        }
        for (k, b) in kinds.iter_mut().zip(of_kind) {
            k.push((what, b));
        }
    }

    let mut runs = Vec::new();
    for ((live, mixed), per_kind) in lives.into_iter().zip(mixed).zip(kinds) {
        let pid = live.pid;
        let side = live.side;
        let rss = memory_mib(pid);
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let threads = status
            .lines()
            .find(|l| l.starts_with("Threads:"))
            .unwrap_or_default();
        println!("{side:?}: {threads} after the load");
        // Where the resident memory is: the heap and stacks (anonymous) or the mapped binary
        // and libraries (file), from /proc/<pid>/status.
        let resident: Vec<&str> = status
            .lines()
            .filter(|l| l.starts_with("RssAnon:") || l.starts_with("RssFile:"))
            .map(|l| l.trim())
            .collect();
        println!("{side:?}: resident after the load: {}", resident.join(", "));
        // `LOAD_SMAPS=1`: every mapping's resident size, for finding where the memory is.
        if std::env::var_os("LOAD_SMAPS").is_some() {
            let to = target_dir().join(format!("load-{side:?}.smaps").to_lowercase());
            let _ = std::fs::copy(format!("/proc/{pid}/smaps"), &to);
            println!("{side:?}: mappings written to {}", to.display());
        }
        // From `/proc/<pid>/stat`: it keeps the CPU of threads that have ended (a blocking
        // pool thread ends after 10 s idle), which the threads' schedstat no longer show.
        let total = cpu_sample(pid).since(&live.cpu_ready).ticks;
        let own: f64 = mixed
            .iter()
            .chain(per_kind.iter().flat_map(|(_, b)| b))
            .map(|b| b.cpu.seconds)
            .sum();
        runs.push(Run {
            side,
            startup: live.startup,
            rss_ready: live.rss_ready,
            mixed,
            per_kind,
            outside: total - own,
            rss,
        });
        drop(live);
    }
    runs
}

/// The process running `program` in the wrapper's process group (the wrapper itself when
/// it became the program, as `env` does, or when none is found, as under valgrind).
fn measured_pid(wrapper: u32, program: &std::path::Path) -> u32 {
    let program = std::fs::canonicalize(program).unwrap_or_else(|_| program.to_path_buf());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return wrapper;
    };
    let mut found: Vec<u32> = entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The process group is the 3rd field after the command name.
            let group = stat
                .rsplit_once(')')
                .and_then(|(_, r)| r.split_whitespace().nth(2)?.parse::<u32>().ok());
            group == Some(wrapper)
                && std::fs::read_link(format!("/proc/{pid}/exe"))
                    .ok()
                    .as_deref()
                    == Some(program.as_path())
        })
        .collect();
    found.sort_unstable();
    found.first().copied().unwrap_or(wrapper)
}

/// Zeroes (`-z`) or dumps (`-d`) the counters of a child run under callgrind.
fn callgrind_control(what: &str, pid: u32) {
    let _ = Command::new("callgrind_control")
        .args([what, &pid.to_string()])
        .stdout(Stdio::null())
        .status();
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn report(run: &Run, n: usize) {
    let l = run.load();
    let cpu = run.load_cpu();
    let blocks: Vec<&Block> = run
        .mixed
        .iter()
        .chain(run.per_kind.iter().flat_map(|(_, b)| b))
        .collect();
    println!(
        "{:?}: {n} interactions in {} blocks, {:.2} s = {:.0}/s; latency p50 {}, p99 {}, max {}; \
         CPU {:.3} s = {:.3} ms/interaction (stat ticks {:.2} s); deferred {}; callback types \
         {:?}; other requests to Discord {}; start-up to first request {}; VmRSS at ready \
         {:.1} MiB; after the load: VmRSS {:.1} MiB, VmHWM {:.1} MiB",
        run.side,
        run.mixed.len(),
        l.elapsed.as_secs_f64(),
        n as f64 / l.elapsed.as_secs_f64(),
        ms(l.all.percentile(0.5)),
        ms(l.all.percentile(0.99)),
        ms(l.all.max()),
        cpu.seconds,
        cpu.seconds * 1000.0 / n as f64,
        cpu.ticks,
        l.deferred,
        l.types,
        l.other_requests,
        ms(run.startup),
        run.rss_ready,
        run.rss.0,
        run.rss.1,
    );
    println!(
        "{:?}: CPU outside its own blocks {:.1} ms (while the others ran, in the waits for \
         idle and for quiz timers: {:.1} s before its blocks); blocks not started or ended \
         idle: {} of {}; threads ended inside a block: {}",
        run.side,
        run.outside * 1000.0,
        blocks
            .iter()
            .map(|b| b.timers_waited.as_secs_f64())
            .sum::<f64>(),
        blocks.iter().filter(|b| !b.quiet).count(),
        blocks.len(),
        blocks.iter().map(|b| b.cpu.lost_threads).sum::<usize>(),
    );
    if run.side != Side::Floor {
        for (what, s) in &l.by_kind {
            println!(
                "    {:<26} {:>6}  p50 {:>9}  p99 {:>9}  max {:>9}",
                what.label(),
                s.0.len(),
                ms(s.percentile(0.5)),
                ms(s.percentile(0.99)),
                ms(s.max())
            );
        }
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// "1.10x [0.95–1.30]": the median of per-block ratios and their range.
fn spread(v: &[f64]) -> String {
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{:.2}x [{min:.2}–{max:.2}]", median(v))
}

/// Ratios of one side to the floor: each of the same round's block pairs, and the blocks
/// pooled as one run (the old single ratio).
#[derive(Default)]
struct Ratios {
    p99: Vec<f64>,
    throughput: Vec<f64>,
    cpu: Vec<f64>,
    pooled_p99: Vec<f64>,
    pooled_throughput: Vec<f64>,
    pooled_cpu: Vec<f64>,
    /// Per kind: the block pairs' CPU ratios, and the pooled ratio of each round.
    kinds: BTreeMap<What, (Vec<f64>, Vec<f64>)>,
}

fn throughput(b: &Batch) -> f64 {
    b.all.0.len() as f64 / b.elapsed.as_secs_f64()
}

/// Prints `run` against the floor of the same round and adds its ratios to `ratios`.
fn compare(run: &Run, floor: &Run, n: usize, per_kind: usize, ratios: &mut Ratios) {
    let (bl, fl) = (run.load(), floor.load());
    let p99 = |b: &Batch| b.all.percentile(0.99).as_secs_f64();
    let pooled = (
        p99(&bl) / p99(&fl),
        throughput(&bl) / throughput(&fl),
        run.load_cpu().seconds / floor.load_cpu().seconds,
    );
    ratios.pooled_p99.push(pooled.0);
    ratios.pooled_throughput.push(pooled.1);
    ratios.pooled_cpu.push(pooled.2);
    let mut pairs = Ratios::default();
    for (b, f) in run.mixed.iter().zip(&floor.mixed) {
        pairs.p99.push(p99(&b.batch) / p99(&f.batch));
        pairs
            .throughput
            .push(throughput(&b.batch) / throughput(&f.batch));
        pairs.cpu.push(b.cpu.seconds / f.cpu.seconds);
    }
    println!(
        "{:?} against the floor of the same round, the mixed load ({n} in {} blocks each, \
         taking turns):",
        run.side,
        run.mixed.len()
    );
    println!(
        "    all blocks as one run (the single ratio): p99 {:.2}x (target <= 1.2), throughput \
         {:.2}x (target >= 0.8), p50 {:.2}x, CPU per interaction {:.2}x (stat ticks {:.2}x)",
        pooled.0,
        pooled.1,
        bl.all.percentile(0.5).as_secs_f64() / fl.all.percentile(0.5).as_secs_f64(),
        pooled.2,
        run.load_cpu().ticks / floor.load_cpu().ticks,
    );
    println!(
        "    block by block, median [min–max] of {} ratios: p99 {}, throughput {}, CPU {}",
        pairs.cpu.len(),
        spread(&pairs.p99),
        spread(&pairs.throughput),
        spread(&pairs.cpu)
    );
    ratios.p99.extend(pairs.p99);
    ratios.throughput.extend(pairs.throughput);
    ratios.cpu.extend(pairs.cpu);
    println!(
        "CPU per interaction, each kind alone ({per_kind} one at a time, in blocks taking \
         turns): all blocks as one run; block by block, median [min–max]; what the other \
         sides ran during both sides' blocks; the bot's posts and edits in its blocks (a \
         round's reveal and next question: from an answer or a quiz's timer)"
    );
    let kinds = run.kind_totals();
    let floor_kinds = floor.kind_totals();
    for (((what, blocks), (_, floor_blocks)), ((_, b, bl), (_, f, fl))) in run
        .per_kind
        .iter()
        .zip(&floor.per_kind)
        .zip(kinds.iter().zip(&floor_kinds))
    {
        let each: Vec<f64> = blocks
            .iter()
            .zip(floor_blocks)
            .map(|(b, f)| b.cpu.seconds / f.cpu.seconds)
            .collect();
        let others: f64 = blocks.iter().chain(floor_blocks).map(|b| b.others).sum();
        let requests: usize = blocks.iter().map(|b| b.batch.other_requests).sum();
        println!(
            "    {:<26} bot {:.3} ms  floor {:.3} ms  {:.2}x   blocks {}   others {:.1} ms   \
             posts/edits {requests}   latency p50 bot {} floor {}",
            what.label(),
            b * 1000.0,
            f * 1000.0,
            b / f,
            spread(&each),
            others * 1000.0,
            ms(*bl),
            ms(*fl)
        );
        let entry = ratios.kinds.entry(*what).or_default();
        entry.0.extend(each);
        entry.1.push(b / f);
    }
}

/// `summit-bot check` end to end: process start, dataset load and every check, exit.
fn check_timing() -> (Duration, Duration) {
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let status = Command::new(bot_binary())
            .arg("check")
            .env_remove("SUMMIT_RESPONSES")
            .stdout(Stdio::null())
            .status()
            .expect("summit-bot check");
        assert!(status.success());
        times.push(t.elapsed());
    }
    times.sort();
    (times[0], times[times.len() / 2])
}

async fn driver() {
    let n = env_usize("LOAD_INTERACTIONS", 20_000);
    let concurrency = env_usize("LOAD_CONCURRENCY", 64).max(1);
    let per_kind = env_usize("LOAD_PER_KIND", 1_000).max(1);
    let rounds = env_usize("LOAD_ROUNDS", 1).max(1);
    println!(
        "load: {n} mixed interactions, {concurrency} in flight; {per_kind} of each kind alone; \
         {} blocks per phase, the sides taking turns; {} quizzes open; {rounds} round(s); {} \
         cores",
        env_usize("LOAD_BLOCKS", 10).max(1),
        quizzes(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let (fastest, median) = check_timing();
    println!(
        "start-up: `summit-bot check` (load + validate the embedded dataset, build the bot) \
         fastest {}, median {} of 20",
        ms(fastest),
        ms(median)
    );
    let chosen = std::env::var("LOAD_SIDES").unwrap_or_else(|_| "floor,bot".into());
    let mut sides = Vec::new();
    if chosen.contains("bot") {
        sides.push(Side::Bot);
    }
    if chosen.contains("floor") {
        sides.push(Side::Floor);
    }
    if std::env::var_os("LOAD_BASELINE").is_some() {
        sides.push(Side::Baseline);
    }
    let mut ratios: BTreeMap<Side, Ratios> = BTreeMap::new();
    for _ in 0..rounds {
        let runs = round(&sides, n, concurrency, per_kind).await;
        for run in &runs {
            report(run, n);
        }
        let floor = runs.iter().find(|r| r.side == Side::Floor);
        for run in &runs {
            match floor {
                Some(floor) if run.side != Side::Floor => {
                    compare(run, floor, n, per_kind, ratios.entry(run.side).or_default())
                }
                Some(_) => {}
                // One side alone (`LOAD_SIDES=bot`): its CPU per kind, with nothing to
                // divide by.
                None => {
                    println!(
                        "{:?}: CPU per interaction, each kind alone ({per_kind} one at a time):",
                        run.side
                    );
                    for (what, cpu, latency) in run.kind_totals() {
                        println!(
                            "    {:<26} {:.3} ms   latency p50 {}",
                            what.label(),
                            cpu * 1000.0,
                            ms(latency)
                        );
                    }
                }
            }
        }
    }
    if rounds > 1 {
        for (side, r) in &ratios {
            println!(
                "over {rounds} rounds, {side:?}/floor: the mixed load block by block, median \
                 [min–max] of {} ratios: p99 {}, throughput {}, CPU {}; all blocks of a round \
                 as one run, median [min–max] of {rounds}: p99 {}, throughput {}, CPU {}",
                r.cpu.len(),
                spread(&r.p99),
                spread(&r.throughput),
                spread(&r.cpu),
                spread(&r.pooled_p99),
                spread(&r.pooled_throughput),
                spread(&r.pooled_cpu),
            );
            for (what, (each, pooled)) in &r.kinds {
                println!(
                    "    {:<26} blocks {}   rounds {}",
                    what.label(),
                    spread(each),
                    spread(pooled)
                );
            }
        }
    }
}
