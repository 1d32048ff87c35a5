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
    /// Another candidate's name share that keeps an unnamed best from being answered.
    pub named_elsewhere: f32,
}

pub const THRESHOLDS: Thresholds = Thresholds {
    answer_score: 0.30,
    answer_margin: 0.03,
    answer_coverage: 0.30,
    suggest_score: 0.20,
    suggest_coverage: 0.20,
    named_elsewhere: 0.5,
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
    if best.kana_only {
        return Decision::Unknown { score: best.score };
    }
    if clear_at(ranked, t, t.answer_score) {
        return Decision::Answer {
            id: id(best.entry),
            score: best.score,
        };
    }
    if best.score >= t.suggest_score && best.support() >= t.suggest_coverage {
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

/// Whether the first of `ranked`, read as `amend` makes it (what a rule knows of it that the
/// ranking did not), passes every test of an answer at the suggestion threshold.
pub(crate) fn first_clear_as(
    ranked: &[Candidate],
    t: &Thresholds,
    amend: impl FnOnce(&mut Candidate),
) -> bool {
    let mut amended = ranked.to_vec();
    if let Some(first) = amended.first_mut() {
        amend(first);
    }
    clear_at(&amended, t, t.suggest_score)
}

/// Whether the first of `ranked` passes every test of an answer, its score at least
/// `score` (the answer threshold, or lower where a rule says why).
pub(crate) fn clear_at(ranked: &[Candidate], t: &Thresholds, score: f32) -> bool {
    let Some(best) = ranked.first() else {
        return false;
    };
    let runner_up = ranked.get(1).map_or(0.0, |c| c.score);
    // The margin is read on the scores diluted as before the discount of bigrams across a
    // word's edge (see `Candidate::diluted`): the discount lifts every score, and with
    // them their differences.
    let runner_up_diluted = ranked.get(1).map_or(0.0, |c| c.diluted);
    // The question names another entry outright while the best names nothing: unsure.
    let named_elsewhere = best.named == 0.0 && ranked.iter().any(|c| c.named >= t.named_elsewhere);
    !best.kana_only
        && best.score >= score
        && best.score - runner_up >= t.answer_margin
        && best.diluted - runner_up_diluted >= t.answer_margin
        && best.support() >= t.answer_coverage
        && !best.unnamed_event
        && !named_elsewhere
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(entry: usize, score: f32, coverage: f32, named: f32) -> Candidate {
        Candidate {
            entry,
            bm25: 1.0,
            coverage,
            fielded: coverage,
            similarity: score,
            named,
            score,
            diluted: score,
            unnamed_event: false,
            kana_only: false,
            gated: false,
            explained: 0.0,
        }
    }

    fn run(ranked: &[Candidate]) -> Decision {
        decide(ranked, &THRESHOLDS, |e| format!("e{e}"))
    }

    #[test]
    fn answers_only_with_score_margin_and_coverage() {
        let clear = [candidate(0, 0.7, 0.8, 0.5), candidate(1, 0.3, 0.5, 0.0)];
        assert!(matches!(run(&clear), Decision::Answer { id, .. } if id == "e0"));
        let close = [candidate(0, 0.7, 0.8, 0.5), candidate(1, 0.69, 0.8, 0.5)];
        assert!(matches!(run(&close), Decision::Suggest { ids, .. } if ids == ["e0", "e1"]));
        let thin = [candidate(0, 0.7, 0.1, 0.0)];
        assert!(matches!(run(&thin), Decision::Unknown { .. }));
        assert!(matches!(run(&[]), Decision::Unknown { .. }));
    }

    #[test]
    fn clear_at_a_lower_score_keeps_every_other_test() {
        let low = [candidate(0, 0.25, 0.4, 0.2), candidate(1, 0.1, 0.3, 0.0)];
        assert!(!clear_at(&low, &THRESHOLDS, THRESHOLDS.answer_score));
        assert!(clear_at(&low, &THRESHOLDS, THRESHOLDS.suggest_score));
        let close = [candidate(0, 0.25, 0.4, 0.2), candidate(1, 0.24, 0.3, 0.0)];
        assert!(!clear_at(&close, &THRESHOLDS, THRESHOLDS.suggest_score));
        let thin = [candidate(0, 0.25, 0.2, 0.2)];
        assert!(!clear_at(&thin, &THRESHOLDS, THRESHOLDS.suggest_score));
        assert!(!clear_at(&[], &THRESHOLDS, 0.0));
    }

    #[test]
    fn kana_alone_in_common_is_no_evidence() {
        let mut loanword = candidate(0, 0.7, 0.9, 0.0);
        loanword.kana_only = true;
        assert!(matches!(run(&[loanword]), Decision::Unknown { .. }));
    }

    #[test]
    fn an_unnamed_event_or_another_named_entry_only_suggests() {
        let mut event = candidate(0, 0.7, 0.9, 0.0);
        event.unnamed_event = true;
        assert!(matches!(run(&[event]), Decision::Suggest { .. }));
        let other_named = [candidate(0, 0.7, 0.9, 0.0), candidate(1, 0.5, 0.4, 0.6)];
        assert!(matches!(run(&other_named), Decision::Suggest { ids, .. } if ids[0] == "e0"));
    }
}
