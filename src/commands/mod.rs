//! The command core: ONE table drives help, dispatch and Discord registration.
//!
//! Front-ends turn what a user did into an [`Invocation`], call [`dispatch`] or
//! [`autocomplete`], and present the [`Response`]. Handlers take plain data and return a
//! [`Reply`], so every command is tested without Discord.

mod about;
pub mod ask;
mod compare;
pub mod custom_id;
pub mod daily;
mod fact;
mod help;
mod lookup;
mod myth;
pub mod outcome;
mod people;
pub mod quiz;
mod reactions;
pub mod render;
mod summit;
pub mod table;
mod topic;

use crate::config::ShardRange;
use crate::ids::{ChannelId, GuildId, MessageId, UserId};
use crate::knowledge::{Item, Kind, Knowledge, UiText};
use crate::quiz::bank::Bank;
use crate::reply::{self, Reply};
use crate::search::{Index, Resolution};
use crate::store::{SqliteStore, Store, StoreError};
use custom_id::ButtonId;
use std::sync::Arc;

pub use outcome::{CommandError, CommandResult, Effect, Outcome, PostTag, Wake};
pub use table::{
    find_option_in, find_subcommand, Args, CommandSpec, Handler, Offer, OptionKind, OptionSpec,
    SubcommandSpec,
};

/// Buttons older than this are refused with an explanation (an interaction token's life).
pub const BUTTON_TTL_SECS: u64 = 15 * 60;

/// Longest free text accepted in a name option, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Everything commands read: the dataset, its search index, the quiz bank and the store.
/// Built once at start-up.
pub struct Bot {
    pub knowledge: Knowledge,
    pub index: Index,
    pub bank: Bank,
    pub store: Arc<dyn Store>,
    /// The timeline chart, drawn on first use and shared by every reply after.
    chart: std::sync::OnceLock<Option<reply::Attachment>>,
    /// The shards this process runs (`SHARDS`), once the Discord front-end has said so;
    /// unset, it owns every server.
    shards: std::sync::OnceLock<ShardRange>,
    /// Every view's pages by target, rendered once (see [`pages_of`]).
    pages: std::sync::OnceLock<std::collections::HashMap<String, Vec<reply::Embed>>>,
    /// Servers the daily tick need not look at before a time (see [`daily::Quiet`]).
    daily_quiet: std::sync::Mutex<daily::Quiet>,
}

impl Bot {
    /// A bot on a private in-memory store (the CLI, stateless tests).
    pub fn new(knowledge: Knowledge) -> Bot {
        let store = SqliteStore::memory().map(|s| Arc::new(s) as Arc<dyn Store>);
        match store {
            Ok(store) => Bot::with_store(knowledge, store),
            // An in-memory SQLite cannot fail to open short of allocation failure.
            Err(e) => panic!("in-memory store: {e}"),
        }
    }

    pub fn with_store(knowledge: Knowledge, store: Arc<dyn Store>) -> Bot {
        // Start-up validates the bank with the knowledge (crate::check) and hands it over;
        // a bot built without that check gets an empty bank if its data is broken.
        let bank = Bank::build(&knowledge).unwrap_or_else(|_| Bank::empty());
        Bot::with_bank(knowledge, bank, store)
    }

    /// A bot from parts already built and checked (start-up builds each once).
    pub fn with_bank(knowledge: Knowledge, bank: Bank, store: Arc<dyn Store>) -> Bot {
        let index = Index::build(&knowledge);
        Self::with_parts(knowledge, bank, index, store)
    }

    /// A bot from its parts; `index` must be [`Index::build`] of `knowledge`.
    pub fn with_parts(
        knowledge: Knowledge,
        bank: Bank,
        index: Index,
        store: Arc<dyn Store>,
    ) -> Bot {
        Bot {
            knowledge,
            index,
            bank,
            store,
            chart: std::sync::OnceLock::new(),
            shards: std::sync::OnceLock::new(),
            pages: std::sync::OnceLock::new(),
            daily_quiet: std::sync::Mutex::default(),
        }
    }

    /// This process runs only `range`: timers, recovery and daily posts are then about
    /// the servers of those shards only. Set once, before the gateway connects.
    pub fn run_shards(&self, range: ShardRange) {
        if self.shards.set(range).is_err() {
            tracing::warn!("the shard range was already set; keeping the first");
        }
    }

