//! Why meetings are held where they are, asked with one of them as an example.

use super::asked::Prepared;
use super::matcher::{Candidate, Query};
use super::{Index, NAMED_OFFER_SCORE};
use crate::knowledge::Kind;

/// The synonym groups of asking why a place was chosen (なぜ, 選ばれた, 地政学).
const WHY_CHOSEN: [&str; 3] = ["why", "choose", "geopolitics"];
/// The synonym group of a meeting's place (開催地, "venue"): the venues topic's name.
const VENUE: &str = "venue";
/// The synonym group of geopolitics: the venues topic's theme, said of no one meeting.
const GEOPOLITICS: &str = "geopolitics";
/// How many of the first candidates the topic must be among.
const TOPIC_RANK: usize = 2;

impl Index {
    /// The topic named by a meeting's place (開催地, "venue") when a question asks why
    /// places are chosen and gives the meetings it names as examples among others or asks
    /// the rule behind them (`in_general` in `responses/ask.json`: 「かいだんの場所って
    /// なんでアラスカとかになるの」, "why do they pick places like Alaska", 「開催地はどういう
    /// 基準で選ばれている」) or their geopolitics ("why alaska? like geopolitically"): the
    /// meetings named are examples, the venues are what is asked. The topic ranks among the
    /// first two, scores a fair share, and holds more of the question than each meeting
    /// named does. Why one meeting was held where it was (「なぜ会談場所としてアラスカが選ば
    /// れたのですか？」) stays that meeting's.
    pub(super) fn venues_in_general<'r>(
        &self,
        q: &Query,
        prepared: &Prepared,
        ranked: &'r [Candidate],
        named: &[usize],
        records: bool,
    ) -> Option<&'r Candidate> {
        let events = named
            .iter()
            .all(|&e| matches!(self.matcher.docs[e].kind, Kind::Meeting | Kind::PastSummit));
        if !records
            || named.is_empty()
            || !events
            || !WHY_CHOSEN.iter().any(|g| self.matcher.speaks_of(q, g))
            || !(self.in_general.detect(prepared).is_some()
                || self.matcher.speaks_of(q, GEOPOLITICS))
        {
            return None;
        }
        let topic = ranked.iter().take(TOPIC_RANK).find(|c| {
            self.matcher.docs[c.entry].kind == Kind::Topic
                && self.matcher.names_hold(c.entry, VENUE)
        })?;
        let holds_more = named.iter().all(|&e| {
            ranked
                .iter()
                .find(|c| c.entry == e)
                .is_none_or(|c| c.coverage < topic.coverage)
        });
        (holds_more && topic.diluted >= NAMED_OFFER_SCORE).then_some(topic)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{answer, index};

    #[test]
    fn why_places_such_as_one_named_are_chosen_is_the_venues_topic() {
        let index = index();
        let answer = |q: &str| answer(&index, q);
        for (q, id) in [
            (
                "Why are places like Helsinki chosen for these summits?",
                "venues",
            ),
            (
                "ヘルシンキ会談の開催地はどういう基準で選ばれたの？",
                "venues",
            ),
            // Why that one meeting was held there: its record.
            ("なぜヘルシンキが会談の場所に選ばれたの？", "helsinki-2018"),
            (
                "I'd like to know why the Helsinki summit was held in Finland",
                "helsinki-2018",
            ),
        ] {
            assert_eq!(answer(q).as_deref(), Some(id), "{q}");
        }
    }
}
