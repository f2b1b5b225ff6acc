"""The "My answers" page: every worksheet answered on this device, with the
answers file (save all, load all, clear all).

The answers themselves live in the browser (assets/js/answers.js); this
module gives the page what its script needs to check a file before loading
it: each worksheet's fields and the values they accept, its title and its
page in every language. Registered by `GeneratedPages` in generated.py.
"""

from __future__ import annotations

from . import render
from .worksheets import RATING_VALUES, fields, form_fields

PAGE = "worksheets/my-answers.md"


def accepted_values(definition: dict) -> dict[str, object]:
    """{field key: "text" | "checkbox" | [the values a radio group takes]},
    keyed as in the answers file: the form's names (worksheets.form_fields)
    without '<worksheet>.'."""
    by_id = {field["id"]: field for field in fields(definition)}
    accepted: dict[str, object] = {}
    for name, kind in form_fields(definition).items():
        key = name[len(definition["id"]) + 1:]
        if kind == "radio":
            field = by_id[key]
            accepted[key] = ([str(value) for value in RATING_VALUES] if field["type"] == "rating"
                             else [option["id"] for option in field["options"]])
        else:  # a table's drop-down cell keeps its choice's text, as a text field does
            accepted[key] = "checkbox" if kind == "checkbox" else "text"
    return accepted


def render_page(generated, kit) -> str:
    """The page's body, in the language being built."""
    translate = generated._
    worksheets = {
        worksheet_id: {
            "title": translate.worksheet(definition["title"]),
            "pages": {language.code: kit.href(f"worksheets/{worksheet_id}.md", language)
                      for language in generated.plugin.languages},
            "fields": accepted_values(definition),
        }
        for worksheet_id, definition in generated.project.worksheets.items()
    }
    languages = {language.code: language.name
                 for language in generated.plugin.languages}
    return render.render(generated.kit_dir, "answers.html", worksheets=worksheets, languages=languages,
                         **generated._common(kit))
