# tests/lab: the User-Mode-Linux lab and the tests that connect to a real LNS in it.
