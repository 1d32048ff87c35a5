//! Two people of the dataset named together: the one named first is whom it asks of.
//!
//! 「ウィトコフとクシュナーが2026年1月にモスクワに行ったって…」 and 「クシュナー氏が
//! ウィトコフ特使と一緒にモスクワを訪れたのはいつですか」 name two envoys, both pages
//! telling the same trip; the first named is the subject (「AとBが」, 「AがBと一緒に」), the
//! other who was with them. The ranking weighs the two pages by the words they share with the
//! rest of the question, which says nothing of whom it asks.

use super::matcher::{Candidate, Query};
use super::Index;

/// The least score of the person named first.
const COMPANION_SCORE: f32 = 0.1;

impl Index {
    /// The person the ask names first, when the first two candidates are two people of the
    /// dataset besides Trump and Putin, both named in the ask and no one else named: answered
    /// whether it ranks first or second (the two pages tell the same events, so their
    /// scores are close and the margin of an answer is seldom there).
    pub(super) fn named_first_of_two<'r>(
        &self,
        q: &Query,
        question: &str,
        ranked: &'r [Candidate],
    ) -> Option<&'r Candidate> {
        let [top, second, ..] = ranked else {
            return None;
        };
        let people: Vec<usize> = self.matcher.other_people_named(q).collect();
        let [a, b] = people.as_slice() else {
            return None;
        };
        let pair = |x: usize, y: usize| (top.entry, second.entry) == (x, y);
        if !(pair(*a, *b) || pair(*b, *a)) || second.score < COMPANION_SCORE {
            return None;
        }
        // Both named in the ask, read in the order written: a companion told of in the
        // context (「…訪れたのはいつですか？ウィトコフ氏と一緒だったと聞きました」) is not
        // whom it asks of.
        let ask = self.ask_alone(question);
        let first_at = self.matcher.named_at(&ask, top.entry)?;
        let second_at = self.matcher.named_at(&ask, second.entry)?;
        Some(if second_at < first_at { second } else { top })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn of_two_people_named_together_the_first_is_asked_of() {
        let index = index();
        for (q, id) in [
            (
                "ウィトコフ特使とクシュナー氏がモスクワを訪れたのはいつでしたか。",
                "witkoff",
            ),
            (
                "クシュナー氏とウィトコフ特使がモスクワを訪れたのはいつでしたか。",
                "kushner",
            ),
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
    }
}
