//! What a member sees from /ask: in the console, through dispatch, and from the CLI.

use summit_bot::commands::{dispatch, Action, Bot, Invocation, Response, COMMANDS};
use summit_bot::knowledge::Knowledge;
use summit_bot::reply::Reply;

const NOW: u64 = 1_800_000_000;
const USER: u64 = 42;

fn bot() -> Bot {
    Bot::new(Knowledge::embedded().expect("dataset loads"))
}

fn run(bot: &Bot, action: Action) -> Response {
    dispatch(
        bot,
        &Invocation {
            user_id: summit_bot::ids::UserId(USER),
            user_is_bot: false,
            guild_id: Some(summit_bot::ids::GuildId(7)),
            channel_id: summit_bot::ids::ChannelId(70),
            permissions: None,
            app_permissions: None,
            channel_permissions: Vec::new(),
            now: NOW,
            sent: None,
            action,
        },
    )
    .response
}

fn ask(bot: &Bot, question: &str) -> Response {
    run(
        bot,
        Action::Command {
            name: "ask".into(),
            subcommand: None,
            options: vec![("question".into(), question.into())],
        },
    )
}

fn message(response: Response) -> Reply {
    match response {
        Response::Message(r) | Response::Update(r) => r,
        Response::Choices(c) => panic!("expected a message, got choices {c:?}"),
    }
}

