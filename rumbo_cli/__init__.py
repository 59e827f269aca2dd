"""The ``rumbo`` command line."""
