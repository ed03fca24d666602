//! Errors that name the input they came from.

/// Everything that can go wrong while reading or analysing one input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read at all.
    #[error("{input}: cannot read: {source}")]
    Io {
        /// The input's name (a path, `-`, or `line N`).
        input: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input is empty or holds only white space.
    #[error("{input}: input is empty")]
    Empty {
        /// The input's name.
        input: String,
    },
    /// The input looks like binary data, not text.
    #[error("{input}: input looks binary, not text ({why})")]
    Binary {
        /// The input's name.
        input: String,
        /// What gave it away.
        why: String,
    },
    /// The input is larger than the configured limit.
    #[error("{input}: input is {size} bytes, over the limit of {limit}")]
    TooLarge {
        /// The input's name.
        input: String,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A JSON Lines record is malformed.
    #[error("{input}: {message}")]
    Record {
        /// The input's name, with the line number.
        input: String,
        /// What is wrong with the record.
        message: String,
    },
    /// A date given by the caller cannot be parsed.
    #[error("cannot read date {value:?}: expected e.g. 2016-12-24 or 2016-12-24T00:10")]
    BadDate {
        /// What the caller gave.
        value: String,
    },
    /// An HTML page could not be turned into an article.
    #[error("{input}: cannot extract an article from HTML: {message}")]
    Html {
        /// The input's name.
        input: String,
        /// What went wrong.
        message: String,
    },
    /// A gold file for evaluation is malformed.
    #[error("{input}: {message}")]
    Gold {
        /// The file's name.
        input: String,
        /// What is wrong.
        message: String,
    },
}
