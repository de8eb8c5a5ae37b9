#!/usr/bin/env python3
"""Write src/families/clip/tokenizer/data/htmlEntities.json: Python's HTML5 named character references.

The table is `html.entities.html5` from the Python standard library (the WHATWG
list of named character references, 2231 names; some are listed both with and
without the trailing semicolon, exactly as the standard lists them). stroop's
ports of Python's `html.unescape` and of ftfy's `unescape_html` read it.

Run from the repository root:  python3 scripts/generateHtmlEntities.py
"""

import html.entities
import json
import pathlib
import platform

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "families" / "clip" / "tokenizer" / "data" / "htmlEntities.json"


def main() -> None:
    table = {
        "source": "html.entities.html5 from the Python standard library",
        "generator": "scripts/generateHtmlEntities.py",
        "python": platform.python_version(),
        "entities": dict(sorted(html.entities.html5.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(table, ensure_ascii=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(table['entities'])} entities to {OUT}")


if __name__ == "__main__":
    main()
