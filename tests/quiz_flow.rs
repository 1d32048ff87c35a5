//! What members see of `/quiz`, through the real dispatch, on a real SQLite file, with the
//! real effect runner on tokio's paused clock (no real sleeping for timers).
//!
//! A recording [`Messenger`] stands in for Discord: it keeps every post and edit, so the
//! tests read what the channel shows. Texts come from `responses/quiz_ui.json` (through
//! `bot.knowledge.quiz_ui`), not from copies here.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use summit_bot::commands::{dispatch, Action, Bot, Effect, Invocation, Outcome, Response, Wake};
use summit_bot::commands::{MANAGE_GUILD, MANAGE_MESSAGES};
use summit_bot::ids::{ChannelId, GuildId, MessageId, UserId};
use summit_bot::knowledge::{Knowledge, QuizText, UiText};
use summit_bot::quiz::bank::{Answer as Truth, Question};
use summit_bot::reply::{self, Button, ButtonStyle, Embed, Reply};
use summit_bot::runtime::{Clock, Effects, Messenger, SendError};
use summit_bot::store::{
    Answer as StoredAnswer, NewQuiz, Quiz, QuizId, QuizMode, QuizState, SqliteStore, Store,
};

/// 2026-11-26T00:00:00Z, a Thursday (09:00 in Japan).
const T0: u64 = 1_795_651_200;
const GUILD: GuildId = GuildId(77);
const CH: ChannelId = ChannelId(770);
const OTHER_CH: ChannelId = ChannelId(771);
const DM: ChannelId = ChannelId(9_000);
/// Right and fast.
const A: UserId = UserId(1001);
/// Right and slow.
const B: UserId = UserId(1002);
/// Wrong, and clicks twice.
const C: UserId = UserId(1003);

// ---- a recording Discord ---------------------------------------------------------------

#[derive(Debug, Clone)]
enum Sent {
    Post {
        channel: ChannelId,
        message: MessageId,
        reply: Reply,
    },
    Edit {
        channel: ChannelId,
        message: MessageId,
        reply: Reply,
    },
}

struct Recorder {
    sent: Mutex<Vec<Sent>>,
    next: AtomicU64,
}

impl Recorder {
    fn new() -> Recorder {
        Recorder {
            sent: Mutex::new(Vec::new()),
            next: AtomicU64::new(50_000),
        }
    }

    fn push(&self, s: Sent) {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).push(s);
    }

    fn all(&self) -> Vec<Sent> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

#[async_trait::async_trait]
impl Messenger for Recorder {
    async fn post(&self, channel: ChannelId, reply: &Reply) -> Result<MessageId, SendError> {
        let message = MessageId(self.next.fetch_add(1, Ordering::SeqCst));
        self.push(Sent::Post {
            channel,
            message,
            reply: reply.clone(),
        });
        Ok(message)
    }

    async fn edit(
        &self,
        channel: ChannelId,
        message: MessageId,
        reply: &Reply,
    ) -> Result<(), SendError> {
        self.push(Sent::Edit {
            channel,
            message,
            reply: reply.clone(),
        });
        Ok(())
    }

    async fn find_recent(
        &self,
        _channel: ChannelId,
        _marker: &str,
        _since: u64,
    ) -> Result<Option<MessageId>, SendError> {
        Ok(None)
    }
}

// ---- the bot on a file, with its effect runner -----------------------------------------

fn knowledge() -> Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::embedded().expect("the real dataset loads"))
        .clone()
}

fn bot_on(path: &Path) -> Arc<Bot> {
    let store = SqliteStore::open(path).expect("the database opens");
    Arc::new(Bot::with_store(
        knowledge(),
        Arc::new(store) as Arc<dyn Store>,
    ))
}

struct Game {
    bot: Arc<Bot>,
    effects: Effects,
    log: Arc<Recorder>,
}

impl Game {
    /// A bot on `path` whose clock reads `unix` now. Needs a tokio runtime.
    fn on(path: &Path, unix: u64) -> Game {
        Game::with(bot_on(path), unix)
    }

    fn with(bot: Arc<Bot>, unix: u64) -> Game {
        let log = Arc::new(Recorder::new());
        let effects = Effects::start(
            Arc::clone(&bot),
            Arc::clone(&log) as Arc<dyn Messenger>,
            Clock::starting_at(unix),
        );
        Game { bot, effects, log }
    }

    fn t(&self) -> &QuizText {
        &self.bot.knowledge.quiz_ui
    }

    fn ui(&self) -> &UiText {
        self.bot.ui()
    }

    fn now(&self) -> u64 {
        self.effects.clock().now()
    }

    fn invocation(&self, user: UserId, action: Action) -> Invocation {
        Invocation {
            user_id: user,
            user_is_bot: false,
            guild_id: Some(GUILD),
            channel_id: CH,
            permissions: Some(0),
            app_permissions: None,
            channel_permissions: Vec::new(),
            now: self.now(),
            sent: None,
            action,
        }
    }

    /// Runs what a member did and hands its effects to the runner.
    fn run(&self, inv: &Invocation) -> Outcome {
        let outcome = dispatch(&self.bot, inv);
        self.effects.submit(outcome.effects.clone());
        outcome
    }

    fn command(&self, user: UserId, sub: &str, options: &[(&str, &str)]) -> Outcome {
        self.run(&self.invocation(user, quiz_command(Some(sub), options)))
    }

    fn click(&self, user: UserId, custom_id: &str) -> Outcome {
        self.run(&self.invocation(user, button(custom_id)))
    }

    /// Lets the runner work until `done` holds (timers do not move: no time passes).
    async fn settle(&self, what: &str, done: impl Fn() -> bool) {
        for _ in 0..10_000 {
            if done() {
                return;
            }
            for _ in 0..4 {
                tokio::task::yield_now().await;
            }
            // The runner waits for the blocking pool (the store); give it real time.
            std::thread::sleep(Duration::from_millis(1));
        }
        panic!("never happened: {what}; sent so far: {:#?}", self.log.all());
    }

    fn sent(&self) -> Vec<Sent> {
        self.log.all()
    }

    fn posts(&self) -> Vec<(ChannelId, MessageId, Reply)> {
        self.sent()
            .into_iter()
            .filter_map(|s| match s {
                Sent::Post {
                    channel,
                    message,
                    reply,
                } => Some((channel, message, reply)),
                Sent::Edit { .. } => None,
            })
            .collect()
    }

    fn edits(&self) -> Vec<(ChannelId, MessageId, Reply)> {
        self.sent()
            .into_iter()
            .filter_map(|s| match s {
                Sent::Edit {
                    channel,
                    message,
                    reply,
                } => Some((channel, message, reply)),
                Sent::Post { .. } => None,
            })
            .collect()
    }

    fn open_quiz(&self) -> Quiz {
        self.bot
            .store
            .open_quiz_in(CH)
            .expect("the store answers")
            .expect("a quiz is open in the channel")
    }

    fn quiz(&self, id: QuizId) -> Quiz {
        self.bot
            .store
            .quiz(id)
            .expect("the store answers")
            .expect("the quiz exists")
    }

    fn round_message(&self, quiz: QuizId, round: u32) -> Option<MessageId> {
        self.bot
            .store
            .round(quiz, round)
            .expect("the store answers")
            .and_then(|r| r.message)
    }

    /// Waits for round `round`'s question to be posted and returns its message.
    async fn question_posted(&self, quiz: QuizId, round: u32) -> (MessageId, Reply) {
        self.settle("the question is posted", || {
            self.round_message(quiz, round).is_some()
        })
        .await;
        let id = self.round_message(quiz, round).expect("posted");
        let (channel, _, reply) = self
            .posts()
            .into_iter()
            .find(|(_, m, _)| *m == id)
            .expect("the recorded post");
        assert_eq!(
            channel,
            self.quiz(quiz).channel,
            "posted in the quiz's channel"
        );
        (id, reply)
    }

    fn question(&self, quiz: QuizId, round: u32) -> Question {
        let r = self
            .bot
            .store
            .round(quiz, round)
            .expect("the store answers")
            .expect("the round started");
        self.bot
            .bank
            .get(&r.question)
            .expect("the question is in the bank")
            .clone()
    }

    /// The text of the right answer as the buttons show it.
    fn right_text(&self, question: &Question) -> String {
        match &question.answer {
            Truth::Choice { right, .. } => right.clone(),
            Truth::TrueFalse { truth: true } => self.t().true_label.clone(),
            Truth::TrueFalse { truth: false } => self.t().false_label.clone(),
        }
    }

    fn marks(&self, question: &Question) -> Vec<String> {
        match question.answer {
            Truth::Choice { .. } => self.t().choice_marks.clone(),
            Truth::TrueFalse { .. } => self.t().true_false_marks.clone(),
        }
    }

