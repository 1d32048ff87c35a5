//! Meetings asked of a time after the record's date (`meta.as_of`, 「2026年4月29日時点」):
//! 「2026年の秋にトランプとプーチンがまた会ったというニュースを見た気がします。どこで会って
//! 何が決まったのか教えてください。」 asks of a meeting the record cannot hold, whatever
//! the ask says once read without the date (「どこで会って何が決まったのか」 is every
//! meeting's venue and outcome). The whole question is out of scope, as a word out of
//! scope would make it, so that no reading of its ask alone answers it.

use super::matcher::Query;
use super::{Analysis, Index};
use crate::knowledge::Kind;

/// The (year, month) of an ISO date (`2026-04-29`).
pub(super) fn year_month(date: &str) -> Option<(u16, u8)> {
    let year = date.get(..4)?.parse().ok()?;
    let month = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

impl Index {
    /// Whether the question speaks of a meeting (会った, 会談, summit) in a month, or a
    /// season of a year, after the month of the record's date, compares nothing, and ranks
    /// no misconception first (a rumour of a later meeting would be one's).
    pub(super) fn asks_meeting_after_record(&self, q: &Query, analysis: &Analysis) -> bool {
        let Some(as_of) = self.as_of else {
            return false;
        };
        analysis.months.iter().any(|&m| m > as_of)
            && self.matcher.writes_a_meeting(q)
            && !self.matcher.compares(q)
            && analysis
                .first
                .is_none_or(|e| self.matcher.docs[e].kind != Kind::Myth)
    }
}

#[cfg(test)]
mod tests {
    use crate::knowledge::Knowledge;
    use crate::search::{Decision, Index};

    #[test]
    fn the_month_of_an_iso_date() {
        assert_eq!(super::year_month("2026-04-29"), Some((2026, 4)));
        assert_eq!(super::year_month("2026-13-01"), None);
        assert_eq!(super::year_month("2026"), None);
    }

    #[test]
    fn a_meeting_after_the_records_date_is_refused_however_it_is_read() {
        let k = Knowledge::embedded().expect("dataset loads");
        let index = Index::build(&k);
        let (year, _) = super::year_month(&k.meta.as_of).expect("the record is dated");
        for q in [
            format!(
                "{year}年の秋にトランプとプーチンがまた会ったというニュースを見た気がします。\
                 どこで会って何が決まったのか教えてください。"
            ),
            format!("{year}年12月にトランプとプーチンが会談したって本当？どこで会ったの？"),
            format!("Did Trump and Putin meet in November {year}? Where was it?"),
        ] {
            assert!(
                matches!(index.ask(&q), Decision::Unknown { .. }),
                "{q}: {:?}",
                index.ask(&q)
            );
        }
        // A month the record covers is still read.
        assert!(!matches!(
            index.ask("2025年8月にトランプとプーチンはどこで会談した？"),
            Decision::Unknown { .. }
        ));
    }
}
