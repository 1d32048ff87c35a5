//! Paints a [`ChartModel`] into a PNG: shapes with tiny-skia, text with ab_glyph.
//!
//! Only the fonts in `assets/fonts/` (built into the binary) are used, and no floating point
//! depends on the CPU's extensions, so one model gives the same bytes everywhere.

use super::{ChartModel, Marker, YearBar};
use crate::knowledge::MeetingFormat;
use ab_glyph::{point, Font, FontRef, ScaleFont};
use std::fmt;
use tiny_skia::{
    FillRule, LineCap, Paint, Path, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform,
};

/// 16:9, large enough to read when tapped open on a phone.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 675;

static REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/chart-Regular.otf"
));
static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/chart-Bold.otf"
));

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawError {
    Font,
    Canvas,
    Encode(String),
}

impl fmt::Display for DrawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DrawError::Font => write!(f, "the chart font in assets/fonts/ does not load"),
            DrawError::Canvas => write!(f, "cannot allocate the chart canvas"),
            DrawError::Encode(e) => write!(f, "cannot encode the chart as PNG: {e}"),
        }
    }
}

impl std::error::Error for DrawError {}

type Rgb = [u8; 3];

// An opaque light card with a blue frame: it stands out on Discord's dark theme and has a
// clear edge on the light one. Every colour below has at least 3:1 contrast on BACKGROUND.
const BACKGROUND: Rgb = [248, 249, 251];
const FRAME: Rgb = [43, 108, 176];
const INK: Rgb = [26, 32, 44];
const MUTED: Rgb = [74, 85, 104];
const GRID: Rgb = [218, 224, 233];
const SHADE: Rgb = [232, 236, 242];
const AXIS: Rgb = [113, 128, 150];
const CALL: Rgb = [192, 86, 33];
const CALL_LIGHT: Rgb = [250, 208, 150];
const SUMMIT: Rgb = [197, 48, 48];
const SIDELINES: Rgb = [43, 108, 176];
const BRIEF: Rgb = [39, 120, 80];
const CANCELLED: Rgb = [113, 128, 150];
const WHITE: Rgb = [255, 255, 255];

// Layout, in pixels.
const FRAME_WIDTH: f32 = 6.0;
const MARGIN: f32 = 32.0;
const PLOT_LEFT: f32 = 118.0;
const PLOT_RIGHT: f32 = 1170.0;
const PLOT_TOP: f32 = 84.0;
const MEET_BASE: f32 = 334.0;
const FIRST_LEVEL: f32 = MEET_BASE - 30.0;
const LEVEL_STEP: f32 = 37.0;
const MAX_LEVELS: usize = 6;
const CALL_BASE: f32 = 556.0;
const CALL_MAX_HEIGHT: f32 = 150.0;
const YEAR_BASELINE: f32 = 590.0;
const LEGEND_ROWS: [f32; 2] = [626.0, 656.0];
const MARKER: f32 = 13.0;

// Type sizes: at phone width the picture is shown at about a third of its size.
const TITLE_PX: f32 = 38.0;
const AS_OF_PX: f32 = 24.0;
const LANE_PX: f32 = 28.0;
const LABEL_PX: f32 = 26.0;
const COUNT_PX: f32 = 28.0;
const YEAR_PX: f32 = 26.0;
const LEGEND_PX: f32 = 23.0;
const SHADE_PX: f32 = 20.0;

/// The two weights of the shipped font.
pub struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, DrawError> {
        Ok(Fonts {
            regular: FontRef::try_from_slice(REGULAR).map_err(|_| DrawError::Font)?,
            bold: FontRef::try_from_slice(BOLD).map_err(|_| DrawError::Font)?,
        })
    }

    /// Characters of `text` that either weight lacks (drawn as nothing, so none may be).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .filter(|c| self.regular.glyph_id(*c).0 == 0 || self.bold.glyph_id(*c).0 == 0)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The shipped font files, for the size report.
