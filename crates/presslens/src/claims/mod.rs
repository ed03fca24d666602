//! Claims: dates and times resolved against the dateline ([`timex`]), the timeline, and figures
//! with the attribution that claims them ([`quantities`]).

pub mod quantities;
pub mod timex;
