"""The end-of-build offline check: each way a page can load from another host
is caught, with the file, the line and a fix; links that only lead out are not."""

from __future__ import annotations

import pytest

from generator import site_checks
from generator.errors import ErrorList

SHIP = "ship the file with the site (theme/assets/ or content/) and link it relatively"
CSS_FIX = "ship the file with the site and use a relative url()"


def found(text: str, suffix: str = ".html") -> list[str]:
    errors = ErrorList()
    site_checks.check_text(text, suffix, "site/x" + suffix, errors)
    return [str(error) for error in errors]


@pytest.mark.parametrize(("markup", "message"), [
    ('<script src="//cdn.example.com/x.js"></script>',
     "site/x.html:1: <script src> loads from another host: //cdn.example.com/x.js → " + SHIP),
    ('<p>\n<link rel="preconnect" href="https://fonts.example.com">',
     "site/x.html:2: <link href> loads from another host: https://fonts.example.com → " + SHIP),
    ('<img alt="" srcset="a.png 1x, https://img.example.com/b.png 2x">',
     "site/x.html:1: <img srcset> loads from another host: https://img.example.com/b.png → " + SHIP),
    ('<picture><source srcset="https://img.example.com/c.webp"></picture>',
     "site/x.html:1: <source srcset> loads from another host: https://img.example.com/c.webp → " + SHIP),
    ('<base href="https://elsewhere.example.com/">',
     "site/x.html:1: <base href> loads from another host: https://elsewhere.example.com/ → "
     "a <base> elsewhere sends every relative link there: remove it"),
    ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example.com/">',
     "site/x.html:1: <meta http-equiv=refresh> sends the reader to another host: https://elsewhere.example.com/ → "
     "point it to a page of the site, relatively"),
    ('<svg><image href="https://img.example.com/d.png"/></svg>',
     "site/x.html:1: <image href> loads from another host: https://img.example.com/d.png → " + SHIP),
    ('<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://img.example.com/s.svg#i"/></svg>',
     "site/x.html:1: <use href> loads from another host: https://img.example.com/s.svg#i → " + SHIP),
    ('<div style="background: url(https://x.example.com/bg.png)"></div>',
     "site/x.html:1: CSS loads from another host: https://x.example.com/bg.png → " + CSS_FIX),
    ('<style>@import "https://x.example.com/y.css";</style>',
     "site/x.html:1: CSS loads from another host: https://x.example.com/y.css → " + CSS_FIX),
    ('<img alt="" src="https:&#47;&#x2F;img.example.com/c.png">',  # slashes as entities load just the same
     "site/x.html:1: <img src> loads from another host: https://img.example.com/c.png → " + SHIP),
    ('<iframe title="x" src="https://app.example.com/"></iframe>',
     "site/x.html:1: <iframe src> loads from another host: https://app.example.com/ → " + SHIP),
])
def test_each_way_of_loading_from_elsewhere_is_reported(markup, message):
    """One remote resource in a page, one error naming it."""
    assert found(markup) == [message]


@pytest.mark.parametrize(("css", "message"), [
    ('@import "https://x.example.com/y.css";', "site/x.css: CSS loads from another host: https://x.example.com/y.css"),
    (".a{background:url(http://x.example.com/i.png)}", "site/x.css: CSS loads from another host: http://x.example.com/i.png"),
    (r".d{background:url(https:\2f\2f x.example.com/d.png)}", "site/x.css: CSS loads from another host: https://x.example.com/d.png"),
])
def test_stylesheets_loading_from_elsewhere_are_reported(css, message):
    assert found(css, ".css") == [message + " → " + CSS_FIX]


def test_a_standalone_svg_with_a_remote_image_is_reported():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://img.example.com/e.png"/></svg>'
    assert found(svg, ".svg") == ["site/x.svg:1: <image href> loads from another host: https://img.example.com/e.png → " + SHIP]


def test_links_that_only_lead_out_are_allowed():
    """An <a href> or a plain <link rel=alternate> loads nothing until followed."""
    assert found('<a href="https://example.com">out</a><link rel="alternate" href="https://example.com/fr/">'
                 '<svg><a href="https://example.com/x"><text>x</text></a></svg><p>a//b</p>') == []


def test_a_script_requesting_another_host_is_reported():
    assert found('fetch("https://api.example.com/x")', ".js") == [
        "site/x.js: a script requests another host → the kit must work offline: remove the request"]
