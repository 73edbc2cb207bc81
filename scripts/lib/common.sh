# Shared by scripts/quickstart and scripts/test: dependency installation and
# the build. Source it; do not run it.

RUNY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNY_BUILD=${RUNY_BUILD:-$RUNY_ROOT/build}

# Debian packages runy needs to build and test.
RUNY_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libspdlog-dev duktape-dev libgtest-dev libgmock-dev
  libre2-dev libncurses-dev tzdata nodejs python3 python3-grpcio openssl util-linux tmux
)
# Commands whose Debian package is installed only when the command is
# missing: another node (NodeSource's, say) ships its own npm and conflicts
# with Debian's.
RUNY_COMMANDS=(npm:npm)

runy_log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

# Installs whichever of RUNY_PACKAGES (plus "$@") are missing.
runy_install_deps() {
  local missing=()
  local pkg
  for pkg in "${RUNY_PACKAGES[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  local entry
  for entry in "${RUNY_COMMANDS[@]}"; do
    command -v "${entry%%:*}" >/dev/null || missing+=("${entry#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  runy_log "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds the given targets (all when none).
runy_build() {
  local jobs=${RUNY_JOBS:-2}
  if [ ! -f "$RUNY_BUILD/build.ninja" ]; then
    runy_log "configuring in $RUNY_BUILD"
    cmake -S "$RUNY_ROOT" -B "$RUNY_BUILD" -G Ninja \
      -DCMAKE_BUILD_TYPE="${RUNY_BUILD_TYPE:-RelWithDebInfo}" \
      ${RUNY_CMAKE_ARGS:-}
  fi
  runy_log "building (-j$jobs)"
  ninja -C "$RUNY_BUILD" -j"$jobs" "$@"
}
