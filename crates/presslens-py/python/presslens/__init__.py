"""presslens: who said what, according to whom, when, with which numbers and in which words.

Offline news-article analysis with evidence. Every function returns the ``presslens/1`` result
(see ``docs/schema.md`` in the presslens repository) as plain Python dicts and lists, exactly the
JSON that ``presslens analyze --format json`` and ``presslens batch`` write::

    import presslens
    doc = presslens.analyze(text, published="2016-12-24")
    for a in doc["attributions"]:
        print(a)
    results = presslens.analyze_many(records, threads=4)   # in parallel, without the GIL
    df = presslens.to_pandas(results, layer="attributions")  # needs pandas

Every span is ``{"start", "end", "text"}`` in code point offsets into ``doc["text"]``, so
``doc["text"][s["start"]:s["end"]] == s["text"]``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from . import _native

__all__ = [
    "LAYERS",
    "SCHEMA",
    "__version__",
    "analyze",
    "analyze_many",
    "iter_many",
    "to_pandas",
]

#: The version of presslens the package is built from.
__version__: str = _native.version()

#: The contract version every result carries in its ``"schema"`` key.
SCHEMA = "presslens/1"

#: The list-valued layers of a result, in output order (``tokens`` only with ``tokens=True``).
LAYERS = (
    "sentences",
    "tokens",
    "entities",
    "attributions",
    "distancing",
    "timexes",
    "quantities",
    "framing",
    "sources",
)

#: The default largest article, in bytes (as ``presslens batch``).
DEFAULT_MAX_BYTES = 8 * 1024 * 1024


def _json_default(value: Any) -> Any:
    """Makes dates, numpy scalars and arrays JSON-serialisable."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _missing(value: Any) -> bool:
    """None and NaN (how pandas marks a missing value) count as absent."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    # pandas.NA / NaT, without importing pandas
    return type(value).__name__ in ("NAType", "NaTType")


def _record_json(record: Mapping) -> str:
    """A JSON Lines record for a dict: missing values dropped, dates as ISO strings."""
    clean = {str(k): v for k, v in record.items() if not _missing(v)}
    return json.dumps(clean, ensure_ascii=False, default=_json_default)


def _item(value: Any) -> tuple:
    """The native (kind, payload, id) tuple for one item of ``analyze_many``."""
    if isinstance(value, str):
        return (_native.KIND_TEXT, value, None)
    if isinstance(value, Mapping):
        rid = value.get("id")
        rid = None if _missing(rid) else str(rid)
        try:
            return (_native.KIND_RECORD, _record_json(value), rid)
        except (TypeError, ValueError) as e:
            return (_native.KIND_INVALID, f"cannot read the record: {e}", rid)
    return (
        _native.KIND_INVALID,
        f"an item must be a str (the text) or a dict (a record), not {type(value).__name__}",
        None,
    )


def analyze(
    text: str | Mapping[str, Any],
    published: str | None = None,
    *,
    tokens: bool = False,
) -> dict:
    """Analyses one article and returns its ``presslens/1`` result as a dict.

    ``text`` is the article as a string (plain text with headline, dateline and "READ MORE"
    lines, or an HTML page), or a record dict ``{"id", "text", "title", "published", "url",
    "outlet", "authors"}`` as in a JSON Lines file. ``published`` (e.g. ``"2016-12-24"`` or
    ``"2016-12-24T00:10"``) is the reference date; it overrides the article's own dates.
    ``tokens=True`` adds the ``tokens`` layer.

    Raises ``ValueError`` when the article cannot be analysed (e.g. it is empty) or
    ``published`` cannot be read, and ``TypeError`` for other argument types. The result of a
    text has ``"id": None``.
    """
    if isinstance(text, str):
        out = _native.analyze_text(text, published, tokens)
    elif isinstance(text, Mapping):
        out = _native.analyze_record(_record_json(text), published, tokens)
    else:
        raise TypeError(
            f"presslens.analyze: expected a str or a dict, not {type(text).__name__}"
        )
    return json.loads(out)


def analyze_many(
    items: Iterable[Any],
    threads: int | None = None,
    published: str | None = None,
    *,
    tokens: bool = False,
    timeout: float | None = 60.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list:
    """Analyses many articles in parallel and returns one result per item, in input order.

    Each item is a text (``str``) or a record dict as in a JSON Lines file (``{"id", "text",
    "title"?, "published"?, "url"?, "outlet"?, "authors"?}``; ``None``/NaN values count as
    missing). The work runs on ``threads`` native threads (default: one per core) with the GIL
    released, through the same engine as ``presslens batch``, so a record gives exactly the
    result ``presslens batch`` writes for the same JSON Lines line.

    Never raises for a bad item: an item that cannot be analysed (no text, a bad date, an
    unknown type, over ``max_bytes``, slower than ``timeout`` seconds) becomes an error record
    ``{"schema", "id", "error": {"input": "items", "line": N, "message"}}`` where ``N`` is its
    1-based position. Raises ``ValueError`` only for a bad ``published`` or ``threads``.
    """
    if threads is None:
        threads = 0
    elif not isinstance(threads, int) or threads < 1:
        raise ValueError(
            f"presslens.analyze_many: threads must be a positive int, not {threads!r}"
        )
    timeout_secs = 0.0 if timeout is None else float(timeout)
    native_items = [_item(x) for x in items]
    out = _native.analyze_many(
        native_items, threads, published, tokens, timeout_secs, int(max_bytes)
    )
    return [json.loads(s) for s in out]


def iter_many(
    items: Iterable[Any], chunk_size: int = 1000, **kwargs: Any
) -> Iterator[dict]:
    """Like :func:`analyze_many`, but lazily: reads ``chunk_size`` items at a time, so that a
    large or endless iterable is analysed with bounded memory. Error records name each item's
    position within its chunk."""
    if chunk_size < 1:
        raise ValueError("presslens.iter_many: chunk_size must be at least 1")
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= chunk_size:
            yield from analyze_many(chunk, **kwargs)
            chunk = []
    if chunk:
        yield from analyze_many(chunk, **kwargs)


#: The columns to_pandas puts before an item's own keys.
_META = ("article", "article_id", "index")


def _flatten(prefix: str, value: Any, row: dict) -> None:
    """Flattens nested dicts into dotted column names; lists stay as Python lists."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, row)
    else:
        row[prefix] = value


