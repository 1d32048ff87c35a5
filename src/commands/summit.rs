//! `/summit [meeting]` (会談): one meeting in detail; without an argument, the timeline.

use super::{
    show, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::Kind;

/// The fixed view id of the timeline.
pub const TIMELINE: &str = "timeline";

pub const SPEC: CommandSpec = CommandSpec {
    name: "summit",
    options: &[OptionSpec {
        name: "meeting",
        kind: OptionKind::String,
        required: false,
        offer: Offer::Autocomplete,
        lookup: &[Kind::Meeting],
        max_chars: MAX_NAME_CHARS,
    }],
    admin: false,
    stateful: false,
    subcommands: &[],
    run,
};

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> super::CommandResult {
    Ok(respond(bot, inv, args).into())
}

fn respond(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    match args.get("meeting") {
        Some(value) => super::resolve_or_suggest(bot, inv, value, &[Kind::Meeting]),
        None => show(bot, inv, TIMELINE),
    }
}
