//! A question asking which meeting something happened at (「あれどこの会談？」, 「どの会談の
//! 声明だっけ」, 「ドタキャンしたG20ってどこだっけ」) names no meeting by design: what it
//! tells is how it picks one out. A meeting's record that ranks first for it, clear of the
//! runner-up by every test of an answer, is the answer; the rule that a meeting the
//! question does not name is only offered (`Candidate::unnamed_event`) is for questions
//! that do not ask which one.

use super::decide;
use super::matcher::{Candidate, Query};
use super::Index;
use crate::knowledge::Kind;
use crate::search::Thresholds;

/// The groups of a word of meetings a question may ask which of (会談, G20, APEC).
const MEETING_WORDS: [&str; 3] = ["meeting", "g20", "apec"];
const WHERE: &str = "where";

impl Index {
    /// Whether the question asks which meeting: 「どの」 or 「どこの」 right before a word
    /// of meetings, or that word followed by 「って」/「は」 and 「どれ」 (a gathering, G20 or
    /// APEC, by 「どこ」 too).
    pub(super) fn asks_which_meeting(&self, q: &Query) -> bool {
        let c = self.matcher.canonical_text(q);
        let is = |m: char, group: &str| self.matcher.concept_of(m) == Some(group);
        let meeting = |m: char| MEETING_WORDS.iter().any(|g| is(m, g));
        (0..c.len()).any(|i| {
            if !meeting(c[i]) {
                return false;
            }
            let before = &c[..i];
            let which_before = before.ends_with(&['ど', 'の'])
                || (before.ends_with(&['の']) && i >= 2 && is(c[i - 2], WHERE));
            let after = &c[i + 1..];
            let topic = if after.starts_with(&['っ', 'て']) {
                Some(&after[2..])
            } else if after.starts_with(&['は']) {
                Some(&after[1..])
            } else {
                None
            };
            // 「会談はどこで行われた？」 asks where meetings are held, not which one; a
            // gathering held in many places (G20, APEC) asked where asks which one.
            let gathering = !is(c[i], MEETING_WORDS[0]);
            let which_after = topic.is_some_and(|rest| {
                rest.starts_with(&['ど', 'れ'])
                    || (gathering && rest.first().is_some_and(|&m| is(m, WHERE)))
            });
            which_before || which_after
        })
    }

    /// The meeting's record a question asking which meeting ranks first, when it passes
    /// every test of an answer but being named, at the suggestion threshold (see the
    /// module docs).
    pub(super) fn which_meeting<'r>(
        &self,
        q: &Query,
        ranked: &'r [Candidate],
        t: &Thresholds,
    ) -> Option<&'r Candidate> {
        let top = ranked.first()?;
        if !matches!(
            self.matcher.docs[top.entry].kind,
            Kind::Meeting | Kind::PastSummit
        ) || !self.asks_which_meeting(q)
        {
            return None;
        }
        decide::first_clear_as(ranked, t, |c| c.unnamed_event = false).then_some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn which_meeting_is_read_from_the_words_around_a_word_of_meetings() {
        let index = index();
        let asks = |text: &str| index.asks_which_meeting(&index.matcher.query(text));
        for text in [
            "あれはどの会談だっけ",
            "あれどこの会談？",
            "ドタキャンしたG20ってどこだっけ",
            "その会談はどれ？",
        ] {
            assert!(asks(text), "{text}");
        }
        for text in [
            "会談の場所はどこ？",
            "会談はどこで行われた？",
            "ヘルシンキ会談の成果は？",
            "どのくらい会談した？",
        ] {
            assert!(!asks(text), "{text}");
        }
    }

    #[test]
    fn a_meeting_first_for_a_question_asking_which_meeting_is_answered() {
        let index = index();
        assert_eq!(
            answer(
                &index,
                "「核戦争に勝者はいない」という声明が出たのはどの首脳会談ですか？"
            )
            .as_deref(),
            Some("geneva-1985")
        );
    }
}
