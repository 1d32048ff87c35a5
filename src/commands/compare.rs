//! `/compare`: Trump–Zelensky, past US–Russia summits, Xi and Kim meetings (比較).

use super::{
    lookup, Args, Bot, CommandSpec, Invocation, Offer, OptionKind, OptionSpec, Response,
    MAX_NAME_CHARS,
};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = CommandSpec {
    name: "compare",
    options: &[OptionSpec {
        name: "target",
        kind: OptionKind::String,
        required: true,
        offer: Offer::Autocomplete,
        lookup: KINDS,
        max_chars: MAX_NAME_CHARS,
    }],
    admin: false,
    run,
};

const KINDS: &[Kind] = &[Kind::Comparison, Kind::PastSummit];

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> Response {
    let ui = bot.ui();
    lookup::show_or_list(
        bot,
        inv,
        args,
        "target",
        KINDS,
        (&ui.compare_list_title, &ui.compare_list_description),
    )
}
