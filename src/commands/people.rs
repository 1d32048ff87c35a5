//! `/people`: the two leaders and the people around them (人物).

use super::{lookup, CommandSpec, Offer};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = lookup::spec("people", &OPTION);

const OPTION: [super::OptionSpec; 1] =
    lookup::option("person", false, Offer::Autocomplete, &[Kind::Person]);
