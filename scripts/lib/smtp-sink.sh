# Sourced by the benchmarks that send to Postfix's smtp-sink: installs Debian's postfix package
# when smtp-sink is missing, and leaves no postfix daemon running (only the benchmark's own sinks).
smtp_sink_install() {
  if ! [ -x /usr/sbin/smtp-sink ]; then
    echo "smtp-sink not found; installing Debian's postfix package (no daemon is started)" >&2
    export DEBIAN_FRONTEND=noninteractive
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    # Keep the package's maintainer scripts from starting the daemon, unless a policy already does.
    policy_added=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
    fi
    apt-get update -qq && apt-get install -y -qq --no-install-recommends postfix >/dev/null
    if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; fi
  fi
  # Nothing of postfix's may stay running or bound: only the benchmark's own smtp-sink processes.
  if [ -x /usr/sbin/postfix ] && /usr/sbin/postfix status >/dev/null 2>&1; then
    /usr/sbin/postfix stop >/dev/null 2>&1 || true
  fi
}
