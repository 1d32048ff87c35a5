//! Whether someone named attended a meeting named: their page, not the meeting's.
//!
//! 「大阪での米露首脳会談に、クシュナー氏は同席されていたのでしょうか」 and "who was Rex
//! Tillerson and was he at the Hamburg meeting?" name a meeting and one person of the
//! dataset besides Trump and Putin, and ask about that person: whether they were there, or
//! who they are. Their page tells which meetings they attended and what part they had. Who
//! attended, asked with a word of who (「大阪の会談には誰が同席していましたか。ポンペオ氏も
//! いたのでしょうか」), stays the meeting's: its record lists the people in the room.

use super::matcher::{Candidate, Query};
use super::{Index, THRESHOLDS};

/// The group of the people around a leader at a meeting (同席, 出席者, delegation).
const ATTENDANCE: &str = "people-around";
/// The group of the words of who (誰, どなた, who).
const WHO: &str = "who";

impl Index {
    /// The one person besides Trump and Putin the question names, beside the one meeting
    /// it names, when it asks whether they attended (a word of attendance and no word of
    /// who, or who they are: "who was Rex Tillerson"), and their page ranks first or right
    /// behind the meeting at the suggestion score or more.
    pub(super) fn attendance_asked<'r>(
        &self,
        q: &Query,
        ranked: &'r [Candidate],
        named: &[usize],
        records: bool,
    ) -> Option<&'r Candidate> {
        let [meeting] = named else { return None };
        if !records {
            return None;
        }
        let mut people = self.matcher.other_people_named(q);
        let person = people.next()?;
        if people.any(|e| e != person) {
            return None;
        }
        let c = self.matcher.canonical_text(q);
        let marks = |group: &str| {
            c.iter()
                .enumerate()
                .filter(|&(_, &m)| self.matcher.concept_of(m) == Some(group))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        if marks(ATTENDANCE).is_empty() {
            return None;
        }
        // A word of who asks who attended, unless it asks who the person is (right before
        // their name).
        let named_at = self.matcher.named_at(q, person);
        let who_of_person = marks(WHO)
            .iter()
            .all(|&i| named_at.is_some_and(|at| at == i + 1));
        if !who_of_person {
            return None;
        }
        let top = ranked.first()?;
        let own = ranked.iter().take(2).find(|c| c.entry == person)?;
        (own.score >= THRESHOLDS.suggest_score && (top.entry == person || top.entry == *meeting))
            .then_some(own)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn whether_someone_named_attended_a_meeting_is_their_page() {
        let index = index();
        assert_eq!(
            answer(
                &index,
                "ハンブルクの米露首脳会談に、ティラーソン国務長官は同席していたのですか。"
            )
            .as_deref(),
            Some("tillerson")
        );
        // Who attended, asked with a word of who, is the meeting's record.
        assert_eq!(
            answer(
                &index,
                "ハンブルクの会談には誰が同席していましたか。ティラーソン氏もいたのでしょうか。"
            )
            .as_deref(),
            Some("hamburg-2017")
        );
    }
}
