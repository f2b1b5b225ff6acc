"""Intranet hosting: a real nginx under a sub-path with a strict CSP, the same
site opened from disk, rebranding from one file, and the package."""

from __future__ import annotations

import contextlib

import json
import re
import shutil
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import free_port, run_generator
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
    port = free_port()
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else \
        "types { text/html html; text/css css; application/javascript js; image/svg+xml svg; font/woff2 woff2; application/pdf pdf; }"
    temp = {name: tmp_path / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
daemon off;
user root;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
  {mime}
  access_log off;
  client_body_temp_path {temp['body']}; proxy_temp_path {temp['proxy']}; fastcgi_temp_path {temp['fastcgi']};
  uwsgi_temp_path {temp['uwsgi']}; scgi_temp_path {temp['scgi']};
  server {{
    listen 127.0.0.1:{port};
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
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/intranet/careers/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "index.html", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("nginx did not start: " + (tmp_path / "error.log").read_text())
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


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
