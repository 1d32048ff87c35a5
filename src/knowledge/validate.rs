//! Checks that go beyond the serde shapes: ids, references, placeholders, Discord limits.

use super::{Item, Knowledge, LoadError};
use serde_json::Value;
use std::collections::BTreeMap;

/// Placeholder patterns the article used; none may reach a user.
const PLACEHOLDERS: &[&str] = &["XX", "ＸＸ", "xx月", "xx日", "〇〇月", "○○"];

/// The placeholder pattern a text contains, if any.
pub fn placeholder_in(text: &str) -> Option<&'static str> {
    PLACEHOLDERS.iter().find(|p| text.contains(*p)).copied()
}

/// Every string in a file: not empty, no placeholder. Names the entry it is in.
pub(super) fn strings(file: &str, value: &Value) -> Result<(), LoadError> {
    fn walk(file: &str, entry: &str, path: &str, v: &Value) -> Result<(), LoadError> {
        match v {
            Value::String(s) => {
                if s.trim().is_empty() {
                    return Err(LoadError::new(
                        file,
                        Some(entry),
                        format!("{path}: empty text"),
                    ));
                }
                if let Some(p) = placeholder_in(s) {
                    return Err(LoadError::new(
                        file,
                        Some(entry),
                        format!("{path}: placeholder pattern \"{p}\" in \"{s}\""),
                    ));
                }
                Ok(())
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, x)| walk(file, entry, &format!("{path}[{i}]"), x)),
            Value::Object(map) => map
                .iter()
                .try_for_each(|(k, x)| walk(file, entry, &format!("{path}.{k}"), x)),
            _ => Ok(()),
        }
    }
    match value {
        Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| {
            let name = super::entry_name(item, i);
            walk(file, &name, "", item)
        }),
        // A list of entries with ids under a key (quiz.json's questions): name the entry.
        Value::Object(map) => map.iter().try_for_each(|(k, x)| match x {
            Value::Array(items) => items.iter().enumerate().try_for_each(|(i, item)| {
                match item
                    .get("id")
                    .and_then(Value::as_str)
                    .filter(|id| !id.trim().is_empty())
                {
                    Some(id) => walk(file, id, "", item),
                    None => walk(file, k, &format!("[{i}]"), item),
                }
            }),
            _ => walk(file, k, "", x),
        }),
        other => walk(file, "(root)", "", other),
    }
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Which file an item of a kind comes from, for messages.
pub fn file_of(item: &Item<'_>) -> &'static str {
    use super::Kind::*;
    match item.kind() {
        Meeting => "meetings.json",
        Calls => "calls.json",
        PastSummit => "history.json",
        Topic => "topics.json",
        Qa => "qa.json",
        Reaction => "reactions.json",
        Comparison => "comparisons.json",
        Myth => "myths.json",
        Person => "people.json",
    }
}

pub(super) fn validate(k: &Knowledge) -> Vec<LoadError> {
    let mut out = Vec::new();
    if !is_iso_date(&k.meta.as_of) {
        out.push(LoadError::new(
            "meta.json",
            Some("as_of"),
            "not an ISO date",
        ));
    }

    // Ids: well-formed and unique across the whole dataset.
    let mut ids: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut claim = |file: &'static str, id: &str, out: &mut Vec<LoadError>| {
        if !is_id(id) {
            out.push(LoadError::new(
                file,
                Some(id),
                "id must be lower-case ASCII kebab-case",
            ));
        }
        if let Some(first) = ids.insert(id.to_string(), file) {
            out.push(LoadError::new(
                file,
                Some(id),
                format!("duplicate id (also in {first})"),
            ));
        }
    };
    for item in k.items() {
        claim(file_of(&item), item.id(), &mut out);
    }
    for z in &k.zelensky {
        claim("zelensky.json", &z.id, &mut out);
    }
    for f in &k.facts {
        claim("facts.json", &f.id, &mut out);
    }
    for c in &k.meta.corrections {
        claim("meta.json", &c.id, &mut out);
    }

    // Dates.
    for m in &k.meetings {
        if !is_iso_date(&m.date) {
            out.push(LoadError::new(
                "meetings.json",
                Some(&m.id),
                "date is not ISO",
            ));
        }
    }
    for p in &k.history {
        if !is_iso_date(&p.date) {
            out.push(LoadError::new(
                "history.json",
                Some(&p.id),
                "date is not ISO",
            ));
        }
    }
    for z in &k.zelensky {
        if !is_iso_date(&z.date) {
            out.push(LoadError::new(
                "zelensky.json",
                Some(&z.id),
                "date is not ISO",
            ));
        }
    }
    for c in &k.calls.calls {
        if !is_iso_date(&c.date) {
            out.push(LoadError::new(
                "calls.json",
                Some(&c.date),
                "call date is not ISO",
            ));
        }
    }

    // Sources and references.
    for item in k.items() {
        let (file, id) = (file_of(&item), item.id());
        let (sources, related): (&[String], &[String]) = match item {
            Item::Meeting(m) => (&m.sources, &[]),
            Item::Calls(c) => (&c.entry.sources, &c.entry.related),
            Item::PastSummit(p) => (&p.sources, &[]),
            Item::Entry(_, e) => (&e.sources, &e.related),
        };
        if sources.is_empty() {
            out.push(LoadError::new(file, Some(id), "no sources"));
        }
        for r in related {
            if !ids.contains_key(r) {
                out.push(LoadError::new(
                    file,
                    Some(id),
                    format!("related: unknown id \"{r}\""),
                ));
            }
        }
    }
    for f in &k.facts {
        if let Some(r) = &f.related {
            if k.item(r).is_none() {
                out.push(LoadError::new(
                    "facts.json",
                    Some(&f.id),
                    format!("related: unknown id \"{r}\""),
                ));
            }
        }
    }

    out
}
