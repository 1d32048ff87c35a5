//! Every section of the article, every entry, every reply: reachable, Japanese, within limits.

mod common;

use common::*;
use summit_bot::commands::{Action, Bot, Invocation, Response, COMMANDS};

/// What the member sees (these commands have no effects).
fn dispatch(b: &Bot, inv: &Invocation) -> Response {
    summit_bot::commands::dispatch(b, inv).response
}
use summit_bot::knowledge::Kind;

/// Each section heading of the article, the command a user would type, and the entry
/// that must answer it.
const SECTIONS: &[(&str, &str, &str)] = &[
    (
        "トランプ プーチン 会談の全体像と歴史的背景",
        "/topic 全体像",
        "overview",
    ),
    ("開催都市と日時詳細", "/topic 開催都市", "venues"),
    (
        "会談の歴史的意義と米露関係への影響",
        "/topic 歴史的意義",
        "historical-impact",
    ),
    ("会談頻度・形態の変遷と背景", "/topic 会談頻度", "frequency"),
    ("和平交渉の進展と課題点", "/topic 和平交渉", "peace-talks"),
    (
        "経済制裁や軍事協力の取り扱い（制裁）",
        "/topic 経済制裁",
        "sanctions",
    ),
    (
        "経済制裁や軍事協力の取り扱い（軍事）",
        "/topic 軍事協力",
        "military",
    ),
    (
        "経済制裁や軍事協力の取り扱い（エネルギー）",
        "/topic エネルギー",
        "energy",
    ),
    (
        "安全保障（核軍縮・サイバー）",
        "/topic 安全保障",
        "security",
    ),
    (
        "会談後の声明と国際的反響",
        "/topic 共同声明",
        "joint-statement",
    ),
    (
        "米国内の政治的反応と世論動向（政治）",
        "/reactions アメリカ",
        "us-politics",
    ),
    (
        "米国内の政治的反応と世論動向（世論）",
        "/reactions 世論調査",
        "us-polls",
    ),
    ("ロシア側の反応分析", "/reactions ロシア", "russia"),
    ("ウクライナ側の反応分析", "/reactions ウクライナ", "ukraine"),
    ("国際的反響：欧州", "/reactions 欧州", "europe"),
    ("国際的反響：日本", "/reactions 日本", "japan"),
    ("国際的反響：中国", "/reactions 中国", "china"),
    ("メディア報道の傾向と論評", "/reactions メディア", "media"),
    (
        "トランプ ゼレンスキー 会談との比較",
        "/compare ゼレンスキー",
        "zelensky",
    ),
    ("停戦交渉の現状と課題", "/topic 停戦", "ceasefire"),
    (
        "国際的な経済制裁・安全保障への波及効果",
        "/topic 波及効果",
        "impacts",
    ),
    ("会談開催地の地政学的意味合い", "/topic 開催地", "venues"),
    ("会談当日の動きと舞台裏情報", "/topic 舞台裏", "backstage"),
    ("外交儀礼・警備体制の詳細", "/topic 外交儀礼", "protocol"),
    (
        "両首脳の信頼関係と対立点（トランプ）",
        "/people トランプ大統領",
        "trump",
    ),
    (
        "両首脳の信頼関係と対立点（プーチン）",
        "/people プーチン大統領",
        "putin",
    ),
    (
        "周辺人物：ゼレンスキー",
        "/people ゼレンスキー",
        "volodymyr-zelensky",
    ),
    ("周辺人物：習近平", "/people 習近平", "xi-jinping"),
    ("周辺人物：金正恩", "/people 金正恩", "kim-jong-un"),
    (
        "他国首脳との比較分析（習近平）",
        "/compare 習近平会談",
        "xi",
    ),
    (
        "他国首脳との比較分析（金正恩）",
        "/compare 金正恩会談",
        "kim",
    ),
    ("2025年の最新会談情報", "/topic 最新情報", "update-2025"),
    ("今後の追加会談や外交展望", "/topic 展望", "outlook"),
    ("Q&A：会談の回数", "/topic 会談の回数", "qa-count"),
    ("Q&A：頻度", "/topic 会う頻度", "qa-frequency"),
    ("Q&A：会談の主な目的", "/topic 会談の目的", "qa-purpose"),
    ("Q&A：期待される成果", "/topic 成果", "qa-results"),
    (
        "Q&A：誤解や誤情報",
        "/topic よくある誤解",
        "qa-misconceptions",
    ),
    ("Q&A：誤解の一つ（密約）", "/myth 密約", "myth-secret-deal"),
    ("電話会談", "/topic 電話会談", "phone-calls"),
    (
        "歴代米露首脳会談の特徴比較",
        "/compare 歴代首脳会談",
        "past-summits",
    ),
    (
        "会談成果の定量的評価と影響分析",
        "/topic 定量的評価",
        "quantitative",
    ),
    (
        "主要開催都市：ヘルシンキ",
        "/summit ヘルシンキ",
        "helsinki-2018",
    ),
    ("主要開催都市：大阪", "/summit 大阪", "osaka-2019"),
    (
        "主要開催都市：アラスカ",
        "/summit アラスカ",
        "anchorage-2025",
    ),
];

