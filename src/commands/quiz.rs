//! `/quiz` (クイズ): study-group quizzes with buttons, timers, scores and review.
//!
//! Group mode posts each question in the channel; every member answers once with a
//! button; the round ends when time is up (a wake-up the front-end runs) or when everyone
//! who answered the previous question has answered, and the question message is edited
//! into the reveal. Solo mode is ephemeral with immediate feedback. Every counted answer
//! is in the store before it is acknowledged; see [`crate::quiz`] for the pure rules.

use super::custom_id::ButtonId;
use super::{
    Args, Bot, CommandError, CommandResult, CommandSpec, Effect, Invocation, OptionSpec, PostTag,
    Response, SubcommandSpec, Wake, MANAGE_MESSAGES,
};
use crate::ids::UserId;
use crate::knowledge::{QuizText, UiText};
use crate::quiz::bank::{Answer as Truth, Question, Topic};
use crate::quiz::rules::{self, Period};
use crate::reply::{self, limits, Button, ButtonStyle, Embed, Reply};
use crate::store::{
    Answer, Answering, NewQuiz, Quiz, QuizId, QuizMode, QuizState, Round, Standing, StoreError,
};

pub const SPEC: CommandSpec = CommandSpec {
    name: "quiz",
    options: &[],
    subcommands: &[
        SubcommandSpec {
            name: "start",
            options: &[
                OptionSpec::integer("questions", 1, rules::MAX_QUESTIONS as i64),
                OptionSpec::integer("seconds", 10, 60),
                OptionSpec::fixed("mode", &["group", "solo"]),
                OptionSpec::fixed(
                    "topic",
                    &["meetings", "agenda", "reactions", "myths", "history", "all"],
                ),
            ],
        },
        SubcommandSpec {
            name: "stop",
            options: &[],
        },
        SubcommandSpec {
            name: "leaderboard",
            options: &[OptionSpec::fixed("period", &["week", "month", "all"])],
        },
        SubcommandSpec {
            name: "me",
            options: &[],
        },
        SubcommandSpec {
            name: "review",
            options: &[],
        },
    ],
    admin: false,
    stateful: true,
    run,
};

const DEFAULT_QUESTIONS: i64 = 5;
const DEFAULT_SECONDS: i64 = 20;
/// Review shows at most this many missed questions.
const REVIEW_MAX: usize = 10;
/// Leaderboards show the top this many.
const BOARD_MAX: u32 = 10;

fn q(bot: &Bot) -> &QuizText {
    &bot.knowledge.quiz_ui
}

fn user(text: impl Into<String>) -> CommandError {
    CommandError::User(text.into())
}

fn run(bot: &Bot, inv: &Invocation, args: &Args) -> CommandResult {
    if inv.user_is_bot {
        return Err(user(q(bot).bots_cannot_play.clone()));
    }
    match args.subcommand {
        Some("start") => start(bot, inv, args),
        Some("stop") => stop(bot, inv),
        Some("leaderboard") => leaderboard(bot, inv, args),
        Some("me") => me(bot, inv),
        Some("review") => review(bot, inv),
        _ => Err(CommandError::Internal("quiz without a subcommand".into())),
    }
}

fn start(bot: &Bot, inv: &Invocation, args: &Args) -> CommandResult {
    let count = args.integer("questions", DEFAULT_QUESTIONS).max(1) as usize;
    let seconds = args.integer("seconds", DEFAULT_SECONDS).clamp(10, 60) as u32;
    let mode = args
        .get("mode")
        .and_then(QuizMode::from_key)
        .unwrap_or(QuizMode::Group);
    let topic_key = args.get("topic").unwrap_or("all");
    let topic = Topic::from_key(topic_key);
    if mode == QuizMode::Group && inv.guild_id.is_none() {
        return Err(user(q(bot).group_needs_server.clone()));
    }
    let recent = bot
        .store
        .recent_questions(inv.guild_id, inv.channel_id, rules::RECENT_AVOIDED)?;
    let seed = rules::seed(inv.now, inv.channel_id.get(), inv.user_id.get());
    let pool: Vec<&str> = bot.bank.of(topic).iter().map(|q| q.id.as_str()).collect();
    let questions = rules::choose(&pool, &recent, count, seed);
    if questions.is_empty() {
        return Err(CommandError::Internal(format!(
            "no questions for {topic_key}"
        )));
    }
    let new = NewQuiz {
        guild: inv.guild_id,
        channel: inv.channel_id,
        starter: inv.user_id,
        mode,
        topic: topic_key.to_string(),
        seconds,
        seed,
        created_at: inv.now,
        questions,
    };
    match mode {
        QuizMode::Group => start_group(bot, inv, new),
        QuizMode::Solo => Ok(Response::Message(start_solo(bot, inv, new)?).into()),
    }
}

