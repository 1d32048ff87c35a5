//! A fake Discord on 127.0.0.1: a tiny HTTP/1.1 API and a WebSocket gateway.
//!
//! Every HTTP request the bot sends is recorded (and appended to the capture file as one
//! JSON line `{"method","path","body"}`); every gateway frame the bot sends is handed to the
//! test, except heartbeats, which are acknowledged here. A multipart/form-data request (a
//! message with files) is recorded with its `payload_json` part as the body, so the capture
//! is validated like any other request, and its files beside it (`"files"` in the capture:
//! name, filename, type and size).
//!
//! Messages posted to a channel are kept (content and embeds, with the id the fake gave them
//! and the bot as author) and listed by `GET /channels/{id}/messages`, newest first, so the
//! bot can look its own posts up. [`FakeDiscord::hold_posts`] makes a channel's posts hang
//! (created or dropped, and never answered) so a test can kill the bot mid-request.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

pub const APP_ID: &str = "900000000000000001";
pub const BOT_USER_ID: &str = "900000000000000001";

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
    /// The status answered; 0 for a held request (no answer yet).
    pub status: u16,
    /// The file parts of a multipart request, in order.
    #[allow(dead_code)] // read by chart_e2e.rs only
    pub files: Vec<Upload>,
    /// The request's Content-Type header (empty when absent).
    #[allow(dead_code)] // read by chart_e2e.rs only
    pub content_type: String,
    /// The request's Authorization header (`Bot <token>`): which process sent it, in
    /// tests that give each process a token of its own.
    #[allow(dead_code)] // read by shards_e2e.rs only
    pub authorization: String,
}

/// One file part of a multipart/form-data request.
#[derive(Clone)]
pub struct Upload {
    /// The form field, e.g. `files[0]`.
    pub name: String,
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Upload({} {:?} {}, {} bytes)",
            self.name,
            self.filename,
            self.content_type,
            self.bytes.len()
        )
    }
}

/// A parameter of a header value: `boundary` of `multipart/form-data; boundary=x`.
fn header_param(value: &str, key: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The parts of a multipart/form-data body: (headers, data) each.
fn multipart_parts(body: &[u8], boundary: &str) -> Vec<(String, Vec<u8>)> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while i + delimiter.len() <= body.len() {
        if body[i..].starts_with(&delimiter) {
            starts.push(i);
            i += delimiter.len();
        } else {
            i += 1;
        }
    }
    let mut parts = Vec::new();
    for pair in starts.windows(2) {
        // Between the delimiter's line break and the CRLF before the next delimiter.
        let part = &body[pair[0] + delimiter.len()..pair[1]];
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split) = part.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..split]).to_string();
        parts.push((headers, part[split + 4..].to_vec()));
    }
    parts
}

fn part_header(headers: &str, name: &str) -> Option<String> {
    headers.split("\r\n").find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

/// A multipart body as (the `payload_json` part, the file parts).
fn parse_multipart(body: &[u8], boundary: &str) -> (Value, Vec<Upload>) {
    let mut payload = Value::Null;
    let mut files = Vec::new();
    for (headers, data) in multipart_parts(body, boundary) {
        let disposition = part_header(&headers, "content-disposition").unwrap_or_default();
        let name = header_param(&disposition, "name").unwrap_or_default();
        if name == "payload_json" {
            payload = serde_json::from_slice(&data)
                .unwrap_or_else(|_| json!(String::from_utf8_lossy(&data)));
        } else {
            files.push(Upload {
                name,
                filename: header_param(&disposition, "filename").unwrap_or_default(),
                content_type: part_header(&headers, "content-type").unwrap_or_default(),
                bytes: data,
            });
        }
    }
    (payload, files)
}

/// A chunked body, decoded.
fn dechunk(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || rest.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
        rest = &rest[(eol + 4 + size).min(rest.len())..];
    }
    out
}

/// What a held `POST /channels/{id}/messages` does before it hangs.
#[allow(dead_code)] // used by daily_e2e.rs
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The message is created (listed by GET) but the answer never comes: "sent, not
    /// recorded" for the bot.
    Create,
    /// The message is dropped (never created) and the answer never comes: "claimed, not
    /// sent".
    Drop,
}

/// A hold on one channel's posts.
#[derive(Debug, Clone, Copy)]
struct Held {
    mode: Hold,
    /// After this the request is answered after all (Create: 200 with the message; Drop:
    /// the connection is closed without an answer), unless the bot hung up first.
    answer_after: Duration,
}

enum GatewayCommand {
    Send(Value),
    Close(u16),
    /// A frame as is (not numbered): e.g. `op 9` invalid session.
    Raw(Value),
}

/// Switches the test flips to make the fake misbehave.
#[derive(Default)]
struct Faults {
    /// Answer the next interaction callback with 500.
    fail_next_callback: AtomicBool,
    /// Answer every authenticated route with 401.
    reject_token: AtomicBool,
    /// Ids of messages posted in channels (each post gets the next one).
    messages: AtomicU64,
    /// Messages kept per channel, oldest first (as Discord message objects).
    channels: Mutex<HashMap<String, Vec<Value>>>,
    /// Channels whose posts are held.
    holds: Mutex<HashMap<String, Held>>,
    /// Permission bits denied to the bot's role in a channel (a permission overwrite).
    denied: Mutex<HashMap<String, u64>>,
    /// Interaction callbacks still to answer with 429 (and the `retry_after` seconds).
    rate_limited_callbacks: Mutex<(u32, f64)>,
    /// Posts to a channel still to answer with a status (e.g. 500), per channel.
    failing_posts: Mutex<HashMap<String, (u16, u32)>>,
    /// Until then every HTTP request is held, then answered as usual.
    stalled_until: Mutex<Option<std::time::Instant>>,
    /// The shard count `GET /gateway/bot` recommends (0 is read as 1).
    shards: AtomicU64,
    /// Keep HTTP connections open for the client's next request, as Discord does (off:
    /// one request a connection, answered with `Connection: close`).
    keep_alive: AtomicBool,
}