pub fn font_bytes() -> usize {
    REGULAR.len() + BOLD.len()
}

/// The chart as PNG bytes.
pub fn png(model: &ChartModel) -> Result<Vec<u8>, DrawError> {
    let fonts = Fonts::load()?;
    let mut canvas = Canvas::new(&fonts)?;
    canvas.paint(model);
    encode(&canvas.pixmap).map_err(|e| DrawError::Encode(e.to_string()))
}

/// RGB without alpha (the picture is opaque), compressed hard: it is encoded once, and
/// sent with every timeline. No row filter: flat areas and anti-aliased text in a few
/// colours deflate better unfiltered (79,074 bytes with adaptive Paeth, about 65,000
/// without; 918 colours, too many for a lossless palette).
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    encoder.set_filter(png::FilterType::NoFilter);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}

struct Canvas<'f> {
    pixmap: Pixmap,
    fonts: &'f Fonts,
}

fn paint_of(rgb: Rgb) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
    p.anti_alias = true;
    p
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Centre,
    Right,
}

impl<'f> Canvas<'f> {
    fn new(fonts: &'f Fonts) -> Result<Canvas<'f>, DrawError> {
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or(DrawError::Canvas)?;
        pixmap.fill(tiny_skia::Color::from_rgba8(
            BACKGROUND[0],
            BACKGROUND[1],
            BACKGROUND[2],
            255,
        ));
        Ok(Canvas { pixmap, fonts })
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: Rgb) {
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            self.pixmap
                .fill_rect(r, &paint_of(rgb), Transform::identity(), None);
        }
    }

    fn fill(&mut self, path: Option<Path>, rgb: Rgb) {
        if let Some(p) = path {
            self.pixmap.fill_path(
                &p,
                &paint_of(rgb),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    fn stroke(&mut self, path: Option<Path>, rgb: Rgb, width: f32, dash: bool) {
        let Some(p) = path else { return };
        let stroke = Stroke {
            width,
            line_cap: if dash { LineCap::Butt } else { LineCap::Round },
            dash: if dash {
                StrokeDash::new(vec![7.0, 6.0], 0.0)
            } else {
                None
            },
            ..Stroke::default()
        };
        self.pixmap
            .stroke_path(&p, &paint_of(rgb), &stroke, Transform::identity(), None);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), rgb: Rgb, width: f32, dash: bool) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0, from.1);
        pb.line_to(to.0, to.1);
        self.stroke(pb.finish(), rgb, width, dash);
    }