    /// Whether this process handles `guild` (its quizzes' timers, its daily post): its
    /// shard is in the range this process runs. Direct messages come on shard 0.
    pub fn owns(&self, guild: Option<GuildId>) -> bool {
        let Some(r) = self.shards.get() else {
            return true;
        };
        let shard = guild.map_or(0, |g| g.shard(r.total));
        (r.first..=r.last).contains(&shard)
    }

    /// The timeline chart as a PNG attachment: drawn once, then shared. None (logged) if
    /// it cannot be drawn; the timeline then goes out without its picture.
    pub fn timeline_chart(&self) -> Option<reply::Attachment> {
        self.chart
            .get_or_init(|| {
                let model = crate::chart::ChartModel::build(&self.knowledge);
                match crate::chart::draw::png(&model) {
                    Ok(bytes) => Some(reply::Attachment {
                        filename: crate::chart::FILENAME.to_string(),
                        description: model.alt_text(&self.knowledge),
                        bytes: bytes.into(),
                    }),
                    Err(e) => {
                        tracing::error!(error = %e, "the timeline chart could not be drawn");
                        None
                    }
                }
            })
            .clone()
    }

    /// The timeline chart's attachment without its pixels (its name and alt text), for the
    /// start-up check: drawing is left to first use, or to a thread the bot starts.
    pub fn timeline_chart_stand_in(&self) -> reply::Attachment {
        let model = crate::chart::ChartModel::build(&self.knowledge);
        reply::Attachment {
            filename: crate::chart::FILENAME.to_string(),
            description: model.alt_text(&self.knowledge),
            bytes: Vec::new().into(),
        }
    }

    pub fn ui(&self) -> &UiText {
        &self.knowledge.ui
    }

    /// A timer the front-end ran for us has fired. A timer that finds the database
    /// unavailable is tried again [`TIMER_RETRY_SECS`] later.
    pub fn wake(&self, wake: Wake, now: u64) -> Vec<Effect> {
        let result = match wake {
            Wake::QuizRound { quiz, round } => quiz::round_over(self, quiz, round, now),
            Wake::DailyTick => daily::tick(self, now),
        };
        match result {
            Ok(effects) => effects,
            // Nothing was changed (the round's reveal is claimed first): try again shortly.
            Err(e @ CommandError::Unavailable(_)) => {
                tracing::error!(error = %e, ?wake, "timer failed: database unavailable; trying again");
                vec![Effect::WakeAt {
                    at: now + TIMER_RETRY_SECS,
                    wake,
                }]
            }
            Err(e) => {
                tracing::error!(error = %e, ?wake, "timer failed");
                Vec::new()
            }
        }
    }

    /// The front-end posted a message we asked for.
    pub fn posted(&self, tag: &PostTag, message: MessageId, now: u64) {
        let result = match tag {
            PostTag::QuizRound { quiz, round } => {
                self.store.set_round_message(*quiz, *round, message)
            }
            PostTag::Daily { guild, date, .. } => self
                .store
                .mark_daily_sent(*guild, date, message, now)
                // A post went out: an earlier failure is no longer the news.
                .and_then(|()| self.store.note_daily_error(*guild, None)),
        };
        if let Err(e) = result {
            tracing::error!(error = %e, ?tag, "could not record a posted message");
        }
    }

    /// Discord refused a post for good (`status` 403 or 404: no access, no channel).
    pub fn post_refused(&self, tag: &PostTag, status: u16, now: u64) {
        match tag {
            PostTag::Daily { guild, date, .. } => daily::refused(self, *guild, date, status),
            // Nobody can see a quiz whose questions cannot be posted: end it now rather
            // than let its timers run on.
            PostTag::QuizRound { quiz, .. } => {
                tracing::warn!(
                    quiz,
                    status,
                    "quiz question refused by Discord; ending the quiz"
                );
                if let Err(e) =
                    self.store
                        .close_quiz(*quiz, crate::store::QuizState::Abandoned, now)
                {
                    tracing::error!(error = %e, "could not close a refused quiz");
                }
            }
        }
    }

