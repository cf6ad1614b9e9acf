"""The upload size limit: bodies larger than `BANWATCH_MAX_UPLOAD_MB` on the paths that take
records, queries or files (`POST /screen`, `POST /screen/upload`, the web form's
`POST /ui/screen`, an admin's `POST /imports`, yente's `POST /match/{dataset}`) are
refused with 413.

A body announced larger (`Content-Length`) is refused before any of it is
read; one sent without a length is counted as it arrives, and once past
the limit the app is told the client went away (so it stops reading) and
its answer is replaced by the 413. The API answers in the one error shape
(`errors.error_body`), the web form with an error page.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

LIMITED = ("/screen", "/screen/upload", "/ui/screen", "/imports")
LIMITED_UNDER = "/match/"  # yente's matching, any dataset
MB = 1_000_000


def _limited(scope: Scope) -> bool:
    """Whether the request is a POST to a path whose body the limit counts."""
    if scope["type"] != "http" or scope["method"] != "POST":
        return False
    path: str = scope["path"]
    return path in LIMITED or path.startswith(LIMITED_UNDER)


class UploadLimit:
    """Refuse a body of more than `limit_mb` megabytes on the screening paths with 413."""

    def __init__(self, app: ASGIApp, limit_mb: int) -> None:
        self.app = app
        self.limit_mb = limit_mb
        self.limit = limit_mb * MB

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _limited(scope):
            await self.app(scope, receive, send)
            return
        if self._announced(scope) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen, over = 0, False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def held(message: Message) -> None:
            if not over:
                await send(message)

        try:
            await self.app(scope, counted, held)
        except Exception:
            if not over:
                raise
        if over:
            await self._refuse(scope, receive, send)

    @staticmethod
    def _announced(scope: Scope) -> int:
        for name, value in scope.get("headers") or ():
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return 0
        return 0

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = (
            f"the request body is larger than {self.limit_mb} MB, the most this server takes "
            "(BANWATCH_MAX_UPLOAD_MB): split the file, or ask the server's operator for more"
        )
        response: Response
        if scope["path"].startswith("/ui/"):
            # Imported here: the pages import the server's modules.
            from banwatch.web.pages import error_page

            response = error_page(Request(scope), detail, 413)
        else:
            response = JSONResponse(error_body(413, detail, "TooLargeError"), status_code=413)
        response.headers["Connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)