fn start_group(bot: &Bot, inv: &Invocation, new: NewQuiz) -> CommandResult {
    let Some(id) = bot.store.create_quiz(&new)? else {
        return Err(user(q(bot).already_running.clone()));
    };
    let opened = bot
        .store
        .quiz(id)
        .map_err(CommandError::from)
        .and_then(|q| q.ok_or_else(|| CommandError::Internal("quiz vanished".into())))
        .and_then(|quiz| Ok((open_round(bot, &quiz, 0, inv.now)?, quiz)));
    let (effects, quiz) = opened.map_err(|e| abandon(bot, id, inv.now, e))?;
    let topic = choice_name(bot, "start", "topic", &quiz.topic);
    let announce = Embed::new(
        q(bot).start_title.clone(),
        UiText::fill(
            &q(bot).start_description,
            &[
                ("starter", &mention(inv.user_id)),
                ("count", &quiz.total().to_string()),
                ("seconds", &quiz.seconds.to_string()),
                ("topic", &topic),
            ],
        ),
    );
    Ok(super::Outcome::from(Response::Message(Reply::embed(announce))).with(effects))
}

/// Starts a solo quiz (replacing the member's previous one) and returns its first question.
fn start_solo(bot: &Bot, inv: &Invocation, new: NewQuiz) -> Result<Reply, CommandError> {
    for old in bot.store.open_solo_of(inv.user_id)? {
        // Its open round is revealed first, so an answer whose reveal failed joins the
        // totals (which count revealed rounds only) rather than stay stored but uncounted.
        close_current_round(bot, &old)?;
        bot.store.close_quiz(old.id, QuizState::Replaced, inv.now)?;
    }
    let id = bot
        .store
        .create_quiz(&new)?
        .ok_or_else(|| CommandError::Internal("solo quiz not created".into()))?;
    let started = bot
        .store
        .quiz(id)
        .map_err(CommandError::from)
        .and_then(|q| q.ok_or_else(|| CommandError::Internal("quiz vanished".into())))
        .and_then(|quiz| {
            let deadline = inv.now + u64::from(quiz.seconds);
            let question = question_of(bot, &quiz, 0)?;
            bot.store
                .start_round(id, 0, &question.id, inv.now, deadline)?;
            Ok((quiz, deadline, question))
        });
    let (quiz, deadline, question) = started.map_err(|e| abandon(bot, id, inv.now, e))?;
    let mut reply = question_reply(bot, &quiz, 0, question, deadline, false);
    reply.ephemeral = true;
    Ok(reply)
}

/// A quiz created whose first round could not be stored is closed at once, so no open
/// quiz without a question blocks its channel (if even that fails, the next start's
/// recovery closes it). Returns the error for the caller to answer with.
fn abandon(bot: &Bot, quiz: QuizId, now: u64, e: CommandError) -> CommandError {
    if let Err(close) = bot.store.close_quiz(quiz, QuizState::Abandoned, now) {
        tracing::error!(quiz, error = %close, "could not close a quiz that failed to start");
    }
    e
}

fn question_of<'b>(bot: &'b Bot, quiz: &Quiz, round: u32) -> Result<&'b Question, CommandError> {
    let id = quiz
        .questions
        .get(round as usize)
        .ok_or_else(|| CommandError::Internal(format!("quiz {} has no round {round}", quiz.id)))?;
    bot.bank
        .get(id)
        .ok_or_else(|| CommandError::Internal(format!("question {id} is not in the bank")))
}

/// Shows round `round` of a group quiz: the question message and its timer.
fn open_round(bot: &Bot, quiz: &Quiz, round: u32, now: u64) -> Result<Vec<Effect>, CommandError> {
    let question = question_of(bot, quiz, round)?;
    let deadline = now + u64::from(quiz.seconds);
    bot.store
        .start_round(quiz.id, round, &question.id, now, deadline)?;
    Ok(vec![
        Effect::Post {
            channel: quiz.channel,
            reply: question_reply(bot, quiz, round, question, deadline, false),
            tag: Some(PostTag::QuizRound {
                quiz: quiz.id,
                round,
            }),
        },
        Effect::WakeAt {
            at: deadline,
            wake: Wake::QuizRound {
                quiz: quiz.id,
                round,
            },
        },
    ])
}

