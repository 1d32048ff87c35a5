//! A person the context names, asked of in the ask by a pronoun or as "what person".

use super::normalize::has_content;
use super::{Analysis, Decision, Index};
use crate::knowledge::Kind;

/// Words by which an ask points at a person its context named (彼は, この人は, 同氏).
/// 「彼ら」 is several people, not one. Grammar, like particles.
const PERSON_POINTERS: [&str; 8] = [
    "彼は",
    "彼の",
    "彼が",
    "彼女",
    "この人",
    "その人",
    "あの人",
    "同氏",
];

/// Words that ask what person someone is (「どういう立場の人」, 「何者」): the person
/// asked of is the one the context named.
const PERSON_ASKED: [&str; 6] = [
    "どういう人",
    "どんな人",
    "立場の人",
    "何者",
    "どういう人物",
    "どんな人物",
];

/// Words that ask a person's position (立場, 役職): with a pointer, what person they are.
const POSITION_WORDS: [&str; 3] = ["立場", "役職", "肩書"];

impl Index {
    /// The page of the one person of the dataset (not Trump or Putin) a question's context
    /// names, when its ask asks what person that is, by a pronoun and their position or
    /// role (「ゼレンスキー大統領は…名前が出てきますよね。彼は米露の交渉においてどういう
    /// 立場で…」) or as "what person" (「…ティラーソンという名前が出てきました。当時どういう
    /// 立場の人で…」), and names no other person of the dataset itself.
    pub(super) fn person_referred_to(
        &self,
        plain: &str,
        analysis: Analysis,
        kinds: Option<&[Kind]>,
    ) -> Analysis {
        // The words it looks for, anywhere in the question, before its ask is parted.
        if analysis.out_of_scope || !may_ask_what_person(plain) {
            return analysis;
        }
        // The ask and its context; when the clauses do not part them (two sentences that
        // both ask: 「…ニーニストだったと思うんだけど合ってる？この人はホスト役として何を
        // したの？」), the sentence that points at the person and those after it, and the
        // sentences before.
        let parted = self
            .cleaned_focus(plain)
            .filter(|(ask, context)| has_content(ask) && has_content(context))
            .or_else(|| self.pointed_from(plain));
        let Some((ask, context)) = parted else {
            return analysis;
        };
        if !has_content(&ask) || !has_content(&context) || !asks_what_person(self, &ask) {
            return analysis;
        }
        // The dataset's people a text names, besides Trump and Putin; `None` when it is out
        // of scope.
        let people = |text: &str| -> Option<Vec<usize>> {
            let q = self.matcher.query(text);
            if q.out_of_scope {
                return None;
            }
            let mut out: Vec<usize> = self
                .matcher
                .rank(&q, kinds)
                .iter()
                .filter(|c| c.named > 0.0 && self.matcher.is_other_person(c.entry))
                .map(|c| c.entry)
                .collect();
            out.dedup();
            Some(out)
        };
        let Some(in_context) = people(&context) else {
            return analysis;
        };
        let [person] = in_context[..] else {
            return analysis;
        };
        if people(&ask).is_none_or(|named| named.iter().any(|&p| p != person)) {
            return analysis;
        }
        let id = self.id(person);
        let score = analysis.decision.score();
        Analysis {
            decision: Decision::Answer { id, score },
            first: Some(person),
            ..analysis
        }
    }
}

impl Index {
    /// A question parted at its first sentence that points at a person (彼は, この人),
    /// cleaned of courtesies: that sentence and those after it, and those before it;
    /// `None` when no sentence but the first points.
    fn pointed_from(&self, plain: &str) -> Option<(String, String)> {
        let sentences: Vec<&str> = plain
            .split_inclusive(['。', '?', '!', '\n'])
            .filter(|s| has_content(s))
            .collect();
        let at = sentences
            .iter()
            .position(|s| PERSON_POINTERS.iter().any(|p| s.contains(p)))?;
        if at == 0 {
            return None;
        }
        let part = |parts: &[&str]| self.courtesies.clean_plain(parts.concat());
        Some((part(&sentences[at..]), part(&sentences[..at])))
    }
}