/// The bot's role in every fake server: View Channel, Send Messages, Embed Links.
pub const BOT_ROLE: &str = "990000000000000001";
pub const BOT_ROLE_PERMISSIONS: u64 = 0x400 | 0x800 | 0x4000;

fn role_json(id: &str, permissions: u64) -> Value {
    json!({"id": id, "name": "role", "color": 0,
           "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
           "hoist": false, "icon": null,
           "unicode_emoji": null, "position": 1, "permissions": permissions.to_string(),
           "managed": false, "mentionable": false, "flags": 0})
}

fn guild_json(guild: &str) -> Value {
    json!({
        "id": guild, "name": "fake server", "icon": null, "icon_hash": null, "splash": null,
        "discovery_splash": null, "owner_id": "950000000000009999", "afk_channel_id": null,
        "afk_timeout": 300, "widget_enabled": false, "widget_channel_id": null,
        "verification_level": 0, "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [role_json(guild, 0), role_json(BOT_ROLE, BOT_ROLE_PERMISSIONS)],
        "emojis": [], "features": [], "mfa_level": 0, "application_id": null,
        "system_channel_id": null, "system_channel_flags": 0, "rules_channel_id": null,
        "max_presences": null, "max_members": 100, "vanity_url_code": null,
        "description": null, "banner": null, "premium_tier": 0,
        "premium_subscription_count": 0, "preferred_locale": "ja",
        "public_updates_channel_id": null, "max_video_channel_users": 25, "nsfw_level": 0,
        "stickers": [], "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null
    })
}

pub struct FakeDiscord {
    pub api_base: String,
    pub ws_url: String,
    requests: mpsc::UnboundedReceiver<Recorded>,
    frames: mpsc::UnboundedReceiver<Value>,
    connections: mpsc::UnboundedReceiver<()>,
    gateway: mpsc::UnboundedSender<GatewayCommand>,
    faults: Arc<Faults>,
    /// Requests seen while waiting for another one.
    backlog: Vec<Recorded>,
    /// The gateway port of a fake whose gateway is not started yet.
    /// The sharded gateway of [`FakeDiscord::start_sharded`] (None: one connection).
    sharded: Option<Arc<Sharded>>,
    /// Every request received so far, in order.
    log: Vec<Recorded>,
}

/// Where the capture goes: `DISCORD_CAPTURE`, else `target/discord-capture.jsonl`.
pub fn capture_path() -> PathBuf {
    std::env::var_os("DISCORD_CAPTURE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture.jsonl")
        })
}

impl FakeDiscord {
    /// Starts both servers. `capture` is appended to (the caller truncates it once).
    pub async fn start(capture: PathBuf) -> FakeDiscord {
        let (fake, ws, ends) = FakeDiscord::bind(capture).await;
        tokio::spawn(serve_gateway(
            ws,
            ends.frames,
            ends.connections,
            ends.commands,
        ));
        fake
    }

    /// The HTTP server running, and the gateway's port bound and left to the caller with
    /// the other ends of the fake's gateway channels.
    async fn bind(capture: PathBuf) -> (FakeDiscord, TcpListener, GatewayEnds) {
        let http = TcpListener::bind("127.0.0.1:0").await.expect("bind http");
        let ws = TcpListener::bind("127.0.0.1:0").await.expect("bind ws");
        let http_addr = http.local_addr().expect("http addr");
        let ws_url = format!("ws://{}", ws.local_addr().expect("ws addr"));
        let (req_tx, requests) = mpsc::unbounded_channel();
        let (frame_tx, frames) = mpsc::unbounded_channel();
        let (conn_tx, connections) = mpsc::unbounded_channel();
        let (gateway, gw_rx) = mpsc::unbounded_channel();
        let faults = Arc::new(Faults::default());
        tokio::spawn(serve_http(
            http,
            ws_url.clone(),
            req_tx,
            Arc::clone(&faults),
            Arc::new(Mutex::new(capture)),
        ));
        let fake = FakeDiscord {
            api_base: format!("http://{http_addr}"),
            ws_url,
            requests,
            frames,
            connections,
            gateway,
            faults,
            backlog: Vec::new(),
            sharded: None,
            log: Vec::new(),
        };
        let ends = GatewayEnds {
            frames: frame_tx,
            connections: conn_tx,
            commands: gw_rx,
        };
        (fake, ws, ends)
    }

    /// Keeps HTTP connections open across requests (HTTP/1.1 keep-alive), as Discord does;
    /// by default every answer closes its connection.
    #[allow(dead_code)] // used by benches/load.rs
    pub fn keep_alive(&self, on: bool) {
        self.faults.keep_alive.store(on, Ordering::SeqCst);
    }

    pub fn fail_next_callback(&self) {
        self.faults.fail_next_callback.store(true, Ordering::SeqCst);
    }

    pub fn reject_token(&self) {
        self.faults.reject_token.store(true, Ordering::SeqCst);
    }

    /// Sends a dispatch (`op 0`); the fake numbers it.
    pub fn dispatch(&self, t: &str, d: Value) {
        let _ = self
            .gateway
            .send(GatewayCommand::Send(json!({"op": 0, "t": t, "d": d})));
    }

    /// Closes the current gateway connection with `code`.
    pub fn close(&self, code: u16) {
        let _ = self.gateway.send(GatewayCommand::Close(code));
    }

    /// Waits for the bot to open a gateway connection.
    pub async fn connection(&mut self) {
        tokio::time::timeout(WAIT, self.connections.recv())
            .await
            .expect("timed out waiting for a gateway connection")
            .expect("gateway server alive");
    }

    /// Waits for the next frame with opcode `op` from the bot (others are skipped).
    pub async fn frame(&mut self, op: u64) -> Value {
        let wait = async {
            while let Some(f) = self.frames.recv().await {
                if f["op"] == op {
                    return f;
                }
            }
            panic!("gateway closed while waiting for op {op}");
        };
        tokio::time::timeout(WAIT, wait)
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for gateway op {op}"))
    }

