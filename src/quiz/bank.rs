//! The question bank: questions generated from the dataset's structured records, plus the
//! hand-written ones of `responses/quiz.json`, all checked the same way.
//!
//! Generation is deterministic: a question's id names the record and the kind of question
//! (`gen-meeting-place-hamburg-2017`), and its wrong options are the records of the same kind
//! nearest to it in the file's order, so scores and review history, kept by id, stay valid
//! across runs and builds. A value the dataset marks as weak (「未確認」, 「報道ベース」,
//! `weak`, `verified: false`; the markers are listed in `quiz_templates.json`) is never an
//! answer, and two options never name the same thing once normalised.
//!
//! `generate` writes the questions from the records; `check` reads the hand-written ones
//! and checks them all. A generated question that asks nearly what a hand-written one asks
//! gives way to it.

mod check;
mod generate;

use crate::knowledge::{Knowledge, LoadError};
use check::{bigrams, check, hand_written, similarity};
use generate::Generator;
use std::collections::BTreeMap;

/// Discord allows 80 characters on a button; the label adds "A " and some room.
pub const MAX_OPTION: usize = 60;
pub const MAX_PROMPT: usize = 250;
pub const MAX_EXPLANATION: usize = 300;
/// Two prompts this alike (bigram Jaccard, normalised) ask the same thing.
const NEAR_DUPLICATE: f64 = 0.8;
/// Question ids travel in `custom_id`s (100 characters at most) with other parts.
pub const MAX_ID: usize = 48;

const QUIZ_FILE: &str = "quiz.json";
const TEMPLATES_FILE: &str = "quiz_templates.json";

/// The quiz's fields, as `/quiz start topic:` offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Meetings,
    Agenda,
    Reactions,
    Myths,
    History,
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Topic::Meetings,
        Topic::Agenda,
        Topic::Reactions,
        Topic::Myths,
        Topic::History,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Topic::Meetings => "meetings",
            Topic::Agenda => "agenda",
            Topic::Reactions => "reactions",
            Topic::Myths => "myths",
            Topic::History => "history",
        }
    }

    pub fn from_key(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.key() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Four choices: the right one and three certainly wrong ones of the same kind.
    Choice { right: String, wrong: [String; 3] },
    /// A statement to judge: ○ (true) or × (false).
    TrueFalse { truth: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Stable across runs and builds: scores and review history are kept by it.
    pub id: String,
    pub topic: Topic,
    /// The question, or the statement to judge.
    pub prompt: String,
    pub answer: Answer,
    pub explanation: String,
    /// The id of the entry, meeting or Trump–Zelensky meeting it rests on.
    pub source: String,
}

impl Question {
    /// The four options of a choice question, the right one first; empty for ○×.
    pub fn options(&self) -> Vec<&str> {
        match &self.answer {
            Answer::Choice { right, wrong } => std::iter::once(right.as_str())
                .chain(wrong.iter().map(String::as_str))
                .collect(),
            Answer::TrueFalse { .. } => Vec::new(),
        }
    }
}

/// Where a question comes from: a generator (named for `check`) or the hand-written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Generated(&'static str),
    HandWritten,
}

/// A question with the file its record lives in, for error messages.
struct Drafted {
    question: Question,
    origin: Origin,
    file: &'static str,
}

/// Every question of the quiz, validated.
#[derive(Debug, Clone)]
pub struct Bank {
    questions: Vec<Question>,
    origins: Vec<Origin>,
    skipped: Vec<String>,
}

impl Bank {
    /// Generates questions from the records, adds the hand-written ones and checks them all.
    pub fn build(k: &Knowledge) -> Result<Bank, Vec<LoadError>> {
        let mut gen = Generator::new(k);
        gen.meetings();
        gen.calls();
        gen.past_summits();
        gen.zelensky();
        gen.myths();
        gen.reactions();
        gen.positions();
        let Generator {
            mut drafts,
            skipped,
            ..
        } = gen;
        let mut skipped = skipped;
        let mut errors = Vec::new();
        let mut hand = Vec::new();
        hand_written(k, &mut hand, &mut errors);
        // A hand-written question says it better: a generated one asking nearly the same
        // thing gives way.
        let hand_bigrams: Vec<_> = hand.iter().map(|h| bigrams(&h.question.prompt)).collect();
        drafts.retain(|d| {
            let own = bigrams(&d.question.prompt);
            let twin = hand
                .iter()
                .zip(&hand_bigrams)
                .find(|(_, b)| similarity(b, &own) >= NEAR_DUPLICATE)
                .map(|(h, _)| h);
            if let Some(h) = twin {
                skipped.push(format!(
                    "{} {}: asks what {} asks",
                    d.file, d.question.id, h.question.id
                ));
            }
            twin.is_none()
        });
        drafts.extend(hand);
        errors.extend(check(k, &drafts));
        if !errors.is_empty() {
            return Err(errors);
        }
        let (questions, origins) = drafts.into_iter().map(|d| (d.question, d.origin)).unzip();
        Ok(Bank {
            questions,
            origins,
            skipped,
        })
    }

    /// No questions (a bot built without validation whose bank failed; `/quiz` then says so).
    pub fn empty() -> Bank {
        Bank {
            questions: Vec::new(),
            origins: Vec::new(),
            skipped: Vec::new(),
        }
    }

