"""The handbook's own Python: its data model, the blocks pages render from it, the post-build step
and the helpers that tests, benchmarks and scripts share. Imported as `handbook` with scripts/ on
sys.path (scripts/handbook_macros.py, tests/conftest.py and the scripts put it there)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA_DIR = DOCS / "data"
