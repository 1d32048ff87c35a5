//! Interactions in, the shared [`dispatch`] in the middle, responses out.

use super::{convert, register};
use crate::commands::{
    answers_quiz, dispatch, surely_writes, touches_store, Action, Bot, Invocation, Outcome,
    Response,
};
use crate::config::Config;
use crate::ids;
use crate::reply::Reply;
use crate::runtime::{Clock, Effects, Messenger, SendError};
use serenity::all::{
    Channel, ChannelId, CommandDataOption, CommandDataOptionValue, CommandInteraction,
    ComponentInteraction, Context, CreateInteractionResponse, CreateInteractionResponseMessage,
    EventHandler, GetMessages, GuildId, Http, Interaction, InteractionId, Member, MessageId, Ready,
    ResumedEvent, User, UserId,
};
use serenity::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub struct Handler {
    pub bot: Arc<Bot>,
    pub config: Config,
    /// Commands are registered once per start, not on every shard's READY.
    pub registered: AtomicBool,
    /// The one effect runner (posts, edits, timers), started once however often READY comes
    /// (shared with [`super::run_until`], which stops it cleanly).
    effects: Arc<OnceLock<Effects>>,
    /// The bot's own user id, once READY has said it.
    me: Arc<OnceLock<u64>>,
    /// Whether the start's recovery (closing what a previous run left open) is done: the
    /// store's work for interactions waits for it, so recovery never takes a quiz started
    /// in this run for one left by the last.
    recovered: Arc<tokio::sync::watch::Sender<bool>>,
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Posts and edits through Discord's HTTP API; nothing it sends can ping.
pub struct DiscordMessenger {
    pub http: Arc<Http>,
    /// The bot's own user id (from READY): only its own messages count in a look-up.
    pub me: Arc<OnceLock<u64>>,
}

/// Discord's HTTP status of a serenity error, when it has one.
fn send_error_status(e: &serenity::Error) -> Option<u16> {
    match e {
        serenity::Error::Http(h) => h.status_code().map(|s| s.as_u16()),
        _ => None,
    }
}

/// A serenity error with Discord's HTTP status when it has one.
fn send_error(e: serenity::Error) -> SendError {
    SendError::new(send_error_status(&e), e.to_string())
}

/// Discord takes a first answer to an interaction within three seconds of it.
const CALLBACK_WINDOW: Duration = Duration::from_millis(3000);
/// The wait before a rate-limited first answer is sent again (serenity keeps Discord's
/// `retry_after` to itself, and the window leaves no room for a longer one).
const CALLBACK_RETRY: Duration = Duration::from_millis(500);

#[async_trait]
impl Messenger for DiscordMessenger {
    async fn post(
        &self,
        channel: ids::ChannelId,
        reply: &Reply,
    ) -> Result<ids::MessageId, SendError> {
        ChannelId::new(channel.get().max(1))
            .send_message(&self.http, convert::create_message(reply))
            .await
            .map(|m| ids::MessageId(m.id.get()))
            .map_err(send_error)
    }

    async fn edit(
        &self,
        channel: ids::ChannelId,
        message: ids::MessageId,
        reply: &Reply,
    ) -> Result<(), SendError> {
        ChannelId::new(channel.get().max(1))
            .edit_message(
                &self.http,
                MessageId::new(message.get().max(1)),
                convert::edit_message(reply),
            )
            .await
            .map(drop)
            .map_err(send_error)
    }

    async fn find_recent(
        &self,
        channel: ids::ChannelId,
        marker: &str,
        since: u64,
    ) -> Result<Option<ids::MessageId>, SendError> {
        // Messages after a snowflake made from the claim time (a minute earlier, for clock
        // skew), oldest pages first; a channel busier than the pages read is "not sure".
        let mut after = snowflake_at(since.saturating_sub(60));
        for _ in 0..LOOKUP_PAGES {
            let page = ChannelId::new(channel.get().max(1))
                .messages(
                    &self.http,
                    GetMessages::new().after(MessageId::new(after)).limit(100),
                )
                .await
                .map_err(send_error)?;
            let found = page.iter().find(|m| {
                let mine = match self.me.get() {
                    Some(me) => m.author.id.get() == *me,
                    None => m.author.bot,
                };
                mine && m
                    .embeds
                    .iter()
                    .any(|e| e.footer.as_ref().is_some_and(|f| f.text.contains(marker)))
            });
            if let Some(m) = found {
                return Ok(Some(ids::MessageId(m.id.get())));
            }
            if page.len() < 100 {
                return Ok(None);
            }
            after = page.iter().map(|m| m.id.get()).max().unwrap_or(after);
        }
        Err(SendError::new(
            None,
            "too many messages since the claim to be sure",
        ))
    }
}

/// Pages of 100 messages a look-up reads at most.
const LOOKUP_PAGES: usize = 10;

/// The smallest Discord snowflake of a unix second (Discord's epoch is 2015-01-01).
fn snowflake_at(unix: u64) -> u64 {
    const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
    ((unix * 1000).saturating_sub(DISCORD_EPOCH_MS) << 22).max(1)
}

fn permissions(member: Option<&Member>) -> Option<u64> {
    member.and_then(|m| m.permissions).map(|p| p.bits())
}

/// An option's value as the text dispatch reads.
fn value_text(value: &CommandDataOptionValue) -> Option<String> {
    Some(match value {
        CommandDataOptionValue::String(s) => s.clone(),
        CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
        CommandDataOptionValue::Integer(i) => i.to_string(),
        CommandDataOptionValue::Number(n) => n.to_string(),
        CommandDataOptionValue::Boolean(b) => b.to_string(),
        CommandDataOptionValue::User(id) => id.get().to_string(),
        CommandDataOptionValue::Channel(id) => id.get().to_string(),
        CommandDataOptionValue::Role(id) => id.get().to_string(),
        _ => return None,
    })
}

/// The subcommand (if any) and the plain options of a command.
fn options(data: &[CommandDataOption]) -> (Option<String>, Vec<(String, String)>) {
    for o in data {
        match &o.value {
            CommandDataOptionValue::SubCommand(inner) => {
                return (Some(o.name.clone()), options(inner).1);
            }
            CommandDataOptionValue::SubCommandGroup(inner) => return options(inner),
            _ => {}
        }
    }
    let plain = data
        .iter()
        .filter_map(|o| value_text(&o.value).map(|v| (o.name.clone(), v)))
        .collect();
    (None, plain)
}

/// Who acted, where, with which permissions, now.
fn invocation(
    user: &User,
    guild: Option<GuildId>,
    channel: ChannelId,
    member: Option<&Member>,
    app_permissions: Option<u64>,
    action: Action,
) -> Invocation {
    Invocation {
        channel_permissions: Vec::new(),
        user_id: ids::UserId(user.id.get()),
        user_is_bot: user.bot,
        guild_id: guild.map(|g| ids::GuildId(g.get())),
        channel_id: ids::ChannelId(channel.get()),
        permissions: permissions(member),
        app_permissions,
        now: now(),
        sent: None,
        action,
    }
}

pub fn command_invocation(i: &CommandInteraction) -> Invocation {
    let (subcommand, options) = options(&i.data.options);
    let action = Action::Command {
        name: i.data.name.clone(),
        subcommand,
        options,
    };
    Invocation {
        // The time Discord dated the interaction (its snowflake id's): the day a question
        // is asked on, whatever this process's clock says.
        sent: u64::try_from(i.id.created_at().unix_timestamp()).ok(),
        ..invocation(
            &i.user,
            i.guild_id,
            i.channel_id,
            i.member.as_deref(),
            i.app_permissions.map(|p| p.bits()),
            action,
        )
    }
}

pub fn autocomplete_invocation(i: &CommandInteraction) -> Invocation {
    fn focused(data: &[CommandDataOption]) -> Option<(String, String)> {
        data.iter().find_map(|o| match &o.value {
            CommandDataOptionValue::Autocomplete { value, .. } => {
                Some((o.name.clone(), value.clone()))
            }
            CommandDataOptionValue::SubCommand(inner)
            | CommandDataOptionValue::SubCommandGroup(inner) => focused(inner),
            _ => None,
        })
    }
    let (option, partial) = focused(&i.data.options).unwrap_or_default();
    let action = Action::Autocomplete {
        command: i.data.name.clone(),
        option,
        partial,
    };
    invocation(
        &i.user,
        i.guild_id,
        i.channel_id,
        i.member.as_deref(),
        i.app_permissions.map(|p| p.bits()),
        action,
    )
}

pub fn button_invocation(i: &ComponentInteraction) -> Invocation {
    let action = Action::Button {
        custom_id: i.data.custom_id.clone(),
    };
    invocation(
        &i.user,
        i.guild_id,
        i.channel_id,
        i.member.as_ref(),
        i.app_permissions.map(|p| p.bits()),
        action,
    )
}

/// Dispatch on this thread; a panic (a bug) is caught as the blocking pool catches it.
fn dispatch_here(bot: &Bot, inv: &Invocation) -> Result<Outcome, &'static str> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(bot, inv)))
        .map_err(|_| "dispatch panicked")
}

