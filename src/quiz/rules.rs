//! The quiz's pure rules: choosing questions, shuffling choices, scoring, periods,
//! statistics and review. No store, no clock: everything is passed in.

use crate::store::Answer;

/// Most questions in one quiz.
pub const MAX_QUESTIONS: usize = 20;
/// A server's most recent questions are avoided while others remain.
pub const RECENT_AVOIDED: u32 = 50;
/// Points for a right answer, plus up to [`SPEED_BONUS`] for answering fast.
pub const RIGHT_POINTS: u32 = 10;
pub const SPEED_BONUS: u32 = 5;

/// Japan time, in which weeks and months of the leaderboard are counted.
const JST_OFFSET_SECS: i64 = 9 * 3600;

/// splitmix64: a small, well-mixed step; the quiz needs fairness, not secrecy.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A seed from what a command knows (the time, where and who).
pub fn seed(now: u64, channel: u64, user: u64) -> u64 {
    mix(now ^ mix(channel) ^ mix(user).rotate_left(17))
}

/// A permutation of `0..n` determined by `seed` (Fisher–Yates).
pub fn permutation(seed: u64, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        state = mix(state);
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// `count` distinct questions from `pool`, avoiding `recent` (newest first) while others
/// remain; when the pool is too small, the least recently asked come back first.
pub fn choose(pool: &[&str], recent: &[String], count: usize, seed: u64) -> Vec<String> {
    let mut fresh: Vec<&str> = pool
        .iter()
        .copied()
        .filter(|q| !recent.iter().any(|r| r == q))
        .collect();
    let order = permutation(seed, fresh.len());
    fresh = order
        .into_iter()
        .filter_map(|i| fresh.get(i).copied())
        .collect();
    let mut chosen: Vec<String> = fresh.into_iter().take(count).map(str::to_string).collect();
    // Oldest of the recent ones first.
    for r in recent.iter().rev() {
        if chosen.len() >= count {
            break;
        }
        if pool.contains(&r.as_str()) && !chosen.contains(r) {
            chosen.push(r.clone());
        }
    }
    chosen
}

/// Points for a right answer with `remaining` of `seconds` left.
pub fn points(seconds: u32, remaining: u64) -> u32 {
    let seconds = u64::from(seconds.max(1));
    let bonus = (u64::from(SPEED_BONUS) * remaining.min(seconds)) / seconds;
    RIGHT_POINTS + bonus as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    All,
}

impl Period {
    pub fn key(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::All => "all",
        }
    }

    pub fn from_key(s: &str) -> Option<Period> {
        [Period::Week, Period::Month, Period::All]
            .into_iter()
            .find(|p| p.key() == s)
    }
}

/// Start of the period containing `now`, in unix seconds: weeks begin on Monday 00:00 and
/// months on the 1st 00:00, Japan time.
pub fn period_start(period: Period, now: u64) -> u64 {
    use chrono::{Datelike, NaiveDate};
    let local = now as i64 + JST_OFFSET_SECS;
    let day = local.div_euclid(86_400);
    let start_day = match period {
        Period::All => return 0,
        // 1970-01-01 was a Thursday: +3 makes Monday 0.
        Period::Week => day - (day + 3).rem_euclid(7),
        Period::Month => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let date = epoch + chrono::Days::new(day.max(0) as u64);
            let first = date.with_day(1).unwrap_or(date);
            (first - epoch).num_days()
        }
    };
    (start_day * 86_400 - JST_OFFSET_SECS).max(0) as u64
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub answered: u64,
    pub correct: u64,
    pub points: u64,
    pub best_streak: u64,
}

impl Stats {
    pub fn accuracy_percent(&self) -> u64 {
        (self.correct * 100 + self.answered / 2)
            .checked_div(self.answered)
            .unwrap_or(0)
    }
}

