//! The command core: ONE table drives help, dispatch and Discord registration.
//!
//! Front-ends turn what a user did into an [`Invocation`], call [`dispatch`] or
//! [`autocomplete`], and present the [`Response`]. Handlers take plain data and return a
//! [`Reply`], so every command is tested without Discord.

mod about;
pub mod ask;
mod compare;
mod fact;
mod help;
mod lookup;
mod myth;
mod people;
mod reactions;
pub mod render;
mod summit;
mod topic;

use crate::knowledge::{Item, Kind, Knowledge, LoadError, UiText};
use crate::reply::{self, Reply};
use crate::search::{Index, Resolution};
use render::{ButtonAction, ButtonId};

/// Buttons older than this are refused with an explanation (an interaction token's life).
pub const BUTTON_TTL_SECS: u64 = 15 * 60;

/// Longest free text accepted in a name option, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The transport-neutral state every command reads.
pub struct Bot {
    pub knowledge: Knowledge,
    pub index: Index,
}

impl Bot {
    pub fn new(knowledge: Knowledge) -> Bot {
        let index = Index::build(&knowledge);
        Bot { knowledge, index }
    }

    pub fn ui(&self) -> &UiText {
        &self.knowledge.ui
    }
}

/// Who acted, where, and when (time is passed in, never read inside commands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub user_id: u64,
    pub guild_id: Option<u64>,
    /// The member's permission bits in a server (None in DMs and the console).
    pub permissions: Option<u64>,
    /// Unix seconds.
    pub now: u64,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    String,
    Integer,
}

/// How Discord offers values for an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Free text.
    Free,
    /// A fixed list of choices (the items of `lookup`).
    Choices,
    /// Autocomplete from the items of `lookup`.
    Autocomplete,
}

#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    pub offer: Offer,
    /// Kinds of items this option names. Empty on an autocompleted option: it takes
    /// free questions and autocomplete offers the index's sample questions (`/ask`).
    pub lookup: &'static [Kind],
    pub max_chars: usize,
}

/// The arguments a handler receives, already checked against its spec.
#[derive(Debug, Clone)]
pub struct Args {
    /// The command's row of the table, for handlers shared by several commands.
    pub spec: &'static CommandSpec,
    pub subcommand: Option<String>,
    pub values: Vec<(&'static str, String)>,
}

impl Args {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A handler: plain data in, a response out.
pub type Handler = fn(&Bot, &Invocation, &Args) -> Response;

#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub options: &'static [OptionSpec],
    /// Needs Manage Server (checked here, not only hidden by Discord).
    pub admin: bool,
    pub run: Handler,
}

/// THE command table: help lists it, dispatch reads it, Discord registers it.
pub static COMMANDS: &[CommandSpec] = &[
    summit::SPEC,
    ask::SPEC,
    topic::SPEC,
    reactions::SPEC,
    compare::SPEC,
    myth::SPEC,
    people::SPEC,
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

/// Finds an option of a command by its English or Japanese name.
pub fn find_option(
    bot: &Bot,
    spec: &'static CommandSpec,
    name: &str,
) -> Option<&'static OptionSpec> {
    let texts = bot.knowledge.commands.get(spec.name);
    spec.options.iter().find(|o| {
        o.name == name
            || texts
                .and_then(|t| t.options.get(o.name))
                .is_some_and(|t| t.name_ja == name)
    })
}

/// Text from a user, made safe to echo back: no control characters, no mentions, short.
pub fn echo(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '@' => '＠',
            '`' => '\'',
            _ => c,
        })
        .collect();
    reply::fit(cleaned.trim(), 40)
}

