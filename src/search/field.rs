//! The field a question asks of a record, for the direct sentence on top of its answer.
//!
//! A question writes the words of several fields and asks one of them: 「中止の理由は何？」
//! writes an outcome's word (中止) and asks why; 「同席したのはどのような顔ぶれでしたか。時間も
//! わかれば。」 asks who, and mentions the length. The field asked is the one whose words an
//! interrogative or a request attaches to, in the same clause: an interrogative that is
//! itself a field's word (なぜ, いつ, 何回, how long), one that follows a field's word
//! (「理由は何」, 「会場はどこ」) or stands before it (「どのような顔ぶれ」, "what was the
//! outcome"), or a request that follows it (「開催日を教えて」, "tell me the venue"). Only
//! when no field is asked so does a field merely mentioned stand for the question, as
//! `AskedForms::detect` reads it. In English, a `when` or `where` inside a clause, with no
//! inverted verb after it (was, did…) and no verb of knowing before it, joins clauses
//! ("Who was the host when Trump and Putin met?") and asks nothing.

use super::asked::{AskedForms, Found, Prepared};
use super::conjoined::Conjoined;
use crate::knowledge::ask::{Asked, FieldWords};
use std::collections::BTreeMap;

/// Characters after a field's words within which an interrogative or a request still
/// asks it (「理由は何だったのか」, 「開催日を教えて」).
const AFTER_CHARS: usize = 8;
/// Characters before a field's words within which an interrogative asks it
/// (「どのような顔ぶれ」).
const BEFORE_CHARS: usize = 6;
/// Words before a field's words within which an English interrogative or request asks it
/// ("what was the outcome", "tell me the venue").
const BEFORE_WORDS: usize = 3;

/// The words by which a question marks the field it asks (see [`FieldWords`]), compiled.
#[derive(Debug, Default)]
pub(crate) struct FieldRules {
    /// The ways each field is asked (`asks`), English ones split at any mark.
    forms: AskedForms,
    interrogatives: AskedForms,
    requests: AskedForms,
    met: AskedForms,
    held: AskedForms,
    meeting_nouns: AskedForms,
    not_asking: AskedForms,
    topics: AskedForms,
    copula_checks: AskedForms,
    /// The places the meetings were held in (cities, countries), folded.
    places: Vec<String>,
    /// English interrogatives (what, when…), lower case.
    wh: Vec<String>,
    inversions: Vec<String>,
    embeddings: Vec<String>,
    copulas: Vec<String>,
    locatives: Vec<String>,
    determiners: Vec<String>,
    particles: Vec<char>,
    particle_ends: Vec<char>,
    links: Vec<char>,
    universal: Vec<char>,
    indefinite: Vec<char>,
    place_marks: Vec<char>,
    conjoined: Conjoined,
}

impl FieldRules {
    pub fn new(
        asks: &BTreeMap<Asked, Vec<String>>,
        words: &FieldWords,
        places: Vec<String>,
    ) -> FieldRules {
        // One kind for all: only where they are found matters.
        let forms =
            |list: &[String]| AskedForms::new(&BTreeMap::from([(Asked::Why, list.to_vec())]));
        let lower = |list: &[String]| -> Vec<String> {
            list.iter()
                .filter(|w| w.is_ascii())
                .map(|w| w.to_ascii_lowercase())
                .collect()
        };
        let chars = |list: &[String]| -> Vec<char> {
            list.iter()
                .flat_map(|w| {
                    super::normalize::normalize(w)
                        .chars()
                        .collect::<Vec<char>>()
                })
                .collect()
        };
        FieldRules {
            forms: AskedForms::words_apart(asks),
            interrogatives: forms(&words.interrogatives),
            requests: forms(&words.requests),
            met: forms(&words.met),
            held: forms(&words.held),
            meeting_nouns: forms(&words.meeting_nouns),
            not_asking: forms(&words.not_asking),
            topics: forms(&words.topics),
            copula_checks: forms(&words.copula_checks),
            places,
            wh: lower(&words.interrogatives),
            inversions: lower(&words.inversions),
            embeddings: lower(&words.embeddings),
            copulas: lower(&words.copulas),
            locatives: lower(&words.locatives),
            determiners: lower(&words.determiners),
            particles: chars(&words.particles),
            particle_ends: chars(&words.particle_ends),
            links: chars(&words.links),
            universal: chars(&words.universal),
            indefinite: chars(&words.indefinite),
            place_marks: chars(&words.place_marks),
            conjoined: Conjoined {
                coordinators: chars(&words.coordinators),
                objects: chars(&words.objects),
                conjunctive: chars(&words.conjunctive),
            },
        }
    }

