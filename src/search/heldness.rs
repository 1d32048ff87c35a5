//! Whether the one meeting a question names took place: asked either way, denied in plain
//! words, or taken for granted of a meeting called off.
//!
//! A misconception about whether a meeting took place (「アラスカの会談は開かれなかった」,
//! 「ブダペストで2回目の会談が開かれた」) answers a question about its taking place better
//! than the meeting's record, which assumes it (see `decide_query`). The words of the
//! synonym table for a meeting held or not (開催, 開かれなかった) miss three ways of asking
//! it, read here from the question's canonical text:
//!
//! - a meeting said not to have met, a plain verb negated after a word of meetings
//!   (「実際は会ってないんだっけ」, 「かいだんしたの？してないの？」);
//! - a meeting asked either way, said done and, in the same question, said not done or
//!   called off (「じっさいやったの？ちゅうしになった？」);
//! - a meeting called off asked what came of it with the word of results first ("what came
//!   out of the Budapest summit"), or what was discussed there, in the past
//!   (「ブダペスト会談では何が話し合われたんですか」): both take it as held.
//!
//! A field its record holds asked of a meeting called off (「開催が合意されたのはいつ」) is
//! the record's, whatever word of results it writes.

use super::matcher::{Candidate, Query};
use super::{Index, SUGGESTIONS};
use crate::knowledge::{ask::Asked, Kind};

const MEETING: &str = "meeting";
const DID: &str = "did";
const TALK: &str = "talk";
const CANCEL: &str = "cancel";
const NOT_HELD: &str = "not-held";
/// The groups of a result (成果, came out of) and of what was agreed.
const RESULT_GROUPS: [&str; 2] = ["result", "agreement"];
/// How many characters after a word of meetings a negated verb is still said of it
/// (「会談したの？してないの？」).
const NEGATION_REACH: usize = 8;
/// How many characters before a word of meetings the word of results is still its result
/// ("outcome of the summit").
const RESULT_REACH: usize = 3;
/// Negated verbs (してない, 会ってなかった) written in kana after a word of meetings.
const NEGATED: [&str; 4] = ["てない", "ていない", "てなかった", "ていなかった"];
/// A plan, not an event: what was to be discussed (「話し合う予定だった」).
const PLANNED: [&str; 3] = ["予定", "よてい", "planned"];

impl Index {
    /// Whether the question says a meeting did not take place in plain words: a word of
    /// meetings followed by a negation (「実際は会ってないんだっけ」, 「したの？してないの？」).
    pub(super) fn says_not_met(&self, q: &Query) -> bool {
        let c = self.matcher.canonical_text(q);
        (0..c.len()).any(|i| self.is(c[i], MEETING) && negated(&c[i + 1..]))
    }

    /// Whether the question asks whether a meeting took place either way: says it done
    /// (やった, 会談した) and, in the same question, not done or called off.
    pub(super) fn asks_either_way(&self, q: &Query) -> bool {
        let c = self.matcher.canonical_text(q);
        let done = (0..c.len()).any(|i| {
            (self.is(c[i], MEETING)
                && (c[i + 1..].starts_with(&['し', 'た']) || c.get(i + 1) == Some(&'た')))
                || (self.is(c[i], DID) && c[..i].iter().any(|&m| self.is(m, MEETING)))
        });
        let not_done = self.says_not_met(q)
            || c.iter()
                .any(|&m| self.is(m, NOT_HELD) || self.is(m, CANCEL));
        done && not_done
    }

    /// Whether the question takes a meeting as held by what it asks of it: the word of
    /// results right before a word of meetings ("what came out of the Budapest summit"), or
    /// what was discussed, in the past and not as a plan (「何が話し合われたんですか」).
    pub(super) fn takes_as_held(&self, q: &Query) -> bool {
        let c = self.matcher.canonical_text(q);
        let result_first = (0..c.len()).any(|i| {
            self.is(c[i], MEETING)
                && c[i.saturating_sub(RESULT_REACH)..i]
                    .iter()
                    .any(|&m| RESULT_GROUPS.iter().any(|g| self.is(m, g)))
        });
        let text: String = c.iter().collect();
        let discussed = (0..c.len()).any(|i| self.is(c[i], TALK) && c.get(i + 1) == Some(&'た'))
            && !PLANNED.iter().any(|p| text.contains(p));
        result_first || discussed
    }

