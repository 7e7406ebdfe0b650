"""The packages of qa-citations, which pyproject.toml cannot list on its own: those found under qa/, vectorstore/ and ui/,
and `vectorstore.bundled`, the folder data/, so that the bundled articles (data/articles/) stay where they are in the
repository and are package data in a wheel (`vectorstore.settings.BUNDLED_ARTICLES`)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["qa*", "vectorstore*", "ui*"]), "vectorstore.bundled"],
    package_dir={"vectorstore.bundled": "data"},
)
