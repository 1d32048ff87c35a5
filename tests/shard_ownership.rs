//! Which process handles which server, in the core (no Discord, no clock): a process that
//! runs shards `a-b` of `n` recovers, ticks and posts only for the servers of those shards
//! (`(guild_id >> 22) % n`; direct messages are shard 0's), and two processes that both
//! think they own a server (overlapping ranges, briefly) still claim its post once.
//! Runs on a SQLite file and, with `SUMMIT_TEST_DATABASE_URL`, on PostgreSQL.

#[path = "support/test_postgres.rs"]
mod test_postgres;

use std::sync::Arc;
use summit_bot::commands::{Bot, Effect, PostTag, Wake};
use summit_bot::config::ShardRange;
use summit_bot::ids::{ChannelId, GuildId, UserId};
use summit_bot::knowledge::Source;
use summit_bot::store::{
    DailyPost, DailySettings, NewQuiz, PostgresStore, QuizMode, QuizState, SqliteStore, Store,
};

/// 2026-11-26 09:00 in Tokyo.
const NOW: u64 = 1_795_651_200;
const COUNT: u32 = 4;

/// A server on `shard` of [`COUNT`].
fn guild_on(shard: u32, n: u64) -> GuildId {
    GuildId(((1_000_000_000 + u64::from(COUNT) * n + u64::from(shard)) << 22) + 5)
}

fn range(first: u32, last: u32) -> ShardRange {
    ShardRange {
        first,
        last,
        total: COUNT,
    }
}

/// Two "processes" (bots) on one database: each opens its own store.
/// A database's name, how to open a store on it, and what keeps it alive.
type Database = (
    &'static str,
    Box<dyn Fn() -> Arc<dyn Store>>,
    Option<tempfile::TempDir>,
);

fn databases() -> Vec<Database> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shards.sqlite3");
    let mut all: Vec<Database> = vec![(
        "sqlite",
        Box::new(move || Arc::new(SqliteStore::open(&path).expect("sqlite")) as Arc<dyn Store>),
        Some(dir),
    )];
    if let Some(url) = test_postgres::url("shard ownership on PostgreSQL") {
        let schema = test_postgres::fresh_schema("owners");
        all.push((
            "postgres",
            Box::new(move || {
                Arc::new(PostgresStore::connect_in(&url, Some(&schema)).expect("postgres"))
                    as Arc<dyn Store>
            }),
            None,
        ));
    }
    all
}

fn bot(store: Arc<dyn Store>, shards: Option<ShardRange>) -> Bot {
    let bot = summit_bot::check::load(&Source::Embedded, store).expect("the real dataset");
    if let Some(r) = shards {
        bot.run_shards(r);
    }
    bot
}

/// The servers whose daily post a tick sends.
fn daily_posts(effects: &[Effect]) -> Vec<GuildId> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Post {
                tag: Some(PostTag::Daily { guild, .. }),
                ..
            } => Some(*guild),
            _ => None,
        })
        .collect()
}

fn due_now(store: &dyn Store, guild: GuildId) {
    store
        .set_daily(&DailySettings {
            guild,
            channel: ChannelId(guild.0 + 1),
            minute_of_day: 9 * 60,
            timezone: "Asia/Tokyo".into(),
            enabled: true,
            deck_seed: 3,
            position: 0,
            active_from: NOW - 3600,
            last_error: None,
        })
        .expect("settings");
}

#[test]
fn the_shard_of_a_server_is_discords_formula() {
    assert_eq!(GuildId(0).shard(4), 0);
    assert_eq!(GuildId(5 << 22).shard(4), 1);
    assert_eq!(GuildId(u64::MAX).shard(16), ((u64::MAX >> 22) % 16) as u32);
    // A snowflake-sized id: (id >> 22) % 16 = 2 (worked out apart from this code).
    assert_eq!(GuildId(197_038_439_483_310_086).shard(16), 2);
    for s in 0..COUNT {
        assert_eq!(guild_on(s, 7).shard(COUNT), s);
    }
}

