//! The ask beside a remark marked out of scope: whether it names whom it asks of.

use super::matcher::Query;
use super::Index;
use crate::knowledge::Kind;

impl Index {
    /// Whether the ask, read alone, writes a name of the entry `id` it answers, when that
    /// entry is a person's page or a party's reactions (「娘婿のクシュナー氏は…」,
    /// 「ヨーロッパの国々は会談をどう受け止めているのでしょうか」): it names whom it asks
    /// of, as a leader, a place or a year named would. The name of a topic, a
    /// misconception or a Q&A is a common word (決裂, 回数) the remark may be what it is
    /// said of.
    pub(super) fn ask_names_whom_it_answers(
        &self,
        asked: &Query,
        id: &str,
        kinds: Option<&[Kind]>,
    ) -> bool {
        self.matcher.rank(asked, kinds).iter().any(|c| {
            let d = &self.matcher.docs[c.entry];
            d.id == id && matches!(d.kind, Kind::Reaction | Kind::Person) && c.named > 0.0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::refers_back;
    use super::super::tests::{answer, index};

    #[test]
    fn an_ask_beside_a_personal_remark_naming_whom_it_asks_of_is_answered() {
        let index = index();
        // The remark is the member's family; the ask names the party or the person.
        let cases = [
            (
                "イギリスに住む息子から、向こうでは米露首脳会談のニュースで持ちきりだと聞きました。ヨーロッパ各国は会談をどう評価しているんですか？",
                "europe",
            ),
            (
                "娘がパリに留学していて、現地では米露会談の話題が多いそうです。ヨーロッパの国々は会談をどう受け止めているのでしょうか？",
                "europe",
            ),
            (
                "娘の学校の課題で大阪のG20を調べていて驚いたのですが、ティラーソン氏はその後もロシアとの交渉に関わったんでしょうか？",
                "tillerson",
            ),
        ];
        for (q, id) in cases {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
        // An ask that names only what it asks (回数, 決裂) asks of what the remark told.
        for q in [
            "息子から米露の話を聞かれて困りました。正確には何回会談したんでしょうか？",
            "娘の宿題で冷戦期の会談を調べています。どこで決裂したんでしょうか？",
        ] {
            assert_eq!(answer(&index, q), None, "{q}");
        }
    }

    #[test]
    fn since_then_and_conjunctions_do_not_refer_back() {
        for ask in [
            "クシュナー氏はその後も関わっているんですか",
            "そのあとはどうなったの",
            "賛成なのか、それとも反対なのか",
            "これまでの会談はどうでしたか",
        ] {
            assert!(!refers_back(ask), "{ask}");
        }
        for ask in [
            "その後の会談とは別に、その内容は",
            "それは本当ですか",
            "あの時の発言",
        ] {
            assert!(refers_back(ask), "{ask}");
        }
    }
}
