"""schoolwatch: watch what is said about a school on social media, and prove it."""

__version__ = "0.1.0"
