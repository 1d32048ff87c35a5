//! Thin CLI: `run | console | ask | check | register` (wires the library; no logic of its own).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use summit_bot::commands::Bot;
use summit_bot::config::{Config, LogFormat};
use summit_bot::console::CONSOLE_USER;
use summit_bot::discord::DiscordError;
use summit_bot::knowledge::source_from;
use summit_bot::store::{SqliteStore, Store};

/// jemalloc, with the defaults `.cargo/config.toml` gives it when it is built (one arena;
/// pages freed for a second given back to the system). glibc's malloc kept what a burst
/// had freed between blocks still in use (6 of its 12 MB heap free after the load test,
/// given back only by `malloc_trim`, which is `unsafe` to call here); jemalloc gives it
/// back by itself. Measured in the same run against main (`cargo bench --bench load`):
/// after the load 24.0 MiB instead of 30.1, CPU per interaction under the mix 13 % less.
/// glibc's malloc still serves SQLite and libc, with its default arenas: a start-up
/// re-exec with `GLIBC_TUNABLES=glibc.malloc.arena_max=1` for those left the memory after
/// the load the same (25.5-26.0 MiB against 25.5-25.7) and cost the start-up an `exec`.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const USAGE: &str = "usage: summit-bot [run|console|check|register] [--responses DIR]\n       summit-bot ask [--json] [--explain] \"<question>\"\n       summit-bot chart --out FILE.png | --glyphs";

struct Cli {
    command: String,
    responses: Option<PathBuf>,
    rest: Vec<String>,
}

fn parse_args() -> Result<Cli, String> {
    let mut command = None;
    let mut responses = None;
    let mut rest = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--responses" => {
                responses = Some(PathBuf::from(
                    args.next().ok_or("--responses needs a folder")?,
                ))
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ if command.is_none() && !a.starts_with('-') => command = Some(a),
            _ => rest.push(a),
        }
    }
    Ok(Cli {
        command: command.unwrap_or_else(|| "run".into()),
        responses,
        rest,
    })
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Loads and validates everything, building the one bot (and its index) on the store
/// `open` gives; the store is opened meanwhile, on another thread (its disk waits overlap
/// the load). A store that cannot be opened is reported first, as before any load.
fn load(
    cli: &Cli,
    config: &Config,
    open: impl FnOnce() -> Result<Arc<dyn Store>, ExitCode> + Send,
) -> Result<Bot, ExitCode> {
    let dir = cli.responses.as_deref().or(config.responses_dir.as_deref());
    summit_bot::check::load_beside(&source_from(dir), open)?.map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(1)
    })
}

/// The database of `DATABASE_URL` / `SUMMIT_DATABASE` (created and migrated), for commands
/// that keep state. The message names it without its password.
fn open_store(config: &Config) -> Result<Arc<dyn Store>, ExitCode> {
    summit_bot::store::open(&config.database).map_err(|e| {
        eprintln!("cannot open the database ({}): {e}", config.database);
        ExitCode::from(1)
    })
}

/// A private in-memory store, for commands that keep nothing (check, ask).
fn memory_store() -> Result<Arc<dyn Store>, ExitCode> {
    SqliteStore::memory()
        .map(|s| Arc::new(s) as Arc<dyn Store>)
        .map_err(|e| {
            eprintln!("cannot open an in-memory database: {e}");
            ExitCode::from(1)
        })
}

fn console(bot: &Bot) -> ExitCode {
    let stdin = std::io::stdin();
    let prompt = stdin.is_terminal();
    let input = std::io::BufReader::new(stdin);
    match summit_bot::console::run(bot, input, std::io::stdout().lock(), prompt, now) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("console: {e}");
            ExitCode::from(1)
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default: info for the bot, warnings from the
/// client), as text or, with `SUMMIT_LOG_FORMAT=json`, one JSON object a line.
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(summit_bot::discord::DEFAULT_LOG_FILTER)
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().with_ansi(false).try_init(),
        // Colour codes only on a terminal: a file or the journal gets plain text.
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
    };
}

/// Threads of the blocking pool. What runs there is store work: SQLite is one connection
/// behind a lock, so two threads (one working, one queued behind a slow call such as a
/// locked file's wait) are all it can use; PostgreSQL has its pool of connections. More
/// threads would only queue, each with its own stack and heap (tokio's default is 512).
fn blocking_threads(config: &Config) -> usize {
    match config.database {
        summit_bot::config::Database::Sqlite(_) => 2,
        summit_bot::config::Database::Postgres(_) => summit_bot::store::postgres::POOL,
    }
}

fn runtime(config: &Config) -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(blocking_threads(config))
        .build()
        .map_err(|e| {
            eprintln!("cannot start the async runtime: {e}");
            ExitCode::from(1)
        })
}

