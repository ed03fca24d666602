//! Claims: dates and times resolved against the dateline ([`timex`]), and the timeline.

pub mod timex;
