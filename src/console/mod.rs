//! The local console: the same commands as Discord, typed as `/summit ヘルシンキ`.
//!
//! Lines become [`Invocation`]s for the very same [`dispatch`]; replies are rendered as
//! text and buttons as numbered choices. Works interactively and with piped input.

use crate::commands::{
    dispatch, find_command, find_subcommand, Action, Bot, Effect, Invocation, PostTag, Response,
    Wake, MANAGE_GUILD,
};
use crate::ids::{ChannelId, GuildId, MessageId, UserId};
use crate::knowledge::UiText;
use crate::reply::{Embed, Reply};
use std::io::{self, BufRead, Write};

/// The console's user, server and channel ids (you are an admin of your console; `/as`
/// adds members with the next ids).
pub const CONSOLE_USER: u64 = 1;
pub const CONSOLE_GUILD: u64 = 1;
pub const CONSOLE_CHANNEL: u64 = 1;

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
    // `/quiz start 問題数:3`: the first word names the subcommand (English or Japanese).
    let mut tokens = args.split_whitespace().peekable();
    let mut subcommand: Option<String> = None;
    if let Some(s) = spec.filter(|s| !s.subcommands.is_empty()) {
        if let Some(word) = tokens.next() {
            subcommand = Some(
                find_subcommand(bot, s, word).map_or(word.to_string(), |sub| sub.name.to_string()),
            );
        }
    }
    let sub = subcommand.clone();
    let option_names = |word: &str| -> Option<&'static str> {
        crate::commands::find_option_in(bot, spec?, sub.as_deref(), word).map(|o| o.name)
    };
    let mut options: Vec<(String, String)> = Vec::new();
    let mut bare: Vec<&str> = Vec::new();
    for token in tokens {
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
            .and_then(|s| s.options_for(subcommand.as_deref()).first())
            .map_or("value", |o| o.name);
        options.insert(0, (first.to_string(), bare.join(" ")));
    }
    // The console is one channel: `#general` (or any `#名前`) names it.
    for (option, value) in options.iter_mut() {
        let is_channel = spec
            .and_then(|s| crate::commands::find_option_in(bot, s, sub.as_deref(), option))
            .is_some_and(|o| matches!(o.kind, crate::commands::table::OptionKind::Channel));
        if is_channel && (value.starts_with('#') || value.starts_with('＃')) {
            *value = CONSOLE_CHANNEL.to_string();
        }
    }
    Some(Action::Command {
        name: spec.map_or(name, |s| s.name).to_string(),
        subcommand,
        options,
    })
}

fn render_embed(ui: &UiText, e: &Embed, out: &mut String) {
    out.push_str(&ui.console_rule);
    out.push('\n');
    if !e.title.is_empty() {
        out.push_str(&UiText::fill(&ui.console_title, &[("title", &e.title)]));
        out.push('\n');
    }
    if !e.description.is_empty() {
        out.push_str(&e.description);
        out.push('\n');
    }
    for f in &e.fields {
        out.push_str(&UiText::fill(
            &ui.console_field,
            &[("name", &f.name), ("value", &f.value)],
        ));
        out.push('\n');
    }
    if let Some(footer) = &e.footer {
        out.push_str(&UiText::fill(&ui.console_footer, &[("footer", footer)]));
        out.push('\n');
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
        render_embed(ui, e, &mut out);
    }
    // A picture cannot be shown in a terminal: its name, then what it shows in words.
    for a in &reply.attachments {
        let name = UiText::fill(
            &bot.knowledge.chart.console_picture,
            &[("filename", &a.filename)],
        );
        out.push_str(&name);
        out.push('\n');
        out.push_str(&a.description);
        out.push('\n');
    }
    let mut ids = Vec::new();
    let mut labels = Vec::new();
    for b in reply.rows.iter().flatten().filter(|b| !b.disabled) {
        ids.push(b.custom_id.clone());
        labels.push(UiText::fill(
            &ui.console_button,
            &[("n", &ids.len().to_string()), ("label", &b.label)],
        ));
    }
    if !labels.is_empty() {
        out.push_str(&labels.join("  "));
        out.push('\n');
        out.push_str(&ui.console_buttons_hint);
        out.push('\n');
    }
    (out, ids)
}

/// The console's members: you, and whoever `/as 名前` plays.
struct Members {
    names: Vec<(UserId, String)>,
    current: UserId,
}

impl Members {
    fn new(you: &str) -> Members {
        Members {
            names: vec![(UserId(CONSOLE_USER), you.to_string())],
            current: UserId(CONSOLE_USER),
        }
    }

    /// Switches to the member called `name` (a new one gets the next id); empty = you.
    fn switch(&mut self, name: &str) -> String {
        let name = crate::commands::echo(name);
        if name.is_empty() {
            self.current = UserId(CONSOLE_USER);
        } else if let Some((id, _)) = self.names.iter().find(|(_, n)| *n == name) {
            self.current = *id;
        } else {
            let id = UserId(CONSOLE_USER + self.names.len() as u64);
            self.names.push((id, name));
            self.current = id;
        }
        self.name_of(self.current)
    }

