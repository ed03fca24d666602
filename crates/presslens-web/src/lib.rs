//! presslens in a browser.
//!
//! - [`render_article`] / [`render_articles`]: one self-contained HTML page (inline style sheet
//!   and script, no external addresses) showing a `presslens/1` result: the article text with
//!   its evidence highlighted — statements coloured by source with their relay chains, cues and
//!   sources, entities, dates with resolved values, figures with claimants, distancing and
//!   framing words — beside panels for sources, statements, the timeline and figures.
//! - [`serve`]: a small local web server (loopback by default) with a paste box that analyses a
//!   text, and article, search and story pages over a [`Library`] of analysed articles.
//!
//! Everything taken from an article or its metadata is HTML-escaped ([`escape`]).

pub mod escape;
mod library;
mod render;
mod server;
mod store;

pub use library::{hit_of, Hit, JsonlLibrary, Library, OutletColumn, Story, StorySummary};
pub use render::{render_article, render_articles};
pub use server::{router, serve, serve_blocking, Analyzer, ServeConfig, DEFAULT_BODY_LIMIT};
pub use store::StoreLibrary;
