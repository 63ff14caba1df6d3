"""make eval: every accuracy evaluation; tables on stdout, JSON under reports/."""

import sys

from _runall import run_all

if __name__ == "__main__":
    sys.exit(run_all("eval"))
