"""Downloading CMS files: HTTPS only, to CMS's hosts, streamed, capped, retried, resumed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlparse

from rvucalc.errors import RvucalcError

CMS_HOSTS = frozenset({"www.cms.gov", "cms.gov"})
MAX_DOWNLOAD_BYTES = 300 * 2**20  # CMS's largest quarterly zip is a few tens of MB
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
BY_HAND = "Download it from CMS's page in a browser and install it with `rvucalc data refresh --from FILE`."


class DownloadError(RvucalcError):
    """The file could not be fetched; nothing was installed."""


class Downloader:
    def __init__(
        self,
        *,
        allowed_hosts: frozenset[str] = CMS_HOSTS,
        require_https: bool = True,
        max_bytes: int = MAX_DOWNLOAD_BYTES,
        retries: int = 3,
        timeout: float = 30.0,
        backoff: float = 1.0,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> None:
        self.allowed_hosts = allowed_hosts
        self.require_https = require_https
        self.max_bytes = max_bytes
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff
        self.progress = progress

    def check_url(self, url: str) -> None:
        parts = urlparse(url)
        if self.require_https and parts.scheme != "https":
            raise DownloadError(f"Refused {url}: rvucalc downloads over HTTPS only.")
        if parts.scheme not in ("https", "http") or parts.hostname not in self.allowed_hosts:
            raise DownloadError(
                f"Refused {url}: not a CMS host ({', '.join(sorted(self.allowed_hosts))}). "
                "Download it yourself and use --from FILE."
            )

    def fetch(self, url: str, target: Path) -> Path:
        """Stream ``url`` into ``target``; resume after a dropped connection where the server allows."""
        import httpx

        self.check_url(url)
        asked = url
        attempt = redirects = 0
        while True:
            attempt += 1
            have = target.stat().st_size if target.exists() else 0
            headers = {"Range": f"bytes={have}-"} if have else {}
            try:
                with (
                    httpx.Client(timeout=self.timeout, follow_redirects=False) as client,
                    client.stream("GET", url, headers=headers) as response,
                ):
                    code = response.status_code
                    if code in REDIRECTS:
                        # Followed by hand, only to CMS's hosts over HTTPS: else the redirect's HTML body was
                        # saved and parsed as the file.
                        url, redirects, attempt = self._redirect(asked, url, response, redirects), redirects + 1, 0
                        target.unlink(missing_ok=True)
                        continue
                    if code == 404:
                        raise DownloadError(f"{url}: not found (HTTP 404). CMS may have moved it: {BY_HAND}")
                    if 400 <= code < 500:  # refused (403: a proxy, a login): asking again does not help
                        raise DownloadError(f"{url}: HTTP {code} {response.reason_phrase}: the server refused the "
                                            f"download; nothing was installed. {BY_HAND}")  # fmt: skip
                    if code >= 500:
                        raise httpx.HTTPStatusError(f"HTTP {code} {response.reason_phrase}", request=response.request,
                                                    response=response)  # fmt: skip
                    resumed = response.status_code == 206 and have > 0
                    total = _total(response.headers, have if resumed else 0)
                    if total is not None and total > self.max_bytes:
                        raise DownloadError(f"{url}: {total} bytes is over the {self.max_bytes}-byte cap.")
                    with target.open("ab" if resumed else "wb") as handle:
                        written = have if resumed else 0
                        for block in response.iter_bytes(1 << 16):
                            written += len(block)
                            if written > self.max_bytes:
                                raise DownloadError(f"{url}: more than the {self.max_bytes}-byte cap; refused.")
                            handle.write(block)
                            if self.progress:
                                self.progress(written, total)
                    if total is not None and written != total:
                        raise httpx.RemoteProtocolError(f"got {written} of {total} bytes")
                    return target
            except DownloadError:
                raise
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                if attempt > self.retries:
                    why = str(exc) if isinstance(exc, httpx.HTTPStatusError) else f"{exc.__class__.__name__}: {exc}"
                    raise DownloadError(
                        f"{url}: the download failed after {attempt} attempts ({why}). "
                        f"Nothing was installed; try again later, or {BY_HAND[0].lower()}{BY_HAND[1:]}"
                    ) from None
                time.sleep(self.backoff * 2 ** (attempt - 1))

    def _redirect(self, asked: str, url: str, response: object, redirects: int) -> str:
        location = str(getattr(response, "headers").get("location", ""))  # noqa: B009
        code = getattr(response, "status_code")  # noqa: B009
        if not location.strip():  # a redirect to nowhere: asking again would only loop (a review)
            raise DownloadError(f"{asked}: HTTP {code} with no address to go to; nothing was installed. {BY_HAND}")
        moved = urljoin(url, location)
        try:
            self.check_url(moved)
        except DownloadError:
            raise DownloadError(
                f"{asked}: HTTP {code}, moved to {moved}: not a CMS address over HTTPS, so rvucalc "
                f"does not follow it; nothing was installed. {BY_HAND}"
            ) from None
        if redirects >= MAX_REDIRECTS:
            raise DownloadError(f"{asked}: more than {MAX_REDIRECTS} redirects (the last to {moved}); nothing was "
                                f"installed. {BY_HAND}")  # fmt: skip
        return moved


def _total(headers: object, offset: int) -> int | None:
    length = getattr(headers, "get")("content-length")  # noqa: B009
    return int(length) + offset if length and length.isdigit() else None