/// Whether a question writes any word [`asks_what_person`] needs in its ask: a word
/// that asks what person someone is, or a pointer at a person.
fn may_ask_what_person(plain: &str) -> bool {
    PERSON_ASKED
        .iter()
        .chain(&PERSON_POINTERS)
        .any(|w| plain.contains(w))
}

/// Whether an ask asks what person someone is: as such, or by a pronoun with their
/// position or role, or with what they said or did as host (「この人なんか言ってたっけ？」,
/// 「この人はホスト役として何をしたの？」: their own page tells it).
fn asks_what_person(index: &Index, ask: &str) -> bool {
    let pointer = PERSON_POINTERS.iter().any(|p| ask.contains(p));
    PERSON_ASKED.iter().any(|w| asks_of_one(ask, w))
        || (pointer
            && (POSITION_WORDS.iter().any(|w| ask.contains(w))
                || index.matcher.asks_role(ask)
                || index.asks_what_said_or_hosted(ask)))
}

/// Whether `ask` writes `word` ("what person") of one person: not 「どんな人たち」,
/// 「どんな人が出席した」, which ask who attended, not what someone is.
fn asks_of_one(ask: &str, word: &str) -> bool {
    ask.match_indices(word).any(|(at, w)| {
        let rest = &ask[at + w.len()..];
        !PEOPLE_ASKED_AFTER
            .iter()
            .any(|after| rest.starts_with(after))
    })
}

/// What follows "what person" when a question asks who (several, or who did something).
/// Grammar, like particles.
const PEOPLE_ASKED_AFTER: [&str; 3] = ["たち", "達", "が"];

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};
    use super::asks_of_one;

    #[test]
    fn a_person_the_context_names_asked_of_by_a_pronoun_is_their_page() {
        let index = index();
        let cases = [
            (
                "大阪の会談の写真を見ていたらクシュナーという名前が書いてありました。当時どういう立場の人で、会談ではどんな役割だったんですか？",
                "kushner",
            ),
            (
                "米露の会談のニュースでいつもゼレンスキー大統領の名前が出てきます。彼は米露の話し合いの中でどういう立場で、トランプ氏とはどんな関係なんですか？",
                "volodymyr-zelensky",
            ),
        ];
        for (q, id) in cases {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
        // Asked by a pronoun what they said, what they did as host, or their title; the
        // person named in a sentence that asks too (the clauses do not part).
        let cases = [
            (
                "アラスカ会談のあと、ラブロフ外相が記者団の前で話していたのを見た。この人はそのとき何て言ってたの？",
                "lavrov",
            ),
            (
                "2018年のヘルシンキの会場を用意したのはフィンランドのニーニスト大統領だよね？この人はホストとして何をしたんですか？",
                "niinisto",
            ),
            (
                "電話会談のたびにウシャコフという名前を見かけます。この人の肩書きは何ですか？",
                "ushakov",
            ),
        ];
        for (q, id) in cases {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
        // The person named in passing, the ask of the meeting: not the person's page.
        let q = "ハンブルク会談の記事でティラーソンという名前を見ました。あの会談では何時間くらい話したんでしょうか？";
        assert_eq!(answer(&index, q).as_deref(), Some("hamburg-2017"), "{q}");
    }

    #[test]
    fn who_attended_is_not_what_person_someone_is() {
        assert!(asks_of_one("彼はどんな人なんですか", "どんな人"));
        assert!(asks_of_one("当時どういう立場の人で", "立場の人"));
        assert!(!asks_of_one(
            "会談にはどんな人たちが出席したんですか",
            "どんな人"
        ));
        assert!(!asks_of_one(
            "どんな人が同席していたんでしょうか",
            "どんな人"
        ));
        assert!(!asks_of_one("どんな人達が関わった？", "どんな人"));
    }
}
