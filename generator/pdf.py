"""Rendering one PDF document: HTML in, a fillable, tagged PDF (PDF/UA-1) out,
on both papers from one layout.

Runs inside the worker processes that `pdf_build.py` starts, so WeasyPrint is
imported and its fonts loaded once per process, not once per PDF.

Both papers from one layout: pdf.css lays every document out on a sheet that
fits inside A4 and US Letter (210 × 279.4 mm, its margins and running header
and footer included), centred on an A4 page. WeasyPrint parses, lays out and
draws it once (nine tenths of its time); the A4 file is written, then the
same PDF objects are moved onto a Letter page (new page boxes, a translation
before each page's content, the annotations' rectangles and the destinations
moved by the same amount) and written again. Fields, tags, bookmarks, page
labels and text are the same objects in both files.

One repair happens as WeasyPrint finishes: it writes every radio button as a
field of its own that repeats the group's name, which PDF libraries (and some
viewers) cannot set; we make each group one field whose buttons are plain
widgets, named for screen readers by the question, not by its first answer.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pydyf

RADIO_FLAG = 1 << 15
MM = 72 / 25.4
# Each paper's size in PDF points, as WeasyPrint computes CSS's `A4` and `letter`.
PAPER_SIZES = {"a4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}
LAYOUT_PAPER = "a4"  # the paper WeasyPrint lays out on; pdf.css's @page says the same
RENDER_OPTIONS = {"pdf_forms": True, "pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}

_state: dict = {}


def init_worker(kit_dir: str) -> None:
    """Load WeasyPrint and the PDF stylesheet once per worker process (which
    ends with the build's, background.exit_with_parent), with the workarounds
    for its slow paths (pdf_workarounds)."""
    from .background import exit_with_parent  # noqa: PLC0415

    exit_with_parent()
    from weasyprint import CSS  # noqa: PLC0415
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    from . import pdf_workarounds  # noqa: PLC0415

    pdf_workarounds.install()
    fonts = FontConfiguration()
    _state.update(kit_dir=kit_dir, fonts=fonts,
                  css=CSS(filename=str(Path(kit_dir) / "pdf.css"), font_config=fonts))


def render(job: dict) -> dict[str, int]:
    """Lay out `job["html"]` once and write it on every paper of
    `job["cache_paths"]` ({paper: path}); returns each file's size."""
    from weasyprint import HTML  # noqa: PLC0415

    if not _state:
        init_worker(job["kit_dir"])
    papers = job["cache_paths"]
    written: dict[str, bytes] = {}

    def finish(document, pdf_object) -> None:
        fix_radio_groups(pdf_object, job.get("radio_labels", {}))
        complete_text_maps(document, pdf_object)
        others = [paper for paper in papers if paper != LAYOUT_PAPER]
        if LAYOUT_PAPER in papers and others:
            written[LAYOUT_PAPER] = write_copy(pdf_object)
        if others:
            move_to_paper(pdf_object, others[0])

    data = HTML(string=job["html"], base_url=_state["kit_dir"] + "/").write_pdf(
        stylesheets=[_state["css"], _brand(job.get("brand_css", ""))], font_config=_state["fonts"],
        finisher=finish, **RENDER_OPTIONS)
    last = next((paper for paper in papers if paper != LAYOUT_PAPER), LAYOUT_PAPER)
    written[last] = data
    sizes = {}
    for paper, path in papers.items():
        _write_file(Path(path), lambda temporary, data=written[paper]: temporary.write_bytes(data))
        sizes[paper] = len(written[paper])
    return sizes


def _write_file(path: Path, write) -> None:
    """`write(temporary)`, then the temporary file renamed to `path`: a reader
    of the cache or the site never finds half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    write(temporary)
    temporary.replace(path)


def write_copy(pdf_object) -> bytes:
    """The PDF as WeasyPrint would write it now, leaving the objects ready to
    be written again: pydyf's write appends its info, object-stream and xref
    objects and counts offsets from where the last write ended.

    Each object is serialized once here and left in the list as that text
    (`_Written`): pydyf serializes every object each time it writes, a third
    of the write's time, and moving to the other paper changes only the
    pages, the annotations and the destinations (move_to_paper puts those
    back)."""
    from weasyprint.pdf import VARIANTS  # noqa: PLC0415

    # The version and identifier write_pdf passes for our variant (PDF/UA-1: 1.7, none).
    version = VARIANTS[RENDER_OPTIONS["pdf_variant"]][1]["pdf_version"]
    _compress_once(pdf_object)
    pdf_object.objects[:] = [obj if obj.free == "f" else _Written(obj) for obj in pdf_object.objects]
    count, position = len(pdf_object.objects), pdf_object.current_position
    output = io.BytesIO()
    pdf_object.write(output, version, None, not RENDER_OPTIONS["uncompressed_pdf"])
    del pdf_object.objects[count:]
    pdf_object.current_position, pdf_object.xref_position = position, None
    return output.getvalue()


class _Written(pydyf.Object):
    """An object as it was serialized, standing in for it (`live`) until it changes."""

    def __init__(self, live):
        super().__init__()
        self.live, self._data, self._compressible = live, live.data, live.compressible
        self.number, self.generation, self.free = live.number, live.generation, live.free

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return self._compressible


def _compress_once(pdf_object) -> None:
    """Compress every stream now, once for both writes (pydyf compresses at
    each write), with the same /Filter as pydyf. At zlib's default level 6,
    not pydyf's 9: compressing takes half the time (0.46 s instead of 0.97 s
    over a cold build's 132 documents) for files 0.7 % larger."""
    import zlib  # noqa: PLC0415

    for obj in pdf_object.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress:
            compressor = zlib.compressobj(level=6)
            data = b"\n".join(pydyf._to_bytes(item) for item in obj.stream)
            obj.stream = [compressor.compress(data) + compressor.flush()]
            obj.extra["Filter"] = "/FlateDecode"
            obj.compress = False


def move_to_paper(pdf_object, paper: str) -> None:
    """Put every page, laid out for LAYOUT_PAPER, centred on `paper`: the page
    boxes resized, a translation drawn before the page's content (a stream of
    its own, so the content written once is written again as it was), and
    everything else that holds page coordinates (annotation rectangles: fields
    and links; /XYZ destinations: bookmarks and internal links) moved with it.
    What it changes is put back in the list in place of its `_Written` text."""
    width, height = PAPER_SIZES[paper]
    objects = pdf_object.objects
    live = [obj.live if isinstance(obj, _Written) else obj for obj in objects]
    changed: set[int] = set()
    translations: dict[tuple[float, float], pydyf.Stream] = {}
    shift = None
    for index, obj in enumerate(live):
        if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/Page":
            continue
        left, top, right, bottom = obj["MediaBox"]
        shift = ((width - (right - left)) / 2, (height - (bottom - top)) / 2)
        for box in ("MediaBox", "TrimBox", "BleedBox", "CropBox"):
            if box in obj:
                obj[box] = pydyf.Array([0, 0, width, height])
        if shift not in translations:
            translations[shift] = pydyf.Stream([f"1 0 0 1 {shift[0]:f} {shift[1]:f} cm".encode()])
            pdf_object.add_object(translations[shift])
        obj["Contents"] = pydyf.Array([translations[shift].reference, obj["Contents"]])
        changed.add(index)
    if shift is None:
        return
    moved: dict[int, bool] = {}  # a destination may be shared by two objects: move it once
    for index, obj in enumerate(live):
        if not isinstance(obj, pydyf.Dictionary | pydyf.Array) or _no_coordinates(obj):
            continue
        if _move_coordinates(obj, *shift, moved):
            changed.add(index)
    for index in changed:
        objects[index] = live[index]


def _no_coordinates(obj) -> bool:
    """Objects that hold no page coordinates: the structure elements (nine
    in ten of a document's objects), which point to what they tag by reference."""
    return isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"


def _move_coordinates(value, dx: float, dy: float, moved: dict[int, bool]) -> bool:
    """Move what `value` holds; whether it held anything to move (`moved`
    answers for what was visited already, by id)."""
    if id(value) in moved:
        return moved[id(value)]
    found = False
    if isinstance(value, pydyf.Dictionary):
        if value.get("Type") == "/Page":
            return False  # boxes done above; its /Annots are references
        rectangle = value.get("Rect")
        if isinstance(rectangle, pydyf.Array) and len(rectangle) == 4:
            x1, y1, x2, y2 = rectangle
            value["Rect"] = pydyf.Array([x1 + dx, y1 + dy, x2 + dx, y2 + dy])
            found = True
        for key, item in value.items():
            if key != "Rect" and isinstance(item, pydyf.Dictionary | pydyf.Array):
                found = _move_coordinates(item, dx, dy, moved) or found
    elif isinstance(value, pydyf.Array):
        if len(value) == 5 and value[1] == "/XYZ":
            value[2], value[3] = value[2] + dx, value[3] + dy
            found = True
        else:
            for item in value:
                if isinstance(item, pydyf.Dictionary | pydyf.Array):
                    found = _move_coordinates(item, dx, dy, moved) or found
    moved[id(value)] = found
    return found


def _brand(css: str):
    """The branding's colours as a stylesheet, made once per worker."""
    from weasyprint import CSS  # noqa: PLC0415

    cache = _state.setdefault("brand", {})
    if css not in cache:
        cache[css] = CSS(string=css, font_config=_state["fonts"])
    return cache[css]


BFCHAR = re.compile(rb"<([0-9a-fA-F]+)> <([0-9a-fA-F]*)>")


def complete_text_maps(document, pdf_object) -> None:
    """Give every glyph the text was drawn with its characters in the font's
    ToUnicode map, so that readers, search and screen readers get the words.

    For a font that form fields use too (ours: the whole form), WeasyPrint
    writes the map from the font's cmap alone, which names one glyph per
    character: the glyphs the text was shaped into and the cmap does not name
    (the space Pango picks, the "ff" and "ft" ligatures, a capital at the start
    of some lines) had no text, and came out as "di érentes". The font knows
    what each glyph it drew stands for; those entries win.
    """
    drawn = {font.name: font.to_unicode for font in document.fonts.values() if font.to_unicode}
    streams = {obj.number: obj for obj in pdf_object.objects if isinstance(obj, pydyf.Stream)}
    for obj in pdf_object.objects:
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Font"
                and obj.get("BaseFont") in drawn and "ToUnicode" in obj):
            continue
        stream = streams[int(obj["ToUnicode"].split()[0])]
        lines = [line if isinstance(line, bytes) else str(line).encode() for line in stream.stream]
        start = next(i for i, line in enumerate(lines) if line.endswith(b"beginbfchar"))
        end = max(i for i, line in enumerate(lines) if line == b"endbfchar") + 1
        mapping = {int(m.group(1), 16): m.group(2).lower().decode() for line in lines[start:end]
                   if (m := BFCHAR.fullmatch(line))}
        mapping.update({glyph: text.encode("utf-16-be").hex() for glyph, text in drawn[obj["BaseFont"]].items()})
        entries = sorted(mapping.items())
        body = []
        for first in range(0, len(entries), 100):  # a bfchar block holds 100 entries at most
            batch = entries[first:first + 100]
            body.append(f"{len(batch)} beginbfchar".encode())
            body += [f"<{glyph:04x}> <{text}>".encode() for glyph, text in batch]
            body.append(b"endbfchar")
        stream.stream = lines[:start] + body + lines[end:]