/// What a finished (or failed) dispatch answers.
fn outcome<E: std::fmt::Display>(bot: &Bot, result: Result<Outcome, E>, what: &str) -> Outcome {
    result.unwrap_or_else(|e| {
        tracing::error!(interaction = what, error = %e, "dispatch failed");
        Response::Message(Reply::ephemeral_text(bot.ui().internal_error.clone())).into()
    })
}

/// The interaction being answered, for the two kinds that carry messages.
enum Target<'a> {
    Command(&'a CommandInteraction),
    Component(&'a ComponentInteraction),
}

impl Target<'_> {
    fn token(&self) -> &str {
        match self {
            Target::Command(i) => &i.token,
            Target::Component(i) => &i.token,
        }
    }

    /// Answers with a response (its files, if any, as multipart with `payload_json`).
    async fn respond(&self, ctx: &Context, response: &Response) -> serenity::Result<()> {
        let files = match response {
            Response::Message(r) | Response::Update(r) => convert::files(r),
            Response::Choices(_) => Vec::new(),
        };
        let builder = immediate(response);
        let id = InteractionId::new(self.id());
        if files.is_empty() {
            // Nothing to renumber: the builder is serialised once, straight to the body.
            return ctx
                .http
                .create_interaction_response(id, self.token(), &builder, files)
                .await;
        }
        let body = convert::body_json(&builder);
        ctx.http
            .create_interaction_response(id, self.token(), &body, files)
            .await
    }

    /// Replaces the deferred answer.
    async fn edit(&self, ctx: &Context, reply: &Reply) -> serenity::Result<()> {
        let body = convert::body_json(&convert::edit(reply));
        ctx.http
            .edit_original_interaction_response(self.token(), &body, convert::files(reply))
            .await
            .map(drop)
    }

    /// A followup message.
    async fn follow_up(&self, ctx: &Context, reply: &Reply) -> serenity::Result<()> {
        let body = convert::body_json(&convert::followup(reply));
        ctx.http
            .create_followup_message(self.token(), &body, convert::files(reply))
            .await
            .map(drop)
    }

    fn id(&self) -> u64 {
        match self {
            Target::Command(i) => i.id.get(),
            Target::Component(i) => i.id.get(),
        }
    }
}

