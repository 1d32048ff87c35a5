//! Character bigrams over each entry's fields (names, sample questions, keywords and, weakly,
//! its body), ranked by BM25F (per-field weights and length normalisation, one saturation
//! per term), then re-ranked on a shortlist by the share of the question each entry
//! explains, how closely the question resembles one of its texts, and its names written
//! in the question. Body words alone count toward an answer only for an entry the
//! question names (see `Candidate::support`).
//!
//! Bigrams need no dictionary, so the index builds offline and handles typos, kana-only
//! input and missing particles gracefully.

use super::fasthash::FastMap;
use super::lexicon::{
    begins_with, is_concept, ClassMasks, Lexicon, MAX_NAME_CLASSES, MEETING_BIT, WORD_SEP,
};
use super::normalize::{is_kana, is_kanji, normalize, normalize_into};
use crate::knowledge::{Item, Kind, Knowledge, MeetingFormat};
use std::hash::{Hash, Hasher};

/// A unigram or bigram of a canonical text, packed as two code points.
type TermKey = u64;

fn unigram(c: char) -> TermKey {
    (c as u64) << 32
}

fn bigram(a: char, b: char) -> TermKey {
    ((a as u64) << 32) | b as u64
}

/// The tag of a whole Latin word's term (a bigram's code points never reach it).
const WORD_TAG: TermKey = 1 << 63;

/// A Latin word as one term, a plural folded to its singular ("polls" → "poll").
fn word(letters: &[char]) -> TermKey {
    let mut stem = letters;
    let n = stem.len();
    let ends = |suffix: &str| {
        stem.iter()
            .rev()
            .copied()
            .take(suffix.len())
            .eq(suffix.chars().rev())
    };
    let mut hasher = super::fasthash::FxHasher::default();
    if n > 4 && ends("ies") {
        stem = &stem[..n - 3];
        'y'.hash(&mut hasher);
    } else if n > 3 && ends("s") && !(ends("ss") || ends("us") || ends("is")) {
        stem = &stem[..n - 1];
    }
    for c in stem.iter().rev() {
        c.hash(&mut hasher);
    }
    WORD_TAG | (hasher.finish() >> 1)
}

fn is_word(key: TermKey) -> bool {
    key & WORD_TAG != 0
}

/// How much a term of a question says, before IDF: concepts most, kana-only bigrams
/// (particles, verb endings) least.
fn term_factor(key: TermKey) -> f32 {
    if is_word(key) {
        return 1.0;
    }
    let a = char::from_u32((key >> 32) as u32).unwrap_or(' ');
    let b = char::from_u32((key & 0xFFFF_FFFF) as u32);
    match b {
        None | Some('\0') if is_concept(a) => 1.5,
        None | Some('\0') if is_kanji(a) => 0.4,
        None | Some('\0') => 0.5,
        Some(b) if is_concept(a) || is_concept(b) => 0.6,
        Some(_) => 1.0,
    }
}

/// Unknown kana-only bigrams are mostly particles and endings (よね, かな) and say
/// little; katakana names fold to kana too but are in the index when we know them.
fn unknown_factor(key: TermKey) -> f32 {
    if is_word(key) {
        return UNKNOWN_WORD;
    }
    let a = char::from_u32((key >> 32) as u32).unwrap_or(' ');
    let b = char::from_u32((key & 0xFFFF_FFFF) as u32).unwrap_or(' ');
    // Unknown English words ("cooperation") likewise mostly say how, not what, and a
    // word's many bigrams must not weigh like as many words.
    if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
        UNKNOWN_LATIN
    } else if is_kana(a) && is_kana(b) {
        0.35
    } else {
        1.0
    }
}

/// A bigram across a word's edge: kana beside a kanji or a concept (が進, 番の, の⟨why⟩,
/// ⟨negotiation⟩が). Unknown, it says no more than a particle does.
fn straddles(a: char, b: char) -> bool {
    let solid = |c: char| is_kanji(c) || is_concept(c);
    (is_kana(a) && solid(b)) || (solid(a) && is_kana(b))
}

/// What an unknown bigram across a word's edge weighs, against one within a word.
const BOUNDARY_FACTOR: f32 = 0.55;

/// The weight an unknown term's factor took from it against the weighing of a word
/// (a bigram across a word's edge, see [`straddles`]): what the question weighed before,
/// for the rules that read a low score (see [`Candidate::diluted`]).
fn boundary_discount(key: TermKey) -> f32 {
    if is_word(key) {
        return 0.0;
    }
    let a = char::from_u32((key >> 32) as u32).unwrap_or(' ');
    let b = char::from_u32((key & 0xFFFF_FFFF) as u32).unwrap_or(' ');
    if straddles(a, b) {
        1.0 - BOUNDARY_FACTOR
    } else {
        0.0
    }
}

/// What an unknown bigram across a word's edge weighs for an entry that leaves a content
/// word of the question unexplained (see [`Matcher::unexplained_words`]): a question about
/// something besides the entry (「俳優時代」, 「事務総長」) keeps most of the weight of what it
/// says around its words, as its guard against lookalikes.
const GUARDED_FACTOR: f32 = 0.7;

/// A content word of a question's ask: a kanji compound, a katakana word or a Latin word,
/// as the terms an entry must hold to explain it.
#[derive(Debug, Clone)]
enum WordUnit {
    /// A run of kanji with the concepts beside it (canonical): explained where no two
    /// kanji side by side are both outside every bigram of it the entry holds.
    Kanji(Vec<char>),
    /// A katakana word's terms (canonical, concepts left out), or a hiragana word's typed
    /// apart: explained when the entry holds half of them.
    Katakana(Vec<TermKey>),
    /// A Latin word's term.
    Latin(TermKey),
    /// A concept naming a person, place, year or gathering besides Trump and Putin
    /// (NATO, 平壌): explained by an entry that holds it.
    Named(char),
}

/// Characters of meaning a question needs before body words alone may offer entries.
const BODY_MIN_MEANINGFUL: usize = 3;

/// The class of years in `name_classes` (people, places, years, gatherings).
const YEAR_CLASS: usize = 2;

/// Weight of an unknown bigram of Latin letters (about one word's worth per word).
const UNKNOWN_LATIN: f32 = 0.1;
/// Weight of an unknown Latin word ("reverse", "cooperation"): it mostly says how, not
/// what.
const UNKNOWN_WORD: f32 = 0.7;

/// Whether a term holds a character that is not kana.
fn is_solid(key: TermKey) -> bool {
    if is_word(key) {
        return true;
    }
    let a = char::from_u32((key >> 32) as u32).unwrap_or(' ');
    let b = char::from_u32((key & 0xFFFF_FFFF) as u32).unwrap_or('\0');
    !is_kana(a) || (b != '\0' && !is_kana(b))
}

/// The terms of a canonical text, each once, sorted: concepts and kanji alone, Latin
/// words whole, and every other pair of neighbours.
fn terms_of(chars: &[char], out: &mut Vec<TermKey>) {
    out.clear();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i - start >= 2 {
                out.push(word(&chars[start..i]));
            }
            continue;
        }
        if is_concept(c) || is_kanji(c) {
            out.push(unigram(c));
        }
        i += 1;
    }
    for w in chars.windows(2) {
        let latin = w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic();
        if !latin && w[0] != WORD_SEP && w[1] != WORD_SEP {
            out.push(bigram(w[0], w[1]));
        }
    }
    if out.is_empty() {
        if let Some(&c) = chars.first() {
            out.push(unigram(c));
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// What an indexed text is to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A title or alias: what the entry is called.
    Name,
    Question,
    Keyword,
}

/// The fields of BM25F: an entry's names, sample questions, keywords and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Question,
    Keyword,
    Body,
}

impl Field {
    fn of(role: Role) -> Field {
        match role {
            Role::Name => Field::Name,
            Role::Question => Field::Question,
            Role::Keyword => Field::Keyword,
        }
    }
}

const FIELDS: usize = 4;
/// Each field's weight in an entry's combined term frequency: a name says most, a body
/// least (its words may only suggest).
const FIELD_WEIGHT: [f32; FIELDS] = [3.0, 1.0, 1.5, 0.3];
/// Each field's length normalisation against its average over the entries: long bodies
/// and many sample questions must not dominate.
const FIELD_B: [f32; FIELDS] = [0.5, 0.75, 0.5, 0.75];

/// An entry holding a term in a name, question or keyword: its BM25F share for the term
/// (its body's mentions included).
#[derive(Debug, Clone, Copy)]
struct Posting {
    entry: u32,
    share: f32,
    /// The share without its IDF, against one mention in a field of weight 1 and average
    /// length (at most 1): how much of the term the entry explains.
    credit: f32,
    /// Where the entry's texts holding the term end in the term's `text_postings` (they
    /// begin where the posting before ends): the texts of one entry, in order.
    texts_end: u32,
}

/// What a term of a question may be: its id among the terms (`NOT_INDEXED` for none) and
/// the entries whose texts, body included, explain it.
type Explaining = (u32, Vec<u32>);

/// A country (canonical), the leaders' titles no person of the dataset holds there, and
/// those only former holders of which are in the dataset (「元フィンランド大統領」: who holds
/// it now is not covered).
type ForeignLeaders = (Vec<char>, Vec<Vec<char>>, Vec<Vec<char>>);

/// A leader's title: canonical, its canonical forms with translations, and those as typed.
type Title = (Vec<char>, Vec<Vec<char>>, Vec<String>);

/// A text's term ids, role and canonical characters, before weights are known.
type RawText = (Vec<u32>, Role, Vec<char>);

/// One indexed text of an entry (a name, a sample question, a keyword).
#[derive(Debug)]
struct Text {
    terms: Vec<u32>,
    weight: f32,
    role: Role,
    /// The canonical characters, for names found inside a question.
    chars: Vec<char>,
    /// The people it names (see `Lexicon::leaders_in`).
    leaders: u16,
}

/// Everything indexed about one entry.
#[derive(Debug)]
pub(crate) struct EntryDoc {
    pub id: String,
    pub kind: Kind,
    texts: Vec<Text>,
    /// The people, places, years… its names (title, aliases) mention.
    name_classes: ClassMasks,
    /// The people each of its texts (name, sample question, keyword, body field) writes,
    /// one bit each as `name_classes` counts them, and as `Text::leaders` does.
    text_people: Vec<(u32, u16)>,
    /// The year an event (meeting, past summit) took place.
    pub year: Option<u16>,
    /// And its month.
    pub month: Option<u8>,
    /// A meeting planned and never held.
    pub cancelled: bool,
    /// An encounter with no formal meeting held (a brief, informal contact): that no
    /// meeting was held there is what its record says.
    pub informal: bool,
    /// Index of its first text among every entry's texts (see `Matcher::text_postings`).
    first_text: usize,
}

impl EntryDoc {
    /// Its names (title, aliases): the first of its texts (see `index_texts`), read
    /// without the sample questions and keywords after them.
    fn names(&self) -> impl Iterator<Item = &Text> {
        self.texts.iter().take_while(|t| t.role == Role::Name)
    }
}

/// A sample question offered by autocomplete.
#[derive(Debug)]
struct SampleQuestion {
    text: String,
    normalized: String,
    terms: Vec<u32>,
    weight: f32,
}

/// A question, analysed once.
#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    /// Known term ids with their weights, sorted by id.
    known: Vec<(u32, f32)>,
    /// Sum of the weights of all terms, known or not.
    total: f32,
    /// The weight the unknown bigrams across a word's edge would add to `total` weighed
    /// as words (see [`boundary_discount`]).
    boundary: f32,
    /// Every word it writes is one some entry holds: no kanji compound, katakana or Latin
    /// word that nothing in the dataset uses (`boundary` is 0 otherwise).
    words_known: bool,
    pub out_of_scope: bool,
    /// The whole canonical question, for exact alias hits.
    canonical: Vec<char>,
    /// The people it names.
    leaders: u16,
    /// It asks for a comparison (比較, 違い, vs).
    compares: bool,
    /// The people, places, years… it names.
    classes: ClassMasks,
    /// It names a person, place or year other than Trump and Putin.
    pub specific: bool,
    /// Those people, places and years.
    specific_classes: ClassMasks,
    /// Characters that are not kana (see [`meaningful`]).
    meaningful: usize,
    /// It writes a name (katakana, capitalised Latin) the dataset never mentions.
    pub unknown_name: bool,
    /// The name texts it writes out: (entry, text index), by entry.
    named_texts: Vec<(usize, usize)>,
    /// Per entry, the weight of its terms the entry holds anywhere, body included.
    held: Vec<f32>,
    /// The terms only bodies hold, with their weights, sorted by id (an entry's body may
    /// also hold terms of `known` that its other fields do not).
    body_terms: Vec<(u32, f32)>,
    /// Weight of the terms found only in the clauses that give context or in the words
    /// that ask.
    soft_total: f32,
    /// Per entry, the weight of those the entry holds anywhere: what of them it explains
    /// counts for it, the rest does not count against it.
    soft_held: Vec<f32>,
    /// The characters of the clauses that give context around the ask.
    context_chars: usize,
    /// The content words of the ask (see [`WordUnit`]): what an entry must explain for
    /// its score to take the full discount of the bigrams across a word's edge.
    words: Vec<WordUnit>,
    /// Its place among the queries remembered while one question is understood (see
    /// [`Matcher::remembering`]), with that scope's generation: its rankings are
    /// remembered too.
    remembered: Option<(u64, usize)>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.total <= 0.0
    }

    /// The characters of the clauses that give context around the ask (0 when none do).
    pub fn context_chars(&self) -> usize {
        self.context_chars
    }

    /// The question's weight as an entry sees it: the ask's, and the context it explains.
    fn total_for(&self, entry: usize) -> f32 {
        let held = self.soft_held.get(entry).copied().unwrap_or(0.0);
        self.total - (1.0 - CONTEXT_AGAINST) * (self.soft_total - held)
    }
}

