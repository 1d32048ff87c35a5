//! The shared shape of the commands that show one entry by name, or a list without one.

use super::{render, show, Args, Bot, Invocation, Response};
use crate::knowledge::{Item, Kind};
use crate::reply::Reply;

/// Shows the entry named by `option`, or lists the kinds' entries when it is left out.
pub fn show_or_list(
    bot: &Bot,
    inv: &Invocation,
    args: &Args,
    option: &str,
    kinds: &[Kind],
    list: (&str, &str),
) -> Response {
    match args.get(option) {
        Some(value) => super::resolve_or_suggest(bot, inv, value, kinds),
        None => {
            let items: Vec<Item<'_>> = bot
                .knowledge
                .items()
                .filter(|i| kinds.contains(&i.kind()))
                .collect();
            let card = render::list_card(bot, list.0, list.1, &items);
            let pages = card.pages(bot.ui());
            match pages.into_iter().next() {
                Some(embed) => Response::Message(Reply::embed(embed)),
                None => show(bot, inv, super::help::VIEW),
            }
        }
    }
}
