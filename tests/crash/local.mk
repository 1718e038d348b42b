# tests/crash/local.mk: tier 4, SIGKILL of FastCGI programs under mixed load through a real lighttpd (SECURITY 21).
TESTS += tests/crash/t_crash.py
EXTRA_DIST += tests/crash/t_crash.py
