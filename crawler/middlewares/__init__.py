"""Downloader middlewares: retries that honour Retry-After and back off."""
