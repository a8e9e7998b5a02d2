"""The cheap token tests of phrases.py agree with the regex token runs they stand in for."""

import random

from quantspan.engine.phrases import first_token, last_token, tokens_after, tokens_before

ALPHABET = "ab. '’\n\t-5_é\u0301Σ.'xY9,+(#"


def _texts() -> list[str]:
    rnd = random.Random(7)
    out = ["", "at 5 km. Then", "U.S. 10", "o'clock 3", "etc. 4", "x" * 60 + " 7", "rose 3.5 to 4 or more"]
    out += ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 60))) for _ in range(3000)]
    return out


def test_last_and_first_token_agree_with_the_regex() -> None:
    known = 0
    for text in _texts():
        for pos in range(len(text) + 1):
            last = last_token(text, pos)
            if last is not None:
                known += 1
                toks = tokens_before(text, pos)
                assert last == (toks[-1][0].lower() if toks else ""), (text, pos)
            first = first_token(text, pos)
            if first is not None:
                known += 1
                toks = tokens_after(text, pos)
                assert first == (toks[0][0].lower() if toks else ""), (text, pos)
    assert known > 50_000  # most positions are settled without the regex