    /// Which button of a question message is the right answer, read from the bank.
    fn right_index(&self, quiz: QuizId, round: u32, shown: &Reply) -> usize {
        let question = self.question(quiz, round);
        let right = self.right_text(&question);
        let marks = self.marks(&question);
        let buttons = &shown.rows[0];
        let found: Vec<usize> = (0..buttons.len())
            .filter(|&i| {
                buttons[i].label
                    == reply::fit(
                        &UiText::fill(
                            &self.t().button_label,
                            &[("mark", &marks[i]), ("text", &right)],
                        ),
                        reply::limits::BUTTON_LABEL,
                    )
            })
            .collect();
        assert_eq!(found.len(), 1, "one button shows {right:?}: {buttons:?}");
        found[0]
    }

    fn ack(&self, question: &Question, choice: usize) -> String {
        UiText::fill(
            &self.t().answer_received,
            &[("choice", &self.marks(question)[choice])],
        )
    }

    fn rank_line(
        &self,
        rank: usize,
        user: UserId,
        points: u64,
        correct: u64,
        answered: u64,
    ) -> String {
        UiText::fill(
            &self.t().rank_line,
            &[
                ("rank", &rank.to_string()),
                ("user", &mention(user)),
                ("points", &points.to_string()),
                ("correct", &correct.to_string()),
                ("answered", &answered.to_string()),
            ],
        )
    }

    fn points_of(&self, quiz: QuizId, round: u32, user: UserId) -> u32 {
        self.bot
            .store
            .answers(quiz, round)
            .expect("the store answers")
            .iter()
            .find(|a| a.user == user)
            .map_or_else(|| panic!("{user} answered round {round}"), |a| a.points)
    }
}

fn quiz_command(sub: Option<&str>, options: &[(&str, &str)]) -> Action {
    Action::Command {
        name: "quiz".into(),
        subcommand: sub.map(str::to_string),
        options: options
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn button(custom_id: &str) -> Action {
    Action::Button {
        custom_id: custom_id.to_string(),
    }
}

fn mention(user: UserId) -> String {
    format!("<@{user}>")
}

#[track_caller]
fn message(response: &Response) -> &Reply {
    match response {
        Response::Message(r) => r,
        other => panic!("expected a new message, got {other:?}"),
    }
}

#[track_caller]
fn update(response: &Response) -> &Reply {
    match response {
        Response::Update(r) => r,
        other => panic!("expected an update, got {other:?}"),
    }
}

/// The text of a short ephemeral message (no embed, no button).
#[track_caller]
fn ephemeral_text(outcome: &Outcome) -> String {
    let r = message(&outcome.response);
    assert!(r.ephemeral, "only the member sees it: {r:?}");
    assert!(
        r.embeds.is_empty() && r.rows.is_empty(),
        "a short text: {r:?}"
    );
    r.content.clone().expect("a text")
}

#[track_caller]
fn embed(reply: &Reply) -> &Embed {
    reply.embeds.first().expect("an embed")
}

#[track_caller]
fn field<'r>(embed: &'r Embed, name: &str) -> &'r str {
    embed
        .fields
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.as_str())
        .unwrap_or_else(|| panic!("no field {name:?} in {embed:#?}"))
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("quiz.sqlite3");
    (dir, path)
}

/// A question as first shown: its title, live buttons.
#[track_caller]
fn assert_question(g: &Game, shown: &Reply, n: u32, total: u32) {
    assert!(!shown.ephemeral, "the channel sees the question");
    assert_eq!(
        embed(shown).title,
        UiText::fill(
            &g.t().question_title,
            &[("n", &n.to_string()), ("total", &total.to_string())]
        )
    );
    let buttons = &shown.rows[0];
    assert!(buttons.len() == 2 || buttons.len() == 4, "{buttons:?}");
    assert!(buttons
        .iter()
        .all(|b| !b.disabled && b.style == ButtonStyle::Primary));
}

/// A reveal: same labels, all disabled, only the right one green.
#[track_caller]
fn assert_reveal(g: &Game, question: &Reply, reveal: &Reply, right: usize, n: u32, total: u32) {
    assert_eq!(
        embed(reveal).title,
        UiText::fill(
            &g.t().reveal_title,
            &[("n", &n.to_string()), ("total", &total.to_string())]
        )
    );
    let before: Vec<&str> = question.rows[0].iter().map(|b| b.label.as_str()).collect();
    let after: Vec<&Button> = reveal.rows[0].iter().collect();
    assert_eq!(
        after.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
        before
    );
    for (i, b) in after.iter().enumerate() {
        assert!(b.disabled, "button {i} is disabled in the reveal");
        let style = if i == right {
            ButtonStyle::Success
        } else {
            ButtonStyle::Secondary
        };
        assert_eq!(b.style, style, "button {i}");
    }
    assert_eq!(
        field(embed(reveal), &g.t().answer_field),
        question.rows[0][right].label
    );
}

