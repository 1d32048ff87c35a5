//! A meeting named only as an aside in a long question.

use super::asked::Prepared;
use super::clean;
use super::matcher::NameFit;
use super::normalize::has_content;
use super::normalize::Folded;
use super::{Analysis, Decision, Index, MAX_SENTENCES, SUGGESTIONS};
use crate::knowledge::Kind;

/// How many of the whole question's first candidates the entry offered first must be among.
const ASIDE_RANK: usize = 2;

impl Index {
    /// A record of a meeting answered for a question of several sentences that names it
    /// only in a sentence that tells (「…ブダペスト会談を取りやめたりもしましたよね。二人の
    /// 関係は結局のところ友好的なのか…」, 「…ドイツで会ったのはハンブルクのG20だったと
    /// 記憶しているのですが、ベルリンの話はどこから来たものなんでしょうか」), while what
    /// it asks neither names that meeting, nor speaks of a meeting, nor refers back to one,
    /// nor asks one of the record's fields of nothing else it names while the record ranks
    /// among the ask's own first candidates; and an entry that is no record, person nor
    /// Q&A (a topic, a misconception; a Q&A sums up the records) ranks among the whole question's
    /// first and holds more of it than the record: the meeting is the context, that entry
    /// may be what is asked, when the ask read alone ranks it first too. Both are offered,
    /// that entry first. A sentence that asks of a
    /// meeting (「実際の会談時間は何時間くらいで…」) or a field of it with its name left
    /// out (「…新しい日程は決まったんでしょうか？」) keeps the record.
    pub(super) fn meeting_named_aside(
        &self,
        plain: &str,
        cleaned: &str,
        kinds: Option<&[Kind]>,
        analysis: Analysis,
    ) -> Analysis {
        let Decision::Answer { id, score } = &analysis.decision else {
            return analysis;
        };
        let Some(record) = self
            .matcher
            .docs
            .iter()
            .position(|d| d.id == *id && matches!(d.kind, Kind::Meeting | Kind::PastSummit))
        else {
            return analysis;
        };
        let sentences = clean::sentences_plain(plain);
        if sentences.len() < 2 {
            return analysis;
        }
        // What it asks: its ask parted from the context (「…記憶しているのですが、」), or
        // else the sentences that ask.
        let asking: Vec<String> = match self.clauses.focus_plain(plain) {
            Some(focus) if has_content(&focus.context) => vec![focus.ask],
            _ => sentences
                .iter()
                .filter(|(_, asks)| *asks)
                .map(|(s, _)| s.clone())
                .collect(),
        };
        // Each asking sentence is ranked alone below: past MAX_SENTENCES of them (a very
        // long question) the answer stands, as the sentence pass reads no more either.
        if asking.is_empty() || asking.len() == sentences.len() || asking.len() > MAX_SENTENCES {
            return analysis;
        }
        let whole = self.matcher.query(cleaned);
        let ranked = self.matcher.rank(&whole, kinds);
        let Some(top) = ranked.iter().find(|c| c.entry == record) else {
            return analysis;
        };
        let Some(first) = ranked.iter().take(ASIDE_RANK).find(|c| {
            c.entry != record
                && c.coverage > top.coverage
                && matches!(
                    self.matcher.docs[c.entry].kind,
                    Kind::Topic | Kind::Myth | Kind::Reaction | Kind::Comparison
                )
        }) else {
            return analysis;
        };
        let asks_of_it = asking.iter().any(|s| {
            let s = self.courtesies.clean_plain(s.clone());
            let q = self.matcher.query(&s);
            // The sentence's ranking and the field it asks, read only when the tests of
            // its words before them leave the question open.
            let ranked_alone = std::cell::OnceCell::new();
            let alone = || ranked_alone.get_or_init(|| self.matcher.rank(&q, kinds));
            let field = || {
                let folded = Folded::new(&s);
                self.asked
                    .detect(&Prepared::from_folded(&s, &folded))
                    .is_some_and(|asked| self.holds(record, asked))
            };
            self.matcher.name_fit(&q, record) == NameFit::Agrees
                || self.matcher.speaks_of_a_meeting(&q)
                || self.matcher.writes_a_meeting(&q)
                || self.refers_back_to_record(&s)
                || (field()
                    && alone().iter().take(SUGGESTIONS).any(|c| c.entry == record)
                    && self.matcher.name_fit(&q, first.entry) != NameFit::Agrees)
                || alone().first().map(|c| c.entry) != Some(first.entry)
        });
        if asks_of_it {
            return analysis;
        }
        let ids = vec![self.id(first.entry), id.clone()];
        Analysis {
            decision: Decision::Suggest { ids, score: *score },
            ..analysis
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Decision, Index};
    use crate::knowledge::Knowledge;

    #[test]
    fn a_meeting_named_aside_is_offered_after_what_the_ask_names() {
        let index = Index::build(&Knowledge::embedded().expect("dataset loads"));
        // The meeting is the context, the ask is of the misconception it names.
        let q = "まとめサイトで、ベルリンで米露の首脳会談が計画されていたと見ました。ドイツでの対面はハンブルクのG20だったはずですが、ベルリンの件はどこから出てきた話なんでしょうか？";
        match index.ask(q) {
            Decision::Suggest { ids, .. } => {
                assert_eq!(ids.first().map(String::as_str), Some("myth-berlin-meeting"))
            }
            other => panic!("{q}: {other:?}"),
        }
        // The ask is of the two leaders' relations, the meeting called off an example.
        let q = "トランプ氏はプーチン氏をよく持ち上げる一方で、ブダペストの会談は取りやめましたよね。二人の関係は結局、友好的なのか対立しているのか、どう捉えればいいですか？";
        match index.ask(q) {
            Decision::Suggest { ids, .. } => {
                assert_eq!(
                    ids.first().map(String::as_str),
                    Some("trust-friction"),
                    "{q}"
                )
            }
            other => panic!("{q}: {other:?}"),
        }
        // An ask of the meeting, its name left out, keeps the record.
        let q = "アラスカの会談はずいぶん長引いたそうですね。実際の会談時間はどれくらいだったのでしょうか？";
        match index.ask(q) {
            Decision::Answer { id, .. } => assert_eq!(id, "anchorage-2025", "{q}"),
            other => panic!("{q}: {other:?}"),
        }
    }
}