#[test]
fn every_article_section_is_answered_by_a_command() {
    for (heading, line, id) in SECTIONS {
        let r = reply(run(line));
        assert!(
            !r.embeds.is_empty(),
            "{heading}: {line} gave no embed: {}",
            text(&r)
        );
        assert_eq!(title(&r), title_of(id), "{heading}: {line}");
    }
}

/// The command that shows items of a kind, and the option it takes.
fn command_for(kind: Kind) -> &'static str {
    match kind {
        Kind::Meeting => "summit",
        Kind::Topic | Kind::Qa | Kind::Calls => "topic",
        Kind::Reaction => "reactions",
        Kind::Comparison | Kind::PastSummit => "compare",
        Kind::Myth => "myth",
        Kind::Person => "people",
    }
}

#[test]
fn every_entry_is_reachable_by_id_and_by_each_alias() {
    let k = &bot().knowledge;
    for item in k.items() {
        let cmd = command_for(item.kind());
        let by_id = reply(run(&format!("/{cmd} {}", item.id())));
        assert_eq!(title(&by_id), title_of(item.id()), "/{cmd} {}", item.id());
        for alias in item.aliases() {
            let r = reply(run(&format!("/{cmd} {alias}")));
            assert!(
                !r.embeds.is_empty() && title(&r) == title_of(item.id()),
                "/{cmd} {alias} should show {} but showed: {}",
                item.id(),
                text(&r)
            );
        }
    }
}

/// Every view, every page, every command with odd input: inside Discord's limits.
#[test]
fn every_reply_stays_inside_discord_limits() {
    let b = bot();
    let mut checked = 0;
    let odd_inputs = [
        "",
        "   ",
        "ﾍﾙｼﾝｷ",
        "helsinki",
        "HELSINKI",
        "@everyone",
        "<@123456789> 教えて",
        "😀🇯🇵",
        "\u{0007}\u{001b}[31m制御文字",
        "大阪2019",
        "zzzzzz",
        "あ",
        &"長".repeat(99),
        &"長".repeat(101),
        &"トランプ".repeat(1500),
    ];
    for spec in COMMANDS {
        let mut lines = vec![format!("/{}", spec.name)];
        for input in &odd_inputs {
            lines.push(format!("/{} {input}", spec.name));
        }
        for line in lines {
            let r = reply(run(&line));
            assert!(r.violations().is_empty(), "{line}: {:?}", r.violations());
            let shown = text(&r);
            assert!(
                !shown.contains("@everyone"),
                "{line} echoed a mention: {shown}"
            );
            assert!(
                !shown.chars().any(|c| c.is_control() && c != '\n'),
                "{line}: control characters"
            );
            checked += 1;
        }
    }
    // Every page of every item, reached through the buttons a user presses.
    for item in b.knowledge.items() {
        let cmd = command_for(item.kind());
        let mut r = reply(run(&format!("/{cmd} {}", item.id())));
        let mut pages = 1;
        loop {
            assert!(
                r.violations().is_empty(),
                "{}: {:?}",
                item.id(),
                r.violations()
            );
            checked += 1;
            let next = r
                .rows
                .iter()
                .flatten()
                .find(|b| !b.disabled && b.label == b_next());
            let Some(next) = next else { break };
            r = reply(dispatch(
                b,
                &invocation(Action::Button {
                    custom_id: next.custom_id.clone(),
                }),
            ));
            pages += 1;
            assert!(pages < 50, "{}: pagination does not end", item.id());
        }
    }
    assert!(checked > 100);
}