// ---- a. a whole group quiz ---------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_group_quiz_with_three_members_from_start_to_review() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();

    let started = g.command(A, "start", &[("問題数", "2"), ("制限時間", "10")]);
    let announce = message(&started.response);
    assert!(!announce.ephemeral);
    assert_eq!(embed(announce).title, t.start_title);
    assert!(embed(announce).description.contains(&mention(A)));
    let quiz = g.open_quiz();
    assert_eq!((quiz.total(), quiz.seconds, quiz.starter), (2, 10, A));

    // Question 1.
    let (q1_msg, q1) = g.question_posted(quiz.id, 0).await;
    assert_question(&g, &q1, 1, 2);
    let question1 = g.question(quiz.id, 0);
    let right1 = g.right_index(quiz.id, 0, &q1);
    let wrong1 = (right1 + 1) % q1.rows[0].len();
    let id_of = |shown: &Reply, i: usize| shown.rows[0][i].custom_id.clone();

    // A: right at once.
    let ack = g.click(A, &id_of(&q1, right1));
    assert_eq!(ephemeral_text(&ack), g.ack(&question1, right1));
    assert!(ack.effects.is_empty());
    // B: right after 6 seconds.
    tokio::time::advance(Duration::from_secs(6)).await;
    let ack = g.click(B, &id_of(&q1, right1));
    assert_eq!(ephemeral_text(&ack), g.ack(&question1, right1));
    // C: wrong, then clicks again (the right one this time): the first answer stands.
    let ack = g.click(C, &id_of(&q1, wrong1));
    assert_eq!(ephemeral_text(&ack), g.ack(&question1, wrong1));
    let again = g.click(C, &id_of(&q1, right1));
    assert_eq!(ephemeral_text(&again), t.already_answered);
    assert!(again.effects.is_empty());
    assert!(g.edits().is_empty(), "no reveal before time is up");

    let (a1, b1) = (g.points_of(quiz.id, 0, A), g.points_of(quiz.id, 0, B));
    assert_eq!(a1, 15, "right at once: 10 + the whole bonus");
    assert!((10..15).contains(&b1), "right after 6 of 10 s: {b1}");
    assert_eq!(g.points_of(quiz.id, 0, C), 0);

    // Time is up: the question message becomes the reveal, then question 2 is posted.
    tokio::time::advance(Duration::from_secs(4)).await;
    let (q2_msg, q2) = g.question_posted(quiz.id, 1).await;
    let sent = g.sent();
    assert!(
        matches!(
            sent.as_slice(),
            [Sent::Post { .. }, Sent::Edit { message, .. }, Sent::Post { .. }] if *message == q1_msg
        ),
        "question, its reveal, the next question: {sent:#?}"
    );
    let (channel, _, reveal1) = g.edits().remove(0);
    assert_eq!(channel, CH);
    assert_reveal(&g, &q1, &reveal1, right1, 1, 2);
    assert_eq!(
        field(embed(&reveal1), &t.explanation_field),
        question1.explanation
    );
    let winners = field(
        embed(&reveal1),
        &UiText::fill(&t.winners_field, &[("right", "2"), ("answered", "3")]),
    );
    let line = |u: UserId, p: u32| {
        UiText::fill(
            &t.winner_line,
            &[("user", &mention(u)), ("points", &p.to_string())],
        )
    };
    assert_eq!(
        winners,
        [line(A, 15), line(B, b1)].join(&g.ui().list_separator)
    );
    assert!(!winners.contains(&mention(C)));

    // Question 2: when everyone who answered question 1 has answered, the reveal comes at
    // once, without waiting for the timer.
    assert_question(&g, &q2, 2, 2);
    assert_ne!(q2_msg, q1_msg);
    let question2 = g.question(quiz.id, 1);
    assert_ne!(question2.id, question1.id, "no question twice in a quiz");
    let right2 = g.right_index(quiz.id, 1, &q2);
    // Question 1's buttons no longer count.
    let latecomer = UserId(1004);
    let old = g.click(latecomer, &id_of(&q1, right1));
    assert_eq!(ephemeral_text(&old), t.round_over);
    assert!(old.effects.is_empty());
    assert!(g
        .bot
        .store
        .history_of(latecomer)
        .expect("history")
        .is_empty());
    assert!(g.click(A, &id_of(&q2, right2)).effects.is_empty());
    assert!(g.click(B, &id_of(&q2, right2)).effects.is_empty());
    let last = g.click(C, &id_of(&q2, right2));
    assert_eq!(ephemeral_text(&last), g.ack(&question2, right2));
    assert!(
        last.effects
            .iter()
            .any(|e| matches!(e, Effect::Edit { message, .. } if *message == q2_msg)),
        "the last answer reveals: {:#?}",
        last.effects
    );
    g.settle("the reveal and the ranking", || g.sent().len() == 5)
        .await;
    assert_eq!(g.now(), T0 + 10, "no time passed");
    let (_, message2, reveal2) = g.edits().remove(1);
    assert_eq!(message2, q2_msg);
    assert_reveal(&g, &q2, &reveal2, right2, 2, 2);

    // The ranking: A first.
    let (channel, _, ranking) = g.posts().remove(2);
    assert_eq!(channel, CH);
    assert!(!ranking.ephemeral);
    assert_eq!(embed(&ranking).title, t.ranking_title);
    let (a2, b2, c2) = (
        g.points_of(quiz.id, 1, A),
        g.points_of(quiz.id, 1, B),
        g.points_of(quiz.id, 1, C),
    );
    let a = u64::from(a1 + a2);
    let b = u64::from(b1 + b2);
    let c = u64::from(c2);
    assert!(a > b && b > c, "{a} {b} {c}");
    let expected = vec![
        g.rank_line(1, A, a, 2, 2),
        g.rank_line(2, B, b, 2, 2),
        g.rank_line(3, C, c, 1, 2),
    ];
    assert_eq!(lines(&embed(&ranking).description), expected);
    assert!(
        embed(&ranking)
            .fields
            .iter()
            .all(|f| f.name != t.missed_field),
        "every question was answered right by someone"
    );
    assert_eq!(g.quiz(quiz.id).state, QuizState::Finished);

    // The question 2 timer still fires, and does nothing.
    g.effects.idle().await;
    assert_eq!(g.sent().len(), 5);
    assert!(!g.effects.busy());

    // Leaderboards, all time and this week (Japan time), by Japanese or English choice.
    for period in ["全期間", "all", "今週", "week", "今月"] {
        let board = g.command(C, "leaderboard", &[("期間", period)]);
        let r = message(&board.response);
        assert!(!r.ephemeral, "{period}");
        assert_eq!(lines(&embed(r).description), expected, "{period}");
    }
    // Default period: this week.
    let board = g.command(C, "leaderboard", &[]);
    assert_eq!(
        lines(&embed(message(&board.response)).description),
        expected
    );

    // C's record.
    let me = g.command(C, "me", &[]);
    let r = message(&me.response);
    assert!(r.ephemeral);
    assert_eq!(embed(r).title, t.me_title);
    assert_eq!(
        embed(r).description,
        UiText::fill(
            &t.me_description,
            &[
                ("answered", "2"),
                ("correct", "1"),
                ("accuracy", "50"),
                ("streak", "1"),
                ("points", &c.to_string()),
                ("rank", "3"),
            ],
        )
    );

    // Eight days later, this week's board is empty and the all-time one is not.
    tokio::time::advance(Duration::from_secs(8 * 86_400)).await;
    let week = g.command(A, "leaderboard", &[("期間", "今週")]);
    assert_eq!(embed(message(&week.response)).description, t.no_scores);
    let all = g.command(A, "leaderboard", &[("期間", "全期間")]);
    assert_eq!(lines(&embed(message(&all.response)).description), expected);

    // C reviews the missed question: its right answer, and a button to practise it.
    let review = g.command(C, "review", &[]);
    let r = message(&review.response);
    assert!(r.ephemeral);
    assert_eq!(embed(r).title, t.review_title);
    assert_eq!(
        embed(r).description,
        UiText::fill(&t.review_description, &[("count", "1")])
    );
    assert_eq!(embed(r).fields.len(), 1);
    let item = &embed(r).fields[0];
    assert_eq!(item.name, reply::fit(&question1.prompt, 200));
    assert_eq!(
        item.value,
        reply::fit(
            &UiText::fill(
                &t.review_item,
                &[
                    ("answer", &g.right_text(&question1)),
                    ("explanation", &question1.explanation)
                ],
            ),
            reply::limits::FIELD_VALUE
        )
    );
    let practise = r.rows[0][0].clone();
    assert_eq!(practise.label, t.review_practise);
    assert!(!practise.disabled);

    // Someone else cannot press C's button.
    let refused = g.click(A, &practise.custom_id);
    assert_eq!(ephemeral_text(&refused), g.ui().button_not_yours);

    // C presses it: a solo quiz of just that question, seen only by C.
    let solo = g.click(C, &practise.custom_id);
    assert!(
        solo.effects.is_empty(),
        "solo mode posts nothing in the channel"
    );
    let shown = update(&solo.response);
    assert!(shown.ephemeral);
    assert_eq!(
        embed(shown).title,
        UiText::fill(&t.question_title, &[("n", "1"), ("total", "1")])
    );
    assert_eq!(embed(shown).footer.as_deref(), Some(t.footer_solo.as_str()));
    let solos = g.bot.store.open_solo_of(C).expect("the store answers");
    assert_eq!(solos.len(), 1);
    assert_eq!(solos[0].questions, vec![question1.id.clone()]);
    assert_eq!(solos[0].mode, QuizMode::Solo);

    // C answers it right at once: immediate feedback, and the solo result.
    let right = g.right_index(solos[0].id, 0, shown);
    let done = g.click(C, &shown.rows[0][right].custom_id);
    assert!(done.effects.is_empty());
    let result = update(&done.response);
    assert!(result.ephemeral);
    let verdict = UiText::fill(&t.solo_right, &[("points", "15")]);
    assert!(
        embed(result).description.starts_with(&verdict),
        "{:?}",
        embed(result).description
    );
    assert!(result.embeds.iter().any(|e| e.title == t.solo_result_title));
    assert_eq!(g.quiz(solos[0].id).state, QuizState::Finished);
    assert!(
        g.posts().len() == 3 && g.edits().len() == 2,
        "nothing more in the channel"
    );
}

// ---- b. nobody answers -------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn two_questions_without_an_answer_end_the_quiz_politely() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "5"), ("制限時間", "10")]);
    let quiz = g.open_quiz();
    assert_eq!(quiz.total(), 5);

    // Nothing but time passes; the runner is idle once no timer is left.
    g.effects.idle().await;
    assert!(!g.effects.busy(), "no timer is left pending");
    assert_eq!(g.now(), T0 + 20, "two rounds of 10 seconds");
    assert_eq!(g.quiz(quiz.id).state, QuizState::Abandoned);

    let posts = g.posts();
    assert_eq!(posts.len(), 3, "two questions and the goodbye: {posts:#?}");
    let (channel, _, goodbye) = &posts[2];
    assert_eq!(*channel, CH);
    assert_eq!(goodbye.content.as_deref(), Some(t.abandoned.as_str()));
    assert_eq!(embed(goodbye).description, t.no_scores);
    let edits = g.edits();
    assert_eq!(edits.len(), 2, "both questions were revealed");
    for (i, (_, message, reveal)) in edits.iter().enumerate() {
        assert_eq!(*message, posts[i].1);
        let winners = field(
            embed(reveal),
            &UiText::fill(&t.winners_field, &[("right", "0"), ("answered", "0")]),
        );
        assert_eq!(winners, t.nobody_right);
        assert!(reveal.rows[0].iter().all(|b| b.disabled));
    }

    // The goodbye lists the questions nobody got right.
    let missed = field(embed(goodbye), &t.missed_field);
    assert_eq!(lines(missed).len(), 2, "{missed}");
    for round in 0..2 {
        let question = g.question(quiz.id, round);
        let line = UiText::fill(
            &t.missed_line,
            &[
                ("n", &(round + 1).to_string()),
                ("question", &reply::fit(&question.prompt, 80)),
            ],
        );
        assert!(lines(missed).contains(&line.as_str()), "{line} in {missed}");
    }

    // The channel is free again.
    let again = g.command(B, "start", &[("問題数", "1")]);
    assert_eq!(embed(message(&again.response)).title, t.start_title);
}

