#!/usr/bin/env bash
# Installs a built Rintis release into a folder and switches the server to it (docs/operations.md, "Install"
# and "Upgrades"). Run as root on the server:
#
#   sudo deploy/install-release.sh <release-dir-or-tarball> [--prefix /opt/rintis] [--env /etc/rintis.env]
#                                  [--no-restart] [--service rintis] [--user rintis] [--health-timeout 90]
#                                  [--restart-command 'supervisorctl restart rintis']
#
# A release is what `npm run release` packs into release/rintis-<version>.tar.gz (or a folder with the same
# four things): dist/, dist-server/, package.json, package-lock.json. The steps, each stopping the script when
# it fails:
#   1. copy it to <prefix>/releases/<version>-<UTC time> and install its runtime packages (npm ci --omit=dev);
#      the hashed app files of the builds before it (the last three) come along from the current release, so
#      tabs still running one of them keep loading their screens;
#   2. apply pending migrations to the database named in the env file, with the new release's
#      `admin.js migrate`, before switching (PostgreSQL: while the old release still serves, as migrations only
#      add; PGlite: the service is stopped first, since only one process may open its data folder);
#   3. point <prefix>/current at the new release, atomically (a new symlink renamed over the old one);
#   4. restart the systemd service (or run --restart-command; neither with --no-restart) and wait until /api/health on
#      HOST:PORT from the env file answers "ok" with the new version. If it does not, <prefix>/current goes back
#      to the previous release, which is restarted, and the script exits 1.
set -euo pipefail

readonly PROGRAM=install-release
readonly USAGE="Usage: $0 <release-dir-or-tarball> [--prefix /opt/rintis] [--env /etc/rintis.env] [--no-restart]
       [--service rintis] [--user rintis] [--health-timeout 90] [--restart-command CMD]

  --prefix DIR          where releases/ and the current symlink live (default /opt/rintis)
  --env FILE            the server's settings, as systemd's EnvironmentFile reads them (default /etc/rintis.env)
  --no-restart          install, migrate and switch, but leave restarting the server to you
  --service NAME        the systemd unit to restart (default rintis)
  --user NAME           who runs the migrations (default: rintis when run as root and that user exists,
                        else whoever runs this), so an embedded database folder keeps the service's owner
  --health-timeout SEC  how long to wait for /api/health after the restart (default 90)
  --restart-command CMD  restart the server with this shell command instead of systemctl (another supervisor);
                        it must return once the new process is started. With the embedded database, stop the
                        server before: the migrations cannot open its folder while it runs"

say() { printf '%s: %s\n' "$PROGRAM" "$*"; }
step() { printf '\n==> %s\n' "$*"; }
die() {
  printf '%s: error: %s\n' "$PROGRAM" "$*" >&2
  exit 1
}

source_arg=''
prefix=/opt/rintis
env_file=/etc/rintis.env
restart=true
service=rintis
run_user=''
health_timeout=90
restart_command=''

while (($# > 0)); do
  case $1 in
    --prefix | --env | --service | --user | --health-timeout | --restart-command)
      (($# >= 2)) || die "$1 needs a value"$'\n'"$USAGE"
      case $1 in
        --prefix) prefix=$2 ;;
        --env) env_file=$2 ;;
        --service) service=$2 ;;
        --user) run_user=$2 ;;
        --health-timeout) health_timeout=$2 ;;
        --restart-command) restart_command=$2 ;;
      esac
      shift 2
      ;;
    --no-restart)
      restart=false
      shift
      ;;
    -h | --help)
      printf '%s\n' "$USAGE"
      exit 0
      ;;
    -*) die "unknown option $1"$'\n'"$USAGE" ;;
    *)
      [[ -z $source_arg ]] || die "only one release at a time (got '$source_arg' and '$1')"
      source_arg=$1
      shift
      ;;
  esac
done

[[ -n $source_arg ]] || die "which release? $USAGE"
[[ -e $source_arg ]] || die "no such file or folder: $source_arg"
[[ -f $env_file ]] || die "no env file at $env_file (the server's settings; see docs/operations.md)"
[[ $health_timeout =~ ^[0-9]+$ ]] || die "--health-timeout wants whole seconds, not '$health_timeout'"
node_bin=$(command -v node) || die "node is not installed (Node.js 20.19 or later)"
command -v npm >/dev/null || die "npm is not installed"
umask 022
prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd -P)

