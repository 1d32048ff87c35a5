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
    /// Console layout: the rule above an embed, its title, a field, the footer, a button,
    /// an autocomplete choice.
    pub console_rule: String,
    pub console_title: String,
    pub console_field: String,
    pub console_footer: String,
    pub console_button: String,
    pub console_choice: String,
    /// The console's own member, and `/as 名前`.
    pub console_you: String,
    pub console_as: String,
    /// Shown before an edited message is printed again.
    pub console_edited: String,
    /// End of input while a quiz runs.
    pub console_waiting: String,
    /// Discord timestamps (`<t:…:F>`, `<t:…:R>`) as the console prints them, in Japan time:
    /// `{year}` `{month}` `{day}` `{hour}` `{minute}`; relative ones with `{n}` and `{unit}`.
    pub console_time_full: String,
    pub console_time_in: String,
    pub console_time_ago: String,
    pub console_time_now: String,
    /// Seconds, minutes, hours, days.
    pub console_time_units: [String; 4],
    /// The console's one channel, where Discord would show `<#id>`.
    pub console_channel: String,
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
    /// The database cannot be used now (read-only, locked, full); nothing was changed.
    pub store_unavailable: String,
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
    // Layout templates (no Japanese punctuation lives in src/).
    pub bullet: String,
    pub quoted: String,
    /// A bracketed tag such as 【報道ベース・未確認】.
    pub tag: String,
    pub with_note: String,
    pub footer_with_page: String,
    /// The second and later parts of a field cut in pieces.
    pub field_part: String,
    pub meeting_title: String,
    pub timeline_meeting: String,
    pub call_line: String,
    /// A dated record in a list: `{date} {place}：{weak}{summary}`.
    pub record_line: String,
    pub leaders_pair: String,
    pub help_command_name: String,
    /// The command that shows an entry: `/{command} {label}`.
    pub more_command: String,
    /// ISO dates as users read them: `{y}年{m}月{d}日` and `{y}年{m}月`.
    pub date_ymd: String,
    pub date_ym: String,
    // The command table (subcommands, integers, channels, fixed choices).
    /// `{command}`, `{subcommands}`.
    pub missing_subcommand: String,
    /// `{name}`, `{command}`, `{subcommands}`.
    pub unknown_subcommand: String,
    /// `{option}`, `{min}`, `{max}`, `{value}`.
    pub option_integer_range: String,
    /// `{option}`, `{value}`.
    pub option_channel_invalid: String,
    /// `{option}`, `{value}`, `{choices}`.
    pub option_choice_invalid: String,
    /// A Japanese name with the key users may also type: `{name}`, `{key}`.
    pub name_with_key: String,
    // /ask, issue 7.
    /// Between the command names 「わかりません」 lists (built from the command table).
    pub ask_unknown_command_separator: String,
}

impl UiText {
    /// An ISO date (`2026-04-29`) or month (`2018-02`) as users read it; anything else as is.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.trim().split('-').collect();
        let num = |s: &str| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.trim_start_matches('0').to_string())
        };
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => match (num(y), num(m), num(d)) {
                (Some(y), Some(m), Some(d)) => {
                    UiText::fill(&self.date_ymd, &[("y", &y), ("m", &m), ("d", &d)])
                }
                _ => iso.to_string(),
            },
            [y, m] if y.len() == 4 => match (num(y), num(m)) {
                (Some(y), Some(m)) => UiText::fill(&self.date_ym, &[("y", &y), ("m", &m)]),
                _ => iso.to_string(),
            },
            _ => iso.to_string(),
        }
    }

    /// Fills `{slot}`s of a template.
    pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (k, v) in slots {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }
}

/// Every text of the timeline chart (`responses/chart.json`). Templates use `{name}` slots.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChartText {
    pub title: String,
    /// The as-of corner: `{date}`.
    pub as_of: String,
    /// Names of the two lanes, at the left edge.
    pub meetings_lane: String,
    pub calls_lane: String,
    pub legend_standalone_summit: String,
    pub legend_bilateral_sidelines: String,
    pub legend_brief_informal: String,
    pub legend_cancelled: String,
    pub legend_calls: String,
    /// Calls resting on weak sources, drawn lighter.
    pub legend_calls_unconfirmed: String,
    /// The years out of office, shaded, with their label.
    pub out_of_office_from: u16,
    pub out_of_office_to: u16,
    pub out_of_office: String,
    /// The picture told in words (alt text, and the console): `{title}`, `{as_of}`.
    pub alt_title: String,
    /// `{year}`, `{count}`, `{unconfirmed}`, `{meetings}`.
    pub alt_year: String,
    /// `{count}`.
    pub alt_unconfirmed: String,
    /// `{list}`.
    pub alt_meetings: String,
    /// `{city}`, `{format}`.
    pub alt_meeting: String,
    /// How the console names an attached picture: `{filename}`.
    pub console_picture: String,
}

