//! `/reactions`: reactions of the US, Russia, Ukraine, Europe, Japan, China and the media (反応).

use super::{
    lookup, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = CommandSpec {
    name: "reactions",
    options: &[OptionSpec {
        name: "actor",
        kind: OptionKind::String,
        required: false,
        offer: Offer::Choices,
        lookup: KINDS,
        max_chars: MAX_NAME_CHARS,
    }],
    admin: false,
    run,
};

const KINDS: &[Kind] = &[Kind::Reaction];

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    let ui = bot.ui();
    lookup::show_or_list(
        bot,
        inv,
        args,
        "actor",
        KINDS,
        (&ui.reactions_list_title, &ui.reactions_list_description),
    )
}
