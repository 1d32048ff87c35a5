//! Every question of the quiz bank, generated or hand-written: four distinct options of one
//! kind or a statement to judge, a source that exists, texts that fit Discord, no placeholder,
//! no weak value as an answer, no prompt twice.
//!
//! `cargo test --test quiz_bank -- --nocapture` prints the bank's size per topic and kind.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use summit_bot::knowledge::{Knowledge, MeetingFormat, Source};
use summit_bot::quiz::bank::{Answer, Bank, Question, Topic};
use summit_bot::search::normalize;

fn setup() -> (Knowledge, Bank) {
    let k = Knowledge::embedded().expect("dataset loads");
    let bank = match Bank::build(&k) {
        Ok(b) => b,
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("bank invalid:\n{}", text.join("\n"));
        }
    };
    (k, bank)
}

fn is_generated(q: &Question) -> bool {
    q.id.starts_with("gen-")
}

fn kind_of(q: &Question) -> &str {
    // gen-<kind>-<record>: the kinds are the generator names of Bank::counts.
    const KINDS: &[&str] = &[
        "meeting-place",
        "meeting-date",
        "meeting-occasion",
        "meeting-duration",
        "meeting-where",
        "meeting-format",
        "meeting-agenda",
        "meeting-planned",
        "calls-count",
        "calls-year",
        "call-date",
        "call-summary",
        "past-date",
        "past-leaders",
        "past-place",
        "past-statement",
        "zelensky-place",
        "zelensky-date",
        "myth",
        "reaction-stance",
        "position",
    ];
    KINDS
        .iter()
        .find(|k| q.id.starts_with(&format!("gen-{k}-")))
        .copied()
        .unwrap_or("hand-written")
}

#[test]
fn the_bank_is_large_enough_and_prints_its_size() {
    let (_, bank) = setup();
    for (what, n) in bank.counts() {
        println!("{what:>34}: {n}");
    }
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for q in bank.all() {
        *by_kind.entry(kind_of(q)).or_default() += 1;
    }
    println!("{by_kind:#?}");
    for s in bank.skipped() {
        println!("skipped: {s}");
    }
    assert!(
        bank.all().len() >= 150,
        "only {} questions",
        bank.all().len()
    );
    for t in Topic::ALL {
        assert!(!bank.of(Some(t)).is_empty(), "no question on {}", t.key());
    }
    assert_eq!(bank.of(None).len(), bank.all().len());
}

#[test]
fn every_question_is_well_formed() {
    let (k, bank) = setup();
    let placeholders = ["XX", "ＸＸ", "xx月", "xx日", "〇〇月", "○○", "{", "}"];
    let mut ids = BTreeSet::new();
    let mut prompts = BTreeMap::new();
    for q in bank.all() {
        let at = &q.id;
        assert!(ids.insert(q.id.clone()), "{at}: duplicate id");
        assert!(
            q.id.len() <= 48
                && q.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{at}: id"
        );
        assert_eq!(bank.get(&q.id), Some(q));
        let source_ok = k.item(&q.source).is_some() || k.zelensky.iter().any(|z| z.id == q.source);
        assert!(source_ok, "{at}: source {} does not exist", q.source);
        assert!(
            !q.prompt.trim().is_empty() && q.prompt.chars().count() <= 250,
            "{at}: prompt"
        );
        let e = q.explanation.chars().count();
        assert!(e > 0 && e <= 300, "{at}: explanation of {e} characters");
        if let Some(first) = prompts.insert(normalize(&q.prompt), q.id.clone()) {
            panic!("{at}: same prompt as {first}");
        }
        let mut texts = vec![q.prompt.as_str(), q.explanation.as_str()];
        match &q.answer {
            Answer::Choice { right, wrong } => {
                let options: Vec<&str> = std::iter::once(right.as_str())
                    .chain(wrong.iter().map(String::as_str))
                    .collect();
                let distinct: BTreeSet<String> = options.iter().map(|o| normalize(o)).collect();
                assert_eq!(distinct.len(), 4, "{at}: options not distinct: {options:?}");
                for o in &options {
                    let n = o.chars().count();
                    assert!(n > 0 && n <= 60, "{at}: option of {n} characters: {o}");
                    // "A " + option must fit a Discord button label (80).
                    assert!(format!("A {o}").chars().count() <= 80, "{at}");
                }
                assert_eq!(q.options(), options);
                texts.extend(options);
            }
            Answer::TrueFalse { .. } => assert!(q.options().is_empty(), "{at}"),
        }
        for t in texts {
            for p in placeholders {
                assert!(!t.contains(p), "{at}: placeholder {p:?} in {t:?}");
            }
        }
    }
}

