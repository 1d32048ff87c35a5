//! `/daily` (毎日): one summit fact posted in a server's channel exactly once a local day.
//!
//! Exactly once: a post is claimed in the store (unique per server and local date) before
//! it is sent and marked sent after. On start, a claim never marked sent is settled by
//! looking the message up in the channel, and sent only when it is not there. One minute
//! tick (started once per process) finds the servers that are due.

use super::{
    fact, render, Args, Bot, CommandError, CommandResult, CommandSpec, Effect, Invocation,
    OptionKind, OptionSpec, PostTag, Response, SubcommandSpec, Wake,
};
use crate::daily::{self as schedule, Due};
use crate::ids::GuildId;
use crate::knowledge::{DailyText, Fact, UiText};
use crate::reply::{Embed, Reply};
use crate::store::{DailyPost, DailySettings, DeckPlace, StoreError};

pub const SPEC: CommandSpec = CommandSpec {
    name: "daily",
    options: &[],
    subcommands: &[
        SubcommandSpec {
            name: "set",
            options: &[
                OptionSpec {
                    name: "channel",
                    kind: OptionKind::Channel,
                    required: true,
                    offer: super::Offer::Free,
                    lookup: &[],
                    max_chars: 40,
                },
                OptionSpec {
                    name: "time",
                    kind: OptionKind::String,
                    required: true,
                    offer: super::Offer::Free,
                    lookup: &[],
                    max_chars: 10,
                },
                OptionSpec {
                    name: "timezone",
                    kind: OptionKind::String,
                    required: false,
                    offer: super::Offer::Free,
                    lookup: &[],
                    max_chars: 64,
                },
            ],
        },
        SubcommandSpec {
            name: "off",
            options: &[],
        },
        SubcommandSpec {
            name: "status",
            options: &[],
        },
        SubcommandSpec {
            name: "preview",
            options: &[],
        },
    ],
    admin: true,
    stateful: true,
    run,
};

/// Permission bits the bot needs in the channel, with their names in `responses/`.
const VIEW_CHANNEL: u64 = 0x400;
const SEND_MESSAGES: u64 = 0x800;
const EMBED_LINKS: u64 = 0x4000;

fn t(bot: &Bot) -> &DailyText {
    &bot.knowledge.daily_ui
}

fn user(text: impl Into<String>) -> CommandError {
    CommandError::User(text.into())
}

fn guild(inv: &Invocation, bot: &Bot) -> Result<GuildId, CommandError> {
    inv.guild_id
        .ok_or_else(|| user(bot.ui().guild_only.clone()))
}

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> CommandResult {
    let guild = guild(inv, bot)?;
    match args.subcommand {
        Some("set") => set(bot, inv, guild, args),
        Some("off") => {
            bot.store.disable_daily(guild, None)?;
            Ok(Response::Message(Reply::ephemeral_text(t(bot).off.clone())).into())
        }
        Some("status") => status(bot, inv, guild),
        Some("preview") => preview(bot, guild),
        _ => Err(CommandError::Internal("daily without a subcommand".into())),
    }
}

fn set(bot: &Bot, inv: &Invocation, guild: GuildId, args: &Args) -> CommandResult {
    let d = t(bot);
    let channel = args
        .channel("channel")
        .ok_or_else(|| CommandError::Internal("channel option missing".into()))?;
    let time_text = args.get("time").unwrap_or_default();
    let Some(minute) = schedule::parse_time(time_text) else {
        return Err(user(UiText::fill(
            &d.bad_time,
            &[("value", &super::echo(time_text))],
        )));
    };
    let zone_text = args.get("timezone").unwrap_or(schedule::DEFAULT_ZONE);
    let Some(zone) = schedule::parse_zone(zone_text) else {
        return Err(user(UiText::fill(
            &d.bad_zone,
            &[("value", &super::echo(zone_text))],
        )));
    };
    // The bot's own permissions in the channel, as the front-end found them out (for the
    // channel the command was used in, Discord sends them with the interaction).
    let sent_by_discord = (channel == inv.channel_id)
        .then_some(inv.app_permissions)
        .flatten();
    let known = sent_by_discord.or_else(|| {
        inv.channel_permissions
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, p)| *p)
    });
    if let Some(perms) = known {
        let missing: Vec<&str> = [
            (VIEW_CHANNEL, d.perm_view.as_str()),
            (SEND_MESSAGES, d.perm_send.as_str()),
            (EMBED_LINKS, d.perm_embed.as_str()),
        ]
        .into_iter()
        .filter(|(bit, _)| perms & bit == 0)
        .map(|(_, name)| name)
        .collect();
        if !missing.is_empty() {
            return Err(user(UiText::fill(
                &d.missing_permission,
                &[("permissions", &missing.join(&bot.ui().list_separator))],
            )));
        }
    }
    let previous = bot.store.daily(guild)?;
    let settings = DailySettings {
        guild,
        channel,
        minute_of_day: minute,
        timezone: zone.name().to_string(),
        enabled: true,
        deck_seed: previous.as_ref().map_or_else(
            || crate::quiz::rules::seed(inv.now, guild.get(), 0xDA11),
            |p| p.deck_seed,
        ),
        position: previous.as_ref().map_or(0, |p| p.position),
        active_from: inv.now,
        last_error: None,
    };
    bot.store.set_daily(&settings)?;
    let next = next_post(bot, &settings, inv.now)?;
    let text = UiText::fill(
        &d.set_done,
        &[
            ("channel", &format!("<#{channel}>")),
            ("time", &schedule::format_time(minute)),
            ("zone", zone.name()),
            ("next", &next.to_string()),
        ],
    );
    Ok(Response::Message(Reply::ephemeral_text(text)).into())
}

