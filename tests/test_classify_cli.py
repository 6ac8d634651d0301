"""The classifier's CLI: eval on a small CSV, classify one text, train reproducibly."""

from __future__ import annotations

import json
from pathlib import Path

import joblib
import numpy as np
import pytest
from typer.testing import CliRunner

from schoolwatch.cli.classify_cmds import app
from transforms.classify import Classifier
from transforms.classify.model import load

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def test_eval_json_shape_and_figures() -> None:
    result = runner.invoke(app, ["eval", "--data", str(DATA / "classify_eval_small.csv"), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[-1])
    assert set(out) == {"n", "flag", "per_category", "baseline", "texts_per_second", "baseline_texts_per_second"}
    assert out["n"] == 10
    assert set(out["flag"]) == {"precision", "recall", "f1", "false_positive_rate"}
    assert set(out["baseline"]["flag"]) == {"precision", "recall", "f1", "false_positive_rate"}
    assert out["flag"]["recall"] == 1.0
    assert out["flag"]["false_positive_rate"] == 0.0
    assert out["per_category"]["threat"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert out["texts_per_second"] > 0 and out["baseline_texts_per_second"] > 0


def test_eval_human_output_shows_confusion_and_baseline() -> None:
    result = runner.invoke(app, ["eval", "--data", str(DATA / "classify_eval_small.csv")])
    assert result.exit_code == 0, result.output
    assert "confusion" in result.output
    assert "profanity-check" in result.output
    assert "texts/s" in result.output


def test_eval_rejects_unknown_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,label\n1,hello,rude\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--data", str(bad)])
    assert result.exit_code != 0


def test_eval_split_filter(tmp_path: Path) -> None:
    f = tmp_path / "s.csv"
    f.write_text("id,text,label,split\n1,kys,self_harm,dev\n2,hello,none,train\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--data", str(f), "--split", "dev", "--json", "--no-baseline"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[-1])
    assert out["n"] == 1 and out["baseline"] is None


def test_classify_prints_category_and_escaped_evidence() -> None:
    result = runner.invoke(app, ["classify", "k\u200by\u200bs"])
    assert result.exit_code == 0, result.output
    assert "self_harm" in result.output and "critical" in result.output
    assert "\u200b" not in result.output and "\\u200b" in result.output
    result = runner.invoke(app, ["classify", "--json", "lovely day"])
    assert json.loads(result.output)["flags"] == []


@pytest.mark.slow
def test_train_is_reproducible_on_a_tiny_set(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = runner.invoke(
            app,
            ["train", "--data-dir", str(DATA), "--sets", "classify_train_tiny", "--out", str(tmp_path / f"{name}.joblib"),
             "--n-features", "4096", "--epochs", "5"],
        )
        assert result.exit_code == 0, result.output
    a, b = joblib.load(tmp_path / "a.joblib"), joblib.load(tmp_path / "b.joblib")
    assert a["version"] == b["version"]
    assert np.array_equal(a["coef"], b["coef"])
    model = load(tmp_path / "a.joblib")
    clf = Classifier(model=model)
    assert clf.version.endswith(model.version)
    assert clf.classify_many(["you are such an idiot", "well done to the choir"])[1] == []


def test_extra_critical_keeps_only_the_critical_lines(tmp_path: Path) -> None:
    from schoolwatch.cli.classify_cmds import read_extra

    f = tmp_path / "holdout99.csv"
    f.write_text("id,text,label\n1,see you at the gates,none\n2,kys,self_harm\n3,you idiot,abuse\n4,dm me ur pics,grooming\n",
                 encoding="utf-8")
    every = read_extra(f)
    critical = read_extra(f, critical_only=True)
    assert every["label"].tolist() == ["none", "self_harm", "abuse", "grooming"]
    assert critical["label"].tolist() == ["self_harm", "grooming"]
    assert set(critical["source"]) == {"extra:holdout99"} and set(critical["split"]) == {"train"}


def test_extra_head_lines_are_for_the_school_head_alone(tmp_path: Path) -> None:
    import pandas as pd

    from schoolwatch.cli.classify_cmds import read_extra
    from transforms.classify.train import TrainConfig, _weights

    f = tmp_path / "train_z9.csv"
    f.write_text("id,text,label\n1,see you at the gates,none\n2,kys,self_harm\n", encoding="utf-8")
    head = read_extra(f, head_only=True)
    assert set(head["source"]) == {"extra:head:train_z9"} and head["label"].tolist() == ["none", "self_harm"]
    # the main model gives head-only lines no weight, and the other school lines the same
    # weights as if the head-only ones were not there
    sources = pd.Series(["pub"] * 4 + ["extra:a"] * 2 + ["extra:head:z"] * 2)
    labels = pd.Series(["none", "abuse", "none", "abuse", "threat", "none", "threat", "none"])
    cfg = TrainConfig(school_weight=2.0)
    w = _weights(sources, labels, cfg)
    assert w[6:].tolist() == [0.0, 0.0]
    assert w[:6].tolist() == _weights(sources[:6], labels[:6], cfg).tolist()


def test_shipped_model_loads_and_has_a_card() -> None:
    model = load()
    assert model.version.startswith("lr-")
    card = Path(load.__code__.co_filename).parent / "model" / "MODEL_CARD.md"
    assert model.version in card.read_text(encoding="utf-8")
