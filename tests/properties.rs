//! Property tests: any input, however odd, never panics, never breaks Discord's limits, and
//! never echoes invisible formatting characters back (groundwork for issue 11).

mod common;

use common::{bot, invocation, reply};
use proptest::prelude::*;
use summit_bot::commands::custom_id::ButtonId;
use summit_bot::commands::{dispatch, Action};

/// Text a user might paste: any Unicode, weighted towards what breaks naive code
/// (Japanese, half-width kana, emoji, mentions, control and bidirectional characters).
fn odd_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("ヘルシンキ".to_string()),
        Just("ﾍﾙｼﾝｷ".to_string()),
        Just("@everyone".to_string()),
        Just("<@123456789012345678>".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("🇯🇵".to_string()),
        Just("について教えていただけますでしょうか".to_string()),
        Just(" ".to_string()),
    ];
    prop::collection::vec(pieces, 0..max).prop_map(|v| v.concat())
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Cases per property: `PROPTEST_CASES` when set (e.g. `PROPTEST_CASES=100000` for a long
/// run), else `default`, chosen so `cargo test` stays quick in a debug build.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(4000))]

    #[test]
    fn the_matcher_takes_any_text(q in odd_text(60)) {
        let _ = bot().index.ask(&q);
        let _ = summit_bot::search::normalize(&q);
    }

    #[test]
    fn ask_answers_anything_within_discords_limits(q in odd_text(40)) {
        let r = reply(dispatch(bot(), &invocation(Action::Command {
            name: "ask".into(),
            subcommand: None,
            options: vec![("question".into(), q.clone())],
        })).response);
        prop_assert!(r.violations().is_empty(), "{:?}", r.violations());
        let shown = format!("{r:?}");
        prop_assert!(!shown.contains("@everyone"), "an echoed mention: {shown}");
        prop_assert!(!shown.chars().any(invisible), "an invisible character echoed");
    }

    #[test]
    fn a_console_line_never_breaks_dispatch(line in odd_text(20)) {
        if let Some(action) = summit_bot::console::parse_line(bot(), &format!("/{line}")) {
            let r = dispatch(bot(), &invocation(action)).response;
            if let summit_bot::commands::Response::Message(m) | summit_bot::commands::Response::Update(m) = r {
                prop_assert!(m.violations().is_empty());
            }
        }
    }

    #[test]
    fn any_custom_id_is_parsed_or_refused(id in "(v1:)?[a-z]{0,3}(:[0-9a-z-]{0,24}){0,6}") {
        if let Some(parsed) = ButtonId::parse(&id) {
            prop_assert_eq!(ButtonId::parse(&parsed.encode()), Some(parsed));
        }
        let r = dispatch(bot(), &invocation(Action::Button { custom_id: id })).response;
        if let summit_bot::commands::Response::Message(m) | summit_bot::commands::Response::Update(m) = r {
            prop_assert!(m.violations().is_empty());
        }
    }

    #[test]
    fn times_and_zones_are_parsed_or_refused(t in odd_text(8), z in "[A-Za-z_/+-]{0,40}") {
        if let Some(m) = summit_bot::daily::parse_time(&t) {
            prop_assert!(m < 24 * 60);
        }
        let _ = summit_bot::daily::parse_zone(&z);
    }
}

#[test]
fn a_ten_thousand_character_question_is_refused_politely() {
    let long = "ヘルシンキ".repeat(2_000);
    let _ = bot().index.ask(&long);
    let r = reply(
        dispatch(
            bot(),
            &invocation(Action::Command {
                name: "ask".into(),
                subcommand: None,
                options: vec![("question".into(), long)],
            }),
        )
        .response,
    );
    assert!(r.ephemeral && r.violations().is_empty());
}

// ───────────────────────── the dataset loader on damaged JSON ─────────────────────────

/// Every file of `responses/`, as the loader reads them.
static DATA_FILES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| summit_bot::knowledge::data_files().collect());

fn responses_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("responses")
}

/// The real files, parsed once.
fn real_files() -> &'static Vec<(String, serde_json::Value)> {
    static FILES: std::sync::OnceLock<Vec<(String, serde_json::Value)>> =
        std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        DATA_FILES
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(responses_dir().join(f)).expect("a data file");
                (
                    f.to_string(),
                    serde_json::from_str(&text).expect("real JSON"),
                )
            })
            .collect()
    })
}