/// Every text of `/quiz` (`responses/quiz_ui.json`). Templates use `{name}` slots.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizText {
    pub bots_cannot_play: String,
    pub group_needs_server: String,
    pub already_running: String,
    pub start_title: String,
    pub start_description: String,
    pub true_label: String,
    pub false_label: String,
    pub choice_marks: Vec<String>,
    pub true_false_marks: Vec<String>,
    pub button_label: String,
    pub question_title: String,
    pub choices_field: String,
    pub deadline_field: String,
    pub deadline_value: String,
    pub footer_group: String,
    pub footer_solo: String,
    pub winner_line: String,
    pub reveal_title: String,
    pub answer_field: String,
    pub explanation_field: String,
    pub more_field: String,
    pub nobody_right: String,
    pub winners_field: String,
    pub footer_reveal: String,
    pub missed_line: String,
    pub missed_field: String,
    pub footer_ranking: String,
    pub no_scores: String,
    pub rank_line: String,
    pub solo_not_yours: String,
    pub quiz_over: String,
    pub round_over: String,
    pub already_answered: String,
    pub answer_received: String,
    pub solo_late: String,
    pub solo_right: String,
    pub solo_wrong: String,
    pub solo_result_title: String,
    pub abandoned: String,
    pub ranking_title: String,
    pub stopped_title: String,
    pub nothing_to_stop: String,
    pub stop_not_allowed: String,
    pub interrupted_title: String,
    pub interrupted: String,
    /// The next question could not be stored (the database failed): the quiz ends here.
    pub store_failed: String,
    pub leaderboard_title: String,
    pub footer_leaderboard: String,
    pub me_nothing: String,
    pub me_title: String,
    pub me_description: String,
    pub no_rank: String,
    pub review_nothing: String,
    pub review_title: String,
    pub review_description: String,
    pub review_item: String,
    pub review_practise: String,
}

/// Every text of `/daily` (`responses/daily_ui.json`). Templates use `{name}` slots.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DailyText {
    pub off: String,
    pub bad_time: String,
    pub bad_zone: String,
    pub perm_view: String,
    pub perm_send: String,
    pub perm_embed: String,
    pub missing_permission: String,
    pub set_done: String,
    pub not_set: String,
    pub status_title: String,
    pub status_channel: String,
    pub status_time: String,
    pub status_time_value: String,
    pub status_next: String,
    pub status_next_value: String,
    pub status_off: String,
    pub status_deck: String,
    pub status_deck_value: String,
    pub status_last: String,
    pub status_last_value: String,
    pub status_last_late: String,
    pub status_last_unsent: String,
    pub status_never: String,
    pub status_error: String,
    pub error_no_channel: String,
    /// A post Discord failed (5xx, 429, no connection) through every retry: `{date}`,
    /// `{status}` (`HTTP 500` or [`Self::error_no_answer`]).
    pub error_failed: String,
    pub error_no_answer: String,
    pub preview_note: String,
    pub post_title: String,
    pub more: String,
    pub post_footer: String,
    pub post_marker: String,
    pub error_forbidden: String,
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
    #[serde(default)]
    pub subcommands: BTreeMap<String, SubcommandText>,
}

/// Texts of a subcommand (`/quiz start` → クイズ 開始).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubcommandText {
    pub name_ja: String,
    pub description_ja: String,
    pub description_en: String,
    #[serde(default)]
    pub options: BTreeMap<String, OptionText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionText {
    pub name_ja: String,
    pub description_ja: String,
    pub description_en: String,
    /// Japanese names of fixed choices, by value.
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
}

/// `responses/commands.json`: command name → its texts.
pub type CommandTexts = BTreeMap<String, CommandText>;
