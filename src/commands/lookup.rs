//! The shared shape of the commands that show one entry by name, or a list without one
//! (`/topic`, `/reactions`, `/compare`, `/myth`, `/people`): each file only declares its spec.

use super::{
    render, show, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::{Item, Kind};
use crate::reply::Reply;

/// A command with one name option over `kinds`; its list texts live in `commands.json`.
pub const fn spec(name: &'static str, option: &'static [OptionSpec; 1]) -> CommandSpec {
    CommandSpec {
        name,
        options: option,
        admin: false,
        stateful: false,
        subcommands: &[],
        run,
    }
}

/// The one option of such a command.
pub const fn option(
    name: &'static str,
    required: bool,
    offer: Offer,
    lookup: &'static [Kind],
) -> [OptionSpec; 1] {
    [OptionSpec {
        name,
        kind: OptionKind::String,
        required,
        offer,
        lookup,
        max_chars: MAX_NAME_CHARS,
    }]
}

/// Shows the entry the option names, or lists the command's entries when it is left out.
fn run(bot: &Bot, inv: &Invocation, args: &Args) -> super::CommandResult {
    Ok(respond(bot, inv, args).into())
}

fn respond(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    let spec = args.spec;
    let Some(opt) = spec.options.first() else {
        return Response::Message(Reply::ephemeral_text(bot.ui().internal_error.clone()));
    };
    if let Some(value) = args.get(opt.name) {
        return super::resolve_or_suggest(bot, inv, value, opt.lookup);
    }
    let texts = bot.knowledge.commands.get(spec.name);
    let title = texts
        .and_then(|t| t.list_title.as_deref())
        .unwrap_or_default();
    let description = texts
        .and_then(|t| t.list_description.as_deref())
        .unwrap_or_default();
    let items: Vec<Item<'_>> = bot
        .knowledge
        .items()
        .filter(|i| opt.lookup.contains(&i.kind()))
        .collect();
    let pages = render::list_card(bot, title, description, &items).pages(bot.ui());
    match pages.into_iter().next() {
        Some(embed) => Response::Message(Reply::embed(embed)),
        None => show(bot, inv, super::help::VIEW),
    }
}