fn immediate(response: &Response) -> CreateInteractionResponse {
    match response {
        Response::Message(r) => CreateInteractionResponse::Message(convert::message(r)),
        Response::Update(r) => CreateInteractionResponse::UpdateMessage(convert::message(r)),
        Response::Choices(c) => CreateInteractionResponse::Autocomplete(convert::autocomplete(c)),
    }
}

impl Handler {
    pub fn new(bot: Arc<Bot>, config: Config) -> Handler {
        Handler {
            bot,
            config,
            registered: AtomicBool::new(false),
            effects: Arc::new(OnceLock::new()),
            me: Arc::new(OnceLock::new()),
            recovered: Arc::new(tokio::sync::watch::Sender::new(false)),
        }
    }

    /// The effect runner once started, for a clean stop.
    pub fn effects_cell(&self) -> Arc<OnceLock<Effects>> {
        Arc::clone(&self.effects)
    }

    /// The effect runner; the first call starts it and settles what a previous run left
    /// open (quizzes are closed with a notice in their channel).
    fn effects(&self, ctx: &Context) -> &Effects {
        let mut started = false;
        let effects = self.effects.get_or_init(|| {
            started = true;
            let messenger = Arc::new(DiscordMessenger {
                http: Arc::clone(&ctx.http),
                me: Arc::clone(&self.me),
            });
            Effects::start(Arc::clone(&self.bot), messenger, Clock::system())
        });
        if started {
            let (bot, runner) = (Arc::clone(&self.bot), effects.clone());
            let recovered = Arc::clone(&self.recovered);
            tokio::spawn(async move {
                let now = runner.clock().now();
                match tokio::task::spawn_blocking(move || bot.recover(now)).await {
                    Ok(left) => runner.submit(left),
                    Err(e) => tracing::error!(error = %e, "recovery failed"),
                }
                recovered.send_replace(true);
            });
        }
        effects
    }

