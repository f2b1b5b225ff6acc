"""Intranet hosting: a real nginx under a sub-path with a strict CSP, the same
site opened from disk, rebranding from one file, and the package."""

from __future__ import annotations

import contextlib

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import free_port, run_generator, serve_folder
from pypdf import PdfReader

CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'self'")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def nginx(site, tmp_path):
    """nginx on a free loopback port, serving the site at /intranet/careers/."""
    with serve_with_nginx(site, tmp_path) as base:
        yield base


@contextlib.contextmanager
def serve_with_nginx(site: Path, tmp_path: Path):
    """A real nginx serving `site` at /intranet/careers/ with the strict CSP and
    each language's 404 page; yields the base URL."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs it (apt package nginx-light)")
    for attempt in range(5):
        process, base = _start_nginx(site, tmp_path / f"nginx-{attempt}")
        if base is not None:
            break
    else:
        logs = [tmp_path / "nginx-4" / name for name in ("stderr.log", "error.log")]
        pytest.fail("nginx did not start on any of 5 free ports: "
                    + "".join(log.read_text() for log in logs if log.exists()))
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _start_nginx(site: Path, folder: Path):
    """nginx on a port that was free a moment ago; (process, base URL), or
    (None, None) if another server answers there. Test workers run side by
    side, and a port free_port() hands out can be taken by another worker's
    server before ours binds it: ours then exits, and the other, serving the
    same site, would answer in its place until its test ends and resets the
    connections. Each instance answers /instance with its own token, so the
    probe knows which server it reached."""
    folder.mkdir(parents=True)
    port, token = free_port(), uuid.uuid4().hex
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else \
        "types { text/html html; text/css css; application/javascript js; image/svg+xml svg; font/woff2 woff2; application/pdf pdf; }"
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    conf = folder / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
daemon off;
user root;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
  {mime}
  access_log off;
  client_body_temp_path {temp['body']}; proxy_temp_path {temp['proxy']}; fastcgi_temp_path {temp['fastcgi']};
  uwsgi_temp_path {temp['uwsgi']}; scgi_temp_path {temp['scgi']};
  server {{
    listen 127.0.0.1:{port};
    location = /instance {{ return 200 "{token}"; }}
    location /intranet/careers/ {{
      alias {site}/;
      add_header Content-Security-Policy "{CSP}" always;
      add_header X-Content-Type-Options nosniff always;
      error_page 404 /intranet/careers/404.html;
    }}
    location /intranet/careers/fr/ {{
      alias {site}/fr/;
      add_header Content-Security-Policy "{CSP}" always;
      add_header X-Content-Type-Options nosniff always;
      error_page 404 /intranet/careers/fr/404.html;
    }}
    location /intranet/careers/es/ {{
      alias {site}/es/;
      add_header Content-Security-Policy "{CSP}" always;
      add_header X-Content-Type-Options nosniff always;
      error_page 404 /intranet/careers/es/404.html;
    }}
  }}
}}
""", encoding="utf-8")
    with (folder / "stderr.log").open("wb") as stderr:  # what nginx says before it opens error.log
        process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(folder)], stderr=stderr)
    for _ in range(100):
        if process.poll() is not None:  # it could not bind the port, say (its reason is in its logs)
            return None, None
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/instance", timeout=1) as response:
                answer = response.read().decode()
        except OSError:
            time.sleep(0.05)
            continue
        if answer == token:
            return process, f"http://127.0.0.1:{port}/intranet/careers/"
        break  # another server has the port
    process.kill()
    process.wait(timeout=10)
    return None, None


def test_nginx_never_takes_another_servers_port_for_its_own(site, tmp_path, monkeypatch):
    """The port free_port() gives is taken by another server (another test
    worker's) before nginx binds it: the probe sees that server answer, and
    nginx starts again on another port, where it answers itself."""
    real_free_port = free_port
    with serve_folder(site) as other:
        taken = urlsplit(other).port
        handed = iter([taken])  # the taken port first, then free ones
        monkeypatch.setattr(sys.modules[__name__], "free_port", lambda: next(handed, None) or real_free_port())
        with serve_with_nginx(site, tmp_path) as base:
            assert urlsplit(base).port != taken
            with urllib.request.urlopen(base + "index.html", timeout=5) as response:
                assert response.headers.get("content-security-policy") == CSP
        assert (tmp_path / "nginx-1").is_dir()  # the second start is the one serving


@pytest.mark.browser
def test_missing_page_under_the_sub_path_gets_the_404_page_with_working_links(nginx, page):
    response = page.goto(nginx + "fr/no/such/page.html")
    assert response.status == 404
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("h1").inner_text() == "Page introuvable"