    /// A post failed through every retry for a reason that may pass (5xx, 429, no
    /// connection; `status` is Discord's, if it answered).
    pub fn post_failed(&self, tag: &PostTag, status: Option<u16>) {
        match tag {
            PostTag::Daily { guild, date, .. } => daily::failed(self, *guild, date, status),
            PostTag::QuizRound { quiz, round } => {
                tracing::warn!(quiz, round, ?status, "a quiz question could not be posted")
            }
        }
    }

    /// A post looked up after a restart was not there, and its day has passed.
    pub fn post_missing(&self, tag: &PostTag) {
        if let PostTag::Daily { guild, date, .. } = tag {
            if let Err(e) = daily::release(self, *guild, date) {
                tracing::error!(error = %e, "could not release a missing daily post");
            }
        }
    }

    /// At a clean stop (SIGTERM): ends this process's open quizzes with the same notice as
    /// a restart (scores kept), so nothing stays open for a process that may not come.
    /// The front-end also releases daily posts it claimed and has not begun to send.
    pub fn release(&self, now: u64) -> Vec<Effect> {
        quiz::recover(self, now).unwrap_or_else(|e: StoreError| {
            tracing::error!(error = %e, "could not close open quizzes");
            Vec::new()
        })
    }

    /// A claimed daily post that the front-end never began to send (it is stopping): the
    /// claim is dropped, so whichever process runs the server next sends it.
    pub fn release_unsent(&self, tag: &PostTag) {
        if let PostTag::Daily { guild, date, .. } = tag {
            tracing::info!(guild = %guild, date = %date, "releasing an unsent daily post");
            if let Err(e) = daily::release(self, *guild, date) {
                tracing::error!(error = %e, "could not release an unsent daily post");
            }
        }
    }

    /// Whether a daily post this process is sending is still its own: claimed, not sent,
    /// and not taken over. A process that takes a post over writes a claim time later than
    /// the one it replaces; the tag carries the claim time this process wrote. Checked
    /// before each retry.
    pub fn still_claimed(&self, tag: &PostTag) -> bool {
        let PostTag::Daily { guild, date, claim } = tag else {
            return true;
        };
        match self.store.daily_post(*guild, date) {
            // Taken over: another process wrote a later claim time than ours.
            Ok(Some(p)) => p.sent_at.is_none() && p.claimed_at <= *claim,
            Ok(None) => false,
            // Unsure: keep the old behaviour (retry).
            Err(e) => {
                tracing::error!(error = %e, "could not read a daily post's claim");
                true
            }
        }
    }

    /// At start: settles what a previous run left open (quizzes are closed with a notice,
    /// daily posts claimed but not recorded are looked up or sent once) and starts the
    /// daily scheduler's tick. Only servers this process [owns](Self::owns) are touched:
    /// another process's quizzes and posts are its own. Call once per process.
    pub fn recover(&self, now: u64) -> Vec<Effect> {
        let mut effects = quiz::recover(self, now).unwrap_or_else(|e: StoreError| {
            tracing::error!(error = %e, "could not recover open quizzes");
            Vec::new()
        });
        effects.extend(daily::recover(self, now));
        effects
    }
}

/// Who acted, where, and when (time is passed in, never read inside commands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub user_id: UserId,
    /// Bots cannot play quizzes.
    pub user_is_bot: bool,
    pub guild_id: Option<GuildId>,
    pub channel_id: ChannelId,
    /// The member's permission bits in a server (None in DMs and the console).
    pub permissions: Option<u64>,
    /// The bot's own permission bits in this channel, when the front-end knows them.
    pub app_permissions: Option<u64>,
    /// The bot's own permission bits in the channels the command's options name, when the
    /// front-end could find them out.
    pub channel_permissions: Vec<(ChannelId, u64)>,
    /// Unix seconds.
    pub now: u64,
    /// Unix seconds at which the platform dated the invocation, when it did (a Discord
    /// interaction's snowflake id): the day a question is asked on, by which /ask reads
    /// 「去年」 or 「先月」. `None`: `now`.
    pub sent: Option<u64>,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A slash command with its options, by name (English or Japanese).
    Command {
        name: String,
        subcommand: Option<String>,
        options: Vec<(String, String)>,
    },
    /// A button press, by custom_id.
    Button { custom_id: String },
    /// Autocomplete for one option while the user types.
    Autocomplete {
        command: String,
        option: String,
        partial: String,
    },
}

