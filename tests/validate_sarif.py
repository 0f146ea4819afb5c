"""Validates a SARIF log (stdin) against the vendored SARIF 2.1.0 schema; exit 0 when valid."""
import json
import pathlib
import sys

import jsonschema

schema = json.loads((pathlib.Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())
log = json.load(sys.stdin)
errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors[:20]:
    print(f"{list(e.path)}: {e.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