/// The exit of a Discord run: a refused token gets the bilingual message and code 3.
fn discord_exit(bot: &Bot, result: Result<(), DiscordError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(DiscordError::InvalidToken) => {
            eprintln!("{}", bot.ui().discord_invalid_token);
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn discord(config: Config, bot: Bot) -> ExitCode {
    let rt = match runtime(&config) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let bot = Arc::new(bot);
    // The timeline chart is drawn beside the connection, not before it (tens of ms).
    let drawer = Arc::clone(&bot);
    std::thread::spawn(move || drawer.timeline_chart());
    let result = rt.block_on(summit_bot::discord::run(config, Arc::clone(&bot)));
    discord_exit(&bot, result)
}

fn register(config: &Config, bot: Bot) -> ExitCode {
    let rt = match runtime(config) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    match rt.block_on(summit_bot::discord::register_only(config, &bot)) {
        Ok(n) => {
            let scope = config
                .guild_id
                .map_or("globally".to_string(), |g| format!("in guild {g}"));
            println!("registered {n} commands {scope}");
            ExitCode::SUCCESS
        }
        Err(e) => discord_exit(&bot, Err(e)),
    }
}

/// `summit-bot ask [--json] "<question>"`: one question, answered without Discord.
fn ask(bot: &Bot, rest: &[String]) -> ExitCode {
    let as_json = rest.iter().any(|a| a == "--json");
    let words: Vec<&str> = rest
        .iter()
        .filter(|a| !matches!(a.as_str(), "--json" | "--explain"))
        .map(String::as_str)
        .collect();
    let question = words.join(" ");
    if !summit_bot::search::has_content(&question) {
        eprintln!("{}", bot.ui().ask_cli_empty);
        return ExitCode::from(2);
    }
    // A closed pipe (`| head`) ends the output quietly instead of panicking.
    let mut out = std::io::stdout().lock();
    if rest.iter().any(|a| a == "--explain") {
        // For tuning the synonym table: the canonical question and the ranked candidates.
        let (canonical, ranked) = bot.index.explain(&question);
        let _ = writeln!(out, "{canonical}");
        for (id, c) in ranked.iter().take(8) {
            let _ = writeln!(
                out,
                "{id:<28} score {:.3}  coverage {:.3}  similarity {:.3}  named {:.3}",
                c.score, c.coverage, c.similarity, c.named
            );
        }
    }
    let answer = summit_bot::commands::ask::cli(bot, CONSOLE_USER, now(), &question);
    let _ = if as_json {
        let body = summit_bot::discord::convert::interaction_body(&answer.reply, answer.update);
        writeln!(out, "{}", answer.to_json(body))
    } else {
        write!(out, "{}", summit_bot::console::render(bot, &answer.reply).0)
    };
    ExitCode::SUCCESS
}

/// `summit-bot chart --out FILE`: the timeline chart `/summit` attaches, as a PNG file;
/// `--glyphs` prints the characters it draws (for scripts/subset-chart-font.sh).
fn chart(bot: &Bot, rest: &[String]) -> ExitCode {
    let Some(out) = rest
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| rest.get(i + 1))
    else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Some(png) = bot.timeline_chart() else {
        eprintln!("the chart could not be drawn (see the log)");
        return ExitCode::from(1);
    };
    match std::fs::write(out, &png.bytes[..]) {
        Ok(()) => {
            println!("wrote {out} ({} bytes)", png.bytes.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {out}: {e}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    if cli.command == "chart" && cli.rest.iter().any(|a| a == "--glyphs") {
        // Before the whole-bot check, which fails on the very glyphs this lists.
        let dir = cli.responses.as_deref().or(config.responses_dir.as_deref());
        return match summit_bot::knowledge::Knowledge::load(&source_from(dir)) {
            Ok(k) => {
                print!("{}", summit_bot::chart::ChartModel::build(&k).characters());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        };
    }
    let stateful = matches!(cli.command.as_str(), "run" | "console");
    let bot = match load(&cli, &config, || {
        if stateful {
            open_store(&config)
        } else {
            memory_store()
        }
    }) {
        Ok(b) => b,
        Err(code) => return code,
    };
    match cli.command.as_str() {
        "check" => {
            println!("responses OK (as_of {})", bot.knowledge.meta.as_of);
            for (kind, n) in bot.knowledge.counts() {
                println!("  {kind}: {n}");
            }
            for (kind, n) in bot.bank.counts() {
                println!("  {kind}: {n}");
            }
            ExitCode::SUCCESS
        }
        "console" => console(&bot),
        "run" if config.token.is_some() => {
            init_logging(config.log_format);
            discord(config, bot)
        }
        "ask" => ask(&bot, &cli.rest),
        "chart" => chart(&bot, &cli.rest),
        "run" => console(&bot),
        "register" => {
            init_logging(config.log_format);
            register(&config, bot)
        }
        other => {
            eprintln!("unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
