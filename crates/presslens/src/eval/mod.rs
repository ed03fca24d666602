//! Scorers against gold data. Each prints the standard metric of its task.

pub mod conllu;
pub mod sentences;
