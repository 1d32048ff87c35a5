//! A person asked of beside the meeting a question names: whose page answers.
//!
//! A question naming a meeting and someone of the dataset besides Trump and Putin may ask
//! the meeting's own fields (when, where, who attended, how it ended), or what that person
//! said, claimed or explained, or the part they had (who hosted it). The second is the
//! person's page, when it speaks of that meeting: what they said about another meeting is
//! not on it, and stays the meeting's.

use super::asked::{AskedForms, Prepared};
use super::matcher::{Candidate, Query};
use super::{Index, SUGGESTIONS, THRESHOLDS};
use crate::knowledge::Kind;

/// How many of the first candidates the person must be among (first, or right behind the
/// meeting).
const PERSON_RANK: usize = 2;

impl Index {
    /// The person whose words or part at the one meeting the question names are asked, when
    /// their page speaks of that meeting:
    /// - named as what the question is about (its subject, 「ペスコフ報道官は…」, or the
    ///   name it ends on, 「…ニーニスト大統領について」; in English, anywhere), and asked
    ///   what they said, claimed or explained (`said` in `responses/ask.json`:
    ///   「ペスコフ報道官はブダペスト会談の日程について何と言った？」, 「ブダペスト会談が見送
    ///   られた後、ラブロフ外相はどんな発言を…」), who hosted it (`hosted`) or their part in
    ///   it (`involvement`); someone named only in passing (「オルバン首相がホストするって
    ///   言ってた気がするんですが」 beside what became of the meeting) is not asked of;
    /// - or not named, and asked who hosted it (「ヘルシンキ会談のホストって誰？」, "who hosted
    ///   the Helsinki summit?"): the first page among the first few that speaks of the
    ///   meeting, when it holds more of the question than the meeting's names, questions
    ///   and keywords do (the host's word is its own).
    ///
    /// A person named ranks first, or right behind the meeting; either scores enough to be
    /// offered, and no other person besides Trump and Putin is named.
    pub(super) fn person_at_event<'r>(
        &self,
        q: &Query,
        question: &str,
        prepared: &Prepared,
        ranked: &'r [Candidate],
        named: &[usize],
        records: bool,
    ) -> Option<&'r Candidate> {
        let [event] = named else { return None };
        if !records
            || !matches!(
                self.matcher.docs[*event].kind,
                Kind::Meeting | Kind::PastSummit
            )
        {
            return None;
        }
        let person = |e: usize| self.matcher.is_other_person(e);
        let people: Vec<usize> = self
            .matcher
            .named_in(q)
            .into_iter()
            .map(|(e, _)| e)
            .filter(|&e| person(e))
            .collect();
        let asked = |forms: &AskedForms| forms.detect(prepared).is_some();
        let hosted = asked(&self.hosted);
        let top = ranked.first()?;
        let own = match people.as_slice() {
            [named_person] => {
                let focus = self.matcher.subject_at(q, *named_person).is_some()
                    || self.matcher.ends_on_name(q, *named_person)
                    || english(question);
                if !focus || !(hosted || asked(&self.said) || asked(&self.involvement)) {
                    return None;
                }
                ranked
                    .iter()
                    .take(PERSON_RANK)
                    .find(|c| c.entry == *named_person)?
            }
            [] if hosted => {
                // The host's page is the one that speaks of that meeting (another host's
                // may rank before it on the word alone).
                let own = ranked
                    .iter()
                    .take(SUGGESTIONS)
                    .find(|c| person(c.entry) && self.matcher.mentions(c.entry, *event))?;
                let meeting = ranked.iter().find(|c| c.entry == *event)?;
                if own.coverage <= meeting.coverage {
                    return None;
                }
                own
            }
            _ => return None,
        };
        ((top.entry == own.entry || top.entry == *event)
            && own.score >= THRESHOLDS.suggest_score
            && self.matcher.mentions(own.entry, *event))
        .then_some(own)
    }
}

