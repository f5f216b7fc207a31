"""Run localstripe (a Stripe API server for development and tests) safely.

Its own command line binds every interface and pickles its state to /tmp/localstripe.pickle on
every change, so two runs on one machine would share payments. Here it binds 127.0.0.1 only
and keeps its state in memory: each process is a fresh, private Stripe.
"""

import aiohttp.web

WEBHOOK_EVENTS = ["payment_intent.succeeded", "payment_intent.payment_failed"]


def serve(*, port: int, host: str = "127.0.0.1", webhook_url: str = "",
          webhook_secret: str = "") -> None:
    import localstripe.resources
    from localstripe.server import app
    from localstripe.webhooks import register_webhook

    localstripe.resources.Store.dump_to_disk = lambda *args, **kwargs: None
    if webhook_url and webhook_secret:
        # What `POST /_config/webhooks/<id>` does, without waiting for the server to be up.
        register_webhook("ortak", webhook_url, webhook_secret, WEBHOOK_EVENTS)
    aiohttp.web.run_app(app, host=host, port=port, print=None)


if __name__ == "__main__":
    import sys

    serve(port=int(sys.argv[1]))