/// A copy of `responses/` in a temporary folder; one file at a time is damaged and put back.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        for f in DATA_FILES.iter() {
            std::fs::copy(responses_dir().join(f), dir.path().join(f)).expect("copy");
        }
        Scratch { dir }
    }

    /// Loads the dataset with `file` replaced by `text`, then restores `file`.
    fn load_with(
        &self,
        file: &str,
        text: &str,
    ) -> Result<summit_bot::knowledge::Knowledge, summit_bot::knowledge::LoadErrors> {
        let path = self.dir.path().join(file);
        std::fs::write(&path, text).expect("write");
        let source = summit_bot::knowledge::Source::Dir(self.dir.path().to_path_buf());
        let loaded = std::panic::catch_unwind(|| summit_bot::knowledge::Knowledge::load(&source));
        std::fs::copy(responses_dir().join(file), &path).expect("restore");
        match loaded {
            Ok(result) => result,
            Err(_) => panic!("the loader panicked on {file}:\n{text}"),
        }
    }
}

/// Any JSON value: scalars (odd text included), arrays and objects a few levels deep.
fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        odd_text(6).prop_map(Value::from),
        Just(Value::from("")),
        Just(Value::from("2025年XX月XX日")),
        Just(Value::from("meeting-2018-helsinki")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One damage to a JSON tree: where (a walk of child picks) and what.
#[derive(Debug, Clone)]
enum Damage {
    Replace(serde_json::Value),
    Remove,
    Duplicate,
    AddKey(String, serde_json::Value),
}

fn arb_damage() -> impl Strategy<Value = (Vec<u32>, Damage)> {
    let damage = prop_oneof![
        arb_json().prop_map(Damage::Replace),
        Just(Damage::Remove),
        Just(Damage::Duplicate),
        ("[a-z_]{1,10}", arb_json()).prop_map(|(k, v)| Damage::AddKey(k, v)),
    ];
    (prop::collection::vec(any::<u32>(), 0..6), damage)
}

/// Applies `damage` at the node the walk reaches (a child is picked by `pick % len`).
fn apply(value: &mut serde_json::Value, walk: &[u32], damage: &Damage) {
    use serde_json::Value;
    let child_count = match value {
        Value::Array(a) => a.len(),
        Value::Object(o) => o.len(),
        _ => 0,
    };
    if let (Some((&pick, rest)), true) = (walk.split_first(), child_count > 0) {
        let i = pick as usize % child_count;
        // The last step damages the child itself (remove / duplicate it in its parent).
        if rest.is_empty() {
            match (value, damage) {
                (Value::Array(a), Damage::Remove) => {
                    a.remove(i);
                }
                (Value::Array(a), Damage::Duplicate) => {
                    let copy = a[i].clone();
                    a.insert(i, copy);
                }
                (Value::Object(o), Damage::Remove) => {
                    let key = o.keys().nth(i).cloned().unwrap_or_default();
                    o.remove(&key);
                }
                (Value::Array(a), d) => apply(&mut a[i], &[], d),
                (Value::Object(o), d) => {
                    if let Some(v) = o.values_mut().nth(i) {
                        apply(v, &[], d);
                    }
                }
                _ => {}
            }
            return;
        }
        let child = match value {
            Value::Array(a) => a.get_mut(i),
            Value::Object(o) => o.values_mut().nth(i),
            _ => None,
        };
        if let Some(child) = child {
            apply(child, rest, damage);
        }
        return;
    }
    match damage {
        Damage::Replace(v) => *value = v.clone(),
        Damage::AddKey(k, v) => {
            if let Value::Object(o) = value {
                o.insert(k.clone(), v.clone());
            } else {
                *value = v.clone();
            }
        }
        Damage::Remove | Damage::Duplicate => *value = Value::Null,
    }
}

/// A failed load names a file of `responses/` in every problem, in one readable line each.
fn check_errors(e: &summit_bot::knowledge::LoadErrors) -> Result<(), TestCaseError> {
    prop_assert!(!e.0.is_empty());
    for problem in &e.0 {
        // A file of responses/, or (for the whole-bot check) the rendered view at fault.
        prop_assert!(
            DATA_FILES.contains(&problem.file.as_str()) || problem.file.starts_with("(rendered"),
            "no file named: {problem:?}"
        );
        prop_assert!(!problem.message.trim().is_empty(), "{problem:?}");
        prop_assert!(problem.to_string().starts_with("responses/"));
        if let Some(entry) = &problem.entry {
            prop_assert!(!entry.is_empty(), "{problem:?}");
        }
    }
    Ok(())
}

/// A copy of `responses/` per test (`slot`), so the loader tests run side by side.
fn scratch(slot: usize) -> std::sync::MutexGuard<'static, Scratch> {
    static SCRATCH: [std::sync::OnceLock<std::sync::Mutex<Scratch>>; 4] =
        [const { std::sync::OnceLock::new() }; 4];
    SCRATCH[slot]
        .get_or_init(|| std::sync::Mutex::new(Scratch::new()))
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

proptest! {
    // Each case loads and validates the whole dataset (about 20 ms in a debug build).
    #![proptest_config(cases(1000))]

    /// Real files with a few random damages: the loader loads them or names the file (and
    /// the entry); it never panics.
    #[test]
    fn damaged_real_files_load_or_name_the_problem(
        file in 0..DATA_FILES.len(),
        damages in prop::collection::vec(arb_damage(), 1..4),
    ) {
        let (name, real) = &real_files()[file];
        let mut value = real.clone();
        for (walk, damage) in &damages {
            apply(&mut value, walk, damage);
        }
        let text = serde_json::to_string_pretty(&value).expect("serialises");
        let scratch = scratch(0);
        if let Err(e) = scratch.load_with(name, &text) {
            check_errors(&e)?;
        }
    }
}

proptest! {
    #![proptest_config(cases(300))]

    /// A whole file replaced by any JSON value.
    #[test]
    fn any_json_in_place_of_a_file_is_refused_with_its_name(
        file in 0..DATA_FILES.len(),
        value in arb_json(),
    ) {
        let name = DATA_FILES[file];
        let text = value.to_string();
        let scratch = scratch(1);
        if let Err(e) = scratch.load_with(name, &text) {
            check_errors(&e)?;
        }
    }
}

proptest! {
    #![proptest_config(cases(500))]

    /// Broken text: a real file cut short, or with a character put in anywhere.
    #[test]
    fn truncated_or_garbled_files_are_refused_with_their_name(
        file in 0..DATA_FILES.len(),
        at in any::<prop::sample::Index>(),
        insert in proptest::option::of(any::<char>()),
    ) {
        let name = DATA_FILES[file];
        let text = std::fs::read_to_string(responses_dir().join(name)).expect("a data file");
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let cut = boundaries[at.index(boundaries.len())];
        let damaged = match insert {
            Some(c) => format!("{}{c}{}", &text[..cut], &text[cut..]),
            None => text[..cut].to_string(),
        };
        let scratch = scratch(2);
        if let Err(e) = scratch.load_with(name, &damaged) {
            check_errors(&e)?;
        }
    }
}

proptest! {
    #![proptest_config(cases(300))]

    /// An entry of a list file replaced by a value of the wrong shape: the problem names
    /// that file and that entry.
    #[test]
    fn a_broken_entry_is_named(
        file in prop::sample::select(vec![
            "meetings.json", "history.json", "zelensky.json", "topics.json", "qa.json",
            "reactions.json", "comparisons.json", "myths.json", "people.json", "facts.json",
        ]),
        at in any::<prop::sample::Index>(),
        bad in prop_oneof![
            Just(serde_json::Value::Null),
            any::<i64>().prop_map(serde_json::Value::from),
            odd_text(5).prop_map(serde_json::Value::from),
            Just(serde_json::json!([])),
        ],
    ) {
        let real = real_files().iter().find(|(n, _)| n == file).map(|(_, v)| v.clone());
        let Some(serde_json::Value::Array(mut items)) = real else {
            return Err(TestCaseError::fail(format!("{file} is not a list")));
        };
        let i = at.index(items.len());
        items[i] = bad;
        let text = serde_json::Value::Array(items).to_string();
        let scratch = scratch(3);
        let e = scratch.load_with(file, &text).err();
        let e = e.ok_or_else(|| TestCaseError::fail("a broken entry loaded"))?;
        check_errors(&e)?;
        let wanted = format!("#{}", i + 1);
        prop_assert!(
            e.0.iter().any(|p| p.file == file && p.entry.as_deref() == Some(wanted.as_str())),
            "entry {wanted} of {file} not named: {e}"
        );
    }
}

// ───────────────────────── options of any kind and value ─────────────────────────

/// Values an option may carry: odd text, numbers of every size and notation, ids.
fn option_value() -> impl Strategy<Value = String> {
    prop_oneof![
        odd_text(8),
        any::<i64>().prop_map(|n| n.to_string()),
        (-100i64..100).prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        Just("１０".to_string()),
        Just("1e3".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("940000000000000101".to_string()),
        Just("<#940000000000000101>".to_string()),
        Just("true".to_string()),
        Just("group".to_string()),
        Just("solo".to_string()),
        Just("25:00".to_string()),
        Just("09:00".to_string()),
        Just("Asia/Tokyo".to_string()),
    ]
}

/// A command of the table (or a made-up name), a subcommand and options by name.
fn any_command() -> impl Strategy<Value = (String, Option<String>, Vec<(String, String)>)> {
    use summit_bot::commands::COMMANDS;
    let names: Vec<String> = COMMANDS.iter().map(|c| c.name.to_string()).collect();
    let mut option_names: Vec<String> = Vec::new();
    let mut subs: Vec<String> = Vec::new();
    for c in COMMANDS {
        option_names.extend(c.options.iter().map(|o| o.name.to_string()));
        for s in c.subcommands {
            subs.push(s.name.to_string());
            option_names.extend(s.options.iter().map(|o| o.name.to_string()));
        }
    }
    (
        prop_oneof![4 => prop::sample::select(names), 1 => odd_text(3)],
        proptest::option::of(prop_oneof![4 => prop::sample::select(subs), 1 => odd_text(2)]),
        prop::collection::vec(
            (
                prop_oneof![6 => prop::sample::select(option_names), 1 => odd_text(2)],
                option_value(),
            ),
            0..4,
        ),
    )
}

proptest! {
    #![proptest_config(cases(4000))]

    /// Any command with any options, by a member with or without Manage Server: dispatch
    /// answers within Discord's limits, echoes no mention or invisible character, and a
    /// refusal is ephemeral.
    #[test]
    fn any_options_are_bound_or_refused(
        (name, sub, options) in any_command(),
        admin in any::<bool>(),
    ) {
        let mut inv = invocation(Action::Command { name, subcommand: sub, options });
        inv.permissions = Some(if admin { summit_bot::commands::MANAGE_GUILD } else { 0 });
        let outcome = dispatch(bot(), &inv);
        match outcome.response {
            summit_bot::commands::Response::Message(m) | summit_bot::commands::Response::Update(m) => {
                prop_assert!(m.violations().is_empty(), "{:?}", m.violations());
                let shown = format!("{m:?}");
                prop_assert!(!shown.contains("@everyone"), "an echoed mention: {shown}");
                prop_assert!(!shown.chars().any(invisible), "an invisible character echoed");
            }
            summit_bot::commands::Response::Choices(c) => prop_assert!(c.len() <= 25),
        }
    }

    /// A Discord interaction whose options have any kind (string, integer, boolean, user,
    /// channel, role, number, nested subcommands) and any value: converted and dispatched
    /// without a panic.
    #[test]
    fn interactions_with_options_of_any_kind_are_answered(
        (name, sub, options) in any_command(),
        kinds in prop::collection::vec(prop::sample::select(vec![3u8, 4, 5, 6, 7, 8, 10]), 4),
        focused in any::<bool>(),
    ) {
        use serde_json::json;
        let mut opts = Vec::new();
        for (i, (oname, value)) in options.iter().enumerate() {
            let kind = kinds[i % kinds.len()];
            let v = match kind {
                4 => json!(value.parse::<i64>().unwrap_or(i as i64)),
                5 => json!(value.len() % 2 == 0),
                10 => json!(value.parse::<f64>().ok().filter(|f| f.is_finite()).unwrap_or(0.5)),
                6..=8 => json!(value.parse::<u64>().ok().filter(|n| *n > 0).unwrap_or(940000000000000101u64).to_string()),
                _ => json!(value),
            };
            let mut o = json!({"name": oname, "type": kind, "value": v});
            if focused && i == 0 {
                o["focused"] = json!(true);
            }
            opts.push(o);
        }
        let options = match sub {
            Some(s) => json!([{"name": s, "type": 1, "options": opts}]),
            None => json!(opts),
        };
        let interaction = json!({
            "id": "1", "application_id": "2", "type": if focused { 4 } else { 2 }, "token": "t",
            "version": 1, "channel_id": "3", "guild_id": "9", "locale": "ja",
            "entitlements": [], "attachment_size_limit": 1024,
            "member": {"user": {"id": "42", "username": "u"}, "roles": [], "deaf": false,
                "mute": false, "flags": 0, "permissions": "32",
                "joined_at": "2025-01-01T00:00:00.000000+00:00"},
            "data": {"id": "5", "name": name, "type": 1, "options": options}
        });
        // What serenity refuses to parse never reaches the bot.
        let Ok(parsed) = serde_json::from_value::<serenity::all::Interaction>(interaction) else {
            return Ok(());
        };
        use summit_bot::discord::handler::{autocomplete_invocation, command_invocation};
        let inv = match &parsed {
            serenity::all::Interaction::Command(c) => command_invocation(c),
            serenity::all::Interaction::Autocomplete(c) => autocomplete_invocation(c),
            _ => return Ok(()),
        };
        let outcome = dispatch(bot(), &inv);
        if let summit_bot::commands::Response::Message(m) | summit_bot::commands::Response::Update(m) = outcome.response {
            prop_assert!(m.violations().is_empty(), "{:?}", m.violations());
        }
    }
}

fn count_strings(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::String(_) => 1,
        serde_json::Value::Array(a) => a.iter().map(count_strings).sum(),
        serde_json::Value::Object(o) => o.values().map(count_strings).sum(),
        _ => 0,
    }
}

/// Replaces the `n`th string leaf (depth first); `false` when there are fewer.
fn replace_nth_string(v: &mut serde_json::Value, n: &mut usize, text: &str) -> bool {
    match v {
        serde_json::Value::String(s) => {
            if *n == 0 {
                *s = text.to_string();
                return true;
            }
            *n -= 1;
            false
        }
        serde_json::Value::Array(a) => a.iter_mut().any(|c| replace_nth_string(c, n, text)),
        serde_json::Value::Object(o) => o.values_mut().any(|c| replace_nth_string(c, n, text)),
        _ => false,
    }
}

/// A string of the tree (picked by `at`) replaced by `text`.
fn replace_string(v: &mut serde_json::Value, at: prop::sample::Index, text: &str) {
    let count = count_strings(v);
    if count > 0 {
        let mut n = at.index(count);
        replace_nth_string(v, &mut n, text);
    }
}

proptest! {
    // Each case that loads also builds the whole bot (index, question bank, every page
    // rendered): about half a second in a debug build.
    #![proptest_config(cases(48))]

    /// Real files with some of their texts replaced by odd text (which mostly loads): the
    /// whole-bot check builds the bot or names the file, entry or rendered view; no panic.
    #[test]
    fn odd_texts_in_real_files_build_a_bot_or_name_the_problem(
        file in 0..DATA_FILES.len(),
        damages in prop::collection::vec((any::<prop::sample::Index>(), odd_text(12)), 1..6),
    ) {
        let (name, real) = &real_files()[file];
        let mut value = real.clone();
        for (at, text) in &damages {
            replace_string(&mut value, *at, text);
        }
        let text = serde_json::to_string_pretty(&value).expect("serialises");
        let scratch = scratch(3);
        let path = scratch.dir.path().join(name);
        std::fs::write(&path, &text).expect("write");
        let source = summit_bot::knowledge::Source::Dir(scratch.dir.path().to_path_buf());
        let store = std::sync::Arc::new(summit_bot::store::SqliteStore::memory().expect("memory"))
            as std::sync::Arc<dyn summit_bot::store::Store>;
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            summit_bot::check::load(&source, store)
        }));
        std::fs::copy(responses_dir().join(name), &path).expect("restore");
        match built {
            Err(_) => return Err(TestCaseError::fail(format!("the whole-bot check panicked on {name}"))),
            Ok(Ok(_)) => {}
            Ok(Err(e)) => check_errors(&e)?,
        }
    }
}