    /// The fields the question asks (see the module's doc), and those its words mention,
    /// each the most specific first (in the order of [`Asked`]).
    pub fn field(&self, q: &Prepared) -> (Vec<Asked>, Vec<Asked>) {
        let all = self.forms.found(q);
        let not_asking = self.not_asking.found(q);
        // A field's words inside longer words of another's are those longer words'
        // (「何回」 in 「年に何回」, "how many" in "how many hours"); none are where the
        // question only reads as asking (「なんです」 holds no なんで).
        let found: Vec<Found> = all
            .iter()
            .filter(|f| {
                !all.iter().any(|g| {
                    g.english == f.english
                        && g.len > f.len
                        && g.start <= f.start
                        && f.end() <= g.end()
                }) && !not_asking
                    .iter()
                    .any(|n| n.english == f.english && n.start < f.end() && f.start < n.end())
            })
            .copied()
            .collect();
        let wh = self.interrogatives_in(q);
        let requests = self.requests.found(q);
        // Interrogatives that are no field's own words lend themselves to a field's words
        // beside them; those that are (なぜ, いつ, how long) ask their own field only.
        let inside = |w: &Found| {
            found
                .iter()
                .any(|f| f.english == w.english && f.start < w.end() && w.start < f.end())
        };
        let holds_interrogative = |f: &Found| {
            wh.iter()
                .any(|w| !w.english && w.start < f.end() && f.start < w.end())
        };
        let lending: Vec<Found> = wh
            .iter()
            .filter(|w| !inside(w) && (w.english || !self.quantifies(w, q)))
            .copied()
            .collect();
        let mut is_asked: Vec<bool> = found
            .iter()
            .map(|f| {
                if f.english {
                    self.asked_in_english(f, &found, &lending, &requests, q)
                } else {
                    self.asked_in_japanese(f, &found, &wh, &lending, &requests, q)
                }
            })
            .collect();
        // Fields asked together with one asked, or as a request's object past an adverb
        // (see `conjoined`).
        let together =
            self.conjoined
                .also_asked(&found, &mut is_asked, &requests, &lending, &self.links, q);
        let mut asked = found
            .iter()
            .zip(&is_asked)
            .filter(|(_, &a)| a)
            .map(|(f, _)| f.asked)
            .chain(together)
            .collect::<std::collections::BTreeSet<Asked>>();
        // A check with no interrogative asks of the field it takes as its topic
        // (「理由はケルチ海峡の件ですか？」, 「場所は大統領宮殿だった？」).
        if asked.is_empty() && wh.is_empty() {
            let topics = self.topics.found(q);
            asked.extend(
                found
                    .iter()
                    .filter(|f| {
                        !f.english
                            && !q.breaks_before(f.end())
                            && topics.iter().any(|t| !t.english && t.start == f.end())
                    })
                    .map(|f| f.asked),
            );
            asked.extend(self.english_check(q));
            if asked.is_empty() {
                asked.extend(self.place_named(q));
            }
        }
        // Else the field whose words end the question is its head (「ブダペスト会談 中止
        // 理由」, 「会談の中止理由」: the reason, of the cancellation).
        if asked.is_empty() && wh.is_empty() && requests.is_empty() {
            let end = q.len();
            asked.extend(
                found
                    .iter()
                    .filter(|f| !f.english && f.end() == end)
                    .map(|f| f.asked),
            );
        }
        let asked = asked.into_iter().collect();
        // The words mentioned, but for a quantifier (「何度も会っている」) and an English
        // conjunction.
        let mentioned = found
            .iter()
            .filter(|f| {
                if f.english {
                    !self.joins_clauses(f, q)
                } else {
                    !(holds_interrogative(f) && self.quantifies(f, q))
                }
            })
            .map(|f| f.asked)
            .collect::<std::collections::BTreeSet<Asked>>()
            .into_iter()
            .collect();
        (asked, mentioned)
    }