/// How an entry's names fit the people, places, years and gatherings a question names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFit {
    /// Named after another of the same class (プーチン's page for 「トランプってどんな人」).
    Conflict,
    /// Named after one the question names.
    Agrees,
    /// Named after none, while the question names one besides Trump and Putin.
    Generic,
    Neutral,
}

/// What the first pass over the postings found of one entry.
#[derive(Debug, Clone, Copy)]
struct Found {
    bm25: f32,
    covered: f32,
    credited: f32,
    solid: bool,
    /// The question writes one of its names (`Query::named_texts`).
    written: bool,
    /// It is on the shortlist: its texts are measured against the question.
    short: bool,
}

/// How one entry scored for a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub entry: usize,
    pub bm25: f32,
    /// Share of the question's weighted terms the entry's names, questions and keywords
    /// hold (0..1).
    pub coverage: f32,
    /// Share of the question the entry explains by BM25F, body included (0..1).
    pub fielded: f32,
    /// Weighted bigram Dice against the entry's closest text (0..1).
    pub similarity: f32,
    /// Share of the question's weight that is one of the entry's names (0..1).
    pub named: f32,
    /// What the decision reads: the three above together (0..1).
    pub score: f32,
    /// The score with the unknown bigrams across a word's edge weighed as words: what the
    /// rules that answer on a low score read, their guard against lookalikes being that a
    /// question saying much besides the entry scores low.
    pub diluted: f32,
    /// The entry is one event (a meeting, a past summit) and the question names none of
    /// its names: a look-alike question about another event would fit it as well.
    pub unnamed_event: bool,
    /// All the entry shares with the question is kana bigrams (ころな ~ これからの):
    /// a loanword the index does not know, not evidence.
    pub kana_only: bool,
    /// Its body's words count toward answering: the question names it, and it is no
    /// person's page (see `candidate`).
    pub gated: bool,
    /// Share of the question its texts hold anywhere, body included (filled on request).
    pub explained: f32,
}

impl Candidate {
    /// The share of the question the entry explains, as the decision reads it: for an
    /// entry the question names (the entity gate), by BM25F with its body; otherwise by
    /// its names, questions and keywords alone (body words alone never answer).
    pub fn support(&self) -> f32 {
        if self.gated && self.named >= GATE_NAMED {
            self.fielded.max(self.coverage)
        } else {
            self.coverage
        }
    }
}

/// Share of the question an entry's name must make up for its body to support a
/// decision (a name in passing, 「日本の車」, is not what the question is about).
const GATE_NAMED: f32 = 0.25;

const BM25_K1: f32 = 1.2;
/// How the re-rank mixes its measures (they sum to 1, so the score stays in 0..1).
const WEIGHT_COVERAGE: f32 = 0.3;
const WEIGHT_SIMILARITY: f32 = 0.3;
const WEIGHT_NAMED: f32 = 0.4;
/// Share of its BM25F credit a body-only term keeps for an entry the question does not
/// name.
const BODY_UNNAMED: f32 = 0.1;
/// A keyword alone resembling the question is weaker evidence than a name or question.
const KEYWORD_SIMILARITY: f32 = 0.8;
/// Score kept by an entry named after someone or something the question does not name.
const OTHER_NAME_PENALTY: f32 = 0.75;
/// Score gained by an entry named after someone or something the question names.
const SAME_NAME_BONUS: f32 = 1.15;
/// Factor for an entry named after no one, nowhere and no year when the question names
/// one besides Trump and Putin (「アラスカ会談の結果」 is Alaska's, not the general results').
const GENERIC_PENALTY: f32 = 0.85;
/// The id of a term no field holds (a record's aspect, see `explains`).
const NOT_INDEXED: u32 = u32::MAX;
/// What a term found only in the clauses that give context weighs, against one of the ask.
const CONTEXT_WEIGHT: f32 = 0.4;
/// Share of the context an entry does not explain that still counts against it.
const CONTEXT_AGAINST: f32 = 0.5;
/// The names a question's vector of them is sized for before they are found.
const NAMED_TEXTS_CAPACITY: usize = 32;
/// Entries re-ranked after BM25.
const SHORTLIST: usize = 12;
/// The synonym groups of the words that ask a count (何回, 頻度).
const COUNT_GROUPS: [&str; 2] = ["count", "frequency"];
/// The synonym groups of a meeting's kind besides the meeting concept (電話, 極秘会談,
/// 立ち話) and of what it held (内容): a demonstrative before one of them points at the
/// record its context told (「その電話」, 「その内容」).
const RECORD_KIND_GROUPS: [&str; 4] = ["phone", "secret-meeting", "standing-talk", "content"];
/// The synonym group of a role (役割, 立ち位置, role).
const ROLE_GROUP: &str = "role";
/// The synonym group of change (変化, 変遷, changed).
const CHANGE_GROUP: &str = "change";
/// The synonym group of phone calls (電話, call).
const PHONE_GROUP: &str = "phone";
/// The synonym groups of what a meeting came to: its result (成果, 結果) or what was
/// agreed (合意).
const RESULT_GROUPS: [&str; 2] = ["result", "agreement"];
/// How many characters before a plain "did" (やった) a word of meetings makes it said of
/// the meeting (「会談って ほんとに やった」).
const DID_REACH: usize = 9;

#[derive(Debug, Default)]
pub(crate) struct Matcher {
    lexicon: Lexicon,
    term_ids: FastMap<TermKey, u32>,
    term_weight: Vec<f32>,
    /// The term has a character that is not kana (a concept, kanji, letter, digit).
    term_solid: Vec<bool>,
    idf: Vec<f32>,
    unknown_idf: f32,
    /// By term id: a name, question or keyword holds it (not only a body).
    indexed: Vec<bool>,
    /// By term id, the entries that hold it with the term's BM25F share in each.
    postings: Vec<Vec<Posting>>,
    /// By term id, the texts that hold it (numbered across entries, in order).
    text_postings: Vec<Vec<u32>>,
    /// Texts of every entry.
    text_count: usize,
    pub docs: Vec<EntryDoc>,
    /// Canonical names (aliases, labels) → the entries they name, with the name as
    /// typed (normalised) to break ties between two names that mean the same.
    exact: FastMap<Vec<char>, Vec<(usize, String)>>,
    questions: Vec<(usize, SampleQuestion)>,
    /// Countries (canonical) with the leaders' titles no person of the dataset holds
    /// there: 「ドイツの首相」 asks about someone the bot does not cover.
    foreign_leaders: Vec<ForeignLeaders>,
    /// `foreign_leaders` by the country's first character.
    foreign_by_first: super::fasthash::CharMap<Vec<usize>>,
    /// The people of the dataset (not Trump or Putin) by a country's leader title one of
    /// their names holds (元フィンランド大統領 is Niinistö's): the country (canonical),
    /// the title's canonical forms, the entry.
    title_holders: Vec<(Vec<char>, Vec<Vec<char>>, usize)>,
    /// Every katakana word and Latin word of the dataset and the synonym table, folded:
    /// a name in a question that is none of these is someone or somewhere unknown.
    known_words:
        std::collections::HashSet<String, std::hash::BuildHasherDefault<super::fasthash::FxHasher>>,
    /// Name texts by their first character: (entry, text index), to find the names a
    /// question writes out in one pass.
    names_by_first: super::fasthash::CharMap<Vec<(usize, usize)>>,
    /// Every term of an entry's names, questions, keywords and body → the entries that
    /// hold it: what each can explain.
    explains: FastMap<TermKey, Vec<usize>>,
    /// Every term a question may hold that the index knows: its id among the indexed
    /// terms (`NOT_INDEXED` for none) and the entries that explain it.
    lookup: super::fasthash::SpreadMap<TermKey, Explaining>,
    /// By entry, the terms only its body holds with their BM25F credit, sorted by term.
    body_only: Vec<Vec<(u32, f32)>>,
}

/// Every text indexed of an entry: its names, questions and keywords, then its body.
pub(super) fn all_texts(item: &Item<'_>) -> Vec<String> {
    let mut out: Vec<String> = index_texts(item).into_iter().map(|(t, _)| t).collect();
    out.extend(body_texts(item));
    out
}

/// The texts of an item that feed the index (not the answer bodies).
fn index_texts(item: &Item<'_>) -> Vec<(String, Role)> {
    let mut texts = vec![(item.label(), Role::Name)];
    // A past summit is named by its two leaders too (「レーガンとゴルバチョフ」).
    if let Item::PastSummit(p) = item {
        texts.push((format!("{} {}", p.us_leader, p.ru_leader), Role::Name));
    }
    texts.extend(item.aliases().iter().map(|a| (a.clone(), Role::Name)));
    texts.extend(item.questions().iter().map(|q| (q.clone(), Role::Question)));
    texts.extend(item.keywords().iter().map(|k| (k.clone(), Role::Keyword)));
    texts
}

/// The texts an entry shows (its body): a weaker field, for words no name or sample
/// question holds (what Russia demands, how Europe's gas purchases changed).
fn body_texts(item: &Item<'_>) -> Vec<String> {
    let mut out = Vec::new();
    match item {
        Item::Meeting(m) => {
            out.extend([
                m.city_en.clone(),
                m.country_ja.clone(),
                m.country_en.clone(),
                m.venue.clone(),
                m.occasion.clone(),
                m.outcome.clone(),
                m.significance.clone(),
            ]);
            out.extend(m.duration.clone());
            out.extend(m.event.clone());
            out.extend(m.article_note.clone());
            out.extend(m.participants.iter().cloned());
            out.extend(m.agenda.iter().cloned());
        }
        Item::Calls(c) => {
            out.push(c.entry.summary.clone());
            for f in &c.entry.fields {
                out.extend([f.name.clone(), f.value.clone()]);
            }
            out.extend(c.calls.iter().map(|x| x.summary.clone()));
        }
        Item::PastSummit(p) => {
            out.extend([
                p.place.clone(),
                p.us_leader.clone(),
                p.ru_leader.clone(),
                p.agenda.clone(),
                p.outcome.clone(),
            ]);
            out.extend(p.article_note.clone());
        }
        Item::Entry(_, e) => {
            out.push(e.summary.clone());
            for f in &e.fields {
                out.extend([f.name.clone(), f.value.clone()]);
            }
            out.extend(e.article_note.clone());
        }
    }
    out
}

