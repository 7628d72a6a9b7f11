"""The shared base both apps build on: vocabulary, publishing, editing history, admin and form
pieces, the content cache and text search.

It imports neither ``resources`` nor ``referrals`` (``tests/test_layering.py`` checks), so the
arrows run one way: the site-wide views, URLs and commands in ``portal`` import the apps, and
the apps import this core.
"""