/// An autocomplete or choice entry: `name` shown, `value` sent back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// What the front-end does with a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// A new message answering the interaction.
    Message(Reply),
    /// Replace the message the pressed button is on.
    Update(Reply),
    /// Autocomplete results.
    Choices(Vec<Choice>),
}

/// Permission bit a member needs for admin commands (Manage Server).
pub const MANAGE_GUILD: u64 = 0x20;
/// Permission bit that lets a member stop someone else's quiz (Manage Messages).
pub const MANAGE_MESSAGES: u64 = 0x2000;

/// THE command table: help lists it, dispatch reads it, Discord registers it.
pub static COMMANDS: &[CommandSpec] = &[
    summit::SPEC,
    ask::SPEC,
    topic::SPEC,
    reactions::SPEC,
    compare::SPEC,
    myth::SPEC,
    people::SPEC,
    quiz::SPEC,
    daily::SPEC,
    fact::SPEC,
    help::SPEC,
    about::SPEC,
];

/// Finds a command by its English or Japanese name.
pub fn find_command(bot: &Bot, name: &str) -> Option<&'static CommandSpec> {
    let name = name.trim().trim_start_matches('/');
    COMMANDS.iter().find(|c| {
        c.name == name
            || bot
                .knowledge
                .commands
                .get(c.name)
                .is_some_and(|t| t.name_ja == name)
    })
}

/// Finds an option of a command (without subcommands) by its English or Japanese name.
pub fn find_option(
    bot: &Bot,
    spec: &'static CommandSpec,
    name: &str,
) -> Option<&'static OptionSpec> {
    find_option_in(bot, spec, None, name)
}

/// Invisible formatting characters that can reorder or hide echoed text (bidirectional
/// overrides and isolates, zero-width characters, the BOM).
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

/// Text from a user, made safe to echo back: no control or invisible formatting
/// characters, no mentions, short.
pub fn echo(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .map(|c| match c {
            '@' => '＠',
            '`' => '\'',
            _ => c,
        })
        .collect();
    reply::fit(cleaned.trim(), 40)
}

/// Seconds before a timer that found the database unavailable runs again.
pub const TIMER_RETRY_SECS: u64 = 5;

/// Runs whatever the user did: the reply to show and the effects to carry out. Never
/// panics on input; a user's mistake becomes a short ephemeral message, an internal error
/// is logged here once and answered with the apology.
pub fn dispatch(bot: &Bot, inv: &Invocation) -> Outcome {
    let result = match &inv.action {
        Action::Command {
            name,
            subcommand,
            options,
        } => run_command(bot, inv, name, subcommand.as_deref(), options),
        Action::Button { custom_id } => press_button(bot, inv, custom_id),
        Action::Autocomplete {
            command,
            option,
            partial,
        } => Ok(Response::Choices(autocomplete(bot, command, option, partial)).into()),
    };
    let outcome = match result {
        // Refused where it was tried first (`store::inline`): thrown away unseen and run
        // again on the blocking pool, which logs what fails there.
        Err(_) if crate::store::inline::refused() => user_error(String::new()).into(),
        Ok(o) => o,
        Err(CommandError::User(text)) => user_error(text).into(),
        Err(CommandError::Internal(e)) => {
            tracing::error!(error = %e, user = %inv.user_id, action = ?inv.action, "command failed");
            user_error(bot.ui().internal_error.clone()).into()
        }
        Err(CommandError::Unavailable(e)) => {
            tracing::error!(error = %e, user = %inv.user_id, action = ?inv.action, "database unavailable");
            user_error(bot.ui().store_unavailable.clone()).into()
        }
    };
    Outcome {
        response: clamp(outcome.response),
        effects: outcome
            .effects
            .into_iter()
            .map(|e| match e {
                Effect::Post {
                    channel,
                    reply,
                    tag,
                } => Effect::Post {
                    channel,
                    reply: reply.clamp(),
                    tag,
                },
                Effect::Edit {
                    channel,
                    message,
                    reply,
                } => Effect::Edit {
                    channel,
                    message,
                    reply: reply.clamp(),
                },
                other => other,
            })
            .collect(),
    }
}

