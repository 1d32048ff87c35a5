//! Lookalikes: questions that name a meeting, a leader or the phone calls but ask for
//! something the dataset keeps no record of. Three classes, recognised by what the record
//! holds rather than by a list of trivia words:
//!
//! - the phone calls asked of a month or year after the last call the record dates
//!   (「2026年11月のトランプとプーチンの電話の内容」 when the record stops in April);
//! - a question whose focus, the thing asked for (「ご息女」 in 「プーチン大統領のご息女に
//!   ついて」, 「牧場」 in 「その牧場での会談はいつ」), is a word no entry's text (names,
//!   aliases, sample questions, keywords, body) nor any synonym holds: the record of the
//!   meeting or leader named cannot explain it;
//! - when asked (「習近平はいつから国家主席？」) of an entry whose page writes no year.

use super::fasthash::FastMap;
use super::matcher::Query;
use super::normalize::normalize;
use super::Decision;
use super::{Analysis, Index};
use crate::knowledge::{ask::Asked, Knowledge};

/// Every pair of adjacent characters of the dataset's texts, normalised: a word none of
/// whose character pairs is here is a word the dataset never writes.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    pairs: FastMap<(char, char), ()>,
    /// The last month (year, month) the record dates a phone call in.
    last_call: Option<(u16, u8)>,
    /// The entries (by id) whose page writes no year: it cannot say when anything it
    /// tells of happened.
    undated: Vec<String>,
}

impl Vocabulary {
    pub fn new(k: &Knowledge) -> Vocabulary {
        let mut v = Vocabulary::default();
        let mut add = |text: &str| {
            let chars: Vec<char> = normalize(text).chars().collect();
            for w in chars.windows(2) {
                v.pairs.insert((w[0], w[1]), ());
            }
        };
        let mut undated = Vec::new();
        for item in k.items().filter(|i| i.searchable()) {
            let texts = super::matcher::all_texts(&item);
            for text in &texts {
                add(text);
            }
            if !texts.iter().any(|t| writes_a_year(t)) {
                undated.push(item.id().to_string());
            }
        }
        v.undated = undated;
        for surface in k.synonyms.groups.values().flatten() {
            add(surface);
        }
        v.last_call = k
            .calls
            .calls
            .iter()
            .filter_map(|c| {
                let year = c.date.get(..4)?.parse().ok()?;
                let month = c.date.get(5..7)?.parse().ok()?;
                Some((year, month))
            })
            .max();
        v
    }

    /// Whether the dataset writes none of a word's character pairs (a word of one
    /// character says too little to tell).
    fn never_writes(&self, word: &str) -> bool {
        let chars: Vec<char> = normalize(word).chars().collect();
        chars.len() >= 2
            && chars
                .windows(2)
                .all(|w| !self.pairs.contains_key(&(w[0], w[1])))
    }
}

/// Whether a text writes a year: a run of four digits (in NFKC).
fn writes_a_year(text: &str) -> bool {
    let mut run = 0;
    for c in normalize(text).chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// The synonym group of phone calls.
const PHONE_GROUP: &str = "phone";

/// Characters of a noun: kanji, katakana and its long vowel.
fn noun_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('ァ'..='ヺ').contains(&c)
        || matches!(c, 'ー' | '々')
}

/// What marks the noun before it as the thing asked for, not one the question only
/// mentions (「ご息女について」, 「その牧場での会談」, 「…の別荘はどこ」).
const ASKED_AFTER: [&str; 3] = ["について", "での", "を教え"];
/// A topic particle followed by a question word marks the noun before it as asked for too.
const TOPIC_PARTICLES: [&str; 2] = ["は", "って"];
const QUESTION_WORDS: [&str; 7] = ["何", "なに", "どこ", "どう", "どんな", "いつ", "誰"];

/// Whether the question asks for a noun it writes: the noun followed by a mark of what is
/// asked (see `ASKED_AFTER`), or ending the question.
fn asked_for(question: &str, noun: &str) -> bool {
    question.match_indices(noun).any(|(at, _)| {
        let rest = question[at + noun.len()..].trim_start_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || "？。！、".contains(c)
        });
        rest.is_empty()
            || ASKED_AFTER.iter().any(|m| rest.starts_with(m))
            || TOPIC_PARTICLES.iter().any(|p| {
                rest.strip_prefix(p)
                    .is_some_and(|r| QUESTION_WORDS.iter().any(|w| r.starts_with(w)))
            })
    })
}

/// Honorific prefixes of a noun asked of (ご息女, お住まい).
const HONORIFICS: [char; 2] = ['ご', 'お'];

/// The nouns a question writes as someone's or something's (「XのY」): each Y (rid of an
/// honorific prefix) with the noun X it belongs to.
fn owned_nouns(question: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = question.chars().collect();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != 'の' {
            continue;
        }
        let start = (0..i)
            .rev()
            .take_while(|&j| noun_char(chars[j]))
            .last()
            .unwrap_or(i);
        let owner: String = chars[start..i].iter().collect();
        let owned: String = chars[i + 1..]
            .iter()
            .skip_while(|c| HONORIFICS.contains(c))
            .take_while(|&&c| noun_char(c))
            .collect();
        // Each noun once: the caller scans the question for every one.
        if !owner.is_empty()
            && owned.chars().count() >= 2
            && seen.insert((owner.clone(), owned.clone()))
        {
            out.push((owner, owned));
        }
    }
    out
}

