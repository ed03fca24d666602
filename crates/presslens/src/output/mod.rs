//! Output: the `presslens/1` JSON contract ([`json`]) and the report for a person ([`report`]).

pub mod json;
pub mod report;

/// The schema name every JSON result carries.
pub const SCHEMA: &str = "presslens/1";