/// The texts of a question's choices as shown (shuffled per quiz and round).
fn shown_choices(bot: &Bot, quiz: &Quiz, round: u32, question: &Question) -> Vec<(String, bool)> {
    match &question.answer {
        Truth::TrueFalse { truth } => vec![
            (q(bot).true_label.clone(), *truth),
            (q(bot).false_label.clone(), !*truth),
        ],
        Truth::Choice { right, wrong } => {
            let mut all: Vec<(String, bool)> = vec![(right.clone(), true)];
            all.extend(wrong.iter().map(|w| (w.clone(), false)));
            let order = rules::permutation(quiz.seed ^ u64::from(round), all.len());
            order
                .into_iter()
                .filter_map(|i| all.get(i).cloned())
                .collect()
        }
    }
}

/// 「A」「B」… or ○ / × before each choice.
fn choice_mark(bot: &Bot, question: &Question, i: usize) -> String {
    let marks = match question.answer {
        Truth::TrueFalse { .. } => &q(bot).true_false_marks,
        Truth::Choice { .. } => &q(bot).choice_marks,
    };
    marks.get(i).cloned().unwrap_or_default()
}

fn choice_label(bot: &Bot, question: &Question, i: usize, text: &str) -> String {
    let label = UiText::fill(
        &q(bot).button_label,
        &[("mark", &choice_mark(bot, question, i)), ("text", text)],
    );
    reply::fit(&label, limits::BUTTON_LABEL)
}

fn question_reply(
    bot: &Bot,
    quiz: &Quiz,
    round: u32,
    question: &Question,
    deadline: u64,
    disabled: bool,
) -> Reply {
    let t = q(bot);
    let choices = shown_choices(bot, quiz, round, question);
    let mut embed = Embed::new(
        UiText::fill(
            &t.question_title,
            &[
                ("n", &(round + 1).to_string()),
                ("total", &quiz.total().to_string()),
            ],
        ),
        question.prompt.clone(),
    );
    if matches!(question.answer, Truth::Choice { .. }) {
        let lines: Vec<String> = choices
            .iter()
            .enumerate()
            .map(|(i, (text, _))| choice_label(bot, question, i, text))
            .collect();
        embed = embed.field(t.choices_field.clone(), lines.join("\n"), false);
    }
    embed = embed
        .field(
            t.deadline_field.clone(),
            UiText::fill(
                &t.deadline_value,
                &[
                    ("seconds", &quiz.seconds.to_string()),
                    ("deadline", &deadline.to_string()),
                ],
            ),
            false,
        )
        .footer(match quiz.mode {
            QuizMode::Group => t.footer_group.clone(),
            QuizMode::Solo => t.footer_solo.clone(),
        });
    let buttons = answer_buttons(bot, quiz, round, question, &choices, |_| {
        (ButtonStyle::Primary, disabled)
    });
    Reply::embed(embed).with_row(buttons)
}

/// One button per shown choice; `look` gives each its style and whether it is disabled,
/// from whether it is the right answer.
fn answer_buttons(
    bot: &Bot,
    quiz: &Quiz,
    round: u32,
    question: &Question,
    choices: &[(String, bool)],
    look: impl Fn(bool) -> (ButtonStyle, bool),
) -> Vec<Button> {
    choices
        .iter()
        .enumerate()
        .map(|(i, (text, right))| {
            let (style, disabled) = look(*right);
            Button {
                custom_id: ButtonId::QuizAnswer {
                    quiz: quiz.id,
                    round,
                    choice: i as u8,
                }
                .encode(),
                label: choice_label(bot, question, i, text),
                style,
                disabled,
            }
        })
        .collect()
}

/// A Discord mention; `allowed_mentions` is empty on every message, so it never pings.
fn mention(user: UserId) -> String {
    format!("<@{user}>")
}

