//! A claim the question heard or read, and the misconception about it.

use super::asked::Prepared;
use super::decide;
use super::matcher::{Candidate, Query};
use super::{Index, Thresholds, CLAIM_SHARE, MYTH_OVER_TOPIC_COVERAGE};
use crate::knowledge::Kind;

/// How many of the first candidates the misconception must be among.
const MYTH_RANK: usize = 2;
/// The least diluted score of the misconception.
const HEARD_MYTH_SCORE: f32 = 0.1;

impl Index {
    /// The misconception a question tells it heard or read (`hearsay` in
    /// `responses/ask.json`: 「近所の方が「…制裁は全部なくなったらしい」と話していました…」,
    /// 「ダナンとかパリでも…顔を合わせてるって聞いたけど、あれも正式な首脳会談に数えていい
    /// のかな」): ranked second, behind an entry that holds clearly less of the question
    /// ([`MYTH_OVER_TOPIC_COVERAGE`] times less coverage: the claim's words are the
    /// misconception's own) with at least [`CLAIM_SHARE`] of its score, and a fair diluted
    /// score. A misconception ranked first is left to the ranking (a claim heard about
    /// something else, 「サウジを訪問して…と聞きました」, names the Riyadh one), and a
    /// field of the one record named asked beside what was heard is the record's (see
    /// `decide_query`).
    pub(super) fn claim_heard<'r>(
        &self,
        prepared: &Prepared,
        ranked: &'r [Candidate],
        kinds: Option<&[Kind]>,
    ) -> Option<&'r Candidate> {
        if !kinds.is_none_or(|k| k.contains(&Kind::Myth)) || self.hearsay.detect(prepared).is_none()
        {
            return None;
        }
        let top = ranked.first()?;
        let myth = ranked
            .iter()
            .take(MYTH_RANK)
            .find(|c| self.matcher.docs[c.entry].kind == Kind::Myth)?;
        let holds_more = myth.entry != top.entry
            && myth.score >= CLAIM_SHARE * top.score
            && myth.coverage >= MYTH_OVER_TOPIC_COVERAGE * top.coverage;
        (holds_more && myth.diluted >= HEARD_MYTH_SCORE).then_some(myth)
    }
}

impl Index {
    /// The misconception a question names by its own words (「START I」, 「8000発」), ranked
    /// first and named more than the one record the question names, when the question
    /// checks a claim or tells one it read or heard: the claim is the misconception's, the
    /// record only the occasion it is pinned on (「記事に「START I条約で約8,000発削減」と
    /// ありましたが…署名されたのは1985年のジュネーブ会談のときですか？」 is the
    /// misconception about START I, not Geneva 1985's record).
    pub(super) fn claim_named_first<'r>(
        &self,
        prepared: &Prepared,
        ranked: &'r [Candidate],
        named: &[usize],
        checks: bool,
        kinds: Option<&[Kind]>,
    ) -> Option<&'r Candidate> {
        if !kinds.is_none_or(|k| k.contains(&Kind::Myth))
            || !(checks || self.hearsay.detect(prepared).is_some())
        {
            return None;
        }
        let top = ranked.first()?;
        let [event] = named else {
            return None;
        };
        let own = ranked.iter().find(|c| c.entry == *event)?;
        (self.matcher.docs[top.entry].kind == Kind::Myth
            && top.entry != *event
            && top.named > own.named
            && top.diluted >= HEARD_MYTH_SCORE)
            .then_some(top)
    }
}

impl Index {
    /// The misconception about several meetings together (「ダナン、パリ、ブエノスアイレス
    /// でも首脳会談が行われた」, 「大阪やアラスカで極秘会談が行われた」), first for a
    /// question naming two of their places or more, all of which its names name: it is
    /// named by them as much as each meeting is by its own, so the meetings named beside it
    /// do not make it unsure (`decide::clear_at`'s entry named elsewhere), and it answers
    /// at the suggestion threshold when it passes every other test of an answer.
    pub(super) fn myth_of_the_places<'r>(
        &self,
        q: &Query,
        ranked: &'r [Candidate],
        t: &Thresholds,
    ) -> Option<&'r Candidate> {
        let top = ranked.first()?;
        if self.matcher.docs[top.entry].kind != Kind::Myth
            || !self.matcher.names_every_place(q, top.entry)
        {
            return None;
        }
        let most = ranked.iter().map(|c| c.named).fold(0.0, f32::max);
        decide::first_clear_as(ranked, t, |c| c.named = c.named.max(most)).then_some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn a_claim_heard_that_a_misconception_holds_more_of_is_the_misconception() {
        let index = index();
        let answer = |q: &str| answer(&index, q);
        for (q, id) in [
            (
                "「米露の首脳会談で制裁は全部なくなったらしい」と同僚が言っていましたが、会談で制裁の解除が決まったことはありますか。",
                "myth-all-sanctions-lifted",
            ),
            (
                "大阪で二人が極秘に会っていたという話を読んだのですが、本当ですか？",
                "myth-secret-meetings",
            ),
            // A field of the one meeting named, asked beside what was heard: its record.
            (
                "アラスカの会談はどこでやったの？基地だって聞いたけど",
                "anchorage-2025",
            ),
        ] {
            assert_eq!(answer(q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn the_misconception_naming_every_place_named_is_answered() {
        let index = index();
        let answer = |q: &str| answer(&index, q);
        assert_eq!(
            answer("ダナンとパリでの接触も正式な首脳会談として数えていいんですか？").as_deref(),
            Some("myth-all-encounters-summits")
        );
        // Two meetings compared: no misconception names both.
        assert_eq!(
            answer("ヘルシンキと大阪の会談、どっちが長かった？").as_deref(),
            Some("osaka-2019")
        );
    }

    #[test]
    fn a_claim_naming_a_misconception_more_than_its_record_is_the_misconception() {
        let index = index();
        let answer = |q: &str| answer(&index, q);
        for (q, id) in [
            (
                "本に「START Iで約8,000発削減」とありましたが、それは1985年のジュネーブ会談で署名されたものですか？",
                "myth-start-8000",
            ),
            // A claim read of the record itself, naming no misconception: the record.
            (
                "ヘルシンキ会談は2時間だったと記事にありましたが、通訳は誰でしたか？",
                "helsinki-2018",
            ),
        ] {
            assert_eq!(answer(q).as_deref(), Some(id), "{q}");
        }
    }
}
