//! Words listed out of scope that stand only in the context a question gives before it
//! asks: the member's own circumstances, not what is asked.

use super::normalize::has_content;
use super::{Analysis, Decision, Index, Thresholds};
use crate::knowledge::Kind;

/// The marks that end a sentence of the context (in the folded text of `clean::plain`,
/// where 「…」 is three full stops and 「：」 a colon); a comma does not: 「大阪G20のときの
/// 米ロ会談、閣僚だけじゃなく家族まで同席してた」 tells of one thing.
const SENTENCE_MARKS: [char; 6] = ['。', '?', '!', '\n', '.', ':'];

/// How many listed words one sentence of the context may lose before it is left as it is.
const MAX_MARKS: usize = 4;

/// The synonym groups of what every record is (a meeting, a call) and of the sides to it
/// (the United States, Russia, the two together: 「米露の話」).
const RECORD_GROUPS: [&str; 5] = ["meeting", "phone", "usa", "russia", "us-russia"];

impl Index {
    /// A question marked out of scope only by words listed out of scope (`out_of_scope` in
    /// `responses/synonyms.json`) that stand in the context before its ask, each in a
    /// sentence of that context that names none of the people, places, years, gatherings,
    /// entries, meetings or calls of the dataset: what the member tells of themselves
    /// (「来週の勉強会で発表するので教えてください。ヘルシンキ会談はいつでしたか？」,
    /// 「家族に聞かれて答えられなかったんですが、アラスカの会談って何が決まったの？」,
    /// 「昨日のクイズで間違えました…大阪での会談は何日？」). The question is read again
    /// without those words, and that reading stands when it answers.
    ///
    /// A word in the ask or after it (「プーチンの家族は？」, 「来週の会談はどこで？」,
    /// 「…一般公開されていますか。旅行で見学してみたいのですが。」), or in a sentence of the
    /// context that names what the question is about (「安倍元首相はプーチン大統領と何十回も
    /// 会ったと聞いたのですが、正確には…」, 「プーチンには娘がいると聞きました。…」),
    /// keeps the question out of scope.
    pub(super) fn context_marks_ignored(
        &self,
        plain: &str,
        kinds: Option<&[Kind]>,
        t: &Thresholds,
    ) -> Option<Analysis> {
        let start = self.ask_start(plain)?;
        let (context, ask) = plain.split_at(start);
        if !has_content(context)
            || !has_content(ask)
            || self.matcher.marked_by_word(ask)
            || !self.matcher.marked_by_word(context)
        {
            return None;
        }
        let anchored = || {
            let q = self.matcher.query(ask);
            self.matcher.people_in(&q) != 0 || q.specific
        };
        let mut unmarked = String::with_capacity(plain.len());
        for sentence in context.split_inclusive(SENTENCE_MARKS) {
            if !self.matcher.marked_by_word(sentence) {
                unmarked.push_str(sentence);
                continue;
            }
            // A sentence naming what the question is about loses only words of the
            // member's occasions (see `circumstance`), and only beside an ask that names
            // whom or what it asks of itself (a person, a place, a year: 「2018年7月の
            // あの会談」), not one that asks of what that sentence told (「娘の宿題で冷戦期の
            // 会談を調べています。どこで決裂したんでしょうか？」).
            let about_a_subject = self.names_a_subject(sentence);
            if about_a_subject && !anchored() {
                return None;
            }
            unmarked.push_str(&self.without_marks(sentence, about_a_subject)?);
        }
        unmarked.push_str(ask);
        if self.matcher.marked_by_word(&unmarked) {
            return None;
        }
        let cleaned = self.courtesies.clean_plain(unmarked.clone());
        let analysis = self.understand_whole(&unmarked, &cleaned, kinds, t);
        (!analysis.out_of_scope && matches!(analysis.decision, Decision::Answer { .. }))
            .then_some(analysis)
    }

