//! `/myth`: misconceptions and the facts (誤解).

use super::{lookup, CommandSpec, Offer};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = lookup::spec("myth", &OPTION);

const OPTION: [super::OptionSpec; 1] =
    lookup::option("item", false, Offer::Autocomplete, &[Kind::Myth]);