#[test]
fn a_process_ticks_and_recovers_only_the_servers_of_its_shards() {
    for (name, open, _dir) in databases() {
        let store = open();
        let servers: Vec<GuildId> = (0..COUNT).map(|s| guild_on(s, 1)).collect();
        for g in &servers {
            due_now(store.as_ref(), *g);
        }
        // Open quizzes: one per shard, and one in a DM (shard 0's).
        let mut quizzes = Vec::new();
        for (i, guild) in servers.iter().map(|g| Some(*g)).chain([None]).enumerate() {
            let id = store
                .create_quiz(&NewQuiz {
                    guild,
                    channel: ChannelId(9_000 + i as u64),
                    starter: UserId(42),
                    mode: QuizMode::Group,
                    topic: "all".into(),
                    seconds: 20,
                    seed: 1,
                    created_at: NOW - 60,
                    questions: vec![],
                })
                .expect("create")
                .expect("created");
            quizzes.push((guild, id));
        }

        // Shards 2-3: their servers' posts, their quizzes closed; nothing else touched.
        let upper = bot(open(), Some(range(2, 3)));
        assert!(upper.owns(Some(servers[2])) && upper.owns(Some(servers[3])));
        assert!(!upper.owns(Some(servers[0])) && !upper.owns(None), "{name}");
        let effects = upper.wake(Wake::DailyTick, NOW);
        assert_eq!(daily_posts(&effects), servers[2..].to_vec(), "{name}");
        upper.recover(NOW);
        for (guild, id) in &quizzes {
            let state = store.quiz(*id).expect("quiz").expect("kept").state;
            let mine = guild.is_some_and(|g| g.shard(COUNT) >= 2);
            let want = if mine {
                QuizState::Interrupted
            } else {
                QuizState::Open
            };
            assert_eq!(state, want, "{name}: quiz in {guild:?}");
        }
        assert_eq!(
            store.daily_post(servers[0], "2026-11-26").expect("post"),
            None,
            "{name}: another process's server is not claimed"
        );

        // Shards 0-1 (with the DMs) then post theirs and close theirs.
        let lower = bot(open(), Some(range(0, 1)));
        let effects = lower.wake(Wake::DailyTick, NOW);
        assert_eq!(daily_posts(&effects), servers[..2].to_vec(), "{name}");
        lower.recover(NOW);
        assert!(store.open_quizzes().expect("open").is_empty(), "{name}");

        // A process without SHARDS owns everything (one process, the default).
        let all = bot(open(), None);
        assert!(servers.iter().all(|g| all.owns(Some(*g))) && all.owns(None));
    }
}

#[test]
fn two_processes_that_both_think_they_own_a_server_post_it_once() {
    for (name, open, _dir) in databases() {
        let store = open();
        let servers: Vec<GuildId> = (0..20).map(|n| guild_on(1, n)).collect();
        for g in &servers {
            due_now(store.as_ref(), *g);
        }
        // A range change half done: both processes run shard 1 for a moment.
        let (a, b) = (
            Arc::new(bot(open(), Some(range(0, 1)))),
            Arc::new(bot(open(), Some(range(1, 3)))),
        );
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let tick = |bot: Arc<Bot>, barrier: Arc<std::sync::Barrier>| {
            std::thread::spawn(move || {
                barrier.wait();
                daily_posts(&bot.wake(Wake::DailyTick, NOW))
            })
        };
        let ta = tick(Arc::clone(&a), Arc::clone(&barrier));
        let tb = tick(Arc::clone(&b), barrier);
        let (pa, pb) = (ta.join().expect("no panic"), tb.join().expect("no panic"));
        assert_eq!(pa.len() + pb.len(), servers.len(), "{name}: {pa:?} {pb:?}");
        assert!(pa.iter().all(|g| !pb.contains(g)), "{name}: a post twice");
        // The next minute's ticks send nothing again.
        assert!(daily_posts(&a.wake(Wake::DailyTick, NOW + 60)).is_empty());
        assert!(daily_posts(&b.wake(Wake::DailyTick, NOW + 60)).is_empty());
    }
}

