//! The Discord front-end: the ONLY code that imports serenity.
//!
//! [`run`] connects the gateway (all shards, or the range in `SHARDS`), registers the
//! command table once per start, and routes slash commands, autocomplete and button clicks
//! to the same [`crate::commands::dispatch`] the console uses. It returns
//! [`DiscordError::InvalidToken`] instead of retrying when Discord refuses the token, and
//! `Ok(())` after a clean shutdown (SIGINT/SIGTERM).

pub mod convert;
pub mod handler;

use crate::commands::Bot;
use crate::config::Config;
use serenity::all::{
    ApplicationId, ClientBuilder, Command, GatewayError, GatewayIntents, GuildId, Http, HttpBuilder,
};
use std::fmt;
use std::future::Future;
use std::sync::Arc;

/// `RUST_LOG` when unset: the bot at info, the client library only when it warns.
pub const DEFAULT_LOG_FILTER: &str = "info,serenity=warn";

/// Interactions arrive whatever the intents; GUILDS (not privileged) keeps READY's guild list.
pub const INTENTS: GatewayIntents = GatewayIntents::GUILDS;

/// [`INTENTS`] as the number IDENTIFY carries.
pub const INTENTS_BITS: u64 = INTENTS.bits();

#[derive(Debug)]
pub enum DiscordError {
    /// `DISCORD_TOKEN` is not set.
    NoToken,
    /// Discord refused the token (gateway close 4004, or HTTP 401).
    InvalidToken,
    /// Anything else serenity reported (never contains the token).
    Other(String),
}

impl fmt::Display for DiscordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiscordError::NoToken => f.write_str("DISCORD_TOKEN is not set"),
            DiscordError::InvalidToken => f.write_str("Discord refused the token"),
            DiscordError::Other(e) => write!(f, "Discord: {e}"),
        }
    }
}

impl std::error::Error for DiscordError {}

impl From<serenity::Error> for DiscordError {
    fn from(e: serenity::Error) -> Self {
        match &e {
            serenity::Error::Gateway(GatewayError::InvalidAuthentication) => {
                DiscordError::InvalidToken
            }
            serenity::Error::Http(h) if h.status_code().map(|s| s.as_u16()) == Some(401) => {
                DiscordError::InvalidToken
            }
            _ => DiscordError::Other(e.to_string()),
        }
    }
}

/// The HTTP client; with `DISCORD_API_BASE` (tests only) it talks to that base URL instead,
/// with the rate limiter off because serenity's limiter ignores the base URL.
pub fn http(config: &Config) -> Result<Http, DiscordError> {
    let token = config.token.as_ref().ok_or(DiscordError::NoToken)?;
    let mut builder = HttpBuilder::new(token.expose());
    if let Some(base) = &config.api_base {
        tracing::warn!(base = %base, "using a fake Discord API base URL, rate limiter off");
        builder = builder.proxy(base.as_str()).ratelimiter_disabled(true);
    }
    Ok(builder.build())
}

/// Overwrites the commands with the table: in one server when `guild` is set (instant),
/// otherwise globally. Returns how many were sent.
pub async fn register(http: &Http, bot: &Bot, guild: Option<u64>) -> Result<usize, DiscordError> {
    let commands = convert::commands(bot);
    let count = commands.len();
    match guild {
        Some(g) => GuildId::new(g).set_commands(http, commands).await?,
        None => Command::set_global_commands(http, commands).await?,
    };
    Ok(count)
}

/// `summit-bot register`: registers without connecting the gateway, then returns.
pub async fn register_only(config: &Config, bot: &Bot) -> Result<usize, DiscordError> {
    let http = http(config)?;
    let app = http.get_current_application_info().await?;
    http.set_application_id(ApplicationId::new(app.id.get()));
    register(&http, bot, config.guild_id).await
}

/// How long a clean stop waits for posts already on their way. A post normally takes well
/// under a second; one Discord leaves unanswered stays claimed and the next start looks it
/// up before sending it, so an admin's stop never waits out a 30 s call.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs the bot until SIGINT or SIGTERM.
pub async fn run(config: Config, bot: Arc<Bot>) -> Result<(), DiscordError> {
    run_until(config, bot, shutdown_signal()).await
}

/// Runs the bot until `shutdown` completes (then shuts every shard down and returns `Ok`),
/// the token is refused, or the gateway fails for good.
pub async fn run_until(
    config: Config,
    bot: Arc<Bot>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), DiscordError> {
    let http = http(&config)?;
    let shards = config.shards;
    if let Some(range) = shards {
        // Timers, recovery and daily posts only for the servers of these shards.
        bot.run_shards(range);
    }
    let handler = handler::Handler::new(Arc::clone(&bot), config);
    let effects = handler.effects_cell();
    let mut client = ClientBuilder::new_with_http(http, INTENTS)
        .event_handler(handler)
        .await?;
    let manager = Arc::clone(&client.shard_manager);
    let stopper = tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down the shards");
        manager.shutdown_all().await;
    });
    let result = match shards {
        Some(r) => {
            tracing::info!(
                first = r.first,
                last = r.last,
                total = r.total,
                "starting shards"
            );
            // serenity's range end is inclusive here (it starts `end - start + 1` shards).
            client.start_shard_range(r.first..r.last, r.total).await
        }
        None => client.start_autosharded().await,
    };
    stopper.abort();
    // What this process holds goes back: open quizzes closed with a notice, unsent daily
    // posts released, posts on their way waited for.
    if let Some(effects) = effects.get() {
        effects.shutdown(&bot, SHUTDOWN_GRACE).await;
    }
    result.map_err(DiscordError::from)?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or, on Unix, SIGTERM. A signal that cannot be listened
/// for is logged and never fires (rather than stopping the bot at once).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("SIGINT received"),
        _ = term => tracing::info!("SIGTERM received"),
    }
}