#[tokio::test(start_paused = true)]
async fn a_click_after_time_is_up_does_not_count() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "2"), ("制限時間", "10")]);
    let quiz = g.open_quiz();
    let (_, q1) = g.question_posted(quiz.id, 0).await;
    let right = g.right_index(quiz.id, 0, &q1);
    // A second after the deadline, whether or not the timer has revealed it yet.
    tokio::time::advance(Duration::from_secs(11)).await;
    let late = g.click(B, &q1.rows[0][right].custom_id);
    assert_eq!(ephemeral_text(&late), t.round_over);
    assert!(late.effects.is_empty());
    assert!(g.bot.store.history_of(B).expect("history").is_empty());
    g.question_posted(quiz.id, 1).await;
    let late = g.click(B, &q1.rows[0][right].custom_id);
    assert_eq!(ephemeral_text(&late), t.round_over);
    assert!(g.bot.store.history_of(B).expect("history").is_empty());
}

// ---- c. /quiz stop --------------------------------------------------------------------------

/// `/quiz stop` reveals the open round before it closes the quiz: when the reveal cannot be
/// written (here another process's trigger fails it, as a full disk would), the member gets
/// a short message, the quiz stays open with its answers, and the next stop counts them once.
#[tokio::test(start_paused = true)]
async fn a_stop_whose_reveal_fails_keeps_the_quiz_open_and_its_answers() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "3"), ("制限時間", "20")]);
    let quiz = g.open_quiz();
    let (_, q1) = g.question_posted(quiz.id, 0).await;
    let right = g.right_index(quiz.id, 0, &q1);
    g.click(A, &q1.rows[0][right].custom_id);

    let other = rusqlite::Connection::open(&path).expect("opens");
    other
        .execute_batch(
            "CREATE TRIGGER fail BEFORE INSERT ON standings \
             BEGIN SELECT RAISE(ABORT, 'the disk failed'); END;",
        )
        .expect("a failing trigger");
    let failed = g.command(A, "stop", &[]);
    let shown = message(&failed.response);
    assert!(shown.ephemeral, "the failure is told to the member alone");
    assert!(!ephemeral_text(&failed).is_empty());
    assert_ne!(ephemeral_text(&failed), t.quiz_over);
    assert!(failed.effects.is_empty());
    assert_eq!(g.open_quiz().id, quiz.id, "the quiz is still open");
    assert!(
        !g.bot
            .store
            .round(quiz.id, 0)
            .expect("reads")
            .expect("the round")
            .revealed,
        "the round is not marked revealed without its totals"
    );

    other.execute_batch("DROP TRIGGER fail").expect("drops");
    let stopped = g.command(A, "stop", &[]);
    let r = message(&stopped.response);
    assert_eq!(embed(r).title, t.stopped_title);
    assert_eq!(
        lines(&embed(r).description),
        vec![g.rank_line(1, A, 15, 1, 1)]
    );
    assert_eq!(g.quiz(quiz.id).state, QuizState::Stopped);
    assert_eq!(
        g.bot.store.history_of(A).expect("history").len(),
        1,
        "the answer is counted once"
    );
}

#[tokio::test(start_paused = true)]
async fn stop_is_for_the_starter_or_a_moderator_and_shows_the_scores_so_far() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "3"), ("制限時間", "20")]);
    let quiz = g.open_quiz();
    let (q1_msg, q1) = g.question_posted(quiz.id, 0).await;
    let right = g.right_index(quiz.id, 0, &q1);
    g.click(A, &q1.rows[0][right].custom_id);
    tokio::time::advance(Duration::from_secs(3)).await;

    // B neither started it nor may manage messages.
    let refused = g.command(B, "stop", &[]);
    assert_eq!(ephemeral_text(&refused), t.stop_not_allowed);
    assert!(refused.effects.is_empty());
    assert_eq!(g.open_quiz().id, quiz.id, "still running");

    // The starter stops it: the scores so far, and the open question is revealed.
    let stopped = g.command(A, "stop", &[]);
    let r = message(&stopped.response);
    assert!(!r.ephemeral);
    assert_eq!(embed(r).title, t.stopped_title);
    assert_eq!(
        lines(&embed(r).description),
        vec![g.rank_line(1, A, 15, 1, 1)]
    );
    assert_eq!(g.quiz(quiz.id).state, QuizState::Stopped);
    g.settle("the question is edited to its reveal", || {
        g.edits().len() == 1
    })
    .await;
    let (_, edited, reveal) = g.edits().remove(0);
    assert_eq!(edited, q1_msg);
    assert_reveal(&g, &q1, &reveal, right, 1, 3);

    // A click on it afterwards.
    let late = g.click(C, &q1.rows[0][right].custom_id);
    assert_eq!(ephemeral_text(&late), t.quiz_over);
    assert!(late.effects.is_empty());

    // Its timer fires and nothing more is posted.
    g.effects.idle().await;
    assert_eq!(
        g.posts().len(),
        1,
        "only the first question was ever posted"
    );
    assert_eq!(g.edits().len(), 1);

    let nothing = g.command(A, "stop", &[]);
    assert_eq!(ephemeral_text(&nothing), t.nothing_to_stop);

    // A member with Manage Messages may stop someone else's quiz.
    g.command(B, "start", &[("問題数", "2")]);
    let second = g.open_quiz();
    g.question_posted(second.id, 0).await;
    let mut inv = g.invocation(C, quiz_command(Some("stop"), &[]));
    inv.permissions = Some(MANAGE_MESSAGES);
    let by_moderator = g.run(&inv);
    assert_eq!(
        embed(message(&by_moderator.response)).title,
        t.stopped_title
    );
    assert_eq!(g.quiz(second.id).state, QuizState::Stopped);
    // Manage Server alone is not Manage Messages.
    g.command(B, "start", &[("問題数", "2")]);
    let mut inv = g.invocation(C, quiz_command(Some("stop"), &[]));
    inv.permissions = Some(MANAGE_GUILD);
    assert_eq!(ephemeral_text(&g.run(&inv)), t.stop_not_allowed);
}

// ---- d. a restart --------------------------------------------------------------------------

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a runtime")
}

/// What `Bot::recover` does for quizzes: posts, edits and quiz timers (other features'
/// timers, such as a scheduler's tick, are left out).
fn quiz_recovery(g: &Game) -> Vec<Effect> {
    g.bot
        .recover(g.now())
        .into_iter()
        .filter(|e| {
            !matches!(e, Effect::WakeAt { .. })
                || matches!(
                    e,
                    Effect::WakeAt {
                        wake: Wake::QuizRound { .. },
                        ..
                    }
                )
        })
        .collect()
}

#[test]
fn a_restart_closes_the_quiz_with_a_notice_and_keeps_its_scores() {
    let (_dir, path) = temp_db();

    // The first run: a quiz, two answers, then the process dies mid-question.
    let rt = paused_runtime();
    let (quiz, q1_msg, q1, right, weak) = rt.block_on(async {
        let g = Game::on(&path, T0);
        g.command(A, "start", &[("問題数", "3"), ("制限時間", "20")]);
        let quiz = g.open_quiz();
        let (q1_msg, q1) = g.question_posted(quiz.id, 0).await;
        let right = g.right_index(quiz.id, 0, &q1);
        let wrong = (right + 1) % q1.rows[0].len();
        g.click(A, &q1.rows[0][right].custom_id);
        tokio::time::advance(Duration::from_secs(5)).await;
        g.click(B, &q1.rows[0][wrong].custom_id);
        assert!(g.effects.busy(), "the round's timer is pending");
        // Totals count revealed rounds only: nothing shows while the question is open.
        let t = g.t().clone();
        let board = g.command(C, "leaderboard", &[("期間", "全期間")]);
        let board = embed(message(&board.response));
        assert_eq!(board.description, t.no_scores);
        assert_eq!(board.footer.as_deref(), Some(t.footer_leaderboard.as_str()));
        assert_eq!(ephemeral_text(&g.command(A, "me", &[])), t.me_nothing);
        (quiz, q1_msg, q1, right, Arc::downgrade(&g.bot))
    });
    drop(rt);
    assert!(weak.upgrade().is_none(), "the bot and its store are gone");

    // The second run, on the same file, a minute later.
    let rt = paused_runtime();
    rt.block_on(async {
        let g = Game::on(&path, T0 + 60);
        let t = g.t().clone();
        let notices = quiz_recovery(&g);
        assert_eq!(g.quiz(quiz.id).state, QuizState::Interrupted);
        let posts: Vec<&Reply> = notices
            .iter()
            .filter_map(|e| match e {
                Effect::Post { channel, reply, .. } if *channel == CH => Some(reply),
                _ => None,
            })
            .collect();
        assert_eq!(posts.len(), 1, "one notice: {notices:#?}");
        let edits = notices
            .iter()
            .filter(|e| matches!(e, Effect::Edit { message, .. } if *message == q1_msg))
            .count();
        assert_eq!(edits, 1, "the open question is revealed: {notices:#?}");
        assert_eq!(notices.len(), 2, "{notices:#?}");
        let notice = posts[0];
        assert_eq!(notice.content.as_deref(), Some(t.interrupted.as_str()));
        assert_eq!(embed(notice).title, t.interrupted_title);
        let scores = vec![g.rank_line(1, A, 15, 1, 1), g.rank_line(2, B, 0, 0, 1)];
        assert_eq!(lines(&embed(notice).description), scores);
        g.effects.submit(notices.clone());
        g.settle("the notice is posted", || !g.posts().is_empty())
            .await;
        let (_, edited, reveal) = g.edits().remove(0);
        assert_eq!(edited, q1_msg);
        assert_reveal(&g, &q1, &reveal, right, 1, 3);

        // The scores are intact.
        let board = g.command(C, "leaderboard", &[("期間", "全期間")]);
        assert_eq!(lines(&embed(message(&board.response)).description), scores);

        // The old question's buttons.
        let old = g.click(C, &q1.rows[0][right].custom_id);
        assert_eq!(ephemeral_text(&old), t.quiz_over);
        let old = g.click(A, &q1.rows[0][right].custom_id);
        assert_eq!(ephemeral_text(&old), t.quiz_over);
        assert_eq!(g.points_of(quiz.id, 0, A), 15, "counted once");

        // A second start finds nothing to recover.
        assert!(quiz_recovery(&g).is_empty());
        g.effects.idle().await;
        assert_eq!(g.posts().len(), 1);

        // The channel is free.
        let again = g.command(B, "start", &[("問題数", "1")]);
        assert_eq!(embed(message(&again.response)).title, t.start_title);
    });
}

