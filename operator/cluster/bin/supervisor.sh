# Shared by node-up, node-down and node-restart (sourced, needs DIR): the supervisors that run the
# node's parts. A pid file survives the processes it names (a reboot, a killed session), and the
# kernel hands its number to someone else; every pid read here is checked to still be the
# supervisor of that part, so a stale file can never make the scripts signal a stranger.

# The command line a supervisor of part NAME runs with (absolute, so it names this cluster only).
supervisor_script() { printf '%s/cmd/%s.sh' "$DIR" "$1"; }

# Prints the pid of part NAME's supervisor if it is running, else nothing (and returns 1).
supervisor_pid() {
  local pidfile="$DIR/pids/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' '\n' < "/proc/$pid/cmdline" | grep -qxF "$(supervisor_script "$1")" || return 1
  echo "$pid"
}
