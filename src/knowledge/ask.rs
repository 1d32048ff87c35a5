//! `responses/ask.json`: how questions say what they ask, and the templates of the direct
//! sentence `/ask` puts above a card.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a question asks of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asked {
    /// How many times (何回): counted from the records.
    Count,
    /// Which of two lasted longer (どっちが長い).
    Longer,
    /// Who someone is (何者, どんな人): their own page, not a meeting they attended.
    Identity,
    Duration,
    When,
    Where,
    Who,
    Outcome,
    Format,
    Occasion,
    Why,
    Agenda,
}

/// The words by which a question marks what it asks (see `search::field`): the field
/// whose words they attach to is the one asked, not one the question only mentions.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldWords {
    /// Interrogatives, in any script (何, いつ, どこ, どの, どんな, なぜ; what, which, how,
    /// when, where, who, why): a field's words that hold one, or that one follows or
    /// precedes in the same clause (「理由は何」, 「どのような顔ぶれ」), are asked.
    #[serde(default)]
    pub interrogatives: Vec<String>,
    /// Requests and wishes to know (教えて, 知りたい, ご教示, お聞かせ; tell me, explain):
    /// the field's words they follow in the same clause (「理由を教えて」) are asked.
    #[serde(default)]
    pub requests: Vec<String>,
    /// English words that follow an interrogative that asks (was, did, long, many…): a
    /// `when` or `where` inside a clause with none of them after it joins clauses
    /// ("… come up when people talk …") and asks nothing.
    #[serde(default)]
    pub inversions: Vec<String>,
    /// English words after which an interrogative inside a clause still asks (know, tell,
    /// me, and, or…): "tell me where", "and who attended".
    #[serde(default)]
    pub embeddings: Vec<String>,
    /// The ways a question says the two met or held a meeting (会談した, 会った, 接触した;
    /// meet, met): asked whether they did, with no field asked, it asks of the meeting's
    /// format (a summit, a brief contact, called off).
    #[serde(default)]
    pub met: Vec<String>,
    /// Particles (は, が, の, って…): an interrogative typed in hiragana right after
    /// hiragana other than these or the ends of longer ones (`particle_ends`: から, より)
    /// is inside another word (「だなんで」 is ダナン＋で; 「側からどんな人たち」 asks).
    #[serde(default)]
    pub particles: Vec<String>,
    #[serde(default)]
    pub particle_ends: Vec<String>,
    /// What reads as an interrogative and asks nothing (「なんです」 is な＋んです,
    /// 「どこまで」 asks how far).
    #[serde(default)]
    pub not_asking: Vec<String>,
    /// What may stand between a field's words and a request for them (を, も, について,
    /// ご): 「開催日をご教示」 asks the date, 「公式・非公式を含めてご教示」 not the format.
    #[serde(default)]
    pub links: Vec<String>,
    /// What after an interrogative makes it a quantifier, not a question: always (「何度も
    /// 会っている」, 「いつも」), or when more of the clause follows (「何回か会った」,
    /// 「どこかで」; not 「いつかな」).
    #[serde(default)]
    pub universal: Vec<String>,
    #[serde(default)]
    pub indefinite: Vec<String>,
    /// Particles that say where (or by what means) something was done (で): a question
    /// whether they met there (「鏡の間でやったってほんと？」) checks the place.
    #[serde(default)]
    pub place_marks: Vec<String>,
    /// Coordinating particles between nouns (と, や) and the particle of a verb's object
    /// (を): fields joined by the one to a field asked, or the object of a request past an
    /// adverb, are asked as well (「場所と日付を正確に知りたい」; see `search::conjoined`).
    #[serde(default)]
    pub coordinators: Vec<String>,
    #[serde(default)]
    pub objects: Vec<String>,
    /// The ends of a verb's conjunctive form (て, で): an object before one is that verb's
    /// (「非公式を含めて教えて」), not the request's.
    #[serde(default)]
    pub conjunctive: Vec<String>,
    /// Verbs of holding (やった, 開催された, 行われた): they say the two met only of a
    /// meeting (`meeting_nouns`) right before them, joined by particles (「会談ってやったん
    /// だっけ？」; not 「共同記者会見が行われたのか」).
    #[serde(default)]
    pub held: Vec<String>,
    #[serde(default)]
    pub meeting_nouns: Vec<String>,
    /// Topic particles (は, って): with no interrogative, the field a question takes as its
    /// topic is the one it checks (「理由はケルチ海峡の件ですか？」).
    #[serde(default)]
    pub topics: Vec<String>,
    /// English copulas (was, is), prepositions of place (in, at), and pronouns and
    /// articles: a check with no interrogative, a copula right before a preposition of
    /// place ("was in Ljubljana, right?") asks where; a copula, a name, then one ("Was
    /// Bolton at the meeting?") asks who.
    #[serde(default)]
    pub copulas: Vec<String>,
    #[serde(default)]
    pub locatives: Vec<String>,
    #[serde(default)]
    pub determiners: Vec<String>,
    /// Copulas that check (だっけ, でしたっけ): after a place the meetings were held in
    /// (「ヘルシンキだったっけ？」), with no interrogative, they ask where.
    #[serde(default)]
    pub copula_checks: Vec<String>,
}