/// Runs whatever the user did and returns what to show. Never panics on input.
pub fn dispatch(bot: &Bot, inv: &Invocation) -> Response {
    let response = match &inv.action {
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
        } => Response::Choices(autocomplete(bot, command, option, partial)),
    };
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
) -> Response {
    let ui = bot.ui();
    let Some(spec) = find_command(bot, name) else {
        return user_error(UiText::fill(&ui.unknown_command, &[("name", &echo(name))]));
    };
    if let Some(refusal) = admin_refusal(bot, spec, inv) {
        return refusal;
    }
    let mut args = Args {
        spec,
        subcommand: subcommand.map(str::to_string),
        values: Vec::new(),
    };
    for (oname, value) in options {
        let Some(opt) = find_option(bot, spec, oname) else {
            let names: Vec<String> = spec.options.iter().map(|o| o.name.to_string()).collect();
            return user_error(UiText::fill(
                &ui.unknown_option,
                &[
                    ("name", &echo(oname)),
                    ("command", spec.name),
                    ("options", &names.join(&ui.list_separator)),
                ],
            ));
        };
        let value = value.trim();
        if reply::chars(value) > opt.max_chars {
            return user_error(UiText::fill(
                &ui.input_too_long,
                &[("max", &opt.max_chars.to_string())],
            ));
        }
        if !crate::search::has_content(value) {
            if opt.required {
                return user_error(ui.input_empty.clone());
            }
            continue;
        }
        args.values.push((opt.name, value.to_string()));
    }
    for opt in spec.options.iter().filter(|o| o.required) {
        if args.get(opt.name).is_none() {
            let option_ja = bot
                .knowledge
                .commands
                .get(spec.name)
                .and_then(|t| t.options.get(opt.name))
                .map_or(opt.name, |t| t.name_ja.as_str());
            return user_error(UiText::fill(
                &ui.missing_option,
                &[("option", option_ja), ("command", spec.name)],
            ));
        }
    }
    (spec.run)(bot, inv, &args)
}

/// Admin commands need a server and Manage Server, checked here on every use (not only
/// hidden by Discord's `default_member_permissions`).
fn admin_refusal(bot: &Bot, spec: &CommandSpec, inv: &Invocation) -> Option<Response> {
    if !spec.admin {
        return None;
    }
    if inv.guild_id.is_none() {
        return Some(user_error(bot.ui().guild_only.clone()));
    }
    if inv.permissions.unwrap_or(0) & MANAGE_GUILD == 0 {
        return Some(user_error(bot.ui().admin_only.clone()));
    }
    None
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

/// Pages of a view: an item id, or one of the fixed views.
pub fn pages_of(bot: &Bot, target: &str) -> Option<Vec<reply::Embed>> {
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
            &pages,
            0,
            inv.user_id,
            inv.now,
        )),
        None => user_error(bot.ui().internal_error.clone()),
    }
}

