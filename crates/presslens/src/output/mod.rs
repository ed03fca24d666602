//! Output: the `presslens/1` JSON contract ([`json`]), the report for a person ([`report`]) and
//! GDELT GKG 2.1 rows ([`gkg`]).

pub mod gkg;
pub mod json;
pub mod report;

/// The schema name every JSON result carries.
pub const SCHEMA: &str = "presslens/1";
