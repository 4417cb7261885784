"""``runs_html`` (text.py) writes exactly what the ``inline`` macro wrote when its body was
Jinja2 (kept here as the reference): every combination of link, bold, italic, code, syntax
colour and line break, alone and in lines of several runs."""

from __future__ import annotations

import itertools

from jinja2 import Environment, StrictUndefined

from deckgen.model import Run
from deckgen.render.reveal.text import code_class, is_external, lines, runs_html, safe_href

REFERENCE = """\
{%- macro inline(runs) -%}
{%- set code_line = runs|length > 1 and runs|rejectattr("code")|list|length == 0 and runs|selectattr("color")|list|length > 0 -%}
{%- for run in runs -%}
{%- if run.href %}<a href="{{ safe_href(run.href) }}"{% if is_external(run.href) %} target="_blank"{% endif %} rel="noopener noreferrer">{% endif -%}
{%- if run.bold %}<strong>{% endif %}{% if run.italic %}<em>{% endif %}{% if run.code %}<code{% if run.color %} class="hl {{ code_class(run.color) }}"{% elif code_line %} class="hl"{% endif %}>{% endif -%}
{{ lines(run.text) }}
{%- if run.code %}</code>{% endif %}{% if run.italic %}</em>{% endif %}{% if run.bold %}</strong>{% endif -%}
{%- if run.href %}</a>{% endif -%}
{%- endfor -%}
{%- endmacro -%}
{{ inline(runs) }}"""


def reference(runs: tuple[Run, ...]) -> str:
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals.update(safe_href=safe_href, is_external=is_external, lines=lines, code_class=code_class)
    return env.from_string(REFERENCE).render(runs=runs)


def test_runs_html_writes_what_the_macro_wrote() -> None:
    texts = ("a < b & \"c\"", "line\nbreak", "")
    hrefs = (None, "https://www.ks.no/?a=1&b=<2>", "mailto:post@ks.no")
    singles = [Run(text, bold, italic, code, href, color)
               for text, bold, italic, code, href, color in itertools.product(
                   texts, (False, True), (False, True), (False, True), hrefs, ("", "#1A2B3C"))]
    cases = [(r,) for r in singles]
    cases += [(a, b) for a, b in itertools.product(singles[::7], singles[::5])]
    cases += [(Run("def", code=True, color="#0000FF"), Run(" f():", code=True))]  # a highlighted line
    for runs in cases:
        assert str(runs_html(runs)) == reference(runs), runs
