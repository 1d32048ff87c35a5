//! The knowledge base: everything the bot says, loaded from `responses/`.
//!
//! By default the JSON is embedded in the binary so the bot runs from any directory;
//! `--responses DIR` (or `SUMMIT_RESPONSES`) reads a folder instead, so content can be
//! edited without a rebuild. Loading validates everything and names the file and entry
//! of the first problems it finds.

pub mod ask;
pub mod model;
pub mod quiz;
pub mod text;
mod validate;

pub use model::*;
pub use quiz::{QuizEntry, QuizFile, QuizTemplates};
pub use text::{
    ChartText, CommandText, CommandTexts, DailyText, OptionText, QuizText, SubcommandText, UiText,
};
pub use validate::{file_of, placeholder_in};

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where the JSON comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Embedded,
    Dir(PathBuf),
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/responses/", $name)))),*]
    };
}

/// Every file of `responses/`, embedded at build time.
const EMBEDDED: &[(&str, &str)] = embedded!(
    "meta.json",
    "meetings.json",
    "calls.json",
    "history.json",
    "zelensky.json",
    "topics.json",
    "qa.json",
    "reactions.json",
    "comparisons.json",
    "myths.json",
    "people.json",
    "facts.json",
    "synonyms.json",
    "ui.json",
    "commands.json",
    "quiz_ui.json",
    "daily_ui.json",
    "chart.json",
    "quiz.json",
    "quiz_templates.json",
    "ask.json",
);

/// A problem in `responses/`, naming the file and, where there is one, the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub entry: Option<String>,
    pub message: String,
}

impl LoadError {
    pub fn new(file: &str, entry: Option<&str>, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            entry: entry.map(str::to_string),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(e) => write!(
                f,
                "responses/{}: entry \"{}\": {}",
                self.file, e, self.message
            ),
            None => write!(f, "responses/{}: {}", self.file, self.message),
        }
    }
}

/// All problems found, so one `check` run shows everything to fix.
#[derive(Debug, Clone)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// The comparison whose card lists the Trump–Zelensky meetings of `responses/zelensky.json`:
/// the one comparison with records of the other pair's meetings.
pub const ZELENSKY_LIST: &str = "zelensky";

/// Surface forms that mean the same concept, for the matcher (`responses/synonyms.json`).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    /// Canonical concept → the surface forms users type.
    pub groups: std::collections::BTreeMap<String, Vec<String>>,
    /// Phrases stripped from questions before matching (について, 教えて…).
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Stems of greetings, request forms and hedges: a clause is cut from one to its end.
    #[serde(default)]
    pub courtesies: Vec<String>,
    /// Words that mark a question as about something else (安倍, 誕生日…).
    #[serde(default)]
    pub out_of_scope: Vec<String>,
    /// Words out of scope unless the question compares (a pair of countries whose
    /// summits a comparison entry sets beside the US–Russia ones: 米中 for Trump–Xi):
    /// group → surfaces; in a comparison they stand for the group.
    #[serde(default)]
    pub compared_only: std::collections::BTreeMap<String, Vec<String>>,
    /// Groups that name people: a question naming two of them is about their meeting,
    /// answered only by an entry that names both (バイデンと習近平 is not ours).
    #[serde(default)]
    pub leaders: Vec<String>,
    /// Classes of groups that each name one thing (people, places, years): an entry
    /// named after one member fits a question naming another member of its class worse.
    #[serde(default)]
    pub name_classes: Vec<Vec<String>>,
    /// Groups every meeting's record answers by its nature (what was said, discussed,
    /// agreed; when, where, who): a meeting named explains them in a question.
    #[serde(default)]
    pub record_aspects: Vec<String>,
    /// How clauses that give context and sentences that ask end.
    #[serde(default)]
    pub clauses: ClauseGrammar,
    /// Core words → the homophones a phone's kana-to-kanji conversion or voice input
    /// writes for them (会談 → 怪談, 階段): read as the word before matching.
    #[serde(default)]
    pub misconversions: std::collections::BTreeMap<String, Vec<String>>,
    /// Core words → their readings in kana, as typed when the conversion is skipped
    /// (世論調査 → よろんちょうさ, 夕食会 → ゆうしょくかい): read as the word before matching,
    /// as the misconversions are.
    #[serde(default)]
    pub unconverted: std::collections::BTreeMap<String, Vec<String>>,
}

/// How a clause that gives context ends (「…ですが、」「…ていたら、」), and how a sentence
/// that asks ends (か, の, かな…): a long question is scored by its ask, its context
/// counting less.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseGrammar {
    #[serde(default)]
    pub context_endings: Vec<String>,
    #[serde(default)]
    pub ask_endings: Vec<String>,
    /// How a sentence that tells ends (「…見ました」), for sentences parted by a space.
    #[serde(default)]
    pub statement_endings: Vec<String>,
}

