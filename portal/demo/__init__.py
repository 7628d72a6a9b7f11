"""Demo content: the data files in this folder and the loader that puts them in the database
(``loader.py``, run by ``manage.py load_demo_content``)."""