/// Whether running `inv` may touch the store (and so wait on the disk or a lock). The
/// Discord front-end runs those on the blocking pool; the rest — lookups, /ask, pages,
/// autocomplete, refusals — take microseconds and run where they arrive.
pub fn touches_store(bot: &Bot, inv: &Invocation) -> bool {
    match &inv.action {
        Action::Autocomplete { .. } => false,
        Action::Button { custom_id } => matches!(
            ButtonId::parse(custom_id),
            Some(ButtonId::QuizAnswer { .. } | ButtonId::Practise { .. })
        ),
        Action::Command { name, .. } => find_command(bot, name).is_some_and(|c| c.stateful),
    }
}

/// Whether `inv` surely writes to the store (a quiz answer, a practice round): not worth
/// trying where it arrives as a read ([`crate::store::inline::attempt`]). A quiz answer
/// may still be written there ([`answers_quiz`]); anything else goes straight to the pool.
pub fn surely_writes(inv: &Invocation) -> bool {
    match &inv.action {
        Action::Button { custom_id } => matches!(
            ButtonId::parse(custom_id),
            Some(ButtonId::QuizAnswer { .. } | ButtonId::Practise { .. })
        ),
        _ => false,
    }
}

/// Whether `inv` is a quiz answer: the one write tried where it arrives
/// ([`crate::store::inline::attempt_answer`]). A practice round is not: it reads the
/// member's whole history before its write, which is always refused there.
pub fn answers_quiz(inv: &Invocation) -> bool {
    match &inv.action {
        Action::Button { custom_id } => {
            matches!(
                ButtonId::parse(custom_id),
                Some(ButtonId::QuizAnswer { .. })
            )
        }
        _ => false,
    }
}

fn clamp(response: Response) -> Response {
    match response {
        Response::Message(r) => Response::Message(r.clamp()),
        Response::Update(r) => Response::Update(r.clamp()),
        Response::Choices(c) => Response::Choices(c),
    }
}

fn user_error(text: String) -> Response {
    Response::Message(Reply::ephemeral_text(text))
}

fn run_command(
    bot: &Bot,
    inv: &Invocation,
    name: &str,
    subcommand: Option<&str>,
    options: &[(String, String)],
) -> CommandResult {
    let ui = bot.ui();
    let Some(spec) = find_command(bot, name) else {
        return Err(CommandError::User(UiText::fill(
            &ui.unknown_command,
            &[("name", &echo(name))],
        )));
    };
    admin_refusal(bot, spec, inv)?;
    let args = table::bind(bot, spec, subcommand, options)?;
    (spec.run)(bot, inv, &args)
}

/// Admin commands need a server and Manage Server, checked here on every use (not only
/// hidden by Discord's `default_member_permissions`).
fn admin_refusal(bot: &Bot, spec: &CommandSpec, inv: &Invocation) -> Result<(), CommandError> {
    if !spec.admin {
        return Ok(());
    }
    if inv.guild_id.is_none() {
        return Err(CommandError::User(bot.ui().guild_only.clone()));
    }
    if inv.permissions.unwrap_or(0) & MANAGE_GUILD == 0 {
        return Err(CommandError::User(bot.ui().admin_only.clone()));
    }
    Ok(())
}

/// Autocomplete: up to 25 items of the option's kinds that match what was typed.
pub fn autocomplete(bot: &Bot, command: &str, option: &str, partial: &str) -> Vec<Choice> {
    let Some(spec) = find_command(bot, command) else {
        return Vec::new();
    };
    let Some(opt) = find_option(bot, spec, option) else {
        return Vec::new();
    };
    // Discord sends whatever is in the box; a huge paste is cut, not refused.
    let partial: String = partial.chars().take(opt.max_chars).collect();
    if opt.lookup.is_empty() {
        if opt.offer != Offer::Autocomplete {
            return Vec::new();
        }
        // Picking a sample question submits it as the question.
        return bot
            .index
            .complete_questions(&partial, reply::limits::CHOICES)
            .into_iter()
            .filter(|q| reply::chars(q) <= reply::limits::CHOICE_VALUE)
            .map(|q| Choice {
                name: reply::fit(q, reply::limits::CHOICE_NAME),
                value: q.to_string(),
            })
            .collect();
    }
    bot.index
        .complete(&partial, opt.lookup, reply::limits::CHOICES)
        .into_iter()
        .filter_map(|id| bot.knowledge.item(&id).map(|item| choice(&item)))
        .collect()
}

