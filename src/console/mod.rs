//! The local console: the same commands as Discord, typed as `/summit ヘルシンキ`.
//!
//! Lines become [`Invocation`]s for the very same [`dispatch`]; replies are rendered as
//! text and buttons as numbered choices. Works interactively and with piped input.

use crate::commands::{
    dispatch, find_command, find_option, Action, Bot, Invocation, Response, MANAGE_GUILD,
};
use crate::reply::{Embed, Reply};
use std::io::{self, BufRead, Write};

/// The console's user and server ids (there is one user: you, an admin of your console).
pub const CONSOLE_USER: u64 = 1;
pub const CONSOLE_GUILD: u64 = 1;

/// Parses a typed line into an action: `/name bare value` or `/name opt:value opt2:value`.
/// Option names may be English or Japanese; `：` works like `:`.
pub fn parse_line(bot: &Bot, line: &str) -> Option<Action> {
    let line = line.trim();
    let rest = line.strip_prefix('/').or_else(|| line.strip_prefix('／'))?;
    let (name, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let spec = find_command(bot, name);
    let option_names =
        |word: &str| -> Option<&'static str> { find_option(bot, spec?, word).map(|o| o.name) };
    let mut options: Vec<(String, String)> = Vec::new();
    let mut bare: Vec<&str> = Vec::new();
    for token in args.split_whitespace() {
        let named = token
            .split_once([':', '：'])
            .and_then(|(k, v)| option_names(k).map(|n| (n, v)));
        match named {
            Some((n, v)) => options.push((n.to_string(), v.to_string())),
            None => match options.last_mut() {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(token);
                }
                None => bare.push(token),
            },
        }
    }
    if !bare.is_empty() {
        let first = spec
            .and_then(|s| s.options.first())
            .map_or("value", |o| o.name);
        options.insert(0, (first.to_string(), bare.join(" ")));
    }
    Some(Action::Command {
        name: spec.map_or(name, |s| s.name).to_string(),
        subcommand: None,
        options,
    })
}

fn render_embed(e: &Embed, out: &mut String) {
    out.push_str("────────────────────────\n");
    if !e.title.is_empty() {
        out.push_str(&format!("【{}】\n", e.title));
    }
    if !e.description.is_empty() {
        out.push_str(&e.description);
        out.push('\n');
    }
    for f in &e.fields {
        out.push_str(&format!("■ {}\n{}\n", f.name, f.value));
    }
    if let Some(footer) = &e.footer {
        out.push_str(&format!("（{footer}）\n"));
    }
}

/// Renders a reply as text; returns the custom_ids of the numbered buttons.
pub fn render(bot: &Bot, reply: &Reply) -> (String, Vec<String>) {
    let ui = bot.ui();
    let mut out = String::new();
    if reply.ephemeral {
        out.push_str(&ui.console_ephemeral_mark);
        out.push('\n');
    }
    if let Some(c) = &reply.content {
        out.push_str(c);
        out.push('\n');
    }
    for e in &reply.embeds {
        render_embed(e, &mut out);
    }
    let mut ids = Vec::new();
    let mut labels = Vec::new();
    for b in reply.rows.iter().flatten().filter(|b| !b.disabled) {
        ids.push(b.custom_id.clone());
        labels.push(format!("[{}] {}", ids.len(), b.label));
    }
    if !labels.is_empty() {
        out.push_str(&labels.join("  "));
        out.push('\n');
        out.push_str(&ui.console_buttons_hint);
        out.push('\n');
    }
    (out, ids)
}

/// Reads lines until end of input or `/quit`, answering each.
pub fn run(
    bot: &Bot,
    input: impl BufRead,
    mut output: impl Write,
    prompt: bool,
    now: impl Fn() -> u64,
) -> io::Result<()> {
    let ui = bot.ui();
    writeln!(output, "{}", ui.console_started)?;
    let mut buttons: Vec<String> = Vec::new();
    let show_prompt = |output: &mut dyn Write| -> io::Result<()> {
        if prompt {
            write!(output, "{}", ui.console_prompt)?;
            output.flush()?;
        }
        Ok(())
    };
    show_prompt(&mut output)?;
    for line in input.lines() {
        // Invalid UTF-8 from a pipe is replaced rather than ending the session.
        let line = match line {
            Ok(l) => l,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
            Err(e) => return Err(e),
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            show_prompt(&mut output)?;
            continue;
        }
        if matches!(trimmed, "/quit" | "/exit" | "/終了") {
            break;
        }
        let action = if let Ok(n) = trimmed.parse::<usize>() {
            match n.checked_sub(1).and_then(|i| buttons.get(i)) {
                Some(custom_id) => Some(Action::Button {
                    custom_id: custom_id.clone(),
                }),
                None => {
                    writeln!(output, "{}", ui.console_no_buttons)?;
                    show_prompt(&mut output)?;
                    continue;
                }
            }
        } else {
            parse_line(bot, trimmed)
        };
        let Some(action) = action else {
            writeln!(output, "{}", ui.console_not_a_command)?;
            show_prompt(&mut output)?;
            continue;
        };
        let inv = Invocation {
            user_id: CONSOLE_USER,
            guild_id: Some(CONSOLE_GUILD),
            permissions: Some(MANAGE_GUILD),
            now: now(),
            action,
        };
        match dispatch(bot, &inv) {
            Response::Message(reply) | Response::Update(reply) => {
                let (text, ids) = render(bot, &reply);
                write!(output, "{text}")?;
                // An ephemeral error keeps the previous buttons usable.
                if !ids.is_empty() || !reply.ephemeral {
                    buttons = ids;
                }
            }
            Response::Choices(choices) => {
                for c in choices {
                    writeln!(output, "・{}（{}）", c.name, c.value)?;
                }
            }
        }
        show_prompt(&mut output)?;
    }
    writeln!(output)?;
    writeln!(output, "{}", ui.console_bye)?;
    Ok(())
}
