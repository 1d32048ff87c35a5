//! `/topic`: agenda, positions and the article's analyses (議題).

use super::{
    lookup, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = CommandSpec {
    name: "topic",
    options: &[OptionSpec {
        name: "name",
        kind: OptionKind::String,
        required: true,
        offer: Offer::Autocomplete,
        lookup: KINDS,
        max_chars: MAX_NAME_CHARS,
    }],
    admin: false,
    run,
};

const KINDS: &[Kind] = &[Kind::Topic, Kind::Qa, Kind::Calls];

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    let ui = bot.ui();
    lookup::show_or_list(
        bot,
        inv,
        args,
        "name",
        KINDS,
        (&ui.topic_list_title, &ui.topic_list_description),
    )
}