/// The Japanese name of a fixed choice of one of /quiz's options (the key if it has none).
fn choice_name(bot: &Bot, subcommand: &str, option: &str, key: &str) -> String {
    super::table::option_text(bot, &SPEC, Some(subcommand), option)
        .and_then(|o| o.choices.get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The reveal of a round: the right answer, the explanation, who got it right.
fn reveal_reply(
    bot: &Bot,
    quiz: &Quiz,
    round: u32,
    question: &Question,
    answers: &[Answer],
) -> Reply {
    let t = q(bot);
    let choices = shown_choices(bot, quiz, round, question);
    let right: Vec<String> = choices
        .iter()
        .enumerate()
        .filter(|(_, (_, ok))| *ok)
        .map(|(i, (text, _))| choice_label(bot, question, i, text))
        .collect();
    let winners: Vec<String> = answers
        .iter()
        .filter(|a| a.correct)
        .map(|a| {
            UiText::fill(
                &t.winner_line,
                &[
                    ("user", &mention(a.user)),
                    ("points", &a.points.to_string()),
                ],
            )
        })
        .collect();
    let mut embed = Embed::new(
        UiText::fill(
            &t.reveal_title,
            &[
                ("n", &(round + 1).to_string()),
                ("total", &quiz.total().to_string()),
            ],
        ),
        question.prompt.clone(),
    )
    .field(t.answer_field.clone(), right.join("\n"), false)
    .field(
        t.explanation_field.clone(),
        question.explanation.clone(),
        false,
    );
    if let Some(more) = super::render::more_command(bot, &question.source) {
        embed = embed.field(t.more_field.clone(), more, false);
    }
    if quiz.mode == QuizMode::Group {
        let who = if winners.is_empty() {
            t.nobody_right.clone()
        } else {
            winners.join(&bot.ui().list_separator)
        };
        embed = embed.field(
            UiText::fill(
                &t.winners_field,
                &[
                    ("right", &winners.len().to_string()),
                    ("answered", &answers.len().to_string()),
                ],
            ),
            who,
            false,
        );
    }
    let buttons = answer_buttons(bot, quiz, round, question, &choices, |right| {
        let style = if right {
            ButtonStyle::Success
        } else {
            ButtonStyle::Secondary
        };
        (style, true)
    });
    Reply::embed(embed.footer(t.footer_reveal.clone())).with_row(buttons)
}

/// The ranking of one quiz, with the questions nobody got right.
fn ranking_embed(bot: &Bot, quiz: &Quiz, title: &str) -> Result<Embed, StoreError> {
    let t = q(bot);
    let standings = bot.store.quiz_standings(quiz.id)?;
    let mut missed = Vec::new();
    for round in 0..=quiz.current.min(quiz.total().saturating_sub(1)) {
        let Some(r) = bot.store.round(quiz.id, round)? else {
            continue;
        };
        if !r.revealed {
            continue;
        }
        if !bot.store.answers(quiz.id, round)?.iter().any(|a| a.correct) {
            if let Some(question) = bot.bank.get(&r.question) {
                missed.push(UiText::fill(
                    &t.missed_line,
                    &[
                        ("n", &(round + 1).to_string()),
                        ("question", &reply::fit(&question.prompt, 80)),
                    ],
                ));
            }
        }
    }
    let mut embed = Embed::new(title.to_string(), standings_text(bot, &standings));
    if !missed.is_empty() {
        embed = embed.field(t.missed_field.clone(), missed.join("\n"), false);
    }
    Ok(embed.footer(t.footer_ranking.clone()))
}

fn standings_text(bot: &Bot, standings: &[Standing]) -> String {
    let t = q(bot);
    if standings.is_empty() {
        return t.no_scores.clone();
    }
    standings
        .iter()
        .enumerate()
        .map(|(i, s)| {
            UiText::fill(
                &t.rank_line,
                &[
                    ("rank", &(i + 1).to_string()),
                    ("user", &mention(s.user)),
                    ("points", &s.points.to_string()),
                    ("correct", &s.correct.to_string()),
                    ("answered", &s.answered.to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A button press on a quiz question. Open to every member of the channel (group) or to
/// the player (solo); the quiz's state decides whether it still counts.
pub fn answer(
    bot: &Bot,
    inv: &Invocation,
    quiz_id: QuizId,
    round: u32,
    choice: u8,
) -> CommandResult {
    let t = q(bot);
    if inv.user_is_bot {
        return Err(user(t.bots_cannot_play.clone()));
    }
    // Read, checked, written and (for a group) read again in one unit of the store.
    let mut refusal = None;
    let mut taken = None;
    let answering =
        bot.store
            .answer_round(quiz_id, round, &mut |quiz, shown| match check_answer(
                bot, inv, quiz, shown, round, choice,
            ) {
                Ok((answer, question, late)) => {
                    taken = Some((question, late));
                    Some((answer, quiz.mode == QuizMode::Group))
                }
                Err(e) => {
                    refusal = Some(e);
                    None
                }
            })?;
    let (quiz, everyone_again) = match answering {
        Answering::NoQuiz => return Err(user(bot.ui().button_invalid.clone())),
        Answering::Refused(_) => {
            return Err(refusal.unwrap_or_else(|| user(bot.ui().button_invalid.clone())))
        }
        Answering::Again(_) => return Err(user(t.already_answered.clone())),
        Answering::Recorded {
            quiz,
            everyone_again,
        } => (quiz, everyone_again),
    };
    let Some((question, late)) = taken else {
        return Err(CommandError::Internal(format!(
            "quiz {quiz_id}: an answer was recorded without its check"
        )));
    };
    match quiz.mode {
        QuizMode::Group => {
            let ack = Reply::ephemeral_text(UiText::fill(
                &t.answer_received,
                &[("choice", &choice_mark(bot, question, choice as usize))],
            ));
            let effects = if everyone_again {
                finish_round(bot, &quiz, round, inv.now)?
            } else {
                Vec::new()
            };
            Ok(super::Outcome::from(Response::Message(ack)).with(effects))
        }
        QuizMode::Solo => Ok(Response::Update(solo_next(bot, &quiz, round, inv.now, late)?).into()),
    }
}

/// Whether a press on choice `choice` of round `round` counts: the answer to write, the
/// question and whether it came after the deadline (a solo player's late answer counts
/// as wrong).
fn check_answer<'b>(
    bot: &'b Bot,
    inv: &Invocation,
    quiz: &Quiz,
    shown: Option<&Round>,
    round: u32,
    choice: u8,
) -> Result<(Answer, &'b Question, bool), CommandError> {
    let t = q(bot);
    if quiz.channel != inv.channel_id {
        return Err(user(bot.ui().button_invalid.clone()));
    }
    if quiz.mode == QuizMode::Solo && quiz.starter != inv.user_id {
        return Err(user(t.solo_not_yours.clone()));
    }
    if quiz.state != QuizState::Open {
        return Err(user(t.quiz_over.clone()));
    }
    let Some(r) = shown else {
        return Err(user(bot.ui().button_invalid.clone()));
    };
    if round != quiz.current || r.revealed {
        return Err(user(t.round_over.clone()));
    }
    let question = question_of(bot, quiz, round)?;
    let choices = shown_choices(bot, quiz, round, question);
    let Some((_, correct)) = choices.get(choice as usize) else {
        return Err(user(bot.ui().button_invalid.clone()));
    };
    let late = inv.now > r.deadline;
    if late && quiz.mode == QuizMode::Group {
        return Err(user(t.round_over.clone()));
    }
    let correct = *correct && !late;
    let points = if correct {
        rules::points(quiz.seconds, r.deadline.saturating_sub(inv.now))
    } else {
        0
    };
    let answer = Answer {
        quiz: quiz.id,
        round,
        guild: quiz.guild,
        user: inv.user_id,
        question: question.id.clone(),
        choice,
        correct,
        points,
        answered_at: inv.now,
    };
    Ok((answer, question, late))
}

/// Solo: the feedback on this round and, below it, the next question (or the result).
fn solo_next(
    bot: &Bot,
    quiz: &Quiz,
    round: u32,
    now: u64,
    late: bool,
) -> Result<Reply, CommandError> {
    let t = q(bot);
    bot.store.claim_reveal(quiz.id, round)?;
    let question = question_of(bot, quiz, round)?;
    let answers = bot.store.answers(quiz.id, round)?;
    let mine = answers.iter().find(|a| a.user == quiz.starter);
    let verdict = match mine {
        _ if late => t.solo_late.clone(),
        Some(a) if a.correct => UiText::fill(&t.solo_right, &[("points", &a.points.to_string())]),
        _ => t.solo_wrong.clone(),
    };
    let mut feedback = reveal_reply(bot, quiz, round, question, &answers);
    if let Some(e) = feedback.embeds.first_mut() {
        e.description = format!("{verdict}\n\n{}", e.description);
    }
    let next = round + 1;
    if next < quiz.total() {
        let question = question_of(bot, quiz, next)?;
        let deadline = now + u64::from(quiz.seconds);
        bot.store
            .start_round(quiz.id, next, &question.id, now, deadline)?;
        let asked = question_reply(bot, quiz, next, question, deadline, false);
        let mut reply = Reply {
            embeds: feedback.embeds,
            ..asked.clone()
        };
        reply.embeds.extend(asked.embeds);
        reply.ephemeral = true;
        return Ok(reply);
    }
    bot.store.close_quiz(quiz.id, QuizState::Finished, now)?;
    let mut closed = quiz.clone();
    closed.state = QuizState::Finished;
    let ranking = ranking_embed(bot, &closed, &t.solo_result_title)?;
    let mut reply = Reply::embed(feedback.embeds.remove(0));
    reply.embeds.push(ranking);
    reply.ephemeral = true;
    Ok(reply)
}

/// Ends round `round` once: the reveal edit, then the next question or the ranking.
fn finish_round(bot: &Bot, quiz: &Quiz, round: u32, now: u64) -> Result<Vec<Effect>, CommandError> {
    if !bot.store.claim_reveal(quiz.id, round)? {
        return Ok(Vec::new());
    }
    let t = q(bot);
    let question = question_of(bot, quiz, round)?;
    let answers = bot.store.answers(quiz.id, round)?;
    let mut effects = Vec::new();
    let reveal = reveal_reply(bot, quiz, round, question, &answers);
    let message = bot.store.round(quiz.id, round)?.and_then(|r| r.message);
    effects.push(match message {
        Some(message) => Effect::Edit {
            channel: quiz.channel,
            message,
            reply: reveal,
        },
        None => Effect::Post {
            channel: quiz.channel,
            reply: reveal,
            tag: None,
        },
    });
    let silent_twice =
        answers.is_empty() && round > 0 && bot.store.answers(quiz.id, round - 1)?.is_empty();
    if silent_twice {
        if bot.store.close_quiz(quiz.id, QuizState::Abandoned, now)? {
            let ranking = ranking_embed(bot, quiz, &t.ranking_title)?;
            let mut reply = Reply::embed(ranking);
            reply.content = Some(t.abandoned.clone());
            effects.push(Effect::Post {
                channel: quiz.channel,
                reply,
                tag: None,
            });
        }
        return Ok(effects);
    }
    if round + 1 < quiz.total() {
        match open_round(bot, quiz, round + 1, now) {
            Ok(next) => effects.extend(next),
            // The reveal is claimed (this timer's alone): it still goes out, and the quiz
            // ends here with its scores rather than hang with no next question.
            Err(e) => {
                tracing::error!(quiz = quiz.id, round, error = %e, "next question not stored; ending the quiz");
                if bot.store.close_quiz(quiz.id, QuizState::Interrupted, now)? {
                    let mut reply = Reply::embed(ranking_embed(bot, quiz, &t.ranking_title)?);
                    reply.content = Some(t.store_failed.clone());
                    effects.push(Effect::Post {
                        channel: quiz.channel,
                        reply,
                        tag: None,
                    });
                }
            }
        }
    } else if bot.store.close_quiz(quiz.id, QuizState::Finished, now)? {
        effects.push(Effect::Post {
            channel: quiz.channel,
            reply: Reply::embed(ranking_embed(bot, quiz, &t.ranking_title)?),
            tag: None,
        });
    }
    Ok(effects)
}

/// A round's timer fired: reveal it unless a click already did.
pub fn round_over(
    bot: &Bot,
    quiz_id: QuizId,
    round: u32,
    now: u64,
) -> Result<Vec<Effect>, CommandError> {
    let Some(quiz) = bot.store.quiz(quiz_id)? else {
        return Ok(Vec::new());
    };
    if quiz.state != QuizState::Open || quiz.current != round || quiz.mode != QuizMode::Group {
        return Ok(Vec::new());
    }
    finish_round(bot, &quiz, round, now)
}

/// `/quiz stop`: by its starter or a member with Manage Messages; shows the scores so far.
fn stop(bot: &Bot, inv: &Invocation) -> CommandResult {
    let t = q(bot);
    // The member's own solo quiz here comes first; otherwise the channel's group quiz.
    let own_solo = bot
        .store
        .open_solo_of(inv.user_id)?
        .into_iter()
        .find(|s| s.channel == inv.channel_id);
    let quiz = match own_solo {
        Some(solo) => solo,
        None => match bot.store.open_quiz_in(inv.channel_id)? {
            Some(quiz) => quiz,
            None => return Err(user(t.nothing_to_stop.clone())),
        },
    };
    let may = quiz.starter == inv.user_id || inv.permissions.unwrap_or(0) & MANAGE_MESSAGES != 0;
    if !may {
        return Err(user(t.stop_not_allowed.clone()));
    }
    // The open round is revealed before the quiz is closed: its answers join the totals
    // (which count revealed rounds only) in the reveal's transaction. A reveal that fails
    // leaves the quiz open, its answers kept, for another stop, the timer or the next start;
    // closed first, they would stay stored but never counted.
    let mut effects = close_current_round(bot, &quiz)?;
    if !bot.store.close_quiz(quiz.id, QuizState::Stopped, inv.now)? {
        return Err(user(t.quiz_over.clone()));
    }
    // The round's timer may have revealed that round and opened the next between the read
    // above and the close: that one is revealed too, so its answers are counted.
    if let Some(now) = bot.store.quiz(quiz.id)? {
        if now.current != quiz.current {
            effects.extend(close_current_round(bot, &now)?);
        }
    }
    let ranking = ranking_embed(bot, &quiz, &t.stopped_title)?;
    let mut reply = Reply::embed(ranking);
    reply.ephemeral = quiz.mode == QuizMode::Solo;
    Ok(super::Outcome::from(Response::Message(reply)).with(effects))
}

/// The open round's message becomes its reveal (buttons disabled) when a quiz ends early.
fn close_current_round(bot: &Bot, quiz: &Quiz) -> Result<Vec<Effect>, CommandError> {
    let round = quiz.current;
    let Some(r) = bot.store.round(quiz.id, round)? else {
        return Ok(Vec::new());
    };
    if !bot.store.claim_reveal(quiz.id, round)? {
        return Ok(Vec::new());
    }
    let (Some(message), Some(question)) = (r.message, bot.bank.get(&r.question)) else {
        return Ok(Vec::new());
    };
    let answers = bot.store.answers(quiz.id, round)?;
    Ok(vec![Effect::Edit {
        channel: quiz.channel,
        message,
        reply: reveal_reply(bot, quiz, round, question, &answers),
    }])
}

/// At start-up: every quiz a previous run left open is closed, its scores kept, and its
/// channel told.
pub fn recover(bot: &Bot, now: u64) -> Result<Vec<Effect>, StoreError> {
    let t = q(bot);
    let mut effects = Vec::new();
    for quiz in bot.store.open_quizzes()? {
        // Another process's quiz runs on in that process.
        if !bot.owns(quiz.guild) {
            continue;
        }
        // The open round is revealed first: its answers (a solo player's too, written just
        // before the restart cut off its reveal) join the totals, which count revealed
        // rounds only. A reveal that fails leaves the quiz open, for the next start.
        let reveal = match close_current_round(bot, &quiz) {
            Ok(reveal) => reveal,
            Err(e) => {
                tracing::error!(quiz = quiz.id, error = %e, "the open round of a quiz left open by a restart could not be revealed; trying again at the next start");
                continue;
            }
        };
        if !bot.store.close_quiz(quiz.id, QuizState::Interrupted, now)? {
            continue;
        }
        tracing::info!(quiz = quiz.id, channel = %quiz.channel, "closing a quiz left open by a restart");
        if quiz.mode == QuizMode::Solo {
            continue;
        }
        effects.extend(reveal);
        let mut reply = Reply::embed(ranking_embed(bot, &quiz, &t.interrupted_title)?);
        reply.content = Some(t.interrupted.clone());
        effects.push(Effect::Post {
            channel: quiz.channel,
            reply,
            tag: None,
        });
    }
    Ok(effects)
}

fn leaderboard(bot: &Bot, inv: &Invocation, args: &Args) -> CommandResult {
    let t = q(bot);
    let Some(guild) = inv.guild_id else {
        return Err(user(bot.ui().guild_only.clone()));
    };
    let period = args
        .get("period")
        .and_then(Period::from_key)
        .unwrap_or(Period::Week);
    let board = bot
        .store
        .period_leaderboard(guild, period, inv.now, BOARD_MAX)?;
    let name = choice_name(bot, "leaderboard", "period", period.key());
    let embed = Embed::new(
        UiText::fill(&t.leaderboard_title, &[("period", &name)]),
        standings_text(bot, &board),
    )
    .footer(t.footer_leaderboard.clone());
    Ok(Response::Message(Reply::embed(embed)).into())
}

fn me(bot: &Bot, inv: &Invocation) -> CommandResult {
    let t = q(bot);
    let history: Vec<Answer> = bot
        .store
        .history_of(inv.user_id)?
        .into_iter()
        .filter(|a| a.guild == inv.guild_id)
        .collect();
    if history.is_empty() {
        return Err(user(t.me_nothing.clone()));
    }
    let stats = rules::stats(&history);
    let rank = match inv.guild_id {
        Some(g) => bot
            .store
            .period_leaderboard(g, Period::All, inv.now, u32::MAX)?
            .iter()
            .position(|s| s.user == inv.user_id)
            .map(|p| (p + 1).to_string()),
        None => None,
    };
    let embed = Embed::new(
        t.me_title.clone(),
        UiText::fill(
            &t.me_description,
            &[
                ("answered", &stats.answered.to_string()),
                ("correct", &stats.correct.to_string()),
                ("accuracy", &stats.accuracy_percent().to_string()),
                ("streak", &stats.best_streak.to_string()),
                ("points", &stats.points.to_string()),
                ("rank", &rank.unwrap_or_else(|| t.no_rank.clone())),
            ],
        ),
    );
    let mut reply = Reply::embed(embed);
    reply.ephemeral = true;
    Ok(Response::Message(reply).into())
}

fn review(bot: &Bot, inv: &Invocation) -> CommandResult {
    let t = q(bot);
    let history = bot.store.history_of(inv.user_id)?;
    let due = rules::to_review(&history, REVIEW_MAX);
    let questions: Vec<&Question> = due.iter().filter_map(|id| bot.bank.get(id)).collect();
    if questions.is_empty() {
        return Err(user(t.review_nothing.clone()));
    }
    let mut embed = Embed::new(
        t.review_title.clone(),
        UiText::fill(
            &t.review_description,
            &[("count", &questions.len().to_string())],
        ),
    );
    for question in &questions {
        let right = match &question.answer {
            Truth::Choice { right, .. } => right.clone(),
            Truth::TrueFalse { truth: true } => t.true_label.clone(),
            Truth::TrueFalse { truth: false } => t.false_label.clone(),
        };
        embed = embed.field(
            reply::fit(&question.prompt, 200),
            reply::fit(
                &UiText::fill(
                    &t.review_item,
                    &[("answer", &right), ("explanation", &question.explanation)],
                ),
                limits::FIELD_VALUE,
            ),
            false,
        );
    }
    let practise = Button {
        custom_id: ButtonId::Practise {
            owner: inv.user_id,
            issued: inv.now,
        }
        .encode(),
        label: t.review_practise.clone(),
        style: ButtonStyle::Primary,
        disabled: false,
    };
    let mut reply = Reply::embed(embed).with_row(vec![practise]);
    reply.ephemeral = true;
    Ok(Response::Message(reply).into())
}

/// The review's button: a solo quiz of just the questions due for review.
pub fn practise(bot: &Bot, inv: &Invocation) -> CommandResult {
    let history = bot.store.history_of(inv.user_id)?;
    let due = rules::to_review(&history, REVIEW_MAX);
    let questions: Vec<String> = due
        .into_iter()
        .filter(|id| bot.bank.get(id).is_some())
        .collect();
    if questions.is_empty() {
        return Err(user(q(bot).review_nothing.clone()));
    }
    let new = NewQuiz {
        guild: inv.guild_id,
        channel: inv.channel_id,
        starter: inv.user_id,
        mode: QuizMode::Solo,
        topic: "review".into(),
        seconds: DEFAULT_SECONDS as u32,
        seed: rules::seed(inv.now, inv.channel_id.get(), inv.user_id.get()),
        created_at: inv.now,
        questions,
    };
    Ok(Response::Update(start_solo(bot, inv, new)?).into())
}

/// Problems of one question as the quiz shows it (for whole-bot validation).
pub fn render_problems(bot: &Bot, question: &Question) -> Vec<String> {
    let quiz = Quiz {
        id: i64::MAX,
        guild: None,
        channel: crate::ids::ChannelId(u64::MAX),
        starter: UserId(u64::MAX),
        mode: QuizMode::Group,
        topic: "all".into(),
        seconds: 60,
        seed: 0,
        created_at: 0,
        state: QuizState::Open,
        current: 0,
        questions: vec![question.id.clone(); rules::MAX_QUESTIONS],
    };
    let round = rules::MAX_QUESTIONS as u32 - 1;
    let mut out = question_reply(bot, &quiz, round, question, u64::MAX, false).violations();
    out.extend(reveal_reply(bot, &quiz, round, question, &[]).violations());
    for (text, _) in shown_choices(bot, &quiz, round, question) {
        if reply::chars(&choice_label(bot, question, 0, &text)) >= limits::BUTTON_LABEL {
            out.push(format!("choice \"{text}\" would be cut on its button"));
        }
    }
    out
}