/// The process dies between a solo answer and its reveal (the answer written, the reveal
/// that counts it not): the next start reveals the round, and the answer counts, once.
/// Writes C's right answer (15 points) to round 0 of the solo quiz `solo`, as
/// `answer_round` does before the round's reveal.
fn write_solo_answer(g: &Game, solo: &Quiz) {
    let question = g.question(solo.id, 0);
    let written = g
        .bot
        .store
        .record_answer(&StoredAnswer {
            quiz: solo.id,
            round: 0,
            guild: Some(GUILD),
            user: C,
            question: question.id.clone(),
            choice: 0,
            correct: true,
            points: 15,
            answered_at: T0 + 1,
        })
        .expect("the store answers");
    assert!(written, "the answer is new");
}

#[test]
fn a_restart_between_a_solo_answer_and_its_reveal_counts_the_answer_once() {
    let (_dir, path) = temp_db();
    let rt = paused_runtime();
    let solo = rt.block_on(async {
        let g = Game::on(&path, T0);
        let t = g.t().clone();
        g.command(C, "start", &[("モード", "ひとりで"), ("問題数", "2")]);
        let solo = g.bot.store.open_solo_of(C).expect("the store answers")[0].clone();
        // What `answer_round` wrote just before the process died.
        write_solo_answer(&g, &solo);
        let board = g.command(A, "leaderboard", &[("期間", "全期間")]);
        assert_eq!(embed(message(&board.response)).description, t.no_scores);
        assert_eq!(ephemeral_text(&g.command(C, "me", &[])), t.me_nothing);
        solo
    });
    drop(rt);

    let rt = paused_runtime();
    rt.block_on(async {
        let g = Game::on(&path, T0 + 60);
        quiz_recovery(&g);
        assert_eq!(g.quiz(solo.id).state, QuizState::Interrupted);
        let round = g
            .bot
            .store
            .round(solo.id, 0)
            .expect("reads")
            .expect("round");
        assert!(round.revealed, "the next start reveals the open round");
        let counted = vec![g.rank_line(1, C, 15, 1, 1)];
        let board = g.command(A, "leaderboard", &[("期間", "全期間")]);
        assert_eq!(lines(&embed(message(&board.response)).description), counted);
        // A second start changes nothing: counted once.
        assert!(quiz_recovery(&g).is_empty());
        let board = g.command(A, "leaderboard", &[("期間", "全期間")]);
        assert_eq!(lines(&embed(message(&board.response)).description), counted);
        assert_eq!(g.bot.store.history_of(C).expect("history").len(), 1);
    });
}

/// A solo answer written whose reveal could not be (the store failed after the answer):
/// starting a new solo quiz reveals the old one's open round before replacing it, so the
/// answer is counted once instead of staying stored but never counted.
#[tokio::test(start_paused = true)]
async fn a_solo_quiz_replaced_with_an_unrevealed_answer_counts_it_once() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(C, "start", &[("モード", "ひとりで"), ("問題数", "2")]);
    let solo = g.bot.store.open_solo_of(C).expect("the store answers")[0].clone();
    // What the answer wrote before its reveal failed.
    write_solo_answer(&g, &solo);
    assert_eq!(ephemeral_text(&g.command(C, "me", &[])), t.me_nothing);

    g.command(C, "start", &[("モード", "ひとりで"), ("問題数", "2")]);
    assert_eq!(g.quiz(solo.id).state, QuizState::Replaced);
    assert!(
        g.bot
            .store
            .round(solo.id, 0)
            .expect("reads")
            .expect("round")
            .revealed,
        "the replaced quiz's open round is revealed"
    );
    let counted = vec![g.rank_line(1, C, 15, 1, 1)];
    let board = g.command(A, "leaderboard", &[("期間", "全期間")]);
    assert_eq!(lines(&embed(message(&board.response)).description), counted);
    assert_eq!(g.bot.store.history_of(C).expect("history").len(), 1);
}

#[test]
fn a_restart_closes_every_quiz_left_open_with_one_notice_per_group_channel() {
    let (_dir, path) = temp_db();
    let elsewhere = |g: &Game, user: UserId, action: Action| {
        let mut inv = g.invocation(user, action);
        inv.channel_id = OTHER_CH;
        inv
    };

    // Two group quizzes in two channels and a solo quiz, all left open.
    let rt = paused_runtime();
    let (group, other_group, solo, solo_next) = rt.block_on(async {
        let g = Game::on(&path, T0);
        g.command(A, "start", &[("問題数", "3")]);
        let group = g.open_quiz();
        let (_, q1) = g.question_posted(group.id, 0).await;
        g.click(A, &q1.rows[0][0].custom_id);
        g.run(&elsewhere(
            &g,
            B,
            quiz_command(Some("start"), &[("問題数", "3")]),
        ));
        let other_group = g
            .bot
            .store
            .open_quiz_in(OTHER_CH)
            .expect("the store answers")
            .expect("a quiz in the other channel");
        g.question_posted(other_group.id, 0).await;
        let solo_start = g.command(C, "start", &[("モード", "ひとりで"), ("問題数", "3")]);
        let first = message(&solo_start.response).clone();
        let solo = g.bot.store.open_solo_of(C).expect("the store answers")[0].id;
        let fed = g.click(C, &first.rows[0][0].custom_id);
        let next = update(&fed.response).rows[0][0].custom_id.clone();
        (group.id, other_group.id, solo, next)
    });
    drop(rt);

    let rt = paused_runtime();
    rt.block_on(async {
        let g = Game::on(&path, T0 + 60);
        let t = g.t().clone();
        let effects = quiz_recovery(&g);
        for id in [group, other_group, solo] {
            assert_eq!(g.quiz(id).state, QuizState::Interrupted, "quiz {id}");
        }
        let notices: Vec<ChannelId> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Post { channel, reply, .. } => {
                    assert_eq!(reply.content.as_deref(), Some(t.interrupted.as_str()));
                    Some(*channel)
                }
                _ => None,
            })
            .collect();
        assert_eq!(notices, vec![CH, OTHER_CH], "{effects:#?}");
        assert!(
            effects.iter().all(|e| !matches!(e, Effect::WakeAt { .. })),
            "no timer is started for a closed quiz"
        );
        // The solo player's next question no longer counts; the first answer is kept.
        let late = g.click(C, &solo_next);
        assert_eq!(ephemeral_text(&late), t.quiz_over);
        assert_eq!(
            g.bot.store.history_of(C).expect("the store answers").len(),
            1
        );
        assert!(g.bot.store.open_quizzes().expect("open").is_empty());
    });
}

