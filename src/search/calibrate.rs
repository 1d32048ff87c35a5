//! What the matcher knows of a question and of its decision's lead, as numbers: the
//! features of the calibrated final decision (issue 7), dumped by `tests/ask_eval.rs`
//! (`ASK_EVAL_DUMP=path`) for `scripts/calibrate.py` to fit.

use super::{clean, Analysis, Decision, Index};
use crate::knowledge::{ask::Asked, Kind};

/// A question's features: names and values, in a fixed order.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// The entry the decision leads with (the answer, the first offered), or the one the
    /// whole question ranks first when it refuses.
    pub lead: Option<String>,
    /// The first three the whole question ranks.
    pub top: Vec<String>,
    pub features: Vec<(&'static str, f32)>,
}

const KINDS: [(Kind, &str); 9] = [
    (Kind::Meeting, "kind_meeting"),
    (Kind::Calls, "kind_calls"),
    (Kind::PastSummit, "kind_past"),
    (Kind::Topic, "kind_topic"),
    (Kind::Qa, "kind_qa"),
    (Kind::Reaction, "kind_reaction"),
    (Kind::Comparison, "kind_comparison"),
    (Kind::Myth, "kind_myth"),
    (Kind::Person, "kind_person"),
];

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

impl Index {
    /// The features of a question understood as `analysis` (see [`Calibration`]).
    pub fn calibration(&self, question: &str, analysis: &Analysis) -> Calibration {
        self.matcher
            .remembering(|| self.calibration_in(question, analysis))
    }