    /// Waits for the first request (already seen or new) that `matches`.
    pub async fn request(&mut self, what: &str, matches: impl Fn(&Recorded) -> bool) -> Recorded {
        self.request_within(what, WAIT, matches).await
    }

    /// [`Self::request`] with a wait of its own.
    pub async fn request_within(
        &mut self,
        what: &str,
        wait: Duration,
        matches: impl Fn(&Recorded) -> bool,
    ) -> Recorded {
        match self.next_matching(wait, &matches).await {
            Some(r) => r,
            None => panic!("timed out waiting for {what}; seen: {:?}", self.backlog),
        }
    }

    /// The first request that `matches` within `wait`, or `None` (to check that something
    /// did NOT happen).
    pub async fn next_matching(
        &mut self,
        wait: Duration,
        matches: impl Fn(&Recorded) -> bool,
    ) -> Option<Recorded> {
        if let Some(i) = self.backlog.iter().position(&matches) {
            return Some(self.backlog.remove(i));
        }
        let (requests, backlog, log) = (&mut self.requests, &mut self.backlog, &mut self.log);
        let found = async {
            while let Some(r) = requests.recv().await {
                log.push(r.clone());
                if matches(&r) {
                    return r;
                }
                backlog.push(r);
            }
            panic!("http server gone while waiting for a request");
        };
        tokio::time::timeout(wait, found).await.ok()
    }

    /// The callback body of interaction `id`.
    pub async fn callback(&mut self, id: &str) -> Recorded {
        let suffix = format!("/interactions/{id}/");
        self.request(&format!("the callback of interaction {id}"), |r| {
            r.method == "POST" && r.path.contains(&suffix) && r.path.ends_with("/callback")
        })
        .await
    }
}

/// Faults of Discord itself: rate limits, errors, a stalled API, a raw gateway frame.
#[allow(dead_code)] // used by faults_e2e.rs
impl FakeDiscord {
    /// Answers the next `count` interaction callbacks with 429 and `retry_after` seconds
    /// (in the body and the `Retry-After` header, as Discord does).
    pub fn rate_limit_callbacks(&self, count: u32, retry_after: f64) {
        *self
            .faults
            .rate_limited_callbacks
            .lock()
            .expect("rate limits") = (count, retry_after);
    }

    /// Answers the next `count` posts to `channel` with `status` (nothing is created).
    pub fn fail_posts(&self, channel: &str, status: u16, count: u32) {
        self.faults
            .failing_posts
            .lock()
            .expect("failing posts")
            .insert(channel.to_string(), (status, count));
    }

    /// Holds every HTTP request received in the next `duration` (and those in flight)
    /// until it has passed, then answers them as usual: Discord's API not answering.
    pub fn stall_http(&self, duration: Duration) {
        *self.faults.stalled_until.lock().expect("stall") =
            Some(std::time::Instant::now() + duration);
    }

    /// Sends a gateway frame as is (not numbered), e.g. `{"op": 9, "d": false}`.
    pub fn send_raw(&self, frame: Value) {
        let _ = self.gateway.send(GatewayCommand::Raw(frame));
    }
}

/// Messages kept per channel, held posts, and the whole request log.
#[allow(dead_code)] // used by daily_e2e.rs
impl FakeDiscord {
    /// Holds the posts to `channel`: each is recorded, created or dropped (`mode`), and then
    /// not answered until the bot hangs up or `answer_after` passes.
    pub fn hold_posts(&self, channel: &str, mode: Hold, answer_after: Duration) {
        self.faults
            .holds
            .lock()
            .expect("holds")
            .insert(channel.to_string(), Held { mode, answer_after });
    }

    /// Posts to every channel are answered again at once.
    pub fn release_posts(&self) {
        self.faults.holds.lock().expect("holds").clear();
    }

    /// The messages kept for `channel`, oldest first.
    pub fn messages(&self, channel: &str) -> Vec<Value> {
        self.faults
            .channels
            .lock()
            .expect("channels")
            .get(channel)
            .cloned()
            .unwrap_or_default()
    }

    /// Adds a message to `channel` as if someone (`author`) had posted it; returns its id.
    pub fn add_message(&self, channel: &str, author: Value, body: &Value) -> String {
        let mut m = new_message(&self.faults, channel, body);
        m["author"] = author;
        let id = m["id"].as_str().unwrap_or_default().to_string();
        keep(&self.faults, channel, m);
        id
    }

    /// Denies the bot's role `bits` in `channel` (as a permission overwrite would).
    pub fn deny_in(&self, channel: &str, bits: u64) {
        self.faults
            .denied
            .lock()
            .expect("denied")
            .insert(channel.to_string(), bits);
    }

    /// Every request received so far, in order (including those already waited for).
    pub fn requests_so_far(&mut self) -> Vec<Recorded> {
        while let Ok(r) = self.requests.try_recv() {
            self.log.push(r.clone());
            self.backlog.push(r);
        }
        self.log.clone()
    }
}

/// The bot's configuration against this fake: the token, the fake's API base, and `extra`
/// variables (later ones win).
pub fn bot_config(
    api_base: &str,
    token: &str,
    extra: &[(&str, &str)],
) -> summit_bot::config::Config {
    let mut vars: Vec<(String, String)> = vec![
        ("DISCORD_TOKEN".into(), token.into()),
        ("DISCORD_API_BASE".into(), api_base.into()),
    ];
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    summit_bot::config::Config::from_lookup(&|name| {
        vars.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })
    .expect("valid test config")
}

/// Fails the test with a clear message when a fixture would not reach the handler
/// (serenity drops undeserializable dispatches silently).
#[track_caller]
pub fn checked(interaction: Value) -> Value {
    if let Err(e) =
        serde_json::from_value::<serenity::model::application::Interaction>(interaction.clone())
    {
        panic!("fixture does not deserialize as an Interaction: {e}\n{interaction}");
    }
    interaction
}