impl Matcher {
    pub fn build(k: &Knowledge) -> Matcher {
        let mut m = Matcher {
            lexicon: Lexicon::build(&k.synonyms),
            ..Matcher::default()
        };
        let mut buffer = Vec::new();
        for surface in k.synonyms.groups.values().flatten() {
            m.known_words.extend(words_of(surface));
        }
        // Per entry: the term ids of each text, before weights are known, and of its body.
        let mut raw: Vec<Vec<RawText>> = Vec::new();
        let mut bodies: Vec<Vec<Vec<u32>>> = Vec::new();
        // Entries holding each term in a name, question or keyword; and anywhere.
        let mut df: Vec<u32> = Vec::new();
        let mut df_all: Vec<u32> = Vec::new();
        let mut id_of = |m: &mut Matcher, key: TermKey| {
            let next = m.term_ids.len() as u32;
            let id = *m.term_ids.entry(key).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
                df_all.push(0);
                m.term_weight.push(term_factor(key));
                m.term_solid.push(is_solid(key));
            }
            id
        };
        let mut df_counts: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        for (entry, item) in k.items().filter(|i| i.searchable()).enumerate() {
            let mut texts = Vec::new();
            let mut seen_in_entry: Vec<u32> = Vec::new();
            for (text, role) in index_texts(&item) {
                let canonical = m.lexicon.canonical(&text);
                terms_of(&canonical.chars, &mut buffer);
                let ids: Vec<u32> = buffer.iter().map(|key| id_of(&mut m, *key)).collect();
                seen_in_entry.extend(&ids);
                if role == Role::Question {
                    let mut sorted = ids.clone();
                    sorted.sort_unstable();
                    let normalized = normalize(&text);
                    m.questions.push((
                        entry,
                        SampleQuestion {
                            text,
                            normalized,
                            terms: sorted,
                            weight: 0.0,
                        },
                    ));
                } else if role == Role::Name && !canonical.chars.is_empty() {
                    m.exact
                        .entry(canonical.chars.clone())
                        .or_default()
                        .push((entry, normalize(&text)));
                }
                texts.push((ids, role, canonical.chars));
            }
            seen_in_entry.sort_unstable();
            seen_in_entry.dedup();
            let mut explains: Vec<TermKey> = Vec::new();
            for (_, _, chars) in &texts {
                terms_of(chars, &mut buffer);
                explains.extend(&buffer);
            }
            let mut body = Vec::new();
            let mut seen_anywhere = seen_in_entry.clone();
            // The people each text writes (see `EntryDoc::text_people`).
            let people_of = |m: &Matcher, chars: &[char]| {
                (
                    m.lexicon.classes_in(chars)[0],
                    m.lexicon.leaders_in(chars) & !MEETING_BIT,
                )
            };
            let mut text_people: Vec<(u32, u16)> = texts
                .iter()
                .map(|(_, _, chars)| people_of(&m, chars))
                .collect();
            for text in body_texts(&item) {
                let canonical = m.lexicon.canonical(&text);
                text_people.push(people_of(&m, &canonical.chars));
                terms_of(&canonical.chars, &mut buffer);
                explains.extend(&buffer);
                let ids: Vec<u32> = buffer.iter().map(|key| id_of(&mut m, *key)).collect();
                seen_anywhere.extend(&ids);
                body.push(ids);
                m.known_words.extend(words_of(&text));
            }
            seen_anywhere.sort_unstable();
            seen_anywhere.dedup();
            df_counts.push((seen_in_entry, seen_anywhere));
            for (text, _) in index_texts(&item) {
                m.known_words.extend(words_of(&text));
            }
            // A meeting's record says what was said, discussed and agreed, when, where
            // and with whom, whatever words its texts use.
            if matches!(item.kind(), Kind::Meeting | Kind::PastSummit) {
                explains.extend(m.lexicon.aspects.iter().map(|&c| unigram(c)));
            }
            explains.sort_unstable();
            explains.dedup();
            let entry = m.docs.len();
            for key in explains {
                m.explains.entry(key).or_default().push(entry);
            }
            raw.push(texts);
            bodies.push(body);
            m.docs.push(EntryDoc {
                id: item.id().to_string(),
                kind: item.kind(),
                texts: Vec::new(),
                name_classes: ClassMasks::default(),
                text_people,
                year: match &item {
                    Item::Meeting(x) => x.date.get(..4).and_then(|y| y.parse().ok()),
                    Item::PastSummit(x) => x.date.get(..4).and_then(|y| y.parse().ok()),
                    _ => None,
                },
                cancelled: matches!(&item, Item::Meeting(x) if x.format == MeetingFormat::Cancelled),
                informal: matches!(&item, Item::Meeting(x) if x.format == MeetingFormat::BriefInformal),
                first_text: 0,
                month: match &item {
                    Item::Meeting(x) => x.date.get(5..7).and_then(|m| m.parse().ok()),
                    Item::PastSummit(x) => x.date.get(5..7).and_then(|m| m.parse().ok()),
                    _ => None,
                },
            });
        }
        for (indexed, anywhere) in &df_counts {
            for &t in indexed {
                df[t as usize] += 1;
            }
            for &t in anywhere {
                df_all[t as usize] += 1;
            }
        }
        let n = m.docs.len() as f32;
        let idf = |d: u32| (1.0 + (n - d as f32 + 0.5) / (d as f32 + 0.5)).ln();
        // A question's weights: by the entries that hold a term in a name, question or
        // keyword (a body-only term weighs as an unknown one, see `weigh`).
        m.idf = df.iter().map(|&d| idf(d)).collect();
        m.unknown_idf = idf(0);
        m.indexed = df.iter().map(|&d| d > 0).collect();
        for (i, w) in m.term_weight.iter_mut().enumerate() {
            *w *= m.idf[i];
        }
        // BM25F: per entry and term, the frequencies of its fields, each weighted and
        // normalised by the field's length against that field's average, summed into one
        // frequency and saturated once.
        let mut tf_fields: Vec<FastMap<u32, [f32; FIELDS]>> = Vec::with_capacity(raw.len());
        let mut lengths: Vec<[f32; FIELDS]> = Vec::with_capacity(raw.len());
        for (texts, body) in raw.iter().zip(&bodies) {
            let mut tf: FastMap<u32, [f32; FIELDS]> = Default::default();
            let mut length = [0.0f32; FIELDS];
            let fields = texts
                .iter()
                .map(|(ids, role, _)| (ids, Field::of(*role)))
                .chain(body.iter().map(|ids| (ids, Field::Body)));
            for (ids, field) in fields {
                for &t in ids {
                    tf.entry(t).or_insert([0.0; FIELDS])[field as usize] += 1.0;
                    length[field as usize] += 1.0;
                }
            }
            tf_fields.push(tf);
            lengths.push(length);
        }
        let mut average = [0.0f32; FIELDS];
        for length in &lengths {
            for (a, l) in average.iter_mut().zip(length) {
                *a += l / n.max(1.0);
            }
        }
        m.postings = vec![Vec::new(); df.len()];
        // A body's mentions alone, by entry and term (see `body_only`).
        m.body_only = vec![Vec::new(); m.docs.len()];
        for (entry, tf) in tf_fields.into_iter().enumerate() {
            let mut tf: Vec<(u32, [f32; FIELDS])> = tf.into_iter().collect();
            tf.sort_unstable_by_key(|(t, _)| *t);
            for (t, by_field) in tf {
                let combined: f32 = (0..FIELDS)
                    .map(|f| {
                        let norm =
                            1.0 - FIELD_B[f] + FIELD_B[f] * lengths[entry][f] / average[f].max(1.0);
                        FIELD_WEIGHT[f] * by_field[f] / norm
                    })
                    .sum();
                let saturated = combined * (BM25_K1 + 1.0) / (combined + BM25_K1);
                let share = idf(df_all[t as usize]) * saturated;
                let credit = saturated.min(1.0);
                if by_field[..Field::Body as usize].iter().any(|&f| f > 0.0) {
                    m.postings[t as usize].push(Posting {
                        entry: entry as u32,
                        share,
                        credit,
                        texts_end: 0,
                    });
                } else {
                    m.body_only[entry].push((t, credit));
                }
            }
        }
        for (entry, texts) in raw.into_iter().enumerate() {
            let doc = &mut m.docs[entry];
            for (_, _, chars) in texts.iter().filter(|(_, role, _)| *role == Role::Name) {
                let masks = m.lexicon.classes_in(chars);
                for (own, found) in doc.name_classes.iter_mut().zip(masks) {
                    *own |= found;
                }
            }
            doc.texts = texts
                .into_iter()
                .map(|(mut ids, role, chars)| {
                    ids.sort_unstable();
                    let weight = ids.iter().map(|&t| m.term_weight[t as usize]).sum();
                    let leaders = m.lexicon.leaders_in(&chars);
                    Text {
                        terms: ids,
                        weight,
                        role,
                        chars,
                        leaders,
                    }
                })
                .collect();
        }
        m.text_postings = vec![Vec::new(); m.term_weight.len()];
        let mut global = 0u32;
        for doc in &mut m.docs {
            doc.first_text = global as usize;
            for text in &doc.texts {
                for &t in &text.terms {
                    m.text_postings[t as usize].push(global);
                }
                global += 1;
            }
        }
        m.text_count = global as usize;
        // Each posting's texts: a run of its term's texts (both lists are in entry order,
        // and an entry's texts are numbered together).
        for (postings, texts) in m.postings.iter_mut().zip(&m.text_postings) {
            let mut end = 0;
            for p in postings.iter_mut() {
                let doc = &m.docs[p.entry as usize];
                let past = (doc.first_text + doc.texts.len()) as u32;
                while end < texts.len() && texts[end] < past {
                    end += 1;
                }
                p.texts_end = end as u32;
            }
            debug_assert_eq!(
                end,
                texts.len(),
                "every text of a term is an entry's posting's"
            );
        }
        for (e, doc) in m.docs.iter().enumerate() {
            for (t, text) in doc.texts.iter().enumerate() {
                if let (Role::Name, Some(&first)) = (text.role, text.chars.first()) {
                    m.names_by_first.slot(first).push((e, t));
                }
            }
        }
        let people: Vec<&[char]> = m
            .docs
            .iter()
            .filter(|d| d.kind == Kind::Person)
            .flat_map(|d| d.texts.iter().filter(|t| t.role == Role::Name))
            .map(|t| t.chars.as_slice())
            .collect();
        // The same names as typed (normalised): a leader's name may be one concept whole
        // (ロシア大統領 is Putin's), where the country and title are still written out.
        let people_typed: Vec<String> = k
            .items()
            .filter(|i| i.kind() == Kind::Person)
            .flat_map(|i| std::iter::once(i.label()).chain(i.aliases().iter().cloned()))
            .map(|n| normalize(&n))
            .collect();
        // Each title with the forms a name of the dataset may hold it by (its translation).
        let titles: Vec<Title> = k
            .ask
            .leader_titles
            .iter()
            .map(|t| {
                let mut typed = vec![t.as_str()];
                typed.extend(k.ask.title_translations.get(t).map(String::as_str));
                let forms = typed.iter().map(|t| m.lexicon.canonical(t).chars).collect();
                let typed = typed.into_iter().map(normalize).collect();
                (m.lexicon.canonical(t).chars, forms, typed)
            })
            .filter(|(t, _, _)| !t.is_empty())
            .collect();
        // Each country of the list canonical and as typed, worked out once (the list is
        // read once per country below).
        let countries: Vec<(Vec<char>, String)> = k
            .ask
            .countries
            .iter()
            .map(|c| (m.lexicon.canonical(c).chars, normalize(c)))
            .collect();
        for (country, _) in &countries {
            if country.is_empty() {
                continue;
            }
            let country = country.clone();
            // Every way the list writes this country (ロシア, russian).
            let country_typed: Vec<&str> = countries
                .iter()
                .filter(|(c, _)| *c == country)
                .map(|(_, typed)| typed.as_str())
                .collect();
            // The names that hold the country, canonical and as typed, in their order.
            let people_of: Vec<&[char]> = people
                .iter()
                .copied()
                .filter(|name| contains(name, &country))
                .collect();
            let people_typed_of: Vec<&String> = people_typed
                .iter()
                .filter(|name| country_typed.iter().any(|c| name.contains(c)))
                .collect();
            let uncovered: Vec<Vec<char>> = titles
                .iter()
                .filter(|(_, forms, typed)| {
                    let by_canonical = people_of
                        .iter()
                        .any(|name| forms.iter().any(|t| contains(name, t)));
                    let as_typed = people_typed_of
                        .iter()
                        .any(|name| typed.iter().any(|t| name.contains(t.as_str())));
                    !(by_canonical || as_typed)
                })
                .map(|(t, _, _)| t.clone())
                .collect();
            // Titles whose holders in the dataset are all former ones (元, 前, former).
            let former_only: Vec<Vec<char>> = titles
                .iter()
                .filter(|(_, _, typed)| {
                    let holders: Vec<&String> = people_typed_of
                        .iter()
                        .copied()
                        .filter(|name| typed.iter().any(|t| name.contains(t.as_str())))
                        .collect();
                    !holders.is_empty()
                        && holders.iter().all(|name| {
                            country_typed.iter().any(|c| {
                                ["元", "前", "former", "ex"]
                                    .iter()
                                    .any(|f| name.contains(&format!("{f}{c}")))
                            })
                        })
                })
                .map(|(t, _, _)| t.clone())
                .collect();
            // Who of the dataset holds each title of the country, by a name of theirs.
            for (_, forms, _) in &titles {
                for (e, d) in m.docs.iter().enumerate() {
                    let holds = d.kind == Kind::Person
                        && d.texts.iter().filter(|t| t.role == Role::Name).any(|t| {
                            contains(&t.chars, &country)
                                && forms.iter().any(|f| contains(&t.chars, f))
                        });
                    if holds && !m.title_holders.iter().any(|h| h.2 == e) {
                        m.title_holders.push((country.clone(), forms.clone(), e));
                    }
                }
            }
            m.foreign_by_first
                .slot(country[0])
                .push(m.foreign_leaders.len());
            m.foreign_leaders.push((country, uncovered, former_only));
        }
        for (_, q) in &mut m.questions {
            q.weight = q.terms.iter().map(|&t| m.term_weight[t as usize]).sum();
        }
        let mut lookup: super::fasthash::SpreadMap<TermKey, Explaining> = Default::default();
        for (&key, &id) in &m.term_ids {
            lookup.insert(key, (id, Vec::new()));
        }
        for (&key, entries) in &m.explains {
            let slot = lookup.entry(key).or_insert((NOT_INDEXED, Vec::new()));
            slot.1 = entries.iter().map(|&e| e as u32).collect();
        }
        m.lookup = lookup;
        m
    }

    /// Whether the dataset or the synonym table writes a katakana or Latin word (folded).
    pub fn knows_word(&self, word: &str) -> bool {
        self.known_words.contains(word)
    }

    /// Analyses a question: canonical form, terms and their weights.
    pub fn query(&self, text: &str) -> Query {
        self.query_in_context(text, "")
    }

    /// Analyses the clauses of a question that ask, with the clauses that only give context
    /// (「ニュースで見たんですが」) as support: their terms weigh `CONTEXT_WEIGHT` of their
    /// weight, unless the ask holds them too; the names they hold count as the question's.
    pub fn query_in_context(&self, text: &str, context: &str) -> Query {
        self.query_normalized(text, None, context)
    }

    /// Runs `understand` with the queries and rankings it makes remembered: a text queried
    /// again in the same context (the whole question by a later rule, a sentence by the
    /// sentence pass and again by a rule on its answer) is the same query and ranks the
    /// same, so it is analysed and ranked once.
    pub fn remembering<R>(&self, understand: impl FnOnce() -> R) -> R {
        /// Forgets what was remembered when the outermost scope ends, however it ends.
        struct Scope;
        impl Drop for Scope {
            fn drop(&mut self) {
                MEMO.with(|m| {
                    let mut m = m.borrow_mut();
                    m.depth -= 1;
                    if m.depth == 0 {
                        m.queries.clear();
                        m.ranked.clear();
                        m.read.clear();
                    }
                });
            }
        }
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.depth == 0 {
                m.generation += 1;
            }
            m.depth += 1;
        });
        let _scope = Scope;
        understand()
    }

    /// [`Matcher::query_in_context`], given the text's `Folded` form when it is at hand.
    pub fn query_normalized(
        &self,
        text: &str,
        normalized: Option<&super::normalize::Folded>,
        context: &str,
    ) -> Query {
        let known = MEMO.with(|m| {
            let m = m.borrow();
            if m.depth == 0 {
                return None;
            }
            let found = m.queries.iter().find(|(t, c, _)| t == text && c == context);
            Some(found.map(|(_, _, q)| q.clone()))
        });
        match known {
            // Not remembering.
            None => self.analyse_query(text, normalized, context),
            Some(Some(q)) => q,
            Some(None) => {
                let mut q = self.analyse_query(text, normalized, context);
                MEMO.with(|m| {
                    let mut m = m.borrow_mut();
                    q.remembered = Some((m.generation, m.queries.len()));
                    m.queries
                        .push((text.to_owned(), context.to_owned(), q.clone()));
                });
                q
            }
        }
    }

    /// [`Matcher::query_normalized`], analysed anew.
    fn analyse_query(
        &self,
        text: &str,
        normalized: Option<&super::normalize::Folded>,
        context: &str,
    ) -> Query {
        let mut canonical = self.lexicon.canonical_of(text, normalized);
        let mut keys = Vec::with_capacity(2 * canonical.chars.len() + 2);
        terms_of(&canonical.chars, &mut keys);
        let mut meaningful_chars = meaningful(&canonical.chars) as f32;
        let mut context_keys = Vec::new();
        // Where the ask begins in the canonical text (after the context, when given).
        let mut ask_start = 0;
        if super::normalize::has_content(context) {
            let around = self.lexicon.canonical(context);
            terms_of(&around.chars, &mut context_keys);
            context_keys.retain(|k| keys.binary_search(k).is_err());
            meaningful_chars += CONTEXT_WEIGHT * meaningful(&around.chars) as f32;
            canonical.out_of_scope |= around.out_of_scope;
            canonical.compared_only |= around.compared_only;
            canonical.now |= around.now;
            let mut chars = around.chars;
            chars.push(WORD_SEP);
            ask_start = chars.len();
            chars.extend(canonical.chars);
            canonical.chars = chars;
        }
        let now = canonical.now;
        let canonical_compared_only = canonical.compared_only;
        // The classes named, and those of them that are not Trump's or Putin's, from one
        // pass over the text.
        let classes = self.lexicon.classes_in(&canonical.chars);
        let specific_classes = self.lexicon.specific_of(classes);
        let mut q = Query {
            known: Vec::with_capacity(keys.len() + context_keys.len()),
            total: 0.0,
            boundary: 0.0,
            words_known: false,
            out_of_scope: canonical.out_of_scope,
            leaders: self.lexicon.leaders_in(&canonical.chars),
            compares: self.lexicon.compares(&canonical.chars),
            classes,
            specific: specific_classes.iter().any(|m| *m != 0),
            meaningful: meaningful_chars.round() as usize,
            specific_classes,
            canonical: canonical.chars,
            unknown_name: false,
            // Sized once: a long question writes a few dozen names (aliases overlap).
            named_texts: Vec::with_capacity(NAMED_TEXTS_CAPACITY),
            held: vec![0.0; self.docs.len()],
            body_terms: Vec::with_capacity(keys.len() + context_keys.len()),
            soft_total: 0.0,
            soft_held: Vec::new(),
            context_chars: if super::normalize::has_content(context) {
                context.chars().count()
            } else {
                0
            },
            words: Vec::new(),
            remembered: None,
        };
        let (unknown_name, short_subject) = self.unknown_names(text);
        let unknown_name = unknown_name || self.unknown_names(context).0;
        q.words_known = !unknown_name
            && !keys
                .iter()
                .chain(&context_keys)
                .any(|&k| self.unknown_word(k));
        self.weigh(&mut q, keys, 1.0);
        if !context_keys.is_empty() {
            let (total, held, boundary) = (q.total, q.held.clone(), q.boundary);
            self.weigh(&mut q, context_keys, CONTEXT_WEIGHT);
            // The context's part counts as its total does against an entry (at most).
            q.boundary = boundary + CONTEXT_AGAINST * (q.boundary - boundary);
            q.soft_total = q.total - total;
            q.soft_held = q.held.iter().zip(&held).map(|(a, b)| a - b).collect();
        }
        self.find_names(&mut q);
        if q.boundary > 0.0 {
            q.words = self.content_words(text, &q.canonical[ask_start..]);
        }
        q.known.sort_unstable_by_key(|(id, _)| *id);
        q.body_terms.sort_unstable_by_key(|(id, _)| *id);
        q.out_of_scope |= self.names_foreign_leader(&q.canonical, now);
        q.out_of_scope |= canonical_compared_only && !q.compares;
        q.unknown_name = unknown_name;
        q.out_of_scope |= short_subject;
        q
    }

    /// What a text writes of names the dataset never uses, in one pass: (1) a katakana
    /// word of three letters or more, or a capitalised Latin word after the first, that it
    /// never mentions (see [`foreign_words`]); (2) a short katakana word (two letters, no
    /// long vowel) it never mentions as the question's subject — a place or thing it does
    /// not cover (「ガザ 停戦交渉 現状」, 「一番高いビルはどこ」). The subject is a word marked
    /// by は or が, or the first word followed by a space or の; a casual word (マジ？,
    /// ガチなの, マジで) is none of these.
    fn unknown_names(&self, text: &str) -> (bool, bool) {
        let unknown = |word: &str| !self.known_words.contains(word);
        let (mut long, mut short_subject) = (false, false);
        let mut run = String::new();
        // A run folded, in one buffer for the text.
        let mut folded = String::new();
        let mut run_chars = 0;
        // Whether the run started the text (after spaces).
        let mut run_first = false;
        let mut seen = false;
        for c in text.chars().chain(std::iter::once(' ')) {
            if ('ァ'..='ヺ').contains(&c) || c == 'ー' || ('ｦ'..='ﾟ').contains(&c) {
                if run_chars == 0 {
                    run_first = !seen;
                }
                run.push(c);
                run_chars += 1;
                seen = true;
                continue;
            }
            if run_chars >= 3 && !long {
                long = unknown(fold_katakana(&run, &mut folded));
            } else if run_chars == 2 && !short_subject {
                // Two letters, no long vowel (ペース, シーン are words, not names).
                let plain = run.chars().all(|r| ('ァ'..='ヺ').contains(&r));
                let subject =
                    matches!(c, 'は' | 'が') || (run_first && (c.is_whitespace() || c == 'の'));
                short_subject = plain && subject && unknown(fold_katakana(&run, &mut folded));
            }
            seen |= !c.is_whitespace();
            run.clear();
            run_chars = 0;
        }
        if !long && text.bytes().any(|b| b.is_ascii_uppercase()) {
            long = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .skip(1)
                .any(|word| {
                    word.len() >= 3
                        && word.starts_with(|c: char| c.is_ascii_uppercase())
                        && unknown(&word.to_ascii_lowercase())
                });
        }
        (long, short_subject)
    }

    /// The content words of an ask (see [`WordUnit`]) from its text and its canonical form:
    /// kanji runs, Latin words and the concepts that name someone or somewhere besides
    /// Trump and Putin of the canonical form (the synonym table's other words are concepts
    /// there, which explain themselves), katakana words of the text.
    fn content_words(&self, text: &str, canonical: &[char]) -> Vec<WordUnit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < canonical.len() {
            let c = canonical[i];
            if is_kanji(c) {
                let mut start = i;
                while i < canonical.len() && is_kanji(canonical[i]) {
                    i += 1;
                }
                let kanji = i - start;
                // The concepts on either side, whose bigrams with the run explain it too.
                while start > 0 && is_concept(canonical[start - 1]) {
                    start -= 1;
                }
                let mut end = i;
                while end < canonical.len() && is_concept(canonical[end]) {
                    end += 1;
                }
                if kanji >= 2 {
                    out.push(WordUnit::Kanji(canonical[start..end].to_vec()));
                }
                continue;
            }
            if is_concept(c)
                && self.lexicon.specific_of(self.lexicon.classes_in(&[c])) != [0; MAX_NAME_CLASSES]
            {
                out.push(WordUnit::Named(c));
            }
            if c.is_ascii_alphabetic() {
                let start = i;
                while i < canonical.len() && canonical[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if i - start >= 3 {
                    out.push(WordUnit::Latin(word(&canonical[start..i])));
                }
                continue;
            }
            i += 1;
        }
        let mut run = String::new();
        let mut folded = String::new();
        let mut keys = Vec::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if ('ァ'..='ヺ').contains(&c) || c == 'ー' || ('ｦ'..='ﾟ').contains(&c) {
                run.push(c);
                continue;
            }
            if run.chars().count() >= 2 {
                let chars = self
                    .lexicon
                    .canonical(fold_katakana(&run, &mut folded))
                    .chars;
                terms_of(&chars, &mut keys);
                keys.retain(|&k| {
                    !is_word(k) && {
                        let a = char::from_u32((k >> 32) as u32).unwrap_or(' ');
                        let b = char::from_u32((k & 0xFFFF_FFFF) as u32).unwrap_or(' ');
                        !is_concept(a) && !is_concept(b) && b != '\0'
                    }
                });
                if !keys.is_empty() {
                    out.push(WordUnit::Katakana(keys.clone()));
                }
            }
            run.clear();
        }
        // Words typed apart in hiragana (「ぷーちん ぴょんやん いった いつ」): each one the
        // synonym table does not know, by its terms.
        if text.contains(char::is_whitespace) {
            for token in text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()) {
                let plain =
                    token.chars().count() >= 3 && token.chars().all(|c| is_kana(c) || c == 'ー');
                if !plain {
                    continue;
                }
                let chars = self.lexicon.canonical(token).chars;
                if chars.iter().any(|&c| is_concept(c)) || chars.len() < 3 {
                    continue;
                }
                terms_of(&chars, &mut keys);
                out.push(WordUnit::Katakana(keys.clone()));
            }
        }
        out
    }

    /// Whether an entry's names, questions or keywords hold a term, or (`body`) any of its
    /// texts.
    fn holds_term(&self, key: TermKey, entry: usize, body: bool) -> bool {
        self.lookup.get(&key).is_some_and(|(id, entries)| {
            if body {
                entries.binary_search(&(entry as u32)).is_ok()
            } else {
                // Postings are in entry order (see `build`).
                *id != NOT_INDEXED
                    && self.postings[*id as usize]
                        .binary_search_by_key(&(entry as u32), |p| p.entry)
                        .is_ok()
            }
        })
    }

    /// How many of the ask's content words an entry leaves unexplained (see [`WordUnit`]).
    fn unexplained_words(&self, q: &Query, entry: usize, body: bool) -> usize {
        q.words
            .iter()
            .filter(|unit| match unit {
                WordUnit::Kanji(chars) => {
                    let solid = |c: char| is_kanji(c) || is_concept(c);
                    let held: Vec<bool> = chars
                        .windows(2)
                        .map(|w| {
                            solid(w[0])
                                && solid(w[1])
                                && self.holds_term(bigram(w[0], w[1]), entry, body)
                        })
                        .collect();
                    let covered = |i: usize| {
                        is_concept(chars[i])
                            || (i > 0 && held[i - 1])
                            || held.get(i).copied().unwrap_or(false)
                    };
                    (1..chars.len()).any(|i| !covered(i - 1) && !covered(i))
                }
                WordUnit::Katakana(keys) => {
                    let held = keys
                        .iter()
                        .filter(|&&k| self.holds_term(k, entry, body))
                        .count();
                    2 * held < keys.len()
                }
                WordUnit::Latin(key) => !self.holds_term(*key, entry, body),
                WordUnit::Named(c) => !self.holds_term(unigram(*c), entry, body),
            })
            .count()
    }

    /// Whether a term is a word no text of the dataset holds: two kanji (a compound,
    /// 開催国's 開催) or a Latin word.
    fn unknown_word(&self, key: TermKey) -> bool {
        let a = char::from_u32((key >> 32) as u32).unwrap_or(' ');
        let b = char::from_u32((key & 0xFFFF_FFFF) as u32).unwrap_or(' ');
        (is_word(key) || (is_kanji(a) && is_kanji(b)))
            && self
                .lookup
                .get(&key)
                .is_none_or(|(_, entries)| entries.is_empty())
    }

    fn weigh(&self, q: &mut Query, keys: Vec<TermKey>, factor: f32) {
        let discount = |key| {
            if q.words_known {
                1.0 - boundary_discount(key)
            } else {
                1.0
            }
        };
        let unknown = |key| {
            factor * discount(key) * unknown_factor(key) * term_factor(key) * self.unknown_idf
        };
        for key in keys {
            // One look-up per term, read twice.
            let found = self.lookup.get(&key);
            let indexed =
                found.is_some_and(|(id, _)| *id != NOT_INDEXED && self.indexed[*id as usize]);
            if !indexed && q.words_known {
                q.boundary += factor * boundary_discount(key) * term_factor(key) * self.unknown_idf;
            }
            match found {
                Some((id, entries)) => {
                    // A body's word only weighs as an unknown word does.
                    let w = if *id == NOT_INDEXED {
                        unknown(key)
                    } else if !self.indexed[*id as usize] {
                        let w = unknown(key);
                        q.body_terms.push((*id, w));
                        w
                    } else {
                        let w = factor * self.term_weight[*id as usize];
                        q.known.push((*id, w));
                        w
                    };
                    q.total += w;
                    for &e in entries {
                        q.held[e as usize] += w;
                    }
                }
                None => q.total += unknown(key),
            }
        }
    }

    /// [`Matcher::explained`] of `text` asked alone (no context), for one entry: the same
    /// sums in the same order as the query of `text` would make, without the rest of it
    /// (names, scope, classes) or the other entries' shares.
    pub fn explained_alone(&self, text: &str, entry: usize) -> f32 {
        let canonical = self.lexicon.canonical_of(text, None);
        let mut keys = Vec::with_capacity(2 * canonical.chars.len() + 2);
        terms_of(&canonical.chars, &mut keys);
        // Each term weighed as `weigh` weighs a question's (factor 1).
        let unknown = |key| unknown_factor(key) * term_factor(key) * self.unknown_idf;
        let (mut total, mut held) = (0.0f32, 0.0f32);
        for key in keys {
            match self.lookup.get(&key) {
                Some((id, entries)) => {
                    let w = if *id == NOT_INDEXED || !self.indexed[*id as usize] {
                        unknown(key)
                    } else {
                        self.term_weight[*id as usize]
                    };
                    total += w;
                    for &e in entries {
                        if e as usize == entry {
                            held += w;
                        }
                    }
                }
                None => total += unknown(key),
            }
        }
        let mut q = Query {
            total,
            held: vec![0.0; entry + 1],
            ..Query::default()
        };
        q.held[entry] = held;
        self.explained(&q, entry)
    }

    fn find_names(&self, q: &mut Query) {
        self.names_written(&q.canonical, &mut q.named_texts);
    }

    /// The names (entry, text) a canonical text writes out, sorted, once each.
    fn names_written(&self, canonical: &[char], named_texts: &mut Vec<(usize, usize)>) {
        // Names written out, also across Trump and Putin, whom every name implies
        // (「初のトランプ・プーチン会談」 writes 初会談).
        for (i, c) in canonical.iter().enumerate() {
            for &(e, t) in self.names_by_first.get(c).into_iter().flatten() {
                if begins_with(&canonical[i..], &self.docs[e].texts[t].chars) {
                    named_texts.push((e, t));
                }
            }
        }
        // Without home marks, read only when the question has some: only a name that spans
        // a place where marks were left out is new there (any other is a run of the text
        // itself, found above).
        if canonical.iter().any(|&c| self.lexicon.is_home_mark(c)) {
            let mut without_home: Vec<char> = Vec::with_capacity(canonical.len());
            // The places in `without_home` before which marks were left out.
            let mut gaps: Vec<usize> = Vec::new();
            for &c in canonical {
                if !self.lexicon.is_home_mark(c) {
                    without_home.push(c);
                } else if gaps.last() != Some(&without_home.len()) {
                    gaps.push(without_home.len());
                }
            }
            let mut next_gap = gaps.iter().copied().peekable();
            for (i, c) in without_home.iter().enumerate() {
                while next_gap.next_if(|&g| g <= i).is_some() {}
                // A name begun here must reach past the first gap after it.
                let Some(&gap) = next_gap.peek() else {
                    break;
                };
                for &(e, t) in self.names_by_first.get(c).into_iter().flatten() {
                    let name = &self.docs[e].texts[t].chars;
                    if i + name.len() > gap && begins_with(&without_home[i..], name) {
                        named_texts.push((e, t));
                    }
                }
            }
        }
        named_texts.sort_unstable();
        named_texts.dedup();
    }

    /// Whether a canonical question names a country's leader (country, optional の,
    /// title; in English also title, country: "the president of Finland") whom no person
    /// of the dataset is — or asks who holds the office now (今の, 現職, current, now) when
    /// the dataset has only a former holder (「今のフィンランドの大統領は？」 is not
    /// Niinistö).
    fn names_foreign_leader(&self, chars: &[char], now: bool) -> bool {
        (0..chars.len()).any(|i| {
            let countries = self.foreign_by_first.get(&chars[i]).into_iter().flatten();
            countries
                .map(|&c| &self.foreign_leaders[c])
                .any(|(country, titles, former_only)| {
                    begins_with(&chars[i..], country) && {
                        let mut rest = &chars[i + country.len()..];
                        if rest.first() == Some(&'の') {
                            rest = &rest[1..];
                        }
                        // An English title before the country, "of" dropped as a filler.
                        let mut before = &chars[..i];
                        if before.last() == Some(&WORD_SEP) {
                            before = &before[..before.len() - 1];
                        }
                        let holds = |t: &Vec<char>| {
                            rest.starts_with(t)
                                || (t.last().is_some_and(char::is_ascii_alphabetic)
                                    && before.ends_with(t)
                                    && !before[..before.len() - t.len()]
                                        .last()
                                        .is_some_and(char::is_ascii_alphabetic))
                        };
                        titles.iter().any(holds) || (now && former_only.iter().any(holds))
                    }
                })
        })
    }

    /// Whether the question speaks of a call between Trump and Putin, both named, and
    /// asks no comparison (「…トランプがプーチンに電話した」).
    pub fn speaks_of_home_call(&self, q: &Query) -> bool {
        let home = self.lexicon.home();
        q.leaders & home == home && !q.compares && self.speaks_of(q, PHONE_GROUP)
    }

    /// Whether a text holds a word listed as out of scope (`out_of_scope` in
    /// `responses/synonyms.json`), whatever else marks it.
    pub fn marked_by_word(&self, text: &str) -> bool {
        self.lexicon.canonical(text).out_of_scope
    }

    /// The people of the dataset, not Trump or Putin, the question describes by their
    /// country and leader title rather than by name (「フィンランドの大統領」,
    /// 「ハンガリーの首相」: country, optional の, title).
    pub fn described_people(&self, q: &Query) -> Vec<usize> {
        let chars = &q.canonical;
        let mut out: Vec<usize> = Vec::new();
        for (country, forms, e) in &self.title_holders {
            if self.is_home_person(*e) || out.contains(e) {
                continue;
            }
            let described = (0..chars.len()).any(|i| {
                begins_with(&chars[i..], country) && {
                    let rest = &chars[i + country.len()..];
                    let rest = rest.strip_prefix(&['の'][..]).unwrap_or(rest);
                    forms.iter().any(|f| rest.starts_with(f))
                }
            });
            if described {
                out.push(*e);
            }
        }
        out
    }

    /// Entries whose name is exactly the question; when two names mean the same
    /// (会う頻度, 会談頻度), the one typed letter for letter comes first.
    pub fn exact(&self, q: &Query, typed: &str) -> Vec<usize> {
        let Some(list) = self.exact.get(&q.canonical) else {
            return Vec::new();
        };
        let typed = normalize(typed);
        let mut out: Vec<usize> = list
            .iter()
            .filter(|(_, name)| *name == typed)
            .map(|(e, _)| *e)
            .collect();
        if out.is_empty() {
            out = list.iter().map(|(e, _)| *e).collect();
        }
        out.dedup();
        out
    }

    /// Candidates best first, among entries of `kinds` (all kinds when None).
    pub fn rank(&self, q: &Query, kinds: Option<&[Kind]>) -> Vec<Candidate> {
        let Some((generation, remembered)) = q.remembered else {
            return self.rank_anew(q, kinds);
        };
        // Remembered only within the scope that made the query.
        let current = |m: &Memo| m.depth > 0 && m.generation == generation;
        let known = MEMO.with(|m| {
            let m = m.borrow();
            if !current(&m) {
                return None;
            }
            m.ranked
                .iter()
                .find(|(r, k, _)| *r == remembered && k.as_deref() == kinds)
                .map(|(_, _, ranked)| ranked.clone())
        });
        if let Some(ranked) = known {
            return ranked;
        }
        let ranked = self.rank_anew(q, kinds);
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if current(&m) {
                m.ranked
                    .push((remembered, kinds.map(<[Kind]>::to_vec), ranked.clone()));
            }
        });
        ranked
    }

    /// [`Matcher::rank`], ranked anew.
    fn rank_anew(&self, q: &Query, kinds: Option<&[Kind]>) -> Vec<Candidate> {
        if q.is_empty() {
            return Vec::new();
        }
        let n = self.docs.len();
        // The arrays a ranking fills, kept between rankings (no allocation per question).
        let mut scratch = RANK_SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        // One array of what the postings found per entry (one array, not four).
        let found = &mut scratch.found;
        found.clear();
        found.resize(
            n,
            Found {
                bm25: 0.0,
                covered: 0.0,
                credited: 0.0,
                solid: false,
                written: false,
                short: false,
            },
        );
        for &(e, _) in &q.named_texts {
            found[e].written = true;
        }
        for &(t, w) in &q.known {
            let term_solid = self.term_solid[t as usize];
            for p in &self.postings[t as usize] {
                let f = &mut found[p.entry as usize];
                f.bm25 += p.share;
                f.credited += w * p.credit;
                f.solid |= term_solid;
                f.covered += w;
            }
        }
        // Entries with their BM25, so that ordering them reads no other array.
        let required = self.everyone_required(q);
        // A call between Trump and Putin spoken of beside someone else named
        // (「ゼレンスキーと会ってる最中にトランプがプーチンに電話した」): the calls'
        // record is the two of theirs, the other one is who Trump was meeting.
        let home_call = required.is_some() && self.speaks_of_home_call(q);
        // So is how a country named received the meetings, beside the people named
        // ("What was Ukraine's reaction to Trump meeting Putin without Zelensky?"): that
        // reaction's entry, named by the country.
        let reception = required.is_some() && self.speaks_of_reception(q);
        let shortlist = &mut scratch.shortlist;
        shortlist.clear();
        shortlist.extend(
            found
                .iter()
                .enumerate()
                .filter(|(_, f)| f.bm25 > 0.0)
                .map(|(e, f)| (f.bm25, e))
                .filter(|&(_, e)| kinds.is_none_or(|k| k.contains(&self.docs[e].kind)))
                .filter(|&(_, e)| {
                    required.is_none_or(|r| self.keeps(e, r))
                        || (home_call && self.docs[e].kind == Kind::Calls)
                        || (reception
                            && self.docs[e].kind == Kind::Reaction
                            && q.named_texts.iter().any(|&(n, _)| n == e))
                }),
        );
        // Best BM25 first, equals in entry order (as a stable sort would leave them).
        let order = |a: &(f32, usize), b: &(f32, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if shortlist.len() > SHORTLIST {
            shortlist.select_nth_unstable_by(SHORTLIST, order);
            // Of the entries cut, those named in the question stay in, however common the
            // name's terms: kept in place behind the shortlist.
            let mut kept = SHORTLIST;
            for i in SHORTLIST..shortlist.len() {
                if found[shortlist[i].1].written {
                    shortlist.swap(kept, i);
                    kept += 1;
                }
            }
            shortlist.truncate(kept);
            shortlist[SHORTLIST..].sort_unstable_by(order);
        }
        let within = shortlist.len().min(SHORTLIST);
        shortlist[..within].sort_unstable_by(order);
        // The weight each text of the shortlist shares with the question, summed term by
        // term in order of term id (as a merge of the two sorted lists would): each term's
        // postings tell which of its texts are a shortlisted entry's, and no other text is
        // read. The buffer is kept zeroed between questions: only the shortlist's texts are
        // reset after use, not every text of the index.
        for &(_, e) in shortlist.iter() {
            found[e].short = true;
        }
        let mut shared = SHARED.with(|w| std::mem::take(&mut *w.borrow_mut()));
        if shared.len() != self.text_count {
            shared.clear();
            shared.resize(self.text_count, 0.0);
        }
        for &(t, w) in &q.known {
            let texts = &self.text_postings[t as usize];
            let mut start = 0;
            for p in &self.postings[t as usize] {
                let end = p.texts_end as usize;
                if found[p.entry as usize].short {
                    for &g in &texts[start..end] {
                        shared[g as usize] += w;
                    }
                }
                start = end;
            }
        }
        let mut out: Vec<Candidate> = shortlist
            .iter()
            .map(|&(_, e)| self.candidate(q, e, &shared, found[e]))
            .collect();
        for &(_, e) in shortlist.iter() {
            let first = self.docs[e].first_text;
            shared[first..first + self.docs[e].texts.len()].fill(0.0);
        }
        SHARED.with(|w| *w.borrow_mut() = shared);
        RANK_SCRATCH.with(|s| *s.borrow_mut() = scratch);
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out
    }

    /// One shortlisted entry's figures for a question.
    fn candidate(&self, q: &Query, e: usize, shared: &[f32], found: Found) -> Candidate {
        let Found {
            bm25,
            covered,
            credited,
            solid,
            written,
            short: _,
        } = found;

        let texts = &self.docs[e].texts;
        let first = self.docs[e].first_text;
        // Its body's BM25F credit for the body-only terms, read for an entry the
        // question names; for any other, what its body explains beyond its other fields
        // counts, weakly, as it is.
        // Body-only terms count for an entry the question names (the entity gate): they
        // may never make a confident answer of a lookalike the question does not name.
        // Nor of a person's page (a leader's biography is not what the bot answers on:
        // 「次の選挙に出る？」), nor of an entry named only by the words of a record's
        // fields (「会談の結果」 names the results' Q&A).
        let gated =
            written && self.docs[e].kind != Kind::Person && !self.named_by_fields_only(q, e);
        let body = if gated {
            // Both lists and the body's terms are sorted by term id: one merge each.
            let own = &self.body_only[e];
            credits(own, &q.known)
                .chain(credits(own, &q.body_terms))
                .sum()
        } else {
            BODY_UNNAMED * (q.held[e] - covered).max(0.0)
        };
        let fit = match self.name_fit(q, e) {
            // An entry named after another person, place or year than the question
            // names (プーチン's page for 「トランプってどんな人」) is a worse fit.
            NameFit::Conflict => OTHER_NAME_PENALTY,
            // Named after the very person, place or year asked about.
            NameFit::Agrees => SAME_NAME_BONUS,
            NameFit::Generic => GENERIC_PENALTY,
            NameFit::Neutral => 1.0,
        };
        // An entry that leaves a content word of the ask unexplained takes less of the
        // discount of the bigrams across a word's edge (see `GUARDED_FACTOR`).
        let total = q.total_for(e);
        let unexplained = if q.boundary > 0.0 {
            self.unexplained_words(q, e, gated)
        } else {
            0
        };
        let guarded = if unexplained > 0 {
            total + q.boundary * (GUARDED_FACTOR - BOUNDARY_FACTOR) / (1.0 - BOUNDARY_FACTOR)
        } else {
            total
        };
        // The measures against the question's weight `guarded` and, when the question has
        // unknown bigrams across a word's edge, against `total + boundary` for `diluted`:
        // both read in one pass over the entry's texts and names.
        let dilute = q.boundary > 0.0;
        let totals = [guarded, total + q.boundary];
        // Weighted bigram Dice against each text that shares a term (one that shares none
        // is no more similar than none: Dice 0), the closest kept.
        let mut similarity = [0.0f32; 2];
        for (t, &shared) in texts.iter().zip(&shared[first..first + texts.len()]) {
            if shared == 0.0 {
                continue;
            }
            for (best, &total) in similarity
                .iter_mut()
                .zip(&totals)
                .take(1 + usize::from(dilute))
            {
                let d = share_dice(shared, total, t.weight);
                let d = if t.role == Role::Keyword {
                    d * KEYWORD_SIMILARITY
                } else {
                    d
                };
                *best = best.max(d);
            }
        }
        // A name of the entry written inside the question ("アラスカ" in
        // "アラスカでの首脳会談") says what the question is about: its share of the
        // question, by weight or by the characters that carry meaning (kana outside the
        // name are particles).
        let mut named = [0.0f32; 2];
        for t in q
            .named_texts
            .iter()
            .filter(|&&(entry, _)| entry == e)
            .map(|&(_, t)| &texts[t])
        {
            let len = t.chars.len() as f32;
            let rest = q.meaningful.saturating_sub(meaningful(&t.chars)) as f32;
            for (best, &total) in named.iter_mut().zip(&totals).take(1 + usize::from(dilute)) {
                let by_weight = t.weight / total;
                *best = best.max(by_weight.max(len / (len + rest)));
            }
        }
        let named = named.map(|n| n.min(1.0));
        let measures = |i: usize| {
            let total = totals[i];
            let coverage = (covered / total).min(1.0);
            // BM25F: the share of the question the entry's fields explain, each term by
            // its saturated, weighted and length-normalised frequency (a body's words
            // weakly).
            let fielded = ((credited + body) / total).min(1.0);
            let score = WEIGHT_COVERAGE * fielded
                + WEIGHT_SIMILARITY * similarity[i]
                + WEIGHT_NAMED * named[i];
            let score = (score * fit).min(1.0);
            (coverage, fielded, score)
        };
        let (coverage, fielded, score) = measures(0);
        let (similarity, named) = (similarity[0], named[0]);
        let diluted = if dilute { measures(1).2 } else { score };
        let explained = self.explained(q, e);
        let event = matches!(self.docs[e].kind, Kind::Meeting | Kind::PastSummit);
        Candidate {
            entry: e,
            bm25,
            coverage,
            fielded,
            similarity,
            named,
            score,
            diluted,
            unnamed_event: event && named == 0.0,
            gated,
            kana_only: !solid && named == 0.0,
            explained,
        }
    }

    /// How an entry's names (people, places, years, gatherings) fit those the question
    /// names.
    pub fn name_fit(&self, q: &Query, e: usize) -> NameFit {
        let own = &self.docs[e].name_classes;
        let conflict = q
            .classes
            .iter()
            .zip(own)
            .any(|(asked, named)| *asked != 0 && *named != 0 && asked & named == 0);
        let agreement = q
            .classes
            .iter()
            .zip(own)
            .any(|(asked, named)| asked & named != 0);
        if conflict {
            NameFit::Conflict
        } else if agreement {
            NameFit::Agrees
        } else if q.specific && own.iter().all(|m| *m == 0) {
            NameFit::Generic
        } else {
            NameFit::Neutral
        }
    }

    /// A question naming two or more people is about them together: only an entry whose
    /// own names (title, aliases) name all of them can answer it (バイデンと習近平 is
    /// nobody's entry here; プーチンと習近平の会談 is not the Trump–Xi comparison, even if
    /// one of its sample questions mentions all three). Asked about their meeting, the
    /// name must speak of a meeting too. Trump and Putin are every entry's subject: named
    /// together they ask nothing, and named beside others only the others must match. So too
    /// in a comparison (「ゼレンスキーとの会談とプーチンとの会談の違い」 sets Trump's two
    /// meetings side by side).
    ///
    /// What an entry's names must hold, if anything: decided once per question.
    fn everyone_required(&self, q: &Query) -> Option<Required> {
        let (leaders, compares) = (q.leaders, q.compares);
        let home = self.lexicon.home();
        let people = leaders & !MEETING_BIT;
        if people.count_ones() < 2 || people & !home == 0 {
            return None;
        }
        let required = if compares || people & home == home {
            leaders & !home
        } else {
            leaders
        };
        if self.others_beside_ours(q, required) {
            return Some(Required::NoneOf(people & !home));
        }
        // A pair no entry is named after, their meetings not asked of: the entries that
        // write of them together (金正恩's page, 「プーチン氏とは軍事協力を進めている」); the
        // scope rules refuse a fact asked of their meetings (see `search::scope`).
        if required & MEETING_BIT == 0
            && !(0..self.docs.len()).any(|e| self.names_everyone(e, required))
        {
            return Some(Required::Written(required));
        }
        Some(Required::Everyone(required))
    }

    /// Whether a comparison sets the meetings of other people, more than any one entry
    /// names together, beside Trump's with Putin, both named, or beside the US–Russia
    /// summits (「レーガンとゴルバチョフ、ブッシュとプーチン…と比べて、トランプとプーチンの
    /// 会談は」, "Trump-Putin against Reagan-Gorbachev or Biden-Putin", 「米ソ・米露の首脳会談
    /// …レーガンとゴルバチョフからバイデンとプーチンまで…どう違う」): it asks of those
    /// meetings against all the others, which no entry named after some of them is about;
    /// the entries named after none of them are (the history of US–Russia summits). One
    /// pair alone keeps the rule (the entry naming it, 「レーガン・ゴルバチョフ」); a
    /// question without Trump and Putin both or the US–Russia summits, or comparing
    /// nothing, too.
    fn others_beside_ours(&self, q: &Query, required: u16) -> bool {
        let home = self.lexicon.home();
        q.compares
            && (q.leaders & home == home || self.names_us_russia(q))
            && !(0..self.docs.len()).any(|e| self.names_everyone(e, required))
    }

    /// Whether the ranking keeps an entry under what its names must hold.
    fn keeps(&self, entry: usize, required: Required) -> bool {
        match required {
            Required::Everyone(r) => self.names_everyone(entry, r),
            Required::NoneOf(others) => self.docs[entry].names().all(|t| t.leaders & others == 0),
            Required::Written(r) => {
                let doc = &self.docs[entry];
                let named = doc.names().fold(0, |m, t| m | t.leaders);
                doc.text_people.iter().any(|&(_, t)| (t | named) & r == r)
            }
        }
    }

    /// Whether an entry's names hold every person (and meeting) of `required` (see
    /// [`Matcher::everyone_required`]).
    fn names_everyone(&self, entry: usize, required: u16) -> bool {
        let doc = &self.docs[entry];
        // A meeting's or past summit's names speak of a meeting, whatever their words.
        let event = if matches!(doc.kind, Kind::Meeting | Kind::PastSummit) {
            MEETING_BIT
        } else {
            0
        };
        doc.names()
            .any(|t| (t.leaders | event) & required == required)
    }

    /// Share of the question's weight an entry's texts (names, questions, keywords and
    /// body) hold somewhere (0..1).
    pub fn explained(&self, q: &Query, entry: usize) -> f32 {
        // Weighed as before the discount of bigrams across a word's edge: what no entry
        // explains still counts against each (the rules reading this share guard against
        // lookalikes by it).
        let total = q.total_for(entry) + q.boundary;
        if total > 0.0 {
            (q.held[entry] / total).min(1.0)
        } else {
            0.0
        }
    }

    /// Whether a text asks a role (役割, 立ち位置, role).
    pub fn asks_role(&self, text: &str) -> bool {
        self.lexicon
            .canonical(text)
            .chars
            .iter()
            .any(|&c| self.lexicon.concept_name(c) == Some(ROLE_GROUP))
    }

    /// Whether a text begins with a meeting or call (会談, 電話, 極秘会談), or with a field
    /// every meeting's record answers (成果, 発言, 同席者) or its content (内容): what a
    /// demonstrative before it points at is the record (「その会談」, 「その成果」), not a
    /// person or a topic (「その報道官」, 「この交渉」).
    pub fn begins_with_record(&self, text: &str) -> bool {
        let canonical = self.lexicon.canonical(text);
        let Some(&first) = canonical.chars.first() else {
            return false;
        };
        self.lexicon.meeting == Some(first)
            || self.lexicon.aspects.contains(&first)
            || self
                .lexicon
                .concept_name(first)
                .is_some_and(|name| RECORD_KIND_GROUPS.contains(&name))
    }

    /// Whether the question names an entry, and only by names made of the words of a
    /// record's fields and of meetings, joined by particles (「会談場所」, 「会談の成果」):
    /// it says what is asked, not which entry.
    pub fn named_by_fields_only(&self, q: &Query, entry: usize) -> bool {
        self.named_only_by(q, entry, |c| self.lexicon.aspects.contains(&c))
    }

    /// Whether the question names an entry, and only by names made of the words that ask a
    /// count (「頻度」, 「回数」) and of meetings, joined by particles: it says what is asked.
    pub fn named_by_counts_only(&self, q: &Query, entry: usize) -> bool {
        self.named_only_by(q, entry, |c| {
            self.lexicon
                .concept_name(c)
                .is_some_and(|name| COUNT_GROUPS.contains(&name))
        })
    }

    /// Whether the question names `entry`, and every name it is named by is made only of
    /// characters `asks` accepts, of meetings and of the particles の, と and や.
    fn named_only_by(&self, q: &Query, entry: usize, asks: impl Fn(char) -> bool) -> bool {
        let mut texts = q
            .named_texts
            .iter()
            .filter(|&&(e, _)| e == entry)
            .peekable();
        texts.peek().is_some()
            && texts.all(|&(e, t)| {
                self.docs[e].texts[t].chars.iter().all(|&c| {
                    asks(c)
                        || self.lexicon.leaders_in(std::slice::from_ref(&c)) == MEETING_BIT
                        || matches!(c, 'の' | 'と' | 'や')
                })
            })
    }

    /// Where the question writes one of an entry's names as its subject: the name opens
    /// the question, or is the topic, marked by って, は or では after any title in kanji
    /// and さん (「ルビオって…」, 「オルバン首相は…」, 「世論調査では…」). The first such
    /// place, in characters.
    pub fn subject_at(&self, q: &Query, entry: usize) -> Option<usize> {
        let chars = &q.canonical;
        self.first_name_at(q, entry, |i, end| {
            let rest = after_title(chars, end);
            let rest = rest.strip_prefix(&['で'][..]).unwrap_or(rest);
            i == 0 || rest.first() == Some(&'は') || rest.starts_with(&['っ', 'て'])
        })
    }

    /// Where the question first writes one of an entry's names, in characters.
    pub fn named_at(&self, q: &Query, entry: usize) -> Option<usize> {
        self.first_name_at(q, entry, |_, _| true)
    }

    /// The first place, in characters, where the question writes one of `entry`'s names
    /// (from `start` to `end`) and `fits(start, end)`.
    fn first_name_at(
        &self,
        q: &Query,
        entry: usize,
        fits: impl Fn(usize, usize) -> bool,
    ) -> Option<usize> {
        let chars = &q.canonical;
        q.named_texts
            .iter()
            .filter(|&&(e, _)| e == entry)
            .filter_map(|&(e, t)| {
                let name = &self.docs[e].texts[t].chars;
                (0..chars.len().saturating_sub(name.len() - 1))
                    .find(|&i| chars[i..].starts_with(name) && fits(i, i + name.len()))
            })
            .min()
    }

    /// Whether the question asks how something changed (変化, 変遷, changed).
    pub fn speaks_of_change(&self, q: &Query) -> bool {
        self.speaks_of(q, CHANGE_GROUP)
    }

    /// Whether the words after a year (「2016年の」 + these) name what the year dates: a
    /// concept of the table that is no meeting and no name (person, place, year) —
    /// 「2016年の選挙介入」 dates the interference, not a meeting.
    pub fn dates_another_thing(&self, after: &str) -> bool {
        let canonical = self.lexicon.canonical(after);
        canonical.chars.first().is_some_and(|&c| {
            is_concept(c)
                && Some(c) != self.lexicon.meeting
                && self.lexicon.classes_in(&[c]).iter().all(|m| *m == 0)
        })
    }

    /// Whether the question speaks of a meeting's result: a word of results or of what was
    /// agreed right after a word of meetings and its particle (「会談の結果」, 「会談は…結果に」,
    /// 「会談では…合意が」; not 「選挙の結果」).
    pub fn speaks_of_a_meetings_result(&self, q: &Query) -> bool {
        let Some(meeting) = self.lexicon.meeting else {
            return false;
        };
        let c = &q.canonical;
        (0..c.len()).any(|i| {
            c[i] == meeting
                && c[i + 1..(i + 4).min(c.len())].iter().any(|&r| {
                    self.lexicon
                        .concept_name(r)
                        .is_some_and(|g| RESULT_GROUPS.contains(&g))
                })
        })
    }

    /// The question's canonical text (words of the synonym table as concept marks), for the
    /// rules kept in their own files.
    pub fn canonical_text<'q>(&self, q: &'q Query) -> &'q [char] {
        &q.canonical
    }

    /// The synonym group a mark of the canonical text stands for.
    pub fn concept_of(&self, mark: char) -> Option<&str> {
        self.lexicon.concept_name(mark)
    }

    /// Whether the question holds a concept of the synonym group named `group`.
    pub fn speaks_of(&self, q: &Query, group: &str) -> bool {
        q.canonical
            .iter()
            .any(|&c| self.lexicon.concept_name(c) == Some(group))
    }

    /// Entries one of whose names (title, alias) the question writes out, with the length
    /// in characters of the longest such name.
    pub fn named_in(&self, q: &Query) -> Vec<(usize, usize)> {
        self.named_by(&q.named_texts)
    }

    /// [`Matcher::named_in`] of the query of `text` alone (no context), read from its
    /// canonical form only: the names a query would find, without weighing its terms.
    pub fn named_in_text(&self, text: &str) -> Vec<(usize, usize)> {
        remember_read(Read::Names, text, || {
            let canonical = self.lexicon.canonical_of(text, None);
            let mut named_texts = Vec::new();
            self.names_written(&canonical.chars, &mut named_texts);
            self.named_by(&named_texts)
        })
    }

    /// The entries of the names found (sorted by entry), with their longest name's length.
    fn named_by(&self, named_texts: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &(e, t) in named_texts {
            let len = self.docs[e].texts[t].chars.len();
            match out.last_mut() {
                Some((last, longest)) if *last == e => *longest = (*longest).max(len),
                _ => out.push((e, len)),
            }
        }
        out
    }

    /// Events (meetings, past summits) whose names agree with every person, place, year and
    /// gathering the question names besides Trump and Putin (「2017年のG20」 is Hamburg's).
    pub fn events_fitting(&self, q: &Query) -> Vec<usize> {
        if q.specific_classes.iter().all(|m| *m == 0) {
            return Vec::new();
        }
        self.docs
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.kind, Kind::Meeting | Kind::PastSummit))
            .filter(|(_, d)| {
                q.specific_classes
                    .iter()
                    .zip(&d.name_classes)
                    .all(|(asked, own)| *asked == 0 || asked & own == *asked)
            })
            .map(|(e, _)| e)
            .collect()
    }

    /// Whether the question names two or more people, not only Trump and Putin: the
    /// ranking then keeps only entries named after all of them (see `names_everyone`).
    pub fn names_a_pair(&self, q: &Query) -> bool {
        let people = q.leaders & !MEETING_BIT;
        people.count_ones() >= 2 && people & !self.lexicon.home() != 0
    }

    /// Whether the question names a place or gathering (not only people or a year) that
    /// the entry's names name too: a year is shared by every meeting held in it, anyone's
    /// (「2019年のハノイでの米朝首脳会談」 is not Osaka's, June 2019).
    pub fn anchored_beyond_year(&self, q: &Query, entry: usize) -> bool {
        let own = &self.docs[entry].name_classes;
        q.specific_classes
            .iter()
            .zip(own)
            .enumerate()
            .any(|(class, (asked, own))| class != 0 && class != YEAR_CLASS && asked & own != 0)
    }

    /// Whether the question names two places or more (ダナン, パリ) and the entry's names
    /// name every one of them.
    pub fn names_every_place(&self, q: &Query, entry: usize) -> bool {
        let asked = q.specific_classes.get(PLACE_CLASS).copied().unwrap_or(0);
        let own = self.docs[entry]
            .name_classes
            .get(PLACE_CLASS)
            .copied()
            .unwrap_or(0);
        asked.count_ones() >= 2 && asked & !own == 0
    }

    /// Whether the question carries at least a few characters of meaning (not kana).
    pub fn says_enough(&self, q: &Query) -> bool {
        q.meaningful >= BODY_MIN_MEANINGFUL
    }

    /// Whether the question speaks of what is still to come (次回, next, 今後) and names
    /// no place (「ヘルシンキの次の会談」 is one after Helsinki).
    pub fn speaks_of_future(&self, q: &Query) -> bool {
        q.specific_classes.get(1).is_none_or(|places| *places == 0)
            && self.lexicon.speaks_of_future(&q.canonical)
    }

    /// Whether the question asks for a comparison (比較, 違い, vs).
    pub fn compares(&self, q: &Query) -> bool {
        q.compares
    }

    /// Whether the question speaks of a meeting being held or not (開催, 開かれなかった,
    /// took place).
    pub fn speaks_of_held(&self, q: &Query) -> bool {
        q.canonical.iter().any(|c| self.lexicon.held.contains(c))
    }

    /// Whether the question says a meeting "did" happen, the plain word (やった) coming
    /// shortly after a word of meetings (「ブダペストの会談ってもうやったっけ？」), not
    /// after something else (「G20やったとこ」 is where the G20 was).
    pub fn did_a_meeting(&self, q: &Query) -> bool {
        let (Some(meeting), Some(did)) = (self.lexicon.meeting, self.lexicon.did) else {
            return false;
        };
        let c = &q.canonical;
        (0..c.len()).any(|i| c[i] == did && c[i.saturating_sub(DID_REACH)..i].contains(&meeting))
    }

    /// Whether the question speaks of how something was received (反応, 世論調査).
    pub fn speaks_of_reception(&self, q: &Query) -> bool {
        q.canonical
            .iter()
            .any(|c| self.lexicon.reception.contains(c))
    }

    /// Whether the question speaks of a meeting not held (開かれなかった, never happened).
    pub fn speaks_of_not_held(&self, q: &Query) -> bool {
        self.lexicon
            .not_held
            .is_some_and(|mark| q.canonical.contains(&mark))
    }

    /// Whether an entry's names (title, aliases) speak of a meeting being held or not: a
    /// misconception about whether it took place.
    pub fn entry_speaks_of_held(&self, entry: usize) -> bool {
        self.docs[entry]
            .texts
            .iter()
            .filter(|t| t.role == Role::Name)
            .any(|t| t.chars.iter().any(|c| self.lexicon.held.contains(c)))
    }

    /// The words of how something was received (反応, 世論調査, polls) a question writes
    /// that an entry's names hold.
    pub fn reception_named(&self, q: &Query, entry: usize) -> Vec<char> {
        let mut marks: Vec<char> = q
            .canonical
            .iter()
            .copied()
            .filter(|c| self.lexicon.reception.contains(c))
            .filter(|&m| {
                self.docs[entry]
                    .texts
                    .iter()
                    .any(|t| t.role == Role::Name && t.chars.contains(&m))
            })
            .collect();
        marks.sort_unstable();
        marks.dedup();
        marks
    }

    /// How many entries' names hold a mark of the canonical text: the fewer, the narrower
    /// the word (「世論調査」 names fewer entries than 「反応」).
    pub fn entries_named_by(&self, mark: char) -> usize {
        self.docs
            .iter()
            .filter(|d| {
                d.texts
                    .iter()
                    .any(|t| t.role == Role::Name && t.chars.contains(&mark))
            })
            .count()
    }

    /// Whether an entry's names speak of a meeting not held (開かれなかった): a
    /// misconception that a meeting held was not.
    pub fn entry_speaks_of_not_held(&self, entry: usize) -> bool {
        self.lexicon.not_held.is_some_and(|mark| {
            self.docs[entry]
                .texts
                .iter()
                .any(|t| t.role == Role::Name && t.chars.contains(&mark))
        })
    }

    /// Whether the question speaks of a meeting (会談, 会った, summit…).
    pub fn speaks_of_a_meeting(&self, q: &Query) -> bool {
        q.leaders & MEETING_BIT != 0
    }

    /// Whether the question writes a word of meetings of its own (会った, 対面で, summit),
    /// beside any name that holds one (電話会談).
    pub fn writes_a_meeting(&self, q: &Query) -> bool {
        self.lexicon
            .meeting
            .is_some_and(|mark| q.canonical.contains(&mark))
    }

    /// Whether the question speaks of a meeting or of Trump or Putin.
    pub fn speaks_of_meetings(&self, q: &Query) -> bool {
        q.leaders & (MEETING_BIT | self.lexicon.home()) != 0
    }

    /// Whether the question names a leader other than Trump and Putin (ブッシュ, 金正恩).
    pub fn names_other_leader(&self, q: &Query) -> bool {
        q.leaders & !MEETING_BIT & !self.lexicon.home() != 0
    }

    /// Whether the question names Trump or Putin.
    pub fn names_home_leader(&self, q: &Query) -> bool {
        q.leaders & self.lexicon.home() != 0
    }

    /// Whether the question names the United States and Russia together (米ロ関係).
    pub fn names_us_russia(&self, q: &Query) -> bool {
        self.lexicon.names_us_russia(&q.canonical)
    }

    /// The pages of people other than Trump or Putin the question names, in the order of
    /// [`Matcher::named_in`] (an entry once per name of it written).
    pub fn other_people_named(&self, q: &Query) -> impl Iterator<Item = usize> + '_ {
        self.named_in(q)
            .into_iter()
            .map(|(e, _)| e)
            .filter(|&e| self.is_other_person(e))
    }

    /// Whether an entry is the page of a person other than Trump or Putin.
    pub fn is_other_person(&self, entry: usize) -> bool {
        self.docs[entry].kind == Kind::Person && !self.is_home_person(entry)
    }

    /// Whether an entry is the page of Trump or Putin, whom every question names: all its
    /// names name them (Peskov's title mentions the Russian president; his name does not).
    pub fn is_home_person(&self, entry: usize) -> bool {
        let doc = &self.docs[entry];
        let home = self.lexicon.home();
        doc.kind == Kind::Person
            && doc
                .texts
                .iter()
                .filter(|t| t.role == Role::Name)
                .all(|t| t.leaders & !MEETING_BIT != 0 && t.leaders & !home & !MEETING_BIT == 0)
    }

    /// Sample questions resembling what has been typed so far, best first.
    pub fn complete_questions(&self, partial: &str, max: usize) -> Vec<&str> {
        let q = self.query(partial);
        if q.is_empty() {
            // Nothing typed yet: one question per entry, in dataset order.
            let mut last = usize::MAX;
            return self
                .questions
                .iter()
                .filter(|(e, _)| std::mem::replace(&mut last, *e) != *e)
                .take(max)
                .map(|(_, s)| s.text.as_str())
                .collect();
        }
        let typed = normalize(partial);
        let mut scored: Vec<(f32, &str)> = self
            .questions
            .iter()
            .filter_map(|(_, s)| {
                let contains = !typed.is_empty() && s.normalized.contains(&typed);
                let d = dice(&q.known, q.total, &s.terms, s.weight);
                let score = d + if contains { 1.0 } else { 0.0 };
                (score >= 0.2).then_some((score, s.text.as_str()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(max);
        scored.into_iter().map(|(_, t)| t).collect()
    }

    /// The concept names of a question's canonical form, for `--explain` style output.
    pub fn describe(&self, text: &str) -> String {
        self.lexicon
            .canonical(text)
            .chars
            .iter()
            .map(|&c| match self.lexicon.concept_name(c) {
                Some(name) => format!("⟨{name}⟩"),
                None => c.to_string(),
            })
            .collect()
    }
}

/// The names of a text written in katakana (two letters or more) or as capitalised Latin
/// words after the first, folded: 「レイキャビク」, "Reykjavik".
fn foreign_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<String>| {
        if run.chars().count() >= 2 {
            out.push(normalize(run));
        }
        run.clear();
    };
    for c in text.chars() {
        if ('ァ'..='ヺ').contains(&c) || c == 'ー' || ('ｦ'..='ﾟ').contains(&c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    for (i, word) in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i > 0 && word.len() >= 3 && word.starts_with(|c: char| c.is_ascii_uppercase()) {
            out.push(word.to_ascii_lowercase());
        }
    }
    out
}

/// The katakana words and every Latin word of a dataset text, folded (see
/// [`foreign_words`]).
/// [`normalize`] of a run of katakana (full or half width) and ー, without the Unicode
/// tables when it is all full width; written into `out` (a buffer kept across runs).
fn fold_katakana<'a>(run: &str, out: &'a mut String) -> &'a str {
    out.clear();
    if run.chars().all(|c| ('ァ'..='ヺ').contains(&c) || c == 'ー') {
        out.extend(run.chars().filter(|&c| c != 'ー').map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        }));
    } else {
        normalize_into(run, out);
    }
    out
}