def fix_radio_groups(pdf_object, labels: dict[str, str]) -> None:
    """Make each radio group one field whose buttons are plain widgets, named
    for screen readers by the question.

    WeasyPrint 70 gives every button the group's /T as well, so each button is
    a field of its own that PDF libraries cannot set. Fixing the objects before
    they are written costs nothing; parsing and rewriting the PDF cost 0.1 s.
    """
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


def assemble(title: str, language: str, members: list[tuple[str, str, str]], outputs: dict[str, str]) -> None:
    """One tagged pack from PDFs rendered on LAYOUT_PAPER, with a bookmark per
    document, written on each paper of `outputs` ({paper: path}).

    qpdf (through pikepdf) carries each document's pages, form fields and their
    fonts across: 0.3 s for the biggest pack, where pypdf took 2.4 s re-reading
    WeasyPrint's object streams. Field names are <worksheet>.<field>, so they
    stay unique; a worked example has its worksheet's names, so its member
    says what to call its fields instead (`idp-example.goal`, the third item:
    "" keeps them), and filling the blank IDP never fills the example.
    The structure trees are merged too, so a pack is as readable
    by a screen reader as its documents: each document's tree goes under one
    root, and the keys that pages and annotations use to find their structure
    (/StructParents, /StructParent) are shifted past the previous documents'.

    The pack is written on LAYOUT_PAPER, then moved whole onto each other
    paper (_move_pack) and written again, still open: moving costs a third of
    assembling it again, and reading the written file back would cost half
    as much again as the move.
    """
    from pikepdf import (  # noqa: PLC0415
        Array, Dictionary, Name, ObjectStreamMode, OutlineItem, Pdf, StreamDecodeLevel, String,
    )

    pack = Pdf.new()
    root = pack.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    numbers, offset, bookmarks = Array(), 0, []
    for member_title, path, fields_as in members:
        with Pdf.open(path) as source:
            if fields_as:
                _rename_fields(source, fields_as)
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
    for paper in sorted(outputs, key=lambda paper: paper != LAYOUT_PAPER):
        if paper != LAYOUT_PAPER:
            _move_pack(pack, paper)
        # The members' streams are compressed already: qpdf's default decodes each one only to write it as it
        # was (the same bytes), a quarter of the save's time.
        _write_file(Path(outputs[paper]), lambda temporary: pack.save(
            temporary, object_stream_mode=ObjectStreamMode.generate, compress_streams=True,
            stream_decode_level=StreamDecodeLevel.none))


