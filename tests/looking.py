"""Checks made the way a person looks at a page, for the browser tests: does
the page scroll sideways, is "Exit this page" fully on screen, can every
keyboard focus stop be seen, does anything print past the edge of the paper,
what words each printed page holds."""

from __future__ import annotations

import subprocess

PHONE = {"height": 844, "is_mobile": True, "has_touch": True}  # Playwright's own phone emulation
# A4's printable width in CSS pixels, for the site's two page margins: 15 mm
# (site.css's @page) and 12 mm (standalone.css, and site.css's @page handout,
# so that a handout's two pages hold what they did as a page of its own).
# 96 px to the inch.
A4_WIDTH_PX = {"15mm": round((210 - 2 * 15) / 25.4 * 96), "12mm": round((210 - 2 * 12) / 25.4 * 96)}

_LAYOUT = """() => {
  const exit = document.querySelector('.lb-exit__button');
  const r = exit ? exit.getBoundingClientRect() : null;
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    innerWidth: window.innerWidth,
    visualWidth: window.visualViewport.width,
    exit: r && {left: r.left, right: r.right, top: r.top, bottom: r.bottom, visible: r.width > 0 && r.height > 0},
    innerHeight: window.innerHeight,
  };
}"""


def layout_problems(page) -> list[str]:
    """What a person would notice at once: sideways scrolling, an exit button not fully on screen."""
    m = page.evaluate(_LAYOUT)
    problems = []
    if m["scrollWidth"] > m["clientWidth"] or m["innerWidth"] > m["visualWidth"] + 1:
        problems.append(f"scrolls sideways: {m['scrollWidth']} px of content in {m['visualWidth']} px")
    exit = m["exit"]
    if not exit or not exit["visible"]:
        problems.append("no Exit this page button")
    elif exit["left"] < 0 or exit["right"] > m["visualWidth"] or exit["top"] < 0 or exit["bottom"] > m["innerHeight"]:
        problems.append(f"Exit this page is not fully on screen: {exit}")
    return problems


# Where the keyboard focus is, and whether a person can see it: on screen, not
# under the exit bar or anything else, with a focus indicator. For an inline
# element the first line box counts; for a tall one, the part below the bar.
_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  // The first line box with any size: a link that starts at the very end of
  // a line has an empty box there, and the reader sees it on the next line.
  const r = [...e.getClientRects()].find(b => b.width > 0 && b.height > 0) || e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const bar = document.querySelector('.lb-exit');
  const barBottom = bar ? bar.getBoundingClientRect().bottom : 0;
  const inBar = !!bar && bar.contains(e);
  const itself = x => !!x && (e === x || e.contains(x) || x.contains(e));
  const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 20), 0), innerWidth - 1);
  const at = y => document.elementFromPoint(x, Math.min(Math.max(y + Math.min(r.height / 2, 8), 0), innerHeight - 1));
  const own = at(r.top);
  const hit = itself(own) ? own : at(inBar ? r.top : Math.max(r.top, barBottom));
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  return {
    name: (e.getAttribute('aria-label') || e.innerText || e.id || e.tagName).replace(/\\s+/g, ' ').trim().slice(0, 50),
    onScreen: r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= innerWidth + 1 && bottom - top >= Math.min(r.height, 20) - 1,  // a browser scrolls a stop just into view, to the fraction of a pixel
    hidden: !!hit && !itself(hit),
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (!!s.boxShadow && s.boxShadow !== 'none'),
  };
}"""


# Resolves once the page has stopped scrolling (the theme scrolls smoothly),
# so a stop is judged where the reader will see it, not half-way there.
_SCROLLED = """() => new Promise(done => {
  let last = null, still = 0;
  const tick = () => {
    const now = scrollX + ',' + scrollY;
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 2) done(); else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""


def focus_walk(page, limit: int = 300, key: str = "Tab") -> tuple[list[str], list[str]]:
    """Press Tab (or `key`: "Shift+Tab" walks back) until focus leaves the page:
    (every stop's name, the stops a person could not see)."""
    stops, problems = [], []
    for _ in range(limit):
        page.keyboard.press(key)
        page.evaluate(_SCROLLED)
        info = page.evaluate(_FOCUS)
        if info is None:
            break
        stops.append(info["name"])
        faults = [what for what, bad in (("off screen", not info["onScreen"]), ("covered", info["hidden"]),
                                          ("no focus indicator", not info["ring"])) if bad]
        if faults:
            problems.append(f"{info['name']!r}: {', '.join(faults)}")
    return stops, problems


# Anything drawn up to the right-hand edge: a border, a box to write in, text.
_PAST_THE_EDGE = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= width - 1) continue;
    const s = getComputedStyle(e);
    const drawn = parseFloat(s.borderRightWidth) > 0 || ['TABLE', 'TD', 'TH', 'TEXTAREA', 'INPUT', 'IMG', 'SVG'].includes(e.tagName)
      || [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (drawn) out.push(`${e.tagName}.${e.className} ends at ${r.right.toFixed(1)} of ${width}`);
  }
  return out.slice(0, 10);
}"""


def printed_past_the_edge(page, paper: str) -> list[str]:
    """In print layout at A4's printable width: what reaches the edge, where a
    printer would cut its border off (a millimetre's clearance is required)."""
    page.set_viewport_size({"width": A4_WIDTH_PX[paper], "height": 1100})
    page.emulate_media(media="print")
    return page.evaluate(_PAST_THE_EDGE)


def printed_pages(pdf: bytes, last: int | None = None) -> list[str]:
    """The words on each page of a printed PDF (pdftotext, from poppler-utils),
    one string a page with its spacing collapsed; up to page `last`."""
    command = ["pdftotext", *(["-l", str(last)] if last else []), "-", "-"]
    text = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in text.split("\f")]


_SPACER = """selector => { const spacer = document.createElement('div'); spacer.id = 'lb-test-spacer';
  const first = document.querySelector(selector); first.parentNode.insertBefore(spacer, first); }"""


def pushes_that_end_a_page_with(page, before: str, endings: tuple[str, ...], step: int) -> list[int]:
    """Where a page break falls depends on what comes before: a spacer before
    the first `before` element grows `step` px at a time (to 1,100 px, past the
    foot of the first A4 page), and the page is printed at each height. The
    heights at which a printed page ends with one of `endings` (words left
    alone at its foot)."""
    page.evaluate(_SPACER, before)
    found = []
    for push in range(0, 1100, step):
        page.evaluate(f"() => {{ document.getElementById('lb-test-spacer').style.height = '{push}px'; }}")
        if any(text.endswith(endings) for text in printed_pages(page.pdf(format="A4"), last=3)):
            found.append(push)
    return found
