"""Evaluate app.dates.find_dates against the labelled set in tests/data/date_eval.yaml.

Run from the repo root: ``python -m bench.eval_dates [path]``.  Spans count as correct on an
exact (start, end) match; values additionally need the same start, end, precision and
qualifier.  Passages are run with their own ``language`` and ``base``.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import yaml

from app.dates import find_dates


def _out(line: str) -> None:
    sys.stdout.write(line + "\n")


DEFAULT_PATH = Path(__file__).resolve().parent.parent / "tests" / "data" / "date_eval.yaml"


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _value(v: dict[str, Any]) -> tuple[str, str, str, str | None]:
    return (str(v["start"]), str(v["end"]), str(v["precision"]), v.get("qualifier"))


def evaluate(path: str | Path = DEFAULT_PATH, *, verbose: bool = False) -> dict[str, float]:
    """Precision/recall/F1 for spans and values; keys like ``span_f1``, ``value_precision``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    n_gold = n_pred = span_tp = value_tp = 0
    for passage in data["passages"]:
        base = datetime.date.fromisoformat(str(passage["base"]))
        gold = {(m["start"], m["end"]): _value(m["value"]) for m in passage["mentions"]}
        pred = {
            (m.start, m.end): _value(m.interval.as_dict())
            for m in find_dates(passage["text"], base=base, language=passage.get("language"))
        }
        n_gold += len(gold)
        n_pred += len(pred)
        for span, value in pred.items():
            if span in gold:
                span_tp += 1
                value_tp += gold[span] == value
                if verbose and gold[span] != value:
                    _out(
                        f"{passage['id']} value {passage['text'][span[0] : span[1]]!r}: "
                        f"got {value}, want {gold[span]}"
                    )
            elif verbose:
                _out(f"{passage['id']} extra {passage['text'][span[0] : span[1]]!r} {span}")
        if verbose:
            for span in gold.keys() - pred.keys():
                _out(f"{passage['id']} missed {passage['text'][span[0] : span[1]]!r} {span}")
    out: dict[str, float] = {"gold": float(n_gold), "predicted": float(n_pred)}
    for kind, tp in (("span", span_tp), ("value", value_tp)):
        p, r, f = _prf(tp, n_pred, n_gold)
        out |= {f"{kind}_precision": p, f"{kind}_recall": r, f"{kind}_f1": f}
    return out


def main(argv: list[str]) -> int:
    scores = evaluate(argv[0] if argv else DEFAULT_PATH, verbose=True)
    _out(f"gold mentions {int(scores['gold'])}, predicted {int(scores['predicted'])}")
    for kind in ("span", "value"):
        _out(
            f"{kind:5}  precision {scores[f'{kind}_precision']:.3f}  "
            f"recall {scores[f'{kind}_recall']:.3f}  F1 {scores[f'{kind}_f1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
