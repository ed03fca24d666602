"""Tests of the installed presslens wheel (run by .ci/python.sh in a fresh venv)."""

import json
import os
import pathlib
import subprocess
import sys

import presslens
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "rt-2016-12-24-assad-thanks-putin-aleppo.txt"


@pytest.fixture(scope="module")
def example_text():
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(example_text):
    return presslens.analyze(example_text, published="2016-12-24")


def spans(value):
    """Every {"start", "end", "text"} object anywhere in a result."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("text"), str):
            yield value
        for v in value.values():
            yield from spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from spans(v)


def test_the_package_is_the_built_extension():
    native = pathlib.Path(presslens._native.__file__)
    assert native.suffix in (".so", ".pyd"), native
    assert "abi3" in native.name, native
    parts = presslens.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts), presslens.__version__


def test_the_kremlin_quotes_putin(example):
    assert example["schema"] == presslens.SCHEMA
    assert example["id"] is None
    assert example["document"]["published"] == "2016-12-24"
    by_id = {a["id"]: a for a in example["attributions"]}
    putin = [
        a
        for a in example["attributions"]
        if a["source"] and a["source"]["text"] == "Putin" and a["via"] is not None
    ]
    assert putin, [a["source"] for a in example["attributions"]]
    via = by_id[putin[0]["via"]]
    assert "Kremlin" in via["source"]["text"]
    # A full quotation keeps its quotation marks (presslens/1 convention since 2026-11-26).
    assert putin[0]["content"]["text"].startswith("\u201cThis success has become possible")
    names = {s["name"] for s in example["sources"]}
    assert "Sergey Shoigu" in names or "Shoigu" in " ".join(names), names


def test_every_span_slices_back_to_the_text(example_text):
    doc = presslens.analyze(example_text, tokens=True)
    text = doc["text"]
    assert any(ord(c) > 127 for c in text)  # curly quotes: offsets must be code points
    found = list(spans(doc))
    assert (
        len(found) > 500
    )  # tokens, sentences, paragraphs, entity mentions, attributions ...
    for s in found:
        assert text[s["start"] : s["end"]] == s["text"], s
    assert len(doc["tokens"]) > 400
    assert "tokens" not in presslens.analyze(example_text)


@pytest.mark.skipif(
    not os.environ.get("PRESSLENS_BIN"),
    reason="PRESSLENS_BIN (the presslens command) not set",
)
def test_same_json_as_the_cli(example_text):
    cli = subprocess.run(
        [
            os.environ["PRESSLENS_BIN"],
            "analyze",
            "--format",
            "json",
            "--published",
            "2016-12-24",
            "-",
        ],
        input=example_text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    assert json.loads(cli.stdout) == presslens.analyze(
        example_text, published="2016-12-24"
    )


def test_records_and_errors_in_order():
    base = "Minister says {n} hurt\n\nThe health minister said on Monday that {n} people were hurt."
    items = []
    for n in range(24):
        items.append(
            {"id": f"r{n}", "text": base.format(n=n), "outlet": "Wire", "url": None}
        )
    items[3] = {"id": "no-text"}
    items[7] = {"id": "bad-date", "text": "Some text.", "published": "soon"}
    items[11] = 42
    items[15] = base.format(n=15)  # plain text: result id is None
    items[19] = {"id": "blank", "text": "   "}
    out = presslens.analyze_many(iter(items), threads=3)
    assert len(out) == len(items)
    errors = {3: 'missing "text"', 7: "soon", 11: "not int", 19: "empty"}
    for i, r in enumerate(out):
        assert r["schema"] == "presslens/1"
        if i in errors:
            e = r["error"]
            assert e["input"] == "items" and e["line"] == i + 1, e
            assert e["message"].startswith(f"items:{i + 1}:"), e
            assert errors[i] in e["message"], e
            assert r["id"] == (None if i == 11 else items[i]["id"])
            continue
        assert "error" not in r, r
        assert f"that {i} people" in r["text"]
        if i == 15:
            assert r["id"] is None
        else:
            assert r["id"] == f"r{i}"
            assert r["document"]["outlet"] == "Wire"
            assert r["document"]["url"] is None


def test_many_equals_one_by_one(example_text):
    records = [
        {"id": "ex", "text": example_text, "published": "2016-12-24"},
        {
            "id": 7,
            "title": "Police: 3 arrested",
            "text": "Police said three men were arrested.",
        },
    ]
    many = presslens.analyze_many(records, threads=2)
    assert many == [presslens.analyze(r) for r in records]
    assert many[1]["id"] == "7"
    assert many[1]["text"].startswith("Police: 3 arrested\n\n")
    chunks = list(presslens.iter_many(records * 2, chunk_size=3, threads=1))
    assert chunks == many * 2


def test_published_overrides_and_bad_input_raises(example_text):
    out = presslens.analyze_many([example_text], published="2020-05-01")
    assert out[0]["document"]["published"] == "2020-05-01"
    with pytest.raises(ValueError, match="published"):
        presslens.analyze_many([example_text], published="next week")
    with pytest.raises(ValueError, match="empty"):
        presslens.analyze("")
    with pytest.raises(TypeError):
        presslens.analyze(3.5)
    with pytest.raises(ValueError):
        presslens.analyze_many([example_text], threads=0)
    assert presslens.analyze_many([]) == []


def test_limits_make_error_records(example_text):
    out = presslens.analyze_many([example_text, "Short text here."], max_bytes=100)
    assert "over the limit" in out[0]["error"]["message"]
    assert "error" not in out[1]


def test_to_pandas_rows(example):
    pd = pytest.importorskip("pandas")
    results = presslens.analyze_many(
        [{"id": "ex", "text": example["text"]}, {"id": "broken"}], threads=2
    )
    df = presslens.to_pandas(results, layer="attributions")
    assert isinstance(df, pd.DataFrame)
    assert len(df) == len(results[0]["attributions"]) > 5
    assert list(df.columns[:3]) == ["article", "article_id", "index"]
    assert set(df["article_id"]) == {"ex"}
    assert list(df["index"]) == list(range(len(df)))
    assert list(df["id"]) == [a["id"] for a in results[0]["attributions"]]
    assert "source.text" in df.columns and "content.start" in df.columns
    sent = presslens.to_pandas(results[0], layer="sentences")
    assert len(sent) == len(results[0]["sentences"]) and "zone" in sent.columns
    arts = presslens.to_pandas(results, layer="articles")
    assert list(arts["article_id"]) == ["ex", "broken"]
    assert arts["error"].isna().tolist() == [True, False]
    assert arts["n_attributions"].tolist() == [len(df), 0]
    assert len(presslens.to_pandas([], layer="quantities")) == 0
    with pytest.raises(ValueError, match="unknown layer"):
        presslens.to_pandas(results, layer="quotes")


def test_pandas_values_in_records():
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    frame = pd.DataFrame(
        {
            "id": np.array([1, 2], dtype="int64"),
            "text": ["Officials said 40 people died.", "The mayor said it was fine."],
            "published": [pd.Timestamp("2016-12-24"), None],
            "outlet": [float("nan"), "Wire"],
        }
    )
    out = presslens.analyze_many(frame.to_dict("records"))
    assert [r["id"] for r in out] == ["1", "2"]
    assert out[0]["document"]["published"].startswith("2016-12-24")
    assert (
        out[0]["document"]["outlet"] is None and out[1]["document"]["outlet"] == "Wire"
    )


def test_to_pandas_says_when_pandas_is_missing(example):
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import presslens\n"
        "try:\n"
        "    presslens.to_pandas([], layer='sentences')\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "pip install pandas" in out.stdout
