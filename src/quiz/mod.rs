//! Quizzes: the question bank and the pure rules (choosing, scoring, periods, review).
//! The `/quiz` command in `commands/quiz.rs` drives them with the store.

pub mod bank;
pub mod rules;
