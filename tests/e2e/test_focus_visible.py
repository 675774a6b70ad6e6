"""Every control shows where the keyboard focus is, at 3:1 against its surroundings.

WCAG 2.4.7 (focus visible) and 1.4.11 (non-text contrast). The test tabs through pages a
visitor, a focal point and the secretariat use, and measures, in the browser, the focus
ring of each element the focus reaches: its outline and box-shadow as the browser computes
them (getComputedStyle), so that any rule of Bootstrap or of the portal that wins the
cascade is what is measured.

The measure, as WCAG 2.4.13 puts it, compares the pixels of each ring of the indicator
focused and unfocused:

- a ring drawn outside the element (an outline with a non-negative offset, a box-shadow
  without ``inset``) covers what was behind the element: the first ancestor background
  that is not transparent (semi-transparent ones blended over it), white at the root;
- a ring drawn inside (a negative outline offset, an ``inset`` shadow) covers the
  element's own background (or what shows through it).

A semi-transparent ring is blended over the colour it covers. The contrast of two
colours is WCAG's ``(L1 + 0.05) / (L2 + 0.05)``, L1 the lighter, where the relative
luminance ``L = 0.2126 R + 0.7152 G + 0.0722 B`` of the linearised channels
(``c / 12.92`` when ``c <= 0.04045``, else ``((c + 0.055) / 1.055) ** 2.4``, c in 0..1).
The indicator passes when its outline is at least 2 px wide and at least one ring of at
least 2 px reaches 3:1 against what it covers: a dark outline shows on white, a light
inner ring on the navy navigation bar.
"""

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_CONTRAST = 3.0
MIN_WIDTH = 2.0
MAX_TABS = 90

MEASURE_FOCUS = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;

  function parse(colour) {
    const match = colour.match(/rgba?\\(([^)]+)\\)/);
    if (!match) return null;
    const parts = match[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a;
    return {
      r: top.r * a + bottom.r * (1 - a),
      g: top.g * a + bottom.g * (1 - a),
      b: top.b * a + bottom.b * (1 - a),
      a: 1,
    };
  }
  function luminance(c) {
    const lin = (v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  }
  function contrast(x, y) {
    const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (light + 0.05) / (dark + 0.05);
  }
  /* The colour showing at an element: its background blended over its ancestors'. */
  function backgroundFrom(start) {
    const layers = [];
    for (let node = start; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a === 1) break;
      }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  }

  const style = getComputedStyle(element);
  const behind = backgroundFrom(element.parentElement);
  const own = backgroundFrom(element);
  const rings = [];
  const outlineWidth = parseFloat(style.outlineWidth) || 0;
  if (style.outlineStyle !== "none" && outlineWidth > 0) {
    const covers = parseFloat(style.outlineOffset) < 0 ? own : behind;
    const colour = over(parse(style.outlineColor), covers);
    rings.push({ kind: "outline", width: outlineWidth, contrast: contrast(colour, covers) });
  }
  if (style.boxShadow && style.boxShadow !== "none") {
    for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
      const colour = parse(shadow);
      if (!colour) continue;
      const lengths = shadow.replace(/rgba?\\([^)]*\\)/, "").match(/-?[\\d.]+px/g) || [];
      const spread = lengths.length > 3 ? Math.abs(parseFloat(lengths[3])) : 0;
      const covers = /inset/.test(shadow) ? own : behind;
      rings.push({
        kind: "box-shadow",
        width: spread,
        contrast: contrast(over(colour, covers), covers),
      });
    }
  }
  const name = (element.getAttribute("aria-label") || element.textContent || element.name
    || element.id || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  return {
    element: `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} "${name}"`,
    outlineWidth: style.outlineStyle === "none" ? 0 : outlineWidth,
    rings,
  };
}
"""


def failure(measure):
    """Return why the focused element's indicator falls short, or None when it does not."""
    if measure["outlineWidth"] < MIN_WIDTH:
        return f"{measure['element']}: outline {measure['outlineWidth']}px"
    passing = [
        ring
        for ring in measure["rings"]
        if ring["width"] >= MIN_WIDTH and ring["contrast"] >= MIN_CONTRAST
    ]
    if not passing:
        rings = ", ".join(
            f"{ring['kind']} {ring['width']}px {ring['contrast']:.2f}:1"
            for ring in measure["rings"]
        )
        return f"{measure['element']}: no ring reaches 3:1 ({rings or 'none'})"
    return None


def tab_through(page):
    """Tab through the page; return the failures and how many elements the focus reached."""
    failures, seen = [], []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        measure = page.evaluate(MEASURE_FOCUS)
        if measure is None:
            break  # back to the browser's own controls: every stop of the page was visited
        if seen and measure["element"] == seen[0]:
            break
        seen.append(measure["element"])
        if problem := failure(measure):
            failures.append(problem)
    return failures, seen


def still(page):
    """Measure colours at rest, not half-way through one of Bootstrap's transitions."""
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important; "
        "animation: none !important; }"
    )


def signed_in_page(browser, base_url, email):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out", include_hidden=True)).to_have_count(1)
    return page


def panama(meeting):
    from delegations.models import Delegation

    return Delegation.objects.get(meeting=meeting, member_state__iso2="PA").pk


def open_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def test_the_focus_is_visible_on_every_control_reached_by_tab(
    live_server, demo_meeting, browser, page, subtests
):
    focal_point = signed_in_page(browser, live_server.url, "focal.pa@example.org")
    secretariat = signed_in_page(browser, live_server.url, "secretariat@example.org")
    pages = [
        ("sign-in", page, "/accounts/login/", []),
        (
            "delegation, as focal point",
            focal_point,
            f"/delegations/{panama(demo_meeting)}/",
            [open_details],
        ),
        (
            "good-practice form, as focal point",
            focal_point,
            f"/delegations/{panama(demo_meeting)}/practices/new/",
            [],
        ),
        (
            "agenda editor, as secretariat",
            secretariat,
            "/secretariat/meetings/social-safety-nets/",
            [],
        ),
    ]
    for name, tab, path, steps in pages:
        with subtests.test(msg=name):
            tab.goto(live_server.url + path)
            still(tab)
            for step in steps:
                step(tab)
            failures, seen = tab_through(tab)
            assert len(seen) >= 5, f"{name}: the focus reached only {seen}"
            assert not failures, f"{name}:\n" + "\n".join(failures)

    with subtests.test(msg="a menu's items, as secretariat"):
        secretariat.get_by_role("button", name="Administration").focus()
        secretariat.keyboard.press("Enter")
        secretariat.keyboard.press("ArrowDown")
        expect(secretariat.locator(".dropdown-item:focus")).to_have_count(1)
        measure = secretariat.evaluate(MEASURE_FOCUS)
        assert failure(measure) is None, failure(measure)