fn press_button(bot: &Bot, inv: &Invocation, custom_id: &str) -> Response {
    let ui = bot.ui();
    let Some(id) = ButtonId::parse(custom_id) else {
        return user_error(ui.button_invalid.clone());
    };
    if id.owner != inv.user_id {
        return user_error(ui.button_not_yours.clone());
    }
    if inv.now.saturating_sub(id.issued) > BUTTON_TTL_SECS || id.issued > inv.now + 60 {
        return user_error(ui.button_expired.clone());
    }
    match &id.action {
        ButtonAction::Page { target, page } => match pages_of(bot, target) {
            // Keep the original issue time so a message cannot be kept alive forever.
            Some(pages) => Response::Update(render::paged_reply(
                bot, target, &pages, *page, id.owner, id.issued,
            )),
            None => user_error(ui.button_invalid.clone()),
        },
        ButtonAction::Show { target } => match pages_of(bot, target) {
            Some(pages) => Response::Update(render::paged_reply(
                bot, target, &pages, 0, id.owner, inv.now,
            )),
            None => user_error(ui.button_invalid.clone()),
        },
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
            .filter_map(|id| bot.knowledge.item(id).map(|i| format!("「{}」", i.label())))
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
                custom_id: ButtonId {
                    action: ButtonAction::Show { target: id.clone() },
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

/// Every command and option of the table has Japanese texts that fit Discord's rules.
pub(crate) fn validate_texts(k: &Knowledge) -> Vec<LoadError> {
    let mut out = Vec::new();
    let file = "commands.json";
    for spec in COMMANDS {
        let Some(t) = k.commands.get(spec.name) else {
            out.push(LoadError::new(
                file,
                Some(spec.name),
                "no texts for this command",
            ));
            continue;
        };
        let check_name = |out: &mut Vec<LoadError>, what: &str, name: &str, desc: &[&str]| {
            if !is_command_name(name) {
                out.push(LoadError::new(
                    file,
                    Some(spec.name),
                    format!("{what}: invalid name \"{name}\""),
                ));
            }
            for d in desc {
                let n = reply::chars(d);
                if n == 0 || n > 100 {
                    out.push(LoadError::new(
                        file,
                        Some(spec.name),
                        format!("{what}: description must be 1–100 characters"),
                    ));
                }
            }
        };
        check_name(
            &mut out,
            "command",
            &t.name_ja,
            &[&t.description_ja, &t.description_en],
        );
        for o in spec.options {
            match t.options.get(o.name) {
                Some(ot) => check_name(
                    &mut out,
                    &format!("option {}", o.name),
                    &ot.name_ja,
                    &[&ot.description_ja, &ot.description_en],
                ),
                None => out.push(LoadError::new(
                    file,
                    Some(spec.name),
                    format!("option {}: no texts", o.name),
                )),
            }
        }
        for extra in t.options.keys() {
            if !spec.options.iter().any(|o| o.name == extra) {
                out.push(LoadError::new(
                    file,
                    Some(spec.name),
                    format!("option {extra}: not in the command table"),
                ));
            }
        }
    }
    for name in k.commands.keys() {
        if !COMMANDS.iter().any(|c| c.name == name) {
            out.push(LoadError::new(file, Some(name), "not in the command table"));
        }
    }
    out
}

/// Discord's rule for command and option names: 1–32 of `[-_'\p{L}\p{N}]`, lower case.
pub fn is_command_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=32).contains(&n)
        && name
            .chars()
            .all(|c| (c.is_alphanumeric() || matches!(c, '-' | '_' | '\'')) && !c.is_uppercase())
}

/// Every view the bot can show fits Discord, page by page.
pub(crate) fn validate_renders(k: &Knowledge) -> Vec<LoadError> {
    let bot = Bot::new(k.clone());
    let mut targets: Vec<(String, String)> = k
        .items()
        .map(|i| (i.id().to_string(), i.id().to_string()))
        .collect();
    for view in [summit::TIMELINE, about::VIEW, help::VIEW] {
        targets.push(("(view)".into(), view.to_string()));
    }
    let mut out = Vec::new();
    for (entry, target) in targets {
        let Some(pages) = pages_of(&bot, &target) else {
            continue;
        };
        for (i, page) in pages.iter().enumerate() {
            let reply = render::paged_reply(&bot, &target, &pages, i, u64::MAX, u64::MAX);
            let problems = reply.violations();
            if !problems.is_empty() {
                out.push(LoadError::new(
                    "(rendered)",
                    Some(&entry),
                    format!(
                        "page {} of {target} breaks a Discord limit: {}",
                        i + 1,
                        problems.join("; ")
                    ),
                ));
            }
            if page.title.contains('…') {
                out.push(LoadError::new(
                    "(rendered)",
                    Some(&entry),
                    "title too long: it would be cut",
                ));
            }
        }
    }
    out
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
            user_id: 1,
            guild_id,
            permissions,
            now: 0,
            action: Action::Button {
                custom_id: String::new(),
            },
        }
    }

    fn refusal_text(r: Option<Response>) -> Option<String> {
        match r {
            Some(Response::Message(reply)) if reply.ephemeral => reply.content,
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
        assert!(admin_refusal(&bot, &spec, &invocation(Some(7), Some(MANAGE_GUILD))).is_none());
        assert!(admin_refusal(&bot, &spec, &invocation(Some(7), Some(0x28))).is_none());
        // Non-admin commands are never refused for permissions.
        assert!(admin_refusal(&bot, &COMMANDS[0], &invocation(None, None)).is_none());
    }
}
