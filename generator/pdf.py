"""Rendering one PDF: HTML in, a fillable, tagged PDF (PDF/UA-1) out.

Runs inside the worker processes that `pdf_build.py` starts, so WeasyPrint is
imported and its fonts loaded once per process, not once per PDF. One repair
happens as WeasyPrint finishes: it writes every radio button as a field of its
own that repeats the group's name, which PDF libraries (and some viewers)
cannot set; we make each group one field whose buttons are plain widgets,
named for screen readers by the question, not by its first answer.
"""

from __future__ import annotations

from pathlib import Path

RADIO_FLAG = 1 << 15

_state: dict = {}


def init_worker(kit_dir: str) -> None:
    """Load WeasyPrint and the PDF stylesheet once per worker process."""
    from weasyprint import CSS  # noqa: PLC0415
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    fonts = FontConfiguration()
    _state.update(
        kit_dir=kit_dir,
        fonts=fonts,
        css=CSS(filename=str(Path(kit_dir) / "pdf.css"), font_config=fonts),
        papers={paper: CSS(string=f"@page {{ size: {size}; }}", font_config=fonts)
                for paper, size in (("a4", "A4"), ("letter", "letter"))},
    )


def render(job: dict) -> tuple[str, int]:
    """Render `job["html"]` for `job["paper"]` into `job["cache_path"]`."""
    from weasyprint import HTML  # noqa: PLC0415

    if not _state:
        init_worker(job["kit_dir"])
    document = HTML(string=job["html"], base_url=_state["kit_dir"] + "/")
    data = document.write_pdf(
        stylesheets=[_state["css"], _state["papers"][job["paper"]], _brand(job.get("brand_css", ""))],
        font_config=_state["fonts"], pdf_forms=True, pdf_variant="pdf/ua-1", uncompressed_pdf=False,
        finisher=radio_group_finisher(job.get("radio_labels", {})),
    )
    path = Path(job["cache_path"])
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(data)
    temporary.replace(path)
    return job["cache_path"], len(data)


def _brand(css: str):
    """The branding's colours as a stylesheet, made once per worker."""
    from weasyprint import CSS  # noqa: PLC0415

    cache = _state.setdefault("brand", {})
    if css not in cache:
        cache[css] = CSS(string=css, font_config=_state["fonts"])
    return cache[css]


def radio_group_finisher(labels: dict[str, str]):
    """A WeasyPrint finisher that makes each radio group one field whose
    buttons are plain widgets, named for screen readers by the question.

    WeasyPrint 70 gives every button the group's /T as well, so each button is
    a field of its own that PDF libraries cannot set. Fixing the objects before
    they are written costs nothing; parsing and rewriting the PDF cost 0.1 s.
    """
    import pydyf  # noqa: PLC0415

    def finish(document, pdf_object) -> None:
        by_number = {obj.number: obj for obj in pdf_object.objects if getattr(obj, "number", None) is not None}
        for obj in pdf_object.objects:
            if not isinstance(obj, pydyf.Dictionary) or "Kids" not in obj or obj.get("FT") != "/Btn":
                continue
            if not int(obj.get("Ff", 0)) & RADIO_FLAG:
                continue
            for reference in obj["Kids"]:
                widget = by_number[int(bytes(reference).split()[0])]
                for key in ("T", "FT", "Ff", "V"):
                    widget.pop(key, None)
            name = obj["T"].string
            if name in labels:
                obj["TU"] = pydyf.String(labels[name])

    return finish


def assemble(title: str, language: str, members: list[tuple[str, str]], output: Path) -> None:
    """One tagged pack from rendered PDFs, with a bookmark per document.

    qpdf (through pikepdf) carries each document's pages, form fields and their
    fonts across: 0.3 s for the biggest pack, where pypdf took 2.4 s re-reading
    WeasyPrint's object streams. Field names are <worksheet>.<field>, so they
    stay unique. The structure trees are merged too, so a pack is as readable
    by a screen reader as its documents: each document's tree goes under one
    root, and the keys that pages and annotations use to find their structure
    (/StructParents, /StructParent) are shifted past the previous documents'.
    """
    from pikepdf import Array, Dictionary, Name, ObjectStreamMode, OutlineItem, Pdf, String  # noqa: PLC0415

    pack = Pdf.new()
    root = pack.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    numbers, offset, bookmarks = Array(), 0, []
    for member_title, path in members:
        with Pdf.open(path) as source:
            first_page = len(pack.pages)
            pack.add_pages_from(source)
            offset = _merge_structure(pack, source, root, numbers, first_page, offset)
        bookmarks.append(OutlineItem(member_title, first_page))
    root.ParentTree = pack.make_indirect(Dictionary(Nums=numbers))
    root.ParentTreeNextKey = offset
    pack.Root.StructTreeRoot = root
    pack.Root.MarkInfo = Dictionary(Marked=True)
    with pack.open_outline() as outline:
        outline.root.extend(bookmarks)
    with pack.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata["dc:title"] = title
        metadata["xmp:CreatorTool"] = "Career Conversations Kit"
    pack.docinfo[Name.Title] = title
    pack.Root.Lang = String(language)
    pack.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pack.Root.PageMode = Name.UseOutlines
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_suffix(".part")
    pack.save(temporary, object_stream_mode=ObjectStreamMode.generate, compress_streams=True)
    temporary.replace(output)


def _merge_structure(pack, source, root, numbers, first_page: int, offset: int) -> int:
    """Graft `source`'s structure tree onto the pack's; returns the next free key.

    copy_foreign maps the structure elements' page references onto the pages
    add_pages_from already copied, so nothing is copied twice.
    """
    from pikepdf import Array  # noqa: PLC0415

    tree = source.Root.get("/StructTreeRoot")
    if tree is None:
        return offset
    kids = tree.K if isinstance(tree.K, Array) else Array([tree.K])
    for kid in kids:
        element = pack.copy_foreign(kid)
        element.P = root
        root.K.append(element)
    entries = tree.ParentTree.Nums
    highest = -1
    for index in range(0, len(entries), 2):
        key, value = int(entries[index]), entries[index + 1]
        highest = max(highest, key)
        numbers.append(key + offset)
        numbers.append(pack.copy_foreign(value) if value.is_indirect
                       else Array([pack.copy_foreign(item) for item in value]))
    for page in pack.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return offset + highest + 1