    /// The bot's permissions in each channel a command's options name (from Discord: the
    /// server's roles, the channel's overwrites and the bot's roles). A channel it cannot
    /// find out about is left out: the command then decides without it.
    async fn channel_permissions(
        &self,
        ctx: &Context,
        i: &CommandInteraction,
    ) -> Vec<(ids::ChannelId, u64)> {
        fn channels(options: &[CommandDataOption], out: &mut Vec<ChannelId>) {
            for o in options {
                match &o.value {
                    CommandDataOptionValue::Channel(c) => out.push(*c),
                    CommandDataOptionValue::SubCommand(inner)
                    | CommandDataOptionValue::SubCommandGroup(inner) => channels(inner, out),
                    _ => {}
                }
            }
        }
        let mut named = Vec::new();
        channels(&i.data.options, &mut named);
        // The channel the command was used in: Discord sends the bot's permissions there
        // with the interaction (`app_permissions`), and the command uses those. Asking for
        // them again would cost three HTTP calls (server, member, channel) for nothing.
        if i.app_permissions.is_some() {
            named.retain(|c| *c != i.channel_id);
        }
        let (Some(guild), Some(me)) = (i.guild_id, self.me.get().copied()) else {
            return Vec::new();
        };
        if named.is_empty() {
            return Vec::new();
        }
        let lookup = async {
            let partial = ctx
                .http
                .get_guild(guild)
                .await
                .map_err(|e| tracing::warn!(error = %e, "get guild"))
                .ok()?;
            let member = ctx
                .http
                .get_member(guild, UserId::new(me))
                .await
                .map_err(|e| tracing::warn!(error = %e, "get member"))
                .ok()?;
            let mut out = Vec::new();
            for c in &named {
                if let Ok(Channel::Guild(channel)) = ctx.http.get_channel(*c).await {
                    let perms = partial.user_permissions_in(&channel, &member);
                    out.push((ids::ChannelId(c.get()), perms.bits()));
                }
            }
            Some(out)
        };
        match tokio::time::timeout(Duration::from_millis(1500), lookup).await {
            Ok(Some(out)) => out,
            _ => {
                tracing::warn!(
                    interaction = i.id.get(),
                    "could not find out the bot's permissions in a channel option"
                );
                Vec::new()
            }
        }
    }

    /// Sends the answer; a 429 (rate limited: Discord did not take it) is tried again
    /// while Discord's three seconds for a first answer last.
    async fn respond_in_time(
        ctx: &Context,
        target: &Target<'_>,
        response: Response,
        received: tokio::time::Instant,
    ) -> serenity::Result<()> {
        loop {
            match target.respond(ctx, &response).await {
                Err(e)
                    if send_error_status(&e) == Some(429)
                        && received.elapsed() + CALLBACK_RETRY < CALLBACK_WINDOW =>
                {
                    tracing::warn!(
                        interaction = target.id(),
                        "answer rate limited (429); trying again"
                    );
                    tokio::time::sleep(CALLBACK_RETRY).await;
                }
                other => return other,
            }
        }
    }

