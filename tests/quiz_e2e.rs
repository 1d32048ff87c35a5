//! A group quiz end to end: the real serenity client of the bot against a fake Discord on
//! 127.0.0.1, on a real SQLite file. Three members play two questions: one right and fast,
//! one right and slow, one wrong who also clicks twice. The fake appends every request to
//! `target/discord-capture-quiz.jsonl`, which CI checks with `validate.py`.

#[path = "support/fake_discord.rs"]
#[allow(dead_code)] // shared with discord_e2e.rs, which uses the rest
mod fake_discord;

use fake_discord::{buttons, checked, no_pings, FakeDiscord, Recorded, APP_ID};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use summit_bot::commands::Bot;
use summit_bot::config::Config;
use summit_bot::ids::ChannelId;
use summit_bot::knowledge::{Source, UiText};
use summit_bot::store::{SqliteStore, Store};

const TOKEN: &str = "MTAw.fake-token.quiz-secret-do-not-log";
const GUILD: &str = "930000000000000001";
const CHANNEL: &str = "940000000000000002";
const FAST: &str = "950000000000000011";
const SLOW: &str = "950000000000000012";
const WRONG: &str = "950000000000000013";
const MEMBER_PERMS: &str = "3072";

fn member(user: &str) -> Value {
    fake_discord::guild_member(user, &format!("m{}", &user[16..]), MEMBER_PERMS)
}

fn quiz_command(id: &str, user: &str, sub: &str, options: Value) -> Value {
    checked(json!({
        "id": id, "application_id": APP_ID, "type": 2, "token": format!("itoken-{id}"),
        "version": 1, "channel_id": CHANNEL, "guild_id": GUILD, "locale": "ja",
        "guild_locale": "ja", "entitlements": [], "attachment_size_limit": 26214400,
        "app_permissions": "2048", "member": member(user),
        "data": {"id": "960000000000000002", "name": "quiz", "type": 1,
                 "options": [{"name": sub, "type": 1, "options": options}]}
    }))
}

fn click(id: &str, custom_id: &str, user: &str, message: &str) -> Value {
    fake_discord::click_in(id, GUILD, CHANNEL, "2048", member(user), custom_id, message)
}

struct Ids(u64);

impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("97100000000000{:04}", self.0)
    }
}

