//! Key answers as the JSON Discord receives (the same body `summit-bot ask --json` prints).

mod common;

use common::*;
use serde_json::{json, Value};
use summit_bot::discord::convert::interaction_body;

fn body(line: &str) -> Value {
    let r = reply(run(line));
    interaction_body(&r, false)
}

#[test]
fn helsinki_as_discord_receives_it() {
    let b = body("/summit ヘルシンキ");
    assert_eq!(b["type"], 4);
    let data = &b["data"];
    assert_eq!(data["allowed_mentions"]["parse"], json!([]));
    assert!(data.get("flags").is_none(), "a public answer");
    let embed = &data["embeds"][0];
    assert_eq!(embed["title"], "ヘルシンキ（フィンランド）2018年7月16日");
    assert!(embed["description"]
        .as_str()
        .expect("description")
        .starts_with("文書による合意はありません。"));
    let names: Vec<&str> = embed["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "日付",
            "場所",
            "会場",
            "開催の場",
            "形式",
            "所要時間",
            "出席者",
            "主な議題",
            "地政学的な意味",
            "元記事との違い"
        ]
    );
    assert_eq!(embed["fields"][4]["value"], "単独の首脳会談");
    let footer = embed["footer"]["text"].as_str().expect("footer");
    assert!(
        footer.starts_with("出典：英語版Wikipedia『2018 Russia–United States summit』")
            && !footer.contains("公開記録")
            && footer.ends_with("2026年4月29日時点の情報です"),
        "{footer}"
    );
    assert_eq!(data["components"], json!([]));
}

#[test]
fn a_value_that_matches_nothing_is_a_short_private_message() {
    let b = body("/summit ニューヨーク");
    let data = &b["data"];
    assert_eq!(data["flags"], 64);
    assert_eq!(data["embeds"], json!([]));
    let content = data["content"].as_str().expect("content");
    assert!(
        content.starts_with("「ニューヨーク」に当てはまるものが見つかりませんでした。"),
        "{content}"
    );
    assert_eq!(data["allowed_mentions"]["parse"], json!([]));
}

#[test]
fn a_paged_answer_carries_its_buttons() {
    let b = body("/about");
    let row = &b["data"]["components"][0];
    assert_eq!(row["type"], 1);
    let buttons = row["components"].as_array().expect("buttons");
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[0]["label"], "前へ");
    assert_eq!(buttons[0]["disabled"], true);
    assert_eq!(buttons[1]["label"], "次へ");
    assert_eq!(buttons[1]["disabled"], false);
    assert_eq!(
        buttons[1]["custom_id"],
        format!("v1:p:about:1:{USER}:{NOW}")
    );
    let footer = b["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .expect("footer");
    assert!(footer.contains("1/"), "{footer}");
}

#[test]
fn a_myth_shows_the_claim_and_the_fact() {
    let b = body("/myth 密約");
    let embed = &b["data"]["embeds"][0];
    assert_eq!(
        embed["title"],
        "誤解：トランプとプーチンの間に非公開の密約があった"
    );
    assert!(embed["description"]
        .as_str()
        .expect("text")
        .starts_with("事実："));
}
