//! The extension module `presslens._native`: thin PyO3 wrappers over the core. Results cross into
//! Python as compact `presslens/1` JSON strings (the Python package turns them into dicts with
//! `json.loads`), so the Python side sees byte for byte what `presslens batch` writes.

use crate::{Input, Settings};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::time::Duration;

/// Item kinds of `analyze_many`'s input tuples.
const KIND_TEXT: u8 = 0;
const KIND_RECORD: u8 = 1;
const KIND_INVALID: u8 = 2;

fn settings(
    published: Option<&str>,
    tokens: bool,
    threads: usize,
    timeout_secs: f64,
    max_bytes: usize,
) -> PyResult<Settings> {
    let published = match published {
        Some(p) => Some(
            crate::check_published(p)
                .map_err(|e| PyValueError::new_err(format!("published: {e}")))?,
        ),
        None => None,
    };
    let timeout = if timeout_secs.is_finite() && timeout_secs > 0.0 {
        Some(Duration::from_secs_f64(timeout_secs))
    } else {
        None
    };
    Ok(Settings {
        published,
        tokens,
        threads,
        timeout,
        max_bytes,
    })
}

fn one(py: Python<'_>, input: Input, published: Option<&str>, tokens: bool) -> PyResult<String> {
    let s = settings(published, tokens, 1, 0.0, crate::DEFAULT_MAX_BYTES)?;
    py.detach(move || crate::analyze_one(&input, &s))
        .map(|v| v.to_string())
        .map_err(PyValueError::new_err)
}

/// Analyses one article given as text (plain text or an HTML page); returns its presslens/1
/// JSON. Raises ValueError when it cannot be analysed (e.g. it is empty).
#[pyfunction]
#[pyo3(signature = (text, published=None, tokens=false))]
fn analyze_text(
    py: Python<'_>,
    text: String,
    published: Option<&str>,
    tokens: bool,
) -> PyResult<String> {
    one(py, Input::Text(text), published, tokens)
}

/// Analyses one JSON Lines record (a JSON object as a string); returns its presslens/1 JSON.
/// Raises ValueError when it cannot be analysed.
#[pyfunction]
#[pyo3(signature = (record, published=None, tokens=false))]
fn analyze_record(
    py: Python<'_>,
    record: String,
    published: Option<&str>,
    tokens: bool,
) -> PyResult<String> {
    one(py, Input::Record(record), published, tokens)
}

/// Analyses many items in parallel without the GIL. `items` are `(kind, payload, id)` tuples:
/// kind 0 text, 1 JSON Lines record, 2 invalid (payload is the message, id the error record's
/// id). Returns one presslens/1 JSON string per item, in order; failures are error records.
/// Raises ValueError only for a bad `published`.
#[pyfunction]
#[pyo3(signature = (items, threads=0, published=None, tokens=false, timeout_secs=60.0, max_bytes=crate::DEFAULT_MAX_BYTES))]
fn analyze_many(
    py: Python<'_>,
    items: Vec<(u8, String, Option<String>)>,
    threads: usize,
    published: Option<&str>,
    tokens: bool,
    timeout_secs: f64,
    max_bytes: usize,
) -> PyResult<Vec<String>> {
    let s = settings(published, tokens, threads, timeout_secs, max_bytes)?;
    let inputs: Vec<Input> = items
        .into_iter()
        .map(|(kind, payload, id)| match kind {
            KIND_TEXT => Input::Text(payload),
            KIND_RECORD => Input::Record(payload),
            KIND_INVALID => Input::Invalid {
                id,
                message: payload,
            },
            other => Input::Invalid {
                id,
                message: format!("unknown item kind {other}"),
            },
        })
        .collect();
    let out = py.detach(move || crate::analyze_many(inputs, &s));
    Ok(out.into_iter().map(|v| v.to_string()).collect())
}

/// The version of presslens these bindings are built from.
#[pyfunction]
fn version() -> &'static str {
    crate::version()
}

/// The native part of the `presslens` package; use the package's functions instead.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_text, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_record, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add("KIND_TEXT", KIND_TEXT)?;
    m.add("KIND_RECORD", KIND_RECORD)?;
    m.add("KIND_INVALID", KIND_INVALID)?;
    Ok(())
}
