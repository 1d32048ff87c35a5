//! Carries out the core's effects for a front-end: posts and edits through a
//! [`Messenger`], timers on tokio's clock.
//!
//! The core never reads the clock: [`Clock`] is the front-end's, built on
//! `tokio::time::Instant`, so tests run quizzes on tokio's paused clock and never sleep
//! for real. Effects are carried out in order per channel, so a reveal is edited in before
//! the next question is posted, and one channel's slow post holds up no other channel.

use crate::commands::{Bot, Effect, PostTag};
use crate::ids::{ChannelId, MessageId};
use crate::reply::Reply;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch, Notify};
use tokio::time::Instant;

/// Why a post or an edit failed, with Discord's HTTP status when there was one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub status: Option<u16>,
    pub message: String,
    /// Discord never answered: the call may or may not have taken effect.
    pub timed_out: bool,
}

impl SendError {
    pub fn new(status: Option<u16>, message: impl Into<String>) -> SendError {
        SendError {
            status,
            message: message.into(),
            timed_out: false,
        }
    }

    fn timed_out() -> SendError {
        SendError {
            timed_out: true,
            ..SendError::new(None, "no answer (timed out)")
        }
    }

    /// Worth trying again: rate limited, Discord's own trouble, or no connection.
    pub fn transient(&self) -> bool {
        !self.timed_out && matches!(self.status, None | Some(429) | Some(500..=599))
    }
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.status {
            Some(s) => write!(f, "HTTP {s}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Where posts and edits go: Discord's HTTP API, the console's screen, or a test's log.
#[async_trait::async_trait]
pub trait Messenger: Send + Sync + 'static {
    async fn post(&self, channel: ChannelId, reply: &Reply) -> Result<MessageId, SendError>;
    async fn edit(
        &self,
        channel: ChannelId,
        message: MessageId,
        reply: &Reply,
    ) -> Result<(), SendError>;
    /// A message of the bot in `channel`, posted at or after `since` (unix seconds), whose
    /// embed footer contains `marker`. `Err` when that cannot be told for sure (the channel
    /// has more messages since then than a look-up reads).
    async fn find_recent(
        &self,
        channel: ChannelId,
        marker: &str,
        since: u64,
    ) -> Result<Option<MessageId>, SendError>;
}

/// A call to Discord that has not answered by then is given up (and, for a post, left
/// uncertain: a claimed daily post is looked up later rather than sent again).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// A call to Discord, given up after [`SEND_TIMEOUT`].
async fn answered<T>(
    call: impl std::future::Future<Output = Result<T, SendError>>,
) -> Result<T, SendError> {
    tokio::time::timeout(SEND_TIMEOUT, call)
        .await
        .unwrap_or_else(|_| Err(SendError::timed_out()))
}

/// Attempts of a post that fails for a transient reason (1 s, 2 s, 4 s apart).
const ATTEMPTS: u32 = 4;

/// Wall-clock seconds that follow tokio's clock (paused in tests).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    base_unix: u64,
    base: Instant,
}

impl Clock {
    /// The system's time now.
    pub fn system() -> Clock {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Clock::starting_at(unix)
    }

    /// A clock that reads `unix` now and advances with tokio's time.
    pub fn starting_at(unix: u64) -> Clock {
        Clock {
            base_unix: unix,
            base: Instant::now(),
        }
    }

    /// Unix seconds.
    pub fn now(&self) -> u64 {
        self.base_unix + self.base.elapsed().as_secs()
    }

    fn instant_of(&self, at: u64) -> Instant {
        self.base + Duration::from_secs(at.saturating_sub(self.base_unix))
    }
}

/// The channel an effect goes to (timers have none and run on their own lane).
fn effect_channel(effect: &Effect) -> Option<ChannelId> {
    match effect {
        Effect::Post { channel, .. }
        | Effect::Edit { channel, .. }
        | Effect::PostOnce { channel, .. } => Some(*channel),
        Effect::WakeAt { .. } => None,
    }
}

/// Lanes kept before idle ones are closed.
const LANES_KEPT: usize = 64;

/// One channel's queue: its sender, and how many effects sent to it are not done yet.
struct Lane {
    tx: mpsc::UnboundedSender<Effect>,
    busy: Arc<AtomicUsize>,
}

struct Pending {
    count: AtomicUsize,
    idle: Notify,
}

impl Pending {
    fn add(&self) {
        self.count.fetch_add(1, Ordering::SeqCst);
    }

    fn done(&self) {
        if self.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.idle.notify_waiters();
        }
    }
}

/// The effect runner of one front-end. Cheap to clone.
#[derive(Clone)]
pub struct Effects {
    tx: mpsc::UnboundedSender<Vec<Effect>>,
    pending: Arc<Pending>,
    clock: Clock,
    /// True once [`Effects::shutdown`] began: timers stop, unsent daily posts are released.
    stopping: Arc<watch::Sender<bool>>,
}

