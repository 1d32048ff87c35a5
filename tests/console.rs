//! The console binary, driven as a newcomer would: piped lines in, rendered text out.

use std::io::Write;
use std::process::{Command, Stdio};

fn console(input: &str) -> (bool, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_summit-bot"))
        .arg("console")
        .env_remove("DISCORD_TOKEN")
        .env("SUMMIT_DATABASE", dir.path().join("console.sqlite3"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the console");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child
        .wait_with_output()
        .expect("console ends at end of input");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn piped_help_and_summit_print_both_answers_and_exit_0() {
    let (ok, out) = console("/help\n/summit 大阪\n");
    assert!(ok);
    assert!(
        out.contains("DISCORD_TOKEN"),
        "the first line says no token is set: {out}"
    );
    assert!(
        out.contains("/summit") && out.contains("/about"),
        "help lists commands: {out}"
    );
    assert!(
        out.contains("大阪（日本）2019年6月28日"),
        "the Osaka meeting: {out}"
    );
}

#[test]
fn buttons_are_numbered_and_can_be_pressed() {
    let (ok, out) = console("/about\n1\n");
    assert!(ok);
    assert!(out.contains("[1] 次へ"), "{out}");
    assert!(out.contains("2/"), "the second page is shown: {out}");
}

#[test]
fn odd_lines_never_break_the_console() {
    let input = "hello\n\n/\n/nope\n/summit @everyone\n9\n\u{1b}[2J\n/summit ﾍﾙｼﾝｷ\n";
    let (ok, out) = console(input);
    assert!(ok);
    assert!(out.contains("ヘルシンキ（フィンランド）"), "{out}");
    assert!(!out.contains("@everyone"));
}

#[test]
fn invalid_utf8_on_stdin_is_skipped() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_summit-bot"))
        .arg("console")
        .env_remove("DISCORD_TOKEN")
        .env("SUMMIT_DATABASE", dir.path().join("console.sqlite3"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(b"/summit \xff\xfe\n/summit osaka\n")
        .expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("ends");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("大阪"));
}

#[test]
fn discord_timestamps_read_as_japan_time_on_the_console() {
    let (ok, out) = console("/daily set channel:#general time:09:00\n/daily status\n");
    assert!(ok);
    assert!(!out.contains("<t:"), "no raw Discord timestamp: {out}");
    assert!(
        out.contains(" 9:00（日本時間）"),
        "the next post as a date and time in Japan: {out}"
    );
    assert!(out.contains("時間後") || out.contains("分後"), "{out}");
    assert!(!out.contains("<#"), "the channel by name: {out}");
}