    /// Whether the question asks whether the two met or held a meeting (「会談したの？」,
    /// "did they meet in Paris?"), with no interrogative; not where they did (「鏡の間で
    /// やったってほんと？」: で before the verb says the place, or the means).
    pub fn asks_whether_met(&self, q: &Prepared) -> bool {
        self.interrogatives_in(q).is_empty()
            && self
                .met_in(q)
                .iter()
                .any(|m| m.english || self.place_before(m, q).is_none())
    }

    /// Where the question says the two met: a verb of meeting (会談した, met), or one of
    /// holding (やった, 行われた) right after a meeting's noun and particles (「会談って
    /// やった」), not after another thing's (「記者会見が行われた」).
    fn met_in(&self, q: &Prepared) -> Vec<Found> {
        let nouns = self.meeting_nouns.found(q);
        let mut met = self.met.found(q);
        met.extend(self.held.found(q).into_iter().filter(|h| {
            nouns.iter().any(|n| {
                n.english == h.english
                    && n.end() <= h.start
                    && if h.english {
                        h.start - n.end() <= 2
                    } else {
                        h.start - n.end() <= 2
                            && (n.end()..h.start).all(|i| q.hiragana_at(i) && !q.breaks_before(i))
                    }
            })
        }));
        met
    }

    /// What the question, with no interrogative, checks the two met or did what it names
    /// at (「大統領宮殿でやったんだっけ？」, 「鏡の間でやったってほんと？」): the word before a
    /// place mark (で) before the verb, folded, typed in anything but hiragana (a name, a
    /// noun; not 「二人きりで」).
    pub fn checked_place(&self, q: &Prepared) -> Option<String> {
        if !self.interrogatives_in(q).is_empty() {
            return None;
        }
        let mut met = self.met.found(q);
        met.extend(self.held.found(q));
        met.iter()
            .find_map(|m| self.word_before(self.place_before(m, q)?, q))
    }

    /// A check naming a place of the meetings with a copula (「ヘルシンキだったっけ？」,
    /// 「ドイツでしたっけ」) asks where.
    fn place_named(&self, q: &Prepared) -> Option<Asked> {
        self.copula_checks.found(q).iter().find_map(|c| {
            let word = self.word_before(c.start, q)?;
            self.places
                .iter()
                .any(|p| !p.is_empty() && (word.contains(p.as_str()) || p.contains(word.as_str())))
                .then_some(Asked::Where)
        })
    }

    /// The word (folded) typed in anything but hiragana that ends right before `at`.
    fn word_before(&self, at: usize, q: &Prepared) -> Option<String> {
        let mut start = at;
        // A quoted name (「鏡の間」で) ends in a mark: the word runs back from before it.
        while start > 0 && (start == at || !q.breaks_before(start)) && !q.hiragana_at(start - 1) {
            start -= 1;
        }
        (start < at).then(|| (start..at).filter_map(|i| q.char_at(i)).collect())
    }

    /// Where a place mark (で) stands right before a Japanese form, if one does.
    fn place_before(&self, m: &Found, q: &Prepared) -> Option<usize> {
        let at = m.start.checked_sub(1)?;
        (!m.english
            && !q.breaks_before(m.start)
            && q.char_at(at).is_some_and(|c| self.place_marks.contains(&c)))
        .then_some(at)
    }