/// How an item is offered as a choice (value = its id).
pub fn choice(item: &Item<'_>) -> Choice {
    Choice {
        name: reply::fit(&item.label(), reply::limits::CHOICE_NAME),
        value: item.id().to_string(),
    }
}

/// The choices of an option offered as a fixed list.
pub fn fixed_choices(bot: &Bot, opt: &OptionSpec) -> Vec<Choice> {
    bot.knowledge
        .items()
        .filter(|i| opt.lookup.contains(&i.kind()))
        .take(reply::limits::CHOICES)
        .map(|i| choice(&i))
        .collect()
}

/// The views that are not items: the timeline, /about and /help.
pub const FIXED_VIEWS: [&str; 3] = [summit::TIMELINE, about::VIEW, help::VIEW];

/// Pages of a view: an item id, or one of the fixed views. Views depend on the dataset
/// only, so every one is rendered once (by the start-up check) and kept.
pub fn pages_of<'a>(bot: &'a Bot, target: &str) -> Option<&'a [reply::Embed]> {
    bot.pages
        .get_or_init(|| {
            let targets = bot.knowledge.items().map(|i| i.id()).chain(FIXED_VIEWS);
            targets
                .filter_map(|t| Some((t.to_string(), render_pages(bot, t)?)))
                .collect()
        })
        .get(target)
        .map(Vec::as_slice)
}

fn render_pages(bot: &Bot, target: &str) -> Option<Vec<reply::Embed>> {
    let card = match target {
        summit::TIMELINE => render::timeline_card(bot),
        about::VIEW => about::card(bot),
        help::VIEW => help::card(bot),
        id => render::item_card(bot, bot.knowledge.item(id)?),
    };
    Some(card.pages(bot.ui()))
}

/// Shows a view from page 0 as a new message.
pub fn show(bot: &Bot, inv: &Invocation, target: &str) -> Response {
    match pages_of(bot, target) {
        Some(pages) => Response::Message(render::paged_reply(
            bot,
            target,
            pages,
            0,
            inv.user_id,
            inv.now,
        )),
        None => user_error(bot.ui().internal_error.clone()),
    }
}

fn press_button(bot: &Bot, inv: &Invocation, custom_id: &str) -> CommandResult {
    let ui = bot.ui();
    let Some(id) = ButtonId::parse(custom_id) else {
        return Err(CommandError::User(ui.button_invalid.clone()));
    };
    // Owner-only buttons that expire: pages, もしかして and the practice button.
    let owned = |owner: UserId, issued: u64| -> Result<(), CommandError> {
        if owner != inv.user_id {
            return Err(CommandError::User(ui.button_not_yours.clone()));
        }
        if inv.now.saturating_sub(issued) > BUTTON_TTL_SECS || issued > inv.now + 60 {
            return Err(CommandError::User(ui.button_expired.clone()));
        }
        Ok(())
    };
    // A page keeps its original issue time, so a message cannot be kept alive forever; a
    // もしかして choice shows its target from page 0, issued now.
    let (target, page, owner, issued) = match id {
        ButtonId::Page {
            target,
            page,
            owner,
            issued,
        } => {
            owned(owner, issued)?;
            (target, page, owner, issued)
        }
        ButtonId::Show {
            target,
            owner,
            issued,
        } => {
            owned(owner, issued)?;
            (target, 0, owner, inv.now)
        }
        ButtonId::QuizAnswer {
            quiz,
            round,
            choice,
        } => return quiz::answer(bot, inv, quiz, round, choice),
        ButtonId::Practise { owner, issued } => {
            owned(owner, issued)?;
            return quiz::practise(bot, inv);
        }
    };
    match pages_of(bot, &target) {
        Some(pages) => Ok(Response::Update(render::paged_reply(
            bot, &target, pages, page, owner, issued,
        ))
        .into()),
        None => Err(CommandError::User(ui.button_invalid.clone())),
    }
}

