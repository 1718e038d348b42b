# tests/e2e/local.mk: (filled in by its tier)