/// The words that date by the day a question is asked (see `search::relative`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDates {
    /// A year by how many years it is from this one (今年 0, 去年 -1, おととし -2).
    #[serde(default)]
    pub years: BTreeMap<String, i8>,
    /// A month by how many months it is from this one (今月 0, 先月 -1).
    #[serde(default)]
    pub months: BTreeMap<String, i8>,
    /// What follows a number of years back (「2年前」, "2 years ago").
    #[serde(default)]
    pub years_ago: Vec<String>,
    /// What follows a number of months back (「3か月前」, "3 months ago").
    #[serde(default)]
    pub months_ago: Vec<String>,
    /// What, right after a number of years or months back, makes it no such number
    /// (「2018年前半」 is the first half of 2018, 「1年前後」 about a year).
    #[serde(default)]
    pub not_after_ago: Vec<String>,
    /// Numbers written as words (二, "two", "a"), for the numbers of years or months back.
    #[serde(default)]
    pub numbers: BTreeMap<String, u8>,
    /// The words that, before a month's name, name its last time before this month ("last
    /// august").
    #[serde(default)]
    pub last_of_month: Vec<String>,
}

/// The words that name a meeting by its place in the sequence (see `search::sequence`).
/// Japanese words are matched as written, English ones as whole words (lower case).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SequenceWords {
    /// The first one (最初に, 初めて, "first").
    #[serde(default)]
    pub first: Vec<String>,
    /// The latest one (最後に, 一番最近の, "most recent").
    #[serde(default)]
    pub latest: Vec<String>,
    /// After a meeting named just before (ヘルシンキの次に, のあとに); in English, before
    /// the meeting it names ("after Helsinki").
    #[serde(default)]
    pub after: Vec<String>,
    /// Before a meeting named just before (大阪の前の); in English, before the meeting
    /// it names ("before Osaka").
    #[serde(default)]
    pub before: Vec<String>,
    /// "Next", said later in the question of the meeting after one named with `after`
    /// (「大阪のあと、…次に対面したのは」).
    #[serde(default)]
    pub next: Vec<String>,
    /// Words of two leaders meeting in any way, a brief encounter too (会った, 対面, met).
    #[serde(default)]
    pub met: Vec<String>,
    /// Words of a formal meeting, a bilateral or a summit (会談, 首脳会談, summit).
    #[serde(default)]
    pub talks: Vec<String>,
    /// Words of a meeting planned (予定, planned): the sequence then holds the meetings
    /// planned and not held too.
    #[serde(default)]
    pub planned: Vec<String>,
    /// Words of a standalone summit (単独, formal) between a word of place and its word
    /// of meeting: only the standalone summits count (「初の単独首脳会談」 is Helsinki).
    #[serde(default)]
    pub standalone: Vec<String>,
    /// Words of a presidential term (1期目, 任期, term): the sequence is of all terms, so
    /// a question counting within one is left alone.
    #[serde(default)]
    pub term: Vec<String>,
    /// Verbs that hold a meeting named as their object (会談を行った, 会談を開いた): after
    /// an adverbial word of place (最初に), a word of formal meeting followed by を counts
    /// only before one of them (「最初に会談を提案した」 qualifies the proposal).
    #[serde(default)]
    pub held: Vec<String>,
    /// English words that end the stretch between a word of place and its word of
    /// meeting ("spoke first at the summit": "first" qualifies the speaking).
    #[serde(default)]
    pub stops: Vec<String>,
    /// Most characters (Japanese) or words (English) between a word of place in the
    /// sequence and the word of meeting it qualifies (「最初に対面で会った」).
    #[serde(default)]
    pub gap: usize,
}

