//! summit-bot: a Discord bot that answers questions in Japanese about the meetings
//! between Donald Trump and Vladimir Putin.
//!
//! # Layout
//!
//! The data flows one way: front-end (Discord or console) → [`commands::Invocation`] →
//! [`commands::dispatch`] → [`reply::Reply`] → front-end.
//!
//! - [`config`]: environment → typed [`config::Config`]; the token prints as `***`.
//! - [`knowledge`]: the serde model of `responses/` (all Japanese text), loading
//!   (embedded by default, a folder on request) and validation naming file and entry.
//! - [`search`]: Japanese normalisation, the synonym lexicon, a bigram BM25 index and
//!   the answer / もしかして / わかりません decision of `/ask`; also resolves names.
//! - [`reply`]: transport-neutral replies and Discord's limits, counted in characters.
//! - [`commands`]: one table drives help, dispatch and registration; one file per command.
//! - [`quiz`]: the question bank (generated from the records and hand-written).
//! - [`console`]: the local front-end, the same commands typed as text.
//! - [`discord`]: the Discord front-end: gateway, registration, interactions.
//!
//! Nothing outside `discord/` imports the Discord client library.

pub mod check;
pub mod commands;
pub mod config;
pub mod console;
pub mod discord;
pub mod ids;
pub mod knowledge;
pub mod quiz;
pub mod reply;
pub mod runtime;
pub mod search;
pub mod store;
