//! `/topic`: agenda, positions and the article's analyses (議題).

use super::{lookup, CommandSpec, Offer};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = lookup::spec("topic", &OPTION);

const OPTION: [super::OptionSpec; 1] = lookup::option(
    "name",
    true,
    Offer::Autocomplete,
    &[Kind::Topic, Kind::Qa, Kind::Calls],
);
