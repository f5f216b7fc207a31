"""axe-core in the browser tests: the WCAG 2.x A/AA rules (2.2 included), serious or critical."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
RULES = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']"


def serious_violations(page) -> list[tuple]:
    """(rule, impact, first targets) of each serious or critical violation on the page."""
    assert AXE.exists(), "axe-core is missing: run 'make test' (it installs it from npm)"
    # Evaluated by the browser's devtools, which the page's content security policy does not
    # govern (an injected <script> tag would be refused as an inline script without a nonce).
    page.evaluate(AXE.read_text())
    result = page.evaluate(f"axe.run(document, {{runOnly: {{type: 'tag', values: {RULES}}}}})")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def assert_accessible(page, label: str) -> None:
    bad = serious_violations(page)
    assert not bad, f"{label}: {bad}"
