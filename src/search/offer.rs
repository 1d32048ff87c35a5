//! The order of a long question's もしかして.

/// The entries offered for a long question none of whose sentences is answered with
/// what the whole bears out (answers of single sentences, then the whole question's
/// suggestions), led by the entry its ask, read with its context, ranks first: a sentence
/// that only tells (「アラスカの会談でプーチン氏が『次はモスクワで』と言ったと聞きました。」)
/// answers what the context names, the ask what is asked (「…追加の会談は予定されている
/// のでしょうか？」).
pub(super) fn lead_with_ask(offered: Vec<String>, ask_first: Option<String>) -> Vec<String> {
    super::unique(ask_first.into_iter().chain(offered))
}

#[cfg(test)]
mod tests {
    use super::super::tests::index;
    use super::super::Decision;
    use super::lead_with_ask;

    #[test]
    fn the_asks_first_leads_the_offer_once() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        assert_eq!(
            lead_with_ask(ids(&["a", "b"]), Some("b".into())),
            ids(&["b", "a"])
        );
        assert_eq!(
            lead_with_ask(ids(&["a"]), Some("c".into())),
            ids(&["c", "a"])
        );
        assert_eq!(lead_with_ask(ids(&["a", "b"]), None), ids(&["a", "b"]));
    }

    #[test]
    fn a_long_questions_offer_leads_with_what_its_ask_ranks_first() {
        let index = index();
        // The telling sentence answers the meeting or the party it names; the ask asks of
        // the polls, of the secret meetings.
        let cases = [
            (
                "アメリカでは会談への批判が強いと聞きました。実際の世論調査の数字で、ヘルシンキとアラスカのそれぞれの後の反応を教えてください？",
                "us-polls",
            ),
            (
                "大阪のG20のとき、公式の会談とは別にこっそり二人で会っていたという噂を耳にしました。そういう極秘会談の記録って残っているんですか？",
                "myth-secret-meetings",
            ),
        ];
        // (The first is answered since the polls are named by a word of reception of
        // their own, see `viewer`: what the ask ranks first, answered rather than offered.)
        for (q, id) in cases {
            match index.ask(q) {
                Decision::Suggest { ids, .. } => {
                    assert_eq!(ids.first().map(String::as_str), Some(id), "{q}")
                }
                Decision::Answer { id: answered, .. } => assert_eq!(answered, id, "{q}"),
                other => panic!("{q}: {other:?}"),
            }
        }
    }
}
