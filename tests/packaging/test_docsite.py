"""The HTML documentation site (`make docs`, built by `make test-docs` into
DOCSITE_HTML before this runs): every module, filter and role has its page,
every guide listed in docs/docsite/extra-docs.yml is there with its pictures,
and every link inside the site resolves — to a file of the site and, where the
link names an anchor, to that anchor on the page. Sphinx's own linkcheck
needs the network; this check is offline (links to other sites are not
followed)."""

import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE = os.environ.get("DOCSITE_HTML", os.path.join(ROOT, "build", "docs", "html"))
PAGES = os.path.join(SITE, "collections", "hybridnet", "expressroute")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.anchors = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.anchors.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag in ("a", "link", "img", "script", "image", "use"):
                self.links.append((tag, attrs[name]))


def _site():
    if not os.path.isdir(SITE):
        pytest.fail("no site at %s: run `make docs` (make test-docs builds it first)" % SITE)
    pages = {}
    for directory, _, files in os.walk(SITE):
        for name in files:
            if name.endswith(".html"):
                page = _Page()
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    page.feed(handle.read())
                pages[os.path.relpath(os.path.join(directory, name), SITE)] = page
    return pages


@pytest.fixture(scope="module")
def site():
    return _site()


def _names(directory, suffixes):
    return sorted(
        os.path.splitext(name)[0]
        for name in os.listdir(os.path.join(ROOT, directory))
        if name.endswith(suffixes) and not name.startswith("_")
    )


def _roles():
    return sorted(
        role
        for role in os.listdir(os.path.join(ROOT, "roles"))
        if os.path.exists(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml"))
    )


def _guides():
    with open(os.path.join(ROOT, "docs", "docsite", "extra-docs.yml")) as handle:
        sections = yaml.safe_load(handle)["sections"]
    return [entry for section in sections for entry in section["toctree"]]


def test_every_module_filter_and_role_has_its_page(site):
    expected = (
        ["%s_module.html" % name for name in _names("plugins/modules", ".py")]
        + ["%s_filter.html" % name for name in _names("plugins/filter", (".py", ".yml"))]
        + ["%s_role.html" % name for name in _roles()]
    )
    assert len(expected) > 25
    missing = [page for page in expected if os.path.join(PAGES[len(SITE) + 1 :], page) not in site]
    assert missing == []


def test_every_guide_is_built_and_in_the_collection_index(site):
    index = site[os.path.join(PAGES[len(SITE) + 1 :], "index.html")]
    linked = {unquote(urlsplit(href).path) for _, href in index.links}
    for guide in _guides():
        assert os.path.join(PAGES[len(SITE) + 1 :], "docsite", guide + ".html") in site, guide
        assert "docsite/%s.html" % guide in linked, guide


def test_each_connectivity_model_guide_shows_its_topology(site):
    for model in ("cloud_exchange", "point_to_point_ethernet", "ipvpn", "direct"):
        page = site[os.path.join(PAGES[len(SITE) + 1 :], "docsite", "model_%s.html" % model)]
        pictures = [src for tag, src in page.links if tag == "img" and src.endswith(".svg")]
        assert pictures, "model_%s has no topology picture" % model


def test_every_link_inside_the_site_resolves(site):
    dead = []
    for name, page in sorted(site.items()):
        for _, target in page.links:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            resolved = os.path.normpath(os.path.join(os.path.dirname(name), path)) if path else name
            if not os.path.exists(os.path.join(SITE, resolved)):
                dead.append("%s -> %s (no file)" % (name, target))
            elif parts.fragment and resolved in site and unquote(parts.fragment) not in site[resolved].anchors:
                dead.append("%s -> %s (no anchor)" % (name, target))
    assert dead == []
    print("%d pages, every internal link resolves" % len(site))


def test_pictures_are_self_contained_svg():
    # Drawn by hand, shown offline: no external reference inside a picture.
    images = os.path.join(ROOT, "docs", "docsite", "rst", "images")
    for name in sorted(os.listdir(images)):
        with open(os.path.join(images, name), encoding="utf-8") as handle:
            text = handle.read()
        assert name.endswith(".svg") and text.lstrip().startswith("<svg"), name
        assert not re.search(r"(href|src)\s*=\s*\"(https?:)?//", text), name
