//! The daily scheduler's minute tick with many servers: what one process spends each
//! minute on servers that have nothing to post (before their time, and after today's post
//! went out), on a SQLite file and, when `SUMMIT_TEST_DATABASE_URL` is set (`source
//! .ci/postgres.sh`), on PostgreSQL.
//!
//! `cargo bench --bench daily` (`DAILY_SERVERS`, default 10,000).

use criterion::Criterion;
use std::sync::Arc;
use std::time::Duration;
use summit_bot::commands::{Bot, Effect, Wake};
use summit_bot::daily;
use summit_bot::ids::{ChannelId, GuildId, MessageId};
use summit_bot::knowledge::Knowledge;
use summit_bot::store::{DailyPost, DailySettings, PostgresStore, SqliteStore, Store};

/// 2026-11-30 00:00 JST (2026-11-29T15:00:00Z).
const MIDNIGHT_JST: u64 = 1_795_964_400;
const HOUR: u64 = 3_600;

fn servers() -> u64 {
    std::env::var("DAILY_SERVERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// The local date in Japan of [`MIDNIGHT_JST`], as the scheduler keys it.
fn today() -> String {
    let tz = daily::parse_zone("Asia/Tokyo").expect("a zone");
    daily::date_key(daily::local_date(MIDNIGHT_JST, tz))
}

/// `n` servers posting at 09:00 in Japan, set up yesterday; with `sent`, today's post of
/// each already went out.
fn fill(store: &dyn Store, n: u64, sent: bool) {
    for g in 1..=n {
        let guild = GuildId(g << 22);
        store
            .set_daily(&DailySettings {
                guild,
                channel: ChannelId(g),
                minute_of_day: 9 * 60,
                timezone: "Asia/Tokyo".into(),
                enabled: true,
                deck_seed: g,
                position: 0,
                active_from: MIDNIGHT_JST - 86_400,
                last_error: None,
            })
            .expect("settings stored");
        if sent {
            let post = DailyPost {
                guild,
                date: today(),
                channel: ChannelId(g),
                fact: "fact-01".into(),
                claimed_at: MIDNIGHT_JST + 9 * HOUR,
                message: None,
                sent_at: None,
                late: false,
            };
            store.claim_daily(&post, None).expect("claimed");
            store
                .mark_daily_sent(guild, &post.date, MessageId(g), post.claimed_at + 1)
                .expect("sent");
        }
    }
}

fn tick_nothing_due(c: &mut Criterion, label: &str, bot: &Bot, now: u64) {
    assert_eq!(today(), "2026-11-30");
    // Nothing is due: the tick only asks to be woken next minute.
    let effects = bot.wake(Wake::DailyTick, now);
    assert!(
        matches!(effects.as_slice(), [Effect::WakeAt { .. }]),
        "{effects:#?}"
    );
    c.bench_function(label, |b| b.iter(|| bot.wake(Wake::DailyTick, now)));
}

fn main() {
    let n = servers();
    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();
    let knowledge = || Knowledge::embedded().expect("dataset loads");
    let dir = tempfile::tempdir().expect("a temp dir");

    let before: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("before.sqlite3")).expect("opens"));
    fill(before.as_ref(), n, false);
    let bot = Bot::with_store(knowledge(), before);
    tick_nothing_due(
        &mut c,
        &format!("tick/sqlite/{n} servers before their time"),
        &bot,
        MIDNIGHT_JST + 8 * HOUR,
    );

    let after: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("after.sqlite3")).expect("opens"));
    fill(after.as_ref(), n, true);
    let bot = Bot::with_store(knowledge(), after);
    tick_nothing_due(
        &mut c,
        &format!("tick/sqlite/{n} servers after today's post"),
        &bot,
        MIDNIGHT_JST + 12 * HOUR,
    );

    if let Some(url) = std::env::var("SUMMIT_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        let schema = format!("bench_daily_{}", std::process::id());
        let pg: Arc<dyn Store> =
            Arc::new(PostgresStore::connect_in(&url, Some(&schema)).expect("postgres connects"));
        fill(pg.as_ref(), n, true);
        let bot = Bot::with_store(knowledge(), pg);
        tick_nothing_due(
            &mut c,
            &format!("tick/postgres/{n} servers after today's post"),
            &bot,
            MIDNIGHT_JST + 12 * HOUR,
        );
    } else {
        eprintln!("PostgreSQL skipped: SUMMIT_TEST_DATABASE_URL is not set");
    }
    c.final_summary();
}
