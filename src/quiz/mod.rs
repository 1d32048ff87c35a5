//! Study-group quizzes.
//!
//! [`bank`] holds every question: generated from the dataset's structured records (so a
//! correction to the data corrects its questions) and hand-written in `responses/quiz.json`,
//! all validated the same way when the bot starts and by `summit-bot check`. [`rules`] are
//! the pure rules (choosing, shuffling, scoring, periods, review) that `/quiz` drives with
//! the store.

pub mod bank;
pub mod rules;