/// The unix second of a server's next post.
fn next_post(bot: &Bot, s: &DailySettings, now: u64) -> Result<u64, StoreError> {
    let Some(zone) = schedule::parse_zone(&s.timezone) else {
        return Ok(0);
    };
    let today = schedule::date_key(schedule::local_date(now, zone));
    let posted = bot.store.daily_post(s.guild, &today)?.is_some();
    Ok(
        match schedule::due(now, s.minute_of_day, zone, posted || !active(s, now, zone)) {
            Due::Now { .. } => now,
            Due::At(at) => at,
        },
    )
}

/// Today's post counts only if the setting existed at today's time (setting 09:00 at
/// 10:00 starts tomorrow, and never posts at once).
fn active(s: &DailySettings, now: u64, zone: chrono_tz::Tz) -> bool {
    let today = schedule::local_date(now, zone);
    schedule::instant_of(today, s.minute_of_day, zone) >= s.active_from
}

fn status(bot: &Bot, inv: &Invocation, guild: GuildId) -> CommandResult {
    let d = t(bot);
    let Some(s) = bot.store.daily(guild)? else {
        return Err(user(d.not_set.clone()));
    };
    let facts = bot.knowledge.facts.len();
    let left = facts.saturating_sub(s.position as usize);
    let mut embed = Embed::new(d.status_title.clone(), String::new())
        .field(d.status_channel.clone(), format!("<#{}>", s.channel), true)
        .field(
            d.status_time.clone(),
            UiText::fill(
                &d.status_time_value,
                &[
                    ("time", &schedule::format_time(s.minute_of_day)),
                    ("zone", &s.timezone),
                ],
            ),
            true,
        );
    embed = if s.enabled {
        let next = next_post(bot, &s, inv.now)?;
        embed.field(
            d.status_next.clone(),
            UiText::fill(&d.status_next_value, &[("next", &next.to_string())]),
            false,
        )
    } else {
        embed.field(d.status_next.clone(), d.status_off.clone(), false)
    };
    embed = embed.field(
        d.status_deck.clone(),
        UiText::fill(
            &d.status_deck_value,
            &[("left", &left.to_string()), ("total", &facts.to_string())],
        ),
        false,
    );
    let last = match bot.store.last_daily_post(guild)? {
        Some(p) => UiText::fill(
            if p.sent_at.is_none() {
                &d.status_last_unsent
            } else if p.late {
                &d.status_last_late
            } else {
                &d.status_last_value
            },
            &[("date", &p.date)],
        ),
        None => d.status_never.clone(),
    };
    embed = embed.field(d.status_last.clone(), last, false);
    if let Some(e) = &s.last_error {
        embed = embed.field(d.status_error.clone(), e.clone(), false);
    }
    let mut reply = Reply::embed(embed);
    reply.ephemeral = true;
    Ok(Response::Message(reply).into())
}

/// The next fact of a server's deck (without using it up).
fn next_fact<'b>(bot: &'b Bot, s: &DailySettings) -> Option<(&'b Fact, u64, u32)> {
    let facts = &bot.knowledge.facts;
    let (i, seed, position) = schedule::deck_step(s.deck_seed, s.position, facts.len())?;
    Some((facts.get(i)?, seed, position))
}