    /// Runs dispatch: where the interaction arrived when it cannot wait on anything (a few
    /// microseconds of CPU), else off the async threads, acknowledging first when it is slow.
    async fn answer(&self, ctx: &Context, target: Target<'_>, inv: Invocation) {
        let received = tokio::time::Instant::now();
        let id = target.id();
        let defer_after = Duration::from_millis(self.config.defer_after_ms);
        let stateful = touches_store(&self.bot, &inv);
        if stateful && !*self.recovered.borrow() {
            // Starts the recovery if nothing has yet (an interaction before READY).
            self.effects(ctx);
            let _ = self.recovered.subscribe().wait_for(|done| *done).await;
        }
        // A zero threshold means "always acknowledge first": that path needs the pool.
        if !defer_after.is_zero() {
            let tried = if !stateful {
                Inline::Plain
            } else if self.bot.store.reads_inline() {
                inline_try(&inv)
            } else {
                Inline::Pool
            };
            let here = match tried {
                Inline::Plain => Some(dispatch_here(&self.bot, &inv)),
                // A read of the store that needs no wait (the leaderboard, /daily status)
                // is answered here too: the hop to the pool and back (two thread wake-ups)
                // cost more CPU than the read. Anything that would write or wait is
                // refused unseen and runs on the pool below.
                Inline::Reads => crate::store::inline::attempt(|| dispatch_here(&self.bot, &inv)),
                // A quiz answer button: written here when the answer is all its dispatch
                // writes and nothing has to wait (the hop cost 4 more context switches
                // than the write); a solo answer, a round's last answer and anything
                // that would wait are refused and run on the pool below.
                Inline::Answer => {
                    crate::store::inline::attempt_answer(|| dispatch_here(&self.bot, &inv))
                }
                Inline::Pool => None,
            };
            if let Some(result) = here {
                let outcome = outcome(&self.bot, result, "interaction");
                if let Err(e) = self.send(ctx, &target, outcome, received).await {
                    tracing::error!(interaction = id, error = %e, "could not answer an interaction");
                }
                return;
            }
        }
        let bot = Arc::clone(&self.bot);
        let mut work = tokio::task::spawn_blocking(move || dispatch(&bot, &inv));
        let finished = if defer_after.is_zero() {
            None
        } else {
            tokio::time::timeout(defer_after, &mut work).await.ok()
        };
        let sent = match finished {
            Some(result) => {
                self.send(
                    ctx,
                    &target,
                    outcome(&self.bot, result, "interaction"),
                    received,
                )
                .await
            }
            None => self.answer_late(ctx, &target, work).await,
        };
        if let Err(e) = sent {
            tracing::error!(interaction = id, error = %e, "could not answer an interaction");
        }
    }

    /// Sends the reply, then hands the effects over. The reply goes first: a quiz's
    /// question follows its announcement.
    async fn send(
        &self,
        ctx: &Context,
        target: &Target<'_>,
        outcome: Outcome,
        received: tokio::time::Instant,
    ) -> serenity::Result<()> {
        let sent = Self::respond_in_time(ctx, target, outcome.response, received).await;
        self.effects(ctx).submit(outcome.effects);
        sent
    }

