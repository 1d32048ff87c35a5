//! The one place that writes and reads button `custom_id`s (versioned, parsed strictly).
//!
//! Each action carries what its own rules need: pages and もしかして carry their owner and
//! issue time (owner-only, expiring); a quiz answer carries only the quiz, the round and
//! the choice, because every member of the channel may answer and the quiz's own state
//! decides whether the click still counts.

use crate::ids::UserId;
use crate::reply::limits;

/// The prefix of every custom_id this version of the bot makes.
pub const VERSION: &str = "v1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonId {
    /// Show page `page` of `target` (an item id or a fixed view such as `timeline`).
    Page {
        target: String,
        page: usize,
        owner: UserId,
        issued: u64,
    },
    /// Show `target` (a もしかして choice).
    Show {
        target: String,
        owner: UserId,
        issued: u64,
    },
    /// Choice `choice` (as shown) for round `round` of quiz `quiz`.
    QuizAnswer { quiz: i64, round: u32, choice: u8 },
    /// Practise one's missed questions in solo mode (from `/quiz review`).
    Practise { owner: UserId, issued: u64 },
}

fn num(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 20 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn target_ok(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 40
        && t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl ButtonId {
    pub fn encode(&self) -> String {
        match self {
            ButtonId::Page {
                target,
                page,
                owner,
                issued,
            } => format!("{VERSION}:p:{target}:{page}:{owner}:{issued}"),
            ButtonId::Show {
                target,
                owner,
                issued,
            } => format!("{VERSION}:s:{target}:{owner}:{issued}"),
            ButtonId::QuizAnswer {
                quiz,
                round,
                choice,
            } => format!("{VERSION}:qa:{quiz}:{round}:{choice}"),
            ButtonId::Practise { owner, issued } => format!("{VERSION}:qr:{owner}:{issued}"),
        }
    }

    /// Strict parse: right version, known action, ASCII ids, numbers that fit.
    pub fn parse(custom_id: &str) -> Option<ButtonId> {
        if custom_id.len() > limits::CUSTOM_ID {
            return None;
        }
        let parts: Vec<&str> = custom_id.split(':').collect();
        let (version, rest) = parts.split_first()?;
        if *version != VERSION {
            return None;
        }
        match rest {
            ["p", target, page, owner, issued] if target_ok(target) => {
                let page = num(page).filter(|p| *p <= 1000)?;
                Some(ButtonId::Page {
                    target: target.to_string(),
                    page: usize::try_from(page).ok()?,
                    owner: UserId(num(owner)?),
                    issued: num(issued)?,
                })
            }
            ["s", target, owner, issued] if target_ok(target) => Some(ButtonId::Show {
                target: target.to_string(),
                owner: UserId(num(owner)?),
                issued: num(issued)?,
            }),
            ["qa", quiz, round, choice] => Some(ButtonId::QuizAnswer {
                quiz: i64::try_from(num(quiz)?).ok()?,
                round: u32::try_from(num(round)?).ok().filter(|r| *r < 100)?,
                choice: u8::try_from(num(choice)?).ok().filter(|c| *c < 4)?,
            }),
            ["qr", owner, issued] => Some(ButtonId::Practise {
                owner: UserId(num(owner)?),
                issued: num(issued)?,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_discords_length() {
        let worst = [
            ButtonId::Page {
                target: "a".repeat(40),
                page: 1000,
                owner: UserId(u64::MAX),
                issued: u64::MAX,
            },
            ButtonId::Show {
                target: "b".repeat(40),
                owner: UserId(u64::MAX),
                issued: u64::MAX,
            },
            ButtonId::QuizAnswer {
                quiz: i64::MAX,
                round: 99,
                choice: 3,
            },
            ButtonId::Practise {
                owner: UserId(u64::MAX),
                issued: u64::MAX,
            },
        ];
        for id in worst {
            let s = id.encode();
            assert!(s.len() <= limits::CUSTOM_ID, "{s}");
            assert_eq!(ButtonId::parse(&s), Some(id));
        }
    }

    #[test]
    fn forged_ids_are_refused() {
        for bad in [
            "",
            "v1",
            "v2:qa:1:0:0",
            "v1:qa:1:0:4",
            "v1:qa:-1:0:0",
            "v1:qa:1:100:0",
            "v1:qa:1:0",
            "v1:qa:99999999999999999999:0:0",
            "v1:p:Timeline:0:1:1",
            "v1:s:x:1",
            "v1:qr:1",
            "v1:qr:1:2:3",
            "v1:zz:1:2",
        ] {
            assert_eq!(ButtonId::parse(bad), None, "{bad}");
        }
    }
}