/// The READY dispatch payload for shard `shard` of `total`.
pub fn ready(ws_url: &str, shard: u32, total: u32) -> Value {
    json!({
        "v": 10,
        "user": {"id": BOT_USER_ID, "username": "summit-bot", "discriminator": "0000",
                 "global_name": null, "avatar": null, "bot": true},
        "guilds": [],
        "session_id": "fake-session-1",
        "resume_gateway_url": ws_url,
        "shard": [shard, total],
        "application": {"id": APP_ID, "flags": 0}
    })
}

fn message_json(channel: &str) -> Value {
    json!({
        "id": "910000000000000001", "channel_id": channel,
        "author": {"id": BOT_USER_ID, "username": "summit-bot", "discriminator": "0000",
                   "global_name": null, "avatar": null, "bot": true},
        "content": "", "timestamp": "2026-11-26T00:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false,
        "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
        "pinned": false, "type": 0
    })
}

/// A snowflake as Discord makes them: milliseconds since 2015-01-01 in the high bits (so ids
/// sort by time and `after` a time works), a counter in the low 22 bits.
pub fn snowflake_now(n: u64) -> u64 {
    const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    (ms.saturating_sub(DISCORD_EPOCH_MS) << 22) | (n & 0x3F_FFFF)
}

/// A message posted to `channel` with `body` (content and embeds kept; components are not),
/// with the next id.
fn new_message(faults: &Faults, channel: &str, body: &Value) -> Value {
    let n = faults.messages.fetch_add(1, Ordering::SeqCst) + 1;
    let mut m = message_json(channel);
    m["id"] = json!(snowflake_now(n).to_string());
    update_message(&mut m, body);
    m
}

/// Takes the content and embeds of a create or edit body.
fn update_message(m: &mut Value, body: &Value) {
    if let Some(content) = body.get("content").filter(|c| c.is_string()) {
        m["content"] = content.clone();
    }
    if let Some(embeds) = body.get("embeds").filter(|e| e.is_array()) {
        m["embeds"] = embeds.clone();
    }
}

fn keep(faults: &Faults, channel: &str, m: Value) {
    faults
        .channels
        .lock()
        .expect("channels")
        .entry(channel.to_string())
        .or_default()
        .push(m);
}

/// `GET /channels/{id}/messages`: newest first, `limit` (default 50, at most 100), and
/// `before`/`after` a message id.
fn list_messages(faults: &Faults, channel: &str, query: &str) -> Value {
    let param = |name: &str| {
        query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v.parse::<u64>().ok())
    };
    let limit = param("limit").unwrap_or(50).clamp(1, 100) as usize;
    let id = |m: &Value| {
        m["id"]
            .as_str()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let channels = faults.channels.lock().expect("channels");
    let all = channels.get(channel).cloned().unwrap_or_default();
    let mut picked: Vec<Value> = all
        .into_iter()
        .filter(|m| param("before").is_none_or(|b| id(m) < b))
        .filter(|m| param("after").is_none_or(|a| id(m) > a))
        .collect();
    picked.sort_by_key(|m| std::cmp::Reverse(id(m)));
    if param("after").is_some() && param("before").is_none() {
        // Discord returns the messages right after `after` (still newest first).
        let skip = picked.len().saturating_sub(limit);
        picked.drain(..skip);
    } else {
        picked.truncate(limit);
    }
    Value::Array(picked)
}

struct Answer {
    status: u16,
    body: Option<Value>,
    /// Not answered now: held (see [`Hold`]).
    held: Option<Held>,
    /// A 429's `Retry-After` (seconds).
    retry_after: Option<f64>,
}

