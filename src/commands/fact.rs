//! `/fact` (豆知識): one short fact now.

use super::{render, Args, Bot, CommandSpec, Invocation, Response};
use crate::reply::Reply;

pub const SPEC: CommandSpec = CommandSpec {
    name: "fact",
    options: &[],
    admin: false,
    stateful: false,
    subcommands: &[],
    run,
};

/// The fact for a moment: varies with time and user, reproducible in tests.
pub fn pick(bot: &Bot, seed: u64) -> Option<&crate::knowledge::Fact> {
    let facts = &bot.knowledge.facts;
    if facts.is_empty() {
        return None;
    }
    // A multiplicative hash spreads consecutive seeds over the list.
    let i = (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % facts.len();
    facts.get(i)
}

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> super::CommandResult {
    Ok(respond(bot, inv, args).into())
}

fn respond(bot: &Bot, inv: &Invocation, _args: &Args) -> Response {
    let ui = bot.ui();
    let Some(fact) = pick(bot, inv.now ^ inv.user_id.get()) else {
        return Response::Message(Reply::ephemeral_text(ui.internal_error.clone()));
    };
    Response::Message(Reply::embed(fact_embed(bot, fact)))
}

/// The embed of one fact (also used by the daily post).
pub fn fact_embed(bot: &Bot, fact: &crate::knowledge::Fact) -> crate::reply::Embed {
    let ui = bot.ui();
    let mut card = render::Card::new(&ui.fact_title, &fact.text);
    if let Some(item) = fact
        .related
        .as_deref()
        .and_then(|id| bot.knowledge.item(id))
    {
        card = card.field(&ui.label_related, item.label());
    }
    let card = card.footer(render::footer(bot, std::slice::from_ref(&fact.source)));
    card.pages(ui).into_iter().next().unwrap_or_default()
}