    async fn answer_late(
        &self,
        ctx: &Context,
        target: &Target<'_>,
        work: tokio::task::JoinHandle<Outcome>,
    ) -> serenity::Result<()> {
        tracing::warn!(interaction = target.id(), "slow dispatch: deferring");
        match target {
            Target::Command(i) => {
                let defer =
                    CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new());
                i.create_response(&ctx.http, defer).await?;
                let outcome = outcome(&self.bot, work.await, "command");
                self.effects(ctx).submit(outcome.effects);
                match outcome.response {
                    // "Ephemeral" is fixed at the acknowledgement: a private answer replaces
                    // the public "thinking…" with a private followup.
                    Response::Message(r) | Response::Update(r) if r.ephemeral => {
                        i.delete_response(&ctx.http).await?;
                        target.follow_up(ctx, &r).await
                    }
                    Response::Message(r) | Response::Update(r) => target.edit(ctx, &r).await,
                    Response::Choices(_) => Ok(()),
                }
            }
            Target::Component(i) => {
                i.create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
                    .await?;
                let outcome = outcome(&self.bot, work.await, "button");
                self.effects(ctx).submit(outcome.effects);
                match outcome.response {
                    Response::Update(r) => target.edit(ctx, &r).await,
                    Response::Message(r) => target.follow_up(ctx, &r).await,
                    Response::Choices(_) => Ok(()),
                }
            }
        }
    }

    async fn autocomplete(&self, ctx: &Context, i: &CommandInteraction) {
        let inv = autocomplete_invocation(i);
        // Autocomplete reads the index only (microseconds): it runs here, no hop to the
        // blocking pool. It cannot be deferred; a failure is an empty list.
        let choices = match dispatch_here(&self.bot, &inv) {
            Ok(Outcome {
                response: Response::Choices(c),
                ..
            }) => c,
            Ok(_) => Vec::new(),
            Err(e) => {
                tracing::error!(interaction = i.id.get(), error = %e, "autocomplete failed");
                Vec::new()
            }
        };
        let r = CreateInteractionResponse::Autocomplete(convert::autocomplete(&choices));
        if let Err(e) = i.create_response(&ctx.http, r).await {
            tracing::error!(interaction = i.id.get(), error = %e, "could not answer autocomplete");
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(
            user = %ready.user.name,
            shard = ?ready.shard.map(|s| s.id.get()),
            guilds = ready.guilds.len(),
            "connected to Discord"
        );
        let _ = self.me.set(ready.user.id.get());
        // Starts the effect runner (and recovery) once, on the first READY.
        self.effects(&ctx);
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        match register(&ctx.http, &self.bot, self.config.guild_id).await {
            Ok(n) => {
                tracing::info!(commands = n, guild = ?self.config.guild_id, "commands registered")
            }
            Err(e) => {
                // The next READY (a reconnect) tries again.
                self.registered.store(false, Ordering::SeqCst);
                tracing::error!(error = %e, "command registration failed");
            }
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        tracing::info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(i) => {
                let mut inv = command_invocation(i);
                inv.channel_permissions = self.channel_permissions(&ctx, i).await;
                self.answer(&ctx, Target::Command(i), inv).await
            }
            Interaction::Autocomplete(i) => self.autocomplete(&ctx, i).await,
            Interaction::Component(i) => {
                self.answer(&ctx, Target::Component(i), button_invocation(i))
                    .await
            }
            other => tracing::debug!(kind = ?other.kind(), "interaction ignored"),
        }
    }
}

/// How a dispatch is tried where its interaction arrived, before the blocking pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inline {
    /// It does not touch the store: run here.
    Plain,
    /// Reads of the store that need no wait ([`crate::store::inline::attempt`]).
    Reads,
    /// A quiz answer, which may be written here
    /// ([`crate::store::inline::attempt_answer`]).
    Answer,
    /// Straight to the pool.
    Pool,
}

