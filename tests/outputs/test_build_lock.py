"""Issue 20, case 7: two builds of one site folder at once. The second refuses with a message naming the
first; the first publishes its whole site; no staging folder or lock is left behind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.outputs import publish

from ..helpers import env, write_config
from .test_security_publish import project, snapshot  # noqa: F401 - project: the shared built site

HOLD = """
import sys, time
from generator.outputs import publish
staging = publish.prepare(sys.argv[1])
print(staging, flush=True)
time.sleep(float(sys.argv[2]))
"""


def _holder(site: Path, seconds: float) -> tuple[subprocess.Popen[str], str]:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(site), str(seconds)], stdout=subprocess.PIPE,
                             text=True, env=env())
    assert child.stdout is not None
    return child, child.stdout.readline().strip()


def test_a_second_build_is_refused_while_one_runs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    child, staging = _holder(site, 30)
    try:
        with pytest.raises(publish.BuildLocked, match=rf"another build is writing .*site \(process {child.pid}\)"):
            publish.prepare(str(site))
        assert Path(staging).is_dir()  # the running build's folder is not touched by the refused one
    finally:
        child.kill()
        child.wait()
    again = publish.prepare(str(site))  # the kernel released the killed build's lock
    assert publish.leftovers(str(site)) == [Path(again)]  # and the killed build's staging folder is gone
    publish.abandon(again, str(site))
    assert publish.leftovers(str(site)) == []


def test_each_build_stages_in_a_folder_of_its_own(tmp_path: Path) -> None:
    first = publish.prepare(str(tmp_path / "a"))
    second = publish.prepare(str(tmp_path / "b"))
    assert first != second and Path(first).parent == Path(second).parent
    publish.abandon(first, str(tmp_path / "a"))
    publish.abandon(second, str(tmp_path / "b"))


def test_a_mkdocs_build_refuses_while_another_holds_the_site(project: Path, tmp_path: Path) -> None:  # noqa: F811
    config = write_config(tmp_path, project / "content", site_url="https://portal.example/")
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)  # the last good site
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    child, staging = _holder(site, 120)  # another build, between its start and its publish
    try:
        refused = subprocess.run(args, capture_output=True, text=True, env=env(), cwd=tmp_path, timeout=300)
        assert refused.returncode == 1, refused.stderr[-3000:]
        assert f"another build is writing {site.resolve()} (process {child.pid})" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert snapshot(site) == snapshot(project / "site")
        assert publish.leftovers(str(site)) == [Path(staging)]  # the other build's folder is left alone
    finally:
        child.kill()
        child.wait()
    done = subprocess.run(args, capture_output=True, text=True, env=env(), cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert snapshot(site) == snapshot(project / "site") and publish.leftovers(str(site)) == []


def test_a_forked_worker_that_outlives_a_build_does_not_hold_the_next_one_out(tmp_path: Path) -> None:
    """Found by test_serve under load: the body check's forked worker kept a copy of the lock's descriptor,
    so `mkdocs serve`'s next build was refused as 'another build' naming its own process."""
    import os
    import signal

    site = str(tmp_path / "site")
    staging = publish.prepare(site)
    ready, started = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker that lives on after the build
        os.write(started, b"!")  # the fork is done (and with it the child's clean-up of what it inherited)
        signal.pause()
        os._exit(0)
    os.read(ready, 1)
    try:
        publish.replace(staging, site)  # the build ends: the parent releases the lock
        again = publish.prepare(site)  # the next build of the same process, the worker still alive
        publish.abandon(again, site)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(ready)
        os.close(started)
