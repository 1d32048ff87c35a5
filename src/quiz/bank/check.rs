//! Checking every question, generated or hand-written, and reading the hand-written ones.

use super::{
    chars, Answer, Drafted, Origin, Question, Topic, MAX_EXPLANATION, MAX_ID, MAX_OPTION,
    MAX_PROMPT, NEAR_DUPLICATE, QUIZ_FILE, TEMPLATES_FILE,
};
use crate::knowledge::{placeholder_in, Knowledge, LoadError, QuizEntry};
use crate::search::normalize;
use std::collections::{BTreeMap, BTreeSet};

/// The normalised character bigrams of a prompt, sorted and distinct, to compare prompts by.
pub(super) fn bigrams(text: &str) -> Vec<(char, char)> {
    let c: Vec<char> = normalize(text).chars().collect();
    let mut out: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How alike two prompts are: the Jaccard index of their bigrams.
pub(super) fn similarity(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        return 0.0;
    }
    common as f64 / union as f64
}

/// The hand-written questions of `quiz.json`, each field checked and named when missing.
pub(super) fn hand_written(k: &Knowledge, drafts: &mut Vec<Drafted>, errors: &mut Vec<LoadError>) {
    for (i, e) in k.quiz.questions.iter().enumerate() {
        let name = e.id.clone().unwrap_or_else(|| format!("#{}", i + 1));
        let mut problems = Vec::new();
        match entry_question(e, &mut problems) {
            Some(question) if problems.is_empty() => drafts.push(Drafted {
                question,
                origin: Origin::HandWritten,
                file: QUIZ_FILE,
            }),
            _ => errors.extend(
                problems
                    .into_iter()
                    .map(|p| LoadError::new(QUIZ_FILE, Some(&name), p)),
            ),
        }
    }
}

