"""Vendor the Kubernetes JSON schemas that deploy/k8s/ needs, for kubeconform to use offline.

kubeconform fetches its schemas from the network by default; CI has none but the package
registries. The PyPI package kubernetes-validate ships the schemas of every Kubernetes minor
version (generated from its OpenAPI documents), as one file per kind whose references point into
a shared 1.5 MB ``_definitions.json``. This script downloads that wheel with pip, takes the
strict schema (no unknown fields) of each kind listed in KINDS, inlines the definitions it
reaches so that each file stands alone, and writes them to deploy/k8s/schemas/ under the names
kubeconform looks up (``{{ .ResourceKind }}{{ .KindSuffix }}.json``).

    python scripts/vendor_k8s_schemas.py     # or: make k8s-schemas

Only for refreshing the vendored files (e.g. for a newer Kubernetes version): CI uses the
committed ones.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

PACKAGE = "kubernetes-validate==1.37.0"
KUBERNETES_VERSION = "1.34.0"
KINDS = (
    "deployment-apps-v1",
    "service-v1",
    "horizontalpodautoscaler-autoscaling-v2",
    "poddisruptionbudget-policy-v1",
)
OUT = Path(__file__).resolve().parents[1] / "deploy" / "k8s" / "schemas"
SHARED_REF = re.compile(r"^/api/_definitions\.json#/\$defs/(.+)$")


def _rewrite(node: Any, needed: list[str]) -> Any:
    """Point ``$ref``s at the file's own ``$defs``, collecting the names they reach."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                match = SHARED_REF.match(value)
                name = match.group(1) if match else value.removeprefix("#/$defs/")
                if not (match or value.startswith("#/$defs/")):
                    raise ValueError(f"unexpected $ref {value!r}")
                needed.append(name)
                out[key] = f"#/$defs/{name}"
            else:
                out[key] = _rewrite(value, needed)
        return out
    if isinstance(node, list):
        return [_rewrite(v, needed) for v in node]
    return node


def standalone(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    needed: list[str] = []
    top = _rewrite({k: v for k, v in schema.items() if k != "$id"}, needed)
    defs: dict[str, Any] = {}
    while needed:
        name = needed.pop()
        if name not in defs:
            defs[name] = _rewrite(definitions[name], needed)
    top["$defs"] = dict(sorted(defs.items()))
    return top


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE], check=True
        )
        (wheel,) = Path(tmp).glob("*.whl")
        prefix = f"kubernetes_validate/kubernetes-json-schema/v{KUBERNETES_VERSION}-local-strict/"
        with zipfile.ZipFile(wheel) as z:
            definitions = json.loads(z.read(prefix + "_definitions.json"))["$defs"]
            OUT.mkdir(parents=True, exist_ok=True)
            for kind in KINDS:
                schema = standalone(json.loads(z.read(f"{prefix}{kind}.json")), definitions)
                path = OUT / f"{kind}.json"
                path.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n", encoding="utf-8")
                print(f"{path.relative_to(OUT.parents[2])}: {len(schema['$defs'])} definitions")
    (OUT / "SOURCE").write_text(
        f"Strict JSON schemas of Kubernetes v{KUBERNETES_VERSION}, from the PyPI package {PACKAGE}\n"
        "(made self-contained by scripts/vendor_k8s_schemas.py; refresh with `make k8s-schemas`).\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
