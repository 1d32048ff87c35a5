//! `/people`: the two leaders and the people around them (人物).

use super::{
    lookup, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = CommandSpec {
    name: "people",
    options: &[OptionSpec {
        name: "person",
        kind: OptionKind::String,
        required: false,
        offer: Offer::Autocomplete,
        lookup: KINDS,
        max_chars: MAX_NAME_CHARS,
    }],
    admin: false,
    run,
};

const KINDS: &[Kind] = &[Kind::Person];

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    let ui = bot.ui();
    lookup::show_or_list(
        bot,
        inv,
        args,
        "person",
        KINDS,
        (&ui.people_list_title, &ui.people_list_description),
    )
}
