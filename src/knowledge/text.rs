//! UI messages and command texts (`responses/ui.json`, `responses/commands.json`).
//!
//! Typed, so a missing message fails at load time, naming the file and the key.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every fixed sentence and label the bot shows. Templates use `{name}` slots.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UiText {
    // Console.
    pub console_started: String,
    pub console_prompt: String,
    pub console_buttons_hint: String,
    pub console_ephemeral_mark: String,
    pub console_no_buttons: String,
    pub console_bye: String,
    pub console_not_a_command: String,
    // Errors a user caused.
    pub unknown_command: String,
    pub unknown_option: String,
    pub missing_option: String,
    pub not_found: String,
    pub not_found_suggest: String,
    pub input_empty: String,
    pub input_too_long: String,
    pub button_invalid: String,
    pub button_expired: String,
    pub button_not_yours: String,
    pub admin_only: String,
    pub guild_only: String,
    pub internal_error: String,
    // /ask (issue 3) adds its messages here.
    /// 「もしかして」 with `{question}`.
    pub ask_suggest: String,
    pub ask_unknown_title: String,
    /// `{question}`: what the bot knows, said when it cannot answer.
    pub ask_unknown_description: String,
    pub ask_unknown_try: String,
    pub ask_unknown_examples: String,
    pub ask_unknown_commands: String,
    /// `summit-bot ask ""` on stderr.
    pub ask_cli_empty: String,
    // Labels of meeting embeds.
    pub label_date: String,
    pub label_place: String,
    pub label_venue: String,
    pub label_occasion: String,
    pub label_format: String,
    pub label_duration: String,
    pub label_participants: String,
    pub label_agenda: String,
    pub label_significance: String,
    pub label_article_note: String,
    pub label_related: String,
    pub unverified: String,
    pub weak_source: String,
    pub format_standalone_summit: String,
    pub format_bilateral_sidelines: String,
    pub format_brief_informal: String,
    pub format_cancelled: String,
    /// `{sources}` and `{as_of}`.
    pub footer: String,
    /// `{as_of}`: the footer of overviews.
    pub footer_general: String,
    pub page_prev: String,
    pub page_next: String,
    /// `{page}` and `{pages}`.
    pub page_indicator: String,
    pub list_separator: String,
    // Timeline (/summit without an argument).
    pub timeline_title: String,
    pub timeline_description: String,
    pub timeline_calls: String,
    // Myths.
    pub myth_title: String,
    pub myth_fact: String,
    // Calls, comparisons, history.
    pub calls_by_year: String,
    pub calls_dated: String,
    /// `{year}` and `{count}`.
    pub calls_year_line: String,
    pub zelensky_meetings: String,
    pub past_summits: String,
    pub past_summit_leaders: String,
    pub past_summit_agenda: String,
    // /fact, /help, /about.
    pub fact_title: String,
    pub help_title: String,
    pub help_description: String,
    pub help_examples: String,
    pub about_title: String,
    pub about_as_of: String,
    pub about_sources: String,
    pub about_corrections: String,
    /// `{article}` and `{record}`.
    pub about_correction_line: String,
    // The Discord front-end (issue 4) adds its messages here.
    /// For the operator, Japanese then English: the token was refused (close 4004 or 401).
    pub discord_invalid_token: String,
    // /ask, issue 7.
    /// Between the command names 「わかりません」 lists (built from the command table).
    pub ask_unknown_command_separator: String,
}

impl UiText {
    /// Fills `{slot}`s of a template.
    pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (k, v) in slots {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }
}

/// Texts of one slash command: its Japanese name and descriptions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommandText {
    pub name_ja: String,
    pub description_ja: String,
    pub description_en: String,
    /// One example line shown by /help, e.g. `/summit ヘルシンキ`.
    pub example: String,
    /// For commands that show a list when their name option is left out.
    #[serde(default)]
    pub list_title: Option<String>,
    #[serde(default)]
    pub list_description: Option<String>,
    #[serde(default)]
    pub options: BTreeMap<String, OptionText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionText {
    pub name_ja: String,
    pub description_ja: String,
    pub description_en: String,
}

/// `responses/commands.json`: command name → its texts.
pub type CommandTexts = BTreeMap<String, CommandText>;