# --- The settings, read as systemd reads an EnvironmentFile: KEY=VALUE lines, # comments, optional quotes.
# Never sourced: the file is data, and a value may hold characters a shell would act on.
declare -A setting=()
readonly BLANK_OR_COMMENT='^[[:space:]]*([#;].*)?$'
readonly KEY_VALUE='^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$'
readonly QUOTED=$'^"(.*)"[[:space:]]*$|^\'(.*)\'[[:space:]]*$'
line_number=0
while IFS= read -r line || [[ -n $line ]]; do
  line_number=$((line_number + 1))
  line=${line%$'\r'}
  [[ $line =~ $BLANK_OR_COMMENT ]] && continue
  [[ $line =~ $KEY_VALUE ]] || die "$env_file line $line_number is not KEY=VALUE"
  key=${BASH_REMATCH[1]}
  value=${BASH_REMATCH[2]}
  if [[ $value =~ $QUOTED ]]; then
    value=${BASH_REMATCH[1]}${BASH_REMATCH[2]}
  else
    value=${value%"${value##*[![:space:]]}"}
  fi
  setting[$key]=$value
done <"$env_file"

# The server resolves relative folders from its working directory, which is the release: data kept there
# would be left behind by the next release. So the data folders must be absolute (under /var/lib/rintis).
require_absolute() {
  local name=$1 example=$2 value=${setting[$1]:-}
  [[ $value == /* ]] ||
    die "$name in $env_file must be an absolute folder outside the releases, e.g. $name=$example" \
      "(${value:-unset}: the server would keep it inside the release folder, and the next release would not see it)"
}
if [[ -n ${setting[DATABASE_URL]:-} ]]; then
  database=postgres
else
  database=pglite
  [[ ${setting[DATA_DIR]:-} == memory://* ]] && die "DATA_DIR=memory:// keeps nothing; set DATABASE_URL or a folder"
  require_absolute DATA_DIR /var/lib/rintis/pglite
fi
require_absolute FILE_DIR /var/lib/rintis/files
[[ -z ${setting[STATIC_DIR]:-} ]] ||
  say "note: STATIC_DIR is set in $env_file, so the server serves that folder, not this release's dist/"

if [[ -z $run_user && $EUID -eq 0 ]] && id -u rintis >/dev/null 2>&1; then run_user=rintis; fi
as_run_user=()
if [[ -n $run_user && $run_user != "$(id -un)" ]]; then
  ((EUID == 0)) || die "--user $run_user needs root"
  id -u "$run_user" >/dev/null 2>&1 || die "no such user: $run_user"
  as_run_user=(runuser -u "$run_user" --)
fi

# Only the env file's settings, as the service gets them: nothing from this shell leaks into the migration.
env_settings=("PATH=/usr/local/bin:/usr/bin:/bin")
for key in "${!setting[@]}"; do env_settings+=("$key=${setting[$key]}"); done

systemd=false
if [[ -z $restart_command && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then systemd=true; fi
restarting=false
if [[ $restart == true && ($systemd == true || -n $restart_command) ]]; then restarting=true; fi
restart_server() {
  if [[ -n $restart_command ]]; then bash -c "$restart_command"; else systemctl restart "$service"; fi
}

previous=''
if [[ -L $prefix/current ]]; then
  previous=$(readlink "$prefix/current") # relative (releases/...) as this script writes it, or absolute
elif [[ -e $prefix/current ]]; then
  die "$prefix/current exists and is not a symlink; move it away first"
fi
previous_path=$previous
[[ -z $previous || $previous_path == /* ]] || previous_path=$prefix/$previous

# --- 1. Copy the release and install its runtime packages.
workdir=$(mktemp -d)
release_dir=''
switched=false
stopped_for_migration=false
# shellcheck disable=SC2317 # run by the EXIT trap, which shellcheck 0.9 does not follow
on_exit() {
  local status=$?
  rm -rf "$workdir"
  if ((status != 0)) && [[ $switched == false && -n $release_dir && -d $release_dir ]]; then
    rm -rf "$release_dir"
    say "removed the unfinished $release_dir; $prefix/current is unchanged"
  fi
  if ((status != 0)) && [[ $stopped_for_migration == true ]]; then
    say "starting the previous release again"
    systemctl start "$service" || say "could not start $service: see journalctl -u $service"
  fi
}
trap on_exit EXIT

step "Release from $source_arg"
if [[ -f $source_arg ]]; then
  tar -xzf "$source_arg" -C "$workdir" --no-same-owner --no-same-permissions ||
    die "$source_arg is not a .tar.gz release"
  if [[ -f $workdir/package.json ]]; then
    source_dir=$workdir
  else
    shopt -s nullglob
    tops=("$workdir"/*/package.json)
    shopt -u nullglob
    ((${#tops[@]} == 1)) || die "$source_arg holds no single release folder with a package.json"
    source_dir=$(dirname "${tops[0]}")
  fi
else
  source_dir=$(cd "$source_arg" && pwd -P)
fi
for part in dist/index.html dist-server/main.js dist-server/admin.js dist-server/carry-assets.js \
  dist-server/migrations package.json package-lock.json; do
  [[ -e $source_dir/$part ]] || die "the release has no $part (build it with npm run release)"
done

# shellcheck disable=SC2016 # single quotes on purpose: this is JavaScript
version=$("$node_bin" -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version ?? ""))' \
  "$source_dir/package.json")
[[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]] || die "package.json has no usable version ('$version')"

name="$version-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$prefix/releases"
suffix=1
release_dir="$prefix/releases/$name"
while [[ -e $release_dir ]]; do
  suffix=$((suffix + 1))
  release_dir="$prefix/releases/$name-$suffix"
done
name=$(basename "$release_dir")
mkdir "$release_dir"
cp -R "$source_dir/dist" "$source_dir/dist-server" "$source_dir/package.json" "$source_dir/package-lock.json" \
  "$release_dir/"
say "version $version, copied to $release_dir"

step "Runtime packages (npm ci --omit=dev)"
(cd "$release_dir" && npm ci --omit=dev --no-audit --no-fund --loglevel=warn) ||
  die "npm ci failed in $release_dir"

# Tabs still running an earlier build load its hashed files lazily: the new release serves them too.
if [[ -n $previous && -d $previous_path/dist ]]; then
  step "Files of earlier builds, for tabs still running them"
  "$node_bin" "$release_dir/dist-server/carry-assets.js" "$previous_path/dist" "$release_dir/dist" ||
    die "could not copy the earlier builds' files from $previous_path/dist"
fi

# --- 2. Migrations, before anything points at the new release.
step "Migrations ($database)"
if [[ $database == pglite && $restarting == true && $systemd == true ]] && systemctl is-active --quiet "$service"; then
  say "stopping $service: only one process may open the embedded database folder"
  systemctl stop "$service"
  stopped_for_migration=true
fi
(cd "$release_dir" && "${as_run_user[@]}" env -i "${env_settings[@]}" "$node_bin" dist-server/admin.js migrate) ||
  die "the migrations failed; the database is as it was (each run is one transaction), and $prefix/current is unchanged"

# --- 3. Switch.
step "Switch $prefix/current"
point_current_at() {
  ln -sfn "$1" "$prefix/.current.new"
  mv -Tf "$prefix/.current.new" "$prefix/current"
}
point_current_at "releases/$name"
switched=true
stopped_for_migration=false
say "$prefix/current -> releases/$name${previous:+ (was $previous)}"

if [[ $restarting == false ]]; then
  if [[ $restart == true ]]; then
    say "no systemd here: restart the server yourself (node $prefix/current/dist-server/main.js), or use --restart-command"
  else
    say "not restarted (--no-restart): run 'systemctl restart $service' to serve $name"
  fi
  exit 0
fi

# --- 4. Restart and check.
host=${setting[HOST]:-0.0.0.0}
port=${setting[PORT]:-8787}
case $host in
  0.0.0.0 | '') host=127.0.0.1 ;;
  :: | '[::]') host='[::1]' ;;
  *:*) [[ $host == \[* ]] || host="[$host]" ;;
esac
health_url="http://$host:$port/api/health"

# Waits for /api/health to answer "ok" with the given version; prints the answer.
wait_healthy() {
  local want=$1 deadline=$((SECONDS + health_timeout))
  # shellcheck disable=SC2016 # single quotes on purpose: this is JavaScript
  local check='
    const [url, want] = process.argv.slice(1);
    fetch(url, { signal: AbortSignal.timeout(3000) })
      .then((r) => r.json())
      .then((b) => { console.log(JSON.stringify(b)); process.exit(b.status === "ok" && b.version === want ? 0 : 1); })
      .catch(() => process.exit(1));'
  while ((SECONDS < deadline)); do
    "$node_bin" -e "$check" "$health_url" "$want" && return 0
    sleep 2
  done
  return 1
}

step "Restart ${restart_command:-$service} and check $health_url"
if restart_server && wait_healthy "$version"; then
  say "done: $service runs $name"
  say "older releases in $prefix/releases can be removed; keep the previous one to go back to"
  exit 0
fi

say "the server did not come up healthy with $name (its log says why; under systemd: journalctl -u $service)"
if [[ -z $previous ]]; then
  die "there is no previous release to go back to; $prefix/current stays at releases/$name"
fi
point_current_at "$previous"
say "$prefix/current -> $previous again; restarting it"
previous_version=$("$node_bin" -p 'require(process.argv[1]).version' "$previous_path/package.json" 2>/dev/null || true)
if restart_server && wait_healthy "$previous_version"; then
  say "the previous release serves again"
else
  say "the previous release did not come up healthy either: see the server's log"
fi
die "install of $name failed and was rolled back (its migrations stay: they only add, and the previous release works with them)"
