//! The one entry a long question is offered, answered.
//!
//! A long question says more than what it asks (where the member heard of it, what they
//! thought, a greeting): its words dilute every entry's score, so that the one entry it
//! asks of can fall below the answer's threshold while nothing else comes near it. When
//! the offer holds that one entry alone, at the offer's floor or above (no other entry
//! reaches four fifths of the offer's threshold, see `decide`), the question is answered
//! with it: the margin that keeps a wrong answer out is all there.

use super::decide::Thresholds;
use super::normalize::has_content;
use super::{clean, Analysis, Decision, Index};

/// Share of the offer's threshold from which the lone entry offered is answered (the
/// floor `decide` lists offers down to).
const OFFER_FLOOR: f32 = 0.8;

impl Index {
    /// `analysis` with its lone offer answered, when the question is one of several
    /// sentences, one of them context (see the module's doc).
    pub(super) fn lone_offer_answered(
        &self,
        plain: &str,
        mut analysis: Analysis,
        t: &Thresholds,
    ) -> Analysis {
        if analysis.out_of_scope {
            return analysis;
        }
        let Decision::Suggest { ids, score } = &analysis.decision else {
            return analysis;
        };
        let ([id], score) = (ids.as_slice(), *score) else {
            return analysis;
        };
        // Context around the ask: a sentence that tells, besides the one that asks (not
        // two questions, nor one with a courtesy after it: a sentence of courtesies only
        // is none).
        let sentences: Vec<(String, bool)> = clean::sentences_plain(plain)
            .into_iter()
            .filter(|(s, _)| has_content(&self.courtesies.clean_plain(s.clone())))
            .collect();
        let tells = sentences.iter().any(|(_, asking)| !asking);
        if score < t.suggest_score * OFFER_FLOOR || sentences.len() < 2 || !tells {
            return analysis;
        }
        analysis.decision = Decision::Answer {
            id: id.clone(),
            score,
        };
        analysis
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};
    use super::super::Decision;

    #[test]
    fn a_long_question_offered_one_entry_alone_is_answered() {
        let index = index();
        for (q, id) in [
            (
                "アラスカの後、次はハンガリーで会うって話があったよね。あれ結局どうなったの？取りやめになった理由も知りたい。",
                "budapest-2025",
            ),
            (
                "核戦争に勝者はないっていう言葉を授業で聞きました。あれってどの会談で出た言葉なんでしょう？",
                "geneva-1985",
            ),
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn two_questions_or_one_before_a_courtesy_keep_their_offer() {
        let index = index();
        // No sentence of context: two questions, one with a courtesy after it.
        for q in [
            "2025年10月16日の電話会談で何が決まりましたか？そのとき何時間話しましたか？",
            "2025年10月16日の電話会談で何が決まりましたか。よろしくお願いします",
        ] {
            assert!(
                !matches!(index.ask(q), Decision::Answer { .. }),
                "{q}: {:?}",
                index.ask(q)
            );
        }
    }
}