    /// The interrogatives a question writes that ask: not inside another word (「だなんで」),
    /// nor a copula that reads as one (「なんです」), nor a degree (「どこまで」).
    fn interrogatives_in(&self, q: &Prepared) -> Vec<Found> {
        let not_asking = self.not_asking.found(q);
        self.interrogatives
            .found(q)
            .into_iter()
            .filter(|w| {
                if w.english {
                    return true;
                }
                let overlaps = not_asking
                    .iter()
                    .any(|n| !n.english && n.start < w.end() && w.start < n.end());
                let inside_word = w.start > 0
                    && q.hiragana_at(w.start)
                    && q.hiragana_at(w.start - 1)
                    && !q.breaks_before(w.start)
                    && q.char_at(w.start - 1).is_some_and(|c| {
                        !(self.particles.contains(&c) || self.particle_ends.contains(&c))
                    });
                !overlaps && !inside_word
            })
            .collect()
    }

    /// Whether an interrogative, or a field's words holding one, is a quantifier by what
    /// follows (「何度も」, 「何回か会った」): it asks nothing.
    fn quantifies(&self, f: &Found, q: &Prepared) -> bool {
        let at = f.end();
        if q.breaks_before(at) {
            return false;
        }
        match q.char_at(at) {
            Some(c) if self.universal.contains(&c) => true,
            Some(c) if self.indefinite.contains(&c) => {
                // Followed in the same clause by a particle or by what is not hiragana.
                !q.breaks_before(at + 1)
                    && q.char_at(at + 1).is_some_and(|next| {
                        !q.hiragana_at(at + 1) || self.particles.contains(&next)
                    })
            }
            _ => false,
        }
    }

    /// An English field's words asked: an interrogative of their own that begins a clause
    /// or asks, or one or a request a few words before them in the same clause.
    fn asked_in_english(
        &self,
        f: &Found,
        found: &[Found],
        lending: &[Found],
        requests: &[Found],
        q: &Prepared,
    ) -> bool {
        let words = q.words();
        if self.wh.contains(&words[f.start]) {
            return f.len > 1 || !self.joins_clauses(f, q);
        }
        let before = |w: &Found| {
            w.english
                && w.end() <= f.start
                && f.start - w.end() < BEFORE_WORDS
                && !(w.end()..=f.start).any(|i| q.starts_clause(i))
                && !found
                    .iter()
                    .any(|g| g.english && g.start >= w.end() && g.start < f.start)
        };
        lending.iter().chain(requests).any(before)
    }