fn preview(bot: &Bot, guild: GuildId) -> CommandResult {
    let d = t(bot);
    let Some(s) = bot.store.daily(guild)? else {
        return Err(user(d.not_set.clone()));
    };
    let (fact, _, _) =
        next_fact(bot, &s).ok_or_else(|| CommandError::Internal("no facts".into()))?;
    let mut reply = Reply::embed(fact_embed(bot, fact, None));
    reply.content = Some(d.preview_note.clone());
    reply.ephemeral = true;
    Ok(Response::Message(reply).into())
}

/// The posted embed: the fact, where it comes from, the command that shows more, the
/// as-of date, and (in the footer) the local date it was posted for.
fn fact_embed(bot: &Bot, f: &Fact, date: Option<&str>) -> Embed {
    let d = t(bot);
    let mut embed = fact::fact_embed(bot, f);
    embed.title = d.post_title.clone();
    // The command below names the entry; the plain pointer would say it twice.
    embed
        .fields
        .retain(|field| field.name != bot.ui().label_related);
    if let Some(more) = f
        .related
        .as_deref()
        .and_then(|id| render::more_command(bot, id))
    {
        embed = embed.field(d.more.clone(), more, false);
    }
    if let Some(date) = date {
        let footer = embed.footer.take().unwrap_or_default();
        embed = embed.footer(UiText::fill(
            &d.post_footer,
            &[("marker", &marker(bot, date)), ("footer", &footer)],
        ));
    }
    embed
}

/// What identifies a server's post of a date among the bot's recent messages.
fn marker(bot: &Bot, date: &str) -> String {
    UiText::fill(&t(bot).post_marker, &[("date", date)])
}

/// An unsent claim is tried again (looked up, then sent if absent) after this long.
const RETRY_AFTER_SECS: u64 = 10 * 60;

fn post_of(bot: &Bot, p: &DailyPost) -> Option<Reply> {
    let f = bot.knowledge.facts.iter().find(|f| f.id == p.fact)?;
    Some(Reply::embed(fact_embed(bot, f, Some(&p.date))))
}

/// The minute tick: claims and posts what is due, then asks to be woken next minute. The
/// next tick is asked for whatever happens (a database that cannot be used this minute
/// stops no later post), and one server's failure holds up no other server's post.
pub fn tick(bot: &Bot, now: u64) -> Result<Vec<Effect>, CommandError> {
    let mut effects = Vec::new();
    match bot.store.enabled_dailies() {
        Ok(settings) => {
            // One tick at a time looks at the servers (a second tick chain waits here).
            let mut quiet = bot
                .daily_quiet
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // Servers of other processes' shards are theirs to post (a server both think
            // they own, briefly, is still posted once: the claim is one row per server and
            // date).
            for s in settings.into_iter().filter(|s| bot.owns(Some(s.guild))) {
                let (guild, key) = (s.guild, Quiet::key(&s));
                if quiet.holds(guild, key, now) {
                    continue;
                }
                match tick_one(bot, s, now, &mut effects) {
                    Ok(Some(until)) => quiet.set(guild, key, until),
                    Ok(None) => quiet.clear(guild),
                    Err(e) => {
                        quiet.clear(guild);
                        tracing::error!(guild = %guild, error = %e, "daily tick failed for a server");
                    }
                }
            }
        }
        Err(e) => tracing::error!(error = %e, "daily tick: could not read the settings"),
    }
    effects.push(Effect::WakeAt {
        at: schedule::next_minute(now),
        wake: Wake::DailyTick,
    });
    Ok(effects)
}

/// Servers whose settings have not changed and that have nothing to post before a time
/// (before today's time, or after today's post went out): the minute tick skips them
/// without asking the database, which otherwise costs two queries per server each minute
/// (a PostgreSQL round trip each). Only what the database said is kept here, and only
/// until the time it named or a change of the server's settings; a process that starts
/// asks again.
#[derive(Debug, Default)]
pub struct Quiet(std::collections::HashMap<GuildId, (u64, u64)>);

