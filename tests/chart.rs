//! The timeline chart: its model against the records, its font, its bytes.

use std::sync::Arc;
use summit_bot::chart::{draw, ChartModel, FILENAME};
use summit_bot::commands::{dispatch, render, Action, Bot, Invocation, Response};
use summit_bot::ids::{ChannelId, GuildId, UserId};
use summit_bot::knowledge::{Knowledge, MeetingFormat, PhoneCall};

fn knowledge() -> Knowledge {
    Knowledge::embedded().expect("the embedded responses load")
}

fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("PNG pixels");
    (info, pixels)
}

#[test]
fn the_counts_drawn_equal_the_counts_in_the_data() {
    let k = knowledge();
    let model = ChartModel::build(&k);
    for y in &k.calls.by_year {
        let bar = model
            .years
            .iter()
            .find(|b| b.year == y.year)
            .unwrap_or_else(|| panic!("no bar for {}", y.year));
        assert_eq!(bar.total(), y.count, "{}", y.year);
        let weak = k
            .calls
            .calls
            .iter()
            .filter(|c| c.weak && c.date.starts_with(&y.year.to_string()))
            .count();
        assert_eq!(usize::from(bar.unconfirmed), weak, "{}", y.year);
    }
    let drawn: u16 = model.years.iter().map(|y| y.total()).sum();
    let recorded: u16 = k.calls.by_year.iter().map(|y| y.count).sum();
    assert_eq!(drawn, recorded);
    // Years with no record are drawn as zero, none is left out between the ends.
    let years: Vec<u16> = model.years.iter().map(|y| y.year).collect();
    let expected: Vec<u16> = (2016..=2026).collect();
    assert_eq!(years, expected);
    // 2026's 29 April call rests on weak sources: drawn lighter.
    let y2026 = model.years.iter().find(|y| y.year == 2026).expect("2026");
    assert_eq!((y2026.confirmed, y2026.unconfirmed), (1, 1));
}

#[test]
fn every_meeting_is_a_marker_with_its_city_and_format() {
    let k = knowledge();
    let model = ChartModel::build(&k);
    assert_eq!(model.markers.len(), k.meetings.len());
    for (m, marker) in k.meetings.iter().zip(&model.markers) {
        assert_eq!(marker.id, m.id);
        assert_eq!(marker.city, m.city_ja);
        assert_eq!(marker.format, m.format);
        assert_eq!(
            marker.at as u16,
            m.date[..4].parse::<u16>().expect("a year")
        );
    }
    let budapest = model
        .markers
        .iter()
        .find(|m| m.id == "budapest-2025")
        .expect("the cancelled meeting is drawn");
    assert_eq!(budapest.format, MeetingFormat::Cancelled);
    // Each format shown has its legend entry, in the chart's own words.
    assert_eq!(model.formats.len(), 4);
    assert!(model
        .formats
        .iter()
        .any(|(f, t)| *f == MeetingFormat::Cancelled && *t == k.chart.legend_cancelled));
    assert!(
        model.as_of.contains(&k.ui.date(&k.meta.as_of)),
        "{}",
        model.as_of
    );
}

#[test]
fn the_chart_follows_the_records() {
    let mut k = knowledge();
    let before = ChartModel::build(&k);
    let y2020 = k
        .calls
        .by_year
        .iter_mut()
        .find(|y| y.year == 2020)
        .expect("2020");
    y2020.count += 3;
    k.calls.calls.push(PhoneCall {
        date: "2020-09-01".into(),
        summary: "test".into(),
        weak: true,
    });
    k.meetings[0].city_ja = "大阪".into();
    k.meetings[0].format = MeetingFormat::StandaloneSummit;
    let after = ChartModel::build(&k);
    let bar = |m: &ChartModel| m.years.iter().find(|y| y.year == 2020).cloned();
    let (b, a) = (bar(&before).expect("2020"), bar(&after).expect("2020"));
    assert_eq!(a.total(), b.total() + 3);
    assert_eq!(a.unconfirmed, b.unconfirmed + 1);
    assert_eq!(after.markers[0].city, "大阪");
    assert_eq!(after.markers[0].format, MeetingFormat::StandaloneSummit);
    assert_ne!(draw::png(&before), draw::png(&after));
}

#[test]
fn every_character_drawn_is_in_the_font() {
    let model = ChartModel::build(&knowledge());
    let fonts = draw::Fonts::load().expect("the shipped fonts load");
    assert_eq!(
        fonts.missing(&model.characters()),
        Vec::<char>::new(),
        "run scripts/subset-chart-font.sh"
    );
    // A character outside the subset is reported, not silently drawn as nothing.
    assert_eq!(fonts.missing("東京"), vec!['京', '東']);
}

