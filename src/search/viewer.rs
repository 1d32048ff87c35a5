//! A reaction the question makes its subject, asked its view of a meeting or a topic.
//!
//! 「米国内の世論調査では、ヘルシンキ会談でのトランプ大統領の対応がどのように評価されて
//! いたのか」 and 「中国はトランプ・プーチン会談および対露制裁に対し、どのような姿勢を
//! 取っていたのか」 name a meeting or a topic, which often ranks first by the words they
//! share, but ask what the poll showed or where China stood: the one whose view is asked is
//! the subject of the question (「世論調査では」, 「中国は」), and a word of views (反応,
//! 世論調査, 立場, 姿勢) says a view is what is asked. Its page answers, over the meeting, the
//! topic or a broader reaction the question also names.

use super::matcher::{Candidate, Query};
use super::{Index, SUGGESTIONS};
use crate::knowledge::Kind;

/// The groups of a view asked, besides the words of reception (反応, 世論調査).
const VIEW_GROUPS: [&str; 2] = ["stance", "style"];
/// The two sides, whose positions the topics give.
const SIDES: [&str; 3] = ["usa", "russia", "us-russia"];
/// What follows the name of the one whose view is asked (「中国は」, 「中国って」, 「世論調査で」
/// and 「世論調査では」: the poll as the means of the view).
const SUBJECT_MARKS: [&str; 3] = ["は", "で", "って"];
/// The least score of the reaction answered.
const VIEWER_SCORE: f32 = 0.1;

impl Index {
    /// The one reaction among the first candidates that the question makes its subject
    /// (「Xは」, 「Xでは」, 「Xって」), when a view is asked and it does not rank first; what
    /// ranks before it is a meeting, a topic, Trump's or Putin's page or another reaction
    /// (a misconception, a Q&A or someone's page ranked before it asks something else).
    pub(super) fn viewer_asked<'r>(
        &self,
        q: &Query,
        question: &str,
        ranked: &'r [Candidate],
    ) -> Option<&'r Candidate> {
        let view_asked = self.matcher.speaks_of_reception(q)
            || VIEW_GROUPS.iter().any(|g| self.matcher.speaks_of(q, g));
        if !view_asked {
            return None;
        }
        let shortlist = &ranked[..ranked.len().min(SUGGESTIONS + 1)];
        // The subject of the ask, not of its context: what a long question tells someone
        // said (「ロシアの国営メディアは…報じてたらしいです」) is not whose view it asks.
        let ask = &self.ask_alone(question);
        let mut subjects = shortlist.iter().enumerate().filter(|(_, c)| {
            self.matcher.docs[c.entry].kind == Kind::Reaction
                && c.named > 0.0
                && self.third_party_subject(ask, c.entry)
        });
        let (at, viewer) = subjects.next()?;
        if subjects.next().is_some() || at == 0 || viewer.score < VIEWER_SCORE {
            return None;
        }
        let before_fit = shortlist[..at].iter().all(|c| {
            matches!(
                self.matcher.docs[c.entry].kind,
                Kind::Meeting | Kind::PastSummit | Kind::Topic | Kind::Reaction
            ) || self.matcher.is_home_person(c.entry)
        });
        before_fit.then_some(viewer)
    }
}

impl Index {
    /// The ask of a question read alone, in the order it is written: `q` in
    /// `decide_query` may be read with its context before it.
    pub(super) fn ask_alone(&self, question: &str) -> Query {
        let ask = match self.clauses.focus(question) {
            Some(focus) => self.courtesies.clean(&focus.ask),
            None => self.courtesies.clean(question),
        };
        self.matcher.query_in_context(&ask, "")
    }

