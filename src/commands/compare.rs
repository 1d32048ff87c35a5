//! `/compare`: Trump–Zelensky, past US–Russia summits, Xi and Kim meetings (比較).

use super::{lookup, CommandSpec, Offer};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = lookup::spec("compare", &OPTION);

const OPTION: [super::OptionSpec; 1] = lookup::option(
    "target",
    true,
    Offer::Autocomplete,
    &[Kind::Comparison, Kind::PastSummit],
);
