//! summit-bot: a Discord bot that answers questions in Japanese about the meetings
//! between Donald Trump and Vladimir Putin.
//!
//! # Layout
//!
//! The data flows one way: front-end (Discord or console) → [`commands::Invocation`] →
//! [`commands::dispatch`] → [`commands::Outcome`] (a [`reply::Reply`] plus effects: post in
//! a channel, edit a posted message, wake the core at a time) → front-end. The core never
//! reads the clock or opens a socket; [`runtime`] carries out effects on tokio's clock.
//!
//! - [`config`]: environment → typed [`config::Config`]; the token and the database
//!   password print as `***`.
//! - [`ids`]: typed user, server, channel and message ids.
//! - [`knowledge`]: the serde model of `responses/` (all Japanese text), loading
//!   (embedded by default, a folder on request) and validation naming file and entry.
//! - [`chart`]: the timeline chart: a model read from the records, painted to a PNG with
//!   the font shipped in `assets/fonts/`.
//! - [`search`]: Japanese normalisation, the synonym lexicon, a bigram BM25 index and
//!   the answer / もしかして / わかりません decision of `/ask`; also resolves names.
//! - [`reply`]: transport-neutral replies and Discord's limits, counted in characters.
//! - [`commands`]: one table (subcommands, ranges, choices) drives help, dispatch, console
//!   parsing and registration; one file per command; the one `custom_id` codec.
//! - [`check`]: whole-bot validation above the layers, called at start-up and by `check`.
//! - [`quiz`]: the question bank (generated from the records and hand-written) and the
//!   pure rules of `/quiz` (choosing, scoring, periods, review).
//! - [`store`]: persistence behind a small trait; SQLite by default, PostgreSQL for several
//!   processes (shard ranges) sharing one database; the same tests run against both.
//! - [`runtime`]: the effect runner and the clock shared by the front-ends.
//! - [`console`]: the local front-end, the same commands typed as text.
//! - [`discord`]: the Discord front-end: gateway, registration, interactions.
//!
//! Nothing outside `discord/` imports the Discord client library.

pub mod chart;
pub mod check;
pub mod commands;
pub mod config;
pub mod console;
pub mod daily;
pub mod discord;
pub mod ids;
pub mod knowledge;
pub mod quiz;
pub mod reply;
pub mod runtime;
pub mod search;
pub mod store;
