//! [`Reply`], choices and the command table turned into serenity builders.
//!
//! Pure functions: what Discord receives is decided here and unit-tested as JSON.

use crate::commands::{
    fixed_choices, Bot, Choice, CommandSpec, Offer, OptionKind, OptionSpec, COMMANDS,
};
use crate::knowledge::OptionText;
use crate::reply::{self, limits, Reply, EMBED_COLOUR};
use serenity::all::{
    ButtonStyle, ChannelType, CommandOptionType, CreateActionRow, CreateAllowedMentions,
    CreateAttachment, CreateAutocompleteResponse, CreateButton, CreateCommand, CreateCommandOption,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, EditAttachments, EditInteractionResponse,
    EditMessage, Permissions,
};

/// The locale key Discord uses for Japanese.
pub const JA: &str = "ja";

/// Embeds of a reply; empty parts are left out because Discord rejects empty strings.
pub fn embeds(reply: &Reply) -> Vec<CreateEmbed> {
    reply
        .embeds
        .iter()
        .map(|e| {
            let mut embed = CreateEmbed::new().colour(EMBED_COLOUR);
            if !e.title.is_empty() {
                embed = embed.title(&e.title);
            }
            if !e.description.is_empty() {
                embed = embed.description(&e.description);
            }
            embed = embed.fields(
                e.fields
                    .iter()
                    .map(|f| (f.name.clone(), f.value.clone(), f.inline)),
            );
            if let Some(footer) = e.footer.as_deref().filter(|f| !f.is_empty()) {
                embed = embed.footer(CreateEmbedFooter::new(footer));
            }
            if let Some(url) = &e.image {
                embed = embed.image(url);
            }
            embed
        })
        .collect()
}

/// Files of a reply. Any file makes serenity send the request as multipart/form-data: the
/// JSON body goes in the `payload_json` part, each file in a `files[n]` part.
pub fn files(reply: &Reply) -> Vec<CreateAttachment> {
    attachments(reply, true)
}

/// The files of a reply as the JSON body lists them (id, name, alt text), without their
/// bytes: a builder that the HTTP call does not send through `execute` only serialises
/// these, and the bytes go to the call itself ([`files`]). Copying the timeline's 100 KB
/// into the builder too was one more allocation and copy on every such answer.
fn described(reply: &Reply) -> Vec<CreateAttachment> {
    attachments(reply, false)
}

fn attachments(reply: &Reply, with_bytes: bool) -> Vec<CreateAttachment> {
    reply
        .attachments
        .iter()
        .map(|a| {
            let bytes = if with_bytes {
                a.bytes.to_vec()
            } else {
                Vec::new()
            };
            CreateAttachment::bytes(bytes, a.filename.as_str()).description(a.description.as_str())
        })
        .collect()
}

/// The files of a reply for an edit; None leaves the message's files as they are.
fn new_files(reply: &Reply) -> Option<EditAttachments> {
    (!reply.attachments.is_empty()).then(|| {
        files(reply)
            .into_iter()
            .fold(EditAttachments::new(), EditAttachments::add)
    })
}