impl Quiet {
    /// What the quiet time depends on: the channel, time, zone and when they were set.
    fn key(s: &DailySettings) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (s.channel.0, s.minute_of_day, &s.timezone, s.active_from).hash(&mut h);
        h.finish()
    }

    fn holds(&self, guild: GuildId, key: u64, now: u64) -> bool {
        self.0
            .get(&guild)
            .is_some_and(|&(k, until)| k == key && now < until)
    }

    fn set(&mut self, guild: GuildId, key: u64, until: u64) {
        self.0.insert(guild, (key, until));
    }

    fn clear(&mut self, guild: GuildId) {
        self.0.remove(&guild);
    }
}

/// One server's part of the tick: its post claimed and queued when due. Returns the time
/// before which the server certainly has nothing to post, when the database says so.
fn tick_one(
    bot: &Bot,
    s: DailySettings,
    now: u64,
    effects: &mut Vec<Effect>,
) -> Result<Option<u64>, CommandError> {
    let Some(zone) = schedule::parse_zone(&s.timezone) else {
        return Ok(None);
    };
    let today = schedule::date_key(schedule::local_date(now, zone));
    let claimed = bot.store.daily_post(s.guild, &today)?;
    if let Some(p) = &claimed {
        if p.sent_at.is_some() {
            // Today's post went out: nothing before tomorrow's time.
            return Ok(match schedule::due(now, s.minute_of_day, zone, true) {
                Due::At(at) => Some(at),
                Due::Now { .. } => None,
            });
        }
        // Claimed today but never confirmed (Discord failed for longer than the
        // retries): look it up, and send it only if it is not there.
        let stale = now.saturating_sub(RETRY_AFTER_SECS);
        if p.sent_at.is_none() && bot.store.reclaim_daily(s.guild, &today, stale, now)? {
            if let Some(reply) = post_of(bot, p) {
                effects.push(Effect::PostOnce {
                    channel: p.channel,
                    reply,
                    tag: PostTag::Daily {
                        guild: s.guild,
                        date: today.clone(),
                        claim: now,
                    },
                    marker: marker(bot, &today),
                    send_if_missing: true,
                    since: p.claimed_at,
                });
            }
        }
        return Ok(None);
    }
    // A change of zone never posts for a date before the last post's.
    if bot
        .store
        .last_daily_post(s.guild)?
        .is_some_and(|last| last.date > today)
    {
        return Ok(None);
    }
    // Nothing was claimed today (above); a setting made after today's time waits.
    let (date, late) = match schedule::due(now, s.minute_of_day, zone, !active(&s, now, zone)) {
        Due::Now { date, late } => (date, late),
        Due::At(at) => return Ok(Some(at)),
    };
    let Some((f, seed, position)) = next_fact(bot, &s) else {
        return Ok(None);
    };
    let post = DailyPost {
        guild: s.guild,
        date: schedule::date_key(date),
        channel: s.channel,
        fact: f.id.clone(),
        claimed_at: now,
        message: None,
        sent_at: None,
        late,
    };
    // Claimed before it is sent, and the deck moved on in the same transaction: a second
    // process, tick or restart finds the claim.
    if !bot
        .store
        .claim_daily(&post, Some(DeckPlace { seed, position }))?
    {
        return Ok(None);
    }
    if let Some(reply) = post_of(bot, &post) {
        effects.push(Effect::Post {
            channel: s.channel,
            reply,
            tag: Some(PostTag::Daily {
                guild: s.guild,
                date: post.date,
                claim: now,
            }),
        });
    }
    Ok(None)
}