@pytest.mark.browser
def test_opened_from_disk_search_switcher_and_worksheet_work(site, page):
    """From a shared drive: file:// URLs throughout."""
    page.goto((site / "fr" / "index.html").as_uri())
    page.click('.language-switcher a[lang="es"]')
    assert page.url == (site / "es" / "index.html").as_uri()
    page.fill("#site-search", "plan")
    page.press("#site-search", "Enter")
    page.wait_for_selector("#search-results li")
    page.click("#search-results li:first-child a")
    assert page.url.startswith((site / "es").as_uri())
    page.goto((site / "es" / "worksheets" / "idp.html").as_uri())
    page.fill('input[name="idp.name"]', "Lucía")
    page.wait_for_timeout(100)
    page.reload()
    assert page.input_value('input[name="idp.name"]') == "Lucía"
    pdf_link = page.eval_on_selector('.worksheet-toolbar a[href$="-a4.pdf"]', "a => a.href")
    assert Path(urlsplit(pdf_link).path).exists()


def rebrand(project: Path, **overrides) -> None:
    (project / "brand").mkdir()
    (project / "brand" / "acme.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#004d40"/></svg>',
        encoding="utf-8")
    text = (
        "organisation: Acme Logistique\nlogo: brand/acme.svg\ncolours:\n  brand: \"#004d40\"\n  accent: \"#8a3b00\"\n"
        "hr_contact:\n  name: Équipe Talents\n  email: talents@acme.example\n"
        "policies:\n  - title: {en: Mobility policy, fr: Politique de mobilité, es: Política de movilidad}\n"
        "    url: https://intranet.acme.example/mobility\n")
    for key, value in overrides.items():
        text = re.sub(rf"^(\s*){key}: .*$", rf"\g<1>{key}: {value}", text, flags=re.M)
    (project / "branding.yml").write_text(text, encoding="utf-8")


def test_rebranded_copy_shows_the_brand_on_pages_and_pdfs(project):
    rebrand(project)
    run_generator(project, "build", check=True)
    site = project / "site"
    assert ":root { --brand: #004d40; --accent: #8a3b00;" in (site / "assets/css/brand.css").read_text()
    assert (site / "assets/brand-logo.svg").exists()
    french = (site / "fr/index.html").read_text(encoding="utf-8")
    assert 'src="assets/brand-logo.svg"' in french.replace("../", "")
    assert "Acme Logistique" in french and 'href="mailto:talents@acme.example"' in french
    assert '<a href="https://intranet.acme.example/mobility">Politique de mobilité</a>' in french
    assert "Des questions sur votre carrière" in french and 'aria-label="Règles et procédures internes"' in french
    reader = PdfReader(site / "fr/worksheets/pdf/idp-fr-a4.pdf")
    assert reader.metadata.author == "Acme Logistique"
    text = subprocess.run(["pdftotext", "-l", "1", str(site / "fr/worksheets/pdf/idp-fr-a4.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    # The header shows the organisation (pdftotext drops the first glyph of that
    # right-aligned running header, though every viewer draws it).
    assert "Logistique" in text.split("\n\n")[1]


@pytest.mark.parametrize("change, message", [
    ({"organisation": "Acme\nmascot: Rex"}, "branding.yml:2: unknown key 'mascot'"),
    ({"logo": "brand/missing.png"}, "branding.yml:2: the logo file 'brand/missing.png' does not exist"),
    ({"brand": '"#8fb3e0"'}, "branding.yml:4: colour brand #8fb3e0 has a contrast of 2.17:1 against white; WCAG AA needs 4.5:1"),
])
def test_bad_branding_fails_with_file_line_and_fix(project, change, message):
    rebrand(project, **change)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous build", encoding="utf-8")
    result = run_generator(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous build"


def test_package_is_a_versioned_zip_with_checksums(packaged):
    archive = next(p for p in packaged.glob("career-conversations-kit-*.zip") if "scorm" not in p.name)
    assert re.match(r"career-conversations-kit-\d+\.\d+\.\d+.*\.zip", archive.name)
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        folder = names[0].split("/")[0]
        manifest = json.loads(bundle.read(f"{folder}/MANIFEST.json"))
        sums = bundle.read(f"{folder}/SHA256SUMS").decode()
        assert f"{folder}/index.html" in names and f"{folder}/fr/worksheets/pdf/idp-fr-letter.pdf" in names
        import hashlib
        entry = next(e for e in manifest["entries"] if e["path"] == "es/index.html")
        assert hashlib.sha256(bundle.read(f"{folder}/es/index.html")).hexdigest() == entry["sha256"]
        assert f"{entry['sha256']}  es/index.html" in sums
        assert manifest["files"] == len(names) - 2
