//! Shared helpers: the real dataset, the real dispatch, what a user would see.
#![allow(dead_code)]

use std::sync::OnceLock;
use summit_bot::commands::{dispatch, Action, Bot, Invocation, Response};
use summit_bot::knowledge::Knowledge;
use summit_bot::reply::Reply;

/// A fixed clock for tests (2026-11-26T00:00:00Z).
pub const NOW: u64 = 1_795_651_200;
pub const USER: u64 = 4242;

pub fn bot() -> &'static Bot {
    static BOT: OnceLock<Bot> = OnceLock::new();
    BOT.get_or_init(|| Bot::new(Knowledge::embedded().expect("the real dataset loads")))
}

pub fn invocation(action: Action) -> Invocation {
    Invocation {
        user_id: summit_bot::ids::UserId(USER),
        user_is_bot: false,
        guild_id: Some(summit_bot::ids::GuildId(77)),
        channel_id: summit_bot::ids::ChannelId(770),
        permissions: Some(0),
        app_permissions: None,
        channel_permissions: Vec::new(),
        now: NOW,
        sent: None,
        action,
    }
}

/// Runs a console-style line (`/summit ヘルシンキ`) through the real dispatch.
#[track_caller]
pub fn run(line: &str) -> Response {
    let action = summit_bot::console::parse_line(bot(), line).expect("a command line");
    dispatch(bot(), &invocation(action)).response
}

/// The reply of a message or update response.
#[track_caller]
pub fn reply(response: Response) -> Reply {
    match response {
        Response::Message(r) | Response::Update(r) => r,
        Response::Choices(c) => panic!("expected a reply, got choices {c:?}"),
    }
}

/// Everything the user reads in a reply, as one string.
pub fn text(reply: &Reply) -> String {
    let mut out = reply.content.clone().unwrap_or_default();
    for e in &reply.embeds {
        out.push_str(&e.title);
        out.push('\n');
        out.push_str(&e.description);
        out.push('\n');
        for f in &e.fields {
            out.push_str(&f.name);
            out.push('\n');
            out.push_str(&f.value);
            out.push('\n');
        }
        if let Some(f) = &e.footer {
            out.push_str(f);
        }
    }
    out
}

/// The title of the first embed.
#[track_caller]
pub fn title(reply: &Reply) -> String {
    reply
        .embeds
        .first()
        .map(|e| e.title.clone())
        .unwrap_or_else(|| panic!("no embed in {reply:?}"))
}

/// The title a command shows for an item id (what its own command renders).
#[track_caller]
pub fn title_of(id: &str) -> String {
    let pages = summit_bot::commands::pages_of(bot(), id).unwrap_or_else(|| panic!("no item {id}"));
    pages[0].title.clone()
}
