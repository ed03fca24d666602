//! presslens at corpus scale.
//!
//! - [`input`]: finds the articles of directories, text/HTML files and JSON Lines (plain, `.gz`,
//!   `.zst`) and reads them lazily, with a size limit;
//! - [`batch`]: analyses them in parallel with bounded memory and a per-article deadline,
//!   delivering one record per article in input order;
//! - [`resume`]: append-only output that a later run can continue after a crash;
//! - [`parquet`]: the same records as Parquet tables (articles and long tables per layer);
//! - [`store`]: an embedded SQLite store with full-text search over analysed articles;
//! - [`dedup`]: MinHash near-duplicate detection and story clustering.

pub mod batch;
pub mod dedup;
pub mod input;
pub mod parquet;
pub mod resume;
pub mod store;

pub use batch::{BatchOptions, Record, Summary};
pub use input::{Item, Items, Payload};