/// Templates use `{slot}`s filled from a record's fields.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AskText {
    /// The ways a question asks each thing, in any script; longest match wins.
    pub asks: BTreeMap<Asked, Vec<String>>,
    /// The ways a question checks a claim (本当？, is that right?): a misconception's
    /// entry answers those before the record the claim is about.
    pub checks: Vec<String>,
    /// The ways a question asks what part someone had in something (立場, 関与, "role",
    /// "have to do with"): a person named beside a meeting and asked of this way is the
    /// person's page, not the meeting's.
    #[serde(default)]
    pub involvement: Vec<String>,
    /// The ways a question asks what someone said, claimed or explained (発言, 述べた,
    /// 説明した, 主張, "said", "claimed"): a person named beside a meeting their page speaks
    /// of, asked so, is the person's page (see `search::Index::person_at_event`).
    #[serde(default)]
    pub said: Vec<String>,
    /// The ways a question asks who hosted a meeting (ホスト, 主催, 受け入れ, "hosted"): the
    /// host's page, when it speaks of that meeting (see `search::Index::person_at_event`).
    #[serde(default)]
    pub hosted: Vec<String>,
    /// The ways a question gives what it names as examples among others or asks the rule
    /// behind them (とか, など, 毎回, 基準, 観点, "like", "such as"): a meeting named so
    /// beside why its place was chosen is an example of the venues, whose topic answers
    /// (see `search::Index::venues_in_general`).
    #[serde(default)]
    pub in_general: Vec<String>,
    /// The ways a question tells a claim it heard or read (聞いた, 読んだ, 噂, らしい,
    /// "I heard"): a misconception that holds clearly more of it than the first candidate
    /// answers it (see `search::Index::claim_heard`).
    #[serde(default)]
    pub hearsay: Vec<String>,
    /// The ways a question asks how a meeting went (どうだった, "how did … go"; in English a
    /// `*` stands for a few words): a meeting called off asked so is taken as held, the
    /// misconception that it was.
    #[serde(default)]
    pub went: Vec<String>,
    /// The ways a question asks for an account of what it names rather than one field
    /// (まとめて, 概要, 経緯, 特徴, 位置づけ, 影響, "overview", "impact"): the one entry named
    /// answers it (see `search::Index::named_account`).
    #[serde(default)]
    pub account: Vec<String>,
    /// The ways a question says the current year (今年, "this year"): a gathering asked of
    /// it is one no meeting record has.
    #[serde(default)]
    pub this_year: Vec<String>,
    /// The words that date by the day a question is asked (去年, 先月, 2年前, "last year"):
    /// they are written as the year or month they name before the question is read.
    #[serde(default)]
    pub relative_dates: RelativeDates,
    /// The words that name a meeting by its place in the sequence of meetings (最初に会った,
    /// 一番最近の会談, ヘルシンキの次に会った): see `search::sequence`.
    #[serde(default)]
    pub sequence: SequenceWords,
    /// Seasons and parts of a year (夏, 年末, summer) with their months: 「2026年の夏」 speaks
    /// of those months of 2026.
    #[serde(default)]
    pub seasons: BTreeMap<String, Vec<u8>>,
    /// Country names, and the titles of their leaders and ministers: a country's leader
    /// is in scope only when a person of the dataset is named by both (「ドイツの首相」 is
    /// not; 「ハンガリーの首相」 is Orbán).
    pub countries: Vec<String>,
    pub leader_titles: Vec<String>,
    /// A title in another language and the title the dataset's names use
    /// ("president" → 大統領): a person named by the one holds the other.
    #[serde(default)]
    pub title_translations: BTreeMap<String, String>,
    /// How a question marks the field it asks among the fields it mentions, for the
    /// direct sentence (see `search::field`).
    #[serde(default)]
    pub field_words: FieldWords,
    pub meeting_name: String,
    pub meeting_name_brief: String,
    pub meeting_when_event: String,
    pub meeting_when: String,
    pub meeting_where: String,
    pub meeting_duration: String,
    pub meeting_duration_unknown: String,
    pub meeting_who: String,
    pub meeting_outcome: String,
    pub meeting_why: String,
    pub meeting_format: String,
    pub meeting_occasion_event: String,
    pub meeting_occasion: String,
    pub meeting_agenda: String,
    pub meeting_cancelled: String,
    /// When, why or what came of a meeting that was not held: its outcome's first sentence,
    /// the account of how it was called off.
    pub meeting_cancelled_story: String,
    pub past_name: String,
    pub past_when: String,
    pub past_where: String,
    pub past_who: String,
    pub past_outcome: String,
    pub past_agenda: String,
    pub count_meetings: String,
    pub count_meetings_year: String,
    pub count_meetings_year_none: String,
    pub count_year_part: String,
    pub count_calls: String,
    pub count_calls_year: String,
    pub count_calls_year_note: String,
    pub longer: String,
    pub longer_unclear: String,
    pub person_who: String,
}