impl Index {
    /// Whether the question asks for something no record explains (see the module docs):
    /// the phone calls after the record's last, or a focus word the dataset never writes.
    pub(super) fn asks_beyond_record(
        &self,
        question: &str,
        q: &Query,
        analysis: &Analysis,
    ) -> bool {
        self.asks_call_after_record(q, analysis)
            || self.asks_unwritten_focus(question)
            || self.asks_when_of_undated(analysis)
    }

    /// Whether the question asks when (「習近平はいつから国家主席？」) and is answered with
    /// an entry whose page writes no year: it cannot say.
    fn asks_when_of_undated(&self, analysis: &Analysis) -> bool {
        analysis.asked == Some(Asked::When)
            && matches!(&analysis.decision, Decision::Answer { id, .. }
                if self.vocabulary.undated.contains(id))
    }

    /// Whether the question speaks of the phone calls in a month, or a year, after the
    /// last one the record dates (「2026年10月に電話会談を行ったと聞きましたが」).
    fn asks_call_after_record(&self, q: &Query, analysis: &Analysis) -> bool {
        let Some((year, month)) = self.vocabulary.last_call else {
            return false;
        };
        self.matcher.speaks_of(q, PHONE_GROUP)
            && !self.matcher.compares(q)
            && (analysis.months.iter().any(|&m| m > (year, month))
                || analysis.years.iter().any(|&y| y > year))
    }

    /// Whether the question asks of a person's something the dataset never writes
    /// (「プーチン大統領のご息女」, 「ブッシュ氏の牧場」): a personal detail no record keeps.
    fn asks_unwritten_focus(&self, question: &str) -> bool {
        owned_nouns(question).iter().any(|(owner, owned)| {
            self.vocabulary.never_writes(owned)
                && asked_for(question, owned)
                && self.matcher.people_in(&self.matcher.query(owner)) != 0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nouns_owned_are_found() {
        assert_eq!(
            owned_nouns("トランプ大統領の奥様について知りたい"),
            vec![("トランプ大統領".to_string(), "奥様".to_string())]
        );
        assert_eq!(
            owned_nouns("プーチン氏のご令嬢"),
            vec![("プーチン氏".to_string(), "令嬢".to_string())]
        );
        assert!(owned_nouns("会談の後どうなった").is_empty());
    }

    #[test]
    fn a_noun_only_mentioned_is_not_asked_for() {
        assert!(asked_for("トランプ大統領の奥様について知りたい", "奥様"));
        assert!(asked_for("プーチン氏の別荘はどこ？", "別荘"));
        assert!(asked_for("その別荘での夕食会は", "別荘"));
        assert!(!asked_for("プーチンの名前が出てきます", "名前"));
        assert!(!asked_for("プーチンの場合、どうでしたか", "場合"));
    }

    fn index() -> Index {
        Index::build(&Knowledge::embedded().expect("dataset loads"))
    }

    fn refused(index: &Index, question: &str) -> bool {
        matches!(index.ask(question), super::super::Decision::Unknown { .. })
    }

    #[test]
    fn a_persons_detail_the_dataset_never_writes_is_refused() {
        let index = index();
        for q in [
            "トランプ大統領の愛犬について教えてください",
            "プーチン氏の別荘はどこにあるの？",
            "ゼレンスキー大統領の愛犬って何て名前？",
        ] {
            assert!(index.asks_unwritten_focus(q), "{q}");
            assert!(refused(&index, q), "{q}");
        }
        // What the record keeps of a person, or a word only mentioned, is still answered.
        for q in [
            "プーチン大統領の経歴について教えて",
            "ラブロフ外相の役割は何？",
        ] {
            assert!(!index.asks_unwritten_focus(q), "{q}");
            assert!(!refused(&index, q), "{q}");
        }
    }

    #[test]
    fn the_calls_after_the_records_last_are_refused() {
        let index = index();
        let Some((year, _)) = index.vocabulary.last_call else {
            panic!("the record dates its calls");
        };
        let later = format!(
            "{}年2月のトランプとプーチンの電話では何を話した？",
            year + 1
        );
        assert!(refused(&index, &later), "{later}");
        assert!(!refused(
            &index,
            "2025年のトランプとプーチンの電話では何を話した？"
        ));
    }

    #[test]
    fn when_asked_of_an_entry_whose_page_writes_no_year_is_refused() {
        let index = index();
        assert!(!index.vocabulary.undated.is_empty());
        // Trump's and Putin's pages date their meetings.
        assert!(!index
            .vocabulary
            .undated
            .iter()
            .any(|p| p == "trump" || p == "putin"));
        for id in &index.vocabulary.undated {
            let analysis = Analysis {
                decision: Decision::Answer {
                    id: id.clone(),
                    score: 1.0,
                },
                asked: Some(Asked::When),
                years: Vec::new(),
                months: Vec::new(),
                events: Vec::new(),
                out_of_scope: false,
                checks: false,
                first: None,
                diluted: Vec::new(),
            };
            assert!(index.asks_when_of_undated(&analysis), "{id}");
        }
        assert!(refused(&index, "習近平主席はいつ就任したの？"));
    }
}
