"""The organisation's branding, read from `branding.yml`: name, logo, colours,
HR contact and links to internal policies.

Loaded with the rest of the project; every problem is reported with the file,
the line and the fix. Colours are checked for WCAG AA contrast against the
white they sit on (text 4.5:1 for the brand colour, 3:1 for the accent used in
borders, outlines and bars), so a rebranded site stays readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ErrorList, relative

KEYS = {"organisation", "logo", "colours", "hr_contact", "policies"}
COLOUR_KEYS = {"brand": 4.5, "accent": 3.0}
CONTACT_KEYS = {"name", "email", "phone"}
HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}


@dataclass
class Branding:
    organisation: str = "Career Conversations Kit"
    logo: Path | None = None
    colours: dict = field(default_factory=lambda: {"brand": "#1d4f91", "accent": "#a34700"})
    hr_contact: dict = field(default_factory=dict)
    policies: list = field(default_factory=list)

    @property
    def logo_name(self) -> str:
        return f"assets/brand-logo{self.logo.suffix}" if self.logo else "assets/logo.svg"

    def css(self) -> str:
        """Custom properties that replace the theme's colours."""
        brand, accent = self.colours["brand"], self.colours["accent"]
        return f":root {{ --brand: {brand}; --accent: {accent}; --focus: {accent}; }}\n"

    def policy_links(self, language: str, default: str) -> list[tuple[str, str]]:
        links = []
        for policy in self.policies:
            title = policy["title"]
            if isinstance(title, dict):
                title = title.get(language) or title.get(default) or next(iter(title.values()))
            links.append((title, policy["url"]))
        return links


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker_until(colour: str, ratio: float) -> str:
    """The same hue darkened just enough to reach `ratio` against white."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(101):
        scaled = "#" + "".join(f"{int(c * (1 - step / 100)):02x}" for c in channels)
        if contrast(scaled, "#ffffff") >= ratio:
            return scaled
    return "#000000"


def load(root: Path, path: Path, errors: ErrorList) -> Branding:
    branding = Branding()
    if not path.exists():
        return branding
    shown = relative(path, root)
    data = yamlfile.load_mapping(path, shown, errors, "the branding file")
    if data is None:
        return branding
    for key in data:
        if key not in KEYS:
            errors.add(shown, data.line_of(key), f"unknown key '{key}'", f"use only {', '.join(sorted(KEYS))}")
    if "organisation" in data:
        if not isinstance(data["organisation"], str) or not data["organisation"].strip():
            errors.add(shown, data.line_of("organisation"), "the organisation has no name", "write 'organisation: Acme'")
        else:
            branding.organisation = data["organisation"].strip()
    if data.get("logo"):
        logo = (path.parent / str(data["logo"])).resolve()
        if not logo.is_file():
            errors.add(shown, data.line_of("logo"), f"the logo file '{data['logo']}' does not exist",
                       "put the file beside branding.yml and give its path relative to it")
        elif logo.suffix.lower() not in LOGO_TYPES:
            errors.add(shown, data.line_of("logo"), f"the logo must be SVG or PNG, not '{logo.suffix}'", "convert it")
        else:
            branding.logo = logo
    colours = data.get("colours") or {}
    if not isinstance(colours, dict):
        errors.add(shown, data.line_of("colours"), "'colours' must be a mapping", "write 'brand: \"#1d4f91\"'")
        colours = {}
    for key, value in colours.items():
        if key not in COLOUR_KEYS:
            errors.add(shown, colours.line_of(key), f"unknown colour '{key}'", f"use {' and '.join(COLOUR_KEYS)}")
            continue
        if not isinstance(value, str) or not HEX.match(value):
            errors.add(shown, colours.line_of(key), f"colour {key} {value!r} is not like \"#1d4f91\"",
                       "write it as # and six hexadecimal digits, in quotes")
            continue
        ratio = contrast(value, "#ffffff")
        needed = COLOUR_KEYS[key]
        if ratio < needed:
            errors.add(shown, colours.line_of(key),
                       f"colour {key} {value} has a contrast of {ratio:.2f}:1 against white; WCAG AA needs {needed}:1",
                       f"use a darker shade, e.g. \"{darker_until(value, needed)}\"")
            continue
        branding.colours[key] = value.lower()
    contact = data.get("hr_contact") or {}
    if not isinstance(contact, dict):
        errors.add(shown, data.line_of("hr_contact"), "'hr_contact' must be a mapping", "write 'name:', 'email:', 'phone:'")
    else:
        for key, value in contact.items():
            if key not in CONTACT_KEYS:
                errors.add(shown, contact.line_of(key), f"unknown contact key '{key}'", f"use {', '.join(sorted(CONTACT_KEYS))}")
            elif value:
                branding.hr_contact[key] = str(value)
    policies = data.get("policies") or []
    if not isinstance(policies, list):
        errors.add(shown, data.line_of("policies"), "'policies' must be a list", "write '- title: …' and 'url: …'")
        policies = []
    for policy in policies:
        if not isinstance(policy, dict) or not policy.get("title") or not policy.get("url"):
            errors.add(shown, getattr(policy, "line", data.line_of("policies")), "a policy needs a title and a url",
                       "write '- title: Mobility policy' and 'url: https://…'")
        else:
            branding.policies.append({"title": policy["title"], "url": str(policy["url"])})
    return branding
