//! A long question its readings agree on, its score diluted by its context.

use super::matcher::Candidate;
use super::normalize::has_content;
use super::{clean, Analysis, Decision, Index, Thresholds, MAX_SENTENCES};
use crate::knowledge::Kind;

/// The score from which an entry two readings of a long question agree on is answered:
/// half the answer threshold, as a long question's context about halves its score.
const AGREED_SCORE: f32 = 0.15;

impl Index {
    /// A long question left unanswered, or offered one entry alone, whose ask, read with
    /// its context, and one of its asking sentences, read alone, put the same entry first
    /// (the one offered, if any), each clearly ahead of the next and holding as much of
    /// what it reads as an answer must: the entry is what is asked, its score lowered by
    /// the words of the context around it (「ある解説記事では…一覧に入っていました。…正式な
    /// 会談と呼べるのはどれなのでしょうか。」). Nothing of the question may mark it out of
    /// scope.
    pub(super) fn readings_agree(
        &self,
        plain: &str,
        analysis: &Analysis,
        kinds: Option<&[Kind]>,
        t: &Thresholds,
    ) -> Option<Analysis> {
        // Left unknown for its score alone: one that would have been offered (at least the
        // suggestion threshold) was refused by a rule (another pair's talks, a detail the
        // dataset never writes), which agreement does not overturn.
        // Or offered alone: the entry it offers must be the one agreed on.
        let offered = match &analysis.decision {
            _ if analysis.out_of_scope => return None,
            Decision::Unknown { score } if *score < t.suggest_score => None,
            Decision::Suggest { ids, .. } if ids.len() == 1 => ids.first(),
            _ => return None,
        };
        let sentences = clean::sentences_plain(plain);
        if sentences.len() < 2 {
            return None;
        }
        let whole = self.reading(plain, kinds);
        let first = clear_first(&whole, t)?;
        if offered.is_some_and(|id| *id != self.id(first.entry)) {
            return None;
        }
        // The sentences that ask; with none marked, the last one.
        let mut asking: Vec<&String> = sentences
            .iter()
            .filter(|(_, asks)| *asks)
            .map(|(s, _)| s)
            .collect();
        if asking.is_empty() {
            asking.extend(sentences.last().map(|(s, _)| s));
        }
        let agrees = asking.into_iter().take(MAX_SENTENCES).any(|sentence| {
            clear_first(&self.reading(sentence, kinds), t).is_some_and(|c| c.entry == first.entry)
        });
        agrees.then(|| Analysis {
            decision: Decision::Answer {
                id: self.id(first.entry),
                score: first.score,
            },
            first: Some(first.entry),
            ..analysis.clone()
        })
    }

    /// The ranked candidates of a text as [`Index::explain`] reads it: its ask with its
    /// context as support, or the whole when it does not part.
    pub(super) fn reading(&self, plain: &str, kinds: Option<&[Kind]>) -> Vec<Candidate> {
        let q = match self.cleaned_focus(plain) {
            Some((ask, context)) => {
                if !has_content(&ask) {
                    return Vec::new();
                }
                self.matcher.query_in_context(&ask, &context)
            }
            None => self
                .matcher
                .query(&self.courtesies.clean_plain(plain.to_string())),
        };
        if q.out_of_scope || q.is_empty() {
            return Vec::new();
        }
        self.matcher.rank(&q, kinds)
    }
}

/// The first candidate when it is clearly ahead: at least [`AGREED_SCORE`], the answer
/// margin over the next, as much of the question held as an answer needs, and evidence
/// of its own (no loanword alone, no event unnamed).
fn clear_first(ranked: &[Candidate], t: &Thresholds) -> Option<Candidate> {
    let first = *ranked.first()?;
    let next = ranked.get(1).map_or(0.0, |c| c.score);
    (first.score >= AGREED_SCORE
        && first.score - next >= t.answer_margin
        && first.support() >= t.answer_coverage
        && !first.kana_only
        && !first.unnamed_event)
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn a_long_question_its_ask_and_asking_sentence_agree_on_is_answered() {
        let index = index();
        let cases = [
            (
                "知人に説明する必要があって、トランプとプーチンの会談がこれまでどんな流れだったのか、ざっくりまとめてもらえますか？細かいところは自分で読みます。",
                "overview",
            ),
            (
                "まとめ記事の一覧ではダナンもパリもブエノスアイレスも首脳会談として並んでいました。ただ、どれも立ち話程度だったという話も聞きます。正式な会談と呼べるのはどれなのでしょうか。",
                "myth-all-encounters-summits",
            ),
            (
                "欧州がガスの調達先を変えているとか、中国が制裁に乗り気でないとか、いろいろ耳にします。会談は米欧中それぞれの対応やエネルギー市場にどんな影響を与えたんでしょうか？",
                "impacts",
            ),
            // Offered alone before.
            (
                "At the Helsinki press conference, what did Trump say about US intelligence and 2016? didn't he later say he misspoke??",
                "helsinki-2018",
            ),
            (
                "会談の成果を数字で評価できるものなのか気になっています。核弾頭の削減数のような定量的な指標があれば教えていただけますか。",
                "quantitative",
            ),
        ];
        for (q, id) in cases {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn agreement_overturns_no_refusal() {
        let index = index();
        // Refused by a rule (another pair's talks, a meeting the record does not have,
        // a place's sights), not for its score: it stays unanswered.
        for q in [
            "米露の会談について調べています。ところで、トランプと習近平の貿易協議ではどんな合意があったんでしょうか？",
            "2026年の秋にトランプとプーチンがまた会ったと聞きました。そのときの会談ではどんな合意があったんでしょうか？",
            "アラスカの会談のニュースを見て、アラスカに興味が湧きました。オーロラが見られる時期はいつ頃でしょうか？",
            "安倍首相とプーチン大統領は何度も会っていたと聞きました。二人の会談は合計で何回くらいだったのでしょうか？",
        ] {
            assert_eq!(answer(&index, q), None, "{q}");
        }
    }
}
