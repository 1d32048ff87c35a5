//! STAND-IN for the question bank (replaced by the bank branch): myths as ○/×.

use crate::knowledge::{Knowledge, LoadError};

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
    Choice { right: String, wrong: [String; 3] },
    TrueFalse { truth: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub topic: Topic,
    pub prompt: String,
    pub answer: Answer,
    pub explanation: String,
    pub source: String,
}

pub struct Bank {
    questions: Vec<Question>,
}

impl Bank {
    pub fn empty() -> Bank {
        Bank {
            questions: Vec::new(),
        }
    }

    pub fn build(k: &Knowledge) -> Result<Bank, Vec<LoadError>> {
        let mut questions = Vec::new();
        for m in &k.meetings {
            let others: Vec<&str> = k
                .meetings
                .iter()
                .filter(|o| o.city_ja != m.city_ja)
                .map(|o| o.city_ja.as_str())
                .collect();
            if others.len() < 3 {
                continue;
            }
            questions.push(Question {
                id: format!("gen-meeting-place-{}", m.id),
                topic: Topic::Meetings,
                prompt: m.date_label.clone(),
                answer: Answer::Choice {
                    right: m.city_ja.clone(),
                    wrong: [others[0].into(), others[1].into(), others[2].into()],
                },
                explanation: m.outcome.clone(),
                source: m.id.clone(),
            });
        }
        for myth in &k.myths {
            questions.push(Question {
                id: format!("gen-myth-{}", myth.id),
                topic: Topic::Myths,
                prompt: myth.title.clone(),
                answer: Answer::TrueFalse { truth: false },
                explanation: myth.summary.clone(),
                source: myth.id.clone(),
            });
        }
        Ok(Bank { questions })
    }

    pub fn all(&self) -> &[Question] {
        &self.questions
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn of(&self, topic: Option<Topic>) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| topic.is_none_or(|t| q.topic == t))
            .collect()
    }

    pub fn counts(&self) -> Vec<(String, usize)> {
        vec![("questions".into(), self.questions.len())]
    }
}
