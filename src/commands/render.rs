//! The one place that styles embeds: items to pages, pages to replies with «前へ / 次へ».

use super::custom_id::ButtonId;
use super::Bot;
use crate::ids::UserId;
use crate::knowledge::{Entry, Item, Meeting, MeetingFormat, PastSummit, PhoneCalls, UiText};
use crate::reply::{self, limits, Button, ButtonStyle, Embed, EmbedField, Reply};

/// The comparison entry whose card lists every Trump–Zelensky meeting (those records have
/// no card of their own).
pub use crate::knowledge::ZELENSKY_LIST;

/// The item whose card shows `id`: the item itself, or for a Trump–Zelensky meeting the
/// comparison that lists them all.
pub fn shown_in<'k>(k: &'k crate::knowledge::Knowledge, id: &str) -> Option<Item<'k>> {
    k.item(id).or_else(|| {
        k.zelensky
            .iter()
            .any(|z| z.id == id)
            .then(|| k.item(ZELENSKY_LIST))
            .flatten()
    })
}

/// The command a user types to see the card that shows `id`, derived from the table (the
/// lookup command whose name option takes that kind of item).
pub fn more_command(bot: &Bot, id: &str) -> Option<String> {
    let item = shown_in(&bot.knowledge, id)?;
    let spec = super::COMMANDS.iter().find(|c| {
        c.options
            .first()
            .is_some_and(|o| o.lookup.contains(&item.kind()))
    })?;
    let name = bot
        .knowledge
        .commands
        .get(spec.name)
        .map_or(spec.name, |t| t.name_ja.as_str());
    Some(UiText::fill(
        &bot.knowledge.ui.more_command,
        &[("command", name), ("label", &item.label())],
    ))
}

/// A page holds at most this many fields and characters, for reading on a phone.
pub const PAGE_FIELDS: usize = 12;
pub const PAGE_CHARS: usize = 3500;

/// Everything one answer says, before it is cut into pages.
#[derive(Debug, Clone, Default)]
pub struct Card {
    pub title: String,
    pub description: String,
    pub fields: Vec<EmbedField>,
    pub footer: String,
}

impl Card {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Card {
            title: title.into(),
            description: description.into(),
            ..Card::default()
        }
    }

    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.extend(long_field(&name.into(), &value.into()));
        self
    }

    pub fn footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = footer.into();
        self
    }

    /// Cuts the card into embeds that each fit Discord and a phone screen.
    /// Long text is split at line or sentence ends, never mid-sentence without a mark.
    pub fn pages(&self, ui: &UiText) -> Vec<Embed> {
        let title = reply::fit(&self.title, limits::TITLE);
        let mut pages: Vec<Embed> = Vec::new();
        let mut current = Embed::new(title.clone(), String::new());
        let mut used = 0usize;
        for chunk in split_text(&self.description, PAGE_CHARS.min(limits::DESCRIPTION)) {
            if !current.description.is_empty() {
                pages.push(std::mem::replace(
                    &mut current,
                    Embed::new(title.clone(), String::new()),
                ));
            }
            used = reply::chars(&chunk);
            current.description = chunk;
        }
        for f in &self.fields {
            let f = &EmbedField {
                name: reply::fit(&part_name(ui, &f.name), limits::FIELD_NAME),
                ..f.clone()
            };
            let size = reply::chars(&f.name) + reply::chars(&f.value);
            let empty = current.description.is_empty() && current.fields.is_empty();
            if !empty && (current.fields.len() >= PAGE_FIELDS || used + size > PAGE_CHARS) {
                pages.push(std::mem::replace(
                    &mut current,
                    Embed::new(title.clone(), String::new()),
                ));
                used = 0;
            }
            current.fields.push(f.clone());
            used += size;
        }
        pages.push(current);
        let total = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            let mut footer = self.footer.clone();
            if total > 1 {
                let n = UiText::fill(
                    &ui.page_indicator,
                    &[
                        ("page", &(i + 1).to_string()),
                        ("pages", &total.to_string()),
                    ],
                );
                footer = if footer.is_empty() {
                    n
                } else {
                    UiText::fill(&ui.footer_with_page, &[("footer", &footer), ("page", &n)])
                };
            }
            if !footer.is_empty() {
                page.footer = Some(reply::fit(&footer, limits::FOOTER));
            }
            if page.description.is_empty() && page.fields.is_empty() {
                page.description = ui.list_separator.clone();
            }
        }
        pages
    }
}