    fn name_of(&self, id: UserId) -> String {
        self.names
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }

    /// Mentions read as names on the console.
    fn humanise(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (id, name) in &self.names {
            out = out.replace(&format!("<@{id}>"), name);
        }
        out
    }
}

/// Discord timestamps as the console shows them: `<t:UNIX:R>` relative to `now`, any other
/// style as a date and time in Japan (Discord shows them in the reader's zone; the console's
/// readers are in Japan). Anything that is not a well-formed timestamp is left as it is.
fn timestamps(ui: &UiText, text: &str, now: u64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<t:") {
        out.push_str(&rest[..start]);
        let tail = &rest[start + 3..];
        let parsed = tail.find('>').and_then(|end| {
            let inner = &tail[..end];
            let (secs, style) = inner.split_once(':').unwrap_or((inner, "f"));
            let secs: i64 = secs.parse().ok()?;
            Some((end, secs, style))
        });
        let Some((end, secs, style)) = parsed else {
            out.push_str("<t:");
            rest = tail;
            continue;
        };
        if style == "R" {
            out.push_str(&relative(ui, secs - now as i64));
        } else {
            out.push_str(&full(ui, secs));
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

fn full(ui: &UiText, secs: i64) -> String {
    use chrono::{Datelike, TimeZone, Timelike};
    let Some(t) = chrono_tz::Asia::Tokyo.timestamp_opt(secs, 0).single() else {
        return secs.to_string();
    };
    UiText::fill(
        &ui.console_time_full,
        &[
            ("year", &t.year().to_string()),
            ("month", &t.month().to_string()),
            ("day", &t.day().to_string()),
            ("hour", &t.hour().to_string()),
            ("minute", &format!("{:02}", t.minute())),
        ],
    )
}

/// 「3分後」「2時間前」: the largest whole unit, as Discord rounds.
fn relative(ui: &UiText, delta: i64) -> String {
    let secs = delta.unsigned_abs();
    if secs == 0 {
        return ui.console_time_now.clone();
    }
    let (n, unit) = match secs {
        0..=59 => (secs, 0),
        60..=3_599 => (secs / 60, 1),
        3_600..=86_399 => (secs / 3_600, 2),
        _ => (secs / 86_400, 3),
    };
    let template = if delta > 0 {
        &ui.console_time_in
    } else {
        &ui.console_time_ago
    };
    UiText::fill(
        template,
        &[
            ("n", &n.to_string()),
            ("unit", &ui.console_time_units[unit]),
        ],
    )
}

/// Effects carried out on the screen: posts and edits are printed, timers queued.
struct Screen<'a, W: Write> {
    bot: &'a Bot,
    out: W,
    members: Members,
    timers: Vec<(u64, Wake)>,
    next_message: u64,
    buttons: Vec<String>,
}

impl<W: Write> Screen<'_, W> {
    fn show(&mut self, reply: &Reply, now: u64) -> io::Result<Vec<String>> {
        let (text, ids) = render(self.bot, reply);
        let ui = self.bot.ui();
        let text = self
            .members
            .humanise(&text)
            .replace(&format!("<#{CONSOLE_CHANNEL}>"), &ui.console_channel);
        let text = timestamps(ui, &text, now);
        write!(self.out, "{text}")?;
        Ok(ids)
    }

    fn carry_out(&mut self, effects: Vec<Effect>, now: u64) -> io::Result<()> {
        for effect in effects {
            match effect {
                Effect::Post { reply, tag, .. } => self.post(&reply, tag.as_ref(), now)?,
                // The console keeps no messages across runs: there is nothing to look up.
                Effect::PostOnce {
                    reply,
                    tag,
                    send_if_missing: true,
                    ..
                } => self.post(&reply, Some(&tag), now)?,
                Effect::PostOnce { tag, .. } => self.bot.post_missing(&tag),
                Effect::Edit { reply, .. } => {
                    writeln!(self.out, "{}", self.bot.ui().console_edited)?;
                    self.show(&reply, now)?;
                }
                Effect::WakeAt { at, wake } => self.timers.push((at, wake)),
            }
        }
        Ok(())
    }

    /// Prints a posted message and tells the core its (console) id.
    fn post(&mut self, reply: &Reply, tag: Option<&PostTag>, now: u64) -> io::Result<()> {
        let ids = self.show(reply, now)?;
        if !ids.is_empty() {
            self.buttons = ids;
        }
        self.next_message += 1;
        if let Some(tag) = tag {
            self.bot.posted(tag, MessageId(self.next_message), now);
        }
        Ok(())
    }

    /// Fires every timer due at `now`.
    fn fire_due(&mut self, now: u64) -> io::Result<()> {
        while let Some(i) = self.timers.iter().position(|(at, _)| *at <= now) {
            let (_, wake) = self.timers.remove(i);
            let effects = self.bot.wake(wake, now);
            self.carry_out(effects, now)?;
        }
        Ok(())
    }

    fn next_timer(&self) -> Option<u64> {
        self.timers.iter().map(|(at, _)| *at).min()
    }

    /// The next timer of a running quiz (the daily tick runs for as long as the console).
    fn next_quiz_timer(&self) -> Option<u64> {
        self.timers
            .iter()
            .filter(|(_, w)| !matches!(w, Wake::DailyTick))
            .map(|(at, _)| *at)
            .min()
    }
}