    /// Where the ask of a folded question begins (a byte offset): in the first sentence
    /// that asks (a question mark or a question's ending; with none, the last sentence),
    /// after its last clause that gives context (「…聞かれて答えられなかったんですが、」,
    /// 「…間違えました…」, "my kid asked me yesterday:"). A sentence that
    /// asks only by a request (「…発表するので教えてください。」) before one that asks is
    /// context.
    fn ask_start(&self, plain: &str) -> Option<usize> {
        // ASCII letters lowered keep every byte where it was.
        let lower = plain.to_ascii_lowercase();
        let sentences = self.clauses.split_sentences(&lower);
        let asks: Vec<bool> = sentences
            .iter()
            .map(|s| s.trim_end().ends_with('?') || self.clauses.ends_asking(s))
            .collect();
        let own = |i: usize| {
            asks[i] && !(asks[i + 1..].iter().any(|&a| a) && self.requests_only(sentences[i]))
        };
        let first = (0..sentences.len())
            .find(|&i| own(i))
            .or(sentences.len().checked_sub(1))?;
        let sentence = sentences[first];
        let mut begin = 0;
        for (i, mark) in sentence.char_indices() {
            let end = i + mark.len_utf8();
            if !has_content(&sentence[end..]) {
                break;
            }
            let body = sentence[..i].trim_end_matches(|c: char| c.is_whitespace() || c == '.');
            let context = match mark {
                '、' | ',' => self.ends_connective(body),
                // 「…」 folded: full stops after anything but a Latin letter or a digit.
                '.' if !sentence[..i].ends_with(|c: char| c.is_ascii_alphanumeric()) => {
                    self.clauses.ends_context(body) || self.clauses.ends_statement(body)
                }
                ':' => {
                    self.clauses.ends_context(body)
                        || self.clauses.ends_statement(body)
                        || body.split_whitespace().count() >= 3
                }
                _ => false,
            };
            if context {
                begin = end;
            }
        }
        let offset = sentence.as_ptr() as usize - lower.as_ptr() as usize;
        Some(offset + begin)
    }

