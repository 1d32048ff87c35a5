//! Transport-neutral replies and Discord's limits.
//!
//! Commands build a [`Reply`]; the Discord and console front-ends only present it.
//! Every limit is counted in characters (Japanese is 3 bytes a character in UTF-8),
//! and [`fit`] is the one place that shortens text.

use serde::Serialize;

/// Discord's message limits, in characters.
pub mod limits {
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const EMBEDS: usize = 10;
    pub const CONTENT: usize = 2000;
    pub const CUSTOM_ID: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const ROWS: usize = 5;
    pub const CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
    pub const CHOICE_VALUE: usize = 100;
    /// Bytes of all files of one message (Discord's smallest upload limit).
    pub const ATTACHMENT_BYTES: usize = 8 * 1024 * 1024;
    /// Characters of an attachment's description (its alt text).
    pub const ATTACHMENT_DESCRIPTION: usize = 1024;
}

/// Colour of every embed the bot sends (one house style).
pub const EMBED_COLOUR: u32 = 0x2B6CB0;

/// The mark appended when text had to be shortened.
pub const ELLIPSIS: char = '…';

/// Shortens `text` to at most `max` characters, preferring to cut after a sentence end
/// (「。」) or a line break, and marking any cut with `…`.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep: String = text.chars().take(max - 1).collect();
    // Prefer a sentence or line boundary in the last half of what we keep.
    let floor = keep.chars().count() / 2;
    let mut cut_at = None;
    for (ci, (bi, c)) in keep.char_indices().enumerate() {
        if ci >= floor && matches!(c, '。' | '\n' | '！' | '？' | '.') {
            cut_at = Some(bi + c.len_utf8());
        }
    }
    let mut out = match cut_at {
        Some(b) => keep[..b].trim_end().to_string(),
        None => keep,
    };
    out.push(ELLIPSIS);
    out
}

/// [`fit`] in place: a text within `max` (nearly always) is left as it is, not copied.
fn fit_mut(text: &mut String, max: usize) {
    // Bytes bound characters from above: a short text needs no count.
    if text.len() > max && chars(text) > max {
        *text = fit(text, max);
    }
}