fn words_of(text: &str) -> Vec<String> {
    let mut out = foreign_words(text);
    out.extend(
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3)
            .map(str::to_ascii_lowercase),
    );
    out
}

/// Characters other than kana (concepts, kanji, digits), a Latin word counting once.
fn meaningful(chars: &[char]) -> usize {
    let mut count = 0;
    let mut previous_latin = false;
    for &c in chars {
        let latin = c.is_ascii_alphabetic();
        let continues_word = latin && previous_latin;
        if !is_kana(c) && !continues_word && c != WORD_SEP {
            count += 1;
        }
        previous_latin = latin;
    }
    count
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[char], needle: &[char]) -> bool {
    let Some(&first) = needle.first() else {
        return false;
    };
    // The first character before the whole slice: most windows fail there, cheaply.
    haystack
        .windows(needle.len())
        .any(|w| w[0] == first && w == needle)
}

thread_local! {
    /// Per text, the weight it shares with a question: kept between questions.
    static SHARED: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The per-entry arrays a ranking fills: kept between questions.
    static RANK_SCRATCH: std::cell::RefCell<RankScratch> =
        std::cell::RefCell::new(RankScratch::default());
    /// The queries and rankings remembered while a question is understood.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// What [`Matcher::rank`] fills per entry, kept between rankings.
#[derive(Default)]
struct RankScratch {
    /// What the postings found of each entry.
    found: Vec<Found>,
    /// The entries found, with their BM25.
    shortlist: Vec<(f32, usize)>,
}

/// What [`Matcher::remembering`] remembers.
#[derive(Default)]
struct Memo {
    /// Scopes open (a question understood within another's reading opens one more).
    depth: usize,
    /// How many outermost scopes have opened: a query made in an earlier one is not
    /// this one's.
    generation: u64,
    /// Text, context and their query, whose `remembered` is its place here.
    queries: Vec<(String, String, Query)>,
    /// A remembered query's place, the kinds ranked and its ranking.
    ranked: Vec<(usize, Option<Vec<Kind>>, Vec<Candidate>)>,
    /// What was read of a text (see [`Read`]), by the text.
    read: Vec<(Read, String, Box<dyn std::any::Any>)>,
}

/// What is read of a text, the same however often it is read while one question is
/// understood (see [`remember_read`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    /// A text's ask and context, each cleaned of courtesies (`Index::cleaned_focus`).
    Focus,
    /// The names a text writes ([`Matcher::named_in_text`]).
    Names,
}