fn route(method: &str, path: &str, body: &Value, ws_url: &str, faults: &Faults) -> Answer {
    let ok = |body: Value| Answer {
        status: 200,
        body: Some(body),
        held: None,
        retry_after: None,
    };
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    if path == "/api/v10/gateway" {
        return ok(json!({"url": ws_url}));
    }
    if faults.reject_token.load(Ordering::SeqCst) {
        return Answer {
            status: 401,
            body: Some(json!({"message": "401: Unauthorized", "code": 0})),
            held: None,
            retry_after: None,
        };
    }
    if path == "/api/v10/gateway/bot" {
        let shards = faults.shards.load(Ordering::SeqCst).max(1);
        return ok(
            json!({"url": ws_url, "shards": shards, "session_start_limit":
            {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}),
        );
    }
    if path == "/api/v10/oauth2/applications/@me" {
        return ok(
            json!({"id": APP_ID, "name": "summit-bot", "icon": null, "description": "",
            "bot_public": true, "bot_require_code_grant": false, "verify_key": "00", "team": null,
            "owner": null}),
        );
    }
    // What the bot reads to work out its permissions in a channel.
    match (
        method,
        path.trim_start_matches("/api/v10/")
            .split('/')
            .collect::<Vec<_>>()
            .as_slice(),
    ) {
        ("GET", ["guilds", guild]) => return ok(guild_json(guild)),
        ("GET", ["guilds", _, "members", user]) => {
            return ok(json!({
                "user": {"id": user, "username": "summit-bot", "discriminator": "0",
                         "global_name": null, "avatar": null, "bot": true},
                "roles": [BOT_ROLE], "deaf": false, "mute": false, "flags": 0,
                "joined_at": "2025-01-01T00:00:00.000000+00:00"
            }))
        }
        ("GET", ["channels", channel]) => {
            let deny = faults
                .denied
                .lock()
                .expect("denied")
                .get(*channel)
                .copied()
                .unwrap_or(0);
            return ok(json!({
                "id": channel, "type": 0, "guild_id": "930000000000000001",
                "name": "channel", "position": 0, "nsfw": false, "flags": 0,
                "permission_overwrites": [
                    {"id": BOT_ROLE, "type": 0, "allow": "0", "deny": deny.to_string()}
                ]
            }));
        }
        _ => {}
    }
    if method == "PUT" && path.ends_with("/commands") {
        // Echo nothing: serenity accepts an empty list, and the request is what we check.
        return ok(json!([]));
    }
    if method == "POST" && path.ends_with("/callback") {
        {
            let mut limited = faults.rate_limited_callbacks.lock().expect("rate limits");
            if limited.0 > 0 {
                limited.0 -= 1;
                let retry_after = limited.1;
                return Answer {
                    status: 429,
                    body: Some(json!({"message": "You are being rate limited.",
                                      "retry_after": retry_after, "global": false})),
                    held: None,
                    retry_after: Some(retry_after),
                };
            }
        }
        if faults.fail_next_callback.swap(false, Ordering::SeqCst) {
            return Answer {
                status: 500,
                body: Some(json!({"message": "500: Internal Server Error", "code": 0})),
                held: None,
                retry_after: None,
            };
        }
        return Answer {
            status: 204,
            body: None,
            held: None,
            retry_after: None,
        };
    }
    if path.starts_with("/api/v10/webhooks/") && method == "DELETE" {
        return Answer {
            status: 204,
            body: None,
            held: None,
            retry_after: None,
        };
    }
    if path.starts_with("/api/v10/webhooks/") && matches!(method, "POST" | "PATCH") {
        return ok(message_json("920000000000000001"));
    }
    // POST and GET /channels/{channel}/messages, PATCH /channels/{channel}/messages/{message}.
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method, parts.as_slice()) {
        ("POST", ["channels", channel, "messages"]) => {
            if let Some((status, left)) = faults
                .failing_posts
                .lock()
                .expect("failing posts")
                .get_mut(*channel)
                .filter(|(_, left)| *left > 0)
            {
                *left -= 1;
                return Answer {
                    status: *status,
                    body: Some(json!({"message": format!("{status}: fake failure"), "code": 0})),
                    held: None,
                    retry_after: None,
                };
            }
            let held = faults.holds.lock().expect("holds").get(*channel).copied();
            if held.is_some_and(|h| h.mode == Hold::Drop) {
                return Answer {
                    status: 0,
                    body: None,
                    held,
                    retry_after: None,
                };
            }
            let m = new_message(faults, channel, body);
            keep(faults, channel, m.clone());
            let mut answer = ok(m);
            answer.held = held;
            return answer;
        }
        ("GET", ["channels", channel, "messages"]) => {
            return ok(list_messages(faults, channel, query));
        }
        ("PATCH", ["channels", channel, "messages", id]) => {
            let mut channels = faults.channels.lock().expect("channels");
            let kept = channels
                .get_mut(*channel)
                .and_then(|ms| ms.iter_mut().find(|m| m["id"] == json!(id)));
            return ok(match kept {
                Some(m) => {
                    update_message(m, body);
                    m["edited_timestamp"] = json!("2026-11-26T00:00:01.000000+00:00");
                    m.clone()
                }
                None => {
                    let mut m = message_json(channel);
                    m["id"] = json!(id);
                    m
                }
            });
        }
        _ => {}
    }
    Answer {
        status: 404,
        body: Some(json!({"message": "404: Not Found", "code": 0})),
        held: None,
        retry_after: None,
    }
}

async fn serve_http(
    listener: TcpListener,
    ws_url: String,
    requests: mpsc::UnboundedSender<Recorded>,
    faults: Arc<Faults>,
    capture: Arc<Mutex<PathBuf>>,
) {
    while let Ok((stream, _)) = listener.accept().await {
        let (ws_url, requests, faults, capture) = (
            ws_url.clone(),
            requests.clone(),
            Arc::clone(&faults),
            Arc::clone(&capture),
        );
        tokio::spawn(async move {
            let _ = serve_connection(stream, &ws_url, &requests, &faults, &capture).await;
        });
    }
}

/// One request a connection (answered with `Connection: close`), or, with
/// [`FakeDiscord::keep_alive`], every request the client sends on it.
async fn serve_connection(
    mut stream: TcpStream,
    ws_url: &str,
    requests: &mpsc::UnboundedSender<Recorded>,
    faults: &Faults,
    capture: &Mutex<PathBuf>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let keep_alive = faults.keep_alive.load(Ordering::SeqCst);
        let consumed = serve_request(
            &mut stream,
            &mut buf,
            &mut chunk,
            keep_alive,
            ws_url,
            requests,
            faults,
            capture,
        )
        .await?;
        match consumed {
            Some(n) if keep_alive => {
                buf.drain(..n.min(buf.len()));
            }
            Some(_) => return stream.shutdown().await,
            None => return Ok(()),
        }
    }
}

