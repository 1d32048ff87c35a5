//! The serde model of `responses/`: one struct per file kind, plain data.
//!
//! Every user-facing sentence lives in the JSON; this file only names the shapes.

use serde::{Deserialize, Serialize};

/// `responses/meta.json`: what the dataset is, when it was checked, where it came from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// ISO date the dataset was last checked against the public record.
    pub as_of: String,
    /// One-paragraph description shown by `/about`.
    pub about: String,
    /// The sources, in the order `/about` lists them.
    pub sources: Vec<String>,
    /// Where the article and the public record differ.
    pub corrections: Vec<Correction>,
}

/// One error of the source article and what the record says instead.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub id: String,
    /// Short label, e.g. 「アラスカ会談」.
    pub topic: String,
    pub article_claim: String,
    pub record: String,
}

/// How an in-person encounter took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// A summit held for its own sake (Helsinki 2018, Anchorage 2025).
    StandaloneSummit,
    /// A scheduled bilateral on the sidelines of a multilateral meeting.
    BilateralSidelines,
    /// A handshake, pull-aside or short chat.
    BriefInformal,
    /// Planned, announced, not held.
    Cancelled,
}

/// `responses/meetings.json`: one record per Trump–Putin in-person encounter (or planned one).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Stable ASCII id, e.g. `helsinki-2018`.
    pub id: String,
    /// ISO date `YYYY-MM-DD` (the first day when it spans several).
    pub date: String,
    /// Japanese date as shown to users, e.g. 「2017年11月10〜11日」.
    pub date_label: String,
    pub city_ja: String,
    pub city_en: String,
    pub country_ja: String,
    pub country_en: String,
    pub venue: String,
    pub occasion: String,
    /// The multilateral gathering it took place at (G20大阪サミット), for direct answers.
    #[serde(default)]
    pub event: Option<String>,
    pub format: MeetingFormat,
    /// None renders as 「未確認」.
    pub duration: Option<String>,
    pub participants: Vec<String>,
    pub agenda: Vec<String>,
    pub outcome: String,
    /// Geopolitical meaning of the venue and the meeting.
    pub significance: String,
    /// One short line on what the article said where it differs from the record.
    #[serde(default)]
    pub article_note: Option<String>,
    pub sources: Vec<String>,
    /// What users may type: city names in kana/kanji/English, years, 「ヘルシンキ会談」…
    pub aliases: Vec<String>,
    /// Sample questions users ask about this meeting (feed the /ask index, never shown).
    #[serde(default)]
    pub questions: Vec<String>,
}

/// A name/value pair shown as an embed field.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    pub value: String,
    #[serde(default)]
    pub inline: bool,
}

/// The common shape of topics, reactions, comparisons, myths, people and Q&A entries.
///
/// For a myth, `title` is the misconception and `summary` the fact.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable ASCII id, unique across the whole dataset.
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub article_note: Option<String>,
    pub sources: Vec<String>,
    /// Names users may type for it (any script).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Sample questions (feed the /ask index, never shown).
    #[serde(default)]
    pub questions: Vec<String>,
    /// Extra search words (feed the /ask index, never shown).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Ids of other entries or meetings shown as 「関連」.
    #[serde(default)]
    pub related: Vec<String>,
}

/// `responses/calls.json`: the phone calls, summarised.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneCalls {
    #[serde(flatten)]
    pub entry: Entry,
    pub by_year: Vec<YearCount>,
    pub calls: Vec<PhoneCall>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearCount {
    pub year: u16,
    pub count: u16,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneCall {
    /// ISO date, or `YYYY-MM` when only the month is known.
    pub date: String,
    pub summary: String,
    /// Resting only on weak sources: shown as 「報道ベース・未確認」.
    #[serde(default)]
    pub weak: bool,
}

/// `responses/history.json`: earlier US–Russia (US–Soviet) summits.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PastSummit {
    pub id: String,
    /// The Trump–Putin meeting this record retells from the history table's angle:
    /// `/ask` answers with that meeting instead, so one summit is not offered twice.
    #[serde(default)]
    pub same_as: Option<String>,
    pub date: String,
    pub date_label: String,
    pub place: String,
    pub us_leader: String,
    pub ru_leader: String,
    pub agenda: String,
    pub outcome: String,
    #[serde(default)]
    pub article_note: Option<String>,
    pub sources: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
}

/// `responses/zelensky.json`: Trump–Zelensky in-person meetings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ZelenskyMeeting {
    pub id: String,
    pub date: String,
    pub date_label: String,
    pub place: String,
    pub summary: String,
    /// false for meetings known only from weak sources (「報道ベース・未確認」).
    pub verified: bool,
    pub sources: Vec<String>,
}

/// `responses/facts.json`: one short fact for `/fact` and the daily post.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub text: String,
    pub source: String,
    /// Id of the entry or meeting it comes from, shown as a pointer.
    #[serde(default)]
    pub related: Option<String>,
}
