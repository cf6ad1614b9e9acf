"""Signed data releases of the registry: published as archives, pulled and switched atomically.

A release is one tar.gz of the registry's YAML files with a signed manifest;
an `index.json` beside the archives lists them newest first. Pulled releases
are unpacked under `<home>/registry/releases/<version>/` and the one in use is
named by one pointer file, so the legal facts update without a new banwatch.
"""
