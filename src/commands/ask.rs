//! `/ask question` (質問): a free Japanese question → the best entry, 「もしかして」, or an
//! honest 「わかりません」.

use super::{
    dispatch, echo, show, suggestion_buttons, Action, Args, Bot, CommandSpec, Invocation, Offer,
    OptionKind, OptionSpec, Response, COMMANDS,
};
mod direct;
pub use direct::Direct;

use crate::knowledge::UiText;
use crate::reply::{self, limits, Embed, Reply};
use crate::search::{Decision, Today};

/// Longest question accepted, in characters (a pasted article gets a short refusal).
pub const MAX_QUESTION_CHARS: usize = 300;

pub const SPEC: CommandSpec = CommandSpec {
    name: "ask",
    options: &[OptionSpec {
        name: "question",
        kind: OptionKind::String,
        required: true,
        // No lookup kinds: autocomplete offers the index's sample questions.
        offer: Offer::Autocomplete,
        lookup: &[],
        max_chars: MAX_QUESTION_CHARS,
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
    match args.get("question") {
        Some(question) => answer(bot, inv, question).1,
        // run_command has already refused a missing or empty question.
        None => Response::Message(Reply::ephemeral_text(bot.ui().input_empty.clone())),
    }
}

/// The month of unix second `now` in Japan (the zone `/daily` posts in by default): the
/// day a question is asked, for the dates it writes relative to it (「去年の8月」).
pub fn today(now: u64) -> Today {
    use chrono::Datelike;
    let zone = crate::daily::parse_zone(crate::daily::DEFAULT_ZONE).unwrap_or(chrono_tz::Tz::UTC);
    let date = crate::daily::local_date(now, zone);
    Today {
        year: u16::try_from(date.year()).unwrap_or(0),
        month: u8::try_from(date.month()).unwrap_or(1),
    }
}

/// The decision for a question asked in the month `today` (its relative dates, 「去年の8月」,
/// are read as the months they name then) and the direct sentence that tops its answer, if
/// any.
pub fn decide(bot: &Bot, question: &str, today: Today) -> (Decision, Option<Direct>) {
    let absolute = bot.index.absolute_dates(question, today);
    let question = absolute.as_deref().unwrap_or(question);
    // Spelt once for both the decision and the field asked.
    let spelt = bot.index.spell(question);
    let analysis = bot.index.analyse_spelt(&spelt);
    let direct = match &analysis.decision {
        Decision::Answer { id, .. } => {
            let asks = bot.index.field_asked_spelt(&spelt);
            direct::sentence(&bot.knowledge, &analysis, &asks, id)
        }
        _ => None,
    };
    (analysis.decision, direct)
}

/// Decides and builds what the member sees; the decision is returned for the CLI.
pub fn answer(bot: &Bot, inv: &Invocation, question: &str) -> (Decision, Response) {
    let (decision, direct) = decide(bot, question, today(inv.sent.unwrap_or(inv.now)));
    let response = match &decision {
        Decision::Answer { id, .. } => {
            with_direct(show(bot, inv, id), direct.as_ref().map(|d| d.text.as_str()))
        }
        Decision::Suggest { ids, .. } => suggest(bot, inv, question, ids),
        Decision::Unknown { .. } => unknown(bot, question),
    };
    (decision, response)
}

/// The card with the direct sentence as the first line of its description.
fn with_direct(response: Response, direct: Option<&str>) -> Response {
    match (response, direct) {
        (Response::Message(mut reply), Some(direct)) => {
            if let Some(embed) = reply.embeds.first_mut() {
                embed.description = reply::fit(
                    &format!("{direct}\n\n{}", embed.description),
                    limits::DESCRIPTION,
                );
            }
            Response::Message(reply)
        }
        (response, _) => response,
    }
}

fn suggest(bot: &Bot, inv: &Invocation, question: &str, ids: &[String]) -> Response {
    let text = UiText::fill(&bot.ui().ask_suggest, &[("question", &echo(question))]);
    let reply = Reply::ephemeral_text(text).with_row(suggestion_buttons(bot, inv, ids));
    Response::Message(reply)
}

fn unknown(bot: &Bot, question: &str) -> Response {
    let ui = bot.ui();
    let embed = Embed::new(
        &ui.ask_unknown_title,
        UiText::fill(
            &ui.ask_unknown_description,
            &[("question", &echo(question))],
        ),
    )
    .field(&ui.ask_unknown_try, &ui.ask_unknown_examples, false)
    .field(&ui.ask_unknown_commands, command_list(bot), false);
    Response::Message(Reply {
        ephemeral: true,
        ..Reply::embed(embed)
    })
}

/// The other commands a member can browse with, from the command table (as /help lists
/// them): every one but /ask itself and those for server managers.
fn command_list(bot: &Bot) -> String {
    COMMANDS
        .iter()
        .filter(|spec| spec.name != SPEC.name && !spec.admin)
        .filter_map(|spec| bot.knowledge.commands.get(spec.name))
        .map(|t| format!("/{}", t.name_ja))
        .collect::<Vec<_>>()
        .join(&bot.ui().ask_unknown_command_separator)
}

/// What `summit-bot ask` reports for one question (the JSON of issue 3, minus the
/// Discord body, which the front-end that owns Discord's wire format adds).
pub struct CliAnswer {
    pub decision: Decision,
    /// The direct sentence on top of the answer, if the question asked a field.
    pub direct: Option<String>,
    pub reply: Reply,
    /// Whether Discord would receive it as an update (type 7) rather than a message (4).
    pub update: bool,
}

impl CliAnswer {
    /// The one JSON object `--json` prints, with `response` the body Discord would receive.
    pub fn to_json(&self, response: serde_json::Value) -> serde_json::Value {
        let (answered, entry, suggestions) = match &self.decision {
            Decision::Answer { id, .. } => (true, Some(id.clone()), Vec::new()),
            Decision::Suggest { ids, .. } => (false, None, ids.clone()),
            Decision::Unknown { .. } => (false, None, Vec::new()),
        };
        serde_json::json!({
            "answered": answered,
            "entry": entry,
            // Rounded so the output is stable across platforms.
            "score": (f64::from(self.decision.score()) * 1000.0).round() / 1000.0,
            "suggestions": suggestions,
            "direct": self.direct,
            "response": response,
        })
    }
}

/// `summit-bot ask`: answers one question through the same dispatch as `/ask`.
pub fn cli(bot: &Bot, user_id: u64, now: u64, question: &str) -> CliAnswer {
    let inv = Invocation {
        user_id: crate::ids::UserId(user_id),
        user_is_bot: false,
        guild_id: None,
        channel_id: crate::ids::ChannelId(0),
        permissions: None,
        app_permissions: None,
        channel_permissions: Vec::new(),
        now,
        sent: None,
        action: Action::Command {
            name: SPEC.name.to_string(),
            subcommand: None,
            options: vec![("question".to_string(), question.to_string())],
        },
    };
    let (reply, update) = match dispatch(bot, &inv).response {
        Response::Message(r) => (r, false),
        Response::Update(r) => (r, true),
        Response::Choices(_) => (Reply::default(), false),
    };
    // Too long a question is refused before matching, as on Discord.
    let (decision, direct) = if reply::chars(question.trim()) > MAX_QUESTION_CHARS {
        (Decision::Unknown { score: 0.0 }, None)
    } else {
        decide(bot, question, today(now))
    };
    CliAnswer {
        decision,
        direct: direct.map(|d| d.text),
        reply,
        update,
    }
}

#[cfg(test)]
mod tests {
    use super::today;
    use crate::search::Today;

    #[test]
    fn the_day_of_a_question_is_japans() {
        // 2025-12-31 14:30 UTC is 23:30 in Tokyo; an hour later it is 2026 there.
        assert_eq!(
            today(1_767_191_400),
            Today {
                year: 2025,
                month: 12
            }
        );
        assert_eq!(
            today(1_767_195_000),
            Today {
                year: 2026,
                month: 1
            }
        );
    }
}