/// Resolves a name option among `kinds`: the item, or a friendly answer offering choices.
pub fn resolve_or_suggest(bot: &Bot, inv: &Invocation, value: &str, kinds: &[Kind]) -> Response {
    let ui = bot.ui();
    // An id picked from autocomplete or choices.
    if let Some(item) = bot.knowledge.item(value.trim()) {
        if kinds.contains(&item.kind()) {
            return show(bot, inv, item.id());
        }
    }
    let labels = |ids: &[String]| -> String {
        ids.iter()
            .filter_map(|id| {
                bot.knowledge
                    .item(id)
                    .map(|i| UiText::fill(&ui.quoted, &[("text", &i.label())]))
            })
            .collect::<Vec<_>>()
            .join(&ui.list_separator)
    };
    match bot.index.resolve(value, kinds) {
        Resolution::Found(id) => show(bot, inv, &id),
        Resolution::Suggest(ids) => {
            let mut reply = Reply::ephemeral_text(UiText::fill(
                &ui.not_found_suggest,
                &[("value", &echo(value)), ("choices", &labels(&ids))],
            ));
            reply = reply.with_row(suggestion_buttons(bot, inv, &ids));
            Response::Message(reply)
        }
        Resolution::NotFound => {
            let all: Vec<String> = bot
                .knowledge
                .items()
                .filter(|i| kinds.contains(&i.kind()))
                .take(8)
                .map(|i| i.id().to_string())
                .collect();
            user_error(UiText::fill(
                &ui.not_found,
                &[("value", &echo(value)), ("choices", &labels(&all))],
            ))
        }
    }
}

/// Up to 3 「もしかして」 buttons that show an item when pressed.
pub fn suggestion_buttons(bot: &Bot, inv: &Invocation, ids: &[String]) -> Vec<reply::Button> {
    ids.iter()
        .take(3)
        .filter_map(|id| {
            let item = bot.knowledge.item(id)?;
            Some(reply::Button {
                custom_id: ButtonId::Show {
                    target: id.clone(),
                    owner: inv.user_id,
                    issued: inv.now,
                }
                .encode(),
                label: reply::fit(&item.label(), reply::limits::BUTTON_LABEL),
                style: reply::ButtonStyle::Primary,
                disabled: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin_spec() -> CommandSpec {
        CommandSpec {
            admin: true,
            ..COMMANDS[0]
        }
    }

    fn invocation(guild_id: Option<u64>, permissions: Option<u64>) -> Invocation {
        Invocation {
            user_id: UserId(1),
            user_is_bot: false,
            guild_id: guild_id.map(GuildId),
            channel_id: ChannelId(1),
            permissions,
            app_permissions: None,
            channel_permissions: Vec::new(),
            now: 0,
            sent: None,
            action: Action::Button {
                custom_id: String::new(),
            },
        }
    }

    fn refusal_text(r: Result<(), CommandError>) -> Option<String> {
        match r {
            Err(CommandError::User(text)) => Some(text),
            _ => None,
        }
    }

    #[test]
    fn admin_commands_are_refused_without_manage_server() {
        let bot = Bot::new(Knowledge::embedded().expect("dataset"));
        let spec = admin_spec();
        let ui = bot.ui().clone();
        // A member without Manage Server (Send Messages only).
        let r = admin_refusal(&bot, &spec, &invocation(Some(7), Some(0x800)));
        assert_eq!(refusal_text(r), Some(ui.admin_only.clone()));
        // No permissions sent at all counts as none.
        let r = admin_refusal(&bot, &spec, &invocation(Some(7), None));
        assert_eq!(refusal_text(r), Some(ui.admin_only));
        // In a DM there is no server to administer.
        let r = admin_refusal(&bot, &spec, &invocation(None, Some(u64::MAX)));
        assert_eq!(refusal_text(r), Some(ui.guild_only));
        // Manage Server (alone or among others) passes.
        assert!(admin_refusal(&bot, &spec, &invocation(Some(7), Some(MANAGE_GUILD))).is_ok());
        assert!(admin_refusal(&bot, &spec, &invocation(Some(7), Some(0x28))).is_ok());
        // Non-admin commands are never refused for permissions.
        assert!(admin_refusal(&bot, &COMMANDS[0], &invocation(None, None)).is_ok());
    }
}