/// Claims never marked sent are taken over, then looked up (or sent once); then the tick
/// starts.
pub fn recover(bot: &Bot, now: u64) -> Vec<Effect> {
    let mut effects = Vec::new();
    match bot.store.unsent_dailies() {
        Ok(posts) => {
            // Another process's claim may be in flight right now: never look it up here.
            for p in posts.into_iter().filter(|p| bot.owns(Some(p.guild))) {
                // Sent again only on its own day; a day that has passed is only looked up.
                let today = bot
                    .store
                    .daily(p.guild)
                    .ok()
                    .flatten()
                    .filter(|s| s.enabled)
                    .and_then(|s| schedule::parse_zone(&s.timezone))
                    .map(|zone| schedule::date_key(schedule::local_date(now, zone)));
                let send_if_missing = today.as_deref() == Some(p.date.as_str());
                // Taken over in one update: the claim time moves past `now`, so that of two
                // processes starting on one range at once only one settles it (the other
                // finds the update done, or sees a claim time ahead of its clock), and the
                // process that claimed it, if it still lives, stops retrying it.
                if p.claimed_at > now {
                    tracing::info!(guild = %p.guild, date = %p.date, "a daily post claimed before a restart is being settled elsewhere");
                    continue;
                }
                // Always later than the claim it replaces (two takeovers in one second
                // still differ), so the process it was taken from sees the change.
                let claim = now.max(p.claimed_at) + 1;
                match bot
                    .store
                    .reclaim_daily(p.guild, &p.date, p.claimed_at, claim)
                {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::info!(guild = %p.guild, date = %p.date, "a daily post claimed before a restart is being settled elsewhere");
                        continue;
                    }
                    Err(e) => {
                        tracing::error!(error = %e, guild = %p.guild, "could not take over a daily post; the tick retries it later");
                        continue;
                    }
                }
                if let Some(reply) = post_of(bot, &p) {
                    tracing::info!(guild = %p.guild, date = %p.date, send_if_missing, "settling a daily post claimed before a restart");
                    effects.push(Effect::PostOnce {
                        channel: p.channel,
                        reply,
                        marker: marker(bot, &p.date),
                        tag: PostTag::Daily {
                            guild: p.guild,
                            date: p.date,
                            claim,
                        },
                        send_if_missing,
                        since: p.claimed_at,
                    });
                }
            }
        }
        Err(e) => tracing::error!(error = %e, "could not read unsent daily posts"),
    }
    effects.push(Effect::WakeAt {
        at: now,
        wake: Wake::DailyTick,
    });
    effects
}

/// Discord refused the channel (403 or 404): posts stop, and `/daily status` says why.
pub fn refused(bot: &Bot, guild: GuildId, date: &str, status: u16) {
    let d = t(bot);
    let reason = if status == 404 {
        d.error_no_channel.clone()
    } else {
        UiText::fill(
            &d.error_forbidden,
            &[(
                "permissions",
                &[
                    d.perm_view.as_str(),
                    d.perm_send.as_str(),
                    d.perm_embed.as_str(),
                ]
                .join(&bot.ui().list_separator),
            )],
        )
    };
    tracing::warn!(guild = %guild, status, "daily post refused; posts stopped for this server");
    let done = bot
        .store
        .disable_daily(guild, Some(&reason))
        .and_then(|()| release(bot, guild, date));
    if let Err(e) = done {
        tracing::error!(error = %e, "could not record a refused daily post");
    }
}

/// Forgets a claimed post that certainly did not go out. When its fact is the one the
/// deck last moved past, the deck moves back to it (in the same transaction, and only if
/// no other claim moved the deck meanwhile), so the fact nobody saw is posted next
/// instead of being skipped.
pub fn release(bot: &Bot, guild: GuildId, date: &str) -> Result<(), StoreError> {
    let rewind = match (bot.store.daily_post(guild, date)?, bot.store.daily(guild)?) {
        (Some(post), Some(s)) if post.sent_at.is_none() && s.position > 0 => {
            let facts = &bot.knowledge.facts;
            schedule::deck_step(s.deck_seed, s.position - 1, facts.len())
                .filter(|(i, seed, _)| {
                    *seed == s.deck_seed && facts.get(*i).is_some_and(|f| f.id == post.fact)
                })
                .map(|_| DeckPlace {
                    seed: s.deck_seed,
                    position: s.position,
                })
        }
        _ => None,
    };
    bot.store.release_daily(guild, date, rewind)
}

/// Discord failed the post through every retry (its own trouble, or no connection): the
/// claim stays and the tick tries again later; `/daily status` says what happened.
pub fn failed(bot: &Bot, guild: GuildId, date: &str, status: Option<u16>) {
    let d = t(bot);
    let status = status.map_or(d.error_no_answer.clone(), |s| format!("HTTP {s}"));
    let reason = UiText::fill(&d.error_failed, &[("date", date), ("status", &status)]);
    tracing::warn!(guild = %guild, date, %status, "daily post failed after its retries; retried later");
    if let Err(e) = bot.store.note_daily_error(guild, Some(&reason)) {
        tracing::error!(error = %e, "could not record a failed daily post");
    }
}

/// Problems of the daily texts and of every fact as posted (for whole-bot validation).
pub fn render_problems(bot: &Bot) -> Vec<String> {
    bot.knowledge
        .facts
        .iter()
        .flat_map(|f| {
            Reply::embed(fact_embed(bot, f, Some("2026-12-31")))
                .violations()
                .into_iter()
                .map(move |v| format!("{}: {v}", f.id))
        })
        .collect()
}
