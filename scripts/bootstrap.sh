#!/usr/bin/env bash
# Set up Tillitsleder on a fresh Debian/Ubuntu machine and run it.
#
#   scripts/bootstrap.sh demo   install, then open the app on a new demo database
#   scripts/bootstrap.sh test   install with test tools, then run the whole test suite twice (what CI runs)
#
# Installs the system libraries Qt needs (apt, via sudo when not root), finds a Python >= 3.12, creates the
# virtualenv .venv in the checkout and installs the project into it (editable, with test tools, for "test").
# Extra arguments after "test" go to pytest (both runs), e.g. `scripts/bootstrap.sh test -m "not slow"`.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
shift || true
case "$mode" in demo|test) ;; *) echo "usage: $0 demo|test" >&2; exit 2;; esac

apt_packages=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 xvfb poppler-utils fonts-dejavu-core binutils)
# The second test run moves the clock; the core tests also run on a throwaway PostgreSQL cluster.
# The installers are compiled (nsis, wixl), checked (msitools) and installed under Wine, the Linux tarball's
# .desktop file validated (desktop-file-utils), by the slow packaging tests.
if [ "$mode" = test ]; then
  apt_packages+=(faketime postgresql nsis wixl msitools wine wine64 fonts-wine desktop-file-utils)
fi

install_system_packages() {
  command -v dpkg >/dev/null || { echo "Not a Debian/Ubuntu system: install Qt's libraries yourself." >&2; return 0; }
  local glib=libglib2.0-0 missing=() pkg
  # Ubuntu 24.04 renamed the GLib runtime package.
  if ! dpkg -s "$glib" >/dev/null 2>&1 && dpkg -s libglib2.0-0t64 >/dev/null 2>&1; then glib=libglib2.0-0t64; fi
  for pkg in "${apt_packages[@]}" "$glib"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    missing=("${missing[@]/libglib2.0-0/libglib2.0-0t64}")
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

find_python() {
  local candidate
  for candidate in python3.14 python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  if command -v pyenv >/dev/null; then
    local version
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])' | sort -rV); do
      PYENV_VERSION=$version pyenv which python3 && return 0
    done
  fi
  return 1
}

install_system_packages
python=$(find_python) || { echo "Tillitsleder needs Python 3.12 or newer (apt install python3.12-venv, or pyenv)." >&2; exit 1; }
venv=.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip

if [ "$mode" = demo ]; then
  "$venv/bin/python" -m pip install -q .
  exec "$venv/bin/tillitsleder" --demo
fi

"$venv/bin/python" -m pip install -q -e ".[test]"
export QT_QPA_PLATFORM=offscreen
# The Hypothesis profile of tests/conftest.py: "ci" runs the core state machine 200 examples of 30 steps.
export HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-ci}
"$venv/bin/ruff" check tillitsleder ui tests scripts benchmarks installer
# A single untranslated or fuzzy entry in any of the five catalogs fails CI.
"$venv/bin/python" scripts/update_catalogs.py --check
# The suite runs twice: on today's date, then with the system clock 400 days ahead (libfaketime), so neither the
# app nor a test may depend on the day it runs (the app reads it from tillitsleder.clock, the tests build their
# demo for the clock's day). Either run failing fails the script. The
# second run leaves out the tests marked slow (the wheel and bundle builds, the kill -9 loops, five writers for
# 30 s, the state machine's 200 × 30): each has a quick twin in the normal suite that does run under the moved
# clock, and running them twice would double CI's time for nothing the clock could change. Keep the default
# libfaketime settings: with FAKETIME_DONT_FAKE_MONOTONIC=1, time.sleep fails (EINVAL). With them, a Python wait
# with a timeout on a lock or event (threading.Event().wait(0.1)) never returns, since sem_clockwait gets the
# fake monotonic deadline; tests sleep with time.sleep instead.
# The runs go side by side (they share nothing but the machine: every test has its own folders), the moved
# clock's output is shown after the first run's. Without extra arguments the tests marked slow (about seven
# minutes of one core, half of it the state machine) are a third run beside the other two, so the two cores stay
# busy until the end instead of one waiting while the slow tests finish; with arguments, the first run takes
# them as given.
command -v faketime >/dev/null || { echo "The second test run needs faketime (apt install faketime)." >&2; exit 1; }
# The core tests run on SQLite and on PostgreSQL: a throwaway cluster (initdb in a temporary folder, a Unix socket
# only, as an unprivileged user), stopped and deleted when this script ends, however it ends. The run with the moved
# clock stays on SQLite (the clock and the engine are separate questions; one run each).
eval "$(scripts/postgresql_cluster.sh start)"
trap 'scripts/postgresql_cluster.sh stop "$TILLITSLEDER_TEST_POSTGRESQL_DIR"' EXIT
moved_log=$(mktemp)
slow_log=$(mktemp)
env -u TILLITSLEDER_TEST_POSTGRESQL faketime -f '+400d' "$venv/bin/python" -m pytest -p no:cacheprovider -m "not slow" "$@" tests >"$moved_log" 2>&1 &
moved=$!
slow=""
first_marks=()
if [ $# -eq 0 ]; then
  "$venv/bin/python" -m pytest -p no:cacheprovider -m slow tests >"$slow_log" 2>&1 &
  slow=$!
  first_marks=(-m "not slow")
fi
status=0
TILLITSLEDER_REQUIRE_POSTGRESQL=1 "$venv/bin/python" -m pytest -p no:cacheprovider "${first_marks[@]}" "$@" tests ||
  status=$?
slow_status=0
if [ -n "$slow" ]; then
  wait "$slow" || slow_status=$?
  echo "The tests marked slow, run alongside:"
  cat "$slow_log"
fi
moved_status=0
wait "$moved" || moved_status=$?
echo "Again, with the clock moved 400 days ahead (faketime -f +400d), run alongside:"
cat "$moved_log"
rm -f "$moved_log" "$slow_log"
[ "$status" -eq 0 ] && [ "$slow_status" -eq 0 ] && [ "$moved_status" -eq 0 ] || exit 1