    /// Whether what is asked may take a meeting as held: nothing, how it ended or what was
    /// discussed; a date, a place or a reason asked is its record's.
    pub(super) fn asks_as_of_an_event(asked: Option<Asked>) -> bool {
        matches!(asked, None | Some(Asked::Outcome) | Some(Asked::Agenda))
    }

    /// The misconception about whether the one meeting named took place, with the score
    /// it is answered at: a misconception whose names speak of a meeting held or not and
    /// hold the place named, among the first candidates; or, when `anywhere`, of the whole
    /// dataset (a question about a meeting's taking place in few words may not rank it),
    /// at the score of the first candidate. One that says the meeting was not held comes
    /// first when `not_held_first` (a meeting held asked whether it took place).
    pub(super) fn held_misconception(
        &self,
        q: &Query,
        ranked: &[Candidate],
        anywhere: bool,
        not_held_first: bool,
    ) -> Option<(usize, f32)> {
        let fits = |e: usize| {
            self.matcher.docs[e].kind == Kind::Myth
                && self.matcher.entry_speaks_of_held(e)
                && self.matcher.anchored_beyond_year(q, e)
        };
        let pick = |found: Vec<(usize, f32)>| {
            let first = found.first().copied();
            found
                .into_iter()
                .find(|&(e, _)| not_held_first && self.matcher.entry_speaks_of_not_held(e))
                .or(first)
        };
        let reach = if anywhere { ranked.len() } else { SUGGESTIONS };
        let shortlisted: Vec<(usize, f32)> = ranked
            .iter()
            .take(reach)
            .filter(|c| fits(c.entry))
            .map(|c| (c.entry, c.score))
            .collect();
        let held_first = |found: &[(usize, f32)]| {
            !not_held_first
                || found
                    .iter()
                    .any(|&(e, _)| self.matcher.entry_speaks_of_not_held(e))
        };
        if !anywhere || (!shortlisted.is_empty() && held_first(&shortlisted)) {
            return pick(shortlisted);
        }
        let score = ranked.first().map_or(0.0, |c| c.score);
        let all: Vec<(usize, f32)> = (0..self.matcher.docs.len())
            .filter(|&e| fits(e))
            .map(|e| {
                let ranked_at = ranked.iter().find(|c| c.entry == e);
                (e, ranked_at.map_or(score, |c| c.score))
            })
            .collect();
        pick(all)
    }

    fn is(&self, mark: char, group: &str) -> bool {
        self.matcher.concept_of(mark) == Some(group)
    }
}

/// Whether the characters after a word of meetings negate it: 「ない」 right after it
/// (「会ってない」 reads ⟨meeting⟩ない), or a negated verb a few characters on.
fn negated(rest: &[char]) -> bool {
    let rest: String = rest.iter().take(NEGATION_REACH).collect();
    rest.starts_with("ない")
        || rest.starts_with("なかった")
        || NEGATED.iter().any(|n| rest.contains(n))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn a_meeting_held_said_not_to_have_met_is_the_misconception() {
        let index = index();
        for q in [
            "アンカレッジの会談って、本当は会ってないんでしょ？",
            "アラスカでトランプとプーチンは会談したの？してないの？",
            "アラスカの首脳会談、ほんとにやったの？中止になったんじゃないの？",
        ] {
            assert_eq!(
                answer(&index, q).as_deref(),
                Some("myth-alaska-not-held"),
                "{q}"
            );
        }
    }

    #[test]
    fn a_meeting_called_off_taken_as_held_is_the_misconception() {
        let index = index();
        for q in [
            "What came out of the Budapest meeting between Trump and Putin?",
            "ブダペストの首脳会談ではどんなことが話し合われたのですか。",
            "ぶだぺすと の かいだん けっか は？",
        ] {
            assert_eq!(
                answer(&index, q).as_deref(),
                Some("myth-budapest-held"),
                "{q}"
            );
        }
        // What was to be discussed, and a date its record holds, are the record's.
        for q in [
            "ブダペスト会談では何を話し合う予定だったの？",
            "ブダペストでの会談の開催が合意されたのは何月何日ですか。ご確認ください。",
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some("budapest-2025"), "{q}");
        }
    }
}