#[test]
fn the_png_decodes_at_1200_by_675() {
    let bytes = draw::png(&ChartModel::build(&knowledge())).expect("the chart draws");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let (info, pixels) = decode(&bytes);
    assert_eq!((info.width, info.height), (draw::WIDTH, draw::HEIGHT));
    assert_eq!((info.width, info.height), (1200, 675));
    // Opaque, so it reads the same on Discord's dark and light themes.
    assert_eq!(info.color_type, png::ColorType::Rgb);
    // Not blank: many distinct colours (text, bars, markers).
    let colours: std::collections::BTreeSet<&[u8]> = pixels.chunks_exact(3).collect();
    assert!(colours.len() > 50, "{} colours", colours.len());
}

#[test]
fn drawing_twice_gives_identical_bytes() {
    let model = ChartModel::build(&knowledge());
    let first = draw::png(&model).expect("draws");
    let second = draw::png(&model).expect("draws");
    assert!(first == second, "two drawings differ");
}

/// The README's picture is the one the bot sends; any machine draws the same bytes.
#[test]
fn the_readme_picture_is_current() {
    let committed = include_bytes!("../docs/timeline.png");
    let drawn = draw::png(&ChartModel::build(&knowledge())).expect("draws");
    assert!(
        drawn == committed,
        "docs/timeline.png differs from the chart drawn here ({} vs {} bytes): \
         run `cargo run -- chart --out docs/timeline.png` if the change is intended",
        drawn.len(),
        committed.len()
    );
}

#[test]
fn the_bot_draws_once_and_shares_the_bytes() {
    let bot = Bot::new(knowledge());
    let a = bot.timeline_chart().expect("the chart draws");
    let b = bot.timeline_chart().expect("the chart draws");
    assert!(Arc::ptr_eq(&a.bytes, &b.bytes), "drawn twice");
    assert_eq!(a.filename, FILENAME);
    assert!(a.description.chars().count() <= 1024);
    for m in &bot.knowledge.meetings {
        assert!(a.description.contains(&m.city_ja), "{}", m.city_ja);
    }
}

fn summit(bot: &Bot) -> summit_bot::reply::Reply {
    let inv = Invocation {
        user_id: UserId(7),
        user_is_bot: false,
        guild_id: Some(GuildId(1)),
        channel_id: ChannelId(1),
        permissions: Some(0),
        app_permissions: None,
        channel_permissions: Vec::new(),
        now: 1_780_000_000,
        sent: None,
        action: Action::Command {
            name: "summit".into(),
            subcommand: None,
            options: vec![],
        },
    };
    match dispatch(bot, &inv).response {
        Response::Message(r) => r,
        other => panic!("a message, not {other:?}"),
    }
}

#[test]
fn the_timeline_shows_the_chart_as_its_embeds_image() {
    let bot = Bot::new(knowledge());
    let reply = summit(&bot);
    assert_eq!(reply.attachments.len(), 1);
    assert_eq!(
        reply.embeds[0].image.as_deref(),
        Some("attachment://timeline.png")
    );
    assert!(reply.violations().is_empty(), "{:?}", reply.violations());
}

#[test]
fn every_page_of_the_timeline_carries_the_chart() {
    let bot = Bot::new(knowledge());
    let embed = summit(&bot).embeds[0].clone();
    let pages = vec![embed.clone(), embed];
    for page in 0..pages.len() {
        let reply = render::paged_reply(&bot, "timeline", &pages, page, UserId(7), 1);
        assert_eq!(reply.attachments.len(), 1, "page {page}");
        assert_eq!(
            reply.embeds[0].image.as_deref(),
            Some("attachment://timeline.png")
        );
        assert_eq!(reply.rows[0].len(), 2, "前へ / 次へ");
    }
    // Other views carry no picture.
    let plain = [summit_bot::reply::Embed::new("題", "本文")];
    let other = render::paged_reply(&bot, "helsinki-2018", &plain, 0, UserId(7), 1);
    assert!(other.attachments.is_empty() && other.embeds[0].image.is_none());
}

#[test]
fn the_console_tells_the_picture_in_words() {
    let bot = Bot::new(knowledge());
    let reply = summit(&bot);
    let (text, _) = summit_bot::console::render(&bot, &reply);
    assert!(text.contains("［図：timeline.png］"), "{text}");
    assert!(text.contains("2025年：電話10回"), "{text}");
    assert!(
        text.contains("2026年：電話2回（うち報道ベース・未確認1回）"),
        "{text}"
    );
}