/// Splits text into chunks of at most `max` characters at line, then sentence, ends.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let pieces = text.split_inclusive(['\n', '。']);
    for piece in pieces {
        if reply::chars(&current) + reply::chars(piece) > max && !current.is_empty() {
            out.push(current.trim_end().to_string());
            current = String::new();
        }
        if reply::chars(piece) > max {
            // One sentence longer than a page: cut it with a mark.
            out.push(reply::fit(piece, max));
            continue;
        }
        current.push_str(piece);
    }
    if !current.trim().is_empty() {
        out.push(current.trim_end().to_string());
    }
    out
}

/// Marks the continuation parts of a long field until `Card::pages` names them.
const PART_MARK: char = '\u{1F}';

/// The name of a continuation part: `{name}（{n}）` from the layout templates.
fn part_name(ui: &UiText, name: &str) -> String {
    let mut parts = name.splitn(3, PART_MARK);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(""), Some(n), Some(base)) => {
            UiText::fill(&ui.field_part, &[("name", base), ("n", n)])
        }
        _ => name.to_string(),
    }
}

/// A field whose value may be longer than 1024 characters becomes several fields.
pub fn long_field(name: &str, value: &str) -> Vec<EmbedField> {
    let name = reply::fit(name, limits::FIELD_NAME);
    split_text(value, limits::FIELD_VALUE)
        .into_iter()
        .enumerate()
        .map(|(i, v)| EmbedField {
            name: if i == 0 {
                name.clone()
            } else {
                // Numbered in `Card::pages`, where the layout templates are at hand.
                format!("{PART_MARK}{}{PART_MARK}{name}", i + 1)
            },
            value: v,
            inline: false,
        })
        .collect()
}

/// The footer of overviews (timeline, lists, help, about): the sources in short.
pub fn general_footer(bot: &Bot) -> String {
    UiText::fill(
        &bot.knowledge.ui.footer_general,
        &[("as_of", &bot.knowledge.ui.date(&bot.knowledge.meta.as_of))],
    )
}

/// The footer naming sources and the as-of date.
pub fn footer(bot: &Bot, sources: &[String]) -> String {
    let ui = &bot.knowledge.ui;
    UiText::fill(
        &ui.footer,
        &[
            ("sources", &sources.join(&ui.list_separator)),
            ("as_of", &bot.knowledge.ui.date(&bot.knowledge.meta.as_of)),
        ],
    )
}

pub fn format_label(ui: &UiText, format: MeetingFormat) -> &str {
    match format {
        MeetingFormat::StandaloneSummit => &ui.format_standalone_summit,
        MeetingFormat::BilateralSidelines => &ui.format_bilateral_sidelines,
        MeetingFormat::BriefInformal => &ui.format_brief_informal,
        MeetingFormat::Cancelled => &ui.format_cancelled,
    }
}