/// Totals and the best run of right answers, over answers oldest first.
pub fn stats(history: &[Answer]) -> Stats {
    let mut s = Stats::default();
    let mut run = 0;
    for a in history {
        s.answered += 1;
        s.points += u64::from(a.points);
        if a.correct {
            s.correct += 1;
            run += 1;
            s.best_streak = s.best_streak.max(run);
        } else {
            run = 0;
        }
    }
    s
}

/// Questions a member missed and has not since answered right twice in a row, most
/// recently missed first, at most `max`.
pub fn to_review(history: &[Answer], max: usize) -> Vec<String> {
    // (question, index of last miss, right answers in a row since)
    let mut state: Vec<(String, usize, u32)> = Vec::new();
    for (i, a) in history.iter().enumerate() {
        match state.iter_mut().find(|(q, _, _)| *q == a.question) {
            Some(entry) if !a.correct => *entry = (a.question.clone(), i, 0),
            Some(entry) => entry.2 += 1,
            None if !a.correct => state.push((a.question.clone(), i, 0)),
            None => {}
        }
    }
    state.retain(|(_, _, since)| *since < 2);
    state.sort_by_key(|e| std::cmp::Reverse(e.1));
    state.into_iter().take(max).map(|(q, _, _)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    fn answer(question: &str, correct: bool, at: u64) -> Answer {
        Answer {
            quiz: 1,
            round: 0,
            guild: None,
            user: UserId(1),
            question: question.into(),
            choice: 0,
            correct,
            points: if correct { 10 } else { 0 },
            answered_at: at,
        }
    }

    #[test]
    fn a_fast_right_answer_earns_the_whole_bonus_and_a_last_second_one_none() {
        assert_eq!(points(20, 20), 15);
        assert_eq!(points(20, 10), 12);
        assert_eq!(points(20, 0), 10);
        assert_eq!(points(20, 999), 15);
    }

    #[test]
    fn recent_questions_are_avoided_while_others_remain() {
        let pool = ["a", "b", "c", "d"];
        let recent = vec!["a".to_string(), "b".to_string()];
        let chosen = choose(&pool, &recent, 2, 7);
        assert_eq!(chosen.len(), 2);
        assert!(chosen.iter().all(|q| q == "c" || q == "d"));
        // Too few fresh ones: the oldest recent one ("b") comes back first.
        let chosen = choose(&pool, &recent, 3, 7);
        assert_eq!(chosen.len(), 3);
        assert_eq!(chosen[2], "b");
        let mut dedup = chosen.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), 3, "no question twice in one quiz");
    }

    #[test]
    fn permutations_are_permutations() {
        for seed in 0..50 {
            let mut p = permutation(seed, 4);
            p.sort();
            assert_eq!(p, vec![0, 1, 2, 3]);
        }
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first_in_japan_time() {
        // 2026-11-30 (a Monday) 12:00 JST = 03:00 UTC.
        let midnight_utc = 1_795_996_800;
        let now = midnight_utc + 3 * 3600;
        let week = period_start(Period::Week, now);
        // Monday 2026-11-30 00:00 JST = 2026-11-29 15:00 UTC.
        assert_eq!(week, midnight_utc - 9 * 3600);
        let month = period_start(Period::Month, now);
        // 2026-11-01 00:00 JST.
        assert_eq!(month, week - 29 * 86_400);
        assert_eq!(period_start(Period::All, now), 0);
    }

    #[test]
    fn review_keeps_misses_until_two_right_in_a_row() {
        let h = vec![
            answer("x", false, 1),
            answer("y", false, 2),
            answer("x", true, 3),
            answer("x", true, 4),
            answer("y", true, 5),
            answer("z", true, 6),
        ];
        assert_eq!(to_review(&h, 10), vec!["y".to_string()]);
        let s = stats(&h);
        assert_eq!((s.answered, s.correct, s.best_streak), (6, 4, 4));
        assert_eq!(s.accuracy_percent(), 67);
    }
}