#[test]
fn generated_answers_are_never_weak_values() {
    let (k, bank) = setup();
    let weak = &k.quiz_templates.weak_markers;
    for q in bank.all().iter().filter(|q| is_generated(q)) {
        let claim = match &q.answer {
            Answer::Choice { right, .. } => right.as_str(),
            Answer::TrueFalse { .. } => q.prompt.as_str(),
        };
        for m in weak {
            assert!(!claim.contains(m.as_str()), "{}: weak {m} in {claim}", q.id);
        }
    }
    // The record's weak items: the 2026-04-29 call, the unverified Ankara meeting.
    for c in k.calls.calls.iter().filter(|c| c.weak) {
        assert!(
            !bank.all().iter().any(|q| q.id.ends_with(&c.date)),
            "weak call {} asked",
            c.date
        );
    }
    for z in k.zelensky.iter().filter(|z| !z.verified) {
        assert!(
            !bank.all().iter().any(|q| q.source == z.id),
            "unverified meeting {} asked",
            z.id
        );
    }
}

/// The options of a generated question come from the same field of records of its kind.
#[test]
fn generated_distractors_are_of_the_same_kind_and_certainly_wrong() {
    let (k, bank) = setup();
    let held: Vec<_> = k
        .meetings
        .iter()
        .filter(|m| m.format != MeetingFormat::Cancelled)
        .collect();
    let cities: BTreeSet<&str> = held.iter().map(|m| m.city_ja.as_str()).collect();
    let dates: BTreeSet<&str> = held.iter().map(|m| m.date_label.as_str()).collect();
    let zplaces: BTreeSet<&str> = k.zelensky.iter().map(|z| z.place.as_str()).collect();
    let zdates: BTreeSet<&str> = k.zelensky.iter().map(|z| z.date_label.as_str()).collect();
    let pdates: BTreeSet<&str> = k.history.iter().map(|p| p.date_label.as_str()).collect();
    let is_day = |s: &str| {
        let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
        let Some((y, rest)) = s.split_once('年') else {
            return false;
        };
        let Some((m, rest)) = rest.split_once('月') else {
            return false;
        };
        y.len() == 4
            && digits(y)
            && digits(m)
            && rest.ends_with('日')
            && digits(&rest[..rest.len() - '日'.len_utf8()])
    };
    let mut checked = 0;
    for q in bank.all() {
        let Answer::Choice { right, wrong } = &q.answer else {
            continue;
        };
        let options = || std::iter::once(right).chain(wrong.iter());
        match kind_of(q) {
            "meeting-place" | "meeting-planned" => {
                for o in options() {
                    assert!(cities.contains(o.as_str()) || o == right, "{}: {o}", q.id);
                }
                // A wrong city never hosted a meeting on the question's date.
                let m = k.meeting(&q.source).expect("meeting");
                for w in wrong {
                    assert!(
                        !held
                            .iter()
                            .any(|o| &o.city_ja == w && o.date_label == m.date_label),
                        "{}: {w} fits too",
                        q.id
                    );
                }
            }
            "meeting-date" => {
                for o in options() {
                    assert!(dates.contains(o.as_str()), "{}: {o}", q.id);
                }
                let m = k.meeting(&q.source).expect("meeting");
                for w in wrong {
                    assert!(
                        !held
                            .iter()
                            .any(|o| &o.date_label == w && o.city_ja == m.city_ja),
                        "{}: {w} fits too",
                        q.id
                    );
                }
            }
            "call-date" => {
                for o in options() {
                    assert!(is_day(o), "{}: {o} is not a date", q.id);
                }
            }
            "calls-count" | "calls-year" => {
                let count_of = |year: &str| {
                    k.calls
                        .by_year
                        .iter()
                        .find(|y| year.starts_with(&y.year.to_string()))
                        .map(|y| y.count)
                };
                if kind_of(q) == "calls-year" {
                    let right_count = count_of(right).expect("year");
                    for w in wrong {
                        let c = count_of(w).expect("a year of the record");
                        assert_ne!(c, right_count, "{}: {w} had as many calls", q.id);
                    }
                }
                for o in options() {
                    assert!(o.chars().any(|c| c.is_ascii_digit()), "{}: {o}", q.id);
                }
            }
            "zelensky-place" => {
                for o in options() {
                    assert!(zplaces.contains(o.as_str()), "{}: {o}", q.id);
                }
            }
            "zelensky-date" => {
                for o in options() {
                    assert!(zdates.contains(o.as_str()), "{}: {o}", q.id);
                }
            }
            "past-date" => {
                for o in options() {
                    assert!(pdates.contains(o.as_str()), "{}: {o}", q.id);
                }
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} date/place questions checked");
}

#[test]
fn ids_are_stable_for_the_same_records() {
    let (k, bank) = setup();
    let again = Bank::build(&k).expect("bank");
    assert_eq!(bank.all(), again.all());
    for id in [
        "gen-meeting-place-hamburg-2017",
        "gen-meeting-date-anchorage-2025",
        "gen-calls-count-2025",
        "gen-past-date-geneva-1985",
        "gen-zelensky-place-zelensky-2025-02",
    ] {
        assert!(bank.get(id).is_some(), "{id} missing");
    }
    let q = bank.get("gen-meeting-place-hamburg-2017").expect("hamburg");
    match &q.answer {
        Answer::Choice { right, .. } => assert_eq!(right, "ハンブルク"),
        other => panic!("{other:?}"),
    }
}

/// A temp copy of `responses/` with `quiz.json`'s questions changed by `edit`.
fn edited_quiz(edit: impl FnOnce(&mut Vec<Value>)) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("responses");
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(&from).expect("responses/") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    let path = dir.path().join("quiz.json");
    let mut value: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    let Value::Array(questions) = &mut value["questions"] else {
        panic!("questions");
    };
    edit(questions);
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("json")).expect("write");
    dir
}

