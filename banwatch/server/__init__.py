"""`banwatch serve`: a REST API over the screening core and the run store (FastAPI).

The only package that imports FastAPI. Routes are thin (`routes/`), domain
errors become HTTP statuses in one table (`errors`), and yente's matching
API is answered from the same core (`yente`, `yente_shapes`).
"""

from banwatch.server.app import create_app

__all__ = ["create_app"]
