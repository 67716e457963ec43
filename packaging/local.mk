# packaging: build rules (filled in by the issue that builds this area)