fn b_next() -> String {
    bot().knowledge.ui.page_next.clone()
}

#[test]
fn pagination_buttons_walk_the_pages_and_refuse_others() {
    let b = bot();
    let first = reply(run("/about"));
    let next = first
        .rows
        .iter()
        .flatten()
        .find(|x| x.label == b.knowledge.ui.page_next && !x.disabled)
        .expect("/about has more than one page")
        .clone();
    assert!(next.custom_id.starts_with("v1:"));
    let Response::Update(second) = dispatch(
        b,
        &invocation(Action::Button {
            custom_id: next.custom_id.clone(),
        }),
    ) else {
        panic!("a page button updates the message");
    };
    assert_ne!(second.embeds[0], first.embeds[0]);
    assert!(second.embeds[0]
        .footer
        .as_deref()
        .unwrap_or("")
        .contains('2'));

    // Another user presses it: refused, ephemeral, in Japanese.
    let mut other = invocation(Action::Button {
        custom_id: next.custom_id.clone(),
    });
    other.user_id = summit_bot::ids::UserId(99);
    let r = reply(dispatch(b, &other));
    assert!(r.ephemeral);
    assert_eq!(
        r.content.as_deref(),
        Some(b.knowledge.ui.button_not_yours.as_str())
    );

    // An hour later: expired.
    let mut late = invocation(Action::Button {
        custom_id: next.custom_id.clone(),
    });
    late.now += 3600;
    let r = reply(dispatch(b, &late));
    assert_eq!(
        r.content.as_deref(),
        Some(b.knowledge.ui.button_expired.as_str())
    );

    // Tampered ids are refused, never panic.
    for bad in [
        "",
        "v1",
        "v2:p:about:1:4242:1795651200",
        "v1:p:about:99999999999999999999999:4242:1",
        "v1:p:../../etc:1:4242:1795651200",
        "v1:p:about:-1:4242:1795651200",
        "v1:x:about:1:4242:1795651200",
        "v1:p:ＡＢＣ:1:4242:1795651200",
        &"v1:p:about:1:4242:".repeat(20),
    ] {
        let r = reply(dispatch(
            b,
            &invocation(Action::Button {
                custom_id: bad.to_string(),
            }),
        ));
        assert!(r.ephemeral, "{bad}");
        assert_eq!(
            r.content.as_deref(),
            Some(b.knowledge.ui.button_invalid.as_str()),
            "{bad}"
        );
    }
    // A well-formed id for something that does not exist.
    let r = reply(dispatch(
        b,
        &invocation(Action::Button {
            custom_id: format!("v1:p:no-such-thing:0:{USER}:{NOW}"),
        }),
    ));
    assert_eq!(
        r.content.as_deref(),
        Some(b.knowledge.ui.button_invalid.as_str())
    );
}

#[test]
fn unknown_values_get_a_friendly_answer_with_choices() {
    let b = bot();
    let r = reply(run("/summit ニューヨーク"));
    assert!(r.ephemeral);
    let shown = text(&r);
    assert!(shown.contains("ニューヨーク"), "{shown}");
    // It offers valid meetings to pick.
    assert!(
        b.knowledge
            .meetings
            .iter()
            .any(|m| shown.contains(&m.city_ja)),
        "{shown}"
    );

    let r = reply(run("/nosuchcommand"));
    assert!(r.ephemeral);
    assert!(text(&r).contains("/help"));

    let r = reply(run("/topic"));
    assert!(
        r.ephemeral,
        "a missing required option is the user's mistake"
    );
}

#[test]
fn typing_variants_reach_the_same_meeting() {
    let helsinki = title_of("helsinki-2018");
    for line in [
        "/summit ヘルシンキ",
        "/summit ﾍﾙｼﾝｷ",
        "/summit へるしんき",
        "/summit Helsinki",
        "/summit HELSINKI",
        "/summit ＨＥＬＳＩＮＫＩ",
        "/summit meeting:helsinki-2018",
        "/会談 会談:ヘルシンキ",
        "/summit ヘルシンキ会談",
        "/summit 2018年7月",
    ] {
        assert_eq!(title(&reply(run(line))), helsinki, "{line}");
    }
    assert_eq!(
        title(&reply(run("/summit 大阪2019"))),
        title_of("osaka-2019")
    );
}

