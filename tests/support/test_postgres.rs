//! The PostgreSQL server of the tests: `SUMMIT_TEST_DATABASE_URL` (`.ci/run` starts one and
//! sets it; `source .ci/postgres.sh` does the same by hand). Without it the PostgreSQL half
//! of a test is skipped with a loud message, except in CI (`CI` set), where it fails.

use std::sync::atomic::{AtomicU64, Ordering};

pub const URL_VAR: &str = "SUMMIT_TEST_DATABASE_URL";

/// The server's URL, or `None` (after saying so on stderr) when it is not set outside CI.
pub fn url(test: &str) -> Option<String> {
    match std::env::var(URL_VAR).ok().filter(|u| !u.trim().is_empty()) {
        Some(url) => Some(url),
        None if std::env::var_os("CI").is_some() => {
            panic!("{URL_VAR} is not set in CI: .ci/run must start PostgreSQL ({test})")
        }
        None => {
            eprintln!(
                "\n!!!!!!!! {test}: PostgreSQL SKIPPED — {URL_VAR} is not set \
                 (run `source .ci/postgres.sh` first, as .ci/run does) !!!!!!!!\n"
            );
            None
        }
    }
}

/// A schema name no other test (or run) uses.
pub fn fresh_schema(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}