/// Reads and answers one request; the bytes of `buf` it used, or `None` when the
/// connection is over (closed by the client, or dropped by a fault).
#[allow(clippy::too_many_arguments)]
async fn serve_request(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    chunk: &mut [u8; 8192],
    keep_alive: bool,
    ws_url: &str,
    requests: &mpsc::UnboundedSender<Recorded>,
    faults: &Faults,
    capture: &Mutex<PathBuf>,
) -> std::io::Result<Option<usize>> {
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let content_type = header("content-type").unwrap_or_default();
    let chunked = header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    let (raw, consumed): (Vec<u8>, usize) = if chunked {
        while !buf[header_end..].ends_with(b"0\r\n\r\n") {
            let n = stream.read(chunk).await?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        (dechunk(&buf[header_end..]), buf.len())
    } else {
        let length: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buf.len() < header_end + length {
            let n = stream.read(chunk).await?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        let end = (header_end + length).min(buf.len());
        (buf[header_end..end].to_vec(), end)
    };
    let boundary = content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
        .then(|| header_param(&content_type, "boundary"))
        .flatten();
    let (body, files): (Value, Vec<Upload>) = match boundary {
        Some(b) => parse_multipart(&raw, &b),
        None if raw.is_empty() => (Value::Null, Vec::new()),
        None => (
            serde_json::from_slice(&raw).unwrap_or_else(|_| json!(String::from_utf8_lossy(&raw))),
            Vec::new(),
        ),
    };
    // A stalled API answers nothing until the stall is over.
    loop {
        let until = *faults.stalled_until.lock().expect("stall");
        match until {
            Some(t) if t > std::time::Instant::now() => {
                tokio::time::sleep_until(tokio::time::Instant::from_std(t)).await
            }
            _ => break,
        }
    }
    let answer = route(&method, &path, &body, ws_url, faults);
    {
        let path_buf = capture.lock().expect("capture lock");
        let mut line = json!({"method": method, "path": path, "body": body});
        if !files.is_empty() {
            line["files"] = files
                .iter()
                .map(|f| {
                    json!({"name": f.name, "filename": f.filename,
                           "content_type": f.content_type, "size": f.bytes.len()})
                })
                .collect();
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&*path_buf)?;
        // One write a line: tests running side by side may append to the same capture.
        f.write_all(format!("{line}\n").as_bytes())?;
    }
    let _ = requests.send(Recorded {
        method,
        path,
        body,
        status: if answer.held.is_some() {
            0
        } else {
            answer.status
        },
        files,
        content_type,
        authorization: header("authorization").unwrap_or_default(),
    });
    if let Some(held) = answer.held {
        // Hang until the bot hangs up (killed) or the delay passes.
        let hung_up = async {
            loop {
                match stream.read(chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        };
        tokio::select! {
            () = hung_up => return Ok(None),
            () = tokio::time::sleep(held.answer_after) => {}
        }
        if held.mode == Hold::Drop {
            stream.shutdown().await?;
            return Ok(None);
        }
    }
    let reason = match answer.status {
        200 => "OK",
        204 => "No Content",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Internal Server Error",
    };
    let payload = answer.body.map(|b| b.to_string()).unwrap_or_default();
    let mut response = format!(
        "HTTP/1.1 {} {reason}\r\nConnection: {}\r\nContent-Length: {}\r\n",
        answer.status,
        if keep_alive { "keep-alive" } else { "close" },
        payload.len()
    );
    if !payload.is_empty() {
        response.push_str("Content-Type: application/json\r\n");
    }
    if let Some(seconds) = answer.retry_after {
        response.push_str(&format!("Retry-After: {seconds}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&payload);
    stream.write_all(response.as_bytes()).await?;
    Ok(Some(consumed))
}

/// The gateway's side of the fake's channels: frames the bot sent, new connections, and
/// the commands (dispatches, closes) the test sends.
struct GatewayEnds {
    frames: mpsc::UnboundedSender<Value>,
    connections: mpsc::UnboundedSender<()>,
    commands: mpsc::UnboundedReceiver<GatewayCommand>,
}

async fn serve_gateway(
    listener: TcpListener,
    frames: mpsc::UnboundedSender<Value>,
    connections: mpsc::UnboundedSender<()>,
    mut commands: mpsc::UnboundedReceiver<GatewayCommand>,
) {
    let seq = AtomicU64::new(0);
    // One connection at a time, like one shard.
    while let Ok((stream, _)) = listener.accept().await {
        // Frames go out as they are sent (Nagle's delay against a delayed ACK would hold a
        // small frame for 40 ms).
        let _ = stream.set_nodelay(true);
        let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
            continue;
        };
        let _ = connections.send(());
        let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}});
        if ws.send(Message::Text(hello.to_string())).await.is_err() {
            continue;
        }
        // Like Discord, nothing is dispatched on a connection before its IDENTIFY or
        // RESUME: what the test sends meanwhile (say, while the bot reconnects) waits.
        let mut identified = false;
        loop {
            tokio::select! {
                incoming = ws.next() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        let Ok(frame) = serde_json::from_str::<Value>(&text) else { continue };
                        if frame["op"] == 1 {
                            let ack = json!({"op": 11}).to_string();
                            let _ = ws.send(Message::Text(ack)).await;
                            continue;
                        }
                        if frame["op"] == 2 || frame["op"] == 6 {
                            identified = true;
                        }
                        let _ = frames.send(frame);
                    }
                    Some(Ok(Message::Binary(_))) => {}
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
                command = commands.recv(), if identified => match command {
                    Some(GatewayCommand::Raw(v)) => {
                        if ws.send(Message::Text(v.to_string())).await.is_err() {
                            break;
                        }
                    }
                    Some(GatewayCommand::Send(mut v)) => {
                        v["s"] = json!(seq.fetch_add(1, Ordering::SeqCst) + 1);
                        if ws.send(Message::Text(v.to_string())).await.is_err() {
                            break;
                        }
                    }
                    Some(GatewayCommand::Close(code)) => {
                        let frame = CloseFrame { code: CloseCode::from(code), reason: "fake".into() };
                        let _ = ws.close(Some(frame)).await;
                        // Drain until the client answers the close.
                        let _ = tokio::time::timeout(Duration::from_secs(2), async {
                            while let Some(Ok(_)) = ws.next().await {}
                        }).await;
                        break;
                    }
                    None => return,
                },
            }
        }
    }
}

// ───────────── several gateway connections, one per shard (several processes) ─────────────

/// The gateway of a sharded bot: each connection identifies with its own `[shard, count]`,
/// gets its READY from the fake, and receives only the dispatches of its servers
/// (`(guild_id >> 22) % count`; direct messages on shard 0), as Discord does.
pub struct Sharded {
    total: u32,
    /// The newest connection of each shard (a later IDENTIFY of the same shard takes over).
    shards: Mutex<HashMap<u32, mpsc::UnboundedSender<GatewayCommand>>>,
    /// `(shard, count)` of each IDENTIFY, in order.
    identified: Mutex<Vec<(u32, u32)>>,
    /// IDENTIFYs of each shard already waited for.
    awaited: Mutex<HashMap<u32, usize>>,
}

/// The shard of `guild` of `total` (Discord's formula).
#[allow(dead_code)] // used by shards_e2e.rs
pub fn shard_of(guild: &str, total: u32) -> u32 {
    let id: u64 = guild.parse().unwrap_or(0);
    ((id >> 22) % u64::from(total.max(1))) as u32
}

#[allow(dead_code)] // used by shards_e2e.rs
impl FakeDiscord {
    /// Starts with a gateway for `total` shards (several connections at once, each its own
    /// shard); `GET /gateway/bot` recommends `total`.
    pub async fn start_sharded(capture: PathBuf, total: u32) -> FakeDiscord {
        // One gateway per shard connection instead of the single-connection one.
        let (mut fake, ws, _single) = FakeDiscord::bind(capture).await;
        fake.faults.shards.store(u64::from(total), Ordering::SeqCst);
        let sharded = Arc::new(Sharded {
            total,
            shards: Mutex::new(HashMap::new()),
            identified: Mutex::new(Vec::new()),
            awaited: Mutex::new(HashMap::new()),
        });
        tokio::spawn(serve_sharded_gateway(
            ws,
            fake.ws_url.clone(),
            Arc::clone(&sharded),
        ));
        fake.sharded = Some(sharded);
        fake
    }

    fn sharded(&self) -> &Sharded {
        self.sharded
            .as_deref()
            .expect("a fake started with start_sharded")
    }

    /// Waits for the next IDENTIFY of `shard` not waited for yet (the fake answers it
    /// with READY); returns the count the client identified with.
    pub async fn identified(&self, shard: u32) -> u32 {
        let sharded = self.sharded();
        let wait = async {
            loop {
                {
                    let all = sharded.identified.lock().expect("identified");
                    let mut seen = sharded.awaited.lock().expect("awaited");
                    let taken = seen.entry(shard).or_insert(0);
                    if let Some((_, count)) = all.iter().filter(|(id, _)| *id == shard).nth(*taken)
                    {
                        *taken += 1;
                        return *count;
                    }
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        };
        tokio::time::timeout(WAIT, wait)
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for shard {shard} to identify"))
    }

    /// Posts anywhere are answered as usual again (after [`Self::fail_posts`]).
    pub fn heal_posts(&self) {
        self.faults
            .failing_posts
            .lock()
            .expect("failing posts")
            .clear();
    }

    /// Every `(shard, count)` identified so far, in order.
    pub fn identifies(&self) -> Vec<(u32, u32)> {
        self.sharded()
            .identified
            .lock()
            .expect("identified")
            .clone()
    }

    /// Sends a dispatch to the connection of the shard that has `guild` (None: a direct
    /// message, shard 0). Returns that shard; panics if no connection has it.
    pub fn dispatch_to(&self, guild: Option<&str>, t: &str, d: Value) -> u32 {
        let sharded = self.sharded();
        let shard = guild.map_or(0, |g| shard_of(g, sharded.total));
        let shards = sharded.shards.lock().expect("shards");
        let conn = shards
            .get(&shard)
            .unwrap_or_else(|| panic!("no gateway connection has shard {shard}"));
        conn.send(GatewayCommand::Send(json!({"op": 0, "t": t, "d": d})))
            .expect("the shard's connection is open");
        shard
    }
}

async fn serve_sharded_gateway(listener: TcpListener, ws_url: String, sharded: Arc<Sharded>) {
    let sessions = AtomicU64::new(0);
    while let Ok((stream, _)) = listener.accept().await {
        let session = sessions.fetch_add(1, Ordering::SeqCst) + 1;
        let (ws_url, sharded) = (ws_url.clone(), Arc::clone(&sharded));
        tokio::spawn(async move {
            let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
                return;
            };
            sharded_connection(ws, &ws_url, &sharded, session).await;
        });
    }
}

/// One shard's connection: HELLO, then IDENTIFY → READY, heartbeats acknowledged, and the
/// dispatches routed to it.
async fn sharded_connection(
    mut ws: tokio_tungstenite::WebSocketStream<TcpStream>,
    ws_url: &str,
    sharded: &Sharded,
    session: u64,
) {
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}});
    if ws.send(Message::Text(hello.to_string())).await.is_err() {
        return;
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<GatewayCommand>();
    let mut seq = 0u64;
    let mut mine: Option<u32> = None;
    loop {
        tokio::select! {
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let Ok(frame) = serde_json::from_str::<Value>(&text) else { continue };
                    match frame["op"].as_u64() {
                        Some(1) => {
                            let ack = json!({"op": 11}).to_string();
                            let _ = ws.send(Message::Text(ack)).await;
                        }
                        Some(2) => {
                            let shard = &frame["d"]["shard"];
                            let id = shard[0].as_u64().unwrap_or(0) as u32;
                            let count = shard[1].as_u64().unwrap_or(1) as u32;
                            if count != sharded.total || id >= count {
                                // Discord's "invalid shard".
                                let frame = CloseFrame { code: CloseCode::from(4010), reason: "invalid shard".into() };
                                let _ = ws.close(Some(frame)).await;
                                return;
                            }
                            sharded.shards.lock().expect("shards").insert(id, tx.clone());
                            mine = Some(id);
                            seq += 1;
                            let mut ready = ready(ws_url, id, count);
                            ready["session_id"] = json!(format!("fake-session-{session}"));
                            let frame = json!({"op": 0, "t": "READY", "s": seq, "d": ready});
                            if ws.send(Message::Text(frame.to_string())).await.is_err() {
                                break;
                            }
                            sharded.identified.lock().expect("identified").push((id, count));
                        }
                        // A resume after a lost connection: the session is gone; identify anew.
                        Some(6) => {
                            let frame = json!({"op": 9, "d": false}).to_string();
                            let _ = ws.send(Message::Text(frame)).await;
                        }
                        _ => {}
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            command = rx.recv() => match command {
                Some(GatewayCommand::Raw(v)) => {
                    if ws.send(Message::Text(v.to_string())).await.is_err() {
                        break;
                    }
                }
                Some(GatewayCommand::Send(mut v)) => {
                    seq += 1;
                    v["s"] = json!(seq);
                    if ws.send(Message::Text(v.to_string())).await.is_err() {
                        break;
                    }
                }
                Some(GatewayCommand::Close(code)) => {
                    let frame = CloseFrame { code: CloseCode::from(code), reason: "fake".into() };
                    let _ = ws.close(Some(frame)).await;
                    break;
                }
                None => break,
            },
        }
    }
    // Forget this connection unless a newer one of the shard took over.
    if let Some(id) = mine {
        let mut shards = sharded.shards.lock().expect("shards");
        if shards.get(&id).is_some_and(|t| t.same_channel(&tx)) {
            shards.remove(&id);
        }
    }
}

/// For the load benchmark (benches/load.rs): requests taken one by one and not kept, since
/// tens of thousands of callbacks would fill the log.
#[allow(dead_code)]
impl FakeDiscord {
    /// The next request (a waiting one first), or `None` after `wait`.
    pub async fn next_unlogged(&mut self, wait: Duration) -> Option<Recorded> {
        if !self.backlog.is_empty() {
            return Some(self.backlog.remove(0));
        }
        tokio::time::timeout(wait, self.requests.recv())
            .await
            .ok()
            .flatten()
    }
}

// ─────────────── interactions and what the bot sends back, for the e2e tests ───────────────

/// The value of the embed field named `name`.
#[allow(dead_code)] // used by daily_e2e.rs and faults_e2e.rs
pub fn field(embed: &Value, name: &str) -> Option<String> {
    embed["fields"]
        .as_array()?
        .iter()
        .find(|f| f["name"] == name)
        .and_then(|f| f["value"].as_str())
        .map(str::to_string)
}

/// A guild member object: `user` named `username`, with `permissions` in the channel.
#[allow(dead_code)] // used by faults_e2e.rs, quiz_e2e.rs and shards_e2e.rs
pub fn guild_member(user: &str, username: &str, permissions: &str) -> Value {
    json!({
        "user": {"id": user, "username": username, "discriminator": "0",
                 "global_name": null, "avatar": null},
        "roles": [], "deaf": false, "mute": false, "flags": 0,
        "joined_at": "2025-01-01T00:00:00.000000+00:00", "permissions": permissions
    })
}

/// A click on the button `custom_id` of the bot's message `message`, in `guild`'s `channel`,
/// by `member` (a guild member object), with the bot's `app_permissions` there.
#[allow(dead_code)] // used by faults_e2e.rs, quiz_e2e.rs and shards_e2e.rs
#[track_caller]
pub fn click_in(
    id: &str,
    guild: &str,
    channel: &str,
    app_permissions: &str,
    member: Value,
    custom_id: &str,
    message: &str,
) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 3, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": channel, "guild_id": guild, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": app_permissions, "member": member,
        "data": {"custom_id": custom_id, "component_type": 2},
        "message": {
            "id": message, "channel_id": channel,
            "author": {"id": BOT_USER_ID, "username": "summit-bot"},
            "content": "", "timestamp": "2026-11-26T00:00:00.000000+00:00",
            "edited_timestamp": null, "tts": false, "mention_everyone": false,
            "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
            "components": [], "pinned": false, "type": 0
        }
    }))
}