#[test]
fn summit_without_argument_is_the_timeline_of_every_meeting() {
    let r = reply(run("/summit"));
    let shown = text(&r);
    for m in &bot().knowledge.meetings {
        assert!(shown.contains(&m.city_ja), "timeline lacks {}", m.city_ja);
    }
    assert!(!r.ephemeral);
}

#[test]
fn corrections_are_stated_and_no_placeholder_reaches_a_user() {
    // Anchorage: the record, and a line on what the article said.
    let shown = text(&reply(run("/summit アラスカ")));
    assert!(shown.contains("2025年8月15日"), "{shown}");
    assert!(shown.contains("元記事"), "{shown}");
    // /about lists the corrections and the as-of date.
    let about = text(&reply(run("/about")));
    let as_of = bot().ui().date(&bot().knowledge.meta.as_of);
    assert_eq!(as_of, "2026年4月29日");
    assert!(about.contains(&as_of), "{about}");
    // No placeholder anywhere a user can reach.
    for item in bot().knowledge.items() {
        for page in summit_bot::commands::pages_of(bot(), item.id()).expect("renders") {
            let s = format!("{page:?}");
            assert!(!s.contains("XX"), "{}: placeholder", item.id());
        }
    }
}

#[test]
fn help_lists_every_command_of_the_table() {
    let shown = text(&reply(run("/help")));
    for spec in COMMANDS {
        assert!(
            shown.contains(&format!("/{}", spec.name)),
            "/help lacks /{}",
            spec.name
        );
    }
}

#[test]
fn autocomplete_offers_matching_meetings_within_limits() {
    let b = bot();
    let Response::Choices(choices) = dispatch(
        b,
        &invocation(Action::Autocomplete {
            command: "summit".into(),
            option: "meeting".into(),
            partial: "へる".into(),
        }),
    ) else {
        panic!("autocomplete answers with choices");
    };
    assert_eq!(
        choices.first().map(|c| c.value.as_str()),
        Some("helsinki-2018")
    );
    for partial in ["", "x", &"長".repeat(5000), "@everyone"] {
        let Response::Choices(choices) = dispatch(
            b,
            &invocation(Action::Autocomplete {
                command: "summit".into(),
                option: "meeting".into(),
                partial: partial.to_string(),
            }),
        ) else {
            panic!("choices");
        };
        assert!(choices.len() <= 25);
        for c in choices {
            assert!(c.name.chars().count() <= 100 && c.value.chars().count() <= 100);
        }
    }
}

#[test]
fn fact_shows_a_fact_with_its_source() {
    let r = reply(run("/fact"));
    let footer = r.embeds[0].footer.clone().unwrap_or_default();
    assert!(footer.contains(&bot().ui().date(&bot().knowledge.meta.as_of)));
    assert!(bot()
        .knowledge
        .facts
        .iter()
        .any(|f| r.embeds[0].description == f.text));
}

#[test]
fn optional_names_left_out_list_what_can_be_asked() {
    let k = &bot().knowledge;
    let shown = text(&reply(run("/myth")));
    for m in &k.myths {
        assert!(shown.contains(&m.title), "/myth lacks {}", m.title);
    }
    let shown = text(&reply(run("/reactions")));
    for r in &k.reactions {
        assert!(shown.contains(&r.title), "/reactions lacks {}", r.title);
    }
    let shown = text(&reply(run("/people")));
    assert!(shown.contains(&k.people[0].title));
}

#[test]
fn invisible_formatting_characters_never_come_back() {
    // A right-to-left override, zero-width characters and a BOM around what is echoed.
    for line in [
        "/ask \u{202e}ヘルシンキの天気\u{202c}",
        "/ask \u{200b}\u{2066}宇宙の始まり\u{2069}\u{feff}",
        "/summit \u{202e}nowhere\u{200d}",
        "/topic \u{061c}存在しない議題",
    ] {
        let shown = text(&reply(run(line)));
        for c in [
            '\u{202e}', '\u{202c}', '\u{200b}', '\u{200d}', '\u{2066}', '\u{2069}', '\u{feff}',
            '\u{061c}',
        ] {
            assert!(
                !shown.contains(c),
                "{line:?} echoed U+{:04X}: {shown}",
                c as u32
            );
        }
    }
}