// ---- e. odd input ------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn odd_input_gets_a_short_japanese_message_and_never_a_score() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    let ui = g.ui().clone();
    g.command(A, "start", &[("問題数", "2"), ("制限時間", "30")]);
    let quiz = g.open_quiz();
    let (_, q1) = g.question_posted(quiz.id, 0).await;
    let real = q1.rows[0][0].custom_id.clone();

    #[track_caller]
    fn short_japanese(outcome: &Outcome) -> String {
        let text = ephemeral_text(outcome);
        assert!(outcome.effects.is_empty(), "{text}: no effects");
        assert!(
            !text.is_empty() && text.chars().count() <= 300,
            "short: {text}"
        );
        assert!(
            text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
            "Japanese: {text}"
        );
        text
    }

    // Buttons.
    let forged = g.click(A, "v1:qa:999:0:0");
    assert_eq!(short_japanese(&forged), ui.button_invalid);
    for bad in [
        "",
        "v1:qa",
        "v2:qa:1:0:0",
        "v1:qa:-1:0:0",
        "v1:qa:1:0:9",
        "v1:qa:1:999:0",
        "v1:qa:99999999999999999999:0:0",
        "v1:zz:1:0:0",
    ] {
        let r = g.click(A, bad);
        assert_eq!(short_japanese(&r), ui.button_invalid, "{bad:?}");
    }
    let round_not_started = format!("v1:qa:{}:1:0", quiz.id);
    assert_eq!(
        short_japanese(&g.click(A, &round_not_started)),
        ui.button_invalid
    );
    if q1.rows[0].len() == 2 {
        // A ○× question has no third choice.
        let third = format!("v1:qa:{}:0:2", quiz.id);
        assert_eq!(short_japanese(&g.click(A, &third)), ui.button_invalid);
    }
    let mut elsewhere = g.invocation(A, button(&real));
    elsewhere.channel_id = OTHER_CH;
    assert_eq!(short_japanese(&g.run(&elsewhere)), ui.button_invalid);
    let mut robot = g.invocation(UserId(666), button(&real));
    robot.user_is_bot = true;
    assert_eq!(short_japanese(&g.run(&robot)), t.bots_cannot_play);
    let mut robot = g.invocation(UserId(666), quiz_command(Some("start"), &[]));
    robot.user_is_bot = true;
    robot.channel_id = OTHER_CH;
    assert_eq!(short_japanese(&g.run(&robot)), t.bots_cannot_play);

    // Options.
    let range = |value: &str| {
        UiText::fill(
            &ui.option_integer_range,
            &[
                ("option", "問題数"),
                ("min", "1"),
                ("max", "20"),
                ("value", value),
            ],
        )
    };
    let in_other = |sub: &str, options: &[(&str, &str)]| {
        let mut inv = g.invocation(B, quiz_command(Some(sub), options));
        inv.channel_id = OTHER_CH;
        g.run(&inv)
    };
    assert_eq!(
        short_japanese(&in_other("start", &[("問題数", "0")])),
        range("0")
    );
    assert_eq!(
        short_japanese(&in_other("start", &[("問題数", "abc")])),
        range("abc")
    );
    assert_eq!(
        short_japanese(&in_other("start", &[("questions", "21")])),
        range("21")
    );
    let mode = short_japanese(&in_other("start", &[("モード", "xyz")]));
    let prefix = ui
        .option_choice_invalid
        .split("{choices}")
        .next()
        .expect("a template");
    assert!(
        mode.starts_with(&UiText::fill(
            prefix,
            &[("option", "モード"), ("value", "xyz")]
        )),
        "{mode}"
    );
    let seconds = short_japanese(&in_other("start", &[("制限時間", "5")]));
    assert!(seconds.contains("制限時間"), "{seconds}");

    // Subcommands.
    let bare = g.run(&g.invocation(B, quiz_command(None, &[])));
    let prefix = ui
        .missing_subcommand
        .split("{subcommands}")
        .next()
        .expect("a template");
    assert!(
        short_japanese(&bare).starts_with(&UiText::fill(prefix, &[("command", "quiz")])),
        "{:?}",
        bare.response
    );
    let unknown = g.run(&g.invocation(B, quiz_command(Some("explode"), &[])));
    short_japanese(&unknown);

    // Direct messages.
    let dm = |sub: &str, options: &[(&str, &str)]| {
        let mut inv = g.invocation(B, quiz_command(Some(sub), options));
        inv.guild_id = None;
        inv.channel_id = DM;
        inv.permissions = None;
        g.run(&inv)
    };
    assert_eq!(short_japanese(&dm("leaderboard", &[])), ui.guild_only);
    assert_eq!(short_japanese(&dm("start", &[])), t.group_needs_server);

    // Nothing yet to show.
    assert_eq!(short_japanese(&g.command(C, "me", &[])), t.me_nothing);
    assert_eq!(
        short_japanese(&g.command(C, "review", &[])),
        t.review_nothing
    );
    assert_eq!(
        short_japanese(&g.command(C, "start", &[])),
        t.already_running,
        "one quiz per channel"
    );

    // No score anywhere, and still only the one quiz.
    for user in [A, B, C, UserId(666)] {
        assert!(g
            .bot
            .store
            .history_of(user)
            .expect("the store answers")
            .is_empty());
    }
    assert!(g
        .bot
        .store
        .leaderboard(GUILD, 0, 100)
        .expect("the store answers")
        .is_empty());
    assert_eq!(g.bot.store.open_quizzes().expect("open").len(), 1);
}

// ---- f. many members at the same instant -------------------------------------------------