impl Effects {
    /// Starts the worker on the current tokio runtime.
    pub fn start(bot: Arc<Bot>, messenger: Arc<dyn Messenger>, clock: Clock) -> Effects {
        let (tx, mut rx) = mpsc::unbounded_channel::<Vec<Effect>>();
        let pending = Arc::new(Pending {
            count: AtomicUsize::new(0),
            idle: Notify::new(),
        });
        let effects = Effects {
            tx,
            pending: Arc::clone(&pending),
            clock,
            stopping: Arc::new(watch::channel(false).0),
        };
        let runner = effects.clone();
        tokio::spawn(async move {
            // One queue per channel: a channel's effects keep their order (a reveal is
            // edited in before the next question is posted), and a channel whose post hangs
            // holds up no other channel. A lane with nothing queued or running is closed
            // when the lanes grow (its task ends; the channel gets a new lane when it needs
            // one), so a thousand quiz channels do not keep a thousand idle tasks.
            let mut lanes: HashMap<Option<ChannelId>, Lane> = HashMap::new();
            let mut sweep_at = LANES_KEPT;
            while let Some(batch) = rx.recv().await {
                for effect in batch {
                    let key = effect_channel(&effect);
                    let lane = lanes.entry(key).or_insert_with(|| {
                        let (tx, mut lane) = mpsc::unbounded_channel::<Effect>();
                        let busy = Arc::new(AtomicUsize::new(0));
                        let (runner, bot, messenger, left) = (
                            runner.clone(),
                            Arc::clone(&bot),
                            Arc::clone(&messenger),
                            Arc::clone(&busy),
                        );
                        tokio::spawn(async move {
                            while let Some(effect) = lane.recv().await {
                                runner.carry_out(&bot, messenger.as_ref(), effect).await;
                                left.fetch_sub(1, Ordering::SeqCst);
                                runner.pending.done();
                            }
                        });
                        Lane { tx, busy }
                    });
                    pending.add();
                    // Counted before it is sent: a lane is closed only when every effect
                    // sent to it is done, so a channel's order holds across lanes.
                    lane.busy.fetch_add(1, Ordering::SeqCst);
                    if lane.tx.send(effect).is_err() {
                        lane.busy.fetch_sub(1, Ordering::SeqCst);
                        pending.done();
                    }
                }
                pending.done();
                if lanes.len() > sweep_at {
                    lanes.retain(|_, lane| lane.busy.load(Ordering::SeqCst) > 0);
                    sweep_at = (lanes.len() * 2).max(LANES_KEPT);
                }
            }
        });
        effects
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    fn stopping(&self) -> bool {
        *self.stopping.borrow()
    }

    /// A clean stop (SIGTERM): timers are cancelled (no new quiz round, no daily tick);
    /// daily posts claimed and not yet begun are released for the next process; this
    /// process's open quizzes are closed with a notice ([`Bot::release`]); then it waits up
    /// to `grace` for posts already on their way, which are recorded as sent. A post still
    /// unanswered after that stays claimed, and the next process looks it up before
    /// sending it.
    pub async fn shutdown(&self, bot: &Arc<Bot>, grace: Duration) {
        self.stopping.send_replace(true);
        let (b, now) = (Arc::clone(bot), self.clock.now());
        match tokio::task::spawn_blocking(move || b.release(now)).await {
            Ok(effects) => self.submit(effects),
            Err(e) => tracing::error!(error = %e, "releasing at shutdown failed"),
        }
        if tokio::time::timeout(grace, self.idle()).await.is_err() {
            tracing::warn!("stopping with posts still unanswered; the next start settles them");
        } else {
            tracing::info!("effects settled");
        }
    }

    /// Releases a daily post's claim that will not be sent now (see [`Self::shutdown`]).
    async fn release_unsent(&self, bot: &Arc<Bot>, tag: Option<PostTag>) {
        if let Some(tag) = tag {
            let bot = Arc::clone(bot);
            let _ = tokio::task::spawn_blocking(move || bot.release_unsent(&tag)).await;
        }
    }

    /// Queues effects to be carried out in order.
    pub fn submit(&self, effects: Vec<Effect>) {
        if effects.is_empty() {
            return;
        }
        self.pending.add();
        if self.tx.send(effects).is_err() {
            self.pending.done();
            tracing::error!("the effect worker has stopped; effects dropped");
        }
    }

    /// Waits until nothing is queued and no timer is pending (the console at end of input).
    pub async fn idle(&self) {
        loop {
            let notified = self.pending.idle.notified();
            if self.pending.count.load(Ordering::SeqCst) == 0 {
                return;
            }
            notified.await;
        }
    }

    /// Whether any work or timer is pending.
    pub fn busy(&self) -> bool {
        self.pending.count.load(Ordering::SeqCst) > 0
    }

    /// Posts with retries on transient failures; reports the message (or a refusal) to
    /// the core.
    async fn post(
        &self,
        bot: &Arc<Bot>,
        messenger: &dyn Messenger,
        channel: ChannelId,
        reply: &Reply,
        tag: Option<PostTag>,
    ) {
        let mut wait = Duration::from_secs(1);
        for attempt in 1..=ATTEMPTS {
            // Stopping while waiting to try again: not sent, so the next process sends it.
            if attempt > 1 && self.stopping() {
                self.release_unsent(bot, tag.filter(PostTag::is_daily))
                    .await;
                return;
            }
            // Another process on this range took the post over meanwhile: it sends it.
            if let Some(daily) = tag.as_ref().filter(|t| attempt > 1 && t.is_daily()) {
                let (b, daily) = (Arc::clone(bot), daily.clone());
                let ours = tokio::task::spawn_blocking(move || b.still_claimed(&daily))
                    .await
                    .unwrap_or(true);
                if !ours {
                    tracing::warn!(channel = %channel, "a daily post was taken over by another process; not retrying");
                    return;
                }
            }
            match answered(messenger.post(channel, reply)).await {
                // No answer: it may have gone out; never send it blindly again.
                Err(e) if e.timed_out => {
                    tracing::error!(channel = %channel, error = %e, "post unanswered; left unconfirmed");
                    return;
                }
                Ok(message) => {
                    if let Some(tag) = tag {
                        let (bot, now) = (Arc::clone(bot), self.clock.now());
                        let stored =
                            tokio::task::spawn_blocking(move || bot.posted(&tag, message, now))
                                .await;
                        if let Err(e) = stored {
                            tracing::error!(error = %e, "recording a posted message failed");
                        }
                    }
                    return;
                }
                // Not sent, and the process is stopping: the next one sends it.
                Err(e) if e.transient() && self.stopping() => {
                    tracing::warn!(channel = %channel, error = %e, "post failed while stopping");
                    self.release_unsent(bot, tag.filter(PostTag::is_daily))
                        .await;
                    return;
                }
                Err(e) if e.transient() && attempt < ATTEMPTS => {
                    tracing::warn!(channel = %channel, error = %e, attempt, "post failed; retrying");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
                Err(e) => {
                    tracing::error!(channel = %channel, error = %e, "could not post");
                    let bot = Arc::clone(bot);
                    let now = self.clock.now();
                    let _ = match (tag, e.status) {
                        (Some(tag), Some(status @ (403 | 404))) => {
                            tokio::task::spawn_blocking(move || bot.post_refused(&tag, status, now))
                                .await
                        }
                        // Retried and still failing: recorded (shown in /daily status).
                        (Some(tag), status) if e.transient() => {
                            tokio::task::spawn_blocking(move || bot.post_failed(&tag, status)).await
                        }
                        _ => Ok(()),
                    };
                    return;
                }
            }
        }
    }

    async fn carry_out(&self, bot: &Arc<Bot>, messenger: &dyn Messenger, effect: Effect) {
        match effect {
            // A daily post not begun when the process stops is left to the next process.
            Effect::Post { tag: Some(tag), .. } if tag.is_daily() && self.stopping() => {
                self.release_unsent(bot, Some(tag)).await
            }
            Effect::Post {
                channel,
                reply,
                tag,
            } => self.post(bot, messenger, channel, &reply, tag).await,
            // Left claimed: the next process looks it up first.
            Effect::PostOnce { channel, .. } if self.stopping() => {
                tracing::info!(channel = %channel, "stopping: a post to look up is left to the next start")
            }
            Effect::PostOnce {
                channel,
                reply,
                tag,
                marker,
                send_if_missing,
                since,
            } => match answered(messenger.find_recent(channel, &marker, since)).await {
                Ok(Some(message)) => {
                    tracing::info!(channel = %channel, message = %message, "found a post made before a restart");
                    let (bot, now) = (Arc::clone(bot), self.clock.now());
                    let _ =
                        tokio::task::spawn_blocking(move || bot.posted(&tag, message, now)).await;
                }
                Ok(None) if send_if_missing => {
                    self.post(bot, messenger, channel, &reply, Some(tag)).await
                }
                Ok(None) => {
                    let bot = Arc::clone(bot);
                    let _ = tokio::task::spawn_blocking(move || bot.post_missing(&tag)).await;
                }
                // Unsure whether it went out: better no post than a second one.
                Err(e) => {
                    tracing::error!(channel = %channel, error = %e, "could not look up a post; not sending it again")
                }
            },
            Effect::Edit {
                channel,
                message,
                reply,
            } => {
                if let Err(e) = answered(messenger.edit(channel, message, &reply)).await {
                    tracing::error!(channel = %channel, message = %message, error = %e, "could not edit");
                }
            }
            Effect::WakeAt { at, wake } => {
                self.pending.add();
                let when = self.clock.instant_of(at);
                let (bot, runner) = (Arc::clone(bot), self.clone());
                let mut stop = self.stopping.subscribe();
                tokio::spawn(async move {
                    tokio::select! {
                        () = tokio::time::sleep_until(when) => {}
                        // Cancelled by a clean stop.
                        _ = stop.wait_for(|stopping| *stopping) => {
                            runner.pending.done();
                            return;
                        }
                    }
                    let now = runner.clock.now();
                    let woke = tokio::task::spawn_blocking(move || bot.wake(wake, now)).await;
                    match woke {
                        Ok(effects) => runner.submit(effects),
                        Err(e) => tracing::error!(error = %e, ?wake, "timer failed"),
                    }
                    runner.pending.done();
                });
            }
        }
    }
}
