"""The articles that ship with qa-citations (articles/): installed as the package `vectorstore.bundled`, whose package
data they are, so that `vectorstore.settings` finds them with importlib.resources wherever the package is installed."""