impl Index {
    /// The page of the one person a comparison is named after (Zelensky's, for the
    /// comparison of Trump's meetings with him), when a question answered with that
    /// comparison is about the person and compares nothing: it names them before Trump and
    /// Putin (「ゼレンスキーってトランプと何回くらい会ってるの？」, "How
    /// many times has Zelensky met Trump?"), and asks their part (`involvement`: 「習近平って
    /// トランプとプーチンの会談に関してどういう立ち位置なの？」) or, the comparison listing
    /// their meetings with Trump (see `crate::knowledge::ZELENSKY_LIST`), a fact of those
    /// meetings, which the person's page gives too. A fact of meetings the dataset does not
    /// list (Trump's with Xi or Kim) stays the comparison's, whose card says it is not
    /// recorded; Trump named first (「トランプはゼレンスキーと何回会った？」, 「トランプ氏と
    /// ゼレンスキー氏は…」) is about the two of them, the comparison's.
    pub(super) fn person_of_comparison(
        &self,
        q: &Query,
        prepared: &Prepared,
        answer: usize,
    ) -> Option<usize> {
        let doc = &self.matcher.docs[answer];
        if doc.kind != Kind::Comparison || self.matcher.compares(q) {
            return None;
        }
        let home = self.matcher.home_people();
        let mut people = self.matcher.other_people_named(q);
        let person = people.next()?;
        let own = self.matcher.people_of(person) & !home;
        if people.next().is_some() || own == 0 || self.matcher.people_of(answer) & own != own {
            return None;
        }
        // Named before Trump and Putin: 「トランプ氏とゼレンスキー氏は…」 is about the two.
        let at = self.matcher.named_at(q, person)?;
        let first = self.matcher.named_in(q).iter().all(|&(e, _)| {
            !self.matcher.is_home_person(e) || self.matcher.named_at(q, e).is_none_or(|h| h > at)
        });
        let asked = self.involvement.detect(prepared).is_some()
            || doc.id == crate::knowledge::ZELENSKY_LIST;
        (first && asked).then_some(person)
    }
}

/// Whether a question is written in English: more Latin letters than other characters.
fn english(question: &str) -> bool {
    let latin = question.chars().filter(char::is_ascii_alphabetic).count();
    let other = question
        .chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace())
        .count();
    latin > other
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn what_someone_said_of_a_meeting_their_page_speaks_of_is_their_page() {
        let index = index();
        for (q, id) in [
            (
                "ペスコフ報道官はブダペストでの首脳会談についてどんなコメントをした？",
                "peskov",
            ),
            (
                "ラブロフ外相はブダペスト会談の中止についてどう述べていましたか",
                "lavrov",
            ),
            ("What did Peskov say about the Budapest summit?", "peskov"),
            (
                "ティラーソン国務長官はハンブルク会談で何を主張した？",
                "tillerson",
            ),
            // Who hosted it: the host's page, named or not.
            ("Who was the host of the Helsinki meeting?", "niinisto"),
            ("ヘルシンキでの首脳会談を主催したのは誰？", "niinisto"),
            // The meeting's own field, nobody's words: the meeting.
            ("ブダペスト会談の日程はいつ？", "budapest-2025"),
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
        // Their words about a meeting their page says nothing of stay the meeting's (Lavrov
        // was not at Helsinki); someone named in passing beside what became of a meeting
        // is not what is asked.
        for (q, id) in [
            ("ヘルシンキ会談でラブロフは何と言った？", "lavrov"),
            (
                "ブダペスト会談はどうなった？オルバン首相がホストすると言っていたけど",
                "orban",
            ),
        ] {
            assert_ne!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn a_question_about_the_person_a_comparison_is_named_after_is_their_page() {
        let index = index();
        for (q, id) in [
            (
                "ゼレンスキーはトランプと何回会ったの？",
                "volodymyr-zelensky",
            ),
            (
                "How often has Zelensky met Trump in person?",
                "volodymyr-zelensky",
            ),
            (
                "ゼレンスキーとトランプが最初に会ったのはいつ？",
                "volodymyr-zelensky",
            ),
            // Trump named first: the two of them, the comparison that lists their meetings.
            ("トランプはゼレンスキーと何回会った？", "zelensky"),
            // A comparison asked.
            (
                "ゼレンスキーとの会談とプーチンとの会談はどう違う？",
                "zelensky",
            ),
        ] {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
        // A fact of meetings the dataset does not list is no person's page.
        assert_eq!(answer(&index, "習近平ってトランプといつ会った？"), None);
    }
}
