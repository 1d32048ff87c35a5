//! Finding entries from what users type.
//!
//! First version: normalisation plus alias matching. The `/ask` issue grows this into
//! a bigram index with ranking and calibrated decisions, behind the same API.

use crate::knowledge::{Kind, Knowledge};
use unicode_normalization::UnicodeNormalization;

/// Folds the ways one word can be typed into one form: NFKC (full-width ASCII, half-width
/// kana), lower case, katakana → hiragana, and no spaces, `ー・` or punctuation.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        let c = match c {
            // Katakana ァ..ヶ → hiragana ぁ..ゖ.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || c.is_control() || matches!(c, 'ー' | '・' | '-' | '_') {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// What a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found(String),
    /// Close candidates, best first.
    Suggest(Vec<String>),
    NotFound,
}

struct Name {
    key: String,
    id: String,
    kind: Kind,
}

/// Names of every item, normalised once at startup.
pub struct Index {
    names: Vec<Name>,
}

impl Index {
    pub fn build(k: &Knowledge) -> Index {
        let mut names = Vec::new();
        for item in k.items() {
            let mut push = |s: &str| {
                let key = normalize(s);
                if !key.is_empty() {
                    names.push(Name {
                        key,
                        id: item.id().to_string(),
                        kind: item.kind(),
                    });
                }
            };
            push(item.id());
            push(&item.label());
            for a in item.aliases() {
                push(a);
            }
        }
        Index { names }
    }

    /// Resolves a name typed for a command option, among items of the given kinds.
    pub fn resolve(&self, text: &str, kinds: &[Kind]) -> Resolution {
        let q = normalize(text);
        if q.is_empty() {
            return Resolution::NotFound;
        }
        let pool = || self.names.iter().filter(|n| kinds.contains(&n.kind));
        if let Some(n) = pool().find(|n| n.key == q) {
            return Resolution::Found(n.id.clone());
        }
        // The longest alias contained in the query wins ("大阪2019" → 大阪).
        let mut contained: Vec<&Name> = pool()
            .filter(|n| n.key.chars().count() >= 2 && q.contains(&n.key))
            .collect();
        contained.sort_by_key(|n| std::cmp::Reverse(n.key.chars().count()));
        if let Some(best) = contained.first() {
            let best_len = best.key.chars().count();
            let mut ids: Vec<String> = Vec::new();
            for n in contained
                .iter()
                .take_while(|n| n.key.chars().count() == best_len)
            {
                if !ids.contains(&n.id) {
                    ids.push(n.id.clone());
                }
            }
            if ids.len() == 1 {
                return Resolution::Found(ids.remove(0));
            }
            return Resolution::Suggest(ids);
        }
        // A name typed in part ("ゼレンスキー" for トランプ・ゼレンスキー会談).
        if q.chars().count() >= 2 {
            let mut ids: Vec<String> = Vec::new();
            for n in pool().filter(|n| n.key.contains(&q)) {
                if !ids.contains(&n.id) {
                    ids.push(n.id.clone());
                }
            }
            match ids.len() {
                0 => {}
                1 => return Resolution::Found(ids.remove(0)),
                _ => return Resolution::Suggest(ids.into_iter().take(3).collect()),
            }
        }
        let ranked = self.rank(&q, kinds);
        if ranked.is_empty() {
            Resolution::NotFound
        } else {
            Resolution::Suggest(ranked.into_iter().take(3).collect())
        }
    }

    /// Ids whose names start with, contain or resemble `partial`, best first.
    pub fn complete(&self, partial: &str, kinds: &[Kind], max: usize) -> Vec<String> {
        let q = normalize(partial);
        let mut out: Vec<String> = Vec::new();
        let mut add = |id: &str| {
            if out.len() < max && !out.iter().any(|x| x == id) {
                out.push(id.to_string());
            }
        };
        let pool = || self.names.iter().filter(|n| kinds.contains(&n.kind));
        if q.is_empty() {
            pool().for_each(|n| add(&n.id));
            return out;
        }
        pool()
            .filter(|n| n.key.starts_with(&q))
            .for_each(|n| add(&n.id));
        pool()
            .filter(|n| n.key.contains(&q))
            .for_each(|n| add(&n.id));
        for id in self.rank(&q, kinds) {
            add(&id);
        }
        out
    }

    /// Ids by character similarity of their closest name, above a floor.
    fn rank(&self, q: &str, kinds: &[Kind]) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for n in self.names.iter().filter(|n| kinds.contains(&n.kind)) {
            let s = strsim::normalized_levenshtein(q, &n.key);
            match scored.iter_mut().find(|(_, id)| *id == n.id) {
                Some(slot) => slot.0 = slot.0.max(s),
                None => scored.push((s, &n.id)),
            }
        }
        scored.retain(|(s, _)| *s >= 0.4);
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().map(|(_, id)| id.to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_folds_scripts() {
        assert_eq!(normalize("ﾍﾙｼﾝｷ"), normalize("ヘルシンキ"));
        assert_eq!(normalize("ヘルシンキ"), "へるしんき");
        assert_eq!(normalize("ＨＥＬＳＩＮＫＩ"), "helsinki");
        assert_eq!(normalize(" 大阪・2019 "), "大阪2019");
    }
}
