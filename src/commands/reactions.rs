//! `/reactions`: reactions of the US, Russia, Ukraine, Europe, Japan, China and the media (反応).

use super::{lookup, CommandSpec, Offer};
use crate::knowledge::Kind;

pub const SPEC: CommandSpec = lookup::spec("reactions", &OPTION);

const OPTION: [super::OptionSpec; 1] =
    lookup::option("actor", false, Offer::Choices, &[Kind::Reaction]);