    /// Whether the question first names a reaction by a word of its own followed by は, で
    /// or って (「中国は」, 「世論調査で」, 「世論調査では」), and that word is not the United States
    /// or Russia: the two sides' positions on a topic (「制裁について、アメリカとロシアは
    /// それぞれどのような立場」) are the topic's, and the Americans' view
    /// (「アメリカ人って…どう思ってんの」) is asked of every meeting.
    fn third_party_subject(&self, q: &Query, entry: usize) -> bool {
        let c = self.matcher.canonical_text(q);
        let Some(at) = self.matcher.named_at(q, entry) else {
            return false;
        };
        let Some(word) = c.get(at).and_then(|&m| self.matcher.concept_of(m)) else {
            return false;
        };
        let rest: String = c[at + 1..].iter().take(2).collect();
        !SIDES.contains(&word) && SUBJECT_MARKS.iter().any(|m| rest.starts_with(m))
    }
}

impl Index {
    /// The reaction a question names by a word of reception no other reaction among the
    /// first candidates is named by (「世論調査」, "polls" name the US polls; 「アメリカ」
    /// names US politics as much), when the question speaks of how something was received
    /// and is offered: that reaction, at the suggestion threshold, unless a misconception
    /// the question names comes first (「期待40%・懸念50%の調査はどこの？」).
    pub(super) fn reception_by_its_word<'r>(
        &self,
        q: &Query,
        ranked: &'r [Candidate],
    ) -> Option<&'r Candidate> {
        if !self.matcher.speaks_of_reception(q) {
            return None;
        }
        let top = ranked.first()?;
        if self.matcher.docs[top.entry].kind == Kind::Myth && top.named > 0.0 {
            return None;
        }
        let reactions: Vec<&Candidate> = ranked
            .iter()
            .take(SUGGESTIONS)
            .filter(|c| self.matcher.docs[c.entry].kind == Kind::Reaction)
            .collect();
        let words: Vec<Vec<char>> = reactions
            .iter()
            .map(|c| self.matcher.reception_named(q, c.entry))
            .collect();
        // Each reaction with a word of its own, by how narrow that word is (the fewest
        // entries named by it): the one with the narrowest, when no other's is as narrow
        // (「世論調査」 of the polls over 「反応」 of politics in 「アメリカ人ってどんくらい反発
        // してたの？世論調査の数字ある？」).
        let mut distinct: Vec<(&Candidate, usize)> = reactions
            .iter()
            .zip(&words)
            .filter_map(|(c, own)| {
                own.iter()
                    .filter(|m| words.iter().filter(|other| other.contains(m)).count() == 1)
                    .map(|&m| self.matcher.entries_named_by(m))
                    .min()
                    .map(|narrow| (*c, narrow))
            })
            .collect();
        distinct.sort_by_key(|&(_, narrow)| narrow);
        let (found, narrowest) = *distinct.first()?;
        if distinct.get(1).is_some_and(|&(_, n)| n == narrowest)
            || found.score < super::THRESHOLDS.suggest_score
        {
            return None;
        }
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn a_reaction_named_by_a_word_of_reception_of_its_own_is_answered() {
        let index = index();
        for (q, id) in [
            (
                "アメリカ人は会談をどう受け止めた？世論調査ってある？",
                "us-polls",
            ),
            // A narrower word of its own (世論調査) over another's broader one (反発).
            (
                "アラスカのあと、アメリカ人はどのくらい反発した？世論調査の数字は？",
                "us-polls",
            ),
            // A misconception the question names first stays first.
            ("期待40%懸念50%の世論調査って本当？", "myth-40-50-poll"),
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn a_reaction_made_the_subject_and_asked_its_view_is_its_page() {
        let index = index();
        for (q, id) in [
            (
                "アメリカの世論調査では、アラスカ会談でのトランプ氏の振る舞いはどう評価されたのですか。",
                "us-polls",
            ),
            (
                "中国は米露首脳会談や対ロシア制裁について、どういう立場なんでしょうか。",
                "china",
            ),
            (
                "ヘルシンキ会談の直後の世論調査で、トランプ氏の対応への評価はどうだったのでしょう。",
                "us-polls",
            ),
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
        // A meeting asked with no view asked stays the meeting's.
        assert_eq!(
            answer(&index, "ヘルシンキ会談はいつ開かれましたか？").as_deref(),
            Some("helsinki-2018")
        );
    }
}
