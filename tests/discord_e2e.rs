//! End to end: the real serenity client of the bot against a fake Discord on 127.0.0.1.
//!
//! One test, in phases, because the bot is one process talking to one Discord:
//! 1. handshake, registration, every kind of interaction, a resume after close 4000,
//!    a callback answered with 500, then a clean shutdown (`run_until` returns `Ok`);
//! 2. a shard range (`SHARDS=1-1`, `SHARD_COUNT=2`) with guild registration, ended by
//!    close 4004 (`run_until` returns `InvalidToken`);
//! 3. the binary with a refused token (HTTP 401): the bilingual message and exit code 3.
//!
//! The fake appends every request to `DISCORD_CAPTURE` (default
//! `target/discord-capture.jsonl`), which CI checks with `../shared/discord/validate.py`.

#[path = "support/bot_process.rs"]
#[allow(dead_code)] // shared with daily_e2e.rs and faults_e2e.rs, which use the rest
mod bot_process;
#[path = "support/fake_discord.rs"]
mod fake_discord;

use bot_process::KillOnDrop;
use fake_discord::{checked, FakeDiscord, Recorded, APP_ID, WAIT};
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use summit_bot::commands::{find_command, Bot, COMMANDS};
use summit_bot::config::Config;
use summit_bot::discord::DiscordError;
use summit_bot::knowledge::Knowledge;

const TOKEN: &str = "MTAw.fake-token.e2e-secret-do-not-log";
const GUILD: &str = "930000000000000001";
const CHANNEL: &str = "940000000000000001";
const USER: &str = "950000000000000001";
const OTHER_USER: &str = "950000000000000002";
/// A member without Manage Server (only View Channels / Send Messages).
const MEMBER_PERMS: &str = "3072";

/// Log lines, kept to check what was logged (and that the token never was).
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("logs").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("logs")).to_string()
    }
}

fn member(user: &str, permissions: &str) -> Value {
    json!({
        "user": {"id": user, "username": "tester", "discriminator": "0", "global_name": null,
                 "avatar": null},
        "roles": [], "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2025-01-01T00:00:00.000000+00:00", "permissions": permissions
    })
}

fn interaction(id: &str, kind: u8, data: Value, user: &str, permissions: &str) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": kind, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": CHANNEL, "guild_id": GUILD, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": "2048", "member": member(user, permissions), "data": data
    }))
}

/// A command sent in a direct message: a `user`, no `member`, no `guild_id`.
fn command_in_dm(id: &str, name: &str) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 2, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": CHANNEL, "locale": "ja", "entitlements": [],
        "attachment_size_limit": 26214400, "app_permissions": "2048",
        "user": {"id": USER, "username": "tester", "discriminator": "0", "global_name": null,
                 "avatar": null},
        "data": {"id": "960000000000000001", "name": name, "type": 1, "options": []}
    }))
}

fn command(id: &str, name: &str, options: &[(&str, &str)]) -> Value {
    command_as(id, name, options, USER, MEMBER_PERMS)
}

fn command_as(id: &str, name: &str, options: &[(&str, &str)], user: &str, perms: &str) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(n, v)| json!({"name": n, "type": 3, "value": v}))
        .collect();
    let data = json!({"id": "960000000000000001", "name": name, "type": 1, "options": options});
    interaction(id, 2, data, user, perms)
}

fn autocomplete(id: &str, name: &str, option: &str, partial: &str) -> Value {
    let data = json!({"id": "960000000000000001", "name": name, "type": 1, "options":
        [{"name": option, "type": 3, "value": partial, "focused": true}]});
    interaction(id, 4, data, USER, MEMBER_PERMS)
}