def _move_pack(pack, paper: str) -> None:
    """Centre the pack's pages on `paper`: the pages' boxes resized, a
    translation before their content, the annotations' rectangles and the
    /XYZ destinations (bookmarks, links) moved with it; fields, tags,
    bookmarks and text are the same objects."""
    from pikepdf import Array, Stream  # noqa: PLC0415

    width, height = PAPER_SIZES[paper]
    shift = None
    for page in pack.pages:
        left, bottom, right, top = (float(value) for value in page.obj.MediaBox)
        shift = ((width - (right - left)) / 2, (height - (top - bottom)) / 2)
        for box in ("/MediaBox", "/TrimBox", "/BleedBox", "/CropBox"):
            if box in page.obj:
                page.obj[box] = Array([0, 0, width, height])
        page.contents_add(Stream(pack, f"1 0 0 1 {shift[0]:f} {shift[1]:f} cm".encode()), prepend=True)
    if shift is not None:
        _move_destinations(pack, *shift)


def _move_destinations(pack, dx: float, dy: float) -> None:
    """What holds page coordinates besides the pages: the annotations'
    rectangles (fields and links) and the /XYZ destinations of links,
    bookmarks and named destinations. Only those are visited: walking every
    object (the structure tree has thousands) cost as much as assembling."""
    from pikepdf import Array, Dictionary, Name  # noqa: PLC0415

    moved = set()  # a destination shared by two holders (an indirect object) is moved once

    def move_destination(destination) -> None:
        if isinstance(destination, Array) and len(destination) == 5 and destination[1] == Name.XYZ:
            if destination.is_indirect:
                if destination.objgen in moved:
                    return
                moved.add(destination.objgen)
            if destination[2] is not None:  # null: "unchanged"
                destination[2] = float(destination[2]) + dx
            if destination[3] is not None:
                destination[3] = float(destination[3]) + dy

    def move_target(holder) -> None:  # a link's, a bookmark's: /Dest, or a GoTo action's /D
        move_destination(holder.get("/Dest"))
        action = holder.get("/A")
        if isinstance(action, Dictionary):
            move_destination(action.get("/D"))

    for page in pack.pages:
        for annotation in page.obj.get("/Annots", []):
            x1, y1, x2, y2 = (float(number) for number in annotation.Rect)
            annotation.Rect = Array([x1 + dx, y1 + dy, x2 + dx, y2 + dy])
            move_target(annotation)
    items = [pack.Root.Outlines.get("/First")] if "/Outlines" in pack.Root else []
    while items:
        item = items.pop()
        if isinstance(item, Dictionary):
            move_target(item)
            items += [item.get("/First"), item.get("/Next")]
    names = [pack.Root.Names.get("/Dests")] if "/Names" in pack.Root else []
    while names:
        node = names.pop()
        if isinstance(node, Dictionary):
            pairs = node.get("/Names", [])
            for index in range(1, len(pairs), 2):
                value = pairs[index]
                move_destination(value.get("/D") if isinstance(value, Dictionary) else value)
            names += list(node.get("/Kids", []))


