//! The quiz's files: hand-written questions (`responses/quiz.json`) and the templates the
//! generated questions are written with (`responses/quiz_templates.json`).
//!
//! Plain data. Every field of a hand-written question is optional here so that the bank,
//! which checks them, can name each missing field instead of stopping at the first.

use serde::{Deserialize, Serialize};

/// `responses/quiz.json`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub questions: Vec<QuizEntry>,
}

/// One hand-written question: four choices (`question`, `answer`, `wrong`) or a statement
/// to judge true or false (`statement`, `truth`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizEntry {
    pub id: Option<String>,
    /// `meetings`, `agenda`, `reactions`, `myths` or `history`.
    pub topic: Option<String>,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub wrong: Option<Vec<String>>,
    pub statement: Option<String>,
    pub truth: Option<bool>,
    pub explanation: Option<String>,
    /// The id of the entry, meeting or Trump–Zelensky meeting it rests on.
    pub source: Option<String>,
}

/// A template for a generated multiple-choice question. `{slot}`s are filled from a record.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceTemplate {
    pub prompt: String,
    pub explanation: String,
}

/// A template for a generated true-or-false statement: the same sentence is filled with the
/// record's value (true) or another record's value (false).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatementTemplate {
    pub statement: String,
    pub explanation: String,
}

/// A labelled field of an entry that holds one actor's position (「米国の立場」).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PositionField {
    /// The field's name in the entry, exactly.
    pub field: String,
    /// ASCII key used in question ids, e.g. `us`.
    pub key: String,
}

/// `responses/quiz_templates.json`: every text of a generated question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizTemplates {
    /// A value containing one of these (「未確認」, 「報道ベース」…) is never an answer.
    pub weak_markers: Vec<String>,
    /// Where a place's leading name ends (「（」, 「、」): two places with the same leading
    /// name (two rooms of the White House) are never offered side by side.
    pub place_delimiters: Vec<String>,
    /// Annotations dropped from option texts, e.g. 「（元記事）」.
    pub annotations: Vec<String>,
    /// The brackets of an aside at the end of a value (「（」「）」), dropped from some options.
    pub aside_open: String,
    pub aside_close: String,
    /// The end of a sentence: options keep their first sentence, explanations whole ones.
    pub sentence_end: String,
    /// The prefix of a myth's title (「誤解：」), dropped to get the claim.
    pub myth_prefix: String,
    /// `{year}`, `{month}`, `{day}`.
    pub date_day: String,
    /// `{year}`, `{month}`.
    pub date_month: String,
    /// `{year}`.
    pub year: String,
    /// `{count}`.
    pub count: String,
    /// `{us}`, `{ru}`.
    pub leader_pair: String,
    /// `{city}`, `{country}`.
    pub place_in_country: String,
    /// The field of a reaction entry that holds the actor's basic stance.
    pub stance_field: String,
    /// The fields of agenda entries that hold each side's position.
    pub position_fields: Vec<PositionField>,

    /// Slots: `{date}` (the meeting's date label), `{city}`, `{country}`, `{format}`.
    pub meeting_place: ChoiceTemplate,
    /// `{month}`, `{city}`, `{country}`: a meeting announced and never held.
    pub meeting_planned_place: ChoiceTemplate,
    /// `{date}`, `{city}`, `{country}`, `{occasion}`.
    pub meeting_date: ChoiceTemplate,
    /// `{date}`, `{city}`, `{occasion}`.
    pub meeting_occasion: ChoiceTemplate,
    /// `{date}`, `{city}`, `{duration}`, `{format}`.
    pub meeting_duration: ChoiceTemplate,
    /// `{date}`, `{city}` (the statement's city), `{true_city}`, `{country}`.
    pub meeting_place_statement: StatementTemplate,
    /// `{date}`, `{city}`, `{format}` (the statement's format), `{true_format}`.
    pub meeting_format_statement: StatementTemplate,
    /// `{date}`, `{city}`, `{item}`.
    pub meeting_agenda_statement: StatementTemplate,
    /// `{year}`, `{count}`, `{note}` (empty or the year's note).
    pub calls_year_count: ChoiceTemplate,
    /// `{year}`, `{count}`, `{note}`.
    pub calls_count_year: ChoiceTemplate,
    /// `{date}`, `{summary}`.
    pub call_date: ChoiceTemplate,
    /// `{date}`, `{summary}`.
    pub call_summary: ChoiceTemplate,
    /// Past summits: `{date}`, `{place}`, `{city}` (the place's leading name), `{leaders}`,
    /// `{outcome}` (its first sentence).
    pub past_date: ChoiceTemplate,
    pub past_leaders: ChoiceTemplate,
    pub past_place: ChoiceTemplate,
    /// `{date}`, `{place}`, `{city}`, `{leaders}` (the statement's), `{true_leaders}`.
    pub past_statement: StatementTemplate,
    /// `{date}`, `{place}`, `{summary}`.
    pub zelensky_place: ChoiceTemplate,
    /// `{date}`, `{place}`, `{summary}`.
    pub zelensky_date: ChoiceTemplate,
    /// `{claim}`, `{fact}` (the myth's summary, whole sentences).
    pub myth_statement: StatementTemplate,
    /// `{title}`, `{stance}`.
    pub reaction_stance: ChoiceTemplate,
    /// `{title}`, `{field}`, `{position}`.
    pub agenda_position: ChoiceTemplate,
}