/// Every message the bot sends pings nobody.
#[allow(dead_code)] // used by faults_e2e.rs and quiz_e2e.rs
#[track_caller]
pub fn no_pings(body: &Value) {
    assert_eq!(body["allowed_mentions"]["parse"], json!([]), "{body}");
}

/// The buttons of a message's first row.
#[allow(dead_code)] // used by faults_e2e.rs and quiz_e2e.rs
pub fn buttons(body: &Value) -> Vec<Value> {
    body["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The custom_ids of the right and of a wrong choice of question `round` of the quiz open
/// in `channel` (in `store`), among the buttons of `posted`.
#[allow(dead_code)] // used by faults_e2e.rs and quiz_e2e.rs
pub fn right_and_wrong(
    bank: &summit_bot::commands::Bot,
    store: &dyn summit_bot::store::Store,
    channel: summit_bot::ids::ChannelId,
    round: usize,
    posted: &Value,
) -> (String, String) {
    use summit_bot::quiz::bank::Answer as Truth;
    let quiz = store
        .open_quiz_in(channel)
        .expect("store")
        .expect("an open quiz");
    let question = bank.bank.get(&quiz.questions[round]).expect("in the bank");
    let q = &bank.knowledge.quiz_ui;
    let right_label = |label: &str| match &question.answer {
        Truth::Choice { right, .. } => label.ends_with(&format!(" {right}")),
        Truth::TrueFalse { truth } => {
            label.starts_with(&q.true_false_marks[if *truth { 0 } else { 1 }])
        }
    };
    let (mut right, mut wrong) = (None, None);
    for b in buttons(posted) {
        let label = b["label"].as_str().unwrap_or_default();
        let id = b["custom_id"].as_str().unwrap_or_default().to_string();
        if right_label(label) {
            right = Some(id);
        } else {
            wrong = Some(id);
        }
    }
    (
        right.expect("a right button"),
        wrong.expect("a wrong button"),
    )
}

// ─────────────── a bot in process against the fake, for the e2e tests ───────────────

/// The bot's Discord client (`run_until`) on a task, until the sender is used or dropped.
#[allow(dead_code)] // used by chart_e2e.rs, daily_e2e.rs, faults_e2e.rs and quiz_e2e.rs
pub fn spawn_bot(
    config: summit_bot::config::Config,
    bot: &Arc<summit_bot::commands::Bot>,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<Result<(), summit_bot::discord::DiscordError>>,
) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let run = tokio::spawn(summit_bot::discord::run_until(
        config,
        Arc::clone(bot),
        async move {
            let _ = stopped.await;
        },
    ));
    (stop, run)
}

#[allow(dead_code)] // used by the e2e tests; not by the load benchmark
impl FakeDiscord {
    /// The gateway handshake of one bot as the only shard: its connection, its IDENTIFY
    /// (op 2), then READY for shard 0 of 1.
    pub async fn ready_as_only_shard(&mut self) {
        self.connection().await;
        self.frame(2).await;
        self.dispatch("READY", ready(&self.ws_url, 0, 1));
    }
}
