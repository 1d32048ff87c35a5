//! The timeline chart: meetings and phone calls per year, as a PNG.
//!
//! Two steps, so the data can be tested apart from the pixels: [`ChartModel::build`] reads
//! the records of `responses/` (meetings' dates, cities and formats; calls per year) into
//! plain numbers and texts, and [`draw::png`] paints that model with a font shipped in
//! `assets/fonts/` (never a system font), so the bytes are the same on every machine.

pub mod draw;

use crate::knowledge::{ChartText, Knowledge, MeetingFormat, UiText};
use chrono::Datelike;

/// The file name the picture goes out under (`attachment://timeline.png` in the embed).
pub const FILENAME: &str = "timeline.png";

/// Longest alt text Discord keeps for an attachment, in characters.
pub const ALT_TEXT_CHARS: usize = 1024;

/// One year's column: its phone calls, split by how well they are sourced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBar {
    pub year: u16,
    /// Calls of the year's count not resting on weak sources alone.
    pub confirmed: u16,
    /// Calls the record marks as resting on weak sources (「報道ベース・未確認」).
    pub unconfirmed: u16,
}

impl YearBar {
    pub fn total(&self) -> u16 {
        self.confirmed + self.unconfirmed
    }
}

/// One in-person encounter (or the cancelled one), placed on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub id: String,
    /// Years as a decimal: 2018.54 is mid-July 2018.
    pub at: f32,
    pub city: String,
    pub format: MeetingFormat,
}

/// Everything the chart shows, in numbers and finished texts.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartModel {
    pub title: String,
    /// The as-of corner, e.g. 「2026年4月29日時点」.
    pub as_of: String,
    pub meetings_lane: String,
    pub calls_lane: String,
    /// Every year from the first record to the last, in order.
    pub years: Vec<YearBar>,
    pub markers: Vec<Marker>,
    /// The meeting formats that occur, in a fixed order, with their legend texts.
    pub formats: Vec<(MeetingFormat, String)>,
    pub legend_calls: String,
    pub legend_calls_unconfirmed: String,
    /// The shaded years out of office and their label.
    pub out_of_office: Option<(u16, u16, String)>,
}

/// Legend order: from the most to the least formal.
const FORMATS: [MeetingFormat; 4] = [
    MeetingFormat::StandaloneSummit,
    MeetingFormat::BilateralSidelines,
    MeetingFormat::BriefInformal,
    MeetingFormat::Cancelled,
];

fn legend(t: &ChartText, f: MeetingFormat) -> &str {
    match f {
        MeetingFormat::StandaloneSummit => &t.legend_standalone_summit,
        MeetingFormat::BilateralSidelines => &t.legend_bilateral_sidelines,
        MeetingFormat::BriefInformal => &t.legend_brief_informal,
        MeetingFormat::Cancelled => &t.legend_cancelled,
    }
}

/// `2018-07-16` as 2018.54 (the middle of the day); a month alone as its middle.
fn decimal_year(iso: &str) -> Option<f32> {
    let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(&format!("{iso}-15"), "%Y-%m-%d"))
        .ok()?;
    let days = if chrono::NaiveDate::from_ymd_opt(date.year(), 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    Some(date.year() as f32 + (date.ordinal0() as f32 + 0.5) / days)
}

fn year_of(iso: &str) -> Option<u16> {
    iso.get(..4)?.parse().ok()
}