#[tokio::test(start_paused = true)]
async fn fifty_members_clicking_at_once_are_each_counted_once() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "2"), ("制限時間", "20")]);
    let quiz = g.open_quiz();
    let members: Vec<UserId> = (0..50).map(|i| UserId(2_000 + i)).collect();

    // Each member clicks two buttons at the same instant, all in parallel.
    async fn burst(g: &Game, members: &[UserId], shown: &Reply) -> Vec<(UserId, Outcome)> {
        let now = g.now();
        let mut tasks = Vec::new();
        for &user in members {
            for b in shown.rows[0].iter().take(2) {
                let bot = Arc::clone(&g.bot);
                let mut inv = g.invocation(user, button(&b.custom_id));
                inv.now = now;
                tasks.push(tokio::task::spawn_blocking(move || {
                    (user, dispatch(&bot, &inv))
                }));
            }
        }
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.expect("no panic"));
        }
        out
    }

    let (_, q1) = g.question_posted(quiz.id, 0).await;
    let question1 = g.question(quiz.id, 0);
    let acks_of_q1 = [g.ack(&question1, 0), g.ack(&question1, 1)];
    let outcomes = burst(&g, &members, &q1).await;
    for &user in &members {
        let texts: Vec<String> = outcomes
            .iter()
            .filter(|(u, _)| *u == user)
            .map(|(_, o)| ephemeral_text(o))
            .collect();
        let acks = texts.iter().filter(|s| acks_of_q1.contains(s)).count();
        let refused = texts.iter().filter(|s| **s == t.already_answered).count();
        assert_eq!((acks, refused), (1, 1), "{user}: {texts:?}");
    }
    assert!(outcomes.iter().all(|(_, o)| o.effects.is_empty()));
    let answers = g.bot.store.answers(quiz.id, 0).expect("answers");
    assert_eq!(answers.len(), 50);

    // The reveal counts fifty answers.
    tokio::time::advance(Duration::from_secs(20)).await;
    let (_, q2) = g.question_posted(quiz.id, 1).await;
    let (_, _, reveal) = g.edits().remove(0);
    let right = answers.iter().filter(|a| a.correct).count().to_string();
    field(
        embed(&reveal),
        &UiText::fill(&t.winners_field, &[("right", &right), ("answered", "50")]),
    );

    // Round 2: the last of the fifty reveals it, exactly once.
    let outcomes = burst(&g, &members, &q2).await;
    let revealing: Vec<&Outcome> = outcomes
        .iter()
        .map(|(_, o)| o)
        .filter(|o| !o.effects.is_empty())
        .collect();
    assert_eq!(revealing.len(), 1, "one reveal");
    g.effects.submit(revealing[0].effects.clone());
    g.settle("the reveal and the ranking", || g.posts().len() == 3)
        .await;
    assert_eq!(g.edits().len(), 2);
    let (_, _, ranking) = g.posts().remove(2);
    assert_eq!(embed(&ranking).title, t.ranking_title);
    let standings = g.bot.store.quiz_standings(quiz.id).expect("standings");
    assert_eq!(standings.len(), 50);
    assert!(standings.iter().all(|s| s.answered == 2));
    g.effects.idle().await;
    assert_eq!(g.posts().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_last_round_whose_timer_fires_many_times_at_once_is_revealed_once() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "2"), ("制限時間", "10")]);
    let quiz = g.open_quiz();
    let (_, q1) = g.question_posted(quiz.id, 0).await;
    g.click(A, &q1.rows[0][0].custom_id);
    tokio::time::advance(Duration::from_secs(10)).await;
    let (q2_msg, _) = g.question_posted(quiz.id, 1).await;

    // Eight copies of the last round's timer (a retried timer, two front-ends) fire at
    // its deadline at once.
    let deadline = g
        .bot
        .store
        .round(quiz.id, 1)
        .expect("the store answers")
        .expect("round 2")
        .deadline;
    // Another process holds the database's write lock for a moment, so the timers all
    // read the quiz as open before any of them can write: only the reveal's claim then
    // keeps the round from being revealed twice.
    let other_process = rusqlite::Connection::open(&path).expect("a second connection");
    other_process
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the write lock");
    let barrier = Arc::new(std::sync::Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (bot, barrier) = (Arc::clone(&g.bot), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                bot.wake(
                    Wake::QuizRound {
                        quiz: quiz.id,
                        round: 1,
                    },
                    deadline,
                )
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    other_process.execute_batch("COMMIT").expect("released");
    let woke: Vec<Vec<Effect>> = threads
        .into_iter()
        .map(|h| h.join().expect("no panic"))
        .filter(|effects| !effects.is_empty())
        .collect();
    assert_eq!(woke.len(), 1, "one reveal: {woke:#?}");
    let edits = woke[0]
        .iter()
        .filter(|e| matches!(e, Effect::Edit { message, .. } if *message == q2_msg))
        .count();
    assert_eq!(edits, 1);
    assert_eq!(g.quiz(quiz.id).state, QuizState::Finished);
    g.effects.submit(woke[0].clone());
    // The real timer fires too, and adds nothing.
    g.effects.idle().await;
    assert_eq!(g.edits().len(), 2);
    let posts = g.posts();
    assert_eq!(posts.len(), 3, "two questions and one ranking");
    assert_eq!(embed(&posts[2].2).title, t.ranking_title);
}

// ---- solo mode ---------------------------------------------------------------------------

/// An invocation in a DM (no server, no permissions).
fn in_dm(g: &Game, user: UserId, action: Action) -> Invocation {
    let mut inv = g.invocation(user, action);
    inv.guild_id = None;
    inv.channel_id = DM;
    inv.permissions = None;
    inv
}

#[tokio::test(start_paused = true)]
async fn a_solo_quiz_is_ephemeral_with_immediate_feedback() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    let start = quiz_command(Some("start"), &[("モード", "ひとりで"), ("問題数", "3")]);
    let started = g.run(&in_dm(&g, C, start.clone()));
    assert!(
        started.effects.is_empty(),
        "nothing is posted for a solo quiz"
    );
    let first = message(&started.response).clone();
    assert!(first.ephemeral);
    assert_eq!(
        embed(&first).title,
        UiText::fill(&t.question_title, &[("n", "1"), ("total", "3")])
    );
    assert_eq!(
        embed(&first).footer.as_deref(),
        Some(t.footer_solo.as_str())
    );
    let solos = g.bot.store.open_solo_of(C).expect("the store answers");
    assert_eq!(solos.len(), 1);
    let quiz = solos[0].clone();
    assert_eq!((quiz.guild, quiz.channel), (None, DM));

    // Someone else cannot answer it.
    let right = g.right_index(quiz.id, 0, &first);
    let other = g.run(&in_dm(&g, A, button(&first.rows[0][right].custom_id)));
    assert_eq!(ephemeral_text(&other), t.solo_not_yours);

    // Wrong: told at once, with the next question below.
    let wrong = (right + 1) % first.rows[0].len();
    let fed = g.run(&in_dm(&g, C, button(&first.rows[0][wrong].custom_id)));
    let second = update(&fed.response).clone();
    assert!(second.ephemeral);
    assert!(embed(&second).description.starts_with(&t.solo_wrong));
    assert_eq!(
        second.embeds[1].title,
        UiText::fill(&t.question_title, &[("n", "2"), ("total", "3")])
    );
    assert!(second.rows[0].iter().all(|b| !b.disabled));

    // Too late: no point, and the last question.
    tokio::time::advance(Duration::from_secs(25)).await;
    let right2 = g.right_index(quiz.id, 1, &second);
    let fed = g.run(&in_dm(&g, C, button(&second.rows[0][right2].custom_id)));
    let third = update(&fed.response).clone();
    assert!(embed(&third).description.starts_with(&t.solo_late));
    assert_eq!(g.points_of(quiz.id, 1, C), 0);

    // Right at once: 15 points and the result.
    let right3 = g.right_index(quiz.id, 2, &third);
    let fed = g.run(&in_dm(&g, C, button(&third.rows[0][right3].custom_id)));
    let result = update(&fed.response);
    assert!(result.ephemeral);
    assert!(embed(result)
        .description
        .starts_with(&UiText::fill(&t.solo_right, &[("points", "15")])));
    let ranking = result
        .embeds
        .iter()
        .find(|e| e.title == t.solo_result_title)
        .expect("the result");
    assert_eq!(
        lines(&ranking.description),
        vec![g.rank_line(1, C, 15, 1, 3)]
    );
    assert_eq!(g.quiz(quiz.id).state, QuizState::Finished);
    assert!(g.sent().is_empty(), "nothing was posted in any channel");

    // The record in DMs.
    let me = g.run(&in_dm(&g, C, quiz_command(Some("me"), &[])));
    assert_eq!(
        embed(message(&me.response)).description,
        UiText::fill(
            &t.me_description,
            &[
                ("answered", "3"),
                ("correct", "1"),
                ("accuracy", "33"),
                ("streak", "1"),
                ("points", "15"),
                ("rank", &t.no_rank),
            ],
        )
    );

    // A new solo quiz replaces an unfinished one; /quiz stop ends it privately.
    g.run(&in_dm(&g, C, start.clone()));
    let old = g.bot.store.open_solo_of(C).expect("the store answers")[0].id;
    g.run(&in_dm(&g, C, start));
    assert_eq!(g.quiz(old).state, QuizState::Replaced);
    let current = g.bot.store.open_solo_of(C).expect("the store answers")[0].id;
    let stopped = g.run(&in_dm(&g, C, quiz_command(Some("stop"), &[])));
    let r = message(&stopped.response);
    assert!(r.ephemeral);
    assert_eq!(embed(r).title, t.stopped_title);
    assert_eq!(g.quiz(current).state, QuizState::Stopped);
}

#[tokio::test(start_paused = true)]
async fn questions_asked_recently_in_a_server_are_not_asked_again() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let mut asked: Vec<String> = Vec::new();
    // Three members each play a 20-question solo quiz to the end, in three channels of
    // one server: 60 questions, none twice (the bank has far more).
    for (i, user) in [A, B, C].into_iter().enumerate() {
        let channel = ChannelId(800 + i as u64);
        let here = |action: Action| {
            let mut inv = g.invocation(user, action);
            inv.channel_id = channel;
            inv
        };
        let start = quiz_command(Some("start"), &[("モード", "solo"), ("問題数", "20")]);
        let mut shown = message(&g.run(&here(start)).response).clone();
        let quiz = g.bot.store.open_solo_of(user).expect("the store answers")[0].clone();
        assert_eq!(quiz.total(), 20);
        for _ in 0..20 {
            let pressed = g.run(&here(button(&shown.rows[0][0].custom_id)));
            shown = update(&pressed.response).clone();
        }
        assert_eq!(g.quiz(quiz.id).state, QuizState::Finished);
        let mut distinct = quiz.questions.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 20, "no question twice in a quiz");
        for q in &quiz.questions {
            assert!(!asked.contains(q), "{q} was asked recently in this server");
        }
        asked.extend(quiz.questions);
    }
}