    fn calibration_in(&self, question: &str, analysis: &Analysis) -> Calibration {
        let plain = clean::plain(question);
        let cleaned = self.courtesies.clean_plain(plain.clone());
        let q = self.matcher.query(&cleaned);
        let ranked = if q.out_of_scope || q.is_empty() {
            Vec::new()
        } else {
            self.matcher.rank(&q, None)
        };
        let entry_of = |id: &str| self.matcher.docs.iter().position(|d| d.id == id);
        let (dec, ids): (usize, Vec<String>) = match &analysis.decision {
            Decision::Answer { id, .. } => (0, vec![id.clone()]),
            Decision::Suggest { ids, .. } => (1, ids.clone()),
            Decision::Unknown { .. } => (2, Vec::new()),
        };
        let lead = ids
            .first()
            .and_then(|id| entry_of(id))
            .or_else(|| ranked.first().map(|c| c.entry));
        let lead_rank = lead.and_then(|e| ranked.iter().position(|c| c.entry == e));
        let mut f: Vec<(&'static str, f32)> = vec![
            ("dec_answer", flag(dec == 0)),
            ("dec_suggest", flag(dec == 1)),
            ("dec_unknown", flag(dec == 2)),
            ("n_ids", ids.len() as f32),
            ("lead_rank", lead_rank.map_or(5.0, |r| r.min(5) as f32)),
            ("lead_is_top", flag(lead_rank == Some(0))),
        ];
        f.push(("n_candidates", ranked.len().min(20) as f32));
        let zero = super::matcher::Candidate {
            entry: usize::MAX,
            bm25: 0.0,
            coverage: 0.0,
            fielded: 0.0,
            similarity: 0.0,
            named: 0.0,
            score: 0.0,
            diluted: 0.0,
            unnamed_event: false,
            kana_only: false,
            gated: false,
            explained: 0.0,
        };
        let cand = |i: usize| ranked.get(i).unwrap_or(&zero);
        let explained = |c: &super::matcher::Candidate| {
            if c.entry == usize::MAX {
                0.0
            } else {
                self.matcher.explained(&q, c.entry)
            }
        };
        let (t1, t2) = (cand(0), cand(1));
        f.push(("t1_score", t1.score));
        f.push(("t1_diluted", t1.diluted));
        f.push(("t1_cov", t1.coverage));
        f.push(("t1_fld", t1.fielded));
        f.push(("t1_sim", t1.similarity));
        f.push(("t1_named", t1.named));
        f.push(("t1_expl", explained(t1)));
        f.push(("t1_support", t1.support()));
        f.push(("t1_kana_only", flag(t1.kana_only)));
        f.push(("t1_unnamed_event", flag(t1.unnamed_event)));
        f.push(("t1_gated", flag(t1.gated)));
        f.push(("t2_score", t2.score));
        f.push(("t2_diluted", t2.diluted));
        f.push(("t2_named", t2.named));
        f.push(("t2_expl", explained(t2)));
        f.push(("margin", t1.score - t2.score));
        f.push(("margin_diluted", t1.diluted - t2.diluted));
        f.push((
            "ratio",
            if t1.score > 0.0 {
                t2.score / t1.score
            } else {
                1.0
            },
        ));
        f.push(("t3_score", cand(2).score));
        // Which of the calibrated thresholds the first fails (see `decide::decide`), and
        // whether the rules decided otherwise than those thresholds alone.
        let t = &super::THRESHOLDS;
        let named_elsewhere =
            t1.named == 0.0 && ranked.iter().any(|c| c.named >= t.named_elsewhere);
        f.push(("fail_score", flag(t1.score < t.answer_score)));
        f.push((
            "fail_margin",
            flag(
                t1.score - t2.score < t.answer_margin || t1.diluted - t2.diluted < t.answer_margin,
            ),
        ));
        f.push(("fail_support", flag(t1.support() < t.answer_coverage)));
        f.push(("named_elsewhere", flag(named_elsewhere)));
        let plain_decision = super::decide::decide(&ranked, t, |e| self.id(e));
        let same = match (&plain_decision, &analysis.decision) {
            (Decision::Answer { id: a, .. }, Decision::Answer { id: b, .. }) => a == b,
            (Decision::Suggest { ids: a, .. }, Decision::Suggest { ids: b, .. }) => {
                a.first() == b.first()
            }
            (Decision::Unknown { .. }, Decision::Unknown { .. }) => true,
            _ => false,
        };
        f.push((
            "thresholds_answer",
            flag(matches!(plain_decision, Decision::Answer { .. })),
        ));
        f.push(("rules_overrode", flag(!same)));
        // The ask read with its context as support (see `Index::reading`), and the
        // sentences that ask read alone: whether they put the first first too.
        let ask = self.reading(&plain, None);
        let a1 = ask.first().unwrap_or(&zero);
        let a2 = ask.get(1).unwrap_or(&zero);
        let first = ranked.first().map(|c| c.entry);
        f.push((
            "ask_agrees",
            flag(first.is_some() && ask.first().map(|c| c.entry) == first),
        ));
        f.push(("ask_score", a1.score));
        f.push(("ask_support", a1.support()));
        f.push(("ask_margin", a1.score - a2.score));
        let sentences = clean::sentences_plain(&plain);
        let sentence_agrees = sentences.len() >= 2
            && sentences
                .iter()
                .take(super::MAX_SENTENCES)
                .any(|(sentence, _)| {
                    let read = self.reading(sentence, None);
                    first.is_some() && read.first().map(|c| c.entry) == first
                });
        f.push(("sentence_agrees", flag(sentence_agrees)));
        let lc = lead_rank.map_or(&zero, |r| &ranked[r]);
        f.push(("lead_score", lc.score));
        f.push(("lead_diluted", lc.diluted));
        f.push(("lead_cov", lc.coverage));
        f.push(("lead_named", lc.named));
        f.push(("lead_expl", explained(lc)));
        f.push(("lead_support", lc.support()));
        f.push(("lead_unnamed_event", flag(lc.unnamed_event)));
        let kind = lead.map(|e| self.matcher.docs[e].kind);
        for (k, name) in KINDS {
            f.push((name, flag(kind == Some(k))));
        }
        let lead_id = lead.map(|e| self.id(e));
        f.push(("asked_some", flag(analysis.asked.is_some())));
        f.push(("asked_count", flag(analysis.asked == Some(Asked::Count))));
        f.push((
            "asked_identity",
            flag(analysis.asked == Some(Asked::Identity)),
        ));
        f.push(("asked_why", flag(analysis.asked == Some(Asked::Why))));
        f.push((
            "lead_holds_asked",
            flag(match (lead, analysis.asked) {
                (Some(e), Some(a)) => self.holds(e, a),
                _ => false,
            }),
        ));
        f.push(("checks", flag(analysis.checks)));
        f.push(("n_years", analysis.years.len().min(3) as f32));
        f.push(("n_months", analysis.months.len().min(3) as f32));
        f.push(("n_events", analysis.events.len().min(3) as f32));
        f.push((
            "lead_in_events",
            flag(
                lead_id
                    .as_ref()
                    .is_some_and(|id| analysis.events.contains(id)),
            ),
        ));
        f.push(("out_of_scope", flag(analysis.out_of_scope)));
        // Refused by a rule of scope on the whole question (a gathering or a pair off the
        // record, a meeting or a month the dataset does not hold).
        let folded = super::normalize::Folded::new(&cleaned);
        let prepared = super::asked::Prepared::from_folded(&cleaned, &folded);
        let this_year = self.this_year.detect(&prepared).is_some();
        let scope_refused = !q.is_empty()
            && (self.asks_off_record(&q, analysis, this_year)
                || self.asks_beyond_record(&cleaned, &q, analysis)
                || self.asks_meeting_after_record(&q, analysis)
                || self.asks_unrecorded_meeting(&q, analysis)
                || self.asks_unrecorded_month(&q, analysis));
        f.push(("scope_refused", flag(scope_refused)));
        f.push(("q_out_of_scope", flag(q.out_of_scope)));
        f.push(("q_empty", flag(q.is_empty())));
        f.push(("unknown_name", flag(q.unknown_name)));
        f.push(("specific", flag(q.specific)));
        f.push(("names_pair", flag(self.matcher.names_a_pair(&q))));
        f.push(("speaks_meetings", flag(self.matcher.speaks_of_meetings(&q))));
        f.push((
            "people",
            self.matcher.people_in(&q).count_ones().min(4) as f32,
        ));
        f.push(("compares", flag(self.matcher.compares(&q))));
        f.push(("says_enough", flag(self.matcher.says_enough(&q))));
        f.push(("has_context", flag(self.cleaned_focus(&plain).is_some())));
        let chars = question.chars().filter(|c| !c.is_whitespace()).count();
        f.push(("chars", chars.min(200) as f32 / 100.0));
        f.push((
            "sentences",
            clean::sentences_plain(&plain).len().min(5) as f32,
        ));
        let latin = question.chars().filter(|c| c.is_ascii_alphabetic()).count();
        f.push((
            "latin",
            if chars > 0 {
                latin as f32 / chars as f32
            } else {
                0.0
            },
        ));
        Calibration {
            lead: lead_id,
            top: ranked.iter().take(3).map(|c| self.id(c.entry)).collect(),
            features: f,
        }
    }
}