def _rename_fields(source, prefix: str) -> None:
    """`<worksheet>.<field>` becomes `<prefix>.<field>` in the opened source (not in its file)."""
    from pikepdf import String  # noqa: PLC0415

    for field in source.Root.get("/AcroForm", {}).get("/Fields", []):
        if "/T" in field:
            name = str(field.T)
            field.T = String(prefix + name[name.find("."):] if "." in name else f"{prefix}.{name}")


def _merge_structure(pack, source, root, numbers, first_page: int, offset: int) -> int:
    """Graft `source`'s structure tree onto the pack's; returns the next free key.

    One copy_foreign of the whole tree (qpdf then maps every element's page
    references onto the pages add_pages_from already copied, so nothing is
    copied twice); element by element took three times as long. The copied
    root itself is left unreferenced, and so is not written.
    """
    from pikepdf import Array  # noqa: PLC0415

    if "/StructTreeRoot" not in source.Root:
        return offset
    tree = pack.copy_foreign(source.Root.StructTreeRoot)
    kids = tree.K if isinstance(tree.K, Array) else Array([tree.K])
    for element in kids:
        element.P = root
        root.K.append(element)
    entries = tree.ParentTree.Nums
    highest = -1
    for index in range(0, len(entries), 2):
        key = int(entries[index])
        highest = max(highest, key)
        numbers.append(key + offset)
        numbers.append(entries[index + 1])
    for page in pack.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return offset + highest + 1
