//! The real dataset loads; a corrupted copy fails, naming the file and the entry.

use serde_json::Value;
use std::path::{Path, PathBuf};
use summit_bot::knowledge::{Knowledge, Source};

fn responses_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("responses")
}

/// A temp copy of `responses/` with one file changed by `edit`.
fn corrupted(file: &str, edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(responses_dir()).expect("responses/") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let path = dir.path().join(file);
    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    edit(&mut value);
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("json")).expect("write");
    dir
}

/// Loads a folder the way start-up and `summit-bot check` do (the whole-bot validation).
#[track_caller]
fn load_error(dir: &Path) -> String {
    let store = summit_bot::store::SqliteStore::memory().expect("an in-memory store");
    match summit_bot::check::load(&Source::Dir(dir.to_path_buf()), std::sync::Arc::new(store)) {
        Ok(_) => panic!("a corrupted copy must not load"),
        Err(e) => e.to_string(),
    }
}

fn meeting<'a>(value: &'a mut Value, id: &str) -> &'a mut Value {
    value
        .as_array_mut()
        .expect("array")
        .iter_mut()
        .find(|m| m["id"] == id)
        .expect("meeting")
}

#[test]
fn the_real_dataset_loads_embedded_and_from_the_folder() {
    let embedded = Knowledge::embedded().expect("embedded dataset is valid");
    let folder = Knowledge::load(&Source::Dir(responses_dir())).expect("folder dataset is valid");
    assert_eq!(embedded.meetings.len(), folder.meetings.len());
    let ids: Vec<&str> = embedded.meetings.iter().map(|m| m.id.as_str()).collect();
    for id in [
        "hamburg-2017",
        "danang-2017",
        "helsinki-2018",
        "paris-2018",
        "buenos-aires-2018",
        "osaka-2019",
        "anchorage-2025",
        "budapest-2025",
    ] {
        assert!(ids.contains(&id), "missing meeting {id}");
    }
    for id in ["geneva-1985", "brdo-2001", "geneva-2021"] {
        assert!(embedded.item(id).is_some(), "missing past summit {id}");
    }
    assert!(embedded.zelensky.len() >= 10);
    assert_eq!(embedded.meta.as_of, "2026-04-29");
}

#[test]
fn malformed_json_names_the_file() {
    let dir = corrupted("topics.json", |_| {});
    std::fs::write(dir.path().join("topics.json"), "[{\"id\": \"overview\",").expect("write");
    let err = load_error(dir.path());
    assert!(
        err.contains("responses/topics.json") && err.contains("malformed JSON"),
        "{err}"
    );
}

#[test]
fn a_missing_field_names_file_and_entry() {
    let dir = corrupted("meetings.json", |v| {
        meeting(v, "helsinki-2018")
            .as_object_mut()
            .expect("object")
            .remove("venue");
    });
    let err = load_error(dir.path());
    assert!(
        err.contains("meetings.json") && err.contains("helsinki-2018") && err.contains("venue"),
        "{err}"
    );
}

#[test]
fn a_duplicate_id_names_both_places() {
    let dir = corrupted("myths.json", |v| {
        v.as_array_mut().expect("array")[0]["id"] = Value::from("osaka-2019");
    });
    let err = load_error(dir.path());
    assert!(
        err.contains("myths.json") && err.contains("osaka-2019") && err.contains("duplicate"),
        "{err}"
    );
}

#[test]
fn an_unknown_reference_is_named() {
    let dir = corrupted("topics.json", |v| {
        v.as_array_mut().expect("array")[0]["related"] = serde_json::json!(["no-such-entry"]);
    });
    let err = load_error(dir.path());
    assert!(
        err.contains("topics.json") && err.contains("no-such-entry"),
        "{err}"
    );
}

#[test]
fn an_empty_text_is_named() {
    let dir = corrupted("meetings.json", |v| {
        meeting(v, "osaka-2019")["outcome"] = Value::from("  ");
    });
    let err = load_error(dir.path());
    assert!(
        err.contains("meetings.json") && err.contains("osaka-2019") && err.contains("empty"),
        "{err}"
    );
}

#[test]
fn a_placeholder_is_refused() {
    let dir = corrupted("meetings.json", |v| {
        meeting(v, "anchorage-2025")["date_label"] = Value::from("2025年XX月XX日");
    });
    let err = load_error(dir.path());
    assert!(
        err.contains("anchorage-2025") && err.contains("placeholder"),
        "{err}"
    );
}