fn entry_question(e: &QuizEntry, problems: &mut Vec<String>) -> Option<Question> {
    let mut need = |field: &str, v: &Option<String>| -> Option<String> {
        if v.is_none() {
            problems.push(format!("missing \"{field}\""));
        }
        v.clone()
    };
    let id = need("id", &e.id);
    let topic_key = need("topic", &e.topic);
    let explanation = need("explanation", &e.explanation);
    let source = need("source", &e.source);
    let topic = match topic_key.as_deref() {
        Some(key) => {
            let t = Topic::from_key(key);
            if t.is_none() {
                let keys: Vec<&str> = Topic::ALL.iter().map(|t| t.key()).collect();
                problems.push(format!(
                    "unknown topic \"{key}\" (one of {})",
                    keys.join(", ")
                ));
            }
            t
        }
        None => None,
    };
    let choice_fields = e.question.is_some() || e.answer.is_some() || e.wrong.is_some();
    let statement_fields = e.statement.is_some() || e.truth.is_some();
    let (prompt, answer) = match (choice_fields, statement_fields) {
        (true, true) => {
            problems.push(
                "both choice fields (question/answer/wrong) and statement fields (statement/truth)"
                    .to_string(),
            );
            (None, None)
        }
        (false, false) => {
            problems.push(
                "missing \"question\", \"answer\", \"wrong\" (or \"statement\", \"truth\")"
                    .to_string(),
            );
            (None, None)
        }
        (true, false) => {
            for (field, missing) in [
                ("question", e.question.is_none()),
                ("answer", e.answer.is_none()),
                ("wrong", e.wrong.is_none()),
            ] {
                if missing {
                    problems.push(format!("missing \"{field}\""));
                }
            }
            let wrong: Option<[String; 3]> = match e.wrong.clone().map(<[String; 3]>::try_from) {
                Some(Ok(w)) => Some(w),
                Some(Err(w)) => {
                    problems.push(format!("\"wrong\" has {} options, not 3", w.len()));
                    None
                }
                None => None,
            };
            let answer = match (e.answer.clone(), wrong) {
                (Some(right), Some(wrong)) => Some(Answer::Choice { right, wrong }),
                _ => None,
            };
            (e.question.clone(), answer)
        }
        (false, true) => {
            if e.statement.is_none() {
                problems.push("missing \"statement\"".to_string());
            }
            if e.truth.is_none() {
                problems.push("missing \"truth\"".to_string());
            }
            (
                e.statement.clone(),
                e.truth.map(|truth| Answer::TrueFalse { truth }),
            )
        }
    };
    Some(Question {
        id: id?,
        topic: topic?,
        prompt: prompt?,
        answer: answer?,
        explanation: explanation?,
        source: source?,
    })
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && chars(s) <= MAX_ID
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Whether an id names something a question may rest on.
fn source_exists(k: &Knowledge, id: &str) -> bool {
    k.item(id).is_some() || k.zelensky.iter().any(|z| z.id == id)
}

/// Every question, generated or hand-written: ids, topics, sources, lengths, options.
pub(super) fn check(k: &Knowledge, drafts: &[Drafted]) -> Vec<LoadError> {
    let mut out = Vec::new();
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    let mut prompts: BTreeMap<String, &str> = BTreeMap::new();
    let all_bigrams: Vec<_> = drafts.iter().map(|d| bigrams(&d.question.prompt)).collect();
    for (i, d) in drafts.iter().enumerate() {
        let q = &d.question;
        let mut say = |m: String| out.push(LoadError::new(d.file, Some(&q.id), m));
        if !is_id(&q.id) {
            say(format!(
                "id must be lower-case ASCII kebab-case of at most {MAX_ID} characters"
            ));
        }
        if !ids.insert(&q.id) {
            say("duplicate question id".to_string());
        }
        if !source_exists(k, &q.source) {
            say(format!("source \"{}\" is not an entry id", q.source));
        }
        let mut texts: Vec<(&str, &str, usize)> = vec![
            ("prompt", q.prompt.as_str(), MAX_PROMPT),
            ("explanation", q.explanation.as_str(), MAX_EXPLANATION),
        ];
        if let Answer::Choice { right, wrong } = &q.answer {
            texts.push(("answer", right, MAX_OPTION));
            texts.extend(wrong.iter().map(|w| ("wrong", w.as_str(), MAX_OPTION)));
        }
        for (field, text, max) in texts {
            if text.trim().is_empty() {
                say(format!("{field}: empty"));
            }
            let n = chars(text);
            if n > max {
                say(format!(
                    "{field}: {n} characters, at most {max}: \"{text}\""
                ));
            }
            if let Some(p) = placeholder_in(text) {
                say(format!("{field}: placeholder \"{p}\" in \"{text}\""));
            }
            if text.contains('{') || text.contains('}') {
                say(format!(
                    "{field}: unfilled slot in \"{text}\" (see {TEMPLATES_FILE})"
                ));
            }
        }
        if let Answer::Choice { right, wrong } = &q.answer {
            let key = normalize(right);
            for w in wrong {
                if normalize(w) == key {
                    say(format!(
                        "wrong option \"{w}\" equals the answer \"{right}\""
                    ));
                }
            }
            let all: BTreeSet<String> = q.options().iter().map(|o| normalize(o)).collect();
            if all.len() != 4 {
                say(format!(
                    "options not distinct once normalised: {:?}",
                    q.options()
                ));
            }
        }
        let key = normalize(&q.prompt);
        if let Some(first) = prompts.insert(key, &q.id) {
            say(format!("same prompt as question \"{first}\""));
        } else if d.origin == Origin::HandWritten {
            let twin =
                (0..i).find(|j| similarity(&all_bigrams[*j], &all_bigrams[i]) >= NEAR_DUPLICATE);
            if let Some(o) = twin.map(|j| &drafts[j]) {
                say(format!(
                    "asks nearly what question \"{}\" asks",
                    o.question.id
                ));
            }
        }
    }
    out
}