/// The callback's ephemeral text.
#[track_caller]
fn ephemeral(r: &Recorded) -> String {
    let data = &r.body["data"];
    no_pings(data);
    assert_eq!(
        data["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "ephemeral: {data}"
    );
    data["content"].as_str().unwrap_or_default().to_string()
}

/// The custom_ids of the right and of a wrong choice of the open question.
fn right_and_wrong(bot: &Bot, round: usize, posted: &Value) -> (String, String) {
    let channel = ChannelId(CHANNEL.parse().expect("channel id"));
    fake_discord::right_and_wrong(bot, bot.store.as_ref(), channel, round, posted)
}

/// The id the fake gave the newest message of the quiz channel.
fn last_message_id(fake: &FakeDiscord) -> String {
    let messages = fake.messages(CHANNEL);
    let newest = messages
        .iter()
        .max_by_key(|m| m["id"].as_str().and_then(|id| id.parse::<u64>().ok()));
    newest
        .and_then(|m| m["id"].as_str())
        .expect("a message in the channel")
        .to_string()
}

async fn posted(fake: &mut FakeDiscord, what: &str) -> Recorded {
    let path = format!("/api/v10/channels/{CHANNEL}/messages");
    let r = fake
        .request(what, |r| r.method == "POST" && r.path == path)
        .await;
    no_pings(&r.body);
    r
}

async fn edited(fake: &mut FakeDiscord, what: &str) -> Recorded {
    let prefix = format!("/api/v10/channels/{CHANNEL}/messages/");
    let r = fake
        .request(what, |r| r.method == "PATCH" && r.path.starts_with(&prefix))
        .await;
    no_pings(&r.body);
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_members_play_a_group_quiz_through_discord() {
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    let capture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture-quiz.jsonl");
    if let Some(dir) = capture.parent() {
        std::fs::create_dir_all(dir).expect("capture folder");
    }
    std::fs::write(&capture, "").expect("truncate the capture");
    let mut fake = FakeDiscord::start(capture).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("quiz.sqlite3")).expect("a SQLite file");
    let bot = Arc::new(
        summit_bot::check::load(&Source::Embedded, Arc::new(store) as Arc<dyn Store>)
            .expect("the real dataset loads"),
    );
    let q = bot.knowledge.quiz_ui.clone();
    let mut ids = Ids(0);

    let (stop, run) = fake_discord::spawn_bot(config(&fake), &bot);
    fake.ready_as_only_shard().await;

    // Registration: /quiz with its subcommands, options and choices in Japanese.
    let put = fake
        .request("registration", |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await;
    let quiz = put
        .body
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["name"] == "quiz");
    let quiz = quiz.expect("quiz is registered").clone();
    assert_eq!(quiz["name_localizations"]["ja"], "クイズ");
    let start = &quiz["options"][0];
    assert_eq!(
        (start["type"].clone(), start["name"].clone()),
        (json!(1), json!("start"))
    );
    assert_eq!(start["name_localizations"]["ja"], "開始");
    let questions = &start["options"][0];
    assert_eq!(
        (
            questions["type"].clone(),
            questions["min_value"].clone(),
            questions["max_value"].clone()
        ),
        (json!(4), json!(1), json!(20))
    );
    let mode = &start["options"][2];
    assert_eq!(mode["choices"][0]["name_localizations"]["ja"], "みんなで");

    // /quiz start 問題数:2 制限時間:10 — the announcement, then question 1 in the channel.
    let id = ids.next();
    let options = json!([{"name": "questions", "type": 4, "value": 2},
                         {"name": "seconds", "type": 4, "value": 10}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        quiz_command(&id, FAST, "start", options),
    );
    let announce = fake.callback(&id).await;
    assert_eq!(announce.body["type"], 4);
    no_pings(&announce.body["data"]);
    assert_eq!(announce.body["data"]["embeds"][0]["title"], q.start_title);
    let first = posted(&mut fake, "question 1").await;
    let first_id = last_message_id(&fake);
    let title = first.body["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default();
    assert!(title.contains('1') && title.contains('2'), "{title}");
    let labels: Vec<String> = buttons(&first.body)
        .iter()
        .map(|b| b["label"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(labels.len() == 4 || labels.len() == 2, "{labels:?}");
    for (label, mark) in labels.iter().zip(["A", "B", "C", "D"]) {
        if labels.len() == 4 {
            assert!(label.starts_with(mark), "{label}");
        }
    }
    let (right, wrong) = right_and_wrong(&bot, 0, &first.body);

    // The fast member is right at once; the wrong one clicks twice; the slow one later.
    let marks = [q.choice_marks.clone(), q.true_false_marks.clone()].concat();
    let received = |text: &str| {
        marks
            .iter()
            .any(|m| text == UiText::fill(&q.answer_received, &[("choice", m)]))
    };
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &right, FAST, &first_id));
    let text = ephemeral(&fake.callback(&id).await);
    assert!(received(&text), "{text}");
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &wrong, WRONG, &first_id));
    assert!(received(&ephemeral(&fake.callback(&id).await)));
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &right, WRONG, &first_id));
    assert_eq!(ephemeral(&fake.callback(&id).await), q.already_answered);
    tokio::time::sleep(Duration::from_secs(4)).await;
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &right, SLOW, &first_id));
    assert!(received(&ephemeral(&fake.callback(&id).await)));

    // Time is up: the question message is edited into the reveal, buttons disabled.
    let reveal = edited(&mut fake, "the reveal of question 1").await;
    assert!(reveal.path.ends_with(&first_id), "{}", reveal.path);
    assert!(buttons(&reveal.body)
        .iter()
        .all(|b| b["disabled"] == json!(true)));
    let fields = reveal.body["embeds"][0]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let winners = fields
        .iter()
        .find(|f| f["name"].as_str().is_some_and(|n| n.contains('3')))
        .map(|f| f["value"].as_str().unwrap_or_default().to_string())
        .expect("the winners field (3 answered)");
    let points = |user: &str| -> Option<u32> {
        let at = winners.find(&format!("<@{user}>"))?;
        let rest = &winners[at..];
        let digits: String = rest[rest.find('+')? + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let (fast, slow) = (points(FAST), points(SLOW));
    // 10 for a right answer plus up to 5 for speed; four seconds later is at least 2 less.
    let (fast, slow) = (fast.expect(&winners), slow.expect(&winners));
    assert!(
        (10..=15).contains(&fast) && (10..=15).contains(&slow),
        "{winners}"
    );
    assert!(
        fast >= slow + 2,
        "the faster right answer earns more: {winners}"
    );
    assert!(!winners.contains(WRONG), "{winners}");

    // Question 2: when all three have answered, the reveal and the ranking come at once.
    let second = posted(&mut fake, "question 2").await;
    let second_id = last_message_id(&fake);
    let (right, wrong) = right_and_wrong(&bot, 1, &second.body);
    for (user, choice) in [(FAST, &right), (SLOW, &right), (WRONG, &wrong)] {
        let id = ids.next();
        fake.dispatch("INTERACTION_CREATE", click(&id, choice, user, &second_id));
        ephemeral(&fake.callback(&id).await);
    }
    let reveal = edited(&mut fake, "the reveal of question 2").await;
    assert!(reveal.path.ends_with(&second_id));
    let ranking = posted(&mut fake, "the ranking").await;
    let embed = &ranking.body["embeds"][0];
    assert_eq!(embed["title"], q.ranking_title);
    let lines: Vec<&str> = embed["description"]
        .as_str()
        .unwrap_or_default()
        .lines()
        .collect();
    assert!(
        lines[0].contains(FAST) && lines[1].contains(SLOW) && lines[2].contains(WRONG),
        "{lines:?}"
    );

    // A click on the finished quiz counts nothing.
    let id = ids.next();
    fake.dispatch("INTERACTION_CREATE", click(&id, &right, WRONG, &second_id));
    assert_eq!(ephemeral(&fake.callback(&id).await), q.quiz_over);

    // /quiz leaderboard 期間:全期間 — the same order, for the server.
    let id = ids.next();
    let options = json!([{"name": "period", "type": 3, "value": "all"}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        quiz_command(&id, SLOW, "leaderboard", options),
    );
    let board = fake.callback(&id).await;
    no_pings(&board.body["data"]);
    let text = board.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let (a, b) = (text.find(FAST), text.find(SLOW));
    assert!(a.is_some() && b.is_some() && a < b, "{text}");

    let _ = stop.send(());
    let result = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the bot stops")
        .expect("no panic");
    assert!(result.is_ok(), "{result:?}");
}

fn config(fake: &FakeDiscord) -> Config {
    fake_discord::bot_config(&fake.api_base, TOKEN, &[("DISCORD_DEFER_AFTER_MS", "2000")])
}
