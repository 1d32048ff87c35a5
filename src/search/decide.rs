//! The answer / もしかして / わかりません decision, on calibrated thresholds.
//!
//! A confident wrong answer is worse than an honest 「わかりません」, so answering needs a
//! high score, a clear margin over the runner-up and most of the question explained.

use super::matcher::Candidate;
use serde::Serialize;

/// What `/ask` should do with a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Decision {
    /// Show this entry.
    Answer { id: String, score: f32 },
    /// Offer these entries (best first) as 「もしかして」.
    Suggest { ids: Vec<String>, score: f32 },
    /// Out of scope, or too unclear to guess.
    Unknown { score: f32 },
}

impl Decision {
    pub fn score(&self) -> f32 {
        match self {
            Decision::Answer { score, .. }
            | Decision::Suggest { score, .. }
            | Decision::Unknown { score } => *score,
        }
    }
}

/// The calibrated thresholds (see `tests/ask_eval.rs` for the figures they give).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub answer_score: f32,
    pub answer_margin: f32,
    pub answer_coverage: f32,
    pub suggest_score: f32,
    pub suggest_coverage: f32,
}

pub const THRESHOLDS: Thresholds = Thresholds {
    answer_score: 0.30,
    answer_margin: 0.03,
    answer_coverage: 0.30,
    suggest_score: 0.20,
    suggest_coverage: 0.20,
};

/// How many entries 「もしかして」 offers.
pub const SUGGESTIONS: usize = 3;

/// Decides from ranked candidates (best first); `id` names a candidate's entry.
pub(crate) fn decide(
    ranked: &[Candidate],
    t: &Thresholds,
    id: impl Fn(usize) -> String,
) -> Decision {
    let Some(best) = ranked.first() else {
        return Decision::Unknown { score: 0.0 };
    };
    let runner_up = ranked.get(1).map_or(0.0, |c| c.score);
    if best.score >= t.answer_score
        && best.score - runner_up >= t.answer_margin
        && best.coverage >= t.answer_coverage
    {
        return Decision::Answer {
            id: id(best.entry),
            score: best.score,
        };
    }
    if best.score >= t.suggest_score && best.coverage >= t.suggest_coverage {
        let ids = ranked
            .iter()
            .take_while(|c| c.score >= t.suggest_score * 0.8)
            .take(SUGGESTIONS)
            .map(|c| id(c.entry))
            .collect();
        return Decision::Suggest {
            ids,
            score: best.score,
        };
    }
    Decision::Unknown { score: best.score }
}
