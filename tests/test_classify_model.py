"""The text model's parts: the n-gram featurizer, the school head's decisions, batch repeats,
the artifact round trip and the school-line split."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from schoolwatch.core.categories import Category
from transforms.classify import Classifier
from transforms.classify.model import (
    Featurizer,
    SchoolHead,
    TextModel,
    _bucket,
    l2_rows,
    load,
    murmur,
    save,
)
from transforms.classify.normalise import model_text, normalise

DATA = Path(__file__).parent / "data"
N = 1024


def test_featurizer_counts_ngrams_within_each_text_and_normalises() -> None:
    f = Featurizer(2**18, 2)
    x = f.transform(["a b a b c", "", "zz"])
    assert x.shape == (3, 2**18)
    row = x[0].toarray().ravel()
    # unigrams a, b, c and bigrams "a b" (twice), "b a", "b c": 6 features, counts 2,2,1,2,1,1
    assert np.count_nonzero(row) == 6
    assert np.isclose(np.sum(row**2), 1.0)
    assert np.isclose(row[_bucket("a", 2**18)], 2 / np.sqrt(15))
    assert x[1].nnz == 0
    # no bigram spans two texts: "c" ends text 0 and "zz" is alone in text 2
    assert x[2].nnz == 1 and x[2].indices[0] == _bucket("zz", 2**18)


@pytest.mark.parametrize("word", ["a", "kill", "ur", "snapchat", "café", "ｆｕｌｌ", "😂", "", "x" * 300, "ß\u0301"])
def test_word_hash_is_the_one_the_model_was_trained_with(word: str) -> None:
    # the model's buckets are scikit-learn's murmurhash3_32(positive=True); mmh3 computes
    # it at classify time so that a process that classifies never imports scikit-learn
    from sklearn.utils import murmurhash3_32

    assert murmur(word) == murmurhash3_32(word, seed=0, positive=True)


def test_word_hash_of_a_lone_surrogate_raises_instead_of_crashing() -> None:
    # mmh3 given such a str crashes the interpreter; murmur encodes first, as scikit-learn did
    with pytest.raises(UnicodeEncodeError):
        murmur("\ud800x")


def test_rows_are_scaled_as_scikit_learn_scales_them() -> None:
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    rng = np.random.default_rng(7)
    dense = rng.integers(0, 4, size=(40, 60)).astype(np.float32)
    dense[3] = 0  # an empty row stays empty
    ours, theirs = l2_rows(csr_matrix(dense)), normalize(csr_matrix(dense), copy=False)
    assert ours.dtype == theirs.dtype == np.float32
    assert np.array_equal(ours.toarray(), theirs.toarray())


def test_classifying_does_not_import_scikit_learn() -> None:
    # scikit-learn is for training: importing it took ~0.9 s of every process's start
    import subprocess
    import sys

    code = (
        "import sys; from transforms.classify import Classifier; Classifier().classify('see u at the gates 🔪'); "
        "sys.exit(any(m == 'sklearn' or m.startswith('sklearn.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent).returncode == 0


def test_featurizer_trigrams() -> None:
    x = Featurizer(2**18, 3).transform(["a b c d", "e f"])
    assert x[0].nnz == 4 + 3 + 2 and x[1].nnz == 2 + 1


def _model(school: SchoolHead | None) -> TextModel:
    """Main model: 'rotten' pushes towards abuse, 'blade' towards threat; nothing else."""
    classes = ("abuse", "none", "threat")
    coef = np.zeros((3, N), dtype=np.float32)
    coef[0, _bucket("rotten", N)] = 12.0
    coef[1, _bucket("rotten", N)] = -12.0
    coef[2, _bucket("blade", N)] = 12.0
    coef[1, _bucket("blade", N)] = -12.0
    return TextModel(
        version="lr-test", classes=classes, coef=coef, intercept=np.array([-4.0, 2.0, -4.0], dtype=np.float32),
        link="ovr", platt=(1.0, 0.0), threshold=0.5, n_features=N, ngram_max=2, meta={}, school=school,
    )


def _head(veto: float | None = None, main_critical: bool = True, floor: float = 0.0) -> SchoolHead:
    """School head: 'gates' means threat, 'lovely' means ordinary chatter."""
    classes = ("grooming", "none", "threat")
    coef = np.zeros((3, N), dtype=np.float32)
    coef[2, _bucket("gates", N)] = 12.0
    coef[1, _bucket("gates", N)] = -12.0
    coef[1, _bucket("lovely", N)] = 12.0
    return SchoolHead(classes, coef, np.array([-4.0, 0.0, -4.0], dtype=np.float32), critical_threshold=0.6,
                      veto=veto, main_critical=main_critical, floor=floor)


def test_school_head_flags_a_critical_category_the_main_model_misses() -> None:
    clf = Classifier(model=_model(_head()))
    flags = clf.classify("see you at the gates")
    assert [f.category for f in flags] == [Category.THREAT]
    assert flags[0].source == "model" and "school head" in flags[0].reasons[0]
    assert [s.text for s in flags[0].spans] == ["gates"]
    assert Classifier(model=_model(None)).classify("see you at the gates") == []


def test_a_per_class_threshold_overrides_the_shared_one(tmp_path: Path) -> None:
    head = _head()
    head.class_thresholds = {"threat": 0.99}
    assert Classifier(model=_model(head)).classify("see you at the gates") == []
    head.class_thresholds = {"threat": 0.5, "grooming": 0.99}
    save(_model(head), tmp_path / "m.joblib")
    m = load(tmp_path / "m.joblib")
    assert m.school is not None and m.school.class_thresholds == {"threat": 0.5, "grooming": 0.99}
    assert [f.category for f in Classifier(model=m).classify("see you at the gates")] == [Category.THREAT]


def _torn_head(together: float | None) -> SchoolHead:
    """'lurking' splits the head between grooming and threat, each below its threshold."""
    head = _head()
    head.coef[0, _bucket("lurking", N)] = 6.0
    head.coef[2, _bucket("lurking", N)] = 6.0
    head.coef[1, _bucket("lurking", N)] = -12.0
    head.together = together
    head.__post_init__()
    return head


def test_critical_classes_together_flag_the_likeliest_of_them(tmp_path: Path) -> None:
    text = "someone lurking again"
    model = _model(_torn_head(None))
    probs = model.score([model_text(normalise(text))]).school_probs[0]  # type: ignore[index]
    grooming, threat = probs[0], probs[2]
    assert max(grooming, threat) < 0.6 <= grooming + threat  # neither alone reaches its threshold; together they do
    assert Classifier(model=model).classify(text) == []
    model = _model(_torn_head(0.6))
    flags = Classifier(model=model).classify(text)
    top = Category.GROOMING if grooming > threat else Category.THREAT
    assert [f.category for f in flags] == [top]
    assert "the critical categories together p=" in flags[0].reasons[0]
    # above the joint threshold's reach, nothing; and the artifact keeps it
    assert Classifier(model=_model(_torn_head(round(float(grooming + threat), 3) + 0.01))).classify(text) == []
    save(model, tmp_path / "m.joblib")
    loaded = load(tmp_path / "m.joblib")
    assert loaded.school is not None and loaded.school.together == 0.6
    assert Classifier(model=loaded).classify(text) == flags


def test_floor_needs_the_main_model_to_see_something_too() -> None:
    assert Classifier(model=_model(_head(floor=0.5))).classify("see you at the gates") == []
    # "blade" gives the main model a high flag score, so the head's word is heard
    flags = Classifier(model=_model(_head(floor=0.5))).classify("blade at the gates")
    assert Category.THREAT in {f.category for f in flags}


def test_school_head_names_the_category_when_it_finds_a_critical_one_likelier() -> None:
    head = _head()
    head.classes = ("abuse", "none", "threat")  # its first class is now the main model's abuse
    head.coef[0, :] = 0.0
    head.intercept = np.array([-6.0, 0.0, -4.0], dtype=np.float32)
    head.critical_threshold = 0.99  # so the head does not flag threat on its own
    head.__post_init__()
    # main model: abuse ("rotten"); head: threat likelier than abuse ("gates"), below its threshold
    flags = Classifier(model=_model(head)).classify("rotten gates today lads")
    assert [f.category for f in flags] == [Category.THREAT]
    assert flags[0].reasons == (flags[0].reasons[0],) and "school head reads it as threat" in flags[0].reasons[0]
    # where the head finds abuse likelier than any critical category, the main model's word stands
    head.intercept = np.array([-2.0, 0.0, -4.0], dtype=np.float32)
    assert [f.category for f in Classifier(model=_model(head)).classify("rotten today lads")] == [Category.ABUSE]


def test_a_faint_head_reading_does_not_rename_the_main_models_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    # "rotten" is abuse to the main model; the head puts abuse at p~0.0003 and threat at
    # p~0.018: likelier than abuse, but far under LEAN_MIN, so the flag stays abuse
    from transforms.classify import combine
    from transforms.classify.combine import LEAN_MIN

    head = _head()
    head.classes = ("abuse", "none", "threat")
    head.coef[0, :] = 0.0
    head.intercept = np.array([-8.0, 0.0, -4.0], dtype=np.float32)
    head.critical_threshold = 0.99
    head.__post_init__()
    model = _model(head)
    probs = model.score([model_text(normalise("rotten today lads"))]).school_probs[0]  # type: ignore[index]
    assert probs[0] < probs[2] < LEAN_MIN
    assert [f.category for f in Classifier(model=model).classify("rotten today lads")] == [Category.ABUSE]
    monkeypatch.setattr(combine, "LEAN_MIN", 0.0)  # without the minimum, the faint reading renames it
    assert [f.category for f in Classifier(model=model).classify("rotten today lads")] == [Category.THREAT]


def test_veto_silences_the_main_model_on_ordinary_chatter() -> None:
    text = "rotten weather but a lovely sports day"
    assert [f.category for f in Classifier(model=_model(_head())).classify(text)] == [Category.ABUSE]
    assert Classifier(model=_model(_head(veto=0.5))).classify(text) == []


def test_main_model_leaves_critical_categories_to_the_head_when_told() -> None:
    assert [f.category for f in Classifier(model=_model(_head())).classify("blade")] == [Category.THREAT]
    assert Classifier(model=_model(_head(main_critical=False))).classify("blade") == []


def test_artifact_round_trip_keeps_the_school_head(tmp_path: Path) -> None:
    path = tmp_path / "m.joblib"
    save(_model(_head(veto=0.7, main_critical=False)), path)
    m = load(path)
    assert m.school is not None
    assert (m.school.critical_threshold, m.school.veto, m.school.main_critical) == (0.6, 0.7, False)
    assert m.school.classes == ("grooming", "none", "threat")
    texts = ["see you at the gates", "rotten", "lovely"]
    assert Classifier(model=m).classify_many(texts) == Classifier(model=_model(_head(veto=0.7, main_critical=False))).classify_many(texts)


def test_repeated_texts_are_classified_once_but_each_gets_its_own_list() -> None:
    clf = Classifier()
    out = clf.classify_many(["kys", "lovely day", "kys", None])  # type: ignore[list-item]
    assert out[0] == out[2] and out[0] and out[0] is not out[2]
    assert out[1] == [] and out[3] == []


def _split_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_split", DATA / "school_train" / "make_split.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_school_split_is_stratified_fixed_and_keeps_known_lines_in_training() -> None:
    mod = _split_module()
    rows = [{"id": f"x{i:03d}", "text": f"line {i}", "label": "threat" if i % 3 else "none"} for i in range(60)]
    seen = {"line 1", "line 2"}
    train, held = mod.split(rows, seen)
    assert len(held) == 12 and len(train) == 48
    assert sum(r["label"] == "none" for r in held) == 4  # 20% of the 20 "none" lines
    assert not {r["text"] for r in held} & seen
    assert mod.split(list(reversed(rows)), seen) == (train, held)


@pytest.mark.parametrize("name", ["split_train.csv", "split_heldout.csv"])
def test_committed_split_files_do_not_overlap(name: str) -> None:
    import pandas as pd

    train = pd.read_csv(DATA / "school_train" / "split_train.csv", dtype=str, keep_default_na=False)
    held = pd.read_csv(DATA / "school_train" / "split_heldout.csv", dtype=str, keep_default_na=False)
    assert not set(train["text"].str.lower()) & set(held["text"].str.lower())
    assert {"threat", "self_harm", "sexual", "grooming", "none"} <= set(pd.read_csv(DATA / "school_train" / name)["label"])


@pytest.mark.slow
def test_train_with_school_lines_fits_a_head_or_says_why(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from schoolwatch.cli.classify_cmds import app

    lines = {
        "threat": ["i will stab him at the gates", "bringing a knife for mr cole", "he is getting done after school",
                   "watch your back at the bus stop", "gun in my bag monday", "she won't make it home"],
        "self_harm": ["i want to die tonight", "cant do this anymore goodbye", "nobody would miss me",
                      "cuts are getting deeper", "i took all the pills", "this is my last post"],
        "sexual": ["send nudes of her", "miss is so fit in that skirt", "rate the year 11 girls",
                   "what he did to her in the toilets", "sexy pics of the new teacher", "leaked video of them"],
        "grooming": ["dont tell your mum we talk", "what school do you go to babe", "send me a pic in your uniform",
                     "our little secret ok", "i can pick you up after school", "add me on snap sweetie"],
        "none": ["great sports day today", "the bake sale raised 200 pounds", "parents evening is on thursday",
                 "well done to the choir", "the bus was late again", "year 7 trip to the museum",
                 "lovely assembly this morning", "school photos next week", "the canteen has new menus",
                 "pe kit needed on monday", "half term starts friday", "homework club is back"],
    }
    extra = tmp_path / "school.csv"
    rows = [f"s{i:03d},{t},{label}" for i, (label, t) in enumerate((lab, t) for lab, ts in lines.items() for t in ts)]
    extra.write_text("id,text,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    head_only = tmp_path / "more.csv"
    head_only.write_text("id,text,label\nm1,meet me after school dont tell anyone,grooming\nm2,see you at the match,none\n", encoding="utf-8")
    out = tmp_path / "m.joblib"
    result = CliRunner().invoke(
        app,
        ["train", "--data-dir", str(DATA), "--sets", "classify_train_tiny", "--out", str(out), "--n-features", "4096",
         "--epochs", "5", "--extra", str(extra), "--folds", "2", "--head-public-rows", "50", "--head-public-weight", "0.4",
         "--public-slack", "0.02", "--floor-grid", "0.3,0.25", "--extra-head", f"{head_only}:0.5"],
    )
    assert result.exit_code == 0, result.output
    m = load(out)
    assert m.meta["school_rows"] == len(rows) + 2
    assert m.meta["head_file_weights"] == {"extra:head:more": 0.5}
    assert m.meta["head_public_rows"] == 50 and m.meta["head_public_weight"] == 0.4  # the options reach the trainer
    assert m.meta["public_slack"] == 0.02 and m.meta["floor_grid"] == [0.25, 0.3]
    if m.school is not None:
        assert m.school.floor in (0.25, 0.3)
    # the thresholds were chosen on out-of-fold scores, and the figures say how they did
    assert 0.0 <= m.meta["oof_school_none_fpr"] <= 1.0 and "oof_critical_recall_any_flag" in m.meta
    assert "critical_together" in m.meta  # the joint threshold was considered (None: it found no more lines)
    if m.school is not None:
        assert set(m.school.classes) >= {"threat", "self_harm", "sexual", "grooming", "none"}
        assert "school head" in result.output


def test_thresholds_keep_each_public_set_at_its_baseline_floor() -> None:
    # a low main threshold finds the school threat but halves set b's precision; the mean
    # slack alone would allow it, the floor (alt-profanity-check's F1 on b) does not
    from transforms.classify.train import TrainConfig, _choose, _Scores

    def scores(flag: list[float]) -> _Scores:
        n = len(flag)
        return _Scores(np.zeros(n, bool), np.array(flag), np.zeros(n), np.ones(n), np.zeros(n, bool), np.zeros((n, 4)))

    public = scores([0.7, 0.1, 0.7, 0.35])
    y_dev = np.array([True, False, True, False])
    sources = np.array(["a", "a", "b", "b"])
    school = scores([0.35, 0.1])
    ys = np.array(["threat", "none"])
    cfg = TrainConfig(thresholds=(0.3, 0.6), critical_grid=(0.9,), veto_grid=(None,), floor_grid=(0.2,),
                      together_grid=(None,), public_slack=0.5)
    (free, _), per_free, _ = _choose(public, y_dev, sources, ["a", "b"], school, ys, cfg)
    assert free[0] == 0.3 and per_free["b"] < 0.9  # without a floor the school lines win
    (kept, _), per_kept, _ = _choose(public, y_dev, sources, ["a", "b"], school, ys, cfg, {"a": 0.5, "b": 0.9})
    assert kept[0] == 0.6 and per_kept["b"] == 1.0


def test_a_set_keeps_its_floor_where_some_choice_reaches_it() -> None:
    # the best public mean (threshold 0.3) falls short of set b's floor, but 0.6 keeps it: b
    # keeps its floor and 0.6 is chosen, though 0.3 would find the school threat. (Before round
    # thirty-seven b's floor fell to what the best public choice reached.)
    from transforms.classify.train import TrainConfig, _choose, _Scores

    def scores(flag: list[float]) -> _Scores:
        n = len(flag)
        return _Scores(np.zeros(n, bool), np.array(flag), np.zeros(n), np.ones(n), np.zeros(n, bool), np.zeros((n, 4)))

    public = scores([0.4, 0.1, 0.4, 0.7, 0.35])
    y_dev = np.array([True, False, True, True, False])
    sources = np.array(["a", "a", "a", "b", "b"])
    school = scores([0.35, 0.1])
    ys = np.array(["threat", "none"])
    cfg = TrainConfig(thresholds=(0.3, 0.6), critical_grid=(0.9,), veto_grid=(None,), floor_grid=(0.2,),
                      together_grid=(None,), public_slack=0.6)
    (k, _), per, _ = _choose(public, y_dev, sources, ["a", "b"], school, ys, cfg, {"b": 0.9})
    assert k[0] == 0.6 and per["b"] == 1.0
    # a floor no choice reaches is what the best public choice reaches, as before
    (k, _), per, _ = _choose(public, y_dev, sources, ["a", "b"], school, ys, cfg, {"a": 1.5})
    assert k[0] == 0.3 and per["a"] == 1.0


def test_thresholds_favour_the_critical_class_found_least() -> None:
    # one false alarm is allowed. Lowering the threat threshold finds two more threats and
    # leaves the self-harm line missed; lowering the self-harm one finds that line. The
    # target is per class, so the second wins though it finds fewer lines in all.
    from transforms.classify.train import TrainConfig, _choose, _Scores

    public = _Scores(np.zeros(2, bool), np.array([0.9, 0.1]), np.zeros(2), np.ones(2), np.zeros(2, bool), np.zeros((2, 4)))
    y_dev = np.array([True, False])
    sources = np.array(["a", "a"])
    #             threat  threat  threat  threat  self_harm  none (threat-ish)  none (self-harm-ish)
    threat_p = [0.8, 0.8, 0.45, 0.45, 0.0, 0.5, 0.0]
    self_harm_p = [0.0, 0.0, 0.0, 0.0, 0.45, 0.0, 0.5]
    each = np.zeros((7, 4))
    each[:, 0], each[:, 1] = threat_p, self_harm_p
    school = _Scores(np.zeros(7, bool), np.full(7, 0.1), each.max(axis=1), 1 - each.max(axis=1), np.zeros(7, bool), each)
    ys = np.array(["threat"] * 4 + ["self_harm", "none", "none"])
    cfg = TrainConfig(thresholds=(0.5,), critical_grid=(0.4, 0.6), veto_grid=(None,), floor_grid=(0.0,),
                      together_grid=(None,), public_slack=1.0, critical_fpr=0.5)
    (k, refined), _, stats = _choose(public, y_dev, sources, ["a"], school, ys, cfg)
    assert refined is not None
    t_each, _ = refined
    assert t_each[0] == 0.6 and t_each[1] == 0.4  # threat kept high, self-harm lowered
    assert stats["oof_critical_recall_any_flag"] == 0.6 and stats["oof_school_none_fpr"] == 0.5


def test_primary_names_the_category_combine_would_list_first() -> None:
    from transforms.classify.train import _Scores

    #        rule says sexual | head: grooming | head: threat+self-harm together | main model: self-harm
    each = np.array([[0.0, 0.0, 0.0, 0.9], [0.0, 0.0, 0.2, 0.5], [0.4, 0.38, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    sc = _Scores(np.array([True, False, False, False]), np.array([0.5, 0.5, 0.5, 0.9]), each.max(axis=1), 1 - each.max(axis=1),
                 np.zeros(4, bool), each, rule_cat=np.array([2, -1, -1, -1]), main_cat=np.array([-1, -1, -1, 1]))
    t = (0.45, 0.45, 0.45, 0.45)
    assert sc.primary(0.8, 0.45, None, True, 0.3, t, 0.75).tolist() == [2, 3, 0, 1]
    assert sc.primary(0.8, 0.45, None, False, 0.3, t, None).tolist() == [2, 3, -1, -1]  # no joint flag; the main model leaves it
    assert sc.primary(0.95, 0.45, None, True, 0.6, t, 0.75).tolist() == [2, -1, -1, -1]  # the floor: the main score must see it too


def test_thresholds_count_a_line_found_only_under_its_own_category() -> None:
    # a grooming line the head finds 45% grooming and 50% sexual is flagged as sexual at a
    # shared 0.4; counted as "flagged at all" that is found, counted as `schoolwatch eval`
    # counts it, a miss, which raising the sexual threshold to 0.6 mends (the sexual line,
    # at 0.7, is still found)
    from transforms.classify.train import TrainConfig, _choose, _Scores

    public = _Scores(np.zeros(2, bool), np.array([0.9, 0.1]), np.zeros(2), np.ones(2), np.zeros(2, bool), np.zeros((2, 4)))
    each = np.zeros((3, 4))
    each[0, 2:] = [0.5, 0.45]  # grooming line
    each[1, 2] = 0.7  # sexual line
    school = _Scores(np.zeros(3, bool), np.full(3, 0.5), each.max(axis=1), 1 - each.max(axis=1), np.zeros(3, bool), each,
                     rule_cat=np.full(3, -1), main_cat=np.full(3, -1))
    ys = np.array(["grooming", "sexual", "none"])
    base = {"thresholds": (0.95,), "critical_grid": (0.4, 0.6), "veto_grid": (None,), "floor_grid": (0.0,),
            "together_grid": (None,), "public_slack": 1.0, "critical_fpr": 0.5}
    (_, refined), _, stats = _choose(public, np.array([True, False]), np.array(["a", "a"]), ["a"], school, ys,
                                     TrainConfig(**base, primary_objective=True))
    assert refined is not None and refined[0][2:] == (0.6, 0.4)
    assert stats["oof_critical_recall_primary"] == 1.0
    (_, refined), _, stats = _choose(public, np.array([True, False]), np.array(["a", "a"]), ["a"], school, ys, TrainConfig(**base))
    assert refined is not None and refined[0][2] == 0.4 and stats["oof_critical_recall_primary"] == 0.5


LONG_THREAT = (
    "Lovely sports day, thanks to all the staff who organised it. The relay was brilliant and the weather held "
    "for once. That PE teacher who dropped my son from the team is going to regret it when I catch him alone in "
    "the car park one evening. Well done to Year 8 for winning the cup."
)
LONG_PRAISE = (
    "Lovely Christmas concert tonight, the choir sounded wonderful and the orchestra has come on so much since "
    "last year. The hall was packed and the mince pies went fast. Huge thanks to Mrs Ahmed and the music "
    "department for all the rehearsals. Can't wait for the summer show already."
)


def test_a_long_post_is_read_sentence_by_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms.classify.model as model_module
    from transforms.classify import Classifier

    clf = Classifier()
    flags = clf.classify(LONG_THREAT)
    assert flags and flags[0].category.value == "threat"
    assert clf.classify(LONG_PRAISE) == []
    # the whole post alone reads as ordinary: the threat is one sentence of four
    monkeypatch.setattr(model_module, "LONG_POST", 10**9)
    assert clf.classify(LONG_THREAT) == []


def test_a_post_shorter_than_long_post_is_never_split(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms.classify.model as model_module

    model = model_module.load()
    texts = [model_text(normalise(LONG_THREAT))]
    assert model.read_by_sentence(model.score(texts), texts) == 1
    monkeypatch.setattr(model_module, "LONG_POST", len(texts[0]) + 1)
    sc = model.score(texts)
    before = sc.school_class.copy()
    assert model.read_by_sentence(sc, texts) == 0
    assert (sc.school_class == before).all()


@pytest.mark.parametrize("grid", ["0.1,0.3", "abc", ",", "1.2"])
def test_train_rejects_a_bad_floor_grid(tmp_path: Path, grid: str) -> None:
    from typer.testing import CliRunner

    from schoolwatch.cli.classify_cmds import app

    result = CliRunner().invoke(app, ["train", "--data-dir", str(DATA), "--sets", "classify_train_tiny",
                                      "--out", str(tmp_path / "m.joblib"), "--floor-grid", grid])
    assert result.exit_code == 2
    assert "--floor-grid" in result.output
    assert not (tmp_path / "m.joblib").exists()


def test_a_head_file_weight_scales_its_lines_within_their_class() -> None:
    # two none lines at 0.25 count as half a line between them: none's total (1.5 lines) is
    # brought up to threat's, and each light line keeps a quarter of a full none line
    from transforms.classify.train import _class_balance

    labels = ["threat", "threat", "none", "none", "none"]
    plain = _class_balance(labels)
    weighted = _class_balance(labels, np.array([1.0, 1.0, 1.0, 0.25, 0.25]))
    assert plain[:2].sum() == pytest.approx(plain[2:].sum())  # 2 threats count as much as 3 nones
    none_total, threat_total = weighted[2:].sum(), weighted[:2].sum()
    assert none_total == pytest.approx(threat_total)  # each class still counts the same in all
    assert weighted[3] == pytest.approx(weighted[2] / 4)
    assert weighted.mean() == pytest.approx(1.0)


def test_choose_counts_each_school_line_at_its_weight() -> None:
    # two none lines: the one the low threshold flags weighs 3, the other 1. Unweighted that
    # is 50% false alarms (within the 50% allowed), weighted 75% (over it).
    from transforms.classify.train import TrainConfig, _choose, _Scores

    public = _Scores(np.zeros(2, bool), np.array([0.9, 0.1]), np.zeros(2), np.ones(2), np.zeros(2, bool), np.zeros((2, 4)))
    each = np.zeros((3, 4))
    each[:, 0] = [0.45, 0.45, 0.0]
    school = _Scores(np.zeros(3, bool), np.full(3, 0.1), each.max(axis=1), 1 - each.max(axis=1), np.zeros(3, bool), each)
    ys = np.array(["threat", "none", "none"])
    cfg = TrainConfig(thresholds=(0.5,), critical_grid=(0.4, 0.6), veto_grid=(None,), floor_grid=(0.0,),
                      together_grid=(None,), public_slack=1.0, critical_fpr=0.5)
    args = (public, np.array([True, False]), np.array(["a", "a"]), ["a"], school, ys, cfg)
    (k, _), _, stats = _choose(*args)
    assert k[1] == 0.4 and stats["oof_school_none_fpr"] == 0.5
    school.weight = np.array([1.0, 3.0, 1.0])
    (k, _), _, stats = _choose(*args)
    assert k[1] != 0.4 and stats["oof_school_none_fpr"] == 0.0  # the heavy none line rules 0.4 out


@pytest.mark.parametrize(("spec", "path", "weight"), [("a.csv", "a.csv", 1.0), ("a.csv:0.3", "a.csv", 0.3), ("d/b.csv:2", "d/b.csv", 2.0)])
def test_extra_head_takes_a_weight_after_the_path(spec: str, path: str, weight: float) -> None:
    from schoolwatch.cli.classify_cmds import head_path

    assert head_path(Path(spec)) == (Path(path), weight)


@pytest.mark.parametrize("spec", ["school.csv:0", "school.csv:-1", "school.csv:heavy", "school.csv:nan", "missing.csv:0.5"])
def test_train_rejects_a_bad_head_weight_or_a_missing_head_file(tmp_path: Path, spec: str) -> None:
    from typer.testing import CliRunner

    from schoolwatch.cli.classify_cmds import app

    (tmp_path / "school.csv").write_text("id,text,label\ns1,hello,none\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "--data-dir", str(DATA), "--sets", "classify_train_tiny",
                                      "--out", str(tmp_path / "m.joblib"), "--extra-head", str(tmp_path / spec)])
    assert result.exit_code == 2, result.output
    assert "--extra-head" in result.output
    assert not (tmp_path / "m.joblib").exists()
