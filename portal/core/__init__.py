"""The shared base both apps build on: vocabulary, publishing, editing history, admin and form
pieces, the content cache, text search and the demo loader's machinery.

It imports neither ``resources`` nor ``referrals`` (``tests/portal/test_layering.py`` checks),
so the arrows run one way: the site-wide views, URLs and commands in ``portal`` import the
apps, and the apps import this core.
"""
