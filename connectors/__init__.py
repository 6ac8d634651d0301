"""One module per platform. Connectors are stateless: the warehouse owns cursors.

Each connector is built from injected clients (a ``requests.Session``, a ``tweepy.Client``,
a ``praw.Reddit``, an atproto ``Client``, a Google API resource) and exposes
``fetch``, ``check`` and, where the platform allows it on the school's own account,
``hide``. Connectors never import the warehouse or transforms.
"""