impl ChartModel {
    /// Reads the chart out of the records: nothing here is typed in by hand.
    pub fn build(k: &Knowledge) -> ChartModel {
        let t = &k.chart;
        let markers: Vec<Marker> = k
            .meetings
            .iter()
            .filter_map(|m| {
                Some(Marker {
                    id: m.id.clone(),
                    at: decimal_year(&m.date)?,
                    city: m.city_ja.clone(),
                    format: m.format,
                })
            })
            .collect();
        let record_years = k
            .calls
            .by_year
            .iter()
            .map(|y| y.year)
            .chain(markers.iter().map(|m| m.at as u16));
        let (first, last) = record_years.fold((u16::MAX, 0), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let years = (first..=last)
            .map(|year| {
                let count = k
                    .calls
                    .by_year
                    .iter()
                    .find(|y| y.year == year)
                    .map_or(0, |y| y.count);
                let weak = k
                    .calls
                    .calls
                    .iter()
                    .filter(|c| c.weak && year_of(&c.date) == Some(year))
                    .count();
                let unconfirmed = u16::try_from(weak).unwrap_or(u16::MAX).min(count);
                YearBar {
                    year,
                    confirmed: count - unconfirmed,
                    unconfirmed,
                }
            })
            .collect();
        let formats = FORMATS
            .iter()
            .filter(|f| markers.iter().any(|m| m.format == **f))
            .map(|f| (*f, legend(t, *f).to_string()))
            .collect();
        let out_of_office = (t.out_of_office_from <= t.out_of_office_to).then(|| {
            (
                t.out_of_office_from,
                t.out_of_office_to,
                t.out_of_office.clone(),
            )
        });
        ChartModel {
            title: t.title.clone(),
            as_of: UiText::fill(&t.as_of, &[("date", &k.ui.date(&k.meta.as_of))]),
            meetings_lane: t.meetings_lane.clone(),
            calls_lane: t.calls_lane.clone(),
            years,
            markers,
            formats,
            legend_calls: t.legend_calls.clone(),
            legend_calls_unconfirmed: t.legend_calls_unconfirmed.clone(),
            out_of_office,
        }
    }

    /// Every text the picture draws (the font must hold each of their characters).
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![
            self.title.clone(),
            self.as_of.clone(),
            self.meetings_lane.clone(),
            self.calls_lane.clone(),
            self.legend_calls.clone(),
            self.legend_calls_unconfirmed.clone(),
        ];
        out.extend(self.formats.iter().map(|(_, t)| t.clone()));
        out.extend(self.markers.iter().map(|m| m.city.clone()));
        out.extend(self.years.iter().map(|y| y.year.to_string()));
        out.extend(self.years.iter().map(|y| y.total().to_string()));
        out.extend(self.out_of_office.iter().map(|(_, _, t)| t.clone()));
        out
    }

    /// The distinct characters drawn, sorted (what the font subset must hold).
    pub fn characters(&self) -> String {
        let mut chars: Vec<char> = self.texts().concat().chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars.into_iter().collect()
    }

    /// The picture told in words: Discord's alt text, and what the console prints.
    pub fn alt_text(&self, k: &Knowledge) -> String {
        let t = &k.chart;
        let mut lines = vec![UiText::fill(
            &t.alt_title,
            &[("title", &self.title), ("as_of", &self.as_of)],
        )];
        for y in &self.years {
            let unconfirmed = if y.unconfirmed > 0 {
                UiText::fill(&t.alt_unconfirmed, &[("count", &y.unconfirmed.to_string())])
            } else {
                String::new()
            };
            let met: Vec<String> = self
                .markers
                .iter()
                .filter(|m| m.at as u16 == y.year)
                .map(|m| {
                    UiText::fill(
                        &t.alt_meeting,
                        &[("city", &m.city), ("format", legend(t, m.format))],
                    )
                })
                .collect();
            let meetings = if met.is_empty() {
                String::new()
            } else {
                UiText::fill(
                    &t.alt_meetings,
                    &[("list", &met.join(&k.ui.list_separator))],
                )
            };
            lines.push(UiText::fill(
                &t.alt_year,
                &[
                    ("year", &y.year.to_string()),
                    ("count", &y.total().to_string()),
                    ("unconfirmed", &unconfirmed),
                    ("meetings", &meetings),
                ],
            ));
        }
        crate::reply::fit(&lines.join("\n"), ALT_TEXT_CHARS)
    }
}
