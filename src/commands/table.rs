//! The shape of the command table: commands, subcommands, options and their kinds.
//!
//! One table ([`super::COMMANDS`]) drives registration, dispatch, console parsing and
//! help. Options are checked here, once, against their spec, so handlers receive values
//! of the right kind and range and every mistake gets the same clear Japanese message.

use super::{echo, Bot, CommandError, CommandResult, Invocation};
use crate::ids::ChannelId;
use crate::knowledge::{Kind, UiText};
use crate::reply;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    String,
    /// A whole number within `min..=max` (Discord enforces it too; dispatch checks again).
    Integer {
        min: i64,
        max: i64,
    },
    /// A text channel of the server.
    Channel,
}

/// How Discord offers values for an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Free text.
    Free,
    /// A fixed list of choices (the items of `lookup`).
    Choices,
    /// Autocomplete from the items of `lookup`.
    Autocomplete,
    /// These values only; their Japanese names are in `responses/commands.json`.
    Fixed(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    pub offer: Offer,
    /// Kinds of items this option names. Empty on an autocompleted option: it takes
    /// free questions and autocomplete offers the index's sample questions (`/ask`).
    pub lookup: &'static [Kind],
    pub max_chars: usize,
}

impl OptionSpec {
    /// An integer option with a range.
    pub const fn integer(name: &'static str, min: i64, max: i64) -> OptionSpec {
        OptionSpec {
            name,
            kind: OptionKind::Integer { min, max },
            required: false,
            offer: Offer::Free,
            lookup: &[],
            max_chars: 20,
        }
    }

    /// A string option limited to fixed values.
    pub const fn fixed(name: &'static str, values: &'static [&'static str]) -> OptionSpec {
        OptionSpec {
            name,
            kind: OptionKind::String,
            required: false,
            offer: Offer::Fixed(values),
            lookup: &[],
            max_chars: 40,
        }
    }
}

/// A subcommand (`/quiz start`) with its own options.
#[derive(Debug, Clone, Copy)]
pub struct SubcommandSpec {
    pub name: &'static str,
    pub options: &'static [OptionSpec],
}

/// The arguments a handler receives, already checked against its spec.
#[derive(Debug, Clone)]
pub struct Args {
    /// The command's row of the table, for handlers shared by several commands.
    pub spec: &'static CommandSpec,
    pub subcommand: Option<&'static str>,
    pub values: Vec<(&'static str, String)>,
}

impl Args {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// An integer option (already range-checked), or `default`.
    pub fn integer(&self, name: &str, default: i64) -> i64 {
        self.get(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    pub fn channel(&self, name: &str) -> Option<ChannelId> {
        self.get(name).and_then(|v| v.parse().ok()).map(ChannelId)
    }
}

/// A handler: plain data in, a reply and effects out.
pub type Handler = fn(&Bot, &Invocation, &Args) -> CommandResult;

#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    pub name: &'static str,
    pub options: &'static [OptionSpec],
    /// When not empty, one of these must be chosen; their options replace `options`.
    pub subcommands: &'static [SubcommandSpec],
    /// Needs Manage Server (checked here, not only hidden by Discord).
    pub admin: bool,
    /// Reads or writes the store (SQLite, which may wait on the disk or a lock): front-ends
    /// run it off their async threads. The others are a few microseconds of CPU.
    pub stateful: bool,
    pub run: Handler,
}

impl CommandSpec {
    /// The options that apply with this subcommand.
    pub fn options_for(&self, subcommand: Option<&str>) -> &'static [OptionSpec] {
        match subcommand.and_then(|s| self.subcommands.iter().find(|c| c.name == s)) {
            Some(sub) => sub.options,
            None => self.options,
        }
    }
}

/// Finds a subcommand by its English or Japanese name.
pub fn find_subcommand(
    bot: &Bot,
    spec: &'static CommandSpec,
    name: &str,
) -> Option<&'static SubcommandSpec> {
    let texts = bot.knowledge.commands.get(spec.name);
    spec.subcommands.iter().find(|s| {
        s.name == name
            || texts
                .and_then(|t| t.subcommands.get(s.name))
                .is_some_and(|t| t.name_ja == name)
    })
}

/// Finds an option by its English or Japanese name among `options`.
pub fn find_option_in(
    bot: &Bot,
    spec: &'static CommandSpec,
    subcommand: Option<&str>,
    name: &str,
) -> Option<&'static OptionSpec> {
    let options = spec.options_for(subcommand);
    options.iter().find(|o| {
        o.name == name
            || option_text(bot, spec, subcommand, o.name).is_some_and(|t| t.name_ja == name)
    })
}

/// The texts of an option, under its subcommand when there is one.
pub fn option_text<'a>(
    bot: &'a Bot,
    spec: &CommandSpec,
    subcommand: Option<&str>,
    option: &str,
) -> Option<&'a crate::knowledge::OptionText> {
    let t = bot.knowledge.commands.get(spec.name)?;
    match subcommand {
        Some(s) => t.subcommands.get(s)?.options.get(option),
        None => t.options.get(option),
    }
}

fn user(text: String) -> CommandError {
    CommandError::User(text)
}

