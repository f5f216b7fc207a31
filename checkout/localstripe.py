"""Run localstripe (a Stripe API server for development and tests) safely.

Its own command line binds every interface and pickles its state to /tmp/localstripe.pickle on
every change, so two runs on one machine would share payments. Here it binds 127.0.0.1 only
and keeps its state in memory: each process is a fresh, private Stripe.
"""

import aiohttp.web


def serve(*, port: int, host: str = "127.0.0.1") -> None:
    import localstripe.resources
    from localstripe.server import app

    localstripe.resources.Store.dump_to_disk = lambda *args, **kwargs: None
    aiohttp.web.run_app(app, host=host, port=port, print=None)


if __name__ == "__main__":
    import sys

    serve(port=int(sys.argv[1]))
