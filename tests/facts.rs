//! The daily-fact deck (`responses/facts.json`): large enough, sourced, distinct, short,
//! self-contained and polite. One test per rule, each naming the facts that break it.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;
use summit_bot::knowledge::{placeholder_in, Fact, Knowledge};
use unicode_normalization::UnicodeNormalization;

/// The smallest deck a server walks before it starts again.
const MIN_FACTS: usize = 150;
/// Hard length limit of one fact, in characters (the aim is 120).
const MAX_CHARS: usize = 200;
/// Character-bigram Dice coefficient from which two facts count as one.
const NEAR_TWIN: f64 = 0.8;
/// At most this many facts point at one meeting, so that no meeting dominates the deck.
const MAX_PER_MEETING: usize = 15;
/// Words that only make sense next to a date given in the same fact.
const RELATIVE_WORDS: &[&str] = &[
    "同じ夜",
    "その会談",
    "同日",
    "同じ日",
    "前日",
    "翌日",
    "当日",
];
/// How a polite sentence ends (before its 。 and any closing bracket or aside).
const POLITE_ENDINGS: &[&str] = &["です", "ます", "でした", "ました", "ません", "でしょう"];

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::embedded().expect("the embedded dataset loads"))
}

fn facts() -> &'static [Fact] {
    &knowledge().facts
}