/// Checks the options of a command against its table row and returns its arguments.
pub fn bind(
    bot: &Bot,
    spec: &'static CommandSpec,
    subcommand: Option<&str>,
    options: &[(String, String)],
) -> Result<Args, CommandError> {
    let ui = bot.ui();
    let texts = bot.knowledge.commands.get(spec.name);
    let subcommand = if spec.subcommands.is_empty() {
        None
    } else {
        let names = || {
            spec.subcommands
                .iter()
                .map(|s| {
                    texts
                        .and_then(|t| t.subcommands.get(s.name))
                        .map_or(s.name.to_string(), |t| {
                            UiText::fill(
                                &ui.name_with_key,
                                &[("name", &t.name_ja), ("key", s.name)],
                            )
                        })
                })
                .collect::<Vec<_>>()
                .join(&ui.list_separator)
        };
        match subcommand {
            None => {
                return Err(user(UiText::fill(
                    &ui.missing_subcommand,
                    &[("command", spec.name), ("subcommands", &names())],
                )))
            }
            Some(s) => match find_subcommand(bot, spec, s) {
                Some(sub) => Some(sub.name),
                None => {
                    return Err(user(UiText::fill(
                        &ui.unknown_subcommand,
                        &[
                            ("name", &echo(s)),
                            ("command", spec.name),
                            ("subcommands", &names()),
                        ],
                    )))
                }
            },
        }
    };
    let specs = spec.options_for(subcommand);
    let mut args = Args {
        spec,
        subcommand,
        values: Vec::new(),
    };
    let option_ja = |o: &OptionSpec| {
        option_text(bot, spec, subcommand, o.name).map_or(o.name.to_string(), |t| t.name_ja.clone())
    };
    for (oname, value) in options {
        let Some(opt) = find_option_in(bot, spec, subcommand, oname) else {
            let names: Vec<String> = specs.iter().map(|o| o.name.to_string()).collect();
            return Err(user(UiText::fill(
                &ui.unknown_option,
                &[
                    ("name", &echo(oname)),
                    ("command", spec.name),
                    ("options", &names.join(&ui.list_separator)),
                ],
            )));
        };
        let value = value.trim();
        if reply::chars(value) > opt.max_chars {
            return Err(user(UiText::fill(
                &ui.input_too_long,
                &[("max", &opt.max_chars.to_string())],
            )));
        }
        if !crate::search::has_content(value) {
            if opt.required {
                return Err(user(ui.input_empty.clone()));
            }
            continue;
        }
        let value = check_value(bot, spec, subcommand, opt, value, &option_ja(opt))?;
        args.values.retain(|(n, _)| *n != opt.name);
        args.values.push((opt.name, value));
    }
    for opt in specs.iter().filter(|o| o.required) {
        if args.get(opt.name).is_none() {
            return Err(user(UiText::fill(
                &ui.missing_option,
                &[("option", &option_ja(opt)), ("command", spec.name)],
            )));
        }
    }
    Ok(args)
}

/// A value of the option's kind and range, normalised (a fixed choice becomes its key).
fn check_value(
    bot: &Bot,
    spec: &CommandSpec,
    subcommand: Option<&str>,
    opt: &OptionSpec,
    value: &str,
    option_ja: &str,
) -> Result<String, CommandError> {
    let ui = bot.ui();
    let digits: String = value
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | 'ー' => '-',
            _ => c,
        })
        .collect();
    match opt.kind {
        OptionKind::Integer { min, max } => {
            let n: Option<i64> = digits.trim().parse().ok();
            match n {
                Some(n) if (min..=max).contains(&n) => Ok(n.to_string()),
                _ => Err(user(UiText::fill(
                    &ui.option_integer_range,
                    &[
                        ("option", option_ja),
                        ("min", &min.to_string()),
                        ("max", &max.to_string()),
                        ("value", &echo(value)),
                    ],
                ))),
            }
        }
        OptionKind::Channel => {
            let id = digits
                .trim()
                .trim_start_matches("<#")
                .trim_end_matches('>')
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0);
            match id {
                Some(id) => Ok(id.to_string()),
                None => Err(user(UiText::fill(
                    &ui.option_channel_invalid,
                    &[("option", option_ja), ("value", &echo(value))],
                ))),
            }
        }
        OptionKind::String => match opt.offer {
            Offer::Fixed(values) => {
                let texts = option_text(bot, spec, subcommand, opt.name);
                let folded = crate::search::normalize(value);
                let found = values.iter().find(|v| {
                    **v == value
                        || texts.and_then(|t| t.choices.get(**v)).is_some_and(|ja| {
                            *ja == value || crate::search::normalize(ja) == folded
                        })
                });
                match found {
                    Some(v) => Ok(v.to_string()),
                    None => {
                        let names: Vec<String> = values
                            .iter()
                            .map(|v| {
                                texts
                                    .and_then(|t| t.choices.get(*v))
                                    .map_or(v.to_string(), |ja| {
                                        UiText::fill(&ui.name_with_key, &[("name", ja), ("key", v)])
                                    })
                            })
                            .collect();
                        Err(user(UiText::fill(
                            &ui.option_choice_invalid,
                            &[
                                ("option", option_ja),
                                ("value", &echo(value)),
                                ("choices", &names.join(&ui.list_separator)),
                            ],
                        )))
                    }
                }
            }
            _ => Ok(value.to_string()),
        },
    }
}
