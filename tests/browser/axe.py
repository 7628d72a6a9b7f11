"""axe-core in the browser, limited to what WCAG 2.2 level AA requires.

axe-core's JavaScript comes bundled in axe-playwright-python, so nothing is fetched.
"""

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules outside those tags that the portal keeps too. "region" (axe calls it best practice) is
# how WCAG 1.3.1 and 2.4.1 work in practice: everything on a page sits in a landmark, so
# someone moving by landmarks never misses a part of the page, such as the exit button.
EXTRA_RULES = ["region"]
MAX_ELEMENTS_PER_RULE = 10

# Parsing <noscript> contents as elements is what a document does only with scripting off.
_SCRIPTING_IS_OFF = """() => {
    const probe = document.createElement("div");
    probe.innerHTML = "<noscript><i></i></noscript>";
    return probe.querySelector("noscript i") !== null;
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, each as axe reports it."""
    from axe_playwright_python.sync_playwright import Axe

    if page.evaluate(_SCRIPTING_IS_OFF):
        # axe waits on timers, which never fire with JavaScript off: it would hang, not fail.
        raise RuntimeError(
            "axe-core cannot run on a page with JavaScript disabled; check the page in a "
            "JavaScript-enabled context instead."
        )
    options = {
        "runOnly": {"type": "tag", "values": WCAG_AA_TAGS},
        # An explicitly enabled rule runs whatever its tags (axe-core's Audit.ruleShouldRun).
        "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
        "resultTypes": ["violations"],
    }
    return Axe().run(page, options=options).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One paragraph per broken rule: its id, impact and help, then each failing element."""
    paragraphs = []
    for violation in violations:
        lines = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        ]
        for node in violation["nodes"][:MAX_ELEMENTS_PER_RULE]:
            target = ", ".join(str(part) for part in node["target"])
            lines.append(f"  - {target}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(
                    f"      {line.strip()}" for line in node["failureSummary"].splitlines()
                )
        if len(violation["nodes"]) > MAX_ELEMENTS_PER_RULE:
            lines.append(f"  ...and {len(violation['nodes']) - MAX_ELEMENTS_PER_RULE} more")
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def assert_no_axe_violations(page) -> None:
    """Fail, naming every rule and element, if axe-core finds WCAG 2.2 A or AA violations."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"{len(violations)} WCAG 2.2 AA violation(s) on {page.url}:\n\n"
            + describe_violations(violations)
        )