    /// What an English check with no interrogative asks by its copula and preposition:
    /// "was it in Ljubljana?", "the summit was in Ljubljana, right?" check where (a copula
    /// right before `in`/`at`); "Was Bolton at the Osaka meeting?" checks who (a copula,
    /// one word that is no pronoun or article, then `at`/`in`).
    fn english_check(&self, q: &Prepared) -> Option<Asked> {
        let words = q.words();
        let is = |i: usize, list: &[String]| words.get(i).is_some_and(|w| list.contains(w));
        // A place, not a year ("was it in 2018?").
        let place = |i: usize| {
            words
                .get(i)
                .is_some_and(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        };
        (0..words.len()).find_map(|i| {
            if !is(i, &self.copulas) {
                return None;
            }
            if is(i + 1, &self.locatives) && place(i + 2) {
                return Some(Asked::Where);
            }
            if is(i + 1, &self.determiners) && is(i + 2, &self.locatives) && place(i + 3) {
                return Some(Asked::Where);
            }
            // Someone at the meeting: a name, then a preposition and an article.
            let name = words.get(i + 1).is_some() && !is(i + 1, &self.determiners);
            (q.starts_clause(i)
                && name
                && is(i + 2, &self.locatives)
                && is(i + 3, &self.determiners))
            .then_some(Asked::Who)
        })
    }

    /// Whether a `when` or `where` (one word) joins clauses: inside a clause, no inverted
    /// verb after it, no verb of knowing (or a conjunction) before it.
    fn joins_clauses(&self, f: &Found, q: &Prepared) -> bool {
        let words = q.words();
        if f.len != 1 || !matches!(words[f.start].as_str(), "when" | "where") {
            return false;
        }
        let next = words.get(f.start + 1);
        let previous = f.start.checked_sub(1).map(|i| &words[i]);
        !q.starts_clause(f.start)
            && next.is_some_and(|w| !self.inversions.contains(w))
            && previous.is_some_and(|w| !self.embeddings.contains(w))
    }

    /// A Japanese field's words asked: they hold an interrogative (not a quantifier:
    /// 「何度も」), or one that is no field's own follows or precedes them within a few
    /// characters of hiragana (「理由は何」, 「どのような顔ぶれ」), or a request follows them
    /// joined by particles only (「開催日をご教示」), in the same clause and with no other
    /// field's words between.
    fn asked_in_japanese(
        &self,
        f: &Found,
        found: &[Found],
        wh: &[Found],
        lending: &[Found],
        requests: &[Found],
        q: &Prepared,
    ) -> bool {
        let own = wh
            .iter()
            .any(|w| !w.english && w.start < f.end() && f.start < w.end());
        if own {
            return !self.quantifies(f, q);
        }
        // Joined by `link` characters only, with no other field's words between; within a
        // clause, but for a request, which may follow its particles after a comma (「理由に
        // ついて、ご教示」).
        let joined = |from: usize, to: usize, link: &dyn Fn(usize) -> bool, clause: bool| {
            (from..=to).all(|i| !clause || !q.breaks_before(i))
                && (from..to).all(link)
                && !found
                    .iter()
                    .any(|g| !g.english && g != f && g.start >= from && g.start < to)
        };
        let hiragana = |i: usize| q.hiragana_at(i);
        let linking = |i: usize| q.char_at(i).is_some_and(|c| self.links.contains(&c));
        let after = |w: &Found, link: &dyn Fn(usize) -> bool, clause: bool| {
            !w.english
                && w.start >= f.end()
                && w.start - f.end() < AFTER_CHARS
                && joined(f.end(), w.start, link, clause)
        };
        let before = |w: &Found| {
            !w.english
                && w.end() <= f.start
                && f.start - w.end() < BEFORE_CHARS
                && joined(w.end(), f.start, &hiragana, true)
        };
        lending
            .iter()
            .any(|w| after(w, &hiragana, true) || before(w))
            || requests.iter().any(|w| after(w, &linking, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> FieldRules {
        let list = |s: &[&str]| s.iter().map(|w| w.to_string()).collect::<Vec<String>>();
        let asks = BTreeMap::from([
            (Asked::Count, list(&["何回", "何度", "回数", "how many"])),
            (
                Asked::Duration,
                list(&["何時間", "時間", "how long", "how many hours"]),
            ),
            (Asked::When, list(&["いつ", "when", "日付", "開催日"])),
            (
                Asked::Where,
                list(&["どこ", "会場", "場所", "where", "venue"]),
            ),
            (
                Asked::Who,
                list(&["誰", "同席", "顔ぶれ", "who", "host", "attended"]),
            ),
            (
                Asked::Outcome,
                list(&[
                    "中止",
                    "結果",
                    "合意",
                    "何が決まった",
                    "cancelled",
                    "outcome",
                ]),
            ),
            (
                Asked::Format,
                list(&["形式", "公式", "非公式", "one-on-one"]),
            ),
            (
                Asked::Why,
                list(&["なぜ", "なんで", "理由", "why", "reason"]),
            ),
        ]);
        let words = FieldWords {
            interrogatives: list(&[
                "何",
                "なに",
                "なん",
                "いつ",
                "どこ",
                "どの",
                "どう",
                "どんな",
                "誰",
                "なぜ",
                "なんで",
                "what",
                "which",
                "how",
                "when",
                "where",
                "who",
                "why",
            ]),
            requests: list(&["教え", "知りた", "教示", "tell me"]),
            inversions: list(&["was", "did", "is", "long", "exactly"]),
            embeddings: list(&["know", "me", "and"]),
            met: list(&["会談した", "会った", "meet", "met"]),
            held: list(&["やった", "行われ"]),
            meeting_nouns: list(&["会談"]),
            particles: list(&["は", "が", "の", "も", "に", "で", "と", "を", "て"]),
            particle_ends: list(&["ら"]),
            not_asking: list(&["なんです", "なんでしょ", "どこまで"]),
            links: list(&["を", "も", "について", "ご"]),
            universal: list(&["も"]),
            indefinite: list(&["か"]),
            place_marks: list(&["で"]),
            coordinators: list(&["と", "や"]),
            objects: list(&["を"]),
            conjunctive: list(&["て", "で"]),
            topics: list(&["は", "って"]),
            copula_checks: list(&["だっけ", "だったっけ", "でしたっけ"]),
            copulas: list(&["was", "were", "is"]),
            locatives: list(&["in", "at"]),
            determiners: list(&["it", "that", "this", "the"]),
        };
        FieldRules::new(
            &asks,
            &words,
            vec!["へるしんき".to_string(), "どいつ".to_string()],
        )
    }

    fn field(q: &str) -> Option<Asked> {
        let (asked, mentioned) = rules().field(&Prepared::new(q));
        asked.first().or(mentioned.first()).copied()
    }

    #[test]
    fn the_interrogative_decides_over_a_word_only_mentioned() {
        // The outcome is what is asked about; why is what is asked.
        assert_eq!(field("会談はなんで中止になったんですか"), Some(Asked::Why));
        assert_eq!(field("中止になったのはなぜ？"), Some(Asked::Why));
        assert_eq!(field("Why was the summit cancelled?"), Some(Asked::Why));
        // A field's word followed by an interrogative or a request is asked.
        assert_eq!(field("会談が中止された理由は何でしたか"), Some(Asked::Why));
        assert_eq!(field("中止の経緯と理由を教えてください"), Some(Asked::Why));
        // One preceded by an adnominal interrogative is asked; a second clause's word that
        // nothing asks is only mentioned.
        assert_eq!(
            field("同席したのはどのような顔ぶれでしたか。時間もわかれば。"),
            Some(Asked::Who)
        );
        // Two fields asked: the more specific, in the order of `Asked`.
        assert_eq!(
            field("What was the outcome, and how long?"),
            Some(Asked::Duration)
        );
    }

    #[test]
    fn mentioned_words_stand_when_nothing_is_asked() {
        assert_eq!(field("ヘルシンキ 会談 時間"), Some(Asked::Duration));
        assert_eq!(field("アラスカ会談の会場"), Some(Asked::Where));
        assert_eq!(field("ヘルシンキ会談について"), None);
    }

    #[test]
    fn what_only_looks_like_an_interrogative_asks_nothing() {
        // A quantifier: 何度も is "many times", not "how many times".
        assert_eq!(
            field("何度も会っているのに何が決まったのか分からない"),
            Some(Asked::Outcome)
        );
        assert_eq!(
            field("何回か会ったけど合意はどうだった"),
            Some(Asked::Outcome)
        );
        // A field's words with no interrogative followed by も are mentioned all the same.
        assert_eq!(
            field("ヘルシンキ会談、時間もわかれば"),
            Some(Asked::Duration)
        );
        // But 「いつかな」 and 「いつから」 still ask when.
        assert_eq!(field("停戦はいつから発効した"), Some(Asked::When));
        assert_eq!(field("中止はいつかな"), Some(Asked::When));
        // A copula (な＋んです) is no なんで, and 「どこまで」 asks how far.
        assert_eq!(
            field("会談でよく使われる印象なんですが、合意は本当？"),
            Some(Asked::Outcome)
        );
        assert_eq!(
            field("回数をどこまで数えるか迷ってます"),
            Some(Asked::Count)
        );
        // Inside a word typed in hiragana (だなん＋で), not after a particle (から).
        let asked = |q: &str| rules().field(&Prepared::new(q)).0;
        assert_eq!(
            asked("ロシア側からはどんな形式だったの"),
            vec![Asked::Format]
        );
        assert_eq!(asked("ロシア側からどんな形式だったの"), vec![Asked::Format]);
        assert_eq!(field("だなんで 非公式に 立ち話した？"), Some(Asked::Format));
    }

    #[test]
    fn a_check_asks_of_its_topic() {
        assert_eq!(
            field("会談は中止になったけど、理由はケルチ海峡の件ですか？"),
            Some(Asked::Why)
        );
        // Not when an interrogative asks.
        assert_eq!(field("理由は分かったけど、中止はいつ？"), Some(Asked::When));
    }

    #[test]
    fn an_english_check_asks_by_its_copula_and_preposition() {
        assert_eq!(
            field("The 2001 summit was in Ljubljana right? or somewhere else?"),
            Some(Asked::Where)
        );
        assert_eq!(field("was it at the palace?"), Some(Asked::Where));
        assert_eq!(field("Was Bolton at the Osaka meeting?"), Some(Asked::Who));
        assert_eq!(field("Was the Helsinki meeting long?"), None);
        assert_eq!(field("was it in 2018?"), None);
    }

    #[test]
    fn a_check_naming_a_place_of_the_meetings_asks_where() {
        assert_eq!(
            field("あの会談ってヘルシンキだったっけ？"),
            Some(Asked::Where)
        );
        assert_eq!(
            field("初会談ってベルリンでしたっけ？ドイツだったっけ"),
            Some(Asked::Where)
        );
        // Not a place the meetings were held in, nor with an interrogative.
        assert_eq!(field("あの会談ってボルトンだっけ？"), None);
        assert_eq!(field("ヘルシンキだっけ、いつ？"), Some(Asked::When));
    }

    #[test]
    fn a_field_ending_the_question_is_its_head() {
        assert_eq!(field("ブダペスト会談 中止 理由"), Some(Asked::Why));
        assert_eq!(field("会談の中止理由"), Some(Asked::Why));
        assert_eq!(field("ケルチ海峡 会談中止"), Some(Asked::Outcome));
        // Not when something asks.
        assert_eq!(field("中止はいつ？理由"), Some(Asked::When));
    }

    #[test]
    fn a_request_asks_what_it_follows_by_particles_only() {
        assert_eq!(field("開催日をご教示ください"), Some(Asked::When));
        // 「含めて」 stands between: the format is not what is asked, the count is mentioned.
        assert_eq!(
            field("回数について、公式・非公式を含めてご教示ください"),
            Some(Asked::Count)
        );
    }

    #[test]
    fn an_english_when_inside_a_clause_joins_clauses() {
        assert_eq!(
            field("Who was the host when the two leaders met in Finland?"),
            Some(Asked::Who)
        );
        assert_eq!(field("When was the Helsinki summit?"), Some(Asked::When));
        assert_eq!(field("and when exactly did they meet"), Some(Asked::When));
        assert_eq!(field("I want to know when they met"), Some(Asked::When));
        assert_eq!(
            field("Why did it run long when it was planned short?"),
            Some(Asked::Why)
        );
    }

    #[test]
    fn hyphenated_english_forms_are_found() {
        assert_eq!(field("Was it really one-on-one?"), Some(Asked::Format));
    }

    #[test]
    fn a_check_whether_they_met_is_told_apart() {
        let rules = rules();
        let met = |q: &str| rules.asks_whether_met(&Prepared::new(q));
        assert!(met("ブエノスアイレスで二人は会談したの？"));
        assert!(met("did they meet in Paris?"));
        assert!(!met("どこで会談したの？"));
        assert!(!met("Where did they meet?"));
        // Held: a meeting, not what else is held at one.
        assert!(met("ブダペストの会談ってやったんだっけ？"));
        assert!(!met("ジュネーブ会談では共同記者会見が行われたのか"));
        // A place checked, not the meeting.
        assert!(!met("昼食会は宮殿の広間でやったってほんと？"));
        let place = |q: &str| rules.checked_place(&Prepared::new(q));
        assert_eq!(
            place("昼食会は宮殿の広間でやったってほんと？").as_deref(),
            Some("広間")
        );
        assert_eq!(
            place("初会談ってベルリンで会ったんだっけ").as_deref(),
            Some("べるりん")
        );
        assert_eq!(
            place("ランチって「鏡の間」でやった？").as_deref(),
            Some("間")
        );
        assert_eq!(place("二人きりで会ったの？"), None);
        assert_eq!(place("どこで会談したの？"), None);
    }
}