    fn font(&self, bold: bool) -> &'f FontRef<'static> {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    fn text_width(&self, text: &str, px: f32, bold: bool) -> f32 {
        let font = self.font(bold).as_scaled(px);
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                width += font.kern(p, id);
            }
            width += font.h_advance(id);
            previous = Some(id);
        }
        width
    }

    /// Draws `text` with its baseline at `y`; returns its width.
    fn text(
        &mut self,
        text: &str,
        (x, y): (f32, f32),
        px: f32,
        bold: bool,
        rgb: Rgb,
        align: Align,
    ) -> f32 {
        let width = self.text_width(text, px, bold);
        let font = self.font(bold);
        let scaled = font.as_scaled(px);
        let mut caret = match align {
            Align::Left => x,
            Align::Centre => x - width / 2.0,
            Align::Right => x - width,
        };
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                caret += scaled.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(px, point(caret, y));
            caret += scaled.h_advance(id);
            if let Some(outline) = font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
                outline.draw(|gx, gy, coverage| {
                    self.blend(left + gx as i32, top + gy as i32, rgb, coverage)
                });
            }
        }
        width
    }

    /// Blends one text pixel over the (opaque) picture.
    fn blend(&mut self, x: i32, y: i32, rgb: Rgb, coverage: f32) {
        let (w, h) = (self.pixmap.width() as i32, self.pixmap.height() as i32);
        if x < 0 || y < 0 || x >= w || y >= h {
            return;
        }
        let a = (coverage.clamp(0.0, 1.0) * 255.0).round() as u32;
        let i = ((y * w + x) * 4) as usize;
        let data = self.pixmap.data_mut();
        for (c, value) in rgb.iter().enumerate() {
            let under = u32::from(data[i + c]);
            data[i + c] = ((u32::from(*value) * a + under * (255 - a) + 127) / 255) as u8;
        }
        data[i + 3] = 255;
    }

    fn marker(&mut self, format: MeetingFormat, x: f32, y: f32, r: f32) {
        match format {
            MeetingFormat::StandaloneSummit => {
                self.fill(PathBuilder::from_circle(x, y, r + 2.0), WHITE);
                self.fill(PathBuilder::from_circle(x, y, r), SUMMIT);
            }
            MeetingFormat::BilateralSidelines => {
                let d = r * 1.25;
                let diamond = |d: f32| {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x, y - d);
                    pb.line_to(x + d, y);
                    pb.line_to(x, y + d);
                    pb.line_to(x - d, y);
                    pb.close();
                    pb.finish()
                };
                self.fill(diamond(d + 2.5), WHITE);
                self.fill(diamond(d), SIDELINES);
            }
            MeetingFormat::BriefInformal => {
                let triangle = |r: f32| {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x, y - r * 1.15);
                    pb.line_to(x + r * 1.1, y + r * 0.85);
                    pb.line_to(x - r * 1.1, y + r * 0.85);
                    pb.close();
                    pb.finish()
                };
                self.fill(triangle(r + 3.0), WHITE);
                self.fill(triangle(r), BRIEF);
            }
            MeetingFormat::Cancelled => {
                self.fill(PathBuilder::from_circle(x, y, r), WHITE);
                self.stroke(
                    PathBuilder::from_circle(x, y, r - 1.5),
                    CANCELLED,
                    4.0,
                    false,
                );
                let k = r * 0.45;
                self.line((x - k, y - k), (x + k, y + k), CANCELLED, 3.5, false);
                self.line((x - k, y + k), (x + k, y - k), CANCELLED, 3.5, false);
            }
        }
    }

    fn paint(&mut self, model: &ChartModel) {
        let w = WIDTH as f32;
        let h = HEIGHT as f32;
        self.rect(0.0, 0.0, w, FRAME_WIDTH, FRAME);
        self.rect(0.0, h - FRAME_WIDTH, w, FRAME_WIDTH, FRAME);
        self.rect(0.0, 0.0, FRAME_WIDTH, h, FRAME);
        self.rect(w - FRAME_WIDTH, 0.0, FRAME_WIDTH, h, FRAME);
        self.text(
            &model.title,
            (MARGIN, 58.0),
            TITLE_PX,
            true,
            INK,
            Align::Left,
        );
        self.text(
            &model.as_of,
            (w - MARGIN, 56.0),
            AS_OF_PX,
            false,
            MUTED,
            Align::Right,
        );

        let Some(first) = model.years.first().map(|y| y.year) else {
            return;
        };
        let columns = model.years.len().max(1) as f32;
        let column = (PLOT_RIGHT - PLOT_LEFT) / columns;
        let x_of = |at: f32| PLOT_LEFT + (at - f32::from(first)) * column;

        // The years out of office, shaded behind everything.
        let shade = model.out_of_office.as_ref().and_then(|(from, to, label)| {
            let (x0, x1) = (x_of(f32::from(*from)), x_of(f32::from(*to) + 1.0));
            (x1 > x0).then_some((x0, x1, label))
        });
        if let Some((x0, x1, _)) = shade {
            self.rect(x0, PLOT_TOP, x1 - x0, CALL_BASE - PLOT_TOP, SHADE);
        }
        // Year boundaries.
        for i in 0..=model.years.len() {
            let x = (PLOT_LEFT + i as f32 * column).round();
            self.rect(x - 1.0, PLOT_TOP, 2.0, CALL_BASE - PLOT_TOP, GRID);
        }
        if let Some((x0, x1, label)) = shade {
            let fit = (x1 - x0 - 20.0) / self.text_width(label, SHADE_PX, true).max(1.0);
            let px = SHADE_PX * fit.min(1.0);
            let (centre, y) = ((x0 + x1) / 2.0, CALL_BASE - CALL_MAX_HEIGHT / 2.0);
            let width = self.text_width(label, px, true);
            self.rect(
                centre - width / 2.0 - 8.0,
                y - px - 4.0,
                width + 16.0,
                px + 14.0,
                SHADE,
            );
            self.text(label, (centre, y), px, true, MUTED, Align::Centre);
        }
        // Lane names.
        let lane_x = (MARGIN + PLOT_LEFT) / 2.0 - 8.0;
        self.text(
            &model.meetings_lane,
            (lane_x, (PLOT_TOP + MEET_BASE) / 2.0 + 9.0),
            LANE_PX,
            true,
            INK,
            Align::Centre,
        );
        self.text(
            &model.calls_lane,
            (lane_x, CALL_BASE - CALL_MAX_HEIGHT / 2.0 + 9.0),
            LANE_PX,
            true,
            INK,
            Align::Centre,
        );

        self.calls(&model.years, column, &x_of);
        self.rect(
            PLOT_LEFT,
            CALL_BASE - 1.5,
            PLOT_RIGHT - PLOT_LEFT,
            3.0,
            AXIS,
        );
        for y in &model.years {
            let x = x_of(f32::from(y.year) + 0.5);
            self.text(
                &y.year.to_string(),
                (x, YEAR_BASELINE),
                YEAR_PX,
                true,
                INK,
                Align::Centre,
            );
        }
        self.rect(
            PLOT_LEFT,
            MEET_BASE - 1.5,
            PLOT_RIGHT - PLOT_LEFT,
            3.0,
            AXIS,
        );
        self.meetings(&model.markers, &x_of);
        self.legend(model);
    }

    fn calls(&mut self, years: &[YearBar], column: f32, x_of: &dyn Fn(f32) -> f32) {
        let most = years.iter().map(YearBar::total).max().unwrap_or(0).max(1);
        let unit = CALL_MAX_HEIGHT / f32::from(most);
        let bar = (column * 0.5).round();
        for y in years {
            let centre = x_of(f32::from(y.year) + 0.5);
            let left = (centre - bar / 2.0).round();
            let solid = f32::from(y.confirmed) * unit;
            let light = f32::from(y.unconfirmed) * unit;
            self.rect(left, CALL_BASE - solid, bar, solid, CALL);
            if y.unconfirmed > 0 {
                let top = CALL_BASE - solid - light;
                self.rect(left, top, bar, light, CALL_LIGHT);
                // A solid edge keeps the light part visible on any screen.
                let mut pb = PathBuilder::new();
                if let Some(r) = Rect::from_xywh(left + 1.5, top + 1.5, bar - 3.0, light - 3.0) {
                    pb.push_rect(r);
                }
                self.stroke(pb.finish(), CALL, 3.0, false);
            }
            let top = CALL_BASE - solid - light;
            let colour = if y.total() == 0 { MUTED } else { INK };
            self.text(
                &y.total().to_string(),
                (centre, top - 8.0),
                COUNT_PX,
                true,
                colour,
                Align::Centre,
            );
        }
    }

    /// Markers on stems above the meetings' baseline. Placed from the right: a label runs
    /// to the right, so a marker whose label would cover another goes up a level, and no
    /// stem crosses a label.
    fn meetings(&mut self, markers: &[Marker], x_of: &dyn Fn(f32) -> f32) {
        struct Placed<'m> {
            marker: &'m Marker,
            level: usize,
            x: f32,
            /// The label's extent, and the marker's with it.
            text_left: f32,
            left: f32,
            right: f32,
        }
        let mut order: Vec<&Marker> = markers.iter().collect();
        order.sort_by(|a, b| b.at.total_cmp(&a.at));
        let mut placed: Vec<Placed<'_>> = Vec::new();
        for m in order {
            let x = x_of(m.at);
            let width = self.text_width(&m.city, LABEL_PX, false);
            // A label that would run off the right edge goes to the marker's left.
            let flipped = x + MARKER + 6.0 + width > WIDTH as f32 - MARGIN;
            let (text_left, left, right) = if flipped {
                let text_left = x - MARKER - 6.0 - width;
                (text_left, text_left - 10.0, x + MARKER + 4.0)
            } else {
                let text_left = x + MARKER + 6.0;
                (text_left, x - MARKER - 4.0, text_left + width + 10.0)
            };
            let fits = |level: usize| {
                placed.iter().all(|p| match p.level.cmp(&level) {
                    std::cmp::Ordering::Equal => !(p.left < right && left < p.right),
                    // Their stem passes our level: it must miss our label and marker.
                    std::cmp::Ordering::Greater => !(left < p.x && p.x < right),
                    // Our stem passes their level: it must miss their label.
                    std::cmp::Ordering::Less => !(p.text_left - 4.0 < x && x < p.right),
                })
            };
            let level = (0..MAX_LEVELS).find(|l| fits(*l)).unwrap_or(MAX_LEVELS - 1);
            placed.push(Placed {
                marker: m,
                level,
                x,
                text_left,
                left,
                right,
            });
        }
        let y_of = |level: usize| FIRST_LEVEL - level as f32 * LEVEL_STEP;
        for p in &placed {
            let (colour, dash) = style(p.marker.format);
            self.line((p.x, y_of(p.level)), (p.x, MEET_BASE), colour, 3.0, dash);
        }
        for p in &placed {
            self.marker(p.marker.format, p.x, y_of(p.level), MARKER);
        }
        for p in &placed {
            let ink = if p.marker.format == MeetingFormat::Cancelled {
                MUTED
            } else {
                INK
            };
            let y = y_of(p.level) + 8.0;
            self.text(
                &p.marker.city,
                (p.text_left, y),
                LABEL_PX,
                false,
                ink,
                Align::Left,
            );
        }
    }

    fn legend(&mut self, model: &ChartModel) {
        let mut x = MARGIN;
        let y = LEGEND_ROWS[0];
        for (format, label) in &model.formats {
            self.marker(*format, x + 11.0, y - 7.0, 10.0);
            x += 28.0;
            x += self.text(label, (x, y), LEGEND_PX, false, INK, Align::Left) + 30.0;
        }
        let mut x = MARGIN;
        let y = LEGEND_ROWS[1];
        self.rect(x, y - 17.0, 24.0, 18.0, CALL);
        x += 32.0;
        x += self.text(
            &model.legend_calls,
            (x, y),
            LEGEND_PX,
            false,
            INK,
            Align::Left,
        ) + 30.0;
        self.rect(x, y - 17.0, 24.0, 18.0, CALL_LIGHT);
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x + 1.5, y - 15.5, 21.0, 15.0) {
            pb.push_rect(r);
        }
        self.stroke(pb.finish(), CALL, 3.0, false);
        x += 32.0;
        self.text(
            &model.legend_calls_unconfirmed,
            (x, y),
            LEGEND_PX,
            false,
            INK,
            Align::Left,
        );
    }
}

/// A marker's stem: its colour, and dashed for what did not take place.
fn style(format: MeetingFormat) -> (Rgb, bool) {
    match format {
        MeetingFormat::StandaloneSummit => (SUMMIT, false),
        MeetingFormat::BilateralSidelines => (SIDELINES, false),
        MeetingFormat::BriefInformal => (BRIEF, false),
        MeetingFormat::Cancelled => (CANCELLED, true),
    }
}
