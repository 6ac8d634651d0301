"""Strangers' text is shown inert: markup, script URLs, bidi tricks, huge posts, template syntax."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from review.render import Span, highlight, safe_url, visible
from tests.review.conftest import add_post_case
from warehouse.db import connect

HOSTILE = {
    "script": "<script>alert(1)</script> bad teacher",
    "img": 'look <img src=x onerror=alert(1)> here "quoted" & more',
    "template": "{{ 7*7 }} and {% raw %} and {{ config }} ${7*7} #{7*7}",
    "rtl": "abuse \u202egnp.exe\u202c hidden \u2066isolate\u2069 zero\u200bwidth",
}


@pytest.fixture
def hostile(warehouse):
    ids = {}
    with connect(warehouse.path) as con:
        for i, (name, text) in enumerate(HOSTILE.items()):
            ids[name] = add_post_case(con, f"66{i}", text, spans=[(0, 8), (3, 12)],
                                      author='<b onmouseover="alert(2)">evil</b>\u202e', url="javascript:alert(3)")
        ids["big"] = add_post_case(con, "700", ("<i>x</i> " * 12_000)[:100_000], spans=[(0, 3), (99_990, 100_005)])
        ids["data_url"] = add_post_case(con, "701", "a post", url="data:text/html,<script>alert(4)</script>")
        ids["parent"] = add_post_case(con, "702", "reply to a hostile parent", parent_native="800")
        add_post_case(con, "800", "<script>alert(5)</script> the parent", open_case=False)
    return ids


class _Tags(HTMLParser):
    """Every element and attribute the browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "body", "header", "a", "nav", "form", "input", "span",
                "button", "main", "p", "div", "h1", "h2", "strong", "section", "dl", "dt", "dd", "mark", "details",
                "summary", "table", "thead", "tbody", "tr", "th", "td", "label", "select", "option", "textarea",
                "ol", "li", "time"}


def _no_live_markup(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"unexpected element <{tag}> {attrs}"
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith(("/", "https://", "http://")), href


def test_hostile_posts_are_escaped(web, logged_in, hostile):
    client = logged_in("dee")
    for name, text in HOSTILE.items():
        page = client.get(f"/cases/{hostile[name]}").text
        _no_live_markup(page)
        assert "\u202e" not in page and "\u2066" not in page and "\u200b" not in page
        if name in {"script", "img"}:
            assert str(escape(text[12:])) in page  # shown, as text
    template = client.get(f"/cases/{hostile['template']}").text
    body = re.search(r'<div class="posttext"[^>]*>(.*?)</div>', template, re.S).group(1)
    assert "{{ 7*7 }}" in body and "{% raw %}" in body and "{{ config }}" in body and "${7*7}" in body
    assert "49" not in body
    rtl = client.get(f"/cases/{hostile['rtl']}").text
    assert "abuse [U+202E]gnp.e</mark>xe[U+202C] hidden [U+2066]isolate[U+2069] zero[U+200B]width" in rtl
    assert "&lt;b onmouseover=&#34;alert(2)&#34;&gt;evil&lt;/b&gt;[U+202E]" in rtl


def test_javascript_and_data_links_are_inert_text(web, logged_in, hostile):
    client = logged_in("dee")
    page = client.get(f"/cases/{hostile['script']}").text
    assert 'class="inert"' in page and "javascript:alert(3)" in page
    assert "<a href=\"javascript" not in page
    page = client.get(f"/cases/{hostile['data_url']}").text
    assert "data:text/html,&lt;script&gt;" in page and 'href="data:' not in page


def test_100kb_post_renders_whole_and_escaped(web, logged_in, hostile):
    page = logged_in("dee").get(f"/cases/{hostile['big']}").text
    assert page.count("&lt;i&gt;x&lt;/i&gt;") >= 11_000
    assert "<i>" not in page
    assert "<mark title=" in page


def test_parent_context_is_escaped_too(web, logged_in, hostile):
    page = logged_in("dee").get(f"/cases/{hostile['parent']}").text
    assert "Replying to" in page or "Thread start" in page
    assert "&lt;script&gt;alert(5)&lt;/script&gt; the parent" in page
    _no_live_markup(page)


def test_hostile_queue_filters_are_escaped(web, logged_in):
    page = logged_in("dee").get("/queue", params={"category": '"><script>alert(6)</script>'}).text
    assert "<script" not in page


def test_highlight_segments_never_contain_markup_and_survive_bad_offsets():
    text = "<b>x</b> hello"
    segs = highlight(text, [Span(1, 5, "a"), Span(4, 9, "b"), Span(50, 60, "c"), Span(5, 2, "d")])
    assert "".join(s.text for s in segs) == text
    assert [s.flagged for s in segs] == [False, True, False]
    assert segs[1].text == "b>x</b> " and segs[1].why == "a; b"
    assert highlight(None, [Span(0, 3, "a")]) == []


@pytest.mark.parametrize("url, ok", [
    ("https://x.com/a/status/1", True), ("http://example.org/p?q=1", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("data:text/html,hi", False), ("//evil.example/x", False), ("https:/no-host", False),
    ("https://ok.example/\u202eevil", False), ("vbscript:x", False), ("", False), (None, False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok
    if ok:
        assert safe_url(url) == url


def test_visible_marks_controls():
    assert visible("a\u202eb\x1b[31mc") == "a[U+202E]b[U+001B][31mc"
