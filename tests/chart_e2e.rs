//! The timeline chart through Discord: the real serenity client of the bot against a fake
//! Discord on 127.0.0.1. `/summit` without a meeting answers as multipart/form-data: the
//! JSON in `payload_json` (recorded as the body, so `validate.py` checks it), the PNG in
//! `files[0]`. Every request is appended to `target/discord-capture-chart.jsonl`.

#[path = "support/fake_discord.rs"]
#[allow(dead_code)] // shared with discord_e2e.rs, which uses the rest
mod fake_discord;

use fake_discord::{checked, FakeDiscord, Recorded, APP_ID};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use summit_bot::commands::custom_id::ButtonId;
use summit_bot::commands::Bot;
use summit_bot::config::Config;
use summit_bot::ids::UserId;
use summit_bot::knowledge::Source;
use summit_bot::store::{SqliteStore, Store};

const TOKEN: &str = "MTAw.fake-token.chart-secret-do-not-log";
const GUILD: &str = "930000000000000001";
const CHANNEL: &str = "940000000000000003";
const USER: &str = "950000000000000021";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// What the issue aims for; Discord's own limit is far above (8 MB at the least).
const PNG_BUDGET: usize = 200 * 1024;

/// The capture every test of this file appends to, emptied once per run.
fn capture() -> PathBuf {
    static EMPTIED: std::sync::Once = std::sync::Once::new();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture-chart.jsonl");
    EMPTIED.call_once(|| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("capture folder");
        }
        std::fs::write(&path, "").expect("truncate the capture");
    });
    path
}

fn member() -> Value {
    json!({
        "user": {"id": USER, "username": "chartfan", "discriminator": "0",
                 "global_name": null, "avatar": null},
        "roles": [], "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2025-01-01T00:00:00.000000+00:00", "permissions": "3072"
    })
}

fn summit(id: &str, options: Value) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 2, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": CHANNEL, "guild_id": GUILD, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": "2048", "member": member(),
        "data": {"id": "960000000000000001", "name": "summit", "type": 1, "options": options}
    }))
}

fn click(id: &str, custom_id: &str) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 3, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": CHANNEL, "guild_id": GUILD, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": "2048", "member": member(),
        "data": {"custom_id": custom_id, "component_type": 2},
        "message": {
            "id": "910000000000000077", "channel_id": CHANNEL,
            "author": {"id": fake_discord::BOT_USER_ID, "username": "summit-bot"},
            "content": "", "timestamp": "2026-11-26T00:00:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": [], "mention_roles": [],
            "attachments": [{"id": "980000000000000001", "filename": "timeline.png",
                "size": 1000, "url": "https://cdn.example/timeline.png",
                "proxy_url": "https://media.example/timeline.png"}],
            "embeds": [], "components": [], "pinned": false, "type": 0
        }
    }))
}

/// The bot, connected to a fresh fake Discord and past registration.
struct Harness {
    fake: FakeDiscord,
    bot: Arc<Bot>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    run: Option<tokio::task::JoinHandle<Result<(), summit_bot::discord::DiscordError>>>,
}

impl Harness {
    async fn start() -> Harness {
        std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
        let mut fake = FakeDiscord::start(capture()).await;
        let store = SqliteStore::memory().expect("an in-memory store");
        let bot = Arc::new(
            summit_bot::check::load(&Source::Embedded, Arc::new(store) as Arc<dyn Store>)
                .expect("the real dataset loads"),
        );
        let (stop, run) = fake_discord::spawn_bot(config(&fake), &bot);
        fake.ready_as_only_shard().await;
        fake.request("registration", |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await;
        Harness {
            fake,
            bot,
            stop: Some(stop),
            run: Some(run),
        }
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(run) = self.run.take() {
            let result = tokio::time::timeout(Duration::from_secs(10), run)
                .await
                .expect("the bot stops")
                .expect("no panic");
            assert!(result.is_ok(), "{result:?}");
        }
    }
}

/// A callback that carries the chart: multipart, the embed shows `files[0]`, a real PNG.
#[track_caller]
fn assert_carries_the_chart(r: &Recorded, bot: &Bot, kind: u64) {
    assert!(
        r.content_type.starts_with("multipart/form-data"),
        "{}",
        r.content_type
    );
    assert_eq!(r.body["type"], kind, "{}", r.body);
    let data = &r.body["data"];
    assert_eq!(data["allowed_mentions"]["parse"], json!([]), "{data}");
    assert_eq!(
        data["embeds"][0]["image"]["url"],
        "attachment://timeline.png"
    );
    let listed = &data["attachments"][0];
    assert_eq!(listed["filename"], "timeline.png", "{data}");
    // Attachment ids are snowflake strings in Discord's spec: the upload's index as "0".
    assert_eq!(listed["id"], "0", "{data}");
    let alt = listed["description"].as_str().unwrap_or_default();
    assert!(alt.contains(&bot.knowledge.chart.title), "{alt}");

    assert_eq!(r.files.len(), 1, "{:?}", r.files);
    let png = &r.files[0];
    assert_eq!(
        (png.name.as_str(), png.filename.as_str()),
        ("files[0]", "timeline.png")
    );
    assert!(png.bytes.starts_with(PNG_SIGNATURE), "not a PNG");
    assert!(png.bytes.len() < PNG_BUDGET, "{} bytes", png.bytes.len());
    let chart = bot.timeline_chart().expect("the chart draws");
    assert_eq!(png.bytes, &chart.bytes[..], "the bytes the bot drew");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_goes_out_with_its_chart_as_multipart() {
    let mut h = Harness::start().await;
    h.fake.dispatch(
        "INTERACTION_CREATE",
        summit("971000000000000101", json!([])),
    );
    let r = h.fake.callback("971000000000000101").await;
    assert_carries_the_chart(&r, &h.bot, 4);
    assert_eq!(
        r.body["data"]["embeds"][0]["title"],
        h.bot.knowledge.ui.timeline_title.as_str()
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_button_of_the_timeline_updates_with_the_chart() {
    let mut h = Harness::start().await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let page = ButtonId::Page {
        target: "timeline".into(),
        page: 0,
        owner: UserId(USER.parse().expect("user id")),
        issued: now,
    }
    .encode();
    h.fake
        .dispatch("INTERACTION_CREATE", click("971000000000000102", &page));
    let r = h.fake.callback("971000000000000102").await;
    // The update re-sends the file; its attachments list replaces the old one.
    assert_carries_the_chart(&r, &h.bot, 7);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_meeting_goes_out_as_plain_json() {
    let mut h = Harness::start().await;
    let options = json!([{"name": "meeting", "type": 3, "value": "ヘルシンキ"}]);
    h.fake
        .dispatch("INTERACTION_CREATE", summit("971000000000000103", options));
    let r = h.fake.callback("971000000000000103").await;
    assert!(
        r.content_type.starts_with("application/json"),
        "{}",
        r.content_type
    );
    assert!(r.files.is_empty());
    assert!(
        r.body["data"]["embeds"][0].get("image").is_none(),
        "{}",
        r.body
    );
    h.stop().await;
}

fn config(fake: &FakeDiscord) -> Config {
    fake_discord::bot_config(&fake.api_base, TOKEN, &[("DISCORD_DEFER_AFTER_MS", "2000")])
}