/// Found by `damaged_real_files_load_or_name_the_problem`: an entry whose id was blank was
/// named `entry ""`; it is named by its place in the list.
#[test]
fn an_entry_with_a_blank_id_is_named_by_its_place() {
    for blank in ["", "   "] {
        let (_, real) = real_files()
            .iter()
            .find(|(n, _)| n == "facts.json")
            .expect("facts.json");
        let mut value = real.clone();
        value[2]["id"] = serde_json::Value::from(blank);
        let e = scratch(0)
            .load_with("facts.json", &value.to_string())
            .expect_err("a blank id is refused");
        assert_eq!(e.0[0].file, "facts.json");
        assert_eq!(e.0[0].entry.as_deref(), Some("#3"), "{e}");
    }
    // The same in quiz.json, whose entries are under a key.
    let (_, real) = real_files()
        .iter()
        .find(|(n, _)| n == "quiz.json")
        .expect("quiz.json");
    let mut value = real.clone();
    let key = value
        .as_object()
        .and_then(|o| o.iter().find(|(_, v)| v.is_array()).map(|(k, _)| k.clone()))
        .expect("a list of questions");
    value[&key][0]["id"] = serde_json::Value::from(" ");
    let e = scratch(0)
        .load_with("quiz.json", &value.to_string())
        .expect_err("a blank id is refused");
    assert_eq!(e.0[0].file, "quiz.json");
    assert_eq!(e.0[0].entry.as_deref(), Some(key.as_str()), "{e}");
}
