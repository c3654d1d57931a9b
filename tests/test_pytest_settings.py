"""pytest's settings (pyproject.toml) hide only the known third-party deprecations: ours still show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EMITS = '''
import warnings

def test_emits():
    warnings.warn("a deprecation in our own code", DeprecationWarning)
    warnings.warn("HTTPResponse.getheader() is deprecated and will be removed", DeprecationWarning)
'''


def test_a_project_deprecation_warning_is_reported_under_the_project_s_filters(tmp_path):
    (tmp_path / "test_emits.py").write_text(EMITS)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-c", str(REPO / "pyproject.toml"),
                             "--rootdir", str(tmp_path), str(tmp_path / "test_emits.py")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "a deprecation in our own code" in result.stdout
    # The same message from outside selenium is not the known one: it shows too.
    assert "HTTPResponse.getheader() is deprecated" in result.stdout
    # The known third-party ones (the urllib3 extra, the dash plugin hook) do not.
    assert "2 warnings" in result.stdout.splitlines()[-1]