/// The whole dataset, validated.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub meta: Meta,
    pub meetings: Vec<Meeting>,
    pub calls: PhoneCalls,
    pub history: Vec<PastSummit>,
    pub zelensky: Vec<ZelenskyMeeting>,
    pub topics: Vec<Entry>,
    pub qa: Vec<Entry>,
    pub reactions: Vec<Entry>,
    pub comparisons: Vec<Entry>,
    pub myths: Vec<Entry>,
    pub people: Vec<Entry>,
    pub facts: Vec<Fact>,
    pub synonyms: Synonyms,
    pub ui: UiText,
    pub commands: CommandTexts,
    pub quiz_ui: QuizText,
    pub daily_ui: DailyText,
    /// Texts of the timeline chart.
    pub chart: ChartText,
    /// Hand-written quiz questions; checked by the quiz bank, which also generates more.
    pub quiz: QuizFile,
    pub quiz_templates: QuizTemplates,
    /// What questions ask and the templates of `/ask`'s direct sentences.
    pub ask: ask::AskText,
}

/// What kind of thing an id names; decides which command shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Meeting,
    Calls,
    PastSummit,
    Topic,
    Qa,
    Reaction,
    Comparison,
    Myth,
    Person,
}

/// A borrowed view of anything with an id.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Meeting(&'a Meeting),
    Calls(&'a PhoneCalls),
    PastSummit(&'a PastSummit),
    Entry(Kind, &'a Entry),
}

impl<'a> Item<'a> {
    pub fn kind(&self) -> Kind {
        match self {
            Item::Meeting(_) => Kind::Meeting,
            Item::Calls(_) => Kind::Calls,
            Item::PastSummit(_) => Kind::PastSummit,
            Item::Entry(k, _) => *k,
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            Item::Meeting(m) => &m.id,
            Item::Calls(c) => &c.entry.id,
            Item::PastSummit(p) => &p.id,
            Item::Entry(_, e) => &e.id,
        }
    }

    /// The short name shown in lists and buttons.
    pub fn label(&self) -> String {
        match self {
            Item::Meeting(m) => format!("{} {}", m.date_label, m.city_ja),
            Item::Calls(c) => c.entry.title.clone(),
            Item::PastSummit(p) => format!("{} {}", p.date_label, p.place),
            Item::Entry(_, e) => e.title.clone(),
        }
    }

    /// Whether `/ask` may answer with it (not a retelling of another record).
    pub fn searchable(&self) -> bool {
        !matches!(self, Item::PastSummit(p) if p.same_as.is_some())
    }

    /// Names users may type for it.
    pub fn aliases(&self) -> &'a [String] {
        match self {
            Item::Meeting(m) => &m.aliases,
            Item::Calls(c) => &c.entry.aliases,
            Item::PastSummit(p) => &p.aliases,
            Item::Entry(_, e) => &e.aliases,
        }
    }

    /// Sample questions (index only).
    pub fn questions(&self) -> &'a [String] {
        match self {
            Item::Meeting(m) => &m.questions,
            Item::Calls(c) => &c.entry.questions,
            Item::PastSummit(p) => &p.questions,
            Item::Entry(_, e) => &e.questions,
        }
    }

    /// Extra search words (index only).
    pub fn keywords(&self) -> &'a [String] {
        match self {
            Item::Calls(c) => &c.entry.keywords,
            Item::Entry(_, e) => &e.keywords,
            _ => &[],
        }
    }
}

impl Knowledge {
    /// Loads and validates the embedded dataset.
    pub fn embedded() -> Result<Knowledge, LoadErrors> {
        Knowledge::load(&Source::Embedded)
    }

    pub fn load(source: &Source) -> Result<Knowledge, LoadErrors> {
        let knowledge = parse_all(source).map_err(|e| LoadErrors(vec![e]))?;
        let problems = validate::validate(&knowledge);
        if problems.is_empty() {
            Ok(knowledge)
        } else {
            Err(LoadErrors(problems))
        }
    }