def to_pandas(results: Iterable[Mapping] | Mapping, layer: str = "attributions"):
    """One ``pandas.DataFrame`` row per item of ``layer`` across ``results``.

    ``results`` is a result or a list of results (from :func:`analyze` or
    :func:`analyze_many`). Every row starts with ``article`` (the result's position in
    ``results``), ``article_id`` (the result's ``id``) and ``index`` (the item's position in its
    layer), followed by the item's keys, nested objects flattened with dots (``source.text``,
    ``cue.start``); list values stay lists. ``layer`` is one of :data:`LAYERS`, or
    ``"articles"`` for one row per result (``article_id``, ``error`` and the ``document``
    metadata, with the number of items per layer as ``n_<layer>``). Error records have no items.
    Needs pandas (``pip install pandas``); raises ``ImportError`` saying so without it.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised without pandas only
        raise ImportError(
            "presslens.to_pandas needs pandas, which is not installed: "
            "pip install pandas (or pip install 'presslens[pandas]')"
        ) from e
    if isinstance(results, Mapping):
        results = [results]
    if layer != "articles" and layer not in LAYERS:
        raise ValueError(
            f"presslens.to_pandas: unknown layer {layer!r}; "
            f"expected 'articles' or one of {', '.join(LAYERS)}"
        )
    rows = []
    for pos, r in enumerate(results):
        if layer == "articles":
            err = r.get("error")
            row = {
                "article": pos,
                "article_id": r.get("id"),
                "error": err.get("message") if isinstance(err, Mapping) else None,
            }
            doc = r.get("document") or {}
            for key in ("published", "updated", "outlet", "url", "place"):
                row[key] = doc.get(key)
            title = doc.get("title")
            row["title"] = title.get("text") if isinstance(title, Mapping) else None
            for name in LAYERS:
                row[f"n_{name}"] = len(r.get(name) or [])
            rows.append(row)
            continue
        for i, item in enumerate(r.get(layer) or []):
            flat: dict = {}
            _flatten("", item, flat)
            row = {"article": pos, "article_id": r.get("id"), "index": i}
            for k, v in flat.items():
                row[f"item.{k}" if k in _META else k] = v
            rows.append(row)
    if not rows:
        cols = (
            ["article", "article_id", "error"] if layer == "articles" else list(_META)
        )
        return pd.DataFrame(columns=cols)
    return pd.DataFrame.from_records(rows)