/// [`Inline`] for a dispatch that touches a store that allows inline work
/// ([`crate::store::Store::reads_inline`]): only a quiz answer is written inline; anything
/// else that surely writes (a practice round, which reads the member's whole history
/// first) goes straight to the pool.
fn inline_try(inv: &Invocation) -> Inline {
    if answers_quiz(inv) {
        Inline::Answer
    } else if surely_writes(inv) {
        Inline::Pool
    } else {
        Inline::Reads
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn button(id: crate::commands::custom_id::ButtonId) -> Invocation {
        Invocation {
            user_id: ids::UserId(42),
            user_is_bot: false,
            guild_id: Some(ids::GuildId(9)),
            channel_id: ids::ChannelId(3),
            permissions: None,
            app_permissions: None,
            channel_permissions: Vec::new(),
            now: 1_700_000_000,
            sent: None,
            action: Action::Button {
                custom_id: id.encode(),
            },
        }
    }

    #[test]
    fn only_a_quiz_answer_is_written_inline() {
        use crate::commands::custom_id::ButtonId;
        let answer = button(ButtonId::QuizAnswer {
            quiz: 7,
            round: 1,
            choice: 2,
        });
        assert_eq!(inline_try(&answer), Inline::Answer);
        // A practice round writes too, after reading the member's whole history: never
        // tried inline (its write would be refused there and everything run again).
        let practise = button(ButtonId::Practise {
            owner: ids::UserId(42),
            issued: 1_700_000_000,
        });
        assert_eq!(inline_try(&practise), Inline::Pool);
        let mut leaderboard = answer.clone();
        leaderboard.action = Action::Command {
            name: "leaderboard".into(),
            subcommand: None,
            options: Vec::new(),
        };
        assert_eq!(inline_try(&leaderboard), Inline::Reads);
    }

    fn command(data: serde_json::Value, member_perms: Option<&str>) -> CommandInteraction {
        let mut v = json!({
            "id": "1", "application_id": "2", "type": 2, "token": "t", "version": 1,
            "channel_id": "3", "locale": "ja", "entitlements": [],
            "attachment_size_limit": 1024, "data": data,
            "user": {"id": "42", "username": "u"}
        });
        if let Some(p) = member_perms {
            v["guild_id"] = json!("9");
            v["member"] = json!({"user": {"id": "42", "username": "u"}, "roles": [],
                "deaf": false, "mute": false, "flags": 0, "permissions": p,
                "joined_at": "2025-01-01T00:00:00.000000+00:00"});
        }
        match serde_json::from_value::<Interaction>(v).expect("an interaction") {
            Interaction::Command(c) | Interaction::Autocomplete(c) => c,
            other => panic!("not a command: {other:?}"),
        }
    }

    #[test]
    fn a_command_becomes_an_invocation_with_the_members_permissions() {
        let c = command(
            json!({"id": "5", "name": "summit", "type": 1,
                   "options": [{"name": "meeting", "type": 3, "value": "ヘルシンキ"}]}),
            Some("32"),
        );
        let inv = command_invocation(&c);
        assert_eq!(inv.user_id, ids::UserId(42));
        assert_eq!(inv.guild_id, Some(ids::GuildId(9)));
        assert_eq!(inv.channel_id, ids::ChannelId(3));
        assert_eq!(inv.permissions, Some(crate::commands::MANAGE_GUILD));
        assert_eq!(
            inv.action,
            Action::Command {
                name: "summit".into(),
                subcommand: None,
                options: vec![("meeting".into(), "ヘルシンキ".into())],
            }
        );
    }

    #[test]
    fn a_subcommand_and_an_integer_are_read() {
        let c = command(
            json!({"id": "5", "name": "daily", "type": 1, "options": [
                {"name": "set", "type": 1, "options": [{"name": "hour", "type": 4, "value": 9}]}
            ]}),
            None,
        );
        let inv = command_invocation(&c);
        assert_eq!((inv.guild_id, inv.permissions), (None, None));
        assert_eq!(
            inv.action,
            Action::Command {
                name: "daily".into(),
                subcommand: Some("set".into()),
                options: vec![("hour".into(), "9".into())],
            }
        );
    }

    #[test]
    fn autocomplete_reads_the_focused_option() {
        let v = json!({
            "id": "1", "application_id": "2", "type": 4, "token": "t", "version": 1,
            "channel_id": "3", "locale": "ja", "entitlements": [],
            "attachment_size_limit": 1024, "user": {"id": "42", "username": "u"},
            "data": {"id": "5", "name": "summit", "type": 1, "options": [
                {"name": "meeting", "type": 3, "value": "ヘル", "focused": true}]}
        });
        let Ok(Interaction::Autocomplete(c)) = serde_json::from_value::<Interaction>(v) else {
            panic!("an autocomplete interaction");
        };
        assert_eq!(
            autocomplete_invocation(&c).action,
            Action::Autocomplete {
                command: "summit".into(),
                option: "meeting".into(),
                partial: "ヘル".into(),
            }
        );
    }
}