/// The problems `Knowledge::load` then `Bank::build` report for an edited `quiz.json`.
fn problems(dir: &Path) -> String {
    match Knowledge::load(&Source::Dir(dir.to_path_buf())) {
        Err(e) => e.to_string(),
        Ok(k) => match Bank::build(&k) {
            Ok(_) => panic!("an edited quiz.json must not pass"),
            Err(errors) => {
                let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                text.join("\n")
            }
        },
    }
}

#[test]
fn a_broken_hand_written_question_is_named_with_its_file_and_id() {
    let mut ids = Vec::new();
    let dir = edited_quiz(|qs| {
        let choice = qs
            .iter_mut()
            .find(|q| q.get("wrong").is_some())
            .expect("a choice");
        ids.push(choice["id"].as_str().expect("id").to_string());
        choice["wrong"][0] = choice["answer"].clone();
        choice["topic"] = "weather".into();
        let statement = qs
            .iter_mut()
            .find(|q| q.get("truth").is_some())
            .expect("a ○×");
        ids.push(statement["id"].as_str().expect("id").to_string());
        statement.as_object_mut().expect("object").remove("source");
        statement["answer"] = "A".into();
    });
    let text = problems(dir.path());
    let choice = format!("responses/quiz.json: entry \"{}\"", ids[0]);
    let statement = format!("responses/quiz.json: entry \"{}\"", ids[1]);
    for expected in [
        format!("{choice}: unknown topic \"weather\""),
        format!("{statement}: missing \"source\""),
        format!("{statement}: both choice fields"),
    ] {
        assert!(text.contains(&expected), "{expected}\nnot in:\n{text}");
    }
    // The wrong option equal to the answer is checked once the entry is whole.
    let dir = edited_quiz(|qs| {
        let choice = qs
            .iter_mut()
            .find(|q| q.get("wrong").is_some())
            .expect("a choice");
        choice["wrong"][0] = format!(" {} ", choice["answer"].as_str().expect("answer")).into();
    });
    assert!(problems(dir.path()).contains("equals the answer"));
}

#[test]
fn a_placeholder_or_an_unknown_field_in_quiz_json_is_refused_at_load() {
    let mut id = String::new();
    let dir = edited_quiz(|qs| {
        id = qs[0]["id"].as_str().expect("id").to_string();
        qs[0]["explanation"] = "2025年XX月XX日に開かれました。".into();
    });
    let text = problems(dir.path());
    let named = format!("responses/quiz.json: entry \"{id}\": .explanation: placeholder");
    assert!(text.contains(&named), "{text}");
    let dir = edited_quiz(|qs| {
        qs[0]["hint"] = "?".into();
    });
    let text = problems(dir.path());
    assert!(
        text.contains("responses/quiz.json") && text.contains("hint"),
        "{text}"
    );
}

#[test]
fn a_source_that_is_not_an_entry_and_a_duplicate_id_are_refused() {
    let dir = edited_quiz(|qs| {
        qs[0]["source"] = "fact-02".into();
        let copy = qs[1].clone();
        qs.push(copy);
    });
    let text = problems(dir.path());
    assert!(
        text.contains("source \"fact-02\" is not an entry id"),
        "{text}"
    );
    assert!(text.contains("duplicate question id"), "{text}");
}
