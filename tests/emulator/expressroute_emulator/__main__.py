"""``python -m expressroute_emulator --state DIR``: serve in the foreground."""

import argparse
import json
import os
import signal
import sys

from .config import lro_table
from .server import Emulator


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="expressroute_emulator", description="Offline Azure (ARM + Entra ID) for ExpressRoute, over HTTPS."
    )
    parser.add_argument("--state", required=True, help="state dir: certificates, endpoint.json, env.sh, state.json")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT", 8443) or 8443),
        help="TCP port (default 8443; 0 picks a free one)",
    )
    parser.add_argument("--config", help="JSON file merged over the built-in seed config (first start only)")
    parser.add_argument(
        "--lro-seconds",
        type=float,
        default=None,
        help="how long long-running operations stay InProgress (default from config: 0)",
    )
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="operations take as long as live ARM's did (config.REALISTIC_LRO_SECONDS) instead of "
        "completing at the first poll",
    )
    args = parser.parse_args(argv)
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        parser.error("the emulator listens on loopback only")
    overrides = {"lro_seconds": {"default": args.lro_seconds}} if args.lro_seconds is not None else None
    if args.realistic:
        overrides = {"lro_seconds": "realistic"}
    try:
        emulator = Emulator(
            args.state,
            config_path=args.config,
            config_overrides=overrides,
            host="127.0.0.1" if args.host == "localhost" else args.host,
            port=args.port,
        )
        if args.realistic:
            emulator.store.config["lro_seconds"] = lro_table("realistic")
            emulator.store.save()
        elif args.lro_seconds is not None:
            emulator.store.config["lro_seconds"]["default"] = args.lro_seconds
            emulator.store.save()
        emulator.start(background=True)
    except OSError as exc:
        sys.stderr.write(
            "emulator: cannot listen on {0}:{1}: {2} (set PORT=... to use another port)\n".format(
                args.host, args.port, exc.strerror or exc
            )
        )
        return 1
    endpoint = emulator.endpoint()
    sys.stdout.write("ExpressRoute emulator listening on {0}\n".format(endpoint["base_url"]))
    sys.stdout.write("  state dir:   {0}\n".format(emulator.state_dir))
    sys.stdout.write("  endpoint:    {0}\n".format(os.path.join(emulator.state_dir, "endpoint.json")))
    sys.stdout.write("  use it:      . {0}\n".format(os.path.join(emulator.state_dir, "env.sh")))
    sys.stdout.write(
        json.dumps(
            {k: endpoint[k] for k in ("subscription_id", "provider_subscription_id", "tenant_id", "client_id")},
            indent=2,
        )
        + "\n"
    )
    sys.stdout.flush()

    stop = {"now": False}

    def _stop(signum, frame):
        stop["now"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop["now"]:
        signal.pause()
    emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