#[test]
fn a_title_too_long_for_discord_is_refused() {
    let dir = corrupted("topics.json", |v| {
        v.as_array_mut().expect("array")[0]["title"] = Value::from("長".repeat(300));
    });
    let err = load_error(dir.path());
    assert!(err.contains("overview") && err.contains("title"), "{err}");
}

#[test]
fn an_alias_naming_two_entries_is_refused() {
    let dir = corrupted("people.json", |v| {
        v.as_array_mut().expect("array")[0]["aliases"] = serde_json::json!(["ヘルシンキ"]);
    });
    let err = load_error(dir.path());
    assert!(
        err.contains("people.json") && err.contains("ヘルシンキ"),
        "{err}"
    );
}

#[test]
fn the_check_command_passes_and_fails_naming_the_entry() {
    let bin = env!("CARGO_BIN_EXE_summit-bot");
    let ok = std::process::Command::new(bin)
        .args(["check", "--responses"])
        .arg(responses_dir())
        .env_remove("DISCORD_TOKEN")
        .output()
        .expect("run check");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(out.contains("meetings: 8"), "{out}");

    let dir = corrupted("meetings.json", |v| {
        meeting(v, "paris-2018")
            .as_object_mut()
            .expect("object")
            .remove("format");
    });
    let bad = std::process::Command::new(bin)
        .args(["check", "--responses"])
        .arg(dir.path())
        .output()
        .expect("run check");
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("meetings.json") && err.contains("paris-2018"),
        "{err}"
    );
}

#[test]
fn every_item_is_found_by_its_id_and_nothing_else_is() {
    let k = summit_bot::knowledge::Knowledge::embedded().expect("the dataset loads");
    for item in k.items() {
        let found = k.item(item.id()).expect("found by its id");
        assert_eq!((found.id(), found.kind()), (item.id(), item.kind()));
    }
    assert!(k.item("no-such-item").is_none());
    assert!(k.item("").is_none());
}

/// Start-up opens the store on another thread while it loads (`check::load_beside`): the
/// bot is built on that store, and a store that cannot be opened is what is reported, even
/// when the dataset is broken too.
#[test]
fn the_store_opened_beside_the_load_is_the_bots_and_its_failure_comes_first() {
    use std::sync::Arc;
    use summit_bot::store::{SqliteStore, Store};
    let files = tempfile::tempdir().expect("temp dir");
    let path = files.path().join("beside.sqlite3");
    let open = || {
        SqliteStore::open(&path)
            .map(|s| Arc::new(s) as Arc<dyn Store>)
            .map_err(|e| e.to_string())
    };
    let bot = summit_bot::check::load_beside(&Source::Embedded, open)
        .expect("the store opens")
        .expect("the real dataset loads");
    let quiz = bot
        .store
        .create_quiz(&summit_bot::store::NewQuiz {
            guild: Some(summit_bot::ids::GuildId(5)),
            channel: summit_bot::ids::ChannelId(6),
            starter: summit_bot::ids::UserId(7),
            mode: summit_bot::store::QuizMode::Group,
            topic: "all".into(),
            seconds: 20,
            seed: 1,
            created_at: 1_795_651_200,
            questions: vec!["q".into()],
        })
        .expect("the bot writes")
        .expect("a new quiz");
    drop(bot);
    let reopened = SqliteStore::open(&path).expect("reopens");
    assert_eq!(
        reopened
            .open_quiz_in(summit_bot::ids::ChannelId(6))
            .expect("reads")
            .map(|q| q.id),
        Some(quiz),
        "the bot was built on the store opened beside the load"
    );

    let broken = corrupted("myths.json", |v| {
        v.as_array_mut().expect("array")[0]["id"] = Value::from("osaka-2019");
    });
    let refused = summit_bot::check::load_beside(&Source::Dir(broken.path().to_path_buf()), || {
        Err::<Arc<dyn Store>, _>("the database is locked".to_string())
    });
    assert_eq!(refused.err().as_deref(), Some("the database is locked"));

    // The store opens, the dataset is broken: the load's errors.
    let errors = summit_bot::check::load_beside(&Source::Dir(broken.path().to_path_buf()), open)
        .expect("the store opens")
        .err()
        .expect("a broken copy does not load");
    assert!(errors.to_string().contains("myths.json"), "{errors}");
}
