//! The daily fact post: when it is due, in the server's own time zone, and which fact is
//! next. Pure: the time is passed in; the store keeps the settings, the deck position and
//! one row per server and local date (the claim that makes a post happen exactly once).

use chrono::{Datelike, LocalResult, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The zone used when `/daily set` names none.
pub const DEFAULT_ZONE: &str = "Asia/Tokyo";

/// A post sent more than this after its time is marked late.
pub const LATE_AFTER_SECS: u64 = 5 * 60;

/// Parses `HH:MM` (also full-width digits and `：`, `9:05`, `09時05分`) into minutes after
/// midnight.
pub fn parse_time(text: &str) -> Option<u16> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' | '時' => ':',
            _ => c,
        })
        .filter(|c| *c != '分')
        .collect();
    let (h, m) = ascii.split_once(':')?;
    let ok = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let m = if m.is_empty() { "0" } else { m };
    if !ok(h) || !ok(m) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `HH:MM` for display.
pub fn format_time(minute_of_day: u16) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// An IANA zone name (`Asia/Tokyo`, `Europe/Berlin`, `UTC`), case as IANA writes it or
/// not.
pub fn parse_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    name.parse::<Tz>().ok().or_else(|| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .copied()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
    })
}

/// The local date in `tz` at unix second `now`.
pub fn local_date(now: u64, tz: Tz) -> NaiveDate {
    tz.timestamp_opt(now as i64, 0)
        .single()
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// The unix second of `minute_of_day` on `date` in `tz`. A time skipped by a daylight-saving
/// change moves forward to the first minute that exists; a repeated one takes the first.
pub fn instant_of(date: NaiveDate, minute_of_day: u16, tz: Tz) -> u64 {
    let mut minute = u32::from(minute_of_day.min(24 * 60 - 1));
    for _ in 0..180 {
        let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or_default();
        match tz.from_local_datetime(&date.and_time(time)) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                return t.timestamp().max(0) as u64
            }
            LocalResult::None => minute += 1,
        }
        if minute >= 24 * 60 {
            break;
        }
    }
    // No valid minute left that day (never in real zones): the next midnight UTC.
    let next = date.succ_opt().unwrap_or(date);
    next.and_hms_opt(0, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp().max(0) as u64)
}

/// The date as users read it (`2026-11-30`, for the footer marker and the store key).
pub fn date_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// What to do for one server at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Post today's fact now (`late` when the bot was down at the time).
    Now { date: NaiveDate, late: bool },
    /// Nothing before this unix second.
    At(u64),
}

/// When a server's post is due, given whether today's post was already made.
pub fn due(now: u64, minute_of_day: u16, tz: Tz, posted_today: bool) -> Due {
    let today = local_date(now, tz);
    let at = instant_of(today, minute_of_day, tz);
    if !posted_today && now >= at {
        return Due::Now {
            date: today,
            late: now - at > LATE_AFTER_SECS,
        };
    }
    if now < at && !posted_today {
        return Due::At(at);
    }
    let tomorrow = today.succ_opt().unwrap_or(today);
    Due::At(instant_of(tomorrow, minute_of_day, tz))
}

/// The start of the next minute after `now` (the scheduler's tick).
pub fn next_minute(now: u64) -> u64 {
    (now / 60 + 1) * 60
}