#[test]
fn of_two_processes_starting_on_one_range_only_one_settles_a_post_left_in_flight() {
    for (name, open, _dir) in databases() {
        let store = open();
        let guild = guild_on(2, 9);
        due_now(store.as_ref(), guild);
        // Claimed by a process that was then killed, never marked sent.
        let claimed = DailyPost {
            guild,
            date: "2026-11-26".into(),
            channel: ChannelId(guild.0 + 1),
            fact: bot(open(), None)
                .knowledge
                .facts
                .first()
                .expect("a fact")
                .id
                .clone(),
            claimed_at: NOW - 30,
            message: None,
            sent_at: None,
            late: false,
        };
        assert!(store.claim_daily(&claimed, None).expect("claim"));
        let settles = |effects: &[Effect]| {
            effects
                .iter()
                .filter(|e| matches!(e, Effect::PostOnce { .. }))
                .count()
        };
        let (a, b) = (
            Arc::new(bot(open(), Some(range(2, 3)))),
            Arc::new(bot(open(), Some(range(2, 2)))),
        );
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let recover = |bot: Arc<Bot>, barrier: Arc<std::sync::Barrier>| {
            std::thread::spawn(move || {
                barrier.wait();
                bot.recover(NOW)
            })
        };
        let ra = recover(Arc::clone(&a), Arc::clone(&barrier));
        let rb = recover(Arc::clone(&b), barrier);
        let (ea, eb) = (ra.join().expect("no panic"), rb.join().expect("no panic"));
        assert_eq!(settles(&ea) + settles(&eb), 1, "{name}: {ea:?} {eb:?}");
        // The claim moved on: the process that made it would now give way.
        let tag = PostTag::Daily {
            guild,
            date: "2026-11-26".into(),
            claim: NOW - 30,
        };
        assert!(!a.still_claimed(&tag), "{name}");
        let moved = store
            .daily_post(guild, "2026-11-26")
            .expect("post")
            .expect("kept");
        assert!(moved.claimed_at > NOW - 30, "{name}: {moved:?}");
        assert!(moved.sent_at.is_none());
    }
}

/// A process that takes a post over in the same second as the one it takes it from (which
/// had itself just taken it over at start) still makes that one give way: claim times only
/// grow, so the first process's retry never sends what the second now sends.
#[test]
fn a_takeover_in_the_same_second_still_makes_the_other_process_give_way() {
    for (name, open, _dir) in databases() {
        let store = open();
        let guild = guild_on(2, 11);
        due_now(store.as_ref(), guild);
        let fact = bot(open(), None)
            .knowledge
            .facts
            .first()
            .expect("a fact")
            .id
            .clone();
        let claimed = DailyPost {
            guild,
            date: "2026-11-26".into(),
            channel: ChannelId(guild.0 + 1),
            fact,
            claimed_at: NOW - 30,
            message: None,
            sent_at: None,
            late: false,
        };
        assert!(store.claim_daily(&claimed, None).expect("claim"));
        let claim_of = |effects: &[Effect]| {
            effects.iter().find_map(|e| match e {
                Effect::PostOnce {
                    tag: PostTag::Daily { claim, .. },
                    ..
                } => Some(*claim),
                _ => None,
            })
        };
        // B2 starts and takes the post over; B3 starts a second later (its clock one
        // second on, so it does not wait for B2's claim to age) and takes it from B2.
        let b2 = bot(open(), Some(range(2, 2)));
        let b3 = bot(open(), Some(range(2, 2)));
        let mine = claim_of(&b2.recover(NOW)).expect("B2 settles the post");
        let theirs = claim_of(&b3.recover(NOW + 1)).expect("B3 takes it over");
        assert!(theirs > mine, "{name}: {mine} {theirs}");
        let tag = |claim| PostTag::Daily {
            guild,
            date: "2026-11-26".into(),
            claim,
        };
        assert!(!b2.still_claimed(&tag(mine)), "{name}: B2 gives way");
        assert!(b3.still_claimed(&tag(theirs)), "{name}: B3 sends it");
    }
}