/// `read(text)`, remembered while a question is understood (see [`Matcher::remembering`]):
/// the whole question's ask and context are read by the whole reading, the agreement of
/// readings and the referent rule; the names of the words left once those that ask are set
/// aside by two rules of a reading. Read anew outside a scope.
pub(super) fn remember_read<T: Clone + 'static>(
    what: Read,
    text: &str,
    read: impl FnOnce() -> T,
) -> T {
    let known = MEMO.with(|m| {
        let m = m.borrow();
        if m.depth == 0 {
            return None;
        }
        let found = m.read.iter().find(|(r, t, _)| *r == what && t == text);
        Some(found.and_then(|(_, _, value)| value.downcast_ref::<T>().cloned()))
    });
    match known {
        None => read(),
        Some(Some(value)) => value,
        Some(None) => {
            let value = read();
            MEMO.with(|m| {
                m.borrow_mut()
                    .read
                    .push((what, text.to_owned(), Box::new(value.clone())));
            });
            value
        }
    }
}

/// Weighted Dice from the weight a text shares with the question.
/// The credit of each of a question's terms (sorted by id) in an entry's body-only terms
/// (sorted by id), weighed by the term's weight: one merge of the two lists.
fn credits<'a>(own: &'a [(u32, f32)], terms: &'a [(u32, f32)]) -> impl Iterator<Item = f32> + 'a {
    // The merge's walk, each list skipped ahead by a binary search of what is left of it
    // to the other's term: the same pairs met, in the same order (a question's term
    // matched, the next of its terms is read against the same body term).
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < terms.len() && j < own.len() {
            let (t, w) = terms[i];
            let (o, credit) = own[j];
            if t == o {
                i += 1;
                return Some(w * credit);
            }
            if t < o {
                i += terms[i..].partition_point(|&(x, _)| x < o);
            } else {
                j += own[j..].partition_point(|&(x, _)| x < t);
            }
        }
        None
    })
}

