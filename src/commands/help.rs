//! `/help` (ヘルプ): every command of the table, with an example.

use super::{render::Card, show, Args, Bot, CommandSpec, Invocation, Response, COMMANDS};
use crate::knowledge::UiText;

pub const VIEW: &str = "help";

pub const SPEC: CommandSpec = CommandSpec {
    name: "help",
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
    let mut card = Card::new(&ui.help_title, &ui.help_description);
    for spec in COMMANDS {
        if let Some(t) = bot.knowledge.commands.get(spec.name) {
            card = card.field(
                UiText::fill(
                    &ui.help_command_name,
                    &[("name", spec.name), ("name_ja", &t.name_ja)],
                ),
                format!("{}\n{}{}", t.description_ja, ui.help_examples, t.example),
            );
        }
    }
    card.footer(super::render::general_footer(bot))
}