    /// Whether a sentence asks only by a request (教えてください, お願いします) after what
    /// gives context (「来週の勉強会で発表するので教えてください」): it asks nothing of its own.
    fn requests_only(&self, sentence: &str) -> bool {
        let cleaned = self.courtesies.clean_plain(sentence.to_string());
        let body = cleaned
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '?' | '!' | '.'));
        !has_content(body) || self.ends_connective(body)
    }

    /// Whether a clause ends the way one that gives context does (「…ですが」, 「…ので」, see
    /// `clauses` in `responses/synonyms.json`), or with the conjunction から after a verb or
    /// an adjective in kana (「テストに出るから」, 「聞かれたから」), not the particle after a
    /// noun (「ヘルシンキから」, 「東京から」).
    fn ends_connective(&self, body: &str) -> bool {
        self.clauses.ends_context(body)
            || body.strip_suffix("から").is_some_and(|before| {
                before
                    .chars()
                    .next_back()
                    .is_some_and(|c| ('ぁ'..='ゖ').contains(&c))
            })
    }

    /// Whether a sentence names someone or something the dataset is about: a person, a
    /// place, a year, a gathering, an entry by its name, a meeting, a call, or a side to
    /// them (the United States, Russia). A word
    /// listed out of scope there says what is asked of them (「プーチンの家族」,
    /// 「安倍元首相はプーチン大統領と…会った」, 「来週の会談」).
    fn names_a_subject(&self, sentence: &str) -> bool {
        let q = self.matcher.query(sentence);
        self.matcher.people_in(&q) != 0
            || q.specific
            || !self.matcher.named_in(&q).is_empty()
            || RECORD_GROUPS.iter().any(|g| self.matcher.speaks_of(&q, g))
    }

    /// A sentence without the words listed out of scope it writes: the shortest stretch
    /// that the list marks, removed one at a time (not inside a Latin word); `None` when
    /// more than [`MAX_MARKS`] are needed. In a sentence that names what the question is
    /// about, only a word that dates or qualifies an occasion of the member's own
    /// (see [`Index::circumstance`]) is removed; any other leaves the sentence marked.
    fn without_marks(&self, sentence: &str, about_a_subject: bool) -> Option<String> {
        let mut chars: Vec<char> = sentence.chars().collect();
        for _ in 0..=MAX_MARKS {
            let text: String = chars.iter().collect();
            if !self.matcher.marked_by_word(&text) {
                return Some(text);
            }
            let inside_word = |i: usize| {
                i > 0
                    && i < chars.len()
                    && chars[i - 1].is_ascii_alphanumeric()
                    && chars[i].is_ascii_alphanumeric()
            };
            let marked = |a: usize, b: usize| {
                self.matcher
                    .marked_by_word(&chars[a..b].iter().collect::<String>())
            };
            let end = (1..=chars.len()).find(|&j| !inside_word(j) && marked(0, j))?;
            let begin = (0..end)
                .rev()
                .find(|&i| !inside_word(i) && marked(i, end))?;
            if about_a_subject && !self.circumstance(&chars, begin, end) {
                return None;
            }
            chars.drain(begin..end);
        }
        None
    }

    /// Whether the listed word at `chars[begin..end]` qualifies, by の, an occasion of the
    /// member's own that a noun phrase ending in the particle で names (「来週の勉強会で」,
    /// 「昨日のクイズで」): the occasion itself no listed word (not 「来週の旅行で」), the
    /// phrase naming nothing the dataset is about (not 「来週の会談で」).
    fn circumstance(&self, chars: &[char], begin: usize, end: usize) -> bool {
        let noun = |c: char| {
            super::normalize::is_kanji(c)
                || ('ァ'..='ヺ').contains(&c)
                || matches!(c, 'ー' | 'の')
                || c.is_ascii_digit()
        };
        if chars.get(end) != Some(&'の') {
            return false;
        }
        let mut from = begin;
        while from > 0 && noun(chars[from - 1]) {
            from -= 1;
        }
        let mut to = end;
        while to < chars.len() && noun(chars[to]) {
            to += 1;
        }
        if to <= end + 1
            || chars.get(to) != Some(&'で')
            || matches!(chars.get(to + 1), Some('す' | 'し'))
        {
            return false;
        }
        let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        !self.matcher.marked_by_word(&text(end + 1, to)) && !self.names_a_subject(&text(from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn listed_words_in_the_context_alone_leave_the_ask_in_scope() {
        let index = index();
        let cases = [
            (
                "来週の勉強会で発表するので教えてください。ヘルシンキ会談はいつでしたか？",
                "helsinki-2018",
            ),
            (
                "家族に聞かれて答えられなかったんですが、アラスカの会談って何が決まったの？",
                "anchorage-2025",
            ),
            (
                "昨日のクイズで間違えました…大阪での会談は何日？",
                "osaka-2019",
            ),
            // A listed word dating an occasion of the member's, beside what is asked of.
            (
                "来週の勉強会でヘルシンキ会談の担当になりました。2018年7月のあの会談、会場はどこでしたか？",
                "helsinki-2018",
            ),
            (
                "明日テストがあるので教えてください。ヘルシンキで会談したのは何年ですか？",
                "helsinki-2018",
            ),
            (
                "子供の宿題を手伝っていて、アンカレッジの会談はどこの基地で行われたんですか？",
                "anchorage-2025",
            ),
            (
                "My kid asked me yesterday: when was the Helsinki summit?",
                "helsinki-2018",
            ),
            (
                "明日のテストに出るから、アラスカで会談したのはいつだったか教えて",
                "anchorage-2025",
            ),
            (
                "子供に聞かれたから教えてください。アラスカで会談したのはいつ？",
                "anchorage-2025",
            ),
        ];
        for (q, id) in cases {
            assert_eq!(answer(&index, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn listed_words_of_the_ask_or_of_what_it_is_about_keep_it_out_of_scope() {
        let index = index();
        for q in [
            // In the ask.
            "プーチンの家族は？",
            "トランプの誕生日はいつ？",
            "来週の会談はどこで？",
            "ヘルシンキのおすすめ観光地は？",
            "ヘルシンキ会談について調べています。プーチンの誕生日はいつですか？",
            // After the ask: it says more of what is asked.
            "ヘルシンキ会談の会場だった大統領宮殿は一般公開されていますか。旅行で見学してみたいのですが。",
            // In a sentence of the context that names whom the question is about.
            "プーチン大統領には娘がいると聞きました。何人いるんですか？",
            "安倍元首相はプーチン大統領と何十回も会ったと聞いたのですが、正確には何回会談したんでしょうか？",
            "トランプの誕生日にパーティーがあったそうですが、プーチンは何を贈ったの？",
            "プーチンの誕生日だから、トランプは電話したの？",
            // An occasion that is itself out of scope, or is what the question is about.
            "来週の旅行でヘルシンキに行きます。大統領宮殿は一般公開されていますか？",
            "来週の会談でトランプはプーチンと会うそうです。どこで会うの？",
            "来週の会議でプーチンの家族について話します。何人いるんですか？",
        ] {
            assert!(index.analyse(q).out_of_scope, "{q}: {:?}", index.ask(q));
        }
    }
}