/// Fails once, listing every fact that breaks a rule.
#[track_caller]
fn assert_none(rule: &str, broken: Vec<String>) {
    assert!(
        broken.is_empty(),
        "{rule}: {} fact(s)\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// NFKC, without any whitespace: how two texts are compared.
fn normalized(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Dice coefficient of the two texts' character bigrams (as multisets).
fn dice(a: &str, b: &str) -> f64 {
    fn bigrams(text: &str) -> HashMap<(char, char), usize> {
        let chars: Vec<char> = normalized(text).chars().collect();
        let mut out = HashMap::new();
        for w in chars.windows(2) {
            *out.entry((w[0], w[1])).or_insert(0) += 1;
        }
        out
    }
    let (x, y) = (bigrams(a), bigrams(b));
    let total: usize = x.values().sum::<usize>() + y.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = x
        .iter()
        .map(|(k, n)| (*n).min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * shared as f64 / total as f64
}

/// Whether the text gives a full date such as 「2017年7月7日」 (digits in any width).
fn has_full_date(text: &str) -> bool {
    let text = normalized(text);
    let chars: Vec<char> = text.chars().collect();
    // Reads digits then the expected unit; returns the index after the unit.
    let unit = |at: usize, mark: char| -> Option<usize> {
        let mut j = at;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        (j > at && j < chars.len() && chars[j] == mark).then_some(j + 1)
    };
    (0..chars.len()).any(|i| {
        unit(i, '年')
            .and_then(|at| unit(at, '月'))
            .and_then(|at| unit(at, '日'))
            .is_some()
    })
}

/// The sentence without its final 。, closing brackets and a trailing aside 「（…）」.
fn sentence_body(sentence: &str) -> &str {
    let mut s = sentence.trim_end_matches('。').trim_end();
    loop {
        if let Some(inner) = s.strip_suffix('）') {
            // Drop the trailing aside: everything from its opening bracket.
            match inner.rfind('（') {
                Some(at) => s = inner[..at].trim_end(),
                None => return s,
            }
        } else if let Some(inner) = s.strip_suffix(['」', '』']) {
            s = inner;
        } else {
            return s;
        }
    }
}

#[test]
fn the_deck_has_at_least_150_facts() {
    let n = facts().len();
    println!("facts in the deck: {n}");
    assert!(
        n >= MIN_FACTS,
        "only {n} facts, at least {MIN_FACTS} wanted"
    );
}

#[test]
fn every_fact_names_a_source_and_an_existing_entry() {
    let k = knowledge();
    let mut broken = Vec::new();
    for f in facts() {
        let source = f.source.trim();
        if source.is_empty() {
            broken.push(format!("{}: no source", f.id));
        }
        // A reader must be able to look the source up: no pointer into our own notes.
        if source.contains("公開記録") || source.contains('§') {
            broken.push(format!(
                "{}: source names the internal record: {source}",
                f.id
            ));
        }
        match f.related.as_deref() {
            None => broken.push(format!("{}: no related entry", f.id)),
            Some(id) => {
                let exists = k.item(id).is_some() || k.zelensky.iter().any(|z| z.id == id);
                if !exists {
                    broken.push(format!("{}: related \"{id}\" does not exist", f.id));
                }
            }
        }
    }
    assert_none(
        "facts without a source or an existing related entry",
        broken,
    );
}

#[test]
fn no_fact_repeats_another() {
    let list = facts();
    let mut broken = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for f in list {
        if let Some(first) = seen.insert(normalized(&f.text), &f.id) {
            broken.push(format!("{}: same text as {first}", f.id));
        }
    }
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for f in list {
        *ids.entry(&f.id).or_insert(0) += 1;
    }
    for (id, n) in ids.iter().filter(|(_, n)| **n > 1) {
        broken.push(format!("{id}: id used {n} times"));
    }
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            let d = dice(&a.text, &b.text);
            if d >= NEAR_TWIN {
                broken.push(format!(
                    "{} and {}: near-identical (Dice {d:.2})\n  {}\n  {}",
                    a.id, b.id, a.text, b.text
                ));
            }
        }
    }
    assert_none("repeated facts", broken);
}

#[test]
fn every_fact_is_at_most_200_characters() {
    let broken = facts()
        .iter()
        .filter(|f| f.text.chars().count() > MAX_CHARS)
        .map(|f| format!("{}: {} characters", f.id, f.text.chars().count()))
        .collect();
    assert_none("facts too long", broken);
}

#[test]
fn relative_day_words_come_with_a_date() {
    let broken = facts()
        .iter()
        .filter_map(|f| {
            let word = RELATIVE_WORDS.iter().find(|w| f.text.contains(**w))?;
            (!has_full_date(&f.text))
                .then(|| format!("{}: 「{word}」 without a date: {}", f.id, f.text))
        })
        .collect();
    assert_none("facts that are not self-contained", broken);
}

#[test]
fn no_fact_is_a_placeholder() {
    let broken = facts()
        .iter()
        .filter_map(|f| {
            [&f.text, &f.source]
                .into_iter()
                .find_map(|t| placeholder_in(t))
                .map(|p| format!("{}: placeholder \"{p}\"", f.id))
        })
        .collect();
    assert_none("facts with a placeholder", broken);
}

#[test]
fn every_fact_is_polite_and_ends_with_a_full_stop() {
    let mut broken = Vec::new();
    for f in facts() {
        let text = f.text.trim();
        if !text.ends_with('。') {
            broken.push(format!("{}: does not end with 。: {text}", f.id));
            continue;
        }
        for sentence in text.split_inclusive('。') {
            let body = sentence_body(sentence);
            if !POLITE_ENDINGS.iter().any(|e| body.ends_with(e)) {
                broken.push(format!("{}: not です・ます: {}", f.id, sentence.trim()));
            }
        }
    }
    assert_none("facts not in polite form", broken);
}

#[test]
fn no_meeting_dominates_the_deck() {
    let k = knowledge();
    let mut per_meeting: BTreeMap<&str, usize> = BTreeMap::new();
    for f in facts() {
        if let Some(m) = f.related.as_deref().and_then(|id| k.meeting(id)) {
            *per_meeting.entry(&m.id).or_insert(0) += 1;
        }
    }
    println!("facts per meeting: {per_meeting:?}");
    let broken = per_meeting
        .iter()
        .filter(|(_, n)| **n > MAX_PER_MEETING)
        .map(|(id, n)| format!("{id}: {n} facts"))
        .collect();
    assert_none("meetings with too many facts", broken);
}

#[test]
fn the_rules_themselves_catch_what_they_should() {
    assert!(dice("2017年7月7日に会いました。", "2017年7月7日に会いました。") > 0.99);
    assert!(dice("2017年7月7日に会いました。", "1985年の共同声明です。") < 0.3);
    assert!(has_full_date("２０１７年７月７日の夜でした。"));
    assert!(!has_full_date("同じ夜に話しました。"));
    assert!(!has_full_date("2018年11月に会いました。"));
    assert_eq!(
        sentence_body("約1時間20分でした（約1時間半とする報道もあります）。"),
        "約1時間20分でした"
    );
    assert_eq!(
        sentence_body("「延期」と説明しました。"),
        "「延期」と説明しました"
    );
    assert_eq!(
        sentence_body("と述べました（「良かった」）。"),
        "と述べました"
    );
    assert_eq!(normalized("Ａ　B"), "AB");
}