/// Number of characters, the unit of every Discord limit.
pub fn chars(text: &str) -> usize {
    text.chars().count()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmbedField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Embed {
    pub title: String,
    pub description: String,
    pub fields: Vec<EmbedField>,
    pub footer: Option<String>,
    /// The picture shown large in the embed: `attachment://{filename}` of a file of the
    /// same reply.
    pub image: Option<String>,
}

impl Embed {
    pub fn new(title: impl Into<String>, description: impl Into<String>) -> Self {
        Embed {
            title: title.into(),
            description: description.into(),
            ..Embed::default()
        }
    }

    /// Adds a field, skipping empty values (Discord rejects them).
    pub fn field(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        inline: bool,
    ) -> Self {
        let (name, value) = (name.into(), value.into());
        if !name.trim().is_empty() && !value.trim().is_empty() {
            self.fields.push(EmbedField {
                name,
                value,
                inline,
            });
        }
        self
    }

    pub fn footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = Some(footer.into());
        self
    }

    /// Characters counted towards Discord's 6000-per-message total.
    pub fn total_chars(&self) -> usize {
        chars(&self.title)
            + chars(&self.description)
            + self.footer.as_deref().map_or(0, chars)
            + self
                .fields
                .iter()
                .map(|f| chars(&f.name) + chars(&f.value))
                .sum::<usize>()
    }

    /// Brings every part inside its limit, marking cuts with `…`.
    pub fn clamp(mut self) -> Self {
        fit_mut(&mut self.title, limits::TITLE);
        fit_mut(&mut self.description, limits::DESCRIPTION);
        self.fields.truncate(limits::FIELDS);
        for f in &mut self.fields {
            fit_mut(&mut f.name, limits::FIELD_NAME);
            fit_mut(&mut f.value, limits::FIELD_VALUE);
        }
        if let Some(footer) = &mut self.footer {
            fit_mut(footer, limits::FOOTER);
        }
        // The footer and title are kept; the description then the fields give way.
        while self.total_chars() > limits::EMBED_TOTAL {
            let over = self.total_chars() - limits::EMBED_TOTAL;
            let desc = chars(&self.description);
            if desc > 200 {
                let target = desc.saturating_sub(over + 1).max(200);
                self.description = fit(&self.description, target);
                if chars(&self.description) > target {
                    break;
                }
            } else if self.fields.pop().is_none() {
                break;
            }
        }
        self
    }

    /// Every violated limit, described for validation messages and tests.
    pub fn violations(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |what: &str, n: usize, max: usize| {
            if n > max {
                out.push(format!("{what}: {n} > {max} characters"));
            }
        };
        check("title", chars(&self.title), limits::TITLE);
        check("description", chars(&self.description), limits::DESCRIPTION);
        check("fields", self.fields.len(), limits::FIELDS);
        for f in &self.fields {
            check("field name", chars(&f.name), limits::FIELD_NAME);
            check("field value", chars(&f.value), limits::FIELD_VALUE);
        }
        if let Some(f) = &self.footer {
            check("footer", chars(f), limits::FOOTER);
        }
        check("embed total", self.total_chars(), limits::EMBED_TOTAL);
        if self.title.trim().is_empty() && self.description.trim().is_empty() {
            out.push("embed has neither title nor description".into());
        }
        for f in &self.fields {
            if f.name.trim().is_empty() || f.value.trim().is_empty() {
                out.push("empty field name or value".into());
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    /// Green: the right answer in a quiz reveal.
    Success,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

/// A file sent with a reply (the timeline chart). The bytes are shared, not copied, by
/// every reply that carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    /// Alt text: what the picture shows, in words (also what the console prints).
    pub description: String,
    pub bytes: std::sync::Arc<[u8]>,
}

impl Attachment {
    /// How an embed refers to this file.
    pub fn url(&self) -> String {
        format!("attachment://{}", self.filename)
    }
}

impl Serialize for Attachment {
    // The bytes are left out of JSON views of a reply; their size stands in.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Attachment", 3)?;
        st.serialize_field("filename", &self.filename)?;
        st.serialize_field("description", &self.description)?;
        st.serialize_field("size", &self.bytes.len())?;
        st.end()
    }
}

/// What a command answers, before any front-end turns it into Discord JSON or text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    /// Rows of buttons, at most 5 rows of 5.
    pub rows: Vec<Vec<Button>>,
    /// Seen only by the user who asked.
    pub ephemeral: bool,
    /// Files sent with the message (an embed shows one through `Embed::image`).
    pub attachments: Vec<Attachment>,
}

impl Reply {
    pub fn embed(embed: Embed) -> Self {
        Reply {
            embeds: vec![embed],
            ..Reply::default()
        }
    }

    /// A short message for the asking user only (user mistakes, refusals).
    pub fn ephemeral_text(text: impl Into<String>) -> Self {
        Reply {
            content: Some(text.into()),
            ephemeral: true,
            ..Reply::default()
        }
    }

    /// Attaches `file` and shows it as the image of the first embed.
    pub fn with_image(mut self, file: Attachment) -> Self {
        if let Some(embed) = self.embeds.first_mut() {
            embed.image = Some(file.url());
        }
        self.attachments.push(file);
        self
    }

    pub fn with_row(mut self, row: Vec<Button>) -> Self {
        if !row.is_empty() {
            self.rows.push(row);
        }
        self
    }

    /// Brings the whole reply inside Discord's limits. Called by every front-end.
    pub fn clamp(mut self) -> Self {
        if let Some(content) = &mut self.content {
            fit_mut(content, limits::CONTENT);
        }
        self.embeds.truncate(limits::EMBEDS);
        for e in &mut self.embeds {
            *e = std::mem::take(e).clamp();
        }
        // The 6000 total counts every embed of the message together.
        while self.embeds.len() > 1
            && self.embeds.iter().map(Embed::total_chars).sum::<usize>() > limits::EMBED_TOTAL
        {
            self.embeds.pop();
        }
        for a in &mut self.attachments {
            fit_mut(&mut a.description, limits::ATTACHMENT_DESCRIPTION);
        }
        self.rows.truncate(limits::ROWS);
        for row in &mut self.rows {
            row.truncate(limits::BUTTONS_PER_ROW);
            for b in row.iter_mut() {
                fit_mut(&mut b.label, limits::BUTTON_LABEL);
            }
        }
        self
    }

    /// Every violated limit of the message as a whole.
    pub fn violations(&self) -> Vec<String> {
        let mut out: Vec<String> = self.embeds.iter().flat_map(Embed::violations).collect();
        if let Some(c) = &self.content {
            if chars(c) > limits::CONTENT {
                out.push(format!("content: {} > {}", chars(c), limits::CONTENT));
            }
        }
        if self.embeds.len() > limits::EMBEDS {
            out.push("more than 10 embeds".into());
        }
        let total: usize = self.embeds.iter().map(Embed::total_chars).sum();
        if total > limits::EMBED_TOTAL {
            out.push(format!("embeds total: {total} > {}", limits::EMBED_TOTAL));
        }
        if self.rows.len() > limits::ROWS {
            out.push("more than 5 rows".into());
        }
        for row in &self.rows {
            if row.len() > limits::BUTTONS_PER_ROW {
                out.push("more than 5 buttons in a row".into());
            }
            for b in row {
                if chars(&b.custom_id) > limits::CUSTOM_ID {
                    out.push(format!("custom_id too long: {}", b.custom_id));
                }
                if b.label.is_empty() || chars(&b.label) > limits::BUTTON_LABEL {
                    out.push("button label empty or too long".into());
                }
            }
        }
        if self.content.is_none() && self.embeds.is_empty() {
            out.push("reply has neither content nor embeds".into());
        }
        let bytes: usize = self.attachments.iter().map(|a| a.bytes.len()).sum();
        if bytes > limits::ATTACHMENT_BYTES {
            out.push(format!(
                "attachments: {bytes} > {} bytes",
                limits::ATTACHMENT_BYTES
            ));
        }
        for a in &self.attachments {
            if chars(&a.description) > limits::ATTACHMENT_DESCRIPTION {
                out.push(format!("attachment description of {} too long", a.filename));
            }
        }
        for url in self.embeds.iter().filter_map(|e| e.image.as_deref()) {
            if !self.attachments.iter().any(|a| a.url() == url) {
                out.push(format!("embed image {url} has no attachment"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_characters_not_bytes() {
        let text = "あ".repeat(300);
        let out = fit(&text, 256);
        assert_eq!(out.chars().count(), 256);
        assert!(out.ends_with(ELLIPSIS));
        assert_eq!(fit("短い文です。", 256), "短い文です。");
    }

    #[test]
    fn fit_prefers_a_sentence_end() {
        let text = format!("{}。{}", "あ".repeat(80), "い".repeat(100));
        let out = fit(&text, 120);
        assert_eq!(out, format!("{}。…", "あ".repeat(80)));
    }

    #[test]
    fn clamp_keeps_the_total_under_6000() {
        let mut e = Embed::new("題", "説".repeat(4096));
        for i in 0..25 {
            e = e.field(format!("項目{i}"), "値".repeat(1024), false);
        }
        let e = e.clamp();
        assert!(e.violations().is_empty(), "{:?}", e.violations());
    }
}