    pub fn all(&self) -> &[Question] {
        &self.questions
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions of one topic; `None` means every topic.
    pub fn of(&self, topic: Option<Topic>) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| topic.is_none_or(|t| q.topic == t))
            .collect()
    }

    /// Records left out, and why (a weak or unsuitable value), for `check`.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// Sizes per topic and per kind, as `summit-bot check` prints them.
    pub fn counts(&self) -> Vec<(String, usize)> {
        let count = |f: &dyn Fn(&Question, Origin) -> bool| {
            self.questions
                .iter()
                .zip(&self.origins)
                .filter(|(q, o)| f(q, **o))
                .count()
        };
        let is_choice = |q: &Question| matches!(q.answer, Answer::Choice { .. });
        let mut out = vec![("quiz questions".to_string(), self.questions.len())];
        for t in Topic::ALL {
            out.push((
                format!("quiz topic {}", t.key()),
                count(&|q, _| q.topic == t),
            ));
        }
        out.push(("quiz choice".to_string(), count(&|q, _| is_choice(q))));
        out.push(("quiz true/false".to_string(), count(&|q, _| !is_choice(q))));
        let hand = |o: Origin| o == Origin::HandWritten;
        out.push(("quiz generated".to_string(), count(&|_, o| !hand(o))));
        out.push((
            "quiz generated choice".to_string(),
            count(&|q, o| !hand(o) && is_choice(q)),
        ));
        out.push((
            "quiz generated true/false".to_string(),
            count(&|q, o| !hand(o) && !is_choice(q)),
        ));
        out.push(("quiz hand-written".to_string(), count(&|_, o| hand(o))));
        out.push((
            "quiz hand-written choice".to_string(),
            count(&|q, o| hand(o) && is_choice(q)),
        ));
        out.push((
            "quiz hand-written true/false".to_string(),
            count(&|q, o| hand(o) && !is_choice(q)),
        ));
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &self.origins {
            if let Origin::Generated(kind) = o {
                *kinds.entry(kind).or_default() += 1;
            }
        }
        for (kind, n) in kinds {
            out.push((format!("quiz generated {kind}"), n));
        }
        out.push(("quiz records skipped".to_string(), self.skipped.len()));
        out
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::QuizEntry;

    #[test]
    fn topics_round_trip_their_keys() {
        for t in Topic::ALL {
            assert_eq!(Topic::from_key(t.key()), Some(t));
        }
        assert_eq!(Topic::from_key("all"), None);
    }

    #[test]
    fn the_same_record_gives_the_same_questions() {
        let k = Knowledge::embedded().expect("dataset");
        let a = Bank::build(&k).expect("bank");
        let b = Bank::build(&k).expect("bank");
        assert_eq!(a.all(), b.all());
        assert!(a.get("gen-meeting-place-hamburg-2017").is_some());
    }

    #[test]
    fn broken_hand_written_questions_are_named() {
        let mut k = Knowledge::embedded().expect("dataset");
        k.quiz.questions.push(QuizEntry {
            id: Some("broken-shape".into()),
            topic: Some("weather".into()),
            question: Some("?".into()),
            answer: Some("Osaka".into()),
            wrong: Some(vec!["Paris".into(), "Da Nang".into()]),
            explanation: Some("!".into()),
            source: Some("osaka-2019".into()),
            ..QuizEntry::default()
        });
        k.quiz.questions.push(QuizEntry {
            id: Some("broken-options".into()),
            topic: Some("meetings".into()),
            question: Some("??".into()),
            answer: Some("Osaka".into()),
            wrong: Some(vec!["OSAKA ".into(), "Paris".into(), "Da Nang".into()]),
            explanation: Some("!".into()),
            source: Some("nowhere".into()),
            ..QuizEntry::default()
        });
        let errors = Bank::build(&k).expect_err("invalid");
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let text = text.join("\n");
        assert!(
            text.contains("\"broken-shape\": unknown topic \"weather\""),
            "{text}"
        );
        assert!(text.contains("\"wrong\" has 2 options, not 3"), "{text}");
        assert!(text.contains("equals the answer"), "{text}");
        assert!(text.contains("source \"nowhere\""), "{text}");
        assert!(text.contains("responses/quiz.json"), "{text}");
    }

    #[test]
    fn a_hand_written_question_replaces_a_generated_twin_but_not_another_hand_written_one() {
        let mut k = Knowledge::embedded().expect("dataset");
        let before = Bank::build(&k).expect("bank");
        let generated = before
            .get("gen-meeting-place-hamburg-2017")
            .expect("generated")
            .clone();
        let twin = |id: &str, prompt: String| QuizEntry {
            id: Some(id.into()),
            topic: Some("meetings".into()),
            statement: Some(prompt),
            truth: Some(true),
            explanation: Some("!".into()),
            source: Some("hamburg-2017".into()),
            ..QuizEntry::default()
        };
        k.quiz
            .questions
            .push(twin("hand-twin", format!("{} ", generated.prompt)));
        let after = Bank::build(&k).expect("bank");
        assert!(after.get("gen-meeting-place-hamburg-2017").is_none());
        assert!(after.get("hand-twin").is_some());
        assert!(after.skipped().iter().any(|s| s.contains("hand-twin")));

        k.quiz
            .questions
            .push(twin("hand-twin-2", format!("{}ok", generated.prompt)));
        let errors = Bank::build(&k).expect_err("two hand-written twins");
        assert!(
            errors
                .iter()
                .any(|e| e.to_string().contains("\"hand-twin-2\": asks nearly what")),
            "{errors:?}"
        );
    }
}