fn console(bot: &Bot, input: &str) -> String {
    let mut out = Vec::new();
    summit_bot::console::run(bot, input.as_bytes(), &mut out, false, || NOW).expect("console runs");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn an_answer_is_the_entrys_own_embed_with_source_and_date() {
    let bot = bot();
    let reply = message(ask(&bot, "トランプとプーチンって何回会ったの？"));
    let own = message(run(
        &bot,
        Action::Command {
            name: "topic".into(),
            subcommand: None,
            options: vec![("name".into(), "qa-count".into())],
        },
    ));
    // The same embed as its own command, with the direct sentence on top (issue 7).
    let (answer, card) = (&reply.embeds[0], &own.embeds[0]);
    let (direct, rest) = answer
        .description
        .split_once("\n\n")
        .expect("a direct sentence, then the card");
    assert!(direct.contains("7回"), "{direct}");
    assert_eq!(rest, card.description);
    assert_eq!((&answer.title, &answer.fields), (&card.title, &card.fields));
    assert_eq!(reply.embeds.len(), own.embeds.len());
    let footer = reply.embeds[0].footer.as_deref().expect("footer");
    assert!(
        footer.contains(&bot.ui().date(&bot.knowledge.meta.as_of)),
        "{footer}"
    );
    assert!(!reply.ephemeral);
    assert!(reply.violations().is_empty());
}

#[test]
fn out_of_scope_is_an_honest_i_dont_know_with_next_steps() {
    let bot = bot();
    let reply = message(ask(&bot, "安倍とプーチンの会談について"));
    assert!(reply.ephemeral);
    let embed = &reply.embeds[0];
    assert_eq!(embed.title, bot.ui().ask_unknown_title);
    assert!(embed.description.contains("安倍とプーチンの会談"));
    assert!(embed.fields.iter().any(|f| f.value.contains("/質問")));
    assert!(reply.rows.is_empty());
}

#[test]
fn empty_and_huge_questions_get_a_short_ephemeral_message() {
    let bot = bot();
    for question in ["", "   ", "　？！"] {
        let reply = message(ask(&bot, question));
        assert!(reply.ephemeral, "{question:?}");
        assert_eq!(
            reply.content.as_deref(),
            Some(bot.ui().input_empty.as_str())
        );
    }
    let reply = message(ask(&bot, &"プーチン".repeat(1500)));
    assert!(reply.ephemeral);
    let text = reply.content.expect("content");
    assert!(text.chars().count() < 100 && text.contains("300"), "{text}");
}

#[test]
fn maybe_buttons_show_the_entry_when_pressed() {
    let bot = bot();
    // A person's page has no sample question of this shape: the matcher is unsure.
    let reply = message(ask(&bot, "トランプってどんな人"));
    let buttons: Vec<_> = reply.rows.iter().flatten().collect();
    assert!(!buttons.is_empty() && buttons.len() <= 3, "{reply:?}");
    let trump = bot.knowledge.item("trump").expect("trump").label();
    assert_eq!(buttons[0].label, trump);
    let pressed = run(
        &bot,
        Action::Button {
            custom_id: buttons[0].custom_id.clone(),
        },
    );
    let Response::Update(shown) = pressed else {
        panic!("a pressed もしかして button replaces the message: {pressed:?}");
    };
    assert!(shown.embeds[0].title.contains("トランプ"), "{shown:?}");
}

#[test]
fn the_console_answers_ask_and_presses_maybe_buttons() {
    let bot = bot();
    let out = console(&bot, "/ask ヘルシンキ会談で何があった？\n");
    assert!(out.contains("【ヘルシンキ"), "{out}");
    let out = console(&bot, "/質問 質問文:トランプってどんな人\n1\n");
    assert!(out.contains("[1] "), "{out}");
    assert!(out.contains("【ドナルド・トランプ"), "{out}");
    let out = console(&bot, "/ask 今日の天気は？\n");
    assert!(out.contains(&bot.ui().ask_unknown_title), "{out}");
}

#[test]
fn autocomplete_offers_sample_questions_that_fit_discord() {
    let bot = bot();
    for (command, option) in [("ask", "question"), ("質問", "質問文")] {
        let Response::Choices(choices) = run(
            &bot,
            Action::Autocomplete {
                command: command.into(),
                option: option.into(),
                partial: "ヘルシンキ".into(),
            },
        ) else {
            panic!("choices expected");
        };
        assert!(!choices.is_empty() && choices.len() <= 25);
        assert!(choices[0].name.contains("ヘルシンキ"), "{choices:?}");
        for c in &choices {
            assert!(c.name.chars().count() <= 100 && c.value.chars().count() <= 100);
            assert_eq!(c.name, c.value, "picking one submits the question");
        }
    }
    let Response::Choices(choices) = run(
        &bot,
        Action::Autocomplete {
            command: "ask".into(),
            option: "question".into(),
            partial: String::new(),
        },
    ) else {
        panic!("choices expected");
    };
    assert_eq!(choices.len(), 25, "an empty box still offers questions");
}

#[test]
fn name_options_resolve_free_text_with_the_same_matcher() {
    let bot = bot();
    for (text, title) in [("大阪2019", "大阪"), ("ﾍﾙｼﾝｷ", "ヘルシンキ")] {
        let reply = message(run(
            &bot,
            Action::Command {
                name: "summit".into(),
                subcommand: None,
                options: vec![("meeting".into(), text.into())],
            },
        ));
        assert!(reply.embeds[0].title.contains(title), "{text}: {reply:?}");
    }
}

#[test]
fn cli_ask_json_is_one_object_as_specified() {
    let bin = env!("CARGO_BIN_EXE_summit-bot");
    let out = std::process::Command::new(bin)
        .args(["ask", "--json", "ヘルシンキ会談はどうだった？"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(stdout.trim().lines().count(), 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(v["answered"], true);
    assert_eq!(v["entry"], "helsinki-2018");
    assert!(v["score"].is_number());
    assert_eq!(v["suggestions"], serde_json::json!([]));
    assert_eq!(v["response"]["type"], 4);
    assert_eq!(
        v["response"]["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    assert!(v["response"]["data"]["embeds"][0]["footer"]["text"].is_string());
    // Nothing asked of a field: no direct sentence.
    assert_eq!(v["direct"], serde_json::Value::Null);

    let out = std::process::Command::new(bin)
        .args(["ask", "--json", "ヘルシンキ会談はいつ？"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let direct = v["direct"].as_str().expect("a direct sentence");
    assert!(direct.contains("2018年7月16日"), "{direct}");
    let description = v["response"]["data"]["embeds"][0]["description"]
        .as_str()
        .expect("description");
    assert!(description.starts_with(direct), "{description}");

    let out = std::process::Command::new(bin)
        .args(["ask", "--json", "プーチンの身長は？"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["answered"], false);
    assert_eq!(v["entry"], serde_json::Value::Null);
    assert_eq!(v["direct"], serde_json::Value::Null);
    assert_eq!(v["response"]["data"]["flags"], 64);

    let out = std::process::Command::new(bin)
        .args(["ask", "--json", "  "])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("質問"));
}

#[test]
fn an_emoji_only_question_is_not_empty_but_unknown() {
    let bot = bot();
    let reply = message(ask(&bot, "🍣🍣🍣"));
    assert!(reply.ephemeral);
    assert_ne!(
        reply.content.as_deref(),
        Some(bot.ui().input_empty.as_str())
    );
    assert_eq!(title_of_reply(&reply), bot.ui().ask_unknown_title);
}

fn title_of_reply(reply: &summit_bot::reply::Reply) -> String {
    reply
        .embeds
        .first()
        .map(|e| e.title.clone())
        .unwrap_or_default()
}

/// Who met whom: a pair of people is matched as a pair, never by one name alone.
#[test]
fn pairs_of_leaders_reach_their_own_meeting_or_nothing() {
    use summit_bot::search::Decision;
    let bot = bot();
    let answer = |q: &str| match bot.index.ask(q) {
        Decision::Answer { id, .. } => Some(id),
        _ => None,
    };
    // Trump and Putin are every entry's subject: a place still decides.
    assert_eq!(
        answer("G20ブエノスアイレスでのトランプとプーチン").as_deref(),
        Some("buenos-aires-2018")
    );
    // Earlier pairs reach their own summits.
    assert_eq!(
        answer("レーガンとゴルバチョフの会談").as_deref(),
        Some("geneva-1985")
    );
    assert_eq!(
        answer("バイデンとプーチンの会談").as_deref(),
        Some("geneva-2021")
    );
    // Comparing Trump's meetings with Zelensky and with Putin is the comparison entry.
    assert_eq!(
        answer("ゼレンスキーとの会談とプーチンとの会談の違いは？").as_deref(),
        Some("zelensky")
    );
    // Putin with Xi is no entry here, though the Trump–Xi comparison names both.
    assert_eq!(answer("プーチンと習近平の会談"), None);
    assert_eq!(answer("プーチンとゼレンスキーの会談"), None);
}

#[test]
fn i_dont_know_lists_the_commands_of_the_table() {
    let bot = bot();
    let reply = message(ask(&bot, "明日の天気は？"));
    let embed = &reply.embeds[0];
    let list = &embed
        .fields
        .iter()
        .find(|f| f.name == bot.ui().ask_unknown_commands)
        .expect("a list of commands")
        .value;
    for spec in COMMANDS.iter().filter(|s| !s.admin && s.name != "ask") {
        let ja = &bot
            .knowledge
            .commands
            .get(spec.name)
            .expect("texts")
            .name_ja;
        assert!(list.contains(&format!("/{ja}")), "{ja} missing from {list}");
    }
}

#[test]
fn noise_around_a_question_does_not_count_against_it() {
    let bot = bot();
    for question in [
        "@everyone ヘルシンキ会談",
        "<@123456> ヘルシンキ会談 🙏🙏",
        "ヘルシンキ会談 https://example.com/news?id=1",
        "お手数ですが、ヘルシンキ会談の結果についてご教示いただけますでしょうか。",
    ] {
        let reply = message(ask(&bot, question));
        assert!(
            reply.embeds[0].title.contains("ヘルシンキ"),
            "{question}: {:?}",
            reply.embeds[0].title
        );
    }
}

#[test]
fn a_field_question_gets_a_direct_sentence_first() {
    let bot = bot();
    let reply = message(ask(&bot, "大阪での会談はいつ？"));
    let first = reply.embeds[0].description.lines().next().expect("a line");
    assert!(
        first.contains("2019年6月28日") && first.contains("G20大阪サミット"),
        "{first}"
    );
    let reply = message(ask(&bot, "2018年に何回会った？"));
    let first = reply.embeds[0].description.lines().next().expect("a line");
    assert!(first.contains("3回"), "{first}");
}

#[test]
fn another_countrys_leader_is_out_of_scope() {
    let bot = bot();
    for question in [
        "ドイツの首相は誰？",
        "フランスの大統領って誰",
        "Who is the German chancellor?",
    ] {
        let reply = message(ask(&bot, question));
        assert_eq!(
            reply.embeds[0].title,
            bot.ui().ask_unknown_title,
            "{question}"
        );
    }
}

#[test]
fn what_someone_said_after_a_meeting_is_the_meetings() {
    let bot = bot();
    let reply = message(ask(&bot, "アラスカ会談のあとペスコフは何と言った？"));
    assert!(
        reply.embeds[0].title.contains("アンカレッジ"),
        "{}",
        reply.embeds[0].title
    );
    // Who he is, though, is his own page.
    let reply = message(ask(&bot, "ペスコフって何者？"));
    assert!(
        reply.embeds[0].title.contains("ペスコフ"),
        "{}",
        reply.embeds[0].title
    );
}

#[test]
fn which_lasted_longer_is_said_from_the_records() {
    let bot = bot();
    let reply = message(ask(&bot, "ハンブルク会談と大阪会談はどちらが長かった？"));
    let first = reply.embeds[0].description.lines().next().expect("a line");
    assert!(
        first.contains("2時間15分") && first.contains("1時間20分"),
        "{first}"
    );
}