/// The fact at `position` of a deck of `len` shuffled by `seed`, and the seed and position
/// after it (a used-up deck is shuffled again with a new seed).
pub fn deck_step(seed: u64, position: u32, len: usize) -> Option<(usize, u64, u32)> {
    if len == 0 {
        return None;
    }
    let (seed, position) = if position as usize >= len {
        (crate::quiz::rules::seed(seed, 0xDA17, len as u64), 0)
    } else {
        (seed, position)
    };
    let order = crate::quiz::rules::permutation(seed, len);
    let index = *order.get(position as usize)?;
    Some((index, seed, position + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Tz {
        parse_zone(name).expect("a zone")
    }

    fn unix(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> u64 {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("a date")
            .and_utc()
            .timestamp() as u64
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("9:05"), Some(545));
        assert_eq!(parse_time("２３：５９"), Some(1439));
        assert_eq!(parse_time("7時30分"), Some(450));
        assert_eq!(parse_time("7時"), Some(420));
        for bad in ["", "24:00", "12:60", "noon", "1:2:3", "-1:00", "１２３:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(format_time(545), "09:05");
    }

    #[test]
    fn zones_are_iana_names() {
        assert!(parse_zone("Asia/Tokyo").is_some());
        assert!(parse_zone("asia/tokyo").is_some());
        assert!(parse_zone("UTC").is_some());
        assert!(parse_zone("JST+9").is_none());
        assert!(parse_zone("").is_none());
    }

    #[test]
    fn midnight_in_japan_is_a_new_local_day() {
        let tokyo = zone("Asia/Tokyo");
        // 2026-11-30 14:59 UTC is 23:59 in Tokyo; a minute later it is December 1st.
        let before = unix(2026, 11, 30, 14, 59);
        assert_eq!(date_key(local_date(before, tokyo)), "2026-11-30");
        assert_eq!(date_key(local_date(before + 60, tokyo)), "2026-12-01");
        // A post at 00:00 Tokyo time is due at 15:00 UTC the day before.
        assert_eq!(
            due(before, 0, tokyo, true),
            Due::At(unix(2026, 11, 30, 15, 0))
        );
    }

    #[test]
    fn daylight_saving_gaps_move_forward_and_repeats_take_the_first() {
        let berlin = zone("Europe/Berlin");
        // 2026-03-29: 02:00–03:00 does not exist in Berlin.
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29).expect("date");
        assert_eq!(
            instant_of(gap, 2 * 60 + 30, berlin),
            unix(2026, 3, 29, 1, 0)
        );
        // 2026-10-25: 02:30 happens twice; the first is 00:30 UTC.
        let repeat = NaiveDate::from_ymd_opt(2026, 10, 25).expect("date");
        assert_eq!(
            instant_of(repeat, 2 * 60 + 30, berlin),
            unix(2026, 10, 25, 0, 30)
        );
        // Summer and winter: 09:00 Berlin is 07:00 then 08:00 UTC.
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let winter = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(instant_of(summer, 540, berlin), unix(2026, 7, 1, 7, 0));
        assert_eq!(instant_of(winter, 540, berlin), unix(2026, 12, 1, 8, 0));
    }

    #[test]
    fn a_missed_time_posts_late_the_same_day_but_never_for_past_days() {
        let tokyo = zone("Asia/Tokyo");
        let nine = unix(2026, 11, 30, 0, 0); // 09:00 JST
        assert_eq!(
            due(nine, 540, tokyo, false),
            Due::Now {
                date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
                late: false
            }
        );
        // Back at 15:00 JST: once, marked late.
        assert!(matches!(
            due(nine + 6 * 3600, 540, tokyo, false),
            Due::Now { late: true, .. }
        ));
        // Already posted today: tomorrow 09:00, also when today's time is still ahead (the
        // time was changed after today's post).
        assert_eq!(due(nine + 60, 540, tokyo, true), Due::At(nine + 86_400));
        assert_eq!(due(nine - 3600, 540, tokyo, true), Due::At(nine + 86_400));
        // Before the time: wait for it.
        assert_eq!(due(nine - 60, 540, tokyo, false), Due::At(nine));
    }

    #[test]
    fn a_deck_shows_every_fact_once_before_it_restarts() {
        let (mut seed, mut position) = (42, 0);
        let mut seen = Vec::new();
        for _ in 0..10 {
            let (i, s, p) = deck_step(seed, position, 10).expect("a fact");
            seen.push(i);
            (seed, position) = (s, p);
        }
        seen.sort();
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        let (_, s, p) = deck_step(seed, position, 10).expect("a fact");
        assert_ne!(s, seed, "a used-up deck is shuffled again");
        assert_eq!(p, 1);
        assert_eq!(deck_step(1, 0, 0), None);
    }
}