    /// Every item with an id, in a stable order.
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> {
        fn entries(kind: Kind, list: &[Entry]) -> Vec<Item<'_>> {
            list.iter().map(|e| Item::Entry(kind, e)).collect()
        }
        let mut out: Vec<Item<'_>> = self.meetings.iter().map(Item::Meeting).collect();
        out.push(Item::Calls(&self.calls));
        out.extend(self.history.iter().map(Item::PastSummit));
        out.extend(entries(Kind::Topic, &self.topics));
        out.extend(entries(Kind::Qa, &self.qa));
        out.extend(entries(Kind::Reaction, &self.reactions));
        out.extend(entries(Kind::Comparison, &self.comparisons));
        out.extend(entries(Kind::Myth, &self.myths));
        out.extend(entries(Kind::Person, &self.people));
        out.into_iter()
    }

    /// The item with this id (searched in place: answers look items up many times, and
    /// [`Self::items`] builds a list).
    pub fn item(&self, id: &str) -> Option<Item<'_>> {
        fn entry<'a>(kind: Kind, list: &'a [Entry], id: &str) -> Option<Item<'a>> {
            list.iter()
                .find(|e| e.id == id)
                .map(|e| Item::Entry(kind, e))
        }
        if let Some(m) = self.meetings.iter().find(|m| m.id == id) {
            return Some(Item::Meeting(m));
        }
        if self.calls.entry.id == id {
            return Some(Item::Calls(&self.calls));
        }
        if let Some(p) = self.history.iter().find(|p| p.id == id) {
            return Some(Item::PastSummit(p));
        }
        entry(Kind::Topic, &self.topics, id)
            .or_else(|| entry(Kind::Qa, &self.qa, id))
            .or_else(|| entry(Kind::Reaction, &self.reactions, id))
            .or_else(|| entry(Kind::Comparison, &self.comparisons, id))
            .or_else(|| entry(Kind::Myth, &self.myths, id))
            .or_else(|| entry(Kind::Person, &self.people, id))
    }

    /// The short name of anything a `related` list may name.
    pub fn label_of(&self, id: &str) -> Option<String> {
        if let Some(item) = self.item(id) {
            return Some(item.label());
        }
        self.zelensky
            .iter()
            .find(|z| z.id == id)
            .map(|z| format!("{} {}", z.date_label, z.place))
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// Counts per kind, as `summit-bot check` prints them.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("meetings", self.meetings.len()),
            ("phone calls (dated)", self.calls.calls.len()),
            ("past summits", self.history.len()),
            ("trump-zelensky meetings", self.zelensky.len()),
            ("topics", self.topics.len()),
            ("q&a", self.qa.len()),
            ("reactions", self.reactions.len()),
            ("comparisons", self.comparisons.len()),
            ("myths", self.myths.len()),
            ("people", self.people.len()),
            ("facts", self.facts.len()),
            ("corrections", self.meta.corrections.len()),
            ("synonym groups", self.synonyms.groups.len()),
            ("commands", self.commands.len()),
            ("quiz questions (hand-written)", self.quiz.questions.len()),
        ]
    }
}

/// The files of `responses/` the loader reads, in the order it reads them.
pub fn data_files() -> impl ExactSizeIterator<Item = &'static str> {
    EMBEDDED.iter().map(|(name, _)| *name)
}

fn read(source: &Source, file: &str) -> Result<String, LoadError> {
    match source {
        Source::Embedded => EMBEDDED
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| LoadError::new(file, None, "not embedded")),
        Source::Dir(dir) => std::fs::read_to_string(dir.join(file))
            .map_err(|e| LoadError::new(file, None, format!("cannot read: {e}"))),
    }
}

/// Parses a file to JSON, then checks every string for emptiness and placeholders.
fn parse_value(file: &str, text: &str) -> Result<Value, LoadError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| LoadError::new(file, None, format!("malformed JSON: {e}")))?;
    validate::strings(file, &value)?;
    Ok(value)
}

/// An entry's id, or its place in the list (`#3`) when it has no usable id (missing, not
/// text, or blank: an error must still say which entry).
fn entry_name(value: &Value, index: usize) -> String {
    value
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("#{}", index + 1))
}

fn parse_list<T: DeserializeOwned>(source: &Source, file: &str) -> Result<Vec<T>, LoadError> {
    let value = parse_value(file, &read(source, file)?)?;
    let Value::Array(items) = value else {
        return Err(LoadError::new(file, None, "expected a JSON array"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let name = entry_name(&item, i);
            serde_json::from_value(item)
                .map_err(|e| LoadError::new(file, Some(&name), e.to_string()))
        })
        .collect()
}

fn parse_object<T: DeserializeOwned>(source: &Source, file: &str) -> Result<T, LoadError> {
    let value = parse_value(file, &read(source, file)?)?;
    serde_json::from_value(value).map_err(|e| LoadError::new(file, None, e.to_string()))
}

fn parse_all(source: &Source) -> Result<Knowledge, LoadError> {
    Ok(Knowledge {
        meta: parse_object(source, "meta.json")?,
        meetings: parse_list(source, "meetings.json")?,
        calls: parse_object(source, "calls.json")?,
        history: parse_list(source, "history.json")?,
        zelensky: parse_list(source, "zelensky.json")?,
        topics: parse_list(source, "topics.json")?,
        qa: parse_list(source, "qa.json")?,
        reactions: parse_list(source, "reactions.json")?,
        comparisons: parse_list(source, "comparisons.json")?,
        myths: parse_list(source, "myths.json")?,
        people: parse_list(source, "people.json")?,
        facts: parse_list(source, "facts.json")?,
        synonyms: parse_object(source, "synonyms.json")?,
        ui: parse_object(source, "ui.json")?,
        commands: parse_object(source, "commands.json")?,
        quiz_ui: parse_object(source, "quiz_ui.json")?,
        daily_ui: parse_object(source, "daily_ui.json")?,
        chart: parse_object(source, "chart.json")?,
        quiz: parse_object(source, "quiz.json")?,
        quiz_templates: parse_object(source, "quiz_templates.json")?,
        ask: parse_object(source, "ask.json")?,
    })
}

/// The folder named by `--responses` or `SUMMIT_RESPONSES`, if any.
pub fn source_from(dir: Option<&Path>) -> Source {
    match dir {
        Some(d) => Source::Dir(d.to_path_buf()),
        None => Source::Embedded,
    }
}
