"""Build the shipped site with the package of a git revision and with this checkout's, and compare them byte for byte.

    python scripts/compare_builds.py [REV]    # REV: default main

Both builds read this checkout's mkdocs.yml, docs/ and advisories/ on the same day
($TRAVEL_ADVICE_BUILD_DATE, default 2026-11-25), so only the code differs. For a change that
must not change the site (a refactoring): exit code 0 when every file is identical, else 1
with the files that differ, are missing or are new; 2 when a build fails (an older revision may
not read newer content).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-25"


def build(package_dir: Path, output: Path) -> None:
    """``mkdocs build`` of the checkout's content with the package found in ``package_dir``."""
    env = {
        **os.environ,
        "PYTHONPATH": str(package_dir),
        "NO_MKDOCS_2_WARNING": "1",
        "TRAVEL_ADVICE_BUILD_DATE": os.environ.get("TRAVEL_ADVICE_BUILD_DATE", BUILD_DATE),
    }
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(output)], cwd=ROOT, env=env, check=True)


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """One line per file that differs, is missing or is new."""
    lines = [f"differs: {name}" for name in sorted(before.keys() & after.keys()) if before[name] != after[name]]
    lines += [f"missing: {name}" for name in sorted(before.keys() - after.keys())]
    return lines + [f"new: {name}" for name in sorted(after.keys() - before.keys())]


def main(argv: list[str]) -> int:
    revision = argv[0] if argv else "main"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        archive = subprocess.run(["git", "archive", revision, "plugins"], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(work / "base", filter="data")
        for package, output, name in ((work / "base" / "plugins", work / "before", revision), (ROOT / "plugins", work / "after", "this checkout")):
            try:
                build(package, output)
            except subprocess.CalledProcessError:
                print(f"error: the build with {name} failed (above); nothing compared", file=sys.stderr)
                return 2
        before, after = files(work / "before"), files(work / "after")
        lines = differences(before, after)
        print("\n".join(lines) if lines else f"identical: {len(after)} files, built with {revision} and with this checkout")
        return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
