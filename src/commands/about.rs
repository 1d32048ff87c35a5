//! `/about` (出典): sources, the dataset's as-of date and the article's corrections.

use super::{render::Card, show, Args, Bot, CommandSpec, Invocation, Response};
use crate::knowledge::UiText;

pub const VIEW: &str = "about";

pub const SPEC: CommandSpec = CommandSpec {
    name: "about",
    options: &[],
    admin: false,
    stateful: false,
    subcommands: &[],
    run,
};

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> super::CommandResult {
    Ok(respond(bot, inv, args).into())
}

fn respond(bot: &Bot, inv: &Invocation, _args: &Args) -> Response {
    show(bot, inv, VIEW)
}

pub fn card(bot: &Bot) -> Card {
    let ui = bot.ui();
    let meta = &bot.knowledge.meta;
    let sources: Vec<String> = meta
        .sources
        .iter()
        .map(|s| UiText::fill(&ui.bullet, &[("text", s)]))
        .collect();
    let mut card = Card::new(&ui.about_title, &meta.about)
        .field(&ui.about_as_of, ui.date(&meta.as_of))
        .field(&ui.about_sources, sources.join("\n"));
    for c in &meta.corrections {
        card = card.field(
            format!("{}{}", ui.about_corrections, c.topic),
            UiText::fill(
                &ui.about_correction_line,
                &[("article", &c.article_claim), ("record", &c.record)],
            ),
        );
    }
    card.footer(super::render::general_footer(bot))
}
