"""warehouse.staging.split_lines (Arrow arrays over the decompressed buffer) against the
plain reading of a landing file: split on b"\\n" only, blank lines skipped but counted,
lines that are not UTF-8 quarantined, the rest kept byte for byte."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warehouse.staging import _line_text, split_lines

_BLANK = b" \t\n\r\x0b\x0c"


def reference(raw: bytes) -> tuple[list[int], list[str], list[int]]:
    """(line numbers kept, their texts, line numbers quarantined as not UTF-8)."""
    kept: list[int] = []
    texts: list[str] = []
    bad: list[int] = []
    for n, part in enumerate(raw.split(b"\n"), start=1):
        if not part.strip(_BLANK):
            continue
        try:
            texts.append(part.decode("utf-8"))
            kept.append(n)
        except UnicodeDecodeError:
            bad.append(n)
    return kept, texts, bad


def split(raw: bytes) -> tuple[list[int], list[str], list[int], int]:
    lines, numbers, texts = split_lines(0, raw)
    return numbers.to_pylist(), [_line_text(t) for t in texts.to_pylist()], [q[0] for q in lines.quarantine], lines.lines


PIECES = st.sampled_from([b"{", b"}", b'{"a": 1}', b"\n", b"\r\n", b"\r", b" ", b"\t", b"\x0b", b"\x0c", b"\xe2\x80\xa8",
                          b"\xc3\xa9", b"\xff", b"\xc3", b"\x00", b"x", b"\xef\xbb\xbf"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map(b"".join) | st.binary(max_size=200))
def test_split_lines_reads_a_file_as_the_plain_split_does(raw):
    kept, texts, bad = reference(raw)
    numbers, got, quarantined, count = split(raw)
    if bad:  # a file with a line that is not UTF-8 is read line by line
        assert quarantined == bad
    assert numbers == kept
    assert got == texts
    assert count == len(kept) + len(bad)


def test_usual_file_blank_lines_and_missing_final_newline():
    assert split(b'{"a":1}\n{"b":2}\n') == ([1, 2], ['{"a":1}', '{"b":2}'], [], 2)
    assert split(b'{"a":1}\n\n  \t\n{"b":2}\r\n{"c":3}') == ([1, 4, 5], ['{"a":1}', '{"b":2}\r', '{"c":3}'], [], 3)
    assert split(b"") == ([], [], [], 0)
    assert split(b"\n\n") == ([], [], [], 0)
    assert split(b'\xe2\x80\xa8{"a":1}\n') == ([1], ['\u2028{"a":1}'], [], 1)  # U+2028 is not a blank line
    assert split(b'{"a":1}\n\xff{"b"}\n{"c":3}\n') == ([1, 3], ['{"a":1}', '{"c":3}'], [2], 3)