/// Reads lines until end of input or `/quit`, answering each; quiz timers fire while it
/// waits for input, and at end of input it waits for the running quiz to finish.
pub fn run<R: BufRead + Send, W: Write>(
    bot: &Bot,
    input: R,
    output: W,
    prompt: bool,
    now: impl Fn() -> u64,
) -> io::Result<()> {
    let ui = bot.ui();
    let mut screen = Screen {
        bot,
        out: output,
        members: Members::new(&ui.console_you),
        timers: Vec::new(),
        next_message: 0,
        buttons: Vec::new(),
    };
    writeln!(screen.out, "{}", ui.console_started)?;
    screen.carry_out(bot.recover(now()), now())?;
    let (tx, rx) = std::sync::mpsc::channel::<io::Result<String>>();
    std::thread::scope(|scope| -> io::Result<()> {
        scope.spawn(move || {
            for line in input.lines() {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let show_prompt = |screen: &mut Screen<'_, W>| -> io::Result<()> {
            if prompt {
                write!(screen.out, "{}", ui.console_prompt)?;
                screen.out.flush()?;
            }
            Ok(())
        };
        show_prompt(&mut screen)?;
        loop {
            let line = match screen.next_timer() {
                Some(at) => {
                    let wait = at.saturating_sub(now());
                    match rx.recv_timeout(std::time::Duration::from_secs(wait)) {
                        Ok(line) => line,
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                            screen.fire_due(now().max(at))?;
                            continue;
                        }
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                            // End of input: let the running quiz play out, then stop.
                            if screen.next_quiz_timer().is_some() {
                                writeln!(screen.out, "{}", ui.console_waiting)?;
                            }
                            while let Some(at) = screen.next_quiz_timer() {
                                let wait = at.saturating_sub(now());
                                std::thread::sleep(std::time::Duration::from_secs(wait));
                                screen.fire_due(now().max(at))?;
                            }
                            break;
                        }
                    }
                }
                None => match rx.recv() {
                    Ok(line) => line,
                    Err(_) => break,
                },
            };
            // Invalid UTF-8 from a pipe is replaced rather than ending the session.
            let line = match line {
                Ok(l) => l,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => String::new(),
                Err(e) => return Err(e),
            };
            screen.fire_due(now())?;
            let trimmed = line.trim();
            if trimmed.is_empty() {
                show_prompt(&mut screen)?;
                continue;
            }
            if matches!(trimmed, "/quit" | "/exit" | "/終了") {
                break;
            }
            if let Some(name) = trimmed.strip_prefix("/as") {
                if name.is_empty() || name.starts_with(char::is_whitespace) {
                    let who = screen.members.switch(name.trim());
                    writeln!(
                        screen.out,
                        "{}",
                        UiText::fill(&ui.console_as, &[("name", &who)])
                    )?;
                    show_prompt(&mut screen)?;
                    continue;
                }
            }
            let action = if let Ok(n) = trimmed.parse::<usize>() {
                match n.checked_sub(1).and_then(|i| screen.buttons.get(i)) {
                    Some(custom_id) => Some(Action::Button {
                        custom_id: custom_id.clone(),
                    }),
                    None => {
                        writeln!(screen.out, "{}", ui.console_no_buttons)?;
                        show_prompt(&mut screen)?;
                        continue;
                    }
                }
            } else {
                parse_line(bot, trimmed)
            };
            let Some(action) = action else {
                writeln!(screen.out, "{}", ui.console_not_a_command)?;
                show_prompt(&mut screen)?;
                continue;
            };
            let inv = Invocation {
                user_id: screen.members.current,
                user_is_bot: false,
                guild_id: Some(GuildId(CONSOLE_GUILD)),
                channel_id: ChannelId(CONSOLE_CHANNEL),
                permissions: Some(MANAGE_GUILD),
                app_permissions: None,
                channel_permissions: Vec::new(),
                now: now(),
                sent: None,
                action,
            };
            let outcome = dispatch(bot, &inv);
            match outcome.response {
                Response::Message(reply) | Response::Update(reply) => {
                    let ids = screen.show(&reply, inv.now)?;
                    // An ephemeral error keeps the previous buttons usable.
                    if !ids.is_empty() || !reply.ephemeral {
                        screen.buttons = ids;
                    }
                }
                Response::Choices(choices) => {
                    for c in choices {
                        writeln!(
                            screen.out,
                            "{}",
                            UiText::fill(
                                &ui.console_choice,
                                &[("name", &c.name), ("value", &c.value)]
                            )
                        )?;
                    }
                }
            }
            screen.carry_out(outcome.effects, now())?;
            show_prompt(&mut screen)?;
        }
        Ok(())
    })?;
    writeln!(screen.out)?;
    writeln!(screen.out, "{}", ui.console_bye)?;
    Ok(())
}
