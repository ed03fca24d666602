//! HTML intake: main text and metadata of a news page.
