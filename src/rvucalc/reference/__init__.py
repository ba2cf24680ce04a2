"""CMS's reference data: releases and their manifests, loaders, compiled stores, geography and refresh.

(The repo's top-level ``data/`` holds CMS's files themselves; this package is the code that reads them.)
"""