fn click(id: &str, custom_id: &str, user: &str) -> Value {
    let mut v = json!({
        "id": id, "application_id": APP_ID, "type": 3, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": CHANNEL, "guild_id": GUILD, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": "2048", "member": member(user, MEMBER_PERMS),
        "data": {"custom_id": custom_id, "component_type": 2},
        "message": {
            "id": "910000000000000009", "channel_id": CHANNEL,
            "author": {"id": fake_discord::BOT_USER_ID, "username": "summit-bot"},
            "content": "", "timestamp": "2026-11-26T00:00:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
            "components": [], "pinned": false, "type": 20
        }
    });
    v = checked(v);
    v
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn is_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// What every message answer must satisfy; returns the callback's `data`.
#[track_caller]
fn message_data(r: &Recorded, kind: u64) -> Value {
    assert_eq!(r.body["type"], kind, "callback type: {}", r.body);
    let data = r.body["data"].clone();
    assert_eq!(
        data["allowed_mentions"]["parse"],
        json!([]),
        "allowed_mentions must be empty: {data}"
    );
    for key in ["users", "roles"] {
        let list = &data["allowed_mentions"][key];
        assert!(list.is_null() || list == &json!([]), "{data}");
    }
    let embeds = data["embeds"].as_array().cloned().unwrap_or_default();
    assert!(embeds.len() <= 10);
    let mut total = 0;
    for e in &embeds {
        assert!(chars(&e["title"]) <= 256);
        assert!(chars(&e["description"]) <= 4096);
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        assert!(fields.len() <= 25);
        for f in &fields {
            assert!(chars(&f["name"]) <= 256 && chars(&f["value"]) <= 1024);
            total += chars(&f["name"]) + chars(&f["value"]);
        }
        assert!(chars(&e["footer"]["text"]) <= 2048);
        total += chars(&e["title"]) + chars(&e["description"]) + chars(&e["footer"]["text"]);
    }
    assert!(total <= 6000, "embed total {total}");
    assert!(chars(&data["content"]) <= 2000);
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() <= 5);
    for row in &rows {
        for b in row["components"].as_array().into_iter().flatten() {
            assert!(chars(&b["custom_id"]) <= 100);
        }
    }
    data
}

fn is_ephemeral(data: &Value) -> bool {
    data["flags"].as_u64().unwrap_or(0) & 64 != 0
}

/// A public answer with at least one embed written in Japanese.
#[track_caller]
fn public_embed(r: &Recorded) -> Value {
    let data = message_data(r, 4);
    assert!(!is_ephemeral(&data), "should be public: {data}");
    let embed = &data["embeds"][0];
    let text = format!("{}{}", embed["title"], embed["description"]);
    assert!(is_japanese(&text), "embed not in Japanese: {embed}");
    data
}

/// A short ephemeral Japanese message; returns its text.
#[track_caller]
fn ephemeral_text(r: &Recorded) -> String {
    let data = message_data(r, 4);
    assert!(is_ephemeral(&data), "should be ephemeral: {data}");
    let text = data["content"].as_str().unwrap_or_default().to_string();
    assert!(is_japanese(&text), "not Japanese: {text}");
    text
}

fn first_button(data: &Value) -> Option<String> {
    data["components"][0]["components"]
        .as_array()?
        .iter()
        .find(|b| b["disabled"] != json!(true))
        .and_then(|b| b["custom_id"].as_str())
        .map(str::to_string)
}

struct Ids(u64);

impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("97000000000000{:04}", self.0)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_serves_a_fake_discord_end_to_end() {
    let started = Instant::now();
    // reqwest would send 127.0.0.1 through a configured proxy.
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    let logs = Logs::default();
    let writer = logs.clone();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "debug,summit_bot=debug,serenity=debug,hyper=info,reqwest=info,rustls=info,tungstenite=info,tokio_tungstenite=info,h2=info",
        ))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init();

    let capture = fake_discord::capture_path();
    if let Some(dir) = capture.parent() {
        std::fs::create_dir_all(dir).expect("capture folder");
    }
    std::fs::write(&capture, "").expect("truncate the capture");
    let mut fake = FakeDiscord::start(capture.clone()).await;
    let bot = Arc::new(Bot::new(
        Knowledge::embedded().expect("the real dataset loads"),
    ));
    let ui = bot.ui().clone();
    let mut ids = Ids(0);

    // ── Phase 1: one process, all shards (autosharded), global registration ──
    let (stop, run) = fake_discord::spawn_bot(config(&fake, &[]), &bot);
    fake.request("GET /gateway", |r| r.path == "/api/v10/gateway")
        .await;
    fake.request("GET /gateway/bot", |r| r.path == "/api/v10/gateway/bot")
        .await;
    fake.connection().await;
    let identify = fake.frame(2).await;
    assert_eq!(identify["d"]["token"], format!("Bot {TOKEN}"));
    assert_eq!(
        identify["d"]["intents"],
        summit_bot::discord::INTENTS_BITS,
        "IDENTIFY intents"
    );
    assert_eq!(identify["d"]["shard"], json!([0, 1]));
    fake.dispatch("READY", fake_discord::ready(&fake.ws_url, 0, 1));

    let put = fake
        .request("the registration PUT", |r| r.method == "PUT")
        .await;
    assert_eq!(put.path, format!("/api/v10/applications/{APP_ID}/commands"));
    let registered = put.body.as_array().expect("an array of commands");
    let names: Vec<&str> = registered
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    let table: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(names, table, "every command of the table, in order");
    for (cmd, spec) in registered.iter().zip(COMMANDS) {
        assert!(cmd["name_localizations"]["ja"].is_string(), "{cmd}");
        assert!(cmd["description_localizations"]["ja"].is_string(), "{cmd}");
        let admin = cmd
            .get("default_member_permissions")
            .and_then(Value::as_str);
        assert_eq!(admin, spec.admin.then_some("32"), "{}", spec.name);
        for o in cmd["options"].as_array().into_iter().flatten() {
            assert!(o["name_localizations"]["ja"].is_string(), "{o}");
        }
    }

    // /summit with an option: one meeting, public, Japanese.
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, "summit", &[("meeting", "ヘルシンキ")]),
    );
    let data = public_embed(&fake.callback(&id).await);
    assert!(
        data["embeds"][0]["title"]
            .as_str()
            .is_some_and(|t| t.contains("ヘルシンキ")),
        "{data}"
    );

    // /summit without an option: the timeline.
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", command(&id, "summit", &[]));
    let data = public_embed(&fake.callback(&id).await);
    assert_eq!(data["embeds"][0]["title"], ui.timeline_title.as_str());

    // /ask: a free question answered with the meeting's own embed.
    let ask = find_command(&bot, "ask").expect("/ask is in the table");
    let question = ask.options.first().map_or("question", |o| o.name);
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &id,
            "ask",
            &[(question, "ヘルシンキ会談では何が話し合われましたか？")],
        ),
    );
    let data = public_embed(&fake.callback(&id).await);
    assert_eq!(
        data["embeds"][0]["title"],
        "ヘルシンキ（フィンランド）2018年7月16日"
    );

    // /ask reads a date relative to today by the day of the interaction (its snowflake
    // id), not by the bot's clock: asked on 2019-08-15, 「去年の7月」 is July 2018,
    // Helsinki (by the clock, a July no meeting was held in).
    let sent_2019_08_15 = ((1_565_827_200_000u64 - 1_420_070_400_000) << 22 | 1).to_string();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            &sent_2019_08_15,
            "ask",
            &[(question, "去年の7月の会談は何時間？")],
        ),
    );
    let data = public_embed(&fake.callback(&sent_2019_08_15).await);
    assert_eq!(
        data["embeds"][0]["title"],
        "ヘルシンキ（フィンランド）2018年7月16日"
    );

    // More commands: /topic, /fact, /help, and /about (two pages, with a «次へ» button).
    for (name, options) in [
        ("topic", vec![("name", "経済制裁")]),
        ("fact", vec![]),
        ("help", vec![]),
    ] {
        let id = ids.next();
        fake.dispatch("INTERACTION_CREATE", command(&id, name, &options));
        public_embed(&fake.callback(&id).await);
    }
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", command(&id, "about", &[]));
    let about = public_embed(&fake.callback(&id).await);
    let next_page = first_button(&about).expect("/about has a page button");
    assert!(
        next_page.starts_with("v1:"),
        "versioned custom_id {next_page}"
    );

    // A direct message (no member, no server).
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", command_in_dm(&id, "people"));
    public_embed(&fake.callback(&id).await);

    // Autocomplete.
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        autocomplete(&id, "summit", "meeting", "ヘルシ"),
    );
    let r = fake.callback(&id).await;
    assert_eq!(r.body["type"], 8, "{}", r.body);
    let choices = r.body["data"]["choices"].as_array().expect("choices");
    assert!(!choices.is_empty() && choices.len() <= 25, "{choices:?}");
    assert!(choices
        .iter()
        .any(|c| c["name"].as_str().is_some_and(|n| n.contains("ヘルシンキ"))));

    // The page button: the same message is updated with page 2.
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &next_page, USER));
    let page2 = message_data(&fake.callback(&id).await, 7);
    assert_ne!(
        page2["embeds"], about["embeds"],
        "page 2 differs from page 1"
    );

    // The same button pressed by someone else: refused, ephemeral, explained.
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &next_page, OTHER_USER));
    assert_eq!(
        ephemeral_text(&fake.callback(&id).await),
        ui.button_not_yours
    );

    // A tampered custom_id: refused, never a panic.
    let id = ids.next();
    let tampered = format!("{next_page}x:9");
    fake.dispatch("INTERACTION_CREATE", click(&id, &tampered, USER));
    assert_eq!(ephemeral_text(&fake.callback(&id).await), ui.button_invalid);

    // An admin command used by a member without Manage Server (when the table has one).
    if let Some(admin) = COMMANDS.iter().find(|c| c.admin) {
        let id = ids.next();
        fake.dispatch(
            "INTERACTION_CREATE",
            command_as(&id, admin.name, &[], USER, MEMBER_PERMS),
        );
        assert_eq!(ephemeral_text(&fake.callback(&id).await), ui.admin_only);
    }

    // An option value that matches nothing: a short ephemeral Japanese message.
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, "topic", &[("name", "ｚｚｚ存在しない項目ｚｚｚ")]),
    );
    let text = ephemeral_text(&fake.callback(&id).await);
    assert!(text.chars().count() < 2000);

    // A 6,000-character question (Discord's max_length is not trusted).
    let long = "ヘルシンキ会談について".repeat(600);
    assert!(long.chars().count() >= 6000);
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, "ask", &[(question, &long)]),
    );
    let r = fake.callback(&id).await;
    let data = message_data(&r, 4);
    assert!(is_ephemeral(&data), "a refused input is ephemeral: {data}");

    // Resilience: the socket is closed (4000) mid-session; the bot resumes and serves.
    fake.close(4000);
    fake.connection().await;
    let resume = fake.frame(6).await;
    assert_eq!(resume["d"]["session_id"], "fake-session-1");
    assert_eq!(resume["d"]["token"], format!("Bot {TOKEN}"));
    fake.dispatch("RESUMED", json!({}));
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, "reactions", &[("actor", "日本")]),
    );
    public_embed(&fake.callback(&id).await);

    // Resilience: one callback answered with 500; logged, and the next one is served.
    fake.fail_next_callback();
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", command(&id, "fact", &[]));
    assert_eq!(fake.callback(&id).await.status, 500);
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", command(&id, "myth", &[]));
    public_embed(&fake.callback(&id).await);
    let deadline = Instant::now() + WAIT;
    while !logs.text().contains("could not answer an interaction") {
        assert!(Instant::now() < deadline, "the 500 was not logged");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // SIGINT/SIGTERM path: the shutdown future ends the run cleanly.
    let _ = stop.send(());
    let result = tokio::time::timeout(WAIT, run)
        .await
        .expect("the bot stops after shutdown")
        .expect("the run task did not panic");
    assert!(result.is_ok(), "clean shutdown returns Ok: {result:?}");

    // ── Phase 2: one shard of two (SHARDS=1-1), guild registration, then close 4004 ──
    let run = tokio::spawn(summit_bot::discord::run_until(
        config(
            &fake,
            &[
                ("SHARDS", "1-1"),
                ("SHARD_COUNT", "2"),
                ("DISCORD_GUILD_ID", GUILD),
                ("DISCORD_DEFER_AFTER_MS", "0"),
            ],
        ),
        Arc::clone(&bot),
        std::future::pending::<()>(),
    ));
    fake.connection().await;
    let identify = fake.frame(2).await;
    assert_eq!(identify["d"]["shard"], json!([1, 2]));
    fake.dispatch("READY", fake_discord::ready(&fake.ws_url, 1, 2));
    let put = fake
        .request("the guild registration PUT", |r| r.method == "PUT")
        .await;
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD}/commands")
    );
    // With DISCORD_DEFER_AFTER_MS=0 every answer takes the slow path: acknowledge, then edit
    // the original message (or send an ephemeral followup for a refused click).
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, "summit", &[("meeting", "ヘルシンキ")]),
    );
    assert_eq!(fake.callback(&id).await.body["type"], 5);
    let original = format!("/api/v10/webhooks/{APP_ID}/itoken-{id}/messages/@original");
    let edit = fake
        .request("the deferred command's edit", |r| {
            r.method == "PATCH" && r.path == original
        })
        .await;
    assert_eq!(edit.body["allowed_mentions"]["parse"], json!([]));
    assert!(is_japanese(
        edit.body["embeds"][0]["title"].as_str().unwrap_or("")
    ));
    let id = ids.next();
    fake.dispatch(
        "INTERACTION_CREATE",
        command(&id, "topic", &[("name", "ｚｚｚ存在しない項目ｚｚｚ")]),
    );
    assert_eq!(fake.callback(&id).await.body["type"], 5);
    let original = format!("/api/v10/webhooks/{APP_ID}/itoken-{id}/messages/@original");
    fake.request("the deferred refusal's delete", |r| {
        r.method == "DELETE" && r.path == original
    })
    .await;
    let webhook = format!("/api/v10/webhooks/{APP_ID}/itoken-{id}");
    let followup = fake
        .request("the deferred refusal's followup", |r| {
            r.method == "POST" && r.path.starts_with(&webhook)
        })
        .await;
    assert_eq!(followup.body["flags"], 64, "{}", followup.body);
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &next_page, USER));
    assert_eq!(fake.callback(&id).await.body["type"], 6);
    let original = format!("/api/v10/webhooks/{APP_ID}/itoken-{id}/messages/@original");
    let edit = fake
        .request("the deferred page's edit", |r| {
            r.method == "PATCH" && r.path == original
        })
        .await;
    assert_eq!(edit.body["allowed_mentions"]["parse"], json!([]));
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &next_page, OTHER_USER));
    assert_eq!(fake.callback(&id).await.body["type"], 6);
    let webhook = format!("/api/v10/webhooks/{APP_ID}/itoken-{id}");
    let followup = fake
        .request("the refused click's followup", |r| {
            r.method == "POST" && r.path.starts_with(&webhook)
        })
        .await;
    assert_eq!(followup.body["flags"], 64, "{}", followup.body);
    assert_eq!(followup.body["content"], ui.button_not_yours.as_str());
    assert_eq!(followup.body["allowed_mentions"]["parse"], json!([]));

    fake.close(4004);
    let result = tokio::time::timeout(WAIT, run)
        .await
        .expect("the bot stops on close 4004, without retrying")
        .expect("the run task did not panic");
    assert!(
        matches!(result, Err(DiscordError::InvalidToken)),
        "{result:?}"
    );

    // ── Phase 3: the binary: `register` for deploy scripts, then a refused token ──
    let exe = env!("CARGO_BIN_EXE_summit-bot");
    let api_base = fake.api_base.clone();
    let register = tokio::task::spawn_blocking(move || {
        std::process::Command::new(exe)
            .arg("register")
            .env("DISCORD_TOKEN", TOKEN)
            .env("DISCORD_API_BASE", api_base)
            .env("DISCORD_GUILD_ID", GUILD)
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("RUST_LOG", "debug")
            .output()
    });
    let output = tokio::time::timeout(Duration::from_secs(20), register)
        .await
        .expect("`register` exits")
        .expect("no panic")
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("registered {} commands", COMMANDS.len())),
        "{stdout}"
    );
    assert!(!stderr.contains("e2e-secret"), "the token leaked to stderr");
    fake.request("GET the application", |r| {
        r.path == "/api/v10/oauth2/applications/@me"
    })
    .await;
    let put = fake
        .request("the registration PUT of `register`", |r| r.method == "PUT")
        .await;
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD}/commands")
    );

    // The binary connected, then SIGTERM: shards closed, exit 0.
    #[cfg(unix)]
    {
        let child = std::process::Command::new(exe)
            .arg("run")
            .env("DISCORD_TOKEN", TOKEN)
            .env("DISCORD_API_BASE", &fake.api_base)
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("RUST_LOG", "info")
            .env_remove("SHARDS")
            .env_remove("DISCORD_GUILD_ID")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Killed if the test fails before it exits.
        let mut child = KillOnDrop(child);
        fake.ready_as_only_shard().await;
        fake.request("the binary's registration", |r| r.method == "PUT")
            .await;
        child.sigterm();
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = child.0.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the binary did not exit on SIGTERM"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let mut stderr = String::new();
        if let Some(mut pipe) = child.0.stderr.take() {
            std::io::Read::read_to_string(&mut pipe, &mut stderr).expect("stderr");
        }
        assert_eq!(status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("SIGTERM received"), "{stderr}");
        assert!(!stderr.contains("e2e-secret"), "the token leaked to stderr");
    }

    fake.reject_token();
    let api_base = fake.api_base.clone();
    let child = tokio::task::spawn_blocking(move || {
        std::process::Command::new(exe)
            .arg("run")
            .env("DISCORD_TOKEN", TOKEN)
            .env("DISCORD_API_BASE", api_base)
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("RUST_LOG", "debug")
            .env_remove("SHARDS")
            .env_remove("DISCORD_GUILD_ID")
            .output()
    });
    let output = tokio::time::timeout(Duration::from_secs(20), child)
        .await
        .expect("the binary exits on a refused token")
        .expect("no panic")
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    let first_line = ui.discord_invalid_token.lines().next().unwrap_or_default();
    assert!(stderr.contains(first_line), "{stderr}");
    assert!(stderr.contains("Discord rejected the token"), "{stderr}");
    assert!(!stderr.contains("e2e-secret"), "the token leaked to stderr");
    assert!(
        !stderr.contains("panicked"),
        "the binary must not panic: {stderr}"
    );

    // No log line holds the token.
    assert!(
        !logs.text().contains("e2e-secret"),
        "the token appears in the logs"
    );
    let lines = std::fs::read_to_string(&capture).expect("capture");
    let count = lines.lines().filter(|l| !l.trim().is_empty()).count();
    eprintln!(
        "e2e: {count} requests captured in {} ({:.1}s)",
        capture.display(),
        started.elapsed().as_secs_f64()
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

fn config(fake: &FakeDiscord, extra: &[(&str, &str)]) -> Config {
    fake_discord::bot_config(&fake.api_base, TOKEN, extra)
}