/// Rows of buttons.
pub fn rows(reply: &Reply) -> Vec<CreateActionRow> {
    reply
        .rows
        .iter()
        .filter(|row| !row.is_empty())
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(&b.custom_id)
                            .label(&b.label)
                            .style(match b.style {
                                reply::ButtonStyle::Primary => ButtonStyle::Primary,
                                reply::ButtonStyle::Secondary => ButtonStyle::Secondary,
                                reply::ButtonStyle::Success => ButtonStyle::Success,
                            })
                            .disabled(b.disabled)
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The message of an interaction response (new message or update), its files listed by
/// name ([`described`]; the bytes go with the HTTP call). Never pings anyone.
pub fn message(reply: &Reply) -> CreateInteractionResponseMessage {
    let mut m = CreateInteractionResponseMessage::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .files(described(reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    if reply.ephemeral {
        m = m.ephemeral(true);
    }
    m
}

/// A new message in a channel (quiz questions, rankings, notices).
pub fn create_message(reply: &Reply) -> CreateMessage {
    let mut m = CreateMessage::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .files(files(reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// An edit of a message the bot posted (a quiz question becoming its reveal).
pub fn edit_message(reply: &Reply) -> EditMessage {
    let mut m = EditMessage::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(files) = new_files(reply) {
        m = m.attachments(files);
    }
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// The same reply as an edit of a deferred response.
pub fn edit(reply: &Reply) -> EditInteractionResponse {
    let mut m = EditInteractionResponse::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(files) = new_files(reply) {
        m = m.attachments(files);
    }
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// The same reply as a followup message.
pub fn followup(reply: &Reply) -> CreateInteractionResponseFollowup {
    let mut m = CreateInteractionResponseFollowup::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .files(described(reply))
        .allowed_mentions(CreateAllowedMentions::new())
        .ephemeral(reply.ephemeral);
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// The JSON body of the interaction response Discord receives for a reply: type 4 (a new
/// message) or 7 (an update of the message a button is on). `summit-bot ask --json` prints it.
pub fn interaction_body(reply: &Reply, update: bool) -> serde_json::Value {
    let message = message(reply);
    let response = if update {
        CreateInteractionResponse::UpdateMessage(message)
    } else {
        CreateInteractionResponse::Message(message)
    };
    body_json(&response)
}

/// A builder as the JSON Discord receives. serenity numbers the attachments of an upload
/// (`"id": 0`); Discord's spec types attachment ids as snowflake strings, so they are sent
/// as `"0"` (Discord accepts both).
pub fn body_json(builder: &impl serde::Serialize) -> serde_json::Value {
    // Serialising a builder of plain strings and numbers cannot fail; Null would show it did.
    let mut body = serde_json::to_value(builder).unwrap_or(serde_json::Value::Null);
    let data = match body.get_mut("data") {
        Some(d) if d.is_object() => d,
        _ => &mut body,
    };
    if let Some(list) = data.get_mut("attachments").and_then(|a| a.as_array_mut()) {
        for a in list {
            if let Some(n) = a.get("id").and_then(serde_json::Value::as_u64) {
                a["id"] = serde_json::Value::String(n.to_string());
            }
        }
    }
    body
}

/// Autocomplete results, at most 25, each within Discord's lengths.
pub fn autocomplete(choices: &[Choice]) -> CreateAutocompleteResponse {
    choices
        .iter()
        .filter(|c| !c.value.is_empty() && reply::chars(&c.value) <= limits::CHOICE_VALUE)
        .take(limits::CHOICES)
        .fold(CreateAutocompleteResponse::new(), |r, c| {
            r.add_string_choice(reply::fit(&c.name, limits::CHOICE_NAME), &c.value)
        })
}

/// One option from its spec and texts.
fn option(bot: &Bot, opt: &OptionSpec, texts: Option<&OptionText>) -> CreateCommandOption {
    let kind = match opt.kind {
        OptionKind::String => CommandOptionType::String,
        OptionKind::Integer { .. } => CommandOptionType::Integer,
        OptionKind::Channel => CommandOptionType::Channel,
    };
    let odesc = texts.map_or(opt.name, |t| t.description_en.as_str());
    let mut o = CreateCommandOption::new(kind, opt.name, odesc).required(opt.required);
    if let Some(t) = texts {
        o = o
            .name_localized(JA, &t.name_ja)
            .description_localized(JA, &t.description_ja);
    }
    match opt.kind {
        OptionKind::String => {
            let max = u16::try_from(opt.max_chars.clamp(1, 6000)).unwrap_or(6000);
            o = o.max_length(max);
        }
        OptionKind::Integer { min, max } => {
            o = o
                .min_int_value(min.max(0) as u64)
                .max_int_value(max.max(0) as u64);
        }
        OptionKind::Channel => {
            o = o.channel_types(vec![ChannelType::Text, ChannelType::News]);
        }
    }
    match opt.offer {
        Offer::Free => {}
        Offer::Autocomplete => o = o.set_autocomplete(true),
        Offer::Choices => {
            for c in fixed_choices(bot, opt) {
                o = o.add_string_choice(reply::fit(&c.name, limits::CHOICE_NAME), c.value);
            }
        }
        Offer::Fixed(values) => {
            for v in values {
                let ja = texts.and_then(|t| t.choices.get(*v));
                o = match ja {
                    Some(ja) => o.add_string_choice_localized(
                        *v,
                        *v,
                        [(JA, reply::fit(ja, limits::CHOICE_NAME))],
                    ),
                    None => o.add_string_choice(*v, *v),
                };
            }
        }
    }
    o
}

/// One slash command from its table entry and its texts in `responses/commands.json`.
pub fn command(bot: &Bot, spec: &CommandSpec) -> CreateCommand {
    let texts = bot.knowledge.commands.get(spec.name);
    let description = texts.map_or(spec.name, |t| t.description_en.as_str());
    let mut cmd = CreateCommand::new(spec.name).description(description);
    if let Some(t) = texts {
        cmd = cmd
            .name_localized(JA, &t.name_ja)
            .description_localized(JA, &t.description_ja);
    }
    if spec.admin {
        // Hidden from members without Manage Server; dispatch checks again on use.
        cmd = cmd
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .dm_permission(false);
    }
    for opt in spec.options {
        let otexts = texts.and_then(|t| t.options.get(opt.name));
        cmd = cmd.add_option(option(bot, opt, otexts));
    }
    for sub in spec.subcommands {
        let stexts = texts.and_then(|t| t.subcommands.get(sub.name));
        let desc = stexts.map_or(sub.name, |t| t.description_en.as_str());
        let mut o = CreateCommandOption::new(CommandOptionType::SubCommand, sub.name, desc);
        if let Some(t) = stexts {
            o = o
                .name_localized(JA, &t.name_ja)
                .description_localized(JA, &t.description_ja);
        }
        for opt in sub.options {
            let otexts = stexts.and_then(|t| t.options.get(opt.name));
            o = o.add_sub_option(option(bot, opt, otexts));
        }
        cmd = cmd.add_option(o);
    }
    cmd
}

/// Every command of the table, for one bulk overwrite.
pub fn commands(bot: &Bot) -> Vec<CreateCommand> {
    COMMANDS.iter().map(|spec| command(bot, spec)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::{dispatch, Action, Invocation, Response};
    use crate::knowledge::{Knowledge, Source};
    use serde_json::Value;

    fn bot() -> Bot {
        Bot::new(Knowledge::load(&Source::Embedded).expect("embedded responses load"))
    }

    fn json(response: CreateInteractionResponse) -> Value {
        serde_json::to_value(response).expect("serializes")
    }

    #[test]
    fn the_body_is_what_discord_expects() {
        let reply = Reply::embed(
            crate::reply::Embed::new("題", "本文")
                .field("項目", "値", true)
                .footer("出典"),
        )
        .with_row(vec![crate::reply::Button {
            custom_id: "v1:s:x:1:2".into(),
            label: "押す".into(),
            style: crate::reply::ButtonStyle::Primary,
            disabled: false,
        }]);
        let body = interaction_body(&reply, false);
        assert_eq!(body["type"], 4);
        assert_eq!(
            body["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
        assert!(body["data"].get("flags").is_none());
        let embed = &body["data"]["embeds"][0];
        assert_eq!(embed["title"], "題");
        assert_eq!(embed["fields"][0]["inline"], true);
        assert_eq!(embed["footer"]["text"], "出典");
        assert_eq!(embed["color"], EMBED_COLOUR);
        let button = &body["data"]["components"][0]["components"][0];
        assert_eq!(body["data"]["components"][0]["type"], 1);
        assert_eq!(button["type"], 2);
        assert_eq!(button["style"], 1);
        assert_eq!(button["custom_id"], "v1:s:x:1:2");

        let secret = interaction_body(&Reply::ephemeral_text("@everyone 内緒"), true);
        assert_eq!(secret["type"], 7);
        assert_eq!(secret["data"]["flags"], 64);
        assert_eq!(secret["data"]["content"], "@everyone 内緒");
        assert_eq!(
            secret["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
    }

    #[test]
    fn a_picture_is_the_embeds_image_and_a_file_with_alt_text() {
        let file = crate::reply::Attachment {
            filename: "timeline.png".into(),
            description: "年表".into(),
            bytes: vec![0x89, b'P', b'N', b'G'].into(),
        };
        let reply = Reply::embed(crate::reply::Embed::new("題", "本文")).with_image(file);
        let body = interaction_body(&reply, true);
        assert_eq!(body["type"], 7);
        assert_eq!(
            body["data"]["embeds"][0]["image"]["url"],
            "attachment://timeline.png"
        );
        assert_eq!(body["data"]["attachments"][0]["filename"], "timeline.png");
        assert_eq!(body["data"]["attachments"][0]["description"], "年表");
        let sent = files(&reply);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].data, vec![0x89, b'P', b'N', b'G']);
        // A reply without files leaves an edited message's files alone.
        assert!(new_files(&Reply::ephemeral_text("x")).is_none());
    }

    #[test]
    fn every_message_forbids_mentions_and_marks_ephemeral() {
        let body = json(CreateInteractionResponse::Message(message(
            &Reply::ephemeral_text("@everyone テスト"),
        )));
        assert_eq!(body["type"], 4);
        assert_eq!(
            body["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
        assert_eq!(body["data"]["flags"], 64);
    }

    #[test]
    fn a_paged_answer_keeps_its_embed_and_buttons() {
        let bot = bot();
        let inv = Invocation {
            user_id: crate::ids::UserId(7),
            user_is_bot: false,
            guild_id: Some(crate::ids::GuildId(1)),
            channel_id: crate::ids::ChannelId(1),
            permissions: Some(0),
            app_permissions: None,
            channel_permissions: Vec::new(),
            now: 1_700_000_000,
            sent: None,
            action: Action::Command {
                name: "summit".into(),
                subcommand: None,
                options: vec![],
            },
        };
        let Response::Message(reply) = dispatch(&bot, &inv).response else {
            panic!("a message")
        };
        let body = json(CreateInteractionResponse::Message(message(&reply)));
        let embed = &body["data"]["embeds"][0];
        assert_eq!(embed["title"], reply.embeds[0].title.as_str());
        assert_eq!(embed["color"], EMBED_COLOUR);
        assert!(body["data"].get("flags").is_none());
        let buttons = reply.rows.iter().flatten().count();
        let sent = body["data"]["components"].as_array().map_or(0, |rows| {
            rows.iter()
                .map(|r| r["components"].as_array().map_or(0, Vec::len))
                .sum()
        });
        assert_eq!(sent, buttons);
    }

    #[test]
    fn registration_names_and_localisations_fit_discord() {
        let bot = bot();
        let body = serde_json::to_value(commands(&bot)).expect("serializes");
        let cmds = body.as_array().expect("an array");
        assert_eq!(cmds.len(), COMMANDS.len());
        for (cmd, spec) in cmds.iter().zip(COMMANDS) {
            assert_eq!(cmd["name"], spec.name);
            let ja = cmd["name_localizations"][JA].as_str().expect("ja name");
            assert!(crate::check::is_command_name(ja), "{ja}");
            assert!(cmd["description_localizations"][JA].is_string());
            assert_eq!(
                cmd.get("default_member_permissions")
                    .and_then(Value::as_str),
                spec.admin.then_some("32")
            );
            for o in cmd["options"].as_array().into_iter().flatten() {
                assert!(o["name_localizations"][JA].is_string(), "{o}");
                let has_choices = o["choices"].as_array().is_some_and(|c| !c.is_empty());
                assert!(
                    !(o["autocomplete"] == Value::Bool(true) && has_choices),
                    "{o}"
                );
            }
        }
    }

    /// No command of today's table is admin-only; the registration of one is checked here.
    #[test]
    fn an_admin_command_registers_with_manage_server_only() {
        let bot = bot();
        let spec = CommandSpec {
            admin: true,
            ..COMMANDS[0]
        };
        let cmd = serde_json::to_value(command(&bot, &spec)).expect("serializes");
        assert_eq!(cmd["default_member_permissions"], "32");
        let plain = serde_json::to_value(command(&bot, &COMMANDS[0])).expect("serializes");
        assert!(plain.get("default_member_permissions").is_none());
    }

    #[test]
    fn autocomplete_keeps_at_most_25() {
        let many: Vec<Choice> = (0..40)
            .map(|i| Choice {
                name: format!("会談{i}"),
                value: format!("id-{i}"),
            })
            .collect();
        let body = json(CreateInteractionResponse::Autocomplete(autocomplete(&many)));
        assert_eq!(body["type"], 8);
        assert_eq!(body["data"]["choices"].as_array().map(Vec::len), Some(25));
    }
}
