//! Property tests: any input, however odd, never panics, never breaks Discord's limits, and
//! never echoes invisible formatting characters back (groundwork for issue 11).

mod common;

use common::{bot, invocation, reply};
use proptest::prelude::*;
use summit_bot::commands::custom_id::ButtonId;
use summit_bot::commands::{dispatch, Action};

/// Text a user might paste: any Unicode, weighted towards what breaks naive code
/// (Japanese, half-width kana, emoji, mentions, control and bidirectional characters).
fn odd_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("ヘルシンキ".to_string()),
        Just("ﾍﾙｼﾝｷ".to_string()),
        Just("@everyone".to_string()),
        Just("<@123456789012345678>".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("🇯🇵".to_string()),
        Just("について教えていただけますでしょうか".to_string()),
        Just(" ".to_string()),
    ];
    prop::collection::vec(pieces, 0..max).prop_map(|v| v.concat())
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn the_matcher_takes_any_text(q in odd_text(60)) {
        let _ = bot().index.ask(&q);
        let _ = summit_bot::search::normalize(&q);
    }

    #[test]
    fn ask_answers_anything_within_discords_limits(q in odd_text(40)) {
        let r = reply(dispatch(bot(), &invocation(Action::Command {
            name: "ask".into(),
            subcommand: None,
            options: vec![("question".into(), q.clone())],
        })).response);
        prop_assert!(r.violations().is_empty(), "{:?}", r.violations());
        let shown = format!("{r:?}");
        prop_assert!(!shown.contains("@everyone"), "an echoed mention: {shown}");
        prop_assert!(!shown.chars().any(invisible), "an invisible character echoed");
    }

    #[test]
    fn a_console_line_never_breaks_dispatch(line in odd_text(20)) {
        if let Some(action) = summit_bot::console::parse_line(bot(), &format!("/{line}")) {
            let r = dispatch(bot(), &invocation(action)).response;
            if let summit_bot::commands::Response::Message(m) | summit_bot::commands::Response::Update(m) = r {
                prop_assert!(m.violations().is_empty());
            }
        }
    }

    #[test]
    fn any_custom_id_is_parsed_or_refused(id in "(v1:)?[a-z]{0,3}(:[0-9a-z-]{0,24}){0,6}") {
        if let Some(parsed) = ButtonId::parse(&id) {
            prop_assert_eq!(ButtonId::parse(&parsed.encode()), Some(parsed));
        }
        let r = dispatch(bot(), &invocation(Action::Button { custom_id: id })).response;
        if let summit_bot::commands::Response::Message(m) | summit_bot::commands::Response::Update(m) = r {
            prop_assert!(m.violations().is_empty());
        }
    }

    #[test]
    fn times_and_zones_are_parsed_or_refused(t in odd_text(8), z in "[A-Za-z_/+-]{0,40}") {
        if let Some(m) = summit_bot::daily::parse_time(&t) {
            prop_assert!(m < 24 * 60);
        }
        let _ = summit_bot::daily::parse_zone(&z);
    }
}

#[test]
fn a_ten_thousand_character_question_is_refused_politely() {
    let long = "ヘルシンキ".repeat(2_000);
    let _ = bot().index.ask(&long);
    let r = reply(
        dispatch(
            bot(),
            &invocation(Action::Command {
                name: "ask".into(),
                subcommand: None,
                options: vec![("question".into(), long)],
            }),
        )
        .response,
    );
    assert!(r.ephemeral && r.violations().is_empty());
}
