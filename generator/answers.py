"""The "My answers" page: every worksheet answered on this device, with the
answers file (save all, load all, clear all).

The answers themselves live in the browser (assets/js/answers.js); this
module gives the page what its script needs to check a file before loading
it: each worksheet's fields and the values they accept, its title and its
page in every language. Registered by `GeneratedPages` in generated.py.
"""

from __future__ import annotations

from . import render
from .worksheets import fields

PAGE = "worksheets/my-answers.md"


def accepted_values(definition: dict) -> dict[str, object]:
    """{field key: "text" | "checkbox" | [the values a radio group takes]},
    keyed as in the answers file: the form's names without '<worksheet>.'."""
    accepted: dict[str, object] = {}
    for field in fields(definition):
        key, kind = field["id"], field["type"]
        if kind in ("short_text", "long_text", "date"):
            accepted[key] = "text"
        elif kind == "rating":
            accepted[key] = [str(value) for value in range(1, 6)]
        elif kind == "single_choice":
            accepted[key] = [option["id"] for option in field["options"]]
        elif kind == "checklist":
            for option in field["options"]:
                accepted[f"{key}.{option['id']}"] = "checkbox"
        elif kind == "table":
            for row in range(1, field["rows"] + 1):
                for column in field["columns"]:
                    accepted[f"{key}.{row}.{column['id']}"] = "text"
        elif kind == "signature":
            accepted[key] = "text"
            accepted[f"{key}.date"] = "text"
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
