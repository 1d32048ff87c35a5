//! The timeline chart's drawing time: the model from the records, then the PNG.
//!
//! `cargo bench --bench chart`. The bot draws the chart once (on a thread beside the
//! gateway connection at start, or on first use) and shares the bytes, so this is a
//! one-off cost, not per answer.

use criterion::{black_box, Criterion};
use summit_bot::chart::{draw, ChartModel};
use summit_bot::knowledge::Knowledge;

fn main() {
    let knowledge = Knowledge::embedded().expect("the embedded responses load");
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("chart model", |b| {
        b.iter(|| ChartModel::build(black_box(&knowledge)))
    });
    let model = ChartModel::build(&knowledge);
    c.bench_function("chart png", |b| b.iter(|| draw::png(black_box(&model))));
    c.final_summary();
    match draw::png(&model) {
        Ok(png) => println!(
            "chart: {} bytes of PNG, {} bytes of font",
            png.len(),
            draw::font_bytes()
        ),
        Err(e) => println!("chart: {e}"),
    }
}