#[tokio::test(start_paused = true)]
async fn quizzes_in_many_channels_at_once_keep_to_their_own_channel() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    let channels: Vec<ChannelId> = (0..5).map(|i| ChannelId(3_000 + i)).collect();
    let members = |i: usize| -> Vec<UserId> {
        (0..10)
            .map(|j| UserId(5_000 + 100 * i as u64 + j))
            .collect()
    };
    let mut shown = Vec::new();
    for (i, &channel) in channels.iter().enumerate() {
        let mut inv = g.invocation(
            UserId(4_000 + i as u64),
            quiz_command(Some("start"), &[("問題数", "1"), ("制限時間", "10")]),
        );
        inv.channel_id = channel;
        g.run(&inv);
        let quiz = g
            .bot
            .store
            .open_quiz_in(channel)
            .expect("the store answers")
            .expect("a quiz in each channel");
        let (message, reply) = g.question_posted(quiz.id, 0).await;
        let right = g.right_index(quiz.id, 0, &reply);
        shown.push((quiz, message, reply, right));
    }

    // Everyone clicks at once: the right answer in their channel, and a button of the
    // next channel's quiz from their own channel.
    let now = g.now();
    let mut tasks = Vec::new();
    for (i, &channel) in channels.iter().enumerate() {
        let (_, _, reply, right) = &shown[i];
        let (_, _, stranger, _) = &shown[(i + 1) % channels.len()];
        for user in members(i) {
            for custom_id in [
                &reply.rows[0][*right].custom_id,
                &stranger.rows[0][0].custom_id,
            ] {
                let bot = Arc::clone(&g.bot);
                let mut inv = g.invocation(user, button(custom_id));
                inv.channel_id = channel;
                inv.now = now;
                let own = custom_id == &reply.rows[0][*right].custom_id;
                tasks.push(tokio::task::spawn_blocking(move || {
                    (own, dispatch(&bot, &inv))
                }));
            }
        }
    }
    for task in tasks {
        let (own, outcome) = task.await.expect("no panic");
        let text = ephemeral_text(&outcome);
        if own {
            assert!(
                text != g.ui().button_invalid && text != t.already_answered,
                "{text}"
            );
        } else {
            assert_eq!(text, g.ui().button_invalid);
        }
        assert!(outcome.effects.is_empty());
    }

    // Time is up everywhere: each channel's own question is revealed, then ranked.
    tokio::time::advance(Duration::from_secs(10)).await;
    g.settle("five reveals and five rankings", || {
        g.edits().len() == 5 && g.posts().len() == 10
    })
    .await;
    let edits = g.edits();
    let posts = g.posts();
    for (i, &channel) in channels.iter().enumerate() {
        let (quiz, message, _, _) = &shown[i];
        let (_, _, reveal) = edits
            .iter()
            .find(|(c, m, _)| *c == channel && m == message)
            .expect("its question is revealed in its channel");
        let winners = field(
            embed(reveal),
            &UiText::fill(&t.winners_field, &[("right", "10"), ("answered", "10")]),
        );
        for (k, _) in channels.iter().enumerate() {
            for user in members(k) {
                assert_eq!(
                    winners.contains(&mention(user)),
                    k == i,
                    "{user} in {channel}"
                );
            }
        }
        let rankings: Vec<&Reply> = posts
            .iter()
            .filter(|(c, _, r)| *c == channel && embed(r).title == t.ranking_title)
            .map(|(_, _, r)| r)
            .collect();
        assert_eq!(rankings.len(), 1, "{channel}");
        assert_eq!(lines(&embed(rankings[0]).description).len(), 10);
        assert_eq!(g.quiz(quiz.id).state, QuizState::Finished);
    }
    g.effects.idle().await;
    assert_eq!(g.sent().len(), 15);
}

// ---- every question of the bank, as revealed ----------------------------------------------

/// Each question of the bank as a member sees it revealed: member `10_000 + i` once got
/// question `i` wrong, opens `/quiz review`, presses its practise button and answers.
fn reveals_of_the_bank(g: &Game) -> Vec<(Question, Reply)> {
    let t = g.t().clone();
    let mut out = Vec::new();
    for (i, question) in g.bot.bank.all().iter().enumerate() {
        let user = UserId(10_000 + i as u64);
        let earlier = g
            .bot
            .store
            .create_quiz(&NewQuiz {
                guild: Some(GUILD),
                channel: CH,
                starter: user,
                mode: QuizMode::Solo,
                topic: "all".into(),
                seconds: 20,
                seed: 1,
                created_at: T0 - 3600,
                questions: vec![question.id.clone()],
            })
            .expect("the store answers")
            .expect("created");
        // As the bot plays it: the round shown, answered, revealed (history, and so the
        // review, holds revealed rounds only).
        g.bot
            .store
            .start_round(earlier, 0, &question.id, T0 - 3600, T0 - 3580)
            .expect("round");
        let missed = g
            .bot
            .store
            .record_answer(&StoredAnswer {
                quiz: earlier,
                round: 0,
                guild: Some(GUILD),
                user,
                question: question.id.clone(),
                choice: 0,
                correct: false,
                points: 0,
                answered_at: T0 - 3590,
            })
            .expect("the store answers");
        assert!(missed);
        assert!(g.bot.store.claim_reveal(earlier, 0).expect("revealed"));
        g.bot
            .store
            .close_quiz(earlier, QuizState::Finished, T0 - 3500)
            .expect("closed");
        let review = g.command(user, "review", &[]);
        let practise = message(&review.response).rows[0][0].clone();
        assert_eq!(practise.label, t.review_practise);
        let shown = update(&g.click(user, &practise.custom_id).response).clone();
        let fed = g.click(user, &shown.rows[0][0].custom_id);
        let reveal = update(&fed.response).clone();
        out.push((question.clone(), reveal));
    }
    out
}

#[tokio::test(start_paused = true)]
async fn every_question_of_the_bank_is_revealed_with_its_answer_and_explanation() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    let reveals = reveals_of_the_bank(&g);
    assert!(
        reveals.len() >= 150,
        "the bank has {} questions",
        reveals.len()
    );
    for (question, reply) in &reveals {
        let feedback = embed(reply);
        assert!(
            feedback.description.starts_with(&t.solo_wrong)
                || feedback
                    .description
                    .starts_with(&UiText::fill(&t.solo_right, &[("points", "15")])),
            "{}: {}",
            question.id,
            feedback.description
        );
        assert!(
            feedback.description.contains(&question.prompt),
            "{}",
            question.id
        );
        // The last (here the only) question's result replaces the buttons.
        assert!(reply.rows.is_empty(), "{}", question.id);
        let right = field(feedback, &t.answer_field);
        let marks = g.marks(question);
        assert!(
            marks.iter().any(|mark| {
                *right
                    == reply::fit(
                        &UiText::fill(
                            &t.button_label,
                            &[("mark", mark), ("text", &g.right_text(question))],
                        ),
                        reply::limits::BUTTON_LABEL,
                    )
            }),
            "{}: {right}",
            question.id
        );
        assert_eq!(
            field(feedback, &t.explanation_field),
            question.explanation,
            "{}",
            question.id
        );
    }
}

#[tokio::test(start_paused = true)]
async fn every_reveal_names_the_command_that_shows_more() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    let without: Vec<String> = reveals_of_the_bank(&g)
        .iter()
        .filter(|(_, reply)| {
            !embed(reply)
                .fields
                .iter()
                .any(|f| f.name == t.more_field && f.value.starts_with('/'))
        })
        .map(|(question, _)| format!("{} (source {})", question.id, question.source))
        .collect();
    assert!(
        without.is_empty(),
        "{} without: {without:#?}",
        without.len()
    );
}

// ---- solo and group quizzes in one channel ------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_solo_player_can_stop_their_own_quiz_where_a_group_quiz_runs() {
    let (_dir, path) = temp_db();
    let g = Game::on(&path, T0);
    let t = g.t().clone();
    g.command(A, "start", &[("問題数", "3")]);
    let group = g.open_quiz();
    g.command(C, "start", &[("モード", "ひとりで"), ("問題数", "3")]);
    let solo = g.bot.store.open_solo_of(C).expect("the store answers")[0].id;

    let stopped = g.command(C, "stop", &[]);
    let r = message(&stopped.response);
    assert_ne!(
        r.content.as_deref(),
        Some(t.stop_not_allowed.as_str()),
        "the solo quiz's own starter is refused"
    );
    assert!(r.ephemeral, "{r:?}");
    assert_eq!(embed(r).title, t.stopped_title);
    assert_eq!(g.quiz(solo).state, QuizState::Stopped);
    assert_eq!(g.quiz(group.id).state, QuizState::Open);

    // A moderator playing solo stops their own quiz first, then the group's.
    g.command(B, "start", &[("モード", "ひとりで"), ("問題数", "3")]);
    let mine = g.bot.store.open_solo_of(B).expect("the store answers")[0].id;
    let moderator = |g: &Game| {
        let mut inv = g.invocation(B, quiz_command(Some("stop"), &[]));
        inv.permissions = Some(MANAGE_MESSAGES);
        g.run(&inv)
    };
    let first = moderator(&g);
    assert!(message(&first.response).ephemeral);
    assert_eq!(g.quiz(mine).state, QuizState::Stopped);
    assert_eq!(g.quiz(group.id).state, QuizState::Open);
    let second = moderator(&g);
    let r = message(&second.response);
    assert!(!r.ephemeral, "the channel sees the group's scores");
    assert_eq!(embed(r).title, t.stopped_title);
    assert_eq!(g.quiz(group.id).state, QuizState::Stopped);
}