fn bullets(ui: &UiText, lines: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    lines
        .into_iter()
        .map(|l| UiText::fill(&ui.bullet, &[("text", l.as_ref())]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn meeting_card(bot: &Bot, m: &Meeting) -> Card {
    let ui = &bot.knowledge.ui;
    let mut card = Card::new(
        UiText::fill(
            &ui.meeting_title,
            &[
                ("city", &m.city_ja),
                ("country", &m.country_ja),
                ("date", &m.date_label),
            ],
        ),
        m.outcome.clone(),
    )
    .field(&ui.label_date, &m.date_label)
    .field(
        &ui.label_place,
        format!(
            "{}（{}）／{}, {}",
            m.city_ja, m.country_ja, m.city_en, m.country_en
        ),
    )
    .field(&ui.label_venue, &m.venue)
    .field(&ui.label_occasion, &m.occasion)
    .field(&ui.label_format, format_label(ui, m.format))
    .field(
        &ui.label_duration,
        m.duration.as_deref().unwrap_or(&ui.unverified),
    )
    .field(
        &ui.label_participants,
        m.participants.join(&ui.list_separator),
    )
    .field(&ui.label_agenda, bullets(ui, &m.agenda))
    .field(&ui.label_significance, &m.significance);
    if let Some(note) = &m.article_note {
        card = card.field(&ui.label_article_note, note);
    }
    card.footer(footer(bot, &m.sources))
}

fn entry_card(bot: &Bot, e: &Entry, title: String, description: String) -> Card {
    let ui = &bot.knowledge.ui;
    let mut card = Card::new(title, description);
    for f in &e.fields {
        card = card.field(&f.name, &f.value);
    }
    if let Some(note) = &e.article_note {
        card = card.field(&ui.label_article_note, note);
    }
    let related: Vec<String> = e
        .related
        .iter()
        .filter_map(|id| bot.knowledge.label_of(id))
        .collect();
    if !related.is_empty() {
        card = card.field(&ui.label_related, related.join(&ui.list_separator));
    }
    card.footer(footer(bot, &e.sources))
}

fn calls_card(bot: &Bot, c: &PhoneCalls) -> Card {
    let ui = &bot.knowledge.ui;
    let mut card = entry_card(
        bot,
        &c.entry,
        c.entry.title.clone(),
        c.entry.summary.clone(),
    );
    let years: Vec<String> = c
        .by_year
        .iter()
        .map(|y| {
            let line = UiText::fill(
                &ui.calls_year_line,
                &[
                    ("year", &y.year.to_string()),
                    ("count", &y.count.to_string()),
                ],
            );
            match &y.note {
                Some(n) => UiText::fill(&ui.with_note, &[("text", &line), ("note", n)]),
                None => line,
            }
        })
        .collect();
    let calls: Vec<String> = c
        .calls
        .iter()
        .map(|call| {
            let weak = if call.weak {
                UiText::fill(&ui.tag, &[("text", &ui.weak_source)])
            } else {
                String::new()
            };
            UiText::fill(
                &ui.call_line,
                &[
                    ("date", &ui.date(&call.date)),
                    ("weak", &weak),
                    ("summary", &call.summary),
                ],
            )
        })
        .collect();
    let mut extra = Card::default()
        .field(&ui.calls_by_year, bullets(ui, &years))
        .field(&ui.calls_dated, bullets(ui, &calls));
    // Counts and dates come before the generic fields.
    extra.fields.append(&mut card.fields);
    card.fields = extra.fields;
    card
}

fn past_summit_card(bot: &Bot, p: &PastSummit) -> Card {
    let ui = &bot.knowledge.ui;
    let mut card = Card::new(format!("{} {}", p.date_label, p.place), p.outcome.clone())
        .field(&ui.label_date, &p.date_label)
        .field(&ui.label_place, &p.place)
        .field(
            &ui.past_summit_leaders,
            UiText::fill(
                &ui.leaders_pair,
                &[("us", &p.us_leader), ("ru", &p.ru_leader)],
            ),
        )
        .field(&ui.past_summit_agenda, &p.agenda);
    if let Some(note) = &p.article_note {
        card = card.field(&ui.label_article_note, note);
    }
    card.footer(footer(bot, &p.sources))
}

/// The card of any item, as its own command shows it.
pub fn item_card(bot: &Bot, item: Item<'_>) -> Card {
    let ui = &bot.knowledge.ui;
    let k = &bot.knowledge;
    match item {
        Item::Meeting(m) => meeting_card(bot, m),
        Item::Calls(c) => calls_card(bot, c),
        Item::PastSummit(p) => past_summit_card(bot, p),
        Item::Entry(crate::knowledge::Kind::Myth, e) => entry_card(
            bot,
            e,
            UiText::fill(&ui.myth_title, &[("claim", &e.title)]),
            UiText::fill(&ui.myth_fact, &[("fact", &e.summary)]),
        ),
        Item::Entry(crate::knowledge::Kind::Comparison, e) => {
            let mut card = entry_card(bot, e, e.title.clone(), e.summary.clone());
            let (name, lines): (&str, Vec<String>) = match e.id.as_str() {
                ZELENSKY_LIST => (
                    &ui.zelensky_meetings,
                    k.zelensky
                        .iter()
                        .map(|z| {
                            let weak = if z.verified {
                                String::new()
                            } else {
                                UiText::fill(&ui.tag, &[("text", &ui.weak_source)])
                            };
                            UiText::fill(
                                &ui.record_line,
                                &[
                                    ("date", &z.date_label),
                                    ("place", &z.place),
                                    ("weak", &weak),
                                    ("summary", &z.summary),
                                ],
                            )
                        })
                        .collect(),
                ),
                "past-summits" => (
                    &ui.past_summits,
                    k.history
                        .iter()
                        .map(|p| {
                            let leaders = UiText::fill(
                                &ui.leaders_pair,
                                &[("us", &p.us_leader), ("ru", &p.ru_leader)],
                            );
                            let place = UiText::fill(
                                &ui.with_note,
                                &[("text", &p.place), ("note", &leaders)],
                            );
                            UiText::fill(
                                &ui.record_line,
                                &[
                                    ("date", &p.date_label),
                                    ("place", &place),
                                    ("weak", ""),
                                    ("summary", &p.outcome),
                                ],
                            )
                        })
                        .collect(),
                ),
                _ => ("", Vec::new()),
            };
            if !lines.is_empty() {
                card = card.field(name, bullets(ui, &lines));
            }
            card
        }
        Item::Entry(_, e) => entry_card(bot, e, e.title.clone(), e.summary.clone()),
    }
}

/// The timeline shown by `/summit` without an argument.
pub fn timeline_card(bot: &Bot) -> Card {
    let ui = &bot.knowledge.ui;
    let k = &bot.knowledge;
    let mut card = Card::new(&ui.timeline_title, &ui.timeline_description);
    for m in &k.meetings {
        card = card.field(
            UiText::fill(
                &ui.timeline_meeting,
                &[
                    ("date", &m.date_label),
                    ("city", &m.city_ja),
                    ("country", &m.country_ja),
                ],
            ),
            format!(
                "{}{}",
                UiText::fill(&ui.tag, &[("text", format_label(ui, m.format))]),
                first_sentence(&m.outcome)
            ),
        );
    }
    card = card.field(&ui.timeline_calls, first_sentence(&k.calls.entry.summary));
    card.footer(general_footer(bot))
}

/// The first sentence of a text, for one-line summaries.
pub fn first_sentence(text: &str) -> String {
    match text.find('。') {
        Some(i) => text[..i + '。'.len_utf8()].to_string(),
        None => text.to_string(),
    }
}

/// A list of items with a title and description (an optional argument left out).
pub fn list_card(bot: &Bot, title: &str, description: &str, items: &[Item<'_>]) -> Card {
    let lines: Vec<String> = items.iter().map(|i| i.label()).collect();
    Card::new(title, description)
        .field(
            &bot.knowledge.ui.label_related,
            bullets(&bot.knowledge.ui, &lines),
        )
        .footer(general_footer(bot))
}

/// One page of a paginated answer, with «前へ / 次へ» when there is more than one.
pub fn paged_reply(
    bot: &Bot,
    target: &str,
    pages: &[Embed],
    page: usize,
    owner: UserId,
    now: u64,
) -> Reply {
    paged_reply_with(bot, target, pages, page, owner, now, || {
        bot.timeline_chart()
    })
}

/// [`paged_reply`] with the timeline's picture from `chart` (the start-up check passes a
/// stand-in with the real name and alt text and no pixels, so it draws nothing).
pub fn paged_reply_with(
    bot: &Bot,
    target: &str,
    pages: &[Embed],
    page: usize,
    owner: UserId,
    now: u64,
    chart: impl FnOnce() -> Option<crate::reply::Attachment>,
) -> Reply {
    let ui = &bot.knowledge.ui;
    let last = pages.len().saturating_sub(1);
    let page = page.min(last);
    let Some(embed) = pages.get(page).cloned() else {
        return Reply::ephemeral_text(ui.internal_error.clone());
    };
    let mut reply = Reply::embed(embed);
    // Every page of the timeline carries the chart: a page update re-sends it, which
    // replaces the message's attachment instead of leaving the embed's image dangling.
    if target == super::summit::TIMELINE {
        if let Some(chart) = chart() {
            reply = reply.with_image(chart);
        }
    }
    if pages.len() > 1 {
        let button = |label: &str, to: usize, disabled: bool| Button {
            custom_id: ButtonId::Page {
                target: target.to_string(),
                page: to,
                owner,
                issued: now,
            }
            .encode(),
            label: label.to_string(),
            style: ButtonStyle::Secondary,
            disabled,
        };
        reply = reply.with_row(vec![
            button(&ui.page_prev, page.saturating_sub(1), page == 0),
            button(&ui.page_next, (page + 1).min(last), page == last),
        ]);
    }
    reply
}