fn share_dice(shared: f32, query_total: f32, text_total: f32) -> f32 {
    let total = query_total + text_total;
    if total <= 0.0 {
        0.0
    } else {
        2.0 * shared / total
    }
}

/// Weighted Dice of a question's known terms against a text's sorted terms.
fn dice(query: &[(u32, f32)], query_total: f32, text: &[u32], text_total: f32) -> f32 {
    let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
    while i < query.len() && j < text.len() {
        match query[i].0.cmp(&text[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += query[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    let total = query_total + text_total;
    if total <= 0.0 {
        0.0
    } else {
        2.0 * shared / total
    }
}

/// What the scope rules (`search::scope`) read of a question and of the entries' names.
impl Matcher {
    /// The people a question names (Trump and Putin included), one bit each, as the
    /// entries' names count them.
    pub fn people_in(&self, q: &Query) -> u32 {
        q.classes[0]
    }

    /// The people an entry's names (title, aliases) name.
    pub fn people_of(&self, entry: usize) -> u32 {
        self.docs[entry].name_classes[0]
    }

    /// Whether one text of `entry` writes every person of `people`, the people its names
    /// name counting as written in each (金正恩's page, 「プーチン氏とは軍事協力を進めている」):
    /// what the entry says of them together.
    pub fn writes_together(&self, entry: usize, people: u32) -> bool {
        let doc = &self.docs[entry];
        doc.text_people
            .iter()
            .any(|&(t, _)| (t | doc.name_classes[0]) & people == people)
    }

    /// Trump and Putin, as [`Matcher::people_in`] counts them.
    pub fn home_people(&self) -> u32 {
        self.lexicon.home_classes()[0]
    }

    /// Whether the question names people together whom no entry's names name all of, but
    /// an entry writes of together (see [`Matcher::everyone_required`]).
    pub fn names_people_only_written(&self, q: &Query) -> bool {
        matches!(self.everyone_required(q), Some(Required::Written(_)))
    }

    /// The places (the cities of the meetings) a question names, one bit each.
    pub fn places_in(&self, q: &Query) -> u32 {
        q.classes[PLACE_CLASS]
    }

    /// The gatherings (G20, APEC) a question names, one bit each.
    pub fn gatherings_in(&self, q: &Query) -> u32 {
        q.classes[GATHERING_CLASS]
    }

    /// The gatherings an entry's names name.
    pub fn gatherings_of(&self, entry: usize) -> u32 {
        self.docs[entry].name_classes[GATHERING_CLASS]
    }

    /// Whether the question holds the future concept (次回, next, 今後), place or not.
    pub fn writes_future(&self, q: &Query) -> bool {
        self.lexicon.speaks_of_future(&q.canonical)
    }
}

/// What the person rules (`search::person`) read of the entries' texts.
impl Matcher {
    /// Whether `entry`'s texts, body included, hold one of `other`'s names (title,
    /// aliases) term for term: Peskov's page speaks of the Budapest meeting and not of
    /// Alaska. A name that is only a year (「2019年」 for Osaka) names no meeting of its own.
    pub fn mentions(&self, entry: usize, other: usize) -> bool {
        let mut keys = Vec::new();
        self.docs[other]
            .texts
            .iter()
            .filter(|t| t.role == Role::Name)
            .filter(|t| {
                let classes = self.lexicon.classes_in(&t.chars);
                classes[YEAR_CLASS] == 0
                    || classes
                        .iter()
                        .enumerate()
                        .any(|(class, m)| class != YEAR_CLASS && *m != 0)
            })
            .any(|t| {
                terms_of(&t.chars, &mut keys);
                !keys.is_empty()
                    && keys.iter().all(|key| {
                        self.explains
                            .get(key)
                            .is_some_and(|entries| entries.contains(&entry))
                    })
            })
    }

    /// Whether one of `entry`'s names (title, aliases) holds a word of the synonym group
    /// named `group` (the venues topic is named by 開催地, "venue").
    pub fn names_hold(&self, entry: usize, group: &str) -> bool {
        self.docs[entry]
            .texts
            .iter()
            .filter(|t| t.role == Role::Name)
            .any(|t| {
                t.chars
                    .iter()
                    .any(|&c| self.lexicon.concept_name(c) == Some(group))
            })
    }

    /// Whether the question ends on one of `entry`'s names, nothing after it but a title
    /// in kanji and さん (「…ホスト役を務められたニーニスト大統領について」, once the words
    /// that request are gone): it is what the question asks about.
    pub fn ends_on_name(&self, q: &Query, entry: usize) -> bool {
        let chars = &q.canonical;
        self.first_name_at(q, entry, |_, end| {
            after_title(chars, end)
                .iter()
                .all(|&c| c == WORD_SEP || c.is_whitespace())
        })
        .is_some()
    }
}

/// What follows a name written up to `end`, past a title of up to four kanji (大統領, 外相)
/// and さん.
fn after_title(chars: &[char], end: usize) -> &[char] {
    let mut j = end;
    while j < chars.len() && is_kanji(chars[j]) && j < end + 4 {
        j += 1;
    }
    let rest = &chars[j..];
    rest.strip_prefix(&['さ', 'ん'][..]).unwrap_or(rest)
}

/// The class of gatherings in `name_classes` (people, places, years, gatherings).
const GATHERING_CLASS: usize = 3;
/// The class of places in `name_classes`.
const PLACE_CLASS: usize = 1;

/// What an entry's names must hold for the ranking to keep it (see
/// `Matcher::everyone_required`).
#[derive(Debug, Clone, Copy)]
enum Required {
    /// Every person (and the meeting) of the mask.
    Everyone(u16),
    /// None of the people of the mask.
    NoneOf(u16),
    /// Every person of the mask, written together in one text of the entry (its names'
    /// people counting as written in each): when no entry's names name them all.
    Written(u16),
}
