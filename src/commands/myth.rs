//! `/myth`: misconceptions and the facts (誤解).

use super::{
    lookup, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = CommandSpec {
    name: "myth",
    options: &[OptionSpec {
        name: "item",
        kind: OptionKind::String,
        required: false,
        offer: Offer::Autocomplete,
        lookup: KINDS,
        max_chars: MAX_NAME_CHARS,
    }],
    admin: false,
    run,
};

const KINDS: &[Kind] = &[Kind::Myth];

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    let ui = bot.ui();
    lookup::show_or_list(
        bot,
        inv,
        args,
        "item",
        KINDS,
        (&ui.myth_list_title, &ui.myth_list_description),
    )
}
