# Sourced by the install scripts: `apt_install PACKAGE...` installs Debian packages when we are root on a
# Debian-like machine (running `apt-get update` once), and otherwise says what to run. The caller sets
# APT_WHO (its name, for messages) and APT_SKIPPED (what is skipped until the packages are there).
apt_updated=0
apt_install() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    [ "$apt_updated" = 1 ] || { apt-get update -qq; apt_updated=1; }
    echo "$APT_WHO: apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "$APT_WHO: installing $* needs root: run 'sudo apt-get install $*'. $APT_SKIPPED" >&2
  fi
}
